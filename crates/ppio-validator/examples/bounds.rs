//! Measures time and peak memory of `Validator::check` on hostile inputs of growing size.
//!
//! Run with `cargo run --release -p ppio-validator --example bounds`. Each shape and size runs in
//! a child process, which builds the input, resets its peak resident set size through
//! `/proc/self/clear_refs`, and reads `VmRSS` before and `VmHWM` after checking from
//! `/proc/self/status`. The peak covers the input, memory that the allocator kept from building it,
//! and what the check adds; the difference is what the check adds alone. Linux only.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::process::Command;
use std::time::{Duration, Instant};

use ppio_validator::Validator;

const MIB: usize = 1024 * 1024;

/// Input sizes in MiB; each is below the default cap of 16 MiB.
const SIZES_MIB: &[usize] = &[1, 2, 4, 8];

/// Checks of each input; the median time is reported.
const REPEATS: usize = 5;

/// Builds an input of about the given number of bytes.
type BuildInput = fn(usize) -> Vec<u8>;

/// Input shapes and their builders.
const SHAPES: &[(&str, BuildInput)] = &[
    ("valid, every limit reached", valid_maximal),
    ("valid, escaped string", escaped_string),
    ("duplicate key flood", duplicate_keys),
    ("type violation flood", type_violations),
    ("nesting at the depth limit", deep_nesting),
    ("duplicates under a long name", duplicates_under_long_name),
];

fn main() {
    let arguments: Vec<String> = std::env::args().collect();
    if arguments.len() == 4 && arguments[1] == "--child" {
        let shape = arguments[2].parse().expect("shape index");
        let size = arguments[3].parse().expect("size in MiB");
        run_child(shape, size);
        return;
    }

    let executable = std::env::current_exe().expect("path of this example");
    println!(
        "| shape | input MiB | median ms | ms per MiB | violations | peak RSS MiB | peak / input | added by check MiB |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (index, (name, _)) in SHAPES.iter().enumerate() {
        for &size in SIZES_MIB {
            let output = Command::new(&executable)
                .args(["--child", &index.to_string(), &size.to_string()])
                .output()
                .expect("child process runs");
            assert!(
                output.status.success(),
                "child failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            let line = String::from_utf8(output.stdout).expect("child prints UTF-8");
            let fields: Vec<f64> = line
                .split_whitespace()
                .map(|field| field.parse().expect("child prints numbers"))
                .collect();
            let [input_bytes, median_ms, violations, baseline_kib, peak_kib] = fields[..] else {
                panic!("unexpected child output: {line}");
            };
            let input_mib = input_bytes / MIB as f64;
            let peak_mib = peak_kib / 1024.0;
            let added_mib = (peak_kib - baseline_kib) / 1024.0;
            println!(
                "| {name} | {input_mib:.2} | {median_ms:.2} | {:.2} | {violations} | {peak_mib:.1} | {:.2} | {added_mib:.1} |",
                median_ms / input_mib,
                peak_mib / input_mib,
            );
        }
    }
}

/// Builds one input, checks it `REPEATS` times and prints its size, the median time in
/// milliseconds, the violation count, and the resident set size in KiB before the first check
/// and at its peak.
fn run_child(shape: usize, size_mib: usize) {
    let input = (SHAPES[shape].1)(size_mib * MIB);
    let validator = Validator::new();
    reset_peak_rss();
    let baseline_kib = status_kib("VmRSS");

    let mut times: Vec<Duration> = Vec::with_capacity(REPEATS);
    let mut violations = 0;
    for _ in 0..REPEATS {
        let start = Instant::now();
        let report = validator.check(&input);
        times.push(start.elapsed());
        violations = report.violations().len() as u64 + report.omitted();
    }
    times.sort();
    let median_ms = times[REPEATS / 2].as_secs_f64() * 1000.0;
    println!(
        "{} {median_ms} {violations} {baseline_kib} {}",
        input.len(),
        status_kib("VmHWM")
    );
}

/// Resets the peak resident set size to the current one (Linux 4.0 and later).
fn reset_peak_rss() {
    if let Err(error) = std::fs::write("/proc/self/clear_refs", "5") {
        eprintln!("peak RSS not reset, so it includes building the input: {error}");
    }
}

/// Returns a `kB` field of `/proc/self/status`, such as `VmHWM`.
fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|rest| rest.trim().trim_end_matches(" kB").parse().ok())
        .expect("field in /proc/self/status")
}

