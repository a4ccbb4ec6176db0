//! Page metadata: JSON-LD, `<meta>` (Dublin Core, OpenGraph, Weibo, Twitter, Parse.ly,
//! plain names), `<title>`, `<link rel=canonical>`, `<base>`, `<html lang dir>`.
//!
//! Precedence follows Readability (so its users get the same fields): JSON-LD (schema.org
//! Article types) first; then for the title `dc:title`, `dcterm:title`, `og:title`,
//! `weibo:*:title`, `title`, `twitter:title`, `parsely-title`; for the byline `dc:creator`,
//! `dcterm:creator`, `author`, `parsely-author`, `article:author` (when not a URL); for the
//! excerpt `dc:description`, `dcterm:description`, `og:description`, `weibo:*:description`,
//! `description`, `twitter:description`; the site name from `og:site_name`; the publication
//! time from `article:published_time`, `parsely-pub-date`; finally the document `<title>`
//! with its " | Site" part removed.

use std::collections::HashMap;

use scraper::{Html, Selector};
use serde_json::Value;

use crate::text::{self, normalize_ws, parse_date};

/// Metadata read from a document's head (and a few body elements).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Metadata {
    /// Title (JSON-LD or `<meta>`), or the cleaned document title.
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

fn clean_value(v: &str) -> Option<String> {
    let v = normalize_ws(&unescape_entities(v));
    (!v.is_empty()).then_some(v)
}

/// Meta keys found in a `property` attribute (a space-separated list; the first
/// `prefix:name` pair Readability knows wins).
fn property_key(prop: &str) -> Option<String> {
    const PREFIXES: &[&str] = &["article", "dc", "dcterm", "og", "twitter"];
    const NAMES: &[&str] = &[
        "author",
        "creator",
        "description",
        "published_time",
        "title",
        "site_name",
    ];
    let lower = prop.to_ascii_lowercase();
    for part in lower.split_whitespace() {
        // Any `prefix:name` pair inside the value (`og:article:author` holds
        // `article:author`).
        let segs: Vec<&str> = part.split(':').collect();
        for pair in segs.windows(2) {
            if let [p, n] = pair {
                if PREFIXES.contains(p) && NAMES.contains(n) {
                    return Some(format!("{p}:{n}"));
                }
            }
        }
    }
    None
}

