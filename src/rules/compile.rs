//! Compilation: a rule's selectors and patterns, checked and compiled (built-in patterns on
//! first use), with its literal prefilters; errors name the rule and the field.

use std::sync::OnceLock;

use regex_lite::Regex;
use scraper::Selector;

use super::format::{Action, Rule};
use crate::error::Error;

/// A compiled rule.
#[derive(Debug)]
pub(crate) struct Compiled {
    pub rule: Rule,
    pub selector: Option<Selector>,
    /// A text-only rule: tried on the elements named in [`TEXT_RULE_NAMES`] (the same set as
    /// [`TEXT_RULE_DEFAULT_SELECTOR`], checked by name rather than by selector matching).
    pub default_names: bool,
    pub text: Option<LazyRegex>,
    /// Literals one of which every match of `text` contains (see [`crate::literals`]).
    pub text_prefilter: Option<crate::literals::Prefilter>,
    pub url: Option<LazyRegex>,
    /// Literals one of which every match of `url` contains.
    pub url_prefilter: Option<crate::literals::Prefilter>,
    pub url_patterns: Vec<Regex>,
    /// `guard.nextSelector`, compiled.
    pub next_selector: Option<Selector>,
    /// `action.linkSource` (extract), compiled.
    pub link_source: Option<Selector>,
    /// `action.pattern` (trimText) or `action.stripSuffix` (unwrapProxy), compiled and
    /// anchored at the end.
    pub trim: Option<Regex>,
    /// The text pattern names a placeholder (`{{siteName}}`): the rule is compiled for each
    /// call with the call's feed context, and left out when the context lacks the value.
    pub contextual: bool,
}

impl Compiled {
    /// The text pattern's match on `folded` (block text, folded), its literal prefilter
    /// first. None when there is no text pattern or it does not match.
    pub fn text_captures<'h>(&self, folded: &'h str) -> Option<regex_lite::Captures<'h>> {
        if !self
            .text_prefilter
            .as_ref()
            .is_none_or(|p| p.matches(folded))
        {
            return None;
        }
        self.text.as_ref()?.get()?.captures(folded)
    }

    /// The URL pattern's match on `value`, its literal prefilter first.
    pub fn url_captures<'h>(&self, value: &'h str) -> Option<regex_lite::Captures<'h>> {
        if !self.url_prefilter.as_ref().is_none_or(|p| p.matches(value)) {
            return None;
        }
        self.url.as_ref()?.get()?.captures(value)
    }

    /// Whether the URL pattern matches `value` (prefilter first; no capture groups).
    pub fn url_matches(&self, value: &str) -> bool {
        self.url_prefilter.as_ref().is_none_or(|p| p.matches(value))
            && self
                .url
                .as_ref()
                .and_then(LazyRegex::get)
                .is_some_and(|re| re.is_match(value))
    }
}

/// A regex compiled on first use. The built-in rules' patterns are known to compile (a test
/// compiles every one), and most are never run at all: their literal prefilter turns every
/// block away. Compiling them lazily takes the 53 rules' regex compilation (most of the first
/// call's set-up) off the path. User rules are compiled eagerly, so their errors are reported
/// when the rules are given.
#[derive(Debug)]
pub(crate) struct LazyRegex {
    source: String,
    cell: OnceLock<Option<Regex>>,
}

impl LazyRegex {
    /// Compiles `source` now.
    fn eager(source: String) -> Result<LazyRegex, regex_lite::Error> {
        let re = Regex::new(&source)?;
        Ok(LazyRegex {
            source,
            cell: OnceLock::from(Some(re)),
        })
    }

    /// Compiles `source` when first needed.
    fn lazy(source: String) -> LazyRegex {
        LazyRegex {
            source,
            cell: OnceLock::new(),
        }
    }

    fn new(source: String, eager: bool) -> Result<LazyRegex, regex_lite::Error> {
        if eager {
            LazyRegex::eager(source)
        } else {
            Ok(LazyRegex::lazy(source))
        }
    }

    /// The compiled regex (None only if a lazily compiled pattern fails, which the built-in
    /// rules' test rules out).
    pub fn get(&self) -> Option<&Regex> {
        self.cell
            .get_or_init(|| Regex::new(&self.source).ok())
            .as_ref()
    }
}

/// Block-level elements tried by text-only rules.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) const TEXT_RULE_DEFAULT_SELECTOR: &str =
    "p, div, li, section, center, blockquote, h1, h2, h3, h4, h5, h6, figure, aside, footer, header, table, ul, ol, dl, small, sub, font, span, em, i, strong, b";

/// [`TEXT_RULE_DEFAULT_SELECTOR`] as a list of element names.
pub(crate) const TEXT_RULE_NAMES: &[&str] = &[
    "p",
    "div",
    "li",
    "section",
    "center",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "figure",
    "aside",
    "footer",
    "header",
    "table",
    "ul",
    "ol",
    "dl",
    "small",
    "sub",
    "font",
    "span",
    "em",
    "i",
    "strong",
    "b",
];

/// Checks a list of user rules (as from a rules file): each must compile. Errors name the
/// rule's index in the list, its id and the field.
pub fn validate_rules(rules: &[Rule]) -> Result<(), Error> {
    for (index, rule) in rules.iter().enumerate() {
        compile_rule(index, false, rule)?;
    }
    Ok(())
}

/// Compiles rule `rule`, at `index` in its list (`builtin`: of `builtin.json`, whose patterns
/// compile on first use).
pub(super) fn compile_rule(index: usize, builtin: bool, rule: &Rule) -> Result<Compiled, Error> {
    compile_rule_in(index, builtin, rule, None)
}

