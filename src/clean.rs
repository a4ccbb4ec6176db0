//! The pipeline: envelope → parse → metadata → article root → rules → blocks → render.

use scraper::Html;
use url::Url;

use crate::article::{
    Article, Block, InputKind, LeadImage, RelatedLink, RemovalAction, Stats, CONTRACT_VERSION,
};
use crate::audit::Audit;
use crate::blocks::Builder;
use crate::dom;
use crate::edges::{self, vocab::Vocabulary};
use crate::envelope;
use crate::error::Error;
use crate::extract;
use crate::hints::{self, PageHints};
use crate::metadata::{self, Metadata};
use crate::options::Options;
use crate::page_shape;
use crate::plain_text;
use crate::render;
use crate::rules::{apply_element_rules, detect_feeds, RuleSet, UrlRewriter};
use crate::text::{self, count, normalize_ws, truncate_chars};

/// Longest excerpt taken from the first paragraph, in characters.
const EXCERPT_CHARS: usize = 300;
/// Reading speed for Latin-script text, words per minute.
const LATIN_WPM: f64 = 230.0;
/// Reading speed for CJK text, characters per minute.
const CJK_CPM: f64 = 500.0;

/// Cleans one article. See the crate documentation.
pub fn clean(input: &str, options: &Options) -> Result<Article, Error> {
    clean_with_hints(input, options, &PageHints::default())
}

/// Cleans one article with what a live page knows beyond its markup ([`PageHints`]: the
/// elements the browser does not show, the document's language, direction and encoding). The
/// wasm build's `cleanDocument()` computes the hints; `clean` passes none.
pub fn clean_with_hints(
    input: &str,
    options: &Options,
    page: &PageHints,
) -> Result<Article, Error> {
    clean_inner(input, options, page, &ItemFacts::default())
}

/// What a feed document says about one of its items, beyond its body: they win over what the
/// body says (the feed's title and date are the item's own), the base resolves relative links
/// (Atom `xml:base`), the language is the feed's.
#[derive(Debug, Default)]
pub(crate) struct ItemFacts {
    pub title: Option<String>,
    pub published: Option<String>,
    pub base: Option<Url>,
    pub lang: Option<String>,
}

/// Cleans one feed item's body with its feed's facts.
#[cfg(feature = "feed")]
pub(crate) fn clean_item(
    input: &str,
    options: &Options,
    facts: &ItemFacts,
) -> Result<Article, Error> {
    clean_inner(input, options, &PageHints::default(), facts)
}

fn clean_inner(
    input: &str,
    options: &Options,
    page: &PageHints,
    facts: &ItemFacts,
) -> Result<Article, Error> {
    let article = clean_pass(input, options, page, facts, Pass::Article)?;
    if article.input_kind != InputKind::Document
        || !options.find_article
        || !article.text_content.trim().is_empty()
    {
        return Ok(article);
    }
    // An empty article from a page is always a loss: the best candidate as it is, then the
    // whole body. A page with no text at all stays empty.
    for pass in [Pass::RawCandidate, Pass::Body] {
        let mut fallback = clean_pass(input, options, page, facts, pass)?;
        if !fallback.text_content.trim().is_empty() {
            let (rule, reason) = match pass {
                Pass::RawCandidate => (
                    "page-fallback-candidate",
                    "article finding kept no text: the best candidate, uncleaned",
                ),
                _ => (
                    "page-fallback-body",
                    "article finding kept no text: the whole body",
                ),
            };
            fallback.removed.insert(
                0,
                crate::article::Removal {
                    rule: rule.into(),
                    action: crate::article::RemovalAction::Keep,
                    reason: reason.into(),
                    field: None,
                    text: String::new(),
                    signals: Vec::new(),
                },
            );
            return Ok(fallback);
        }
    }
    Ok(article)
}

/// Which way a page's article is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// Article finding (the retry sieve) and its cleanup.
    Article,
    /// The best candidate and its article-like siblings, without cleanup.
    RawCandidate,
    /// The whole body.
    Body,
}

