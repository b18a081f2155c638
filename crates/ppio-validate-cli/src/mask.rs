//! Source lines for diagnostics with every string value hidden.
//!
//! String values may hold secrets (API keys, passwords in `envs`), so each character inside a
//! string value becomes `*`. Member names, punctuation, numbers and the literals `true`, `false`
//! and `null` stay visible. On malformed input the rules lean towards hiding: single-quoted
//! strings, comments, unquoted words and a string that follows a member name without a colon are
//! hidden too. Every character maps to exactly one character, so columns stay where they were.

const MASK: char = '*';

/// Masked copy of a payload, split into lines the way the validator counts them.
pub struct MaskedText {
    text: String,
    /// Byte range in `text` of each line, without its line break.
    lines: Vec<(usize, usize)>,
}

impl MaskedText {
    /// Masks a payload. Invalid UTF-8 sequences show as U+FFFD.
    pub fn new(bytes: &[u8]) -> MaskedText {
        let text = mask(&String::from_utf8_lossy(bytes));
        let lines = split_lines(&text);
        MaskedText { text, lines }
    }

    /// Returns the 1-based line `number`, without its line break.
    pub fn line(&self, number: usize) -> Option<&str> {
        let (start, end) = *self.lines.get(number.checked_sub(1)?)?;
        Some(&self.text[start..end])
    }
}

/// Splits at `\r\n`, `\n` and a lone `\r`, as the validator counts lines.
fn split_lines(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'\n' => {
                lines.push((start, index));
                start = index + 1;
            }
            b'\r' => {
                lines.push((start, index));
                if bytes.get(index + 1) == Some(&b'\n') {
                    index += 1;
                }
                start = index + 1;
            }
            _ => {}
        }
        index += 1;
    }
    lines.push((start, bytes.len()));
    lines
}

/// Next expected token inside an object: a member name, the colon after it, or the value.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    Name,
    AfterName,
    Value,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Frame {
    Object(Slot),
    Array,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Outside,
    /// Inside a double-quoted string; `hidden` for a value, not for a member name.
    String {
        hidden: bool,
        escape: bool,
    },
    SingleQuoted {
        escape: bool,
    },
    LineComment,
    BlockComment,
}

fn mask(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut state = State::Outside;
    let mut index = 0;
    while index < chars.len() {
        let ch = chars[index];
        match state {
            State::String { hidden, escape } => {
                if ch == '"' && !escape {
                    out.push('"');
                    state = State::Outside;
                    if let Some(Frame::Object(slot @ Slot::Name)) = stack.last_mut() {
                        *slot = Slot::AfterName;
                    }
                } else {
                    out.push(if hidden { hide(ch) } else { show(ch) });
                    state = State::String {
                        hidden,
                        escape: ch == '\\' && !escape,
                    };
                }
            }
            State::SingleQuoted { escape } => {
                if ch == '\'' && !escape {
                    out.push('\'');
                    state = State::Outside;
                } else {
                    out.push(hide(ch));
                    state = State::SingleQuoted {
                        escape: ch == '\\' && !escape,
                    };
                }
            }
            State::LineComment => {
                if is_line_break(ch) {
                    out.push(ch);
                    state = State::Outside;
                } else {
                    out.push(MASK);
                }
            }
            State::BlockComment => {
                if ch == '*' && chars.get(index + 1) == Some(&'/') {
                    out.push_str("*/");
                    index += 1;
                    state = State::Outside;
                } else {
                    out.push(hide(ch));
                }
            }
            State::Outside => match ch {
                '{' => {
                    stack.push(Frame::Object(Slot::Name));
                    out.push(ch);
                }
                '[' => {
                    stack.push(Frame::Array);
                    out.push(ch);
                }
                '}' | ']' => {
                    stack.pop();
                    out.push(ch);
                }
                ':' => {
                    if let Some(Frame::Object(slot)) = stack.last_mut() {
                        *slot = Slot::Value;
                    }
                    out.push(ch);
                }
                ',' => {
                    if let Some(Frame::Object(slot)) = stack.last_mut() {
                        *slot = Slot::Name;
                    }
                    out.push(ch);
                }
                '"' => {
                    let is_name = stack.last() == Some(&Frame::Object(Slot::Name));
                    state = State::String {
                        hidden: !is_name,
                        escape: false,
                    };
                    out.push(ch);
                }
                '\'' => {
                    state = State::SingleQuoted { escape: false };
                    out.push(ch);
                }
                '/' if chars.get(index + 1) == Some(&'/') => {
                    out.push_str("//");
                    index += 1;
                    state = State::LineComment;
                }
                '/' if chars.get(index + 1) == Some(&'*') => {
                    out.push_str("/*");
                    index += 1;
                    state = State::BlockComment;
                }
                ' ' | '\t' | '\n' | '\r' => out.push(ch),
                _ => {
                    let end = word_end(&chars, index);
                    let word: String = chars[index..end].iter().collect();
                    if is_visible_word(&word) {
                        out.push_str(&word);
                    } else {
                        out.extend(std::iter::repeat_n(MASK, end - index));
                    }
                    index = end - 1;
                }
            },
        }
        index += 1;
    }
    out
}

