//! Rules as data: user rules add and override by id, `disableRules`, scopes (feed, domain
//! suffix, URL pattern), `keep`, and the audit trail naming every rule that fired.

use article_cleaner::{builtin_rules, clean, Article, Block, Options, RemovalAction};
use serde_json::json;

fn run(html: &str, options: serde_json::Value) -> Article {
    let o = Options::from_json_value(options).expect("options parse");
    clean(html, &o).expect("clean")
}

fn fired(a: &Article) -> Vec<&str> {
    a.removed.iter().map(|r| r.rule.as_str()).collect()
}

const FEEDX_ITEM: &str = "<!--1707194823000-->\n[T](https://www.dw.com/zh/x/a-1)\n------\n\
<p>First paragraph of the story, long enough to be prose.</p>\
<p>PROMO: buy our app today</p>\
<p>Last paragraph of the story.</p>\
<br><hr><div>获取更多RSS：<br><a href=\"https://feedx.net\">https://feedx.net</a></div>";

const PLAIN: &str = "<p>First paragraph of the story, long enough to be prose.</p>\
<p>PROMO: buy our app today</p><p>Last paragraph of the story.</p>";

fn promo_rule(scope: serde_json::Value) -> serde_json::Value {
    json!({
        "id": "promo-line",
        "description": "Promo lines",
        "scope": scope,
        "match": {"text": "promo:.*"},
        "action": {"type": "remove"}
    })
}

#[test]
fn user_rule_adds_and_is_audited_with_its_id() {
    let a = run(PLAIN, json!({"rules": [promo_rule(json!({}))]}));
    assert!(!a.text_content.contains("PROMO"), "{}", a.text_content);
    let r = a
        .removed
        .iter()
        .find(|r| r.rule == "promo-line")
        .expect("audited");
    assert_eq!(r.action, RemovalAction::Remove);
    assert_eq!(r.reason, "Promo lines");
    assert_eq!(r.text, "PROMO: buy our app today");
}

#[test]
fn user_rule_overrides_builtin_by_id() {
    let item = "<p>Body text of the article.</p><p>© 2024 Example Corp.</p>";
    let a = run(item, json!({}));
    assert_eq!(a.copyright.as_deref(), Some("© 2024 Example Corp."));
    // Same id, different action: the built-in is replaced, not run twice.
    let a = run(
        item,
        json!({"rules": [{"id": "copyright", "match": {"text": "©.*"}, "action": {"type": "remove"}}]}),
    );
    assert_eq!(a.copyright, None);
    let entries: Vec<_> = a.removed.iter().filter(|r| r.rule == "copyright").collect();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].action, RemovalAction::Remove);
    assert!(!a.text_content.contains("Example Corp"));
}

#[test]
fn disable_rules_switches_off_builtins_and_user_rules() {
    let a = run(FEEDX_ITEM, json!({"disableRules": ["feedx-footer"]}));
    assert!(a.text_content.contains("获取更多RSS"), "{}", a.text_content);
    assert!(!fired(&a).contains(&"feedx-footer"));
    let a = run(
        PLAIN,
        json!({"rules": [promo_rule(json!({}))], "disableRules": ["promo-line"]}),
    );
    assert!(a.text_content.contains("PROMO"));
    let a = run(FEEDX_ITEM, json!({"builtinRules": false}));
    assert!(a.text_content.contains("获取更多RSS"));
    assert!(a
        .removed
        .iter()
        .all(|r| r.rule == "envelope" || r.action == RemovalAction::Sanitize));
}

#[test]
fn scope_by_detected_feed() {
    let rules = json!({"rules": [promo_rule(json!({"feeds": ["feedx"]}))]});
    let a = run(FEEDX_ITEM, rules.clone());
    assert_eq!(a.feed.as_deref(), Some("feedx"));
    assert!(fired(&a).contains(&"promo-line"));
    let a = run(PLAIN, rules);
    assert_eq!(a.feed, None);
    assert!(a.text_content.contains("PROMO"));
}

#[test]
fn scope_by_domain_suffix() {
    let rules = |url: Option<&str>| {
        let mut o = json!({"rules": [promo_rule(json!({"domains": ["dw.com"]}))]});
        if let Some(u) = url {
            o["url"] = json!(u);
        }
        o
    };
    for (url, fires) in [
        (Some("https://www.dw.com/zh/a-1"), true),
        (Some("https://dw.com/a-1"), true),
        (Some("https://DW.COM/a-1"), true),
        (Some("https://notdw.com/a-1"), false),
        (Some("https://dw.com.evil.example/a-1"), false),
        (None, false),
    ] {
        let a = run(PLAIN, rules(url));
        assert_eq!(fired(&a).contains(&"promo-line"), fires, "{url:?}");
    }
    // The envelope's URL counts as the article URL.
    let a = run(
        FEEDX_ITEM,
        json!({"rules": [promo_rule(json!({"domains": [".dw.com"]}))]}),
    );
    assert!(fired(&a).contains(&"promo-line"));
}

