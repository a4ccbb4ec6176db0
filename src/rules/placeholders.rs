//! Placeholders in rule text patterns, filled from the feed the item came from.
//!
//! `{{siteName}}` in a `match.text` pattern stands for the feed's site name
//! ([`crate::options::FeedContext::site_name`]), regex-escaped and folded like the text it is
//! matched against, so a footer naming the site ("The post … appeared first on Example Blog.")
//! is matched exactly, not by a guess at where the name ends. A rule whose placeholder has no
//! value for the call is left out of the call's rule set: it cannot fire.

use crate::options::FeedContext;

/// Reads one field of the context.
type Getter = fn(&FeedContext) -> Option<&str>;

/// The placeholders, with the context field each is filled from.
const PLACEHOLDERS: &[(&str, Getter)] = &[("{{siteName}}", |c| c.site_name.as_deref())];

/// Does the pattern name a placeholder?
pub(crate) fn has_placeholder(pattern: &str) -> bool {
    PLACEHOLDERS.iter().any(|(p, _)| pattern.contains(p))
}

/// The pattern with its placeholders filled from `ctx`; None when one has no value.
pub(crate) fn fill(pattern: &str, ctx: Option<&FeedContext>) -> Option<String> {
    let mut out = pattern.to_string();
    for (name, get) in PLACEHOLDERS {
        if !out.contains(name) {
            continue;
        }
        let value = ctx.and_then(get).map(crate::text::normalize_ws)?;
        if value.is_empty() {
            return None;
        }
        // Folded text has its whitespace collapsed to single spaces, as the value now has.
        let escaped = regex_lite::escape(&crate::text::fold(&value));
        out = out.replace(name, &format!("(?:{escaped})"));
    }
    Some(out)
}

/// The pattern with a neutral value in each placeholder: to check that it compiles.
pub(crate) fn neutral(pattern: &str) -> String {
    let mut out = pattern.to_string();
    for (name, _) in PLACEHOLDERS {
        out = out.replace(name, "(?:site)");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_escaped_and_folded() {
        let ctx = FeedContext {
            site_name: Some("  Ars  Technica (US) ".into()),
            ..FeedContext::default()
        };
        let p = fill(".+ on {{siteName}}\\.?", Some(&ctx)).unwrap();
        assert_eq!(p, ".+ on (?:ars technica \\(us\\))\\.?");
        assert!(fill("on {{siteName}}", None).is_none());
        assert_eq!(
            fill("no placeholder", None).as_deref(),
            Some("no placeholder")
        );
        assert!(has_placeholder("x {{siteName}}"));
        assert_eq!(neutral("{{siteName}}!"), "(?:site)!");
    }
}
