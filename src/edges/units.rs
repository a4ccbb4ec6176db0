//! The item as the edge layer sees it: a sequence of units (the blocks a reader sees, in
//! reading order), each made of lines (a paragraph's `<br>`-separated lines, a list's items),
//! with the figures the judge needs.

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{Html, Node};

use crate::dom::{self, ego_tree};
use crate::text;

use super::vocab::{core, norm};

/// Elements taken whole: their inside is one thing to a reader.
const ATOMIC: &[&str] = &["ul", "ol", "dl", "pre", "blockquote"];

/// Classes and ids (whole tokens or token prefixes) of a byline element.
const BYLINE_TOKENS: &[&str] = &[
    "byline",
    "author",
    "post-author",
    "entry-author",
    "article-author",
    "writer",
];

/// One block of the item.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    /// The element, or the nodes of a run of loose inline content.
    pub nodes: Vec<NodeId>,
    /// Element name.
    pub name: String,
    pub lines: Vec<Line>,
    /// Images inside.
    pub images: usize,
    /// A heading (`h1`–`h6`).
    pub heading: bool,
    /// All its text is bold (`<p><strong>Label</strong></p>`).
    pub bold: bool,
    /// The element or one of its ancestors up to the root is marked as a byline
    /// (`<address>`, `.byline`, `[rel=author]`, `[itemprop=author]`).
    pub byline_markup: bool,
}

/// A link of a line.
#[derive(Debug, Clone)]
pub(crate) struct LineLink {
    pub id: NodeId,
    pub text: String,
    pub href: String,
    /// The link's `title`, or the `alt` of an image inside it: what a symbol or image link
    /// (`★`, a share icon) says it is.
    pub label: Option<String>,
}

/// One line of a unit.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// The nodes that make the line (children of the unit between `<br>`s, a list's `<li>`, or
    /// the unit element itself).
    pub nodes: Vec<NodeId>,
    /// Whitespace-normalised text.
    pub text: String,
    /// [`norm`]ed text.
    pub folded: String,
    /// Non-whitespace characters.
    pub chars: usize,
    /// Non-whitespace characters inside links.
    pub link_chars: usize,
    pub links: Vec<LineLink>,
    /// A machine-readable date inside (`<time datetime>`, `<abbr class="published" title>`,
    /// `[itemprop=datePublished]`).
    pub date: Option<String>,
    /// Marked up as a byline (`[rel=author]`, `.byline`, `<address>` …) inside the line.
    pub byline_markup: bool,
    /// The last words of the line are a link's (punctuation may follow): "… show notes at
    /// <a>site</a>."
    pub ends_with_link: bool,
}

impl Line {
    /// The folded text without the punctuation and symbols around it.
    pub fn core(&self) -> &str {
        core(&self.folded)
    }

    /// Share of the text inside links.
    pub fn link_density(&self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f64 / self.chars as f64
        }
    }
}

/// Collects the units under `root` in document order: leaf blocks, atomic blocks (lists,
/// data tables, figures, quotes, code) and runs of loose inline content between blocks (Reddit's
/// "submitted by …" line after its `<div class="md">`).
pub(crate) fn collect(html: &Html, root: NodeId) -> Vec<Unit> {
    let mut out = Vec::new();
    let Some(root_ref) = html.tree.get(root) else {
        return out;
    };
    if is_leaf(root_ref) {
        out.extend(unit(html, Shape::Element(root), root, "body"));
        return out;
    }
    // Containers to read, each with its next child to look at (iterative: deep documents;
    // sibling links, not child indices, so a wide container is read in linear time).
    let mut stack: Vec<(NodeId, Option<NodeId>)> =
        vec![(root, root_ref.first_child().map(|c| c.id()))];
    let mut run: Vec<NodeId> = Vec::new();
    while let Some((container, next)) = stack.pop() {
        let Some(child) = next.and_then(|id| html.tree.get(id)) else {
            flush_run(html, &mut run, root, &mut out);
            continue;
        };
        stack.push((container, child.next_sibling().map(|s| s.id())));
        let id = child.id();
        let Some(e) = child.value().as_element() else {
            if matches!(child.value(), Node::Text(_)) {
                run.push(id);
            }
            continue;
        };
        let name = e.name();
        if dom::NON_CONTENT.contains(&name) {
            continue;
        }
        if !dom::is_block(name) {
            run.push(id);
            continue;
        }
        flush_run(html, &mut run, root, &mut out);
        if name == "hr" {
            continue;
        }
        if is_atomic(child) || is_leaf(child) {
            out.extend(unit(html, Shape::Element(id), root, name));
        } else {
            stack.push((id, child.first_child().map(|c| c.id())));
        }
    }
    flush_run(html, &mut run, root, &mut out);
    out
}

