//! Page cues: short lines inside the chosen article that label a part of the page that is not
//! the article — a "read also" block ("Lesen Sie auch", "Czytaj też", "Читайте также",
//! "Διαβάστε επίσης", "相关新闻", "関連記事", "관련기사"), a tag, category or editor line
//! ("Schlagwörter:", "责任编辑："), a lone subscribe, share or advertisement label. Phrases are
//! data: the edge layer's vocabulary plus `src/vocab/page-cues.json`, matched the same way
//! (`edges::vocab`). A whole-line "read also" label goes with the link list it heads.

use ego_tree::NodeId;
use scraper::Html;

use super::dom_ops::{self, tag};
use super::measure::Index;
use crate::article::RemovalAction;
use crate::audit::Audit;
use crate::dom::{ego_tree, IdSet};
use crate::edges::vocab::{self, Category, Fit, Hit};

/// Longest line (characters) read as a cue.
pub const MAX_CUE_CHARS: usize = 120;
/// Longest tag/category/editor line.
pub const MAX_LABEL_LINE_CHARS: usize = 80;
/// Link density above which a line that starts with a "read also" phrase is a link to another
/// article ("Lesen Sie auch: <a>…</a>"), and the block after a label is its link list.
pub const LINKED: f64 = 0.3;

/// Elements read as lines (blocks only: a phrase in an inline element is part of a line).
const LINES: &[&str] = &[
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "div",
    "li",
    "dt",
    "dd",
    "header",
    "section",
    "figcaption",
];

/// Removes the cue lines of the article under `root` (and the link lists they head).
pub fn remove_cues(html: &mut Html, root: NodeId, audit: &mut Audit) {
    let v = vocab::page_cues();
    let index = Index::build(html, root, &IdSet::default());
    let mut doomed: Vec<(NodeId, String)> = Vec::new();
    let Some(root_ref) = html.tree.get(root) else {
        return;
    };
    for n in root_ref.descendants().skip(1) {
        let Some(e) = n.value().as_element() else {
            continue;
        };
        if !LINES.contains(&e.name()) {
            continue;
        }
        let c = index.get(n.id());
        let len = c.len();
        if !(2..=MAX_CUE_CHARS).contains(&len) {
            continue;
        }
        // The outermost element of a run with the same text only.
        let parent_len = n.parent().map(|p| index.get(p.id()).len()).unwrap_or(0);
        if parent_len == len && n.parent().map(|p| p.id()) != Some(root) {
            continue;
        }
        let text = crate::dom::text(html, n.id());
        let folded = vocab::norm(&text);
        let core = vocab::core(&folded);
        if core.is_empty() {
            continue;
        }
        let ld = c.link_density();
        let labelled = |hit: &Hit<'_>| {
            // After the phrase: a colon or the like (a label), or the line is mostly links.
            let rest = core.get(hit.phrase.text.len()..).unwrap_or("").trim_start();
            rest.starts_with([':', '：', '|', '-', '–', '»', '>']) || ld >= LINKED
        };
        let mut why: Option<String> = None;
        let mut with_next = false;
        if let Some(hit) = v.find(Category::RelatedLabel, core) {
            if hit.fit == Fit::Whole {
                why = Some(signal(&hit));
                with_next = true;
            } else if hit.fit == Fit::Prefix && labelled(&hit) {
                why = Some(signal(&hit));
            }
        }
        if why.is_none() && len <= MAX_LABEL_LINE_CHARS {
            if let Some(hit) = v.find(Category::AggregatorLabel, core) {
                if hit.fit == Fit::Prefix && labelled(&hit) {
                    why = Some(signal(&hit));
                }
            }
        }
        if why.is_none() {
            for cat in [
                Category::Subscribe,
                Category::Share,
                Category::Advertisement,
            ] {
                if let Some(p) = v.whole(cat, core) {
                    why = Some(format!(
                        "vocab:{}:whole({} '{}')",
                        cat.key(),
                        p.lang,
                        p.text
                    ));
                    break;
                }
            }
        }
        let Some(why) = why else { continue };
        doomed.push((n.id(), why.clone()));
        if with_next {
            if let Some(next) = dom_ops::next_element_sibling(html, n.id()) {
                let nc = index.get(next);
                let list = matches!(tag(html, next), Some("ul" | "ol"));
                if nc.len() > 0 && (list || nc.link_density() >= 0.5) {
                    doomed.push((next, format!("{why} list")));
                }
            }
        }
    }
    for (id, why) in doomed {
        if !dom_ops::is_attached(html, id) || !crate::dom::is_attached_under(html, id, root) {
            continue;
        }
        let t = dom_ops::excerpt(html, id, crate::audit::EXCERPT_CHARS);
        let name = tag(html, id).unwrap_or("").to_string();
        audit.push_with_signals(
            "page-cue",
            RemovalAction::Remove,
            "a label of a page part that is not the article (read also, tags, share…)",
            None,
            &format!("<{name}> {t}"),
            vec![why],
        );
        crate::dom::detach(html, id);
    }
}

fn signal(hit: &Hit<'_>) -> String {
    format!(
        "vocab:{}:{}({} '{}')",
        hit.cat.key(),
        hit.fit.as_str(),
        hit.phrase.lang,
        hit.phrase.text
    )
}
