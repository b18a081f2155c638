//! Seeded, deterministic generator of Upgrade Instance payloads.
//!
//! The shape and every limit come from the committed JSON Schema, so the generator contains no rule
//! of its own. It starts from a valid payload and applies mutations that walk the boundaries of
//! each rule: string lengths 0, 1, limit and limit + 1 in several scripts, wrong types, `null`,
//! missing and extra members, item counts at and over the limit, and wrong consts. The writer
//! varies the layout (one line, `\n` or `\r\n` lines) and the escaping of every string.

use serde_json::Value;

/// SplitMix64: a small generator whose sequence depends only on its seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Returns a number in `0..bound`.
    pub fn below(&mut self, bound: usize) -> usize {
        (self.next_u64() % bound as u64) as usize
    }

    pub fn one_in(&mut self, chance: usize) -> bool {
        self.below(chance) == 0
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A JSON value whose members keep their order; duplicates are possible but never generated.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    Number(&'static str),
    Str(String),
    Array(Vec<Node>),
    Object(Vec<(String, Node)>),
}

impl Node {
    fn members_mut(&mut self) -> &mut Vec<(String, Node)> {
        match self {
            Node::Object(members) => members,
            other => panic!("not an object: {other:?}"),
        }
    }

    fn member(&self, name: &str) -> Option<&Node> {
        match self {
            Node::Object(members) => members
                .iter()
                .find(|(member, _)| member == name)
                .map(|(_, value)| value),
            _ => None,
        }
    }

    /// Replaces the member `name`, or appends it when absent.
    fn set(&mut self, name: &str, value: Node) {
        let members = self.members_mut();
        match members.iter_mut().find(|(member, _)| member == name) {
            Some((_, slot)) => *slot = value,
            None => members.push((name.to_owned(), value)),
        }
    }

    fn remove(&mut self, name: &str) {
        self.members_mut().retain(|(member, _)| member != name);
    }
}

/// One step from a value to a member or an item.
#[derive(Debug, Clone)]
enum Step {
    Member(String),
    Item(usize),
}

fn node_at<'a>(root: &'a Node, path: &[Step]) -> &'a Node {
    let mut node = root;
    for step in path {
        node = match (node, step) {
            (Node::Object(_), Step::Member(name)) => {
                node.member(name).expect("the path names a member")
            }
            (Node::Array(items), Step::Item(index)) => &items[*index],
            (other, step) => panic!("{step:?} does not apply to {other:?}"),
        };
    }
    node
}

fn node_at_mut<'a>(root: &'a mut Node, path: &[Step]) -> &'a mut Node {
    let mut node = root;
    for step in path {
        node = match (node, step) {
            (Node::Object(members), Step::Member(name)) => members
                .iter_mut()
                .find(|(member, _)| member == name)
                .map(|(_, value)| value)
                .expect("the path names a member"),
            (Node::Array(items), Step::Item(index)) => &mut items[*index],
            (other, step) => panic!("{step:?} does not apply to {other:?}"),
        };
    }
    node
}

/// Rule of one member, read from the JSON Schema.
#[derive(Debug, Clone)]
pub struct FieldRule {
    pub name: String,
    pub required: bool,
    pub nullable: bool,
    pub kind: KindRule,
}

#[derive(Debug, Clone)]
pub enum KindRule {
    String {
        min: Option<usize>,
        max: Option<usize>,
        constant: Option<String>,
    },
    Boolean,
    /// An object of the named `$defs` entry; the empty name is the request body.
    Object(String),
    Array {
        min: Option<usize>,
        max: Option<usize>,
        item: String,
    },
}

/// The object types of the request and their members, as the JSON Schema states them.
#[derive(Debug, Clone)]
pub struct Rules {
    /// `""` for the request body, then each `$defs` entry.
    pub objects: Vec<(String, Vec<FieldRule>)>,
}

impl Rules {
    /// Reads the rules from a JSON Schema in the layout the code generator writes.
    pub fn from_schema(schema: &Value) -> Rules {
        let mut objects = vec![(String::new(), object_rules(schema))];
        if let Some(defs) = schema["$defs"].as_object() {
            for (name, definition) in defs {
                objects.push((name.clone(), object_rules(definition)));
            }
        }
        Rules { objects }
    }

