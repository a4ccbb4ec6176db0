//! The edge layer's vocabulary: phrases by category and language (`src/vocab/edges.json`,
//! plus what callers add with the `vocabulary` option), folded once, and how a line's text is
//! matched against them.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::text;

/// What a phrase says about the line it starts, ends or fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Category {
    /// "Read more", "Läs mer »", "続きを読む": the item is an excerpt; the link goes.
    ReadMore,
    /// "Comments", "Comments URL:", "[comments]": its link becomes `commentsUrl`.
    Comments,
    /// "∞ Permalink", "永久链接": its link is the article's own URL.
    Permalink,
    /// "Article URL:", "[link]", "原文链接": its link is the article's URL.
    ArticleLink,
    /// "Share", "分享到", "はてなブックマークに追加".
    Share,
    /// "Subscribe to…", "Sign up for…", "订阅…": calls to action at the tail.
    Subscribe,
    /// "Advertisement", "Annons", "广告": a label left by an ad slot.
    Advertisement,
    /// "Dismiss", "Close", "Back to top": text of a widget, not of the article.
    Ui,
    /// "Related posts", "延伸阅读", "関連記事": a label before further-reading links.
    RelatedLabel,
    /// "Read this in English", "阅读英文版": a link to the article in another language.
    Translation,
    /// "Points", "# Comments", "阅读": labels of a count ("Points: 9").
    Counter,
    /// "submitted by", "Filed under", "Tags": an aggregator's or blog engine's footer label.
    AggregatorLabel,
    /// "By", "文／", "记者": the start of a byline.
    Byline,
    /// "记者 … 报道", "홍길동 기자": the end of a byline.
    BylineSuffix,
    /// "Published", "发表日期", "投稿日": the label of the article's date.
    DateLabel,
    /// "（完）", "The End", "-30-": the author's end mark; kept, and the walk goes past it.
    EndMark,
    /// "brought to you by", "is provided by", "sponsored by": a sponsor line (matched inside
    /// the line, next to a link).
    Sponsor,
    /// "This article was originally published…", "本文来自微信公众号…", "经授权发布": where the
    /// article was first published; it goes to `credits`.
    Repost,
    /// A line that is one link to a site's home page (the feed's signature). No phrases.
    SiteLink,
}

impl Category {
    /// Every category with its key in the vocabulary file and the `vocabulary` option.
    pub const ALL: &'static [(Category, &'static str)] = &[
        (Category::ReadMore, "readMore"),
        (Category::Comments, "comments"),
        (Category::Permalink, "permalink"),
        (Category::ArticleLink, "articleLink"),
        (Category::Share, "share"),
        (Category::Subscribe, "subscribe"),
        (Category::Advertisement, "advertisement"),
        (Category::Ui, "ui"),
        (Category::RelatedLabel, "relatedLabel"),
        (Category::Translation, "translation"),
        (Category::Counter, "counter"),
        (Category::AggregatorLabel, "aggregatorLabel"),
        (Category::Byline, "byline"),
        (Category::BylineSuffix, "bylineSuffix"),
        (Category::DateLabel, "dateLabel"),
        (Category::EndMark, "endMark"),
        (Category::Sponsor, "sponsor"),
        (Category::Repost, "repost"),
    ];

    /// The category's key (`readMore`, …).
    pub fn key(self) -> &'static str {
        Category::ALL
            .iter()
            .find(|(c, _)| *c == self)
            .map(|(_, k)| *k)
            .unwrap_or("siteLink")
    }
}

