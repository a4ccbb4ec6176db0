//! Element texts computed while matching text rules, kept across rules and passes.

use ego_tree::NodeId;
use scraper::Html;

use crate::dom::{ego_tree, IdMap};

/// Element texts (and their folded forms) computed by text rules, shared by every rule. An
/// element's text depends on its subtree only, so when rules detach nodes only the entries of
/// their ancestors are dropped ([`TextCache::invalidate_ancestors`]). Whether an element stands
/// alone depends on its siblings: that part is cleared on every change.
#[derive(Default)]
pub(super) struct TextCache {
    /// By element.
    pub(super) texts: IdMap<CachedText>,
    /// Whether an inline element stands alone on its line (see [`super::matcher::stands_alone`]).
    pub(super) alone: IdMap<bool>,
}

/// One element's text, its folded form, and the rules whose text pattern it failed.
#[derive(Default)]
pub(super) struct CachedText {
    /// The element's text ([`crate::dom::text`]).
    pub(super) text: String,
    /// Characters in `text` (compared with every rule's length cap).
    pub(super) chars: usize,
    /// `text` folded ([`crate::text::fold`]), computed when a text pattern first needs it.
    pub(super) folded: Option<String>,
    /// Bit `i` set: the rule at position `i` of the ordered rule list does not match this
    /// text (the second pass skips it; the entry goes when the text changes).
    misses: Vec<u64>,
}

impl CachedText {
    /// An entry for `text`; its folded form is computed on first use.
    pub(super) fn new(text: String) -> CachedText {
        CachedText {
            chars: text.chars().count(),
            text,
            ..CachedText::default()
        }
    }

    /// Whether the rule at `rule` is known not to match this text.
    pub(super) fn missed(&self, rule: usize) -> bool {
        self.misses
            .get(rule / 64)
            .is_some_and(|w| w & (1u64 << (rule % 64)) != 0)
    }

    /// Records that the rule at `rule` does not match this text.
    pub(super) fn set_missed(&mut self, rule: usize) {
        if self.misses.len() <= rule / 64 {
            self.misses.resize(rule / 64 + 1, 0);
        }
        if let Some(w) = self.misses.get_mut(rule / 64) {
            *w |= 1u64 << (rule % 64);
        }
    }
}

impl TextCache {
    /// Drops the texts a change under `id` may alter: those of its ancestors. Call before
    /// detaching `id` or its siblings (they share the ancestors).
    pub(super) fn invalidate_ancestors(&mut self, html: &Html, id: NodeId) {
        if let Some(node) = html.tree.get(id) {
            for a in node.ancestors() {
                self.texts.remove(&a.id());
            }
        }
    }
}
