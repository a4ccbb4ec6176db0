//! Per-node text figures, computed bottom-up in one iterative pass and kept in a side table
//! keyed by `NodeId` (never written into the DOM). Removing a node subtracts its figures
//! from its ancestors, so a cleaning pass never re-walks a subtree.

use crate::dom::{IdMap, IdSet};

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{Html, Node};

use super::patterns::{self, patterns};
use crate::dom::ego_tree;
use crate::text;

/// Figures for one element's subtree. Element counts (`p`, `img`…) are of descendants,
/// not the element itself.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    /// Characters of the concatenated text with whitespace runs counted once (untrimmed).
    raw: usize,
    /// `raw` with CJK characters counted [`patterns::CJK_WEIGHT`] times.
    raw_weighted: usize,
    /// Whether the text starts with whitespace.
    lead: bool,
    /// Whether the text ends with whitespace.
    trail: bool,
    /// Characters inside links (hash links weigh 0.3).
    pub link: f64,
    /// Comma characters (all scripts).
    pub commas: usize,
    /// ASCII commas only (Readability's `_getCharCount`).
    pub ascii_commas: usize,
    pub p: usize,
    pub img: usize,
    pub li: usize,
    pub input: usize,
    /// `object`/`embed`/`iframe` that are not known video players.
    pub embeds: usize,
    /// Embeds of known video players.
    pub videos: usize,
    /// Text in `h1`–`h6` descendants.
    pub heading_chars: usize,
    /// Text in `ul`/`ol` descendants.
    pub list_chars: usize,
    /// Descendants among [`patterns::TEXTISH`] that hold text.
    pub textish: usize,
    /// Data tables among the descendants.
    pub data_tables: usize,
}

impl Counts {
    /// Appends `o`'s text (a whitespace run spanning the join counts once).
    fn concat(&mut self, o: &Counts) {
        if o.raw == 0 {
            return;
        }
        if self.raw == 0 {
            self.raw = o.raw;
            self.raw_weighted = o.raw_weighted;
            self.lead = o.lead;
            self.trail = o.trail;
            return;
        }
        let overlap = usize::from(self.trail && o.lead);
        self.raw += o.raw - overlap;
        self.raw_weighted += o.raw_weighted - overlap;
        self.trail = o.trail;
    }

    /// Text length as Readability measures it: trimmed, whitespace runs as one character.
    pub fn len(&self) -> usize {
        self.raw
            .saturating_sub(usize::from(self.lead) + usize::from(self.trail))
    }

    /// [`Counts::len`] with CJK characters weighted.
    pub fn weighted(&self) -> usize {
        self.raw_weighted
            .saturating_sub(usize::from(self.lead) + usize::from(self.trail))
    }

    fn add(&mut self, o: &Counts) {
        self.concat(o);
        self.link += o.link;
        self.commas += o.commas;
        self.ascii_commas += o.ascii_commas;
        self.p += o.p;
        self.img += o.img;
        self.li += o.li;
        self.input += o.input;
        self.embeds += o.embeds;
        self.videos += o.videos;
        self.heading_chars += o.heading_chars;
        self.list_chars += o.list_chars;
        self.textish += o.textish;
        self.data_tables += o.data_tables;
    }

    fn sub(&mut self, o: &Counts) {
        self.raw = self.raw.saturating_sub(o.len());
        self.raw_weighted = self.raw_weighted.saturating_sub(o.weighted());
        self.link = (self.link - o.link).max(0.0);
        self.commas = self.commas.saturating_sub(o.commas);
        self.ascii_commas = self.ascii_commas.saturating_sub(o.ascii_commas);
        self.p = self.p.saturating_sub(o.p);
        self.img = self.img.saturating_sub(o.img);
        self.li = self.li.saturating_sub(o.li);
        self.input = self.input.saturating_sub(o.input);
        self.embeds = self.embeds.saturating_sub(o.embeds);
        self.videos = self.videos.saturating_sub(o.videos);
        self.heading_chars = self.heading_chars.saturating_sub(o.heading_chars);
        self.list_chars = self.list_chars.saturating_sub(o.list_chars);
        self.textish = self.textish.saturating_sub(o.textish);
        self.data_tables = self.data_tables.saturating_sub(o.data_tables);
    }

