//! Validator of the PPIO GPU instance Upgrade Instance request.
//!
//! It checks the type, required, length, item-count, const, unknown-member and duplicate-member
//! rules generated from `schema/upgrade-instance.toml`, reports every violation with an RFC 6901
//! JSON Pointer and a line and column, and returns the typed request when the payload is valid.
//! It reads bytes in one pass without building a `serde_json::Value`, and it never uses the network.
//!
//! ```
//! use ppio_validator::Validator;
//!
//! let validator = Validator::new();
//! let report = validator.check(br#"{"save": "yes"}"#);
//! assert!(!report.is_valid());
//! for violation in report.violations() {
//!     println!("{violation}");
//! }
//! ```

// Formatted by prettyplease when generated; rustfmt would make `cargo xtask codegen --check` fail.
#[rustfmt::skip]
mod generated;
mod headers;
mod messages;
mod pointer;
mod position;
mod reader;
mod violation;
mod walk;

pub use ppio_types as types;
pub use ppio_types::UpgradeInstanceRequest;
pub use violation::{
    Code, Expected, ExpectedType, HeaderProblem, JsonType, Lang, Position, Report, SyntaxProblem,
    Violation, ViolationKind,
};

use reader::Reader;

// Compiles and runs the Rust examples of the README as doctests.
#[doc = include_str!("../../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

/// Default cap on input size in bytes: 16 MiB, more than twice [`LARGEST_BOUNDED_BODY_BYTES`].
pub const DEFAULT_MAX_SIZE: u64 = 16 * 1024 * 1024;

// A definition change that pushes the largest valid body past half the cap fails the build.
const _: () = assert!(DEFAULT_MAX_SIZE >= 2 * LARGEST_BOUNDED_BODY_BYTES);

/// Default limit on nesting of objects and arrays. The request itself nests four levels.
pub const DEFAULT_MAX_DEPTH: usize = 128;

/// Default limit on violations recorded per payload; the ones after it are only counted.
pub const DEFAULT_MAX_VIOLATIONS: usize = 10_000;

/// Size in bytes of the largest request whose bounded strings are all at their maximum length, and
/// const strings at their value, with every character written as a surrogate-pair escape. Strings
/// without a maximum count as empty.
pub const LARGEST_BOUNDED_BODY_BYTES: u64 = generated::LARGEST_BOUNDED_BODY_BYTES;

/// Settings of a [`Validator`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Accept members the reference does not define, instead of reporting `unknown_field`.
    pub allow_unknown_fields: bool,
    /// Inputs larger than this many bytes are rejected with `too_large` before any parsing.
    pub max_size: u64,
    /// Objects and arrays nested deeper than this are a `syntax` violation.
    pub max_depth: usize,
    /// Violations after this many are counted in [`Report::omitted`] but not recorded.
    /// Syntax violations are always recorded. Recording also stops once the pointers of the
    /// recorded violations total the input size plus 1 MiB, which bounds the memory of a report.
    pub max_violations: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            allow_unknown_fields: false,
            max_size: DEFAULT_MAX_SIZE,
            max_depth: DEFAULT_MAX_DEPTH,
            max_violations: DEFAULT_MAX_VIOLATIONS,
        }
    }
}

/// Checks Upgrade Instance payloads. It is `Send + Sync`, holds only its options and keeps no global state.
#[derive(Debug, Clone, Default)]
pub struct Validator {
    options: Options,
}

impl Validator {
    /// Creates a validator with the default [`Options`].
    pub fn new() -> Self {
        Validator::default()
    }

