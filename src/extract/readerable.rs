//! A cheap pre-check: does the page look like it holds an article?

use scraper::{Html, Node};

use super::dom_ops;
use super::patterns::{self, patterns};
use crate::dom::ego_tree::iter::Edge;
use crate::text;

/// Shortest text (characters) of a block that counts.
const MIN_CONTENT_LENGTH: usize = 140;
/// Score (sum of square roots of the excess length) at which a page is readerable.
const MIN_SCORE: f64 = 20.0;

/// Whether `html` probably holds an article worth extracting (Readability's
/// `isProbablyReaderable`): some visible `<p>`, `<pre>`, `<article>` or `<div>` with `<br>`s,
/// not inside a list item and not named like a sidebar or comment block, has enough text.
/// Cheap: one parse and one pass, no scoring.
///
/// ```
/// use article_cleaner::is_probably_readerable;
/// let long = "word ".repeat(200);
/// assert!(is_probably_readerable(&format!("<p>{long}</p>")));
/// assert!(!is_probably_readerable("<p>Too short.</p>"));
/// ```
pub fn is_probably_readerable(html: &str) -> bool {
    let doc = Html::parse_document(html);
    let p = patterns();
    let mut score = 0.0;
    let mut seen_div = std::collections::HashSet::new();
    let mut hidden: Option<ego_tree::NodeId> = None;
    let mut li_depth = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(n) => {
                let Node::Element(e) = n.value() else {
                    continue;
                };
                if e.name() == "li" {
                    li_depth += 1;
                }
                if hidden.is_some() {
                    continue;
                }
                if !super::grab::is_visible(e) {
                    hidden = Some(n.id());
                    continue;
                }
                let candidate = match e.name() {
                    "p" => li_depth == 0,
                    "pre" | "article" => true,
                    "br" => {
                        // A <div> holding <br>s counts as a paragraph.
                        if let Some(parent) = n.parent() {
                            if parent.value().as_element().map(|e| e.name()) == Some("div")
                                && seen_div.insert(parent.id())
                            {
                                let pe = parent.value().as_element();
                                if let Some(pe) = pe {
                                    if let Some(s) = node_score(&doc, parent.id(), pe, p) {
                                        score += s;
                                        if score > MIN_SCORE {
                                            return true;
                                        }
                                    }
                                }
                            }
                        }
                        false
                    }
                    _ => false,
                };
                if candidate {
                    if let Some(s) = node_score(&doc, n.id(), e, p) {
                        score += s;
                        if score > MIN_SCORE {
                            return true;
                        }
                    }
                }
            }
            Edge::Close(n) => {
                if hidden == Some(n.id()) {
                    hidden = None;
                }
                if n.value().as_element().map(|e| e.name()) == Some("li") {
                    li_depth = li_depth.saturating_sub(1);
                }
            }
        }
    }
    false
}

use crate::dom::ego_tree;

fn node_score(
    doc: &Html,
    id: ego_tree::NodeId,
    e: &scraper::node::Element,
    p: &patterns::Patterns,
) -> Option<f64> {
    let ms = dom_ops::match_string(e);
    if p.unlikely.is_match(&ms) && !p.maybe.is_match(&ms) {
        return None;
    }
    let t = crate::dom::raw_text(doc, id);
    let len = t.trim_matches(text::is_space).chars().count();
    if len < MIN_CONTENT_LENGTH {
        return None;
    }
    Some(((len - MIN_CONTENT_LENGTH) as f64).sqrt())
}