    pub fn fields(&self, object: &str) -> &[FieldRule] {
        &self
            .objects
            .iter()
            .find(|(name, _)| name == object)
            .unwrap_or_else(|| panic!("no object type `{object}`"))
            .1
    }

    /// Returns every member rule of every object type.
    pub fn all_fields(&self) -> impl Iterator<Item = &FieldRule> {
        self.objects.iter().flat_map(|(_, fields)| fields.iter())
    }
}

fn object_rules(schema: &Value) -> Vec<FieldRule> {
    let required: Vec<&str> = schema["required"]
        .as_array()
        .map(|names| names.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let properties = schema["properties"]
        .as_object()
        .expect("an object schema has `properties`");
    properties
        .iter()
        .map(|(name, property)| {
            let types: Vec<&str> = match &property["type"] {
                Value::String(name) => vec![name.as_str()],
                Value::Array(names) => names.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            let limit = |keyword: &str| property[keyword].as_u64().map(|value| value as usize);
            let kind = if let Some(reference) = property["$ref"].as_str() {
                KindRule::Object(def_name(reference))
            } else if types.contains(&"string") {
                KindRule::String {
                    min: limit("minLength"),
                    max: limit("maxLength"),
                    constant: property["const"].as_str().map(str::to_owned),
                }
            } else if types.contains(&"boolean") {
                KindRule::Boolean
            } else if types.contains(&"array") {
                KindRule::Array {
                    min: limit("minItems"),
                    max: limit("maxItems"),
                    item: def_name(
                        property["items"]["$ref"]
                            .as_str()
                            .expect("array items are a `$ref`"),
                    ),
                }
            } else {
                panic!("member `{name}` has a schema the generator does not know: {property}")
            };
            FieldRule {
                name: name.clone(),
                required: required.contains(&name.as_str()),
                nullable: types.contains(&"null"),
                kind,
            }
        })
        .collect()
}

fn def_name(reference: &str) -> String {
    reference
        .strip_prefix("#/$defs/")
        .unwrap_or_else(|| panic!("unexpected reference {reference}"))
        .to_owned()
}

/// Characters a generated string is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Printable ASCII with quotes, backslashes, slashes and control characters among it.
    Ascii,
    /// CJK ideographs: three UTF-8 bytes, one UTF-16 unit.
    Cjk,
    /// Characters outside the Basic Multilingual Plane, mostly emoji: four bytes, a surrogate pair.
    Astral,
    /// Letters each followed by a combining mark: two scalar values per visible character.
    Combining,
    Mixed,
}

pub const SCRIPTS: [Script; 5] = [
    Script::Ascii,
    Script::Cjk,
    Script::Astral,
    Script::Combining,
    Script::Mixed,
];

/// Generates a string of exactly `length` Unicode scalar values.
pub fn text(rng: &mut Rng, script: Script, length: usize) -> String {
    (0..length)
        .map(|index| scalar(rng, script, index))
        .collect()
}

fn scalar(rng: &mut Rng, script: Script, index: usize) -> char {
    let code = match script {
        Script::Ascii => match rng.below(20) {
            0 => *rng.pick(&[0x22, 0x5C, 0x2F, 0x0A, 0x09, 0x01, 0x7F]),
            _ => 0x20 + rng.below(0x5F) as u32,
        },
        Script::Cjk => 0x4E00 + rng.below(0x5200) as u32,
        Script::Astral => match rng.below(4) {
            0 => 0x20000 + rng.below(0xA6E0) as u32,
            1 => 0x10000 + rng.below(0xF0000) as u32,
            _ => 0x1F300 + rng.below(0x300) as u32,
        },
        Script::Combining if index.is_multiple_of(2) => u32::from(b'a') + rng.below(26) as u32,
        Script::Combining => 0x0300 + rng.below(0x70) as u32,
        Script::Mixed => {
            let script = *rng.pick(&SCRIPTS[..4]);
            return scalar(rng, script, index);
        }
    };
    char::from_u32(code).expect("the ranges hold scalar values only")
}

/// How the writer lays out a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    OneLine,
    Lines { line_break: &'static str },
}

/// Which characters of strings and member names the writer escapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escaping {
    /// Only what JSON requires: quotes, backslashes and control characters.
    Required,
    /// Also every non-ASCII character, as `\uXXXX` or a surrogate pair.
    NonAscii,
    /// Also a random share of every other character, including `\/`.
    Random,
}

