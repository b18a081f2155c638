//! Catalogue of hostile and malformed payloads: each one with the verdict and the violation the
//! library must give, without a panic, a stack overflow or a hang.
//!
//! Big inputs are built in memory and every case is linear in its size, so the whole table runs in
//! seconds even in a debug build.

use ppio_validator::{
    Code, DEFAULT_MAX_SIZE, Expected, Lang, Options, Report, SyntaxProblem, Validator,
    ViolationKind,
};

/// A valid request without whitespace; the cases below break it in one place each.
const VALID: &str = r#"{"instanceId":"i-1","imageUrl":"nginx:1","envs":[],"command":"","entrypoint":"","save":true,"networkVolume":{"volumeMounts":[]}}"#;

/// Text placed in string values of several cases; no message may contain it.
const SECRET: &str = "s3cr3t-t0ken";

/// What a case must produce.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// The payload is valid.
    Valid,
    /// Some syntax violation is reported, whichever problem the input happens to start with.
    AnySyntax,
    /// A syntax violation with this problem is reported.
    SyntaxError(SyntaxProblem),
    /// A violation with this code and pointer is reported.
    Reports(Code, &'static str),
}

struct Case {
    name: &'static str,
    input: fn() -> Vec<u8>,
    options: Options,
    expect: Expect,
    /// Line and column of the first violation, where the case pins it.
    at: Option<(usize, usize)>,
}

fn case(name: &'static str, input: fn() -> Vec<u8>, expect: Expect) -> Case {
    Case {
        name,
        input,
        options: Options::default(),
        expect,
        at: None,
    }
}

impl Case {
    fn at(mut self, line: usize, column: usize) -> Case {
        self.at = Some((line, column));
        self
    }

    fn options(mut self, options: Options) -> Case {
        self.options = options;
        self
    }
}

/// Returns `VALID` with the member `name` given the raw JSON `value` instead.
fn with_member(name: &str, value: impl AsRef<[u8]>) -> Vec<u8> {
    let object: serde_json::Map<String, serde_json::Value> = serde_json::from_str(VALID).unwrap();
    let mut bytes = vec![b'{'];
    for (key, existing) in &object {
        if key != name {
            bytes.extend_from_slice(format!("{key:?}:{existing},").as_bytes());
        }
    }
    bytes.extend_from_slice(format!("{name:?}:").as_bytes());
    bytes.extend_from_slice(value.as_ref());
    bytes.push(b'}');
    bytes
}

/// Returns `VALID` with raw bytes spliced in just before its closing brace.
fn with_tail(tail: &[u8]) -> Vec<u8> {
    let mut bytes = VALID.as_bytes()[..VALID.len() - 1].to_vec();
    bytes.extend_from_slice(tail);
    bytes.push(b'}');
    bytes
}

fn concat(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    let units = bom
        .then_some(0xFEFF_u16)
        .into_iter()
        .chain(text.encode_utf16());
    for unit in units {
        let pair = if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        };
        bytes.extend_from_slice(&pair);
    }
    bytes
}

/// Deterministic bytes from a xorshift64 generator, so a failure always reproduces.
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

/// Returns `VALID` padded with trailing spaces to exactly `size` bytes.
fn padded_to(size: usize) -> Vec<u8> {
    let mut bytes = VALID.as_bytes().to_vec();
    bytes.resize(size, b' ');
    bytes
}

fn nested_arrays_in_unknown_member(levels: usize) -> Vec<u8> {
    let value = format!("{}{}", "[".repeat(levels), "]".repeat(levels));
    with_member("nested", &value)
}

/// Options with a size cap one byte above the length of `VALID`.
fn small_cap() -> Options {
    Options {
        max_size: VALID.len() as u64 + 1,
        ..Options::default()
    }
}

