//! Every valid payload of `tests/cases` deserializes into `UpgradeInstanceRequest` and serializes
//! back to an equal JSON value.
//!
//! Optional members serialize as absent when they are `None`, so a member that is `null` in the
//! payload is absent after the round trip: the comparison drops `null` members from the payload.

use std::path::PathBuf;

use ppio_types::UpgradeInstanceRequest;
use serde_json::Value;

fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/cases")
}

/// Removes members whose value is `null`, at every level.
fn without_null_members(value: Value) -> Value {
    match value {
        Value::Object(members) => Value::Object(
            members
                .into_iter()
                .filter(|(_, member)| !member.is_null())
                .map(|(name, member)| (name, without_null_members(member)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_null_members).collect()),
        other => other,
    }
}

#[test]
fn valid_cases_round_trip() {
    let text = std::fs::read_to_string(cases_dir().join("expected.json")).unwrap();
    let expected: serde_json::Map<String, Value> = serde_json::from_str(&text).unwrap();
    let mut checked = 0;
    let mut with_null = 0;
    for (name, entry) in &expected {
        if entry["valid"] != Value::Bool(true) {
            continue;
        }
        let bytes = std::fs::read(cases_dir().join("payloads").join(name)).unwrap();
        let original: Value = serde_json::from_slice(&bytes).unwrap();
        let request: UpgradeInstanceRequest = serde_json::from_slice(&bytes)
            .unwrap_or_else(|error| panic!("{name} does not deserialize: {error}"));
        let serialized = serde_json::to_value(&request).unwrap();

        let comparable = without_null_members(original.clone());
        if comparable != original {
            with_null += 1;
        }
        assert_eq!(serialized, comparable, "{name} changes in a round trip");
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} valid cases");
    assert!(
        with_null >= 1,
        "a valid case with a null member exercises the comparison"
    );
}

#[test]
fn unknown_member_fails_deserialization() {
    let text = std::fs::read_to_string(cases_dir().join("payloads/typo-image-url.json")).unwrap();
    let error = serde_json::from_str::<UpgradeInstanceRequest>(&text)
        .expect_err("the types deny unknown members");
    assert!(
        error.to_string().contains("imageURL"),
        "the error names the member: {error}"
    );
}
