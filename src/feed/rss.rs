//! RSS 2.0 (and 0.9x) and RSS 1.0 / RDF: the channel and its items.
//!
//! RSS 2.0 elements have no namespace and the items sit inside `<channel>`; RSS 1.0 elements
//! are in the RSS 1.0 (or 0.90) namespace and the items are siblings of `<channel>` under
//! `<rdf:RDF>`. The modules both use: `content:encoded` (the full body, preferred over
//! `description`), Dublin Core (`dc:creator`, `dc:date`, `dc:subject`, `dc:language`), Media RSS
//! (`media:content`).

use url::Url;

use super::model::{Enclosure, FeedFormat};
use super::xml::{Element, CONTENT, DC, FEEDBURNER, MEDIA, RDF, RSS090, RSS1};
use super::{date, dedup, resolve, RawFeed, RawItem};
use crate::error::Error;

/// Reads an RSS document's root (`<rss>` or `<rdf:RDF>`).
pub(crate) fn read(root: &Element, format: FeedFormat) -> Result<RawFeed, Error> {
    let ns: &[Option<&str>] = match format {
        FeedFormat::Rss1 => &[Some(RSS1), Some(RSS090)],
        _ => &[None],
    };
    if format == FeedFormat::Rss1 && !root.is(Some(RDF), "RDF") {
        return Err(Error::NotAFeed {
            message: "the root element is an RDF element outside the RDF namespace.".into(),
        });
    }
    let channel = root
        .child(ns, "channel")
        .ok_or_else(|| Error::InvalidFeed {
            message: "the RSS document has no <channel>.".into(),
        })?;
    let site = channel
        .child(ns, "link")
        .and_then(Element::trimmed)
        .and_then(|l| Url::parse(&l).ok());
    let items_parent = if format == FeedFormat::Rss1 {
        root
    } else {
        channel
    };
    let items = items_parent
        .children_named(ns, "item")
        .map(|item| read_item(item, ns, site.as_ref()))
        .collect();
    Ok(RawFeed {
        format,
        title: channel.child(ns, "title").and_then(Element::trimmed),
        url: site.as_ref().map(|u| u.to_string()),
        generator: channel.child(ns, "generator").and_then(Element::trimmed),
        lang: channel
            .child(ns, "language")
            .or_else(|| channel.child(&[Some(DC)], "language"))
            .and_then(Element::trimmed),
        updated: channel
            .child(ns, "lastBuildDate")
            .or_else(|| channel.child(ns, "pubDate"))
            .or_else(|| channel.child(&[Some(DC)], "date"))
            .and_then(|e| date::normalize(&e.text())),
        items,
    })
}

fn read_item(item: &Element, ns: &[Option<&str>], site: Option<&Url>) -> RawItem {
    let text = |name: &str| item.child(ns, name).and_then(Element::trimmed);
    let guid = item.child(ns, "guid");
    let permalink = guid
        .filter(|g| g.attr("isPermaLink") != Some("false"))
        .and_then(Element::trimmed)
        .filter(|g| g.starts_with("http://") || g.starts_with("https://"));
    let link = text("link").or(permalink).map(|l| resolve(site, &l));
    let id = guid.and_then(Element::trimmed).or_else(|| {
        item.attrs
            .iter()
            .find(|a| a.ns.as_deref() == Some(RDF) && a.name == "about")
            .map(|a| a.value.clone())
    });
    let body = item
        .child(&[Some(CONTENT)], "encoded")
        .map(Element::text)
        .filter(|t| !t.trim().is_empty())
        .or_else(|| item.child(ns, "description").map(Element::text))
        .unwrap_or_default();
    let mut authors: Vec<String> = item
        .children_named(ns, "author")
        .filter_map(Element::trimmed)
        .map(|a| author_name(&a))
        .collect();
    authors.extend(
        item.children_named(&[Some(DC)], "creator")
            .filter_map(Element::trimmed),
    );
    dedup(&mut authors);
    let mut categories: Vec<String> = item
        .children_named(ns, "category")
        .chain(item.children_named(&[Some(DC)], "subject"))
        .filter_map(Element::trimmed)
        .collect();
    dedup(&mut categories);
    let mut enclosures: Vec<Enclosure> = item
        .children_named(ns, "enclosure")
        .filter_map(|e| {
            Some(Enclosure {
                url: resolve(site, e.attr("url")?.trim()),
                mime_type: e.attr("type").map(str::to_string),
                length: e.attr("length").and_then(|l| l.trim().parse().ok()),
                title: None,
            })
        })
        .collect();
    let media = item.children_named(&[Some(MEDIA)], "content").chain(
        item.children_named(&[Some(MEDIA)], "group")
            .flat_map(|g| g.children_named(&[Some(MEDIA)], "content")),
    );
    for m in media {
        let Some(url) = m.attr("url").map(|u| resolve(site, u.trim())) else {
            continue;
        };
        if enclosures.iter().any(|e| e.url == url) {
            continue;
        }
        enclosures.push(Enclosure {
            url,
            mime_type: m.attr("type").map(str::to_string),
            length: m.attr("fileSize").and_then(|l| l.trim().parse().ok()),
            title: m.child(&[Some(MEDIA)], "title").and_then(Element::trimmed),
        });
    }
    RawItem {
        id,
        title: text("title"),
        link,
        orig_link: item
            .child(&[Some(FEEDBURNER)], "origLink")
            .and_then(Element::trimmed)
            .map(|l| super::resolve(site, &l)),
        body,
        plain: false,
        base: None,
        published: item
            .child(ns, "pubDate")
            .or_else(|| item.child(&[Some(DC)], "date"))
            .and_then(|e| date::normalize(&e.text())),
        updated: None,
        authors,
        categories,
        enclosures,
        source: text("source"),
        lang: None,
    }
}

/// RSS's `author` is an e-mail address, often `jo@example.com (Jo Doe)`: the name in
/// parentheses when there is one.
fn author_name(a: &str) -> String {
    match (a.find('('), a.rfind(')')) {
        (Some(o), Some(c)) if o < c && a.contains('@') => {
            a.get(o + 1..c).unwrap_or(a).trim().to_string()
        }
        _ => a.to_string(),
    }
}