/// Request members around a first member whose value is `instance_id` (raw JSON text).
fn request_with_instance_id(instance_id: &[u8], envs: &str, mounts: &str) -> Vec<u8> {
    let mut bytes = b"{\"instanceId\":".to_vec();
    bytes.extend_from_slice(instance_id);
    let rest = format!(
        ",\"imageUrl\":\"{}\",\"envs\":[{envs}],\"command\":\"{}\",\"entrypoint\":\"{}\",\
         \"save\":false,\"networkVolume\":{{\"volumeMounts\":[{mounts}]}}}}",
        "i".repeat(500),
        "c".repeat(2047),
        "e".repeat(2047),
    );
    bytes.extend_from_slice(rest.as_bytes());
    bytes
}

/// A valid request: 100 envs and 30 mounts at their maximum lengths, and a plain `instanceId`
/// that brings the body to `size` bytes.
fn valid_maximal(size: usize) -> Vec<u8> {
    let env = format!(
        "{{\"key\":\"{}\",\"value\":\"{}\"}}",
        "k".repeat(511),
        "v".repeat(4095)
    );
    let envs = vec![env; 100].join(",");
    let mount = format!(
        "{{\"type\":\"network\",\"id\":\"vol-1\",\"mountPath\":\"/{}\"}}",
        "m".repeat(4094)
    );
    let mounts = vec![mount; 30].join(",");
    let fixed = request_with_instance_id(b"\"\"", &envs, &mounts).len();
    let instance_id = format!("\"{}\"", "x".repeat(size.saturating_sub(fixed)));
    request_with_instance_id(instance_id.as_bytes(), &envs, &mounts)
}

/// A valid request whose `instanceId` is all escapes: `\n`, `\u00e9` and a surrogate pair.
fn escaped_string(size: usize) -> Vec<u8> {
    const UNIT: &str = r"\n\u00e9\ud83d\ude00";
    let mut instance_id = String::with_capacity(size + UNIT.len());
    instance_id.push('"');
    while instance_id.len() < size {
        instance_id.push_str(UNIT);
    }
    instance_id.push('"');
    request_with_instance_id(instance_id.as_bytes(), "", "")
}

/// One object repeating the defined member `save`: one `duplicate_key` per member.
fn duplicate_keys(size: usize) -> Vec<u8> {
    let mut bytes = b"{\"save\":true".to_vec();
    while bytes.len() < size {
        bytes.extend_from_slice(b",\"save\":true");
    }
    bytes.push(b'}');
    bytes
}

/// `envs` filled with numbers: one `type` violation per two bytes.
fn type_violations(size: usize) -> Vec<u8> {
    let mut items = String::with_capacity(size);
    items.push('0');
    while items.len() < size {
        items.push_str(",0");
    }
    request_with_instance_id(b"\"i\"", &items, "")
}

/// An unknown member holding arrays nested to exactly the default depth limit of 128.
fn deep_nesting(size: usize) -> Vec<u8> {
    // The root object and the outer array take two levels.
    let levels = 126;
    let item = format!("{}{}", "[".repeat(levels), "]".repeat(levels));
    let mut bytes = b"{\"nested\":[".to_vec();
    bytes.extend_from_slice(item.as_bytes());
    while bytes.len() < size {
        bytes.push(b',');
        bytes.extend_from_slice(item.as_bytes());
    }
    bytes.extend_from_slice(b"]}");
    bytes
}

/// An unknown member whose name takes a quarter of the input, holding an object that repeats one
/// member: every duplicate's pointer would repeat the long name.
fn duplicates_under_long_name(size: usize) -> Vec<u8> {
    let mut bytes = b"{\"".to_vec();
    bytes.resize(2 + size / 4, b'n');
    bytes.extend_from_slice(b"\":{\"a\":0");
    while bytes.len() < size {
        bytes.extend_from_slice(b",\"a\":0");
    }
    bytes.extend_from_slice(b"}}");
    bytes
}
