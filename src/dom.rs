//! Small helpers over scraper's tree (ego-tree). Every walk here is iterative: documents may
//! nest 100,000 deep and wasm's stack is small.

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node};

pub use ::ego_tree;

/// Element names whose content is never article text.
pub const NON_CONTENT: &[&str] = &[
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "base", "object",
    "embed", "applet", "form", "input", "button", "select", "textarea", "option", "canvas",
    "frame", "frameset", "dialog", "svg", "math", "audio", "video", "source", "track", "map",
    "area", "param", "iframe", "nav", "menu",
];

/// Block-level element names (the ones that end a paragraph).
pub const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "body",
    "html",
    "caption",
];

/// Whether `name` is a block-level element.
pub fn is_block(name: &str) -> bool {
    BLOCK.contains(&name)
}

/// The raw text content of a node (all descendant text nodes, no normalisation).
pub fn raw_text(html: &Html, id: NodeId) -> String {
    let mut out = String::new();
    if let Some(node) = html.tree.get(id) {
        for d in node.descendants() {
            if let Node::Text(t) = d.value() {
                out.push_str(t);
            }
        }
    }
    out
}

/// The whitespace-normalised text of a node, skipping non-content subtrees (scripts, styles).
pub fn text(html: &Html, id: NodeId) -> String {
    let mut out = String::new();
    let Some(node) = html.tree.get(id) else {
        return out;
    };
    let mut skip_depth: Option<NodeId> = None;
    for edge in node.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(n) => {
                if skip_depth.is_some() {
                    continue;
                }
                match n.value() {
                    Node::Text(t) => out.push_str(&t.text),
                    Node::Element(e) => {
                        let name = e.name();
                        if matches!(name, "script" | "style" | "noscript" | "template") {
                            skip_depth = Some(n.id());
                        } else if name == "br" || is_block(name) {
                            out.push(' ');
                        }
                    }
                    _ => {}
                }
            }
            ego_tree::iter::Edge::Close(n) => {
                if skip_depth == Some(n.id()) {
                    skip_depth = None;
                } else if let Node::Element(e) = n.value() {
                    if skip_depth.is_none() && is_block(e.name()) {
                        out.push(' ');
                    }
                }
            }
        }
    }
    crate::text::normalize_ws(&out)
}

/// The `<body>` element, or the root element when there is none.
pub fn body(html: &Html) -> NodeId {
    let root = html.root_element();
    for child in root.children() {
        if let Some(e) = ElementRef::wrap(child) {
            if e.value().name() == "body" {
                return e.id();
            }
        }
    }
    root.id()
}

/// Detaches a node from the tree (no-op for unknown ids).
pub fn detach(html: &mut Html, id: NodeId) {
    if let Some(mut n) = html.tree.get_mut(id) {
        n.detach();
    }
}

/// Whether `id` is still attached under `root` (or is `root`).
pub fn is_attached_under(html: &Html, id: NodeId, root: NodeId) -> bool {
    let mut cur = html.tree.get(id);
    while let Some(n) = cur {
        if n.id() == root {
            return true;
        }
        cur = n.parent();
    }
    false
}

/// Counts element nodes, stopping once `limit` is passed.
pub fn count_elements(html: &Html, limit: usize) -> usize {
    let mut n = 0usize;
    for node in html.tree.nodes() {
        if node.value().is_element() {
            n += 1;
            if n > limit {
                break;
            }
        }
    }
    n
}

/// Attribute value of an element node.
pub fn attr<'a>(html: &'a Html, id: NodeId, name: &str) -> Option<&'a str> {
    html.tree.get(id)?.value().as_element()?.attr(name)
}

/// Whether the node has, among its descendants, an element other than inline formatting.
pub fn is_whitespace_text(node: &Node) -> bool {
    match node {
        Node::Text(t) => t.chars().all(crate::text::is_space),
        Node::Comment(_) => true,
        _ => false,
    }
}
