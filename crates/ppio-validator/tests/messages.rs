//! Messages and help texts of every violation kind, in English and Chinese, and the rule that no
//! message repeats a string value of the payload or a header value.

use ppio_validator::{
    Expected, ExpectedType, HeaderProblem, JsonType, Lang, Options, SyntaxProblem, Validator,
    Violation, ViolationKind,
};

const ALL_EXPECTED: [Expected; 8] = [
    Expected::Value,
    Expected::MemberName,
    Expected::MemberNameOrObjectEnd,
    Expected::Colon,
    Expected::CommaOrObjectEnd,
    Expected::CommaOrArrayEnd,
    Expected::ValueOrArrayEnd,
    Expected::ClosingQuote,
];

/// Builds one violation of every kind, with every syntax problem and every expected token.
fn every_kind() -> Vec<Violation> {
    let mut kinds = vec![
        (
            ViolationKind::TooLarge {
                limit: 1024,
                actual: 2048,
            },
            "",
        ),
        (
            ViolationKind::Type {
                expected: ExpectedType::Boolean,
                found: JsonType::String,
            },
            "/save",
        ),
        (
            ViolationKind::Type {
                expected: ExpectedType::Object,
                found: JsonType::Number,
            },
            "/envs/3",
        ),
        (
            ViolationKind::Type {
                expected: ExpectedType::Object,
                found: JsonType::Array,
            },
            "",
        ),
        (
            ViolationKind::Required,
            "/networkVolume/volumeMounts/0/mountPath",
        ),
        (
            ViolationKind::UnknownField {
                suggestion: Some("imageUrl"),
            },
            "/imageURL",
        ),
        (ViolationKind::UnknownField { suggestion: None }, "/a~1b"),
        (ViolationKind::DuplicateKey, "/save"),
        (
            ViolationKind::MinLength {
                limit: 1,
                actual: 0,
            },
            "/imageUrl",
        ),
        (
            ViolationKind::MaxLength {
                limit: 4095,
                actual: 4096,
            },
            "/envs/0/value",
        ),
        (
            ViolationKind::MinItems {
                limit: 2,
                actual: 1,
            },
            "/envs",
        ),
        (
            ViolationKind::MaxItems {
                limit: 30,
                actual: 31,
            },
            "/networkVolume/volumeMounts",
        ),
        (
            ViolationKind::Const {
                expected: "network",
            },
            "/networkVolume/volumeMounts/0/type",
        ),
        (
            ViolationKind::MissingHeader {
                name: "Authorization",
            },
            "",
        ),
        (
            ViolationKind::InvalidHeader {
                name: "Content-Type",
                problem: HeaderProblem::MediaType("application/json"),
            },
            "",
        ),
        (
            ViolationKind::InvalidHeader {
                name: "Authorization",
                problem: HeaderProblem::Scheme("Bearer"),
            },
            "",
        ),
    ];
    let mut problems = vec![
        SyntaxProblem::EmptyInput,
        SyntaxProblem::ByteOrderMark,
        SyntaxProblem::Utf16,
        SyntaxProblem::InvalidUtf8,
        SyntaxProblem::Comment,
        SyntaxProblem::TrailingComma,
        SyntaxProblem::SingleQuote,
        SyntaxProblem::NonFiniteNumber,
        SyntaxProblem::InvalidNumber,
        SyntaxProblem::InvalidLiteral,
        SyntaxProblem::InvalidEscape,
        SyntaxProblem::LoneSurrogate,
        SyntaxProblem::ControlCharacter,
        SyntaxProblem::TrailingContent,
        SyntaxProblem::TooDeep { limit: 128 },
    ];
    for expected in ALL_EXPECTED {
        problems.push(SyntaxProblem::UnexpectedEnd(expected));
        problems.push(SyntaxProblem::UnexpectedCharacter(expected));
    }
    for problem in problems {
        kinds.push((ViolationKind::Syntax(problem), ""));
    }
    kinds
        .into_iter()
        .map(|(kind, pointer)| Violation {
            kind,
            pointer: pointer.to_owned(),
            position: None,
        })
        .collect()
}

/// Returns true when the text starts with a capitalised word; an acronym such as `JSON` is fine.
fn starts_capitalised(text: &str) -> bool {
    let mut chars = text.chars();
    let first = chars.next().is_some_and(char::is_uppercase);
    let second = chars.next().is_some_and(char::is_lowercase);
    first && second
}

fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

/// Returns the member a message must name in backticks: the last name of the pointer, or for an
/// item the name of its array.
fn named_member(pointer: &str) -> Option<String> {
    let mut tokens = pointer
        .split('/')
        .skip(1)
        .collect::<Vec<_>>()
        .into_iter()
        .rev();
    let last = tokens.next()?;
    let name = if last.chars().all(|c| c.is_ascii_digit()) {
        tokens.next()?
    } else {
        last
    };
    Some(name.replace("~1", "/").replace("~0", "~"))
}

#[test]
fn english_messages_follow_house_style() {
    for violation in every_kind() {
        let message = violation.message(Lang::En);
        let context = format!("{:?}: {message:?}", violation.kind);
        assert!(!message.is_empty(), "{context}");
        assert!(!starts_capitalised(&message), "starts lowercase: {context}");
        assert!(!message.ends_with('.'), "no trailing period: {context}");
        assert!(!has_cjk(&message), "English only: {context}");
        if let Some(help) = violation.help(Lang::En) {
            assert!(
                !starts_capitalised(&help),
                "help starts lowercase: {help:?}"
            );
            assert!(
                !help.ends_with('.'),
                "help has no trailing period: {help:?}"
            );
        }
    }
}

