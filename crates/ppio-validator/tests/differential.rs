//! Differential test: the validator against the `jsonschema` crate compiled from the committed
//! JSON Schema, on the payload cases and on generated payloads.
//!
//! Both must give the same verdict and the same set of `(code, pointer)` pairs. The oracle's
//! errors map to codes as follows:
//!
//! - `type` becomes `type`;
//! - `required` becomes `required`, with the pointer of the missing member;
//! - `additionalProperties` becomes one `unknown_field` per unexpected member;
//! - `minLength`, `maxLength`, `minItems`, `maxItems` and `const` become the codes of the same names.
//!
//! Where the oracle reports a type error at a pointer, its other errors at that pointer are
//! dropped, because the validator reports only the type of a value of the wrong type.

mod support;

use std::collections::BTreeSet;

use jsonschema::error::ValidationErrorKind;
use ppio_validator::Validator;
use serde_json::Value;
use support::generator::{self, Generator, Layout, Rules};
use support::{push_token, show};

/// Generated payloads checked beside the boundary sweep; the seed fixes every one of them.
const GENERATED_PAYLOADS: usize = 10_000;
const SEED: u64 = 0x5EED_F001;

type Pairs = BTreeSet<(String, String)>;

struct Oracle {
    validator: jsonschema::Validator,
}

impl Oracle {
    fn new() -> Oracle {
        let schema = support::committed_schema();
        let validator =
            jsonschema::validator_for(&schema).expect("the committed JSON Schema compiles");
        Oracle { validator }
    }

    /// Returns the oracle's violations as `(code, pointer)` pairs.
    fn pairs(&self, instance: &Value) -> Pairs {
        let mut pairs = Pairs::new();
        for error in self.validator.iter_errors(instance) {
            let at = error.instance_path().as_str().to_owned();
            match error.kind() {
                ValidationErrorKind::Type { .. } => {
                    pairs.insert(("type".to_owned(), at));
                }
                ValidationErrorKind::Required { property } => {
                    let name = property.as_str().expect("a required property is a string");
                    pairs.insert(("required".to_owned(), push_token(&at, name)));
                }
                ValidationErrorKind::AdditionalProperties { unexpected } => {
                    for name in unexpected {
                        pairs.insert(("unknown_field".to_owned(), push_token(&at, name)));
                    }
                }
                ValidationErrorKind::MinLength { .. } => {
                    pairs.insert(("min_length".to_owned(), at));
                }
                ValidationErrorKind::MaxLength { .. } => {
                    pairs.insert(("max_length".to_owned(), at));
                }
                ValidationErrorKind::MinItems { .. } => {
                    pairs.insert(("min_items".to_owned(), at));
                }
                ValidationErrorKind::MaxItems { .. } => {
                    pairs.insert(("max_items".to_owned(), at));
                }
                ValidationErrorKind::Constant { .. } => {
                    pairs.insert(("const".to_owned(), at));
                }
                other => panic!("the oracle reported an error this test does not map: {other:?}"),
            }
        }

        let typed: BTreeSet<String> = pairs
            .iter()
            .filter(|(code, _)| code == "type")
            .map(|(_, pointer)| pointer.clone())
            .collect();
        pairs.retain(|(code, pointer)| code == "type" || !typed.contains(pointer));
        pairs
    }
}

fn validator_pairs(validator: &Validator, bytes: &[u8]) -> (bool, Pairs) {
    let report = validator.check(bytes);
    let pairs = report
        .violations()
        .iter()
        .map(|violation| (violation.code().to_string(), violation.pointer.clone()))
        .collect();
    (report.is_valid(), pairs)
}

