//! Scores one line at an edge of the item: which kind of boilerplate it is, how sure that is,
//! and the signals that say so. A line is boilerplate only with a score of at least
//! [`CONFIDENT`]; nothing else here removes anything.

use super::units::{Line, Unit};
use super::vocab::{core, host_kind, norm, Category, Fit, Hit, HostKind, Vocabulary};
use crate::text;

/// The score a verdict needs.
pub(crate) const CONFIDENT: f64 = 1.0;
/// Longest line (in characters) any edge verdict considers: boilerplate lines are short.
const MAX_LINE_CHARS: usize = 300;
/// Longest byline, in characters.
const MAX_BYLINE_CHARS: usize = 100;
/// Separators between the parts of a meta line ("By Jane Doe | March 3, 2024").
const SEGMENT_SEPARATORS: &[char] = &[
    '|', '｜', '·', '•', '・', '—', '–', '/', '／', ',', '，', ';', '；',
];

/// Where a line sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// In the k-th unit from the start (0 = first).
    Head(usize),
    /// In the k-th unit from the end (0 = last); the walk reaches it only when everything
    /// after it went (or is an end mark).
    Tail(usize),
    /// Anywhere in the item.
    Anywhere,
}

impl Place {
    fn head_within(self, k: usize) -> bool {
        matches!(self, Place::Head(i) if i < k)
    }

    fn tail_within(self, k: usize) -> bool {
        matches!(self, Place::Tail(i) if i < k)
    }

    fn signal(self) -> String {
        match self {
            Place::Head(i) => format!("head:{i}"),
            Place::Tail(i) => format!("tail:{i}"),
            Place::Anywhere => "anywhere".to_string(),
        }
    }
}

/// What a boilerplate line gives to the article before it goes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Effect {
    /// The item is an excerpt.
    Truncated,
    /// The discussion page (`commentsUrl`).
    CommentsUrl(String),
    /// The article's own URL (used when the input gives none).
    ArticleUrl(String),
    /// The author line.
    Byline(String),
    /// The publication date (ISO 8601).
    Published(String),
    /// Further-reading links (title, href).
    Related(Vec<(String, String)>),
    /// An attribution line (`credits`).
    Credit(String),
}

/// What a line is, with the evidence.
#[derive(Debug, Clone)]
pub(crate) struct Verdict {
    pub category: Category,
    pub score: f64,
    pub signals: Vec<String>,
    pub effects: Vec<Effect>,
}

/// What the judge knows besides the line.
pub(crate) struct Context<'a> {
    pub vocab: &'a Vocabulary,
}

/// A verdict being built.
struct Case {
    category: Category,
    score: f64,
    signals: Vec<String>,
    effects: Vec<Effect>,
}

impl Case {
    fn new(category: Category, place: Place) -> Case {
        Case {
            category,
            score: 0.0,
            signals: vec![place.signal()],
            effects: Vec::new(),
        }
    }

    fn add(&mut self, score: f64, signal: impl Into<String>) {
        self.score += score;
        self.signals.push(signal.into());
    }

    /// Adds a vocabulary hit: `whole` when the line is the phrase, `part` when it starts or
    /// ends with it.
    fn vocab(&mut self, hit: &Hit<'_>, whole: f64, part: f64) {
        let s = if hit.fit == Fit::Whole { whole } else { part };
        let (p, fit) = (hit.phrase, hit.fit.as_str());
        self.add(
            s,
            format!("vocab:{}:{fit}({} '{}')", hit.cat.key(), p.lang, p.text),
        );
    }

    fn done(mut self) -> Option<Verdict> {
        self.score = (self.score * 100.0).round() / 100.0;
        if self.score < CONFIDENT {
            return None;
        }
        self.signals.push(format!("score:{:.2}", self.score));
        Some(Verdict {
            category: self.category,
            score: self.score,
            signals: self.signals,
            effects: self.effects,
        })
    }
}

/// The best verdict for a line, or None when it is not confidently boilerplate.
pub(crate) fn judge(line: &Line, unit: &Unit, place: Place, ctx: &Context<'_>) -> Option<Verdict> {
    if line.chars > MAX_LINE_CHARS {
        return None;
    }
    let core = line.core();
    if core.is_empty() {
        return symbol_link(line, place);
    }
    let mut best: Option<Verdict> = None;
    let mut consider = |v: Option<Verdict>| {
        if let Some(v) = v {
            if best.as_ref().is_none_or(|b| v.score > b.score) {
                best = Some(v);
            }
        }
    };
    // Labels of a widget or an ad: anywhere, only as the whole line.
    for cat in [Category::Ui, Category::Advertisement] {
        if let Some(p) = ctx.vocab.whole(cat, core) {
            if core.chars().count() <= 80 {
                let mut c = Case::new(cat, place);
                c.vocab(
                    &Hit {
                        cat,
                        fit: Fit::Whole,
                        phrase: p,
                    },
                    1.0,
                    0.0,
                );
                consider(c.done());
            }
        }
    }
    // "Ads by Project Wonderful! Your ad could be here": an ad label that is a link.
    if let Some(h) = ctx.vocab.find(Category::Advertisement, core) {
        if h.fit == Fit::Prefix && line.link_density() >= 0.6 && line.chars <= 120 {
            let mut c = Case::new(Category::Advertisement, place);
            c.vocab(&h, 1.0, 0.6);
            c.add(0.4, format!("link:{:.2}", line.link_density()));
            consider(c.done());
        }
    }
    if place == Place::Anywhere {
        return best;
    }
    consider(links_only(line, place, ctx));
    consider(related_inline(line, place, ctx));
    consider(read_more(line, place, ctx));
    consider(link_labelled(line, place, ctx, Category::Comments));
    consider(link_labelled(line, place, ctx, Category::Permalink));
    consider(link_labelled(line, place, ctx, Category::ArticleLink));
    consider(share(line, place, ctx));
    consider(subscribe(line, place, ctx));
    consider(translation(line, place, ctx));
    consider(counter(line, place, ctx));
    consider(aggregator(line, place, ctx));
    consider(meta(line, unit, place, ctx));
    consider(sponsor(line, place, ctx));
    consider(repost(line, place, ctx));
    consider(generator(line, place, ctx));
    consider(contact(line, place));
    consider(credit(line, place, ctx));
    consider(site_link(line, place));
    consider(bare_url_link(line, place));
    best
}

