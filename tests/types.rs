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

/// Every type name a declaration refers to is declared in the same file (a type added to the
/// contract but not to `typescript::declarations` breaks `tsc --strict` for every user).
#[test]
fn every_referenced_type_is_declared() {
    let generated = article_cleaner::typescript::declarations();
    let mut declared = std::collections::BTreeSet::new();
    for line in generated.lines() {
        if let Some(rest) = line.strip_prefix("export type ") {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            declared.insert(name);
        }
    }
    const BUILTIN: &[&str] = &["Array", "Record", "Partial", "Readonly"];
    let mut missing = std::collections::BTreeSet::new();
    for line in generated.lines() {
        let t = line.trim_start();
        if t.starts_with("*") || t.starts_with("/*") || t.starts_with("//") {
            continue; // doc comments name Rust items freely
        }
        // Strip string literals so `"Article"`-like tags are not taken as type names.
        let mut code = String::new();
        let mut in_str = false;
        for c in t.chars() {
            if c == '"' {
                in_str = !in_str;
            } else if !in_str {
                code.push(c);
            }
        }
        for word in code.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
            let first = word.chars().next();
            if first.is_some_and(|c| c.is_ascii_uppercase())
                && !declared.contains(word)
                && !BUILTIN.contains(&word)
            {
                missing.insert(word.to_string());
            }
        }
    }
    assert!(
        !declared.is_empty() && missing.is_empty(),
        "declared: {declared:?}; referenced but not declared: {missing:?}"
    );
}