/// Meta key of a `name` attribute (`[prefix(-|.|:)]name`, dots read as colons).
fn name_key(name: &str) -> Option<String> {
    const PREFIXES: &[&str] = &[
        "dc",
        "dcterm",
        "og",
        "twitter",
        "parsely",
        "weibo:article",
        "weibo:webpage",
    ];
    const NAMES: &[&str] = &[
        "author",
        "creator",
        "pub-date",
        "description",
        "title",
        "site_name",
    ];
    let key: String = name
        .trim()
        .to_ascii_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if NAMES.contains(&key.as_str()) {
        return Some(key);
    }
    for p in PREFIXES {
        if let Some(rest) = key.strip_prefix(p) {
            if let Some(n) = rest.strip_prefix(['-', '.', ':']) {
                if NAMES.contains(&n) {
                    return Some(key.replace('.', ":"));
                }
            }
        }
    }
    None
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
    if let Some(s) = sel("title") {
        m.document_title = root
            .select(&s)
            .next()
            .map(|t| normalize_ws(&t.text().collect::<String>()))
            .filter(|t| !t.is_empty());
    }
    let doc_title = article_title(html, m.document_title.as_deref().unwrap_or(""));

    let ld = json_ld(html, &doc_title);

    // <meta> values by key; a later tag overrides an earlier one, as in Readability.
    let mut values: HashMap<String, String> = HashMap::new();
    let mut others: Vec<(String, String)> = Vec::new();
    if let Some(s) = sel("meta") {
        for e in root.select(&s) {
            let Some(content) = e.attr("content").filter(|c| !c.trim().is_empty()) else {
                continue;
            };
            let mut matched = false;
            if let Some(k) = e.attr("property").and_then(property_key) {
                values.insert(k, content.trim().to_string());
                matched = true;
            }
            if !matched {
                if let Some(k) = e.attr("name").and_then(name_key) {
                    values.insert(k, content.trim().to_string());
                }
            }
            for k in [e.attr("property"), e.attr("name"), e.attr("itemprop")]
                .into_iter()
                .flatten()
            {
                for k in k.split_whitespace() {
                    others.push((k.to_ascii_lowercase(), content.to_string()));
                }
            }
        }
    }
    let get = |keys: &[&str]| -> Option<String> {
        keys.iter()
            .find_map(|k| values.get(*k).and_then(|v| clean_value(v)))
    };
    let other = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| {
            others
                .iter()
                .find(|(n, v)| n == k && !v.trim().is_empty())
                .map(|(_, v)| v.trim().to_string())
        })
    };

    m.title = ld.title.clone().or_else(|| {
        get(&[
            "dc:title",
            "dcterm:title",
            "og:title",
            "weibo:article:title",
            "weibo:webpage:title",
            "title",
            "twitter:title",
            "parsely-title",
        ])
    });
    if m.title.is_none() {
        m.title = Some(doc_title.clone()).filter(|t| !t.is_empty());
    }
    m.byline = ld.byline.clone().or_else(|| {
        get(&["dc:creator", "dcterm:creator", "author", "parsely-author"]).or_else(|| {
            get(&["article:author"])
                .filter(|a| !a.starts_with("http://") && !a.starts_with("https://"))
        })
    });
    m.excerpt = ld.excerpt.clone().or_else(|| {
        get(&[
            "dc:description",
            "dcterm:description",
            "og:description",
            "weibo:article:description",
            "weibo:webpage:description",
            "description",
            "twitter:description",
        ])
    });
    m.site_name = ld.site_name.clone().or_else(|| get(&["og:site_name"]));
    m.published = ld
        .published
        .clone()
        .or_else(|| get(&["article:published_time", "parsely-pub-date"]))
        .and_then(|d| parse_date(&d));
    m.image = ld.image.clone().or_else(|| {
        other(&[
            "og:image",
            "og:image:url",
            "og:image:secure_url",
            "twitter:image",
            "twitter:image:src",
        ])
    });
    m.url = other(&["og:url"]);
    if let Some(s) = sel("link[rel~='canonical']") {
        if let Some(l) = root.select(&s).next() {
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
    m
}

/// Decodes the entities some sites double-escape in `<meta content>`.
fn unescape_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(rest.get(..i).unwrap_or(""));
        let tail = rest.get(i..).unwrap_or("");
        let end = tail.find(';').filter(|e| *e <= 16);
        let decoded = end.and_then(|e| {
            let name = tail.get(1..e)?;
            let ch = match name {
                "quot" => Some('"'),
                "amp" => Some('&'),
                "apos" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let n = if let Some(h) = num.strip_prefix(['x', 'X']) {
                        u32::from_str_radix(h, 16).ok()?
                    } else {
                        num.parse::<u32>().ok()?
                    };
                    Some(
                        char::from_u32(n)
                            .filter(|c| *c != '\0')
                            .unwrap_or('\u{FFFD}'),
                    )
                }
            }?;
            Some((ch, e))
        });
        match decoded {
            Some((ch, e)) => {
                out.push(ch);
                rest = tail.get(e + 1..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = tail.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

/// Words for title heuristics: whitespace-separated; a word of CJK characters counts one
/// word per two characters (CJK titles have no spaces).
fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .map(|w| {
            let cjk = w.chars().filter(|c| text::is_cjk(*c)).count();
            if cjk > 0 {
                (cjk / 2).max(1)
            } else {
                1
            }
        })
        .sum()
}

const SEPARATORS: &[char] = &['|', '-', '–', '—', '\\', '/', '>', '»'];
const HIERARCHICAL: &[char] = &['\\', '/', '>', '»'];

/// Position of the last separator followed by a space.
fn last_separator(s: &str, seps: &[char]) -> Option<(usize, usize)> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut found = None;
    for w in chars.windows(2) {
        if let [(i, c), (_, b)] = w {
            if *b == ' ' && seps.contains(c) {
                found = Some((*i, c.len_utf8()));
            }
        }
    }
    found
}

/// Whether `s` has a separator with a space on each side.
fn has_spaced_separator(s: &str, seps: &[char]) -> bool {
    let chars: Vec<char> = s.chars().collect();
    chars
        .windows(3)
        .any(|w| matches!(w, [' ', c, ' '] if seps.contains(c)))
}

fn first_separator(s: &str, seps: &[char]) -> Option<(usize, usize)> {
    s.char_indices()
        .find(|(_, c)| seps.contains(c))
        .map(|(i, c)| (i, c.len_utf8()))
}

/// The document title with a site name removed (Readability's `_getArticleTitle`).
fn article_title(html: &Html, orig: &str) -> String {
    let orig = orig.trim();
    let mut cur = orig.to_string();
    let mut hierarchical = false;
    if has_spaced_separator(orig, SEPARATORS) {
        hierarchical = has_spaced_separator(orig, HIERARCHICAL);
        let i = last_separator(orig, SEPARATORS)
            .map(|(i, _)| i)
            .unwrap_or(orig.len());
        // Everything before the last " <sep> ".
        cur = orig.get(..i).unwrap_or("").trim_end().to_string();
        if word_count(&cur) < 3 {
            // Too short: drop the first part instead.
            if let Some((j, l)) = first_separator(orig, SEPARATORS) {
                cur = orig.get(j + l..).unwrap_or("").to_string();
            }
        }
    } else if orig.contains(": ") {
        let headings_match = sel("h1, h2")
            .map(|s| {
                html.root_element()
                    .select(&s)
                    .any(|h| h.text().collect::<String>().trim() == orig)
            })
            .unwrap_or(false);
        if !headings_match {
            let after_last = orig
                .rfind(':')
                .and_then(|i| orig.get(i + 1..))
                .unwrap_or("");
            cur = after_last.to_string();
            if word_count(&cur) < 3 {
                cur = orig
                    .find(':')
                    .and_then(|i| orig.get(i + 1..))
                    .unwrap_or("")
                    .to_string();
            } else if word_count(orig.get(..orig.find(':').unwrap_or(0)).unwrap_or("")) > 5 {
                cur = orig.to_string();
            }
        }
    } else if orig.chars().count() > 150 || orig.chars().count() < 15 {
        if let Some(s) = sel("h1") {
            let h1s: Vec<_> = html.root_element().select(&s).collect();
            if let [only] = h1s.as_slice() {
                cur = normalize_ws(&only.text().collect::<String>());
            }
        }
    }
    let cur = normalize_ws(&cur);
    let wc = word_count(&cur);
    let stripped: String = orig.chars().filter(|c| !SEPARATORS.contains(c)).collect();
    if wc <= 4 && (!hierarchical || wc + 1 != word_count(&stripped)) {
        return orig.to_string();
    }
    cur
}

/// What JSON-LD gave.
#[derive(Debug, Default)]
struct LdMeta {
    title: Option<String>,
    byline: Option<String>,
    excerpt: Option<String>,
    site_name: Option<String>,
    published: Option<String>,
    image: Option<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "AdvertiserContentArticle",
    "NewsArticle",
    "AnalysisNewsArticle",
    "AskPublicNewsArticle",
    "BackgroundNewsArticle",
    "OpinionNewsArticle",
    "ReportageNewsArticle",
    "ReviewNewsArticle",
    "Report",
    "SatiricalArticle",
    "ScholarlyArticle",
    "MedicalScholarlyArticle",
    "SocialMediaPosting",
    "BlogPosting",
    "LiveBlogPosting",
    "DiscussionForumPosting",
    "TechArticle",
    "APIReference",
];

fn is_article_type(v: &Value) -> bool {
    let ok = |t: &str| {
        ARTICLE_TYPES
            .iter()
            .any(|a| t == *a || t.starts_with("Article"))
    };
    match v.get("@type") {
        Some(Value::String(t)) => ok(t),
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).any(ok),
        _ => false,
    }
}

