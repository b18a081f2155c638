//! Helpers shared by the validator's test binaries: the payload cases, a seeded payload
//! generator driven by the committed JSON Schema, and an independent locator of JSON tokens.

// Each test binary compiles this module and uses only part of it.
#![allow(dead_code)]

pub mod generator;
pub mod tokens;

use std::path::PathBuf;

use serde_json::Value;

/// One payload of `tests/cases` with its entry in `expected.json`.
pub struct Case {
    pub name: String,
    pub bytes: Vec<u8>,
    pub expected: Value,
}

impl Case {
    pub fn is_valid(&self) -> bool {
        self.expected["valid"]
            .as_bool()
            .expect("`valid` is a boolean")
    }
}

pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Reads every case listed in `tests/cases/expected.json`, in name order.
pub fn cases() -> Vec<Case> {
    let directory = workspace_root().join("tests/cases");
    let text = std::fs::read_to_string(directory.join("expected.json"))
        .expect("tests/cases/expected.json is readable");
    let expected: serde_json::Map<String, Value> =
        serde_json::from_str(&text).expect("expected.json is a JSON object");
    expected
        .into_iter()
        .map(|(name, expected)| {
            let bytes = std::fs::read(directory.join("payloads").join(&name))
                .unwrap_or_else(|error| panic!("cannot read case {name}: {error}"));
            Case {
                name,
                bytes,
                expected,
            }
        })
        .collect()
}

/// Reads the committed JSON Schema of the request.
pub fn committed_schema() -> Value {
    let path = workspace_root().join("schema/upgrade-instance.schema.json");
    let text = std::fs::read_to_string(&path).expect("the committed JSON Schema is readable");
    serde_json::from_str(&text).expect("the committed JSON Schema is JSON")
}

/// Appends one RFC 6901 reference token to `pointer`, escaping `~` and `/`.
pub fn push_token(pointer: &str, name: &str) -> String {
    format!("{pointer}/{}", name.replace('~', "~0").replace('/', "~1"))
}

/// Returns the pointer of the parent of the value `pointer` names.
pub fn parent_pointer(pointer: &str) -> &str {
    pointer.rsplit_once('/').map_or("", |(parent, _)| parent)
}

/// Shows a payload in a failure message: as text when it is UTF-8, byte escapes otherwise.
pub fn show(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes.escape_ascii().to_string(),
    }
}
