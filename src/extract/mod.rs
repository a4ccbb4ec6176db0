//! Finding the article inside a whole page, Readability-style: score paragraphs, propagate
//! to ancestors, pick the best container, merge its article-like siblings, then clean the
//! result. When too little text survives, the attempt is repeated under a more lenient
//! [`Policy`]; the longest result wins if none reaches the threshold.
//!
//! Stages, one module each: [`patterns`] (all patterns and tag sets), [`prep`] (document
//! preparation), [`grab`] (node prepping, scoring, candidate selection, sibling merging),
//! [`cleanup`] (conditional cleaning of the chosen subtree), [`measure`] (per-node text
//! figures in a side table), [`readerable`] (the cheap pre-check).

mod cleanup;
mod cues;
mod dom_ops;
mod grab;
mod measure;
mod patterns;
mod prep;
mod readerable;

use ego_tree::NodeId;
use scraper::Html;

use crate::audit::Audit;
use crate::dom::ego_tree;

pub(crate) use grab::text_similarity;
pub use readerable::is_probably_readerable;

/// How strict an attempt is. Each policy relaxes the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// Drop unlikely candidates, weigh class names, clean conditionally.
    Strict,
    /// Keep nodes whose class or id looks like a sidebar, comment block, etc.
    KeepUnlikely,
    /// Also ignore class and id names when scoring.
    IgnoreClasses,
    /// Also skip conditional cleaning.
    Lenient,
}

impl Policy {
    /// The policies in the order they are tried.
    pub const SIEVE: [Policy; 4] = [
        Policy::Strict,
        Policy::KeepUnlikely,
        Policy::IgnoreClasses,
        Policy::Lenient,
    ];

    /// Whether unlikely candidates are removed before scoring.
    pub fn strip_unlikely(self) -> bool {
        self == Policy::Strict
    }

    /// Whether class and id names weigh on scores.
    pub fn weight_classes(self) -> bool {
        matches!(self, Policy::Strict | Policy::KeepUnlikely)
    }

    /// Whether boilerplate-looking subtrees of the article are removed.
    pub fn clean_conditionally(self) -> bool {
        self != Policy::Lenient
    }
}

/// What was found.
pub(crate) struct Found {
    /// The element holding the article.
    pub root: NodeId,
    /// A byline found in the markup.
    pub byline: Option<String>,
    /// Text direction of the article's surroundings.
    pub dir: Option<String>,
}

/// Finds the article in a whole page. `html` is replaced by the document of the winning
/// attempt (the article root is a new `<div>` at the end of its body); the audit receives
/// that attempt's removals.
///
/// The first attempt works on `html` itself; later attempts (when the first finds too little
/// text) work on a fresh parse from `reparse`, as Readability re-parses for each attempt. Not
/// cloning the tree up front halves the peak memory on large pages, where the first attempt
/// nearly always succeeds. When `reparse` gives nothing, the best attempt so far stands.
///
/// `raw` is the fallback for a page whose article came out empty: one attempt under
/// [`Policy::Lenient`] that keeps the best candidate (and its article-like siblings) as they
/// are, without the cleanup stage.
pub(crate) fn find_article(
    html: &mut Html,
    title: Option<&str>,
    has_byline: bool,
    raw: bool,
    audit: &mut Audit,
    reparse: &dyn Fn() -> Option<Html>,
) -> Found {
    let ctx = grab::Context {
        title,
        has_byline,
        raw,
    };
    let mut best: Option<(usize, Html, grab::Attempt, Audit)> = None;
    let mut current = Some(std::mem::replace(html, Html::new_document()));
    let policies: &[Policy] = if raw {
        &[Policy::Lenient]
    } else {
        &Policy::SIEVE
    };
    for &policy in policies {
        let Some(mut doc) = current.take().or_else(reparse) else {
            break;
        };
        prep::prepare(&mut doc);
        let mut trail = Audit::default();
        let attempt = grab::attempt(&mut doc, policy, &ctx, &mut trail);
        let length = measure::text_length(&doc, attempt.root);
        if length >= patterns::CHAR_THRESHOLD {
            best = Some((length, doc, attempt, trail));
            break;
        }
        if best.as_ref().map(|b| length > b.0).unwrap_or(true) {
            best = Some((length, doc, attempt, trail));
        }
    }
    match best {
        Some((_, doc, attempt, trail)) => {
            *html = doc;
            audit.extend(trail);
            Found {
                root: attempt.root,
                byline: attempt.byline,
                dir: attempt.dir,
            }
        }
        None => Found {
            // Unreachable in practice (the first attempt always runs); an empty document.
            root: crate::dom::body(html),
            byline: None,
            dir: None,
        },
    }
}
