//! Links with internationalized host names (CJK sites!) under the ASCII-only IDNA back end
//! (idna_adapter ~1.0, for wasm size; see src/idn.rs and docs/size.md).
//!
//! The expected hrefs are what `url` produced with the ICU4X back end (idna_adapter 1.2) before
//! the switch, recorded from `Url::parse` / `Url::join`: for the scripts src/idn.rs converts, the
//! output must be byte-identical to it. Hosts it does not convert must stay unresolvable (the link
//! is dropped and audited), never be sent to a different host.

use article_cleaner::{clean, Options};

const BASE: &str = "https://www.dw.com/zh/a-1";

/// (href in the page, href in `links` — what ICU4X gave).
const SAME_AS_ICU4X: &[(&str, &str)] = &[
    ("http://例子.中国/", "http://xn--fsqu00a.xn--fiqs8s/"),
    ("http://例子。中国/", "http://xn--fsqu00a.xn--fiqs8s/"),
    ("http://ＥＸＡＭＰＬＥ．com/", "http://example.com/"),
    ("http://Bücher.example/", "http://xn--bcher-kva.example/"),
    ("http://ПРИМЕР.рф/", "http://xn--e1afmkfd.xn--p1ai/"),
    ("http://xn--fsqu00a.xn--fiqs8s/", "http://xn--fsqu00a.xn--fiqs8s/"),
    (
        "http://XN--FSQU00A.xn--fiqs8s/path?q=例#例",
        "http://xn--fsqu00a.xn--fiqs8s/path?q=%E4%BE%8B#%E4%BE%8B",
    ),
    ("https://日本語.jp/パス", "https://xn--wgv71a119e.jp/%E3%83%91%E3%82%B9"),
    ("http://한국.kr/", "http://xn--3e0b707e.kr/"),
    ("http://münchen.de:8080/a", "http://xn--mnchen-3ya.de:8080/a"),
    ("http://faß.de/", "http://xn--fa-hia.de/"),
    ("http://İstanbul.tr/", "http://xn--istanbul-o0e.tr/"),
    ("http://例子.中国./", "http://xn--fsqu00a.xn--fiqs8s./"),
    ("http://ΣΟΦΟΣ.gr/", "http://xn--0xaakcn.gr/"),
    ("http://ΑΒΓ.ελ/", "http://xn--mxacd.xn--qxam/"),
    (
        "http://user:pw@例子.中国:81/x",
        "http://user:pw@xn--fsqu00a.xn--fiqs8s:81/x",
    ),
    ("//例子.中国/rel", "https://xn--fsqu00a.xn--fiqs8s/rel"),
    ("http://%E4%BE%8B%E5%AD%90.com/", "http://xn--fsqu00a.com/"),
    ("http://ａｂｃ.例子.中国/", "http://abc.xn--fsqu00a.xn--fiqs8s/"),
    ("http://中国-.com/", "http://xn----kq6ay5z.com/"),
    ("http://-中国.com/", "http://xn----lq6ay5z.com/"),
    ("http://例子.中国\\path", "http://xn--fsqu00a.xn--fiqs8s/path"),
    ("https://例子.中国?q", "https://xn--fsqu00a.xn--fiqs8s/?q"),
    ("https://例子.中国#f", "https://xn--fsqu00a.xn--fiqs8s/#f"),
    ("http://a..例.com/", "http://a..xn--fsq.com/"),
    (
        "http://www.例子.中国/路径/文件.html?参数=值",
        "http://www.xn--fsqu00a.xn--fiqs8s/%E8%B7%AF%E5%BE%84/%E6%96%87%E4%BB%B6.html?%E5%8F%82%E6%95%B0=%E5%80%BC",
    ),
];

/// Not recorded from ICU4X; the UTS 46 result per Python's `idna` 3.13 (`idna.encode(…, uts46=True)`).
const SAME_AS_UTS46: &[(&str, &str)] = &[
    ("http://tiếng-việt.vn/", "http://xn--ting-vit-e50d7c.vn/"),
    ("http://ĐÀ-NẴNG.vn/", "http://xn---nng-zna70au54p.vn/"),
];

/// Unresolvable with ICU4X too (invalid hosts).
const INVALID: &[&str] = &[
    "http://例子．中国／",
    "http://xn--zz.com/",
    "http://xn--.com/",
    "http://a\u{200c}b.com/",
    "http://\u{fffd}.com/",
    "http://例 子.com/",
    "http://<例>.com/",
    "http://例子.中国:99999/",
    "http://xn--例子.com/",
];

/// Valid for ICU4X but not converted here (they would need NFC, or symbol handling): dropped,
/// never rewritten to another host.
const NOT_CONVERTED: &[&str] = &["http://e\u{301}.com/", "http://☃.net/", "http://👍.ws/"];

fn links(hrefs: &[&str]) -> (Vec<String>, String) {
    let html: String = hrefs
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let h = h
                .replace('&', "&amp;")
                .replace('"', "&quot;")
                .replace('<', "&lt;");
            format!("<p>Paragraph {i} with <a href=\"{h}\">link {i}</a> in it.</p>\n")
        })
        .collect();
    let options = Options {
        url: Some(BASE.to_string()),
        ..Options::default()
    };
    let a = clean(&html, &options).expect("clean");
    (a.links.iter().map(|l| l.href.clone()).collect(), a.content)
}

#[test]
fn idn_links_resolve_as_with_icu4x() {
    for (href, want) in SAME_AS_ICU4X.iter().chain(SAME_AS_UTS46) {
        let (got, content) = links(&[href]);
        assert_eq!(got, vec![want.to_string()], "{href}");
        // The sanitizer (ammonia parses hrefs with the same url crate) keeps it.
        let escaped = want.replace('&', "&amp;");
        assert!(
            content.contains(&format!("href=\"{escaped}\"")),
            "{href}: {content}"
        );
    }
}

#[test]
fn invalid_and_unconverted_hosts_are_dropped() {
    for href in INVALID.iter().chain(NOT_CONVERTED) {
        let (got, content) = links(&[href]);
        assert!(got.is_empty(), "{href}: {got:?}");
        assert!(!content.contains("href"), "{href}: {content}");
        assert!(
            content.contains("link 0"),
            "{href}: the text stays: {content}"
        );
    }
}

#[test]
fn idn_page_url_option_is_accepted() {
    let options = Options {
        url: Some("https://例子.中国/新闻/1".to_string()),
        ..Options::default()
    };
    let a = clean("<p>Text with <a href=\"/a?b=1\">a link</a>.</p>", &options).expect("clean");
    assert_eq!(a.links[0].href, "https://xn--fsqu00a.xn--fiqs8s/a?b=1");
}
