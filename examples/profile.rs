//! Runs `clean` on one file many times, for a profiler:
//! `cargo build --release --example profile && perf record -g target/release/examples/profile FILE 200`.
//! With `PROFILE_PARSE_ONLY=1` it runs a bare `scraper::Html::parse_document` instead.

use article_cleaner::{clean, Options};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: profile FILE [ITERATIONS] [URL]");
        std::process::exit(2);
    };
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(100);
    let url = args
        .next()
        .unwrap_or_else(|| "http://fakehost/test/page.html".into());
    let html = match std::fs::read_to_string(&path) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let options = Options {
        url: Some(url),
        ..Options::default()
    };
    let start = std::time::Instant::now();
    let mut bytes = 0usize;
    if std::env::var_os("PROFILE_PARSE_ONLY").is_some() {
        // The floor: a bare scraper/html5ever parse of the same bytes.
        for _ in 0..n {
            bytes += scraper::Html::parse_document(&html).tree.nodes().len();
        }
        let per = start.elapsed().as_secs_f64() * 1000.0 / n as f64;
        eprintln!("{path}: parse only {per:.3} ms/doc over {n} runs ({bytes} nodes)");
        return;
    }
    for _ in 0..n {
        if let Ok(a) = clean(&html, &options) {
            bytes += a.content.len();
        }
    }
    let per = start.elapsed().as_secs_f64() * 1000.0 / n as f64;
    eprintln!("{path}: {per:.3} ms/doc over {n} runs ({bytes} content bytes)");
}