/// [`compile_rule`] with the placeholders of the text pattern filled from `ctx` (a neutral
/// value when it has none: the pattern is still checked).
pub(super) fn compile_rule_in(
    index: usize,
    builtin: bool,
    rule: &Rule,
    ctx: Option<&crate::options::FeedContext>,
) -> Result<Compiled, Error> {
    let err = |path: &str, message: String| Error::InvalidRule {
        index,
        id: Some(rule.id.clone()),
        path: if builtin {
            format!("(built-in) {path}")
        } else {
            path.to_string()
        },
        message,
    };
    if rule.id.trim().is_empty() {
        return Err(err("id", "must be a non-empty string".into()));
    }
    let is_url = rule.action.is_url_action();
    let selector = match (&rule.matcher.selector, &rule.matcher.text, is_url) {
        (Some(s), _, _) => Some(Selector::parse(s).map_err(|e| {
            err(
                "match.selector",
                format!("invalid CSS selector `{s}`: {}", selector_error(&e)),
            )
        })?),
        _ => None,
    };
    let mut text_prefilter = None;
    let text = match &rule.matcher.text {
        Some(p) => {
            let filled = super::placeholders::fill(p, ctx)
                .unwrap_or_else(|| super::placeholders::neutral(p));
            let folded = crate::text::fold_pattern(&filled);
            let re = LazyRegex::new(format!("(?is)^(?:{folded})$"), !builtin)
                .map_err(|e| err("match.text", format!("invalid pattern `{p}`: {e}")))?;
            // Block texts are folded (no ASCII upper case) before they are matched.
            text_prefilter = crate::literals::prefilter(&folded, true, true);
            Some(re)
        }
        None => None,
    };
    let url = match &rule.matcher.url {
        Some(p) => Some(
            LazyRegex::new(p.clone(), !builtin)
                .map_err(|e| err("match.url", format!("invalid pattern `{p}`: {e}")))?,
        ),
        None => None,
    };
    let url_patterns = rule
        .scope
        .url_patterns
        .iter()
        .enumerate()
        .map(|(i, p)| {
            Regex::new(p).map_err(|e| {
                err(
                    &format!("scope.urlPatterns[{i}]"),
                    format!("invalid pattern `{p}`: {e}"),
                )
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let default_names = !is_url && selector.is_none() && rule.matcher.text.is_some();
    if !is_url && selector.is_none() && !default_names && url.is_none() {
        return Err(err(
            "match",
            "an element rule needs `match.selector`, `match.text` or `match.url`".into(),
        ));
    }
    match &rule.action {
        Action::RewriteUrl { .. } | Action::UnwrapProxy { .. } if url.is_none() => {
            return Err(err(
                "match.url",
                "this action needs a `match.url` pattern".into(),
            ));
        }
        Action::PromoteHeading { level } if !(2..=6).contains(level) => {
            return Err(err("action.level", format!("must be 2 to 6, got {level}")));
        }
        _ => {}
    }
    let css = |path: &str, s: &str| {
        Selector::parse(s).map_err(|e| {
            err(
                path,
                format!("invalid CSS selector `{s}`: {}", selector_error(&e)),
            )
        })
    };
    let next_selector = match &rule.guard.next_selector {
        Some(s) => Some(css("guard.nextSelector", s)?),
        None => None,
    };
    let (link_source, trim) = match &rule.action {
        Action::Extract {
            link_source: Some(s),
            ..
        } => (Some(css("action.linkSource", s)?), None),
        Action::UnwrapProxy {
            strip_suffix: Some(pattern),
            ..
        } => (
            None,
            Some(Regex::new(&format!("(?:{pattern})$")).map_err(|e| {
                err(
                    "action.stripSuffix",
                    format!("invalid pattern `{pattern}`: {e}"),
                )
            })?),
        ),
        Action::TrimText { pattern } => (
            None,
            Some(Regex::new(&format!("(?:{pattern})\\s*$")).map_err(|e| {
                err(
                    "action.pattern",
                    format!("invalid pattern `{pattern}`: {e}"),
                )
            })?),
        ),
        _ => (None, None),
    };
    for (name, value) in [
        ("guard.minLinkDensity", rule.guard.min_link_density),
        ("guard.maxLinkDensity", rule.guard.max_link_density),
        ("guard.nextMinLinkDensity", rule.guard.next_min_link_density),
    ] {
        if let Some(d) = value {
            if !(0.0..=1.0).contains(&d) {
                return Err(err(name, format!("must be between 0 and 1, got {d}")));
            }
        }
    }
    let url_prefilter = rule
        .matcher
        .url
        .as_deref()
        .and_then(|p| crate::literals::prefilter(p, false, false));
    Ok(Compiled {
        rule: rule.clone(),
        selector,
        default_names,
        text,
        text_prefilter,
        url,
        url_prefilter,
        url_patterns,
        next_selector,
        link_source,
        trim,
        contextual: rule
            .matcher
            .text
            .as_deref()
            .is_some_and(super::placeholders::has_placeholder),
    })
}

/// A readable message for a selector parse error (scraper's Display of some kinds is a
/// generic "report this" text followed by the kind's name).
fn selector_error(e: &scraper::error::SelectorErrorKind) -> String {
    let shown = e.to_string();
    if !shown.contains("Please report") {
        return shown;
    }
    let kind = shown.lines().last().unwrap_or("").trim();
    let mut words = String::new();
    for c in kind.chars() {
        if c.is_ascii_uppercase() && !words.is_empty() {
            words.push(' ');
        }
        words.push(c.to_ascii_lowercase());
    }
    if words.is_empty() {
        shown
    } else {
        words
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_rule_names_are_the_default_selector() {
        let listed: Vec<&str> = TEXT_RULE_DEFAULT_SELECTOR.split(", ").collect();
        assert_eq!(listed, TEXT_RULE_NAMES);
    }
}
