//! The rules in force for one call: the built-ins, the caller's rules, the disabled ids.

use super::builtin::compiled_builtins;
use super::compile::{compile_rule, Compiled};
use super::format::Rule;
use crate::error::Error;

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
