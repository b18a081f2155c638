//! `Validator::check` performs no heap allocation on a valid payload once the validator exists.
//!
//! The global allocator of this test binary keeps a count per thread, and counts only on a thread
//! that enables counting, so tests running at the same time on other threads do not disturb it.

// Implementing `GlobalAlloc` requires `unsafe`; the implementation only forwards to `System`.
#![allow(unsafe_code)]

mod support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use ppio_validator::Validator;
use support::generator::{Escaping, KindRule, Layout as TextLayout, Node, Rng, Rules};

struct CountingAllocator;

// Both are const-initialized and have no destructor, so reading them never allocates.
thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn note_allocation() {
    if COUNTING.with(Cell::get) {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
    }
}

// SAFETY: every method forwards to `System` with the same arguments.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note_allocation();
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract, which `System` shares.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note_allocation();
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note_allocation();
        // SAFETY: `ptr` was allocated by this allocator, that is by `System`, with `layout`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by this allocator, that is by `System`, with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Returns the number of allocations `check` makes on `bytes`, and its verdict.
fn allocations_of_check(validator: &Validator, bytes: &[u8]) -> (usize, bool) {
    ALLOCATIONS.with(|count| count.set(0));
    COUNTING.with(|counting| counting.set(true));
    let report = validator.check(bytes);
    let valid = report.is_valid();
    drop(report);
    COUNTING.with(|counting| counting.set(false));
    (ALLOCATIONS.with(Cell::get), valid)
}

/// Builds the largest valid body: every bounded string at its maximum length in astral
/// characters, every array at its maximum count, every optional member present.
fn maximal_payload(rules: &Rules, object: &str, rng: &mut Rng) -> Node {
    let members = rules
        .fields(object)
        .iter()
        .map(|field| {
            let value = match &field.kind {
                KindRule::String {
                    constant: Some(constant),
                    ..
                } => Node::Str(constant.clone()),
                KindRule::String { min, max, .. } => {
                    let length = max.or(*min).unwrap_or(64);
                    let script = support::generator::Script::Astral;
                    Node::Str(support::generator::text(rng, script, length))
                }
                KindRule::Boolean => Node::Bool(true),
                KindRule::Object(inner) => maximal_payload(rules, inner, rng),
                KindRule::Array { max, item, .. } => {
                    let count = max.unwrap_or(3);
                    Node::Array(
                        (0..count)
                            .map(|_| maximal_payload(rules, item, rng))
                            .collect(),
                    )
                }
            };
            (field.name.clone(), value)
        })
        .collect();
    Node::Object(members)
}

#[test]
fn check_valid_payloads_allocates_nothing() {
    let validator = Validator::new();
    let mut payloads: Vec<(String, Vec<u8>)> = support::cases()
        .into_iter()
        .filter(|case| case.is_valid())
        .map(|case| (case.name, case.bytes))
        .collect();
    assert!(payloads.len() >= 5, "the cases hold valid payloads");

    let rules = Rules::from_schema(&support::committed_schema());
    let mut rng = Rng::new(7);
    let maximal = maximal_payload(&rules, "", &mut rng);
    for (name, escaping) in [
        ("maximal, raw UTF-8", Escaping::Required),
        ("maximal, surrogate-pair escapes", Escaping::NonAscii),
    ] {
        let layout = TextLayout::Lines { line_break: "\r\n" };
        let text = support::generator::write(&maximal, layout, escaping, &mut rng);
        payloads.push((name.to_owned(), text.into_bytes()));
    }

    // The first run may initialise lazily created state of the standard library.
    let _ = allocations_of_check(&validator, &payloads[0].1);
    for (name, bytes) in &payloads {
        let (allocations, valid) = allocations_of_check(&validator, bytes);
        assert!(valid, "{name} is valid");
        assert_eq!(allocations, 0, "check of {name} allocated");
    }
}

#[test]
fn check_escaped_names_and_consts_allocates_nothing() {
    let validator = Validator::new();
    let text = r#"{"instanceId": "i", "image\u0055rl": "u", "envs": [], "command": "",
        "entrypoint": "", "save": false, "networkVolume": {"volumeMounts": [
        {"type": "n\u0065twork", "id": "v", "mountPath": "/network"}]}}"#;
    let (allocations, valid) = allocations_of_check(&validator, text.as_bytes());
    assert!(valid, "escaped member names and consts are valid");
    assert_eq!(
        allocations, 0,
        "check of escaped names and consts allocated"
    );
}

#[test]
fn check_invalid_payload_allocates() {
    let validator = Validator::new();
    let (allocations, valid) = allocations_of_check(&validator, br#"{"save": "yes"}"#);
    assert!(!valid, "the payload is invalid");
    assert!(
        allocations > 0,
        "a report with violations allocates, so the counter sees allocations"
    );
}
