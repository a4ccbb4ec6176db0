//! Applying compiled rules to the parsed DOM, and to URLs.

use std::collections::HashSet;

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node};
use url::Url;

use super::{Action, Compiled, Field, ProxyEncoding, RuleSet};
use crate::article::RemovalAction;
use crate::audit::Audit;
use crate::dom::{self, ego_tree};
use crate::options::{Options, ProxyPolicy};
use crate::text;

/// Longest text (in non-space characters) a text rule looks at when the rule sets no
/// `maxChars` guard.
const TEXT_RULE_CAP: usize = 2000;
/// Largest subtree (in nodes) a text rule looks at: boilerplate blocks are small.
const TEXT_RULE_MAX_NODES: usize = 400;
/// How many times the element rules run over the tree (the second pass only when the first
/// changed it).
const PASSES: usize = 2;

/// What rules lifted out of the body.
#[derive(Debug, Default)]
pub(crate) struct Extracted {
    pub copyright: Option<String>,
    pub credits: Vec<String>,
    /// (title, raw href, source) triples; URLs are resolved later with the other URLs.
    pub related: Vec<(String, String, Option<String>)>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub source: Option<String>,
    pub site_name: Option<String>,
    /// (rule id, text, raw href) of the first link of a footer whose rule has
    /// `titleFromLink`: the article's title and URL when the input gives none.
    pub title_link: Option<(String, String, String)>,
    /// Elements to render as headings, with their level.
    pub promoted: IdMap<u8>,
    /// Set by a rule with `flag: "truncated"`.
    pub truncated: bool,
}

use crate::dom::{IdMap, IdSet};

/// Per-node figures used by guards, computed in one iterative pass.
#[derive(Debug, Clone, Copy, Default)]
struct Info {
    /// Non-whitespace characters of text.
    chars: usize,
    /// Non-whitespace characters inside links.
    link_chars: usize,
    /// Nodes in the subtree.
    nodes: usize,
    first_unit: usize,
    last_unit: usize,
}

/// One element of the tree under the rules' root, in document order.
#[derive(Debug, Clone, Copy)]
struct Elem {
    id: NodeId,
    info: Info,
    /// Index (in [`Index::elems`]) just past this element's last descendant.
    end: usize,
    /// Named in [`super::TEXT_RULE_NAMES`] (tried by text-only rules).
    text_name: bool,
    /// A block element ([`dom::is_block`]).
    block: bool,
}

struct Index {
    /// Elements in document order (pre-order), with their figures: rules walk this list
    /// instead of the tree.
    elems: Vec<Elem>,
    /// Position of every element in `elems`, by id (for sibling lookups).
    pos: IdMap<usize>,
    units: usize,
}

/// Element texts (and their folded forms) computed by text rules, shared by every rule. An
/// element's text depends on its subtree only, so when rules detach nodes only the entries of
/// their ancestors are dropped ([`TextCache::invalidate_ancestors`]). Whether an element stands
/// alone depends on its siblings: that part is cleared on every change.
#[derive(Default)]
struct TextCache {
    texts: IdMap<CachedText>,
    /// Whether an inline element stands alone on its line (see [`stands_alone`]).
    alone: IdMap<bool>,
}

/// One element's text, its folded form, and the rules whose text pattern it failed.
#[derive(Default)]
struct CachedText {
    text: String,
    /// Characters in `text` (compared with every rule's length cap).
    chars: usize,
    folded: Option<String>,
    /// Bit `i` set: the rule at position `i` of the ordered rule list does not match this
    /// text (the second pass skips it; the entry goes when the text changes).
    misses: Vec<u64>,
}

impl CachedText {
    fn missed(&self, rule: usize) -> bool {
        self.misses
            .get(rule / 64)
            .is_some_and(|w| w & (1u64 << (rule % 64)) != 0)
    }

    fn set_missed(&mut self, rule: usize) {
        if self.misses.len() <= rule / 64 {
            self.misses.resize(rule / 64 + 1, 0);
        }
        if let Some(w) = self.misses.get_mut(rule / 64) {
            *w |= 1u64 << (rule % 64);
        }
    }
}

impl TextCache {
    /// Drops the texts a change under `id` may alter: those of its ancestors. Call before
    /// detaching `id` or its siblings (they share the ancestors).
    fn invalidate_ancestors(&mut self, html: &Html, id: NodeId) {
        if let Some(node) = html.tree.get(id) {
            for a in node.ancestors() {
                self.texts.remove(&a.id());
            }
        }
    }
}

