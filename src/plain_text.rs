//! Feed items written as plain text: with no block markup at all, blank lines are what
//! separate the paragraphs (`Heavy rain hit the coast.\n\nNo one was hurt.`), as in the
//! text bodies of JSON Feed items, e-mail newsletters and some aggregators.

use ego_tree::NodeId;
use scraper::{Html, Node};

use crate::dom::{self, ego_tree};

/// Wraps the paragraphs of a plain-text item in `<p>` elements; returns how many it made.
/// Does nothing when the item has any block element (then HTML's whitespace rules hold).
pub(crate) fn split_paragraphs(html: &mut Html, root: NodeId) -> usize {
    let Some(root_ref) = html.tree.get(root) else {
        return 0;
    };
    let has_blocks = root_ref.descendants().skip(1).any(|d| {
        d.value()
            .as_element()
            .is_some_and(|e| dom::is_block(e.name()))
    });
    let has_blank_line = root_ref.children().any(|c| match c.value() {
        Node::Text(t) => blank_line_at(t).is_some(),
        _ => false,
    });
    if has_blocks || !has_blank_line {
        return 0;
    }
    let Some(proto) = dom::bare_element("p") else {
        return 0;
    };
    // Split the root's text nodes at blank lines, so that every paragraph is a run of nodes.
    let kids: Vec<NodeId> = root_ref.children().map(|c| c.id()).collect();
    let mut runs: Vec<Vec<NodeId>> = vec![Vec::new()];
    for k in kids {
        let text = match html.tree.get(k).map(|n| n.value()) {
            Some(Node::Text(t)) => t.to_string(),
            _ => {
                if let Some(run) = runs.last_mut() {
                    run.push(k);
                }
                continue;
            }
        };
        let mut rest = text.as_str();
        let mut first = true;
        loop {
            let (piece, next) = match blank_line_at(rest) {
                Some((start, end)) => (rest.get(..start).unwrap_or(""), rest.get(end..)),
                None => (rest, None),
            };
            if !first {
                runs.push(Vec::new());
            }
            first = false;
            if !piece.trim().is_empty() {
                let node = html
                    .tree
                    .orphan(Node::Text(scraper::node::Text { text: piece.into() }));
                if let Some(run) = runs.last_mut() {
                    run.push(node.id());
                }
            }
            match next {
                Some(n) => rest = n,
                None => break,
            }
        }
        dom::detach(html, k);
    }
    let mut made = 0;
    for run in runs.into_iter().filter(|r| !r.is_empty()) {
        let p = html.tree.orphan(Node::Element(proto.clone())).id();
        if let Some(mut root_mut) = html.tree.get_mut(root) {
            root_mut.append_id(p);
        }
        if let Some(mut pm) = html.tree.get_mut(p) {
            for id in run {
                pm.append_id(id);
            }
        }
        made += 1;
    }
    made
}

/// The byte range of the first blank line (a line break, optional spaces, a line break) in
/// `s`, with the spaces around it.
fn blank_line_at(s: &str) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let is_pad = |c: u8| matches!(c, b' ' | b'\t' | b'\r');
    let at = |i: usize| b.get(i).copied();
    for (i, &c) in b.iter().enumerate() {
        if c != b'\n' {
            continue;
        }
        let mut j = i + 1;
        while at(j).is_some_and(is_pad) {
            j += 1;
        }
        if at(j) == Some(b'\n') {
            let mut start = i;
            while start > 0 && at(start - 1).is_some_and(is_pad) {
                start -= 1;
            }
            let mut end = j + 1;
            while at(end).is_some_and(|c| is_pad(c) || c == b'\n') {
                end += 1;
            }
            return Some((start, end));
        }
    }
    None
}