fn clean_pass(
    input: &str,
    options: &Options,
    page: &PageHints,
    facts: &ItemFacts,
    pass: Pass,
) -> Result<Article, Error> {
    if input.len() > options.max_input_bytes {
        return Err(Error::InputTooLarge {
            limit: options.max_input_bytes,
            found: input.len(),
        });
    }
    options.validate_limits()?;
    let ctx = options.feed_context.as_ref();
    let rules = RuleSet::compile_in(
        options.builtin_rules,
        &options.rules,
        &options.disable_rules,
        ctx,
    )?;
    let env = envelope::split(input);
    let mut kind = envelope::kind(&env);
    let mut html = dom::parse_document(env.body, options.max_elements, options.max_depth)?;
    // Input kind by structure: a fragment with a page's navigation, scripts, forms… is a page.
    if kind == InputKind::Fragment && page_shape::looks_like_page(&html) {
        kind = InputKind::Document;
    }
    page_shape::open_container_forms(&mut html);
    let mut audit = Audit::default();
    envelope::record(&env, &mut audit);
    hints::apply(&mut html, page, &mut audit);
    let meta = if kind == InputKind::Document {
        metadata::read(&html)
    } else {
        Metadata::default()
    };

    // The article URL: the envelope's, the caller's, then the page's canonical URL.
    let caller = options.url.as_deref().and_then(|u| Url::parse(u).ok());
    let page_url = env
        .url
        .as_deref()
        .and_then(|u| Url::parse(u).ok())
        .or_else(|| caller.clone())
        .or_else(|| meta.url.as_deref().and_then(|u| Url::parse(u).ok()));
    let base = match (&facts.base, &meta.base, &page_url) {
        (Some(f), _, _) => Some(f.clone()),
        (None, Some(b), Some(p)) => p.join(b).ok().or_else(|| Some(p.clone())),
        (None, Some(b), None) => Url::parse(b).ok(),
        (None, None, p) => p.clone(),
    };

    let title = facts
        .title
        .clone()
        .or_else(|| env.title.clone())
        .or_else(|| meta.title.clone());
    let find = kind == InputKind::Document && options.find_article && pass != Pass::Body;
    let (root, page_byline, page_dir) = if find {
        // Later attempts re-parse; the hints apply to each parse (audited once, above).
        let reparse = || {
            let mut doc =
                dom::parse_document(env.body, options.max_elements, options.max_depth).ok()?;
            page_shape::open_container_forms(&mut doc);
            hints::apply(&mut doc, page, &mut Audit::default());
            Some(doc)
        };
        let found = extract::find_article(
            &mut html,
            title.as_deref(),
            meta.byline.is_some(),
            pass == Pass::RawCandidate,
            &mut audit,
            &reparse,
        );
        (found.root, found.byline, found.dir)
    } else {
        (dom::body(&html), None, None)
    };
    // A page's excerpt falls back to its first paragraph as extracted (Readability's rule).
    let page_excerpt = if kind == InputKind::Document && options.find_article {
        first_paragraph(&html, root)
    } else {
        None
    };
    if kind != InputKind::Document {
        plain_text::split_paragraphs(&mut html, root);
    }
    let feeds = detect_feeds(&html, root, ctx.and_then(|c| c.generator.as_deref()));
    let stated_date = (kind != InputKind::Document)
        .then(|| edges::stated_date(&html, root))
        .flatten();
    let mut extracted = Default::default();
    apply_element_rules(
        &mut html,
        root,
        &rules,
        &feeds,
        page_url.as_ref(),
        &mut audit,
        &mut extracted,
    );
    // The generic edge layer, under the exact rules: feed items and fragments only (a page's
    // edges are the page extraction's business), and part of the built-in set.
    let edge = if kind == InputKind::Document || !options.builtin_rules {
        edges::Findings::default()
    } else {
        let vocab = Vocabulary::with(&options.vocabulary);
        edges::clean_edges(&mut html, root, &vocab, &options.disable_rules, &mut audit)
    };
    let rw = UrlRewriter::new(
        &rules,
        options.unwrap_proxies,
        options.strip_tracking,
        base,
        &feeds,
        page_url.as_ref(),
    );

    let title = title.or_else(|| first_h1(&html, root));
    // A title cut with "..." (RSSHub's TITLE_LENGTH_LIMIT) gives way to the full title when
    // the item carries it as a heading.
    let title = title.map(|t| full_title(&html, root, &t, &mut audit).unwrap_or(t));
    // A footer's first link ("<a>Title</a> was originally published in …") names the article.
    let footer_link = extracted
        .title_link
        .clone()
        .filter(|_| title.is_none() || page_url.is_none());
    if let Some((rule, t, href)) = &footer_link {
        let filled = [("title", title.is_none()), ("url", page_url.is_none())];
        for (field, _) in filled.iter().filter(|(_, empty)| *empty) {
            let reason = "filled from the footer's first link (the input gives none)";
            audit.push(
                rule,
                RemovalAction::Extract,
                reason,
                Some(field),
                &format!("{t} → {href}"),
            );
        }
    }
    let title = title
        .or_else(|| footer_link.as_ref().map(|(_, t, _)| t.clone()))
        .or_else(|| {
            (kind != InputKind::Document)
                .then(|| leading_heading(&html, root))
                .flatten()
        });
    let built = Builder::new(
        &html,
        &rw,
        &mut audit,
        &extracted.promoted,
        title.as_deref(),
    )
    .build(root);
    let blocks = built.blocks;
    // The source tree is done with: free it before the rendering and sanitizing below, which
    // hold copies of the article of their own (peak memory on large inputs).
    drop(html);

    let edge_related = edge
        .related
        .iter()
        .map(|(t, h)| (t.clone(), h.clone(), None));
    let related: Vec<RelatedLink> = extracted
        .related
        .iter()
        .cloned()
        .chain(edge_related)
        .filter_map(|(t, href, source)| {
            rw.rewrite(&href, &mut audit).map(|r| RelatedLink {
                title: normalize_ws(&t),
                url: r.url,
                source: source.as_deref().map(normalize_ws),
            })
        })
        .collect();
    let url = match (&page_url, &footer_link, &edge.url) {
        (Some(u), _, _) => rw.rewrite(u.as_str(), &mut audit),
        (None, Some((_, _, href)), _) | (None, None, Some(href)) => rw.rewrite(href, &mut audit),
        (None, None, None) => match &extracted.truncated_link {
            Some((rule, href)) => {
                audit.push(
                    rule,
                    RemovalAction::Extract,
                    "filled from the link that leads to the whole article (the input gives none)",
                    Some("url"),
                    href,
                );
                rw.rewrite(href, &mut audit)
            }
            None => None,
        },
    }
    .map(|r| r.url);
    let comments_url = edge
        .comments_url
        .as_deref()
        .and_then(|u| rw.rewrite(u, &mut audit))
        .map(|r| r.url);

    let lead_image = lead_image(&blocks, meta.image.as_deref(), &rw, &mut audit);
    let content = render::sanitize(&render::blocks_html(&blocks));
    let text_content = render::text_content(&blocks);
    let stats = stats(&blocks, &text_content);
    let (lang, dir) = language(
        page.lang
            .clone()
            .filter(|l| !l.trim().is_empty())
            .or(meta.lang.clone())
            .or(facts.lang.clone()),
        page.dir
            .clone()
            .filter(|d| matches!(d.as_str(), "ltr" | "rtl"))
            .or(meta.dir.clone())
            .or(page_dir),
        page.charset.as_deref(),
        &text_content,
    );
    let excerpt = meta.excerpt.clone().or(page_excerpt).or_else(|| {
        blocks.iter().find_map(|b| match b {
            Block::Paragraph { text, .. } => Some(truncate_chars(text, EXCERPT_CHARS)),
            _ => None,
        })
    });
    let published = facts
        .published
        .clone()
        .or(extracted.published.clone())
        .or(meta.published.clone())
        .or(stated_date)
        .or(edge.published.clone());
    Ok(Article {
        version: CONTRACT_VERSION,
        input_kind: kind,
        feed: feeds.first().cloned(),
        title,
        url,
        comments_url,
        site_name: meta
            .site_name
            .clone()
            .or(extracted.site_name.clone())
            .or_else(|| ctx.and_then(|c| c.site_name.clone())),
        byline: meta
            .byline
            .clone()
            .or(page_byline)
            .or(extracted.byline.clone())
            .or(edge.byline.clone()),
        lang,
        dir,
        published,
        fetched: env.fetched_ms.map(text::iso_from_epoch_ms),
        excerpt,
        lead_image,
        source: extracted.source.clone(),
        copyright: extracted.copyright.clone().filter(|c| !c.is_empty()),
        credits: extracted
            .credits
            .iter()
            .chain(&edge.credits)
            .cloned()
            .collect(),
        related,
        truncated: extracted.truncated || edge.truncated,
        blocks,
        content,
        text_content,
        links: built.links,
        stats,
        removed: audit.into_entries(),
    })
}