fn build_index(html: &Html, root: NodeId) -> Index {
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

/// Detects feed generators from the item's shape.
pub(crate) fn detect_feeds(html: &Html, root: NodeId) -> Vec<String> {
    // (feed, where to look, needle): data, not logic.
    const SIGNATURES: &[(&str, Look, &str)] = &[
        ("feedx", Look::Text, "获取更多rss"),
        ("feedx", Look::Text, "获取更多 rss"),
        ("feedx", Look::Url, "//feedx.net"),
        ("feedx", Look::Url, "//feedx.run"),
        ("feedx", Look::Url, "//feedx.site"),
        ("feedx", Look::Url, "//feedx.co"),
        ("feedburner", Look::Class, "feedflare"),
        ("feedburner", Look::Url, "feeds.feedburner.com/"),
        ("feedburner", Look::Url, "feedproxy.google.com/"),
        ("wordpress", Look::Text, "appeared first on"),
        ("wordpress", Look::Text, "est apparu en premier sur"),
        ("wordpress", Look::Text, "最先出现在"),
        ("wordpress", Look::Text, "first appeared on"),
        ("wordpress", Look::Text, "erschien zuerst auf"),
        ("wordpress", Look::Text, "se publicó primero en"),
        ("wordpress", Look::Text, "apareceu primeiro em"),
        ("wordpress", Look::Text, "sembra essere il primo su"),
        ("wordpress", Look::Text, "verscheen eerst op"),
        ("wordpress", Look::Text, "появились сначала на"),
        ("wordpress", Look::Text, "dök först upp på"),
        ("wordpress", Look::Text, "に最初に表示されました"),
        ("wordpress", Look::Url, "pixel.wp.com/"),
        ("wordpress", Look::Url, "/wp-content/"),
        ("wordpress", Look::Class, "sharedaddy"),
        ("medium", Look::Url, "medium.com/_/stat"),
        (
            "medium",
            Look::Text,
            "on medium, where people are continuing the conversation",
        ),
        ("substack", Look::Url, "substackcdn.com/"),
        ("substack", Look::Class, "subscription-widget"),
        ("blogger", Look::Class, "blogger-post-footer"),
        (
            "blogger",
            Look::Url,
            "blogger.googleusercontent.com/tracker/",
        ),
        ("feed43", Look::Text, "delivered by feed43"),
        ("fetchrss", Look::Url, "fetchrss.com"),
        ("fetchrss", Look::Text, "feed generated with fetchrss"),
        ("inoreader", Look::Text, "ads from inoreader"),
        ("inoreader", Look::Url, "inoreader.com/camo/"),
        ("rsshub", Look::Text, "powered by rsshub"),
        ("rsshub", Look::Class, "rsshub-quote"),
        ("rsshub", Look::Url, "//rsshub.app/"),
        ("rsshub", Look::NoReferrer, ""),
        ("googlenews", Look::Url, "//news.google.com/rss/articles/"),
        ("xgo", Look::Text, "powered by xgo.ing"),
        ("xgo", Look::Url, "//xgo.ing"),
    ];
    #[derive(Clone, Copy, PartialEq)]
    enum Look {
        Text,
        Url,
        Class,
        /// RSSHub adds `referrerpolicy="no-referrer"` to every `img` and `iframe`: all of them
        /// (at least two) carry it.
        NoReferrer,
    }
    let mut urls = String::new();
    let mut classes = String::new();
    let (mut media, mut no_referrer) = (0usize, 0usize);
    let Some(node) = html.tree.get(root) else {
        return Vec::new();
    };
    for d in node.descendants() {
        if let Some(e) = d.value().as_element() {
            for a in ["href", "src"] {
                if let Some(v) = e.attr(a) {
                    urls.push_str(&v.to_ascii_lowercase());
                    urls.push(' ');
                }
            }
            for c in e.classes() {
                classes.push_str(c);
                classes.push(' ');
            }
            if matches!(e.name(), "img" | "iframe") {
                media += 1;
                if e.attr("referrerpolicy") == Some("no-referrer") {
                    no_referrer += 1;
                }
            }
        }
    }
    let all_no_referrer = media >= 2 && no_referrer == media;
    let folded = text::fold(&dom::text(html, root));
    let mut out: Vec<String> = Vec::new();
    for (feed, look, needle) in SIGNATURES {
        if out.iter().any(|f| f == feed) {
            continue;
        }
        let hay = match look {
            Look::Text => &folded,
            Look::Url => &urls,
            Look::Class => &classes,
            Look::NoReferrer => {
                if all_no_referrer {
                    out.push((*feed).to_string());
                }
                continue;
            }
        };
        if hay.contains(needle) {
            out.push((*feed).to_string());
        }
    }
    out
}

/// Whether a rule's scope admits this item.
fn in_scope(c: &Compiled, feeds: &[String], page: Option<&Url>) -> bool {
    let s = &c.rule.scope;
    if !s.feeds.is_empty() && !s.feeds.iter().any(|f| feeds.iter().any(|d| d == f)) {
        return false;
    }
    if !s.domains.is_empty() {
        let Some(host) = page.and_then(|u| u.host_str()) else {
            return false;
        };
        let host = host.to_ascii_lowercase();
        let ok = s.domains.iter().any(|d| {
            let d = d.trim_start_matches('.').to_ascii_lowercase();
            host == d || host.ends_with(&format!(".{d}"))
        });
        if !ok {
            return false;
        }
    }
    if !c.url_patterns.is_empty() {
        let Some(u) = page else { return false };
        if !c.url_patterns.iter().any(|r| r.is_match(u.as_str())) {
            return false;
        }
    }
    true
}

fn bold_only(html: &Html, id: NodeId) -> bool {
    let Some(node) = html.tree.get(id) else {
        return false;
    };
    let mut any = false;
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            if t.chars().all(text::is_space) {
                continue;
            }
            let mut bold = false;
            let mut cur = d.parent();
            while let Some(p) = cur {
                if p.id() == id {
                    break;
                }
                if let Some(e) = p.value().as_element() {
                    if matches!(e.name(), "b" | "strong") {
                        bold = true;
                        break;
                    }
                }
                cur = p.parent();
            }
            if !bold {
                return false;
            }
            any = true;
        }
    }
    any
}

