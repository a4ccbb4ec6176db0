//! The committed JSON Schema of the rule format must equal the one generated from the Rust
//! types; every built-in rule must satisfy its basic constraints.
//! `UPDATE_EXPECT=1 cargo test --test schema` rewrites it after a reviewed change.

use article_cleaner::rules::rules_schema;

#[test]
fn rules_schema_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/rules.schema.json");
    let mut generated = serde_json::to_string_pretty(&rules_schema()).expect("serialize");
    generated.push('\n');
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(path, &generated).expect("write schema");
        return;
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "schema/rules.schema.json is stale: run `UPDATE_EXPECT=1 cargo test --test schema`"
    );
}

#[test]
fn schema_describes_the_format() {
    let s = rules_schema();
    assert_eq!(s["type"], "array");
    let defs = &s["$defs"];
    let rule = &defs["Rule"];
    let required: Vec<&str> = rule["required"]
        .as_array()
        .expect("required")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert_eq!(required, ["id", "action"]);
    assert_eq!(rule["additionalProperties"], false);
    for key in ["id", "description", "scope", "match", "guard", "action"] {
        assert!(rule["properties"].get(key).is_some(), "Rule.{key}");
    }
    for key in [
        "first",
        "last",
        "maxChars",
        "minLinkDensity",
        "nextMinLinkDensity",
    ] {
        assert!(
            defs["Guard"]["properties"].get(key).is_some(),
            "Guard.{key}"
        );
    }
    // Every action type is in the schema, tagged by "type".
    let text = s.to_string();
    for t in [
        "remove",
        "extract",
        "capture",
        "promoteHeading",
        "keep",
        "rewriteUrl",
        "unwrapProxy",
        "stripParams",
    ] {
        assert!(text.contains(&format!("\"const\":\"{t}\"")), "action {t}");
    }
    // Doc comments become descriptions.
    assert!(rule["properties"]["id"]["description"]
        .as_str()
        .unwrap_or("")
        .contains("Unique id"));
}