#[test]
fn scope_by_url_pattern_and_all_scopes_must_hold() {
    let o = |scope: serde_json::Value, url: &str| json!({"url": url, "rules": [promo_rule(scope)]});
    let p = json!({"urlPatterns": ["/zh/", "/a-\\d+$"]});
    assert!(fired(&run(PLAIN, o(p.clone(), "https://x.test/zh/story"))).contains(&"promo-line"));
    assert!(fired(&run(PLAIN, o(p.clone(), "https://x.test/en/a-42"))).contains(&"promo-line"));
    assert!(!fired(&run(PLAIN, o(p, "https://x.test/en/story"))).contains(&"promo-line"));
    // domains AND urlPatterns
    let both = json!({"domains": ["x.test"], "urlPatterns": ["/zh/"]});
    assert!(fired(&run(PLAIN, o(both.clone(), "https://x.test/zh/s"))).contains(&"promo-line"));
    assert!(!fired(&run(PLAIN, o(both, "https://y.test/zh/s"))).contains(&"promo-line"));
}

#[test]
fn keep_protects_from_builtin_removals() {
    let item = "<p>Body text of the article goes here.</p><p class=\"keep\">© 2024 but this line is wanted</p>";
    let a = run(item, json!({}));
    assert!(a.copyright.is_some());
    let a = run(
        item,
        json!({"rules": [{"id": "keep-it", "match": {"selector": "p.keep"}, "action": {"type": "keep"}}]}),
    );
    assert_eq!(a.copyright, None);
    assert!(a.text_content.contains("this line is wanted"));
}

#[test]
fn every_action_type_is_audited_with_the_rule_id() {
    let item = "<p>(Example News) Opening paragraph with a dateline and enough words.</p>\
<p><b>Section</b></p>\
<p>See <a href=\"https://old.example/post/7\">this</a> and <a href=\"https://new.example/q?tracker=1&amp;id=3\">that</a>.</p>\
<img src=\"https://proxy.example/?src=https%3A%2F%2Fimg.example%2Fa.jpg\" alt=\"a\">\
<p>BYLINE: Jane Doe</p>";
    let rules = json!([
        {"id": "u-capture", "match": {"selector": "p", "text": "\\(([^()]+)\\).*"}, "guard": {"first": 1}, "action": {"type": "capture", "field": "source"}},
        {"id": "u-heading", "match": {"selector": "p", "boldOnly": true}, "action": {"type": "promoteHeading", "level": 3}},
        {"id": "u-rewrite", "match": {"url": "^https://old\\.example/post/(\\d+)"}, "action": {"type": "rewriteUrl", "template": "https://new.example/p/$1"}},
        {"id": "u-strip", "match": {"url": "new\\.example"}, "action": {"type": "stripParams", "names": ["tracker"]}},
        {"id": "u-proxy", "match": {"url": "^https://proxy\\.example/"}, "action": {"type": "unwrapProxy", "encoding": "query", "param": "src"}},
        {"id": "u-byline", "match": {"text": "byline: (.+)"}, "action": {"type": "extract", "field": "byline"}}
    ]);
    // The built-in bold-subheading would promote first; switch it off.
    let a = run(
        item,
        json!({"rules": rules, "disableRules": ["bold-subheading"]}),
    );
    let ids = fired(&a);
    for id in [
        "u-capture",
        "u-heading",
        "u-rewrite",
        "u-strip",
        "u-proxy",
        "u-byline",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    assert_eq!(a.source.as_deref(), Some("Example News"));
    assert_eq!(a.byline.as_deref(), Some("Jane Doe"));
    assert!(a
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Heading { level: 3, text, .. } if text == "Section")));
    assert_eq!(a.links[0].href, "https://new.example/p/7");
    assert_eq!(a.links[1].href, "https://new.example/q?id=3");
    assert!(a
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Image { src, .. } if src == "https://img.example/a.jpg")));
    // The capture left the dateline in the text.
    assert!(a.text_content.starts_with("(Example News) Opening"));
}

#[test]
fn builtin_rules_have_unique_ids_and_descriptions() {
    let rules = builtin_rules();
    assert!(rules.len() >= 30);
    let mut ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), rules.len());
    assert!(rules.iter().all(|r| !r.description.is_empty()));
}

#[test]
fn text_rules_fold_traditional_simplified_and_width() {
    // A pattern written in Simplified matches Traditional text with full-width punctuation,
    // and the other way round.
    let rule = |pattern: &str| json!({"rules": [{"id": "label", "match": {"text": pattern}, "action": {"type": "remove"}}]});
    let trad = "<p>Body paragraph that stays in place.</p><p>推薦閱讀：下一篇</p>";
    let simp = "<p>Body paragraph that stays in place.</p><p>推荐阅读:下一篇</p>";
    for (html, pattern) in [
        (trad, "推荐阅读[:：].*"),
        (simp, "推薦閱讀：.*"),
        (trad, "推荐阅读:.*"),
    ] {
        let a = run(html, rule(pattern));
        assert!(
            fired(&a).contains(&"label"),
            "{pattern} on {html}: {:?}",
            a.removed
        );
    }
    // Full-width Latin letters and the ideographic space fold too.
    let a = run(
        "<p>Body paragraph that stays in place.</p><p>ＲＳＳ\u{3000}Feed</p>",
        rule("rss feed"),
    );
    assert!(fired(&a).contains(&"label"));
}
