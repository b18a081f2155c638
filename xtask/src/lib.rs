//! Project automation behind `cargo xtask`, as a library so tests can run the same code.

pub mod codegen;

use std::path::{Path, PathBuf};

/// Returns the root of the workspace, the parent of the `xtask` package.
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the xtask package sits inside the workspace root")
        .to_path_buf()
}
