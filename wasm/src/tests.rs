//! Tests of the wasm boundary, run inside a wasm engine: `wasm-pack test --node wasm` and
//! `WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome wasm` (scripts/test.sh runs both).
//!
//! They live in the crate (not wasm/tests/) because the crate is a cdylib only (for LTO), which
//! integration tests cannot link against.

use super::*;
use js_sys::{Array, Reflect, JSON};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

/// `clean(string)`: the exports take `string | Uint8Array` as a `JsValue`.
fn clean(html: &str, options: Option<CleanOptionsArg>) -> Result<JsValue, JsValue> {
    super::clean(JsValue::from_str(html), options)
}

/// `cleanToJson(string)`.
fn clean_to_json(html: &str, options: Option<CleanOptionsArg>) -> Result<String, JsValue> {
    super::clean_to_json(JsValue::from_str(html), options)
}

const DW_SAMPLE: &str = include_str!("../../tests/fixtures/samples/dw-feedx-item.html");

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn get_str(obj: &JsValue, key: &str) -> Option<String> {
    get(obj, key).as_string()
}

fn opts(json: &str) -> Option<CleanOptionsArg> {
    Some(
        JSON::parse(json)
            .expect("valid JSON in test")
            .unchecked_into(),
    )
}

fn stringify(v: &JsValue) -> String {
    JSON::stringify(v)
        .expect("stringify")
        .as_string()
        .expect("string")
}

#[wasm_bindgen_test]
fn dw_sample_is_cleaned_through_the_wasm_build() {
    let article = clean(DW_SAMPLE, None).expect("clean");
    assert_eq!(
        get(&article, "version").as_f64(),
        Some(f64::from(contract_version()))
    );
    assert_eq!(get_str(&article, "inputKind").as_deref(), Some("feedItem"));
    assert_eq!(get_str(&article, "feed").as_deref(), Some("feedx"));
    assert_eq!(
        get_str(&article, "title").as_deref(),
        Some("美中官員互動起死回生　經濟工作組北京首會")
    );
    let blocks: Array = get(&article, "blocks")
        .dyn_into()
        .expect("blocks is an array");
    assert!(blocks.length() >= 10, "{} blocks", blocks.length());
    let content = get_str(&article, "content").expect("content");
    assert!(content.contains("德國之聲中文網"));
    assert!(!content.to_ascii_lowercase().contains("<script"));
    // Absent values are null, never undefined (json_compatible serializer).
    assert!(get(&article, "byline").is_null());
}

#[wasm_bindgen_test]
fn clean_object_and_clean_to_json_agree() {
    let inputs = [
        DW_SAMPLE,
        "<p>Hello <b>world</b></p>",
        "",
        "<html><head><title>T</title></head><body><article><h1>T</h1><p>Body text.</p></article></body></html>",
    ];
    for html in inputs {
        let object = clean(html, None).expect("clean");
        let json = clean_to_json(html, None).expect("cleanToJson");
        assert_eq!(stringify(&object), json, "input {html:?}");
    }
}

#[wasm_bindgen_test]
fn null_undefined_and_absent_options_are_the_defaults() {
    let html = "<p>Some <a href=\"/x\">text</a>.</p>";
    let none = clean_to_json(html, None).expect("none");
    let null = clean_to_json(html, Some(JsValue::NULL.unchecked_into())).expect("null");
    let undef = clean_to_json(html, Some(JsValue::UNDEFINED.unchecked_into())).expect("undefined");
    let empty = clean_to_json(html, opts("{}")).expect("empty object");
    assert_eq!(none, null);
    assert_eq!(none, undef);
    assert_eq!(none, empty);
}

