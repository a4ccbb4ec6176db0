//! Real feed items judged against hand-made fact files: every `NN-name.html` under
//! `tests/fixtures/real-items/` with its `NN-name.expect.json` is one named test.
//!
//! The checks are exactly those of `../shared/tools/check-facts/check.py` (the python judge that
//! runs the CLI over the same directory), applied to the article JSON that the CLI prints
//! (`clean_to_json` with default options):
//!
//! - `title`, `url`, `site_name`: equal to the article's field (an empty field counts as absent);
//!   `title_contains`, `published_prefix`, `byline_contains`, `lang_prefix` (lower-cased field),
//!   `copyright_contains` (a string or a list).
//! - `image_srcs`, `image_count`, `captions_contain`: over the `image`/`figure` blocks.
//! - `headings` (exact, trimmed heading texts), `paragraph_count_min`/`_max`.
//! - `text_contains` (in `textContent` or a block's text), `list_items_contain`, `code_contains`,
//!   `quote_contains` (in the blocks of that type).
//! - `related_urls`, `related_titles`: in `related`.
//! - `link_hrefs`: among the `<a href>` of `content` (a bare host is the same URL with or without
//!   its trailing slash).
//! - `not_in_body`: none of these strings (case-insensitive) in the article's fields serialized as
//!   JSON, minus `removed`, `related`, `copyright`, `credits`, `source`, `stats`, `feed`,
//!   `inputKind` and each block's `proxy`.
//! - `url_absent_or_safe`, `no_script_in_any_field`.
//!
//! `known-failures.txt` lists (`file-name  reason-kind`, one per line, `#` comments) the items that
//! fail today. A listed item that still fails is an ignored trial of kind `known-failure`
//! (`cargo test --test real_items -- --ignored` prints its failures); a listed item that passes
//! fails the run with "remove it from known-failures.txt", so the list can only shrink.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use article_cleaner::{clean_to_json, Options};
use libtest_mimic::{Arguments, Failed, Trial};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

fn items_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real-items")
}

