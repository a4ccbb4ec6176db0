//! Running the element rules over the tree: which rules, in what order, how many passes, and
//! when the element index is rebuilt.

use ego_tree::NodeId;
use scraper::Html;
use url::Url;

use super::actions::{apply_hit, RunState};
use super::extracted::Extracted;
use super::index::{build_index, Index};
use super::inline_runs::wrap_inline_runs;
use super::matcher::find_hits;
use super::scope::in_scope;
use super::{Action, Compiled, RuleSet};
use crate::audit::Audit;
use crate::dom::{self, ego_tree};

/// How many times the element rules run over the tree (the second pass only when the first
/// changed it).
const PASSES: usize = 2;

/// Applies every element rule in scope to the subtree under `root`.
pub(crate) fn apply_element_rules(
    html: &mut Html,
    root: NodeId,
    rules: &RuleSet,
    feeds: &[String],
    page: Option<&Url>,
    audit: &mut Audit,
    out: &mut Extracted,
) {
    let mut state = RunState::default();
    wrap_inline_runs(html, root);
    let element_rules: Vec<&Compiled> = rules
        .rules
        .iter()
        .map(|c| &**c)
        .filter(|c| !c.rule.action.is_url_action() && in_scope(c, feeds, page))
        .collect();
    // Keep rules first, so they protect from everything after them.
    let ordered: Vec<&Compiled> = element_rules
        .iter()
        .filter(|c| matches!(c.rule.action, Action::Keep))
        .chain(
            element_rules
                .iter()
                .filter(|c| !matches!(c.rule.action, Action::Keep)),
        )
        .copied()
        .collect();
    let mut index: Option<Index> = None;
    // Boilerplate often comes in stacks at the end (copyright, related links, share line,
    // footer): a guarded rule may only see its block once a later rule removed what followed
    // it, so the rules run a second time when the first pass changed the tree.
    for pass in 0..PASSES {
        let mut changed_in_pass = false;
        for (rule_index, c) in ordered.iter().enumerate() {
            let idx = index.get_or_insert_with(|| build_index(html, root));
            let hits = find_hits(
                html,
                root,
                c,
                rule_index,
                idx,
                &mut state.cache,
                &state.kept,
                &out.promoted,
            );
            if hits.is_empty() {
                continue;
            }
            let mut changed = false;
            for hit in hits {
                if !dom::is_attached_under(html, hit.id, root) {
                    continue;
                }
                changed |= apply_hit(html, c, rule_index, hit, &mut state, audit, out);
            }
            if changed {
                index = None;
                state.cache.alone.clear();
                changed_in_pass = true;
            }
        }
        if !changed_in_pass || pass + 1 == PASSES {
            break;
        }
    }
}
