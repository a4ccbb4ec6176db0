//! The command-line binary: help, version, exit codes, `--rules FILE`, `--list-rules`,
//! `--rules-schema`, and the error message for a bad rules file.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_article-cleaner");

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn article-cleaner");
    if let Some(input) = stdin {
        // The binary may exit before reading (e.g. on a bad rules file): a broken pipe here
        // is expected then, and the exit status is what the test checks.
        let _ = child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes());
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().expect("wait")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A file in the temp directory, unique to this test process and name; removed on drop.
struct TempFile(PathBuf);

impl TempFile {
    fn to_str(&self) -> Option<&str> {
        self.0.to_str()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn temp_file(name: &str, content: &str) -> TempFile {
    let path =
        std::env::temp_dir().join(format!("article-cleaner-cli-{}-{name}", std::process::id()));
    std::fs::write(&path, content).expect("write temp file");
    TempFile(path)
}

const ITEM: &str = "<p>First paragraph of the story, long enough to be prose.</p>\
<p>PROMO: buy our app today</p><p>Last paragraph.</p><p>© 2024 Example Corp.</p>";

#[test]
fn help_and_version() {
    for flag in ["--help", "-h"] {
        let o = run(&[flag], None);
        assert_eq!(o.status.code(), Some(0));
        let out = stdout(&o);
        for word in [
            "USAGE",
            "--rules FILE",
            "--list-rules",
            "--rules-schema",
            "EXIT STATUS",
        ] {
            assert!(out.contains(word), "{word} missing from help");
        }
    }
    for flag in ["--version", "-V"] {
        let o = run(&[flag], None);
        assert_eq!(o.status.code(), Some(0));
        assert_eq!(
            stdout(&o).trim(),
            format!("article-cleaner {}", env!("CARGO_PKG_VERSION"))
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    let o = run(&["--frobnicate"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown option `--frobnicate`"),
        "{}",
        stderr(&o)
    );
    let o = run(&["--rules"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--rules needs a value"));
    let o = run(&["a.html", "b.html"], None);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn cleans_stdin_and_files() {
    let o = run(&["-"], Some(ITEM));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["version"], 1);
    assert_eq!(v["copyright"], "© 2024 Example Corp.");
    let f = temp_file("item.html", ITEM);
    let o = run(&["--pretty", f.to_str().unwrap_or_default()], None);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("\n  \"version\": 1"));
    let o = run(&["/nonexistent/item.html"], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot read /nonexistent/item.html"));
}

#[test]
fn rules_file_adds_overrides_and_disable_rule() {
    let rules = temp_file(
        "rules.json",
        r#"[
  {"id": "promo-line", "description": "Promo lines", "match": {"text": "promo:.*"}, "action": {"type": "remove"}},
  {"id": "copyright", "description": "Drop copyright lines", "match": {"text": "©.*"}, "guard": {"last": 1}, "action": {"type": "remove"}}
]"#,
    );
    let o = run(&["--rules", rules.to_str().unwrap_or_default()], Some(ITEM));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let removed: Vec<(&str, &str)> = v["removed"]
        .as_array()
        .expect("removed")
        .iter()
        .map(|r| {
            (
                r["rule"].as_str().unwrap_or(""),
                r["action"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(removed.contains(&("promo-line", "remove")), "{removed:?}");
    // The built-in `copyright` (extract) was replaced by the file's rule (remove).
    assert!(removed.contains(&("copyright", "remove")), "{removed:?}");
    assert!(v["copyright"].is_null());
    assert!(!v["textContent"].as_str().unwrap_or("").contains("PROMO"));

    let o = run(
        &[
            "--rules",
            rules.to_str().unwrap_or_default(),
            "--disable-rule",
            "promo-line",
        ],
        Some(ITEM),
    );
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert!(v["textContent"].as_str().unwrap_or("").contains("PROMO"));
}

#[test]
fn bad_rules_file_gives_a_precise_error() {
    let rules = temp_file(
        "bad-rules.json",
        r#"[
  {"id": "fine", "match": {"selector": "p.x"}, "action": {"type": "remove"}},
  {"id": "bad", "match": {"selector": "p[["}, "action": {"type": "remove"}}
]"#,
    );
    let path = rules.to_str().unwrap_or_default().to_string();
    let o = run(&["--rules", &path], Some(ITEM));
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.starts_with("article-cleaner: "), "{err}");
    for part in [
        path.as_str(),
        "Invalid rule #1",
        "(id \"bad\")",
        "`match.selector`",
        "invalid CSS selector",
    ] {
        assert!(err.contains(part), "{part:?} missing from {err:?}");
    }
    assert!(stdout(&o).is_empty());

    let typo = temp_file(
        "typo-rules.json",
        r#"[{"id": "t", "match": {"selector": "p"}, "guard": {"maxChar": 3}, "action": {"type": "remove"}}]"#,
    );
    let o = run(&["--rules", typo.to_str().unwrap_or_default()], Some(ITEM));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("`guard.maxChar`"), "{}", stderr(&o));

    let not_json = temp_file("not-json.json", "[{");
    let o = run(
        &["--rules", not_json.to_str().unwrap_or_default()],
        Some(ITEM),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not valid JSON"), "{}", stderr(&o));

    let o = run(&["--rules", "/nonexistent/rules.json"], Some(ITEM));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot read /nonexistent/rules.json"));
}

#[test]
fn list_rules_and_schema() {
    let o = run(&["--list-rules"], None);
    assert_eq!(o.status.code(), Some(0));
    let listed: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).expect("JSON array");
    let ids: Vec<&str> = listed.iter().filter_map(|r| r["id"].as_str()).collect();
    let builtin: Vec<&str> = article_cleaner::builtin_rules()
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(ids, builtin);
    // The listing is itself a valid rules file.
    let again = article_cleaner::rules::rules_from_json_str(&stdout(&o)).expect("reparse");
    assert_eq!(again.as_slice(), article_cleaner::builtin_rules());

    let o = run(&["--rules-schema"], None);
    assert_eq!(o.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(schema, article_cleaner::rules::rules_schema());
}

#[test]
fn feed_mode_reads_files_and_stdin_and_types_its_errors() {
    let doc = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/feed-documents/zh-gb2312-qq/input.xml"
    );
    // A GB2312 file: the charset comes from the XML declaration.
    let o = run(&["--feed", doc], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["feed"]["format"], "rss2");
    assert_eq!(v["items"].as_array().map(Vec::len), Some(3));
    assert_eq!(
        v["items"][0]["title"],
        "最高法：适时出台防卫过当的认定标准 鼓励正当防卫"
    );
    // Standard input, pretty, with options.
    let rss = "<rss version=\"2.0\"><channel><title>T</title><item><title>A</title><link>https://t.example/a</link></item><item><title>B</title></item></channel></rss>";
    let o = run(&["--feed", "--pretty", "-"], Some(rss));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("\n  \"feed\": {"));
    let o = run(&["--feed", "--options", "{\"maxItems\": 1}"], Some(rss));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("(TOO_MANY_ITEMS)"), "{}", stderr(&o));
    let o = run(&["--feed"], Some("<html><body><p>page</p></body></html>"));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("(NOT_A_FEED)"), "{}", stderr(&o));
    let o = run(&["--feed", "--jsonl"], Some(""));
    assert_eq!(o.status.code(), Some(1));
}