/// The signal of [`bare_url_link`]: the tail walk keeps such a line unless its unit is an
/// aggregator's footer.
pub(crate) const BARE_URL_SIGNAL: &str = "link-shows-its-address";

/// A line that is one link showing its own address ("https://example.org/firmware-2-0") at the
/// end, next to an aggregator's footer: the article's link.
fn bare_url_link(line: &Line, place: Place) -> Option<Verdict> {
    if !place.tail_within(3) || line.links.len() != 1 || line.link_density() < 0.9 {
        return None;
    }
    let l = line.links.first()?;
    let shown = l.text.trim().trim_end_matches('/');
    let target = l.href.trim().trim_end_matches('/');
    let strip = |u: &str| -> String {
        u.trim_start_matches("https://")
            .trim_start_matches("http://")
            .trim_start_matches("www.")
            .to_string()
    };
    if !(shown.starts_with("http://") || shown.starts_with("https://") || shown.contains('.'))
        || shown.contains(char::is_whitespace)
        || strip(shown) != strip(target)
    {
        return None;
    }
    let mut c = Case::new(Category::ArticleLink, place);
    c.add(1.0, BARE_URL_SIGNAL);
    c.effects.push(Effect::ArticleUrl(l.href.clone()));
    c.done()
}

/// A lone symbol link at the very end (`★`, `∞`, `#`, `¶`): a permalink.
fn symbol_link(line: &Line, place: Place) -> Option<Verdict> {
    if place != Place::Tail(0) || line.links.len() != 1 || line.link_density() < 0.9 {
        return None;
    }
    let mut c = Case::new(Category::Permalink, place);
    c.add(1.0, "symbol-link");
    if let Some(l) = line.links.first() {
        c.effects.push(Effect::ArticleUrl(l.href.clone()));
    }
    c.done()
}

/// A sponsor line next to its link: "Bandwidth for … is provided by <a>Cachefly</a>."
fn sponsor(line: &Line, place: Place, ctx: &Context<'_>) -> Option<Verdict> {
    if !place.tail_within(4) || line.chars > 200 || line.links.is_empty() {
        return None;
    }
    let hit = ctx.vocab.inside(Category::Sponsor, line.core())?;
    let mut c = Case::new(Category::Sponsor, place);
    c.vocab(&hit, 1.0, 0.6);
    c.add(0.4, format!("link:{:.2}", line.link_density()));
    if line.chars <= 120 {
        c.add(0.2, "short");
    }
    c.done()
}

/// A line that is only a contact address at the end ("kms@newsis.com", "E-mail: jane@…",
/// "邮箱：…"): the reporter's, it goes to `credits`.
fn contact(line: &Line, place: Place) -> Option<Verdict> {
    if !place.tail_within(3) || line.chars > 80 {
        return None;
    }
    let words: Vec<&str> = line.text.split_whitespace().collect();
    let (addr, label) = words.split_last()?;
    let addr =
        addr.trim_matches(|c: char| matches!(c, '(' | ')' | '<' | '>' | '（' | '）' | '.' | '。'));
    let label = label.join(" ");
    let label_ok = label.is_empty()
        || (label.chars().count() <= 12
            && label
                .trim_end_matches([':', '：'])
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == ' '));
    if !label_ok || !is_email(addr) {
        return None;
    }
    let mut c = Case::new(Category::Byline, place);
    c.add(1.0, "contact:email");
    c.effects.push(Effect::Credit(line.text.clone()));
    c.done()
}

/// `local@domain.tld`, plainly (no spaces, one `@`, a dot in the domain).
fn is_email(s: &str) -> bool {
    let mut parts = s.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "._%+-".contains(c))
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || ".-".contains(c))
}