    /// Link characters over all characters.
    pub fn link_density(&self) -> f64 {
        let len = self.len();
        if len == 0 {
            0.0
        } else {
            self.link / len as f64
        }
    }
}

/// Figures of one text node.
pub fn text_counts(s: &str) -> Counts {
    let mut c = Counts::default();
    let mut in_space = false;
    for ch in s.chars() {
        if text::is_space(ch) {
            if !in_space {
                if c.raw == 0 {
                    c.lead = true;
                }
                c.raw += 1;
                c.raw_weighted += 1;
            }
            in_space = true;
            continue;
        }
        in_space = false;
        c.raw += 1;
        c.raw_weighted += if text::is_cjk(ch) {
            patterns::CJK_WEIGHT
        } else {
            1
        };
        if patterns::COMMAS.contains(&ch) {
            c.commas += 1;
        }
        if ch == ',' {
            c.ascii_commas += 1;
        }
    }
    c.trail = in_space;
    c
}

fn link_coefficient(href: Option<&str>) -> f64 {
    match href {
        Some(h) if h.starts_with('#') && h.len() > 1 => 0.3,
        _ => 1.0,
    }
}

/// The side table.
#[derive(Debug, Default)]
pub struct Index {
    counts: IdMap<Counts>,
}

impl Index {
    /// Figures for the subtree under `root` (elements only have entries).
    pub fn build(html: &Html, root: NodeId, data_tables: &IdSet) -> Index {
        let mut counts = IdMap::default();
        let Some(root_ref) = html.tree.get(root) else {
            return Index { counts };
        };
        let mut stack: Vec<(NodeId, Counts)> = Vec::new();
        let mut skip: Option<NodeId> = None;
        for edge in root_ref.traverse() {
            match edge {
                Edge::Open(n) => {
                    if skip.is_some() {
                        continue;
                    }
                    match n.value() {
                        Node::Text(t) => {
                            if let Some(top) = stack.last_mut() {
                                top.1.add(&text_counts(t));
                            }
                        }
                        Node::Element(e) => {
                            if patterns::NO_TEXT.contains(&e.name()) {
                                skip = Some(n.id());
                            }
                            stack.push((n.id(), Counts::default()));
                        }
                        _ => {}
                    }
                }
                Edge::Close(n) => {
                    if skip == Some(n.id()) {
                        skip = None;
                    } else if skip.is_some() {
                        continue;
                    }
                    if !n.value().is_element() {
                        continue;
                    }
                    let Some((id, mut c)) = stack.pop() else {
                        continue;
                    };
                    if let Some(e) = n.value().as_element() {
                        if e.name() == "a" {
                            c.link = c.len() as f64 * link_coefficient(e.attr("href"));
                        }
                    }
                    counts.insert(id, c);
                    let contribution = contribution(html, id, &c, data_tables);
                    if let Some(top) = stack.last_mut() {
                        top.1.add(&contribution);
                    }
                }
            }
        }
        Index { counts }
    }

    /// Figures of a node (zero for unknown nodes).
    pub fn get(&self, id: NodeId) -> Counts {
        self.counts.get(&id).copied().unwrap_or_default()
    }

    /// Accounts for the removal of `id`: subtracts what it contributed from every ancestor
    /// up to `root`.
    pub fn remove(&mut self, html: &Html, id: NodeId, root: NodeId, data_tables: &IdSet) {
        let c = self.get(id);
        let contrib = contribution(html, id, &c, data_tables);
        let mut cur = html.tree.get(id).and_then(|n| n.parent());
        while let Some(p) = cur {
            if let Some(entry) = self.counts.get_mut(&p.id()) {
                entry.sub(&contrib);
            }
            if p.id() == root {
                break;
            }
            cur = p.parent();
        }
    }
}

