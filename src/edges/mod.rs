//! The edge layer: generic boilerplate detection at the start and end of a feed item, under
//! the exact per-generator rules (which run first).
//!
//! The item is read as units (the blocks a reader sees) made of lines ([`units`]). From the
//! last unit backwards, and from the first forwards, each line is scored on signals
//! ([`judge`]): the vocabulary of its category in many languages ([`vocab`], data in
//! `src/vocab/edges.json`), link density, the kind of host its links go to, its length, its
//! place. A walk stops at the first unit that is not confidently boilerplate, so a sentence in
//! the body is never reached. Units that are only a widget's or an ad slot's label ("Dismiss",
//! "Annons") go wherever they are. A label followed by a run of link lines is a further-reading
//! block. Every removal is audited with the signals that fired; what a line says about the
//! article (its byline, date, URL, discussion page, related links) is lifted into the article.

pub(crate) mod judge;
mod units;
pub(crate) mod vocab;

use ego_tree::NodeId;
use scraper::{Html, Node};

use crate::article::RemovalAction;
use crate::audit::Audit;
use crate::dom::{self, ego_tree};

use judge::{Context, Effect, Place, Verdict};
use units::Unit;
use vocab::{Category, Vocabulary};

/// Units looked at from each end.
const MAX_WALK: usize = 10;
/// Most units a further-reading block (label + link lines) may have.
const MAX_RELATED_UNITS: usize = 20;

/// What the edge layer lifted out of the item.
#[derive(Debug, Default)]
pub(crate) struct Findings {
    pub byline: Option<String>,
    pub published: Option<String>,
    /// The article's URL, from a permalink or an aggregator's "Article URL:" line.
    pub url: Option<String>,
    /// The discussion page ("Comments URL:", "[comments]").
    pub comments_url: Option<String>,
    /// (title, raw href) pairs.
    pub related: Vec<(String, String)>,
    /// Attribution lines (repost notices).
    pub credits: Vec<String>,
    pub truncated: bool,
}

impl Findings {
    /// Takes what a line gives. A byline or date at the head is the article's own and wins over
    /// one found at the tail (a reporter's line after the text).
    fn take(&mut self, effects: &[Effect], at_head: bool) {
        for e in effects {
            match e {
                Effect::Byline(b) if at_head => self.byline = Some(b.clone()),
                Effect::Published(d) if at_head => self.published = Some(d.clone()),
                Effect::Truncated => self.truncated = true,
                Effect::CommentsUrl(u) => {
                    self.comments_url.get_or_insert_with(|| u.clone());
                }
                Effect::ArticleUrl(u) => {
                    self.url.get_or_insert_with(|| u.clone());
                }
                Effect::Byline(b) => {
                    self.byline.get_or_insert_with(|| b.clone());
                }
                Effect::Published(d) => {
                    self.published.get_or_insert_with(|| d.clone());
                }
                Effect::Related(links) => self.related.extend(links.iter().cloned()),
                Effect::Credit(t) => self.credits.push(t.clone()),
            }
        }
    }
}

/// The audit rule id of a category.
fn rule_id(cat: Category) -> &'static str {
    match cat {
        Category::ReadMore => "edge-read-more",
        Category::Comments => "edge-comments",
        Category::Permalink => "edge-permalink",
        Category::ArticleLink => "edge-article-link",
        Category::Share => "edge-share",
        Category::Subscribe => "edge-subscribe",
        Category::Advertisement => "edge-advertisement",
        Category::Ui => "edge-ui",
        Category::RelatedLabel => "edge-related",
        Category::Translation => "edge-translation",
        Category::Counter => "edge-counter",
        Category::AggregatorLabel => "edge-aggregator",
        Category::Byline | Category::BylineSuffix => "edge-byline",
        Category::DateLabel => "edge-date",
        Category::EndMark => "edge-end-mark",
        Category::Sponsor => "edge-sponsor",
        Category::Repost => "edge-repost",
        Category::Generator => "edge-generator",
        Category::Credit => "edge-credit",
        Category::SiteLink => "edge-site-link",
    }
}

