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
