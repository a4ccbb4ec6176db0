//! Applying compiled rules to the parsed DOM, and to URLs.

use std::collections::{HashMap, HashSet};

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

/// What rules lifted out of the body.
#[derive(Debug, Default)]
pub(crate) struct Extracted {
    pub copyright: Option<String>,
    pub credits: Vec<String>,
    /// (title, raw href) pairs; URLs are resolved later with the other URLs.
    pub related: Vec<(String, String)>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub source: Option<String>,
    pub site_name: Option<String>,
    /// Elements to render as headings, with their level.
    pub promoted: HashMap<NodeId, u8>,
}

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

/// Per-node figures in document (pre-)order: `find_hits` walks the same subtree in the same
/// order and reads them by position. (A hash map keyed by node id cost a cache miss per element
/// and per rule: most of the time on long documents.)
struct Index {
    info: Vec<Info>,
    /// The node at each position, to detect a stale index (never expected).
    ids: Vec<NodeId>,
    units: usize,
}

impl Index {
    fn get(&self, pos: usize, id: NodeId) -> Option<Info> {
        if self.ids.get(pos) == Some(&id) {
            self.info.get(pos).copied()
        } else {
            None
        }
    }
}

fn build_index(html: &Html, root: NodeId) -> Index {
    let mut info: Vec<Info> = Vec::new();
    let mut ids: Vec<NodeId> = Vec::new();
    let Some(root_ref) = html.tree.get(root) else {
        return Index {
            info,
            ids,
            units: 0,
        };
    };
    // Units are the article's blocks: runs of text or images separated by block boundaries.
    let mut units = 0usize;
    let mut boundary = true;
    let mut stack: Vec<(usize, Info, bool)> = Vec::new();
    for edge in root_ref.traverse() {
        match edge {
            Edge::Open(n) => {
                let mut is_link = false;
                match n.value() {
                    Node::Element(e) => {
                        let name = e.name();
                        if dom::is_block(name) || name == "br" {
                            boundary = true;
                        }
                        if name == "img" && boundary {
                            units += 1;
                            boundary = false;
                        }
                        is_link = name == "a";
                    }
                    Node::Text(t) if !t.chars().all(text::is_space) && boundary => {
                        units += 1;
                        boundary = false;
                    }
                    _ => {}
                }
                let in_link = is_link || stack.last().map(|s| s.2).unwrap_or(false);
                let start = units.max(1) - 1;
                let pos = info.len();
                info.push(Info::default());
                ids.push(n.id());
                stack.push((
                    pos,
                    Info {
                        first_unit: if boundary { units } else { start },
                        ..Info::default()
                    },
                    in_link,
                ));
                if let Node::Text(t) = n.value() {
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
                }
                let Some((pos, mut me, _)) = stack.pop() else {
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
                if let Some(slot) = info.get_mut(pos) {
                    *slot = me;
                }
            }
        }
    }
    Index { info, ids, units }
}

/// Detects feed generators from the item's shape.
pub(crate) fn detect_feeds(html: &Html, root: NodeId) -> Vec<String> {
    // (feed, where to look, needle): data, not logic.
    const SIGNATURES: &[(&str, Look, &str)] = &[
        ("feedx", Look::Text, "获取更多rss"),
        ("feedx", Look::Url, "//feedx.net"),
        ("feedx", Look::Url, "//feedx.run"),
        ("feedx", Look::Url, "//feedx.site"),
        ("feedx", Look::Url, "//feedx.co"),
        ("feedburner", Look::Class, "feedflare"),
        ("feedburner", Look::Url, "feeds.feedburner.com/"),
        ("feedburner", Look::Url, "feedproxy.google.com/"),
        ("wordpress", Look::Text, "appeared first on"),
        ("wordpress", Look::Url, "pixel.wp.com/"),
        ("wordpress", Look::Url, "/wp-content/"),
        ("wordpress", Look::Class, "sharedaddy"),
        ("medium", Look::Url, "medium.com/_/stat"),
        (
            "medium",
            Look::Text,
            "on medium, where people are continuing the conversation",
        ),
        ("substack", Look::Url, ".substack.com/"),
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
    ];
    #[derive(Clone, Copy, PartialEq)]
    enum Look {
        Text,
        Url,
        Class,
    }
    let mut urls = String::new();
    let mut classes = String::new();
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
        }
    }
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