/// An editor's or producer's credit near the end: "责任编辑：王小明", "Edited by Jane Doe",
/// "Redaktion: …". The label starts the line and a name (a few words) follows.
fn credit(line: &Line, place: Place, ctx: &Context<'_>) -> Option<Verdict> {
    if !place.tail_within(5) || line.chars > 80 {
        return None;
    }
    let hit = ctx.vocab.find(Category::Credit, line.core())?;
    if hit.fit != Fit::Prefix {
        return None;
    }
    let rest = line.core().get(hit.phrase.text.len()..).unwrap_or("");
    let labelled = rest
        .trim_start()
        .starts_with([':', '：', '|', '丨', '/', '／']);
    // A name after the label: a few words; without spaces between words (Chinese, Japanese),
    // a few characters after a space ("编辑 王小明"), never the rest of a sentence
    // ("编辑部主任张伟表示，…").
    let name = if hit.phrase.spaced {
        rest.split_whitespace().count() <= 4
    } else {
        rest.starts_with(char::is_whitespace) && rest.trim().chars().count() <= 4
    };
    let mut c = Case::new(Category::Credit, place);
    c.vocab(&hit, 1.0, 0.6);
    if labelled {
        c.add(0.4, "label-separator");
    } else if name {
        c.add(0.4, "name-after-label");
    }
    c.effects.push(Effect::Credit(line.text.clone()));
    c.done()
}

/// The feed generator's signature on the last lines: "Generated by <a>Feed43</a>", "(Feed
/// generated with FetchRSS)", "Généré par …". Short, and the phrase starts it (a sentence
/// that mentions a tool stays).
fn generator(line: &Line, place: Place, ctx: &Context<'_>) -> Option<Verdict> {
    if !place.tail_within(3) || line.chars > 80 {
        return None;
    }
    // A short line whose every link goes to a feed service's own site ("更多RSS请访问
    // <a>feedx.net</a>", "RSS by <a>…</a>"), with a little text around the links.
    let service_only = !line.links.is_empty()
        && line.link_density() >= 0.3
        && line
            .links
            .iter()
            .all(|l| host_kind(&l.href) == Some(HostKind::FeedService));
    let Some(hit) = ctx.vocab.find(Category::Generator, line.core()) else {
        if service_only {
            let mut c = Case::new(Category::Generator, place);
            c.add(1.0, format!("host:feed-service×{}", line.links.len()));
            return c.done();
        }
        return None;
    };
    if hit.fit != Fit::Prefix {
        return None;
    }
    let rest = line.core().get(hit.phrase.text.len()..).unwrap_or("");
    let words = rest.split_whitespace().count();
    let d = line.link_density();
    let mut c = Case::new(Category::Generator, place);
    c.vocab(&hit, 1.0, 0.6);
    if d >= 0.3 {
        c.add(0.4, format!("link:{d:.2}"));
    } else if words <= 3 {
        c.add(0.4, format!("name-words:{words}"));
    }
    c.done()
}

/// Where the article was first published: "This article was originally published in …",
/// "本文来自微信公众号…，36氪经授权发布。" It goes to `credits`.
fn repost(line: &Line, place: Place, ctx: &Context<'_>) -> Option<Verdict> {
    // Only with the link to where it was first published: an author's own sentence ("This
    // story was originally published in a different form on my blog, and …") stays.
    if !(place.tail_within(4) || place.head_within(2)) || line.chars > 300 {
        return None;
    }
    let core = line.core();
    let hit = ctx
        .vocab
        .find(Category::Repost, core)
        .filter(|h| h.fit != Fit::Suffix)
        .or_else(|| ctx.vocab.inside(Category::Repost, core))?;
    // Chinese, Japanese and Korean notices name the source without a link ("本文来自微信公众号
    // “…”，36氪经授权发布。"): the phrase must start the line, which must be short.
    let cjk = matches!(hit.phrase.lang.as_str(), "zh" | "ja" | "ko");
    if line.links.is_empty() && !(cjk && hit.fit != Fit::Inside && line.chars <= 150) {
        return None;
    }
    let mut c = Case::new(Category::Repost, place);
    c.vocab(&hit, 1.0, if hit.fit == Fit::Prefix { 0.7 } else { 0.5 });
    if line.chars <= 200 {
        c.add(0.2, "short");
    }
    c.add(0.2, format!("link:{:.2}", line.link_density()));
    if matches!(place, Place::Tail(_) | Place::Head(0)) {
        c.add(0.2, "edge-of-item");
    }
    c.effects.push(Effect::Credit(line.text.clone()));
    c.done()
}

/// One link to a site's home page as the last line: the feed's signature
/// ("<a href="http://www.koerant.co.za">Die Nuus in Afrikaans - Koerant.co.za</a>").
fn site_link(line: &Line, place: Place) -> Option<Verdict> {
    if !place.tail_within(2)
        || line.links.len() != 1
        || line.link_density() < 0.9
        || line.chars > 120
    {
        return None;
    }
    let l = line.links.first()?;
    let u = url::Url::parse(l.href.trim()).ok()?;
    if !matches!(u.scheme(), "http" | "https")
        || !matches!(u.path(), "" | "/")
        || u.query().is_some()
    {
        return None;
    }
    let mut c = Case::new(Category::SiteLink, place);
    c.add(
        1.0,
        format!("link:home-page({})", u.host_str().unwrap_or("")),
    );
    c.done()
}

