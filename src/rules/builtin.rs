//! The built-in rule set: `builtin.json`, parsed once and compiled once per process.

use std::sync::OnceLock;

use super::compile::{compile_rule, Compiled};
use super::format::{rules_from_json_str, Rule};
use crate::error::Error;

const BUILTIN_JSON: &str = include_str!("builtin.json");

/// The built-in rule set, as data (parsed once from `src/rules/builtin.json`).
pub fn builtin_rules() -> &'static [Rule] {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    // The built-in file is checked by a unit test; a broken file would give an empty set
    // rather than a panic.
    RULES.get_or_init(|| rules_from_json_str(BUILTIN_JSON).unwrap_or_default())
}

/// The built-in rules, compiled once (selectors and patterns) and shared by every call.
pub(super) fn compiled_builtins() -> Result<&'static [Compiled], Error> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

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
        let set = RuleSet::compile_in(true, &[], &[], None).expect("built-in rules compile");
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
}
