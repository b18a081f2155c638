//! Checks and the payload generator behind the fuzz targets of `ppio-validator`.
//!
//! `crates/ppio-validator/tests/fuzz_corpus.rs` includes the same two files, so `cargo test`
//! replays the committed corpus through exactly these checks.

mod checks;
mod generate;

pub use checks::{check_bytes, check_differential};
pub use generate::generate;
