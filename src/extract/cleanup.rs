//! Cleaning the chosen article subtree (Readability's `_prepArticle`): unconditional
//! removals (embeds other than video players, asides, footers, controls), short share
//! widgets, negatively weighted headings, and conditional cleaning of forms, tables, lists
//! and `<div>`s that look like boilerplate. Every removal is recorded in the audit trail.

use crate::dom::IdSet;

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
pub fn data_tables(html: &Html, root: NodeId) -> IdSet {
    let mut out = IdSet::default();
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
    tables: &IdSet,
    audit: &mut Audit,
) {
    if !policy.clean_conditionally() {
        return;
    }
    let mut index = Index::build(html, root, tables);
    let in_data_table = inside_data_tables(html, tables);
    // Reverse document order: inner nodes are judged (and removed) before their ancestors,
    // so every node is still attached when it is judged.
    for id in descendants_named(html, root, &[name]).into_iter().rev() {
        if let Some(reason) = judge(html, id, name, policy, tables, &in_data_table, &index) {
            index.remove(html, id, root, tables);
            record(html, id, audit, "page-clean-conditionally", &reason);
            crate::dom::detach(html, id);
        }
    }
}

/// Every node strictly inside a data table (one pass per table).
fn inside_data_tables(html: &Html, tables: &IdSet) -> IdSet {
    let mut out = IdSet::default();
    for t in tables {
        if let Some(n) = html.tree.get(*t) {
            out.extend(n.descendants().skip(1).map(|d| d.id()));
        }
    }
    out
}

/// Why a node should go, or None to keep it.
fn judge(
    html: &Html,
    id: NodeId,
    name: &str,
    policy: Policy,
    tables: &IdSet,
    in_data_table: &IdSet,
    index: &Index,
) -> Option<String> {
    let p = patterns();
    let c = index.get(id);
    let mut is_list = matches!(name, "ul" | "ol");
    if !is_list && c.len() > 0 {
        is_list = c.list_chars as f64 / c.len() as f64 > 0.9;
    }
    if name == "table" && tables.contains(&id) {
        return None;
    }
    if in_data_table.contains(&id) || dom_ops::has_ancestor_tag(html, id, "code", 3) {
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

/// Lazy-loaded images: a tiny base64 placeholder `src` goes when another attribute names the
/// real file, and an image without a source (or with a `lazy` class) takes it from the
/// attribute that holds an image URL (`data-src`, `data-original`…); a `<figure>` without
/// an image gets one.
fn fix_lazy_images(html: &mut Html, root: NodeId) {
    let p = patterns();
    for id in descendants_named(html, root, &["img", "picture", "figure"]) {
        let Some(e) = html.tree.get(id).and_then(|n| n.value().as_element()) else {
            continue;
        };
        let name = e.name().to_string();
        let other_has_image = e
            .attrs()
            .any(|(k, v)| k != "src" && p.image_file.is_match(v));
        let mut drop_src = false;
        if let Some(src) = e.attr("src") {
            let lower = src.trim_start().to_ascii_lowercase();
            if lower.starts_with("data:")
                && lower.contains(";base64")
                && !lower.starts_with("data:image/svg+xml")
            {
                let b64_len = lower
                    .find("base64")
                    .map(|i| lower.len().saturating_sub(i + 7))
                    .unwrap_or(0);
                drop_src = other_has_image && b64_len < 133;
            }
        }
        let has_src = !drop_src && e.attr("src").is_some_and(|v| !v.trim().is_empty());
        let has_srcset = e
            .attr("srcset")
            .is_some_and(|v| !v.trim().is_empty() && v != "null");
        let lazy_class = e
            .attr("class")
            .is_some_and(|c| c.to_ascii_lowercase().contains("lazy"));
        let mut sets = Vec::new();
        if !((has_src || has_srcset) && !lazy_class) {
            for (k, v) in e.attrs.iter() {
                let local: &str = &k.local;
                if matches!(local, "src" | "srcset" | "alt") {
                    continue;
                }
                let target = if is_srcset_value(v) {
                    "srcset"
                } else if is_single_image_url(v) {
                    "src"
                } else {
                    continue;
                };
                let mut q = k.clone();
                q.local = target.into();
                sets.push((q, v.to_string()));
            }
        }
        let Some(mut node) = html.tree.get_mut(id) else {
            continue;
        };
        if let scraper::Node::Element(el) = node.value() {
            if drop_src {
                el.attrs.retain(|k, _| &*k.local != "src");
            }
            if name != "figure" {
                for (q, v) in &sets {
                    el.attrs.insert(q.clone(), v.as_str().into());
                }
            }
        }
        if name == "figure" && !sets.is_empty() {
            let has_img = !descendants_named(html, id, &["img", "picture"]).is_empty();
            if !has_img {
                if let Some(img) = dom_ops::new_element(html, id, "img") {
                    if let Some(mut n) = html.tree.get_mut(img) {
                        if let scraper::Node::Element(el) = n.value() {
                            for (q, v) in &sets {
                                el.attrs.insert(q.clone(), v.as_str().into());
                            }
                        }
                    }
                    dom_ops::append(html, id, img);
                }
            }
        }
    }
}

/// `a.jpg 1x, b.jpg 2x` style values.
fn is_srcset_value(v: &str) -> bool {
    let lower = v.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".webp"].iter().any(|ext| {
        lower.match_indices(ext).any(|(i, _)| {
            let rest = lower.get(i + ext.len()..).unwrap_or("");
            let mut it = rest.chars();
            matches!(it.next(), Some(c) if c.is_whitespace())
                && rest
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit())
        })
    })
}

/// One URL naming an image file.
fn is_single_image_url(v: &str) -> bool {
    let t = v.trim();
    if t.is_empty() || t.contains(char::is_whitespace) {
        return false;
    }
    let lower = t.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".webp"]
        .iter()
        .any(|ext| lower.contains(ext))
}

/// Readability's `_prepArticle` on the article root.
pub fn prep_article(html: &mut Html, root: NodeId, policy: Policy, audit: &mut Audit) {
    let tables = data_tables(html, root);
    fix_lazy_images(html, root);
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
