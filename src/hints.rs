//! What a live page knows that its markup does not, handed to [`crate::clean_with_hints`] as
//! plain data: which elements the browser does not show (computed from the page's stylesheets,
//! media queries and inherited visibility), which elements the markup marks `aria-hidden` but
//! the browser shows, and the document's language, direction and encoding.
//!
//! The wasm build's `cleanDocument()` computes these from the live DOM and serializes the page;
//! the core re-parses that serialization. Serialize → re-parse is not always the identity (a
//! script can build trees the HTML parser never would: a `<div>` directly in a `<table>`, a `<p>`
//! in a `<p>`), so every hint names its element by document-order position *and* by what it must
//! look like there (tag name, number of child elements, number of text characters). A hint whose
//! element does not look like that is not applied, and the audit trail says how many were not.

use ego_tree::NodeId;
use scraper::{Html, Node};

use crate::article::RemovalAction;
use crate::audit::Audit;
use crate::dom::{self, ego_tree};

/// The rule id of removals of elements the browser does not show (and of the notes about them).
pub const HIDDEN_RULE: &str = "hidden-computed";
/// The rule id of `aria-hidden` elements kept because the browser shows them.
pub const SHOWN_RULE: &str = "visible-computed";
/// Below this many letters (non-space characters) of visible text, hints that would hide more
/// text than is visible are not applied: the page shows its article only after a script or a click,
/// and an article from its visible remains would be empty or boilerplate (the threshold of the
/// page extractor's retry sieve).
pub const MIN_VISIBLE_CHARS: usize = 500;

/// Why the browser does not show an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HiddenBy {
    /// Computed `display: none` (a stylesheet, a media query, the `hidden` attribute, a closed
    /// `<dialog>`).
    DisplayNone,
    /// Computed `visibility: hidden` or `collapse` (inherited by every descendant that does not
    /// set `visible` again).
    VisibilityHidden,
    /// Computed `content-visibility: hidden`: the element's contents are never rendered.
    ContentVisibilityHidden,
    /// A box at most one pixel wide or high that clips its overflow (`height: 0; overflow:
    /// hidden`, the "visually hidden" / screen-reader-only pattern).
    ZeroSize,
}

impl HiddenBy {
    /// The reason written to the audit trail.
    pub fn reason(self) -> &'static str {
        match self {
            HiddenBy::DisplayNone => "not shown by the browser: display:none as computed from the page's styles",
            HiddenBy::VisibilityHidden => "not shown by the browser: visibility:hidden as computed from the page's styles (inherited by everything inside it)",
            HiddenBy::ContentVisibilityHidden => "not shown by the browser: content-visibility:hidden, its contents are never rendered",
            HiddenBy::ZeroSize => "not shown by the browser: a box of at most 1 px that clips its content (zero size or visually hidden)",
        }
    }
}

/// One element of the live page, as the re-parsed markup must show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElementHint {
    /// Position among all elements of the document in document order, the root `<html>` being
    /// 0 (`<template>` contents are not counted: they are not part of the live tree).
    pub ordinal: usize,
    /// Local name, lower case (`div`).
    pub tag: String,
    /// Number of child elements.
    pub child_elements: usize,
    /// Number of characters (Unicode scalar values) of the element's `textContent`.
    pub text_chars: usize,
}

/// An element the browser does not show, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HiddenElement {
    /// Which element.
    pub element: ElementHint,
    /// Why it is not shown.
    pub by: HiddenBy,
}

/// Whether and how visibility was computed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Visibility {
    /// Not known: the input is a string (`clean`); the markup's hiding attributes decide.
    #[default]
    Unknown,
    /// The document has no layout (a `DOMParser` document, a frame that is not rendered): the
    /// markup's hiding attributes decide, and the audit trail says so.
    NotRendered,
    /// Computed by the browser.
    Computed {
        /// Outermost elements with text that the browser does not show (none inside another).
        hidden: Vec<HiddenElement>,
        /// Elements with text marked `aria-hidden="true"` that the browser shows: `aria-hidden`
        /// hides from assistive technology only, so they are text a reader sees.
        shown: Vec<ElementHint>,
    },
}

