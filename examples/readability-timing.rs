//! Times `clean` against a bare html5ever parse on Mozilla Readability's test pages.
//!
//! `cargo run --release --example readability-timing`

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::Instant;

use article_cleaner::{clean, Options};

fn main() {
    let options = Options {
        url: Some(common::PAGE_URL.to_string()),
        ..Default::default()
    };
    let (mut parse_total, mut clean_total, mut body_total) = (0f64, 0f64, 0f64);
    let body_only = Options {
        find_article: false,
        ..options.clone()
    };
    let mut rows = Vec::new();
    for name in common::cases() {
        let Ok(src) = std::fs::read_to_string(common::suite_dir().join(&name).join("source.html"))
        else {
            continue;
        };
        let runs = 5;
        let t = Instant::now();
        for _ in 0..runs {
            std::hint::black_box(scraper::Html::parse_document(&src));
        }
        let parse = t.elapsed().as_secs_f64() / runs as f64;
        let t = Instant::now();
        for _ in 0..runs {
            let _ = std::hint::black_box(clean(&src, &options));
        }
        let cleaned = t.elapsed().as_secs_f64() / runs as f64;
        let t = Instant::now();
        for _ in 0..runs {
            let _ = std::hint::black_box(clean(&src, &body_only));
        }
        body_total += t.elapsed().as_secs_f64() / runs as f64;
        parse_total += parse;
        clean_total += cleaned;
        rows.push((cleaned / parse, name, src.len(), parse, cleaned));
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    // Fixed cost: a tiny document with and without article finding.
    let tiny_owned = std::env::var("TIMING_PAGE")
        .ok()
        .and_then(|n| std::fs::read_to_string(common::suite_dir().join(n).join("source.html")).ok())
        .or_else(|| {
            std::env::var("TIMING_FILE")
                .ok()
                .and_then(|f| std::fs::read_to_string(f).ok())
        })
        .unwrap_or_else(|| "<html><body><p>x</p></body></html>".to_string());
    let tiny = tiny_owned.as_str();
    for find in [true, false] {
        let o = Options {
            find_article: find,
            ..options.clone()
        };
        let t = Instant::now();
        for _ in 0..50 {
            let _ = std::hint::black_box(clean(tiny, &o));
        }
        println!(
            "fixed page, find_article={find}: {:.3} ms",
            t.elapsed().as_secs_f64() * 1e3 / 50.0
        );
    }
    println!(
        "{:<40} {:>9} {:>9} {:>9} {:>6}",
        "page", "bytes", "parse ms", "clean ms", "ratio"
    );
    for (ratio, name, bytes, parse, cleaned) in rows.iter().take(15) {
        println!(
            "{name:<40} {bytes:>9} {:>9.2} {:>9.2} {ratio:>6.2}",
            parse * 1e3,
            cleaned * 1e3
        );
    }
    println!(
        "total parse {:.1} ms, clean {:.1} ms (ratio {:.2}), clean without article finding {:.1} ms (ratio {:.2})",
        parse_total * 1e3,
        clean_total * 1e3,
        clean_total / parse_total,
        body_total * 1e3,
        body_total / parse_total
    );
}
