//! Payloads and contenders for the benchmarks of `ppio-validator`.
//!
//! `cargo bench -p ppio-bench` runs the library benchmarks in `benches/library.rs`; the binary
//! `ppio-bench-payloads` writes the request files that `scripts/bench-cli.sh` times.

pub mod contenders;
pub mod payloads;
