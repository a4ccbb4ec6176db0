//! Rules as data: the rule format, the built-in rule set (`builtin.json`), and compilation.
//!
//! A rule says *where* it applies (`scope`), *what* it matches (`match`: a CSS selector, a text
//! pattern over the element's folded text, a URL pattern), *when* it may fire (`guard`: position
//! among the article's blocks, length, link density) and *what* it does (`action`). The built-in
//! set is written in the same format and shipped as `src/rules/builtin.json`.

// Applying the rules. Element rules, in the order they run: the inline runs become
// paragraphs, the element index is built, the matchers find each rule's hits among its
// elements, and the actions edit the tree and fill the extracted fields. URL rules: the URL
// rewriter resolves every URL and runs the rewrite, proxy-unwrapping and parameter-stripping
// rules on it.
mod actions;
mod apply;
mod decode;
mod extracted;
mod feed_detection;
mod index;
mod inline_runs;
mod matcher;
mod scope;
mod strip_params;
mod text_cache;
mod tree_lookup;
mod unwrap_proxy;
mod url_rewriter;

pub(crate) use apply::apply_element_rules;
pub(crate) use feed_detection::detect_feeds;
pub use url_rewriter::ProxyPolicy;
pub(crate) use url_rewriter::UrlRewriter;

use regex_lite::Regex;
use schemars::JsonSchema;
use scraper::Selector;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use ts_rs::TS;

use crate::error::Error;

/// A cleaning rule. See the README's "Rules" section for the format with examples.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Rule {
    /// Unique id, e.g. `feedx-footer`. A user rule with a built-in's id replaces it.
    pub id: String,
    /// What the rule is for, in words; shown in the audit trail.
    #[serde(default)]
    #[ts(optional, as = "Option<String>")]
    pub description: String,
    /// Where the rule applies; everywhere when absent.
    #[serde(default)]
    #[ts(optional, as = "Option<Scope>")]
    pub scope: Scope,
    /// What the rule matches.
    #[serde(rename = "match", default)]
    #[ts(rename = "match", optional, as = "Option<Match>")]
    pub matcher: Match,
    /// Conditions a match must also meet.
    #[serde(default)]
    #[ts(optional, as = "Option<Guard>")]
    pub guard: Guard,
    /// What to do with a match.
    pub action: Action,
    /// A flag of the article that the rule sets whenever it fires (e.g. `truncated` for the
    /// "more…" link of a WordPress excerpt).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, as = "Option<Flag>")]
    pub flag: Option<Flag>,
}

/// A boolean of the article that a rule sets when it fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Flag {
    /// `truncated`: the item is an excerpt, not the whole article.
    Truncated,
}

impl Flag {
    /// The JSON name of the flag.
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::Truncated => "truncated",
        }
    }
}

/// Where a rule applies. All lists empty means everywhere; otherwise any listed item suffices.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Scope {
    /// Feed generators detected from the item's shape: `feedx`, `feedburner`, `wordpress`,
    /// `medium`, `substack`, `blogger`, `rsshub`, `feed43`, `fetchrss`, `inoreader`, `xgo`.
    #[ts(optional, as = "Option<Vec<String>>")]
    pub feeds: Vec<String>,
    /// Host names or suffixes of the article URL (`dw.com` matches `www.dw.com`).
    #[ts(optional, as = "Option<Vec<String>>")]
    pub domains: Vec<String>,
    /// Regular expressions over the article URL.
    #[ts(optional, as = "Option<Vec<String>>")]
    pub url_patterns: Vec<String>,
}

