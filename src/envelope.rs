//! The feed-item envelope: `<!--epoch ms-->`, a Markdown `[title](url)` line and a `------`
//! rule before the HTML body. Any part may be missing.

use crate::article::{InputKind, RemovalAction};
use crate::audit::Audit;

/// What the envelope held, and where the HTML starts.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Envelope<'a> {
    /// Fetch time, epoch milliseconds.
    pub fetched_ms: Option<i64>,
    /// Title from the Markdown link.
    pub title: Option<String>,
    /// URL from the Markdown link (http or https only).
    pub url: Option<String>,
    /// A Markdown link target that is not an http(s) URL (`javascript:…`, `data:…`), dropped.
    pub rejected_url: Option<String>,
    /// The title as written, when it held markup (the title keeps its text only).
    pub title_markup: Option<String>,
    /// The setext underline (`------`) after the title line, when present.
    pub underline: Option<String>,
    /// The HTML after the envelope.
    pub body: &'a str,
}

impl Envelope<'_> {
    /// Whether any envelope part was found.
    pub fn is_present(&self) -> bool {
        self.fetched_ms.is_some() || self.title.is_some() || self.url.is_some()
    }
}

/// Splits the envelope off the input.
pub fn split(input: &str) -> Envelope<'_> {
    let mut env = Envelope {
        body: input,
        ..Envelope::default()
    };
    let mut rest = input.trim_start_matches('\u{feff}').trim_start();
    // 1. <!--1707194823000-->
    if let Some(after) = rest.strip_prefix("<!--") {
        if let Some(end) = after.find("-->") {
            let inner = after.get(..end).unwrap_or("").trim();
            if !inner.is_empty() && inner.len() <= 16 && inner.bytes().all(|b| b.is_ascii_digit()) {
                if let Ok(ms) = inner.parse::<i64>() {
                    env.fetched_ms = Some(ms);
                    rest = after.get(end + 3..).unwrap_or("").trim_start();
                }
            }
        }
    }
    // 2. [title](url) alone on a line, 3. a setext rule of '-' or '='.
    let (line, after_line) = match rest.find('\n') {
        Some(i) => (rest.get(..i).unwrap_or(""), rest.get(i + 1..).unwrap_or("")),
        None => (rest, ""),
    };
    // The title line may be an ATX heading too: `# [title](url)`.
    let title_line = {
        let t = line.trim();
        let hashes = t.bytes().take_while(|&b| b == b'#').count();
        match t.get(hashes..) {
            Some(rest) if (1..=6).contains(&hashes) && rest.starts_with([' ', '\t']) => rest.trim(),
            _ => t,
        }
    };
    if let Some(link) = markdown_link(title_line) {
        env.title = Some(link.title);
        env.title_markup = link.markup;
        if is_http_url(&link.url) {
            env.url = Some(link.url);
        } else {
            env.rejected_url = Some(link.url);
        }
        rest = after_line.trim_start_matches(['\r', '\n']);
        let (rule, after_rule) = match rest.find('\n') {
            Some(i) => (rest.get(..i).unwrap_or(""), rest.get(i + 1..).unwrap_or("")),
            None => (rest, ""),
        };
        let r = rule.trim();
        if r.len() >= 3 && (r.bytes().all(|b| b == b'-') || r.bytes().all(|b| b == b'=')) {
            env.underline = Some(r.to_string());
            rest = after_rule;
        }
    } else {
        let r = line.trim();
        if env.fetched_ms.is_some() && r.len() >= 3 && r.bytes().all(|b| b == b'-') {
            env.underline = Some(r.to_string());
            rest = after_line;
        }
    }
    env.body = rest;
    env
}

/// Records what the envelope held in the audit trail (rule id `envelope`): the fetch-time
/// comment, the Markdown title line and the setext underline never reach the body.
pub(crate) fn record(env: &Envelope<'_>, audit: &mut Audit) {
    if let Some(ms) = env.fetched_ms {
        audit.push(
            "envelope",
            RemovalAction::Extract,
            "feed service's fetch-time comment (epoch milliseconds)",
            Some("fetched"),
            &format!("<!--{ms}-->"),
        );
    }
    if let Some(title) = &env.title {
        let reason = if env.title_markup.is_some() {
            "Markdown title line [title](url) before the HTML (the title's markup dropped, its text kept)"
        } else {
            "Markdown title line [title](url) before the HTML"
        };
        let shown = env.title_markup.as_deref().unwrap_or(title);
        audit.push(
            "envelope",
            RemovalAction::Extract,
            reason,
            Some("title"),
            shown,
        );
    }
    if let Some(url) = &env.url {
        audit.push(
            "envelope",
            RemovalAction::Extract,
            "Markdown title line [title](url) before the HTML",
            Some("url"),
            url,
        );
    }
    if let Some(url) = &env.rejected_url {
        audit.push(
            "envelope",
            RemovalAction::Remove,
            "the Markdown title line's link is not an http(s) URL: dropped (the article URL stays empty)",
            None,
            url,
        );
    }
    if let Some(u) = &env.underline {
        audit.push(
            "envelope",
            RemovalAction::Remove,
            "setext underline of the Markdown title line",
            None,
            u,
        );
    }
}