/// One match of an element rule.
struct Hit {
    id: NodeId,
    text: String,
    group: Option<String>,
}

#[allow(clippy::too_many_arguments)]
fn find_hits(
    html: &Html,
    root: NodeId,
    c: &Compiled,
    rule_index: usize,
    index: &Index,
    cache: &mut TextCache,
    kept: &IdSet,
    promoted: &IdMap<u8>,
) -> Vec<Hit> {
    let mut hits = Vec::new();
    let guard = &c.rule.guard;
    let is_keep = matches!(c.rule.action, Action::Keep);
    let is_promote = matches!(c.rule.action, Action::PromoteHeading { .. });
    let cap = guard.max_chars.map(|m| m as usize).unwrap_or(TEXT_RULE_CAP);
    let text_only = c.rule.matcher.selector.is_none();
    let mut i = 0usize;
    while let Some(e) = index.elems.get(i).copied() {
        i += 1;
        if e.id == root {
            continue;
        }
        if !is_keep && kept.contains(&e.id) {
            // A kept element and everything inside it are out of reach.
            i = e.end;
            continue;
        }
        if is_promote && promoted.contains_key(&e.id) {
            continue;
        }
        if c.default_names && !e.text_name {
            continue;
        }
        let Some(n) = html.tree.get(e.id) else {
            continue;
        };
        let Some(el) = ElementRef::wrap(n) else {
            continue;
        };
        if let Some(sel) = &c.selector {
            if !sel.matches(&el) {
                continue;
            }
        }
        // Text-only rules try inline elements too (a bare `<em>© …</em>` line), but only when
        // the element is a line of its own: never a word inside a sentence.
        if text_only && !e.block {
            let alone = *cache
                .alone
                .entry(e.id)
                .or_insert_with(|| stands_alone(html, e.id));
            if !alone {
                continue;
            }
        }
        if c.url.is_some() {
            let v = el.value();
            let hit = ["href", "src", "data-src"]
                .iter()
                .filter_map(|a| v.attr(a))
                .any(|v| c.url_matches(v));
            if !hit {
                continue;
            }
        }
        let info = e.info;
        if let Some(first) = guard.first {
            if info.first_unit >= first as usize {
                continue;
            }
        }
        if let Some(last) = guard.last {
            if info.last_unit + (last as usize) < index.units {
                continue;
            }
        }
        if let Some(d) = guard.min_link_density {
            if info.chars == 0 || (info.link_chars as f64) < d * info.chars as f64 {
                continue;
            }
        }
        if let Some(d) = guard.max_link_density {
            if (info.link_chars as f64) > d * info.chars as f64 {
                continue;
            }
        }
        if let Some(sel) = &c.next_selector {
            let next = next_element_sibling(html, n.id())
                .and_then(|x| html.tree.get(x))
                .and_then(ElementRef::wrap);
            if !next.map(|x| sel.matches(&x)).unwrap_or(false) {
                continue;
            }
        }
        if let Some(d) = guard.next_min_link_density {
            let next = next_element_sibling(html, e.id)
                .and_then(|x| index.pos.get(&x))
                .and_then(|&p| index.elems.get(p))
                .map(|n| n.info);
            match next {
                Some(ni) if ni.chars > 0 && (ni.link_chars as f64) >= d * ni.chars as f64 => {}
                _ => continue,
            }
        }
        // The bold-only test is cheaper than any text pattern: first.
        if c.rule.matcher.bold_only && !bold_only(html, e.id) {
            continue;
        }
        let needs_text = c.text.is_some() || guard.max_chars.is_some();
        let mut el_text = String::new();
        let mut group = None;
        if needs_text {
            if info.chars > cap || info.nodes > TEXT_RULE_MAX_NODES {
                continue;
            }
            let cached = cache.texts.entry(e.id).or_insert_with(|| {
                let text = dom::text(html, e.id);
                CachedText {
                    chars: text.chars().count(),
                    text,
                    ..CachedText::default()
                }
            });
            if cached.missed(rule_index) || cached.chars > cap {
                continue;
            }
            if c.text.is_some() {
                let folded = cached
                    .folded
                    .get_or_insert_with(|| text::fold(&cached.text));
                let Some(caps) = c.text_captures(folded) else {
                    cached.set_missed(rule_index);
                    continue;
                };
                // The first group that took part in the match (alternatives may each have
                // their own group).
                group = caps
                    .iter()
                    .skip(1)
                    .flatten()
                    .next()
                    .map(|m| m.as_str().to_string());
            }
            el_text = cached.text.clone();
        }
        if let Some(trim) = &c.trim {
            let tail = last_text(html, n.id()).and_then(|t| match html.tree.get(t)?.value() {
                Node::Text(t) => Some(trim.is_match(t)),
                _ => None,
            });
            if tail != Some(true) {
                continue;
            }
        }
        if el_text.is_empty() {
            el_text = dom::text(html, e.id);
        }
        // Map a folded capture group back to the original text when possible.
        let group = group.map(|g| original_span(&el_text, &g).unwrap_or(g));
        hits.push(Hit {
            id: e.id,
            text: el_text,
            group,
        });
        // Nothing inside a hit is tried again.
        i = e.end;
    }
    hits
}

