//! URL rewriting: every link and image URL is resolved against the base URL, passed through
//! the URL rules in scope (`rewriteUrl` templates, `unwrapProxy`, `stripParams`), and kept only
//! when it is `http:`, `https:` or `mailto:`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use url::Url;

use super::scope::in_scope;
use super::strip_params::strip_params;
use super::unwrap_proxy::unwrap_proxy;
use super::{Action, Compiled, RuleSet};
use crate::article::RemovalAction;
use crate::audit::Audit;

/// What to do with image URLs that go through a known image proxy (images.weserv.nl, i0.wp.com …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ProxyPolicy {
    /// Leave proxied URLs as they are.
    Off,
    /// Keep the proxied URL in `src`, record the original in the audit trail.
    Metadata,
    /// Replace `src` with the original URL and keep the proxied one in `proxy` (default).
    #[default]
    Rewrite,
}

/// Rewrites URLs with the URL rules: resolve, rewrite, unwrap proxies, strip tracking, and
/// allow only `http:`, `https:` and `mailto:`.
pub(crate) struct UrlRewriter<'a> {
    base: Option<Url>,
    rules: Vec<&'a Compiled>,
    proxies: ProxyPolicy,
    strip_tracking: bool,
}

/// A rewritten URL.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rewritten {
    pub url: String,
    /// The proxy URL it was unwrapped from.
    pub proxy: Option<String>,
}

impl<'a> UrlRewriter<'a> {
    /// A rewriter with the URL rules of `rules` that are in scope for this item, the
    /// `unwrapProxies` policy and the `stripTracking` switch.
    pub fn new(
        rules: &'a RuleSet,
        proxies: ProxyPolicy,
        strip_tracking: bool,
        base: Option<Url>,
        feeds: &[String],
        page: Option<&Url>,
    ) -> Self {
        UrlRewriter {
            base,
            rules: rules
                .rules
                .iter()
                .map(|c| &**c)
                .filter(|c| c.rule.action.is_url_action() && in_scope(c, feeds, page))
                .collect(),
            proxies,
            strip_tracking,
        }
    }

    /// Resolves and cleans one URL; None when it is empty, unparseable or of a scheme other
    /// than http, https or mailto (audited).
    pub fn rewrite(&self, raw: &str, audit: &mut Audit) -> Option<Rewritten> {
        let raw = raw.trim_matches(|c: char| c.is_whitespace() || c.is_control());
        if raw.is_empty() || raw.starts_with('#') {
            return None;
        }
        let parsed = match &self.base {
            Some(b) => b.join(raw).ok(),
            None => Url::parse(raw).ok(),
        };
        let Some(mut u) = parsed else {
            audit.push(
                "url-unresolvable",
                RemovalAction::Sanitize,
                "relative or malformed URL with no base URL to resolve it against",
                None,
                raw,
            );
            return None;
        };
        if !matches!(u.scheme(), "http" | "https" | "mailto") {
            audit.push(
                "url-scheme",
                RemovalAction::Sanitize,
                "only http, https and mailto URLs are kept",
                None,
                raw,
            );
            return None;
        }
        let mut proxy = None;
        for c in &self.rules {
            if c.url.is_none() {
                if let Action::StripParams { names, prefixes } = &c.rule.action {
                    if self.strip_tracking {
                        strip_params(&mut u, names, prefixes, &c.rule.id, audit);
                    }
                }
                continue;
            }
            let current = u.to_string();
            let Some(caps) = c.url_captures(&current) else {
                continue;
            };
            match &c.rule.action {
                Action::RewriteUrl { template } => {
                    let mut next = String::new();
                    expand(template, &caps, &mut next);
                    if let Ok(n) = Url::parse(&next) {
                        if matches!(n.scheme(), "http" | "https") {
                            audit.push(
                                &c.rule.id,
                                RemovalAction::Rewrite,
                                &c.rule.description,
                                None,
                                &format!("{current} → {n}"),
                            );
                            u = n;
                        }
                    }
                }
                Action::UnwrapProxy {
                    encoding, param, ..
                } => {
                    if self.proxies == ProxyPolicy::Off {
                        continue;
                    }
                    if let Some(orig) =
                        unwrap_proxy(&u, *encoding, param.as_deref(), c.trim.as_ref())
                    {
                        audit.push(
                            &c.rule.id,
                            RemovalAction::Rewrite,
                            &c.rule.description,
                            None,
                            &format!("{current} → {orig}"),
                        );
                        if self.proxies == ProxyPolicy::Rewrite {
                            proxy = Some(current);
                            u = orig;
                        }
                    }
                }
                Action::StripParams { names, prefixes } if self.strip_tracking => {
                    strip_params(&mut u, names, prefixes, &c.rule.id, audit);
                }
                _ => {}
            }
        }
        Some(Rewritten {
            url: u.to_string(),
            proxy,
        })
    }
}

/// Expands `$1`…`$9` (and `$0`) in a template.
fn expand(template: &str, caps: &regex_lite::Captures<'_>, out: &mut String) {
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' {
            if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                chars.next();
                if let Some(m) = caps.get(d as usize) {
                    out.push_str(m.as_str());
                }
                continue;
            }
        }
        out.push(c);
    }
}
