//! The rule format: the types a rule is read into (from `builtin.json`, a rules file or the
//! `rules` option), its JSON reading with precise error paths, and its JSON Schema.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
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
    /// Only when at most this share (0–1) of the element's text is link text (a bold line that
    /// is a link is a call to action, not a sub-heading).
    #[ts(optional, as = "Option<f64>")]
    pub max_link_density: Option<f64>,
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
    /// The whole query string is the original URL, percent-encoded or not (CORS and fetch
    /// proxies: `https://cors.example.workers.dev/?https://…`, `corsproxy.io/?https%3A%2F%2F…`).
    WholeQuery,
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

#[cfg(test)]
mod tests {
    use super::*;

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