fn first_paragraph(html: &Html, root: ego_tree::NodeId) -> Option<String> {
    let node = html.tree.get(root)?;
    node.descendants()
        .find(|d| {
            d.value()
                .as_element()
                .map(|e| e.name() == "p")
                .unwrap_or(false)
        })
        .map(|d| normalize_ws(&dom::content_text(html, d.id())))
        .filter(|t| !t.is_empty())
}

fn first_h1(html: &Html, root: ego_tree::NodeId) -> Option<String> {
    let node = html.tree.get(root)?;
    node.descendants()
        .find(|d| {
            d.value()
                .as_element()
                .map(|e| e.name() == "h1")
                .unwrap_or(false)
        })
        .map(|d| dom::text(html, d.id()))
        .filter(|t| !t.is_empty())
}

use crate::dom::ego_tree;

/// The full title for a title cut with `...`/`…`: the first `<h1>`–`<h3>` of the item that
/// starts with the cut title's text and goes on (recorded in the audit trail as
/// `title-truncated`).
fn full_title(
    html: &Html,
    root: ego_tree::NodeId,
    title: &str,
    audit: &mut Audit,
) -> Option<String> {
    let stem = title
        .trim_end()
        .strip_suffix("...")
        .or_else(|| title.trim_end().strip_suffix('…'))?
        .trim_end();
    if stem.chars().count() < 8 {
        return None;
    }
    let node = html.tree.get(root)?;
    let full = node.descendants().find_map(|d| {
        let e = d.value().as_element()?;
        if !matches!(e.name(), "h1" | "h2" | "h3") {
            return None;
        }
        let t = dom::text(html, d.id());
        (t.starts_with(stem) && t.chars().count() > stem.chars().count()).then_some(t)
    })?;
    audit.push(
        "title-truncated",
        RemovalAction::Extract,
        "the title was cut with '...' (RSSHub's title length limit); the item's full heading replaces it",
        Some("title"),
        &format!("{title} → {full}"),
    );
    Some(full)
}

