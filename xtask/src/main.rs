//! `cargo xtask`: project automation. Only dispatches to the task modules.

#![allow(clippy::print_stderr)]

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask codegen [--check]";

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let arguments: Vec<&str> = arguments.iter().map(String::as_str).collect();
    let mode = match arguments.as_slice() {
        ["codegen"] => xtask::codegen::Mode::Write,
        ["codegen", "--check"] => xtask::codegen::Mode::Check,
        _ => {
            eprintln!("xtask: invalid arguments\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match xtask::codegen::run(&xtask::project_root(), mode) {
        Ok(report) => {
            for line in report {
                eprintln!("{line}");
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("xtask: {error}");
            ExitCode::FAILURE
        }
    }
}