/// Phrases added by the caller, per category (the `vocabulary` option). They extend the
/// built-in phrases of every language.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
#[ts(rename = "Vocabulary")]
pub struct UserVocabulary {
    /// "Read more" links (the item is an excerpt).
    #[ts(optional, as = "Option<Vec<String>>")]
    pub read_more: Vec<String>,
    /// Comment links and labels.
    #[ts(optional, as = "Option<Vec<String>>")]
    pub comments: Vec<String>,
    /// Permalink labels.
    #[ts(optional, as = "Option<Vec<String>>")]
    pub permalink: Vec<String>,
    /// Labels of a link to the article itself ("Article URL:").
    #[ts(optional, as = "Option<Vec<String>>")]
    pub article_link: Vec<String>,
    /// Share labels.
    #[ts(optional, as = "Option<Vec<String>>")]
    pub share: Vec<String>,
    /// Subscribe / newsletter calls to action.
    #[ts(optional, as = "Option<Vec<String>>")]
    pub subscribe: Vec<String>,
    /// Advertisement labels.
    #[ts(optional, as = "Option<Vec<String>>")]
    pub advertisement: Vec<String>,
    /// Widget words (close, dismiss, back to top).
    #[ts(optional, as = "Option<Vec<String>>")]
    pub ui: Vec<String>,
    /// Labels of further-reading links.
    #[ts(optional, as = "Option<Vec<String>>")]
    pub related_label: Vec<String>,
    /// Links to the article in another language.
    #[ts(optional, as = "Option<Vec<String>>")]
    pub translation: Vec<String>,
    /// Labels of counts (points, views).
    #[ts(optional, as = "Option<Vec<String>>")]
    pub counter: Vec<String>,
    /// Footer labels of aggregators and blog engines (submitted by, tags).
    #[ts(optional, as = "Option<Vec<String>>")]
    pub aggregator_label: Vec<String>,
    /// Byline starts ("By").
    #[ts(optional, as = "Option<Vec<String>>")]
    pub byline: Vec<String>,
    /// Byline ends ("기자").
    #[ts(optional, as = "Option<Vec<String>>")]
    pub byline_suffix: Vec<String>,
    /// Date labels ("Published").
    #[ts(optional, as = "Option<Vec<String>>")]
    pub date_label: Vec<String>,
    /// End marks ("（完）").
    #[ts(optional, as = "Option<Vec<String>>")]
    pub end_mark: Vec<String>,
    /// Sponsor phrases ("brought to you by").
    #[ts(optional, as = "Option<Vec<String>>")]
    pub sponsor: Vec<String>,
    /// Repost notices ("originally published in").
    #[ts(optional, as = "Option<Vec<String>>")]
    pub repost: Vec<String>,
}

impl UserVocabulary {
    /// Whether no phrase was given.
    pub fn is_empty(&self) -> bool {
        self.entries().all(|(_, list)| list.is_empty())
    }

    /// `(category, phrases)` pairs, in [`Category::ALL`] order.
    pub(crate) fn entries(&self) -> impl Iterator<Item = (Category, &Vec<String>)> {
        [
            (Category::ReadMore, &self.read_more),
            (Category::Comments, &self.comments),
            (Category::Permalink, &self.permalink),
            (Category::ArticleLink, &self.article_link),
            (Category::Share, &self.share),
            (Category::Subscribe, &self.subscribe),
            (Category::Advertisement, &self.advertisement),
            (Category::Ui, &self.ui),
            (Category::RelatedLabel, &self.related_label),
            (Category::Translation, &self.translation),
            (Category::Counter, &self.counter),
            (Category::AggregatorLabel, &self.aggregator_label),
            (Category::Byline, &self.byline),
            (Category::BylineSuffix, &self.byline_suffix),
            (Category::DateLabel, &self.date_label),
            (Category::EndMark, &self.end_mark),
            (Category::Sponsor, &self.sponsor),
            (Category::Repost, &self.repost),
        ]
        .into_iter()
    }
}

/// One phrase, folded and trimmed the way lines are ([`core`]).
#[derive(Debug, Clone)]
pub(crate) struct Phrase {
    pub text: String,
    /// Language tag from the vocabulary file, `user` for the caller's phrases.
    pub lang: String,
    /// Written in a script with spaces between words: a prefix must end at a word boundary.
    pub spaced: bool,
}

/// How a phrase met a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fit {
    /// The line is the phrase (give or take punctuation and symbols).
    Whole,
    /// The line starts with it.
    Prefix,
    /// The line ends with it.
    Suffix,
    /// It is somewhere inside the line.
    Inside,
}

impl Fit {
    pub fn as_str(self) -> &'static str {
        match self {
            Fit::Whole => "whole",
            Fit::Prefix => "prefix",
            Fit::Suffix => "suffix",
            Fit::Inside => "inside",
        }
    }
}

/// A match of a category's phrase.
#[derive(Debug, Clone)]
pub(crate) struct Hit<'v> {
    pub cat: Category,
    pub fit: Fit,
    pub phrase: &'v Phrase,
}

/// All phrases by category.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vocabulary {
    /// Indexed like [`Category::ALL`]; longest phrases first, so the longest match wins.
    lists: Vec<Vec<Phrase>>,
}