/// What an element adds to its parent's figures: its own, plus itself as a counted element.
fn contribution(html: &Html, id: NodeId, c: &Counts, data_tables: &IdSet) -> Counts {
    let mut out = *c;
    let Some(e) = html.tree.get(id).and_then(|n| n.value().as_element()) else {
        return out;
    };
    let name = e.name();
    match name {
        "p" => out.p += 1,
        "img" => out.img += 1,
        "li" => out.li += 1,
        "input" => out.input += 1,
        "object" | "embed" | "iframe" => {
            let v = &patterns().videos;
            if e.attrs().any(|(_, val)| v.is_match(val)) {
                out.videos += 1;
            } else {
                out.embeds += 1;
            }
        }
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => out.heading_chars += c.len(),
        "ul" | "ol" => out.list_chars += c.len(),
        "table" if data_tables.contains(&id) => out.data_tables += 1,
        _ => {}
    }
    if patterns::TEXTISH.contains(&name) && c.len() > 0 {
        out.textish += 1;
    }
    out
}

/// Figures of one subtree, computed on demand (for the few checks made before the index
/// exists).
pub fn measure(html: &Html, id: NodeId) -> Counts {
    Index::build(html, id, &IdSet::default()).get(id)
}

/// Length of a subtree's text as Readability measures it (trimmed, whitespace runs as one
/// character), with CJK characters weighted. One walk.
pub fn text_length(html: &Html, id: NodeId) -> usize {
    let Some(node) = html.tree.get(id) else {
        return 0;
    };
    let mut len = 0usize;
    let mut pending_space = false;
    let mut skip: Option<NodeId> = None;
    for edge in node.traverse() {
        match edge {
            Edge::Open(n) => {
                if skip.is_some() {
                    continue;
                }
                match n.value() {
                    Node::Text(t) => {
                        for ch in t.chars() {
                            if text::is_space(ch) {
                                pending_space = len > 0;
                            } else {
                                if pending_space {
                                    len += 1;
                                    pending_space = false;
                                }
                                len += if text::is_cjk(ch) {
                                    patterns::CJK_WEIGHT
                                } else {
                                    1
                                };
                            }
                        }
                    }
                    Node::Element(e) if patterns::NO_TEXT.contains(&e.name()) => {
                        skip = Some(n.id());
                    }
                    _ => {}
                }
            }
            Edge::Close(n) => {
                if skip == Some(n.id()) {
                    skip = None;
                }
            }
        }
    }
    len
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body_len(html: &str) -> (usize, usize) {
        let doc = Html::parse_document(html);
        let body = crate::dom::body(&doc);
        let idx = Index::build(&doc, body, &IdSet::default());
        (idx.get(body).len(), text_length(&doc, body))
    }

    #[test]
    fn whitespace_runs_count_once_across_text_nodes() {
        // textContent "a  b c" trimmed and collapsed: "a b c" = 5.
        assert_eq!(body_len("<body>  a <b> b</b>\n c  </body>"), (5, 5));
    }

    #[test]
    fn scripts_do_not_count() {
        assert_eq!(
            body_len("<body>ab<script>var x = 1;</script>cd</body>"),
            (4, 4)
        );
    }

    #[test]
    fn cjk_characters_weigh_double_in_thresholds() {
        let doc = Html::parse_document("<body>中文，字</body>");
        let body = crate::dom::body(&doc);
        let c = Index::build(&doc, body, &IdSet::default()).get(body);
        assert_eq!(c.len(), 4);
        assert_eq!(c.weighted(), 7);
        assert_eq!(c.commas, 1);
    }

    #[test]
    fn link_density_weighs_hash_links_less() {
        let doc = Html::parse_document(
            "<body><p>abcdefghij<a href='/x'>klmnopqrst</a></p><p>abcdefghij<a href='#n'>klmnopqrst</a></p></body>",
        );
        let body = crate::dom::body(&doc);
        let idx = Index::build(&doc, body, &IdSet::default());
        let ps: Vec<NodeId> = doc
            .tree
            .get(body)
            .map(|b| b.children().map(|c| c.id()).collect())
            .unwrap_or_default();
        let d: Vec<f64> = ps.iter().map(|p| idx.get(*p).link_density()).collect();
        assert_eq!(d, vec![0.5, 0.15]);
    }
}
