//! Violations and the report that collects them.

use std::fmt;

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::messages;

/// Language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    /// Simplified Chinese.
    ZhCn,
}

impl Lang {
    /// Parses a language tag or a locale such as `zh-CN`, `zh_CN.UTF-8`, `en_US` or `C`.
    ///
    /// Returns `None` for a language without messages, so the caller can fall back.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let base = tag
            .split(['.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
            .replace('_', "-");
        match base.as_str() {
            "zh" | "zh-cn" | "zh-hans" | "zh-sg" | "zh-hans-cn" => Some(Lang::ZhCn),
            "c" | "posix" => Some(Lang::En),
            _ if base == "en" || base.starts_with("en-") => Some(Lang::En),
            _ => None,
        }
    }
}

/// Stable machine-readable name of a rule, as written in reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    Syntax,
    TooLarge,
    Type,
    Required,
    UnknownField,
    DuplicateKey,
    MinLength,
    MaxLength,
    MinItems,
    MaxItems,
    Const,
    MissingHeader,
    InvalidHeader,
}

impl Code {
    /// Returns the code as written in reports, such as `max_length`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Syntax => "syntax",
            Code::TooLarge => "too_large",
            Code::Type => "type",
            Code::Required => "required",
            Code::UnknownField => "unknown_field",
            Code::DuplicateKey => "duplicate_key",
            Code::MinLength => "min_length",
            Code::MaxLength => "max_length",
            Code::MinItems => "min_items",
            Code::MaxItems => "max_items",
            Code::Const => "const",
            Code::MissingHeader => "missing_header",
            Code::InvalidHeader => "invalid_header",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// JSON type of a value found in a payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JsonType {
    Null,
    Boolean,
    Number,
    String,
    Array,
    Object,
}

/// Type a member must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExpectedType {
    String,
    /// A string, or `null` for an optional member.
    StringOrNull,
    Boolean,
    BooleanOrNull,
    Object,
    ObjectOrNull,
    Array,
    ArrayOrNull,
}

/// Token the parser expected where it stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Expected {
    Value,
    MemberName,
    MemberNameOrObjectEnd,
    Colon,
    CommaOrObjectEnd,
    CommaOrArrayEnd,
    ValueOrArrayEnd,
    ClosingQuote,
}

/// Reason the input is not strict JSON (RFC 8259).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SyntaxProblem {
    EmptyInput,
    ByteOrderMark,
    Utf16,
    InvalidUtf8,
    UnexpectedEnd(Expected),
    UnexpectedCharacter(Expected),
    Comment,
    TrailingComma,
    SingleQuote,
    NonFiniteNumber,
    InvalidNumber,
    InvalidLiteral,
    InvalidEscape,
    LoneSurrogate,
    ControlCharacter,
    TrailingContent,
    TooDeep { limit: usize },
}

/// Rule a header value breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HeaderProblem {
    /// The value is not the given media type.
    MediaType(&'static str),
    /// The value is not the given scheme followed by a non-empty token.
    Scheme(&'static str),
}

/// A broken rule, with the data its message needs. No variant contains a string value of the payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ViolationKind {
    Syntax(SyntaxProblem),
    TooLarge {
        limit: u64,
        actual: u64,
    },
    Type {
        expected: ExpectedType,
        found: JsonType,
    },
    Required,
    UnknownField {
        suggestion: Option<&'static str>,
    },
    DuplicateKey,
    MinLength {
        limit: usize,
        actual: usize,
    },
    MaxLength {
        limit: usize,
        actual: usize,
    },
    MinItems {
        limit: usize,
        actual: usize,
    },
    MaxItems {
        limit: usize,
        actual: usize,
    },
    Const {
        expected: &'static str,
    },
    MissingHeader {
        name: &'static str,
    },
    InvalidHeader {
        name: &'static str,
        problem: HeaderProblem,
    },
}

impl ViolationKind {
    /// Returns the code of the rule.
    pub fn code(&self) -> Code {
        match self {
            ViolationKind::Syntax(_) => Code::Syntax,
            ViolationKind::TooLarge { .. } => Code::TooLarge,
            ViolationKind::Type { .. } => Code::Type,
            ViolationKind::Required => Code::Required,
            ViolationKind::UnknownField { .. } => Code::UnknownField,
            ViolationKind::DuplicateKey => Code::DuplicateKey,
            ViolationKind::MinLength { .. } => Code::MinLength,
            ViolationKind::MaxLength { .. } => Code::MaxLength,
            ViolationKind::MinItems { .. } => Code::MinItems,
            ViolationKind::MaxItems { .. } => Code::MaxItems,
            ViolationKind::Const { .. } => Code::Const,
            ViolationKind::MissingHeader { .. } => Code::MissingHeader,
            ViolationKind::InvalidHeader { .. } => Code::InvalidHeader,
        }
    }

