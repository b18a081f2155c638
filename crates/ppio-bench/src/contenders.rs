//! The implementations the benchmarks compare, each reading the same bytes.

use ppio_types::UpgradeInstanceRequest;
use ppio_validator::Validator;
use serde_json::Value;

/// The committed JSON Schema of the request.
pub const SCHEMA: &str = include_str!("../../../schema/upgrade-instance.schema.json");

/// Validator generated at compile time from the committed JSON Schema by jsonschema 0.60.2.
#[jsonschema_compiled::validator(path = "../../schema/upgrade-instance.schema.json")]
pub struct CompiledSchema;

/// Builds jsonschema's runtime validator from the committed JSON Schema.
pub fn runtime_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(SCHEMA).expect("the committed schema is JSON");
    jsonschema::validator_for(&schema).expect("the committed schema is a valid JSON Schema")
}

/// Checks the rules with ppio-validator and returns the number of violations.
pub fn ours_check(validator: &Validator, bytes: &[u8]) -> usize {
    validator.check(bytes).violations().len()
}

/// Checks the rules with ppio-validator and builds the typed request when they hold.
pub fn ours_validate(validator: &Validator, bytes: &[u8]) -> Option<UpgradeInstanceRequest> {
    validator.validate(bytes).ok()
}

/// Parses into the typed request with serde_json, checking no length, count or const rule.
pub fn serde_typed(bytes: &[u8]) -> Option<UpgradeInstanceRequest> {
    serde_json::from_slice(bytes).ok()
}

/// Parses into a `Value`, collects every error of jsonschema's runtime validator and returns
/// their number, or `None` when the bytes are not JSON.
pub fn jsonschema_runtime(validator: &jsonschema::Validator, bytes: &[u8]) -> Option<usize> {
    let value: Value = serde_json::from_slice(bytes).ok()?;
    Some(validator.iter_errors(&value).count())
}

/// Parses into a `Value`, collects every error of the compile-time validator and returns their
/// number, or `None` when the bytes are not JSON.
pub fn jsonschema_compiled(bytes: &[u8]) -> Option<usize> {
    let value: Value = serde_json::from_slice(bytes).ok()?;
    Some(CompiledSchema::iter_errors(&value).count())
}