/// A run of loose inline nodes becomes a unit when it has text.
fn flush_run(html: &Html, run: &mut Vec<NodeId>, root: NodeId, out: &mut Vec<Unit>) {
    if run.is_empty() {
        return;
    }
    let nodes = std::mem::take(run);
    out.extend(unit(html, Shape::Run(nodes), root, "#run"));
}

/// A block without blocks inside (other than `<hr>`).
fn is_leaf(n: ego_tree::NodeRef<'_, Node>) -> bool {
    !n.descendants().skip(1).any(|d| {
        d.value()
            .as_element()
            .is_some_and(|x| dom::is_block(x.name()) && x.name() != "hr")
    })
}

/// Lists, figures, quotes, code and data tables are read whole. A table with paragraphs,
/// lists or divs in its cells is layout, and a figure whose caption holds paragraphs (an
/// unclosed `<figure>` that swallowed what follows) is a container: their blocks are read.
fn is_atomic(n: ego_tree::NodeRef<'_, Node>) -> bool {
    let Some(e) = n.value().as_element() else {
        return false;
    };
    if matches!(e.name(), "table" | "figure") {
        return !n.descendants().skip(1).any(|d| {
            d.value().as_element().is_some_and(|x| {
                matches!(
                    x.name(),
                    "p" | "div"
                        | "ul"
                        | "ol"
                        | "table"
                        | "blockquote"
                        | "h1"
                        | "h2"
                        | "h3"
                        | "h4"
                        | "h5"
                        | "h6"
                        | "section"
                        | "article"
                        | "center"
                )
            })
        });
    }
    ATOMIC.contains(&e.name())
}

/// What a unit is made of.
enum Shape {
    Element(NodeId),
    Run(Vec<NodeId>),
}

fn unit(html: &Html, shape: Shape, root: NodeId, name: &str) -> Option<Unit> {
    let (id, kids): (NodeId, Vec<NodeId>) = match &shape {
        Shape::Element(id) => (
            *id,
            html.tree.get(*id)?.children().map(|k| k.id()).collect(),
        ),
        Shape::Run(nodes) => (*nodes.first()?, nodes.clone()),
    };
    let node = html.tree.get(id)?;
    let lines: Vec<Line> = match name {
        "ul" | "ol" => node
            .descendants()
            .filter(|d| d.value().as_element().is_some_and(|e| e.name() == "li"))
            .filter_map(|li| line(html, vec![li.id()]))
            .collect(),
        _ if ATOMIC.contains(&name) || name == "table" || name == "figure" => {
            line(html, vec![id]).into_iter().collect()
        }
        _ => {
            // Split the children at <br>.
            let mut lines = Vec::new();
            let mut cur = Vec::new();
            for k in kids.iter().copied() {
                let is_br = html
                    .tree
                    .get(k)
                    .and_then(|n| n.value().as_element())
                    .is_some_and(|e| e.name() == "br");
                if is_br {
                    lines.extend(line(html, std::mem::take(&mut cur)));
                } else {
                    cur.push(k);
                }
            }
            lines.extend(line(html, cur));
            lines
        }
    };
    let scope: Vec<NodeId> = match &shape {
        Shape::Element(id) => vec![*id],
        Shape::Run(nodes) => nodes.clone(),
    };
    let images = scope
        .iter()
        .filter_map(|n| html.tree.get(*n))
        .flat_map(|n| n.descendants())
        .filter(|d| d.value().as_element().is_some_and(|e| e.name() == "img"))
        .count();
    if lines.is_empty() && images == 0 {
        return None;
    }
    let heading = matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
    let start = match &shape {
        Shape::Element(_) => Some(node),
        Shape::Run(_) => node.parent(),
    };
    let byline_markup = start.is_some_and(|s| {
        std::iter::once(s)
            .chain(s.ancestors())
            .take_while(|a| a.id() != root)
            .any(|a| a.value().as_element().is_some_and(is_byline_element))
    });
    Some(Unit {
        nodes: scope,
        name: name.to_string(),
        bold: !heading && all_bold(html, &kids),
        lines,
        images,
        heading,
        byline_markup,
    })
}

