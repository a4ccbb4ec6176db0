//! One extraction attempt under a [`Policy`]: node prepping (hidden, unlikely, byline and
//! title nodes out; `<div>`s holding only phrasing content become paragraphs), paragraph
//! scoring with propagation to ancestors, top-candidate selection and sibling merging.

use crate::dom::{IdMap, IdSet};

use ego_tree::NodeId;
use scraper::{Html, Node};

use super::dom_ops::{self, is_tag, tag};
use super::measure::{measure, Index};
use super::patterns::{self, patterns};
use super::Policy;
use crate::article::RemovalAction;
use crate::audit::Audit;
use crate::dom::ego_tree;
use crate::text;

/// What the caller knows before the attempt.
pub struct Context<'a> {
    /// The article title (an `<h1>`/`<h2>` repeating it is dropped).
    pub title: Option<&'a str>,
    /// Whether the metadata already gave a byline (then bylines stay in the text).
    pub has_byline: bool,
    /// The fallback for a page whose article came out empty: the chosen candidate and its
    /// siblings as they are, without the cleanup stage.
    pub raw: bool,
}

/// The result of one attempt.
pub struct Attempt {
    /// The element holding the article (a new `<div>` appended to the body).
    pub root: NodeId,
    /// A byline found in the markup (and removed from the text).
    pub byline: Option<String>,
    /// Text direction from the top candidate's ancestors.
    pub dir: Option<String>,
}

/// Readability's class/id weight: ±25 per positive/negative match on class and on id.
pub fn class_weight(html: &Html, id: NodeId, policy: Policy) -> f64 {
    if !policy.weight_classes() {
        return 0.0;
    }
    let Some(e) = html.tree.get(id).and_then(|n| n.value().as_element()) else {
        return 0.0;
    };
    let p = patterns();
    let mut w = 0.0;
    for v in [e.attr("class"), e.attr("id")].into_iter().flatten() {
        if v.is_empty() {
            continue;
        }
        if p.negative.is_match(v) {
            w -= patterns::CLASS_WEIGHT;
        }
        if p.positive.is_match(v) {
            w += patterns::CLASS_WEIGHT;
        }
    }
    w
}

fn initial_score(html: &Html, id: NodeId, policy: Policy) -> f64 {
    let base = match tag(html, id).unwrap_or("") {
        "div" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    base + class_weight(html, id, policy)
}

pub fn is_visible(e: &scraper::node::Element) -> bool {
    if let Some(style) = e.attr("style") {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return false;
        }
    }
    // `hidden="until-found"` is collapsed content (revealed by find-in-page and fragment
    // links), not hidden content.
    if e.attr("hidden")
        .is_some_and(|v| !v.trim().eq_ignore_ascii_case("until-found"))
    {
        return false;
    }
    if e.attr("aria-hidden").map(str::trim) == Some("true") {
        return e
            .attr("class")
            .map(|c| c.contains("fallback-image"))
            .unwrap_or(false);
    }
    true
}

/// Per element, whether its subtree holds non-blank text and how many `<br>`/`<hr>` it
/// holds; one bottom-up pass before prepping (so the emptiness test is O(1), not a walk).
fn content_table(html: &Html) -> IdMap<(bool, usize)> {
    let mut out = IdMap::default();
    let mut stack: Vec<(NodeId, bool, usize)> = Vec::new();
    for edge in html.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(n) => match n.value() {
                Node::Element(_) => stack.push((n.id(), false, 0)),
                Node::Text(t) if !t.chars().all(text::is_space) => {
                    if let Some(top) = stack.last_mut() {
                        top.1 = true;
                    }
                }
                _ => {}
            },
            ego_tree::iter::Edge::Close(n) => {
                if !n.value().is_element() {
                    continue;
                }
                let Some((id, has_text, brs)) = stack.pop() else {
                    continue;
                };
                out.insert(id, (has_text, brs));
                let own = usize::from(matches!(
                    n.value().as_element().map(|e| e.name()),
                    Some("br" | "hr")
                ));
                if let Some(top) = stack.last_mut() {
                    top.1 |= has_text;
                    top.2 += brs + own;
                }
            }
        }
    }
    out
}

