//! Structure-aware payload generator: turns fuzzer bytes into request-shaped JSON text.
//!
//! Each input byte picks one choice: a member of the schema or an unknown one, a value of the right
//! type or of another, a string length at or next to a limit, an item count next to `maxItems`.
//! Missing bytes read as zero, which always picks the shortest choice, so every input terminates.
//! Member names never repeat within an object, so the output is comparable with a JSON Schema oracle.

/// Output size in bytes past which strings are empty and arrays have no items, so one input
/// never generates more than about this much text.
const OUTPUT_BUDGET: usize = 64 * 1024;

/// Nesting depth below which values of any type may open another container.
const MAX_ANY_DEPTH: usize = 6;

/// String lengths in Unicode scalar values that sit at or next to the limits of the schema.
const LENGTHS: &[usize] = &[
    0, 1, 2, 7, 499, 500, 501, 510, 511, 512, 2046, 2047, 2048, 4094, 4095, 4096,
];

/// Item counts at or next to the `maxItems` of `envs` (100) and `volumeMounts` (30).
const COUNTS: &[usize] = &[0, 1, 2, 3, 29, 30, 31, 99, 100, 101];

/// Member names that the schema does not define, including ones that need pointer escapes.
const UNKNOWN_NAMES: &[&str] = &["imageURL", "x", "a/b", "m~n", "", "\\u0073ave", "envs "];

/// Where a generated value sits in the request, which decides the value that fits there.
#[derive(Clone, Copy)]
enum Shape {
    Request,
    Env,
    NetworkVolume,
    VolumeMount,
    Envs,
    VolumeMounts,
    Text,
    Boolean,
    MountType,
    Any,
}

/// A member of an object shape: its name as written in JSON and the shape of its value.
type MemberShape = (&'static str, Shape);

const REQUEST_MEMBERS: &[MemberShape] = &[
    ("instanceId", Shape::Text),
    ("imageUrl", Shape::Text),
    ("imageAuthId", Shape::Text),
    ("envs", Shape::Envs),
    ("command", Shape::Text),
    ("entrypoint", Shape::Text),
    ("save", Shape::Boolean),
    ("networkVolume", Shape::NetworkVolume),
];
const ENV_MEMBERS: &[MemberShape] = &[("key", Shape::Text), ("value", Shape::Text)];
const NETWORK_VOLUME_MEMBERS: &[MemberShape] = &[("volumeMounts", Shape::VolumeMounts)];
const VOLUME_MOUNT_MEMBERS: &[MemberShape] = &[
    ("type", Shape::MountType),
    ("id", Shape::Text),
    ("mountPath", Shape::Text),
];

/// Generates one JSON document from fuzzer bytes; the same bytes always give the same text.
pub fn generate(data: &[u8]) -> Vec<u8> {
    let mut generator = Generator {
        data,
        position: 0,
        out: Vec::new(),
    };
    generator.value(Shape::Request, 0);
    generator.out
}

struct Generator<'a> {
    data: &'a [u8],
    position: usize,
    out: Vec<u8>,
}

