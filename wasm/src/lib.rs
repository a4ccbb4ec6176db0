//! The wasm boundary of article-cleaner: converts JS values to the core's types and back.
//! Nothing else in the project names wasm-bindgen, js-sys or web-sys; the DOM is read through
//! web-sys only ([`live`]).
// A panic in wasm aborts the call (panic = "abort"): the same lints as the core.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]

use article_cleaner::{Error, Options};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = include_str!("../../types/article-cleaner.d.ts");

/// `cleanDocument(doc?: Document)` names the DOM's `Document`. A project compiled without the
/// DOM library (Node only) has no such type; this empty declaration gives it one (any object:
/// the call then throws NO_DOCUMENT), and merges away where the DOM library declares it.
#[wasm_bindgen(typescript_custom_section)]
const TS_DOCUMENT: &str = "declare global {\n  interface Document {}\n}\n";

/// Installs the panic hook (once) so a panic reaches `console.error` with its message before the
/// wasm trap. Called by every export rather than a `#[wasm_bindgen(start)]` function, which would
/// add a public `start()` to the package's API.
fn hook() {
    console_error_panic_hook::set_once();
}

#[wasm_bindgen]
extern "C" {
    /// The `options` argument, typed as the contract's `CleanOptions` in the declarations.
    /// Taken as `Option<…>`, so the parameter is optional (`options?: CleanOptions | null`).
    #[wasm_bindgen(typescript_type = "CleanOptions")]
    pub type CleanOptionsArg;
}

fn serializer() -> serde_wasm_bindgen::Serializer {
    // JSON-compatible: plain objects, and `null` rather than `undefined` for absent values.
    serde_wasm_bindgen::Serializer::json_compatible()
}

/// Turns a core error into a JS `Error` with `code` and the structured fields.
fn js_error(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("ArticleCleanerError");
    let info = e.info();
    if let Ok(obj) = info.serialize(&serializer()) {
        let _ = js_sys::Object::assign(&err, &js_sys::Object::from(obj));
    }
    err.into()
}

fn options_from(options: Option<CleanOptionsArg>) -> Result<Options, JsValue> {
    hook();
    let Some(options) = options
        .map(JsValue::from)
        .filter(|o| !o.is_undefined() && !o.is_null())
    else {
        return Ok(Options::default());
    };
    let value: serde_json::Value = serde_wasm_bindgen::from_value(options).map_err(|e| {
        js_error(&Error::InvalidOptions {
            path: String::new(),
            message: format!("options must be a plain object: {e}"),
        })
    })?;
    Options::from_json_value(value).map_err(|e| js_error(&e))
}

/// The `input` argument: a string, or the page's bytes (decoded in Rust as a browser would:
/// byte-order mark, then `<meta charset>`, then a guess).
fn clean_json(input: &JsValue, opts: &Options) -> Result<String, JsValue> {
    let out = if let Some(text) = input.as_string() {
        article_cleaner::clean_to_json(&text, opts, false)
    } else if let Some(bytes) = input.dyn_ref::<js_sys::Uint8Array>() {
        return clean_bytes(&bytes.to_vec(), opts);
    } else {
        return Err(js_sys::TypeError::new("input must be a string or a Uint8Array").into());
    };
    out.map_err(|e| js_error(&e))
}

/// Bytes: the encoding chosen in Rust (BOM, `<meta charset>`, else UTF-8 when valid, else
/// windows-1252: the core's `guess` feature is off here), decoded by the engine's
/// `TextDecoder` for anything but UTF-8, so the module carries no decoding tables (about 160
/// KB gzip with encoding_rs's decoders and chardetng).
fn clean_bytes(bytes: &[u8], opts: &Options) -> Result<String, JsValue> {
    if bytes.len() > opts.max_input_bytes {
        return Err(js_error(&Error::InputTooLarge {
            limit: opts.max_input_bytes,
            found: bytes.len(),
        }));
    }
    let (enc, _) = article_cleaner::decode::sniff(bytes, opts.url.as_deref());
    let text = if enc == article_cleaner::decode::UTF_8 {
        let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        String::from_utf8_lossy(body).into_owned()
    } else {
        let decoder = web_sys::TextDecoder::new_with_label(enc.name())?;
        decoder.decode_with_u8_array(bytes)?
    };
    article_cleaner::clean_decoded_to_json(&text, enc.name(), opts).map_err(|e| js_error(&e))
}