/// A line that is nothing but links, each of which says what it is: `[link] [comments]`,
/// `Facebook | Twitter | Email`.
fn links_only(line: &Line, place: Place, ctx: &Context<'_>) -> Option<Verdict> {
    if line.links.len() < 2 || line.link_density() < 0.9 || line.chars > 200 {
        return None;
    }
    let mut c = Case::new(Category::Share, place);
    let mut named = Vec::new();
    for l in &line.links {
        let mut folded = norm(&l.text);
        if core(&folded).is_empty() {
            folded = norm(l.label.as_deref().unwrap_or(""));
        }
        let t = core(&folded);
        let found = [
            Category::ArticleLink,
            Category::Comments,
            Category::Permalink,
            Category::Share,
            Category::ReadMore,
        ]
        .into_iter()
        .find(|cat| ctx.vocab.whole(*cat, t).is_some())
        .or_else(|| {
            // "Add to Facebook", "Share on X": a share phrase starting the link's words.
            ctx.vocab
                .find(Category::Share, t)
                .filter(|h| h.fit == Fit::Prefix)
                .map(|_| Category::Share)
        })
        .or_else(|| match host_kind(&l.href) {
            Some(HostKind::Share | HostKind::Social) => Some(Category::Share),
            _ => None,
        })?;
        match found {
            Category::ArticleLink => c.effects.push(Effect::ArticleUrl(l.href.clone())),
            Category::Comments => c.effects.push(Effect::CommentsUrl(l.href.clone())),
            Category::Permalink => c.effects.push(Effect::ArticleUrl(l.href.clone())),
            Category::ReadMore => c.effects.push(Effect::Truncated),
            _ => {}
        }
        named.push(format!("{}:'{}'", found.key(), t));
    }
    if named
        .iter()
        .all(|n| n.starts_with("comments:") || n.starts_with("articleLink:"))
    {
        c.category = Category::Comments;
    }
    // Every link said what it is: stronger than any single label.
    c.add(
        1.0 + 0.2 * named.len() as f64,
        format!("links-only[{}]", named.join(", ")),
    );
    c.done()
}

/// `Related: <a>…</a>`, `延伸阅读：<a>…</a>`, `Lesen Sie auch: <a>…</a>` — a further-reading
/// label, a separator, then mostly links.
/// "Lesen Sie auch: <a>…</a>", "延伸阅读：<a>…</a>": a label with its separator, then links
/// and little else. Also mid-item ([`Place::Anywhere`], asked by the further-reading walk).
pub(crate) fn related_inline(line: &Line, place: Place, ctx: &Context<'_>) -> Option<Verdict> {
    let anywhere = place == Place::Anywhere;
    if !(place.tail_within(6) || place.head_within(2) || anywhere) || line.links.is_empty() {
        return None;
    }
    let hit = ctx.vocab.find(Category::RelatedLabel, line.core())?;
    if hit.fit != Fit::Prefix {
        return None;
    }
    let rest = line.core().get(hit.phrase.text.len()..).unwrap_or("");
    let sep = rest.trim_start().chars().next()?;
    if !matches!(
        sep,
        ':' | '：' | '|' | '｜' | '-' | '–' | '—' | '»' | '>' | '›'
    ) {
        return None;
    }
    let mut c = Case::new(Category::RelatedLabel, place);
    c.vocab(&hit, 1.0, 0.5);
    let label_chars = hit
        .phrase
        .text
        .chars()
        .filter(|c| !text::is_space(*c))
        .count()
        + 1;
    let rest_chars = line.chars.saturating_sub(label_chars).max(1);
    let d = line.link_chars as f64 / rest_chars as f64;
    if d >= 0.6 {
        c.add(0.5, format!("links-after-label:{d:.2}"));
    } else {
        return None;
    }
    c.effects.push(Effect::Related(
        line.links
            .iter()
            .map(|l| (l.text.clone(), l.href.clone()))
            .collect(),
    ));
    c.done()
}

fn read_more(line: &Line, place: Place, ctx: &Context<'_>) -> Option<Verdict> {
    let at_head = place.head_within(1);
    if !(place.tail_within(6) || at_head) || line.chars > 150 {
        return None;
    }
    let hit = ctx.vocab.find(Category::ReadMore, line.core())?;
    if hit.fit == Fit::Suffix {
        return None;
    }
    let d = line.link_density();
    // "… show notes at <a>site</a>": the phrase leads to a link that ends the line.
    let leads_to_link = line.ends_with_link && d >= 0.25;
    if hit.fit != Fit::Whole && d < 0.5 && !leads_to_link {
        // "Read more about the tide tables in …": a sentence, not a link.
        return None;
    }
    let mut c = Case::new(Category::ReadMore, place);
    c.vocab(&hit, 1.0, 0.5);
    if d >= 0.5 {
        c.add(0.5, format!("link:{d:.2}"));
    } else if leads_to_link {
        c.add(0.5, format!("ends-with-link:{d:.2}"));
    } else if at_head {
        return None;
    }
    if !at_head {
        c.effects.push(Effect::Truncated);
        // The one link of a "read more" line leads to the full article: its URL, when the
        // item has none of its own.
        if let [l] = line.links.as_slice() {
            if l.href.starts_with("https://") || l.href.starts_with("http://") {
                c.effects.push(Effect::ArticleUrl(l.href.clone()));
            }
        }
    }
    c.done()
}

