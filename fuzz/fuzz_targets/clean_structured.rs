//! Structured input: HTML plus options built from valid rule shapes (selectors, text and URL
//! patterns, guards, every action), so the rule engine is exercised past option validation.
//! Also checks determinism: the same input and options give byte-identical JSON.
#![no_main]

use arbitrary::Arbitrary;
use article_cleaner::Options;
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};

const SELECTORS: &[&str] = &[
    "p", "div", "a", "span", "b, strong", "p, div", "div > p", "div p", ".x", "#y", "[hidden]",
    "img", "li", "h2, h3", "table", "*", "p:first-child", "div:not(.x)", "a[href^='http']",
    "em + p", "p ~ div", "section article p", "body > *",
];
const TEXTS: &[&str] = &[
    ".*", "related.*", "(?:source|来源)[:：]\\s*(.+)", "©.*", "(.*)", "a+", "\\d{4}-\\d{2}-\\d{2}",
    "by (.+)", "(.{0,40})feed.{0,40}", "", "x|y|z",
];
const URLS: &[&str] = &[
    "^https?://([^/]+)/(.*)$", "example\\.com", "utm_", ".*", "images\\.weserv\\.nl", "i[0-3]\\.wp\\.com",
    "camo", "^(.*)$",
];
const FIELDS: &[&str] = &[
    "copyright", "related", "credits", "byline", "published", "source", "siteName",
];
const TEMPLATES: &[&str] = &["https://example.com/$1", "$0", "$2$1", "javascript:alert(1)", "http://[::1]/$9", ""];
const PAGE_URLS: &[&str] = &[
    "https://example.com/a", "https://www.dw.com/zh/a-1", "http://[::1]:8080/x?y#z", "mailto:a@b.c",
    "https://xn--n3h.example/%zz",
];

#[derive(Arbitrary, Debug)]
enum Act {
    Remove { with_separators: bool, with_next: bool },
    Extract { field: u8, with_next: bool },
    Capture { field: u8 },
    Promote { level: u8 },
    Keep,
    Rewrite { template: u8 },
    Unwrap { encoding: u8, param: Option<String> },
    Strip { names: Vec<String>, prefixes: Vec<String> },
}

#[derive(Arbitrary, Debug)]
struct RuleSpec {
    id: u8,
    selector: Option<u8>,
    text: Option<u8>,
    url: Option<u8>,
    bold_only: bool,
    first: Option<u8>,
    last: Option<u8>,
    max_chars: Option<u16>,
    min_link_density: Option<u8>,
    feeds: bool,
    domains: bool,
    action: Act,
    free_text: Option<String>,
}

#[derive(Arbitrary, Debug)]
struct Input {
    html: String,
    rules: Vec<RuleSpec>,
    disable: Vec<u8>,
    builtin_rules: bool,
    unwrap_proxies: u8,
    strip_tracking: bool,
    find_article: bool,
    url: Option<u8>,
    max_elements: Option<u16>,
}

fn pick<'a>(list: &[&'a str], i: u8) -> &'a str {
    list.get(usize::from(i) % list.len()).copied().unwrap_or("")
}

fn rule_json(r: &RuleSpec) -> Value {
    let mut m = serde_json::Map::new();
    if let Some(s) = r.selector {
        m.insert("selector".into(), json!(pick(SELECTORS, s)));
    }
    match (&r.free_text, r.text) {
        (Some(t), _) if r.id % 7 == 0 => {
            m.insert("text".into(), json!(t));
        }
        (_, Some(t)) => {
            m.insert("text".into(), json!(pick(TEXTS, t)));
        }
        _ => {}
    }
    if let Some(u) = r.url {
        m.insert("url".into(), json!(pick(URLS, u)));
    }
    if r.bold_only {
        m.insert("boldOnly".into(), json!(true));
    }
    let mut g = serde_json::Map::new();
    if let Some(v) = r.first {
        g.insert("first".into(), json!(v));
    }
    if let Some(v) = r.last {
        g.insert("last".into(), json!(v));
    }
    if let Some(v) = r.max_chars {
        g.insert("maxChars".into(), json!(v));
    }
    if let Some(v) = r.min_link_density {
        g.insert("minLinkDensity".into(), json!(f64::from(v) / 255.0));
    }
    let action = match &r.action {
        Act::Remove { with_separators, with_next } => {
            json!({"type": "remove", "withSeparators": with_separators, "withNext": with_next})
        }
        Act::Extract { field, with_next } => {
            json!({"type": "extract", "field": pick(FIELDS, *field), "withNext": with_next})
        }
        Act::Capture { field } => json!({"type": "capture", "field": pick(FIELDS, *field)}),
        Act::Promote { level } => json!({"type": "promoteHeading", "level": 2 + level % 5}),
        Act::Keep => json!({"type": "keep"}),
        Act::Rewrite { template } => json!({"type": "rewriteUrl", "template": pick(TEMPLATES, *template)}),
        Act::Unwrap { encoding, param } => {
            let enc = pick(&["query", "path", "hexPath"], *encoding);
            match param {
                Some(p) => json!({"type": "unwrapProxy", "encoding": enc, "param": p}),
                None => json!({"type": "unwrapProxy", "encoding": enc}),
            }
        }
        Act::Strip { names, prefixes } => {
            json!({"type": "stripParams", "names": names, "prefixes": prefixes})
        }
    };
    let mut scope = serde_json::Map::new();
    if r.feeds {
        scope.insert("feeds".into(), json!(["feedx", "wordpress"]));
    }
    if r.domains {
        scope.insert("domains".into(), json!(["example.com", "dw.com"]));
    }
    json!({
        "id": format!("fuzz-{}", r.id),
        "scope": Value::Object(scope),
        "match": Value::Object(m),
        "guard": Value::Object(g),
        "action": action,
    })
}

fuzz_target!(|input: Input| {
    let mut o = serde_json::Map::new();
    o.insert("rules".into(), Value::Array(input.rules.iter().take(16).map(rule_json).collect()));
    o.insert(
        "disableRules".into(),
        json!(input.disable.iter().map(|d| format!("fuzz-{d}")).collect::<Vec<_>>()),
    );
    o.insert("builtinRules".into(), json!(input.builtin_rules));
    o.insert("unwrapProxies".into(), json!(pick(&["off", "metadata", "rewrite"], input.unwrap_proxies)));
    o.insert("stripTracking".into(), json!(input.strip_tracking));
    o.insert("findArticle".into(), json!(input.find_article));
    if let Some(u) = input.url {
        o.insert("url".into(), json!(pick(PAGE_URLS, u)));
    }
    if let Some(m) = input.max_elements {
        o.insert("maxElements".into(), json!(m));
    }
    let options = match Options::from_json_value(Value::Object(o)) {
        Ok(o) => o,
        Err(e) => {
            assert!(matches!(e.code(), "INVALID_OPTIONS" | "INVALID_RULE"), "{e}");
            return;
        }
    };
    let first = article_cleaner_fuzz::run(input.html.clone(), options.clone());
    let second = article_cleaner_fuzz::run(input.html, options);
    assert_eq!(first, second, "same input and options must give the same JSON");
});
