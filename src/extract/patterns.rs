//! Every pattern and tag set the page extractor uses, in one place (Readability's vocabulary).

use std::sync::OnceLock;

use regex_lite::Regex;

use crate::literals::AnyLiteral;

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
#[cfg_attr(not(test), allow(dead_code))] // the reference the matcher is tested against
pub const SHARE_ELEMENTS: &str = r"(\b|_)(share|sharedaddy)(\b|_)";
/// Video hosts whose embeds are kept.
#[cfg_attr(not(test), allow(dead_code))] // the reference the matcher is tested against
pub const VIDEOS: &str = r"//(www\.)?((dailymotion|youtube|youtube-nocookie|player\.vimeo|v\.qq|bilibili|live\.bilibili)\.com|(archive|upload\.wikimedia)\.org|player\.twitch\.tv)";
/// A block whose whole text is one of these words is an ad slot.
pub const AD_WORDS: &str =
    r"^(ad(vertising|vertisement)?|pub(licité)?|werb(ung)?|广告|Реклама|Anuncio)$";
/// A block whose whole text is one of these words is a loading indicator.
pub const LOADING_WORDS: &str = r"^((loading|正在加载|Загрузка|chargement|cargando)(…|\.\.\.)?)$";
/// Attribute values that name an image file (Readability's `/\.(jpg|jpeg|png|webp)/i`).
#[cfg_attr(not(test), allow(dead_code))] // the reference the matcher is tested against
pub const IMAGE_FILE: &str = r"\.(jpg|jpeg|png|webp)";
/// [`IMAGE_FILE`] as words.
pub const IMAGE_FILE_EXTENSIONS: &str = ".jpg|.jpeg|.png|.webp";

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

/// A class/id vocabulary: matches when the haystack contains one of the words, ignoring ASCII
/// case — what Readability's `/a|b|c/i` does, without a regex engine (these run on every
/// element's class and id, on every attempt).
pub struct Words {
    any: Option<AnyLiteral>,
    /// Also match `hid` as a whole space-separated token (Readability's `^hid$| hid$| hid |^hid `).
    hid_token: bool,
}

impl Words {
    fn new(alternation: &str) -> Words {
        let mut hid_token = false;
        let words: Vec<&str> = alternation
            .split('|')
            .filter(|w| {
                let anchored = w.trim() == "hid" && (w.starts_with('^') || w.starts_with(' '));
                let bare_anchor = w.starts_with('^') || w.ends_with('$');
                if anchored || bare_anchor {
                    hid_token = true;
                    false
                } else {
                    true
                }
            })
            .collect();
        Words {
            any: AnyLiteral::new(&words),
            hid_token,
        }
    }

    /// Whether `s` contains one of the words.
    pub fn is_match(&self, s: &str) -> bool {
        if self.any.as_ref().is_some_and(|a| a.matches(s)) {
            return true;
        }
        self.hid_token && s.split(' ').any(|t| t.eq_ignore_ascii_case("hid"))
    }
}

/// Readability's share pattern `(\b|_)(share|sharedaddy)(\b|_)` (ASCII word boundaries).
pub struct ShareWords;

impl ShareWords {
    /// Whether `s` holds `share` or `sharedaddy` as a word (`_` counts as a boundary).
    pub fn is_match(&self, s: &str) -> bool {
        let b = s.as_bytes();
        let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
        let mut from = 0usize;
        while let Some(pos) = find_ascii_ci(b.get(from..).unwrap_or(&[]), b"share") {
            let at = from + pos;
            let before_ok = at == 0 || b.get(at - 1).is_none_or(|&c| c == b'_' || !word(c));
            if before_ok {
                for len in [5usize, 10] {
                    let end = at + len;
                    if len == 10
                        && !b
                            .get(at..end)
                            .is_some_and(|w| w.eq_ignore_ascii_case(b"sharedaddy"))
                    {
                        continue;
                    }
                    if b.get(end).is_none_or(|&c| c == b'_' || !word(c)) {
                        return true;
                    }
                }
            }
            from = at + 1;
        }
        false
    }
}

/// Readability's video-host pattern: `//`, an optional `www.`, then one of [`VIDEO_HOSTS`].
pub struct VideoHosts;

/// Hosts whose embeds are kept (the alternatives of [`VIDEOS`]).
pub const VIDEO_HOSTS: &[&str] = &[
    "dailymotion.com",
    "youtube.com",
    "youtube-nocookie.com",
    "player.vimeo.com",
    "v.qq.com",
    "bilibili.com",
    "live.bilibili.com",
    "archive.org",
    "upload.wikimedia.org",
    "player.twitch.tv",
];

