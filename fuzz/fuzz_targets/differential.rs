//! The validator against the `jsonschema` crate on the committed JSON Schema, for the input read
//! as JSON text and for the request-shaped payload generated from it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    ppio_validator_fuzz::check_differential(data);
    let generated = ppio_validator_fuzz::generate(data);
    ppio_validator_fuzz::check_differential(&generated);
});
