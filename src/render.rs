//! Blocks → `content` HTML, `textContent`, and the one ammonia sanitizer.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::article::Block;
use crate::blocks::{escape_attr, escape_text};

/// The article sanitizer: the elements our renderer writes and nothing else; only http(s) and
/// mailto URLs; `rel="noopener noreferrer"` on links; no comments, styles, classes (except
/// `language-*` on `<code>`) or event handlers.
pub fn sanitizer() -> &'static ammonia::Builder<'static> {
    static B: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    B.get_or_init(|| {
        let tags: HashSet<&str> = [
            "p",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "figure",
            "figcaption",
            "img",
            "ul",
            "ol",
            "li",
            "blockquote",
            "pre",
            "code",
            "table",
            "tbody",
            "tr",
            "td",
            "a",
            "em",
            "strong",
            "sub",
            "sup",
            "mark",
            "del",
            "u",
            "small",
            "q",
            "abbr",
            "br",
        ]
        .into_iter()
        .collect();
        let mut attrs: HashMap<&str, HashSet<&str>> = HashMap::new();
        attrs.insert("a", ["href"].into_iter().collect());
        attrs.insert(
            "img",
            ["src", "alt", "width", "height"].into_iter().collect(),
        );
        attrs.insert("code", ["class"].into_iter().collect());
        let mut b = ammonia::Builder::empty();
        b.tags(tags)
            .tag_attributes(attrs)
            .url_schemes(["http", "https", "mailto"].into_iter().collect())
            .url_relative(ammonia::UrlRelative::Deny)
            .link_rel(Some("noopener noreferrer"))
            .strip_comments(true)
            .attribute_filter(|element, attribute, value| {
                if element == "code" && attribute == "class" {
                    let ok = value
                        .strip_prefix("language-")
                        .map(|l| {
                            !l.is_empty()
                                && l.chars().all(|c| {
                                    c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '#' | '_')
                                })
                        })
                        .unwrap_or(false);
                    return ok.then(|| Cow::Owned(value.to_string()));
                }
                Some(Cow::Owned(value.to_string()))
            });
        b
    })
}

/// Renders blocks to HTML (before sanitizing).
pub fn blocks_html(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Paragraph { html, .. } => {
                out.push_str("<p>");
                out.push_str(html);
                out.push_str("</p>");
            }
            Block::Heading { level, html, .. } => {
                let l = (*level).clamp(2, 6);
                out.push_str(&format!("<h{l}>"));
                out.push_str(html);
                out.push_str(&format!("</h{l}>"));
            }
            Block::Image {
                src,
                alt,
                caption,
                width,
                height,
                ..
            } => {
                out.push_str("<figure><img src=\"");
                escape_attr(src, &mut out);
                out.push('"');
                if let Some(a) = alt {
                    out.push_str(" alt=\"");
                    escape_attr(a, &mut out);
                    out.push('"');
                }
                if let Some(w) = width {
                    out.push_str(&format!(" width=\"{w}\""));
                }
                if let Some(h) = height {
                    out.push_str(&format!(" height=\"{h}\""));
                }
                out.push('>');
                if let Some(c) = caption {
                    out.push_str("<figcaption>");
                    escape_text(c, &mut out);
                    out.push_str("</figcaption>");
                }
                out.push_str("</figure>");
            }
            Block::List { ordered, items } => {
                let tag = if *ordered { "ol" } else { "ul" };
                out.push_str(&format!("<{tag}>"));
                for i in items {
                    out.push_str("<li>");
                    out.push_str(&i.html);
                    out.push_str("</li>");
                }
                out.push_str(&format!("</{tag}>"));
            }
            Block::Quote { html, .. } => {
                out.push_str("<blockquote><p>");
                out.push_str(html);
                out.push_str("</p></blockquote>");
            }
            Block::Code { text, language } => {
                out.push_str("<pre><code");
                if let Some(l) = language {
                    out.push_str(" class=\"language-");
                    escape_attr(l, &mut out);
                    out.push('"');
                }
                out.push('>');
                escape_text(text, &mut out);
                out.push_str("</code></pre>");
            }
            Block::Table { rows } => {
                out.push_str("<table><tbody>");
                for r in rows {
                    out.push_str("<tr>");
                    for c in r {
                        out.push_str("<td>");
                        escape_text(c, &mut out);
                        out.push_str("</td>");
                    }
                    out.push_str("</tr>");
                }
                out.push_str("</tbody></table>");
            }
            Block::Embed { src, provider } => {
                out.push_str("<p><a href=\"");
                escape_attr(src, &mut out);
                out.push_str("\" rel=\"noopener noreferrer\">");
                escape_text(&format!("Embedded content ({provider})"), &mut out);
                out.push_str("</a></p>");
            }
        }
    }
    out
}

/// Sanitizes HTML with [`sanitizer`].
pub fn sanitize(html: &str) -> String {
    sanitizer().clean(html).to_string()
}

/// Plain text of the blocks, joined by blank lines.
pub fn text_content(blocks: &[Block]) -> String {
    let mut parts: Vec<String> = Vec::with_capacity(blocks.len());
    for b in blocks {
        let t = match b {
            Block::Paragraph { text, .. }
            | Block::Heading { text, .. }
            | Block::Quote { text, .. } => text.clone(),
            Block::Image { caption, .. } => caption.clone().unwrap_or_default(),
            Block::List { items, .. } => items
                .iter()
                .map(|i| i.text.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Code { text, .. } => text.clone(),
            Block::Table { rows } => rows
                .iter()
                .map(|r| r.join("\t"))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Embed { .. } => String::new(),
        };
        if !t.is_empty() {
            parts.push(t);
        }
    }
    parts.join("\n\n")
}
