//! Whole feeds: [`clean_feed`] reads an RSS 2.0, RSS 1.0, Atom or JSON Feed document and cleans
//! every item with what the feed says around it.
//!
//! One concern per file: [`detect`] sniffs the format, [`xml`] reads XML into a small
//! namespaced tree (quick-xml; no entity expansion), [`rss`], [`atom`] and [`json_feed`] read
//! each format into the same raw items, [`date`] writes dates as ISO 8601, [`charset`] decodes
//! bytes, [`model`] is the output. This file is the glue: limits, the feed context, and each
//! item's body through [`crate::clean`] with its link as `url`, its title, its date, and the
//! feed's generator and site name (`feedContext`).

mod atom;
pub mod charset;
mod date;
mod detect;
mod json_feed;
pub mod model;
mod rss;
mod xml;

use url::Url;

use crate::article::{Removal, RemovalAction, CONTRACT_VERSION};
use crate::clean::{clean_item, ItemFacts};
use crate::error::Error;
use crate::options::{FeedContext, Options};
use model::{Enclosure, Feed, FeedFormat, FeedInfo, FeedItem};

/// A feed as read from its document, before cleaning.
pub(crate) struct RawFeed {
    pub format: FeedFormat,
    pub title: Option<String>,
    pub url: Option<String>,
    pub generator: Option<String>,
    pub lang: Option<String>,
    pub updated: Option<String>,
    pub items: Vec<RawItem>,
}

/// An item as read from its feed, before cleaning.
pub(crate) struct RawItem {
    pub id: Option<String>,
    pub title: Option<String>,
    pub link: Option<String>,
    /// The original link behind a feed service's redirect (`feedburner:origLink`): the
    /// article's URL when given.
    pub orig_link: Option<String>,
    /// The body: HTML, or plain text when `plain`.
    pub body: String,
    pub plain: bool,
    /// Base URL of the body's relative links (Atom `xml:base`), when not the link.
    pub base: Option<Url>,
    pub published: Option<String>,
    pub updated: Option<String>,
    pub authors: Vec<String>,
    pub categories: Vec<String>,
    pub enclosures: Vec<Enclosure>,
    /// The publisher the item comes from (RSS `<source>`, Atom `<source><title>`).
    pub source: Option<String>,
    pub lang: Option<String>,
}

/// `href` resolved against `base` (as written when it cannot be).
pub(crate) fn resolve(base: Option<&Url>, href: &str) -> String {
    let href = href.trim();
    match base {
        Some(b) => b
            .join(href)
            .map(|u| u.to_string())
            .unwrap_or_else(|_| href.to_string()),
        None => Url::parse(href)
            .map(|u| u.to_string())
            .unwrap_or_else(|_| href.to_string()),
    }
}

/// Drops repeated strings, keeping the first of each.
pub(crate) fn dedup(v: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    v.retain(|x| seen.insert(x.clone()));
}

/// The text of an HTML snippet (an Atom `type="html"` title).
pub(crate) fn html_to_text(html: &str) -> String {
    let doc = scraper::Html::parse_fragment(html);
    doc.root_element().text().collect()
}

/// Separators after which a feed title names a section of the site (WordPress category and
/// tag feeds: `Site » Category`), not the site.
const SECTION_SEPARATORS: &[&str] = &[" » ", " › "];

/// Separators between a Google News title and its publisher (`Headline - Publisher`).
const SOURCE_SEPARATORS: &[&str] = &[" - ", " – ", " — ", " | "];

fn site_name(title: Option<&str>) -> Option<String> {
    let t = title?.trim();
    let cut = SECTION_SEPARATORS
        .iter()
        .filter_map(|s| t.find(s))
        .min()
        .map_or(t, |i| t.get(..i).unwrap_or(t));
    let cut = cut.trim();
    (!cut.is_empty()).then(|| cut.to_string())
}

/// Reads a feed document (RSS 2.0 / 0.9x, RSS 1.0, Atom, JSON Feed) and cleans every item.
///
/// Each item's body goes through [`crate::clean`] with the item's link as `url`, its title and
/// date, and the feed's generator and site name as [`FeedContext`] (so "The post … appeared
/// first on {site}." is matched exactly; a `feedContext` in `options` wins over the feed's).
///
/// ```
/// use article_cleaner::{clean_feed, Options};
/// let rss = r#"<?xml version="1.0"?>
/// <rss version="2.0"><channel><title>Example Blog</title><link>https://blog.example/</link>
/// <generator>https://wordpress.org/?v=6.4.2</generator>
/// <item><title>Hello</title><link>https://blog.example/hello/?utm_source=rss</link>
/// <pubDate>Mon, 06 Sep 2021 16:45:00 +0000</pubDate>
/// <description><![CDATA[<p>First post.</p><p>The post <a href="https://blog.example/hello/">Hello</a>
/// appeared first on <a href="https://blog.example">Example Blog</a>.</p>]]></description>
/// </item></channel></rss>"#;
/// let feed = clean_feed(rss, &Options::default()).unwrap();
/// assert_eq!(feed.feed.site_name.as_deref(), Some("Example Blog"));
/// let item = &feed.items[0];
/// assert_eq!(item.article.title.as_deref(), Some("Hello"));
/// assert_eq!(item.article.url.as_deref(), Some("https://blog.example/hello/"));
/// assert_eq!(item.article.published.as_deref(), Some("2021-09-06T16:45:00Z"));
/// assert_eq!(item.article.feed.as_deref(), Some("wordpress"));
/// assert_eq!(item.article.text_content, "First post.");
/// assert!(item.article.removed.iter().any(|r| r.rule == "feed-site-appeared-first"));
/// ```
pub fn clean_feed(input: &str, options: &Options) -> Result<Feed, Error> {
    if input.len() > options.max_input_bytes {
        return Err(Error::InputTooLarge {
            limit: options.max_input_bytes,
            found: input.len(),
        });
    }
    options.validate()?;
    let raw = match detect::sniff(input)? {
        detect::Sniffed::Json => json_feed::read(input)?,
        detect::Sniffed::Xml(format) => {
            let limits = xml::Limits {
                max_elements: options.max_elements,
                max_depth: options.max_depth,
            };
            let root = xml::parse(input, &limits)?;
            match format {
                FeedFormat::Atom => atom::read(&root)?,
                _ => rss::read(&root, format)?,
            }
        }
    };
    if raw.items.len() > options.max_items {
        return Err(Error::TooManyItems {
            limit: options.max_items,
            found: raw.items.len(),
        });
    }
    let given = options.feed_context.clone().unwrap_or_default();
    let site = site_name(raw.title.as_deref());
    let ctx = FeedContext {
        generator: given.generator.or_else(|| raw.generator.clone()),
        site_name: given.site_name.or_else(|| site.clone()),
        site_url: given.site_url.or_else(|| raw.url.clone()),
    };
    let info = FeedInfo {
        format: raw.format,
        title: raw.title,
        url: raw.url,
        site_name: site,
        generator: raw.generator,
        lang: raw.lang.clone(),
        updated: raw.updated,
    };
    let items = raw
        .items
        .into_iter()
        .map(|item| clean_one(item, options, &ctx, raw.lang.as_deref()))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Feed {
        version: CONTRACT_VERSION,
        feed: info,
        items,
    })
}

