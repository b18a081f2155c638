//! A locator of JSON tokens written for the tests, independent of the validator's reader.
//!
//! It maps each JSON Pointer of a document to the byte offset where its value starts and, for
//! object members, where its name's opening quote is. It expects text that `serde_json`
//! has already accepted.

use std::collections::HashMap;

use super::push_token;

/// Offsets of the tokens of one JSON document.
#[derive(Debug, Default)]
pub struct Tokens {
    /// Pointer of each value to the offset of its first byte.
    pub values: HashMap<String, usize>,
    /// Pointer of each member to the offset of the opening quote of its name; with a
    /// repeated name, the last occurrence.
    pub names: HashMap<String, usize>,
    pub has_duplicate_names: bool,
}

/// Locates every value and member name of `bytes`, a document that `serde_json` accepts.
pub fn locate(bytes: &[u8]) -> Tokens {
    let mut tokens = Tokens::default();
    let mut scanner = Scanner { bytes, pos: 0 };
    scanner.value(String::new(), &mut tokens);
    tokens
}

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn skip_whitespace(&mut self) {
        while matches!(self.bytes.get(self.pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn value(&mut self, pointer: String, tokens: &mut Tokens) {
        self.skip_whitespace();
        tokens.values.insert(pointer.clone(), self.pos);
        match self.bytes[self.pos] {
            b'{' => self.object(&pointer, tokens),
            b'[' => self.array(&pointer, tokens),
            b'"' => {
                self.string();
            }
            _ => {
                while !matches!(
                    self.bytes.get(self.pos),
                    None | Some(b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r')
                ) {
                    self.pos += 1;
                }
            }
        }
    }

    fn object(&mut self, pointer: &str, tokens: &mut Tokens) {
        self.pos += 1;
        loop {
            self.skip_whitespace();
            match self.bytes[self.pos] {
                b'}' => {
                    self.pos += 1;
                    return;
                }
                b',' => {
                    self.pos += 1;
                    continue;
                }
                _ => {}
            }
            let start = self.pos;
            let name = self.string();
            let member = push_token(pointer, &name);
            if tokens.names.insert(member.clone(), start).is_some() {
                tokens.has_duplicate_names = true;
            }
            self.skip_whitespace();
            assert_eq!(self.bytes[self.pos], b':', "a colon follows a member name");
            self.pos += 1;
            self.value(member, tokens);
        }
    }

    fn array(&mut self, pointer: &str, tokens: &mut Tokens) {
        self.pos += 1;
        let mut index = 0;
        loop {
            self.skip_whitespace();
            match self.bytes[self.pos] {
                b']' => {
                    self.pos += 1;
                    return;
                }
                b',' => {
                    self.pos += 1;
                    continue;
                }
                _ => {}
            }
            self.value(format!("{pointer}/{index}"), tokens);
            index += 1;
        }
    }

    /// Reads a string token and returns its decoded text.
    fn string(&mut self) -> String {
        let start = self.pos;
        self.pos += 1;
        loop {
            match self.bytes[self.pos] {
                b'\\' => self.pos += 2,
                b'"' => break,
                _ => self.pos += 1,
            }
        }
        self.pos += 1;
        serde_json::from_slice(&self.bytes[start..self.pos]).expect("the string token is JSON")
    }
}

/// Returns the 1-based line and column of a byte offset: columns count Unicode scalar values,
/// and `\r\n`, `\n` and a lone `\r` each end a line.
pub fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let text = std::str::from_utf8(&bytes[..offset]).expect("the offset starts a character");
    let mut line = 1;
    let mut column = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => {
                line += 1;
                column = 1;
            }
            _ => column += 1,
        }
    }
    (line, column)
}
