//! Every payload case in `tests/cases`, through each entry point of the library.

use std::collections::BTreeMap;
use std::path::PathBuf;

use ppio_validator::{Report, Validator};
use serde_json::Value;

fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/cases")
}

fn expected_cases() -> BTreeMap<String, Value> {
    let text = std::fs::read_to_string(cases_dir().join("expected.json"))
        .expect("tests/cases/expected.json is readable");
    serde_json::from_str(&text).expect("expected.json is JSON")
}

fn pairs(report: &Report) -> Vec<(String, String)> {
    report
        .violations()
        .iter()
        .map(|violation| (violation.code().to_string(), violation.pointer.clone()))
        .collect()
}

fn expected_pairs(expected: &Value) -> Vec<(String, String)> {
    expected["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|pair| {
            (
                pair[0].as_str().unwrap().to_owned(),
                pair[1].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn check_case(name: &str, expected: &Value, report: &Report) {
    let valid = expected["valid"].as_bool().unwrap();
    assert_eq!(
        report.is_valid(),
        valid,
        "{name}: validity; report:\n{report}"
    );

    let wanted = expected_pairs(expected);
    let found = pairs(report);
    for pair in &wanted {
        assert!(
            found.contains(pair),
            "{name}: missing {pair:?}; report:\n{report}"
        );
    }
    if expected["exact"].as_bool().unwrap() {
        let mut sorted_found = found.clone();
        let mut sorted_wanted = wanted.clone();
        sorted_found.sort();
        sorted_wanted.sort();
        assert_eq!(
            sorted_found, sorted_wanted,
            "{name}: exact pairs; report:\n{report}"
        );
    }

    if let Some(locations) = expected.get("locations").and_then(Value::as_object) {
        for (pointer, location) in locations {
            let line = location[0].as_u64().unwrap() as usize;
            let column = location[1].as_u64().unwrap() as usize;
            let violation = report
                .violations()
                .iter()
                .find(|violation| &violation.pointer == pointer)
                .unwrap_or_else(|| panic!("{name}: no violation at {pointer}"));
            let position = violation.position.expect("byte input gives positions");
            assert_eq!(
                (position.line, position.column),
                (line, column),
                "{name}: position of {pointer}"
            );
        }
    }
}

#[test]
fn cases_through_bytes() {
    let validator = Validator::new();
    let cases = expected_cases();
    assert!(cases.len() >= 30, "expected.json lists every case");
    for (name, expected) in &cases {
        let bytes = std::fs::read(cases_dir().join("payloads").join(name)).unwrap();
        let report = validator.check(&bytes);
        check_case(name, expected, &report);

        let typed = validator.validate(&bytes);
        assert_eq!(
            typed.is_ok(),
            report.is_valid(),
            "{name}: typed and check-only verdicts agree"
        );
        if let Err(typed_report) = typed {
            assert_eq!(
                typed_report, report,
                "{name}: typed and check-only reports agree"
            );
        }
    }
}

#[test]
fn cases_through_str_and_value() {
    let validator = Validator::new();
    for (name, expected) in &expected_cases() {
        let bytes = std::fs::read(cases_dir().join("payloads").join(name)).unwrap();
        let valid = expected["valid"].as_bool().unwrap();
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let from_str = validator.validate_str(text);
        assert_eq!(from_str.is_ok(), valid, "{name}: validate_str verdict");

        // A serde_json::Value contains neither duplicate members nor syntax errors, so only the other cases apply.
        let Ok(value) = serde_json::from_str::<Value>(text) else {
            continue;
        };
        if expected_pairs(expected)
            .iter()
            .any(|(code, _)| code == "duplicate_key")
        {
            continue;
        }
        match validator.validate_value(&value) {
            Ok(request) => {
                assert!(valid, "{name}: validate_value accepted an invalid case");
                // An optional member that is `null` means the same as an absent one, and serializes as absent.
                assert_eq!(
                    serde_json::to_value(&request).unwrap(),
                    without_nulls(value),
                    "{name}: round trip"
                );
            }
            Err(report) => {
                assert!(
                    !valid,
                    "{name}: validate_value rejected a valid case:\n{report}"
                );
                let found = pairs(&report);
                for pair in expected_pairs(expected) {
                    assert!(
                        found.contains(&pair),
                        "{name}: validate_value missing {pair:?}:\n{report}"
                    );
                }
                for violation in report.violations() {
                    assert!(
                        violation.position.is_none(),
                        "{name}: a Value has no positions"
                    );
                }
            }
        }
    }
}

/// Removes members whose value is `null`, at every level.
fn without_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, member)| !member.is_null())
                .map(|(name, member)| (name, without_nulls(member)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_nulls).collect()),
        other => other,
    }
}
