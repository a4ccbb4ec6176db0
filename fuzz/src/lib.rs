//! Invariants checked on every fuzz input: `clean()` never panics, errors are typed, and every
//! successful output is safe (allow-listed markup, no handler attributes, only http(s)/mailto
//! URLs) and serializable.

use article_cleaner::{clean, Article, Block, Options};
use scraper::{Html, Node};

/// Elements the sanitized output may contain (render.rs's allow-list).
const ALLOWED: &[&str] = &[
    "p", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "img", "ul", "ol", "li",
    "blockquote", "pre", "code", "table", "tbody", "tr", "td", "a", "em", "strong", "sub", "sup",
    "mark", "del", "u", "small", "q", "abbr", "br",
];

/// Stack given to the thread that runs `clean()`: wasm's stack is small, so is this.
pub const STACK: usize = 512 * 1024;

fn url_ok(u: &str) -> bool {
    match url::Url::parse(u) {
        Ok(p) => matches!(p.scheme(), "http" | "https" | "mailto"),
        Err(_) => false,
    }
}

fn check_url(what: &str, u: &str) {
    assert!(url_ok(u), "{what}: unsafe or unparseable URL {u:?}");
}

/// Checks one HTML string produced by the cleaner.
pub fn check_html(what: &str, html: &str) {
    let frag = Html::parse_fragment(html);
    for node in frag.tree.nodes() {
        match node.value() {
            Node::Element(e) => {
                let name = e.name();
                if matches!(name, "html" | "head" | "body") {
                    continue; // the fragment parser's own context root
                }
                assert!(ALLOWED.contains(&name), "{what}: element <{name}> in {html:?}");
                for (k, v) in e.attrs() {
                    assert!(
                        !k.to_ascii_lowercase().starts_with("on"),
                        "{what}: handler attribute {k} in {html:?}"
                    );
                    let allowed_attr = match name {
                        "a" => matches!(k, "href" | "rel"),
                        "img" => matches!(k, "src" | "alt" | "width" | "height"),
                        "code" => k == "class",
                        _ => false,
                    };
                    assert!(allowed_attr, "{what}: attribute {k} on <{name}> in {html:?}");
                    if matches!(k, "href" | "src") {
                        check_url(what, v);
                    }
                }
            }
            Node::Comment(_) => panic!("{what}: comment survived in {html:?}"),
            _ => {}
        }
    }
}

/// Checks a successful result.
pub fn check_article(a: &Article) {
    check_html("content", &a.content);
    for b in &a.blocks {
        match b {
            Block::Paragraph { html, .. } | Block::Quote { html, .. } => check_html("block", html),
            Block::List { items, .. } => {
                for i in items {
                    check_html("list item", &i.html);
                }
            }
            Block::Image { src, proxy, .. } => {
                check_url("image src", src);
                if let Some(p) = proxy {
                    check_url("image proxy", p);
                }
            }
            Block::Embed { src, .. } => check_url("embed src", src),
            _ => {}
        }
    }
    if let Some(u) = &a.url {
        check_url("url", u);
    }
    if let Some(l) = &a.lead_image {
        check_url("leadImage.src", &l.src);
    }
    for r in &a.related {
        check_url("related url", &r.url);
    }
    for l in &a.links {
        check_url("link href", &l.href);
    }
    serde_json::to_string(a).expect("the article serializes");
}

/// Runs `clean()` on a small-stack thread and checks the result; returns the JSON on success.
pub fn run(html: String, options: Options) -> Option<String> {
    let handle = std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || match clean(&html, &options) {
            Ok(a) => {
                check_article(&a);
                Some(serde_json::to_string(&a).expect("serializes"))
            }
            Err(e) => {
                assert!(
                    matches!(
                        e.code(),
                        "INPUT_TOO_LARGE" | "TOO_MANY_ELEMENTS" | "INVALID_OPTIONS" | "INVALID_RULE"
                    ),
                    "unknown error code {}",
                    e.code()
                );
                let _ = e.info();
                None
            }
        })
        .expect("spawn");
    match handle.join() {
        Ok(r) => r,
        Err(p) => std::panic::resume_unwind(p),
    }
}