/// Writes `node` as JSON text.
pub fn write(node: &Node, layout: Layout, escaping: Escaping, rng: &mut Rng) -> String {
    let mut writer = Writer {
        out: String::new(),
        layout,
        escaping,
        rng,
    };
    writer.value(node, 0);
    writer.out
}

struct Writer<'a> {
    out: String,
    layout: Layout,
    escaping: Escaping,
    rng: &'a mut Rng,
}

impl Writer<'_> {
    fn line(&mut self, depth: usize) {
        if let Layout::Lines { line_break } = self.layout {
            self.out.push_str(line_break);
            self.out.push_str(&"  ".repeat(depth));
        }
    }

    fn value(&mut self, node: &Node, depth: usize) {
        match node {
            Node::Null => self.out.push_str("null"),
            Node::Bool(value) => self.out.push_str(if *value { "true" } else { "false" }),
            Node::Number(text) => self.out.push_str(text),
            Node::Str(text) => self.string(text),
            Node::Array(items) => {
                self.out.push('[');
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        self.out.push(',');
                    }
                    self.line(depth + 1);
                    self.value(item, depth + 1);
                }
                if !items.is_empty() {
                    self.line(depth);
                }
                self.out.push(']');
            }
            Node::Object(members) => {
                self.out.push('{');
                for (index, (name, value)) in members.iter().enumerate() {
                    if index > 0 {
                        self.out.push(',');
                    }
                    self.line(depth + 1);
                    self.string(name);
                    self.out.push(':');
                    if self.layout != Layout::OneLine {
                        self.out.push(' ');
                    }
                    self.value(value, depth + 1);
                }
                if !members.is_empty() {
                    self.line(depth);
                }
                self.out.push('}');
            }
        }
    }

    fn string(&mut self, text: &str) {
        self.out.push('"');
        for c in text.chars() {
            let escape = match self.escaping {
                Escaping::Required => false,
                Escaping::NonAscii => !c.is_ascii(),
                Escaping::Random => self.rng.one_in(4),
            };
            self.character(c, escape);
        }
        self.out.push('"');
    }

    fn character(&mut self, c: char, escape: bool) {
        match c {
            '"' => self.out.push_str("\\\""),
            '\\' => self.out.push_str("\\\\"),
            '\n' => self.out.push_str("\\n"),
            '\t' => self.out.push_str("\\t"),
            '/' if escape => self.out.push_str("\\/"),
            c if (c as u32) < 0x20 || escape => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    if self.rng.one_in(2) {
                        self.out.push_str(&format!("\\u{unit:04x}"));
                    } else {
                        self.out.push_str(&format!("\\u{unit:04X}"));
                    }
                }
            }
            c => self.out.push(c),
        }
    }
}

/// Number literals that generated values use, with a fraction, an exponent and a sign.
const NUMBERS: [&str; 6] = ["0", "-1", "3.5", "1e3", "-0.0", "100"];

/// Builds payloads from the rules.
pub struct Generator {
    pub rules: Rules,
    pub rng: Rng,
}

impl Generator {
    pub fn new(rules: Rules, seed: u64) -> Generator {
        Generator {
            rules,
            rng: Rng::new(seed),
        }
    }

    /// Builds a valid payload with short strings and few items.
    pub fn valid(&mut self) -> Node {
        self.valid_object("")
    }

    fn valid_object(&mut self, object: &str) -> Node {
        let fields = self.rules.fields(object).to_vec();
        let mut members = Vec::new();
        for field in &fields {
            if !field.required && self.rng.one_in(3) {
                continue;
            }
            let value = if field.nullable && self.rng.one_in(4) {
                Node::Null
            } else {
                self.valid_value(&field.kind)
            };
            members.push((field.name.clone(), value));
        }
        if self.rng.one_in(3) {
            // Member order carries no meaning.
            members.reverse();
        }
        Node::Object(members)
    }