    /// Returns the limit and the actual value of a length, count or size rule.
    pub fn limit_and_actual(&self) -> Option<(u64, u64)> {
        match *self {
            ViolationKind::MinLength { limit, actual }
            | ViolationKind::MaxLength { limit, actual }
            | ViolationKind::MinItems { limit, actual }
            | ViolationKind::MaxItems { limit, actual } => Some((limit as u64, actual as u64)),
            ViolationKind::TooLarge { limit, actual } => Some((limit, actual)),
            _ => None,
        }
    }
}

/// Location of a violation in the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Position {
    /// 1-based line; `\r\n`, `\n` and a lone `\r` each end a line.
    pub line: usize,
    /// 1-based column, counted in Unicode scalar values from the start of the line.
    pub column: usize,
    /// Byte offset from the start of the input.
    pub offset: usize,
}

/// One broken rule at one place of the payload.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Violation {
    pub kind: ViolationKind,
    /// RFC 6901 JSON Pointer to the offending value; for `required`, to the missing member.
    pub pointer: String,
    /// Absent when the payload had no text, as for a `serde_json::Value` or a typed request.
    pub position: Option<Position>,
}

impl Violation {
    /// Returns the code of the broken rule.
    pub fn code(&self) -> Code {
        self.kind.code()
    }

    /// Formats the message, which names the member, the rule, the limit and what was found.
    pub fn message(&self, lang: Lang) -> String {
        messages::message(&self.kind, &self.pointer, lang)
    }

    /// Formats a hint on how to fix the violation, when there is one.
    pub fn help(&self, lang: Lang) -> Option<String> {
        messages::help(&self.kind, &self.pointer, lang)
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(position) = self.position {
            write!(f, "{}:{}: ", position.line, position.column)?;
        }
        let pointer = if self.pointer.is_empty() {
            "the root"
        } else {
            self.pointer.as_str()
        };
        write!(
            f,
            "error[{}]: {} (at {})",
            self.code(),
            self.message(Lang::En),
            pointer
        )
    }
}

impl Serialize for Violation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("Violation", 8)?;
        state.serialize_field("code", &self.code())?;
        state.serialize_field("pointer", &self.pointer)?;
        state.serialize_field("line", &self.position.map(|position| position.line))?;
        state.serialize_field("column", &self.position.map(|position| position.column))?;
        state.serialize_field("message", &self.message(Lang::En))?;
        match self.kind.limit_and_actual() {
            Some((limit, actual)) => {
                state.serialize_field("limit", &limit)?;
                state.serialize_field("actual", &actual)?;
            }
            None => {
                state.skip_field("limit")?;
                state.skip_field("actual")?;
            }
        }
        match self.help(Lang::En) {
            Some(help) => state.serialize_field("help", &help)?,
            None => state.skip_field("help")?,
        }
        state.end()
    }
}

/// Every violation of one payload, in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub(crate) violations: Vec<Violation>,
    pub(crate) omitted: u64,
}

impl Report {
    /// Returns true when the payload broke no rule.
    pub fn is_valid(&self) -> bool {
        self.violations.is_empty() && self.omitted == 0
    }

    /// Returns the recorded violations, in document order.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// Returns the number of violations found after the recording limit was reached.
    pub fn omitted(&self) -> u64 {
        self.omitted
    }

    /// Consumes the report and returns its violations.
    pub fn into_violations(self) -> Vec<Violation> {
        self.violations
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_valid() {
            return f.write_str("valid");
        }
        for (index, violation) in self.violations.iter().enumerate() {
            if index > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{violation}")?;
        }
        if self.omitted > 0 {
            write!(f, "\n{} more violations were not recorded", self.omitted)?;
        }
        Ok(())
    }
}

impl std::error::Error for Report {}

impl Serialize for Report {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("Report", 3)?;
        state.serialize_field("valid", &self.is_valid())?;
        state.serialize_field("violations", &self.violations)?;
        state.serialize_field("omitted", &self.omitted)?;
        state.end()
    }
}
