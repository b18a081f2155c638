//! Properties the fuzz targets assert, shared with the corpus replay test of `ppio-validator`.
//!
//! Every function panics when a property fails, which libFuzzer reports as a crash and
//! `cargo test` reports as a failed test.

use std::collections::{BTreeSet, HashSet};
use std::fmt;
use std::sync::OnceLock;

use ppio_validator::{Code, Lang, Options, Report, Validator, ViolationKind};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// JSON Schema of the request, the oracle of the differential check.
const SCHEMA: &str = include_str!("../../schema/upgrade-instance.schema.json");

/// A `(code, pointer)` pair, the part of a violation that both validators report.
type Pair = (String, String);

/// Checks raw bytes through `check` and `validate` with the default options.
///
/// Asserts that both entry points return the same report, that every position lies inside the
/// input, and that a lower recording limit keeps the total count. When serde_json parses the input
/// and no object repeats a member name, it also asserts that every pointer resolves and that
/// `validate_value` finds the same violations.
pub fn check_bytes(data: &[u8]) {
    let validator = Validator::new();
    let report = validator.check(data);
    match validator.validate(data) {
        Ok(_) => assert!(
            report.is_valid(),
            "validate accepted what check rejected:\n{report}"
        ),
        Err(validated) => assert_eq!(validated, report, "check and validate disagree"),
    }

    for violation in report.violations() {
        let position = violation.position.expect("byte input gives positions");
        assert!(position.line >= 1, "line is 1-based: {violation}");
        assert!(position.column >= 1, "column is 1-based: {violation}");
        assert!(
            position.offset <= data.len(),
            "offset past the end: {violation}"
        );
        assert!(!violation.message(Lang::En).is_empty());
        assert!(!violation.message(Lang::ZhCn).is_empty());
        let _ = violation.help(Lang::En);
        let _ = violation.help(Lang::ZhCn);
    }
    check_recording_limit(data, &report);

    // With a repeated member name, serde_json keeps the last value while a pointer may name a
    // violation inside the first one, so such inputs have no single document to resolve against.
    let unique_names = serde_json::from_slice::<UniqueNames>(data).is_ok();
    if let (true, Ok(value)) = (unique_names, serde_json::from_slice::<Value>(data)) {
        for violation in report.violations() {
            assert_pointer_resolves(&value, violation.code(), &violation.pointer);
        }
        check_value_entry_point(&validator, &value, &report);
    }
}

/// Checks that a recording limit of two keeps every syntax violation and the total count.
fn check_recording_limit(data: &[u8], full: &Report) {
    let limited = Validator::with_options(Options {
        max_violations: 2,
        ..Options::default()
    })
    .check(data);
    let total = |report: &Report| report.violations().len() as u64 + report.omitted();
    assert_eq!(
        total(&limited),
        total(full),
        "recorded plus omitted differs under a recording limit"
    );
    let syntax_count = |report: &Report| {
        report
            .violations()
            .iter()
            .filter(|violation| violation.code() == Code::Syntax)
            .count()
    };
    assert_eq!(syntax_count(&limited), syntax_count(full));
    assert!(limited.violations().len() <= 2 + syntax_count(full));
}

/// Asserts that `pointer` names a value of `document`, or for `required` a member its parent lacks.
fn assert_pointer_resolves(document: &Value, code: Code, pointer: &str) {
    if code != Code::Required {
        assert!(
            document.pointer(pointer).is_some(),
            "`{code}` pointer {pointer:?} does not resolve"
        );
        return;
    }
    let split = pointer
        .rfind('/')
        .expect("a required pointer names a member");
    let parent = document
        .pointer(&pointer[..split])
        .unwrap_or_else(|| panic!("parent of required pointer {pointer:?} does not resolve"));
    let name = unescape_segment(&pointer[split + 1..]);
    let object = parent
        .as_object()
        .unwrap_or_else(|| panic!("parent of required pointer {pointer:?} is not an object"));
    assert!(
        !object.contains_key(&name),
        "required member {pointer:?} is present"
    );
}

/// Checks that a parsed `Value` gets the same `(code, pointer)` pairs as its bytes did.
fn check_value_entry_point(validator: &Validator, value: &Value, report: &Report) {
    if report.omitted() > 0 {
        return;
    }
    let from_value = match validator.validate_value(value) {
        Ok(_) => Report::default(),
        Err(report) => report,
    };
    assert_eq!(
        pair_set(&from_value),
        pair_set(report),
        "validate_value and check disagree"
    );
}

fn pair_set(report: &Report) -> BTreeSet<Pair> {
    report
        .violations()
        .iter()
        .map(|violation| (violation.code().to_string(), violation.pointer.clone()))
        .collect()
}