/// Compares both sides on one payload; returns a description of the mismatch, if any.
fn compare(oracle: &Oracle, validator: &Validator, bytes: &[u8]) -> Result<(), String> {
    let instance: Value = serde_json::from_slice(bytes)
        .map_err(|error| format!("the payload is not JSON ({error}):\n{}", show(bytes)))?;
    let expected = oracle.pairs(&instance);
    let (valid, found) = validator_pairs(validator, bytes);
    if valid != expected.is_empty() || found != expected {
        return Err(format!(
            "verdict: validator {valid}, oracle {}\nonly the validator: {:?}\nonly the oracle: {:?}\npayload:\n{}",
            expected.is_empty(),
            found.difference(&expected).collect::<Vec<_>>(),
            expected.difference(&found).collect::<Vec<_>>(),
            show(bytes)
        ));
    }
    Ok(())
}

#[test]
fn cases_agree_with_oracle() {
    let oracle = Oracle::new();
    let validator = Validator::new();
    let mut compared = 0;
    for case in support::cases() {
        // Only strict JSON without repeated member names has one meaning for both sides.
        if serde_json::from_slice::<Value>(&case.bytes).is_err() {
            continue;
        }
        if support::tokens::locate(&case.bytes).has_duplicate_names {
            continue;
        }
        if let Err(mismatch) = compare(&oracle, &validator, &case.bytes) {
            panic!("case {}: {mismatch}", case.name);
        }
        compared += 1;
    }
    assert!(
        compared >= 20,
        "only {compared} cases are strict JSON without duplicates"
    );
}

#[test]
fn boundary_sweep_agrees_with_oracle() {
    let oracle = Oracle::new();
    let validator = Validator::new();
    let mut generator = Generator::new(Rules::from_schema(&support::committed_schema()), SEED);
    let base = generator::full_payload(&mut generator);

    let sweep = generator::boundary_sweep(&mut generator, &base);
    assert!(
        sweep.len() >= 6 * 4 * 5 * 3,
        "the sweep covers every bounded member: {} payloads",
        sweep.len()
    );
    let mut invalid = 0;
    for (index, (payload, escaping)) in sweep.iter().enumerate() {
        let layout = if index % 2 == 0 {
            Layout::OneLine
        } else {
            Layout::Lines { line_break: "\r\n" }
        };
        let text = generator::write(payload, layout, *escaping, &mut generator.rng);
        if let Err(mismatch) = compare(&oracle, &validator, text.as_bytes()) {
            panic!("boundary payload {index}: {mismatch}");
        }
        if !validator.check(text.as_bytes()).is_valid() {
            invalid += 1;
        }
    }
    assert!(
        invalid > 0 && invalid < sweep.len(),
        "the sweep holds valid and invalid payloads: {invalid} of {} invalid",
        sweep.len()
    );
}

#[test]
fn generated_payloads_agree_with_oracle() {
    let oracle = Oracle::new();
    let validator = Validator::new();
    let mut generator = Generator::new(Rules::from_schema(&support::committed_schema()), SEED);
    let mut codes = BTreeSet::new();
    let mut valid = 0;
    for index in 0..GENERATED_PAYLOADS {
        let payload = generator.payload();
        let (layout, escaping) = generator::random_style(&mut generator.rng);
        let text = generator::write(&payload, layout, escaping, &mut generator.rng);
        if let Err(mismatch) = compare(&oracle, &validator, text.as_bytes()) {
            panic!("generated payload {index} (seed {SEED:#x}): {mismatch}");
        }
        let report = validator.check(text.as_bytes());
        if report.is_valid() {
            valid += 1;
        }
        codes.extend(report.violations().iter().map(|violation| violation.code()));
    }

    // The generator must reach every rule, or the agreement above proves little.
    let reached: Vec<&str> = codes.iter().map(|code| code.as_str()).collect();
    for code in [
        "type",
        "required",
        "unknown_field",
        "min_length",
        "max_length",
        "max_items",
        "const",
    ] {
        assert!(
            reached.contains(&code),
            "no generated payload breaks `{code}`; reached {reached:?}"
        );
    }
    assert!(
        (GENERATED_PAYLOADS / 10..=GENERATED_PAYLOADS * 9 / 10).contains(&valid),
        "{valid} of {GENERATED_PAYLOADS} generated payloads are valid"
    );
}
