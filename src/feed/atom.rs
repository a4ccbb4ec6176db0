//! Atom 1.0: the feed and its entries, with `xml:base` resolving relative links (on the feed,
//! the entry, the link and the content, each relative to the one around it) and the three
//! content types: `text` (plain text, escaped for the cleaner), `html` (escaped HTML) and
//! `xhtml` (inline XHTML inside a `<div>`, serialized back to HTML).

use url::Url;

use super::model::{Enclosure, FeedFormat};
use super::xml::{Element, ATOM, FEEDBURNER, XHTML};
use super::{date, dedup, html_to_text, RawFeed, RawItem};
use crate::error::Error;

const NS: &[Option<&str>] = &[Some(ATOM)];

/// The base URL in force inside `el`: its `xml:base` resolved against the parent's.
fn base_of(parent: Option<&Url>, el: &Element) -> Option<Url> {
    match el.xml_attr("base").map(str::trim) {
        Some(b) => match parent {
            Some(p) => p.join(b).ok().or_else(|| Some(p.clone())),
            None => Url::parse(b).ok(),
        },
        None => parent.cloned(),
    }
}

fn join(base: Option<&Url>, href: &str) -> String {
    super::resolve(base, href)
}

/// Reads an Atom `<feed>`.
pub(crate) fn read(root: &Element) -> Result<RawFeed, Error> {
    if !root.is(Some(ATOM), "feed") {
        return Err(Error::NotAFeed {
            message: "the root element <feed> is not in the Atom namespace.".into(),
        });
    }
    let base = base_of(None, root);
    let lang = root.xml_attr("lang").map(str::to_string);
    let feed_authors = authors(root);
    let items = root
        .children_named(NS, "entry")
        .map(|e| read_entry(e, base.as_ref(), lang.as_deref(), &feed_authors))
        .collect();
    Ok(RawFeed {
        format: FeedFormat::Atom,
        title: root.child(NS, "title").and_then(text_construct),
        url: alternate(root, base.as_ref()),
        generator: root.child(NS, "generator").and_then(|g| {
            let name = g.trimmed();
            let version = g.attr("version").map(str::trim).filter(|v| !v.is_empty());
            match (name, version, g.attr("uri")) {
                (Some(n), Some(v), _) => Some(format!("{n} {v}")),
                (Some(n), None, _) => Some(n),
                (None, _, Some(u)) => Some(u.trim().to_string()),
                (None, _, None) => None,
            }
        }),
        lang,
        updated: root
            .child(NS, "updated")
            .and_then(|e| date::normalize(&e.text())),
        items,
    })
}

/// The `rel="alternate"` link (or the first link without `rel`), resolved.
fn alternate(el: &Element, base: Option<&Url>) -> Option<String> {
    let links: Vec<&Element> = el.children_named(NS, "link").collect();
    let pick = links
        .iter()
        .find(|l| l.attr("rel").map(str::trim) == Some("alternate") && is_html(l))
        .or_else(|| {
            links
                .iter()
                .find(|l| matches!(l.attr("rel").map(str::trim), None | Some("alternate")))
        })?;
    let href = pick.attr("href")?.trim();
    Some(join(base_of(base, pick).as_ref(), href))
}

fn is_html(l: &Element) -> bool {
    matches!(
        l.attr("type").map(str::trim),
        None | Some("text/html") | Some("application/xhtml+xml")
    )
}

fn authors(el: &Element) -> Vec<String> {
    let mut v: Vec<String> = el
        .children_named(NS, "author")
        .filter_map(|a| {
            a.child(NS, "name")
                .and_then(Element::trimmed)
                .or_else(|| a.child(NS, "email").and_then(Element::trimmed))
        })
        .collect();
    dedup(&mut v);
    v
}

/// An Atom text construct (`title`, `summary`, `rights`) as plain text.
fn text_construct(el: &Element) -> Option<String> {
    let t = match el.attr("type").map(str::trim) {
        Some("html") => html_to_text(&el.text()),
        Some("xhtml") => xhtml_div(el)
            .map(Element::text)
            .unwrap_or_else(|| el.text()),
        _ => el.text(),
    };
    let t = crate::text::normalize_ws(&t);
    (!t.is_empty()).then_some(t)
}

/// The XHTML `<div>` wrapping `type="xhtml"` content.
fn xhtml_div(el: &Element) -> Option<&Element> {
    el.elements().find(|e| e.is(Some(XHTML), "div"))
}

/// A content or summary element as (HTML, is plain text). None for out-of-line content
/// (`src=`) and media types the cleaner cannot read.
fn content(el: &Element) -> Option<(String, bool)> {
    if el.attr("src").is_some() {
        return None;
    }
    let ty = el.attr("type").map(|t| t.trim().to_ascii_lowercase());
    match ty.as_deref() {
        None | Some("text") | Some("text/plain") => Some((el.text(), true)),
        Some("html") | Some("text/html") => Some((el.text(), false)),
        Some("xhtml") | Some("application/xhtml+xml") => Some((
            xhtml_div(el)
                .map(Element::inner_html)
                .unwrap_or_else(|| el.inner_html()),
            false,
        )),
        Some(t) if t.starts_with("text/") => Some((el.text(), true)),
        Some(_) => None,
    }
}

fn read_entry(
    entry: &Element,
    feed_base: Option<&Url>,
    feed_lang: Option<&str>,
    feed_authors: &[String],
) -> RawItem {
    let base = base_of(feed_base, entry);
    let body_el = entry
        .child(NS, "content")
        .filter(|c| content(c).is_some_and(|(t, _)| !t.trim().is_empty()))
        .or_else(|| entry.child(NS, "summary"));
    let (body, plain) = body_el.and_then(content).unwrap_or_default();
    let content_base = body_el.and_then(|c| base_of(base.as_ref(), c));
    let mut authors = authors(entry);
    if authors.is_empty() {
        authors = feed_authors.to_vec();
    }
    let mut categories: Vec<String> = entry
        .children_named(NS, "category")
        .filter_map(|c| {
            c.attr("label")
                .or(c.attr("term"))
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
        })
        .collect();
    dedup(&mut categories);
    let enclosures = entry
        .children_named(NS, "link")
        .filter(|l| l.attr("rel").map(str::trim) == Some("enclosure"))
        .filter_map(|l| {
            Some(Enclosure {
                url: join(base_of(base.as_ref(), l).as_ref(), l.attr("href")?.trim()),
                mime_type: l.attr("type").map(str::to_string),
                length: l.attr("length").and_then(|n| n.trim().parse().ok()),
                title: l.attr("title").map(str::to_string),
            })
        })
        .collect();
    let date = |name: &str| {
        entry
            .child(NS, name)
            .and_then(|e| date::normalize(&e.text()))
    };
    RawItem {
        id: entry.child(NS, "id").and_then(Element::trimmed),
        title: entry.child(NS, "title").and_then(text_construct),
        link: alternate(entry, base.as_ref()),
        orig_link: entry
            .child(&[Some(FEEDBURNER)], "origLink")
            .and_then(Element::trimmed)
            .map(|l| super::resolve(base.as_ref(), &l)),
        body,
        plain,
        base: content_base,
        published: date("published").or_else(|| date("issued")),
        updated: date("updated").or_else(|| date("modified")),
        authors,
        categories,
        enclosures,
        source: entry
            .child(NS, "source")
            .and_then(|s| s.child(NS, "title"))
            .and_then(text_construct),
        lang: entry.xml_attr("lang").or(feed_lang).map(str::to_string),
    }
}
