//! Strict RFC 8259 reading of raw bytes: tokens, byte offsets and syntax violations.
//!
//! The reader never recurses on input it does not know: values outside the schema are skipped
//! with an explicit stack, so no input can overflow the call stack.

use std::collections::HashSet;

use crate::Options;
use crate::pointer::{Member, Segment, push_segment};
use crate::violation::{Expected, JsonType, SyntaxProblem, ViolationKind};

/// Reading stopped at a syntax violation, which has been recorded.
#[derive(Debug)]
pub(crate) struct Fatal;

/// A violation as recorded while reading: its position is still a byte offset.
pub(crate) struct Recorded {
    pub(crate) offset: usize,
    pub(crate) pointer: String,
    pub(crate) kind: ViolationKind,
}

/// A string token: the bytes between its quotes and its length in Unicode scalar values.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StringToken {
    /// Offset of the first byte after the opening quote.
    pub(crate) start: usize,
    /// Offset of the closing quote.
    pub(crate) end: usize,
    pub(crate) chars: usize,
    /// Whether the string contains a backslash escape.
    pub(crate) escaped: bool,
}

/// Cursor over the input that records violations as it goes.
pub(crate) struct Reader<'a> {
    pub(crate) bytes: &'a [u8],
    pub(crate) pos: usize,
    pub(crate) depth: usize,
    pub(crate) options: &'a Options,
    pub(crate) recorded: Vec<Recorded>,
    pub(crate) omitted: u64,
    /// Index in `recorded` of a syntax violation whose pointer is not set yet.
    pending_syntax: Option<usize>,
    /// Bytes of pointer text that rule violations may still store.
    ///
    /// Every violation inside a value repeats the names of its ancestors, so a long member name
    /// above many duplicates could otherwise turn a small input into gigabytes of pointers.
    pointer_budget: usize,
}

/// Pointer bytes allowed beyond the input size: 10,000 of the longest schema pointers fit in it.
const POINTER_BUDGET_MARGIN: usize = 1024 * 1024;

const ONE_PER_BYTE: u64 = 0x0101_0101_0101_0101;

/// Returns a mask of the lowest `count` bytes of a word, for `count` from 0 to 7.
#[inline]
fn low_bytes_mask(count: usize) -> u64 {
    (1u64 << (8 * count)) - 1
}
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Marks, with the high bit of each byte, the bytes of a word that may be a quote, a backslash or
/// a control character.
///
/// The lowest marked byte is always a real one: each test can only mark a false byte above a real
/// one, through the borrow of a subtraction. Bytes below it are plain text.
#[inline]
fn attention_bits(word: u64) -> u64 {
    let has_zero = |value: u64| value.wrapping_sub(ONE_PER_BYTE) & !value & HIGH_BITS;
    let quote = has_zero(word ^ (ONE_PER_BYTE * u64::from(b'"')));
    let backslash = has_zero(word ^ (ONE_PER_BYTE * u64::from(b'\\')));
    let control = word.wrapping_sub(ONE_PER_BYTE * 0x20) & !word & HIGH_BITS;
    quote | backslash | control
}

/// Counts the UTF-8 continuation bytes (`10xxxxxx`) of a word.
#[inline]
fn continuation_count(word: u64) -> usize {
    (word & !(word << 1) & HIGH_BITS).count_ones() as usize
}