fn find_hits(
    html: &Html,
    root: NodeId,
    c: &Compiled,
    index: &Index,
    kept: &HashSet<NodeId>,
    promoted: &HashMap<NodeId, u8>,
) -> Vec<Hit> {
    let mut hits = Vec::new();
    let Some(root_ref) = html.tree.get(root) else {
        return hits;
    };
    let guard = &c.rule.guard;
    let is_keep = matches!(c.rule.action, Action::Keep);
    let is_promote = matches!(c.rule.action, Action::PromoteHeading { .. });
    let cap = guard.max_chars.map(|m| m as usize).unwrap_or(TEXT_RULE_CAP);
    let mut skip_until: Option<NodeId> = None;
    // Position of the current node in document order (as in `build_index`).
    let mut pos = 0usize;
    for edge in root_ref.traverse() {
        let n = match edge {
            Edge::Open(n) => {
                pos += 1;
                n
            }
            Edge::Close(n) => {
                if skip_until == Some(n.id()) {
                    skip_until = None;
                }
                continue;
            }
        };
        if skip_until.is_some() || n.id() == root {
            continue;
        }
        let Some(el) = ElementRef::wrap(n) else {
            continue;
        };
        if !is_keep && kept.contains(&n.id()) {
            skip_until = Some(n.id());
            continue;
        }
        if is_promote && promoted.contains_key(&n.id()) {
            continue;
        }
        if let Some(sel) = &c.selector {
            if !sel.matches(&el) {
                continue;
            }
        }
        if let Some(re) = &c.url {
            let e = el.value();
            let hit = ["href", "src", "data-src"]
                .iter()
                .filter_map(|a| e.attr(a))
                .any(|v| re.is_match(v));
            if !hit {
                continue;
            }
        }
        let Some(info) = index.get(pos - 1, n.id()) else {
            continue;
        };
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
        let needs_text = c.text.is_some() || guard.max_chars.is_some();
        let mut el_text = String::new();
        let mut group = None;
        if needs_text {
            if info.chars > cap || info.nodes > TEXT_RULE_MAX_NODES {
                continue;
            }
            el_text = dom::text(html, n.id());
            if el_text.chars().count() > cap {
                continue;
            }
            if let Some(re) = &c.text {
                let folded = text::fold(&el_text);
                match re.captures(&folded) {
                    Some(caps) => {
                        group = caps.get(1).map(|m| m.as_str().to_string());
                    }
                    None => continue,
                }
            }
        }
        if c.rule.matcher.bold_only && !bold_only(html, n.id()) {
            continue;
        }
        if el_text.is_empty() {
            el_text = dom::text(html, n.id());
        }
        // Map a folded capture group back to the original text when possible.
        let group = group.map(|g| original_span(&el_text, &g).unwrap_or(g));
        hits.push(Hit {
            id: n.id(),
            text: el_text,
            group,
        });
        skip_until = Some(n.id());
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

fn links_of(html: &Html, id: NodeId) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(node) = html.tree.get(id) {
        for d in node.descendants() {
            if let Some(e) = d.value().as_element() {
                if e.name() == "a" {
                    if let Some(href) = e.attr("href") {
                        let t = dom::text(html, d.id());
                        if !t.is_empty() {
                            out.push((t, href.to_string()));
                        }
                    }
                }
            }
        }
    }
    out
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
    let mut kept: HashSet<NodeId> = HashSet::new();
    let element_rules: Vec<&Compiled> = rules
        .rules
        .iter()
        .filter(|c| !c.rule.action.is_url_action() && in_scope(c, feeds, page))
        .collect();
    // Keep rules first, so they protect from everything after them.
    let ordered = element_rules
        .iter()
        .filter(|c| matches!(c.rule.action, Action::Keep))
        .chain(
            element_rules
                .iter()
                .filter(|c| !matches!(c.rule.action, Action::Keep)),
        );
    let mut index: Option<Index> = None;
    for c in ordered {
        let idx = index.get_or_insert_with(|| build_index(html, root));
        let hits = find_hits(html, root, c, idx, &kept, &out.promoted);
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
            match &rule.action {
                Action::Keep => {
                    kept.insert(hit.id);
                }
                Action::Remove {
                    with_separators,
                    with_next,
                } => {
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
                                &format!("{n} separator element(s) (<br>/<hr>) before the match"),
                            );
                        }
                    }
                    dom::detach(html, hit.id);
                    audit.push(&rule.id, RemovalAction::Remove, reason, None, &t);
                    changed = true;
                }
                Action::Extract { field, with_next } => {
                    let mut t = hit.text.clone();
                    let mut links = links_of(html, hit.id);
                    if *with_next {
                        if let Some(next) = next_element_sibling(html, hit.id) {
                            links.extend(links_of(html, next));
                            let nt = dom::text(html, next);
                            if !nt.is_empty() {
                                t.push_str(" | ");
                                t.push_str(&nt);
                            }
                            dom::detach(html, next);
                        }
                    }
                    let value = hit.group.clone().unwrap_or_else(|| hit.text.clone());
                    fill(out, *field, &value, links);
                    dom::detach(html, hit.id);
                    audit.push(
                        &rule.id,
                        RemovalAction::Extract,
                        reason,
                        Some(field.as_str()),
                        &t,
                    );
                    changed = true;
                }
                Action::Capture { field } => {
                    let value = hit.group.clone().unwrap_or_else(|| hit.text.clone());
                    fill(out, *field, &value, Vec::new());
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
        }
    }
}

fn fill(out: &mut Extracted, field: Field, value: &str, links: Vec<(String, String)>) {
    let value = value.trim();
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
                .map(|(t, h)| (text::strip_label(&t).to_string(), h))
                .filter(|(t, _)| !t.is_empty()),
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
            let Some(re) = &c.url else {
                if let Action::StripParams { names, prefixes } = &c.rule.action {
                    if self.strip_tracking {
                        self.strip(&mut u, names, prefixes, &c.rule.id, audit);
                    }
                }
                continue;
            };
            let current = u.to_string();
            let Some(caps) = re.captures(&current) else {
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
                Action::UnwrapProxy { encoding, param } => {
                    if self.proxies == ProxyPolicy::Off {
                        continue;
                    }
                    if let Some(orig) = unwrap_proxy(&u, *encoding, param.as_deref()) {
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

fn unwrap_proxy(u: &Url, encoding: ProxyEncoding, param: Option<&str>) -> Option<Url> {
    let candidate = match encoding {
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
    let orig = Url::parse(&candidate).ok()?;
    if matches!(orig.scheme(), "http" | "https") && orig.host_str().is_some() {
        Some(orig)
    } else {
        None
    }
}