/// A JSON value that keeps object keys in document order, so that the body text searched by
/// `not_in_body` is the same string the python judge builds with `json.dumps`.
#[derive(Clone, Debug, PartialEq)]
enum J {
    Null,
    Bool(bool),
    Num(serde_json::Number),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

impl<'de> Deserialize<'de> for J {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = J;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_unit<E>(self) -> Result<J, E> {
                Ok(J::Null)
            }
            fn visit_none<E>(self) -> Result<J, E> {
                Ok(J::Null)
            }
            fn visit_bool<E>(self, b: bool) -> Result<J, E> {
                Ok(J::Bool(b))
            }
            fn visit_i64<E>(self, n: i64) -> Result<J, E> {
                Ok(J::Num(n.into()))
            }
            fn visit_u64<E>(self, n: u64) -> Result<J, E> {
                Ok(J::Num(n.into()))
            }
            fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<J, E> {
                serde_json::Number::from_f64(n)
                    .map(J::Num)
                    .ok_or_else(|| E::custom("not a finite number"))
            }
            fn visit_str<E>(self, s: &str) -> Result<J, E> {
                Ok(J::Str(s.to_string()))
            }
            fn visit_string<E>(self, s: String) -> Result<J, E> {
                Ok(J::Str(s))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<J, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = a.next_element()? {
                    v.push(x);
                }
                Ok(J::Arr(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<J, A::Error> {
                let mut v = Vec::new();
                while let Some((k, x)) = a.next_entry::<String, J>()? {
                    v.push((k, x));
                }
                Ok(J::Obj(v))
            }
        }
        d.deserialize_any(V)
    }
}

impl J {
    fn get(&self, key: &str) -> Option<&J> {
        match self {
            J::Obj(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
    fn as_str(&self) -> Option<&str> {
        match self {
            J::Str(s) => Some(s),
            _ => None,
        }
    }
    fn as_array(&self) -> &[J] {
        match self {
            J::Arr(v) => v,
            _ => &[],
        }
    }
    /// Python truthiness.
    fn truthy(&self) -> bool {
        match self {
            J::Null => false,
            J::Bool(b) => *b,
            J::Num(n) => n.as_f64().is_some_and(|f| f != 0.0),
            J::Str(s) => !s.is_empty(),
            J::Arr(v) => !v.is_empty(),
            J::Obj(v) => !v.is_empty(),
        }
    }
    /// `json.dumps(value, ensure_ascii=False)`: `", "` and `": "` separators, keys in order.
    fn dumps(&self, out: &mut String) {
        match self {
            J::Null => out.push_str("null"),
            J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            J::Num(n) => out.push_str(&n.to_string()),
            J::Str(s) => dump_str(s, out),
            J::Arr(v) => {
                out.push('[');
                for (i, x) in v.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    x.dumps(out);
                }
                out.push(']');
            }
            J::Obj(v) => {
                out.push('{');
                for (i, (k, x)) in v.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    dump_str(k, out);
                    out.push_str(": ");
                    x.dumps(out);
                }
                out.push('}');
            }
        }
    }
    /// Python's `repr`-like rendering used in failure messages.
    fn show(&self) -> String {
        match self {
            J::Null => "None".into(),
            J::Str(s) => format!("{s:?}"),
            other => {
                let mut s = String::new();
                other.dumps(&mut s);
                s
            }
        }
    }
}

fn dump_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `block_text` of check.py: a block's `text`, or its list items joined by newlines.
fn block_text(b: &J) -> String {
    if let Some(J::Str(t)) = b.get("text") {
        return t.clone();
    }
    match b.get("items") {
        Some(items) => items
            .as_array()
            .iter()
            .map(|i| match i {
                J::Str(s) => s.clone(),
                J::Obj(_) => i
                    .get("text")
                    .filter(|t| t.truthy())
                    .map(|t| t.as_str().map(str::to_string).unwrap_or_else(|| t.show()))
                    .unwrap_or_default(),
                other => other.show(),
            })
            .collect::<Vec<_>>()
            .join("\n"),
        None => String::new(),
    }
}

fn block_type(b: &J) -> &str {
    b.get("type").and_then(J::as_str).unwrap_or("")
}

/// The `href` values of every `<a>` in the article's sanitized HTML.
fn hrefs(content: &str) -> Vec<String> {
    let doc = scraper::Html::parse_fragment(content);
    let sel = scraper::Selector::parse("a[href]").expect("static selector");
    doc.select(&sel)
        .filter_map(|a| a.value().attr("href"))
        .filter(|h| !h.is_empty())
        .map(str::to_string)
        .collect()
}

/// A bare host is the same URL with or without its trailing slash (URL parsers add it).
fn slash(u: &str) -> String {
    if u.matches('/').count() == 2 {
        format!("{u}/")
    } else {
        u.to_string()
    }
}

fn strings(exp: &J, key: &str) -> Vec<String> {
    match exp.get(key) {
        Some(J::Str(s)) => vec![s.clone()],
        Some(J::Arr(v)) => v
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

fn int(exp: &J, key: &str) -> Option<i64> {
    match exp.get(key) {
        Some(J::Num(n)) => n.as_i64(),
        _ => None,
    }
}

/// The checks of check.py, in its order; returns one message per unmet fact.
fn check(out: &J, exp: &J) -> Vec<String> {
    let mut errs = Vec::new();
    let field = |k: &str| out.get(k).cloned().unwrap_or(J::Null);
    let text_of = |k: &str| field(k).as_str().unwrap_or("").to_string();
    let blocks: Vec<J> = field("blocks").as_array().to_vec();

    // The body: every field but those naming boilerplate by design, and no block's `proxy`.
    let excluded = [
        "removed",
        "related",
        "copyright",
        "credits",
        "source",
        "stats",
        "feed",
        "inputKind",
    ];
    let mut body_fields = Vec::new();
    if let J::Obj(fields) = out {
        for (k, v) in fields {
            if excluded.contains(&k.as_str()) {
                continue;
            }
            body_fields.push((k.clone(), v.clone()));
        }
    }
    let stripped: Vec<J> = blocks
        .iter()
        .map(|b| match b {
            J::Obj(f) => J::Obj(f.iter().filter(|(k, _)| k != "proxy").cloned().collect()),
            other => other.clone(),
        })
        .collect();
    match body_fields.iter_mut().find(|(k, _)| k == "blocks") {
        Some((_, v)) => *v = J::Arr(stripped),
        None => body_fields.push(("blocks".into(), J::Arr(stripped))),
    }
    let mut body = String::new();
    J::Obj(body_fields).dumps(&mut body);
    let body_lower = body.to_lowercase();

    let of_type = |t: &str| -> Vec<&J> { blocks.iter().filter(|b| block_type(b) == t).collect() };
    let joined = |t: &str| -> String {
        of_type(t)
            .iter()
            .map(|b| block_text(b))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let paras = of_type("paragraph").len();
    let heads: Vec<String> = of_type("heading")
        .iter()
        .map(|b| block_text(b).trim().to_string())
        .collect();
    let alltext = format!(
        "{}\n{}",
        text_of("textContent"),
        blocks.iter().map(block_text).collect::<Vec<_>>().join("\n")
    );

    for (f, key) in [
        ("title", "title"),
        ("url", "url"),
        ("siteName", "site_name"),
    ] {
        if let Some(want) = exp.get(key) {
            let got = field(f);
            let got_or_none = if got.truthy() { got.clone() } else { J::Null };
            if &got_or_none != want {
                errs.push(format!("{f}={} want {}", got.show(), want.show()));
            }
        }
    }
    if let Some(t) = exp.get("title_contains").and_then(J::as_str) {
        if !text_of("title").contains(t) {
            errs.push(format!("title={} lacks {t:?}", field("title").show()));
        }
    }
    if let Some(p) = exp.get("published_prefix").and_then(J::as_str) {
        if !text_of("published").starts_with(p) {
            errs.push(format!(
                "published={} want prefix {p:?}",
                field("published").show()
            ));
        }
    }
    if let Some(b) = exp.get("byline_contains").and_then(J::as_str) {
        if !text_of("byline").contains(b) {
            errs.push(format!("byline={} lacks {b:?}", field("byline").show()));
        }
    }
    if let Some(l) = exp.get("lang_prefix").and_then(J::as_str) {
        if !text_of("lang").to_lowercase().starts_with(l) {
            errs.push(format!("lang={}", field("lang").show()));
        }
    }
    for c in strings(exp, "copyright_contains") {
        if !text_of("copyright").contains(&c) {
            errs.push(format!(
                "copyright={} lacks {c:?}",
                field("copyright").show()
            ));
        }
    }

    let images: Vec<&J> = blocks
        .iter()
        .filter(|b| matches!(block_type(b), "image" | "figure"))
        .collect();
    let srcs: Vec<J> = images
        .iter()
        .map(|i| i.get("src").cloned().unwrap_or(J::Null))
        .collect();
    let srcs_shown = format!(
        "[{}]",
        srcs.iter().map(J::show).collect::<Vec<_>>().join(", ")
    );
    for s in strings(exp, "image_srcs") {
        if !srcs.contains(&J::Str(s.clone())) {
            errs.push(format!("image {s} missing; got {srcs_shown}"));
        }
    }
    if let Some(n) = int(exp, "image_count") {
        if srcs.len() as i64 != n {
            errs.push(format!("{} images, want {n}", srcs.len()));
        }
    }
    let caps = images
        .iter()
        .map(|i| {
            i.get("caption")
                .and_then(J::as_str)
                .unwrap_or("")
                .to_string()
        })
        .collect::<Vec<_>>()
        .join(" ");
    for c in strings(exp, "captions_contain") {
        if !caps.contains(&c) {
            errs.push(format!("caption {c:?} missing"));
        }
    }
    for h in strings(exp, "headings") {
        if !heads.contains(&h) {
            errs.push(format!("heading {h:?} missing; got {heads:?}"));
        }
    }
    let min = int(exp, "paragraph_count_min");
    let max = int(exp, "paragraph_count_max");
    let n = paras as i64;
    if n < min.unwrap_or(0) || n > max.unwrap_or(1_000_000_000) {
        let show = |v: Option<i64>| v.map_or("None".to_string(), |v| v.to_string());
        errs.push(format!("{n} paragraphs, want {}..{}", show(min), show(max)));
    }
    for t in strings(exp, "text_contains") {
        if !alltext.contains(&t) {
            errs.push(format!("text {t:?} missing"));
        }
    }
    for (key, kind, what) in [
        ("list_items_contain", "list", "list item"),
        ("code_contains", "code", "code"),
        ("quote_contains", "quote", "quote"),
    ] {
        let hay = joined(kind);
        for t in strings(exp, key) {
            if !hay.contains(&t) {
                errs.push(format!("{what} {t:?} missing"));
            }
        }
    }
    let related = field("related").as_array().to_vec();
    let rel_field = |k: &str| -> Vec<J> {
        related
            .iter()
            .map(|r| r.get(k).cloned().unwrap_or(J::Null))
            .collect()
    };
    let rel_urls = rel_field("url");
    let rel_titles = rel_field("title");
    let list_shown =
        |v: &[J]| format!("[{}]", v.iter().map(J::show).collect::<Vec<_>>().join(", "));
    for u in strings(exp, "related_urls") {
        if !rel_urls.contains(&J::Str(u.clone())) {
            errs.push(format!(
                "related {u} missing; got {}",
                list_shown(&rel_urls)
            ));
        }
    }
    for t in strings(exp, "related_titles") {
        if !rel_titles.contains(&J::Str(t.clone())) {
            errs.push(format!(
                "related title {t:?} missing; got {}",
                list_shown(&rel_titles)
            ));
        }
    }
    let all_hrefs = hrefs(&text_of("content"));
    let href_set: HashSet<String> = all_hrefs.iter().map(|h| slash(h)).collect();
    for u in strings(exp, "link_hrefs") {
        if !href_set.contains(&slash(&u)) {
            errs.push(format!("link {u} missing; got {all_hrefs:?}"));
        }
    }
    for s in strings(exp, "not_in_body") {
        if body_lower.contains(&s.to_lowercase()) {
            errs.push(format!("boilerplate {s:?} left in the article"));
        }
    }
    if exp.get("url_absent_or_safe").is_some_and(J::truthy) {
        if let Some(u) = field("url").as_str() {
            if !(u.starts_with("http://") || u.starts_with("https://")) {
                errs.push(format!("unsafe url {u:?}"));
            }
        }
    }
    if exp.get("no_script_in_any_field").is_some_and(J::truthy) {
        for bad in ["<script", "javascript:", "onerror="] {
            if body_lower.contains(bad) {
                errs.push(format!("{bad} in output"));
            }
        }
    }
    errs
}

/// Cleans one item as the CLI does and checks it against its facts.
fn judge(html: &Path) -> Result<(), String> {
    let source = std::fs::read_to_string(html)
        .map_err(|e| format!("cannot read {}: {e}", html.display()))?;
    let facts_path = html.with_extension("expect.json");
    let facts_text = std::fs::read_to_string(&facts_path)
        .map_err(|e| format!("cannot read {}: {e}", facts_path.display()))?;
    let exp: J = serde_json::from_str(&facts_text)
        .map_err(|e| format!("{} is not JSON: {e}", facts_path.display()))?;
    let json = clean_to_json(&source, &Options::default(), false)
        .map_err(|e| format!("clean failed: {e}"))?;
    let out: J = serde_json::from_str(&json).map_err(|e| format!("output is not JSON: {e}"))?;
    let errs = check(&out, &exp);
    if errs.is_empty() {
        Ok(())
    } else {
        Err(errs.join("; "))
    }
}

/// `NN-name.html` files that have a facts file, sorted.
fn items() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(items_dir())
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "html"))
                .filter(|p| p.with_extension("expect.json").is_file())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// `file-name  reason-kind` lines of known-failures.txt (`#` starts a comment).
fn known_failures() -> Result<BTreeMap<String, String>, String> {
    let path = items_dir().join("known-failures.txt");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(_) => return Ok(BTreeMap::new()),
    };
    let mut map = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let mut parts = line.split_whitespace();
        let name = parts.next().unwrap_or_default().to_string();
        let reason = parts.collect::<Vec<_>>().join(" ");
        if reason.is_empty() {
            return Err(format!(
                "known-failures.txt line {}: `{name}` has no reason kind",
                i + 1
            ));
        }
        if map.insert(name.clone(), reason).is_some() {
            return Err(format!(
                "known-failures.txt line {}: `{name}` is listed twice",
                i + 1
            ));
        }
    }
    Ok(map)
}

fn main() {
    let args = Arguments::from_args();
    let mut trials = Vec::new();
    let known = known_failures();
    let known_map = known.clone().unwrap_or_default();
    if let Err(e) = known {
        trials.push(Trial::test("known-failures-list", move || Err(e.into())));
    }
    let all = items();
    let names: HashSet<String> = all
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    for listed in known_map.keys() {
        if !names.contains(listed) {
            let msg = format!("known-failures.txt names `{listed}`, which is not an item here");
            trials.push(Trial::test(
                format!("known-failures-list/{listed}"),
                move || Err(msg.into()),
            ));
        }
    }
    for path in all {
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = file.trim_end_matches(".html").to_string();
        match known_map.get(&file) {
            None => trials.push(Trial::test(name, move || {
                judge(&path).map_err(Failed::from)
            })),
            Some(reason) => match judge(&path) {
                // Still failing: reported, not counted. `-- --ignored` prints why.
                Err(_) => trials.push(
                    Trial::test(name, move || judge(&path).map_err(Failed::from))
                        .with_kind("known-failure")
                        .with_ignored_flag(true),
                ),
                Ok(()) => {
                    let reason = reason.clone();
                    trials.push(Trial::test(name, move || {
                        Err(format!(
                            "{file} passes now (listed as `{reason}`): remove it from known-failures.txt"
                        )
                        .into())
                    }))
                }
            },
        }
    }
    trials.push(Trial::test("checks-can-fail", checks_can_fail));
    libtest_mimic::run(&args, trials).exit();
}

/// The checker itself: every kind of fact fails on an article that lacks it, and passes on one
/// that has it.
fn checks_can_fail() -> Result<(), Failed> {
    let good: J = serde_json::from_str(
        r#"{"title":"T","url":"https://e.example/a","siteName":null,"byline":"By Ann",
        "published":"2024-01-02T00:00:00Z","lang":"zh-Hans","copyright":"© E",
        "textContent":"First para. Second para.",
        "content":"<p>First <a href=\"https://e.example\">x</a> <a href=\"/rel\">y</a></p>",
        "blocks":[{"type":"heading","text":" H "},{"type":"paragraph","text":"First para."},
          {"type":"paragraph","text":"Second para."},{"type":"list","items":[{"text":"li one"},"li two"]},
          {"type":"quote","text":"q"},{"type":"code","text":"fn x"},
          {"type":"image","src":"https://e.example/i.png","caption":"cap","proxy":"https://proxy.example/?u=BOILER"}],
        "related":[{"url":"https://e.example/r","title":"R"}],
        "removed":[{"rule":"x","text":"Read more BOILER"}],"feed":"feedx","credits":"BOILER"}"#,
    )
    .map_err(|e| e.to_string())?;
    let facts: J = serde_json::from_str(
        r#"{"title":"T","url":"https://e.example/a","title_contains":"T","published_prefix":"2024-01",
        "byline_contains":"Ann","lang_prefix":"zh","copyright_contains":["©"],
        "image_srcs":["https://e.example/i.png"],"image_count":1,"captions_contain":["cap"],
        "headings":["H"],"paragraph_count_min":2,"paragraph_count_max":2,
        "text_contains":["Second para."],"list_items_contain":["li two"],"code_contains":["fn"],
        "quote_contains":["q"],"related_urls":["https://e.example/r"],"related_titles":["R"],
        "link_hrefs":["https://e.example/"],"not_in_body":["boiler"],"url_absent_or_safe":true,
        "no_script_in_any_field":true}"#,
    )
    .map_err(|e| e.to_string())?;
    let errs = check(&good, &facts);
    if !errs.is_empty() {
        return Err(format!("a matching article failed: {errs:?}").into());
    }
    let bad: J = serde_json::from_str(
        r#"{"title":"U","url":"javascript:alert(1)","byline":null,"published":null,"lang":"en",
        "copyright":null,"textContent":"Only Read more BOILER.","content":"<p><script>x</script></p>",
        "blocks":[{"type":"paragraph","text":"Only Read more BOILER."}],"related":[]}"#,
    )
    .map_err(|e| e.to_string())?;
    let errs = check(&bad, &facts);
    let expected = [
        "title=",
        "url=",
        "title=\"U\" lacks",
        "published=",
        "byline=",
        "lang=",
        "copyright=",
        "image https://e.example/i.png missing",
        "0 images",
        "caption \"cap\"",
        "heading \"H\"",
        "1 paragraphs",
        "text \"Second para.\"",
        "list item",
        "code \"fn\"",
        "quote \"q\"",
        "related https://e.example/r",
        "related title",
        "link https://e.example/",
        "boilerplate \"boiler\"",
        "unsafe url",
        "<script in output",
        "javascript: in output",
    ];
    let missing: Vec<&str> = expected
        .iter()
        .copied()
        .filter(|want| !errs.iter().any(|e| e.starts_with(want)))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!("checks that did not fire: {missing:?}; got {errs:?}").into())
    }
}