/// Whether an element has no text and no children but `<br>`/`<hr>`.
fn is_without_content(html: &Html, id: NodeId, table: &IdMap<(bool, usize)>) -> bool {
    let Some(&(has_text, brs)) = table.get(&id) else {
        return false;
    };
    if has_text {
        return false;
    }
    let children = dom_ops::element_children(html, id).len();
    children == 0 || children == brs
}

/// Whether the node is phrasing content (text, inline elements, links holding only
/// phrasing content).
pub fn is_phrasing(html: &Html, id: NodeId) -> bool {
    let mut stack = vec![id];
    while let Some(cur) = stack.pop() {
        let Some(n) = html.tree.get(cur) else {
            continue;
        };
        match n.value() {
            Node::Text(_) | Node::Comment(_) => {}
            Node::Element(e) => {
                let name = e.name();
                if patterns::PHRASING_ELEMS.contains(&name) {
                    continue;
                }
                if matches!(name, "a" | "del" | "ins") {
                    stack.extend(n.children().map(|c| c.id()));
                    continue;
                }
                return false;
            }
            _ => return false,
        }
    }
    true
}

fn is_whitespace_node(html: &Html, id: NodeId) -> bool {
    html.tree
        .get(id)
        .map(|n| dom_ops::is_blank_text(n.value()) || is_tag(html, id, "br"))
        .unwrap_or(false)
}

/// Whether `id` has exactly one element child, named `name`, and no text.
pub fn has_single_tag_inside(html: &Html, id: NodeId, name: &str) -> bool {
    let Some(n) = html.tree.get(id) else {
        return false;
    };
    let mut elems = n.children().filter(|c| c.value().is_element());
    let first = elems.next();
    if elems.next().is_some() {
        return false;
    }
    let Some(first) = first else {
        return false;
    };
    if first.value().as_element().map(|e| e.name()) != Some(name) {
        return false;
    }
    !n.children().any(|c| match c.value() {
        Node::Text(t) => !t.chars().all(text::is_space),
        _ => false,
    })
}

fn has_child_block(html: &Html, id: NodeId) -> bool {
    html.tree
        .get(id)
        .map(|n| {
            n.descendants().skip(1).any(|d| {
                d.value()
                    .as_element()
                    .map(|e| patterns::DIV_TO_P_ELEMS.contains(&e.name()))
                    .unwrap_or(false)
            })
        })
        .unwrap_or(false)
}

/// Word similarity of two strings (1 = `b`'s words all occur in `a`), Unicode-aware: each
/// CJK character is a word.
pub fn text_similarity(a: &str, b: &str) -> f64 {
    let ta = words(a);
    let tb = words(b);
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    let uniq: Vec<&String> = tb.iter().filter(|t| !ta.contains(t)).collect();
    let joined = |v: &[&String]| {
        v.iter().map(|s| s.chars().count()).sum::<usize>() + v.len().saturating_sub(1)
    };
    let all: Vec<&String> = tb.iter().collect();
    let total = joined(&all);
    if total == 0 {
        return 0.0;
    }
    1.0 - joined(&uniq) as f64 / total as f64
}

