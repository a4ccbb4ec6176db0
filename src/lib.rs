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

/// Cleans and serializes to JSON text (the exact bytes the CLI and the wasm build emit).
pub fn clean_to_json(input: &str, options: &Options, pretty: bool) -> Result<String, Error> {
    let article = clean(input, options)?;
    let out = if pretty {
        serde_json::to_string_pretty(&article)
    } else {
        serde_json::to_string(&article)
    };
    // Serializing plain data with string keys cannot fail; map the impossible case anyway.
    out.map_err(|e| Error::InvalidOptions {
        path: String::new(),
        message: format!("serialization failed: {e}"),
    })
}
