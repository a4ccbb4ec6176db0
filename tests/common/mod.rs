//! Shared metric code for the Readability conformance suite (used by `tests/readability.rs`
//! and `examples/readability-report.rs`).
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use article_cleaner::{clean, Article, Options};
use serde_json::Value;

/// The document URL Readability's own harness uses.
pub const PAGE_URL: &str = "http://fakehost/test/page.html";
/// A page passes when its text F1 reaches this.
pub const PASS_F1: f64 = 0.9;
/// Tokens per shingle.
pub const SHINGLE: usize = 4;

/// The suite directory.
pub fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/readability")
}

/// Case names, sorted.
pub fn cases() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(suite_dir())
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter(|e| e.path().join("source.html").is_file())
                .filter_map(|e| e.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// Known misses: case name → reason (from `ignore.txt`, `name  # reason` per line).
pub fn ignored() -> HashMap<String, String> {
    let text = std::fs::read_to_string(suite_dir().join("ignore.txt")).unwrap_or_default();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once('#') {
            Some((n, r)) => (n.trim().to_string(), r.trim().to_string()),
            None => (l.to_string(), String::new()),
        })
        .collect()
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0xAC00..=0xD7AF | 0x20000..=0x2FFFF)
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c.is_mark()
}

trait Mark {
    fn is_mark(&self) -> bool;
}
impl Mark for char {
    fn is_mark(&self) -> bool {
        // Combining marks (common ranges) continue a word, as `\w` with the `u` flag does.
        matches!(*self as u32, 0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD
            | 0x0610..=0x061A | 0x064B..=0x065F | 0x0900..=0x0903 | 0x093A..=0x094F
            | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E)
    }
}

