//! The rules in force for one call: the built-ins, the caller's rules, the disabled ids.

use super::builtin::compiled_builtins;
use super::compile::{compile_rule_in, Compiled};
use super::format::Rule;
use super::placeholders;
use crate::error::Error;
use crate::options::FeedContext;

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
    ///
    /// With a feed context, rules with placeholders (`{{siteName}}`) are compiled with its
    /// values, and left out when it lacks one.
    pub fn compile_in(
        builtin: bool,
        user: &[Rule],
        disabled: &[String],
        ctx: Option<&FeedContext>,
    ) -> Result<RuleSet, Error> {
        let mut rules: Vec<RuleRef> = Vec::new();
        let usable = |c: &Compiled| {
            !c.contextual
                || c.rule
                    .matcher
                    .text
                    .as_deref()
                    .is_some_and(|p| placeholders::fill(p, ctx).is_some())
        };
        if builtin {
            for (i, c) in compiled_builtins()?.iter().enumerate() {
                if !c.contextual {
                    rules.push(RuleRef::Builtin(c));
                } else if usable(c) {
                    rules.push(RuleRef::User(Box::new(compile_rule_in(
                        i, true, &c.rule, ctx,
                    )?)));
                }
            }
        }
        for (i, r) in user.iter().enumerate() {
            if disabled.iter().any(|d| d == &r.id) {
                // Switched off: not compiled (as before), and a built-in of that id goes too.
                continue;
            }
            let compiled = compile_rule_in(i, false, r, ctx)?;
            let keep = usable(&compiled);
            let compiled = RuleRef::User(Box::new(compiled));
            if !keep {
                // Checked, but its placeholder has no value here: it replaces a built-in of its
                // id all the same, and cannot fire.
                rules.retain(|m| m.rule.id != r.id);
                continue;
            }
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
