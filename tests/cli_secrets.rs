//! No string value of a payload appears in any output format or language, because values such
//! as environment variables may hold secrets.

use std::path::Path;
use std::process::Command;

/// Payloads whose string values hold distinctive secrets, each with the secrets it hides.
fn payloads() -> Vec<(&'static str, String, Vec<String>)> {
    let long_secret = format!("SECRETLONG{}", "x".repeat(5000));
    vec![
        (
            "over-long.json",
            format!(
                r#"{{"instanceId": "SECRETID1", "imageUrl": "r.example.com/a:1", "envs": [{{"key": "TOKEN", "value": "{long_secret}"}}], "command": "", "entrypoint": "", "save": true, "networkVolume": {{"volumeMounts": []}}}}"#
            ),
            vec!["SECRETLONG".to_owned(), "SECRETID1".to_owned()],
        ),
        (
            "wrong-const.json",
            r#"{"instanceId": "i", "imageUrl": "r.example.com/a:1", "envs": [], "command": "", "entrypoint": "", "save": true,
"networkVolume": {"volumeMounts": [{"type": "SECRETCONST", "id": "SECRETVOLUME", "mountPath": "/n"}]}}"#
                .to_owned(),
            vec!["SECRETCONST".to_owned(), "SECRETVOLUME".to_owned()],
        ),
        (
            "unknown-members.json",
            r#"{"instanceId": "i", "imageUrl": "r.example.com/a:1", "envs": [{"key": "K", "val": "SECRETUNKNOWN1"}],
"apiToken": "SECRETUNKNOWN2", "extra": {"nested": ["SECRETUNKNOWN3"]},
"command": "", "entrypoint": "", "save": true, "networkVolume": {"volumeMounts": []}}"#
                .to_owned(),
            vec![
                "SECRETUNKNOWN1".to_owned(),
                "SECRETUNKNOWN2".to_owned(),
                "SECRETUNKNOWN3".to_owned(),
            ],
        ),
        (
            "wrong-type.json",
            r#"{"instanceId": "i", "imageUrl": "r.example.com/a:1", "envs": "SECRETTYPE1", "command": "", "entrypoint": "", "save": "SECRETTYPE2", "save": "SECRETDUPLICATE", "networkVolume": {"volumeMounts": []}}"#
                .to_owned(),
            vec![
                "SECRETTYPE1".to_owned(),
                "SECRETTYPE2".to_owned(),
                "SECRETDUPLICATE".to_owned(),
            ],
        ),
        (
            "bad-escape.json",
            r#"{"instanceId": "i", "imageUrl": "SECRETESC\qAPE", "envs": []}"#.to_owned(),
            vec!["SECRETESC".to_owned(), "APE".to_owned()],
        ),
        (
            "lone-surrogate.json",
            r#"{"instanceId": "i", "imageUrl": "SECRETSURROGATE\ud800", "envs": []}"#.to_owned(),
            vec!["SECRETSURROGATE".to_owned()],
        ),
        (
            "raw-newline.json",
            "{\"instanceId\": \"i\",\n\"envs\": [{\"key\": \"PEM\", \"value\": \"SECRETLINE1\nSECRETLINE2\nSECRETLINE3\"}]}"
                .to_owned(),
            vec![
                "SECRETLINE1".to_owned(),
                "SECRETLINE2".to_owned(),
                "SECRETLINE3".to_owned(),
            ],
        ),
        (
            "unterminated.json",
            r#"{"instanceId": "i", "imageUrl": "SECRETUNTERMINATED"#.to_owned(),
            vec!["SECRETUNTERMINATED".to_owned()],
        ),
        (
            "missing-colon.json",
            r#"{"instanceId" "SECRETNOCOLON", "save": true}"#.to_owned(),
            vec!["SECRETNOCOLON".to_owned()],
        ),
        (
            "single-quotes.json",
            r#"{"instanceId": 'SECRETSINGLE', "save": true}"#.to_owned(),
            vec!["SECRETSINGLE".to_owned()],
        ),
        (
            "bare-word.json",
            r#"{"instanceId": SECRETBARE, "save": true}"#.to_owned(),
            vec!["SECRETBARE".to_owned()],
        ),
        (
            "comment.json",
            "{\"instanceId\": \"i\", // SECRETCOMMENT\n\"save\": true}".to_owned(),
            vec!["SECRETCOMMENT".to_owned()],
        ),
        (
            "trailing-content.json",
            r#"{"instanceId": "i"} "SECRETTRAILING""#.to_owned(),
            vec!["SECRETTRAILING".to_owned()],
        ),
    ]
}

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_ppio-validate"))
        .current_dir(dir)
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .output()
        .expect("the binary runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn secrets_absent_from_every_format_and_language() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let payloads = payloads();
    for (name, content, _) in &payloads {
        std::fs::write(dir.path().join(name), content).expect("payload is written");
    }

    for format in ["human", "json", "github"] {
        for lang in ["en", "zh-CN"] {
            for (name, _, secrets) in &payloads {
                let (status, stdout, stderr) =
                    run(dir.path(), &["--format", format, "--lang", lang, name]);
                assert_eq!(status, Some(1), "{name} is invalid ({format}, {lang})");
                assert!(
                    !stdout.is_empty(),
                    "{name}: report expected ({format}, {lang})"
                );
                for secret in secrets {
                    assert!(
                        !stdout.contains(secret.as_str()),
                        "{name}: `{secret}` on stdout ({format}, {lang}):\n{stdout}"
                    );
                    assert!(
                        !stderr.contains(secret.as_str()),
                        "{name}: `{secret}` on stderr ({format}, {lang}):\n{stderr}"
                    );
                }
                assert!(
                    !stdout.contains("SECRET") && !stderr.contains("SECRET"),
                    "{name}: part of a secret shown ({format}, {lang}):\n{stdout}{stderr}"
                );
            }
        }
    }
}

#[test]
fn secrets_from_stdin_absent() {
    use std::io::Write;
    use std::process::Stdio;

    for (name, content, secrets) in payloads() {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ppio-validate"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let mut stdin = child.stdin.take().expect("stdin is piped");
        stdin
            .write_all(content.as_bytes())
            .expect("payload is written");
        drop(stdin);
        let output = child.wait_with_output().expect("the binary finishes");
        let stdout = String::from_utf8_lossy(&output.stdout);
        for secret in &secrets {
            assert!(
                !stdout.contains(secret.as_str()),
                "{name}: `{secret}` shown:\n{stdout}"
            );
        }
    }
}
