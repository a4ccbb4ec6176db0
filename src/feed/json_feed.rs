//! JSON Feed 1 and 1.1 (<https://www.jsonfeed.org/version/1.1/>), read with serde_json:
//! `content_html` over `content_text` over `summary`, `authors` (1.1) or `author` (1),
//! `tags`, `attachments`, `language` (1.1).

use serde_json::Value;
use url::Url;

use super::model::{Enclosure, FeedFormat};
use super::{date, dedup, resolve, RawFeed, RawItem};
use crate::error::Error;

/// Reads a JSON Feed document.
pub(crate) fn read(input: &str) -> Result<RawFeed, Error> {
    let doc: Value = serde_json::from_str(input.trim_start_matches('\u{feff}')).map_err(|e| {
        Error::InvalidFeed {
            message: format!("malformed JSON: {e}."),
        }
    })?;
    let version = doc.get("version").and_then(Value::as_str).unwrap_or("");
    // The spec's version is a URL; some generators write a bare "1.0" (gofeed reads those too).
    let bare = matches!(version, "1" | "1.0" | "1.1") && doc.get("items").is_some();
    if !version.starts_with("https://jsonfeed.org/version/")
        && !version.starts_with("http://jsonfeed.org/version/")
        && !bare
    {
        return Err(Error::NotAFeed {
            message:
                "a JSON document without a JSON Feed `version` (https://jsonfeed.org/version/1.1)."
                    .into(),
        });
    }
    let items = match doc.get("items") {
        Some(Value::Array(a)) => a,
        _ => {
            return Err(Error::InvalidFeed {
                message: "a JSON Feed needs an `items` array.".into(),
            })
        }
    };
    let home = string(&doc, "home_page_url").and_then(|u| Url::parse(&u).ok());
    let feed_authors = authors(&doc);
    let lang = string(&doc, "language");
    Ok(RawFeed {
        format: FeedFormat::JsonFeed,
        title: string(&doc, "title"),
        url: home.as_ref().map(|u| u.to_string()),
        generator: None,
        lang: lang.clone(),
        updated: None,
        items: items
            .iter()
            .filter(|i| i.is_object())
            .map(|i| read_item(i, home.as_ref(), lang.as_deref(), &feed_authors))
            .collect(),
    })
}

fn string(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn authors(v: &Value) -> Vec<String> {
    let list: Vec<&Value> = match (v.get("authors"), v.get("author")) {
        (Some(Value::Array(a)), _) => a.iter().collect(),
        (_, Some(a)) => vec![a],
        _ => Vec::new(),
    };
    let mut out: Vec<String> = list
        .into_iter()
        .filter_map(|a| string(a, "name").or_else(|| string(a, "url")))
        .collect();
    dedup(&mut out);
    out
}

fn read_item(
    item: &Value,
    home: Option<&Url>,
    feed_lang: Option<&str>,
    feed_authors: &[String],
) -> RawItem {
    let link = string(item, "url")
        .or_else(|| string(item, "external_url"))
        .map(|u| resolve(home, &u));
    let (body, plain) = match (
        item.get("content_html").and_then(Value::as_str),
        item.get("content_text").and_then(Value::as_str),
        item.get("summary").and_then(Value::as_str),
    ) {
        (Some(h), _, _) if !h.trim().is_empty() => (h.to_string(), false),
        (_, Some(t), _) if !t.trim().is_empty() => (t.to_string(), true),
        (_, _, Some(s)) => (s.to_string(), true),
        _ => (String::new(), false),
    };
    let id = match item.get("id") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let mut authors = authors(item);
    if authors.is_empty() {
        authors = feed_authors.to_vec();
    }
    let mut categories: Vec<String> = item
        .get("tags")
        .and_then(Value::as_array)
        .map(|t| {
            t.iter()
                .filter_map(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    dedup(&mut categories);
    let enclosures = item
        .get("attachments")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|att| {
                    Some(Enclosure {
                        url: resolve(home, &string(att, "url")?),
                        mime_type: string(att, "mime_type"),
                        length: att.get("size_in_bytes").and_then(Value::as_u64),
                        title: string(att, "title"),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    RawItem {
        id,
        title: string(item, "title"),
        link,
        orig_link: None,
        body,
        plain,
        base: None,
        published: string(item, "date_published").and_then(|d| date::normalize(&d)),
        updated: string(item, "date_modified").and_then(|d| date::normalize(&d)),
        authors,
        categories,
        enclosures,
        source: None,
        lang: string(item, "language").or_else(|| feed_lang.map(str::to_string)),
    }
}
