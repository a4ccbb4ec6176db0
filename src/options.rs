//! Options of [`crate::clean`], and their parsing from JSON with precise errors.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::edges::vocab::UserVocabulary;
use crate::error::Error;
use crate::rules::{ProxyPolicy, Rule, RuleSet};

/// Default for [`Options::max_input_bytes`]: 32 MiB.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 32 * 1024 * 1024;
/// Default for [`Options::max_elements`].
pub const DEFAULT_MAX_ELEMENTS: usize = 1_000_000;
/// Default for [`Options::max_depth`]. Chromium's parser stops nesting at 512; the HTML parser
/// spends time proportional to the depth on every tag, so deeper documents are refused.
pub const DEFAULT_MAX_DEPTH: usize = 1024;

/// Default for [`Options::max_items`]: the most items [`crate::clean_feed`] accepts.
pub const DEFAULT_MAX_ITEMS: usize = 1000;

/// What the feed an item came from says about the site: the rules can use it (`{{siteName}}`
/// in a text pattern), and a generator names the feed for `scope.feeds`. Filled by
/// [`crate::clean_feed`] from the feed document; give it yourself to `clean` a single item of a
/// feed you parsed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct FeedContext {
    /// The feed's `<generator>`, e.g. `https://wordpress.org/?v=6.4.2`.
    #[ts(optional, as = "Option<String>")]
    pub generator: Option<String>,
    /// The site's name as the feed gives it (WordPress footers repeat it).
    #[ts(optional, as = "Option<String>")]
    pub site_name: Option<String>,
    /// The site's home page.
    #[ts(optional, as = "Option<String>")]
    pub site_url: Option<String>,
}

/// Most phrases per category in [`Options::vocabulary`].
pub const MAX_PHRASES: usize = 2000;
/// Longest phrase in [`Options::vocabulary`], in characters.
pub const MAX_PHRASE_CHARS: usize = 200;

/// Options of [`crate::clean`]. Every field is optional in JSON (camelCase keys); unknown keys are
/// an error, so a typo never goes unnoticed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
#[ts(rename = "CleanOptions")]
pub struct Options {
    /// Base URL for relative links; the envelope's URL or the page's canonical URL wins when absent.
    #[ts(optional, as = "Option<String>")]
    pub url: Option<String>,
    /// Rules added to the built-in set; a rule with a built-in's id replaces it.
    #[ts(optional, as = "Option<Vec<Rule>>")]
    pub rules: Vec<Rule>,
    /// Ids of rules (built-in or given) to switch off; the edge layer's ids (`edge-read-more`,
    /// `edge-share` …) switch off its categories.
    #[ts(optional, as = "Option<Vec<String>>")]
    pub disable_rules: Vec<String>,
    /// Phrases added to the edge layer's built-in vocabulary, by category (`{"readMore":
    /// ["läs hela texten"]}`).
    #[ts(optional, as = "Option<UserVocabulary>")]
    pub vocabulary: UserVocabulary,
    /// Use the built-in rule set and the edge layer (default true).
    #[ts(optional, as = "Option<bool>")]
    pub builtin_rules: bool,
    /// Image-proxy policy (default `"rewrite"`).
    #[ts(optional, as = "Option<ProxyPolicy>")]
    pub unwrap_proxies: ProxyPolicy,
    /// Remove tracking parameters (`utm_*`, `fbclid` …) from every URL (default true).
    #[ts(optional, as = "Option<bool>")]
    pub strip_tracking: bool,
    /// On whole pages, look for the article inside the page (default true); when false the
    /// whole body is cleaned.
    #[ts(optional, as = "Option<bool>")]
    pub find_article: bool,
    /// Largest input accepted, in bytes (default 32 MiB).
    #[ts(optional, as = "Option<f64>")]
    pub max_input_bytes: usize,
    /// Most elements accepted in the parsed document (default 1,000,000).
    #[ts(optional, as = "Option<f64>")]
    pub max_elements: usize,
    /// Deepest element nesting accepted while parsing (default 1024).
    #[ts(optional, as = "Option<f64>")]
    pub max_depth: usize,
    /// Most items accepted by `cleanFeed` (default 1000).
    #[ts(optional, as = "Option<f64>")]
    pub max_items: usize,
    /// The feed the input came from (filled by `cleanFeed` for each item).
    #[ts(optional, as = "Option<FeedContext>")]
    pub feed_context: Option<FeedContext>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            url: None,
            rules: Vec::new(),
            disable_rules: Vec::new(),
            vocabulary: UserVocabulary::default(),
            builtin_rules: true,
            unwrap_proxies: ProxyPolicy::Rewrite,
            strip_tracking: true,
            find_article: true,
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            max_elements: DEFAULT_MAX_ELEMENTS,
            max_depth: DEFAULT_MAX_DEPTH,
            max_items: DEFAULT_MAX_ITEMS,
            feed_context: None,
        }
    }
}

