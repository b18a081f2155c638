//! Hostile inputs that need the `ppio-validate` binary: directories, named pipes, endless
//! devices, oversized standard input and a sparse file far over the size cap.
//!
//! Exit status: 0 every payload valid, 1 any payload invalid (`syntax` and `too_large` included),
//! 2 a file that cannot be read.

use std::fs::File;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::thread::JoinHandle;

use serde_json::Value;

const VALID: &str = r#"{"instanceId":"i-1","imageUrl":"nginx:1","envs":[],"command":"","entrypoint":"","save":true,"networkVolume":{"volumeMounts":[]}}"#;

/// Text placed in string values; no output format may contain it.
const SECRET: &str = "s3cr3t-t0ken";

/// Default size cap of the binary: 16 MiB.
const DEFAULT_MAX_SIZE: usize = 16 * 1024 * 1024;

/// `O_NONBLOCK` on Linux, which lets a FIFO open for reading without waiting for a writer.
const O_NONBLOCK: i32 = 0o4000;

fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ppio-validate"))
}

/// Runs the binary with `--format json` and the given arguments, feeding `stdin` when given.
fn run_json(args: &[&str], stdin: Option<Vec<u8>>) -> Output {
    let mut command = binary();
    command
        .arg("--format")
        .arg("json")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
    let mut child = command.spawn().expect("ppio-validate starts");
    let writer = stdin.map(|bytes| {
        let mut pipe = child.stdin.take().unwrap();
        // The binary stops reading one byte past the cap, so a failed write is expected then.
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        })
    });
    let output = child.wait_with_output().expect("ppio-validate finishes");
    if let Some(writer) = writer {
        writer.join().unwrap();
    }
    output
}