/// What a live page knows that its markup does not. `PageHints::default()` knows nothing and
/// changes nothing: [`crate::clean`] is [`crate::clean_with_hints`] with the default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageHints {
    /// Visibility as the browser computed it.
    pub visibility: Visibility,
    /// The document's language (`document.documentElement.lang`); preferred to the markup's.
    pub lang: Option<String>,
    /// The document's resolved direction, `ltr` or `rtl` (a `dir="auto"` resolved, or `rtl`
    /// set by a stylesheet); preferred to the markup's.
    pub dir: Option<String>,
    /// The document's encoding (`document.characterSet`): a Chinese, Japanese or Korean legacy
    /// encoding settles the language of CJK text when the markup names none.
    pub charset: Option<String>,
}

/// Legacy encodings (WHATWG Encoding Standard names, as `document.characterSet` reports them)
/// that are used for one language only. Big5 holds Traditional characters; GBK and gb18030 are
/// the encodings of mainland (Simplified) sites; the Japanese and Korean ones need no comment.
const CHARSET_LANGS: &[(&str, &str)] = &[
    ("big5", "zh-Hant"),
    ("gbk", "zh-Hans"),
    ("gb18030", "zh-Hans"),
    ("shift_jis", "ja"),
    ("euc-jp", "ja"),
    ("iso-2022-jp", "ja"),
    ("euc-kr", "ko"),
];

/// Languages guessed from CJK script (see `clean::language`).
const CJK_GUESSES: &[&str] = &["zh", "zh-Hant", "zh-Hans", "ja", "ko"];

/// The language a CJK script guess becomes given the document's encoding: Han text in a
/// Japanese encoding is Japanese, in Big5 Traditional Chinese. Other guesses (and no guess:
/// text in another script) are left alone, since any encoding can carry ASCII text.
pub fn refine_guess(guess: Option<String>, charset: Option<&str>) -> Option<String> {
    let guess = guess?;
    if !CJK_GUESSES.contains(&guess.as_str()) {
        return Some(guess);
    }
    let by_charset = charset.and_then(|c| {
        CHARSET_LANGS
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(c.trim()))
            .map(|(_, lang)| (*lang).to_string())
    });
    Some(by_charset.unwrap_or(guess))
}