/// Returns the end of the run of characters that starts at `start` and forms one bare token.
fn word_end(chars: &[char], start: usize) -> usize {
    let mut end = start + 1;
    while end < chars.len()
        && !matches!(
            chars[end],
            '{' | '}' | '[' | ']' | ':' | ',' | '"' | '\'' | '/' | ' ' | '\t' | '\n' | '\r'
        )
    {
        end += 1;
    }
    end
}

/// Literals and numbers carry no secret, so they stay visible even where they break the syntax.
fn is_visible_word(word: &str) -> bool {
    matches!(
        word,
        "true" | "false" | "null" | "NaN" | "Infinity" | "-Infinity"
    ) || (word.chars().any(|ch| ch.is_ascii_digit())
        && word
            .chars()
            .all(|ch| ch.is_ascii_digit() || matches!(ch, '-' | '+' | '.' | 'e' | 'E')))
}

fn is_line_break(ch: char) -> bool {
    ch == '\n' || ch == '\r'
}

/// Hides a character but keeps line breaks, so that line numbers still match.
fn hide(ch: char) -> char {
    if is_line_break(ch) { ch } else { MASK }
}

/// Shows a member-name character, but never a control character that could drive the terminal.
fn show(ch: char) -> char {
    if is_line_break(ch) {
        ch
    } else if ch.is_control() {
        char::REPLACEMENT_CHARACTER
    } else {
        ch
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(text: &str) -> String {
        mask(text)
    }

    #[test]
    fn values_hidden_names_shown() {
        assert_eq!(
            masked(r#"{"imageUrl": "s3cr\"t", "save": true, "n": -1.5e3}"#),
            r#"{"imageUrl": "*******", "save": true, "n": -1.5e3}"#
        );
    }

    #[test]
    fn array_items_hidden() {
        assert_eq!(masked(r#"["abc", {"k": "v"}]"#), r#"["***", {"k": "*"}]"#);
    }

    #[test]
    fn string_after_name_without_colon_hidden() {
        assert_eq!(
            masked(r#"{"password" "hunter2"}"#),
            r#"{"password" "*******"}"#
        );
    }

    #[test]
    fn malformed_tokens_hidden() {
        assert_eq!(
            masked("{'a': 'secret', b: bare // note\n}"),
            "{'*': '******', *: **** //*****\n}"
        );
        assert_eq!(masked("/* key */ 1"), "/*******/ 1");
    }

    #[test]
    fn unterminated_string_hides_following_lines() {
        let text = MaskedText::new(b"{\"a\": \"one\ntwo\"}");
        assert_eq!(text.line(1), Some(r#"{"a": "***"#));
        assert_eq!(text.line(2), Some(r#"***"}"#));
    }

    #[test]
    fn columns_kept_for_wide_characters() {
        let source = r#"{"k": "密码"}"#;
        let out = masked(source);
        assert_eq!(out, r#"{"k": "**"}"#);
        assert_eq!(out.chars().count(), source.chars().count());
    }

    #[test]
    fn lines_split_like_validator() {
        let text = MaskedText::new(b"a\r\nb\rc\nd");
        let lines: Vec<_> = (1..=5).map(|n| text.line(n)).collect();
        assert_eq!(lines, [Some("*"), Some("*"), Some("*"), Some("*"), None]);
    }
}