/// What a rule matches. Element rules need `selector` and/or `text`; URL rules (`rewriteUrl`,
/// `unwrapProxy`, `stripParams`) use `url`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Match {
    /// CSS selector. With `text` alone, block elements (`p`, `div`, `li`, headings, …) are tried.
    #[ts(optional, as = "Option<String>")]
    pub selector: Option<String>,
    /// Regular expression matched against the element's whole text (anchored at both ends),
    /// after folding: full-width → half-width, Traditional → Simplified for common label
    /// characters, ASCII lowercased, whitespace collapsed. Write patterns in lower case.
    #[ts(optional, as = "Option<String>")]
    pub text: Option<String>,
    /// Regular expression searched in a URL: for element rules the element's `href` or `src`;
    /// for URL rules every link and image URL.
    #[ts(optional, as = "Option<String>")]
    pub url: Option<String>,
    /// Only elements whose text is all inside `<b>`/`<strong>` (a bold-only paragraph).
    #[ts(optional, as = "Option<bool>")]
    pub bold_only: bool,
}

/// Conditions on a match.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Guard {
    /// Only within the first N blocks of the article.
    #[ts(optional, as = "Option<u32>")]
    pub first: Option<u32>,
    /// Only within the last N blocks of the article.
    #[ts(optional, as = "Option<u32>")]
    pub last: Option<u32>,
    /// Only when the element's text has at most this many characters.
    #[ts(optional, as = "Option<u32>")]
    pub max_chars: Option<u32>,
    /// Only when at least this share (0–1) of the element's text is link text.
    #[ts(optional, as = "Option<f64>")]
    pub min_link_density: Option<f64>,
    /// Only when the next element sibling exists and at least this share (0–1) of its text is
    /// link text (a "Related posts" heading followed by its link list).
    #[ts(optional, as = "Option<f64>")]
    pub next_min_link_density: Option<f64>,
    /// Only when the next element sibling exists and matches this CSS selector (RSSHub's AI
    /// summary is the block right before an `<hr>`).
    #[ts(optional, as = "Option<String>")]
    pub next_selector: Option<String>,
}

/// A field of the article that an `extract` or `capture` action fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Field {
    /// `copyright` (text).
    Copyright,
    /// `related` (the element's links).
    Related,
    /// `credits` (text, appended).
    Credits,
    /// `byline` (text).
    Byline,
    /// `published` (a date in the text).
    Published,
    /// `source` (text or the pattern's first group).
    Source,
    /// `siteName` (text).
    SiteName,
}

impl Field {
    /// The JSON name of the field.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Copyright => "copyright",
            Field::Related => "related",
            Field::Credits => "credits",
            Field::Byline => "byline",
            Field::Published => "published",
            Field::Source => "source",
            Field::SiteName => "siteName",
        }
    }
}

/// How an image proxy encodes the original URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ProxyEncoding {
    /// In a query parameter (`?url=…`, weserv): percent-decoded; a scheme-less value gets
    /// `https://`, a legacy `ssl:` prefix becomes `https://`.
    Query,
    /// The path is `host/path` of the original (WordPress Photon `i0.wp.com/host/path`);
    /// `https` unless `ssl=0`.
    Path,
    /// The last path segment is the hex-encoded original URL (camo).
    HexPath,
    /// The last path segment is the base64url-encoded original URL (Inoreader camo, Miniflux
    /// media proxy).
    Base64Path,
    /// The original URL is the tail of the path, from the first segment that starts with
    /// `http:`/`https:` (percent-encoded or not) — fetch proxies such as
    /// `substackcdn.com/image/fetch/<options>/https%3A%2F%2F…` and Cloudinary's
    /// `…/image/fetch/<options>/https://…`. A plain tail keeps the proxy URL's query.
    PathTail,
}

