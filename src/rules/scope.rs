//! Scope: whether a rule applies to this item at all (its feed generators, the article URL's
//! host and the URL patterns).

use url::Url;

use super::Compiled;

/// Whether a rule's scope admits this item.
pub(super) fn in_scope(c: &Compiled, feeds: &[String], page: Option<&Url>) -> bool {
    let s = &c.rule.scope;
    if !s.feeds.is_empty() && !s.feeds.iter().any(|f| feeds.iter().any(|d| d == f)) {
        return false;
    }
    if !s.domains.is_empty() {
        let Some(host) = page.and_then(|u| u.host_str()) else {
            return false;
        };
        let host = host.to_ascii_lowercase();
        let ok = s.domains.iter().any(|d| {
            let d = d.trim_start_matches('.').to_ascii_lowercase();
            host == d || host.ends_with(&format!(".{d}"))
        });
        if !ok {
            return false;
        }
    }
    if !c.url_patterns.is_empty() {
        let Some(u) = page else { return false };
        if !c.url_patterns.iter().any(|r| r.is_match(u.as_str())) {
            return false;
        }
    }
    true
}
