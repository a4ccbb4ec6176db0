//! Feed detection: which feed generators (feedx, WordPress, Medium, RSSHub …) produced the
//! item, from signatures in its text, its URLs and its class names. Rules name these in
//! `scope.feeds`.

use ego_tree::NodeId;
use scraper::Html;

use crate::dom::{self, ego_tree};
use crate::text;

/// The feed generators a feed's `<generator>` names (lower-cased needle → feed id): data.
const GENERATORS: &[(&str, &str)] = &[
    ("wordpress", "wordpress"),
    ("blogger", "blogger"),
    ("medium", "medium"),
    ("substack", "substack"),
    ("feedburner", "feedburner"),
    ("rsshub", "rsshub"),
    ("fetchrss", "fetchrss"),
    ("feed43", "feed43"),
    ("inoreader", "inoreader"),
];

/// Detects feed generators from the item's shape, and from the generator its feed names
/// (listed first: the feed document says so).
pub(crate) fn detect_feeds(html: &Html, root: NodeId, generator: Option<&str>) -> Vec<String> {
    // (feed, where to look, needle): data, not logic.
    const SIGNATURES: &[(&str, Look, &str)] = &[
        ("feedx", Look::Text, "获取更多rss"),
        ("feedx", Look::Text, "获取更多 rss"),
        ("feedx", Look::Url, "//feedx.net"),
        ("feedx", Look::Url, "//feedx.run"),
        ("feedx", Look::Url, "//feedx.site"),
        ("feedx", Look::Url, "//feedx.co"),
        ("feedburner", Look::Class, "feedflare"),
        ("feedburner", Look::Url, "feeds.feedburner.com/"),
        ("feedburner", Look::Url, "feedproxy.google.com/"),
        ("wordpress", Look::Text, "appeared first on"),
        ("wordpress", Look::Text, "est apparu en premier sur"),
        ("wordpress", Look::Text, "first appeared on"),
        ("wordpress", Look::Text, "erschien zuerst auf"),
        ("wordpress", Look::Text, "se publicó primero en"),
        ("wordpress", Look::Text, "apareceu primeiro em"),
        ("wordpress", Look::Text, "sembra essere il primo su"),
        ("wordpress", Look::Text, "verscheen eerst op"),
        ("wordpress", Look::Text, "появились сначала на"),
        ("wordpress", Look::Text, "dök först upp på"),
        ("wordpress", Look::Text, "に最初に表示されました"),
        ("wordpress", Look::Text, "最先出现在"),
        ("wordpress", Look::Url, "pixel.wp.com/"),
        ("wordpress", Look::Url, "/wp-content/"),
        ("wordpress", Look::Class, "sharedaddy"),
        ("medium", Look::Url, "medium.com/_/stat"),
        (
            "medium",
            Look::Text,
            "on medium, where people are continuing the conversation",
        ),
        ("substack", Look::Url, "substackcdn.com/"),
        ("substack", Look::Class, "subscription-widget"),
        ("blogger", Look::Class, "blogger-post-footer"),
        (
            "blogger",
            Look::Url,
            "blogger.googleusercontent.com/tracker/",
        ),
        ("feed43", Look::Text, "delivered by feed43"),
        ("fetchrss", Look::Url, "fetchrss.com"),
        ("fetchrss", Look::Text, "feed generated with fetchrss"),
        ("inoreader", Look::Text, "ads from inoreader"),
        ("inoreader", Look::Url, "inoreader.com/camo/"),
        ("rsshub", Look::Text, "powered by rsshub"),
        ("rsshub", Look::Class, "rsshub-quote"),
        ("rsshub", Look::Url, "//rsshub.app/"),
        ("rsshub", Look::NoReferrer, ""),
        ("googlenews", Look::Url, "//news.google.com/rss/articles/"),
        ("xgo", Look::Text, "powered by xgo.ing"),
        ("xgo", Look::Url, "//xgo.ing"),
    ];
    #[derive(Clone, Copy, PartialEq)]
    enum Look {
        Text,
        Url,
        Class,
        /// RSSHub adds `referrerpolicy="no-referrer"` to every `img` and `iframe`: all of them
        /// (at least two) carry it.
        NoReferrer,
    }
    let mut urls = String::new();
    let mut classes = String::new();
    let (mut media, mut no_referrer) = (0usize, 0usize);
    let Some(node) = html.tree.get(root) else {
        return Vec::new();
    };
    for d in node.descendants() {
        if let Some(e) = d.value().as_element() {
            for a in ["href", "src"] {
                if let Some(v) = e.attr(a) {
                    urls.push_str(&v.to_ascii_lowercase());
                    urls.push(' ');
                }
            }
            for c in e.classes() {
                classes.push_str(c);
                classes.push(' ');
            }
            if matches!(e.name(), "img" | "iframe") {
                media += 1;
                if e.attr("referrerpolicy") == Some("no-referrer") {
                    no_referrer += 1;
                }
            }
        }
    }
    let all_no_referrer = media >= 2 && no_referrer == media;
    let folded = text::fold(&dom::text(html, root));
    let mut out: Vec<String> = Vec::new();
    if let Some(g) = generator.map(str::to_ascii_lowercase) {
        if let Some((_, feed)) = GENERATORS.iter().find(|(needle, _)| g.contains(needle)) {
            out.push((*feed).to_string());
        }
    }
    for (feed, look, needle) in SIGNATURES {
        if out.iter().any(|f| f == feed) {
            continue;
        }
        let hay = match look {
            Look::Text => &folded,
            Look::Url => &urls,
            Look::Class => &classes,
            Look::NoReferrer => {
                if all_no_referrer {
                    out.push((*feed).to_string());
                }
                continue;
            }
        };
        if hay.contains(needle) {
            out.push((*feed).to_string());
        }
    }
    out
}