/// Finds the span of `el_text` whose folded form is `folded_part` (folding keeps character
/// counts except for collapsed whitespace, so search by character windows).
fn original_span(el_text: &str, folded_part: &str) -> Option<String> {
    let chars: Vec<char> = el_text.chars().collect();
    let want = folded_part.chars().count();
    if want == 0 || want > chars.len() {
        return None;
    }
    for start in 0..=chars.len() - want {
        let cand: String = chars.get(start..start + want)?.iter().collect();
        if text::fold(&cand) == folded_part {
            return Some(cand);
        }
    }
    None
}

/// Describes an element without text for the audit trail, e.g. `<img src="…">`.
fn describe(html: &Html, id: NodeId) -> String {
    let Some(e) = html
        .tree
        .get(id)
        .and_then(|n| n.value().as_element().cloned())
    else {
        return String::new();
    };
    let mut s = format!("<{}", e.name());
    for a in ["class", "id", "href", "src"] {
        if let Some(v) = e.attr(a) {
            s.push_str(&format!(" {a}=\"{}\"", text::truncate_chars(v, 120)));
        }
    }
    s.push('>');
    s
}

fn excerpt(html: &Html, id: NodeId, text: &str) -> String {
    if text.is_empty() {
        describe(html, id)
    } else {
        text.to_string()
    }
}

/// The links under `id`: (text, href, source), the source being the text of the element right
/// after the link when it matches `source` (Google News' `<font>Publisher</font>`).
fn links_of(
    html: &Html,
    id: NodeId,
    source: Option<&scraper::Selector>,
) -> Vec<(String, String, Option<String>)> {
    let mut out = Vec::new();
    if let Some(node) = html.tree.get(id) {
        for d in node.descendants() {
            if let Some(e) = d.value().as_element() {
                if e.name() == "a" {
                    if let Some(href) = e.attr("href") {
                        let t = dom::text(html, d.id());
                        if !t.is_empty() {
                            let src = source.and_then(|sel| {
                                let next = next_element_sibling(html, d.id())?;
                                let el = ElementRef::wrap(html.tree.get(next)?)?;
                                sel.matches(&el)
                                    .then(|| dom::text(html, next))
                                    .filter(|s| !s.is_empty())
                            });
                            out.push((t, href.to_string(), src));
                        }
                    }
                }
            }
        }
    }
    out
}

/// The last text node under `id` that holds more than whitespace.
fn last_text(html: &Html, id: NodeId) -> Option<NodeId> {
    html.tree
        .get(id)?
        .descendants()
        .filter(|d| matches!(d.value(), Node::Text(t) if !t.chars().all(text::is_space)))
        .last()
        .map(|d| d.id())
}

