//! Tests of the wasm boundary, run inside a wasm engine: `wasm-pack test --node wasm` and
//! `WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome wasm` (scripts/test.sh runs both).
//!
//! They live in the crate (not wasm/tests/) because the crate is a cdylib only (for LTO), which
//! integration tests cannot link against.

use super::*;
use js_sys::{Array, Reflect, JSON};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

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
