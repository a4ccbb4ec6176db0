//! Prints per-page and total figures for Mozilla Readability's test pages.
//!
//! `cargo run --release --example readability-report [-- NAME...] [--verbose]`

#[path = "../tests/common/mod.rs"]
mod common;

fn pct(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        n as f64 / d as f64
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    let wanted: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let ignored = common::ignored();
    let cases: Vec<String> = common::cases()
        .into_iter()
        .filter(|c| wanted.is_empty() || wanted.contains(&c))
        .collect();
    let mut results = Vec::new();
    println!(
        "{:<44} {:>6} {:>6} {:>6}  T B E S P R",
        "page", "P", "R", "F1"
    );
    let flag = |b: bool| if b { "." } else { "x" };
    for c in &cases {
        let r = common::run_case(c);
        println!(
            "{:<44} {:>6.3} {:>6.3} {:>6.3}  {} {} {} {} {} {}{}{}",
            c,
            r.precision,
            r.recall,
            r.f1,
            flag(r.title),
            flag(r.byline),
            flag(r.excerpt),
            flag(r.site_name),
            flag(r.published),
            match r.readerable {
                Some(b) => flag(b),
                None => "-",
            },
            if ignored.contains_key(c) {
                "  (ignored)"
            } else {
                ""
            },
            match &r.error {
                Some(e) => format!("  ERROR {e}"),
                None => String::new(),
            }
        );
        if verbose {
            for (field, ours, exp) in &r.mismatches {
                println!("    {field} ours={ours:?} expected={exp:?}");
            }
        }
        if args.iter().any(|a| a == "--diff") {
            if let Some((ours, exp)) = common::texts(c) {
                for m in common::missing_runs(&ours, &exp, 8) {
                    println!("    missing: {}", m.chars().take(300).collect::<String>());
                }
                for m in common::missing_runs(&exp, &ours, 8) {
                    println!("    extra:   {}", m.chars().take(300).collect::<String>());
                }
            }
        }
        results.push(r);
    }
    let n = results.len();
    let mean = |f: &dyn Fn(&common::PageResult) -> f64| {
        results.iter().map(f).sum::<f64>() / n.max(1) as f64
    };
    let count = |f: &dyn Fn(&common::PageResult) -> bool| results.iter().filter(|r| f(r)).count();
    println!("---");
    println!(
        "pages {n}  mean P {:.4}  R {:.4}  F1 {:.4}  pass(F1>={}) {}/{n}",
        mean(&|r| r.precision),
        mean(&|r| r.recall),
        mean(&|r| r.f1),
        common::PASS_F1,
        count(&|r| r.f1 >= common::PASS_F1),
    );
    let readerable_n = results.iter().filter(|r| r.readerable.is_some()).count();
    println!(
        "title {:.3}  byline {:.3}  excerpt {:.3}  siteName {:.3}  publishedTime {:.3}  readerable {:.3}",
        pct(count(&|r| r.title), n),
        pct(count(&|r| r.byline), n),
        pct(count(&|r| r.excerpt), n),
        pct(count(&|r| r.site_name), n),
        pct(count(&|r| r.published), n),
        pct(count(&|r| r.readerable == Some(true)), readerable_n),
    );
}
