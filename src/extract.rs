//! Finding the article inside a whole page.

use ego_tree::NodeId;
use scraper::{Html, Selector};

use crate::dom::{self, ego_tree};

/// Picks the element holding the article: a single `<article>`, `[itemprop=articleBody]`,
/// or `<main>`; the body otherwise.
pub(crate) fn find_article(html: &Html) -> NodeId {
    let root = html.root_element();
    for s in [
        "[itemprop='articleBody']",
        "article",
        "main",
        "[role='main']",
    ] {
        if let Ok(sel) = Selector::parse(s) {
            let mut it = root.select(&sel);
            if let (Some(first), None) = (it.next(), it.next()) {
                if dom::text(html, first.id()).chars().count() > 140 {
                    return first.id();
                }
            }
        }
    }
    dom::body(html)
}
