//! Snapshots of the outputs generated from `tests/fixtures/sample.toml`, a definition that uses
//! every rule kind: required and optional strings, booleans, objects and arrays of objects,
//! length and item-count bounds, a const and a default.

use xtask::codegen::{self, Output};

fn sample_outputs() -> Vec<Output> {
    let text = include_str!("fixtures/sample.toml");
    codegen::generate(text).unwrap_or_else(|error| panic!("the sample is valid: {error}"))
}

fn output(outputs: &[Output], path: &str) -> String {
    outputs
        .iter()
        .find(|output| output.path == path)
        .unwrap_or_else(|| panic!("no output {path}"))
        .contents
        .clone()
}

#[test]
fn sample_rust_types() {
    let outputs = sample_outputs();
    insta::assert_snapshot!(output(&outputs, "crates/ppio-types/src/generated.rs"));
}

#[test]
fn sample_validator_rules() {
    let outputs = sample_outputs();
    insta::assert_snapshot!(output(&outputs, "crates/ppio-validator/src/generated.rs"));
}

#[test]
fn sample_json_schema() {
    let outputs = sample_outputs();
    insta::assert_snapshot!(output(&outputs, "schema/upgrade-instance.schema.json"));
}
