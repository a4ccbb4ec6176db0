//! The output: JSON contract v1.
//!
//! Every type here serializes with camelCase keys and `null` for absent values (no key is ever
//! skipped), and derives [`ts_rs::TS`] so the TypeScript declarations in
//! `types/article-cleaner.d.ts` are generated from these very definitions.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The version of the JSON contract this crate emits in [`Article::version`].
///
/// It changes only when a field is removed, renamed or changes meaning; new fields may be added
/// within a version.
pub const CONTRACT_VERSION: u32 = 1;

/// A cleaned article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Article {
    /// Contract version, [`CONTRACT_VERSION`].
    pub version: u32,
    /// Which kind of input was detected.
    pub input_kind: InputKind,
    /// The feed generator or wrapper detected from the item's shape (`"feedx"`, `"feedburner"`,
    /// `"wordpress"`, `"medium"`, `"substack"`, …), or null.
    pub feed: Option<String>,
    /// Article title.
    pub title: Option<String>,
    /// Canonical article URL (absolute, tracking parameters removed).
    pub url: Option<String>,
    /// The discussion page of the article on an aggregator or the site ("Comments URL:" of a
    /// Hacker News feed, Reddit's "[comments]"), absolute, or null.
    pub comments_url: Option<String>,
    /// Name of the publishing site.
    pub site_name: Option<String>,
    /// Author line.
    pub byline: Option<String>,
    /// BCP 47 language tag, from markup or detected from the text's script.
    pub lang: Option<String>,
    /// Text direction, `"ltr"` or `"rtl"`.
    pub dir: Option<String>,
    /// Publication time, ISO 8601.
    pub published: Option<String>,
    /// Time the feed service fetched the item (from the envelope comment), ISO 8601 UTC.
    pub fetched: Option<String>,
    /// A short plain-text summary: the description metadata or the start of the first paragraph.
    pub excerpt: Option<String>,
    /// The lead image: from metadata, or the first image of the body.
    pub lead_image: Option<LeadImage>,
    /// The news source named in the article's dateline, e.g. `德國之聲中文網` for
    /// `（德國之聲中文網）…`; the dateline itself stays in the text.
    pub source: Option<String>,
    /// Copyright notice lifted out of the body.
    pub copyright: Option<String>,
    /// Attribution lines lifted out of the body, e.g. `（綜合報導）`.
    pub credits: Vec<String>,
    /// Further-reading links lifted out of the body ("延伸閱讀", "Related:", "Read more" …).
    pub related: Vec<RelatedLink>,
    /// The item is an excerpt of the article, not all of it (a WordPress "more…" link or a
    /// trailing `[…]` was removed). `false` unless a rule with `flag: "truncated"` fired.
    pub truncated: bool,
    /// The article body in reading order.
    pub blocks: Vec<Block>,
    /// The whole clean article as sanitized HTML, rendered from `blocks`; safe for `innerHTML`.
    pub content: String,
    /// Plain text of the article: the blocks' text joined by blank lines.
    pub text_content: String,
    /// Every link in the body, in order.
    pub links: Vec<Link>,
    /// Counts over the body.
    pub stats: Stats,
    /// Audit trail: one entry for every removed, extracted or rewritten thing.
    pub removed: Vec<Removal>,
}

/// The shape of the input, detected from the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum InputKind {
    /// A full-text feed item with an envelope (fetch-time comment and/or Markdown title line).
    FeedItem,
    /// A bare HTML fragment (a feed item's `content:encoded`).
    Fragment,
    /// A whole HTML document.
    Document,
}

/// The lead image of an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LeadImage {
    /// Absolute image URL.
    pub src: String,
    /// Alternative text.
    pub alt: Option<String>,
    /// Caption text.
    pub caption: Option<String>,
}

/// One further-reading link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RelatedLink {
    /// Link text.
    pub title: String,
    /// Absolute URL.
    pub url: String,
    /// The publisher named next to the link (Google News: `<font>Publisher</font>`), or null.
    pub source: Option<String>,
}