impl VideoHosts {
    /// Whether `s` names a video host after a `//`.
    pub fn is_match(&self, s: &str) -> bool {
        let b = s.as_bytes();
        let starts = |rest: &[u8]| {
            VIDEO_HOSTS.iter().any(|h| {
                rest.get(..h.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(h.as_bytes()))
            })
        };
        let mut from = 0usize;
        while let Some(pos) = find_ascii_ci(b.get(from..).unwrap_or(&[]), b"//") {
            let rest = b.get(from + pos + 2..).unwrap_or(&[]);
            if starts(rest)
                || (rest
                    .get(..4)
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"www."))
                    && starts(rest.get(4..).unwrap_or(&[])))
            {
                return true;
            }
            from += pos + 1;
        }
        false
    }
}

/// The first position of `needle` in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).find(|&i| {
        hay.get(i..i + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
    })
}

/// Compiled patterns.
pub struct Patterns {
    pub unlikely: Words,
    pub maybe: Words,
    pub positive: Words,
    pub negative: Words,
    pub byline: Words,
    pub share: ShareWords,
    pub videos: VideoHosts,
    pub ad_words: Regex,
    pub loading_words: Regex,
    pub image_file: Words,
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
        unlikely: Words::new(UNLIKELY_CANDIDATES),
        maybe: Words::new(MAYBE_CANDIDATE),
        positive: Words::new(POSITIVE),
        negative: Words::new(NEGATIVE),
        byline: Words::new(BYLINE),
        share: ShareWords,
        videos: VideoHosts,
        ad_words: ci(AD_WORDS),
        loading_words: ci(LOADING_WORDS),
        image_file: Words::new(IMAGE_FILE_EXTENSIONS),
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
        assert!(patterns().negative.is_match("x hid y"));
        assert!(patterns().negative.is_match("hid"));
        assert!(!patterns().negative.is_match("hidx"));
        assert!(patterns().unlikely.is_match("site-footer"));
    }

    /// The hand-written matchers agree with Readability's regexes on a corpus of class/id
    /// strings and URLs (every class, id and src of the Readability test pages).
    #[test]
    fn matchers_agree_with_the_regexes() {
        let p = patterns();
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/readability");
        let mut samples: Vec<String> = vec![
            "share".into(),
            "_share_".into(),
            "shared".into(),
            "sharedaddy".into(),
            "re-share-x".into(),
            "myshare".into(),
            "SHARE-bar".into(),
            "sharedaddy_x".into(),
            "x hid".into(),
            "hid y".into(),
            "a hid b".into(),
            "hid".into(),
            "hidden".into(),
            " hid".into(),
            "hid ".into(),
            "https://www.youtube.com/embed/x".into(),
            "//WWW.YouTube.com/x".into(),
            "//www.www.youtube.com".into(),
            "http://v.qq.com/x".into(),
            "//live.bilibili.com/1".into(),
            "img.JPEG".into(),
            "a.webp?x".into(),
        ];
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            if let Ok(s) = std::fs::read_to_string(e.path().join("source.html")) {
                for key in ["class=\"", "id=\"", "src=\""] {
                    for (at, _) in s.match_indices(key) {
                        let v = &s[at + key.len()..];
                        if let Some(end) = v.find('"') {
                            samples.push(v[..end].to_string());
                        }
                    }
                }
            }
        }
        samples.sort_unstable();
        samples.dedup();
        assert!(samples.len() > 5_000, "{}", samples.len());
        // An even spread of about 3,000 (the regexes are slow in debug builds).
        let step = samples.len() / 3_000 + 1;
        let samples: Vec<String> = samples.into_iter().step_by(step).collect();
        type Matcher<'a> = &'a dyn Fn(&str) -> bool;
        let pairs: [(&str, Matcher); 8] = [
            (UNLIKELY_CANDIDATES, &|s| p.unlikely.is_match(s)),
            (MAYBE_CANDIDATE, &|s| p.maybe.is_match(s)),
            (POSITIVE, &|s| p.positive.is_match(s)),
            (NEGATIVE, &|s| p.negative.is_match(s)),
            (BYLINE, &|s| p.byline.is_match(s)),
            (SHARE_ELEMENTS, &|s| p.share.is_match(s)),
            (VIDEOS, &|s| p.videos.is_match(s)),
            (IMAGE_FILE, &|s| p.image_file.is_match(s)),
        ];
        for (pattern, f) in pairs {
            let re = ci(pattern);
            for s in &samples {
                assert_eq!(re.is_match(s), f(s), "{pattern} on {s:?}");
            }
        }
    }
}
