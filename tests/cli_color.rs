//! Colour in the `human` format: on for a terminal, off with a non-empty `NO_COLOR` or output in a pipe.
//!
//! A pseudo-terminal comes from util-linux `script`; without it the terminal cases are skipped.

#![allow(
    clippy::print_stderr,
    reason = "a check that this machine cannot run says so on standard error"
)]

use std::path::PathBuf;
use std::process::Command;

const ESCAPE: &str = "\x1b[";

fn invalid_example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/upgrade-instance-invalid.json")
}

/// Runs the binary on a pseudo-terminal through `script`; `None` when `script` is missing.
fn run_on_terminal(no_color: Option<&str>) -> Option<String> {
    let line = format!(
        "'{}' '{}'",
        env!("CARGO_BIN_EXE_ppio-validate"),
        invalid_example().display()
    );
    let mut command = Command::new("script");
    command.args(["-qec", &line, "/dev/null"]);
    command.env_remove("NO_COLOR");
    if let Some(value) = no_color {
        command.env("NO_COLOR", value);
    }
    let output = command.output().ok()?;
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn pipe_output_has_no_colour() {
    let output = Command::new(env!("CARGO_BIN_EXE_ppio-validate"))
        .arg(invalid_example())
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("error[required]"), "{stdout}");
    assert!(!stdout.contains(ESCAPE), "{stdout}");
}

#[test]
fn terminal_output_coloured_unless_no_color() {
    let Some(coloured) = run_on_terminal(None) else {
        eprintln!("skipped: `script` is not available to provide a terminal");
        return;
    };
    assert!(coloured.contains(ESCAPE), "{coloured}");

    for value in ["1", "no"] {
        let plain = run_on_terminal(Some(value)).expect("`script` ran before");
        assert!(
            plain.contains("error[required]"),
            "NO_COLOR={value:?}: {plain}"
        );
        assert!(!plain.contains(ESCAPE), "NO_COLOR={value:?}: {plain}");
    }

    // An empty NO_COLOR counts as unset.
    let empty = run_on_terminal(Some("")).expect("`script` ran before");
    assert!(empty.contains(ESCAPE), "NO_COLOR=\"\": {empty}");
}