/// The options with `rules` kept raw, so each rule is read on its own and an error names it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
struct RawOptions {
    url: Option<String>,
    rules: Vec<serde_json::Value>,
    disable_rules: Vec<String>,
    vocabulary: UserVocabulary,
    builtin_rules: bool,
    unwrap_proxies: ProxyPolicy,
    strip_tracking: bool,
    find_article: bool,
    max_input_bytes: usize,
    max_elements: usize,
    max_depth: usize,
    max_items: usize,
    feed_context: Option<FeedContext>,
}

impl Default for RawOptions {
    fn default() -> Self {
        let d = Options::default();
        RawOptions {
            url: d.url,
            rules: Vec::new(),
            disable_rules: d.disable_rules,
            vocabulary: d.vocabulary,
            builtin_rules: d.builtin_rules,
            unwrap_proxies: d.unwrap_proxies,
            strip_tracking: d.strip_tracking,
            find_article: d.find_article,
            max_input_bytes: d.max_input_bytes,
            max_elements: d.max_elements,
            max_depth: d.max_depth,
            max_items: d.max_items,
            feed_context: d.feed_context,
        }
    }
}

impl Options {
    /// Reads options from a JSON value (`null` means defaults).
    ///
    /// ```
    /// use article_cleaner::Options;
    /// let o = Options::from_json_value(serde_json::json!({"url": "https://example.com/a"})).unwrap();
    /// assert_eq!(o.url.as_deref(), Some("https://example.com/a"));
    /// let e = Options::from_json_value(serde_json::json!({"unwrapProxy": "off"})).unwrap_err();
    /// assert_eq!(e.code(), "INVALID_OPTIONS");
    /// ```
    pub fn from_json_value(value: serde_json::Value) -> Result<Options, Error> {
        if value.is_null() {
            return Ok(Options::default());
        }
        let raw: RawOptions = serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            Error::InvalidOptions {
                path: if path == "." { String::new() } else { path },
                message: e.into_inner().to_string(),
            }
        })?;
        let rules = raw
            .rules
            .into_iter()
            .enumerate()
            .map(|(index, v)| Rule::from_json_value(index, v))
            .collect::<Result<Vec<_>, _>>()?;
        let options = Options {
            url: raw.url,
            rules,
            disable_rules: raw.disable_rules,
            vocabulary: raw.vocabulary,
            builtin_rules: raw.builtin_rules,
            unwrap_proxies: raw.unwrap_proxies,
            strip_tracking: raw.strip_tracking,
            find_article: raw.find_article,
            max_input_bytes: raw.max_input_bytes,
            max_elements: raw.max_elements,
            max_depth: raw.max_depth,
            max_items: raw.max_items,
            feed_context: raw.feed_context,
        };
        options.validate()?;
        Ok(options)
    }

    /// Reads options from JSON text.
    pub fn from_json_str(text: &str) -> Result<Options, Error> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| Error::InvalidOptions {
                path: String::new(),
                message: format!("not valid JSON: {e}"),
            })?;
        Options::from_json_value(value)
    }

    /// Checks values serde cannot: limits must be positive, rules must compile.
    pub fn validate(&self) -> Result<(), Error> {
        self.validate_limits()?;
        RuleSet::compile_in(
            self.builtin_rules,
            &self.rules,
            &self.disable_rules,
            self.feed_context.as_ref(),
        )
        .map(|_| ())
    }

    /// Every phrase of `vocabulary` must have a letter or digit and at most
    /// [`MAX_PHRASE_CHARS`] characters; at most [`MAX_PHRASES`] per category.
    fn validate_vocabulary(&self) -> Result<(), Error> {
        for (cat, phrases) in self.vocabulary.entries() {
            let key = cat.key();
            if phrases.len() > MAX_PHRASES {
                return Err(Error::InvalidOptions {
                    path: format!("vocabulary.{key}"),
                    message: format!("at most {MAX_PHRASES} phrases per category"),
                });
            }
            for (i, p) in phrases.iter().enumerate() {
                if p.chars().count() > MAX_PHRASE_CHARS || !p.chars().any(char::is_alphanumeric) {
                    return Err(Error::InvalidOptions {
                        path: format!("vocabulary.{key}[{i}]"),
                        message: format!(
                            "a phrase needs a letter or digit and at most {MAX_PHRASE_CHARS} characters"
                        ),
                    });
                }
            }
        }
        Ok(())
    }

    /// Checks the limits and the URL (not the rules).
    pub(crate) fn validate_limits(&self) -> Result<(), Error> {
        if self.max_input_bytes == 0 {
            return Err(Error::InvalidOptions {
                path: "maxInputBytes".into(),
                message: "must be a positive number of bytes".into(),
            });
        }
        if self.max_elements == 0 {
            return Err(Error::InvalidOptions {
                path: "maxElements".into(),
                message: "must be a positive number of elements".into(),
            });
        }
        if self.max_items == 0 {
            return Err(Error::InvalidOptions {
                path: "maxItems".into(),
                message: "must be a positive number of items".into(),
            });
        }
        if self.max_depth == 0 {
            return Err(Error::InvalidOptions {
                path: "maxDepth".into(),
                message: "must be a positive nesting depth".into(),
            });
        }
        self.validate_vocabulary()?;
        if let Some(url) = &self.url {
            if url::Url::parse(url).is_err() {
                return Err(Error::InvalidOptions {
                    path: "url".into(),
                    message: format!("`{url}` is not an absolute URL"),
                });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_rule_errors_name_index_id_and_field() {
        let e = Options::from_json_value(serde_json::json!({
            "rules": [
                {"id": "ok", "match": {"selector": "p"}, "action": {"type": "remove"}},
                {"id": "bad", "match": {"selector": "p[["}, "action": {"type": "remove"}}
            ]
        }))
        .unwrap_err();
        match e {
            Error::InvalidRule {
                index, id, path, ..
            } => {
                assert_eq!(index, 1);
                assert_eq!(id.as_deref(), Some("bad"));
                assert_eq!(path, "match.selector");
            }
            other => panic!("unexpected {other:?}"),
        }
        let e = Options::from_json_value(serde_json::json!({
            "rules": [{"id": "typo", "match": {"selectr": "p"}, "action": {"type": "remove"}}]
        }))
        .unwrap_err();
        assert!(
            matches!(&e, Error::InvalidRule { index: 0, path, .. } if path == "match.selectr"),
            "{e:?}"
        );
        assert!(e.to_string().contains("selectr"));
        let e = Options::from_json_value(serde_json::json!({
            "rules": [{"id": "t", "match": {"text": "("}, "action": {"type": "remove"}}]
        }))
        .unwrap_err();
        assert!(
            matches!(&e, Error::InvalidRule { path, .. } if path == "match.text"),
            "{e:?}"
        );
        let e = Options::from_json_value(serde_json::json!({
            "rules": [{"id": "t", "match": {"selector": "p"}, "action": {"type": "explode"}}]
        }))
        .unwrap_err();
        assert!(
            matches!(&e, Error::InvalidRule { path, .. } if path == "action.type"),
            "{e:?}"
        );
    }

    /// (rule JSON, expected field path, a word the message must contain)
    fn expect_rule_error(rule: serde_json::Value, index_of: usize, path: &str, word: &str) {
        let mut rules = vec![
            serde_json::json!({"id": "ok", "match": {"selector": "p"}, "action": {"type": "remove"}});
            index_of
        ];
        let id = rule.get("id").and_then(|v| v.as_str()).map(str::to_string);
        rules.push(rule);
        let e = Options::from_json_value(serde_json::json!({ "rules": rules })).unwrap_err();
        match &e {
            Error::InvalidRule {
                index,
                id: got_id,
                path: got_path,
                message,
            } => {
                assert_eq!(*index, index_of, "{e}");
                assert_eq!(got_id, &id, "{e}");
                assert_eq!(got_path, path, "{e}");
                assert!(message.contains(word), "{word:?} not in {message:?}");
            }
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(e.code(), "INVALID_RULE");
        let shown = e.to_string();
        assert!(shown.contains(&format!("#{index_of}")), "{shown}");
        if !path.is_empty() {
            assert!(shown.contains(path), "{shown}");
        }
    }

    #[test]
    fn invalid_rule_errors_are_precise() {
        use serde_json::json;
        expect_rule_error(
            json!({"id": "u", "scope": {"urlPatterns": ["ok", "(["]}, "match": {"selector": "p"}, "action": {"type": "remove"}}),
            2,
            "scope.urlPatterns[1]",
            "invalid pattern",
        );
        expect_rule_error(
            json!({"id": "d", "match": {"selector": "p"}, "guard": {"minLinkDensity": 1.5}, "action": {"type": "remove"}}),
            0,
            "guard.minLinkDensity",
            "between 0 and 1",
        );
        expect_rule_error(
            json!({"id": "n", "match": {"selector": "h3"}, "guard": {"nextMinLinkDensity": -0.1}, "action": {"type": "remove"}}),
            1,
            "guard.nextMinLinkDensity",
            "between 0 and 1",
        );
        expect_rule_error(
            json!({"id": "h", "match": {"selector": "p"}, "action": {"type": "promoteHeading", "level": 7}}),
            0,
            "action.level",
            "2 to 6",
        );
        expect_rule_error(
            json!({"id": "r", "action": {"type": "rewriteUrl", "template": "https://x/$1"}}),
            0,
            "match.url",
            "match.url",
        );
        expect_rule_error(
            json!({"id": "m", "action": {"type": "remove"}}),
            0,
            "match",
            "selector",
        );
        expect_rule_error(
            json!({"id": "g", "match": {"selector": "p"}, "guard": {"maxChar": 3}, "action": {"type": "remove"}}),
            0,
            "guard.maxChar",
            "maxChar",
        );
        expect_rule_error(
            json!({"id": "t", "match": {"selector": "p"}, "guard": {"last": "3"}, "action": {"type": "remove"}}),
            0,
            "guard.last",
            "expected u32",
        );
        expect_rule_error(
            json!({"id": "", "match": {"selector": "p"}, "action": {"type": "remove"}}),
            0,
            "id",
            "non-empty",
        );
        expect_rule_error(
            json!({"id": "f", "match": {"selector": "p"}, "action": {"type": "extract", "field": "author"}}),
            0,
            "action.field",
            "author",
        );
        expect_rule_error(
            json!({"id": "x", "match": {"selector": "p"}}),
            3,
            "",
            "action",
        );
        expect_rule_error(
            json!({"id": "w", "match": {"selector": "p"}, "action": {"type": "remove", "withSeparator": true}}),
            0,
            "action.withSeparator",
            "withSeparator",
        );
        expect_rule_error(
            json!({"id": "l", "match": {"selector": "p"}, "action": {"type": "promoteHeading", "level": "two"}}),
            0,
            "action.level",
            "expected u8",
        );
        expect_rule_error(
            json!({"id": "q", "match": {"selector": "p"}, "action": {"type": "promoteHeading"}}),
            0,
            "action.level",
            "level",
        );
        expect_rule_error(
            json!({"id": "p", "match": {"url": "x"}, "action": {"type": "unwrapProxy", "encoding": "rot13"}}),
            0,
            "action.encoding",
            "rot13",
        );
        expect_rule_error(
            json!({"id": "ns", "match": {"selector": "p"}, "guard": {"nextSelector": "hr[["}, "action": {"type": "remove"}}),
            0,
            "guard.nextSelector",
            "invalid CSS selector",
        );
        expect_rule_error(
            json!({"id": "ls", "match": {"selector": "ol"}, "action": {"type": "extract", "field": "related", "linkSource": "::"}}),
            0,
            "action.linkSource",
            "invalid CSS selector",
        );
        expect_rule_error(
            json!({"id": "tt", "match": {"selector": "p"}, "action": {"type": "trimText", "pattern": "(["}}),
            0,
            "action.pattern",
            "invalid pattern",
        );
        expect_rule_error(
            json!({"id": "tp", "match": {"selector": "p"}, "action": {"type": "trimText"}}),
            0,
            "action.pattern",
            "pattern",
        );
        expect_rule_error(
            json!({"id": "ss", "match": {"url": "x"}, "action": {"type": "unwrapProxy", "encoding": "pathTail", "stripSuffix": "@("}}),
            0,
            "action.stripSuffix",
            "invalid pattern",
        );
        expect_rule_error(
            json!({"id": "fl", "match": {"selector": "p"}, "action": {"type": "remove"}, "flag": "sponsored"}),
            0,
            "flag",
            "sponsored",
        );
    }
}