/// What a rule does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum Action {
    /// Remove the element (with `withSeparators`, also the `<br>`/`<hr>` run before it; with
    /// `withNext`, also the next element).
    Remove {
        /// Also remove the `<br>`/`<hr>` elements directly before the match.
        #[serde(default)]
        #[ts(optional, as = "Option<bool>")]
        with_separators: bool,
        /// Also remove the next element sibling (e.g. the list after a "Related posts" heading).
        #[serde(default)]
        #[ts(optional, as = "Option<bool>")]
        with_next: bool,
    },
    /// Move the element out of the body into a field.
    Extract {
        /// The field to fill.
        field: Field,
        /// Also take the next element sibling (the list after a heading).
        #[serde(default)]
        #[ts(optional, as = "Option<bool>")]
        with_next: bool,
        /// Also fill the article's `title` and `url`, when the input gives none, from the
        /// element's first link (its text and `href`): Medium's "<a>Title</a> was originally
        /// published in …" and WordPress's "The post <a>Title</a> appeared first on …".
        #[serde(default)]
        #[ts(optional, as = "Option<bool>")]
        title_from_link: bool,
        /// For `related`: a CSS selector for the element after each link that names its
        /// source (Google News: `<a>Title</a>&nbsp;<font>Publisher</font>`); its text becomes
        /// the link's `source`.
        #[serde(default)]
        #[ts(optional, as = "Option<String>")]
        link_source: Option<String>,
    },
    /// Keep the element in the body and copy its text (or the text pattern's first group) into
    /// a field.
    Capture {
        /// The field to fill.
        field: Field,
    },
    /// Turn the element into a heading.
    PromoteHeading {
        /// 2 to 6.
        level: u8,
    },
    /// Protect the element (and its content) from every other removal rule; it is tagged in the
    /// audit trail (`keep`).
    Keep,
    /// Cut text matching `pattern` off the end of the element's last text (a trailing `[…]`);
    /// the element stays.
    TrimText {
        /// Regular expression matched at the end of the element's last text node.
        pattern: String,
    },
    /// Rewrite URLs that match `match.url`: `$1`… in the template are the pattern's groups.
    RewriteUrl {
        /// Replacement, e.g. `https://www.dw.com/a-$1`.
        template: String,
    },
    /// Recover the original URL from an image proxy URL matching `match.url`.
    UnwrapProxy {
        /// How the original is encoded.
        encoding: ProxyEncoding,
        /// Query parameter holding the URL (for `query`; default `url`).
        #[serde(default)]
        #[ts(optional, as = "Option<String>")]
        param: Option<String>,
        /// Regular expression cut from the end of the recovered URL (imgproxy's `@webp`
        /// output-format suffix).
        #[serde(default)]
        #[ts(optional, as = "Option<String>")]
        strip_suffix: Option<String>,
    },
    /// Remove query parameters from URLs (every URL, or those matching `match.url`).
    StripParams {
        /// Exact parameter names.
        #[serde(default)]
        #[ts(optional, as = "Option<Vec<String>>")]
        names: Vec<String>,
        /// Parameter name prefixes, e.g. `utm_`.
        #[serde(default)]
        #[ts(optional, as = "Option<Vec<String>>")]
        prefixes: Vec<String>,
    },
}

impl Action {
    /// Whether this action works on URLs rather than elements.
    pub fn is_url_action(&self) -> bool {
        matches!(
            self,
            Action::RewriteUrl { .. } | Action::UnwrapProxy { .. } | Action::StripParams { .. }
        )
    }
}

impl Rule {
    /// Reads one rule from JSON; errors name the rule's index, id and field.
    pub fn from_json_value(index: usize, value: serde_json::Value) -> Result<Rule, Error> {
        let id = value.get("id").and_then(|v| v.as_str()).map(str::to_string);
        let action = value.get("action").cloned();
        serde_path_to_error::deserialize(value).map_err(|e| {
            let mut path = e.path().to_string();
            let message = e.into_inner().to_string();
            if path == "action" {
                // `action` is an internally tagged enum: serde reports errors inside it at
                // `action`; find the offending field.
                if let Some(field) = action
                    .as_ref()
                    .and_then(|a| action_error_field(a, &message))
                {
                    path = format!("action.{field}");
                }
            }
            Error::InvalidRule {
                index,
                id,
                path: if path == "." { String::new() } else { path },
                message,
            }
        })
    }
}

