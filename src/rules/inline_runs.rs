//! Inline runs as paragraphs: before the element rules run, each run of inline content between
//! blocks, `<hr>`s or `<br><br>` pairs is wrapped in a `<p>`, so text rules see bare lines as
//! blocks.

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{Html, Node};

use crate::dom::{self, ego_tree};
use crate::text;

/// Containers whose inline runs become paragraphs of their own (the same places where the
/// block builder would start a new paragraph).
const RUN_CONTAINERS: &[&str] = &[
    "body",
    "div",
    "section",
    "article",
    "main",
    "center",
    "aside",
    "footer",
    "header",
    "blockquote",
];

/// Wraps each run of inline content that sits between blocks, `<hr>`s or `<br><br>` pairs in
/// a `<p>`, so that text rules see bare lines (`<hr>获取更多RSS：<a>…</a>` directly in the
/// body, `…<br><br>© 2024 …`) as blocks. Runs without text are left alone. This mirrors how
/// the block builder splits paragraphs, so output is unchanged where no rule fires.
pub(super) fn wrap_inline_runs(html: &mut Html, root: NodeId) {
    let Some(proto) = paragraph_prototype() else {
        return;
    };
    let Some(root_ref) = html.tree.get(root) else {
        return;
    };
    let containers: Vec<NodeId> = root_ref
        .descendants()
        .filter(|n| {
            n.id() == root
                || n.value()
                    .as_element()
                    .map(|e| RUN_CONTAINERS.contains(&e.name()))
                    .unwrap_or(false)
        })
        .map(|n| n.id())
        .collect();
    for container in containers {
        let Some(c) = html.tree.get(container) else {
            continue;
        };
        let kids: Vec<NodeId> = c.children().map(|k| k.id()).collect();
        let name_of = |html: &Html, id: NodeId| -> Option<String> {
            html.tree
                .get(id)
                .and_then(|n| n.value().as_element().map(|e| e.name().to_string()))
        };
        // Split the children into runs; separators stay where they are.
        let mut runs: Vec<Vec<NodeId>> = Vec::new();
        let mut run: Vec<NodeId> = Vec::new();
        let mut separated = false;
        let mut i = 0usize;
        while let Some(&k) = kids.get(i) {
            let name = name_of(html, k);
            let is_sep = match name.as_deref() {
                Some(n) if dom::is_block(n) => true,
                Some("br") => {
                    // A <br> followed (past blank text) by another <br> ends the paragraph.
                    let mut j = i + 1;
                    let mut double = false;
                    while let Some(&nk) = kids.get(j) {
                        match html.tree.get(nk).map(|n| n.value()) {
                            Some(v) if dom::is_whitespace_text(v) => j += 1,
                            Some(Node::Element(e)) if e.name() == "br" => {
                                double = true;
                                break;
                            }
                            _ => break,
                        }
                    }
                    if double {
                        // Skip the pair (and the blanks between).
                        runs.push(std::mem::take(&mut run));
                        separated = true;
                        i = j + 1;
                        continue;
                    }
                    false
                }
                _ => false,
            };
            if is_sep {
                separated = true;
                runs.push(std::mem::take(&mut run));
            } else {
                run.push(k);
            }
            i += 1;
        }
        runs.push(run);
        if !separated {
            continue;
        }
        for run in runs {
            let has_text = run.iter().any(|id| has_visible_text(html, *id));
            let Some(&first) = run.first() else {
                continue;
            };
            if !has_text {
                continue;
            }
            let p = html.tree.orphan(Node::Element(proto.clone())).id();
            if let Some(mut f) = html.tree.get_mut(first) {
                f.insert_id_before(p);
            }
            if let Some(mut pm) = html.tree.get_mut(p) {
                for id in run {
                    pm.append_id(id);
                }
            }
        }
    }
}

/// Whether a node holds text outside non-rendering elements (script, style, nav …).
fn has_visible_text(html: &Html, id: NodeId) -> bool {
    let Some(node) = html.tree.get(id) else {
        return false;
    };
    let mut hidden = 0usize;
    for edge in node.traverse() {
        match edge {
            Edge::Open(n) => match n.value() {
                Node::Element(e) if dom::NON_CONTENT.contains(&e.name()) => hidden += 1,
                Node::Text(t) if hidden == 0 && !t.chars().all(text::is_space) => return true,
                _ => {}
            },
            Edge::Close(n) => {
                if let Node::Element(e) = n.value() {
                    if dom::NON_CONTENT.contains(&e.name()) {
                        hidden = hidden.saturating_sub(1);
                    }
                }
            }
        }
    }
    false
}

/// A bare `<p>` element value to clone (scraper builds elements only through its parser).
fn paragraph_prototype() -> Option<scraper::node::Element> {
    let frag = Html::parse_fragment("<p></p>");
    let found = frag
        .tree
        .nodes()
        .find_map(|n| n.value().as_element().filter(|e| e.name() == "p").cloned());
    found
}
