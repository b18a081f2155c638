//! The hook in `.pre-commit-hooks.yaml` run by the real pre-commit through `pre-commit try-repo`.
//!
//! pre-commit builds the hook with `cargo install` in release mode, so this test takes minutes on
//! its first run. `CARGO_TARGET_DIR` points that build at a fixed directory under the target
//! directory, so later runs reuse the compiled dependencies. try-repo keeps its hook store in a
//! fresh temporary directory, so `PRE_COMMIT_HOME` only stores pre-commit's own files.
//!
//! try-repo builds the repository's HEAD plus tracked changes and staged files; untracked files
//! are left out, so the hook definition must be committed or staged.
//!
//! Without pre-commit on PATH the test prints that it skipped, unless the environment variable
//! `CI` is set: CI installs pre-commit, so there its absence fails the test.

#![allow(
    clippy::print_stderr,
    reason = "a skipped run says so on standard error"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Target directory that contains the binary under test.
fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_ppio-validate"))
        .ancestors()
        .nth(2)
        .expect("the binary sits in <target>/<profile>/")
        .to_path_buf()
}

fn pre_commit_available() -> bool {
    Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success())
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args(args)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?} failed");
}

fn try_repo(dir: &Path, files: &[&str]) -> Output {
    let repository = env!("CARGO_MANIFEST_DIR");
    let target = target_dir();
    Command::new("pre-commit")
        .current_dir(dir)
        .args(["try-repo", repository, "ppio-validate", "--files"])
        .args(files)
        .env("PRE_COMMIT_HOME", target.join("pre-commit-home"))
        .env("CARGO_TARGET_DIR", target.join("pre-commit-build"))
        .env("LC_ALL", "C.UTF-8")
        .env_remove("NO_COLOR")
        .output()
        .expect("pre-commit runs")
}

fn describe(output: &Output) -> String {
    format!(
        "exit status {:?}\n--- stdout\n{}--- stderr\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn pre_commit_try_repo_runs_hook() {
    if !pre_commit_available() {
        assert!(
            std::env::var_os("CI").is_none(),
            "pre-commit is not on PATH, and CI is set: install it with `python3 -m pip install pre-commit`"
        );
        eprintln!(
            "skipped: pre-commit is not on PATH (install it with `python3 -m pip install pre-commit`)"
        );
        return;
    }

    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let dir = tempfile::tempdir().expect("temporary directory");
    git(dir.path(), &["init", "--quiet"]);
    std::fs::copy(
        examples.join("upgrade-instance.json"),
        dir.path().join("good.json"),
    )
    .expect("good.json is written");
    std::fs::copy(
        examples.join("upgrade-instance-invalid.json"),
        dir.path().join("bad.json"),
    )
    .expect("bad.json is written");
    git(dir.path(), &["add", "good.json", "bad.json"]);

    let output = try_repo(dir.path(), &["good.json", "bad.json"]);
    let text = describe(&output);
    assert_eq!(
        output.status.code(),
        Some(1),
        "hook must fail on bad.json:\n{text}"
    );
    assert!(
        text.contains("bad.json:3:3: error[unknown_field]"),
        "diagnostic with path, line and column expected:\n{text}"
    );
    assert!(
        !text.contains("good.json:"),
        "good.json has no violation:\n{text}"
    );

    let output = try_repo(dir.path(), &["good.json"]);
    let text = describe(&output);
    assert_eq!(
        output.status.code(),
        Some(0),
        "hook must pass on good.json:\n{text}"
    );
    assert!(text.contains("Passed"), "{text}");
}
