//! The committed TypeScript declarations must equal the ones generated from the Rust types.
//! `UPDATE_EXPECT=1 cargo test --test types` rewrites them after a reviewed change.

#[test]
fn typescript_declarations_are_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/types/article-cleaner.d.ts");
    let generated = article_cleaner::typescript::declarations();
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(path, &generated).expect("write types");
        return;
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "types/article-cleaner.d.ts is stale: run `UPDATE_EXPECT=1 cargo test --test types`"
    );
    assert!(
        !generated.contains(": any"),
        "the contract must not contain `any`"
    );
}
