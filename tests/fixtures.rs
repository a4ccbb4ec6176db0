//! Golden fixtures: every directory under `tests/fixtures/feeds/` is one test.
//!
//! - `source.html`: the input (a feed item, fragment or page).
//! - `options.json` (optional): `CleanOptions` JSON, e.g. `{"url": …}` or user rules.
//! - `expected.json`: the FULL expected article JSON, pretty-printed, reviewed field by field.
//! - `checks.json` (optional): invariants that `UPDATE_EXPECT` never rewrites:
//!   `{"fired": [rule ids], "notFired": [rule ids], "textHas": [..], "textLacks": [..]}` —
//!   `textHas`/`textLacks` are searched in `textContent` (the guarded sentences that must
//!   survive, the boilerplate that must go).
//!
//! A mismatch names the first differing JSON path with both values.
//! `UPDATE_EXPECT=1 cargo test --test fixtures` rewrites `expected.json` (review the diff!).
//!
//! Every fixture is also checked for silent losses: each piece of the source text must appear
//! in the output (article, fields or audit trail).
//!
//! The extra test `rule-coverage` checks that every built-in rule fires in at least one
//! fixture and prints "rule id → fixtures" counts.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use article_cleaner::{builtin_rules, clean, Options};
use libtest_mimic::{Arguments, Failed, Trial};
use serde_json::Value;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/feeds")
}

fn fixture_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.join("source.html").is_file())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    dirs
}

/// Cleans one fixture and returns the article as JSON (a value, and pretty text in the
/// contract's field order).
fn run_fixture(dir: &Path) -> Result<(Value, String), String> {
    let source = std::fs::read_to_string(dir.join("source.html"))
        .map_err(|e| format!("cannot read source.html: {e}"))?;
    let options = match std::fs::read_to_string(dir.join("options.json")) {
        Ok(text) => Options::from_json_str(&text).map_err(|e| format!("options.json: {e}"))?,
        Err(_) => Options::default(),
    };
    let article = clean(&source, &options).map_err(|e| format!("clean failed: {e}"))?;
    let value = serde_json::to_value(&article).map_err(|e| e.to_string())?;
    let mut pretty = serde_json::to_string_pretty(&article).map_err(|e| e.to_string())?;
    pretty.push('\n');
    Ok((value, pretty))
}

/// The first path at which two JSON values differ, with both values.
fn first_difference(path: &str, expected: &Value, actual: &Value) -> Option<String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                let p = format!("{path}.{k}");
                match a.get(k) {
                    Some(av) => {
                        if let Some(d) = first_difference(&p, ev, av) {
                            return Some(d);
                        }
                    }
                    None => return Some(format!("{p}: missing in actual (expected {ev})")),
                }
            }
            a.keys()
                .find(|k| !e.contains_key(*k))
                .map(|k| format!("{path}.{k}: unexpected in actual ({})", a[k]))
        }
        (Value::Array(e), Value::Array(a)) => {
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                if let Some(d) = first_difference(&format!("{path}[{i}]"), ev, av) {
                    return Some(d);
                }
            }
            if e.len() != a.len() {
                let extra = if a.len() > e.len() {
                    format!("first extra actual item: {}", a[e.len()])
                } else {
                    format!("first missing item: {}", e[a.len()])
                };
                return Some(format!(
                    "{path}: expected {} items, got {} ({extra})",
                    e.len(),
                    a.len()
                ));
            }
            None
        }
        _ if expected == actual => None,
        _ => Some(format!(
            "{path}:\n    expected: {expected}\n    actual:   {actual}"
        )),
    }
}

