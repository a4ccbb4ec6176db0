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

/// The text content of a node with its whitespace kept, skipping the subtrees whose text is
/// never shown: `<script>`, `<style>`, `<noscript>` and `<template>`, in any namespace (a
/// `<style>` inside MathML or SVG is foreign content: html5ever keeps its CSS as text).
pub fn content_text(html: &Html, id: NodeId) -> String {
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
                    Node::Text(t) => out.push_str(&t.text),
                    Node::Element(e) if is_unshown(e.name()) => skip = Some(n.id()),
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
    out
}

/// Elements whose text is never shown to a reader, wherever they sit.
fn is_unshown(name: &str) -> bool {
    matches!(name, "script" | "style" | "noscript" | "template")
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
                        if is_unshown(name) {
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

/// A bare element of that name, without attributes, to clone into a tree (scraper builds
/// elements only through its parser).
pub fn bare_element(name: &str) -> Option<scraper::node::Element> {
    let frag = Html::parse_fragment(&format!("<{name}></{name}>"));
    let found = frag
        .tree
        .nodes()
        .find_map(|n| n.value().as_element().filter(|e| e.name() == name).cloned());
    found
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

/// Most attributes kept on one tag; the rest of the tag's attributes are dropped before parsing.
pub const MAX_ATTRIBUTES: usize = 256;

/// Drops the attributes of any tag past the first [`MAX_ATTRIBUTES`], before parsing.
///
/// Why: html5ever's tokenizer checks every new attribute against all earlier ones of the same
/// tag (duplicate detection), so one tag with n distinct attributes costs n²/2 comparisons
/// (100,000 attributes: 14 s; 1,000,000: hours). This scan follows the tokenizer's tag states
/// (tag name, attribute name, quoted and unquoted values) over the raw bytes in one pass. It does
/// not know about raw-text elements or comments, so it may also cut "attributes" in a `<` inside
/// a script or comment that runs for more than 256 words without a `>`: content that is never
/// article text. Real tags have a handful of attributes.
///
/// Also returns the number of start tags the scan saw (the parser's tree is reserved from it).
pub fn limit_attributes(input: &str) -> (std::borrow::Cow<'_, str>, usize) {
    #[derive(Clone, Copy, PartialEq)]
    enum S {
        Data,
        TagName,
        BeforeName,
        Name,
        AfterName,
        BeforeValue,
        Dq,
        Sq,
        AfterQuoted,
        Unquoted,
    }
    let b = input.as_bytes();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut state = S::Data;
    let mut count = 0usize;
    let mut start_tags = 0usize;
    let mut cut_from: Option<usize> = None;
    let mut i = 0usize;
    loop {
        // Text and quoted values hold most of the bytes: jump over them.
        let skip_to = match state {
            S::Data => Some(b'<'),
            S::Dq => Some(b'"'),
            S::Sq => Some(b'\''),
            _ => None,
        };
        if let Some(stop) = skip_to {
            match memchr::memchr(stop, b.get(i..).unwrap_or(&[])) {
                Some(off) => i += off,
                None => break,
            }
        }
        let Some(&c) = b.get(i) else {
            break;
        };
        let ws = matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0c);
        let mut start_attr = false;
        state = match state {
            S::Data => {
                if c == b'<' {
                    let next = b.get(i + 1).copied().unwrap_or(0);
                    let after = b.get(i + 2).copied().unwrap_or(0);
                    if next.is_ascii_alphabetic() || (next == b'/' && after.is_ascii_alphabetic()) {
                        if next != b'/' {
                            start_tags += 1;
                        }
                        count = 0;
                        S::TagName
                    } else {
                        S::Data
                    }
                } else {
                    S::Data
                }
            }
            _ if c == b'>' && !matches!(state, S::Dq | S::Sq) => S::Data,
            S::TagName => {
                if ws || c == b'/' {
                    S::BeforeName
                } else {
                    S::TagName
                }
            }
            S::BeforeName => {
                if ws || c == b'/' {
                    S::BeforeName
                } else {
                    start_attr = true;
                    S::Name
                }
            }
            S::Name => {
                if ws {
                    S::AfterName
                } else if c == b'/' {
                    S::BeforeName
                } else if c == b'=' {
                    S::BeforeValue
                } else {
                    S::Name
                }
            }
            S::AfterName => {
                if ws {
                    S::AfterName
                } else if c == b'/' {
                    S::BeforeName
                } else if c == b'=' {
                    S::BeforeValue
                } else {
                    start_attr = true;
                    S::Name
                }
            }
            S::BeforeValue => {
                if ws {
                    S::BeforeValue
                } else if c == b'"' {
                    S::Dq
                } else if c == b'\'' {
                    S::Sq
                } else {
                    S::Unquoted
                }
            }
            S::Dq => {
                if c == b'"' {
                    S::AfterQuoted
                } else {
                    S::Dq
                }
            }
            S::Sq => {
                if c == b'\'' {
                    S::AfterQuoted
                } else {
                    S::Sq
                }
            }
            S::AfterQuoted => {
                if ws || c == b'/' {
                    S::BeforeName
                } else {
                    start_attr = true;
                    S::Name
                }
            }
            S::Unquoted => {
                if ws {
                    S::BeforeName
                } else {
                    S::Unquoted
                }
            }
        };
        if start_attr {
            count += 1;
            if count == MAX_ATTRIBUTES + 1 {
                cut_from = Some(i);
            }
        }
        if state == S::Data {
            if let Some(from) = cut_from.take() {
                cuts.push((from, i));
            }
        }
        i += 1;
    }
    if let Some(from) = cut_from {
        cuts.push((from, b.len()));
    }
    if cuts.is_empty() {
        return (std::borrow::Cow::Borrowed(input), start_tags);
    }
    // Every cut starts right after an ASCII delimiter and ends at `>` or the end: char boundaries.
    let mut out = String::with_capacity(input.len());
    let mut at = 0usize;
    for (from, to) in cuts {
        out.push_str(input.get(at..from).unwrap_or(""));
        at = to;
    }
    out.push_str(input.get(at..).unwrap_or(""));
    (std::borrow::Cow::Owned(out), start_tags)
}

/// A fast hasher for node ids (small integers): one multiplication, no SipHash rounds.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 =
                (self.0.rotate_left(5) ^ u64::from(*b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0.rotate_left(5) ^ n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

pub(crate) type IdBuild = std::hash::BuildHasherDefault<IdHasher>;
pub(crate) type IdMap<V> = std::collections::HashMap<NodeId, V, IdBuild>;
pub(crate) type IdSet = std::collections::HashSet<NodeId, IdBuild>;

/// Bytes handed to the HTML parser between two checks of nesting depth and tree size.
const PARSE_CHUNK: usize = 4096;

/// Parses a document like `Html::parse_document`, but in chunks, refusing it as soon as it nests
/// deeper than `max_depth` or holds more than `max_elements` elements.
///
/// Why: html5ever's tree builder scans its stack of open elements on most tags ("has a `p` in
/// button scope", adoption agency, the active formatting list), so its time grows with
/// (tags × depth): 100,000 nested `<div>`s take over a minute, and unclosed formatting elements
/// with distinct attributes are re-created at every paragraph, so the tree can grow with the
/// square of the input. Checking every chunk bounds both: the work is at most
/// (tags × (`max_depth` + one chunk's tags)) and the tree at most about `max_elements` plus one
/// chunk's growth.
pub fn parse_document(
    input: &str,
    max_elements: usize,
    max_depth: usize,
) -> Result<Html, crate::error::Error> {
    use crate::error::Error;
    use html5ever::tendril::{StrTendril, TendrilSink};

    let (limited, start_tags) = limit_attributes(input);
    // Reserve the tree up front: five nodes per two start tags (the element, the text inside
    // and the text after it; measured on article pages). Growing by doubling instead briefly
    // holds the old and the new copy and leaves up to half of the last one unused (peak memory
    // on large inputs); pages of the reservation that are never written are never resident.
    let estimate = start_tags
        .min(max_elements)
        .saturating_mul(5)
        .saturating_div(2)
        .saturating_add(16);
    let mut doc = Html::new_document();
    doc.tree = ego_tree::Tree::with_capacity(Node::Document, estimate);
    let mut parser =
        html5ever::driver::parse_document(scraper::HtmlTreeSink::new(doc), Default::default());
    let mut rest: &str = &limited;
    // Element counting is exact but costs a pass; do it each time the node count doubles.
    let mut next_count = max_elements.saturating_add(1);
    let mut seen = 0usize;
    let mut depths: IdMap<usize> = IdMap::default();
    while !rest.is_empty() {
        let mut cut = rest.len().min(PARSE_CHUNK);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let (chunk, tail) = (
            rest.get(..cut).unwrap_or(rest),
            rest.get(cut..).unwrap_or(""),
        );
        rest = tail;
        parser.process(StrTendril::from_slice(chunk));
        // Depths are remembered for one chunk only: its new nodes share their ancestors, and
        // a walk stops at the first remembered one, so the memo stays small (this chunk's
        // nodes and one path of at most `max_depth` ancestors) while the cost stays linear.
        depths.clear();
        let html = parser.tokenizer.sink.sink.0.borrow();
        let nodes = html.tree.nodes().len();
        // The depth of every node created by this chunk (nodes are stored in creation order).
        let fresh = nodes.saturating_sub(seen);
        seen = nodes;
        let mut depth = 0usize;
        for n in html.tree.nodes().rev().take(fresh) {
            depth = depth.max(node_depth(n, &mut depths));
        }
        if depth > max_depth {
            return Err(Error::TooDeep {
                limit: max_depth,
                found: depth,
            });
        }
        if nodes > next_count {
            let elements = count_elements(&html, max_elements);
            if elements > max_elements {
                return Err(Error::TooManyElements {
                    limit: max_elements,
                    found: elements,
                });
            }
            next_count = nodes.saturating_mul(2);
        }
    }
    let html = parser.finish();
    let elements = count_elements(&html, max_elements);
    if elements > max_elements {
        return Err(Error::TooManyElements {
            limit: max_elements,
            found: elements,
        });
    }
    Ok(html)
}

/// The number of ancestors of `n`, memoised: the walk stops at the first ancestor whose depth is
/// known, so computing it for every node in creation order is linear overall.
fn node_depth(n: ego_tree::NodeRef<'_, Node>, memo: &mut IdMap<usize>) -> usize {
    let mut path = Vec::new();
    let mut cur = Some(n);
    let mut base = 0usize;
    while let Some(c) = cur {
        if let Some(d) = memo.get(&c.id()) {
            base = *d;
            break;
        }
        path.push(c.id());
        cur = c.parent();
    }
    if cur.is_none() {
        // Reached the root without a memoised ancestor: the root has depth 0.
        base = 0;
        if let Some(root) = path.pop() {
            memo.insert(root, 0);
        }
    }
    let mut d = base;
    for id in path.into_iter().rev() {
        d += 1;
        memo.insert(id, d);
    }
    d
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

/// The address an `<img>` shows: its `src`, unless that is a placeholder (`data:`, a blank or
/// spacer GIF, none), then the lazy-loading attribute that names the real file (`data-src`,
/// `data-original`, …), a `srcset`'s first candidate, or a parent `<picture>`'s first source.
pub fn image_source(html: &Html, id: NodeId) -> Option<&str> {
    let e = html.tree.get(id)?.value().as_element()?;
    let src = e.attr("src").map(str::trim).filter(|s| !s.is_empty());
    let placeholder = src
        .map(|s| {
            s.starts_with("data:")
                || s.contains("blank.gif")
                || s.contains("spacer.gif")
                || s.contains("transparent.gif")
        })
        .unwrap_or(true);
    if placeholder {
        for a in [
            "data-src",
            "data-original",
            "data-lazy-src",
            "data-original-src",
            "data-url",
            "data-actualsrc",
            "data-hi-res-src",
        ] {
            if let Some(v) = e.attr(a).map(str::trim).filter(|s| !s.is_empty()) {
                return Some(v);
            }
        }
        if let Some(set) = e.attr("data-srcset").or_else(|| e.attr("srcset")) {
            if let Some(first) = set
                .split(',')
                .next()
                .and_then(|c| c.split_whitespace().next())
            {
                return Some(first);
            }
        }
        // <picture><source srcset=…><img></picture>: the first source.
        let picture = html
            .tree
            .get(id)
            .and_then(|n| n.parent())
            .filter(|p| p.value().as_element().map(|pe| pe.name()) == Some("picture"));
        if let Some(p) = picture {
            let first = p.children().find_map(|c| {
                let ce = c.value().as_element().filter(|ce| ce.name() == "source")?;
                let set = ce.attr("srcset").or_else(|| ce.attr("data-srcset"))?;
                set.split(',').next()?.split_whitespace().next()
            });
            if first.is_some() {
                return first;
            }
        }
    }
    src
}

/// The text of markup read with the tokenizer alone, no tree: linear at any nesting depth (the
/// fallback for a body that broke the tree's limits). Block tags and `<br>` start new lines;
/// the content of `<script>`, `<style>` and `<template>` is skipped.
pub(crate) fn text_by_tokens(markup: &str) -> String {
    use html5ever::tendril::StrTendril;
    use html5ever::tokenizer::{
        BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    };
    use std::cell::{Cell, RefCell};

    struct Sink {
        out: RefCell<String>,
        skipping: Cell<usize>,
    }
    impl TokenSink for Sink {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            match token {
                Token::TagToken(tag) => {
                    let name: &str = &tag.name;
                    if matches!(name, "script" | "style" | "template") {
                        let n = self.skipping.get();
                        self.skipping.set(match tag.kind {
                            TagKind::StartTag if !tag.self_closing => n + 1,
                            TagKind::EndTag => n.saturating_sub(1),
                            _ => n,
                        });
                    } else if name == "br" || is_block(name) {
                        let mut out = self.out.borrow_mut();
                        if !out.ends_with('\n') && !out.is_empty() {
                            out.push('\n');
                        }
                    }
                }
                Token::CharacterTokens(t) if self.skipping.get() == 0 => {
                    self.out.borrow_mut().push_str(&t);
                }
                _ => {}
            }
            TokenSinkResult::Continue
        }
    }
    let tok = Tokenizer::new(
        Sink {
            out: RefCell::new(String::new()),
            skipping: Cell::new(0),
        },
        TokenizerOpts::default(),
    );
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(markup));
    let _ = tok.feed(&input);
    tok.end();
    tok.sink.out.take()
}

#[cfg(test)]
mod text_by_tokens_tests {
    #[test]
    fn reads_text_at_any_depth_in_lines() {
        let deep = format!("{}deep{}", "<div>".repeat(50_000), "</div>".repeat(50_000));
        let t = super::text_by_tokens(&format!(
            "<p>One</p><p>Two<br>three</p><script>x()</script>{deep}"
        ));
        assert_eq!(t, "One\nTwo\nthree\ndeep\n");
    }
}