    fn valid_value(&mut self, kind: &KindRule) -> Node {
        match kind {
            KindRule::String {
                constant: Some(constant),
                ..
            } => Node::Str(constant.clone()),
            KindRule::String { min, max, .. } => {
                let low = min.unwrap_or(0);
                let high = max.unwrap_or(usize::MAX).min(low + 12);
                let length = low + self.rng.below(high - low + 1);
                let script = *self.rng.pick(&SCRIPTS);
                Node::Str(text(&mut self.rng, script, length))
            }
            KindRule::Boolean => Node::Bool(self.rng.one_in(2)),
            KindRule::Object(object) => self.valid_object(object),
            KindRule::Array { min, max, item } => {
                let low = min.unwrap_or(0);
                let high = max.unwrap_or(usize::MAX).min(low + 3);
                let count = low + self.rng.below(high - low + 1);
                Node::Array((0..count).map(|_| self.valid_object(item)).collect())
            }
        }
    }

    /// Lists every object of the payload with the path to it and its object type.
    fn objects(&self, root: &Node) -> Vec<(Vec<Step>, String)> {
        let mut found = Vec::new();
        self.collect_objects(root, "", Vec::new(), &mut found);
        found
    }

    fn collect_objects(
        &self,
        node: &Node,
        object: &str,
        path: Vec<Step>,
        found: &mut Vec<(Vec<Step>, String)>,
    ) {
        if !matches!(node, Node::Object(_)) {
            return;
        }
        found.push((path.clone(), object.to_owned()));
        for field in self.rules.fields(object) {
            let Some(value) = node.member(&field.name) else {
                continue;
            };
            let mut child = path.clone();
            child.push(Step::Member(field.name.clone()));
            match (&field.kind, value) {
                (KindRule::Object(inner), _) => self.collect_objects(value, inner, child, found),
                (KindRule::Array { item, .. }, Node::Array(items)) => {
                    for (index, item_node) in items.iter().enumerate() {
                        let mut item_path = child.clone();
                        item_path.push(Step::Item(index));
                        self.collect_objects(item_node, item, item_path, found);
                    }
                }
                _ => {}
            }
        }
    }

    /// Lists every member slot, present or not, of every object of the payload.
    fn slots(&self, root: &Node) -> Vec<(Vec<Step>, FieldRule)> {
        self.objects(root)
            .into_iter()
            .flat_map(|(path, object)| {
                self.rules
                    .fields(&object)
                    .iter()
                    .map(move |field| (path.clone(), field.clone()))
            })
            .collect()
    }

    /// Builds a payload: a valid one, then up to three mutations.
    pub fn payload(&mut self) -> Node {
        let mut root = self.valid();
        let mutations = self.rng.below(4);
        for _ in 0..mutations {
            self.mutate(&mut root);
        }
        if self.rng.one_in(300) {
            root = self.other_type(None);
        }
        root
    }

