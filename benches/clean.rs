//! Native benchmarks over real documents, with byte throughput. Each stage of the pipeline has
//! its own id so its cost shows against a bare html5ever parse of the same bytes:
//!
//! - `parse`: scraper/html5ever parse only (the floor);
//! - `clean-bare`: parse + blocks + render + sanitize, with no rules and no article search;
//! - `clean-rules`: the same plus the built-in rules;
//! - `clean`: the full pipeline (rules + article search on pages);
//! - `serialize`: JSON serialization of the finished article.
//!
//! `cargo bench --bench clean` (add `-- --quick` for a fast pass).

use std::hint::black_box;
use std::path::Path;

use article_cleaner::{clean, Options};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const DOCUMENTS: &[(&str, &str)] = &[
    (
        "small-feed-item",
        "tests/fixtures/samples/dw-feedx-item.html",
    ),
    (
        "medium-article",
        "tests/fixtures/readability/ars-1/source.html",
    ),
    (
        "large-page",
        "tests/fixtures/readability/nytimes-3/source.html",
    ),
    (
        "1mb-page",
        "tests/fixtures/readability/guardian-1/source.html",
    ),
];

/// Reads a document from the repo's fixtures.
fn load(rel: &str) -> Option<String> {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).ok()
}

fn benches(c: &mut Criterion) {
    let full = Options {
        url: Some("http://fakehost/test/page.html".into()),
        ..Options::default()
    };
    let bare = Options {
        builtin_rules: false,
        find_article: false,
        ..full.clone()
    };
    let rules_only = Options {
        find_article: false,
        ..full.clone()
    };
    for (name, rel) in DOCUMENTS {
        let Some(html) = load(rel) else {
            eprintln!("skipping {name}: {rel} not found");
            continue;
        };
        let mut g = c.benchmark_group(*name);
        g.throughput(Throughput::Bytes(html.len() as u64));
        g.sample_size(20);
        g.bench_function("parse", |b| {
            b.iter(|| scraper::Html::parse_document(black_box(&html)))
        });
        g.bench_function("clean-bare", |b| b.iter(|| clean(black_box(&html), &bare)));
        g.bench_function("clean-rules", |b| {
            b.iter(|| clean(black_box(&html), &rules_only))
        });
        g.bench_function("clean", |b| b.iter(|| clean(black_box(&html), &full)));
        if let Ok(article) = clean(&html, &full) {
            g.bench_function("serialize", |b| {
                b.iter(|| serde_json::to_string(black_box(&article)))
            });
        }
        g.finish();
    }
}

criterion_group!(clean_benches, benches);
criterion_main!(clean_benches);
