//! Every payload case under `tests/cases` through the built binary with `--format json`,
//! compared with `tests/cases/expected.json`.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cases")
}

/// A `[code, pointer]` pair as written in `expected.json`.
type Pair = (String, String);

fn pair_of(value: &Value) -> Pair {
    let code = value[0].as_str().expect("code is a string").to_owned();
    let pointer = value[1].as_str().expect("pointer is a string").to_owned();
    (code, pointer)
}

/// Checks one file entry of the CLI's JSON output against its expectation; returns the mismatches.
fn compare(name: &str, expected: &Value, actual: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let expected_valid = expected["valid"].as_bool().expect("`valid` is a boolean");
    if actual["valid"].as_bool() != Some(expected_valid) {
        problems.push(format!(
            "{name}: expected valid={expected_valid}, output {actual}"
        ));
    }

    let violations = actual["violations"]
        .as_array()
        .expect("`violations` is an array");
    let mut reported: Vec<Pair> = violations
        .iter()
        .map(|violation| {
            let code = violation["code"]
                .as_str()
                .expect("code is a string")
                .to_owned();
            let pointer = violation["pointer"]
                .as_str()
                .expect("pointer is a string")
                .to_owned();
            (code, pointer)
        })
        .collect();
    let mut expected_pairs: Vec<Pair> = expected["violations"]
        .as_array()
        .expect("`violations` is an array")
        .iter()
        .map(pair_of)
        .collect();

    if expected["exact"].as_bool() == Some(true) {
        reported.sort();
        expected_pairs.sort();
        if reported != expected_pairs {
            problems.push(format!(
                "{name}: expected exactly {expected_pairs:?}, output {reported:?}"
            ));
        }
    } else {
        for pair in &expected_pairs {
            if !reported.contains(pair) {
                problems.push(format!("{name}: expected {pair:?} among {reported:?}"));
            }
        }
    }

    if let Some(locations) = expected.get("locations").and_then(Value::as_object) {
        for (pointer, position) in locations {
            let want = (position[0].as_u64(), position[1].as_u64());
            let found = violations
                .iter()
                .find(|violation| violation["pointer"] == pointer.as_str())
                .map(|violation| (violation["line"].as_u64(), violation["column"].as_u64()));
            if found != Some(want) {
                problems.push(format!(
                    "{name}: expected {pointer} at {want:?}, output {found:?}"
                ));
            }
        }
    }

    for violation in violations {
        let message = violation["message"].as_str().unwrap_or("");
        if message.is_empty() {
            problems.push(format!("{name}: violation without a message: {violation}"));
        }
    }
    problems
}

#[test]
fn cases_match_expected_json() {
    let dir = cases_dir();
    let expected_text =
        std::fs::read_to_string(dir.join("expected.json")).expect("expected.json is readable");
    let expected: BTreeMap<String, Value> =
        serde_json::from_str(&expected_text).expect("expected.json is a JSON object");
    assert!(
        expected.len() >= 30,
        "expected.json lists {} cases",
        expected.len()
    );

    let output = Command::new(env!("CARGO_BIN_EXE_ppio-validate"))
        .current_dir(dir.join("payloads"))
        .args(["--format", "json", "--lang", "en"])
        .args(expected.keys())
        .output()
        .expect("the binary runs");
    let any_invalid = expected.values().any(|case| case["valid"] == false);
    assert_eq!(
        output.status.code(),
        Some(if any_invalid { 1 } else { 0 }),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );

    let document: Value =
        serde_json::from_slice(&output.stdout).expect("stdout is one JSON document");
    let files = document["files"].as_array().expect("`files` is an array");
    assert_eq!(
        files.len(),
        expected.len(),
        "one entry per file, in argument order"
    );

    let mut problems = Vec::new();
    for ((name, case), file) in expected.iter().zip(files) {
        assert_eq!(file["path"], name.as_str(), "entries follow argument order");
        problems.extend(compare(name, case, file));
    }
    assert!(problems.is_empty(), "mismatches:\n{}", problems.join("\n"));
}

#[test]
fn each_case_alone_gives_its_exit_status() {
    let dir = cases_dir();
    let expected_text =
        std::fs::read_to_string(dir.join("expected.json")).expect("expected.json is readable");
    let expected: BTreeMap<String, Value> =
        serde_json::from_str(&expected_text).expect("expected.json is a JSON object");

    let mut problems = Vec::new();
    for (name, case) in &expected {
        let output = Command::new(env!("CARGO_BIN_EXE_ppio-validate"))
            .current_dir(dir.join("payloads"))
            .args(["--format", "json", name])
            .output()
            .expect("the binary runs");
        let want = if case["valid"] == true { 0 } else { 1 };
        if output.status.code() != Some(want) {
            problems.push(format!(
                "{name}: exit {:?}, expected {want}",
                output.status.code()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