fn unescape_segment(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

fn escape_segment(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

/// Compares the verdict and the `(code, pointer)` pairs with those of the `jsonschema` crate.
///
/// Only inputs that serde_json parses are compared. An input with a duplicate member name must get
/// a `duplicate_key` violation and is not compared further, because the oracle sees one member only.
pub fn check_differential(data: &[u8]) {
    let Ok(value) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let report = Validator::new().check(data);
    let has_duplicate = serde_json::from_slice::<UniqueNames>(data).is_err();
    let reports_duplicate = report
        .violations()
        .iter()
        .any(|violation| violation.code() == Code::DuplicateKey);
    assert_eq!(
        reports_duplicate, has_duplicate,
        "duplicate member names: serde_json finds {has_duplicate}, the validator {reports_duplicate}\n{report}"
    );
    if has_duplicate {
        return;
    }

    // serde_json stops at 128 levels of nesting, one below the depth limit, so nothing it parses
    // may get a syntax violation.
    for violation in report.violations() {
        assert!(
            !matches!(
                violation.kind,
                ViolationKind::Syntax(_) | ViolationKind::TooLarge { .. }
            ),
            "strict JSON rejected: {violation}"
        );
    }

    let ours = pair_set(&report);
    let theirs = oracle_pairs(&value);
    assert_eq!(
        ours,
        theirs,
        "violations differ from the JSON Schema oracle for {}\nours: {report}",
        String::from_utf8_lossy(data)
    );
    assert_eq!(report.is_valid(), theirs.is_empty());
}

/// Returns the `(code, pointer)` pairs that the JSON Schema of the request reports for `value`.
///
/// At a pointer where the oracle reports a `type` error, its other errors are dropped, because the
/// validator checks no other rule on a value of the wrong type.
fn oracle_pairs(value: &Value) -> BTreeSet<Pair> {
    static ORACLE: OnceLock<jsonschema::Validator> = OnceLock::new();
    let oracle = ORACLE.get_or_init(|| {
        let schema: Value = serde_json::from_str(SCHEMA).expect("the committed schema is JSON");
        jsonschema::validator_for(&schema).expect("the committed schema compiles")
    });

    let mut pairs = BTreeSet::new();
    let mut type_errors = HashSet::new();
    for error in oracle.iter_errors(value) {
        let path = error.instance_path().as_str().to_owned();
        match error.kind() {
            jsonschema::error::ValidationErrorKind::Type { .. } => {
                type_errors.insert(path.clone());
                pairs.insert(("type".to_owned(), path));
            }
            jsonschema::error::ValidationErrorKind::Required { property } => {
                let name = property.as_str().expect("required names are strings");
                pairs.insert((
                    "required".to_owned(),
                    format!("{path}/{}", escape_segment(name)),
                ));
            }
            jsonschema::error::ValidationErrorKind::AdditionalProperties { unexpected } => {
                for name in unexpected {
                    pairs.insert((
                        "unknown_field".to_owned(),
                        format!("{path}/{}", escape_segment(name)),
                    ));
                }
            }
            jsonschema::error::ValidationErrorKind::MinLength { .. } => {
                pairs.insert(("min_length".to_owned(), path));
            }
            jsonschema::error::ValidationErrorKind::MaxLength { .. } => {
                pairs.insert(("max_length".to_owned(), path));
            }
            jsonschema::error::ValidationErrorKind::MaxItems { .. } => {
                pairs.insert(("max_items".to_owned(), path));
            }
            jsonschema::error::ValidationErrorKind::Constant { .. } => {
                pairs.insert(("const".to_owned(), path));
            }
            other => {
                pairs.insert((format!("oracle:{}", other.keyword()), path));
            }
        }
    }
    pairs.retain(|(code, pointer)| code == "type" || !type_errors.contains(pointer));
    pairs
}

/// A JSON value that fails to deserialize when an object repeats a member name.
struct UniqueNames;

impl<'de> Deserialize<'de> for UniqueNames {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(UniqueNamesVisitor)
    }
}

struct UniqueNamesVisitor;

impl<'de> Visitor<'de> for UniqueNamesVisitor {
    type Value = UniqueNames;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a JSON value without duplicate member names")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<UniqueNames, E> {
        Ok(UniqueNames)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<UniqueNames, E> {
        Ok(UniqueNames)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<UniqueNames, E> {
        Ok(UniqueNames)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<UniqueNames, E> {
        Ok(UniqueNames)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<UniqueNames, E> {
        Ok(UniqueNames)
    }

    fn visit_unit<E: de::Error>(self) -> Result<UniqueNames, E> {
        Ok(UniqueNames)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<UniqueNames, A::Error> {
        while seq.next_element::<UniqueNames>()?.is_some() {}
        Ok(UniqueNames)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UniqueNames, A::Error> {
        let mut names = HashSet::new();
        while let Some(name) = map.next_key::<String>()? {
            if !names.insert(name) {
                return Err(de::Error::custom("duplicate member name"));
            }
            map.next_value::<UniqueNames>()?;
        }
        Ok(UniqueNames)
    }
}
