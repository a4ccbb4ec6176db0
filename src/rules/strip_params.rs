//! Parameter stripping (`stripParams`): tracking parameters (`utm_*`, `fbclid` …) removed from
//! a URL's query, the rest kept in order.

use url::Url;

use crate::article::RemovalAction;
use crate::audit::Audit;

/// Removes the query parameters named in `names` or starting with one of `prefixes` (ASCII
/// case-insensitive) from `u`; audited under `rule` when any went.
pub(super) fn strip_params(
    u: &mut Url,
    names: &[String],
    prefixes: &[String],
    rule: &str,
    audit: &mut Audit,
) {
    if u.query().is_none() {
        return;
    }
    let before = u.to_string();
    let pairs: Vec<(String, String)> = u
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let drop = |k: &str| {
        let k = k.to_ascii_lowercase();
        names.iter().any(|n| n.eq_ignore_ascii_case(&k))
            || prefixes
                .iter()
                .any(|p| k.starts_with(&p.to_ascii_lowercase()))
    };
    if !pairs.iter().any(|(k, _)| drop(k)) {
        return;
    }
    let kept: Vec<&(String, String)> = pairs.iter().filter(|(k, _)| !drop(k)).collect();
    if kept.is_empty() {
        u.set_query(None);
    } else {
        let mut ser = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in kept {
            ser.append_pair(k, v);
        }
        u.set_query(Some(&ser.finish()));
    }
    audit.push(
        rule,
        RemovalAction::Rewrite,
        "tracking parameters removed",
        None,
        &format!("{before} → {u}"),
    );
}