fn is_schema_org(v: &Value) -> bool {
    let ok = |s: &str| {
        let s = s.trim_end_matches('/');
        s == "http://schema.org" || s == "https://schema.org"
    };
    match v.get("@context") {
        Some(Value::String(s)) => ok(s),
        Some(Value::Object(o)) => o
            .get("@vocab")
            .and_then(Value::as_str)
            .map(ok)
            .unwrap_or(false),
        _ => false,
    }
}

fn str_of(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str).and_then(clean_value)
}

fn json_ld(html: &Html, doc_title: &str) -> LdMeta {
    let mut out = LdMeta::default();
    let Some(s) = sel("script[type='application/ld+json']") else {
        return out;
    };
    for script in html.root_element().select(&s) {
        let raw: String = script.text().collect();
        let raw = raw.trim();
        let raw = raw.strip_prefix("<![CDATA[").unwrap_or(raw);
        let raw = raw.strip_suffix("]]>").unwrap_or(raw);
        let Ok(v) = serde_json::from_str::<Value>(raw.trim()) else {
            continue;
        };
        // A top-level array: the first schema.org article in it.
        let items: Vec<&Value> = match &v {
            Value::Array(a) => a.iter().collect(),
            other => vec![other],
        };
        let mut article: Option<&Value> = None;
        for item in items {
            if !is_schema_org(item) {
                continue;
            }
            if item.get("@type").is_none() {
                if let Some(Value::Array(g)) = item.get("@graph") {
                    article = g.iter().find(|it| is_article_type(it));
                }
            } else if is_article_type(item) {
                article = Some(item);
            }
            if article.is_some() {
                break;
            }
        }
        let Some(a) = article else {
            continue;
        };
        let name = str_of(a.get("name"));
        let headline = str_of(a.get("headline"));
        out.title = match (&name, &headline) {
            (Some(n), Some(h)) if n != h => {
                // Some sites put their own name in "name": take the one like the <title>.
                let name_ok = crate::extract::text_similarity(n, doc_title) > 0.75;
                let head_ok = crate::extract::text_similarity(h, doc_title) > 0.75;
                if head_ok && !name_ok {
                    Some(h.clone())
                } else {
                    Some(n.clone())
                }
            }
            (Some(n), _) => Some(n.clone()),
            (None, h) => h.clone(),
        };
        out.byline = match a.get("author") {
            Some(Value::Object(o)) => str_of(o.get("name")),
            Some(Value::Array(list)) => {
                let names: Vec<String> =
                    list.iter().filter_map(|x| str_of(x.get("name"))).collect();
                (!names.is_empty()).then(|| names.join(", "))
            }
            _ => None,
        };
        out.excerpt = str_of(a.get("description"));
        out.site_name = a.get("publisher").and_then(|p| str_of(p.get("name")));
        out.published = str_of(a.get("datePublished"));
        out.image = match a.get("image") {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Array(arr)) => arr.first().and_then(|i| match i {
                Value::String(s) => Some(s.clone()),
                o => str_of(o.get("url")),
            }),
            Some(o) => str_of(o.get("url")),
            None => None,
        };
        break;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn property_lists_pick_the_known_pair() {
        assert_eq!(
            property_key("x:title dc:title").as_deref(),
            Some("dc:title")
        );
        assert_eq!(property_key("og:image"), None);
        assert_eq!(
            property_key("og:article:author").as_deref(),
            Some("article:author")
        );
    }

    #[test]
    fn name_keys_read_dots_as_colons() {
        assert_eq!(name_key("DC.title").as_deref(), Some("dc:title"));
        assert_eq!(
            name_key("weibo:article:title").as_deref(),
            Some("weibo:article:title")
        );
        assert_eq!(name_key("author").as_deref(), Some("author"));
        assert_eq!(name_key("keywords"), None);
    }

    #[test]
    fn title_loses_its_site_suffix() {
        let h = Html::parse_document("<title>x</title>");
        assert_eq!(
            article_title(&h, "A long article title here | Example Site"),
            "A long article title here"
        );
        assert_eq!(article_title(&h, "Short | Site"), "Short | Site");
    }

    #[test]
    fn double_escaped_entities_are_decoded() {
        assert_eq!(
            unescape_entities("Tom &amp; Jerry &#x27;s &#39;"),
            "Tom & Jerry 's '"
        );
    }
}
