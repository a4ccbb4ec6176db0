//! Cleaning the chosen article subtree (Readability's `_prepArticle`): unconditional
//! removals (embeds other than video players, asides, footers, controls), short share
//! widgets, negatively weighted headings, and conditional cleaning of forms, tables, lists
//! and `<div>`s that look like boilerplate. Every removal is recorded in the audit trail.

use std::collections::HashSet;

use ego_tree::NodeId;
use scraper::{Html, Node};

use super::dom_ops::{self, tag};
use super::grab::class_weight;
use super::measure::Index;
use super::patterns::{self, patterns};
use super::Policy;
use crate::article::RemovalAction;
use crate::audit::Audit;
use crate::dom::ego_tree;
use crate::text;

fn descendants_named(html: &Html, root: NodeId, names: &[&str]) -> Vec<NodeId> {
    html.tree
        .get(root)
        .map(|n| {
            n.descendants()
                .skip(1)
                .filter(|d| {
                    d.value()
                        .as_element()
                        .map(|e| names.contains(&e.name()))
                        .unwrap_or(false)
                })
                .map(|d| d.id())
                .collect()
        })
        .unwrap_or_default()
}

fn record(html: &Html, id: NodeId, audit: &mut Audit, rule: &str, reason: &str) {
    let t = dom_ops::excerpt(html, id, crate::audit::EXCERPT_CHARS);
    let name = tag(html, id).unwrap_or("");
    audit.push(
        rule,
        RemovalAction::Remove,
        reason,
        None,
        &format!("<{name}> {t}"),
    );
}

/// Data tables (kept by conditional cleaning) versus layout tables.
pub fn data_tables(html: &Html, root: NodeId) -> HashSet<NodeId> {
    let mut out = HashSet::new();
    for t in descendants_named(html, root, &["table"]) {
        let Some(node) = html.tree.get(t) else {
            continue;
        };
        let Some(e) = node.value().as_element() else {
            continue;
        };
        if e.attr("role") == Some("presentation") || e.attr("datatable") == Some("0") {
            continue;
        }
        if e.attr("summary").map(|s| !s.is_empty()).unwrap_or(false) {
            out.insert(t);
            continue;
        }
        let mut has_caption = false;
        let mut data_descendant = false;
        let mut nested = false;
        let mut rows = 0usize;
        let mut columns = 0usize;
        for d in node.descendants().skip(1) {
            let Some(de) = d.value().as_element() else {
                continue;
            };
            match de.name() {
                "caption" => has_caption |= d.has_children(),
                "col" | "colgroup" | "tfoot" | "thead" | "th" => data_descendant = true,
                "table" => nested = true,
                "tr" => {
                    let span = |v: Option<&str>| {
                        v.and_then(|s| s.trim().parse::<usize>().ok())
                            .filter(|n| *n > 0)
                            .unwrap_or(1)
                    };
                    rows += span(de.attr("rowspan"));
                    let cols: usize = d
                        .descendants()
                        .filter_map(|c| c.value().as_element())
                        .filter(|c| c.name() == "td")
                        .map(|c| span(c.attr("colspan")))
                        .sum();
                    columns = columns.max(cols);
                }
                _ => {}
            }
        }
        let is_data = if has_caption || data_descendant {
            true
        } else if nested || columns == 1 || rows == 1 {
            false
        } else if rows >= 10 || columns > 4 {
            true
        } else {
            rows * columns > 10
        };
        if is_data {
            out.insert(t);
        }
    }
    out
}

/// Removes every `name` element under `root` (embeds showing a known video player stay).
fn clean_all(html: &mut Html, root: NodeId, name: &str, audit: &mut Audit) {
    let is_embed = matches!(name, "object" | "embed" | "iframe");
    for id in descendants_named(html, root, &[name]).into_iter().rev() {
        if is_embed {
            let video = html
                .tree
                .get(id)
                .and_then(|n| n.value().as_element())
                .map(|e| e.attrs().any(|(_, v)| patterns().videos.is_match(v)))
                .unwrap_or(false);
            if video {
                continue;
            }
        }
        if !dom_ops::is_attached(html, id) {
            continue;
        }
        let reason = match name {
            "footer" => "page footer inside the article",
            "aside" => "aside next to the article",
            "object" | "embed" | "iframe" => "embedded object that is not a known video player",
            _ => "form controls and links are not article content",
        };
        record(html, id, audit, "page-clean", reason);
        crate::dom::detach(html, id);
    }
}

/// Conditional cleaning of every `name` element under `root`.
fn clean_conditionally(
    html: &mut Html,
    root: NodeId,
    name: &str,
    policy: Policy,
    tables: &HashSet<NodeId>,
    audit: &mut Audit,
) {
    if !policy.clean_conditionally() {
        return;
    }
    let mut index = Index::build(html, root, tables);
    let p = patterns();
    // Reverse document order: inner nodes are judged (and removed) before their ancestors.
    for id in descendants_named(html, root, &[name]).into_iter().rev() {
        if !dom_ops::is_attached(html, id) {
            continue;
        }
        if let Some(reason) = judge(html, id, name, policy, tables, &index, p) {
            index.remove(html, id, root, tables);
            record(html, id, audit, "page-clean-conditionally", &reason);
            crate::dom::detach(html, id);
        }
    }
}

fn has_ancestor_data_table(html: &Html, id: NodeId, tables: &HashSet<NodeId>) -> bool {
    let mut cur = html.tree.get(id).and_then(|n| n.parent());
    while let Some(p) = cur {
        if tables.contains(&p.id()) {
            return true;
        }
        cur = p.parent();
    }
    false
}