#[wasm_bindgen_test]
fn options_object_is_applied() {
    let html = "<p>Read <a href=\"/rel/page\">this</a> now.</p>";
    let article = clean(html, opts(r#"{"url":"https://example.org/a/"}"#)).expect("clean");
    let links: Array = get(&article, "links").dyn_into().expect("links");
    assert_eq!(links.length(), 1);
    assert_eq!(
        get_str(&links.get(0), "href").as_deref(),
        Some("https://example.org/rel/page")
    );
}

#[wasm_bindgen_test]
fn unsafe_markup_never_reaches_the_output() {
    let html = "<p>hi<script>alert(1)</script><img src=x onerror=alert(1)>\
                <a href=\"javascript:alert(1)\">j</a></p>";
    let content = get_str(&clean(html, None).expect("clean"), "content").expect("content");
    let lower = content.to_ascii_lowercase();
    for bad in ["<script", "onerror", "javascript:"] {
        assert!(!lower.contains(bad), "{bad} in {content}");
    }
}

#[wasm_bindgen_test]
fn invalid_options_throw_a_typed_error() {
    let err = clean("<p>x</p>", opts(r#"{"url":5}"#)).expect_err("must fail");
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(
        get_str(&err, "name").as_deref(),
        Some("ArticleCleanerError")
    );
    assert_eq!(get_str(&err, "code").as_deref(), Some("INVALID_OPTIONS"));
    assert_eq!(get_str(&err, "path").as_deref(), Some("url"));

    let err = clean("<p>x</p>", opts(r#"{"noSuchOption":true}"#)).expect_err("unknown key");
    assert_eq!(get_str(&err, "code").as_deref(), Some("INVALID_OPTIONS"));

    // Not an object at all.
    let err = clean_to_json("<p>x</p>", opts("42")).expect_err("number");
    assert_eq!(get_str(&err, "code").as_deref(), Some("INVALID_OPTIONS"));
}

#[wasm_bindgen_test]
fn limits_throw_a_typed_error() {
    let err = clean(
        "<p>more than ten bytes</p>",
        opts(r#"{"maxInputBytes":10}"#),
    )
    .expect_err("too large");
    assert_eq!(get_str(&err, "code").as_deref(), Some("INPUT_TOO_LARGE"));
    assert_eq!(get(&err, "limit").as_f64(), Some(10.0));
}

#[wasm_bindgen_test]
fn deep_nesting_does_not_overflow_the_wasm_stack() {
    let depth = 2000;
    let html = format!(
        "{}<p>deep text</p>{}",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    // Deeper than the default maxDepth (1024): a typed error, not a trap.
    let err = clean(&html, None).expect_err("too deep");
    assert_eq!(get_str(&err, "code").as_deref(), Some("TOO_DEEP"));
    // With the limit raised, the walk over 2,000 levels fits the wasm stack.
    let article = clean(&html, opts(r#"{"maxDepth":5000}"#)).expect("clean");
    assert_eq!(
        get_str(&article, "textContent").as_deref(),
        Some("deep text")
    );
}

#[wasm_bindgen_test]
fn rules_version_and_contract_version() {
    let rules: Array = rules().expect("rules").dyn_into().expect("array");
    assert!(rules.length() > 0);
    for r in rules.iter() {
        assert!(get_str(&r, "id").is_some_and(|id| !id.is_empty()));
    }
    assert_eq!(version(), article_cleaner::VERSION);
    assert!(contract_version() >= 1);
}

// ---- cleanDocument: the live DOM through web-sys --------------------------------------------

/// The CSS and markup of a news page whose boilerplate only its stylesheet hides.
const LIVE_CSS: &str = ".promo { display: none } \
    .ghost { visibility: hidden } \
    @media (min-width: 1px) { .wide-only-hidden { display: none } } \
    .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0) }";

fn live_article() -> String {
    let para = "The council voted on Tuesday to extend the tram line to the northern districts, \
        a project that has been debated for more than a decade, and residents welcomed it.";
    format!(
        "<article id=\"live-test\"><h1>Tram line extended</h1><p>{para}</p><p>{para}</p>\
         <div class=\"promo\"><p>PROMO-TEXT subscribe now for one euro a month.</p></div>\
         <p>{para}</p><div class=\"ghost\"><p>GHOST-TEXT you never see this line.</p></div>\
         <section class=\"wide-only-hidden\"><p>MEDIA-TEXT hidden by a media query.</p></section>\
         <p class=\"sr\">SR-TEXT visually hidden label.</p><p>{para}</p></article>"
    )
}

#[wasm_bindgen_test]
fn clean_document_without_a_dom_is_a_typed_error() {
    // Anything that is not a document is refused, in every environment.
    for bad in [
        JsValue::from_str("<p>html</p>"),
        JsValue::from(42),
        js_sys::Object::new().into(),
    ] {
        let err = clean_document(Some(bad), None).expect_err("not a document");
        assert_eq!(
            get_str(&err, "name").as_deref(),
            Some("ArticleCleanerError")
        );
        assert_eq!(get_str(&err, "code").as_deref(), Some("NO_DOCUMENT"));
    }
    if web_sys::window().is_none() {
        // Node.js: no `document` to default to.
        let err = clean_document(None, None).expect_err("no DOM in Node");
        assert!(err.is_instance_of::<js_sys::Error>());
        assert_eq!(get_str(&err, "code").as_deref(), Some("NO_DOCUMENT"));
        assert!(get_str(&err, "message")
            .unwrap_or_default()
            .contains("clean(html)"));
    }
}

#[wasm_bindgen_test]
fn clean_document_leaves_out_what_the_stylesheet_hides_and_the_string_path_keeps() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return; // Node.js: covered by clean_document_without_a_dom_is_a_typed_error
    };
    let head = doc.query_selector("head").ok().flatten().expect("head");
    let body = doc.body().expect("body");
    let style = doc.create_element("style").expect("style");
    style.set_text_content(Some(LIVE_CSS));
    head.append_child(&style).expect("append style");
    let holder = doc.create_element("div").expect("div");
    holder.set_inner_html(&live_article());
    body.append_child(&holder).expect("append article");

    let before = doc.document_element().expect("root").outer_html();
    let live = clean_document(None, None).expect("cleanDocument");
    let after = doc.document_element().expect("root").outer_html();
    let string = clean(&before, None).expect("clean");
    holder.remove();
    style.remove();

    assert_eq!(before, after, "cleanDocument changed the page");
    let live_text = get_str(&live, "textContent").unwrap_or_default();
    let string_text = get_str(&string, "textContent").unwrap_or_default();
    assert!(live_text.contains("tram line"), "{live_text}");
    for marker in ["PROMO-TEXT", "GHOST-TEXT", "MEDIA-TEXT", "SR-TEXT"] {
        assert!(
            string_text.contains(marker),
            "the string path lost {marker}: {string_text}"
        );
        assert!(
            !live_text.contains(marker),
            "cleanDocument kept {marker}: {live_text}"
        );
    }
    let removed: Array = get(&live, "removed").dyn_into().expect("removed");
    // The audit names each with the reason (the test runner's own page hides things too).
    let reason_of = |marker: &str| {
        removed
            .iter()
            .find(|r| {
                get_str(r, "rule").as_deref() == Some("hidden-computed")
                    && get_str(r, "text").is_some_and(|t| t.contains(marker))
            })
            .and_then(|r| get_str(&r, "reason"))
            .unwrap_or_default()
    };
    assert!(reason_of("PROMO-TEXT").contains("display:none"));
    assert!(reason_of("GHOST-TEXT").contains("visibility:hidden"));
    assert!(reason_of("MEDIA-TEXT").contains("display:none"));
    assert!(reason_of("SR-TEXT").contains("1 px"));
    // The document's URL is the default `url` (the string path has none).
    let origin = doc.url().expect("url");
    let origin = origin.split('/').take(3).collect::<Vec<_>>().join("/");
    assert!(
        get_str(&live, "url").is_some_and(|u| u.starts_with(&origin)),
        "{origin}"
    );
    assert!(get(&string, "url").is_null());
}

#[wasm_bindgen_test]
fn bytes_are_decoded_by_their_declaration_or_a_guess() {
    let page: &[u8] = include_bytes!("../../tests/fixtures/encodings/windows-1252-meta.html");
    let bytes = js_sys::Uint8Array::from(page);
    let article = super::clean(bytes.clone().into(), None).expect("clean bytes");
    let text = get_str(&article, "textContent").expect("textContent");
    assert!(
        text.contains("Alle Menschen sind frei und gleich an Würde"),
        "{text}"
    );
    let json = super::clean_to_json(bytes.into(), None).expect("cleanToJson bytes");
    assert!(json.contains("Brüderlichkeit"));
    // Declared: decoded by TextDecoder. (Undeclared legacy bytes are windows-1252 here: the
    // module carries no detector.)
    let sjis: &[u8] = include_bytes!("../../tests/fixtures/encodings/shift_jis-meta.html");
    let article = super::clean(js_sys::Uint8Array::from(sjis).into(), None).expect("clean");
    assert!(get_str(&article, "textContent")
        .expect("textContent")
        .contains("すべての人間は、生まれながらにして自由であり"));
    assert_eq!(get_str(&article, "lang").as_deref(), Some("ja"));
}

#[wasm_bindgen_test]
fn input_of_another_type_is_a_type_error() {
    let err = super::clean(JsValue::from_f64(5.0), None).expect_err("a number");
    assert!(err.is_instance_of::<js_sys::TypeError>());
}
