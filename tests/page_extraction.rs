//! Whole-page behaviour: finding the article in a cluttered page.

use article_cleaner::{clean, is_probably_readerable, Article, Options};

fn page(body: &str) -> String {
    format!(
        "<!doctype html><html lang=en><head><title>An Interesting Article About Rivers | Example Site</title></head><body>{body}</body></html>"
    )
}

fn run(html: &str) -> Article {
    let options = Options {
        url: Some("https://example.com/news/a.html".into()),
        ..Default::default()
    };
    clean(html, &options).unwrap()
}

fn prose(n: usize, word: &str) -> String {
    (0..n)
        .map(|i| {
            format!(
                "<p>Paragraph {i} about {word}, with enough words, commas, and detail to read like real prose in an article body.</p>"
            )
        })
        .collect()
}

#[test]
fn keeps_the_article_and_drops_navigation_and_sidebars() {
    let html = page(&format!(
        r#"<div class="header"><a href="/">Home</a> <a href="/news">News</a></div>
        <div id="main"><div class="post-body">{}</div></div>
        <div class="sidebar"><p>Sidebar promo text that is long enough to be scored as a paragraph here.</p></div>
        <div class="footer">Footer links and copyright</div>"#,
        prose(8, "rivers")
    ));
    let a = run(&html);
    assert!(a.text_content.contains("Paragraph 7 about rivers"));
    assert!(!a.text_content.contains("Sidebar promo"));
    assert!(!a.text_content.contains("Footer links"));
    assert!(a.removed.iter().any(|r| r.rule == "page-unlikely"));
}

#[test]
fn hidden_elements_are_removed_and_audited() {
    let html = page(&format!(
        r#"<article>{}<div style="display: none">Secret hidden newsletter form text.</div></article>"#,
        prose(6, "lakes")
    ));
    let a = run(&html);
    assert!(!a.text_content.contains("Secret hidden"));
    assert!(a
        .removed
        .iter()
        .any(|r| r.rule == "page-hidden" && r.text.contains("Secret hidden")));
}

#[test]
fn chinese_page_is_found_by_full_width_commas() {
    let para = "<p>这是一段关于河流的中文文章，内容丰富，句子很多，读起来像真正的新闻报道。河流穿过城市，养育了两岸的人民，也带来了许多故事。</p>";
    let links: String = (0..30)
        .map(|i| format!("<li><a href=\"/c/{i}\">栏目{i}</a></li>"))
        .collect();
    let html = page(&format!(
        "<div class=\"nav\"><ul>{links}</ul></div><div class=\"content\">{}</div>",
        para.repeat(5)
    ));
    let a = run(&html);
    assert!(a.text_content.contains("河流穿过城市"));
    assert!(!a.text_content.contains("栏目12"));
}

#[test]
fn a_stricter_policy_is_relaxed_when_too_little_text_survives() {
    // The only content sits in an element named like a comment block: the strict pass
    // drops it, the retry keeps it.
    let html = page(&format!(
        r#"<div class="comment-thread">{}</div>"#,
        prose(8, "deltas")
    ));
    let a = run(&html);
    assert!(a.text_content.contains("Paragraph 5 about deltas"));
}

#[test]
fn boilerplate_inside_the_article_is_cleaned_conditionally_with_a_reason() {
    let links: String = (0..12)
        .map(|i| format!("<a href=\"/t/{i}\">Related link number {i}</a> "))
        .collect();
    let html = page(&format!(
        r#"<article>{}<div>{links}</div>{}</article>"#,
        prose(4, "springs"),
        prose(4, "wells")
    ));
    let a = run(&html);
    assert!(!a.text_content.contains("Related link number 3"));
    assert!(a
        .removed
        .iter()
        .any(|r| r.rule == "page-clean-conditionally" && !r.reason.is_empty()));
}

#[test]
fn byline_comes_from_markup_and_title_loses_the_site_name() {
    let html = page(&format!(
        r#"<article><p class="byline">By Jane Doe</p>{}</article>"#,
        prose(6, "estuaries")
    ));
    let a = run(&html);
    assert_eq!(a.byline.as_deref(), Some("By Jane Doe"));
    assert_eq!(
        a.title.as_deref(),
        Some("An Interesting Article About Rivers")
    );
    assert!(!a.text_content.contains("Jane Doe"));
}

