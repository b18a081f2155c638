//! RFC 6901 JSON Pointers and the member chain they are built from.

use crate::reader::decode_string;

/// One step from a value to a member or an item.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Segment<'a> {
    Root,
    /// A member defined in the schema.
    Name(&'static str),
    /// A member named by the payload: the raw text between the quotes.
    RawKey {
        raw: &'a [u8],
        escaped: bool,
    },
    Index(usize),
}

/// Location of the value being read, as a chain of segments kept on the stack.
///
/// Nothing is allocated on the way down: the pointer text is built only when a violation is recorded.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Member<'a> {
    parent: Option<&'a Member<'a>>,
    segment: Segment<'a>,
}

impl<'a> Member<'a> {
    pub(crate) const ROOT: Member<'static> = Member {
        parent: None,
        segment: Segment::Root,
    };

    pub(crate) fn child(parent: &'a Member<'a>, segment: Segment<'a>) -> Member<'a> {
        Member {
            parent: Some(parent),
            segment,
        }
    }

    /// Builds the JSON Pointer of this member, such as `/networkVolume/volumeMounts/0/mountPath`.
    pub(crate) fn pointer(&self) -> String {
        let mut segments = Vec::new();
        let mut current = Some(self);
        while let Some(member) = current {
            segments.push(member.segment);
            current = member.parent;
        }
        let mut pointer = String::new();
        for segment in segments.iter().rev() {
            match *segment {
                Segment::Root => {}
                Segment::Name(name) => push_segment(&mut pointer, name),
                Segment::RawKey { raw, escaped } => {
                    push_segment(&mut pointer, &decode_string(raw, escaped))
                }
                Segment::Index(index) => {
                    pointer.push('/');
                    pointer.push_str(&index.to_string());
                }
            }
        }
        pointer
    }
}

/// Appends `/` and a member name, escaping `~` as `~0` and `/` as `~1`.
pub(crate) fn push_segment(pointer: &mut String, name: &str) {
    pointer.push('/');
    for c in name.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            _ => pointer.push(c),
        }
    }
}

/// Reverses the escaping of one pointer segment.
pub(crate) fn unescape_segment(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}
