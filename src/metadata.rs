//! Page metadata: JSON-LD, OpenGraph, Twitter cards, Dublin Core, `<meta>`, `<time>`,
//! `<link rel=canonical>`, `<html lang dir>`. Precedence, highest first: JSON-LD, OpenGraph,
//! Twitter, Dublin Core / plain `<meta>`, markup.

use scraper::{Html, Selector};
use serde_json::Value;

use crate::text::{normalize_ws, parse_date};

/// Metadata read from a document's head (and a few body elements).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Metadata {
    /// Title (not yet cleaned of a " | Site" suffix).
    pub title: Option<String>,
    /// The `<title>` element's text.
    pub document_title: Option<String>,
    /// Author.
    pub byline: Option<String>,
    /// Site name.
    pub site_name: Option<String>,
    /// Publication time, ISO 8601.
    pub published: Option<String>,
    /// Description.
    pub excerpt: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Lead image URL.
    pub image: Option<String>,
    /// `<html lang>`.
    pub lang: Option<String>,
    /// `<html dir>`.
    pub dir: Option<String>,
    /// `<base href>`.
    pub base: Option<String>,
}

fn sel(s: &str) -> Option<Selector> {
    Selector::parse(s).ok()
}

fn set(slot: &mut Option<String>, v: Option<String>) {
    if slot.is_none() {
        if let Some(v) = v.map(|v| normalize_ws(&v)).filter(|v| !v.is_empty()) {
            *slot = Some(v);
        }
    }
}

/// Reads the metadata of a parsed document.
pub fn read(html: &Html) -> Metadata {
    let mut m = Metadata::default();
    let root = html.root_element();
    m.lang = root
        .attr("lang")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    m.dir = root
        .attr("dir")
        .map(|s| s.trim().to_ascii_lowercase())
        .filter(|s| s == "ltr" || s == "rtl");

    // JSON-LD first.
    if let Some(s) = sel("script[type='application/ld+json']") {
        for script in root.select(&s) {
            let raw: String = script.text().collect();
            if let Ok(v) = serde_json::from_str::<Value>(raw.trim()) {
                json_ld(&v, &mut m);
            }
        }
    }

    // <meta> tags by property/name, in precedence order.
    let mut metas: Vec<(String, String)> = Vec::new();
    if let Some(s) = sel("meta") {
        for e in root.select(&s) {
            let key = e
                .attr("property")
                .or_else(|| e.attr("name"))
                .or_else(|| e.attr("itemprop"))
                .map(|k| k.trim().to_ascii_lowercase());
            if let (Some(k), Some(c)) = (key, e.attr("content")) {
                // A property attribute may hold several space-separated names.
                for k in k.split_whitespace() {
                    metas.push((k.to_string(), c.to_string()));
                }
            }
        }
    }
    let get = |names: &[&str]| -> Option<String> {
        names.iter().find_map(|n| {
            metas
                .iter()
                .find(|(k, v)| k == n && !v.trim().is_empty())
                .map(|(_, v)| v.clone())
        })
    };
    set(
        &mut m.title,
        get(&[
            "og:title",
            "twitter:title",
            "dc:title",
            "dcterm:title",
            "dcterms.title",
            "title",
            "sailthru.title",
        ]),
    );
    set(
        &mut m.byline,
        get(&[
            "author",
            "article:author",
            "dc:creator",
            "dcterm:creator",
            "dcterms.creator",
            "sailthru.author",
            "byl",
            "parsely-author",
        ]),
    );
    if m.byline
        .as_deref()
        .map(|b| b.starts_with("http"))
        .unwrap_or(false)
    {
        m.byline = None;
    }
    set(
        &mut m.site_name,
        get(&["og:site_name", "application-name", "twitter:site"]),
    );
    set(
        &mut m.excerpt,
        get(&[
            "og:description",
            "twitter:description",
            "description",
            "dc:description",
            "dcterm:description",
            "dcterms.description",
            "sailthru.description",
        ]),
    );
    set(
        &mut m.published,
        get(&[
            "article:published_time",
            "og:article:published_time",
            "parsely-pub-date",
            "dc.date",
            "dc:date",
            "dcterms.date",
            "date",
            "pubdate",
            "publishdate",
            "sailthru.date",
            "datepublished",
        ])
        .and_then(|d| parse_date(&d)),
    );
    set(
        &mut m.image,
        get(&[
            "og:image",
            "og:image:url",
            "og:image:secure_url",
            "twitter:image",
            "twitter:image:src",
        ]),
    );
    set(&mut m.url, get(&["og:url"]));

    if let Some(s) = sel("link[rel~='canonical']") {
        if let Some(l) = root.select(&s).next() {
            // Canonical beats og:url.
            if let Some(h) = l.attr("href").map(str::trim).filter(|h| !h.is_empty()) {
                m.url = Some(h.to_string());
            }
        }
    }
    if let Some(s) = sel("base[href]") {
        m.base = root
            .select(&s)
            .next()
            .and_then(|b| b.attr("href"))
            .map(|h| h.trim().to_string());
    }
    if let Some(s) = sel("title") {
        m.document_title = root
            .select(&s)
            .next()
            .map(|t| normalize_ws(&t.text().collect::<String>()))
            .filter(|t| !t.is_empty());
    }
    if m.title.is_none() {
        m.title = m.document_title.clone();
    }
    if m.published.is_none() {
        if let Some(s) = sel("time[datetime]") {
            m.published = root
                .select(&s)
                .find_map(|t| t.attr("datetime").and_then(parse_date));
        }
    }
    if m.byline.is_none() {
        if let Some(s) = sel("[rel='author'], [itemprop='author'] [itemprop='name'], [itemprop='author'], .byline, .author-name") {
            m.byline = root
                .select(&s)
                .map(|e| normalize_ws(&e.text().collect::<String>()))
                .find(|t| !t.is_empty() && t.chars().count() < 100);
        }
    }
    m
}