#[test]
fn lazy_images_take_their_real_source() {
    let html = page(&format!(
        r#"<article>{}<figure><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/img/river.jpg"><figcaption>The river at dawn</figcaption></figure>{}</article>"#,
        prose(3, "banks"),
        prose(3, "fords")
    ));
    let a = run(&html);
    let img = a.blocks.iter().find_map(|b| match b {
        article_cleaner::Block::Image { src, caption, .. } => Some((src.clone(), caption.clone())),
        _ => None,
    });
    assert_eq!(
        img,
        Some((
            "https://example.com/img/river.jpg".to_string(),
            Some("The river at dawn".to_string())
        ))
    );
}

#[test]
fn a_lazy_hero_figure_above_the_article_is_its_lead_image() {
    // The figure is a sibling before the article's container, its image lazy (data-src over a
    // data: placeholder), with a caption: the first block and the lead image.
    for (lang, caption, words) in [
        ("en", "The river at dawn, from the old bridge.", "banks"),
        (
            "de",
            "Der Fluss bei Sonnenaufgang, von der alten Brücke aus.",
            "Ufer",
        ),
    ] {
        let html = page(&format!(
            r#"<nav><a href="/">Home</a> <a href="/news">News</a></nav><main lang="{lang}"><h1>An Interesting Article About Rivers</h1><figure class="hero"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/img/river-1200.jpg" alt="River"><figcaption>{caption}</figcaption></figure><div class="article-body">{}</div><aside><a href="/x">More</a></aside></main>"#,
            prose(5, words)
        ));
        let a = run(&html);
        match a.blocks.first() {
            Some(article_cleaner::Block::Image {
                src, caption: c, ..
            }) => {
                assert_eq!(src, "https://example.com/img/river-1200.jpg");
                assert_eq!(c.as_deref(), Some(caption));
            }
            other => panic!("first block {other:?}"),
        }
        let lead = a.lead_image.expect("lead image");
        assert_eq!(lead.src, "https://example.com/img/river-1200.jpg");
        assert!(a
            .text_content
            .contains(&format!("Paragraph 4 about {words}")));
    }
    // A small icon or a figure that is a gallery of links does not join.
    let html = page(&format!(
        r#"<main><figure><a href="/a"><img src="/i/a.png" width="40" height="40"></a><figcaption><a href="/a">Another story</a></figcaption></figure><div class="article-body">{}</div></main>"#,
        prose(5, "fords")
    ));
    let a = run(&html);
    assert!(!matches!(
        a.blocks.first(),
        Some(article_cleaner::Block::Image { .. })
    ));
}

#[test]
fn deeply_nested_pages_do_not_overflow_the_stack() {
    let depth = 10_000;
    let mut html = String::from("<html><body>");
    html.push_str(&"<div>".repeat(depth));
    html.push_str(&prose(6, "depth"));
    html.push_str(&"</div>".repeat(depth));
    html.push_str("</body></html>");
    // Deeper than the default maxDepth: refused with a typed error, not a crash.
    let refused = clean(&html, &Options::default()).unwrap_err();
    assert_eq!(refused.code(), "TOO_DEEP");
    // With the limit raised, the page is cleaned without overflowing the stack.
    let options = Options {
        url: Some("https://example.com/news/a.html".into()),
        max_depth: 20_000,
        ..Default::default()
    };
    let a = clean(&html, &options).unwrap();
    assert!(a.text_content.contains("Paragraph 2 about depth"));
}

#[test]
fn readerable_precheck() {
    let long = format!(
        "<p>{}</p>",
        "Tides rise and fall twice a day along this coast. ".repeat(6)
    );
    assert!(is_probably_readerable(&page(&long.repeat(3))));
    // Paragraphs under 140 characters do not count, however many there are.
    assert!(!is_probably_readerable(&page(&prose(20, "tides"))));
    // Long text hidden from view does not count.
    let hidden = format!(r#"<div hidden>{}</div>"#, long.repeat(3));
    assert!(!is_probably_readerable(&page(&hidden)));
}