/// Unicode `\w+` tokens, lowercased; each CJK character is a token of its own.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if is_cjk(c) {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            out.push(c.to_string());
        } else if is_word(c) {
            cur.extend(c.to_lowercase());
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Multiset of shingles of `SHINGLE` tokens (the whole token list when shorter).
pub fn shingles(text: &str) -> HashMap<String, usize> {
    let t = tokens(text);
    let mut out = HashMap::new();
    if t.is_empty() {
        return out;
    }
    if t.len() < SHINGLE {
        *out.entry(t.join(" ")).or_insert(0) += 1;
        return out;
    }
    for w in t.windows(SHINGLE) {
        *out.entry(w.join(" ")).or_insert(0) += 1;
    }
    out
}

/// Precision, recall, F1 of `ours` against `expected`.
pub fn prf(ours: &str, expected: &str) -> (f64, f64, f64) {
    let a = shingles(ours);
    let b = shingles(expected);
    let na: usize = a.values().sum();
    let nb: usize = b.values().sum();
    if na == 0 && nb == 0 {
        return (1.0, 1.0, 1.0);
    }
    let common: usize = a
        .iter()
        .map(|(k, n)| (*n).min(b.get(k).copied().unwrap_or(0)))
        .sum();
    let p = if na == 0 {
        0.0
    } else {
        common as f64 / na as f64
    };
    let r = if nb == 0 {
        0.0
    } else {
        common as f64 / nb as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// The text content of an HTML fragment (`expected.html`): its text nodes concatenated, as
/// the DOM's `textContent` (which Readability's `textContent` is).
pub fn html_text(fragment: &str) -> String {
    let doc = scraper::Html::parse_fragment(fragment);
    doc.root_element().text().collect()
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether an optional field matches the expected JSON value (null ↔ None; whitespace
/// normalised; exact otherwise).
pub fn field_match(ours: Option<&str>, expected: Option<&Value>) -> bool {
    let exp = expected
        .and_then(Value::as_str)
        .map(norm)
        .filter(|s| !s.is_empty());
    let ours = ours.map(norm).filter(|s| !s.is_empty());
    ours == exp
}

/// Dates match when equal as written or equal after the core's ISO normalisation.
pub fn date_match(ours: Option<&str>, expected: Option<&Value>) -> bool {
    let exp = expected.and_then(Value::as_str);
    match (ours, exp) {
        (None, None) => true,
        (Some(o), Some(e)) => {
            o.trim() == e.trim() || article_cleaner::text::parse_date(e).as_deref() == Some(o)
        }
        _ => false,
    }
}

/// Figures for one page.
#[derive(Debug, Clone, Default)]
pub struct PageResult {
    pub name: String,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub title: bool,
    pub byline: bool,
    pub excerpt: bool,
    pub site_name: bool,
    pub published: bool,
    pub readerable: Option<bool>,
    pub error: Option<String>,
    pub ours_title: Option<String>,
    pub expected_title: Option<String>,
    /// (field, ours, expected) for every metadata mismatch.
    pub mismatches: Vec<(&'static str, Option<String>, Option<String>)>,
}

/// Runs one case.
pub fn run_case(name: &str) -> PageResult {
    let dir = suite_dir().join(name);
    let mut r = PageResult {
        name: name.to_string(),
        ..Default::default()
    };
    let read = |f: &str| std::fs::read_to_string(dir.join(f));
    let (source, expected, meta) = match (
        read("source.html"),
        read("expected.html"),
        read("expected-metadata.json"),
    ) {
        (Ok(s), Ok(e), Ok(m)) => (s, e, m),
        _ => {
            r.error = Some("missing fixture file".into());
            return r;
        }
    };
    let meta: Value = serde_json::from_str(&meta).unwrap_or(Value::Null);
    let options = Options {
        url: Some(PAGE_URL.to_string()),
        ..Default::default()
    };
    let article: Article = match clean(&source, &options) {
        Ok(a) => a,
        Err(e) => {
            r.error = Some(e.to_string());
            return r;
        }
    };
    let (p, rc, f) = prf(&article.text_content, &html_text(&expected));
    r.precision = p;
    r.recall = rc;
    r.f1 = f;
    r.title = field_match(article.title.as_deref(), meta.get("title"));
    r.byline = field_match(article.byline.as_deref(), meta.get("byline"));
    r.excerpt = field_match(article.excerpt.as_deref(), meta.get("excerpt"));
    r.site_name = field_match(article.site_name.as_deref(), meta.get("siteName"));
    r.published = date_match(article.published.as_deref(), meta.get("publishedTime"));
    r.readerable = meta
        .get("readerable")
        .and_then(Value::as_bool)
        .map(|exp| exp == article_cleaner::is_probably_readerable(&source));
    let exp = |k: &str| meta.get(k).and_then(Value::as_str).map(str::to_string);
    for (field, ok, ours, key) in [
        ("title", r.title, article.title.clone(), "title"),
        ("byline", r.byline, article.byline.clone(), "byline"),
        ("excerpt", r.excerpt, article.excerpt.clone(), "excerpt"),
        (
            "siteName",
            r.site_name,
            article.site_name.clone(),
            "siteName",
        ),
        (
            "publishedTime",
            r.published,
            article.published.clone(),
            "publishedTime",
        ),
    ] {
        if !ok {
            r.mismatches.push((field, ours, exp(key)));
        }
    }
    r.ours_title = article.title.clone();
    r.expected_title = meta
        .get("title")
        .and_then(Value::as_str)
        .map(str::to_string);
    r
}

/// Runs of `expected`'s tokens whose shingles `ours` lacks (for diagnosing a page).
pub fn missing_runs(ours: &str, expected: &str, max: usize) -> Vec<String> {
    let have = shingles(ours);
    let t = tokens(expected);
    let mut out = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    if t.len() < SHINGLE {
        return out;
    }
    for (i, w) in t.windows(SHINGLE).enumerate() {
        if have.contains_key(&w.join(" ")) {
            if !run.is_empty() {
                out.push(run.join(" "));
                run.clear();
            }
        } else {
            if run.is_empty() {
                run.extend(w.iter().map(String::as_str));
            } else if let Some(last) = t.get(i + SHINGLE - 1) {
                run.push(last);
            }
        }
        if out.len() >= max {
            break;
        }
    }
    if !run.is_empty() && out.len() < max {
        out.push(run.join(" "));
    }
    out
}

/// Our text and the expected text of a case.
pub fn texts(name: &str) -> Option<(String, String)> {
    let dir = suite_dir().join(name);
    let source = std::fs::read_to_string(dir.join("source.html")).ok()?;
    let expected = std::fs::read_to_string(dir.join("expected.html")).ok()?;
    let options = Options {
        url: Some(PAGE_URL.to_string()),
        ..Default::default()
    };
    let a = clean(&source, &options).ok()?;
    Some((a.text_content, html_text(&expected)))
}
