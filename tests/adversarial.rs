//! Hostile and degenerate inputs. Every case must return `Ok` (best effort) or a typed `Error`:
//! no panic, no stack overflow. Each case also runs on a thread with a 256 KiB stack, as small
//! as the stack a wasm instance gets.

use article_cleaner::{clean, clean_to_json, Article, Error, Options};

/// The stack of the small-stack runs.
const SMALL_STACK: usize = 256 * 1024;

/// Runs `clean` on the test thread and again on a 256 KiB thread; both must agree.
fn check_with(input: String, options: Options) -> Result<Article, Error> {
    let here = clean(&input, &options);
    let small = std::thread::Builder::new()
        .stack_size(SMALL_STACK)
        .spawn(move || clean(&input, &options))
        .expect("spawn")
        .join()
        .expect("clean() must not panic or overflow a 256 KiB stack");
    assert_eq!(
        here.as_ref()
            .map(|a| serde_json::to_string(a).expect("json")),
        small
            .as_ref()
            .map(|a| serde_json::to_string(a).expect("json")),
        "same result on both stacks"
    );
    if let Err(e) = &here {
        assert!(!e.code().is_empty());
        let _ = e.info();
    }
    here
}

fn check(input: String) -> Result<Article, Error> {
    check_with(input, Options::default())
}

fn nested(open: &str, close: &str, depth: usize, inner: &str) -> String {
    let mut s = String::with_capacity((open.len() + close.len()) * depth + inner.len());
    for _ in 0..depth {
        s.push_str(open);
    }
    s.push_str(inner);
    for _ in 0..depth {
        s.push_str(close);
    }
    s
}

const DEEP: usize = 100_000;

/// A 100,000-deep document is refused with `TOO_DEEP` (or, when the parser flattens it, cleaned
/// best effort); the same shape within the depth limit is cleaned and keeps its text.
fn deep_case(open: &str, close: &str, per_level: usize, inner: &str) {
    match check(nested(open, close, DEEP / per_level, inner)) {
        Err(Error::TooDeep { limit, found }) => {
            assert_eq!(limit, article_cleaner::DEFAULT_MAX_DEPTH);
            assert!(found > limit, "found {found}");
        }
        Err(e) => panic!("unexpected error {e:?}"),
        Ok(a) => assert!(a.text_content.contains(inner)),
    }
    // Within the limit: the text survives.
    let shallow = 900 / per_level / 2;
    let a = check(nested(open, close, shallow, inner)).expect("within the depth limit");
    // A fragment opening with a heading gives that heading as the title (not repeated in the body).
    assert!(
        a.text_content.contains(inner) || a.title.as_deref() == Some(inner),
        "{open}×{shallow}: {:?}",
        a.text_content
    );
}

#[test]
fn nested_divs_100k() {
    deep_case("<div>", "</div>", 1, "deep text");
    let e = check(nested("<div>", "</div>", DEEP, "x")).unwrap_err();
    assert_eq!(e.code(), "TOO_DEEP");
}

#[test]
fn nested_divs_100k_unclosed() {
    let e = check("<div>".repeat(DEEP) + "deep text").unwrap_err();
    assert_eq!(e.code(), "TOO_DEEP");
    let a = check("<div>".repeat(500) + "deep text").expect("within the limit");
    assert!(a.text_content.contains("deep text"));
}

#[test]
fn depth_cannot_hide_behind_end_of_document_tricks() {
    // After `</html>` a comment is appended at the top level, but the open divs stay open: the
    // depth check must look at every node each chunk adds, not only the last one.
    let chunk = "<div>".repeat(600) + "</body></html><!--x-->";
    let e = check(chunk.repeat(200)).unwrap_err();
    assert_eq!(e.code(), "TOO_DEEP");
}

