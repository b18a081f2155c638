//! Command-line front end of `ppio-validate`.

/// Runs the command line and returns the process exit code.
pub fn run() -> u8 {
    0
}