/// A label whose link is the point: comments, permalink, the article's own URL.
fn link_labelled(line: &Line, place: Place, ctx: &Context<'_>, cat: Category) -> Option<Verdict> {
    if !(place.tail_within(5) || place.head_within(2)) || line.chars > 200 {
        return None;
    }
    let hit = ctx.vocab.find(cat, line.core())?;
    if hit.fit == Fit::Suffix {
        return None;
    }
    let d = line.link_density();
    let mut c = Case::new(cat, place);
    c.vocab(&hit, 1.0, 0.5);
    if d >= 0.5 {
        c.add(0.5, format!("link:{d:.2}"));
    } else if hit.fit != Fit::Whole || cat == Category::ArticleLink {
        return None;
    }
    let is_discussion =
        |l: &&super::units::LineLink| host_kind(&l.href) == Some(HostKind::Discussion);
    let link = if cat == Category::Comments {
        let d = line.links.iter().find(is_discussion);
        if d.is_some() {
            c.add(0.3, "host:discussion");
        }
        d.or(line.links.first())
    } else {
        line.links
            .iter()
            .find(|l| !is_discussion(l))
            .or(line.links.first())
    };
    if let Some(l) = link {
        c.effects.push(match cat {
            Category::Comments => Effect::CommentsUrl(l.href.clone()),
            _ => Effect::ArticleUrl(l.href.clone()),
        });
    }
    c.done()
}

fn share(line: &Line, place: Place, ctx: &Context<'_>) -> Option<Verdict> {
    if !(place.tail_within(5) || place.head_within(3)) || line.chars > 150 {
        return None;
    }
    let mut c = Case::new(Category::Share, place);
    let hit = ctx.vocab.find(Category::Share, line.core());
    if let Some(h) = &hit {
        if h.fit == Fit::Suffix {
            return None;
        }
        c.vocab(h, 1.0, 0.5);
    }
    let d = line.link_density();
    let share_links = line
        .links
        .iter()
        .filter(|l| host_kind(&l.href) == Some(HostKind::Share))
        .count();
    let social_links = line
        .links
        .iter()
        .filter(|l| matches!(host_kind(&l.href), Some(HostKind::Social)))
        .count();
    if share_links > 0 {
        c.add(0.6, format!("host:share×{share_links}"));
    }
    if hit.is_none() && social_links + share_links >= 2 && d >= 0.8 {
        c.add(1.0, format!("host:social×{}", social_links + share_links));
    } else if hit.is_some() && d >= 0.5 {
        c.add(0.5, format!("link:{d:.2}"));
    } else if let Some(h) = hit
        .as_ref()
        .filter(|h| h.fit == Fit::Prefix && line.links.is_empty() && line.chars <= 40)
    {
        // A share call whose buttons are gone ("この記事が気に入ったら、…で応援してください！"):
        // a phrase of several words or characters, not the bare "Share".
        if h.phrase.text.chars().count() >= 6 && place.tail_within(3) {
            c.add(0.5, "short-call");
        }
    }
    if hit.is_none() && share_links + social_links == 0 {
        return None;
    }
    c.done()
}

fn subscribe(line: &Line, place: Place, ctx: &Context<'_>) -> Option<Verdict> {
    let at_tail = place.tail_within(4);
    if !(at_tail || place.head_within(1)) || line.chars > 250 {
        return None;
    }
    let hit = ctx.vocab.find(Category::Subscribe, line.core())?;
    // The verb ends the call in German, Korean, Japanese ("Hier den Newsletter <a>abonnieren</a>",
    // "네이버에서 뉴시스 구독하기 <a>클릭</a>"): a short line with its link, at the end.
    if hit.fit == Fit::Suffix && !(at_tail && !line.links.is_empty() && line.chars <= 120) {
        return None;
    }
    let mut c = Case::new(Category::Subscribe, place);
    c.vocab(&hit, 1.0, 0.6);
    let d = line.link_density();
    if !line.links.is_empty() {
        c.add(0.4, format!("link:{d:.2}"));
    }
    if line.chars <= 120 {
        c.add(0.2, "short");
    }
    if matches!(place, Place::Tail(_)) {
        c.add(0.2, "end-of-item");
    }
    c.done()
}

fn translation(line: &Line, place: Place, ctx: &Context<'_>) -> Option<Verdict> {
    if !(place.tail_within(4) || place.head_within(3)) || line.chars > 120 {
        return None;
    }
    let hit = ctx.vocab.find(Category::Translation, line.core())?;
    if hit.fit == Fit::Suffix {
        return None;
    }
    let mut c = Case::new(Category::Translation, place);
    c.vocab(&hit, 1.0, 0.5);
    let d = line.link_density();
    if d >= 0.5 {
        c.add(0.5, format!("link:{d:.2}"));
        c.effects.push(Effect::Related(
            line.links
                .iter()
                .map(|l| (line.text.clone(), l.href.clone()))
                .take(1)
                .collect(),
        ));
    } else if hit.fit != Fit::Whole {
        return None;
    }
    c.done()
}