/// Every rule id the edge layer may report (for `disableRules` and the docs).
pub const RULE_IDS: &[&str] = &[
    "edge-read-more",
    "edge-comments",
    "edge-permalink",
    "edge-article-link",
    "edge-share",
    "edge-subscribe",
    "edge-advertisement",
    "edge-ui",
    "edge-related",
    "edge-translation",
    "edge-counter",
    "edge-aggregator",
    "edge-byline",
    "edge-date",
    "edge-sponsor",
    "edge-repost",
    "edge-generator",
    "edge-credit",
    "edge-site-link",
    "edge-dangling-heading",
];

fn reason(cat: Category) -> &'static str {
    match cat {
        Category::ReadMore => "edge layer: a 'read more' link at the end (the item is an excerpt)",
        Category::Comments => "edge layer: a link to the comments or the discussion page",
        Category::Permalink => "edge layer: a permalink to the article itself",
        Category::ArticleLink => "edge layer: a link to the article itself (an aggregator's 'Article URL')",
        Category::Share => "edge layer: share buttons or a share label",
        Category::Subscribe => "edge layer: a subscribe / newsletter call to action at the end",
        Category::Advertisement => "edge layer: the label of an ad slot",
        Category::Ui => "edge layer: the text of a widget (close, dismiss, back to top …)",
        Category::RelatedLabel => "edge layer: further-reading links under a label",
        Category::Translation => "edge layer: a link to the article in another language",
        Category::Counter => "edge layer: counts (points, comments, views)",
        Category::AggregatorLabel => "edge layer: an aggregator's or blog engine's footer line (submitted by, tags, filed under)",
        Category::Byline | Category::BylineSuffix => "edge layer: the byline (and date) line",
        Category::DateLabel => "edge layer: the date line",
        Category::EndMark => "edge layer: end mark",
        Category::Sponsor => "edge layer: a sponsor line",
        Category::Repost => "edge layer: where the article was first published (a repost notice)",
        Category::Credit => "edge layer: an editor's or producer's credit line (to credits)",
        Category::Generator => "edge layer: the signature of the tool that generated the feed",
        Category::SiteLink => "edge layer: a lone link to a site's home page at the end (the feed's signature)",
    }
}

/// The field an effect fills, for the audit.
fn field_of(effects: &[Effect]) -> Option<&'static str> {
    effects.iter().find_map(|e| match e {
        Effect::Truncated => None,
        Effect::CommentsUrl(_) => Some("commentsUrl"),
        Effect::ArticleUrl(_) => Some("url"),
        Effect::Byline(_) => Some("byline"),
        Effect::Published(_) => Some("published"),
        Effect::Related(_) => Some("related"),
        Effect::Credit(_) => Some("credits"),
    })
}

/// A date the item states for machines, wherever it is: hAtom `<abbr class="published"
/// title>`, `<time class="published|entry-date" datetime>` or `<time pubdate>`,
/// `[itemprop=datePublished]`. Read before the rules run (a footer rule may remove the box it
/// sits in).
pub(crate) fn stated_date(html: &Html, root: NodeId) -> Option<String> {
    let node = html.tree.get(root)?;
    node.descendants().find_map(|d| {
        let e = d.value().as_element()?;
        let published = e
            .classes()
            .any(|c| matches!(c, "published" | "entry-date" | "post-date" | "dtstart"));
        let value = match e.name() {
            "abbr" if published => e.attr("title"),
            "time" if published || e.attr("pubdate").is_some() => e.attr("datetime"),
            _ => e
                .attr("itemprop")
                .filter(|p| *p == "datePublished")
                .and_then(|_| e.attr("content").or_else(|| e.attr("datetime"))),
        }?;
        crate::text::parse_date(value)
    })
}

/// The walk's state.
struct Walk<'a> {
    html: &'a mut Html,
    units: Vec<Unit>,
    gone: Vec<bool>,
    /// Units not gone that hold text.
    text_left: usize,
    ctx: Context<'a>,
    disabled: &'a [String],
    audit: &'a mut Audit,
    found: Findings,
    /// The head walk is running.
    at_head: bool,
}

/// Runs the edge layer over the item under `root`.
pub(crate) fn clean_edges(
    html: &mut Html,
    root: NodeId,
    vocab: &Vocabulary,
    disabled: &[String],
    audit: &mut Audit,
) -> Findings {
    let units = units::collect(html, root);
    let n = units.len();
    let text_left = units.iter().filter(|u| !u.lines.is_empty()).count();
    let mut w = Walk {
        html,
        units,
        gone: vec![false; n],
        text_left,
        ctx: Context { vocab },
        disabled,
        audit,
        found: Findings::default(),
        at_head: false,
    };
    w.anywhere();
    w.related_anywhere();
    w.tail();
    w.head();
    w.found
}