#[test]
fn max_depth_option_is_honoured() {
    let o = Options {
        max_depth: 50,
        ..Options::default()
    };
    let e = check_with(nested("<div>", "</div>", 60, "x"), o.clone()).unwrap_err();
    match e {
        Error::TooDeep { limit, found } => assert_eq!((limit, found > 50), (50, true)),
        other => panic!("unexpected {other:?}"),
    }
    assert!(check_with(nested("<div>", "</div>", 40, "x"), o).is_ok());
    let deeper = Options {
        max_depth: 5000,
        ..Options::default()
    };
    assert!(check_with(nested("<div>", "</div>", 4000, "x"), deeper).is_ok());
    let e = Options::from_json_str(r#"{"maxDepth": 0}"#).unwrap_err();
    assert_eq!(
        (e.code(), e.info().path.as_deref()),
        ("INVALID_OPTIONS", Some("maxDepth"))
    );
    assert_eq!(
        Options::from_json_str(r#"{"maxDepth": 7}"#)
            .unwrap()
            .max_depth,
        7
    );
}

#[test]
fn nested_bold_100k() {
    deep_case("<b>", "</b>", 1, "bold text");
}

#[test]
fn unclosed_formatting_reconstructed_at_every_paragraph() {
    // Unclosed formatting elements are re-created at every paragraph (the active formatting
    // list): with distinct attributes the parser's tree grows with the square of the input.
    let mut s = String::new();
    for i in 0..5_000 {
        s.push_str(&format!("<p><b id=b{i}>x"));
    }
    let e = check(s).unwrap_err();
    assert!(matches!(e.code(), "TOO_DEEP" | "TOO_MANY_ELEMENTS"), "{e}");
    let _ = check("<b>".repeat(1000) + &"<p>x".repeat(1000));
}

#[test]
fn nested_distinct_formatting_100k() {
    // Distinct attributes defeat the parser's "Noah's Ark" clause (at most 3 equal entries).
    let mut s = String::new();
    for i in 0..DEEP {
        s.push_str(&format!("<b id=b{i}>"));
    }
    s.push_str("text");
    assert_eq!(check(s).unwrap_err().code(), "TOO_DEEP");
}

#[test]
fn misnested_formatting_adoption_agency() {
    // `<b><i>` … `</b>`: every end tag runs the adoption agency over the open elements.
    let s = "<b><i>".repeat(DEEP / 2) + &"</b>x".repeat(DEEP / 2);
    assert_eq!(check(s).unwrap_err().code(), "TOO_DEEP");
    let s = "<b><i>".repeat(200) + &"</b>x".repeat(200);
    assert!(check(s).is_ok());
}

#[test]
fn nested_links_100k() {
    // The parser closes an open <a> at every <a>: this one is flat.
    let a = check(nested(
        "<a href=\"https://example.com/x\">",
        "</a>",
        DEEP,
        "link text",
    ))
    .expect("best effort");
    assert!(a.text_content.contains("link text"));
    deep_case(
        "<a href=\"https://example.com/x\"><div>",
        "</div></a>",
        2,
        "link text",
    );
}

#[test]
fn nested_spans_100k() {
    deep_case("<span>", "</span>", 1, "span text");
}

#[test]
fn nested_mixed_inline_100k() {
    deep_case("<span><em><i>", "</i></em></span>", 3, "mixed");
}

#[test]
fn nested_tables_100k() {
    deep_case("<table><tr><td>", "</td></tr></table>", 4, "cell");
}

#[test]
fn nested_lists_100k() {
    deep_case("<ul><li>", "</li></ul>", 2, "item");
    deep_case("<ol><li><p>", "</p></li></ol>", 3, "item");
}

#[test]
fn nested_blockquotes_and_figures_100k() {
    deep_case("<blockquote>", "</blockquote>", 1, "quoted");
    deep_case("<figure>", "</figure>", 1, "figure text");
    deep_case(
        "<figure><figcaption>",
        "</figcaption></figure>",
        2,
        "caption",
    );
}

#[test]
fn nested_headings_and_pre_100k() {
    deep_case("<h2><div>", "</div></h2>", 2, "heading");
    deep_case("<pre><div>", "</div></pre>", 2, "code");
}

#[test]
fn nested_svg_and_math_100k() {
    let _ = check(nested("<svg><g>", "</g></svg>", DEEP / 2, "s"));
    let _ = check(nested("<math><mi>", "</mi></math>", DEEP / 2, "m"));
}

#[test]
fn ten_megabytes_of_text_in_one_node() {
    let body = "word ".repeat(2 * 1024 * 1024);
    let a = check(format!("<p>{body}</p>")).expect("best effort");
    assert_eq!(a.stats.paragraphs, 1);
    assert!(a.stats.words >= 2 * 1024 * 1024);
}

#[test]
fn ten_megabytes_without_spaces() {
    let a = check(format!("<p>{}</p>", "x".repeat(10 * 1024 * 1024))).expect("best effort");
    assert_eq!(a.stats.characters, 10 * 1024 * 1024);
}

#[test]
fn one_million_attributes() {
    let mut s = String::from("<p");
    for i in 0..1_000_000 {
        s.push_str(&format!(" a{i}=\"v\""));
    }
    s.push_str(" onclick=\"alert(1)\">text</p>");
    let a = check(s).expect("best effort");
    assert!(a.text_content.contains("text"));
    assert!(!a.content.contains("onclick"));
}

#[test]
fn one_million_attributes_with_quoted_gt() {
    // `>` inside quoted values does not end the tag: the attribute guard must follow quotes.
    let mut s = String::from("<p");
    for i in 0..1_000_000 {
        s.push_str(&format!(" a{i}=\">\""));
    }
    s.push_str(">text</p>");
    let a = check(s).expect("best effort");
    assert_eq!(a.text_content, "text");
}

#[test]
fn attributes_past_the_limit_are_dropped_but_the_first_are_kept() {
    let many: String = (0..300).map(|i| format!(" data-a{i}=x")).collect();
    let input = format!(
        "<p><a href=\"https://example.com/first\"{many}>kept</a> and <a{many} href=\"https://example.com/late\">late</a></p>"
    );
    let a = check(input).expect("best effort");
    assert_eq!(a.text_content, "kept and late");
    let hrefs: Vec<&str> = a.links.iter().map(|l| l.href.as_str()).collect();
    assert_eq!(hrefs, ["https://example.com/first"]);
}

#[test]
fn one_million_duplicate_attributes() {
    let s = format!(
        "<img{} src=\"https://example.com/i.png\">",
        " a=\"v\"".repeat(1_000_000)
    );
    let _ = check(s).expect("best effort");
}

#[test]
fn unterminated_comment() {
    let a = check("<p>before</p><!-- never closed <p>after</p>".into()).expect("best effort");
    assert!(a.text_content.contains("before"));
    assert!(!a.text_content.contains("after"));
}

#[test]
fn envelope_with_unterminated_comment() {
    let _ = check("<!--1700000000000".into()).expect("best effort");
    let _ = check("<!--".into()).expect("best effort");
    let _ = check("<!---->\n[".into()).expect("best effort");
}

#[test]
fn plaintext_element() {
    let a =
        check("<p>before</p><plaintext><script>alert(1)</script></p>".into()).expect("best effort");
    assert!(a.text_content.contains("before"));
    assert!(!a.content.contains("<script"));
}

#[test]
fn nul_bytes() {
    let a =
        check("<p>a\0b</p>\0<img src=\"java\0script:alert(1)\">\0".into()).expect("best effort");
    assert!(!a.content.contains("script:"));
    assert!(!a.content.contains('\0'));
    let _ = check("\0".repeat(100_000)).expect("best effort");
}

#[test]
fn envelope_without_html() {
    let a = check("<!--1700000000000-->\n[Title](https://example.com/a)\n------\n".into())
        .expect("best effort");
    assert_eq!(a.title.as_deref(), Some("Title"));
    assert!(a.blocks.is_empty());
    assert_eq!(a.content, "");
}

#[test]
fn empty_string() {
    let a = check(String::new()).expect("best effort");
    assert!(a.blocks.is_empty());
    assert_eq!(a.content, "");
    assert_eq!(a.text_content, "");
    let _ = check("   \n\t ".into()).expect("best effort");
}

#[test]
fn only_boilerplate_feedx_footer() {
    let a = check(
        "<!--1707194823000-->\n[T](https://www.dw.com/zh/a-1)\n------\n<br><hr><div>获取更多RSS：<br><a href=\"https://feedx.net\">https://feedx.net</a></div>".into(),
    )
    .expect("best effort");
    assert!(a.removed.iter().any(|r| r.rule == "feedx-footer"));
    assert!(!a.text_content.contains("获取更多RSS"));
}

#[test]
fn many_sibling_paragraphs() {
    let a = check("<p>para</p>".repeat(200_000)).expect("best effort");
    assert_eq!(a.stats.paragraphs, 200_000);
}

#[test]
fn many_sibling_images_and_links() {
    let s = "<p><a href=\"/x?utm_source=a\">l</a><img src=\"/i.png\"></p>".repeat(20_000);
    let _ = check_with(
        s,
        Options {
            url: Some("https://example.com/".into()),
            ..Options::default()
        },
    )
    .expect("best effort");
}

#[test]
fn hostile_envelopes() {
    let _ = check(format!("[{}](https://example.com)", "[".repeat(100_000))).expect("ok");
    let _ = check(format!("[t]({})", "(".repeat(100_000))).expect("ok");
    let _ = check(format!("<!--{}-->", "9".repeat(100))).expect("ok");
    let _ = check("<!--99999999999999999-->\n".into()).expect("ok");
    let _ = check("<!---9223372036854775808-->\n[t](javascript:alert(1))\n---\n".into())
        .map(|a| assert!(a.url.is_none()));
}

// ---- limits ------------------------------------------------------------------------------

#[test]
fn max_input_bytes_is_enforced_with_limit_and_found() {
    let o = Options {
        max_input_bytes: 10,
        ..Options::default()
    };
    let e = clean("<p>hello world</p>", &o).unwrap_err();
    assert_eq!(
        e,
        Error::InputTooLarge {
            limit: 10,
            found: 18
        }
    );
    assert_eq!(e.code(), "INPUT_TOO_LARGE");
    let info = e.info();
    assert_eq!((info.limit, info.found), (Some(10.0), Some(18.0)));
    // Exactly at the limit is accepted.
    assert!(clean(
        "<p>hi</p>",
        &Options {
            max_input_bytes: 9,
            ..Options::default()
        }
    )
    .is_ok());
}

#[test]
fn max_elements_is_enforced_with_limit_and_found() {
    let o = Options {
        max_elements: 50,
        ..Options::default()
    };
    // html, head, body + 100 p: counting stops just past the limit.
    let e = clean(&"<p>x</p>".repeat(100), &o).unwrap_err();
    match &e {
        Error::TooManyElements { limit, found } => {
            assert_eq!(*limit, 50);
            assert!(*found > 50 && *found <= 103, "found {found}");
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(e.code(), "TOO_MANY_ELEMENTS");
    assert!(clean(&"<p>x</p>".repeat(40), &o).is_ok());
}

#[test]
fn many_elements_beyond_max_elements_is_a_typed_error() {
    let o = Options {
        max_elements: 10_000,
        ..Options::default()
    };
    let e = check_with("<p>x</p>".repeat(DEEP), o).unwrap_err();
    assert_eq!(e.code(), "TOO_MANY_ELEMENTS");
}

#[test]
fn limit_options_are_validated() {
    let e = Options::from_json_str(r#"{"maxInputBytes": 0}"#).unwrap_err();
    assert_eq!(
        (e.code(), e.info().path.as_deref()),
        ("INVALID_OPTIONS", Some("maxInputBytes"))
    );
    let e = Options::from_json_str(r#"{"maxElements": 0}"#).unwrap_err();
    assert_eq!(
        (e.code(), e.info().path.as_deref()),
        ("INVALID_OPTIONS", Some("maxElements"))
    );
    let e = Options::from_json_str(r#"{"maxElements": -1}"#).unwrap_err();
    assert_eq!(
        (e.code(), e.info().path.as_deref()),
        ("INVALID_OPTIONS", Some("maxElements"))
    );
    let e = Options::from_json_str(r#"{"maxInputBytes": "big"}"#).unwrap_err();
    assert_eq!(
        (e.code(), e.info().path.as_deref()),
        ("INVALID_OPTIONS", Some("maxInputBytes"))
    );
    let e = Options::from_json_str(r#"{"maxElements": 1.5}"#).unwrap_err();
    assert_eq!(e.code(), "INVALID_OPTIONS");
    let e = Options::from_json_str(r#"{"url": "not a url"}"#).unwrap_err();
    assert_eq!(
        (e.code(), e.info().path.as_deref()),
        ("INVALID_OPTIONS", Some("url"))
    );
    let e = Options::from_json_str(r#"{"maxElemnts": 5}"#).unwrap_err();
    assert_eq!(e.code(), "INVALID_OPTIONS");
    let e = Options::from_json_str("{").unwrap_err();
    assert_eq!(e.code(), "INVALID_OPTIONS");
    // Options built in Rust are checked by clean() too.
    let o = Options {
        max_elements: 0,
        ..Options::default()
    };
    assert_eq!(clean("<p>x</p>", &o).unwrap_err().code(), "INVALID_OPTIONS");
    let o = Options {
        max_input_bytes: 0,
        ..Options::default()
    };
    assert!(clean("", &o).is_err());
}

#[test]
fn hostile_rules_are_typed_errors_or_bounded() {
    for (json, code) in [
        (
            r#"{"rules":[{"id":"r","match":{"selector":"p["},"action":{"type":"remove"}}]}"#,
            "INVALID_RULE",
        ),
        (
            r#"{"rules":[{"id":"r","match":{"text":"(("},"action":{"type":"remove"}}]}"#,
            "INVALID_RULE",
        ),
        (
            r#"{"rules":[{"id":"r","action":{"type":"explode"}}]}"#,
            "INVALID_RULE",
        ),
        (
            r#"{"rules":[{"id":"r","match":{"selector":"p"},"action":{"type":"promoteHeading","level":9}}]}"#,
            "INVALID_RULE",
        ),
        (
            r#"{"rules":[{"id":"r","match":{"text":"(a{1000}){1000}"},"action":{"type":"remove"}}]}"#,
            "INVALID_RULE",
        ),
    ] {
        let e = Options::from_json_str(json).unwrap_err();
        assert_eq!(e.code(), code, "{json}: {e}");
    }
}

// ---- determinism ---------------------------------------------------------------------------

fn fixture_inputs() -> Vec<(String, String)> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut out = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(root)];
    while let Some(dir) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if matches!(
                p.extension().and_then(|x| x.to_str()),
                Some("html" | "htm" | "txt" | "md")
            ) {
                if let Ok(s) = std::fs::read_to_string(&p) {
                    out.push((p.display().to_string(), s));
                }
            }
        }
    }
    out.sort();
    out
}

#[test]
fn same_input_gives_byte_identical_json() {
    let inputs = fixture_inputs();
    assert!(
        inputs
            .iter()
            .any(|(p, _)| p.ends_with("dw-feedx-item.html")),
        "the shared sample is a fixture"
    );
    let opts = [
        Options::default(),
        Options {
            url: Some("https://example.com/a/b".into()),
            ..Options::default()
        },
    ];
    for (path, input) in &inputs {
        for o in &opts {
            let first = clean_to_json(input, o, false);
            for _ in 0..3 {
                assert_eq!(first, clean_to_json(input, o, false), "{path}");
            }
            // And across threads (fresh thread-locals, different hash seeds).
            let (i2, o2) = (input.clone(), o.clone());
            let other = std::thread::spawn(move || clean_to_json(&i2, &o2, false))
                .join()
                .expect("no panic");
            assert_eq!(first, other, "{path}");
        }
    }
}

// ---- scaling -------------------------------------------------------------------------------

/// Fastest of a few runs, in seconds.
fn min_time(input: &str) -> f64 {
    (0..4)
        .map(|_| {
            let t = std::time::Instant::now();
            let _ = clean(input, &Options::default());
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// Work at 10n must not be grossly more than 10× the work at n (fails only above 40×, so a
/// loaded machine does not make it flaky; a quadratic path gives ~100×).
/// A named document shape, built at size n.
type Shape = (&'static str, fn(usize) -> String);

#[test]
fn scaling_is_not_grossly_superlinear() {
    let shapes: [Shape; 6] = [
        ("sibling paragraphs", |n| "<p>para text</p>".repeat(n)),
        ("links with tracking", |n| {
            "<p><a href=\"https://e.com/x?utm_source=a\">l</a> t</p>".repeat(n)
        }),
        ("250-deep div towers", |n| {
            nested("<div>", "</div>", 250, "<p>x</p>").repeat(n / 250)
        }),
        ("tags with 200 attributes", |n| {
            let attrs: String = (0..200).map(|i| format!(" a{i}=v")).collect();
            format!("<p{attrs}>x</p>").repeat(n / 50)
        }),
        ("unclosed formatting", |n| "<b><i><p>x".repeat(n)),
        ("combs of boilerplate 200 deep", |n| {
            nested(
                "<div><p>Related: <a href=\"https://e.com/r\">r</a></p><p>text</p>",
                "</div>",
                200,
                "",
            )
            .repeat(n / 250)
        }),
    ];
    for (name, make) in shapes {
        let small = make(500);
        let big = make(5_000);
        let (ts, tb) = (min_time(&small), min_time(&big));
        let ratio = tb / ts.max(1e-4);
        eprintln!("{name}: n {ts:.4}s, 10n {tb:.4}s, ratio {ratio:.1}");
        assert!(ratio < 40.0, "{name}: 10n took {ratio:.1}× the time of n");
    }
}