fn report(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!(
            "stdout is not JSON ({error}): {}\nstderr: {}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// Returns the codes of the violations of the only file in a JSON report.
fn codes(output: &Output) -> Vec<String> {
    let report = report(output);
    let files = report["files"].as_array().expect("files is an array");
    assert_eq!(files.len(), 1, "{report}");
    files[0]["violations"]
        .as_array()
        .expect("violations is an array")
        .iter()
        .map(|violation| violation["code"].as_str().unwrap().to_owned())
        .collect()
}

fn exit_code(output: &Output) -> i32 {
    output.status.code().expect("ppio-validate exits normally")
}

fn write_file(directory: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = directory.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn path_arg(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

/// A malformed payload given as a file, with the exit status and first code it must produce.
struct FileCase {
    name: &'static str,
    bytes: fn() -> Vec<u8>,
    args: &'static [&'static str],
    exit: i32,
    first_code: &'static str,
}

fn seeded_bytes(length: usize, mut state: u64) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(length);
    while bytes.len() < length {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        bytes.extend_from_slice(&state.to_le_bytes());
    }
    bytes.truncate(length);
    bytes
}

fn padded(size: usize) -> Vec<u8> {
    let mut bytes = VALID.as_bytes().to_vec();
    bytes.resize(size, b' ');
    bytes
}

fn file_cases() -> Vec<FileCase> {
    let case = |name, bytes, exit, first_code| FileCase {
        name,
        bytes,
        args: &[],
        exit,
        first_code,
    };
    vec![
        case("valid.json", || VALID.as_bytes().to_vec(), 0, ""),
        case(
            "bom.json",
            || [b"\xEF\xBB\xBF", VALID.as_bytes()].concat(),
            1,
            "syntax",
        ),
        case(
            "utf16.json",
            || VALID.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            1,
            "syntax",
        ),
        case("empty.json", Vec::new, 1, "syntax"),
        case("blank.json", || b"  \n\t\r\n".to_vec(), 1, "syntax"),
        case(
            "comment.json",
            || [b"// c\n", VALID.as_bytes()].concat(),
            1,
            "syntax",
        ),
        case(
            "trailing.json",
            || format!("{VALID} {VALID}").into_bytes(),
            1,
            "syntax",
        ),
        case(
            "invalid-utf8.json",
            || {
                format!(r#"{{"command":"{SECRET}"#)
                    .into_bytes()
                    .into_iter()
                    .chain(*b"\xFF\"}")
                    .collect()
            },
            1,
            "syntax",
        ),
        case(
            "lone-surrogate.json",
            || format!(r#"{{"command":"{SECRET}\ud800"}}"#).into_bytes(),
            1,
            "syntax",
        ),
        case("nul.json", || b"{\"save\":\0}".to_vec(), 1, "syntax"),
        case("million-brackets.json", || vec![b'['; 1_000_000], 1, "type"),
        case(
            "random.bin",
            || seeded_bytes(1 << 20, 0x9E37_79B9_7F4A_7C15),
            1,
            "syntax",
        ),
        case(
            "huge-exponent.json",
            || VALID.replace("true", "1e999999").into_bytes(),
            1,
            "type",
        ),
        case(
            "long-secret.json",
            || VALID.replace("nginx:1", &SECRET.repeat(100)).into_bytes(),
            1,
            "max_length",
        ),
        FileCase {
            name: "under-cap.json",
            bytes: || padded(200),
            args: &["--max-size", "200"],
            exit: 0,
            first_code: "",
        },
        FileCase {
            name: "over-cap.json",
            bytes: || padded(201),
            args: &["--max-size", "200"],
            exit: 1,
            first_code: "too_large",
        },
        case("at-default-cap.json", || padded(DEFAULT_MAX_SIZE), 0, ""),
        case(
            "over-default-cap.json",
            || padded(DEFAULT_MAX_SIZE + 1),
            1,
            "too_large",
        ),
    ]
}

#[test]
fn file_cases_exit_status_and_code() {
    let directory = tempfile::tempdir().unwrap();
    for case in file_cases() {
        let path = write_file(directory.path(), case.name, &(case.bytes)());
        let mut args = case.args.to_vec();
        args.push(path_arg(&path));
        let output = run_json(&args, None);
        assert_eq!(exit_code(&output), case.exit, "{}: exit status", case.name);
        let codes = codes(&output);
        assert_eq!(
            codes.first().map(String::as_str).unwrap_or(""),
            case.first_code,
            "{}: first code of {codes:?}",
            case.name
        );
    }
}

#[test]
fn file_cases_never_echo_secret() {
    let directory = tempfile::tempdir().unwrap();
    for case in file_cases() {
        let path = write_file(directory.path(), case.name, &(case.bytes)());
        for format in ["human", "json", "github"] {
            let output = binary()
                .args(["--format", format])
                .args(case.args)
                .arg(&path)
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&output.stdout);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(
                !stdout.contains(SECRET),
                "{} {format}: stdout echoes the payload",
                case.name
            );
            assert!(
                !stderr.contains(SECRET),
                "{} {format}: stderr echoes the payload",
                case.name
            );
        }
    }
}

#[test]
fn directory_as_file_exits_2() {
    let directory = tempfile::tempdir().unwrap();
    let output = run_json(&[path_arg(directory.path())], None);
    assert_eq!(exit_code(&output), 2);
    let report = report(&output);
    assert_eq!(report["files"][0]["valid"], false);
    assert!(report["files"][0]["error"].is_string(), "{report}");
}

#[test]
fn directory_does_not_stop_others() {
    let directory = tempfile::tempdir().unwrap();
    let valid = write_file(directory.path(), "valid.json", VALID.as_bytes());
    let invalid = write_file(directory.path(), "invalid.json", b"{");
    let output = run_json(
        &[
            path_arg(directory.path()),
            path_arg(&valid),
            path_arg(&invalid),
        ],
        None,
    );
    assert_eq!(exit_code(&output), 2);
    let report = report(&output);
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 3, "{report}");
    assert_eq!(files[1]["valid"], true);
    assert_eq!(files[2]["valid"], false);
}

#[test]
fn missing_file_exits_2() {
    let directory = tempfile::tempdir().unwrap();
    let missing = directory.path().join("missing.json");
    let output = run_json(&[path_arg(&missing)], None);
    assert_eq!(exit_code(&output), 2);
}

/// Creates a named pipe with `mkfifo` and starts a thread that writes `bytes` into it.
fn fifo_with_writer(directory: &Path, bytes: Vec<u8>) -> (PathBuf, JoinHandle<()>) {
    let path = directory.join("payload.fifo");
    let status = Command::new("mkfifo")
        .arg(&path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo failed");
    let writer_path = path.clone();
    // Opening for writing blocks until the binary opens the pipe for reading. The binary stops
    // reading past the cap, so a failed write is expected then.
    let writer = std::thread::spawn(move || {
        if let Ok(mut pipe) = std::fs::OpenOptions::new().write(true).open(&writer_path) {
            let _ = pipe.write_all(&bytes);
        }
    });
    (path, writer)
}

/// Waits for the FIFO writer. If the binary never opened the pipe, a non-blocking reader releases
/// the writer, so a failing test ends instead of hanging.
fn finish_writer(path: &Path, writer: JoinHandle<()>) {
    if !writer.is_finished() {
        let _reader = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(O_NONBLOCK)
            .open(path);
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    writer.join().unwrap();
}

#[test]
fn named_pipe_valid_exits_0() {
    let directory = tempfile::tempdir().unwrap();
    let (path, writer) = fifo_with_writer(directory.path(), VALID.as_bytes().to_vec());
    let output = run_json(&[path_arg(&path)], None);
    finish_writer(&path, writer);
    assert_eq!(
        exit_code(&output),
        0,
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(codes(&output), Vec::<String>::new());
}

#[test]
fn named_pipe_invalid_exits_1() {
    let directory = tempfile::tempdir().unwrap();
    let (path, writer) = fifo_with_writer(directory.path(), b"{\"save\":\"yes\"}".to_vec());
    let output = run_json(&[path_arg(&path)], None);
    finish_writer(&path, writer);
    assert_eq!(exit_code(&output), 1);
    assert!(codes(&output).contains(&"type".to_owned()));
}

#[test]
fn named_pipe_over_cap_is_too_large() {
    let directory = tempfile::tempdir().unwrap();
    let (path, writer) = fifo_with_writer(directory.path(), padded(10_000));
    let output = run_json(&["--max-size", "1000", path_arg(&path)], None);
    finish_writer(&path, writer);
    assert_eq!(exit_code(&output), 1);
    assert_eq!(codes(&output), ["too_large"]);
}

#[test]
fn stdin_over_small_cap_is_too_large() {
    let output = run_json(&["--max-size", "100", "-"], Some(seeded_bytes(1 << 20, 3)));
    assert_eq!(exit_code(&output), 1);
    assert_eq!(codes(&output), ["too_large"]);
    let violation = &report(&output)["files"][0]["violations"][0];
    assert_eq!(violation["limit"], 100);
}

#[test]
fn stdin_over_default_cap_is_too_large() {
    let output = run_json(&[], Some(padded(DEFAULT_MAX_SIZE + 1)));
    assert_eq!(exit_code(&output), 1);
    assert_eq!(codes(&output), ["too_large"]);
}

#[test]
fn stdin_at_default_cap_is_read() {
    let output = run_json(&["-"], Some(padded(DEFAULT_MAX_SIZE)));
    assert_eq!(
        exit_code(&output),
        0,
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn endless_device_is_too_large() {
    let output = run_json(&["--max-size", "4096", "/dev/zero"], None);
    assert_eq!(exit_code(&output), 1);
    assert_eq!(codes(&output), ["too_large"]);
}

#[test]
fn empty_device_is_syntax() {
    let output = run_json(&["/dev/null"], None);
    assert_eq!(exit_code(&output), 1);
    assert_eq!(codes(&output), ["syntax"]);
}

#[test]
fn sparse_two_gib_file_is_not_read() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("sparse.json");
    let size: u64 = 2 << 30;
    File::create(&path).unwrap().set_len(size).unwrap();

    let output = run_json(&[path_arg(&path)], None);
    assert_eq!(exit_code(&output), 1);
    assert_eq!(codes(&output), ["too_large"]);
    // A stream read stops one byte past the cap, so only the file's metadata gives its full size.
    let violation = &report(&output)["files"][0]["violations"][0];
    assert_eq!(violation["actual"], size);
}
