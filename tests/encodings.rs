//! Bytes in: pages in legacy encodings (tests/fixtures/encodings, written by its make.py from
//! real text), with a declaration and without one, and UTF-16 with a BOM, cleaned from their
//! bytes by the library and by the CLI. Each must give back exactly the original paragraphs.

use std::path::{Path, PathBuf};
use std::process::Command;

use article_cleaner::{clean_bytes, Block, Options};

const BIN: &str = env!("CARGO_BIN_EXE_article-cleaner");

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/encodings")
}

struct Case {
    name: String,
    bytes: Vec<u8>,
    text: Vec<String>,
    lang: String,
    url: String,
}

fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir()).expect("fixture dir") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("html") {
            continue;
        }
        let meta: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path.with_extension("json")).unwrap())
                .unwrap();
        out.push(Case {
            name: path.file_stem().unwrap().to_string_lossy().into_owned(),
            bytes: std::fs::read(&path).unwrap(),
            text: meta["text"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap().to_string())
                .collect(),
            lang: meta["lang"].as_str().unwrap().to_string(),
            url: meta["url"].as_str().unwrap().to_string(),
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

fn paragraphs(blocks: &[Block]) -> Vec<String> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn every_encoding_decodes_to_the_original_text() {
    let cases = cases();
    // 6 legacy encodings × (declared, bare) + UTF-16LE with a BOM.
    assert_eq!(cases.len(), 13, "fixtures missing: run make.py");
    let mut failures = Vec::new();
    for c in &cases {
        let options = Options {
            url: Some(c.url.clone()),
            ..Options::default()
        };
        let a = clean_bytes(&c.bytes, &options).expect(&c.name);
        if paragraphs(&a.blocks) != c.text {
            failures.push(format!("{}: {:?}", c.name, paragraphs(&a.blocks)));
        }
        // No lang attribute in the markup: CJK text takes its language from the encoding
        // (Big5 → zh-Hant, GBK → zh-Hans, Shift_JIS → ja, EUC-KR → ko).
        let cjk = c.lang.starts_with("zh") || c.lang == "ja" || c.lang == "ko";
        if cjk && a.lang.as_deref() != Some(c.lang.as_str()) {
            failures.push(format!("{}: lang {:?}, want {}", c.name, a.lang, c.lang));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_cli_reads_files_as_bytes() {
    for c in cases() {
        let file = dir().join(format!("{}.html", c.name));
        let out = Command::new(BIN)
            .args(["--url", &c.url])
            .arg(&file)
            .output()
            .expect("run article-cleaner");
        assert!(
            out.status.success(),
            "{}: {}",
            c.name,
            String::from_utf8_lossy(&out.stderr)
        );
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        let text = json["textContent"].as_str().expect("textContent");
        for p in &c.text {
            assert!(
                text.contains(p.as_str()),
                "{}: {p:?} not in {text:?}",
                c.name
            );
        }
        assert!(
            !text.contains('\u{fffd}'),
            "{}: replacement characters",
            c.name
        );
    }
}

#[test]
fn byte_limit_applies_before_decoding() {
    let options = Options {
        max_input_bytes: 10,
        ..Options::default()
    };
    let err = clean_bytes(b"<p>more than ten bytes</p>", &options).unwrap_err();
    assert_eq!(err.code(), "INPUT_TOO_LARGE");
}

#[test]
fn utf8_input_is_unchanged() {
    let page = "<html><head><title>T</title></head><body><article><p>Grüße aus Köln, \
                Łódź und 東京.</p></article></body></html>";
    let a = clean_bytes(page.as_bytes(), &Options::default()).unwrap();
    let b = article_cleaner::clean(page, &Options::default()).unwrap();
    assert_eq!(a.text_content, b.text_content);
    assert!(a.text_content.contains("Grüße aus Köln, Łódź und 東京."));
}