fn next_element_sibling(html: &Html, id: NodeId) -> Option<NodeId> {
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

/// are absent, line breaks, rules or blocks.
fn stands_alone(html: &Html, id: NodeId) -> bool {
    let Some(node) = html.tree.get(id) else {
        return false;
    };
    let is_edge = |n: Option<ego_tree::NodeRef<'_, Node>>| match n.map(|x| x.value()) {
        None => true,
        Some(Node::Element(e)) => e.name() == "br" || dom::is_block(e.name()),
        Some(_) => false,
    };
    let mut prev = node.prev_sibling();
    while let Some(x) = prev.filter(|x| dom::is_whitespace_text(x.value())) {
        prev = x.prev_sibling();
    }
    let mut next = node.next_sibling();
    while let Some(x) = next.filter(|x| dom::is_whitespace_text(x.value())) {
        next = x.next_sibling();
    }
    is_edge(prev) && is_edge(next)
}

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
fn wrap_inline_runs(html: &mut Html, root: NodeId) {
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

/// Removes `<br>`, `<hr>` and blank text directly before `id`; returns how many elements went.
fn remove_separators_before(html: &mut Html, id: NodeId) -> usize {
    let mut doomed = Vec::new();
    let mut cur = html.tree.get(id).and_then(|n| n.prev_sibling());
    while let Some(n) = cur {
        let sep = match n.value() {
            Node::Element(e) => matches!(e.name(), "br" | "hr"),
            other => dom::is_whitespace_text(other),
        };
        if !sep {
            break;
        }
        doomed.push(n.id());
        cur = n.prev_sibling();
    }
    let count = doomed
        .iter()
        .filter(|d| {
            html.tree
                .get(**d)
                .map(|n| n.value().is_element())
                .unwrap_or(false)
        })
        .count();
    for d in doomed {
        dom::detach(html, d);
    }
    count
}

/// Applies every element rule in scope to the subtree under `root`.
pub(crate) fn apply_element_rules(
    html: &mut Html,
    root: NodeId,
    rules: &RuleSet,
    feeds: &[String],
    page: Option<&Url>,
    audit: &mut Audit,
    out: &mut Extracted,
) {
    let mut kept: IdSet = IdSet::default();
    wrap_inline_runs(html, root);
    let element_rules: Vec<&Compiled> = rules
        .rules
        .iter()
        .map(|c| &**c)
        .filter(|c| !c.rule.action.is_url_action() && in_scope(c, feeds, page))
        .collect();
    // Keep rules first, so they protect from everything after them.
    let ordered: Vec<&Compiled> = element_rules
        .iter()
        .filter(|c| matches!(c.rule.action, Action::Keep))
        .chain(
            element_rules
                .iter()
                .filter(|c| !matches!(c.rule.action, Action::Keep)),
        )
        .copied()
        .collect();
    let mut index: Option<Index> = None;
    let mut cache = TextCache::default();
    // Captures already recorded (a capture leaves its element in place).
    let mut captured: HashSet<(usize, NodeId)> = HashSet::new();
    // Boilerplate often comes in stacks at the end (copyright, related links, share line,
    // footer): a guarded rule may only see its block once a later rule removed what followed
    // it, so the rules run a second time when the first pass changed the tree.
    for pass in 0..PASSES {
        let mut changed_in_pass = false;
        for (rule_index, c) in ordered.iter().enumerate() {
            let idx = index.get_or_insert_with(|| build_index(html, root));
            let hits = find_hits(
                html,
                root,
                c,
                rule_index,
                idx,
                &mut cache,
                &kept,
                &out.promoted,
            );
            if hits.is_empty() {
                continue;
            }
            let rule = &c.rule;
            let reason = if rule.description.is_empty() {
                rule.id.as_str()
            } else {
                rule.description.as_str()
            };
            let mut changed = false;
            for hit in hits {
                if !dom::is_attached_under(html, hit.id, root) {
                    continue;
                }
                if rule.flag == Some(super::Flag::Truncated) {
                    out.truncated = true;
                }
                match &rule.action {
                    Action::Keep => {
                        if kept.insert(hit.id) {
                            audit.push(
                                &rule.id,
                                RemovalAction::Keep,
                                reason,
                                None,
                                &excerpt(html, hit.id, &hit.text),
                            );
                        }
                    }
                    Action::TrimText { .. } => {
                        let Some(re) = &c.trim else { continue };
                        let Some(tid) = last_text(html, hit.id) else {
                            continue;
                        };
                        if let Some(mut node) = html.tree.get_mut(tid) {
                            if let Node::Text(t) = node.value() {
                                let current = t.text.to_string();
                                if let Some(m) = re.find(&current) {
                                    let cut =
                                        current.get(m.start()..).unwrap_or("").trim().to_string();
                                    let kept_text = current
                                        .get(..m.start())
                                        .unwrap_or("")
                                        .trim_end()
                                        .to_string();
                                    t.text = kept_text.as_str().into();
                                    audit.push(&rule.id, RemovalAction::Remove, reason, None, &cut);
                                    changed = true;
                                }
                            }
                        }
                    }
                    Action::Remove {
                        with_separators,
                        with_next,
                    } => {
                        cache.invalidate_ancestors(html, hit.id);
                        let mut t = excerpt(html, hit.id, &hit.text);
                        if *with_next {
                            if let Some(next) = next_element_sibling(html, hit.id) {
                                t.push_str(" | ");
                                t.push_str(&excerpt(html, next, &dom::text(html, next)));
                                dom::detach(html, next);
                            }
                        }
                        if *with_separators {
                            let n = remove_separators_before(html, hit.id);
                            if n > 0 {
                                audit.push(
                                    &rule.id,
                                    RemovalAction::Remove,
                                    reason,
                                    None,
                                    &format!(
                                        "{n} separator element(s) (<br>/<hr>) before the match"
                                    ),
                                );
                            }
                        }
                        dom::detach(html, hit.id);
                        audit.push(&rule.id, RemovalAction::Remove, reason, None, &t);
                        changed = true;
                    }
                    Action::Extract {
                        field,
                        with_next,
                        title_from_link,
                        ..
                    } => {
                        cache.invalidate_ancestors(html, hit.id);
                        let mut t = hit.text.clone();
                        let mut links = links_of(html, hit.id, c.link_source.as_ref());
                        if *title_from_link && out.title_link.is_none() {
                            if let Some((lt, href, _)) = links.first() {
                                let lt = text::normalize_ws(lt);
                                if !lt.is_empty() {
                                    out.title_link = Some((rule.id.clone(), lt, href.clone()));
                                }
                            }
                        }
                        if *with_next {
                            if let Some(next) = next_element_sibling(html, hit.id) {
                                links.extend(links_of(html, next, c.link_source.as_ref()));
                                let nt = dom::text(html, next);
                                if !nt.is_empty() {
                                    t.push_str(" | ");
                                    t.push_str(&nt);
                                }
                                dom::detach(html, next);
                            }
                        }
                        let value = hit.group.clone().unwrap_or_else(|| hit.text.clone());
                        if t.is_empty() {
                            t = describe(html, hit.id);
                        }
                        // Nothing to lift (a footer holding only a tracker image): a removal.
                        let empty = *field != Field::Related && value.trim().is_empty();
                        fill(out, *field, &value, links);
                        dom::detach(html, hit.id);
                        let action = if empty {
                            RemovalAction::Remove
                        } else {
                            RemovalAction::Extract
                        };
                        let field_name = (!empty).then(|| field.as_str());
                        audit.push(&rule.id, action, reason, field_name, &t);
                        changed = true;
                    }
                    Action::Capture { field } => {
                        if !captured.insert((rule_index, hit.id)) {
                            continue;
                        }
                        let value = hit.group.clone().unwrap_or_else(|| hit.text.clone());
                        fill(out, *field, &value, Vec::new());
                        audit.push(
                            &rule.id,
                            RemovalAction::Extract,
                            &format!("{reason} (copied; the text stays in the body)"),
                            Some(field.as_str()),
                            &value,
                        );
                    }
                    Action::PromoteHeading { level } => {
                        out.promoted.insert(hit.id, *level);
                        audit.push(
                            &rule.id,
                            RemovalAction::Promote,
                            reason,
                            None,
                            &format!("{} → h{level}", hit.text),
                        );
                    }
                    Action::RewriteUrl { .. }
                    | Action::UnwrapProxy { .. }
                    | Action::StripParams { .. } => {}
                }
            }
            if changed {
                index = None;
                cache.alone.clear();
                changed_in_pass = true;
            }
        }
        if !changed_in_pass || pass + 1 == PASSES {
            break;
        }
    }
}

fn fill(
    out: &mut Extracted,
    field: Field,
    value: &str,
    links: Vec<(String, String, Option<String>)>,
) {
    let value = value.trim();
    if value.is_empty() && field != Field::Related {
        return;
    }
    match field {
        Field::Copyright => {
            if out.copyright.is_none() {
                out.copyright = Some(value.to_string());
            }
        }
        Field::Credits => out.credits.push(value.to_string()),
        Field::Related => out.related.extend(
            links
                .into_iter()
                .map(|(t, h, s)| (text::strip_label(&t).to_string(), h, s))
                .filter(|(t, _, _)| !t.is_empty()),
        ),
        Field::Byline => {
            if out.byline.is_none() {
                out.byline = Some(value.to_string());
            }
        }
        Field::Published => {
            if out.published.is_none() {
                out.published = text::parse_date(value).or_else(|| find_date(value));
            }
        }
        Field::Source => {
            if out.source.is_none() {
                out.source = Some(value.to_string());
            }
        }
        Field::SiteName => {
            if out.site_name.is_none() {
                out.site_name = Some(value.to_string());
            }
        }
    }
}

/// Finds the first parseable date inside a longer text.
fn find_date(s: &str) -> Option<String> {
    for (i, c) in s.char_indices() {
        if c.is_ascii_digit() {
            let rest = s.get(i..)?;
            let end = rest
                .char_indices()
                .find(|(_, c)| c.is_whitespace() && !rest.starts_with(|d: char| d.is_ascii_digit()))
                .map(|(j, _)| j)
                .unwrap_or(rest.len());
            for cut in (8..=end.min(40)).rev() {
                if let Some(p) = rest.get(..cut).and_then(text::parse_date) {
                    return Some(p);
                }
            }
            return None;
        }
    }
    None
}

/// Rewrites URLs with the URL rules: resolve, rewrite, unwrap proxies, strip tracking, and
/// allow only `http:`, `https:` and `mailto:`.
pub(crate) struct UrlRewriter<'a> {
    base: Option<Url>,
    rules: Vec<&'a Compiled>,
    proxies: ProxyPolicy,
    strip_tracking: bool,
}

