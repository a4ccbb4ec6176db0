//! The actions: what an element rule does with each element it hits — keep it, trim its last
//! text, remove it, extract it into a field, copy its text into a field, or promote it to a
//! heading. Every change is recorded in the audit trail with the rule's id.

use std::collections::HashSet;

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node};

use super::extracted::{fill, Extracted};
use super::matcher::Hit;
use super::text_cache::TextCache;
use super::tree_lookup::{last_text, next_element_sibling};
use super::{Action, Compiled, Field, Flag};
use crate::article::RemovalAction;
use crate::audit::Audit;
use crate::dom::{self, ego_tree, IdSet};
use crate::text;

/// What the actions carry from one rule (and pass) to the next.
#[derive(Default)]
pub(super) struct RunState {
    /// Elements a keep rule protects (with everything inside them).
    pub(super) kept: IdSet,
    /// Captures already recorded, by rule position and element (a capture leaves its element
    /// in place, so the second pass hits it again).
    pub(super) captured: HashSet<(usize, NodeId)>,
    /// Element texts shared by the matchers; the actions drop what their changes alter.
    pub(super) cache: TextCache,
}

/// Applies rule `c` (at `rule_index` in the ordered rule list) to one element it hit.
/// Returns whether the tree changed.
pub(super) fn apply_hit(
    html: &mut Html,
    c: &Compiled,
    rule_index: usize,
    hit: Hit,
    state: &mut RunState,
    audit: &mut Audit,
    out: &mut Extracted,
) -> bool {
    let rule = &c.rule;
    let reason = if rule.description.is_empty() {
        rule.id.as_str()
    } else {
        rule.description.as_str()
    };
    if rule.flag == Some(Flag::Truncated) {
        out.truncated = true;
        if out.truncated_link.is_none() {
            if let [(_, href, _)] = links_of(html, hit.id, None).as_slice() {
                if href.starts_with("https://") || href.starts_with("http://") {
                    out.truncated_link = Some((rule.id.clone(), href.clone()));
                }
            }
        }
    }
    let mut changed = false;
    match &rule.action {
        Action::Keep => {
            if state.kept.insert(hit.id) {
                audit.push(
                    &rule.id,
                    RemovalAction::Keep,
                    reason,
                    None,
                    &excerpt(html, hit.id, &hit.text),
                );
            }
        }
        Action::TrimText { .. } => {
            let Some(re) = &c.trim else { return false };
            let Some(tid) = last_text(html, hit.id) else {
                return false;
            };
            if let Some(mut node) = html.tree.get_mut(tid) {
                if let Node::Text(t) = node.value() {
                    let current = t.text.to_string();
                    if let Some(m) = re.find(&current) {
                        let cut = current.get(m.start()..).unwrap_or("").trim().to_string();
                        let kept_text = current
                            .get(..m.start())
                            .unwrap_or("")
                            .trim_end()
                            .to_string();
                        t.text = kept_text.as_str().into();
                        audit.push(&rule.id, RemovalAction::Remove, reason, None, &cut);
                        changed = true;
                    }
                }
            }
        }
        Action::Remove {
            with_separators,
            with_next,
        } => {
            state.cache.invalidate_ancestors(html, hit.id);
            let mut t = excerpt(html, hit.id, &hit.text);
            if *with_next {
                if let Some(next) = next_element_sibling(html, hit.id) {
                    t.push_str(" | ");
                    t.push_str(&excerpt(html, next, &dom::text(html, next)));
                    dom::detach(html, next);
                }
            }
            if *with_separators {
                let n = remove_separators_before(html, hit.id);
                if n > 0 {
                    audit.push(
                        &rule.id,
                        RemovalAction::Remove,
                        reason,
                        None,
                        &format!("{n} separator element(s) (<br>/<hr>) before the match"),
                    );
                }
            }
            dom::detach(html, hit.id);
            audit.push(&rule.id, RemovalAction::Remove, reason, None, &t);
            changed = true;
        }
        Action::Extract {
            field,
            with_next,
            title_from_link,
            ..
        } => {
            state.cache.invalidate_ancestors(html, hit.id);
            let mut t = hit.text.clone();
            let mut links = links_of(html, hit.id, c.link_source.as_ref());
            if *title_from_link && out.title_link.is_none() {
                if let Some((lt, href, _)) = links.first() {
                    let lt = text::normalize_ws(lt);
                    if !lt.is_empty() {
                        out.title_link = Some((rule.id.clone(), lt, href.clone()));
                    }
                }
            }
            if *with_next {
                if let Some(next) = next_element_sibling(html, hit.id) {
                    links.extend(links_of(html, next, c.link_source.as_ref()));
                    let nt = dom::text(html, next);
                    if !nt.is_empty() {
                        t.push_str(" | ");
                        t.push_str(&nt);
                    }
                    dom::detach(html, next);
                }
            }
            let value = hit.group.clone().unwrap_or_else(|| hit.text.clone());
            if t.is_empty() {
                t = describe(html, hit.id);
            }
            // Nothing to lift (a footer holding only a tracker image): a removal.
            let empty = *field != Field::Related && value.trim().is_empty();
            fill(out, *field, &value, links);
            dom::detach(html, hit.id);
            let action = if empty {
                RemovalAction::Remove
            } else {
                RemovalAction::Extract
            };
            let field_name = (!empty).then(|| field.as_str());
            audit.push(&rule.id, action, reason, field_name, &t);
            changed = true;
        }
        Action::Capture { field } => {
            if !state.captured.insert((rule_index, hit.id)) {
                return false;
            }
            let value = hit.group.clone().unwrap_or_else(|| hit.text.clone());
            fill(out, *field, &value, Vec::new());
            audit.push(
                &rule.id,
                RemovalAction::Extract,
                &format!("{reason} (copied; the text stays in the body)"),
                Some(field.as_str()),
                &value,
            );
        }
        Action::PromoteHeading { level } => {
            out.promoted.insert(hit.id, *level);
            audit.push(
                &rule.id,
                RemovalAction::Promote,
                reason,
                None,
                &format!("{} → h{level}", hit.text),
            );
        }
        Action::RewriteUrl { .. } | Action::UnwrapProxy { .. } | Action::StripParams { .. } => {}
    }
    changed
}

