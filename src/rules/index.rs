//! The element index: every element under the rules' root in document order, with the
//! figures the guards test (text and link-text length, subtree size, position among the
//! article's blocks). Rules walk this flat list instead of the tree; it is rebuilt after a rule
//! changes the tree.

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{Html, Node};

use crate::dom::{self, ego_tree, IdMap};
use crate::text;

/// Per-node figures used by guards, computed in one iterative pass.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Info {
    /// Non-whitespace characters of text.
    pub(super) chars: usize,
    /// Non-whitespace characters inside links.
    pub(super) link_chars: usize,
    /// Nodes in the subtree.
    pub(super) nodes: usize,
    /// The first unit (block of the article, counted from 0) the element's content is in.
    pub(super) first_unit: usize,
    /// The last unit the element's content is in.
    pub(super) last_unit: usize,
}

/// One element of the tree under the rules' root, in document order.
#[derive(Debug, Clone, Copy)]
pub(super) struct Elem {
    pub(super) id: NodeId,
    pub(super) info: Info,
    /// Index (in [`Index::elems`]) just past this element's last descendant.
    pub(super) end: usize,
    /// Named in [`super::TEXT_RULE_NAMES`] (tried by text-only rules).
    pub(super) text_name: bool,
    /// A block element ([`dom::is_block`]).
    pub(super) block: bool,
}

/// The index of the tree as it is now.
pub(super) struct Index {
    /// Elements in document order (pre-order), with their figures: rules walk this list
    /// instead of the tree.
    pub(super) elems: Vec<Elem>,
    /// Position of every element in `elems`, by id (for sibling lookups).
    pub(super) pos: IdMap<usize>,
    /// How many units (runs of text or images between block boundaries) there are.
    pub(super) units: usize,
}

/// Indexes the subtree under `root` in one iterative walk.
pub(super) fn build_index(html: &Html, root: NodeId) -> Index {
    let mut pos: IdMap<usize> = IdMap::default();
    let mut elems: Vec<Elem> = Vec::new();
    let Some(root_ref) = html.tree.get(root) else {
        return Index {
            elems,
            pos,
            units: 0,
        };
    };
    // Units are the article's blocks: runs of text or images separated by block boundaries.
    let mut units = 0usize;
    let mut boundary = true;
    // (node, figures, inside a link, position in `elems` for elements)
    let mut stack: Vec<(NodeId, Info, bool, Option<usize>)> = Vec::new();
    // Depth inside elements that never render (script, style, nav, form …): their text and
    // images are not blocks of the article.
    let mut hidden = 0usize;
    for edge in root_ref.traverse() {
        match edge {
            Edge::Open(n) => {
                let mut is_link = false;
                let mut slot = None;
                match n.value() {
                    Node::Element(e) => {
                        let name = e.name();
                        let block = dom::is_block(name);
                        if block {
                            boundary = true;
                        }
                        if name == "img" && boundary && hidden == 0 {
                            units += 1;
                            boundary = false;
                        }
                        is_link = name == "a";
                        if dom::NON_CONTENT.contains(&name) {
                            hidden += 1;
                        }
                        slot = Some(elems.len());
                        elems.push(Elem {
                            id: n.id(),
                            info: Info::default(),
                            end: 0,
                            text_name: super::TEXT_RULE_NAMES.contains(&name),
                            block,
                        });
                    }
                    Node::Text(t) if hidden == 0 && !t.chars().all(text::is_space) && boundary => {
                        units += 1;
                        boundary = false;
                    }
                    _ => {}
                }
                let in_link = is_link || stack.last().map(|s| s.2).unwrap_or(false);
                let start = units.max(1) - 1;
                stack.push((
                    n.id(),
                    Info {
                        first_unit: if boundary { units } else { start },
                        ..Info::default()
                    },
                    in_link,
                    slot,
                ));
                if let (Node::Text(t), 0) = (n.value(), hidden) {
                    let c = t.chars().filter(|c| !text::is_space(*c)).count();
                    if let Some(top) = stack.last_mut() {
                        top.1.chars = c;
                        if in_link {
                            top.1.link_chars = c;
                        }
                    }
                }
            }
            Edge::Close(n) => {
                if let Node::Element(e) = n.value() {
                    if dom::is_block(e.name()) {
                        boundary = true;
                    }
                    if dom::NON_CONTENT.contains(&e.name()) {
                        hidden = hidden.saturating_sub(1);
                    }
                }
                let Some((id, mut me, _, slot)) = stack.pop() else {
                    continue;
                };
                me.nodes += 1;
                me.last_unit = units.max(1) - 1;
                if me.last_unit < me.first_unit {
                    me.last_unit = me.first_unit;
                }
                if let Some(parent) = stack.last_mut() {
                    parent.1.chars += me.chars;
                    parent.1.link_chars += me.link_chars;
                    parent.1.nodes += me.nodes;
                }
                if let Some(slot) = slot {
                    let end = elems.len();
                    if let Some(e) = elems.get_mut(slot) {
                        e.info = me;
                        e.end = end;
                    }
                    pos.insert(id, slot);
                }
            }
        }
    }
    Index { elems, pos, units }
}