impl Walk<'_> {
    fn verdict(&self, i: usize, line: usize, place: Place) -> Option<Verdict> {
        let u = self.units.get(i)?;
        let l = u.lines.get(line)?;
        judge::judge(l, u, place, &self.ctx)
            .filter(|v| !self.disabled.iter().any(|d| d == rule_id(v.category)))
    }

    /// Units that still hold text (kept as a count: asked once per candidate).
    fn text_units_left(&self) -> usize {
        self.text_left
    }

    /// Widget and ad labels, wherever they are.
    fn anywhere(&mut self) {
        for i in 0..self.units.len() {
            let Some(u) = self.units.get(i) else { continue };
            if u.images > 0 || u.lines.is_empty() {
                continue;
            }
            let verdicts: Option<Vec<Verdict>> = (0..u.lines.len())
                .map(|l| self.verdict(i, l, Place::Anywhere))
                .collect();
            if let Some(v) = verdicts {
                if self.text_units_left() > 1 {
                    self.remove_unit(i, v);
                }
            }
        }
    }

    /// From the last unit backwards.
    fn tail(&mut self) {
        let mut i = self.units.len();
        let mut k = 0usize;
        let mut steps = 0;
        while i > 0 && steps < MAX_WALK {
            i -= 1;
            steps += 1;
            if self.gone.get(i).copied().unwrap_or(true) {
                continue;
            }
            let Some(u) = self.units.get(i) else { break };
            if u.lines.is_empty() {
                // An image is content, unless it says it is a "follow us" code (`alt="扫码关注"`,
                // `qrcode.png`) at the very end.
                if k <= 2 {
                    if let Some(signal) = self.follow_code_image(i) {
                        let signals = vec![format!("tail:{k}"), signal, "score:1.00".to_string()];
                        self.remove_plain(
                            i,
                            "edge-subscribe",
                            reason(Category::Subscribe),
                            signals,
                        );
                        k += 1;
                        continue;
                    }
                }
                break;
            }
            if self.is_end_mark(u) {
                k += 1;
                continue;
            }
            if u.heading && self.text_units_left() > 1 {
                let signals = vec![format!("tail:{k}"), "heading-without-content".to_string()];
                self.remove_plain(
                    i,
                    "edge-dangling-heading",
                    "edge layer: a heading with nothing after it (its content was boilerplate, or there is none)",
                    signals,
                );
                continue;
            }
            if let Some(j) = self.related_block(i) {
                i = j;
                k += 1;
                continue;
            }
            let Some(u) = self.units.get(i) else { break };
            let nlines = u.lines.len();
            let place = Place::Tail(k);
            let mut verdicts: Vec<Option<Verdict>> =
                (0..nlines).map(|l| self.verdict(i, l, place)).collect();
            // A link showing its own address is the article's link only inside an
            // aggregator's footer ("submitted by … <br> 42 points | 7 comments <br> https://…");
            // alone it is content (a blog post's last line).
            let footer = verdicts.iter().flatten().any(|v| {
                matches!(
                    v.category,
                    Category::AggregatorLabel | Category::Counter | Category::Comments
                )
            });
            if !footer {
                for v in verdicts.iter_mut() {
                    if v.as_ref()
                        .is_some_and(|v| v.signals.iter().any(|s| s == judge::BARE_URL_SIGNAL))
                    {
                        *v = None;
                    }
                }
            }
            if verdicts.iter().all(Option::is_some) {
                let verdicts: Vec<Verdict> = verdicts.into_iter().flatten().collect();
                if self.text_units_left() <= 1 {
                    // The item is nothing but boilerplate: keep the article's link as its body.
                    self.keep_article_link(i, verdicts);
                    break;
                }
                self.remove_unit(i, verdicts);
                k += 1;
                continue;
            }
            self.trailing_clause(i);
            // The last lines of a unit (`…<br>Posted by X<br>Tags: a, b`).
            let keep = verdicts
                .iter()
                .rposition(Option::is_none)
                .map_or(0, |p| p + 1);
            if keep < nlines && keep > 0 && self.splittable(i) {
                let tail: Vec<(usize, Verdict)> = verdicts
                    .into_iter()
                    .enumerate()
                    .skip(keep)
                    .filter_map(|(l, v)| v.map(|v| (l, v)))
                    .collect();
                self.remove_lines(i, tail, true);
            }
            break;
        }
    }

    /// From the first unit forwards.
    fn head(&mut self) {
        self.at_head = true;
        let mut k = 0usize;
        let mut i = 0usize;
        let mut steps = 0;
        while i < self.units.len() && steps < MAX_WALK / 2 {
            steps += 1;
            let idx = i;
            i += 1;
            if self.gone.get(idx).copied().unwrap_or(true) {
                continue;
            }
            let Some(u) = self.units.get(idx) else { break };
            if u.lines.is_empty() {
                // A lead image above the byline.
                k += 1;
                continue;
            }
            let nlines = u.lines.len();
            let place = Place::Head(k);
            let verdicts: Vec<Option<Verdict>> =
                (0..nlines).map(|l| self.verdict(idx, l, place)).collect();
            if verdicts.iter().all(Option::is_some) {
                if self.text_units_left() <= 1 {
                    break;
                }
                self.remove_unit(idx, verdicts.into_iter().flatten().collect());
                k += 1;
                continue;
            }
            // The first lines of a unit (`By Jane Doe<br>The body …`).
            let lead = verdicts.iter().position(Option::is_none).unwrap_or(nlines);
            if lead > 0 && self.splittable(idx) {
                let head: Vec<(usize, Verdict)> = verdicts
                    .into_iter()
                    .enumerate()
                    .take(lead)
                    .filter_map(|(l, v)| v.map(|v| (l, v)))
                    .collect();
                self.remove_lines(idx, head, false);
            }
            break;
        }
    }

    /// The last unit of an aggregator's link post (`submitted by … [link] [comments]`, `Article
    /// URL: …`) would leave an empty article: its link to the article stays as the body, the
    /// rest goes.
    fn keep_article_link(&mut self, i: usize, verdicts: Vec<Verdict>) {
        let Some(u) = self.units.get(i).cloned() else {
            return;
        };
        let article = |v: &Verdict| {
            v.effects.iter().find_map(|e| match e {
                Effect::ArticleUrl(h) => Some(h.clone()),
                _ => None,
            })
        };
        let Some((keep, href)) = verdicts
            .iter()
            .enumerate()
            .find_map(|(l, v)| article(v).map(|h| (l, h)))
        else {
            return;
        };
        for (l, v) in verdicts.iter().enumerate() {
            let Some(line) = u.lines.get(l) else { continue };
            if l != keep {
                self.record(&line.text, v);
                if let Some(&first) = line.nodes.first() {
                    if let Some(br) = adjacent_br(self.html, first, true) {
                        dom::detach(self.html, br);
                    }
                }
                for &n in &line.nodes {
                    dom::detach(self.html, n);
                }
                continue;
            }
            // In the kept line, the other links go ("[comments]").
            let mut gone = Vec::new();
            // Each link under the line node that holds it: one walk up per link.
            let mut under: Vec<Vec<&units::LineLink>> = vec![Vec::new(); line.nodes.len()];
            let index: std::collections::HashMap<NodeId, usize> = line
                .nodes
                .iter()
                .enumerate()
                .map(|(k, &n)| (n, k))
                .collect();
            for x in &line.links {
                let mut cur = self.html.tree.get(x.id);
                while let Some(n) = cur {
                    if let Some(&k) = index.get(&n.id()) {
                        if let Some(list) = under.get_mut(k) {
                            list.push(x);
                        }
                        break;
                    }
                    cur = n.parent();
                }
            }
            for (&n, links) in line.nodes.iter().zip(&under) {
                if !links.is_empty() && links.iter().all(|x| x.href != href) {
                    gone.push(
                        links
                            .iter()
                            .map(|x| x.text.as_str())
                            .collect::<Vec<_>>()
                            .join(" "),
                    );
                    dom::detach(self.html, n);
                }
            }
            if !gone.is_empty() {
                let mut signals = v.signals.clone();
                signals.push("kept:article-link".to_string());
                let field = field_of(&v.effects);
                self.audit.push_with_signals(
                    rule_id(v.category),
                    if field.is_some() {
                        RemovalAction::Extract
                    } else {
                        RemovalAction::Remove
                    },
                    reason(v.category),
                    field,
                    &gone.join(" | "),
                    signals,
                );
            }
            self.found.take(&v.effects, false);
        }
    }

    /// A "read more" clause that ends the item's last paragraph after its text: "… e faz...
    /// Leia mais no <a>Massa News</a>!", "… [Read more]". The clause goes, the paragraph stays.
    fn trailing_clause(&mut self, i: usize) {
        if self.disabled.iter().any(|d| d == "edge-read-more") {
            return;
        }
        let Some(line) = self.units.get(i).and_then(|u| u.lines.last()).cloned() else {
            return;
        };
        if line.links.is_empty() {
            return;
        }
        // The line's text nodes, in order.
        let mut texts: Vec<(NodeId, String)> = Vec::new();
        for &n in &line.nodes {
            let Some(node) = self.html.tree.get(n) else {
                continue;
            };
            for d in node.descendants() {
                if let Node::Text(t) = d.value() {
                    if !d.ancestors().any(|a| {
                        a.value()
                            .as_element()
                            .is_some_and(|e| dom::NON_CONTENT.contains(&e.name()))
                    }) {
                        texts.push((d.id(), t.to_string()));
                    }
                }
            }
        }
        let whole: String = texts.iter().map(|(_, t)| t.as_str()).collect();
        let total = whole.chars().count();
        // Candidate starts: after a sentence end or an ellipsis, within the last 120 characters.
        let chars: Vec<(usize, char)> = whole.char_indices().collect();
        let mut cut = None;
        for (ci, &(bi, c)) in chars.iter().enumerate() {
            if total - ci > 120 {
                continue;
            }
            // A linked ellipsis ends an excerpt: "… text [<a>…</a>]", "… <a>(…)</a>".
            if matches!(c, '[' | '(' | '…' | '.') {
                let rest = whole.get(bi..).unwrap_or("").trim();
                let bare: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
                let is_ellipsis = matches!(
                    bare.as_str(),
                    "[…]" | "[...]" | "(…)" | "(...)" | "…" | "..."
                );
                let linked = line.links.iter().any(|l| {
                    let t = l.text.trim();
                    !t.is_empty() && rest.contains(t) && t.chars().all(|c| !c.is_alphanumeric())
                });
                let before = whole.get(..bi).unwrap_or("").trim_end();
                if is_ellipsis && linked && !before.is_empty() {
                    cut = Some((bi, "und".to_string(), "…".to_string(), true));
                    break;
                }
            }
            if !(c.is_alphanumeric() || matches!(c, '(' | '[')) {
                continue;
            }
            let before = whole.get(..bi).unwrap_or("").trim_end();
            let Some(prev) = before.chars().next_back() else {
                continue;
            };
            let ellipsis = before.ends_with("...") || prev == '…';
            if !(ellipsis
                || matches!(
                    prev,
                    '.' | '!' | '?' | '。' | '！' | '？' | ']' | ')' | '）'
                ))
            {
                continue;
            }
            let rest = whole.get(bi..).unwrap_or("");
            let folded = vocab::norm(rest);
            let Some(hit) = self
                .ctx
                .vocab
                .find(Category::ReadMore, vocab::core(&folded))
            else {
                continue;
            };
            if !matches!(hit.fit, vocab::Fit::Prefix | vocab::Fit::Whole) {
                continue;
            }
            // The clause must hold a link ("… no <a>Massa News</a>!").
            let linked = line
                .links
                .iter()
                .any(|l| !l.text.is_empty() && rest.contains(l.text.as_str()));
            if !linked {
                continue;
            }
            cut = Some((
                bi,
                hit.phrase.lang.clone(),
                hit.phrase.text.clone(),
                ellipsis,
            ));
            break;
        }
        let Some((at, lang, phrase, ellipsis)) = cut else {
            return;
        };
        let removed = whole.get(at..).unwrap_or("").trim().to_string();
        // The clause's one link leads to the whole article.
        let clause_links: Vec<&units::LineLink> = line
            .links
            .iter()
            .filter(|l| !l.text.trim().is_empty() && removed.contains(l.text.trim()))
            .collect();
        let article_url = match clause_links.as_slice() {
            [l] if l.href.starts_with("https://") || l.href.starts_with("http://") => {
                Some(l.href.clone())
            }
            _ => None,
        };
        // Cut the text node that holds the start; everything after it in the line goes.
        let mut offset = 0usize;
        let mut start_node = None;
        for (id, t) in &texts {
            if at < offset + t.len() {
                start_node = Some((*id, at - offset));
                break;
            }
            offset += t.len();
        }
        let Some((tid, local)) = start_node else {
            return;
        };
        if let Some(mut n) = self.html.tree.get_mut(tid) {
            if let Node::Text(t) = n.value() {
                let kept = t.text.get(..local).unwrap_or("").trim_end().to_string();
                t.text = kept.as_str().into();
            }
        }
        let line_nodes: Vec<NodeId> = line.nodes.clone();
        let mut cur = tid;
        loop {
            let next: Vec<NodeId> = self
                .html
                .tree
                .get(cur)
                .map(|n| n.next_siblings().map(|x| x.id()).collect())
                .unwrap_or_default();
            let at_line_level = line_nodes.contains(&cur);
            for x in next {
                if !at_line_level || line_nodes.contains(&x) {
                    dom::detach(self.html, x);
                }
            }
            if at_line_level {
                break;
            }
            match self.html.tree.get(cur).and_then(|n| n.parent()) {
                Some(p) => cur = p.id(),
                None => break,
            }
        }
        let mut signals = vec![
            "tail:0".to_string(),
            if phrase == "…" {
                "linked-ellipsis".to_string()
            } else {
                format!("vocab:readMore:prefix({lang} '{phrase}')")
            },
            "trailing-clause".to_string(),
            "link".to_string(),
        ];
        if ellipsis {
            signals.push("after-ellipsis".to_string());
        }
        let field = article_url.as_ref().map(|_| "url");
        self.audit.push_with_signals(
            "edge-read-more",
            if field.is_some() {
                RemovalAction::Extract
            } else {
                RemovalAction::Remove
            },
            reason(Category::ReadMore),
            field,
            &removed,
            signals,
        );
        if let Some(u) = article_url {
            self.found.url.get_or_insert(u);
        }
        self.found.truncated = true;
    }

    fn is_end_mark(&self, u: &Unit) -> bool {
        u.lines.len() == 1
            && u.lines
                .first()
                .is_some_and(|l| self.ctx.vocab.whole(Category::EndMark, l.core()).is_some())
    }

    /// A run of link lines ending at unit `end`, under a further-reading label: lifts the
    /// links into `related` and returns the index of the label.
    fn related_block(&mut self, end: usize) -> Option<usize> {
        if !self.is_link_unit(end, 0.4) {
            return None;
        }
        let mut start = end;
        while start > 0 && end - start < MAX_RELATED_UNITS && self.is_link_unit(start - 1, 0.4) {
            start -= 1;
        }
        let label_at = start.checked_sub(1)?;
        let tail = format!("tail:{}", self.units.len() - end - 1);
        self.extract_related(label_at, end, tail)
    }

    /// Further-reading blocks inside the item: a label unit followed by units that are all
    /// links (`<p><strong>相關報道：</strong></p><ul><li><a>…</a></li>…</ul>`).
    fn related_anywhere(&mut self) {
        let mut i = 0;
        while i < self.units.len() {
            if self.inline_related(i) {
                i += 1;
                continue;
            }
            if !self.could_be_label(i) {
                i += 1;
                continue;
            }
            let mut end = i;
            while end + 1 < self.units.len()
                && end - i < MAX_RELATED_UNITS
                && self.is_link_unit(end + 1, 0.5)
            {
                end += 1;
            }
            if end > i
                && self
                    .extract_related(i, end, "mid-item".to_string())
                    .is_some()
            {
                i = end + 1;
            } else {
                i += 1;
            }
        }
    }

    /// A one-line unit "Label: <a>link</a>" anywhere in the item: lifted into `related`.
    fn inline_related(&mut self, i: usize) -> bool {
        if self.gone.get(i).copied().unwrap_or(true)
            || self.disabled.iter().any(|d| d == "edge-related")
            || self.text_units_left() <= 1
        {
            return false;
        }
        let Some(u) = self.units.get(i) else {
            return false;
        };
        let [line] = u.lines.as_slice() else {
            return false;
        };
        if u.images > 0 || u.heading || line.links.is_empty() {
            return false;
        }
        let Some(v) = judge::related_inline(line, Place::Anywhere, &self.ctx) else {
            return false;
        };
        self.remove_unit(i, vec![v]);
        true
    }

    /// A short one-line unit without links, still there: the shape of a label (checked before
    /// the units after it are looked at, so long runs of links cost one pass).
    fn could_be_label(&self, i: usize) -> bool {
        !self.gone.get(i).copied().unwrap_or(true)
            && self.units.get(i).is_some_and(|u| {
                u.lines.len() == 1 && u.lines.iter().all(|l| l.chars <= 60 && l.links.is_empty())
            })
    }

    /// A unit whose every line is mostly a link.
    fn is_link_unit(&self, i: usize, min_density: f64) -> bool {
        !self.gone.get(i).copied().unwrap_or(true)
            && self.units.get(i).is_some_and(|u| {
                u.images == 0
                    && !u.heading
                    && !u.lines.is_empty()
                    && u.lines.iter().all(|l| {
                        !l.links.is_empty() && l.link_density() >= min_density && l.chars <= 200
                    })
                    // Links to social profiles and share endpoints ("Síguenos en Twitter y
                    // Facebook") are not further reading.
                    && !u.lines.iter().all(|l| {
                        l.links.iter().all(|x| {
                            matches!(
                                vocab::host_kind(&x.href),
                                Some(vocab::HostKind::Share | vocab::HostKind::Social)
                            )
                        })
                    })
            })
    }

    /// Lifts a label unit and the link units after it (up to `end`) into `related`, when the
    /// label is a further-reading label; returns the label's index.
    fn extract_related(&mut self, label_at: usize, end: usize, place: String) -> Option<usize> {
        if self.disabled.iter().any(|d| d == "edge-related")
            || self.gone.get(label_at).copied().unwrap_or(true)
        {
            return None;
        }
        let label = self.units.get(label_at)?;
        let line = label.lines.first().filter(|_| label.lines.len() == 1)?;
        if line.chars > 60 || !line.links.is_empty() {
            return None;
        }
        let phrase = self.ctx.vocab.whole(Category::RelatedLabel, line.core())?;
        let shape = if label.heading {
            "label:heading"
        } else if label.bold {
            "label:bold"
        } else {
            "label:line"
        };
        // Keep at least one unit of text besides the block.
        if self.text_units_left() <= end - label_at + 1 {
            return None;
        }
        let mut links = Vec::new();
        let mut texts = Vec::new();
        for u in self.units.get(label_at + 1..=end)? {
            for l in &u.lines {
                links.extend(l.links.iter().map(|x| (x.text.clone(), x.href.clone())));
                texts.push(l.text.clone());
            }
        }
        let signals = vec![
            place,
            format!(
                "vocab:relatedLabel:whole({} '{}')",
                phrase.lang, phrase.text
            ),
            shape.to_string(),
            format!("link-lines:{}", texts.len()),
        ];
        let text = format!("{} | {}", line.text, texts.join(" | "));
        self.audit.push_with_signals(
            "edge-related",
            RemovalAction::Extract,
            reason(Category::RelatedLabel),
            Some("related"),
            &text,
            signals,
        );
        self.found.related.extend(links);
        for i in label_at..=end {
            self.detach_unit(i);
        }
        Some(label_at)
    }

    /// Whether a unit's lines are `<br>`-separated children (so a line can go alone).
    fn splittable(&self, i: usize) -> bool {
        self.units.get(i).is_some_and(|u| {
            !matches!(
                u.name.as_str(),
                "ul" | "ol" | "dl" | "table" | "figure" | "pre" | "blockquote"
            )
        })
    }

    fn record(&mut self, text: &str, v: &Verdict) {
        let field = field_of(&v.effects);
        let action = if field.is_some() {
            RemovalAction::Extract
        } else {
            RemovalAction::Remove
        };
        self.audit.push_with_signals(
            rule_id(v.category),
            action,
            reason(v.category),
            field,
            text,
            v.signals.clone(),
        );
        self.found.take(&v.effects, self.at_head);
    }

    fn remove_unit(&mut self, i: usize, verdicts: Vec<Verdict>) {
        let texts: Vec<String> = self
            .units
            .get(i)
            .map(|u| u.lines.iter().map(|l| l.text.clone()).collect())
            .unwrap_or_default();
        for (t, v) in texts.iter().zip(&verdicts) {
            self.record(t, v);
        }
        self.detach_unit(i);
    }

    /// An image-only unit whose every image is a QR code or a "follow us" picture, by its
    /// `alt` (subscribe / share vocabulary) or its file name: the signal that says so.
    fn follow_code_image(&self, i: usize) -> Option<String> {
        let u = self.units.get(i)?;
        let mut signal = None;
        let mut seen = 0;
        for &n in &u.nodes {
            for d in self.html.tree.get(n)?.descendants() {
                let Some(e) = d.value().as_element() else {
                    continue;
                };
                if e.name() != "img" {
                    continue;
                }
                seen += 1;
                let alt = e.attr("alt").unwrap_or("");
                let src = e.attr("src").unwrap_or("").to_ascii_lowercase();
                let folded = crate::text::fold(alt);
                let by_alt = [Category::Subscribe, Category::Share]
                    .into_iter()
                    .find_map(|cat| {
                        self.ctx
                            .vocab
                            .whole(cat, vocab::core(&folded))
                            .map(|p| (cat, p))
                    });
                let file = src.rsplit('/').next().unwrap_or("");
                let qr_words = ["qrcode", "qr_code", "qr-code", "二维码", "二維碼"];
                if let Some((cat, p)) = by_alt {
                    signal = Some(format!(
                        "image-alt:vocab:{}:whole({} '{}')",
                        cat.key(),
                        p.lang,
                        p.text
                    ));
                } else if qr_words
                    .iter()
                    .any(|w| folded.contains(w) || file.contains(w))
                    || src.contains("/qr/")
                {
                    signal = Some("image:qr-code".to_string());
                } else {
                    return None;
                }
            }
        }
        if seen == 0 {
            return None;
        }
        signal
    }

    fn remove_plain(&mut self, i: usize, rule: &str, why: &str, signals: Vec<String>) {
        let text = self
            .units
            .get(i)
            .map(|u| {
                u.lines
                    .iter()
                    .map(|l| l.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default();
        // An image-only unit is shown by its images' addresses.
        let text = if text.is_empty() {
            self.image_sources(i).join(" ")
        } else {
            text
        };
        self.audit
            .push_with_signals(rule, RemovalAction::Remove, why, None, &text, signals);
        self.detach_unit(i);
    }

    fn image_sources(&self, i: usize) -> Vec<String> {
        let Some(u) = self.units.get(i) else {
            return Vec::new();
        };
        u.nodes
            .iter()
            .filter_map(|&n| self.html.tree.get(n))
            .flat_map(|n| n.descendants())
            .filter_map(|d| d.value().as_element())
            .filter(|e| e.name() == "img")
            .map(|e| e.attr("src").unwrap_or("").to_string())
            .collect()
    }

    fn detach_unit(&mut self, i: usize) {
        if self.gone.get(i).copied().unwrap_or(true) {
            return;
        }
        if let Some(u) = self.units.get(i) {
            if !u.lines.is_empty() {
                self.text_left = self.text_left.saturating_sub(1);
            }
            for &n in &u.nodes {
                dom::detach(self.html, n);
            }
        }
        if let Some(g) = self.gone.get_mut(i) {
            *g = true;
        }
    }

    /// Removes some lines of a unit, with the `<br>` that separated them from the rest
    /// (before them at the end of the unit, after them at its start).
    fn remove_lines(&mut self, i: usize, lines: Vec<(usize, Verdict)>, at_end: bool) {
        let Some(u) = self.units.get(i).cloned() else {
            return;
        };
        for (l, v) in &lines {
            let Some(line) = u.lines.get(*l) else {
                continue;
            };
            self.record(&line.text, v);
            let edge = if at_end {
                line.nodes.first()
            } else {
                line.nodes.last()
            };
            if let Some(&e) = edge {
                if let Some(br) = adjacent_br(self.html, e, at_end) {
                    dom::detach(self.html, br);
                }
            }
            for &n in &line.nodes {
                dom::detach(self.html, n);
            }
        }
    }
}

/// The `<br>` right before (or after) a node, past blank text.
fn adjacent_br(html: &Html, id: NodeId, before: bool) -> Option<NodeId> {
    let node = html.tree.get(id)?;
    let mut cur = if before {
        node.prev_sibling()
    } else {
        node.next_sibling()
    };
    while let Some(n) = cur {
        match n.value() {
            Node::Element(e) if e.name() == "br" => return Some(n.id()),
            v if dom::is_whitespace_text(v) => {}
            _ => return None,
        }
        cur = if before {
            n.prev_sibling()
        } else {
            n.next_sibling()
        };
    }
    None
}