/// Describes an element without text for the audit trail, e.g. `<img src="…">`.
fn describe(html: &Html, id: NodeId) -> String {
    let Some(e) = html
        .tree
        .get(id)
        .and_then(|n| n.value().as_element().cloned())
    else {
        return String::new();
    };
    let mut s = format!("<{}", e.name());
    for a in ["class", "id", "href", "src"] {
        if let Some(v) = e.attr(a) {
            s.push_str(&format!(" {a}=\"{}\"", text::truncate_chars(v, 120)));
        }
    }
    s.push('>');
    s
}

/// The audit trail's excerpt of an element: its text, or a description when it has none.
fn excerpt(html: &Html, id: NodeId, text: &str) -> String {
    if text.is_empty() {
        describe(html, id)
    } else {
        text.to_string()
    }
}

/// The links under `id`: (text, href, source), the source being the text of the element right
/// after the link when it matches `source` (Google News' `<font>Publisher</font>`).
fn links_of(
    html: &Html,
    id: NodeId,
    source: Option<&scraper::Selector>,
) -> Vec<(String, String, Option<String>)> {
    let mut out = Vec::new();
    if let Some(node) = html.tree.get(id) {
        for d in node.descendants() {
            if let Some(e) = d.value().as_element() {
                if e.name() == "a" {
                    if let Some(href) = e.attr("href") {
                        let t = dom::text(html, d.id());
                        if !t.is_empty() {
                            let src = source.and_then(|sel| {
                                let next = next_element_sibling(html, d.id())?;
                                let el = ElementRef::wrap(html.tree.get(next)?)?;
                                sel.matches(&el)
                                    .then(|| dom::text(html, next))
                                    .filter(|s| !s.is_empty())
                            });
                            out.push((t, href.to_string(), src));
                        }
                    }
                }
            }
        }
    }
    out
}

/// Removes `<br>`, `<hr>` and blank text directly before `id`; returns how many elements went.
fn remove_separators_before(html: &mut Html, id: NodeId) -> usize {
    let mut doomed = Vec::new();
    let mut cur = html.tree.get(id).and_then(|n| n.prev_sibling());
    while let Some(n) = cur {
        let sep = match n.value() {
            Node::Element(e) => matches!(e.name(), "br" | "hr"),
            other => dom::is_whitespace_text(other),
        };
        if !sep {
            break;
        }
        doomed.push(n.id());
        cur = n.prev_sibling();
    }
    let count = doomed
        .iter()
        .filter(|d| {
            html.tree
                .get(**d)
                .map(|n| n.value().is_element())
                .unwrap_or(false)
        })
        .count();
    for d in doomed {
        dom::detach(html, d);
    }
    count
}
