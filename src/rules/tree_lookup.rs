//! Small lookups in the tree that the matchers and the actions share.

use ego_tree::NodeId;
use scraper::{Html, Node};

use crate::dom::{self, ego_tree};
use crate::text;

/// The last text node under `id` that holds more than whitespace.
pub(super) fn last_text(html: &Html, id: NodeId) -> Option<NodeId> {
    html.tree
        .get(id)?
        .descendants()
        .filter(|d| matches!(d.value(), Node::Text(t) if !t.chars().all(text::is_space)))
        .last()
        .map(|d| d.id())
}

/// The next sibling that is an element, past blank text only (None at any other node).
pub(super) fn next_element_sibling(html: &Html, id: NodeId) -> Option<NodeId> {
    let mut cur = html.tree.get(id)?.next_sibling();
    while let Some(n) = cur {
        if n.value().is_element() {
            return Some(n.id());
        }
        if !dom::is_whitespace_text(n.value()) {
            return None;
        }
        cur = n.next_sibling();
    }
    None
}