/// Why a node should go, or None to keep it.
fn judge(
    html: &Html,
    id: NodeId,
    name: &str,
    policy: Policy,
    tables: &HashSet<NodeId>,
    index: &Index,
    p: &patterns::Patterns,
) -> Option<String> {
    let c = index.get(id);
    let mut is_list = matches!(name, "ul" | "ol");
    if !is_list && c.len() > 0 {
        is_list = c.list_chars as f64 / c.len() as f64 > 0.9;
    }
    if name == "table" && tables.contains(&id) {
        return None;
    }
    if has_ancestor_data_table(html, id, tables) || dom_ops::has_ancestor_tag(html, id, "code", 3) {
        return None;
    }
    if c.data_tables > 0 {
        return None;
    }
    let weight = class_weight(html, id, policy);
    if weight < 0.0 {
        return Some("class or id has a negative weight".into());
    }
    if c.commas >= 10 {
        return None;
    }
    if c.videos > 0 {
        return None;
    }
    if c.len() < 40 {
        let inner = text::normalize_ws(&crate::dom::raw_text(html, id));
        if p.ad_words.is_match(&inner) || p.loading_words.is_match(&inner) {
            return Some(format!("only says {inner:?}"));
        }
    }
    let paragraphs = c.p as f64;
    let img = c.img;
    let li = c.li as f64 - 100.0;
    let heading_density = if c.len() == 0 {
        0.0
    } else {
        c.heading_chars as f64 / c.len() as f64
    };
    let content_length = c.weighted();
    let link_density = c.link_density();
    let figure_child = dom_ops::has_ancestor_tag(html, id, "figure", 3);
    let mut why: Option<String> = None;
    if !figure_child && img > 1 && paragraphs / (img as f64) < 0.5 {
        why = Some(format!(
            "more images than paragraphs (img={img}, p={})",
            c.p
        ));
    } else if !is_list && li > paragraphs {
        why = Some(format!("list items outside a list (li={})", c.li));
    } else if c.input as f64 > (paragraphs / 3.0).floor() {
        why = Some(format!("form inputs (input={})", c.input));
    } else if !is_list
        && !figure_child
        && heading_density < 0.9
        && content_length < 25
        && (img == 0 || img > 2)
        && link_density > 0.0
    {
        why = Some("short and linked".into());
    } else if !is_list && weight < 25.0 && link_density > 0.2 {
        why = Some(format!("mostly links (link density {link_density:.2})"));
    } else if weight >= 25.0 && link_density > 0.5 {
        why = Some(format!(
            "mostly links despite its class (link density {link_density:.2})"
        ));
    } else if (c.embeds == 1 && content_length < 75) || c.embeds > 1 {
        why = Some(format!("embeds with little text (embeds={})", c.embeds));
    } else if img == 0 && c.textish == 0 {
        why = Some("no text or images".into());
    }
    // A list of images (each item a single image) stays.
    if is_list && why.is_some() {
        let items = dom_ops::element_children(html, id);
        let simple = items
            .iter()
            .all(|li| dom_ops::element_children(html, *li).len() <= 1);
        if simple && img == c.li {
            return None;
        }
    }
    why
}

/// Removes short share widgets below the article's top-level children.
fn clean_share(html: &mut Html, root: NodeId, audit: &mut Audit) {
    let p = patterns();
    for child in dom_ops::element_children(html, root) {
        let targets: Vec<NodeId> = html
            .tree
            .get(child)
            .map(|n| {
                n.descendants()
                    .skip(1)
                    .filter(|d| {
                        d.value()
                            .as_element()
                            .map(|e| p.share.is_match(&dom_ops::match_string(e)))
                            .unwrap_or(false)
                    })
                    .map(|d| d.id())
                    .collect()
            })
            .unwrap_or_default();
        for id in targets {
            if !dom_ops::is_attached(html, id) {
                continue;
            }
            let len = text::normalize_ws(&crate::dom::raw_text(html, id))
                .chars()
                .count();
            if len < patterns::SHARE_MAX_CHARS {
                record(html, id, audit, "page-share", "share widget");
                crate::dom::detach(html, id);
            }
        }
    }
}

/// Readability's `_prepArticle` on the article root.
pub fn prep_article(html: &mut Html, root: NodeId, policy: Policy, audit: &mut Audit) {
    let tables = data_tables(html, root);
    for name in patterns::CLEAN_CONDITIONALLY_FIRST {
        clean_conditionally(html, root, name, policy, &tables, audit);
    }
    for name in patterns::CLEAN_BEFORE_SHARE {
        clean_all(html, root, name, audit);
    }
    clean_share(html, root, audit);
    for name in patterns::CLEAN_AFTER_SHARE {
        clean_all(html, root, name, audit);
    }
    for id in descendants_named(html, root, &["h1", "h2"]) {
        if class_weight(html, id, policy) < 0.0 && dom_ops::is_attached(html, id) {
            record(
                html,
                id,
                audit,
                "page-clean",
                "heading with a negative class weight",
            );
            crate::dom::detach(html, id);
        }
    }
    for name in patterns::CLEAN_CONDITIONALLY_LAST {
        clean_conditionally(html, root, name, policy, &tables, audit);
    }
    // Empty paragraphs.
    for id in descendants_named(html, root, &["p"]).into_iter().rev() {
        let Some(n) = html.tree.get(id) else { continue };
        let empty = n.descendants().all(|d| match d.value() {
            Node::Text(t) => t.chars().all(text::is_space),
            Node::Element(e) => !matches!(e.name(), "img" | "embed" | "object" | "iframe"),
            _ => true,
        });
        if empty {
            crate::dom::detach(html, id);
        }
    }
}