    /// Creates a validator with the given options.
    pub fn with_options(options: Options) -> Self {
        Validator { options }
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Checks raw bytes without building the request. A valid payload allocates nothing.
    pub fn check(&self, bytes: &[u8]) -> Report {
        self.run::<false>(bytes).1
    }

    /// Checks raw bytes and returns the typed request when the payload is valid.
    pub fn validate(&self, bytes: &[u8]) -> Result<UpgradeInstanceRequest, Report> {
        let (request, report) = self.run::<true>(bytes);
        match request {
            Some(request) if report.is_valid() => Ok(request),
            _ => Err(report),
        }
    }

    /// Checks a string and returns the typed request when the payload is valid.
    pub fn validate_str(&self, text: &str) -> Result<UpgradeInstanceRequest, Report> {
        self.validate(text.as_bytes())
    }

    /// Checks a `serde_json::Value` that a service already holds; violations carry no position.
    ///
    /// A `Value` cannot hold duplicate members, and member order follows its map type.
    pub fn validate_value(
        &self,
        value: &serde_json::Value,
    ) -> Result<UpgradeInstanceRequest, Report> {
        let text = serde_json::to_vec(value).expect("a serde_json::Value always serializes");
        self.validate(&text).map_err(without_positions)
    }

    /// Checks a request built in Rust: the lengths, counts and consts that its types cannot enforce.
    pub fn check_request(&self, request: &UpgradeInstanceRequest) -> Report {
        let text = serde_json::to_vec(request).expect("the request types always serialize");
        without_positions(self.check(&text))
    }

    /// Checks the `Content-Type` and `Authorization` headers among `(name, value)` pairs.
    ///
    /// Header names compare case-insensitively. Messages never contain a header value.
    pub fn check_headers<I, N, V>(&self, headers: I) -> Report
    where
        I: IntoIterator<Item = (N, V)>,
        N: AsRef<str>,
        V: AsRef<[u8]>,
    {
        headers::check(headers)
    }

    fn run<const BUILD: bool>(&self, bytes: &[u8]) -> (Option<UpgradeInstanceRequest>, Report) {
        let size = bytes.len() as u64;
        if size > self.options.max_size {
            let kind = ViolationKind::TooLarge {
                limit: self.options.max_size,
                actual: size,
            };
            let violation = Violation {
                kind,
                pointer: String::new(),
                position: Some(Position {
                    line: 1,
                    column: 1,
                    offset: 0,
                }),
            };
            return (
                None,
                Report {
                    violations: vec![violation],
                    omitted: 0,
                },
            );
        }

        let mut reader = Reader::new(bytes, &self.options);
        let mut request = UpgradeInstanceRequest::default();
        let complete = match encoding_problem(bytes) {
            Some(problem) => {
                reader.syntax(0, problem);
                false
            }
            None => read_document::<BUILD>(&mut reader, &mut request),
        };
        let omitted = reader.omitted;
        let violations = position::resolve(bytes, reader.recorded);
        let report = Report {
            violations,
            omitted,
        };
        (complete.then_some(request), report)
    }
}

/// Reads one JSON document holding the request; returns false when a syntax violation stopped it.
fn read_document<const BUILD: bool>(
    reader: &mut Reader<'_>,
    request: &mut UpgradeInstanceRequest,
) -> bool {
    reader.skip_whitespace();
    if reader.peek().is_none() {
        reader.syntax(reader.pos, SyntaxProblem::EmptyInput);
        return false;
    }
    if reader
        .read_root::<BUILD, generated::Request>(request)
        .is_err()
    {
        return false;
    }
    reader.skip_whitespace();
    if reader.peek().is_some() {
        reader.syntax(reader.pos, SyntaxProblem::TrailingContent);
        return false;
    }
    true
}

/// Detects a byte order mark or UTF-16 text, which strict JSON does not allow.
fn encoding_problem(bytes: &[u8]) -> Option<SyntaxProblem> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Some(SyntaxProblem::ByteOrderMark);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Some(SyntaxProblem::Utf16);
    }
    // JSON text starts with two ASCII characters, which UTF-16 (or UTF-32) writes with a NUL at
    // offsets 1 and 3 (little-endian) or 0 and 2 (big-endian). A lone NUL is a stray byte instead.
    if bytes.len() < 2 {
        return None;
    }
    let nul_or_end = |offset: usize| bytes.get(offset).is_none_or(|&byte| byte == 0);
    if (bytes[1] == 0 && nul_or_end(3)) || (bytes[0] == 0 && nul_or_end(2)) {
        return Some(SyntaxProblem::Utf16);
    }
    None
}

fn without_positions(mut report: Report) -> Report {
    for violation in &mut report.violations {
        violation.position = None;
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn validator_is_send_and_sync() {
        assert_send_sync::<Validator>();
        assert_send_sync::<Report>();
    }

    /// Writes `count` copies of U+1F600 as escaped surrogate pairs: the longest text a character can take.
    fn escaped_emoji(count: usize) -> String {
        "\\ud83d\\ude00".repeat(count)
    }

    #[test]
    fn largest_escaped_body_fits_default_cap() {
        let env = format!(
            r#"{{"key":"{}","value":"{}"}}"#,
            escaped_emoji(511),
            escaped_emoji(4095)
        );
        let mount = format!(
            r#"{{"type":"network","id":"","mountPath":"{}"}}"#,
            escaped_emoji(4095)
        );
        let body = format!(
            r#"{{"instanceId":"","imageUrl":"{}","envs":[{}],"command":"{}","entrypoint":"{}","save":true,"networkVolume":{{"volumeMounts":[{}]}}}}"#,
            escaped_emoji(500),
            vec![env; 100].join(","),
            escaped_emoji(2047),
            escaped_emoji(2047),
            vec![mount; 30].join(","),
        );
        assert!(
            body.len() as u64 <= LARGEST_BOUNDED_BODY_BYTES,
            "the estimate covers this body"
        );
        assert!((body.len() as u64) < DEFAULT_MAX_SIZE);

        let request = Validator::new()
            .validate(body.as_bytes())
            .expect("the largest body is valid");
        assert_eq!(request.envs.len(), 100);
        assert_eq!(
            request.envs[0]
                .value
                .as_ref()
                .map(|value| value.chars().count()),
            Some(4095)
        );
    }
}