fn check_invariants(dir: &Path, actual: &Value) -> Result<(), String> {
    let Ok(text) = std::fs::read_to_string(dir.join("checks.json")) else {
        return Ok(());
    };
    let checks: Value = serde_json::from_str(&text).map_err(|e| format!("checks.json: {e}"))?;
    let fired: Vec<&str> = actual["removed"]
        .as_array()
        .map(|a| a.iter().filter_map(|r| r["rule"].as_str()).collect())
        .unwrap_or_default();
    let text_content = actual["textContent"].as_str().unwrap_or("");
    let list = |k: &str| -> Vec<String> {
        checks[k]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut problems = Vec::new();
    for id in list("fired") {
        if !fired.contains(&id.as_str()) {
            problems.push(format!("rule `{id}` did not fire"));
        }
    }
    for id in list("notFired") {
        if fired.contains(&id.as_str()) {
            problems.push(format!("rule `{id}` fired but must not"));
        }
    }
    for s in list("textHas") {
        if !text_content.contains(&s) {
            problems.push(format!("textContent lacks {s:?}"));
        }
    }
    for s in list("textLacks") {
        if text_content.contains(&s) {
            problems.push(format!("textContent still has {s:?}"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("checks.json: {}", problems.join("; ")))
    }
}

/// Every piece of the source's text must end up somewhere in the output: in the article, in a
/// metadata field, or in the audit trail. Nothing is dropped silently.
fn check_nothing_lost(dir: &Path, actual: &Value) -> Result<(), String> {
    let source = std::fs::read_to_string(dir.join("source.html")).map_err(|e| e.to_string())?;
    nothing_lost(&source, actual)
}

fn nothing_lost(source: &str, actual: &Value) -> Result<(), String> {
    let doc = scraper::Html::parse_fragment(source);
    let mut text = String::new();
    for node in doc.tree.root().descendants() {
        if let scraper::Node::Text(t) = node.value() {
            let hidden = node.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .map(|e| matches!(e.name(), "script" | "style" | "template"))
                    .unwrap_or(false)
            });
            if !hidden {
                text.push_str(t);
                text.push('\n');
            }
        }
    }
    let mut hay = String::new();
    collect_strings(actual, &mut hay);
    let hay = normalize(&hay);
    let mut lost = Vec::new();
    for seg in text.split(|c: char| {
        matches!(
            c,
            '\n' | '.'
                | '。'
                | '!'
                | '！'
                | '?'
                | '？'
                | ';'
                | '；'
                | ','
                | '，'
                | ':'
                | '：'
                | '|'
                | '('
                | ')'
                | '（'
                | '）'
                | '['
                | ']'
                | '「'
                | '」'
                | '"'
                | '“'
                | '”'
        )
    }) {
        let seg = normalize(seg);
        if seg.chars().filter(|c| !c.is_whitespace()).count() < 4 {
            continue;
        }
        if !hay.contains(&seg) {
            lost.push(seg);
        }
    }
    if lost.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "source text found neither in the article nor in the audit trail: {lost:?}"
        ))
    }
}

fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn collect_strings(v: &Value, out: &mut String) {
    match v {
        Value::String(s) => {
            out.push_str(s);
            out.push('\n');
        }
        Value::Array(a) => a.iter().for_each(|x| collect_strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| collect_strings(x, out)),
        _ => {}
    }
}

fn fixture_test(dir: &Path) -> Result<(), Failed> {
    let (actual, pretty) = run_fixture(dir)?;
    let expected_path = dir.join("expected.json");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&expected_path, pretty).map_err(|e| e.to_string())?;
    } else {
        let expected_text = std::fs::read_to_string(&expected_path).map_err(|e| {
            format!("cannot read expected.json ({e}); create it with UPDATE_EXPECT=1 and review it")
        })?;
        let expected: Value = serde_json::from_str(&expected_text)
            .map_err(|e| format!("expected.json is not JSON: {e}"))?;
        if let Some(d) = first_difference("$", &expected, &actual) {
            return Err(format!(
                "{} differs from the cleaner's output at {d}\n(after review: UPDATE_EXPECT=1 cargo test --test fixtures)",
                expected_path.display()
            )
            .into());
        }
    }
    check_invariants(dir, &actual)?;
    check_nothing_lost(dir, &actual)?;
    Ok(())
}

/// Every built-in rule fires in at least one fixture; prints the counts.
fn rule_coverage() -> Result<(), Failed> {
    let mut counts: BTreeMap<String, usize> = builtin_rules()
        .iter()
        .map(|r| (r.id.clone(), 0usize))
        .collect();
    for dir in fixture_dirs() {
        let (actual, _) = run_fixture(&dir)?;
        let mut ids: Vec<&str> = actual["removed"]
            .as_array()
            .map(|a| a.iter().filter_map(|r| r["rule"].as_str()).collect())
            .unwrap_or_default();
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            if let Some(c) = counts.get_mut(id) {
                *c += 1;
            }
        }
    }
    let mut report = String::from("built-in rule id → fixtures exercising it\n");
    for (id, n) in &counts {
        report.push_str(&format!("  {id:<28} {n}\n"));
    }
    println!("{report}");
    let unexercised: Vec<&str> = counts
        .iter()
        .filter(|(_, n)| **n == 0)
        .map(|(id, _)| id.as_str())
        .collect();
    if unexercised.is_empty() {
        Ok(())
    } else {
        Err(format!("built-in rules no fixture exercises: {unexercised:?}\n{report}").into())
    }
}

fn main() {
    let args = Arguments::from_args();
    let mut trials: Vec<Trial> = fixture_dirs()
        .into_iter()
        .map(|dir| {
            let name = dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            Trial::test(name, move || fixture_test(&dir))
        })
        .collect();
    trials.push(Trial::test("rule-coverage", rule_coverage));
    trials.push(Trial::test("nothing-lost-check-can-fail", || {
        let source = "<p>Alpha beta gamma.</p><p>Delta epsilon zeta.</p>";
        let kept = serde_json::json!({"textContent": "Alpha beta gamma.", "removed": []});
        match nothing_lost(source, &kept) {
            Err(e) if e.contains("Delta epsilon zeta") => {}
            other => return Err(format!("silent loss not detected: {other:?}").into()),
        }
        let audited = serde_json::json!({
            "textContent": "Alpha beta gamma.",
            "removed": [{"text": "Delta epsilon zeta."}]
        });
        nothing_lost(source, &audited).map_err(Failed::from)
    }));
    libtest_mimic::run(&args, trials).exit();
}
