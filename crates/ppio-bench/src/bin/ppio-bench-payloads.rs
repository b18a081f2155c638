//! Writes the request files that `scripts/bench-cli.sh` times.
//!
//! Usage: `ppio-bench-payloads DIR COUNT`. Writes `DIR/payload-NNNN.json` and `DIR/expected.tsv`,
//! which lists each file name with `valid` or `invalid`.

use std::fs;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use ppio_bench::payloads::file_set;

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let (directory, count) = match arguments.as_slice() {
        [directory, count] => match count.parse::<usize>() {
            Ok(count) => (PathBuf::from(directory), count),
            Err(error) => return fail(&format!("invalid COUNT `{count}`: {error}")),
        },
        _ => return fail("usage: ppio-bench-payloads DIR COUNT"),
    };
    match write_files(&directory, count) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail(&format!("cannot write to {}: {error}", directory.display())),
    }
}

fn write_files(directory: &std::path::Path, count: usize) -> std::io::Result<()> {
    fs::create_dir_all(directory)?;
    let mut expected = String::new();
    for (index, payload) in file_set(count).iter().enumerate() {
        let name = format!("payload-{index:04}.json");
        fs::write(directory.join(&name), &payload.bytes)?;
        let verdict = if payload.valid { "valid" } else { "invalid" };
        expected.push_str(&format!("{name}\t{verdict}\n"));
    }
    fs::write(directory.join("expected.tsv"), expected)
}

fn fail(message: &str) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "ppio-bench-payloads: {message}");
    ExitCode::from(2)
}