/// The field of an `action` object that an error message is about.
fn action_error_field(action: &serde_json::Value, message: &str) -> Option<String> {
    let obj = action.as_object()?;
    let quoted = |m: &str, prefix: &str| -> Option<String> {
        let rest = m.split_once(prefix)?.1;
        let rest = rest.strip_prefix('`')?;
        Some(rest.split('`').next()?.to_string())
    };
    if let Some(name) =
        quoted(message, "unknown field ").or_else(|| quoted(message, "missing field "))
    {
        return Some(name);
    }
    if quoted(message, "unknown variant ").is_some() && !obj.contains_key("type") {
        return Some("type".into());
    }
    if let Some(v) = quoted(message, "unknown variant ") {
        if obj.get("type").and_then(|t| t.as_str()) == Some(v.as_str()) {
            return Some("type".into());
        }
        return obj
            .iter()
            .find(|(_, val)| val.as_str() == Some(v.as_str()))
            .map(|(k, _)| k.clone());
    }
    // Otherwise try each field alone: the one that reproduces the message is the culprit.
    for key in obj.keys().filter(|k| k.as_str() != "type") {
        let mut alone = serde_json::Map::new();
        if let Some(t) = obj.get("type") {
            alone.insert("type".into(), t.clone());
        }
        if let Some(v) = obj.get(key) {
            alone.insert(key.clone(), v.clone());
        }
        if let Err(e) = serde_json::from_value::<Action>(serde_json::Value::Object(alone)) {
            if e.to_string() == message {
                return Some(key.clone());
            }
        }
    }
    None
}

/// Reads a JSON array of rules (the format of `builtin.json` and of `--rules FILE`).
pub fn rules_from_json_str(text: &str) -> Result<Vec<Rule>, Error> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| Error::InvalidOptions {
            path: "rules".into(),
            message: format!("not valid JSON: {e}"),
        })?;
    let serde_json::Value::Array(items) = value else {
        return Err(Error::InvalidOptions {
            path: "rules".into(),
            message: "expected an array of rules".into(),
        });
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, v)| Rule::from_json_value(i, v))
        .collect()
}

const BUILTIN_JSON: &str = include_str!("builtin.json");

/// The JSON Schema (draft 2020-12) of a rules file: an array of [`Rule`]s. Generated from the
/// Rust types the parser uses, so it cannot drift from them; committed as
/// `schema/rules.schema.json` (checked by `tests/schema.rs`).
pub fn rules_schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(Vec<Rule>);
    schema.insert(
        "title".into(),
        serde_json::Value::String("article-cleaner rules".into()),
    );
    schema.insert(
        "description".into(),
        serde_json::Value::String(
            "An array of cleaning rules: the format of src/rules/builtin.json, of \
             `article-cleaner --rules FILE` and of the `rules` option."
                .into(),
        ),
    );
    schema.to_value()
}

/// The built-in rule set, as data (parsed once from `src/rules/builtin.json`).
pub fn builtin_rules() -> &'static [Rule] {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    // The built-in file is checked by a unit test; a broken file would give an empty set
    // rather than a panic.
    RULES.get_or_init(|| rules_from_json_str(BUILTIN_JSON).unwrap_or_default())
}

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

/// The rules in force for one call: built-ins (unless switched off), then user rules (replacing
/// built-ins with the same id), minus disabled ids.
#[derive(Debug)]
pub(crate) struct RuleSet {
    pub rules: Vec<RuleRef>,
}

/// A compiled rule in a [`RuleSet`]: a built-in (compiled once per process) or a user rule
/// (compiled for the call).
#[derive(Debug)]
pub(crate) enum RuleRef {
    Builtin(&'static Compiled),
    User(Box<Compiled>),
}

impl std::ops::Deref for RuleRef {
    type Target = Compiled;
    fn deref(&self) -> &Compiled {
        match self {
            RuleRef::Builtin(c) => c,
            RuleRef::User(c) => c,
        }
    }
}

/// The built-in rules, compiled once (selectors and patterns) and shared by every call.
fn compiled_builtins() -> Result<&'static [Compiled], Error> {
    static COMPILED: OnceLock<Result<Vec<Compiled>, Error>> = OnceLock::new();
    COMPILED
        .get_or_init(|| {
            builtin_rules()
                .iter()
                .enumerate()
                .map(|(i, r)| compile_rule(i, true, r))
                .collect()
        })
        .as_ref()
        .map(|v| v.as_slice())
        .map_err(Clone::clone)
}

