//! The audit trail: every removal, extraction and rewrite, with the rule that did it.

use crate::article::{Removal, RemovalAction};
use crate::text::{normalize_ws, truncate_chars};

/// Longest excerpt kept in an audit entry, in characters.
pub const EXCERPT_CHARS: usize = 200;

/// Collects [`Removal`] entries.
#[derive(Debug, Default)]
pub struct Audit {
    entries: Vec<Removal>,
}

impl Audit {
    /// Records one entry; `text` is whitespace-normalised and cut to [`EXCERPT_CHARS`].
    pub fn push(
        &mut self,
        rule: &str,
        action: RemovalAction,
        reason: &str,
        field: Option<&str>,
        text: &str,
    ) {
        self.push_with_signals(rule, action, reason, field, text, Vec::new());
    }

    /// Records one entry of a heuristic decision, with the signals that made it.
    pub fn push_with_signals(
        &mut self,
        rule: &str,
        action: RemovalAction,
        reason: &str,
        field: Option<&str>,
        text: &str,
        signals: Vec<String>,
    ) {
        self.entries.push(Removal {
            rule: rule.to_string(),
            action,
            reason: reason.to_string(),
            field: field.map(str::to_string),
            text: truncate_chars(&normalize_ws(text), EXCERPT_CHARS),
            signals,
        });
    }

    /// The entries so far.
    pub fn into_entries(self) -> Vec<Removal> {
        self.entries
    }
}

impl Audit {
    /// Appends another trail's entries.
    pub fn extend(&mut self, other: Audit) {
        self.entries.extend(other.entries);
    }
}
