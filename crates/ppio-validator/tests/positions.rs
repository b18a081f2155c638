//! Every reported pointer names the offending value, and every position lands on the token that
//! the code's contract names:
//!
//! - the value's first byte for `type`, length and `const` violations;
//! - the `[` of the array for item counts;
//! - the `{` of the object that lacks a `required` member;
//! - the opening quote of the member name for `unknown_field` and `duplicate_key`.
//!
//! Positions are checked against an independent token locator, on the cases and on generated
//! payloads written on one line, with `\n` and with `\r\n` line breaks, with and without
//! non-ASCII text before the token.

mod support;

use ppio_validator::{Code, JsonType, Validator, Violation, ViolationKind};
use serde_json::Value;
use support::generator::{self, Generator, Rules};
use support::parent_pointer;
use support::tokens::{self, Tokens};

const GENERATED_PAYLOADS: usize = 3_000;
const SEED: u64 = 0x9051_7104;

fn json_type(value: &Value) -> JsonType {
    match value {
        Value::Null => JsonType::Null,
        Value::Bool(_) => JsonType::Boolean,
        Value::Number(_) => JsonType::Number,
        Value::String(_) => JsonType::String,
        Value::Array(_) => JsonType::Array,
        Value::Object(_) => JsonType::Object,
    }
}

/// Returns the offset of the token a violation must point at, checking the pointer on the way.
fn expected_offset(
    violation: &Violation,
    instance: &Value,
    tokens: &Tokens,
) -> Result<usize, String> {
    let pointer = violation.pointer.as_str();
    let resolve = |pointer: &str| {
        instance
            .pointer(pointer)
            .ok_or_else(|| format!("pointer `{pointer}` does not resolve"))
    };
    let value_offset = |pointer: &str| {
        tokens
            .values
            .get(pointer)
            .copied()
            .ok_or_else(|| format!("no value token at `{pointer}`"))
    };
    let name_offset = |pointer: &str| {
        tokens
            .names
            .get(pointer)
            .copied()
            .ok_or_else(|| format!("no member name token at `{pointer}`"))
    };

    match violation.kind {
        ViolationKind::Required => {
            let parent = resolve(parent_pointer(pointer))?;
            let name = pointer.rsplit('/').next().unwrap_or_default();
            let object = parent
                .as_object()
                .ok_or_else(|| format!("the parent of `{pointer}` is not an object"))?;
            if object.contains_key(name) {
                return Err(format!(
                    "the object holds the `required` member `{pointer}`"
                ));
            }
            value_offset(parent_pointer(pointer))
        }
        ViolationKind::UnknownField { .. } | ViolationKind::DuplicateKey => {
            resolve(pointer)?;
            name_offset(pointer)
        }
        ViolationKind::Type { found, .. } => {
            let value = resolve(pointer)?;
            if json_type(value) != found {
                return Err(format!("`{pointer}` is {value}, reported as {found:?}"));
            }
            value_offset(pointer)
        }
        ViolationKind::MinLength { actual, .. } | ViolationKind::MaxLength { actual, .. } => {
            let value = resolve(pointer)?;
            let length = value.as_str().map(|text| text.chars().count());
            if length != Some(actual) {
                return Err(format!(
                    "`{pointer}` has length {length:?}, reported {actual}"
                ));
            }
            value_offset(pointer)
        }
        ViolationKind::MinItems { actual, .. } | ViolationKind::MaxItems { actual, .. } => {
            let value = resolve(pointer)?;
            let count = value.as_array().map(Vec::len);
            if count != Some(actual) {
                return Err(format!(
                    "`{pointer}` has {count:?} items, reported {actual}"
                ));
            }
            value_offset(pointer)
        }
        ViolationKind::Const { expected } => {
            let value = resolve(pointer)?;
            if value.as_str() == Some(expected) {
                return Err(format!("`{pointer}` equals the const"));
            }
            value_offset(pointer)
        }
        other => Err(format!(
            "a JSON payload gave an unexpected violation {other:?}"
        )),
    }
}

fn expected_byte(code: Code) -> Option<u8> {
    match code {
        Code::Required => Some(b'{'),
        Code::MinItems | Code::MaxItems => Some(b'['),
        Code::UnknownField | Code::DuplicateKey => Some(b'"'),
        _ => None,
    }
}