/// A line from its nodes; None when it has no text.
fn line(html: &Html, nodes: Vec<NodeId>) -> Option<Line> {
    let mut raw = String::new();
    let (mut chars, mut link_chars) = (0usize, 0usize);
    let mut links = Vec::new();
    let mut date = None;
    let mut byline_markup = false;
    let mut ends_with_link = false;
    for &id in &nodes {
        let Some(node) = html.tree.get(id) else {
            continue;
        };
        let mut skip: Option<NodeId> = None;
        let mut link_depth: Vec<NodeId> = Vec::new();
        for edge in node.traverse() {
            match edge {
                Edge::Open(n) => {
                    if skip.is_some() {
                        continue;
                    }
                    match n.value() {
                        Node::Text(t) => {
                            raw.push_str(t);
                            let c = t.chars().filter(|c| !text::is_space(*c)).count();
                            chars += c;
                            if !link_depth.is_empty() {
                                link_chars += c;
                            }
                            if t.chars().any(char::is_alphanumeric) {
                                ends_with_link = !link_depth.is_empty();
                            }
                        }
                        Node::Element(e) => {
                            let name = e.name();
                            if dom::NON_CONTENT.contains(&name) {
                                skip = Some(n.id());
                                continue;
                            }
                            if name == "br" || dom::is_block(name) {
                                raw.push(' ');
                            }
                            if name == "a" {
                                link_depth.push(n.id());
                                if let Some(href) = e.attr("href") {
                                    let t = dom::text(html, n.id());
                                    let label = e
                                        .attr("title")
                                        .or_else(|| image_alt(html, n.id()))
                                        .map(text::normalize_ws)
                                        .filter(|l| !l.is_empty());
                                    links.push(LineLink {
                                        id: n.id(),
                                        text: t,
                                        href: href.to_string(),
                                        label,
                                    });
                                }
                            }
                            if date.is_none() {
                                date = machine_date(e);
                            }
                            byline_markup |= is_byline_element(e);
                        }
                        _ => {}
                    }
                }
                Edge::Close(n) => {
                    if skip == Some(n.id()) {
                        skip = None;
                    } else if link_depth.last() == Some(&n.id()) {
                        link_depth.pop();
                    }
                }
            }
        }
    }
    let mut text = text::normalize_ws(&raw);
    // A line of image or symbol links (share icons, a `★` permalink) is read by what its links
    // say they are: their titles and image alts.
    let labelled = core(&text).is_empty() && links.iter().any(|l| l.label.is_some());
    if labelled {
        let labels: Vec<&str> = links.iter().filter_map(|l| l.label.as_deref()).collect();
        text = labels.join(" ");
        chars = text.chars().filter(|c| !text::is_space(*c)).count();
        link_chars = chars;
    }
    if text.is_empty() {
        return None;
    }
    Some(Line {
        ends_with_link: ends_with_link || labelled,
        folded: norm(&text),
        nodes,
        text,
        chars,
        link_chars,
        links,
        date,
        byline_markup,
    })
}

/// The `alt` of the first image under a node.
fn image_alt(html: &Html, id: NodeId) -> Option<&str> {
    html.tree.get(id)?.descendants().find_map(|d| {
        d.value()
            .as_element()
            .filter(|e| e.name() == "img")
            .and_then(|e| e.attr("alt"))
    })
}

/// A date an element states for machines: `<time datetime>`, `<abbr title>` of class
/// `published`/`updated`, `[itemprop=datePublished|dateModified]` with `content`/`datetime`.
fn machine_date(e: &scraper::node::Element) -> Option<String> {
    let value = match e.name() {
        "time" => e.attr("datetime"),
        "abbr"
            if e.classes()
                .any(|c| matches!(c, "published" | "updated" | "dtstart")) =>
        {
            e.attr("title")
        }
        _ => None,
    }
    .or_else(|| {
        e.attr("itemprop")
            .filter(|p| matches!(*p, "datePublished" | "dateCreated" | "dateModified"))
            .and_then(|_| e.attr("content").or_else(|| e.attr("datetime")))
    })?;
    text::parse_date(value)
}

fn is_byline_element(e: &scraper::node::Element) -> bool {
    if e.name() == "address" {
        return true;
    }
    if e.attr("rel")
        .is_some_and(|r| r.split_ascii_whitespace().any(|t| t == "author"))
        || e.attr("itemprop").is_some_and(|p| p == "author")
    {
        return true;
    }
    let token = |t: &str| {
        let t = t.to_ascii_lowercase();
        BYLINE_TOKENS
            .iter()
            .any(|b| t == *b || t.starts_with(&format!("{b}-")) || t.ends_with(&format!("-{b}")))
    };
    e.classes().any(token) || e.id().is_some_and(token)
}

/// Whether every piece of text under `nodes` sits inside `<b>`/`<strong>`.
fn all_bold(html: &Html, nodes: &[NodeId]) -> bool {
    let mut any = false;
    for &id in nodes {
        let Some(node) = html.tree.get(id) else {
            continue;
        };
        for d in node.descendants() {
            if let Node::Text(t) = d.value() {
                if t.chars().all(text::is_space) {
                    continue;
                }
                any = true;
                let mut bold = false;
                let mut cur = Some(d);
                while let Some(a) = cur {
                    if a.value()
                        .as_element()
                        .is_some_and(|e| matches!(e.name(), "b" | "strong"))
                    {
                        bold = true;
                        break;
                    }
                    if a.id() == id {
                        break;
                    }
                    cur = a.parent();
                }
                if !bold {
                    return false;
                }
            }
        }
    }
    any
}