/// `Points: 9`, `# Comments: 1`, `12 comments`, `阅读 1.2万 | 评论 3`.
fn counter(line: &Line, place: Place, ctx: &Context<'_>) -> Option<Verdict> {
    if !(place.tail_within(5) || place.head_within(3)) || line.chars > 80 {
        return None;
    }
    let mut labels = Vec::new();
    for seg in line.folded.split(SEGMENT_SEPARATORS) {
        let (label, numbers) = without_numbers(seg);
        let label = core(&label).to_string();
        if label.is_empty() && numbers == 0 {
            continue;
        }
        if numbers == 0 {
            return None;
        }
        let p = ctx.vocab.whole(Category::Counter, &label)?;
        labels.push(format!("{}({})", p.text, p.lang));
    }
    if labels.is_empty() {
        return None;
    }
    let mut c = Case::new(Category::Counter, place);
    c.add(1.0, format!("counts[{}]", labels.join(", ")));
    // "<a>7 comments</a>": the count links to the discussion.
    for l in &line.links {
        let (label, numbers) = without_numbers(&norm(&l.text));
        if numbers > 0 && ctx.vocab.whole(Category::Comments, core(&label)).is_some() {
            c.effects.push(Effect::CommentsUrl(l.href.clone()));
            break;
        }
    }
    c.done()
}

/// Removes number tokens (`9`, `1,234`, `1.2万`, `3k`) and returns what is left with their count.
fn without_numbers(s: &str) -> (String, usize) {
    let mut out = String::new();
    let mut count = 0;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            count += 1;
            while chars
                .next_if(|n| n.is_ascii_digit() || matches!(n, ',' | '.'))
                .is_some()
            {}
            chars
                .next_if(|n| matches!(n, 'k' | 'm' | 'b' | '+' | '万' | '千' | '亿' | '萬' | '億'));
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    (out, count)
}

/// `submitted by /u/…`, `Filed under: …`, `Tags: …`.
fn aggregator(line: &Line, place: Place, ctx: &Context<'_>) -> Option<Verdict> {
    if !place.tail_within(5) || line.chars > 200 {
        return None;
    }
    // A line of hashtag links ("#旅行 #京都"): the post's tags.
    if line.links.len() >= 2
        && line.link_density() >= 0.8
        && line
            .links
            .iter()
            .all(|l| l.text.trim_start().starts_with(['#', '＃']))
    {
        let mut c = Case::new(Category::AggregatorLabel, place);
        c.add(1.0, format!("hashtag-links:{}", line.links.len()));
        return c.done();
    }
    let hit = ctx.vocab.find(Category::AggregatorLabel, line.core())?;
    if hit.fit != Fit::Prefix {
        return None;
    }
    let rest = line.core().get(hit.phrase.text.len()..).unwrap_or("");
    let labelled = rest
        .trim_start()
        .starts_with([':', '：', '»', '|', '-', '–', '—']);
    let d = line.link_density();
    let mut c = Case::new(Category::AggregatorLabel, place);
    c.vocab(&hit, 1.0, 0.6);
    if labelled {
        c.add(0.4, "label-separator");
    }
    if d >= 0.3 {
        c.add(0.4, format!("link:{d:.2}"));
    }
    if matches!(
        hit.phrase.text.as_str(),
        "submitted by" | "posted by" | "shared by"
    ) {
        let who = original_after(&line.text, hit.phrase.text.chars().count());
        let who = who.trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '：'));
        // "submitted by tinkerer to hardware": the community is not the author.
        let who = who.split(" to ").next().unwrap_or(who).trim();
        if !who.is_empty() && who.chars().count() <= 60 {
            c.effects.push(Effect::Byline(who.to_string()));
        }
    }
    c.done()
}

/// The text of `original` after its first `n` word characters' worth of folded prefix: the
/// folded forms keep character counts, so skip leading symbols, then `n` characters.
fn original_after(original: &str, n: usize) -> &str {
    let start = original.trim_start_matches(|c: char| !c.is_alphanumeric());
    let cut = start
        .char_indices()
        .nth(n)
        .map(|(i, _)| i)
        .unwrap_or(start.len());
    start.get(cut..).unwrap_or("")
}

