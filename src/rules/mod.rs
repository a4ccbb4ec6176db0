//! Rules as data: the rule format, the built-in rule set (`builtin.json`), compilation, and
//! applying the rules to the parsed DOM and to URLs.
//!
//! A rule says *where* it applies (`scope`), *what* it matches (`match`: a CSS selector, a text
//! pattern over the element's folded text, a URL pattern), *when* it may fire (`guard`: position
//! among the article's blocks, length, link density) and *what* it does (`action`). The built-in
//! set is written in the same format and shipped as `src/rules/builtin.json`.

// The rules: their format, the built-in set, compilation, and the set in force for a call.
mod builtin;
mod compile;
mod format;
mod placeholders;
mod rule_set;

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

pub use builtin::builtin_rules;
pub use compile::validate_rules;
pub use format::{
    rules_from_json_str, rules_schema, Action, Field, Flag, Guard, Match, ProxyEncoding, Rule,
    Scope,
};
pub use url_rewriter::ProxyPolicy;

pub(crate) use apply::apply_element_rules;
pub(crate) use compile::{Compiled, TEXT_RULE_NAMES};
pub(crate) use feed_detection::detect_feeds;
#[cfg(test)]
pub(crate) use placeholders::fill as fill_placeholders;
pub(crate) use rule_set::RuleSet;
pub(crate) use url_rewriter::UrlRewriter;
