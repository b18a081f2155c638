//! The committed generated files match the field definitions, and generation is deterministic.

use std::fs;
use std::path::Path;

use xtask::codegen::{self, COMMAND, DEFINITION_FILE, Mode};

#[test]
fn committed_outputs_are_current() {
    if let Err(error) = codegen::run(&xtask::project_root(), Mode::Check) {
        panic!("{error}\n(the same check as `{COMMAND} --check`)");
    }
}

#[test]
fn generation_is_deterministic() {
    let text = fs::read_to_string(xtask::project_root().join(DEFINITION_FILE))
        .expect("the definition file is readable");
    let first = codegen::generate(&text).expect("the definitions are valid");
    let second = codegen::generate(&text).expect("the definitions are valid");
    assert_eq!(first.len(), second.len(), "both runs give the same outputs");
    for (first, second) in first.iter().zip(&second) {
        assert_eq!(
            first.path, second.path,
            "both runs list outputs in one order"
        );
        assert!(
            first.contents == second.contents,
            "{} differs between two runs",
            first.path
        );
    }
}

/// Copies the definition file and every output into a fresh workspace root.
fn copy_tree(to: &Path) {
    let root = xtask::project_root();
    let text = fs::read_to_string(root.join(DEFINITION_FILE)).unwrap();
    let mut paths = vec![DEFINITION_FILE.to_owned()];
    paths.extend(
        codegen::generate(&text)
            .unwrap()
            .into_iter()
            .map(|output| output.path.to_owned()),
    );
    for path in paths {
        let target = to.join(&path);
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::copy(root.join(&path), target).unwrap();
    }
}

#[test]
fn check_names_command_when_stale() {
    let directory = tempfile::tempdir().unwrap();
    copy_tree(directory.path());
    codegen::run(directory.path(), Mode::Check).expect("a fresh copy is current");

    let stale = "schema/upgrade-instance.schema.json";
    let path = directory.path().join(stale);
    let edited = fs::read_to_string(&path).unwrap().replace("500", "501");
    fs::write(&path, edited).unwrap();

    let error = codegen::run(directory.path(), Mode::Check).expect_err("an edited output is stale");
    assert!(
        error.contains(&format!("run `{COMMAND}`")),
        "the error names the command: {error}"
    );
    assert!(error.contains(stale), "the error names the file: {error}");

    let written = codegen::run(directory.path(), Mode::Write).expect("writing succeeds");
    assert_eq!(written, vec![format!("updated {stale}")]);
    codegen::run(directory.path(), Mode::Check).expect("a rewritten copy is current");
}

#[test]
fn check_reports_missing_output() {
    let directory = tempfile::tempdir().unwrap();
    copy_tree(directory.path());
    let missing = "docs/reference.zh-CN.md";
    fs::remove_file(directory.path().join(missing)).unwrap();

    let error = codegen::run(directory.path(), Mode::Check).expect_err("a missing output is stale");
    assert!(error.contains(missing), "the error names the file: {error}");
}