/// The built-in vocabulary, parsed once.
fn builtin() -> &'static Vocabulary {
    static VOCAB: OnceLock<Vocabulary> = OnceLock::new();
    VOCAB.get_or_init(|| load(&[include_str!("../vocab/edges.json")]))
}

/// The vocabulary of page extraction: the edge layer's phrases plus the page cues
/// (`src/vocab/page-cues.json`: labels of "read also" blocks and other page parts that are not
/// the article, in the languages of the pages met), parsed once.
pub(crate) fn page_cues() -> &'static Vocabulary {
    static VOCAB: OnceLock<Vocabulary> = OnceLock::new();
    VOCAB.get_or_init(|| {
        load(&[
            include_str!("../vocab/edges.json"),
            include_str!("../vocab/page-cues.json"),
        ])
    })
}

/// Phrases of every category found in the given vocabulary files (same format), merged.
fn load(files: &[&str]) -> Vocabulary {
    let parsed: Vec<serde_json::Value> = files
        .iter()
        .map(|f| serde_json::from_str(f).unwrap_or_default())
        .collect();
    let mut v = Vocabulary::default();
    for (cat, key) in Category::ALL {
        let mut list = Vec::new();
        for file in &parsed {
            if let Some(langs) = file.get(key).and_then(|x| x.as_object()) {
                for (lang, phrases) in langs {
                    for p in phrases.as_array().into_iter().flatten() {
                        if let Some(p) = p.as_str().and_then(|p| phrase(p, lang)) {
                            list.push(p);
                        }
                    }
                }
            }
        }
        v.insert(*cat, list);
    }
    v
}

fn phrase(written: &str, lang: &str) -> Option<Phrase> {
    let text = core(&norm(written)).to_string();
    if text.is_empty() {
        return None;
    }
    let spaced = !text.chars().any(text::is_cjk);
    Some(Phrase {
        text,
        lang: lang.to_string(),
        spaced,
    })
}

impl Vocabulary {
    /// The built-in vocabulary with the caller's phrases added.
    pub fn with(user: &UserVocabulary) -> std::borrow::Cow<'static, Vocabulary> {
        if user.is_empty() {
            return std::borrow::Cow::Borrowed(builtin());
        }
        let mut v = builtin().clone();
        for (cat, phrases) in user.entries() {
            let mut list = v.list(cat).to_vec();
            list.extend(phrases.iter().filter_map(|p| phrase(p, "user")));
            v.insert(cat, list);
        }
        std::borrow::Cow::Owned(v)
    }

    fn insert(&mut self, cat: Category, mut list: Vec<Phrase>) {
        list.sort_by(|a, b| b.text.len().cmp(&a.text.len()).then(a.text.cmp(&b.text)));
        list.dedup_by(|a, b| a.text == b.text);
        let i = index_of(cat);
        if self.lists.len() <= i {
            self.lists.resize(i + 1, Vec::new());
        }
        if let Some(slot) = self.lists.get_mut(i) {
            *slot = list;
        }
    }

    fn list(&self, cat: Category) -> &[Phrase] {
        self.lists
            .get(index_of(cat))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The best match of a category's phrases on a line's core text: whole before prefix before
    /// suffix, longest first.
    pub fn find(&self, cat: Category, core: &str) -> Option<Hit<'_>> {
        let list = self.list(cat);
        if let Some(p) = list.iter().find(|p| p.text == core) {
            return Some(Hit {
                cat,
                fit: Fit::Whole,
                phrase: p,
            });
        }
        if let Some(p) = list.iter().find(|p| starts_with_word(core, p)) {
            return Some(Hit {
                cat,
                fit: Fit::Prefix,
                phrase: p,
            });
        }
        list.iter().find(|p| ends_with_word(core, p)).map(|p| Hit {
            cat,
            fit: Fit::Suffix,
            phrase: p,
        })
    }

    /// A phrase found inside the line at word boundaries (anywhere for CJK phrases).
    pub fn inside(&self, cat: Category, core: &str) -> Option<Hit<'_>> {
        self.list(cat)
            .iter()
            .find(|p| {
                core.match_indices(p.text.as_str()).any(|(i, m)| {
                    !p.spaced || {
                        let before = core.get(..i).and_then(|b| b.chars().next_back());
                        let after = core.get(i + m.len()..).and_then(|a| a.chars().next());
                        !before.is_some_and(char::is_alphanumeric)
                            && !after.is_some_and(char::is_alphanumeric)
                    }
                })
            })
            .map(|p| Hit {
                cat,
                fit: if p.text == core {
                    Fit::Whole
                } else {
                    Fit::Inside
                },
                phrase: p,
            })
    }

    /// Only a whole-line match.
    pub fn whole(&self, cat: Category, core: &str) -> Option<&Phrase> {
        self.list(cat).iter().find(|p| p.text == core)
    }
}