/// A rewritten URL.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rewritten {
    pub url: String,
    /// The proxy URL it was unwrapped from.
    pub proxy: Option<String>,
}

impl<'a> UrlRewriter<'a> {
    pub fn new(
        rules: &'a RuleSet,
        options: &Options,
        base: Option<Url>,
        feeds: &[String],
        page: Option<&Url>,
    ) -> Self {
        UrlRewriter {
            base,
            rules: rules
                .rules
                .iter()
                .map(|c| &**c)
                .filter(|c| c.rule.action.is_url_action() && in_scope(c, feeds, page))
                .collect(),
            proxies: options.unwrap_proxies,
            strip_tracking: options.strip_tracking,
        }
    }

    /// Resolves and cleans one URL; None when it is empty, unparseable or of a scheme other
    /// than http, https or mailto (audited).
    pub fn rewrite(&self, raw: &str, audit: &mut Audit) -> Option<Rewritten> {
        let raw = raw.trim_matches(|c: char| c.is_whitespace() || c.is_control());
        if raw.is_empty() || raw.starts_with('#') {
            return None;
        }
        let parsed = match &self.base {
            Some(b) => b.join(raw).ok(),
            None => Url::parse(raw).ok(),
        };
        let Some(mut u) = parsed else {
            audit.push(
                "url-unresolvable",
                RemovalAction::Sanitize,
                "relative or malformed URL with no base URL to resolve it against",
                None,
                raw,
            );
            return None;
        };
        if !matches!(u.scheme(), "http" | "https" | "mailto") {
            audit.push(
                "url-scheme",
                RemovalAction::Sanitize,
                "only http, https and mailto URLs are kept",
                None,
                raw,
            );
            return None;
        }
        let mut proxy = None;
        for c in &self.rules {
            if c.url.is_none() {
                if let Action::StripParams { names, prefixes } = &c.rule.action {
                    if self.strip_tracking {
                        self.strip(&mut u, names, prefixes, &c.rule.id, audit);
                    }
                }
                continue;
            }
            let current = u.to_string();
            let Some(caps) = c.url_captures(&current) else {
                continue;
            };
            match &c.rule.action {
                Action::RewriteUrl { template } => {
                    let mut next = String::new();
                    expand(template, &caps, &mut next);
                    if let Ok(n) = Url::parse(&next) {
                        if matches!(n.scheme(), "http" | "https") {
                            audit.push(
                                &c.rule.id,
                                RemovalAction::Rewrite,
                                &c.rule.description,
                                None,
                                &format!("{current} → {n}"),
                            );
                            u = n;
                        }
                    }
                }
                Action::UnwrapProxy {
                    encoding, param, ..
                } => {
                    if self.proxies == ProxyPolicy::Off {
                        continue;
                    }
                    if let Some(orig) =
                        unwrap_proxy(&u, *encoding, param.as_deref(), c.trim.as_ref())
                    {
                        audit.push(
                            &c.rule.id,
                            RemovalAction::Rewrite,
                            &c.rule.description,
                            None,
                            &format!("{current} → {orig}"),
                        );
                        if self.proxies == ProxyPolicy::Rewrite {
                            proxy = Some(current);
                            u = orig;
                        }
                    }
                }
                Action::StripParams { names, prefixes } if self.strip_tracking => {
                    self.strip(&mut u, names, prefixes, &c.rule.id, audit);
                }
                _ => {}
            }
        }
        Some(Rewritten {
            url: u.to_string(),
            proxy,
        })
    }