/// Bylines and dates: `By Jane Doe`, `文／王小明`, `홍길동 기자`, `发表日期：2025年11月28日`,
/// `<time datetime>`, `By Jane Doe | March 3, 2024`.
fn meta(line: &Line, unit: &Unit, place: Place, ctx: &Context<'_>) -> Option<Verdict> {
    if !(place.head_within(3) || place.tail_within(3)) || line.chars > 160 {
        return None;
    }
    let mut c = Case::new(Category::Byline, place);
    let markup = line.byline_markup || unit.byline_markup;
    let mut date = line.date.clone();
    if date.is_some() {
        c.add(0.5, "markup:date");
    }
    // Contact details after a byline ("홍길동 기자 hong@example.kr", "Jane Doe (jane@…)") are
    // part of it; they are not read as words of the name.
    let without_contact: String = line
        .text
        .split_whitespace()
        .filter(|w| !w.contains('@'))
        .collect::<Vec<_>>()
        .join(" ");
    // Segments split at the separators, then, when that does not read, at commas too ("Par
    // Jean Dupont, publié le 4 décembre 2024", "Von Hans Müller, 04.12.2024"; a comma may also
    // be inside a byline: "JANE DOE, Associated Press").
    let split = |commas: bool| -> Vec<&str> {
        without_contact
            .split(|ch: char| {
                SEGMENT_SEPARATORS.contains(&ch)
                    && (!matches!(ch, ',' | '/' | '／') || (commas && ch == ','))
            })
            .map(|s| {
                s.trim()
                    .trim_matches(|c| matches!(c, '(' | ')' | '（' | '）'))
                    .trim()
            })
            .filter(|s| !s.is_empty())
            .collect()
    };
    let mut segments = split(false);
    let mut read = read_segments(&segments, markup, ctx);
    let whole = read.recognised == segments.len();
    if (!whole || read.byline.is_none()) && without_contact.contains(',') {
        let with_commas = split(true);
        let again = read_segments(&with_commas, markup, ctx);
        if again.recognised == with_commas.len() && (!whole || again.byline.is_some()) {
            segments = with_commas;
            read = again;
        }
    }
    let recognised = read.recognised;
    c.score += read.score;
    c.signals.extend(read.signals);
    if date.is_none() {
        date = read.date;
    }
    let byline = read.byline;
    for credit in read.credits {
        c.effects.push(Effect::Credit(credit));
    }
    if markup {
        c.add(0.6, "markup:byline");
    }
    if recognised == 0 || recognised < segments.len() {
        return None;
    }
    c.add(0.5, format!("meta-line:{recognised}/{}", segments.len()));
    if byline.is_none() {
        c.category = Category::DateLabel;
    }
    if let Some(b) = byline.filter(|b| !b.is_empty()) {
        c.effects.push(Effect::Byline(b));
    }
    if let Some(d) = date {
        c.effects.push(Effect::Published(d));
    }
    c.done()
}

/// A date segment: `Published: March 3, 2024`, `发表日期：2025年11月28日`, or a date alone.
/// What the segments of a meta line say.
struct MetaRead {
    recognised: usize,
    byline: Option<String>,
    date: Option<String>,
    credits: Vec<String>,
    score: f64,
    signals: Vec<String>,
}

fn read_segments(segments: &[&str], markup: bool, ctx: &Context<'_>) -> MetaRead {
    let mut c = Case::new(Category::Byline, Place::Anywhere);
    c.signals.clear();
    let (mut byline, mut date, mut credits) = (None, None, Vec::new());
    let mut recognised = 0usize;
    for seg in segments {
        let folded = norm(seg);
        if let Some(d) = dated(&folded, seg, ctx, &mut c) {
            date.get_or_insert(d);
            recognised += 1;
        } else if let Some(name) = byline_of(seg, &folded, ctx, &mut c) {
            byline.get_or_insert(name);
            recognised += 1;
        } else if markup
            && byline.is_none()
            && seg.chars().count() <= MAX_BYLINE_CHARS
            && name_like(strip_byline_label(seg, ctx))
        {
            byline = Some(strip_byline_label(seg, ctx).to_string());
            recognised += 1;
        } else if byline.is_some() && credit_segment(seg, &folded, ctx, &mut c) {
            // "撰文：陳小華｜攝影：林大明": the photographer beside the author.
            credits.push(seg.to_string());
            recognised += 1;
        }
    }
    MetaRead {
        recognised,
        byline,
        date,
        credits,
        score: c.score,
        signals: c.signals,
    }
}

/// A credit label and a name ("攝影：林大明", "Photo: Jane Doe").
fn credit_segment(original: &str, folded: &str, ctx: &Context<'_>, c: &mut Case) -> bool {
    let Some(h) = ctx.vocab.find(Category::Credit, core(folded)) else {
        return false;
    };
    if h.fit != Fit::Prefix {
        return false;
    }
    let rest = original_after(original, h.phrase.text.chars().count());
    let name = rest.trim_start_matches(is_label_sep);
    if name.len() == rest.len() || !name_like(name) {
        return false;
    }
    c.add(
        0.0,
        format!("vocab:credit:prefix({} '{}')", h.phrase.lang, h.phrase.text),
    );
    true
}

fn dated(folded: &str, original: &str, ctx: &Context<'_>, c: &mut Case) -> Option<String> {
    let cored = core(folded);
    if let Some(d) = text::parse_written_date(original) {
        let label = ctx.vocab.find(Category::DateLabel, cored);
        match label {
            Some(h) if h.fit == Fit::Prefix => {
                c.vocab(&h, 0.5, 0.5);
            }
            _ => c.add(0.3, "date"),
        }
        return Some(d);
    }
    let h = ctx.vocab.find(Category::DateLabel, cored)?;
    if h.fit != Fit::Prefix {
        return None;
    }
    let rest = original_after(original, h.phrase.text.chars().count());
    let rest = rest.trim_start_matches(|ch: char| ch.is_whitespace() || matches!(ch, ':' | '：'));
    let d = text::parse_written_date(rest)?;
    c.vocab(&h, 0.5, 0.5);
    Some(d)
}