/// Lowercased words; each CJK character is a word of its own.
pub fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        if text::is_cjk(c) {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            out.push(c.to_string());
        } else if c.is_alphanumeric() || c == '_' {
            cur.extend(c.to_lowercase());
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn remove(
    html: &mut Html,
    id: NodeId,
    audit: &mut Audit,
    rule: &str,
    reason: &str,
) -> Option<NodeId> {
    let next = dom_ops::next_node(html, id, true);
    let t = dom_ops::excerpt(html, id, crate::audit::EXCERPT_CHARS);
    let name = tag(html, id).unwrap_or("").to_string();
    audit.push(
        rule,
        RemovalAction::Remove,
        reason,
        None,
        &format!("<{name}> {t}"),
    );
    crate::dom::detach(html, id);
    next
}

/// Wraps runs of phrasing content directly inside a `<div>` into `<p>`s.
fn wrap_phrasing(html: &mut Html, div: NodeId) {
    let children: Vec<NodeId> = html
        .tree
        .get(div)
        .map(|n| n.children().map(|c| c.id()).collect())
        .unwrap_or_default();
    let mut p: Option<NodeId> = None;
    for child in children {
        if is_phrasing(html, child) {
            if let Some(pid) = p {
                dom_ops::append(html, pid, child);
            } else if !is_whitespace_node(html, child) {
                if let Some(pid) = dom_ops::new_element(html, div, "p") {
                    dom_ops::insert_before(html, child, pid);
                    dom_ops::append(html, pid, child);
                    p = Some(pid);
                }
            }
        } else if let Some(pid) = p.take() {
            trim_trailing_whitespace(html, pid);
        }
    }
}

fn trim_trailing_whitespace(html: &mut Html, p: NodeId) {
    loop {
        let last = html
            .tree
            .get(p)
            .and_then(|n| n.last_child())
            .map(|c| c.id());
        match last {
            Some(l) if is_whitespace_node(html, l) => crate::dom::detach(html, l),
            _ => break,
        }
    }
}

/// Runs one attempt on `html` (which it mutates).
pub fn attempt(html: &mut Html, policy: Policy, ctx: &Context<'_>, audit: &mut Audit) -> Attempt {
    let p = patterns();
    let body = crate::dom::body(html);
    let mut byline: Option<String> = None;
    let mut to_score: Vec<NodeId> = Vec::new();
    let mut title_header_removed = false;

    let content = content_table(html);
    // Node prepping, in document order.
    let mut node = Some(html.root_element().id());
    while let Some(id) = node {
        let Some(e) = html.tree.get(id).and_then(|n| n.value().as_element()) else {
            node = dom_ops::next_node(html, id, false);
            continue;
        };
        let name = e.name().to_string();
        if matches!(name.as_str(), "html" | "head") {
            node = dom_ops::next_node(html, id, name == "head");
            continue;
        }
        let ms = dom_ops::match_string(e);
        if !is_visible(e) {
            node = remove(html, id, audit, "page-hidden", "hidden element");
            continue;
        }
        if e.attr("aria-modal") == Some("true") && e.attr("role") == Some("dialog") {
            node = remove(html, id, audit, "page-hidden", "modal dialog");
            continue;
        }
        if !ctx.has_byline && byline.is_none() {
            let rel_author = e.attr("rel") == Some("author");
            let itemprop = e
                .attr("itemprop")
                .map(|v| v.contains("author"))
                .unwrap_or(false);
            if rel_author || itemprop || p.byline.is_match(&ms) {
                let raw = crate::dom::raw_text(html, id);
                // Readability measures the raw text (indentation included), trimmed.
                let n = raw.trim_matches(text::is_space).chars().count();
                let t = text::normalize_ws(&raw);
                if n > 0 && n < 100 {
                    // A descendant with itemprop="name" names the author more exactly.
                    let name_node = html.tree.get(id).and_then(|node| {
                        node.descendants().skip(1).find(|d| {
                            d.value()
                                .as_element()
                                .and_then(|e| e.attr("itemprop"))
                                .map(|v| v.contains("name"))
                                .unwrap_or(false)
                        })
                    });
                    let t = match name_node {
                        Some(nn) => text::normalize_ws(&crate::dom::raw_text(html, nn.id())),
                        None => t,
                    };
                    byline = Some(t);
                    let next = dom_ops::next_node(html, id, true);
                    if let Some(b) = &byline {
                        audit.push(
                            "page-byline",
                            RemovalAction::Extract,
                            "byline moved out of the text",
                            Some("byline"),
                            b,
                        );
                    }
                    crate::dom::detach(html, id);
                    node = next;
                    continue;
                }
            }
        }
        if !title_header_removed && (name == "h1" || name == "h2") {
            if let Some(title) = ctx.title {
                let h = crate::dom::raw_text(html, id);
                if text_similarity(title, &h) > 0.75 {
                    title_header_removed = true;
                    node = remove(
                        html,
                        id,
                        audit,
                        "page-title-heading",
                        "heading repeats the article title",
                    );
                    continue;
                }
            }
        }
        if policy.strip_unlikely() {
            if p.unlikely.is_match(&ms)
                && !p.maybe.is_match(&ms)
                && !dom_ops::has_ancestor_tag(html, id, "table", 3)
                && !dom_ops::has_ancestor_tag(html, id, "code", 3)
                && name != "body"
                && name != "a"
            {
                node = remove(
                    html,
                    id,
                    audit,
                    "page-unlikely",
                    "class or id names a page part that is rarely the article",
                );
                continue;
            }
            let role = html
                .tree
                .get(id)
                .and_then(|n| n.value().as_element())
                .and_then(|e| e.attr("role"))
                .unwrap_or("");
            if patterns::UNLIKELY_ROLES.contains(&role) {
                node = remove(
                    html,
                    id,
                    audit,
                    "page-unlikely",
                    "ARIA role of a non-article part",
                );
                continue;
            }
        }
        if matches!(
            name.as_str(),
            "div" | "section" | "header" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
        ) && is_without_content(html, id, &content)
        {
            let next = dom_ops::next_node(html, id, true);
            crate::dom::detach(html, id);
            node = next;
            continue;
        }
        if patterns::TAGS_TO_SCORE.contains(&name.as_str()) {
            to_score.push(id);
        }
        let mut cur = id;
        if name == "div" {
            wrap_phrasing(html, id);
            if has_single_tag_inside(html, id, "p") && measure(html, id).link_density() < 0.25 {
                if let Some(child) = dom_ops::element_children(html, id).first().copied() {
                    dom_ops::insert_before(html, id, child);
                    crate::dom::detach(html, id);
                    cur = child;
                    to_score.push(child);
                }
            } else if !has_child_block(html, id) {
                dom_ops::rename(html, id, "p");
                to_score.push(id);
            }
        }
        node = dom_ops::next_node(html, cur, false);
    }

    // Scoring.
    let index = Index::build(html, html.root_element().id(), &IdSet::default());
    let dropped = dropped_text(html, html.root_element().id());
    let mut scores: IdMap<f64> = IdMap::default();
    let mut candidates: Vec<NodeId> = Vec::new();
    for el in to_score {
        let Some(n) = html.tree.get(el) else { continue };
        if !n.parent().map(|p| p.value().is_element()).unwrap_or(false) {
            continue;
        }
        let c = index.get(el);
        if c.weighted() < patterns::MIN_PARAGRAPH_CHARS {
            continue;
        }
        // A block whose text is mostly in a form, navigation, a dialog… it holds (text the
        // rendering drops) cannot be the article: it does not compete (a cookie notice in a
        // consent form).
        let dropped_chars = dropped.get(&el).copied().unwrap_or(0);
        if dropped_chars * 2 > c.len() {
            continue;
        }
        let score = 1.0 + (c.commas + 1) as f64 + ((c.len() / 100).min(3)) as f64;
        let mut level = 0usize;
        let mut anc = n.parent();
        while let Some(a) = anc {
            if level >= 5 {
                break;
            }
            let parent_is_element = a
                .parent()
                .map(|pp| pp.value().is_element())
                .unwrap_or(false);
            if a.value().is_element() && parent_is_element {
                let entry = scores.entry(a.id()).or_insert_with(|| {
                    candidates.push(a.id());
                    f64::NAN
                });
                if entry.is_nan() {
                    *entry = initial_score(html, a.id(), policy);
                }
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f64 * 3.0,
                };
                *entry += score / divider;
            }
            level += 1;
            anc = a.parent();
        }
    }
    let mut top: Vec<NodeId> = Vec::new();
    for &c in &candidates {
        let s = scores.get(&c).copied().unwrap_or(0.0) * (1.0 - index.get(c).link_density());
        scores.insert(c, s);
        let pos = top
            .iter()
            .position(|t| s > scores.get(t).copied().unwrap_or(0.0))
            .unwrap_or(top.len());
        if pos < patterns::TOP_CANDIDATES {
            top.insert(pos, c);
            top.truncate(patterns::TOP_CANDIDATES);
        }
    }

    let score_of = |scores: &IdMap<f64>, id: NodeId| scores.get(&id).copied();
    let parent_of =
        |html: &Html, id: NodeId| html.tree.get(id).and_then(|n| n.parent()).map(|p| p.id());

    let top_candidate = top.first().copied().filter(|&t| t != body);
    let article = match dom_ops::new_element(html, body, "div") {
        Some(a) => a,
        None => {
            return Attempt {
                root: body,
                byline,
                dir: None,
            }
        }
    };
    let mut dir = None;
    let mut final_top = None;
    match top_candidate {
        None => {
            // Everything in the body becomes the article.
            let kids: Vec<NodeId> = html
                .tree
                .get(body)
                .map(|n| n.children().map(|c| c.id()).collect())
                .unwrap_or_default();
            for k in kids {
                dom_ops::append(html, article, k);
            }
        }
        Some(mut tc) => {
            // A common ancestor of several close competitors is the better candidate.
            let tc_score = score_of(&scores, tc).unwrap_or(0.0);
            let alternatives: Vec<IdSet> = top
                .iter()
                .skip(1)
                .filter(|t| {
                    tc_score != 0.0 && score_of(&scores, **t).unwrap_or(0.0) / tc_score >= 0.75
                })
                .map(|t| ancestors(html, *t).into_iter().collect())
                .collect();
            if alternatives.len() >= patterns::MIN_TOP_CANDIDATES {
                let mut p = parent_of(html, tc);
                while let Some(pid) = p {
                    if pid == body
                        || !html
                            .tree
                            .get(pid)
                            .map(|n| n.value().is_element())
                            .unwrap_or(false)
                    {
                        break;
                    }
                    let containing = alternatives.iter().filter(|a| a.contains(&pid)).count();
                    if containing >= patterns::MIN_TOP_CANDIDATES {
                        tc = pid;
                        break;
                    }
                    p = parent_of(html, pid);
                }
            }
            if score_of(&scores, tc).is_none() {
                scores.insert(tc, initial_score(html, tc, policy));
            }
            // Climb while the parents' scores rise.
            let mut last = score_of(&scores, tc).unwrap_or(0.0);
            let threshold = last / 3.0;
            let mut p = parent_of(html, tc);
            while let Some(pid) = p {
                if pid == body
                    || !html
                        .tree
                        .get(pid)
                        .map(|n| n.value().is_element())
                        .unwrap_or(false)
                {
                    break;
                }
                let Some(ps) = score_of(&scores, pid) else {
                    p = parent_of(html, pid);
                    continue;
                };
                if ps < threshold {
                    break;
                }
                if ps > last {
                    tc = pid;
                    break;
                }
                last = ps;
                p = parent_of(html, pid);
            }
            // An only child gives way to its parent.
            let mut p = parent_of(html, tc);
            while let Some(pid) = p {
                if pid == body
                    || !html
                        .tree
                        .get(pid)
                        .map(|n| n.value().is_element())
                        .unwrap_or(false)
                {
                    break;
                }
                if dom_ops::element_children(html, pid).len() != 1 {
                    break;
                }
                tc = pid;
                p = parent_of(html, pid);
            }
            if score_of(&scores, tc).is_none() {
                scores.insert(tc, initial_score(html, tc, policy));
            }
            let parent = parent_of(html, tc).unwrap_or(body);
            // Direction from the candidate's surroundings.
            let mut chain = vec![parent, tc];
            chain.extend(ancestors(html, parent));
            dir = chain.iter().find_map(|a| {
                html.tree
                    .get(*a)
                    .and_then(|n| n.value().as_element())
                    .and_then(|e| e.attr("dir"))
                    .map(|d| d.trim().to_ascii_lowercase())
                    .filter(|d| !d.is_empty())
            });
            // Siblings that look like more of the article join it.
            let tc_score = score_of(&scores, tc).unwrap_or(0.0);
            let sibling_threshold = (tc_score * 0.2).max(10.0);
            let tc_class = html
                .tree
                .get(tc)
                .and_then(|n| n.value().as_element())
                .and_then(|e| e.attr("class"))
                .unwrap_or("")
                .to_string();
            final_top = Some(parent);
            let mut before_tc = true;
            for sib in dom_ops::element_children(html, parent) {
                let mut append = sib == tc;
                if append {
                    before_tc = false;
                }
                if !append && before_tc && is_hero_figure(html, &index, sib) {
                    // The article's lead picture above its text ("<figure><img data-src=…>
                    // <figcaption>…</figcaption></figure><div class=body>…").
                    append = true;
                }
                if !append {
                    let sib_class = html
                        .tree
                        .get(sib)
                        .and_then(|n| n.value().as_element())
                        .and_then(|e| e.attr("class"))
                        .unwrap_or("");
                    let bonus = if !tc_class.is_empty() && sib_class == tc_class {
                        tc_score * 0.2
                    } else {
                        0.0
                    };
                    if let Some(s) = score_of(&scores, sib) {
                        append = s + bonus >= sibling_threshold;
                    }
                    if !append && is_tag(html, sib, "p") {
                        let c = index.get(sib);
                        let ld = c.link_density();
                        let content = text::normalize_ws(&crate::dom::raw_text(html, sib));
                        let len = c.weighted();
                        // A long paragraph with few links, or a short sentence without any.
                        let long_prose = len > 80 && ld < 0.25;
                        let short_sentence = len < 80
                            && len > 0
                            && ld == 0.0
                            && (content.contains(". ") || content.ends_with('.'));
                        append = long_prose || short_sentence;
                    }
                }
                if append {
                    let sname = tag(html, sib).unwrap_or("").to_string();
                    if !patterns::ALTER_TO_DIV_EXCEPTIONS.contains(&sname.as_str()) {
                        dom_ops::rename(html, sib, "div");
                    }
                    dom_ops::append(html, article, sib);
                }
            }
        }
    }
    if let Some(parent) = final_top {
        audit_outside(html, parent, body, audit);
    }
    dom_ops::append(html, body, article);
    // The scoring tables are done with; free them before cleaning builds its own (peak memory
    // on large pages).
    drop(index);
    drop(scores);
    if !ctx.raw {
        super::cleanup::prep_article(html, article, policy, audit);
        super::cues::remove_cues(html, article, audit);
    }
    Attempt {
        root: article,
        byline,
        dir,
    }
}