/// One link found in the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Link {
    /// Link text.
    pub text: String,
    /// Absolute URL.
    pub href: String,
}

/// One item of a list block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ListItem {
    /// Whitespace-normalised text.
    pub text: String,
    /// Sanitized inline HTML.
    pub html: String,
}

/// A block of the article body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Block {
    /// A paragraph.
    Paragraph {
        /// Whitespace-normalised plain text.
        text: String,
        /// Sanitized inline HTML (links, emphasis, code, line breaks).
        html: String,
    },
    /// A heading, level 2–6 (the article title is level 1 and is not a block).
    Heading {
        /// 2 to 6.
        level: u8,
        /// Plain text.
        text: String,
        /// Sanitized inline HTML: a heading's links and emphasis are kept, as in a paragraph.
        html: String,
    },
    /// An image, with its caption.
    Image {
        /// Absolute URL of the original image (proxies unwrapped).
        src: String,
        /// Alternative text.
        alt: Option<String>,
        /// Caption text.
        caption: Option<String>,
        /// Intrinsic width in pixels, when the markup gives a number.
        width: Option<u32>,
        /// Intrinsic height in pixels, when the markup gives a number.
        height: Option<u32>,
        /// The proxied URL `src` was unwrapped from, or null.
        proxy: Option<String>,
    },
    /// A list.
    List {
        /// Numbered list.
        ordered: bool,
        /// The items, in order.
        items: Vec<ListItem>,
    },
    /// A block quotation.
    Quote {
        /// Plain text.
        text: String,
        /// Sanitized inline HTML.
        html: String,
    },
    /// Preformatted code; whitespace kept.
    Code {
        /// The code, whitespace kept.
        text: String,
        /// Language from a `language-*`/`lang-*` class, or null.
        language: Option<String>,
    },
    /// A data table.
    Table {
        /// Cell texts, row by row (header rows first).
        rows: Vec<Vec<String>>,
    },
    /// An embedded player (YouTube, Vimeo, …).
    Embed {
        /// Absolute player URL.
        src: String,
        /// Provider name, e.g. `"youtube"`.
        provider: String,
    },
}

/// Counts over the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    /// Characters of `textContent` excluding whitespace.
    pub characters: u32,
    /// Han, Kana and Hangul characters.
    pub cjk_characters: u32,
    /// Latin-script words plus CJK characters.
    pub words: u32,
    /// Paragraph blocks.
    pub paragraphs: u32,
    /// Image blocks.
    pub images: u32,
    /// Estimated reading time in whole minutes (at least 1 for a non-empty article):
    /// 230 words a minute for Latin text, 500 characters a minute for CJK text.
    pub reading_minutes: u32,
}

/// What was done to a removed or rewritten piece of input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum RemovalAction {
    /// Dropped: not part of the article.
    Remove,
    /// Moved out of the body into a metadata field.
    Extract,
    /// A URL or attribute rewritten.
    Rewrite,
    /// A block changed type (e.g. a bold-only paragraph promoted to a heading).
    Promote,
    /// Dropped by the sanitizer because it is unsafe or not content (script, style, form …).
    Sanitize,
    /// Kept and tagged: a `keep` rule protected the element from every other rule (an
    /// editor's note, a pull quote); it stays in the body.
    Keep,
}

/// One audit-trail entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Removal {
    /// Id of the rule that acted (a built-in or a user rule id).
    pub rule: String,
    /// What was done.
    pub action: RemovalAction,
    /// Why, in words.
    pub reason: String,
    /// The metadata field the text went to, for `extract`.
    pub field: Option<String>,
    /// An excerpt of what was removed or rewritten (at most 200 characters; for rewrites
    /// `old → new`).
    pub text: String,
    /// The signals behind a heuristic decision (the edge layer's `vocab:readMore:whole(sv
    /// 'läs mer')`, `link:0.95`, `tail:0`, `score:1.50` …); empty for exact rules.
    pub signals: Vec<String>,
}