/// The elements of `html` at the given ordinals (document order from the root element,
/// template contents not counted), as `(ordinal, node)` in ordinal order; `wanted` need not be
/// sorted. (A mark per position instead of a sort or a hash map: no sorting or hashing code
/// added to the wasm build.)
fn elements_at(html: &Html, wanted: &[usize]) -> Vec<(usize, NodeId)> {
    // No position lies beyond the number of nodes; larger ones cannot match anything.
    let bound = html.tree.nodes().len();
    let last = wanted.iter().copied().filter(|&o| o < bound).max();
    let mut out = Vec::new();
    let Some(last) = last else {
        return out;
    };
    let mut marks = vec![false; last + 1];
    for &o in wanted {
        if let Some(m) = marks.get_mut(o) {
            *m = true;
        }
    }
    let mut ordinal = 0usize;
    let mut skip: Option<NodeId> = None;
    for edge in html.root_element().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(n) => {
                if skip.is_some() {
                    continue;
                }
                match n.value() {
                    Node::Fragment => skip = Some(n.id()),
                    Node::Element(_) => {
                        if marks.get(ordinal) == Some(&true) {
                            out.push((ordinal, n.id()));
                        }
                        if ordinal == last {
                            break;
                        }
                        ordinal += 1;
                    }
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

/// Whether the element `id` looks like the hint says: same tag, same number of child elements,
/// same number of text characters (template contents not counted, as in `textContent`).
fn verifies(html: &Html, id: NodeId, hint: &ElementHint) -> bool {
    let Some(node) = html.tree.get(id) else {
        return false;
    };
    let Some(e) = node.value().as_element() else {
        return false;
    };
    if e.name() != hint.tag {
        return false;
    }
    if node.children().filter(|c| c.value().is_element()).count() != hint.child_elements {
        return false;
    }
    let mut chars = 0usize;
    let mut skip: Option<NodeId> = None;
    for edge in node.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(n) => match n.value() {
                _ if skip.is_some() => {}
                Node::Fragment => skip = Some(n.id()),
                Node::Text(t) => chars += t.chars().count(),
                _ => {}
            },
            ego_tree::iter::Edge::Close(n) => {
                if skip == Some(n.id()) {
                    skip = None;
                }
            }
        }
        if chars > hint.text_chars {
            return false;
        }
    }
    chars == hint.text_chars
}

/// Finds each item's element, keeping the items whose element verifies; returns them with the
/// hints that did not (their ordinals and tags, for the audit trail).
fn resolve<'h, T>(
    html: &Html,
    items: &'h [T],
    element: impl Fn(&T) -> &ElementHint,
) -> (Vec<(NodeId, &'h T)>, Vec<&'h ElementHint>) {
    let ordinals: Vec<usize> = items.iter().map(|t| element(t).ordinal).collect();
    let found = elements_at(html, &ordinals);
    let root = html.root_element().id();
    let body = dom::body(html);
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    for item in items {
        let h = element(item);
        let at = found
            .binary_search_by_key(&h.ordinal, |(o, _)| *o)
            .ok()
            .and_then(|i| found.get(i))
            .map(|(_, id)| *id);
        match at {
            // The root and <body> are never hints: a page that hides them is not rendered.
            Some(id) if id != root && id != body && verifies(html, id, h) => ok.push((id, item)),
            _ => bad.push(h),
        }
    }
    (ok, bad)
}

/// Drops the entries whose element lies inside another entry's element.
fn outermost<T>(html: &Html, items: Vec<(NodeId, T)>) -> Vec<(NodeId, T)> {
    let ids: dom::IdSet = items.iter().map(|(id, _)| *id).collect();
    items
        .into_iter()
        .filter(|(id, _)| {
            let mut cur = html.tree.get(*id).and_then(|n| n.parent());
            while let Some(p) = cur {
                if ids.contains(&p.id()) {
                    return false;
                }
                cur = p.parent();
            }
            true
        })
        .collect()
}

/// The number of non-space characters of the text under `id` (scripts, styles and templates
/// not counted), counting no further than `limit`.
fn letters(html: &Html, id: NodeId, limit: usize) -> usize {
    let Some(node) = html.tree.get(id) else {
        return 0;
    };
    let mut n = 0usize;
    let mut skip: Option<NodeId> = None;
    for edge in node.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(c) => match c.value() {
                _ if skip.is_some() => {}
                Node::Fragment => skip = Some(c.id()),
                Node::Element(e)
                    if matches!(e.name(), "script" | "style" | "noscript" | "template") =>
                {
                    skip = Some(c.id())
                }
                Node::Text(t) => {
                    n += t.chars().filter(|ch| !crate::text::is_space(*ch)).count();
                    if n >= limit {
                        return n;
                    }
                }
                _ => {}
            },
            ego_tree::iter::Edge::Close(c) => {
                if skip == Some(c.id()) {
                    skip = None;
                }
            }
        }
    }
    n
}

