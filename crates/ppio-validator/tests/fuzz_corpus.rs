//! Replays the committed fuzz corpus through the checks of both fuzz targets, so `cargo test`
//! runs them without the nightly toolchain or libFuzzer.

use std::path::{Path, PathBuf};

// The same files that the fuzz crate compiles, so both run exactly the same checks.
#[path = "../../../fuzz/src/checks.rs"]
mod checks;
#[path = "../../../fuzz/src/generate.rs"]
mod generate;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

/// Returns every file under `fuzz/corpus/*` and `fuzz/regressions`, sorted by path.
fn corpus_files() -> Vec<PathBuf> {
    let mut directories = vec![fuzz_dir().join("regressions")];
    for entry in std::fs::read_dir(fuzz_dir().join("corpus")).expect("fuzz/corpus is readable") {
        directories.push(entry.unwrap().path());
    }
    let mut files = Vec::new();
    for directory in directories {
        let Ok(entries) = std::fs::read_dir(&directory) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_file() {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Runs `check` on every corpus file and names each file whose check panics.
fn replay(check: fn(&[u8])) {
    let files = corpus_files();
    assert!(files.len() >= 20, "fuzz corpus has {} files", files.len());
    let mut failures = Vec::new();
    for path in &files {
        // A running fuzzer replaces corpus files as it shrinks them, so a listed file may be gone.
        let Ok(data) = std::fs::read(path) else {
            continue;
        };
        if std::panic::catch_unwind(|| check(&data)).is_err() {
            failures.push(path.display().to_string());
        }
    }
    assert!(failures.is_empty(), "checks failed on: {failures:#?}");
}

#[test]
fn corpus_passes_validate_bytes() {
    replay(checks::check_bytes);
}

#[test]
fn corpus_passes_differential() {
    replay(checks::check_differential);
}

#[test]
fn generated_payloads_pass_both_checks() {
    replay(|data| {
        let generated = generate::generate(data);
        checks::check_bytes(&generated);
        checks::check_differential(&generated);
    });
}

#[test]
fn generator_gives_request_for_empty_input() {
    let generated = generate::generate(&[]);
    let value: serde_json::Value =
        serde_json::from_slice(&generated).expect("generated text is JSON");
    assert!(value["envs"].is_array(), "{value}");
    assert!(value["networkVolume"]["volumeMounts"].is_array(), "{value}");
}
