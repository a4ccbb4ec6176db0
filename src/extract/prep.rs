//! Document preparation, done once before the attempts: `<br><br>` runs become paragraph
//! breaks, `<font>` becomes `<span>`, and images hidden in `<noscript>` replace their
//! lazy-loading placeholders.

use ego_tree::NodeId;
use scraper::{Html, Node};

use super::dom_ops::{self, is_tag};
use super::grab::is_phrasing;
use crate::dom::ego_tree;

/// Prepares the document.
pub fn prepare(html: &mut Html) {
    let body = crate::dom::body(html);
    let (brs, fonts): (Vec<NodeId>, Vec<NodeId>) = {
        let mut brs = Vec::new();
        let mut fonts = Vec::new();
        if let Some(b) = html.tree.get(body) {
            for d in b.descendants() {
                match d.value().as_element().map(|e| e.name()) {
                    Some("br") => brs.push(d.id()),
                    Some("font") => fonts.push(d.id()),
                    _ => {}
                }
            }
        }
        (brs, fonts)
    };
    for f in fonts {
        dom_ops::rename(html, f, "span");
    }
    for br in brs {
        replace_br_run(html, br);
    }
}

/// The next sibling that is an element or non-blank text.
fn next_significant(html: &Html, id: Option<NodeId>) -> Option<NodeId> {
    let mut cur = id.and_then(|i| html.tree.get(i));
    while let Some(n) = cur {
        match n.value() {
            Node::Element(_) => return Some(n.id()),
            Node::Text(t) if !t.chars().all(crate::text::is_space) => return Some(n.id()),
            _ => cur = n.next_sibling(),
        }
    }
    None
}

fn next_sibling(html: &Html, id: NodeId) -> Option<NodeId> {
    html.tree
        .get(id)
        .and_then(|n| n.next_sibling())
        .map(|n| n.id())
}

/// `a<br><br>b` → `a<p>b</p>`: a run of two or more `<br>` starts a paragraph holding the
/// phrasing content that follows, up to the next run.
fn replace_br_run(html: &mut Html, br: NodeId) {
    if !dom_ops::is_attached(html, br) {
        return;
    }
    let mut replaced = false;
    let mut next = next_significant(html, next_sibling(html, br));
    while let Some(n) = next {
        if !is_tag(html, n, "br") {
            break;
        }
        replaced = true;
        let after = next_sibling(html, n);
        crate::dom::detach(html, n);
        next = next_significant(html, after);
    }
    if !replaced {
        return;
    }
    let Some(p) = dom_ops::new_element(html, br, "p") else {
        return;
    };
    dom_ops::insert_before(html, br, p);
    crate::dom::detach(html, br);
    let mut cur = next_sibling(html, p);
    while let Some(n) = cur {
        if is_tag(html, n, "br") {
            let after = next_significant(html, next_sibling(html, n));
            if after.map(|a| is_tag(html, a, "br")).unwrap_or(false) {
                break;
            }
        }
        if !is_phrasing(html, n) {
            break;
        }
        let following = next_sibling(html, n);
        dom_ops::append(html, p, n);
        cur = following;
    }
    loop {
        let last = html
            .tree
            .get(p)
            .and_then(|n| n.last_child())
            .map(|c| c.id());
        match last {
            Some(l)
                if html
                    .tree
                    .get(l)
                    .map(|n| dom_ops::is_blank_text(n.value()) || is_tag(html, l, "br"))
                    .unwrap_or(false) =>
            {
                crate::dom::detach(html, l)
            }
            _ => break,
        }
    }
    let parent = html.tree.get(p).and_then(|n| n.parent()).map(|n| n.id());
    if let Some(parent) = parent {
        if is_tag(html, parent, "p") {
            dom_ops::rename(html, parent, "div");
        }
    }
}
