//! Library benchmarks: ppio-validator against serde_json and jsonschema on the same bytes.
//!
//! One criterion group per payload, one function per implementation. `ppio-bench-table` turns the
//! medians of a run into the tables of `docs/benchmarks.md`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ppio_bench::contenders::{
    self, CompiledSchema, jsonschema_compiled, jsonschema_runtime, ours_check, ours_validate,
    serde_typed,
};
use ppio_bench::payloads::{Payload, library_payloads};
use ppio_validator::Validator;

/// Panics unless every implementation that checks the rules returns the payload's expected verdict.
/// The serde_json floor checks no rule, so it only has to parse the payload.
fn assert_verdicts_agree(
    payload: &Payload,
    validator: &Validator,
    runtime: &jsonschema::Validator,
) {
    let name = payload.name;
    let bytes = &payload.bytes;
    let value: serde_json::Value = serde_json::from_slice(bytes).expect("payloads are JSON");

    assert_eq!(
        validator.check(bytes).is_valid(),
        payload.valid,
        "{name}: ours, check"
    );
    assert_eq!(
        validator.validate(bytes).is_ok(),
        payload.valid,
        "{name}: ours, validate"
    );
    assert!(
        serde_typed(bytes).is_some(),
        "{name}: serde_json typed parse"
    );
    assert_eq!(
        runtime.is_valid(&value),
        payload.valid,
        "{name}: jsonschema runtime"
    );
    assert_eq!(
        CompiledSchema::is_valid(&value),
        payload.valid,
        "{name}: jsonschema compiled"
    );

    let ours = ours_check(validator, bytes);
    let runtime_errors = jsonschema_runtime(runtime, bytes).expect("payloads are JSON");
    let compiled_errors = jsonschema_compiled(bytes).expect("payloads are JSON");
    assert_eq!(ours, runtime_errors, "{name}: violation count, runtime");
    assert_eq!(ours, compiled_errors, "{name}: violation count, compiled");
}

fn compare(c: &mut Criterion) {
    let validator = Validator::new();
    let runtime = contenders::runtime_validator();

    for payload in library_payloads() {
        assert_verdicts_agree(&payload, &validator, &runtime);

        let bytes = payload.bytes.as_slice();
        let mut group = c.benchmark_group(payload.name);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function("ours_check", |b| {
            b.iter(|| ours_check(&validator, black_box(bytes)))
        });
        group.bench_function("ours_validate", |b| {
            b.iter(|| ours_validate(&validator, black_box(bytes)))
        });
        group.bench_function("serde_typed", |b| b.iter(|| serde_typed(black_box(bytes))));
        group.bench_function("jsonschema_runtime", |b| {
            b.iter(|| jsonschema_runtime(&runtime, black_box(bytes)))
        });
        group.bench_function("jsonschema_compiled", |b| {
            b.iter(|| jsonschema_compiled(black_box(bytes)))
        });
        group.finish();
    }
}

/// Keeps each measurement short, so that all twenty functions run in about two minutes. Compare
/// ratios within one run rather than absolute times across runs.
fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(40)
}

criterion_group! {
    name = benches;
    config = config();
    targets = compare
}
criterion_main!(benches);