fn index_of(cat: Category) -> usize {
    Category::ALL
        .iter()
        .position(|(c, _)| *c == cat)
        .unwrap_or(0)
}

fn starts_with_word(core: &str, p: &Phrase) -> bool {
    core.len() > p.text.len()
        && core.starts_with(&p.text)
        && (!p.spaced
            || core
                .get(p.text.len()..)
                .and_then(|r| r.chars().next())
                .is_some_and(|c| !c.is_alphanumeric()))
}

fn ends_with_word(core: &str, p: &Phrase) -> bool {
    core.len() > p.text.len()
        && core.ends_with(&p.text)
        && (!p.spaced
            || core
                .get(..core.len() - p.text.len())
                .and_then(|r| r.chars().next_back())
                .is_some_and(|c| !c.is_alphanumeric()))
}

/// Folds text for matching: [`text::fold`] (full-width, Traditional → Simplified, ASCII case,
/// whitespace), then lower case for every script and one form of quotes and ellipses.
pub(crate) fn norm(s: &str) -> String {
    let folded = text::fold(s);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        match c {
            '’' | '‘' | '`' | '´' => out.push('\''),
            '“' | '”' | '„' => out.push('"'),
            '…' => out.push_str("..."),
            c if c.is_uppercase() => out.extend(c.to_lowercase()),
            c => out.push(c),
        }
    }
    out
}

/// A line's text without what surrounds the words: punctuation, arrows, brackets, symbols and
/// spaces at both ends (`» Läs mer »` → `läs mer`, `（完）` → `完`, `[comments]` → `comments`).
pub(crate) fn core(s: &str) -> &str {
    s.trim_matches(|c: char| !c.is_alphanumeric())
}

/// Kinds of link target in the `hosts` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HostKind {
    /// A share endpoint (`facebook.com/sharer`, `b.hatena.ne.jp/entry`).
    Share,
    /// A social network profile or page.
    Social,
    /// An aggregator's discussion page (`news.ycombinator.com/item`, `reddit.com/r/`).
    Discussion,
}

/// The `hosts` table of the vocabulary file.
fn hosts() -> &'static [(HostKind, Vec<String>)] {
    static HOSTS: OnceLock<Vec<(HostKind, Vec<String>)>> = OnceLock::new();
    HOSTS.get_or_init(|| {
        let file: serde_json::Value =
            serde_json::from_str(include_str!("../vocab/edges.json")).unwrap_or_default();
        [
            (HostKind::Share, "share"),
            (HostKind::Social, "social"),
            (HostKind::Discussion, "discussion"),
        ]
        .iter()
        .map(|(kind, key)| {
            let list = file
                .get("hosts")
                .and_then(|h| h.get(key))
                .and_then(|l| l.as_array())
                .map(|l| {
                    l.iter()
                        .filter_map(|x| x.as_str().map(str::to_ascii_lowercase))
                        .collect()
                })
                .unwrap_or_default();
            (*kind, list)
        })
        .collect()
    })
}

/// What kind of target a link's `href` is, if it is in the `hosts` table (the most specific
/// kind: a share endpoint before a social profile).
pub(crate) fn host_kind(href: &str) -> Option<HostKind> {
    let h = href.trim().to_ascii_lowercase();
    let rest = h
        .strip_prefix("https://")
        .or_else(|| h.strip_prefix("http://"))
        .or_else(|| h.strip_prefix("//"))
        .unwrap_or(&h);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    hosts().iter().find_map(|(kind, list)| {
        list.iter()
            .any(|p| {
                rest.starts_with(p.as_str())
                    || (p.contains('/') && !p.starts_with("mailto:") && {
                        // A subdomain of the listed host (`m.facebook.com/sharer`, `old.reddit.com/r/`).
                        rest.find(p.as_str())
                            .is_some_and(|i| i > 0 && rest.as_bytes().get(i - 1) == Some(&b'.'))
                    })
            })
            .then_some(*kind)
    })
}
