//! Raw bytes into `Validator::check` and `Validator::validate`: no panic, no hang, and every
//! pointer resolves when the input is JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    ppio_validator_fuzz::check_bytes(data);
});