/// The text of an `<h1>`–`<h3>` that opens a feed item (before any other text): its title
/// when the item has none. Not when it is numbered ("一、…", "1. …", "(1) …") and the item has
/// another heading of the same level: then it opens a series of sections and stays a heading.
fn leading_heading(html: &Html, root: ego_tree::NodeId) -> Option<String> {
    let node = html.tree.get(root)?;
    for d in node.descendants() {
        match d.value() {
            scraper::Node::Element(e) if matches!(e.name(), "h1" | "h2" | "h3") => {
                let t = dom::text(html, d.id());
                if text::enumeration_marker(&t).is_some() {
                    let level = e.name();
                    let same_level = node
                        .descendants()
                        .filter(|x| x.value().as_element().is_some_and(|x| x.name() == level))
                        .take(2)
                        .count();
                    if same_level > 1 {
                        return None;
                    }
                }
                return Some(t).filter(|t| !t.is_empty());
            }
            scraper::Node::Element(e) if e.name() == "img" => return None,
            scraper::Node::Text(t) if !t.trim().is_empty() => return None,
            _ => {}
        }
    }
    None
}

fn lead_image(
    blocks: &[Block],
    meta_image: Option<&str>,
    rw: &UrlRewriter<'_>,
    audit: &mut Audit,
) -> Option<LeadImage> {
    let first = blocks.iter().find_map(|b| match b {
        Block::Image {
            src, alt, caption, ..
        } => Some(LeadImage {
            src: src.clone(),
            alt: alt.clone(),
            caption: caption.clone(),
        }),
        _ => None,
    });
    if let Some(m) = meta_image.and_then(|m| rw.rewrite(m, audit)) {
        if let Some(f) = &first {
            if f.src == m.url {
                return first;
            }
        }
        return Some(LeadImage {
            src: m.url,
            alt: None,
            caption: None,
        });
    }
    first
}

