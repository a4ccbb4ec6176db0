//! `clean_with_hints`: what a live page's browser computed (elements it does not show,
//! `aria-hidden` elements it does show, language, direction, encoding), applied to the
//! re-parsed markup. The browser side (wasm `cleanDocument`) is tested in Chromium by
//! tests/browser/live-document.test.mjs; here the hints are written by hand.

use article_cleaner::{
    clean, clean_with_hints, Article, ElementHint, HiddenBy, HiddenElement, Options, PageHints,
    RemovalAction, Visibility,
};
use scraper::{Html, Selector};

const ARTICLE: &str = "The council voted on Tuesday to extend the tram line to the northern \
    districts, a project that has been debated for more than a decade. Residents of the \
    affected streets, who had petitioned for the extension, welcomed the decision, while \
    shop owners along the route asked for compensation during the construction works.";

/// A page with a long article, its paragraphs in a container, and one more block `extra` in it.
fn page(extra: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>Tram line extended</title></head><body>\
         <nav><a href=\"/\">Home</a></nav>\
         <div id=\"story\"><h1>Tram line extended</h1>\
         <p>{ARTICLE}</p><p>{ARTICLE}</p>{extra}<p>{ARTICLE}</p></div>\
         <footer>© City News</footer></body></html>"
    )
}

/// What the browser would send for the element matching `css`: its document-order position
/// (the root `<html>` is 0), tag, child element count and text length.
fn element(html: &str, css: &str) -> ElementHint {
    let doc = Html::parse_document(html);
    let sel = Selector::parse(css).expect("selector");
    let target = doc.select(&sel).next().expect("element in page");
    let ordinal = doc
        .root_element()
        .descendants()
        .filter(|n| n.value().is_element())
        .position(|n| n.id() == target.id())
        .expect("ordinal");
    ElementHint {
        ordinal,
        tag: target.value().name().to_string(),
        child_elements: target.children().filter(|c| c.value().is_element()).count(),
        text_chars: target.text().map(|t| t.chars().count()).sum(),
    }
}

fn hidden(html: &str, css: &str, by: HiddenBy) -> PageHints {
    PageHints {
        visibility: Visibility::Computed {
            hidden: vec![HiddenElement {
                element: element(html, css),
                by,
            }],
            shown: vec![],
        },
        ..PageHints::default()
    }
}

fn entries<'a>(a: &'a Article, rule: &str) -> Vec<&'a article_cleaner::Removal> {
    a.removed.iter().filter(|r| r.rule == rule).collect()
}

#[test]
fn a_block_the_browser_hides_is_removed_and_audited_while_the_string_path_keeps_it() {
    let promo = "<div class=\"promo\"><p>Subscribe today and get three months of City News for \
                 the price of one, cancel at any time.</p></div>";
    let html = page(promo);
    let o = Options::default();
    let plain = clean(&html, &o).expect("clean");
    assert!(
        plain.text_content.contains("Subscribe today"),
        "{}",
        plain.text_content
    );

    let live = clean_with_hints(
        &html,
        &o,
        &hidden(&html, "div.promo", HiddenBy::DisplayNone),
    )
    .expect("clean");
    assert!(!live.text_content.contains("Subscribe today"));
    assert!(live.text_content.contains("tram line"));
    let e = entries(&live, "hidden-computed");
    assert_eq!(e.len(), 1, "{:?}", live.removed);
    assert_eq!(e[0].action, RemovalAction::Remove);
    assert!(e[0].reason.contains("display:none"), "{}", e[0].reason);
    assert!(
        e[0].text.starts_with("<div> Subscribe today"),
        "{}",
        e[0].text
    );
}

#[test]
fn each_reason_is_named_in_the_audit() {
    let html = page("<section class=\"x\"><p>Hidden words here.</p></section>");
    for (by, word) in [
        (HiddenBy::DisplayNone, "display:none"),
        (HiddenBy::VisibilityHidden, "visibility:hidden"),
        (
            HiddenBy::ContentVisibilityHidden,
            "content-visibility:hidden",
        ),
        (HiddenBy::ZeroSize, "1 px"),
    ] {
        let a = clean_with_hints(&html, &Options::default(), &hidden(&html, "section.x", by))
            .expect("clean");
        assert!(!a.text_content.contains("Hidden words"));
        let e = entries(&a, "hidden-computed");
        assert!(e[0].reason.contains(word), "{by:?}: {}", e[0].reason);
    }
}