/// Checks every violation of one payload; returns a description of the first mismatch.
fn check_payload(validator: &Validator, bytes: &[u8]) -> Result<usize, String> {
    let Ok(instance) = serde_json::from_slice::<Value>(bytes) else {
        return Ok(0);
    };
    let tokens = tokens::locate(bytes);
    let report = validator.check(bytes);
    for violation in report.violations() {
        let describe = |problem: String| {
            format!(
                "{} at `{}`: {problem}\npayload:\n{}",
                violation.code(),
                violation.pointer,
                support::show(bytes)
            )
        };
        let offset = expected_offset(violation, &instance, &tokens).map_err(describe)?;
        if let Some(byte) = expected_byte(violation.code())
            && bytes[offset] != byte
        {
            return Err(describe(format!(
                "the token at {offset} is not `{}`",
                byte as char
            )));
        }
        let position = violation
            .position
            .ok_or_else(|| describe("no position".to_owned()))?;
        if position.offset != offset {
            return Err(describe(format!(
                "offset {}, expected {offset}",
                position.offset
            )));
        }
        let (line, column) = tokens::line_column(bytes, offset);
        if (position.line, position.column) != (line, column) {
            return Err(describe(format!(
                "at {}:{}, expected {line}:{column}",
                position.line, position.column
            )));
        }
    }
    Ok(report.violations().len())
}

#[test]
fn case_pointers_and_positions() {
    let validator = Validator::new();
    let mut checked = 0;
    for case in support::cases() {
        match check_payload(&validator, &case.bytes) {
            Ok(count) => checked += count,
            Err(mismatch) => panic!("case {}: {mismatch}", case.name),
        }
    }
    assert!(checked >= 15, "only {checked} violations were checked");
}

#[test]
fn generated_pointers_and_positions() {
    let validator = Validator::new();
    let mut generator = Generator::new(Rules::from_schema(&support::committed_schema()), SEED);
    let mut checked = 0;
    for index in 0..GENERATED_PAYLOADS {
        let payload = generator.payload();
        let (layout, escaping) = generator::random_style(&mut generator.rng);
        let text = generator::write(&payload, layout, escaping, &mut generator.rng);
        match check_payload(&validator, text.as_bytes()) {
            Ok(count) => checked += count,
            Err(mismatch) => panic!("generated payload {index} (seed {SEED:#x}): {mismatch}"),
        }
    }
    assert!(
        checked >= GENERATED_PAYLOADS / 2,
        "only {checked} violations were checked"
    );
}

/// Returns `(code, pointer, line, column)` for each violation of `text`.
fn located(text: &str) -> Vec<(String, String, usize, usize)> {
    Validator::new()
        .check(text.as_bytes())
        .violations()
        .iter()
        .map(|violation| {
            let position = violation.position.expect("byte input gives positions");
            (
                violation.code().to_string(),
                violation.pointer.clone(),
                position.line,
                position.column,
            )
        })
        .collect()
}

#[test]
fn crlf_and_non_ascii_columns() {
    let text = "{\r\n  \"名前\": 1, \"instanceId\": \"日本\", \"save\": \"😀\",\r\n\
                \"envs\": [{\"key\": \"é\u{301}\", \"vålue\": null}],\r\n\
                \"networkVolume\": {\"volumeMounts\": [{\"type\": \"😀x\", \"id\": \"\", \"mountPath\": \"/m\"}]},\r\n\
                \"command\": \"\", \"entrypoint\": \"\", \"save\": true}";
    let found = located(text);
    let expected = [
        ("required", "/imageUrl", 1, 1),
        ("unknown_field", "/名前", 2, 3),
        ("type", "/save", 2, 40),
        ("unknown_field", "/envs/0/vålue", 3, 24),
        ("const", "/networkVolume/volumeMounts/0/type", 4, 45),
        ("duplicate_key", "/save", 5, 34),
    ];
    let expected: Vec<(String, String, usize, usize)> = expected
        .iter()
        .map(|(code, pointer, line, column)| {
            (code.to_string(), pointer.to_string(), *line, *column)
        })
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn lone_lf_and_cr_count_as_breaks() {
    let text = "{\n\"save\": 1,\r\"command\": 2,\r\n\"entrypoint\": 3}";
    let found = located(text);
    let position_of = |pointer: &str| {
        found
            .iter()
            .find(|(code, found_pointer, _, _)| code == "type" && found_pointer == pointer)
            .map(|(_, _, line, column)| (*line, *column))
    };
    assert_eq!(position_of("/save"), Some((2, 9)));
    assert_eq!(position_of("/command"), Some((3, 12)));
    assert_eq!(position_of("/entrypoint"), Some((4, 15)));
}