/// A picture before the article's text that belongs to it: a `<figure>` (or a block holding
/// only a picture and its caption) whose image has a real source (a lazy `data-src` over a
/// `data:` placeholder counts), not a small icon, with a short caption and few links.
fn is_hero_figure(html: &Html, index: &Index, id: NodeId) -> bool {
    let Some(node) = html.tree.get(id) else {
        return false;
    };
    let Some(el) = node.value().as_element() else {
        return false;
    };
    let imgs: Vec<NodeId> = node
        .descendants()
        .filter(|d| d.value().as_element().is_some_and(|e| e.name() == "img"))
        .map(|d| d.id())
        .collect();
    let [img_id] = imgs.as_slice() else {
        return false;
    };
    let Some(img) = html.tree.get(*img_id).and_then(|n| n.value().as_element()) else {
        return false;
    };
    // The address the article's image block will show (lazy attributes read as blocks do).
    let has_source = crate::dom::image_source(html, *img_id)
        .is_some_and(|s| !s.trim_start().starts_with("data:"));
    let small = ["width", "height"].iter().any(|a| {
        img.attr(a)
            .and_then(|v| v.trim().trim_end_matches("px").parse::<u32>().ok())
            .is_some_and(|n| n < 100)
    });
    let figure_like = el.name() == "figure"
        || node
            .descendants()
            .filter_map(|d| d.value().as_element())
            .any(|e| e.name() == "figcaption");
    let c = index.get(id);
    figure_like && has_source && !small && c.weighted() <= 300 && c.link_density() < 0.5
}