#[test]
fn a_hint_that_does_not_match_the_reparsed_markup_is_not_applied_and_said_so() {
    let html = page("<div class=\"box\"><p>Box text.</p></div>");
    let mut wrong_tag = element(&html, "div.box");
    wrong_tag.tag = "section".into();
    let mut wrong_children = element(&html, "div.box");
    wrong_children.child_elements += 1;
    let mut wrong_text = element(&html, "div.box");
    wrong_text.text_chars += 1;
    // Off by one position: the next element (its <p>), as after a mis-nesting repaired by the
    // parser, whose other fields do not match.
    let mut shifted = element(&html, "div.box");
    shifted.ordinal += 1;
    for h in [wrong_tag, wrong_children, wrong_text, shifted] {
        let hints = PageHints {
            visibility: Visibility::Computed {
                hidden: vec![HiddenElement {
                    element: h.clone(),
                    by: HiddenBy::DisplayNone,
                }],
                shown: vec![],
            },
            ..PageHints::default()
        };
        let a = clean_with_hints(&html, &Options::default(), &hints).expect("clean");
        assert!(a.text_content.contains("Box text."), "{h:?} was applied");
        let e = entries(&a, "hidden-computed");
        assert_eq!(e.len(), 1, "{:?}", a.removed);
        assert_eq!(e[0].action, RemovalAction::Keep);
        assert!(e[0]
            .reason
            .starts_with("1 of the browser's visibility hints did not match"));
        assert_eq!(e[0].text, format!("<{}> #{}", h.tag, h.ordinal));
    }
}

#[test]
fn an_aria_hidden_paragraph_the_browser_shows_stays_in_the_text() {
    let html = page("<p aria-hidden=\"true\">The line opens in 2027, the mayor said.</p>");
    let o = Options::default();
    // From markup alone, aria-hidden drops it (as Readability does).
    let plain = clean(&html, &o).expect("clean");
    assert!(!plain.text_content.contains("opens in 2027"));
    let hints = PageHints {
        visibility: Visibility::Computed {
            hidden: vec![],
            shown: vec![element(&html, "p[aria-hidden]")],
        },
        ..PageHints::default()
    };
    let live = clean_with_hints(&html, &o, &hints).expect("clean");
    assert!(
        live.text_content.contains("opens in 2027"),
        "{}",
        live.text_content
    );
    let e = entries(&live, "visible-computed");
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].action, RemovalAction::Keep);
    assert!(e[0].text.contains("opens in 2027"));
}

#[test]
fn hints_hiding_nearly_all_text_are_not_applied() {
    // The article is in a container the browser does not show yet (a script or a click would).
    let html = page("");
    let a = clean_with_hints(
        &html,
        &Options::default(),
        &hidden(&html, "#story", HiddenBy::DisplayNone),
    )
    .expect("clean");
    assert!(a.text_content.contains("tram line"), "{}", a.text_content);
    let e = entries(&a, "hidden-computed");
    assert_eq!(e.len(), 1, "{:?}", a.removed);
    assert_eq!(e[0].action, RemovalAction::Keep);
    assert!(
        e[0].reason.contains("hides most of this page's text"),
        "{}",
        e[0].reason
    );
}

#[test]
fn the_root_and_body_are_never_removed() {
    let html = page("");
    for css in ["html", "body"] {
        let a = clean_with_hints(
            &html,
            &Options::default(),
            &hidden(&html, css, HiddenBy::DisplayNone),
        )
        .expect("clean");
        assert!(a.text_content.contains("tram line"));
        assert!(entries(&a, "hidden-computed")
            .iter()
            .all(|e| e.action == RemovalAction::Keep));
    }
}

#[test]
fn hidden_text_stays_out_when_the_extractor_retries_on_a_fresh_parse() {
    // A short article (under the 500-character threshold): the page extractor retries with
    // laxer policies on fresh parses of the markup; the hints apply to each parse.
    let html = "<!DOCTYPE html><html><head><title>Short</title></head><body>\
        <div class=\"sidebar\"><p>A short story, told in a few words, with commas, here, and \
        a second clause that makes it longer than the teaser.</p>\
        <div class=\"teaser\"><p>Hidden teaser text for another story, with commas, too.</p></div>\
        </div></body></html>";
    let plain = clean(html, &Options::default()).expect("clean");
    assert!(
        plain.text_content.contains("Hidden teaser"),
        "{}",
        plain.text_content
    );
    let hints = hidden(html, "div.teaser", HiddenBy::VisibilityHidden);
    let a = clean_with_hints(html, &Options::default(), &hints).expect("clean");
    assert!(
        a.text_content.contains("A short story"),
        "{}",
        a.text_content
    );
    assert!(
        !a.text_content.contains("Hidden teaser"),
        "{}",
        a.text_content
    );
    assert_eq!(entries(&a, "hidden-computed").len(), 1);
}

