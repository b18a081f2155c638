//! The committed JSON Schema agrees with the schema schemars derives from the Rust types, and it
//! is valid against the draft 2020-12 meta-schema.

use std::collections::BTreeMap;

use serde_json::{Value, json};

fn committed_schema() -> Value {
    let path = xtask::project_root().join("schema/upgrade-instance.schema.json");
    let text = std::fs::read_to_string(path).expect("the committed JSON Schema is readable");
    serde_json::from_str(&text).expect("the committed JSON Schema is JSON")
}

fn derived_schema() -> Value {
    serde_json::to_value(schemars::schema_for!(ppio_types::UpgradeInstanceRequest))
        .expect("a schemars schema serializes")
}

/// Keywords that carry rules; titles and descriptions are documentation only.
const RULE_KEYWORDS: [&str; 8] = [
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "const",
    "default",
    "additionalProperties",
    "required",
];

/// Lists the rules of a schema by instance path (`/envs/[]/key`), resolving `$ref` into `$defs`
/// and reading `anyOf` with a `null` branch as a nullable type.
fn rules_by_path(document: &Value) -> BTreeMap<String, BTreeMap<String, Value>> {
    let mut rules = BTreeMap::new();
    collect(document, document, String::new(), &mut rules);
    rules
}

fn resolve<'a>(document: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let pointer = reference
                .strip_prefix('#')
                .unwrap_or_else(|| panic!("only local references are expected: {reference}"));
            let target = document
                .pointer(pointer)
                .unwrap_or_else(|| panic!("reference {reference} does not resolve"));
            resolve(document, target)
        }
        None => schema,
    }
}

fn collect(
    document: &Value,
    schema: &Value,
    path: String,
    rules: &mut BTreeMap<String, BTreeMap<String, Value>>,
) {
    let mut entry = BTreeMap::new();
    let mut types: Vec<String> = Vec::new();
    // A `$ref` with sibling keywords applies both; `anyOf` with `null` adds `null` to the types.
    let mut parts = vec![schema, resolve(document, schema)];
    if let Some(branches) = schema.get("anyOf").and_then(Value::as_array) {
        for branch in branches {
            parts.push(resolve(document, branch));
        }
    }
    for part in &parts {
        match part.get("type") {
            Some(Value::String(name)) => types.push(name.clone()),
            Some(Value::Array(names)) => {
                types.extend(names.iter().filter_map(Value::as_str).map(str::to_owned))
            }
            _ => {}
        }
        for keyword in RULE_KEYWORDS {
            if let Some(value) = part.get(keyword) {
                let value = if keyword == "required" {
                    let mut names: Vec<Value> = value.as_array().cloned().unwrap_or_default();
                    names.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
                    Value::Array(names)
                } else {
                    value.clone()
                };
                entry.insert(keyword.to_owned(), value);
            }
        }
    }
    types.sort();
    types.dedup();
    entry.insert("type".to_owned(), json!(types));
    // An object without required members may list them as `[]` or leave `required` out.
    if entry.get("required") == Some(&json!([])) {
        entry.remove("required");
    }

    for part in &parts {
        if let Some(properties) = part.get("properties").and_then(Value::as_object) {
            for (name, property) in properties {
                collect(document, property, format!("{path}/{name}"), rules);
            }
        }
        if let Some(items) = part.get("items") {
            collect(document, items, format!("{path}/[]"), rules);
        }
    }
    rules.insert(path, entry);
}

#[test]
fn derived_and_committed_schemas_agree() {
    let committed = rules_by_path(&committed_schema());
    let derived = rules_by_path(&derived_schema());
    assert!(
        committed.len() >= 15,
        "the walk reaches every member: {:?}",
        committed.keys().collect::<Vec<_>>()
    );
    let paths: Vec<&String> = committed.keys().chain(derived.keys()).collect();
    for path in paths {
        assert_eq!(
            committed.get(path),
            derived.get(path),
            "rules at `{path}`: committed schema (left), schemars (right)"
        );
    }
}

#[test]
fn agreement_walk_sees_limits() {
    // A walk that read no limit would make the agreement above hold trivially.
    let committed = rules_by_path(&committed_schema());
    let image_url = &committed["/imageUrl"];
    assert_eq!(image_url.get("maxLength"), Some(&json!(500)));
    assert_eq!(image_url.get("minLength"), Some(&json!(1)));
    assert_eq!(committed["/envs"].get("maxItems"), Some(&json!(100)));
    assert_eq!(
        committed["/networkVolume/volumeMounts/[]/type"].get("const"),
        Some(&json!("network"))
    );
    assert_eq!(
        committed["/networkVolume/volumeMounts/[]/mountPath"].get("default"),
        Some(&json!("/network"))
    );
    assert_eq!(
        committed["/envs/[]/key"].get("type"),
        Some(&json!(["null", "string"]))
    );
    assert_eq!(
        committed[""].get("additionalProperties"),
        Some(&json!(false))
    );
}

#[test]
fn committed_schema_declares_draft_2020_12() {
    assert_eq!(
        committed_schema()["$schema"],
        json!("https://json-schema.org/draft/2020-12/schema")
    );
}

#[test]
fn committed_schema_is_valid_against_meta_schema() {
    let schema = committed_schema();
    if let Err(error) = jsonschema::draft202012::meta::validate(&schema) {
        panic!("the committed schema breaks the draft 2020-12 meta-schema: {error}");
    }
}

#[test]
fn meta_schema_check_rejects_broken_schema() {
    let mut schema = committed_schema();
    schema["properties"]["imageUrl"]["maxLength"] = json!(-1);
    assert!(
        jsonschema::draft202012::meta::validate(&schema).is_err(),
        "a negative maxLength breaks the meta-schema"
    );
}