/// Per element, the characters of its text that the rendering drops: text inside the forms,
/// navigation, dialogs, buttons… it contains (`dom::NON_CONTENT`; scripts and styles, which the
/// index does not count either, are not counted). Bottom-up, one walk.
fn dropped_text(html: &Html, root: NodeId) -> IdMap<usize> {
    let mut out = IdMap::default();
    let Some(root_ref) = html.tree.get(root) else {
        return out;
    };
    // (all text, dropped text) of each open element.
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut skip: Option<NodeId> = None;
    for edge in root_ref.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(n) => {
                if skip.is_some() {
                    continue;
                }
                match n.value() {
                    Node::Text(t) => {
                        if let Some(top) = stack.last_mut() {
                            top.0 += t.chars().filter(|c| !text::is_space(*c)).count();
                        }
                    }
                    Node::Element(e) => {
                        if patterns::NO_TEXT.contains(&e.name()) {
                            skip = Some(n.id());
                        } else {
                            stack.push((0, 0));
                        }
                    }
                    _ => {}
                }
            }
            ego_tree::iter::Edge::Close(n) => {
                if skip == Some(n.id()) {
                    skip = None;
                    continue;
                }
                if skip.is_some() {
                    continue;
                }
                let Some(e) = n.value().as_element() else {
                    continue;
                };
                let (all, dropped) = stack.pop().unwrap_or_default();
                if dropped > 0 {
                    out.insert(n.id(), dropped);
                }
                let passed = if crate::dom::NON_CONTENT.contains(&e.name()) {
                    all
                } else {
                    dropped
                };
                if let Some(top) = stack.last_mut() {
                    top.0 += all;
                    top.1 += passed;
                }
            }
        }
    }
    out
}