    fn strip(
        &self,
        u: &mut Url,
        names: &[String],
        prefixes: &[String],
        rule: &str,
        audit: &mut Audit,
    ) {
        if u.query().is_none() {
            return;
        }
        let before = u.to_string();
        let pairs: Vec<(String, String)> = u
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let drop = |k: &str| {
            let k = k.to_ascii_lowercase();
            names.iter().any(|n| n.eq_ignore_ascii_case(&k))
                || prefixes
                    .iter()
                    .any(|p| k.starts_with(&p.to_ascii_lowercase()))
        };
        if !pairs.iter().any(|(k, _)| drop(k)) {
            return;
        }
        let kept: Vec<&(String, String)> = pairs.iter().filter(|(k, _)| !drop(k)).collect();
        if kept.is_empty() {
            u.set_query(None);
        } else {
            let mut ser = url::form_urlencoded::Serializer::new(String::new());
            for (k, v) in kept {
                ser.append_pair(k, v);
            }
            u.set_query(Some(&ser.finish()));
        }
        audit.push(
            rule,
            RemovalAction::Rewrite,
            "tracking parameters removed",
            None,
            &format!("{before} → {u}"),
        );
    }
}

/// Expands `$1`…`$9` (and `$0`) in a template.
fn expand(template: &str, caps: &regex_lite::Captures<'_>, out: &mut String) {
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' {
            if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                chars.next();
                if let Some(m) = caps.get(d as usize) {
                    out.push_str(m.as_str());
                }
                continue;
            }
        }
        out.push(c);
    }
}