    /// Applies one random mutation; payloads that are no longer objects stay as they are.
    pub fn mutate(&mut self, root: &mut Node) {
        if !matches!(root, Node::Object(_)) {
            return;
        }
        let slots = self.slots(root);
        match self.rng.below(9) {
            0 | 1 => {
                let bounded: Vec<_> = slots
                    .iter()
                    .filter(|(_, field)| {
                        matches!(field.kind, KindRule::String { min, max, .. } if min.is_some() || max.is_some())
                    })
                    .collect();
                let (path, field) = (*self.rng.pick(&bounded)).clone();
                let length = *self.rng.pick(&boundary_lengths(&field.kind));
                let script = *self.rng.pick(&SCRIPTS);
                let value = Node::Str(text(&mut self.rng, script, length));
                node_at_mut(root, &path).set(&field.name, value);
            }
            2 => {
                let (path, field) = self.rng.pick(&slots).clone();
                let value = self.other_type(Some(&field.kind));
                node_at_mut(root, &path).set(&field.name, value);
            }
            3 => {
                let (path, field) = self.rng.pick(&slots).clone();
                node_at_mut(root, &path).set(&field.name, Node::Null);
            }
            4 => {
                let (path, field) = self.rng.pick(&slots).clone();
                node_at_mut(root, &path).remove(&field.name);
            }
            5 => {
                let objects = self.objects(root);
                let (path, object) = self.rng.pick(&objects).clone();
                let target = node_at_mut(root, &path);
                let name = self.extra_name(&object, target);
                let value = self.any_value(2);
                target.set(&name, value);
            }
            6 => {
                let arrays: Vec<_> = slots
                    .iter()
                    .filter(|(_, field)| matches!(field.kind, KindRule::Array { .. }))
                    .collect();
                let (path, field) = (*self.rng.pick(&arrays)).clone();
                let KindRule::Array { item, .. } = &field.kind else {
                    unreachable!()
                };
                let count = *self.rng.pick(&boundary_counts(&field.kind));
                let items = (0..count).map(|_| self.small_object(item)).collect();
                node_at_mut(root, &path).set(&field.name, Node::Array(items));
            }
            7 => {
                let arrays: Vec<_> = slots
                    .iter()
                    .filter(|(path, field)| {
                        matches!(field.kind, KindRule::Array { .. })
                            && matches!(
                                node_at(root, path).member(&field.name),
                                Some(Node::Array(items)) if !items.is_empty()
                            )
                    })
                    .cloned()
                    .collect();
                if arrays.is_empty() {
                    return;
                }
                let (mut path, field) = self.rng.pick(&arrays).clone();
                path.push(Step::Member(field.name.clone()));
                let Node::Array(items) = node_at_mut(root, &path) else {
                    unreachable!()
                };
                let index = self.rng.below(items.len());
                items[index] = self.other_type(Some(&KindRule::Object(String::new())));
            }
            _ => {
                let constants: Vec<_> = slots
                    .iter()
                    .filter(|(_, field)| {
                        matches!(
                            field.kind,
                            KindRule::String {
                                constant: Some(_),
                                ..
                            }
                        )
                    })
                    .collect();
                if constants.is_empty() {
                    return;
                }
                let (path, field) = (*self.rng.pick(&constants)).clone();
                let KindRule::String {
                    constant: Some(constant),
                    ..
                } = &field.kind
                else {
                    unreachable!()
                };
                let variants = [
                    constant.to_uppercase(),
                    String::new(),
                    format!("{constant} "),
                    format!("{constant}\u{0}"),
                    constant.chars().rev().collect(),
                    format!("{constant}\u{301}"),
                    constant.clone(),
                ];
                let value = Node::Str(self.rng.pick(&variants).clone());
                node_at_mut(root, &path).set(&field.name, value);
            }
        }
    }

    /// Builds an item with the required members only, so long arrays stay small.
    fn small_object(&mut self, object: &str) -> Node {
        let fields = self.rules.fields(object).to_vec();
        let members = fields
            .iter()
            .filter(|field| field.required)
            .map(|field| (field.name.clone(), self.valid_value(&field.kind)))
            .collect();
        Node::Object(members)
    }

    /// Builds a value whose JSON type differs from the one `kind` expects, never `null`.
    fn other_type(&mut self, kind: Option<&KindRule>) -> Node {
        loop {
            let value = self.any_value(1);
            let same = matches!(
                (kind, &value),
                (_, Node::Null)
                    | (Some(KindRule::String { .. }), Node::Str(_))
                    | (Some(KindRule::Boolean), Node::Bool(_))
                    | (Some(KindRule::Object(_)), Node::Object(_))
                    | (Some(KindRule::Array { .. }), Node::Array(_))
                    | (None, Node::Object(_))
            );
            if !same {
                return value;
            }
        }
    }

    /// Builds a value of any type, nested at most `depth` levels.
    fn any_value(&mut self, depth: usize) -> Node {
        let choices = if depth == 0 { 4 } else { 6 };
        match self.rng.below(choices) {
            0 => Node::Null,
            1 => Node::Bool(self.rng.one_in(2)),
            2 => Node::Number(NUMBERS[self.rng.below(NUMBERS.len())]),
            3 => {
                let script = *self.rng.pick(&SCRIPTS);
                let length = self.rng.below(6);
                Node::Str(text(&mut self.rng, script, length))
            }
            4 => {
                let count = self.rng.below(3);
                Node::Array((0..count).map(|_| self.any_value(depth - 1)).collect())
            }
            _ => {
                let count = self.rng.below(3);
                let members = (0..count)
                    .map(|index| (format!("m{index}"), self.any_value(depth - 1)))
                    .collect();
                Node::Object(members)
            }
        }
    }