/// Records the page parts left outside the article: the children with text left in the
/// article's old parent (its merged siblings have moved out), then at each level up to the
/// body the children that are not on the way up.
fn audit_outside(html: &Html, parent: NodeId, body: NodeId, audit: &mut Audit) {
    let mut on_path = parent;
    let mut cur = Some(parent);
    while let Some(level) = cur {
        for child in dom_ops::element_children(html, level) {
            if child == on_path {
                continue;
            }
            let t = dom_ops::excerpt(html, child, crate::audit::EXCERPT_CHARS);
            if t.is_empty() {
                continue;
            }
            let name = tag(html, child).unwrap_or("");
            audit.push(
                "page-outside-article",
                RemovalAction::Remove,
                "outside the part of the page that holds the article",
                None,
                &format!("<{name}> {t}"),
            );
        }
        if level == body {
            break;
        }
        on_path = level;
        cur = parent_of_node(html, level);
    }
}

fn parent_of_node(html: &Html, id: NodeId) -> Option<NodeId> {
    html.tree.get(id).and_then(|n| n.parent()).map(|p| p.id())
}

fn ancestors(html: &Html, id: NodeId) -> Vec<NodeId> {
    let mut out = Vec::new();
    let mut cur = html.tree.get(id).and_then(|n| n.parent());
    while let Some(p) = cur {
        out.push(p.id());
        cur = p.parent();
    }
    out
}
