//! Mozilla Readability's own test pages (tests/fixtures/readability, Apache-2.0): one named
//! test per page. A page passes when the text of our article matches Readability's
//! `expected.html` by 4-token shingles with F1 >= `PASS_F1`. Known misses are listed with a
//! reason in `tests/fixtures/readability/ignore.txt`.

mod common;

use libtest_mimic::{Arguments, Failed, Trial};

fn main() {
    let args = Arguments::from_args();
    let ignored = common::ignored();
    let trials = common::cases()
        .into_iter()
        .map(|name| {
            let skip = ignored.contains_key(&name);
            let n = name.clone();
            Trial::test(name, move || check(&n)).with_ignored_flag(skip)
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

fn check(name: &str) -> Result<(), Failed> {
    let r = common::run_case(name);
    if let Some(e) = r.error {
        return Err(format!("clean failed: {e}").into());
    }
    if r.f1 < common::PASS_F1 {
        return Err(format!(
            "text F1 {:.3} < {} (precision {:.3}, recall {:.3}); \
             run `cargo run --release --example readability-report -- {name}` for details",
            r.f1,
            common::PASS_F1,
            r.precision,
            r.recall
        )
        .into());
    }
    Ok(())
}
