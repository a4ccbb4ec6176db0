//! The output of [`crate::clean_feed`]: one feed, its items each cleaned into an [`Article`].
//!
//! Same conventions as the article contract: camelCase keys, `null` for absent values, every
//! type derives [`TS`] so `types/article-cleaner.d.ts` declares it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::article::Article;

/// A cleaned feed: what the feed document says about itself, and its items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Feed {
    /// Contract version, [`crate::CONTRACT_VERSION`].
    pub version: u32,
    /// The feed document's own fields.
    pub feed: FeedInfo,
    /// The items, in document order, each cleaned.
    pub items: Vec<FeedItem>,
}

/// The syntax of the feed document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum FeedFormat {
    /// RSS 0.9x / 2.0 (`<rss>`).
    #[serde(rename = "rss2")]
    Rss2,
    /// RSS 1.0 / RDF Site Summary (`<rdf:RDF>`).
    #[serde(rename = "rss1")]
    Rss1,
    /// Atom 1.0 (`<feed xmlns="http://www.w3.org/2005/Atom">`).
    #[serde(rename = "atom")]
    Atom,
    /// JSON Feed 1 or 1.1.
    #[serde(rename = "jsonfeed")]
    JsonFeed,
}

/// The feed document's own fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FeedInfo {
    /// Syntax of the document.
    pub format: FeedFormat,
    /// The feed's title.
    pub title: Option<String>,
    /// The site the feed belongs to (RSS `<link>`, Atom `rel="alternate"`, JSON Feed
    /// `home_page_url`), absolute.
    pub url: Option<String>,
    /// The site's name: the title up to a WordPress ` » ` section separator. The items' cleaning
    /// matches footers naming it exactly (`feedContext.siteName`).
    pub site_name: Option<String>,
    /// The software that wrote the feed (`<generator>`), e.g. `https://wordpress.org/?v=6.4.2`.
    pub generator: Option<String>,
    /// The feed's language (RSS `<language>`, Atom `xml:lang`, JSON Feed `language`).
    pub lang: Option<String>,
    /// When the feed last changed (ISO 8601 when the date could be read, else as written).
    pub updated: Option<String>,
}

/// One item: the cleaned article (its fields at the top level, `title`, `url`, `published`,
/// `source` … filled from the item) plus the item's own fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FeedItem {
    /// The item's id (RSS `<guid>`, Atom `<id>`, JSON Feed `id`).
    pub id: Option<String>,
    /// The item's link as the feed gives it, resolved against `xml:base` (the article's `url` is
    /// the same link with tracking parameters removed).
    pub link: Option<String>,
    /// When the item last changed (ISO 8601 when the date could be read, else as written).
    pub updated: Option<String>,
    /// Author names (RSS `<author>`/`dc:creator`, Atom `<author><name>`, JSON Feed `authors`).
    pub authors: Vec<String>,
    /// Categories and tags.
    pub categories: Vec<String>,
    /// Attached media (RSS `<enclosure>`/`media:content`, Atom `rel="enclosure"`, JSON Feed
    /// `attachments`).
    pub enclosures: Vec<Enclosure>,
    /// Why the item's body could not be cleaned as it is (it broke a limit: `TOO_DEEP`,
    /// `TOO_MANY_ELEMENTS`, `INPUT_TOO_LARGE`); the article is then its plain text. `null` for
    /// every item that cleaned normally: one bad item never costs the feed its other items.
    pub error: Option<crate::error::ErrorInfo>,
    /// The cleaned article.
    #[serde(flatten)]
    pub article: Article,
}

/// A media file attached to an item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Enclosure {
    /// Absolute URL of the file.
    pub url: String,
    /// MIME type, e.g. `audio/mpeg`.
    #[serde(rename = "type")]
    pub mime_type: Option<String>,
    /// Size in bytes, when given.
    #[ts(as = "Option<f64>")]
    pub length: Option<u64>,
    /// Title of the attachment (JSON Feed, Atom `title`).
    pub title: Option<String>,
}