fn string_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(string_of).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        Value::Object(o) => o
            .get("name")
            .and_then(string_of)
            .or_else(|| o.get("url").and_then(string_of)),
        _ => None,
    }
}

fn is_article_type(v: &Value) -> bool {
    const TYPES: &[&str] = &[
        "Article",
        "NewsArticle",
        "BlogPosting",
        "ReportageNews",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "ReviewNewsArticle",
        "TechArticle",
        "ScholarlyArticle",
        "SocialMediaPosting",
        "LiveBlogPosting",
        "Report",
        "WebPage",
    ];
    match v.get("@type") {
        Some(Value::String(t)) => TYPES.contains(&t.as_str()),
        Some(Value::Array(a)) => a
            .iter()
            .any(|t| t.as_str().map(|t| TYPES.contains(&t)).unwrap_or(false)),
        _ => false,
    }
}

fn json_ld(v: &Value, m: &mut Metadata) {
    // Iterative over arrays and @graph (no recursion on nesting depth).
    let mut queue: Vec<&Value> = vec![v];
    let mut articles: Vec<&Value> = Vec::new();
    let mut steps = 0;
    while let Some(cur) = queue.pop() {
        steps += 1;
        if steps > 1000 {
            break;
        }
        match cur {
            Value::Array(a) => queue.extend(a.iter().rev()),
            Value::Object(o) => {
                if let Some(g) = o.get("@graph") {
                    queue.push(g);
                }
                if is_article_type(cur) {
                    articles.push(cur);
                }
            }
            _ => {}
        }
    }
    // Prefer a real article type over WebPage.
    articles.sort_by_key(|a| a.get("@type").and_then(|t| t.as_str()) == Some("WebPage"));
    if let Some(a) = articles.first() {
        set(
            &mut m.title,
            a.get("headline")
                .or_else(|| a.get("name"))
                .and_then(string_of),
        );
        set(&mut m.byline, a.get("author").and_then(string_of));
        set(&mut m.site_name, a.get("publisher").and_then(string_of));
        set(&mut m.excerpt, a.get("description").and_then(string_of));
        set(
            &mut m.published,
            a.get("datePublished")
                .and_then(string_of)
                .and_then(|d| parse_date(&d)),
        );
        set(
            &mut m.image,
            a.get("image").and_then(|i| match i {
                Value::Array(arr) => arr.first().and_then(string_of),
                Value::Object(o) => o.get("url").and_then(string_of),
                other => string_of(other),
            }),
        );
    }
}
