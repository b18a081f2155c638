//! Exit status of the binary in each situation: 0 all valid, 1 any invalid, 2 usage error or a
//! file that cannot be read. Every file is still checked when one fails.

#![allow(
    clippy::print_stderr,
    reason = "a check that this machine cannot run says so on standard error"
)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn examples_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples")
}

fn valid_example() -> PathBuf {
    examples_dir().join("upgrade-instance.json")
}

fn invalid_example() -> PathBuf {
    examples_dir().join("upgrade-instance-invalid.json")
}

fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ppio-validate"));
    command
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    command
}

fn run(args: &[&Path]) -> Output {
    command().args(args).output().expect("the binary runs")
}

fn run_json(args: &[&Path]) -> serde_json::Value {
    let output = command()
        .args(["--format", "json"])
        .args(args)
        .output()
        .expect("the binary runs");
    serde_json::from_slice(&output.stdout).expect("stdout is one JSON document")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn all_valid_exits_0() {
    let output = run(&[&valid_example(), &valid_example()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));
}

#[test]
fn one_invalid_exits_1() {
    let output = run(&[&valid_example(), &invalid_example(), &valid_example()]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stdout));
    assert!(output.stderr.is_empty(), "{}", text(&output.stderr));
}

#[test]
fn usage_error_exits_2() {
    for args in [
        &["--format", "xml"][..],
        &["--no-such-option"],
        &["--max-size", "lots"],
        &["--lang", "fr"],
    ] {
        let output = command().args(args).output().expect("the binary runs");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = text(&output.stderr);
        assert!(stderr.starts_with("ppio-validate: "), "{args:?}: {stderr}");
        assert!(output.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn help_and_version_exit_0() {
    for flag in ["--help", "-h", "--version"] {
        let output = command().arg(flag).output().expect("the binary runs");
        assert_eq!(output.status.code(), Some(0), "{flag}");
        assert!(!output.stdout.is_empty(), "{flag}");
    }
}

#[test]
fn missing_file_exits_2_and_others_checked() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let missing = dir.path().join("missing.json");
    let output = run(&[&invalid_example(), &missing, &valid_example()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains(&format!(
            "ppio-validate: {}: file not found",
            missing.display()
        )),
        "{stderr}"
    );

    let document = run_json(&[&invalid_example(), &missing, &valid_example()]);
    let files = document["files"].as_array().expect("`files` is an array");
    assert_eq!(files.len(), 3);
    assert_eq!(files[0]["valid"], false);
    assert_eq!(files[1]["error"], "file not found");
    assert_eq!(files[2]["valid"], true);
}

#[test]
fn directory_exits_2() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let output = run(&[dir.path(), &valid_example()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("is a directory"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn unreadable_file_exits_2() {
    use std::os::unix::fs::PermissionsExt;

    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("locked.json");
    std::fs::copy(valid_example(), &path).expect("fixture is copied");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000))
        .expect("permissions are set");
    if std::fs::File::open(&path).is_ok() {
        // Root and processes with CAP_DAC_OVERRIDE read the file despite mode 000.
        eprintln!(
            "note: {} stays readable at mode 000 for this user (root?), so the permission case was not checked",
            path.display()
        );
        return;
    }
    let output = run(&[&path, &valid_example()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("permission denied"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn named_pipe_is_read_like_stdin() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let fifo = dir.path().join("payload.json");
    let status = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo failed");

    for (payload, expected) in [(valid_example(), 0), (invalid_example(), 1)] {
        let writer_path = fifo.clone();
        let bytes = std::fs::read(&payload).expect("example is readable");
        // Opening a FIFO for writing blocks until the binary opens it for reading.
        let writer = std::thread::spawn(move || {
            let mut pipe = std::fs::OpenOptions::new()
                .write(true)
                .open(writer_path)
                .expect("FIFO opens for writing");
            pipe.write_all(&bytes).expect("payload is written");
        });
        let output = run(&[&fifo]);
        writer.join().expect("writer finishes");
        assert_eq!(
            output.status.code(),
            Some(expected),
            "{}",
            text(&output.stdout)
        );
    }
}

#[cfg(unix)]
#[test]
fn process_substitution_is_read() {
    if Command::new("bash").arg("-c").arg("true").status().is_err() {
        eprintln!("note: bash is not available, so process substitution was not checked");
        return;
    }
    let script = "\"$0\" <(cat \"$1\")";
    let output = Command::new("bash")
        .args(["-c", script, env!("CARGO_BIN_EXE_ppio-validate")])
        .arg(invalid_example())
        .output()
        .expect("bash runs");
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("error[unknown_field]"));
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = command()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = input.to_vec();
    // Ignore a broken pipe: the binary stops reading one byte past the size cap.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().expect("the binary finishes");
    writer.join().expect("writer finishes");
    output
}

#[test]
fn stdin_without_file_or_dash() {
    let valid = std::fs::read(valid_example()).expect("example is readable");
    let invalid = std::fs::read(invalid_example()).expect("example is readable");
    assert_eq!(run_stdin(&[], &valid).status.code(), Some(0));
    assert_eq!(run_stdin(&["-"], &valid).status.code(), Some(0));
    let output = run_stdin(&["-"], &invalid);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stdout).starts_with("<stdin>:"),
        "{}",
        text(&output.stdout)
    );
}

#[test]
fn oversized_stdin_exits_1() {
    let output = run_stdin(&["--format", "json", "--max-size", "100"], &[b' '; 5000]);
    assert_eq!(output.status.code(), Some(1));
    let document: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("stdout is one JSON document");
    let violation = &document["files"][0]["violations"][0];
    assert_eq!(violation["code"], "too_large");
    assert_eq!(violation["limit"], 100);
    assert_eq!(
        violation["actual"], 101,
        "a stream is read one byte past the cap"
    );
}

#[test]
fn oversized_sparse_file_rejected_from_metadata() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("huge.json");
    let file = std::fs::File::create(&path).expect("file is created");
    // A sparse file: 2 GiB long, almost no disk blocks. Reading it would take seconds.
    file.set_len(2 << 30).expect("length is set");
    drop(file);

    let document = run_json(&[&path]);
    let violation = &document["files"][0]["violations"][0];
    assert_eq!(violation["code"], "too_large");
    assert_eq!(violation["actual"], 2u64 << 30);
    assert_eq!(violation["limit"], ppio_validator::DEFAULT_MAX_SIZE);
    assert_eq!(run(&[&path]).status.code(), Some(1));
}

#[test]
fn broken_pipe_is_quiet() {
    let mut child = command()
        .arg(invalid_example())
        .arg(invalid_example())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    // Close the read end before the binary writes, so every write meets a broken pipe.
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("the binary finishes");
    assert_eq!(
        output.status.code(),
        Some(1),
        "exit status as if output were complete"
    );
    assert!(output.stderr.is_empty(), "{}", text(&output.stderr));
}

#[test]
fn hundreds_of_files_in_argument_order() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let valid = std::fs::read(valid_example()).expect("example is readable");
    let invalid = std::fs::read(invalid_example()).expect("example is readable");
    let paths: Vec<PathBuf> = (0..300)
        .map(|index| {
            let path = dir.path().join(format!("payload-{index:03}.json"));
            let bytes = if index % 7 == 3 { &invalid } else { &valid };
            std::fs::write(&path, bytes).expect("payload is written");
            path
        })
        .collect();
    let args: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let document = run_json(&args);
    let files = document["files"].as_array().expect("`files` is an array");
    assert_eq!(files.len(), 300);
    for (index, (file, path)) in files.iter().zip(&paths).enumerate() {
        assert_eq!(
            file["path"],
            path.to_string_lossy().as_ref(),
            "entry {index}"
        );
        assert_eq!(file["valid"], index % 7 != 3, "entry {index}");
    }
    assert_eq!(
        document["summary"]["invalid"],
        (0..300).filter(|i| i % 7 == 3).count()
    );
}