fn unwrap_proxy(
    u: &Url,
    encoding: ProxyEncoding,
    param: Option<&str>,
    strip_suffix: Option<&regex_lite::Regex>,
) -> Option<Url> {
    let mut candidate = match encoding {
        ProxyEncoding::Query => {
            let name = param.unwrap_or("url");
            let v = u
                .query_pairs()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.into_owned())?;
            let v = v.trim();
            if let Some(rest) = v.strip_prefix("ssl:") {
                format!("https://{rest}")
            } else if let Some(rest) = v.strip_prefix("//") {
                format!("https://{rest}")
            } else if v.starts_with("http://") || v.starts_with("https://") {
                v.to_string()
            } else {
                format!("https://{v}")
            }
        }
        ProxyEncoding::Path => {
            let path = u.path().trim_start_matches('/');
            if !path.contains('.') {
                return None;
            }
            let ssl_off = u.query_pairs().any(|(k, v)| k == "ssl" && v == "0");
            const RESIZE: &[&str] = &[
                "w", "h", "resize", "fit", "crop", "zoom", "quality", "strip", "ssl", "lb", "ulb",
            ];
            let rest: Vec<(String, String)> = u
                .query_pairs()
                .filter(|(k, _)| !RESIZE.contains(&k.as_ref()))
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            let mut s = format!("{}://{path}", if ssl_off { "http" } else { "https" });
            if !rest.is_empty() {
                let mut ser = url::form_urlencoded::Serializer::new(String::new());
                for (k, v) in &rest {
                    ser.append_pair(k, v);
                }
                s.push('?');
                s.push_str(&ser.finish());
            }
            s
        }
        ProxyEncoding::PathTail => path_tail(u)?,
        ProxyEncoding::WholeQuery => {
            let q = u.query()?;
            let lower = q.get(..10).unwrap_or(q).to_ascii_lowercase();
            if lower.starts_with("http%3a") || lower.starts_with("https%3a") {
                percent_decode(q)?
            } else if lower.starts_with("http:") || lower.starts_with("https:") {
                q.to_string()
            } else {
                return None;
            }
        }
        ProxyEncoding::Base64Path => {
            let seg = u.path_segments()?.next_back()?;
            String::from_utf8(base64url_decode(seg)?).ok()?
        }
        ProxyEncoding::HexPath => {
            let seg = u.path_segments()?.next_back()?;
            if seg.len() % 2 != 0 || seg.is_empty() {
                return None;
            }
            let bytes: Option<Vec<u8>> = (0..seg.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(seg.get(i..i + 2)?, 16).ok())
                .collect();
            String::from_utf8(bytes?).ok()?
        }
    };
    if let Some(re) = strip_suffix {
        candidate = re.replace(&candidate, "").into_owned();
    }
    let orig = Url::parse(&candidate).ok()?;
    if matches!(orig.scheme(), "http" | "https") && orig.host_str().is_some() {
        Some(orig)
    } else {
        None
    }
}

/// The original URL in a fetch proxy's path: from the first segment that starts with
/// `http:`/`https:` (or their percent-encoded forms) to the end.
fn path_tail(u: &Url) -> Option<String> {
    let path = u.path();
    let lower = path.to_ascii_lowercase();
    let start = ["/https%3a", "/http%3a", "/https:", "/http:"]
        .iter()
        .filter_map(|p| lower.find(p))
        .min()?;
    let tail = path.get(start + 1..)?;
    if tail.contains(':') {
        // Not encoded: the proxy URL's query belongs to the original.
        let mut s = tail.to_string();
        if let Some(q) = u.query() {
            s.push('?');
            s.push_str(q);
        }
        Some(s)
    } else {
        percent_decode(tail)
    }
}

/// Decodes `%XX` escapes; None when the result is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0usize;
    while let Some(&c) = b.get(i) {
        if c == b'%' {
            let hex = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(v) = hex {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// Decodes base64url (or standard base64), padding optional; None on any other character.
fn base64url_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0u32;
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            b'=' => break,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_tail_fetch_proxies() {
        let un = |s: &str| {
            unwrap_proxy(&Url::parse(s).unwrap(), ProxyEncoding::PathTail, None, None)
                .map(|u| u.to_string())
        };
        assert_eq!(
            un("https://substackcdn.com/image/fetch/w_1456,c_limit,f_auto,q_auto:good,fl_progressive:steep/https%3A%2F%2Fsubstack-post-media.s3.amazonaws.com%2Fpublic%2Fimages%2Fab12.jpeg").as_deref(),
            Some("https://substack-post-media.s3.amazonaws.com/public/images/ab12.jpeg")
        );
        assert_eq!(
            un("https://res.cloudinary.com/demo/image/fetch/w_300,f_auto/https://upload.example.org/a/b.png?v=2").as_deref(),
            Some("https://upload.example.org/a/b.png?v=2")
        );
        assert_eq!(
            un("https://substackcdn.com/image/fetch/w_100/plain.jpg"),
            None
        );
        assert_eq!(
            un("https://substackcdn.com/image/fetch/w_100/https%3A%2F%2F"),
            None
        );
        assert_eq!(
            un("https://substackcdn.com/image/fetch/w_100/ftp%3A%2F%2Fexample.org%2Fa.jpg"),
            None
        );
    }

    #[test]
    fn base64url() {
        assert_eq!(
            base64url_decode("aHR0cHM6Ly9wYnMudHdpbWcuY29tL21lZGlhL0dhYmMuanBn").as_deref(),
            Some(&b"https://pbs.twimg.com/media/Gabc.jpg"[..])
        );
        assert_eq!(base64url_decode("YQ==").as_deref(), Some(&b"a"[..]));
        assert_eq!(base64url_decode("a b"), None);
    }

    #[test]
    fn inline_element_must_stand_alone() {
        let html =
            Html::parse_fragment("<p>The word <em>share</em> is old.</p><p><br><em>Share</em></p>");
        let ems: Vec<NodeId> = html
            .tree
            .nodes()
            .filter(|n| {
                n.value()
                    .as_element()
                    .map(|e| e.name() == "em")
                    .unwrap_or(false)
            })
            .map(|n| n.id())
            .collect();
        assert_eq!(ems.len(), 2);
        assert!(!stands_alone(&html, ems[0]));
        assert!(stands_alone(&html, ems[1]));
    }
}