impl Generator<'_> {
    /// Returns the next input byte, or zero once the input is used up.
    fn byte(&mut self) -> u8 {
        let byte = self.data.get(self.position).copied().unwrap_or(0);
        self.position += 1;
        byte
    }

    /// Picks an index below `count` from the next byte.
    fn pick(&mut self, count: usize) -> usize {
        usize::from(self.byte()) % count
    }

    fn value(&mut self, shape: Shape, depth: usize) {
        // One value in sixteen has a type chosen regardless of the schema.
        let shape = if self.pick(16) == 15 {
            Shape::Any
        } else {
            shape
        };
        match shape {
            Shape::Request => self.object(REQUEST_MEMBERS, depth),
            Shape::Env => self.object(ENV_MEMBERS, depth),
            Shape::NetworkVolume => self.object(NETWORK_VOLUME_MEMBERS, depth),
            Shape::VolumeMount => self.object(VOLUME_MOUNT_MEMBERS, depth),
            Shape::Envs => self.array(Shape::Env, depth),
            Shape::VolumeMounts => self.array(Shape::VolumeMount, depth),
            Shape::Text => self.text(),
            Shape::Boolean => self.literal(),
            Shape::MountType => self.mount_type(),
            Shape::Any => self.any(depth),
        }
    }

    /// Writes an object whose members come from `members`, unknown names, or are left out.
    fn object(&mut self, members: &[MemberShape], depth: usize) {
        self.out.push(b'{');
        let mut used = vec![false; members.len()];
        let mut used_unknown = [false; UNKNOWN_NAMES.len()];
        let mut first = true;
        // Zero bytes pick every member in order, so a used-up input still gives a complete object.
        let attempts = members.len() + self.pick(3);
        for _ in 0..attempts {
            let choice = self.pick(members.len() + 2);
            let (name, shape) = if choice < members.len() {
                let index = (choice + used.iter().filter(|&&taken| taken).count()) % members.len();
                if used[index] {
                    continue;
                }
                used[index] = true;
                members[index]
            } else if choice == members.len() {
                continue;
            } else {
                let index = self.pick(UNKNOWN_NAMES.len());
                if used_unknown[index] {
                    continue;
                }
                used_unknown[index] = true;
                (UNKNOWN_NAMES[index], Shape::Any)
            };
            if !first {
                self.out.push(b',');
            }
            first = false;
            self.out.push(b'"');
            self.out.extend_from_slice(name.as_bytes());
            self.out.extend_from_slice(b"\":");
            self.value(shape, depth + 1);
        }
        self.out.push(b'}');
    }

    fn array(&mut self, item: Shape, depth: usize) {
        let mut count = COUNTS[self.pick(COUNTS.len())];
        if self.out.len() > OUTPUT_BUDGET {
            count = 0;
        }
        self.out.push(b'[');
        for index in 0..count {
            if index > 0 {
                self.out.push(b',');
            }
            self.value(item, depth + 1);
        }
        self.out.push(b']');
    }

    /// Writes a string of a length next to a limit, in one of several encodings, or `null`.
    fn text(&mut self) {
        let mut length = LENGTHS[self.pick(LENGTHS.len())];
        if self.out.len() > OUTPUT_BUDGET {
            length = 0;
        }
        let unit: &[u8] = match self.pick(8) {
            0 | 1 => b"a",
            2 => "\u{6f22}".as_bytes(),
            3 => "\u{1f600}".as_bytes(),
            4 => b"\\u00e9",
            5 => b"\\ud83d\\ude00",
            6 => b"\\n",
            _ => {
                self.out.extend_from_slice(b"null");
                return;
            }
        };
        self.out.push(b'"');
        for _ in 0..length {
            self.out.extend_from_slice(unit);
        }
        self.out.push(b'"');
    }

    fn literal(&mut self) {
        let text: &[u8] = match self.pick(3) {
            0 => b"true",
            1 => b"false",
            _ => b"null",
        };
        self.out.extend_from_slice(text);
    }

    /// Writes the only accepted mount type, written plainly or with escapes, or a near miss.
    fn mount_type(&mut self) {
        let text: &[u8] = match self.pick(6) {
            0 => b"\"network\"",
            1 => b"\"netw\\u006frk\"",
            2 => b"\"Network\"",
            3 => b"\"network \"",
            4 => b"\"\"",
            _ => b"\"nfs\"",
        };
        self.out.extend_from_slice(text);
    }

    fn any(&mut self, depth: usize) {
        let kinds = if depth < MAX_ANY_DEPTH { 8 } else { 6 };
        match self.pick(kinds) {
            0 => self.out.extend_from_slice(b"null"),
            1 => self.out.extend_from_slice(b"true"),
            2 => self.out.extend_from_slice(b"-0.5e3"),
            3 => self.out.extend_from_slice(b"42"),
            4 => self.text(),
            5 => self.out.extend_from_slice(b"\"\""),
            6 => self.array(Shape::Any, depth),
            _ => self.object(&[], depth),
        }
    }
}
