//! Command-line front end of `ppio-validate`: arguments, reading, parallel checking and output.
//!
//! The binary only calls [`run`] and exits with the status it returns.

mod args;
mod check;
mod input;
mod mask;
mod output;

use std::io::IsTerminal;

use ppio_validator::Validator;

use args::{Format, Parsed};
use input::Source;
use output::{Printer, Renderer};

/// Exit status: every payload is valid.
pub const EXIT_VALID: u8 = 0;
/// Exit status: at least one payload is invalid, and every file could be read.
pub const EXIT_INVALID: u8 = 1;
/// Exit status: a usage error, or a file that could not be read.
pub const EXIT_ERROR: u8 = 2;

/// Runs the command line with the process's arguments and environment, and returns the exit status.
pub fn run() -> u8 {
    let args = std::env::args_os().collect();
    let env = |name: &str| std::env::var(name).ok();
    let (cli, lang) = match args::parse(args, &env) {
        Parsed::Run(cli, lang) => (cli, lang),
        Parsed::Info(text) => {
            output::write_info(&text);
            return EXIT_VALID;
        }
        Parsed::Usage(text) => {
            output::write_usage_error(&text);
            return EXIT_ERROR;
        }
    };

    let color = cli.format == Format::Human
        // An empty NO_COLOR counts as unset, following the no-color.org convention.
        && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
        && std::io::stdout().is_terminal();
    let renderer = Renderer {
        format: cli.format,
        lang,
        color,
        max_violations: cli.max_violations,
    };
    let validator = Validator::with_options(cli.options());
    let sources: Vec<Source> = if cli.files.is_empty() {
        vec![Source::Stdin]
    } else {
        cli.files.into_iter().map(Source::from_arg).collect()
    };

    let mut printer = Printer::new(renderer);
    printer.begin();
    let summary = check::check_all(&sources, &validator, &mut printer);
    printer.finish(&summary);

    if summary.unreadable > 0 {
        EXIT_ERROR
    } else if summary.invalid > 0 {
        EXIT_INVALID
    } else {
        EXIT_VALID
    }
}
