//! `ppio-validate`: checks PPIO GPU Upgrade Instance request bodies.

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(ppio_validate_cli::run())
}