fn catalogue() -> Vec<Case> {
    use Code::*;
    use Expect::*;
    use SyntaxProblem::*;
    vec![
        // Encodings and empty input.
        case(
            "utf8_byte_order_mark",
            || concat(&[b"\xEF\xBB\xBF", VALID.as_bytes()]),
            SyntaxError(ByteOrderMark),
        )
        .at(1, 1),
        case(
            "utf16_le_with_bom",
            || utf16(VALID, false, true),
            SyntaxError(Utf16),
        )
        .at(1, 1),
        case(
            "utf16_be_with_bom",
            || utf16(VALID, true, true),
            SyntaxError(Utf16),
        )
        .at(1, 1),
        case(
            "utf16_le_without_bom",
            || utf16(VALID, false, false),
            SyntaxError(Utf16),
        )
        .at(1, 1),
        case(
            "utf16_be_without_bom",
            || utf16(VALID, true, false),
            SyntaxError(Utf16),
        )
        .at(1, 1),
        case("empty_input", Vec::new, SyntaxError(EmptyInput)).at(1, 1),
        case(
            "blank_input",
            || b" \t\r\n \n".to_vec(),
            SyntaxError(EmptyInput),
        )
        .at(3, 1),
        // Extensions of JSON that strict parsing rejects.
        case(
            "line_comment_before_value",
            || concat(&[b"// settings\n", VALID.as_bytes()]),
            SyntaxError(Comment),
        )
        .at(1, 1),
        case(
            "block_comment_between_members",
            || with_tail(b",/* s3cr3t-t0ken */\"x\":1"),
            SyntaxError(Comment),
        ),
        case(
            "trailing_comma_in_object",
            || with_tail(b","),
            SyntaxError(TrailingComma),
        ),
        case(
            "trailing_comma_in_envs",
            || with_member("envs", "[{},]"),
            SyntaxError(TrailingComma),
        ),
        case(
            "trailing_comma_in_unknown_value",
            || with_member("extra", "[1,2,]"),
            SyntaxError(TrailingComma),
        ),
        case(
            "nan_in_unknown_member",
            || with_member("ratio", "NaN"),
            SyntaxError(NonFiniteNumber),
        ),
        case(
            "infinity_as_boolean",
            || with_member("save", "Infinity"),
            SyntaxError(NonFiniteNumber),
        ),
        case(
            "negative_infinity",
            || with_member("save", "-Infinity"),
            SyntaxError(NonFiniteNumber),
        ),
        case(
            "single_quoted_name",
            || b"{'save':true}".to_vec(),
            SyntaxError(SingleQuote),
        )
        .at(1, 2),
        case(
            "single_quoted_value",
            || with_member("imageUrl", "'s3cr3t-t0ken'"),
            SyntaxError(SingleQuote),
        ),
        case(
            "object_after_value",
            || concat(&[VALID.as_bytes(), b"{}"]),
            SyntaxError(TrailingContent),
        ),
        case(
            "text_after_value",
            || concat(&[VALID.as_bytes(), b"\n s3cr3t-t0ken"]),
            SyntaxError(TrailingContent),
        )
        .at(2, 2),
        case(
            "hex_number",
            || with_member("extra", "0x10"),
            SyntaxError(UnexpectedCharacter(Expected::CommaOrObjectEnd)),
        ),
        case(
            "leading_zero",
            || with_member("extra", "012"),
            SyntaxError(InvalidNumber),
        ),
        case(
            "plus_sign",
            || with_member("extra", "+1"),
            SyntaxError(InvalidNumber),
        ),
        case(
            "capitalised_literal",
            || with_member("save", "True"),
            SyntaxError(InvalidLiteral),
        ),
        case(
            "literal_with_suffix",
            || with_member("imageAuthId", "nullx"),
            SyntaxError(InvalidLiteral),
        ),
        case(
            "invalid_escape",
            || with_member("command", r#""\x41""#),
            SyntaxError(InvalidEscape),
        ),
        case(
            "truncated_unicode_escape",
            || with_member("command", r#""\u12""#),
            SyntaxError(InvalidEscape),
        ),
        case(
            "unterminated_string",
            || b"{\"command\":\"s3cr3t-t0ken".to_vec(),
            SyntaxError(UnexpectedEnd(Expected::ClosingQuote)),
        ),
        case(
            "truncated_after_colon",
            || b"{\"save\":".to_vec(),
            SyntaxError(UnexpectedEnd(Expected::Value)),
        ),
        case(
            "raw_tab_in_string",
            || with_member("command", "\"a\tb\""),
            SyntaxError(ControlCharacter),
        ),
        // Invalid UTF-8 and lone surrogates.
        case(
            "invalid_utf8_in_string",
            || with_member("command", b"\"s3cr3t-t0ken\xFF\""),
            SyntaxError(InvalidUtf8),
        ),
        case(
            "invalid_utf8_in_member_name",
            || with_tail(b",\"\xFF\":1"),
            SyntaxError(InvalidUtf8),
        ),
        case(
            "invalid_utf8_between_tokens",
            || b"{\xFF}".to_vec(),
            SyntaxError(InvalidUtf8),
        )
        .at(1, 2),
        case(
            "overlong_two_byte_slash",
            || with_member("command", b"\"\xC0\xAF\""),
            SyntaxError(InvalidUtf8),
        ),
        case(
            "overlong_three_byte_slash",
            || with_tail(b",\"x\":\"\xE0\x80\xAF\""),
            SyntaxError(InvalidUtf8),
        ),
        case(
            "overlong_four_byte_nul",
            || with_tail(b",\"x\":\"\xF0\x80\x80\x80\""),
            SyntaxError(InvalidUtf8),
        ),
        case(
            "utf8_encoded_surrogate",
            || with_tail(b",\"x\":\"\xED\xA0\x80\""),
            SyntaxError(InvalidUtf8),
        ),
        case(
            "code_point_above_max",
            || with_tail(b",\"x\":\"\xF4\x90\x80\x80\""),
            SyntaxError(InvalidUtf8),
        ),
        case(
            "truncated_sequence_at_end",
            || b"{\"command\":\"\xE6\xBC".to_vec(),
            SyntaxError(UnexpectedEnd(Expected::ClosingQuote)),
        ),
        case(
            "truncated_sequence_before_quote",
            || with_member("command", b"\"\xE6\xBC\""),
            SyntaxError(InvalidUtf8),
        ),
        case(
            "lone_high_surrogate",
            || with_member("command", r#""\ud800""#),
            SyntaxError(LoneSurrogate),
        ),
        case(
            "lone_low_surrogate",
            || with_member("command", r#""\udc00""#),
            SyntaxError(LoneSurrogate),
        ),
        case(
            "high_surrogate_then_letter",
            || with_member("command", r#""\ud800\u0041""#),
            SyntaxError(LoneSurrogate),
        ),
        case(
            "lone_surrogate_in_name",
            || with_tail(br#","\udfff":1"#),
            SyntaxError(LoneSurrogate),
        ),
        // NUL bytes.
        case(
            "nul_in_string",
            || with_member("command", "\"a\u{0}b\""),
            SyntaxError(ControlCharacter),
        ),
        case(
            "nul_between_tokens",
            || with_member("save", "\u{0}true"),
            SyntaxError(UnexpectedCharacter(Expected::Value)),
        ),
        // A stray NUL is an unexpected character: UTF-16 would put a NUL beside every ASCII character.
        case(
            "nul_first_byte",
            || concat(&[b"\0", VALID.as_bytes()]),
            SyntaxError(UnexpectedCharacter(Expected::Value)),
        )
        .at(1, 1),
        case(
            "nul_second_byte",
            || b"{\0\"save\":true}".to_vec(),
            SyntaxError(UnexpectedCharacter(Expected::MemberNameOrObjectEnd)),
        )
        .at(1, 2),
        case(
            "utf32_le_without_bom",
            || {
                VALID
                    .chars()
                    .flat_map(|c| u32::from(c).to_le_bytes())
                    .collect()
            },
            SyntaxError(Utf16),
        )
        .at(1, 1),
        // Nesting.
        case(
            "million_open_brackets",
            || vec![b'['; 1_000_000],
            SyntaxError(TooDeep { limit: 128 }),
        ),
        case(
            "hundred_thousand_nested_objects",
            || "{\"a\":".repeat(100_000).into_bytes(),
            SyntaxError(TooDeep { limit: 128 }),
        ),
        case(
            "nesting_at_depth_limit",
            || nested_arrays_in_unknown_member(127),
            Reports(UnknownField, "/nested"),
        ),
        case(
            "nesting_past_depth_limit",
            || nested_arrays_in_unknown_member(128),
            SyntaxError(TooDeep { limit: 128 }),
        ),
        case(
            "nesting_past_lowered_limit",
            || nested_arrays_in_unknown_member(4),
            SyntaxError(TooDeep { limit: 4 }),
        )
        .options(Options {
            max_depth: 4,
            ..Options::default()
        }),
        // Random and large inputs.
        case(
            "megabyte_of_random_bytes",
            || seeded_bytes(1 << 20, 0x9E37_79B9_7F4A_7C15),
            AnySyntax,
        ),
        case(
            "random_bytes_after_brace",
            || concat(&[b"{", &seeded_bytes(1 << 20, 7)]),
            AnySyntax,
        ),
        case(
            "five_megabyte_command",
            || with_member("command", format!("\"{}\"", "a".repeat(5_000_000))),
            Reports(MaxLength, "/command"),
        ),
        case(
            "five_megabyte_escaped_string",
            || with_member("extra", format!("\"{}\"", "\\ud83d\\ude00".repeat(400_000))),
            Reports(UnknownField, "/extra"),
        ),
        case(
            "million_env_items",
            || with_member("envs", format!("[{}{{}}]", "{},".repeat(999_999))),
            Reports(MaxItems, "/envs"),
        ),
        case(
            "million_items_in_unknown_value",
            || with_member("extra", format!("[{}0]", "0,".repeat(999_999))),
            Reports(UnknownField, "/extra"),
        ),
        case(
            "hundred_thousand_repeated_keys",
            || with_tail(&",\"save\":false".repeat(100_000).into_bytes()),
            Reports(DuplicateKey, "/save"),
        ),
        case(
            "hundred_thousand_repeated_unknown_keys",
            || with_tail(&",\"x\":0".repeat(100_000).into_bytes()),
            Reports(DuplicateKey, "/x"),
        ),
        case(
            "repeated_keys_in_unknown_value",
            || {
                with_member(
                    "extra",
                    format!("{{\"k\":0{}}}", ",\"k\":0".repeat(100_000)),
                )
            },
            Reports(DuplicateKey, "/extra/k"),
        ),
        // Numbers the schema has no use for are checked for grammar only, never converted.
        case(
            "huge_exponent_in_unknown_member",
            || with_member("extra", "1e999999"),
            Reports(UnknownField, "/extra"),
        ),
        case(
            "huge_exponent_as_boolean",
            || with_member("save", "1e999999"),
            Reports(Type, "/save"),
        ),
        case(
            "thousand_digit_number",
            || with_member("extra", "9".repeat(1000)),
            Reports(UnknownField, "/extra"),
        ),
        case(
            "top_level_string",
            || format!("\"{SECRET}\"").into_bytes(),
            Reports(Type, ""),
        )
        .at(1, 1),
        case(
            "too_long_secret_image_url",
            || with_member("imageUrl", format!("\"{}\"", SECRET.repeat(50))),
            Reports(MaxLength, "/imageUrl"),
        ),
        // The size cap.
        case("just_under_small_cap", || padded_to(VALID.len()), Valid).options(small_cap()),
        case("at_small_cap", || padded_to(VALID.len() + 1), Valid).options(small_cap()),
        case(
            "just_over_small_cap",
            || padded_to(VALID.len() + 2),
            Reports(TooLarge, ""),
        )
        .options(small_cap())
        .at(1, 1),
        case(
            "at_default_cap",
            || padded_to(DEFAULT_MAX_SIZE as usize),
            Valid,
        ),
        case(
            "just_over_default_cap",
            || padded_to(DEFAULT_MAX_SIZE as usize + 1),
            Reports(TooLarge, ""),
        )
        .at(1, 1),
    ]
}

fn describe(report: &Report) -> String {
    let mut text = report.to_string();
    text.truncate(2000);
    text
}

fn assert_expectation(case: &Case, report: &Report) {
    let name = case.name;
    match case.expect {
        Expect::Valid => assert!(
            report.is_valid(),
            "{name}: expected valid\n{}",
            describe(report)
        ),
        Expect::AnySyntax => {
            let first = report.violations().first();
            assert_eq!(
                first.map(|violation| violation.code()),
                Some(Code::Syntax),
                "{name}"
            );
        }
        Expect::SyntaxError(problem) => {
            assert!(!report.is_valid(), "{name}: expected invalid");
            let syntax: Vec<_> = report
                .violations()
                .iter()
                .filter(|violation| violation.code() == Code::Syntax)
                .collect();
            assert_eq!(
                syntax.len(),
                1,
                "{name}: one syntax violation\n{}",
                describe(report)
            );
            assert_eq!(
                syntax[0].kind,
                ViolationKind::Syntax(problem),
                "{name}: syntax problem\n{}",
                describe(report)
            );
        }
        Expect::Reports(code, pointer) => {
            assert!(!report.is_valid(), "{name}: expected invalid");
            assert!(
                report
                    .violations()
                    .iter()
                    .any(|violation| violation.code() == code && violation.pointer == pointer),
                "{name}: expected `{code}` at {pointer:?}\n{}",
                describe(report)
            );
            assert!(
                report
                    .violations()
                    .iter()
                    .all(|violation| violation.code() != Code::Syntax),
                "{name}: unexpected syntax violation\n{}",
                describe(report)
            );
        }
    }
    if let Some((line, column)) = case.at {
        let first = report
            .violations()
            .first()
            .expect("a pinned case reports a violation");
        let position = first.position.expect("byte input gives positions");
        assert_eq!(
            (position.line, position.column),
            (line, column),
            "{name}: position of {first}"
        );
    }
}

fn assert_no_secret(name: &str, report: &Report) {
    for violation in report.violations() {
        for lang in [Lang::En, Lang::ZhCn] {
            let message = violation.message(lang);
            assert!(
                !message.contains(SECRET),
                "{name}: message echoes the payload: {message}"
            );
            let help = violation.help(lang).unwrap_or_default();
            assert!(
                !help.contains(SECRET),
                "{name}: help echoes the payload: {help}"
            );
        }
    }
}

#[test]
fn catalogue_has_forty_cases() {
    assert!(
        catalogue().len() >= 40,
        "catalogue has {} cases",
        catalogue().len()
    );
}

#[test]
fn catalogue_names_are_unique() {
    let mut names: Vec<_> = catalogue().iter().map(|case| case.name).collect();
    names.sort_unstable();
    let count = names.len();
    names.dedup();
    assert_eq!(names.len(), count, "a case name repeats");
}

#[test]
fn catalogue_check_verdicts() {
    for case in catalogue() {
        let input = (case.input)();
        let report = Validator::with_options(case.options.clone()).check(&input);
        assert_expectation(&case, &report);
        assert_no_secret(case.name, &report);
    }
}

#[test]
fn catalogue_validate_matches_check() {
    for case in catalogue() {
        let input = (case.input)();
        let validator = Validator::with_options(case.options.clone());
        let report = validator.check(&input);
        match validator.validate(&input) {
            Ok(_) => assert!(
                report.is_valid(),
                "{}: validate accepted an invalid payload",
                case.name
            ),
            Err(validated) => assert_eq!(
                validated, report,
                "{}: validate and check differ",
                case.name
            ),
        }
    }
}

#[test]
fn over_cap_is_rejected_alone() {
    let report = Validator::with_options(small_cap()).check(&padded_to(VALID.len() + 2));
    assert_eq!(report.violations().len(), 1);
    let limit = VALID.len() as u64 + 1;
    assert_eq!(
        report.violations()[0].kind,
        ViolationKind::TooLarge {
            limit,
            actual: limit + 1
        }
    );
}

#[test]
fn over_cap_garbage_is_not_parsed() {
    // Bytes that would be a syntax violation at offset 0 get only `too_large`, so nothing was read.
    let mut input = vec![0xFF; VALID.len() + 2];
    input[0] = b'\'';
    let report = Validator::with_options(small_cap()).check(&input);
    let codes: Vec<Code> = report
        .violations()
        .iter()
        .map(|violation| violation.code())
        .collect();
    assert_eq!(codes, [Code::TooLarge]);
}

#[test]
fn repeated_keys_are_counted_past_limit() {
    let input = with_tail(&",\"save\":false".repeat(100_000).into_bytes());
    let report = Validator::new().check(&input);
    assert_eq!(report.violations().len(), 10_000);
    assert_eq!(report.omitted(), 100_000 - 10_000);
}

#[test]
fn million_env_items_counts_every_item() {
    let input = with_member("envs", format!("[{}{{}}]", "{},".repeat(999_999)));
    let report = Validator::new().check(&input);
    let max_items = report
        .violations()
        .iter()
        .find(|violation| violation.code() == Code::MaxItems)
        .expect("max_items is reported");
    assert_eq!(
        max_items.kind,
        ViolationKind::MaxItems {
            limit: 100,
            actual: 1_000_000
        }
    );
}

#[test]
fn five_megabyte_string_length_is_counted() {
    let input = with_member("command", format!("\"{}\"", "\u{6f22}".repeat(1_000_000)));
    let report = Validator::new().check(&input);
    assert_eq!(report.violations().len(), 1);
    assert_eq!(
        report.violations()[0].kind,
        ViolationKind::MaxLength {
            limit: 2047,
            actual: 1_000_000
        }
    );
}

/// An unknown member with a 64 KiB name whose object value repeats one member 20,000 times.
fn long_name_above_duplicates() -> Vec<u8> {
    let name = "n".repeat(64 * 1024);
    let members = vec!["\"a\":0"; 20_000].join(",");
    with_member(&name, format!("{{{members}}}"))
}

#[test]
fn duplicate_pointers_stay_within_budget() {
    // Each duplicate's pointer repeats the 64 KiB name, so recording all 10,000 would take 640 MiB.
    let input = long_name_above_duplicates();
    let report = Validator::new().check(&input);
    let pointer_bytes: usize = report
        .violations()
        .iter()
        .map(|violation| violation.pointer.len())
        .sum();
    assert!(
        pointer_bytes <= input.len() + 1024 * 1024,
        "{pointer_bytes} pointer bytes for {} input bytes",
        input.len()
    );
    let duplicates = report
        .violations()
        .iter()
        .filter(|violation| violation.code() == Code::DuplicateKey)
        .count() as u64;
    assert!(duplicates > 0, "some duplicates are recorded");
    assert_eq!(
        report.violations().len() as u64 + report.omitted(),
        1 + 19_999,
        "the unknown member and every duplicate are counted"
    );
}

#[test]
fn deep_nesting_stops_at_limit_offset() {
    let report = Validator::new().check(&vec![b'['; 1_000_000]);
    let syntax = report
        .violations()
        .iter()
        .find(|violation| violation.code() == Code::Syntax)
        .expect("a syntax violation");
    let position = syntax.position.unwrap();
    // The root array is level 1, so the opening bracket at offset 128 is level 129.
    assert_eq!(position.offset, 128);
    assert_eq!(position.column, 129);
}
