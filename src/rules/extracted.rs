//! What the element rules lift out of the body (copyright, credits, related links, byline …),
//! and how a matched value fills its field.

use super::Field;
use crate::dom::IdMap;
use crate::text;

/// What rules lifted out of the body.
#[derive(Debug, Default)]
pub(crate) struct Extracted {
    pub copyright: Option<String>,
    pub credits: Vec<String>,
    /// (title, raw href, source) triples; URLs are resolved later with the other URLs.
    pub related: Vec<(String, String, Option<String>)>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub source: Option<String>,
    pub site_name: Option<String>,
    /// (rule id, text, raw href) of the first link of a footer whose rule has
    /// `titleFromLink`: the article's title and URL when the input gives none.
    pub title_link: Option<(String, String, String)>,
    /// Elements to render as headings, with their level.
    pub promoted: IdMap<u8>,
    /// Set by a rule with `flag: "truncated"`.
    pub truncated: bool,
    /// (rule id, href) of the one link of the first element a `flag: "truncated"` rule took
    /// ("Continue reading on …"): it leads to the whole article, the URL when the input gives
    /// none.
    pub truncated_link: Option<(String, String)>,
}

/// Puts `value` (or, for `related`, the links) into `field`; the first value of a one-value
/// field wins.
pub(super) fn fill(
    out: &mut Extracted,
    field: Field,
    value: &str,
    links: Vec<(String, String, Option<String>)>,
) {
    let value = value.trim();
    if value.is_empty() && field != Field::Related {
        return;
    }
    match field {
        Field::Copyright => {
            if out.copyright.is_none() {
                out.copyright = Some(value.to_string());
            }
        }
        Field::Credits => out.credits.push(value.to_string()),
        Field::Related => out.related.extend(
            links
                .into_iter()
                .map(|(t, h, s)| (text::strip_label(&t).to_string(), h, s))
                .filter(|(t, _, _)| !t.is_empty()),
        ),
        Field::Byline => {
            if out.byline.is_none() {
                out.byline = Some(value.to_string());
            }
        }
        Field::Published => {
            if out.published.is_none() {
                out.published = text::parse_date(value).or_else(|| find_date(value));
            }
        }
        Field::Source => {
            if out.source.is_none() {
                out.source = Some(value.to_string());
            }
        }
        Field::SiteName => {
            if out.site_name.is_none() {
                out.site_name = Some(value.to_string());
            }
        }
    }
}

/// Finds the first parseable date inside a longer text.
fn find_date(s: &str) -> Option<String> {
    for (i, c) in s.char_indices() {
        if c.is_ascii_digit() {
            let rest = s.get(i..)?;
            let end = rest
                .char_indices()
                .find(|(_, c)| c.is_whitespace() && !rest.starts_with(|d: char| d.is_ascii_digit()))
                .map(|(j, _)| j)
                .unwrap_or(rest.len());
            for cut in (8..=end.min(40)).rev() {
                if let Some(p) = rest.get(..cut).and_then(text::parse_date) {
                    return Some(p);
                }
            }
            return None;
        }
    }
    None
}