impl RuleSet {
    /// The built-in rules when `builtin` is set, then `user` rules (a user rule replaces the
    /// built-in of the same id), without the ids in `disabled`. User rules are compiled now, so
    /// their errors come at once.
    pub fn compile(builtin: bool, user: &[Rule], disabled: &[String]) -> Result<RuleSet, Error> {
        let mut rules: Vec<RuleRef> = Vec::new();
        if builtin {
            for c in compiled_builtins()? {
                rules.push(RuleRef::Builtin(c));
            }
        }
        for (i, r) in user.iter().enumerate() {
            if disabled.iter().any(|d| d == &r.id) {
                // Switched off: not compiled (as before), and a built-in of that id goes too.
                continue;
            }
            let compiled = RuleRef::User(Box::new(compile_rule(i, false, r)?));
            if let Some(slot) = rules.iter_mut().find(|m| m.rule.id == r.id) {
                *slot = compiled;
            } else {
                rules.push(compiled);
            }
        }
        rules.retain(|c| !disabled.iter().any(|d| d == &c.rule.id));
        Ok(RuleSet { rules })
    }
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

/// Checks a list of user rules (as from a rules file): each must compile. Errors name the
/// rule's index in the list, its id and the field.
pub fn validate_rules(rules: &[Rule]) -> Result<(), Error> {
    for (index, rule) in rules.iter().enumerate() {
        compile_rule(index, false, rule)?;
    }
    Ok(())
}

fn compile_rule(index: usize, builtin: bool, rule: &Rule) -> Result<Compiled, Error> {
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
            let folded = crate::text::fold_pattern(p);
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
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_parse_and_compile() {
        let parsed = rules_from_json_str(BUILTIN_JSON).expect("builtin.json parses");
        assert!(parsed.len() >= 20, "only {} built-in rules", parsed.len());
        let mut ids: Vec<&str> = parsed.iter().map(|r| r.id.as_str()).collect();
        ids.sort_unstable();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len(), "duplicate built-in rule ids");
        for r in &parsed {
            assert!(
                !r.description.is_empty(),
                "rule {} has no description",
                r.id
            );
        }
        let set = RuleSet::compile(true, &[], &[]).expect("built-in rules compile");
        // Their patterns compile lazily: compile every one here.
        for c in &set.rules {
            for re in [&c.text, &c.url].into_iter().flatten() {
                assert!(
                    re.get().is_some(),
                    "rule {}: pattern does not compile",
                    c.rule.id
                );
            }
        }
    }

    #[test]
    fn text_rule_names_are_the_default_selector() {
        let listed: Vec<&str> = TEXT_RULE_DEFAULT_SELECTOR.split(", ").collect();
        assert_eq!(listed, TEXT_RULE_NAMES);
    }

    #[test]
    fn rules_file_must_be_an_array_of_rules() {
        let e = rules_from_json_str("{\"id\": \"x\"}").unwrap_err();
        assert!(
            matches!(&e, Error::InvalidOptions { path, .. } if path == "rules"),
            "{e:?}"
        );
        let e = rules_from_json_str("[1, 2").unwrap_err();
        assert!(e.to_string().contains("not valid JSON"), "{e}");
        let e = rules_from_json_str("[{\"id\": \"a\", \"action\": {\"type\": \"remove\"}, \"match\": {\"selector\": \"p\"}}, {\"id\": 5}]").unwrap_err();
        assert!(
            matches!(&e, Error::InvalidRule { index: 1, id: None, path, .. } if path == "id"),
            "{e:?}"
        );
    }
}