/// A byline segment: a byline label and a name (`By Jane Doe`, `文／王小明`, `记者 张三 报道`),
/// or a name and a byline suffix (`홍길동 기자`).
fn byline_of(original: &str, folded: &str, ctx: &Context<'_>, c: &mut Case) -> Option<String> {
    let cored = core(folded);
    if let Some(h) = ctx.vocab.find(Category::Byline, cored) {
        if h.fit == Fit::Prefix {
            let rest = original_after(original, h.phrase.text.chars().count());
            let name = strip_suffix(rest.trim_start_matches(is_label_sep), ctx);
            if name_like(name) {
                c.vocab(&h, 0.6, 0.6);
                return Some(name.to_string());
            }
        }
    }
    // A CJK organisation before the label: "新华社记者 张三", "本报记者张三报道".
    if cored.chars().any(text::is_cjk) {
        for label in ["记者", "特约记者", "通讯员"] {
            if let Some(i) = original.find(label).filter(|i| *i <= 24) {
                let rest = original.get(i + label.len()..).unwrap_or("");
                let name = strip_suffix(rest.trim_start_matches(is_label_sep), ctx);
                if name_like(name) {
                    c.add(0.6, format!("vocab:byline:infix(zh '{label}')"));
                    return Some(name.to_string());
                }
            }
        }
    }
    let h = ctx.vocab.find(Category::BylineSuffix, cored)?;
    if h.fit != Fit::Suffix {
        return None;
    }
    let name = strip_suffix(original, ctx);
    if name != original.trim() && name_like(name) {
        c.vocab(&h, 0.6, 0.6);
        // The suffix is part of how the byline reads ("홍길동 기자", "The Bot Framework Team").
        return Some(original.trim().to_string());
    }
    None
}

fn is_label_sep(c: char) -> bool {
    c.is_whitespace() || matches!(c, ':' | '：' | '/' | '／' | '|' | '｜' | '・' | '·')
}

/// The name without a byline suffix after it (`张三 报道` → `张三`, `홍길동 기자` → `홍길동`).
fn strip_suffix<'s>(name: &'s str, ctx: &Context<'_>) -> &'s str {
    let t = name.trim();
    let folded = norm(t);
    if let Some(h) = ctx.vocab.find(Category::BylineSuffix, core(&folded)) {
        if h.fit == Fit::Suffix || h.fit == Fit::Whole {
            let keep = t
                .chars()
                .count()
                .saturating_sub(h.phrase.text.chars().count());
            let cut = t
                .char_indices()
                .nth(keep)
                .map(|(i, _)| i)
                .unwrap_or(t.len());
            return t.get(..cut).unwrap_or(t).trim_end_matches(is_label_sep);
        }
    }
    t
}

/// The byline text without a leading label ("By ", "作者：").
fn strip_byline_label<'s>(s: &'s str, ctx: &Context<'_>) -> &'s str {
    let folded = norm(s);
    match ctx.vocab.find(Category::Byline, core(&folded)) {
        Some(h) if h.fit == Fit::Prefix => original_after(s, h.phrase.text.chars().count())
            .trim_start_matches(is_label_sep)
            .trim(),
        _ => s.trim(),
    }
}

/// Words that may sit between the parts of a name ("Jane Doe and John Roe", "Ana de la Cruz").
const NAME_CONNECTORS: &[&str] = &[
    "and", "&", "und", "et", "y", "e", "och", "og", "en", "i", "de", "del", "della", "la", "le",
    "van", "von", "der", "den", "di", "da", "dos", "das", "du", "bin", "al", "el", "ibn", "with",
];

/// Whether a text reads as a person's or an agency's name: short, capitalised words (Latin) or
/// a few CJK characters, no sentence punctuation.
pub(crate) fn name_like(s: &str) -> bool {
    let s = s.trim();
    let n = s.chars().count();
    if n == 0 || n > 60 || s.contains(['.', '。', '!', '！', '?', '？']) && !initials_only_dots(s)
    {
        return false;
    }
    if s.chars().any(text::is_cjk) {
        let cjk = s.chars().filter(|c| text::is_cjk(*c)).count();
        return cjk <= 16
            && s.chars()
                .all(|c| text::is_cjk(c) || c.is_whitespace() || "、，,·・/／和与及".contains(c));
    }
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 8 {
        return false;
    }
    let mut capitalised = 0;
    for w in &words {
        let lower = w.to_lowercase();
        if NAME_CONNECTORS.contains(&lower.as_str()) {
            continue;
        }
        let first = w.chars().find(|c| c.is_alphanumeric());
        match first {
            Some(f) if f.is_uppercase() => capitalised += 1,
            // A handle: "/u/someone", "@someone".
            _ if w.starts_with(['/', '@']) => capitalised += 1,
            _ => return false,
        }
    }
    capitalised > 0
}

/// "J. R. Smith": dots only after single letters.
fn initials_only_dots(s: &str) -> bool {
    s.split_whitespace().all(|w| {
        !w.contains('.')
            || (w.trim_end_matches('.').chars().count() <= 2 && !w.contains(['。', '!', '?']))
    })
}