/// A whole-line Markdown link.
struct MarkdownLink {
    /// Plain-text title.
    title: String,
    /// The title as written, when it held markup.
    markup: Option<String>,
    /// The link target as written.
    url: String,
}

/// Whether a link target is an absolute http(s) URL.
fn is_http_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Parses a whole-line `[title](url)`, allowing `]`/`)` inside balanced brackets. A title
/// that holds markup (`[<b>Breaking</b> news](…)`) is read as HTML and keeps its text only.
fn markdown_link(line: &str) -> Option<MarkdownLink> {
    let inner = line.strip_prefix('[')?;
    let mut depth = 1usize;
    let mut close = None;
    let mut escaped = false;
    for (i, c) in inner.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close?;
    let title = inner.get(..close)?;
    let after = inner
        .get(close + 1..)?
        .strip_prefix('(')?
        .strip_suffix(')')?;
    let url = after.split_whitespace().next()?.trim_matches(['<', '>']);
    // A target must look like a URL: a scheme (`https:`, `javascript:`) or a path; Markdown
    // with prose in the parentheses is not a title line.
    let scheme_like = url.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
    });
    if !(scheme_like || url.starts_with('/')) {
        return None;
    }
    let written = unescape_md(title.trim());
    let (title, markup) = if written.contains('<') || written.contains('&') {
        let text = markup_text(&written);
        let markup = (text != written).then_some(written);
        (text, markup)
    } else {
        (written, None)
    };
    if title.is_empty() {
        return None;
    }
    Some(MarkdownLink {
        title,
        markup,
        url: url.to_string(),
    })
}

/// The text of an HTML snippet (tags dropped, character references decoded, script and style
/// text skipped), whitespace-normalised.
fn markup_text(snippet: &str) -> String {
    let frag = scraper::Html::parse_fragment(snippet);
    crate::dom::text(&frag, frag.root_element().id())
}

fn unescape_md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether the HTML is a whole document (doctype, `<html>`, `<head>` or `<body>` at the top
/// level), as opposed to a fragment.
pub fn looks_like_document(body: &str) -> bool {
    let head: String = body
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    let t = head.trim_start();
    t.starts_with("<!doctype html")
        || t.starts_with("<html")
        || t.starts_with("<?xml")
        || head.contains("<head>")
        || head.contains("<head ")
        || head.contains("<body")
}

/// Detects the input kind.
pub fn kind(env: &Envelope<'_>) -> InputKind {
    if env.is_present() {
        InputKind::FeedItem
    } else if looks_like_document(env.body) {
        InputKind::Document
    } else {
        InputKind::Fragment
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_envelope() {
        let e =
            split("<!--1707194823000-->\n[A [b] title](https://x.test/a-1)\n------\n\n<p>Hi</p>");
        assert_eq!(e.fetched_ms, Some(1_707_194_823_000));
        assert_eq!(e.title.as_deref(), Some("A [b] title"));
        assert_eq!(e.url.as_deref(), Some("https://x.test/a-1"));
        assert_eq!(e.body.trim(), "<p>Hi</p>");
        assert_eq!(e.underline.as_deref(), Some("------"));
        let mut audit = Audit::default();
        record(&e, &mut audit);
        let fields: Vec<Option<String>> =
            audit.into_entries().into_iter().map(|r| r.field).collect();
        assert_eq!(
            fields,
            vec![
                Some("fetched".into()),
                Some("title".into()),
                Some("url".into()),
                None
            ]
        );
        assert_eq!(kind(&e), InputKind::FeedItem);
    }

    #[test]
    fn title_line_as_heading() {
        let env =
            split("<!--1707194823000-->\n# [A title](https://e.org/a)\n\n------\n<p>Body</p>");
        assert_eq!(env.title.as_deref(), Some("A title"));
        assert_eq!(env.url.as_deref(), Some("https://e.org/a"));
        assert_eq!(env.body.trim(), "<p>Body</p>");
        let not = split("#hashtag [x](https://e.org/x)\n<p>Body</p>");
        assert_eq!(not.title, None);
    }

    #[test]
    fn parts_missing() {
        let e = split("[T](https://x.test/)\n<p>x</p>");
        assert_eq!(e.title.as_deref(), Some("T"));
        assert_eq!(e.body, "<p>x</p>");
        let e = split("<!-- 12 -->\n<p>x</p>");
        assert_eq!(e.fetched_ms, Some(12));
        let e = split("<!-- a comment --><p>x</p>");
        assert!(!e.is_present());
        assert_eq!(kind(&e), InputKind::Fragment);
        let e = split("<!DOCTYPE html><html><body>x</body></html>");
        assert_eq!(kind(&e), InputKind::Document);
        let e = split("[not a link] text\n<p>x</p>");
        assert!(!e.is_present());
        let e = split("[T](https://x.test/)");
        assert_eq!(e.body, "");
    }
}
