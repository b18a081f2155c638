//! The checked, resolved model of a field-definition file.

/// Text in English and in Simplified Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub en: String,
    pub zh: String,
}

/// The request as a whole: endpoint, headers and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    pub request: Request,
    pub headers: Vec<HeaderDef>,
    /// Object types of the body; index 0 is the body itself, the others follow in file order.
    pub objects: Vec<ObjectDef>,
}

/// Endpoint facts of the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Rust type name of the body.
    pub type_name: String,
    pub method: String,
    pub path: String,
    pub title: Text,
    pub description: Text,
}

/// One request header and its rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderDef {
    pub name: String,
    pub required: bool,
    pub rule: HeaderRule,
    pub description: Text,
}

/// Rule for the value of a header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderRule {
    /// A media type, compared case-insensitively; parameters such as `charset` are allowed.
    MediaType(String),
    /// An authentication scheme, compared case-insensitively, followed by a non-empty token.
    Scheme(String),
}

/// Index of an object type in [`Definition::objects`].
pub type ObjectId = usize;

/// An object type of the body: a JSON object with a fixed set of members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectDef {
    /// Rust type name, such as `VolumeMount`.
    pub type_name: String,
    /// Dotted path of the field whose value (or array item) this object is; empty for the body.
    pub path: String,
    pub description: Text,
    pub fields: Vec<FieldDef>,
}

/// One member of an object type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDef {
    /// Member name in JSON, such as `mountPath`.
    pub json_name: String,
    /// Field name in Rust, such as `mount_path`.
    pub rust_name: String,
    /// Dotted path as written in the definition file, such as `networkVolume.volumeMounts[].mountPath`.
    pub path: String,
    /// Position of the field's entry in the definition file, counting from 0.
    pub index: usize,
    pub required: bool,
    pub kind: FieldKind,
    pub description: Text,
}

/// Type of a member and the rule its value follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    String(StringRule),
    Boolean,
    Object(ObjectId),
    /// An array whose items are objects of the given type.
    ObjectArray(ObjectId, ArrayRule),
}

/// Rule of a string member. Lengths count Unicode scalar values.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StringRule {
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    /// The only value accepted, when set.
    pub constant: Option<String>,
    /// Default named by the API reference; an annotation, never applied.
    pub default: Option<String>,
}

/// Rule of an array member.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ArrayRule {
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
}

impl Definition {
    /// Returns the object type of the body.
    pub fn root(&self) -> &ObjectDef {
        &self.objects[0]
    }

    /// Returns every field of every object type, with the object it belongs to, in file order.
    pub fn fields(&self) -> Vec<(&ObjectDef, &FieldDef)> {
        let mut fields: Vec<_> = self
            .objects
            .iter()
            .flat_map(|object| object.fields.iter().map(move |field| (object, field)))
            .collect();
        fields.sort_by_key(|(_, field)| field.index);
        fields
    }
}
