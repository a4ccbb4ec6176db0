//! Every pattern and tag set the page extractor uses, in one place (Readability's vocabulary).

use std::sync::OnceLock;

use regex_lite::Regex;

/// Class/id fragments of page parts that are rarely the article (removed before scoring).
pub const UNLIKELY_CANDIDATES: &str = "-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote";
/// Class/id fragments that rescue an otherwise unlikely candidate.
pub const MAYBE_CANDIDATE: &str = "and|article|body|column|content|main|mathjax|shadow";
/// Class/id fragments that raise a node's weight by [`CLASS_WEIGHT`].
pub const POSITIVE: &str =
    "article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story";
/// Class/id fragments that lower a node's weight by [`CLASS_WEIGHT`].
pub const NEGATIVE: &str = "-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget";
/// Class/id fragments of a byline element.
pub const BYLINE: &str = "byline|author|dateline|writtenby|p-author";
/// Share widgets, removed when short.
pub const SHARE_ELEMENTS: &str = r"(\b|_)(share|sharedaddy)(\b|_)";
/// Video hosts whose embeds are kept.
pub const VIDEOS: &str = r"//(www\.)?((dailymotion|youtube|youtube-nocookie|player\.vimeo|v\.qq|bilibili|live\.bilibili)\.com|(archive|upload\.wikimedia)\.org|player\.twitch\.tv)";
/// A block whose whole text is one of these words is an ad slot.
pub const AD_WORDS: &str =
    r"^(ad(vertising|vertisement)?|pub(licité)?|werb(ung)?|广告|Реклама|Anuncio)$";
/// A block whose whole text is one of these words is a loading indicator.
pub const LOADING_WORDS: &str = r"^((loading|正在加载|Загрузка|chargement|cargando)(…|\.\.\.)?)$";
/// Attribute values that name an image file.
pub const IMAGE_FILE: &str = r"\.(jpg|jpeg|png|webp)";

/// ARIA roles of page parts that are never the article.
pub const UNLIKELY_ROLES: &[&str] = &[
    "menu",
    "menubar",
    "complementary",
    "navigation",
    "alert",
    "alertdialog",
    "dialog",
];
/// Elements scored as paragraphs.
pub const TAGS_TO_SCORE: &[&str] = &["section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre"];
/// Block children that keep a `<div>` from becoming a paragraph.
pub const DIV_TO_P_ELEMS: &[&str] = &[
    "blockquote",
    "dl",
    "div",
    "img",
    "ol",
    "p",
    "pre",
    "table",
    "ul",
];
/// Sibling tags merged as they are (others become `<div>`).
pub const ALTER_TO_DIV_EXCEPTIONS: &[&str] = &["div", "article", "section", "p"];
/// Phrasing content (wrapped into paragraphs inside mixed `<div>`s).
pub const PHRASING_ELEMS: &[&str] = &[
    "abbr", "audio", "b", "bdo", "br", "button", "cite", "code", "data", "datalist", "dfn", "em",
    "embed", "i", "img", "input", "kbd", "label", "mark", "math", "meter", "noscript", "object",
    "output", "progress", "q", "ruby", "samp", "script", "select", "small", "span", "strong",
    "sub", "sup", "textarea", "time", "var", "wbr", "font",
];
/// Elements whose text counts toward "text density".
pub const TEXTISH: &[&str] = &[
    "span",
    "li",
    "td",
    "blockquote",
    "dl",
    "div",
    "img",
    "ol",
    "p",
    "pre",
    "table",
    "ul",
];
/// Elements removed outright from the article (embeds survive when they show a known
/// video), before short share widgets are removed…
pub const CLEAN_BEFORE_SHARE: &[&str] = &["object", "embed", "footer", "link", "aside"];
/// …and after.
pub const CLEAN_AFTER_SHARE: &[&str] = &["iframe", "input", "textarea", "select", "button"];
/// Elements removed "conditionally" (when they look like boilerplate), in this order.
pub const CLEAN_CONDITIONALLY_FIRST: &[&str] = &["form", "fieldset"];
/// Conditional cleaning done last, after the unconditional removals.
pub const CLEAN_CONDITIONALLY_LAST: &[&str] = &["table", "ul", "div"];
/// Elements whose text is never content (skipped by text measures).
pub const NO_TEXT: &[&str] = &["script", "style", "noscript", "template"];
/// Comma characters of Latin, Arabic, CJK and other scripts (plus the ideographic
/// enumeration comma and full stop, which mark clause boundaries in CJK text).
pub const COMMAS: &[char] = &[
    ',', '\u{060C}', '\u{FE50}', '\u{FE10}', '\u{FE11}', '\u{2E41}', '\u{2E34}', '\u{2E32}',
    '\u{FF0C}', '、', '。',
];

/// Score added or removed by one class/id pattern match.
pub const CLASS_WEIGHT: f64 = 25.0;
/// Shortest paragraph (weighted characters) that is scored.
pub const MIN_PARAGRAPH_CHARS: usize = 25;
/// Candidates compared when deciding whether the top one is too narrow.
pub const TOP_CANDIDATES: usize = 5;
/// How many close competitors must share an ancestor for it to win.
pub const MIN_TOP_CANDIDATES: usize = 3;
/// Shortest article (weighted characters) accepted before relaxing the policy.
pub const CHAR_THRESHOLD: usize = 500;
/// Share widgets shorter than this are removed.
pub const SHARE_MAX_CHARS: usize = 500;
/// Weight of one CJK character in length thresholds (one ideograph carries about as much as
/// two Latin letters).
pub const CJK_WEIGHT: usize = 2;

/// Compiled patterns.
pub struct Patterns {
    pub unlikely: Regex,
    pub maybe: Regex,
    pub positive: Regex,
    pub negative: Regex,
    pub byline: Regex,
    pub share: Regex,
    pub videos: Regex,
    pub ad_words: Regex,
    pub loading_words: Regex,
    pub image_file: Regex,
}

// The patterns are the constants above, checked by `every_pattern_compiles`.
#[allow(clippy::expect_used)]
fn ci(p: &str) -> Regex {
    Regex::new(&format!("(?i){p}")).expect("constant pattern compiles")
}

/// The compiled patterns (compiled once per process).
pub fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        unlikely: ci(UNLIKELY_CANDIDATES),
        maybe: ci(MAYBE_CANDIDATE),
        positive: ci(POSITIVE),
        negative: ci(NEGATIVE),
        byline: ci(BYLINE),
        share: ci(SHARE_ELEMENTS),
        videos: ci(VIDEOS),
        ad_words: ci(AD_WORDS),
        loading_words: ci(LOADING_WORDS),
        image_file: ci(IMAGE_FILE),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        for p in [
            UNLIKELY_CANDIDATES,
            MAYBE_CANDIDATE,
            POSITIVE,
            NEGATIVE,
            BYLINE,
            SHARE_ELEMENTS,
            VIDEOS,
            AD_WORDS,
            LOADING_WORDS,
            IMAGE_FILE,
        ] {
            assert!(Regex::new(p).is_ok(), "{p}");
        }
        assert!(patterns().ad_words.is_match("广告"));
        assert!(patterns().unlikely.is_match("site-footer"));
    }
}