    /// Picks a member name the object type does not define and `target` does not hold: a typo of
    /// a defined name, or a name with characters that pointers and positions must handle.
    fn extra_name(&mut self, object: &str, target: &Node) -> String {
        let defined: Vec<String> = self
            .rules
            .fields(object)
            .iter()
            .map(|field| field.name.clone())
            .collect();
        loop {
            let base = self.rng.pick(&defined).clone();
            let name = match self.rng.below(8) {
                0 => base.to_uppercase(),
                1 => base[..base.len() - 1].to_owned(),
                2 => format!("{base}s"),
                3 => {
                    let mut chars: Vec<char> = base.chars().collect();
                    chars.swap(0, 1);
                    chars.into_iter().collect()
                }
                4 => snake_case(&base),
                5 => self
                    .rng
                    .pick(&[
                        "a/b",
                        "~1",
                        "x~y/z",
                        "",
                        " ",
                        "名字",
                        "🚀键",
                        "x\"y",
                        "back\\slash",
                    ])
                    .to_string(),
                6 => {
                    let script = *self.rng.pick(&SCRIPTS);
                    let length = 1 + self.rng.below(5);
                    text(&mut self.rng, script, length)
                }
                _ => format!("{base}Extra"),
            };
            if !defined.contains(&name) && target.member(&name).is_none() {
                return name;
            }
        }
    }
}

/// Turns `mountPath` into `mount_path`.
fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Returns the string lengths worth testing for a rule: 0, 1, each limit and one past it.
pub fn boundary_lengths(kind: &KindRule) -> Vec<usize> {
    let KindRule::String { min, max, .. } = kind else {
        panic!("not a string rule: {kind:?}")
    };
    let mut lengths = vec![0, 1];
    if let Some(min) = min {
        lengths.extend([min.saturating_sub(1), *min]);
    }
    if let Some(max) = max {
        lengths.extend([*max, max + 1]);
    }
    lengths.sort_unstable();
    lengths.dedup();
    lengths
}

/// Returns the item counts worth testing for a rule: 0, each limit and one past it.
pub fn boundary_counts(kind: &KindRule) -> Vec<usize> {
    let KindRule::Array { min, max, .. } = kind else {
        panic!("not an array rule: {kind:?}")
    };
    let mut counts = vec![0];
    if let Some(min) = min {
        counts.extend([min.saturating_sub(1), *min]);
    }
    if let Some(max) = max {
        counts.extend([*max, max + 1]);
    }
    counts.sort_unstable();
    counts.dedup();
    counts
}

/// Builds the boundary sweep: for each bounded string member of `base`, each boundary length,
/// each script and each escaping, one payload with that string changed.
pub fn boundary_sweep(generator: &mut Generator, base: &Node) -> Vec<(Node, Escaping)> {
    let mut payloads = Vec::new();
    for (path, field) in generator.slots(base) {
        if !matches!(field.kind, KindRule::String { min, max, .. } if min.is_some() || max.is_some())
        {
            continue;
        }
        for length in boundary_lengths(&field.kind) {
            for script in SCRIPTS {
                for escaping in [Escaping::Required, Escaping::NonAscii, Escaping::Random] {
                    let mut payload = base.clone();
                    let value = Node::Str(text(&mut generator.rng, script, length));
                    node_at_mut(&mut payload, &path).set(&field.name, value);
                    payloads.push((payload, escaping));
                }
            }
        }
    }
    payloads
}

/// Picks a layout and an escaping at random.
pub fn random_style(rng: &mut Rng) -> (Layout, Escaping) {
    let layout = *rng.pick(&[
        Layout::OneLine,
        Layout::Lines { line_break: "\n" },
        Layout::Lines { line_break: "\r\n" },
    ]);
    let escaping = *rng.pick(&[Escaping::Required, Escaping::NonAscii, Escaping::Random]);
    (layout, escaping)
}

/// Builds a valid payload in which every object type with items has at least one, so every
/// member of every object type appears somewhere.
pub fn full_payload(generator: &mut Generator) -> Node {
    let object_types = generator.rules.objects.len();
    loop {
        let payload = generator.valid();
        let mut seen: Vec<String> = generator
            .objects(&payload)
            .into_iter()
            .map(|(_, object)| object)
            .collect();
        seen.sort();
        seen.dedup();
        if seen.len() == object_types {
            return payload;
        }
    }
}
