//! Snapshots of every output format in English and Chinese: a file with CRLF line breaks, a file
//! with more than 100 violations, a syntax error, and an unreadable file among valid ones.
//!
//! Each run writes its files into a temporary directory and passes relative paths from there, so
//! the snapshots hold no machine-specific path.

use std::path::Path;
use std::process::Command;

const FORMATS: [&str; 3] = ["human", "json", "github"];
const LANGS: [&str; 2] = ["en", "zh-CN"];

const VALID: &str = r#"{
  "instanceId": "inst-1",
  "imageUrl": "registry.example.com/app:1",
  "envs": [],
  "command": "",
  "entrypoint": "",
  "save": false,
  "networkVolume": { "volumeMounts": [] }
}
"#;

/// Several typical mistakes, written with `\r\n` line breaks.
fn crlf_payload() -> String {
    let text = r#"{
  "instanceId": "inst-1",
  "imageURL": "registry.example.com/app:1",
  "envs": [{ "key": "A", "valeu": "1" }],
  "command": "",
  "entrypoint": 0,
  "save": "yes",
  "networkVolume": {
    "volumeMounts": [{ "type": "nfs", "id": "nv-1", "mountPath": "" }]
  }
}
"#;
    text.replace('\n', "\r\n")
}

/// 101 environment variables, each with a misspelled `value` member: one `max_items` and 101
/// `unknown_field` violations.
fn many_violations_payload() -> String {
    let envs: Vec<String> = (0..101)
        .map(|index| format!("    {{ \"key\": \"K{index}\", \"vaule\": \"{index}\" }}"))
        .collect();
    format!(
        "{{\n  \"instanceId\": \"inst-1\",\n  \"imageUrl\": \"registry.example.com/app:1\",\n  \"envs\": [\n{}\n  ],\n  \"command\": \"\",\n  \"entrypoint\": \"\",\n  \"save\": true,\n  \"networkVolume\": {{ \"volumeMounts\": [] }}\n}}\n",
        envs.join(",\n")
    )
}

const SYNTAX: &str = "{\n  \"instanceId\": \"inst-1\",\n  \"imageUrl\": \"registry.example.com/app:1\",\n  \"envs\": [],\n}\n";

/// Runs the binary in `dir` with a clean locale and no colour; returns exit status and output.
fn run(dir: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_ppio-validate"))
        .current_dir(dir)
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs");
    format!(
        "exit status: {:?}\n--- stdout\n{}--- stderr\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Writes the files of one scenario and snapshots it in every format and language.
fn snapshot_scenario(scenario: &str, files: &[(&str, &str)], args: &[&str]) {
    let dir = tempfile::tempdir().expect("temporary directory");
    for (name, content) in files {
        std::fs::write(dir.path().join(name), content).expect("fixture is written");
    }
    for format in FORMATS {
        for lang in LANGS {
            let mut full_args = vec!["--format", format, "--lang", lang];
            full_args.extend_from_slice(args);
            let output = run(dir.path(), &full_args);
            insta::assert_snapshot!(format!("{scenario}_{format}_{lang}"), output);
        }
    }
}

#[test]
fn crlf_file() {
    let payload = crlf_payload();
    snapshot_scenario("crlf", &[("crlf.json", &payload)], &["crlf.json"]);
}

#[test]
fn file_with_over_100_violations() {
    let payload = many_violations_payload();
    snapshot_scenario("many", &[("many.json", &payload)], &["many.json"]);
}

#[test]
fn syntax_error() {
    snapshot_scenario("syntax", &[("syntax.json", SYNTAX)], &["syntax.json"]);
}

#[test]
fn unreadable_among_valid() {
    snapshot_scenario(
        "unreadable",
        &[("a.json", VALID), ("c.json", VALID)],
        &["a.json", "missing.json", "c.json"],
    );
}

#[test]
fn violation_limit() {
    let payload = many_violations_payload();
    snapshot_scenario(
        "limit",
        &[("many.json", &payload)],
        &["--max-violations", "3", "many.json"],
    );
}

#[test]
fn language_from_locale() {
    let dir = tempfile::tempdir().expect("temporary directory");
    std::fs::write(dir.path().join("crlf.json"), crlf_payload()).expect("fixture is written");
    let output = Command::new(env!("CARGO_BIN_EXE_ppio-validate"))
        .current_dir(dir.path())
        .arg("crlf.json")
        .env_remove("LC_ALL")
        .env("LC_MESSAGES", "zh_CN.UTF-8")
        .env("LANG", "en_US.UTF-8")
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("error[unknown_field]: 未知成员"),
        "{stdout}"
    );
    assert!(stdout.contains("已检查 1 个文件"), "{stdout}");
}

#[test]
fn usage_errors() {
    let dir = tempfile::tempdir().expect("temporary directory");
    for lang in LANGS {
        let output = run(dir.path(), &["--lang", lang, "--format", "xml"]);
        insta::assert_snapshot!(format!("usage_invalid_value_{lang}"), output);
        let output = run(dir.path(), &["--lang", lang, "--no-such-option"]);
        insta::assert_snapshot!(format!("usage_unknown_option_{lang}"), output);
    }
}

#[test]
fn help_text() {
    let dir = tempfile::tempdir().expect("temporary directory");
    for lang in LANGS {
        let output = run(dir.path(), &["--lang", lang, "--help"]);
        insta::assert_snapshot!(format!("help_{lang}"), output);
    }
}
