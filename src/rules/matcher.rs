//! The matchers: which elements of the index an element rule hits — its selector, its text
//! pattern over the element's folded text, its URL pattern, and its guards.

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node};

use super::index::Index;
use super::text_cache::{CachedText, TextCache};
use super::tree_lookup::{last_text, next_element_sibling};
use super::{Action, Compiled};
use crate::dom::{self, ego_tree, IdMap, IdSet};
use crate::text;

/// Longest text (in non-space characters) a text rule looks at when the rule sets no
/// `maxChars` guard.
const TEXT_RULE_CAP: usize = 2000;
/// Largest subtree (in nodes) a text rule looks at: boilerplate blocks are small.
const TEXT_RULE_MAX_NODES: usize = 400;

/// Whether all of the element's text (and there is some) is inside `<b>`/`<strong>`.
fn bold_only(html: &Html, id: NodeId) -> bool {
    let Some(node) = html.tree.get(id) else {
        return false;
    };
    let mut any = false;
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            if t.chars().all(text::is_space) {
                continue;
            }
            let mut bold = false;
            let mut cur = d.parent();
            while let Some(p) = cur {
                if p.id() == id {
                    break;
                }
                if let Some(e) = p.value().as_element() {
                    if matches!(e.name(), "b" | "strong") {
                        bold = true;
                        break;
                    }
                }
                cur = p.parent();
            }
            if !bold {
                return false;
            }
            any = true;
        }
    }
    any
}

/// One match of an element rule.
pub(super) struct Hit {
    /// The element.
    pub(super) id: NodeId,
    /// Its text ([`dom::text`]).
    pub(super) text: String,
    /// The text pattern's first group that took part in the match, in the original text.
    pub(super) group: Option<String>,
}

/// The elements under `root` that rule `c` (at `rule_index` in the ordered rule list) hits, in
/// document order; nothing inside a hit is tried again.
#[allow(clippy::too_many_arguments)]
pub(super) fn find_hits(
    html: &Html,
    root: NodeId,
    c: &Compiled,
    rule_index: usize,
    index: &Index,
    cache: &mut TextCache,
    kept: &IdSet,
    promoted: &IdMap<u8>,
) -> Vec<Hit> {
    let mut hits = Vec::new();
    let guard = &c.rule.guard;
    let is_keep = matches!(c.rule.action, Action::Keep);
    let is_promote = matches!(c.rule.action, Action::PromoteHeading { .. });
    let cap = guard.max_chars.map(|m| m as usize).unwrap_or(TEXT_RULE_CAP);
    let text_only = c.rule.matcher.selector.is_none();
    let mut i = 0usize;
    while let Some(e) = index.elems.get(i).copied() {
        i += 1;
        if e.id == root {
            continue;
        }
        if !is_keep && kept.contains(&e.id) {
            // A kept element and everything inside it are out of reach.
            i = e.end;
            continue;
        }
        if is_promote && promoted.contains_key(&e.id) {
            continue;
        }
        if c.default_names && !e.text_name {
            continue;
        }
        let Some(n) = html.tree.get(e.id) else {
            continue;
        };
        let Some(el) = ElementRef::wrap(n) else {
            continue;
        };
        if let Some(sel) = &c.selector {
            if !sel.matches(&el) {
                continue;
            }
        }
        // Text-only rules try inline elements too (a bare `<em>© …</em>` line), but only when
        // the element is a line of its own: never a word inside a sentence.
        if text_only && !e.block {
            let alone = *cache
                .alone
                .entry(e.id)
                .or_insert_with(|| stands_alone(html, e.id));
            if !alone {
                continue;
            }
        }
        if c.url.is_some() {
            let v = el.value();
            let hit = ["href", "src", "data-src"]
                .iter()
                .filter_map(|a| v.attr(a))
                .any(|v| c.url_matches(v));
            if !hit {
                continue;
            }
        }
        let info = e.info;
        // `first`/`last`: a structural match (a selector) reaches into the first / last units;
        // a text match lies wholly in them, so that the item's wrapper, whose text holds the
        // phrase too, is never taken for the line ("© 2024 …" in the last block, not the
        // `<div>` around the whole item).
        let (head_end, tail_start) = if c.text.is_some() {
            (info.last_unit, info.first_unit)
        } else {
            (info.first_unit, info.last_unit)
        };
        if let Some(first) = guard.first {
            if head_end >= first as usize {
                continue;
            }
        }
        if let Some(last) = guard.last {
            if tail_start + (last as usize) < index.units {
                continue;
            }
        }
        if let Some(d) = guard.min_link_density {
            if info.chars == 0 || (info.link_chars as f64) < d * info.chars as f64 {
                continue;
            }
        }
        if let Some(d) = guard.max_link_density {
            if (info.link_chars as f64) > d * info.chars as f64 {
                continue;
            }
        }
        if let Some(sel) = &c.next_selector {
            let next = next_element_sibling(html, n.id())
                .and_then(|x| html.tree.get(x))
                .and_then(ElementRef::wrap);
            if !next.map(|x| sel.matches(&x)).unwrap_or(false) {
                continue;
            }
        }
        if let Some(d) = guard.next_min_link_density {
            let next = next_element_sibling(html, e.id)
                .and_then(|x| index.pos.get(&x))
                .and_then(|&p| index.elems.get(p))
                .map(|n| n.info);
            match next {
                Some(ni) if ni.chars > 0 && (ni.link_chars as f64) >= d * ni.chars as f64 => {}
                _ => continue,
            }
        }
        // The bold-only test is cheaper than any text pattern: first.
        if c.rule.matcher.bold_only && !bold_only(html, e.id) {
            continue;
        }
        let needs_text = c.text.is_some() || guard.max_chars.is_some();
        let mut el_text = String::new();
        let mut group = None;
        if needs_text {
            if info.chars > cap || info.nodes > TEXT_RULE_MAX_NODES {
                continue;
            }
            let cached = cache
                .texts
                .entry(e.id)
                .or_insert_with(|| CachedText::new(dom::text(html, e.id)));
            if cached.missed(rule_index) || cached.chars > cap {
                continue;
            }
            if c.text.is_some() {
                let folded = cached
                    .folded
                    .get_or_insert_with(|| text::fold(&cached.text));
                let Some(caps) = c.text_captures(folded) else {
                    cached.set_missed(rule_index);
                    continue;
                };
                // The first group that took part in the match (alternatives may each have
                // their own group).
                group = caps
                    .iter()
                    .skip(1)
                    .flatten()
                    .next()
                    .map(|m| m.as_str().to_string());
            }
            el_text = cached.text.clone();
            // A text-only match on a container of text blocks is the phrase of one of them:
            // go on into the container, where the block that holds it will match.
            if text_only && c.text.is_some() && holds_text_blocks(index, i - 1) {
                continue;
            }
        }
        if let Some(trim) = &c.trim {
            let tail = last_text(html, n.id()).and_then(|t| match html.tree.get(t)?.value() {
                Node::Text(t) => Some(trim.is_match(t)),
                _ => None,
            });
            if tail != Some(true) {
                continue;
            }
        }
        if el_text.is_empty() {
            el_text = dom::text(html, e.id);
        }
        // Map a folded capture group back to the original text when possible.
        let group = group.map(|g| original_span(&el_text, &g).unwrap_or(g));
        hits.push(Hit {
            id: e.id,
            text: el_text,
            group,
        });
        // Nothing inside a hit is tried again.
        i = e.end;
    }
    hits
}