/// One open container while a value is skipped.
enum SkipFrame<'a> {
    Object {
        names: HashSet<String>,
        current: Option<(&'a [u8], bool)>,
    },
    Array {
        index: usize,
    },
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8], options: &'a Options) -> Self {
        Reader {
            bytes,
            pos: 0,
            depth: 0,
            options,
            recorded: Vec::new(),
            omitted: 0,
            pending_syntax: None,
            pointer_budget: bytes.len().saturating_add(POINTER_BUDGET_MARGIN),
        }
    }

    #[inline]
    pub(crate) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    #[inline]
    pub(crate) fn skip_whitespace(&mut self) {
        while let Some(&byte) = self.bytes.get(self.pos) {
            if matches!(byte, b' ' | b'\n' | b'\r' | b'\t') {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    /// Records a rule violation, unless the recording limit or the pointer budget is reached.
    pub(crate) fn record(&mut self, offset: usize, member: &Member<'_>, kind: ViolationKind) {
        if !self.can_record() {
            self.omitted += 1;
            return;
        }
        let pointer = member.pointer();
        self.push_rule_violation(offset, pointer, kind);
    }

    /// Tells whether one more rule violation may be recorded, before its pointer is built.
    fn can_record(&self) -> bool {
        self.recorded.len() < self.options.max_violations && self.pointer_budget > 0
    }

    /// Stores a rule violation whose pointer fits the budget. A pointer that does not fit closes
    /// the budget, so later violations are only counted and their pointers are never built.
    fn push_rule_violation(&mut self, offset: usize, pointer: String, kind: ViolationKind) {
        if pointer.len() > self.pointer_budget {
            self.pointer_budget = 0;
            self.omitted += 1;
            return;
        }
        self.pointer_budget -= pointer.len();
        self.recorded.push(Recorded {
            offset,
            pointer,
            kind,
        });
    }

    /// Records a syntax violation, always, and returns the signal that stops reading.
    pub(crate) fn syntax(&mut self, offset: usize, problem: SyntaxProblem) -> Fatal {
        self.pending_syntax = Some(self.recorded.len());
        self.recorded.push(Recorded {
            offset,
            pointer: String::new(),
            kind: ViolationKind::Syntax(problem),
        });
        Fatal
    }

    /// Gives a pending syntax violation the pointer of the innermost member being read.
    pub(crate) fn attach(&mut self, member: &Member<'_>) -> Fatal {
        if let Some(index) = self.pending_syntax.take() {
            self.recorded[index].pointer = member.pointer();
        }
        Fatal
    }

    /// Enters an object or array that opens at `offset`, enforcing the depth limit.
    pub(crate) fn enter(&mut self, offset: usize) -> Result<(), Fatal> {
        self.depth += 1;
        if self.depth > self.options.max_depth {
            return Err(self.syntax(
                offset,
                SyntaxProblem::TooDeep {
                    limit: self.options.max_depth,
                },
            ));
        }
        Ok(())
    }

    /// Returns the syntax violation for the current byte, where `expected` was expected.
    pub(crate) fn unexpected(&mut self, expected: Expected) -> Fatal {
        let problem = match self.peek() {
            None => SyntaxProblem::UnexpectedEnd(expected),
            Some(b'/') => SyntaxProblem::Comment,
            Some(b'\'') => SyntaxProblem::SingleQuote,
            Some(b'N' | b'I')
                if expected == Expected::Value || expected == Expected::ValueOrArrayEnd =>
            {
                SyntaxProblem::NonFiniteNumber
            }
            Some(b'+' | b'.')
                if expected == Expected::Value || expected == Expected::ValueOrArrayEnd =>
            {
                SyntaxProblem::InvalidNumber
            }
            Some(byte)
                if byte.is_ascii_alphabetic()
                    && (expected == Expected::Value || expected == Expected::ValueOrArrayEnd) =>
            {
                SyntaxProblem::InvalidLiteral
            }
            Some(byte) if byte >= 0x80 => {
                // A character takes at most four bytes, so four are enough to tell if the first is valid.
                let window = &self.bytes[self.pos..(self.pos + 4).min(self.bytes.len())];
                match std::str::from_utf8(window) {
                    Err(error) if error.valid_up_to() == 0 => SyntaxProblem::InvalidUtf8,
                    _ => SyntaxProblem::UnexpectedCharacter(expected),
                }
            }
            Some(_) => SyntaxProblem::UnexpectedCharacter(expected),
        };
        self.syntax(self.pos, problem)
    }

    /// Returns the JSON type of the value starting at the current byte, or `None` if none can start here.
    pub(crate) fn value_type(&self) -> Option<JsonType> {
        match self.peek()? {
            b'"' => Some(JsonType::String),
            b'{' => Some(JsonType::Object),
            b'[' => Some(JsonType::Array),
            b't' | b'f' => Some(JsonType::Boolean),
            b'n' => Some(JsonType::Null),
            b'-' | b'0'..=b'9' => Some(JsonType::Number),
            _ => None,
        }
    }

    /// Reads a string token; the current byte is its opening quote.
    ///
    /// Plain text is scanned eight bytes at a time. Each word is tested for a quote, a backslash or
    /// a control character, and its UTF-8 continuation bytes are counted, so the length in scalar
    /// values is known without decoding. A marked word yields the exact offset of the byte to handle.
    pub(crate) fn scan_string(&mut self) -> Result<StringToken, Fatal> {
        self.scan_string_into::<false>(&mut Vec::new())
    }

    /// Reads a string token and returns it with its decoded text.
    pub(crate) fn scan_string_value(&mut self) -> Result<(StringToken, String), Fatal> {
        let mut decoded = Vec::new();
        let token = self.scan_string_into::<true>(&mut decoded)?;
        let text = if token.escaped {
            String::from_utf8(decoded)
                .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
        } else {
            self.string_value(&token)
        };
        Ok((token, text))
    }

    /// Reads a string token. With `DECODE`, a string that contains escapes is also decoded into
    /// `decoded` in the same pass: the text between escapes is copied in runs.
    fn scan_string_into<const DECODE: bool>(
        &mut self,
        decoded: &mut Vec<u8>,
    ) -> Result<StringToken, Fatal> {
        let bytes = self.bytes;
        let start = self.pos + 1;
        let mut i = start;
        // Start of the text not yet copied into `decoded`.
        let mut copied = start;
        let mut high_bits = 0u64;
        let mut continuation_bytes = 0usize;
        let mut escape_bytes = 0usize;
        let mut escape_chars = 0usize;
        loop {
            while let Some(chunk) = bytes.get(i..i + 8) {
                let word = u64::from_le_bytes(chunk.try_into().expect("the chunk has eight bytes"));
                let attention = attention_bits(word);
                if attention != 0 {
                    // Count the plain bytes below the first marked one and stop there.
                    let plain_bytes = (attention.trailing_zeros() / 8) as usize;
                    let plain = word & low_bytes_mask(plain_bytes);
                    high_bits |= plain;
                    continuation_bytes += continuation_count(plain);
                    i += plain_bytes;
                    break;
                }
                if word & HIGH_BITS != 0 {
                    high_bits |= word;
                    continuation_bytes += continuation_count(word);
                }
                i += 8;
            }
            // Fewer than eight bytes are left: go on byte by byte.
            while let Some(&byte) = bytes.get(i) {
                if byte == b'"' || byte == b'\\' || byte < 0x20 {
                    break;
                }
                high_bits |= u64::from(byte);
                continuation_bytes += usize::from(byte & 0xC0 == 0x80);
                i += 1;
            }
            match bytes.get(i) {
                None => {
                    return Err(self.syntax(
                        bytes.len(),
                        SyntaxProblem::UnexpectedEnd(Expected::ClosingQuote),
                    ));
                }
                Some(b'"') => break,
                Some(b'\\') => {
                    let length = self.scan_escape(i)?;
                    if DECODE {
                        decoded.extend_from_slice(&bytes[copied..i]);
                        let (scalar, _) = decode_escape_bytes(&bytes[i..]);
                        decoded.extend_from_slice(scalar.encode_utf8(&mut [0; 4]).as_bytes());
                        copied = i + length;
                    }
                    escape_bytes += length;
                    escape_chars += 1;
                    i += length;
                }
                Some(byte) if *byte < 0x20 => {
                    return Err(self.syntax(i, SyntaxProblem::ControlCharacter));
                }
                Some(_) => {}
            }
        }

        let raw = &bytes[start..i];
        if high_bits & HIGH_BITS != 0 && simdutf8::basic::from_utf8(raw).is_err() {
            let valid_up_to = std::str::from_utf8(raw)
                .err()
                .map_or(0, |error| error.valid_up_to());
            return Err(self.syntax(start + valid_up_to, SyntaxProblem::InvalidUtf8));
        }
        if DECODE && escape_bytes > 0 {
            decoded.extend_from_slice(&bytes[copied..i]);
        }
        let chars = raw.len() - continuation_bytes - escape_bytes + escape_chars;
        self.pos = i + 1;
        Ok(StringToken {
            start,
            end: i,
            chars,
            escaped: escape_bytes > 0,
        })
    }

    /// Checks the escape at `at` (a backslash) and returns how many bytes it takes.
    fn scan_escape(&mut self, at: usize) -> Result<usize, Fatal> {
        match self.bytes.get(at + 1) {
            None => Err(self.syntax(
                self.bytes.len(),
                SyntaxProblem::UnexpectedEnd(Expected::ClosingQuote),
            )),
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => Ok(2),
            Some(b'u') => {
                let unit = self
                    .hex4(at + 2)
                    .ok_or_else(|| self.syntax(at, SyntaxProblem::InvalidEscape))?;
                match unit {
                    0xD800..=0xDBFF => {
                        let has_low = self.bytes.get(at + 6) == Some(&b'\\')
                            && self.bytes.get(at + 7) == Some(&b'u')
                            && self
                                .hex4(at + 8)
                                .is_some_and(|low| (0xDC00..=0xDFFF).contains(&low));
                        if has_low {
                            Ok(12)
                        } else {
                            Err(self.syntax(at, SyntaxProblem::LoneSurrogate))
                        }
                    }
                    0xDC00..=0xDFFF => Err(self.syntax(at, SyntaxProblem::LoneSurrogate)),
                    _ => Ok(6),
                }
            }
            Some(_) => Err(self.syntax(at, SyntaxProblem::InvalidEscape)),
        }
    }

    fn hex4(&self, at: usize) -> Option<u32> {
        let digits = self.bytes.get(at..at + 4)?;
        let mut value = 0;
        for &digit in digits {
            value = value * 16 + (digit as char).to_digit(16)?;
        }
        Some(value)
    }

    /// Returns the decoded text of a string token.
    pub(crate) fn string_value(&self, token: &StringToken) -> String {
        decode_string(&self.bytes[token.start..token.end], token.escaped)
    }

    /// Compares a string token with `expected` after decoding escapes.
    pub(crate) fn string_equals(&mut self, token: &StringToken, expected: &str) -> bool {
        let raw = &self.bytes[token.start..token.end];
        if !token.escaped {
            return raw == expected.as_bytes();
        }
        escaped_equals(raw, expected)
    }

    /// Reads `true`, `false` or `null` and returns its type.
    pub(crate) fn scan_literal(&mut self) -> Result<JsonType, Fatal> {
        let rest = &self.bytes[self.pos..];
        let (length, kind) = if rest.starts_with(b"true") {
            (4, JsonType::Boolean)
        } else if rest.starts_with(b"false") {
            (5, JsonType::Boolean)
        } else if rest.starts_with(b"null") {
            (4, JsonType::Null)
        } else {
            return Err(self.syntax(self.pos, SyntaxProblem::InvalidLiteral));
        };
        // A literal glued to more letters, such as `nullx`, is not a literal.
        if self
            .bytes
            .get(self.pos + length)
            .is_some_and(u8::is_ascii_alphanumeric)
        {
            return Err(self.syntax(self.pos, SyntaxProblem::InvalidLiteral));
        }
        self.pos += length;
        Ok(kind)
    }

    /// Reads a number in the strict RFC 8259 grammar.
    pub(crate) fn scan_number(&mut self) -> Result<(), Fatal> {
        let bytes = self.bytes;
        let start = self.pos;
        let mut i = start;
        let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
        if bytes.get(i) == Some(&b'-') {
            i += 1;
            if bytes.get(i) == Some(&b'I') {
                return Err(self.syntax(start, SyntaxProblem::NonFiniteNumber));
            }
        }
        match bytes.get(i) {
            Some(b'0') => {
                i += 1;
                if digit_at(i) {
                    return Err(self.syntax(start, SyntaxProblem::InvalidNumber));
                }
            }
            Some(b'1'..=b'9') => {
                while digit_at(i) {
                    i += 1;
                }
            }
            _ => return Err(self.syntax(start, SyntaxProblem::InvalidNumber)),
        }
        if bytes.get(i) == Some(&b'.') {
            i += 1;
            if !digit_at(i) {
                return Err(self.syntax(start, SyntaxProblem::InvalidNumber));
            }
            while digit_at(i) {
                i += 1;
            }
        }
        if matches!(bytes.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(bytes.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            if !digit_at(i) {
                return Err(self.syntax(start, SyntaxProblem::InvalidNumber));
            }
            while digit_at(i) {
                i += 1;
            }
        }
        self.pos = i;
        Ok(())
    }

    /// Reads a scalar value: a string, a number or a literal.
    fn scan_scalar(&mut self) -> Result<(), Fatal> {
        match self.peek() {
            Some(b'"') => self.scan_string().map(drop),
            Some(b'-' | b'0'..=b'9') => self.scan_number(),
            Some(b't' | b'f' | b'n') => self.scan_literal().map(drop),
            _ => Err(self.unexpected(Expected::Value)),
        }
    }

    /// Skips one value of any type, checking its syntax, depth and member names.
    ///
    /// Duplicate member names inside the value are recorded with `member` as the base pointer.
    pub(crate) fn skip_value(&mut self, member: &Member<'_>) -> Result<(), Fatal> {
        let base_depth = self.depth;
        let result = self.skip_value_iteratively(member);
        self.depth = base_depth;
        result
    }

    fn skip_value_iteratively(&mut self, member: &Member<'_>) -> Result<(), Fatal> {
        let mut stack: Vec<SkipFrame<'a>> = Vec::new();
        'value: loop {
            self.skip_whitespace();
            match self.peek() {
                Some(b'{') => {
                    self.enter(self.pos)?;
                    self.pos += 1;
                    self.skip_whitespace();
                    if self.peek() == Some(b'}') {
                        self.pos += 1;
                        self.depth -= 1;
                    } else {
                        stack.push(SkipFrame::Object {
                            names: HashSet::new(),
                            current: None,
                        });
                        self.skip_member_name(member, &mut stack, Expected::MemberNameOrObjectEnd)?;
                        continue 'value;
                    }
                }
                Some(b'[') => {
                    self.enter(self.pos)?;
                    self.pos += 1;
                    self.skip_whitespace();
                    if self.peek() == Some(b']') {
                        self.pos += 1;
                        self.depth -= 1;
                    } else {
                        stack.push(SkipFrame::Array { index: 0 });
                        continue 'value;
                    }
                }
                _ => self.scan_scalar()?,
            }

            // A value is complete: close every container that ends here, then go on to the next value.
            loop {
                self.skip_whitespace();
                let Some(frame) = stack.last_mut() else {
                    return Ok(());
                };
                match (frame, self.peek()) {
                    (SkipFrame::Array { index }, Some(b',')) => {
                        *index += 1;
                        self.pos += 1;
                        self.skip_whitespace();
                        if self.peek() == Some(b']') {
                            return Err(self.syntax(self.pos, SyntaxProblem::TrailingComma));
                        }
                        continue 'value;
                    }
                    (SkipFrame::Object { .. }, Some(b',')) => {
                        self.pos += 1;
                        self.skip_whitespace();
                        if self.peek() == Some(b'}') {
                            return Err(self.syntax(self.pos, SyntaxProblem::TrailingComma));
                        }
                        self.skip_member_name(member, &mut stack, Expected::MemberName)?;
                        continue 'value;
                    }
                    (SkipFrame::Array { .. }, Some(b']'))
                    | (SkipFrame::Object { .. }, Some(b'}')) => {
                        self.pos += 1;
                        self.depth -= 1;
                        stack.pop();
                    }
                    (SkipFrame::Array { .. }, _) => {
                        return Err(self.unexpected(Expected::CommaOrArrayEnd));
                    }
                    (SkipFrame::Object { .. }, _) => {
                        return Err(self.unexpected(Expected::CommaOrObjectEnd));
                    }
                }
            }
        }
    }

    /// Reads a member name and its colon inside a skipped object, recording a duplicate name.
    fn skip_member_name(
        &mut self,
        member: &Member<'_>,
        stack: &mut [SkipFrame<'a>],
        expected: Expected,
    ) -> Result<(), Fatal> {
        if self.peek() != Some(b'"') {
            return Err(self.unexpected(expected));
        }
        let name_offset = self.pos;
        let token = self.scan_string()?;
        let raw = &self.bytes[token.start..token.end];
        let name = decode_string(raw, token.escaped);
        let is_duplicate = match stack.last_mut() {
            Some(SkipFrame::Object { names, current }) => {
                *current = Some((raw, token.escaped));
                !names.insert(name)
            }
            _ => false,
        };
        if is_duplicate {
            if self.can_record() {
                let pointer = skipped_pointer(member, stack);
                self.push_rule_violation(name_offset, pointer, ViolationKind::DuplicateKey);
            } else {
                self.omitted += 1;
            }
        }
        self.skip_whitespace();
        if self.peek() != Some(b':') {
            return Err(self.unexpected(Expected::Colon));
        }
        self.pos += 1;
        Ok(())
    }
}

/// Builds the pointer of the innermost member of a skipped value.
fn skipped_pointer(member: &Member<'_>, stack: &[SkipFrame<'_>]) -> String {
    let mut pointer = member.pointer();
    for frame in stack {
        match frame {
            SkipFrame::Object {
                current: Some((raw, escaped)),
                ..
            } => {
                push_segment(&mut pointer, &decode_string(raw, *escaped));
            }
            SkipFrame::Object { current: None, .. } => {}
            SkipFrame::Array { index } => {
                pointer.push('/');
                pointer.push_str(&index.to_string());
            }
        }
    }
    pointer
}

/// Decodes the raw bytes between the quotes of a string that the reader has already checked.
pub(crate) fn decode_string(raw: &[u8], escaped: bool) -> String {
    if escaped {
        let mut out = String::new();
        decode_into(raw, &mut out);
        out
    } else {
        match simdutf8::basic::from_utf8(raw) {
            Ok(text) => text.to_owned(),
            Err(_) => String::from_utf8_lossy(raw).into_owned(),
        }
    }
}

/// Decodes a checked string into `out`, replacing its contents.
fn decode_into(raw: &[u8], out: &mut String) {
    let mut decoded = std::mem::take(out).into_bytes();
    decoded.clear();
    decoded.reserve(raw.len());
    // Copy the bytes between escapes in bulk; only the escapes are decoded one by one.
    let mut copied = 0;
    while let Some(found) = memchr::memchr(b'\\', &raw[copied..]) {
        let backslash = copied + found;
        decoded.extend_from_slice(&raw[copied..backslash]);
        let (scalar, length) = decode_escape_bytes(&raw[backslash..]);
        decoded.extend_from_slice(scalar.encode_utf8(&mut [0; 4]).as_bytes());
        copied = backslash + length;
    }
    decoded.extend_from_slice(&raw[copied..]);
    *out = match String::from_utf8(decoded) {
        Ok(text) => text,
        Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
    };
}

/// Decodes the escape at the start of `escape` (a backslash) and returns the character and the
/// number of bytes it takes. The reader has checked the escape, and any malformed escape
/// decodes to U+FFFD instead of panicking.
fn decode_escape_bytes(escape: &[u8]) -> (char, usize) {
    let hex4 = |at: usize| {
        escape
            .get(at..at + 4)
            .and_then(|digits| std::str::from_utf8(digits).ok())
            .and_then(|digits| u32::from_str_radix(digits, 16).ok())
    };
    match escape.get(1) {
        Some(b'b') => ('\u{8}', 2),
        Some(b'f') => ('\u{c}', 2),
        Some(b'n') => ('\n', 2),
        Some(b'r') => ('\r', 2),
        Some(b't') => ('\t', 2),
        Some(b'u') => match hex4(2) {
            Some(high @ 0xD800..=0xDBFF) => match hex4(8) {
                Some(low @ 0xDC00..=0xDFFF) => {
                    let scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                    (
                        char::from_u32(scalar).unwrap_or(char::REPLACEMENT_CHARACTER),
                        12,
                    )
                }
                _ => (char::REPLACEMENT_CHARACTER, 6),
            },
            Some(unit) => (
                char::from_u32(unit).unwrap_or(char::REPLACEMENT_CHARACTER),
                6,
            ),
            None => (char::REPLACEMENT_CHARACTER, escape.len()),
        },
        Some(&other) if other.is_ascii() => (char::from(other), 2),
        _ => (char::REPLACEMENT_CHARACTER, escape.len().clamp(1, 2)),
    }
}

/// Compares the raw bytes of a checked string that contains escapes with `expected`, decoding
/// one character at a time so that the comparison does not allocate.
pub(crate) fn escaped_equals(raw: &[u8], expected: &str) -> bool {
    let text = String::from_utf8_lossy(raw);
    let mut chars = text.chars();
    let mut expected = expected.chars();
    loop {
        let decoded = match chars.next() {
            None => return expected.next().is_none(),
            Some('\\') => decode_escape(&mut chars),
            Some(c) => Some(c),
        };
        if decoded != expected.next() {
            return false;
        }
    }
}

/// Decodes the escape whose backslash `chars` has just passed.
fn decode_escape(chars: &mut std::str::Chars<'_>) -> Option<char> {
    let decoded = match chars.next()? {
        'b' => '\u{8}',
        'f' => '\u{c}',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'u' => {
            let high = read_hex4(chars);
            let scalar = if (0xD800..=0xDBFF).contains(&high) {
                chars.next();
                chars.next();
                let low = read_hex4(chars);
                if !(0xDC00..=0xDFFF).contains(&low) {
                    return Some(char::REPLACEMENT_CHARACTER);
                }
                0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            } else {
                high
            };
            char::from_u32(scalar).unwrap_or(char::REPLACEMENT_CHARACTER)
        }
        other => other,
    };
    Some(decoded)
}

fn read_hex4(chars: &mut std::str::Chars<'_>) -> u32 {
    let mut value = 0;
    for _ in 0..4 {
        value = value * 16 + chars.next().and_then(|c| c.to_digit(16)).unwrap_or(0);
    }
    value
}

impl Segment<'_> {
    /// Returns the segment for a member name read from the payload.
    pub(crate) fn raw_key<'b>(bytes: &'b [u8], token: &StringToken) -> Segment<'b> {
        Segment::RawKey {
            raw: &bytes[token.start..token.end],
            escaped: token.escaped,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_special(byte: u8) -> bool {
        byte == b'"' || byte == b'\\' || byte < 0x20
    }

    #[test]
    fn attention_bits_lowest_mark_is_first_special() {
        // Every byte value at every position, behind plain bytes and in front of other specials.
        let fillers: [u8; 6] = [b'a', 0x20, 0x7F, 0x80, 0xE4, b'"'];
        for position in 0..8 {
            for value in 0..=255u8 {
                for &filler in &fillers {
                    let mut bytes = [b'x'; 8];
                    bytes[position] = value;
                    for byte in bytes.iter_mut().skip(position + 1) {
                        *byte = filler;
                    }
                    let expected = bytes.iter().position(|&byte| is_special(byte));
                    let attention = attention_bits(u64::from_le_bytes(bytes));
                    let found = (attention != 0).then(|| (attention.trailing_zeros() / 8) as usize);
                    assert_eq!(found, expected, "bytes {bytes:?}");
                }
            }
        }
    }

    #[test]
    fn continuation_count_counts_trailing_bytes() {
        let word = u64::from_le_bytes("aé中bc".as_bytes().try_into().unwrap());
        assert_eq!(continuation_count(word), 3);
        assert_eq!(continuation_count(u64::from_le_bytes(*b"abcdefgh")), 0);
    }

    #[test]
    fn decode_copies_runs_and_escapes() {
        let raw = br#"plain \"quoted\" \\ tab\t \u00e9 \ud83d\ude00 \/ end"#;
        assert_eq!(
            decode_string(raw, true),
            "plain \"quoted\" \\ tab\t é 😀 / end"
        );
        assert_eq!(decode_string("中文".as_bytes(), false), "中文");
    }
}