/// Applies the visibility hints to the parsed page, before the article is looked for: removes
/// the elements the browser does not show and sets `aria-hidden` to "false" on those it shows. Each
/// removal, each kept `aria-hidden` element and each group of hints not applied is in `audit`.
pub(crate) fn apply(html: &mut Html, hints: &PageHints, audit: &mut Audit) {
    let (hidden, shown) = match &hints.visibility {
        Visibility::Unknown => return,
        Visibility::NotRendered => {
            audit.push(
                HIDDEN_RULE,
                RemovalAction::Keep,
                "the document is not rendered (no window or no layout: a DOMParser document, a frame that is not displayed), so what the browser shows could not be computed; the markup's hiding attributes alone were used",
                None,
                "",
            );
            return;
        }
        Visibility::Computed { hidden, shown } => (hidden, shown),
    };

    let (shown_ok, shown_bad) = resolve(html, shown, |h| h);
    for (id, _) in &shown_ok {
        let Some(mut node) = html.tree.get_mut(*id) else {
            continue;
        };
        if let Node::Element(e) = node.value() {
            // Set to "false" rather than removed (no rehash of the attribute map).
            for (name, value) in e.attrs.iter_mut() {
                if &*name.local == "aria-hidden" {
                    *value = "false".into();
                }
            }
        }
        let name = html
            .tree
            .get(*id)
            .and_then(|n| n.value().as_element())
            .map(|e| e.name().to_string())
            .unwrap_or_default();
        audit.push(
            SHOWN_RULE,
            RemovalAction::Keep,
            "marked aria-hidden, but the browser shows it: aria-hidden hides from assistive technology only, so the text stays",
            None,
            &format!("<{name}> {}", dom::text(html, *id)),
        );
    }

    let (hidden_ok, hidden_bad) = resolve(html, hidden, |h| &h.element);
    let hidden_ok = outermost(html, hidden_ok);
    let texts: Vec<String> = hidden_ok
        .iter()
        .map(|(id, _)| dom::text(html, *id))
        .collect();
    let hidden_chars: usize = hidden_ok
        .iter()
        .map(|(id, _)| letters(html, *id, usize::MAX))
        .sum();
    // Visible text is too little when the body holds fewer than hidden + min(500, hidden)
    // letters: count only that far (pages are large, hidden parts usually small).
    let enough = hidden_chars.saturating_add(hidden_chars.min(MIN_VISIBLE_CHARS));
    let total_chars = letters(html, dom::body(html), enough);
    if hidden_chars > 0 && total_chars < enough {
        audit.push(
            HIDDEN_RULE,
            RemovalAction::Keep,
            &format!(
                "the browser hides most of this page's text ({hidden_chars} of {total_chars} letters in {} elements): an article that shows only after a script or a click; the hidden elements were kept and the markup's hiding attributes alone were used",
                hidden_ok.len()
            ),
            None,
            "",
        );
    } else {
        for ((id, hint), text) in hidden_ok.iter().zip(&texts) {
            audit.push(
                HIDDEN_RULE,
                RemovalAction::Remove,
                hint.by.reason(),
                None,
                &format!("<{}> {text}", hint.element.tag),
            );
            dom::detach(html, *id);
        }
    }

    let bad: Vec<&ElementHint> = shown_bad.into_iter().chain(hidden_bad).collect();
    if !bad.is_empty() {
        let list: Vec<String> = bad
            .iter()
            .map(|h| format!("<{}> #{}", h.tag, h.ordinal))
            .collect();
        audit.push(
            HIDDEN_RULE,
            RemovalAction::Keep,
            &format!(
                "{} of the browser's visibility hints did not match the re-parsed markup (a script built a tree the HTML parser does not rebuild from its serialization), so they were not applied; the markup's hiding attributes alone decide there",
                bad.len()
            ),
            None,
            &list.join(", "),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Html {
        dom::parse_document(s, 100_000, 512).expect("parse")
    }

    fn hint(ordinal: usize, tag: &str, child_elements: usize, text: &str) -> ElementHint {
        ElementHint {
            ordinal,
            tag: tag.into(),
            child_elements,
            text_chars: text.chars().count(),
        }
    }

    #[test]
    fn ordinals_count_elements_in_document_order_without_template_contents() {
        // html 0, head 1, title 2, body 3, template 4 (its <p> not counted), div 5, p 6
        let html = parse(
            "<!DOCTYPE html><title>t</title><body><template><p>x</p></template><div><p>y</p></div>",
        );
        let found = elements_at(&html, &[6, 4, 5]);
        let names: Vec<(usize, String)> = found
            .iter()
            .map(|(o, id)| {
                let n = html.tree.get(*id).unwrap();
                (*o, n.value().as_element().unwrap().name().to_string())
            })
            .collect();
        assert_eq!(
            names,
            vec![
                (4, "template".to_string()),
                (5, "div".to_string()),
                (6, "p".to_string())
            ]
        );
    }

    #[test]
    fn a_hint_verifies_only_on_an_element_of_its_tag_children_and_text() {
        let html = parse("<!DOCTYPE html><body><div><p>ab</p><p>c</p></div></body>");
        let div = elements_at(&html, &[3])[0].1;
        assert!(verifies(&html, div, &hint(3, "div", 2, "abc")));
        assert!(!verifies(&html, div, &hint(3, "section", 2, "abc")));
        assert!(!verifies(&html, div, &hint(3, "div", 1, "abc")));
        assert!(!verifies(&html, div, &hint(3, "div", 2, "abcd")));
    }

    #[test]
    fn charset_settles_a_cjk_guess_only() {
        assert_eq!(
            refine_guess(Some("zh-Hans".into()), Some("Big5")).as_deref(),
            Some("zh-Hant")
        );
        assert_eq!(
            refine_guess(Some("zh".into()), Some("Shift_JIS")).as_deref(),
            Some("ja")
        );
        assert_eq!(
            refine_guess(Some("zh".into()), Some("UTF-8")).as_deref(),
            Some("zh")
        );
        // Latin text in a Japanese encoding is not Japanese.
        assert_eq!(refine_guess(None, Some("Shift_JIS")), None);
        assert_eq!(refine_guess(Some("ja".into()), None).as_deref(), Some("ja"));
    }
}
