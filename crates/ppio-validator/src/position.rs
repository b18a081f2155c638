//! Turns the byte offsets of recorded violations into lines and columns, in one pass.

use crate::reader::Recorded;
use crate::violation::{Position, Violation};

/// Sorts violations into document order and gives each its line and column.
///
/// Columns count Unicode scalar values; `\r\n`, `\n` and a lone `\r` each end a line. The sort is
/// stable, so violations at one offset keep the order they were found in.
pub(crate) fn resolve(bytes: &[u8], mut recorded: Vec<Recorded>) -> Vec<Violation> {
    recorded.sort_by_key(|violation| violation.offset);
    let mut cursor = 0;
    let mut line = 1;
    let mut column = 1;
    recorded
        .into_iter()
        .map(|violation| {
            let target = violation.offset.min(bytes.len());
            while cursor < target {
                // Eight bytes without a line break only move the column, by their count of
                // scalar-value starts, so they are counted in one step.
                if let Some(chunk) = bytes
                    .get(cursor..target)
                    .and_then(|rest| rest.first_chunk())
                {
                    let word = u64::from_le_bytes(*chunk);
                    if !has_byte(word, b'\n') && !has_byte(word, b'\r') {
                        column += scalar_starts(word);
                        cursor += 8;
                        continue;
                    }
                }
                let byte = bytes[cursor];
                if byte == b'\n' || (byte == b'\r' && bytes.get(cursor + 1) != Some(&b'\n')) {
                    line += 1;
                    column = 1;
                } else if byte != b'\r' && byte & 0xC0 != 0x80 {
                    column += 1;
                }
                cursor += 1;
            }
            let position = Position {
                line,
                column,
                offset: violation.offset,
            };
            Violation {
                kind: violation.kind,
                pointer: violation.pointer,
                position: Some(position),
            }
        })
        .collect()
}

const LOW_BITS: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Returns whether any of the eight bytes of `word` equals `byte`.
fn has_byte(word: u64, byte: u8) -> bool {
    let zeroed = word ^ (LOW_BITS * u64::from(byte));
    zeroed.wrapping_sub(LOW_BITS) & !zeroed & HIGH_BITS != 0
}

/// Counts the bytes of `word` that start a UTF-8 sequence, which are all but the `10xxxxxx`
/// continuation bytes.
fn scalar_starts(word: u64) -> usize {
    let continuation = word & !(word << 1) & HIGH_BITS;
    8 - continuation.count_ones() as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_byte_finds_each_position() {
        for index in 0..8 {
            let mut bytes = *b"abcdefgh";
            bytes[index] = b'\n';
            let word = u64::from_le_bytes(bytes);
            assert!(has_byte(word, b'\n'), "line feed at {index}");
            assert!(
                !has_byte(word, b'\r'),
                "no carriage return, line feed at {index}"
            );
        }
    }

    #[test]
    fn scalar_starts_skips_continuation_bytes() {
        // "é" is two bytes, "中" three, so eight bytes hold five scalar values.
        let bytes: [u8; 8] = "aé中bc".as_bytes().try_into().unwrap();
        assert_eq!(scalar_starts(u64::from_le_bytes(bytes)), 5);
        assert_eq!(scalar_starts(u64::from_le_bytes(*b"abcdefgh")), 8);
    }
}