fn stats(blocks: &[Block], text_content: &str) -> Stats {
    let c = count(text_content);
    let paragraphs = blocks
        .iter()
        .filter(|b| matches!(b, Block::Paragraph { .. }))
        .count();
    let images = blocks
        .iter()
        .filter(|b| matches!(b, Block::Image { .. }))
        .count();
    let minutes = (c.latin_words as f64 / LATIN_WPM + c.cjk as f64 / CJK_CPM).ceil() as u32;
    let to32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Stats {
        characters: to32(c.characters),
        cjk_characters: to32(c.cjk),
        words: to32(c.latin_words + c.cjk),
        paragraphs: to32(paragraphs),
        images: to32(images),
        reading_minutes: if c.characters > 0 { minutes.max(1) } else { 0 },
    }
}

/// The language from markup, or guessed from the script of the text (a CJK guess settled by
/// the document's encoding when it is known, see [`hints::refine_guess`]).
fn language(
    lang: Option<String>,
    dir: Option<String>,
    charset: Option<&str>,
    text: &str,
) -> (Option<String>, Option<String>) {
    let (mut han, mut kana, mut hangul, mut rtl, mut letters, mut trad, mut simp) =
        (0usize, 0, 0, 0, 0, 0, 0);
    for ch in text.chars().take(20_000) {
        let u = ch as u32;
        match u {
            0x3040..=0x30FF => kana += 1,
            0xAC00..=0xD7AF | 0x1100..=0x11FF => hangul += 1,
            0x4E00..=0x9FFF | 0x3400..=0x4DBF => {
                han += 1;
                match text::script_variant(ch) {
                    Some(true) => trad += 1,
                    Some(false) => simp += 1,
                    None => {}
                }
            }
            0x0590..=0x08FF => rtl += 1,
            _ if ch.is_alphabetic() => letters += 1,
            _ => {}
        }
    }
    let total = han + kana + hangul + rtl + letters;
    let guessed = if total == 0 {
        None
    } else if kana * 10 > total {
        Some("ja".to_string())
    } else if hangul * 4 > total {
        Some("ko".to_string())
    } else if han * 4 > total {
        Some(
            if trad > simp {
                "zh-Hant"
            } else if simp > trad {
                "zh-Hans"
            } else {
                "zh"
            }
            .to_string(),
        )
    } else {
        None
    };
    let lang = lang.or_else(|| hints::refine_guess(guessed, charset));
    let dir = dir.or_else(|| {
        if total == 0 {
            None
        } else if rtl * 2 > total {
            Some("rtl".to_string())
        } else {
            Some("ltr".to_string())
        }
    });
    (lang, dir)
}
