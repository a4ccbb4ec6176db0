//! Small DOM operations the page extractor needs: element navigation in document order,
//! renaming, creating paragraphs, bounded text excerpts.

use ego_tree::NodeId;
use scraper::node::Element;
use scraper::{Html, Node};

use crate::dom::ego_tree;
use crate::text;

/// Tag name of an element node.
pub fn tag(html: &Html, id: NodeId) -> Option<&str> {
    html.tree.get(id)?.value().as_element().map(|e| e.name())
}

/// Whether the node is an element named `name`.
pub fn is_tag(html: &Html, id: NodeId, name: &str) -> bool {
    tag(html, id) == Some(name)
}

/// `class + " " + id`, the string Readability matches its patterns against.
pub fn match_string(e: &Element) -> String {
    format!(
        "{} {}",
        e.attr("class").unwrap_or(""),
        e.attr("id").unwrap_or("")
    )
}

/// Element children of a node.
pub fn element_children(html: &Html, id: NodeId) -> Vec<NodeId> {
    html.tree
        .get(id)
        .map(|n| {
            n.children()
                .filter(|c| c.value().is_element())
                .map(|c| c.id())
                .collect()
        })
        .unwrap_or_default()
}

/// The next sibling that is an element (text between is skipped).
pub(super) fn next_element_sibling(html: &Html, id: NodeId) -> Option<NodeId> {
    let mut cur = html.tree.get(id)?.next_sibling();
    while let Some(n) = cur {
        if n.value().is_element() {
            return Some(n.id());
        }
        cur = n.next_sibling();
    }
    None
}

/// The next element in document order; with `skip_children`, the next one after the
/// node's subtree.
pub fn next_node(html: &Html, id: NodeId, skip_children: bool) -> Option<NodeId> {
    let node = html.tree.get(id)?;
    if !skip_children {
        if let Some(c) = node.children().find(|c| c.value().is_element()) {
            return Some(c.id());
        }
    }
    if let Some(s) = next_element_sibling(html, id) {
        return Some(s);
    }
    let mut cur = node.parent();
    while let Some(p) = cur {
        if let Some(s) = next_element_sibling(html, p.id()) {
            return Some(s);
        }
        cur = p.parent();
    }
    None
}

/// Renames an element in place (attributes kept).
pub fn rename(html: &mut Html, id: NodeId, name: &str) {
    if let Some(mut n) = html.tree.get_mut(id) {
        if let Node::Element(e) = n.value() {
            e.name.local = name.into();
        }
    }
}

/// A new detached element named `name` (no attributes), built from `like`'s namespace.
pub fn new_element(html: &mut Html, like: NodeId, name: &str) -> Option<NodeId> {
    let mut q = html.tree.get(like)?.value().as_element()?.name.clone();
    q.local = name.into();
    let el = Element::new(q, Vec::new());
    Some(html.tree.orphan(Node::Element(el)).id())
}

/// Whether a node is an ancestor-or-self of another, within `max_depth` parents of
/// `id` (0 = unlimited).
pub fn has_ancestor_tag(html: &Html, id: NodeId, name: &str, max_depth: usize) -> bool {
    let mut depth = 0;
    let mut cur = html.tree.get(id).and_then(|n| n.parent());
    while let Some(p) = cur {
        if max_depth > 0 && depth > max_depth {
            return false;
        }
        if p.value().as_element().map(|e| e.name()) == Some(name) {
            return true;
        }
        cur = p.parent();
        depth += 1;
    }
    false
}

/// Text of a subtree cut at `max` characters (for audit excerpts), skipping scripts.
pub fn excerpt(html: &Html, id: NodeId, max: usize) -> String {
    let mut out = String::new();
    let Some(node) = html.tree.get(id) else {
        return out;
    };
    let mut skip: Option<NodeId> = None;
    for edge in node.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(n) => {
                if skip.is_some() {
                    continue;
                }
                match n.value() {
                    Node::Text(t) => {
                        out.push_str(t);
                        out.push(' ');
                        if out.len() > max * 4 {
                            break;
                        }
                    }
                    Node::Element(e) if super::patterns::NO_TEXT.contains(&e.name()) => {
                        skip = Some(n.id());
                    }
                    _ => {}
                }
            }
            ego_tree::iter::Edge::Close(n) => {
                if skip == Some(n.id()) {
                    skip = None;
                }
            }
        }
    }
    text::truncate_chars(&text::normalize_ws(&out), max)
}

/// Whether a text node is only whitespace.
pub fn is_blank_text(node: &Node) -> bool {
    match node {
        Node::Text(t) => t.chars().all(text::is_space),
        _ => false,
    }
}

/// Moves `child` (with its subtree) to the end of `parent`'s children.
pub fn append(html: &mut Html, parent: NodeId, child: NodeId) {
    if parent == child {
        return;
    }
    if let Some(mut p) = html.tree.get_mut(parent) {
        p.append_id(child);
    }
}

/// Moves `node` (with its subtree) just before `anchor`.
pub fn insert_before(html: &mut Html, anchor: NodeId, node: NodeId) {
    if anchor == node {
        return;
    }
    if let Some(mut a) = html.tree.get_mut(anchor) {
        a.insert_id_before(node);
    }
}

/// Whether the node still hangs under the document root.
pub fn is_attached(html: &Html, id: NodeId) -> bool {
    let root = html.tree.root().id();
    let mut cur = html.tree.get(id);
    while let Some(n) = cur {
        if n.id() == root {
            return true;
        }
        cur = n.parent();
    }
    false
}
