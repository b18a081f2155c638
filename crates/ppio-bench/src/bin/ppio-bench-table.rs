//! Prints the medians of the last `cargo bench -p ppio-bench` run as Markdown tables with ratios.
//!
//! Usage: `ppio-bench-table [CRITERION_DIR]`. The default folder is `target/criterion`, or
//! `$CARGO_TARGET_DIR/criterion` when that variable is set. Reads criterion's `new/estimates.json`.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ppio_bench::payloads::library_payloads;

const CONTENDERS: [&str; 5] = [
    "ours_check",
    "ours_validate",
    "serde_typed",
    "jsonschema_runtime",
    "jsonschema_compiled",
];

fn main() -> ExitCode {
    let directory = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let target = std::env::var_os("CARGO_TARGET_DIR").unwrap_or_else(|| "target".into());
            PathBuf::from(target).join("criterion")
        });
    match render(&directory) {
        Ok(text) => {
            let _ = std::io::stdout().write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
        Err(message) => {
            let _ = writeln!(std::io::stderr(), "ppio-bench-table: {message}");
            ExitCode::from(2)
        }
    }
}

/// Reads the median time, in nanoseconds, of one benchmark.
fn median(directory: &Path, group: &str, name: &str) -> Result<f64, String> {
    let path = directory.join(group).join(name).join("new/estimates.json");
    let text = std::fs::read_to_string(&path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let estimates: serde_json::Value = serde_json::from_str(&text)
        .map_err(|error| format!("invalid JSON in {}: {error}", path.display()))?;
    estimates["median"]["point_estimate"]
        .as_f64()
        .ok_or_else(|| format!("no median in {}", path.display()))
}

fn render(directory: &Path) -> Result<String, String> {
    let payloads = library_payloads();
    let mut medians = Vec::new();
    for payload in &payloads {
        let mut row = Vec::new();
        for name in CONTENDERS {
            row.push(median(directory, payload.name, name)?);
        }
        medians.push(row);
    }

    let mut out = String::new();
    out.push_str("| payload | bytes |");
    for name in CONTENDERS {
        let _ = write!(out, " {name} |");
    }
    out.push_str("\n|---|---:|");
    out.push_str(&"---:|".repeat(CONTENDERS.len()));
    out.push('\n');
    for (payload, row) in payloads.iter().zip(&medians) {
        let _ = write!(out, "| {} | {} |", payload.name, payload.bytes.len());
        for nanoseconds in row {
            let _ = write!(out, " {} |", format_time(*nanoseconds));
        }
        out.push('\n');
    }

    out.push_str("\n| payload | runtime / check | compiled / check | validate / serde_typed |\n");
    out.push_str("|---|---:|---:|---:|\n");
    for (payload, row) in payloads.iter().zip(&medians) {
        let _ = writeln!(
            out,
            "| {} | {:.2} | {:.2} | {:.2} |",
            payload.name,
            row[3] / row[0],
            row[4] / row[0],
            row[1] / row[2],
        );
    }

    let per_byte = |index: usize| medians[index][0] / payloads[index].bytes.len() as f64;
    let maximal = payloads.iter().position(|p| p.name == "maximal");
    let violations = payloads.iter().position(|p| p.name == "many_violations");
    if let (Some(maximal), Some(violations)) = (maximal, violations) {
        let _ = writeln!(
            out,
            "\nours_check per byte, many_violations / maximal: {:.2}",
            per_byte(violations) / per_byte(maximal)
        );
    }
    Ok(out)
}

fn format_time(nanoseconds: f64) -> String {
    if nanoseconds >= 1_000_000.0 {
        format!("{:.3} ms", nanoseconds / 1_000_000.0)
    } else if nanoseconds >= 1_000.0 {
        format!("{:.2} µs", nanoseconds / 1_000.0)
    } else {
        format!("{nanoseconds:.0} ns")
    }
}