fn clean_one(
    item: RawItem,
    options: &Options,
    ctx: &FeedContext,
    feed_lang: Option<&str>,
) -> Result<FeedItem, Error> {
    let mut o = options.clone();
    let link_url = item
        .orig_link
        .as_deref()
        .or(item.link.as_deref())
        .and_then(|l| Url::parse(l).ok());
    if let Some(u) = &link_url {
        o.url = Some(u.to_string());
    }
    o.feed_context = Some(ctx.clone());
    // Google News: "Headline - Publisher", the publisher repeated from <source>.
    let mut title = item.title.clone();
    let mut cut = None;
    if let (Some(t), Some(src)) = (&item.title, &item.source) {
        for sep in SOURCE_SEPARATORS {
            let suffix = format!("{sep}{src}");
            if let Some(stem) = t.strip_suffix(&suffix).filter(|s| !s.trim().is_empty()) {
                title = Some(stem.trim_end().to_string());
                cut = Some(suffix);
                break;
            }
        }
    }
    let body = if item.plain {
        let mut s = String::with_capacity(item.body.len());
        xml::escape_into(&item.body, false, &mut s);
        s
    } else {
        item.body
    };
    let facts = ItemFacts {
        title,
        published: item.published.clone().or_else(|| item.updated.clone()),
        base: item.base,
        lang: item.lang.or_else(|| feed_lang.map(str::to_string)),
    };
    let (mut article, error) = match clean_item(&body, &o, &facts) {
        Ok(a) => (a, None),
        Err(e) if e.is_limit() => {
            // Best effort: the body's text, one paragraph per line, so the item still reads.
            // (A plain-text body was escaped into `body`: its text is the same.) The tokenizer
            // alone: a tree of what broke the tree's limits would be slow to build.
            let text = crate::dom::text_by_tokens(&body)
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n\n");
            let mut plain = String::with_capacity(text.len());
            xml::escape_into(&text, false, &mut plain);
            let mut a = clean_item(&plain, &o, &facts)?;
            a.removed.insert(
                0,
                Removal {
                    rule: "feed-item-limit".into(),
                    action: RemovalAction::Sanitize,
                    reason: format!(
                        "the item's markup broke a limit ({}): its text was cleaned instead",
                        e.info().code
                    ),
                    field: None,
                    text: String::new(),
                    signals: Vec::new(),
                },
            );
            (a, Some(e.info()))
        }
        Err(e) => return Err(e),
    };
    if let Some(src) = &item.source {
        article.source = Some(src.clone());
        // An aggregator's item (Google News) is published by its source, not by the feed.
        if article.site_name.is_none() || article.site_name == ctx.site_name {
            article.site_name = Some(src.clone());
        }
    }
    if let Some(suffix) = cut {
        article.removed.insert(
            0,
            Removal {
                rule: "feed-title-source".into(),
                action: RemovalAction::Extract,
                reason: "the item title ends with its <source> (Google News 'Headline - Publisher'): cut, the publisher is `source`".into(),
                field: Some("source".into()),
                text: suffix.trim_start().to_string(),
                signals: Vec::new(),
            },
        );
    }
    Ok(FeedItem {
        id: item.id,
        link: item.link,
        updated: item.updated,
        authors: item.authors,
        categories: item.categories,
        enclosures: item.enclosures,
        error,
        article,
    })
}

/// [`clean_feed`], serialized to JSON text (the exact bytes the CLI's `--feed` and the wasm
/// build's `cleanFeed` emit).
pub fn clean_feed_to_json(input: &str, options: &Options, pretty: bool) -> Result<String, Error> {
    let feed = clean_feed(input, options)?;
    let out = if pretty {
        serde_json::to_string_pretty(&feed)
    } else {
        serde_json::to_string(&feed)
    };
    out.map_err(|e| Error::InvalidOptions {
        path: String::new(),
        message: format!("serialization failed: {e}"),
    })
}
