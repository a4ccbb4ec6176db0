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
    unwrap_noscript_images(html, body);
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
    // A <br> removed as part of an earlier run has no parent.
    if html.tree.get(br).and_then(|n| n.parent()).is_none() {
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

/// The `<img>` a node is or holds alone (through single-child wrappers without text).
fn single_image(html: &Html, id: NodeId) -> Option<NodeId> {
    let mut cur = html.tree.get(id)?;
    loop {
        let e = cur.value().as_element()?;
        if e.name() == "img" {
            return Some(cur.id());
        }
        let mut elems = cur.children().filter(|c| c.value().is_element());
        let only = elems.next()?;
        if elems.next().is_some() {
            return None;
        }
        let has_text = cur.children().any(|c| match c.value() {
            Node::Text(t) => !t.chars().all(crate::text::is_space),
            _ => false,
        });
        if has_text {
            return None;
        }
        cur = only;
    }
}

/// A lazy-loading placeholder followed by `<noscript><img src=real></noscript>` takes the
/// real image's attributes.
fn unwrap_noscript_images(html: &mut Html, body: NodeId) {
    let noscripts: Vec<NodeId> = html
        .tree
        .get(body)
        .map(|b| {
            b.descendants()
                .filter(|d| d.value().as_element().map(|e| e.name()) == Some("noscript"))
                .map(|d| d.id())
                .collect()
        })
        .unwrap_or_default();
    for ns in noscripts {
        let raw = crate::dom::raw_text(html, ns);
        if !raw.contains("<img") {
            continue;
        }
        let frag = Html::parse_fragment(&raw);
        let root = frag.root_element();
        let mut elems = root.children().filter(|c| c.value().is_element());
        let (Some(only), None) = (elems.next(), elems.next()) else {
            continue;
        };
        let Some(new_img) = single_image(&frag, only.id()) else {
            continue;
        };
        let attrs: Vec<_> = frag
            .tree
            .get(new_img)
            .and_then(|n| n.value().as_element())
            .map(|e| {
                e.attrs
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let mut prev = html.tree.get(ns).and_then(|n| n.prev_sibling());
        while let Some(p) = prev {
            if p.value().is_element() {
                break;
            }
            prev = p.prev_sibling();
        }
        let Some(target) = prev.and_then(|p| single_image(html, p.id())) else {
            continue;
        };
        if let Some(mut n) = html.tree.get_mut(target) {
            if let Node::Element(e) = n.value() {
                for (k, v) in attrs {
                    e.attrs.insert(k, v);
                }
            }
        }
    }
}