#[test]
fn messages_name_member_in_backticks() {
    for violation in every_kind() {
        let Some(member) = named_member(&violation.pointer) else {
            continue;
        };
        for lang in [Lang::En, Lang::ZhCn] {
            let message = violation.message(lang);
            assert!(
                message.contains(&format!("`{member}`")),
                "{lang:?} message names `{member}`: {message:?}"
            );
        }
    }
}

#[test]
fn messages_state_limit_and_actual() {
    for violation in every_kind() {
        let Some((limit, actual)) = violation.kind.limit_and_actual() else {
            continue;
        };
        for lang in [Lang::En, Lang::ZhCn] {
            let message = violation.message(lang);
            assert!(
                message.contains(&limit.to_string()),
                "{lang:?} message states the limit {limit}: {message:?}"
            );
            assert!(
                message.contains(&actual.to_string()),
                "{lang:?} message states the actual {actual}: {message:?}"
            );
        }
    }
}

#[test]
fn chinese_messages_are_chinese() {
    for violation in every_kind() {
        let english = violation.message(Lang::En);
        let chinese = violation.message(Lang::ZhCn);
        assert!(has_cjk(&chinese), "Chinese text in {chinese:?}");
        assert_ne!(english, chinese, "the two languages differ");
        assert!(
            !chinese.ends_with('。'),
            "no trailing full stop: {chinese:?}"
        );
        assert_eq!(
            violation.help(Lang::En).is_some(),
            violation.help(Lang::ZhCn).is_some(),
            "help exists in both languages or neither: {english:?}"
        );
        if let Some(help) = violation.help(Lang::ZhCn) {
            assert!(has_cjk(&help), "Chinese help in {help:?}");
        }
    }
}

#[test]
fn type_message_states_expected_and_found() {
    let violation = Violation {
        kind: ViolationKind::Type {
            expected: ExpectedType::Boolean,
            found: JsonType::String,
        },
        pointer: "/save".to_owned(),
        position: None,
    };
    assert_eq!(
        violation.message(Lang::En),
        "`save` must be a boolean, found a string"
    );
    assert_eq!(
        violation.message(Lang::ZhCn),
        "`save` 应为布尔值，实际为字符串"
    );
}

const SECRET: &str = "S3CRET";

/// Payloads that carry the secret in string values: over-long, wrong const, wrong type, values of
/// unknown members, inside strings broken by syntax errors.
fn secret_payloads() -> Vec<String> {
    let long = format!("{SECRET}-{}", "x".repeat(600));
    let mounts = format!(
        r#"{{"volumeMounts": [{{"type": "{SECRET}-const", "id": "{SECRET}-id", "mountPath": "{long}"}}]}}"#
    );
    let valid_tail = format!(
        r#""instanceId": "{SECRET}-id", "command": "{SECRET}-cmd", "entrypoint": "", "networkVolume": {mounts}"#
    );
    let mut payloads = vec![
        format!(
            r#"{{"imageUrl": "{long}", "envs": [{{"key": "{long}", "value": "{SECRET}-v", "val": "{SECRET}-unknown"}}], "save": "{SECRET}-type", {valid_tail}}}"#
        ),
        format!(
            r#"{{"imageUrl": "", "envs": "{SECRET}-envs", "save": true, "extra": {{"nested": "{SECRET}-nested"}}, "imageURL": "{SECRET}-typo", {valid_tail}}}"#
        ),
        format!(r#"{{"save": true, "save": "{SECRET}-dup", {valid_tail}}}"#),
        format!(r#"["{SECRET}-array"]"#),
        format!(r#""{SECRET}-string""#),
    ];
    for broken in [
        format!("\"{SECRET}-control\u{1}\""),
        format!("\"{SECRET}-escape\\q\""),
        format!("\"{SECRET}-surrogate\\ud800\""),
        format!("\"{SECRET}-unterminated"),
        format!("'{SECRET}-single'"),
        format!("\"{SECRET}\" {SECRET}"),
    ] {
        payloads.push(format!(r#"{{"imageUrl": {broken}, "save": true}}"#));
    }
    payloads
}

#[test]
fn messages_never_echo_payload_values() {
    let validator = Validator::with_options(Options {
        max_size: 8192,
        ..Options::default()
    });
    let mut payloads = secret_payloads();
    payloads.push(format!(
        "{{\"imageUrl\": \"{SECRET}{}\"}}",
        "y".repeat(9000)
    ));

    let mut violations = 0;
    for payload in &payloads {
        let report = validator.check(payload.as_bytes());
        assert!(!report.is_valid(), "the payload is invalid: {payload}");
        let display = report.to_string();
        let json = serde_json::to_string(&report).unwrap();
        assert!(!display.contains(SECRET), "report text: {display}");
        assert!(!json.contains(SECRET), "report JSON: {json}");
        for violation in report.violations() {
            violations += 1;
            for lang in [Lang::En, Lang::ZhCn] {
                let message = violation.message(lang);
                assert!(!message.contains(SECRET), "{lang:?} message: {message}");
                let help = violation.help(lang).unwrap_or_default();
                assert!(!help.contains(SECRET), "{lang:?} help: {help}");
            }
        }
    }
    assert!(
        violations >= 20,
        "only {violations} violations were checked"
    );
}

#[test]
fn header_messages_never_echo_values() {
    let validator = Validator::new();
    let report = validator.check_headers([
        ("Content-Type", format!("text/{SECRET}")),
        ("Authorization", format!("Basic {SECRET}")),
    ]);
    assert_eq!(report.violations().len(), 2, "{report}");
    for violation in report.violations() {
        for lang in [Lang::En, Lang::ZhCn] {
            let message = violation.message(lang);
            assert!(!message.contains(SECRET), "{lang:?} message: {message}");
            let help = violation.help(lang).unwrap_or_default();
            assert!(!help.contains(SECRET), "{lang:?} help: {help}");
        }
    }
}
