//! # article-cleaner
//!
//! Takes the HTML of an article — a full-text feed item, a bare fragment, or a whole web page —
//! strips everything that is not the article, and returns clean, safe, structured data
//! ([`Article`], JSON contract v1).
//!
//! ```
//! use article_cleaner::{clean, Options, Block};
//!
//! let item = r#"<!--1707194823000-->
//! [Title](https://www.dw.com/zh/a-1)
//! ------
//! <p>Body text.</p><p><em>© 2024 DW. All rights reserved.</em></p>
//! <br><hr><div>获取更多RSS：<br><a href="https://feedx.net">https://feedx.net</a></div>"#;
//! let a = clean(item, &Options::default()).unwrap();
//! assert_eq!(a.title.as_deref(), Some("Title"));
//! assert_eq!(a.fetched.as_deref(), Some("2024-02-06T04:47:03.000Z"));
//! assert_eq!(a.copyright.as_deref(), Some("© 2024 DW. All rights reserved."));
//! assert_eq!(a.blocks, vec![Block::Paragraph { text: "Body text.".into(), html: "Body text.".into() }]);
//! assert!(a.removed.iter().any(|r| r.rule == "feedx-footer"));
//! ```
#![deny(missing_docs)]
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

mod article;
mod audit;
mod blocks;
mod clean;
pub mod decode;
mod dom;
mod edges;
pub mod envelope;
mod error;
mod extract;
#[cfg(feature = "feed")]
pub mod feed;
pub mod hints;
mod literals;
mod metadata;
mod options;
mod page_shape;
mod plain_text;
mod render;
pub mod rules;
pub mod text;
pub mod typescript;

pub use article::{
    Article, Block, InputKind, LeadImage, Link, ListItem, RelatedLink, Removal, RemovalAction,
    Stats, CONTRACT_VERSION,
};
pub use clean::{clean, clean_with_hints};
pub use edges::vocab::UserVocabulary;
pub use edges::RULE_IDS as EDGE_RULE_IDS;
pub use error::{Error, ErrorInfo};
pub use extract::is_probably_readerable;
#[cfg(feature = "feed-charset")]
pub use feed::charset::decode_feed_bytes;
#[cfg(feature = "feed")]
pub use feed::charset::{sniff_charset, Charset};
#[cfg(feature = "feed")]
pub use feed::model::{Enclosure, Feed, FeedFormat, FeedInfo, FeedItem};
#[cfg(feature = "feed")]
pub use feed::{clean_feed, clean_feed_to_json};
pub use hints::{ElementHint, HiddenBy, HiddenElement, PageHints, Visibility};
pub use options::{
    FeedContext, Options, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ELEMENTS, DEFAULT_MAX_INPUT_BYTES,
    DEFAULT_MAX_ITEMS,
};
pub use rules::{builtin_rules, ProxyPolicy, Rule};

/// The crate version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Cleans HTML given as bytes: decoded first as a browser would ([`decode`]: byte-order mark,
/// then `<meta charset>` / `http-equiv`, then a guess), and the encoding found settles the
/// language of CJK text when the markup names none. `maxInputBytes` applies to the bytes.
///
/// ```
/// use article_cleaner::{clean_bytes, Options};
///
/// let page = b"<meta charset=windows-1252><p>Ober\xf6sterreich</p>";
/// let a = clean_bytes(page, &Options::default()).unwrap();
/// assert_eq!(a.text_content, "Ober\u{f6}sterreich");
/// ```
pub fn clean_bytes(input: &[u8], options: &Options) -> Result<Article, Error> {
    if input.len() > options.max_input_bytes {
        return Err(Error::InputTooLarge {
            limit: options.max_input_bytes,
            found: input.len(),
        });
    }
    let decoded = decode::decode(input, options.url.as_deref());
    let hints = PageHints {
        charset: Some(decoded.encoding.to_string()),
        ..PageHints::default()
    };
    clean_with_hints(&decoded.text, options, &hints)
}

/// Cleans text decoded elsewhere from bytes in `encoding` (the name [`decode::sniff`] chose):
/// what [`clean_bytes`] does after decoding. The wasm build decodes with the engine's
/// `TextDecoder` and comes here.
pub fn clean_decoded_to_json(
    text: &str,
    encoding: &str,
    options: &Options,
) -> Result<String, Error> {
    let hints = PageHints {
        charset: Some(encoding.to_string()),
        ..PageHints::default()
    };
    to_json(&clean_with_hints(text, options, &hints)?, false)
}

/// [`clean_bytes`], serialized to JSON text (what the CLI prints for a file).
pub fn clean_bytes_to_json(input: &[u8], options: &Options, pretty: bool) -> Result<String, Error> {
    to_json(&clean_bytes(input, options)?, pretty)
}

/// Cleans and serializes to JSON text (the exact bytes the CLI and the wasm build emit).
pub fn clean_to_json(input: &str, options: &Options, pretty: bool) -> Result<String, Error> {
    to_json(&clean(input, options)?, pretty)
}

fn to_json(article: &Article, pretty: bool) -> Result<String, Error> {
    let out = if pretty {
        serde_json::to_string_pretty(article)
    } else {
        serde_json::to_string(article)
    };
    // Serializing plain data with string keys cannot fail; map the impossible case anyway.
    out.map_err(|e| Error::InvalidOptions {
        path: String::new(),
        message: format!("serialization failed: {e}"),
    })
}