/// Whether the text of the element at `at` in the index is split among several blocks inside
/// it (one of them holds some but not all of it). A wrapper around one line (`<center><div>Ads
/// from …</div><a><img></a></center>`) is not. Bounded by the text rules' node cap: only
/// elements that passed it are asked.
fn holds_text_blocks(index: &Index, at: usize) -> bool {
    let Some(e) = index.elems.get(at) else {
        return false;
    };
    let all = e.info.chars;
    index.elems.get(at + 1..e.end).is_some_and(|inner| {
        inner
            .iter()
            .any(|d| d.block && d.info.chars > 0 && d.info.chars < all)
    })
}

/// Finds the span of `el_text` whose folded form is `folded_part` (folding keeps character
/// counts except for collapsed whitespace, so search by character windows).
fn original_span(el_text: &str, folded_part: &str) -> Option<String> {
    let chars: Vec<char> = el_text.chars().collect();
    let want = folded_part.chars().count();
    if want == 0 || want > chars.len() {
        return None;
    }
    for start in 0..=chars.len() - want {
        let cand: String = chars.get(start..start + want)?.iter().collect();
        if text::fold(&cand) == folded_part {
            return Some(cand);
        }
    }
    None
}

/// Whether an element is a line of its own: its nearest non-blank siblings on both sides
/// are absent, line breaks, rules or blocks.
pub(super) fn stands_alone(html: &Html, id: NodeId) -> bool {
    let Some(node) = html.tree.get(id) else {
        return false;
    };
    let is_edge = |n: Option<ego_tree::NodeRef<'_, Node>>| match n.map(|x| x.value()) {
        None => true,
        Some(Node::Element(e)) => e.name() == "br" || dom::is_block(e.name()),
        Some(_) => false,
    };
    let mut prev = node.prev_sibling();
    while let Some(x) = prev.filter(|x| dom::is_whitespace_text(x.value())) {
        prev = x.prev_sibling();
    }
    let mut next = node.next_sibling();
    while let Some(x) = next.filter(|x| dom::is_whitespace_text(x.value())) {
        next = x.next_sibling();
    }
    is_edge(prev) && is_edge(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_element_must_stand_alone() {
        let html =
            Html::parse_fragment("<p>The word <em>share</em> is old.</p><p><br><em>Share</em></p>");
        let ems: Vec<NodeId> = html
            .tree
            .nodes()
            .filter(|n| {
                n.value()
                    .as_element()
                    .map(|e| e.name() == "em")
                    .unwrap_or(false)
            })
            .map(|n| n.id())
            .collect();
        assert_eq!(ems.len(), 2);
        assert!(!stands_alone(&html, ems[0]));
        assert!(stands_alone(&html, ems[1]));
    }
}
