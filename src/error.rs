//! The one error type of the crate.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Why [`crate::clean`] refused its input or options.
///
/// Every variant has a stable machine-readable [`Error::code`]; the wasm boundary turns it into a
/// JavaScript `Error` whose `code` property carries it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is larger than `maxInputBytes`.
    #[error("The input is {found} bytes long, more than the limit of {limit} bytes (option maxInputBytes).")]
    InputTooLarge {
        /// The configured limit.
        limit: usize,
        /// The input's size in bytes.
        found: usize,
    },
    /// The parsed document has more elements than `maxElements`.
    #[error(
        "The document has {found} elements, more than the limit of {limit} (option maxElements)."
    )]
    TooManyElements {
        /// The configured limit.
        limit: usize,
        /// The number of elements found (counting stops just past the limit).
        found: usize,
    },
    /// The document nests elements deeper than `maxDepth`.
    #[error(
        "The document nests elements {found} deep, more than the limit of {limit} (option maxDepth)."
    )]
    TooDeep {
        /// The configured limit.
        limit: usize,
        /// The depth found (parsing stops soon after the limit is passed).
        found: usize,
    },
    /// The options object is malformed.
    #[error("Invalid options at `{path}`: {message}")]
    InvalidOptions {
        /// Path of the offending field, e.g. `unwrapProxies`.
        path: String,
        /// What was wrong and what was expected.
        message: String,
    },
    /// A rule is malformed.
    #[error("Invalid rule #{index}{}: at `{path}`: {message}", id.as_ref().map(|i| format!(" (id \"{i}\")")).unwrap_or_default())]
    InvalidRule {
        /// Position of the rule in the list it came in (0-based).
        index: usize,
        /// The rule's id, when it has a readable one.
        id: Option<String>,
        /// Path of the offending field inside the rule, e.g. `match.selector`.
        path: String,
        /// What was wrong and what was expected.
        message: String,
    },
    /// The input is not a feed: not RSS, Atom or JSON Feed (an HTML page, plain text, other
    /// XML or JSON).
    #[error("Not a feed: {message}")]
    NotAFeed {
        /// What was found instead, as a full sentence.
        message: String,
    },
    /// The input looks like a feed but cannot be read: malformed XML or JSON, or a document
    /// type declaring entities (never expanded).
    #[error("Invalid feed: {message}")]
    InvalidFeed {
        /// What was wrong, as a full sentence.
        message: String,
    },
    /// The feed has more items than `maxItems`.
    #[error("The feed has {found} items, more than the limit of {limit} (option maxItems).")]
    TooManyItems {
        /// The configured limit.
        limit: usize,
        /// The number of items in the feed.
        found: usize,
    },
    /// Feed bytes declare a charset (BOM or XML declaration) that is not known.
    #[error("Unsupported charset `{label}`: the feed's bytes cannot be decoded.")]
    UnsupportedCharset {
        /// The label as declared.
        label: String,
    },
    /// `cleanDocument()` found no DOM document to read: it runs where there is none (Node.js,
    /// a worker) and none was passed, or what was passed is not a document.
    #[error("{message}")]
    NoDocument {
        /// What was missing and what to do instead, as a full sentence.
        message: String,
    },
}

/// Structured form of an [`Error`], as handed to JavaScript and printed by the CLI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ErrorInfo {
    /// Stable code: `INPUT_TOO_LARGE`, `TOO_MANY_ELEMENTS`, `TOO_DEEP`, `INVALID_OPTIONS`,
    /// `INVALID_RULE`, `NO_DOCUMENT`, `NOT_A_FEED`, `INVALID_FEED`, `TOO_MANY_ITEMS`,
    /// `UNSUPPORTED_CHARSET`.
    pub code: String,
    /// A full sentence.
    pub message: String,
    /// Field path for option and rule errors.
    pub path: Option<String>,
    /// Rule index for rule errors.
    pub rule_index: Option<u32>,
    /// Rule id for rule errors.
    pub rule_id: Option<String>,
    /// The limit, for limit errors.
    pub limit: Option<f64>,
    /// The value found, for limit errors.
    pub found: Option<f64>,
}

impl Error {
    /// The stable machine-readable code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InputTooLarge { .. } => "INPUT_TOO_LARGE",
            Error::TooManyElements { .. } => "TOO_MANY_ELEMENTS",
            Error::TooDeep { .. } => "TOO_DEEP",
            Error::InvalidOptions { .. } => "INVALID_OPTIONS",
            Error::InvalidRule { .. } => "INVALID_RULE",
            Error::NoDocument { .. } => "NO_DOCUMENT",
            Error::NotAFeed { .. } => "NOT_A_FEED",
            Error::InvalidFeed { .. } => "INVALID_FEED",
            Error::TooManyItems { .. } => "TOO_MANY_ITEMS",
            Error::UnsupportedCharset { .. } => "UNSUPPORTED_CHARSET",
        }
    }

    /// Whether this is a size or shape limit of the input (`INPUT_TOO_LARGE`,
    /// `TOO_MANY_ELEMENTS`, `TOO_DEEP`) rather than a problem with the options or rules.
    pub fn is_limit(&self) -> bool {
        matches!(
            self,
            Error::InputTooLarge { .. } | Error::TooManyElements { .. } | Error::TooDeep { .. }
        )
    }

    /// The structured form of this error.
    pub fn info(&self) -> ErrorInfo {
        let mut info = ErrorInfo {
            code: self.code().to_string(),
            message: self.to_string(),
            path: None,
            rule_index: None,
            rule_id: None,
            limit: None,
            found: None,
        };
        match self {
            Error::InputTooLarge { limit, found }
            | Error::TooManyElements { limit, found }
            | Error::TooDeep { limit, found }
            | Error::TooManyItems { limit, found } => {
                info.limit = Some(*limit as f64);
                info.found = Some(*found as f64);
            }
            Error::InvalidOptions { path, .. } => info.path = Some(path.clone()),
            Error::InvalidRule {
                index, id, path, ..
            } => {
                info.path = Some(path.clone());
                info.rule_index = Some(u32::try_from(*index).unwrap_or(u32::MAX));
                info.rule_id = id.clone();
            }
            Error::NoDocument { .. }
            | Error::NotAFeed { .. }
            | Error::InvalidFeed { .. }
            | Error::UnsupportedCharset { .. } => {}
        }
        info
    }
}
