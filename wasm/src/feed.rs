//! `cleanFeed(input: string | Uint8Array, options?)`: whole feeds (RSS, Atom, JSON Feed), each
//! item cleaned. Bytes are decoded by the core (BOM, then the XML declaration's encoding).

use article_cleaner::Error;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::{js_error, options_from, CleanOptionsArg};

/// The feed text from a string, a `Uint8Array` or an `ArrayBuffer` (decoded by charset).
fn feed_text(input: &JsValue) -> Result<String, JsValue> {
    if let Some(s) = input.as_string() {
        return Ok(s);
    }
    let bytes = if let Some(a) = input.dyn_ref::<js_sys::Uint8Array>() {
        a.to_vec()
    } else if let Some(b) = input.dyn_ref::<js_sys::ArrayBuffer>() {
        js_sys::Uint8Array::new(b).to_vec()
    } else {
        return Err(js_error(&Error::NotAFeed {
            message: "cleanFeed takes the feed as a string or a Uint8Array.".into(),
        }));
    };
    decode(&bytes)
}

/// Decodes feed bytes by the charset the core sniffs (BOM, then the XML declaration), with the
/// host's `TextDecoder`: the WHATWG Encoding Standard, as encoding_rs in the native build, without
/// shipping its tables. A label the host does not know is `UNSUPPORTED_CHARSET`.
fn decode(bytes: &[u8]) -> Result<String, JsValue> {
    let cs = article_cleaner::sniff_charset(bytes);
    let unsupported = || {
        js_error(&Error::UnsupportedCharset {
            label: cs.label.clone(),
        })
    };
    let decoder =
        web_sys::TextDecoder::new_with_label(cs.label.trim()).map_err(|_| unsupported())?;
    // The WHATWG "replacement" encoding decodes everything to one U+FFFD: encoding_rs's
    // `for_label_no_replacement` refuses those labels natively, so refuse them here too.
    if decoder.encoding() == "replacement" {
        return Err(unsupported());
    }
    let rest = bytes.get(cs.bom_len..).unwrap_or(&[]);
    decoder
        .decode_with_u8_array(rest)
        .map_err(|_| unsupported())
}

/// Reads a feed document (RSS 2.0, RSS 1.0, Atom, JSON Feed) and cleans every item; returns
/// `{version, feed, items}`.
#[wasm_bindgen(js_name = cleanFeed, unchecked_return_type = "Feed")]
pub fn clean_feed(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
    options: Option<CleanOptionsArg>,
) -> Result<JsValue, JsValue> {
    let json = clean_feed_to_json(input, options)?;
    js_sys::JSON::parse(&json)
}

/// [`clean_feed`] as JSON text, byte-identical to the native CLI's `--feed` output.
#[wasm_bindgen(js_name = cleanFeedToJson)]
pub fn clean_feed_to_json(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
    options: Option<CleanOptionsArg>,
) -> Result<String, JsValue> {
    let opts = options_from(options)?;
    let text = feed_text(&input)?;
    article_cleaner::clean_feed_to_json(&text, &opts, false).map_err(|e| js_error(&e))
}