/// Cleans an article (feed item, fragment or whole page) and returns the article object.
/// `input` is the HTML as a string, or as bytes (a `Uint8Array`, e.g. a fetched page's
/// `new Uint8Array(await response.arrayBuffer())`) in any encoding a browser reads.
#[wasm_bindgen(js_name = clean, unchecked_return_type = "Article")]
pub fn clean(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
    options: Option<CleanOptionsArg>,
) -> Result<JsValue, JsValue> {
    let opts = options_from(options)?;
    // One JSON string across the boundary and the engine's own JSON.parse build the result
    // far faster than one boundary call per field and string (serde-wasm-bindgen): 2.9 vs 4.6
    // ms on the DW item in Node. The values are the same: the JSON is the contract's, with
    // `null` for absent values, as the json_compatible serializer gives.
    js_sys::JSON::parse(&clean_json(&input, &opts)?)
}

/// Cleans an article and returns the JSON text (byte-identical to the native CLI's output).
/// `input` as for `clean`.
#[wasm_bindgen(js_name = cleanToJson)]
pub fn clean_to_json(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
    options: Option<CleanOptionsArg>,
) -> Result<String, JsValue> {
    let opts = options_from(options)?;
    clean_json(&input, &opts)
}

/// Cleans the article of a live DOM document: `doc`, or the current `document` when absent.
/// Reads what the page knows and its markup does not (elements the browser does not show, the
/// document's URL as the default `url`, its language, direction and encoding), serializes the
/// document once and cleans that. The page is never changed. Throws `NO_DOCUMENT` where there
/// is no DOM (Node.js, a worker) or `doc` is not a document.
#[wasm_bindgen(js_name = cleanDocument, unchecked_return_type = "Article")]
pub fn clean_document(
    #[wasm_bindgen(unchecked_optional_param_type = "Document | null")] doc: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "CleanOptions | null")] options: Option<
        CleanOptionsArg,
    >,
) -> Result<JsValue, JsValue> {
    let mut opts = options_from(options)?;
    let doc = live::document_from(doc).map_err(|e| js_error(&e))?;
    let page = live::read(&doc).map_err(|e| js_error(&e))?;
    if opts.url.is_none() {
        opts.url = page.url;
    }
    let article = article_cleaner::clean_with_hints(&page.markup, &opts, &page.hints)
        .map_err(|e| js_error(&e))?;
    let json = serde_json::to_string(&article)
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))?;
    js_sys::JSON::parse(&json)
}

/// The built-in rules, as data.
#[wasm_bindgen(js_name = rules, unchecked_return_type = "Rule[]")]
pub fn rules() -> Result<JsValue, JsValue> {
    hook();
    article_cleaner::builtin_rules()
        .serialize(&serializer())
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
}

/// A cheap pre-check: whether a whole page probably has an article to extract (like
/// Readability's `isProbablyReaderable`).
#[wasm_bindgen(js_name = isProbablyReaderable)]
pub fn is_probably_readerable(html: &str) -> bool {
    article_cleaner::is_probably_readerable(html)
}

/// The library version.
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    article_cleaner::VERSION.to_string()
}

/// The JSON contract version emitted in `Article.version`.
#[wasm_bindgen(js_name = contractVersion)]
pub fn contract_version() -> u32 {
    article_cleaner::CONTRACT_VERSION
}

#[cfg(feature = "feed")]
mod feed;
mod live;

#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