#[test]
fn a_document_without_layout_is_cleaned_from_its_markup_and_says_so() {
    let html = page("<div hidden><p>Hidden by attribute.</p></div>");
    let o = Options::default();
    let hints = PageHints {
        visibility: Visibility::NotRendered,
        ..PageHints::default()
    };
    let a = clean_with_hints(&html, &o, &hints).expect("clean");
    let plain = clean(&html, &o).expect("clean");
    assert_eq!(a.text_content, plain.text_content);
    let e = entries(&a, "hidden-computed");
    assert_eq!(e.len(), 1);
    assert!(e[0].reason.contains("not rendered"));
}

#[test]
fn no_hints_is_exactly_clean() {
    let samples = [
        include_str!("fixtures/samples/dw-feedx-item.html").to_string(),
        page("<div style=\"display:none\">x</div>"),
        "<p>fragment</p>".to_string(),
    ];
    for s in &samples {
        let o = Options::default();
        assert_eq!(
            clean(s, &o).expect("clean"),
            clean_with_hints(s, &o, &PageHints::default()).expect("clean")
        );
    }
}

#[test]
fn the_documents_language_direction_and_encoding() {
    // Han text with no lang in the markup: from the text alone it is Chinese; in a Japanese
    // encoding it is Japanese, in Big5 Traditional Chinese.
    let html = "<!DOCTYPE html><html><head><title>t</title></head><body><article>\
                <p>東京都は本日、新しい計画を発表した。</p></article></body></html>";
    let o = Options::default();
    let with = |charset: &str| PageHints {
        charset: Some(charset.into()),
        ..PageHints::default()
    };
    let plain = clean(html, &o).expect("clean");
    assert!(plain
        .lang
        .as_deref()
        .is_some_and(|l| l.starts_with("zh") || l == "ja"));
    let sjis = clean_with_hints(html, &o, &with("Shift_JIS")).expect("clean");
    assert_eq!(sjis.lang.as_deref(), Some("ja"));
    let big5 = clean_with_hints(html, &o, &with("Big5")).expect("clean");
    assert_eq!(big5.lang.as_deref(), Some("zh-Hant"));
    // Latin text: the encoding says nothing about the language.
    let latin = clean_with_hints(&page(""), &o, &with("Shift_JIS")).expect("clean");
    assert_eq!(latin.lang, None);

    // The document's own lang and resolved dir win over the markup's.
    let html = "<!DOCTYPE html><html lang=\"ar\" dir=\"auto\"><body><article><p>نص</p></article></body></html>";
    let hints = PageHints {
        lang: Some("ar-EG".into()),
        dir: Some("rtl".into()),
        ..PageHints::default()
    };
    let a = clean_with_hints(html, &o, &hints).expect("clean");
    assert_eq!(a.lang.as_deref(), Some("ar-EG"));
    assert_eq!(a.dir.as_deref(), Some("rtl"));
    // Anything but ltr/rtl, and an empty lang, are ignored.
    let hints = PageHints {
        lang: Some(" ".into()),
        dir: Some("auto".into()),
        ..PageHints::default()
    };
    let a = clean_with_hints(html, &o, &hints).expect("clean");
    assert_eq!(a.lang.as_deref(), Some("ar"));
}

#[test]
fn hidden_until_found_is_collapsed_content_not_hidden() {
    // Revealed by find-in-page and fragment links: part of the article, from markup alone too.
    let html = page(
        "<div hidden=\"until-found\"><p>The second phase reaches the airport in 2031.</p></div>\
         <div hidden><p>Plainly hidden text.</p></div>",
    );
    let a = clean(&html, &Options::default()).expect("clean");
    assert!(
        a.text_content.contains("reaches the airport"),
        "{}",
        a.text_content
    );
    assert!(!a.text_content.contains("Plainly hidden"));
}
