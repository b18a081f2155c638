//! Strict reader: TOML text to a checked [`Definition`], or an error with `file:line:column`.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Range;

use heck::ToSnakeCase;
use serde::Deserialize;
use toml::Spanned;

use crate::model::{
    ArrayRule, Definition, FieldDef, FieldKind, HeaderDef, HeaderRule, ObjectDef, ObjectId,
    Request, StringRule, Text,
};

/// A problem in a field-definition file, located by line and column (both 1-based, columns in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefinitionError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// How to fix it, when the reader can tell.
    pub help: Option<String>,
}

impl fmt::Display for DefinitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: error: {}",
            self.file, self.line, self.column, self.message
        )?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DefinitionError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    request: RawRequest,
    #[serde(default)]
    header: Vec<Spanned<RawHeader>>,
    field: Vec<Spanned<RawField>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequest {
    name: Spanned<String>,
    method: String,
    path: String,
    title: RawText,
    description: RawText,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText {
    en: String,
    zh: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    name: Spanned<String>,
    required: bool,
    media_type: Option<String>,
    scheme: Option<String>,
    description: RawText,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawField {
    path: Spanned<String>,
    #[serde(rename = "type")]
    kind: Spanned<String>,
    required: bool,
    min_length: Option<Spanned<u64>>,
    max_length: Option<Spanned<u64>>,
    #[serde(rename = "const")]
    constant: Option<Spanned<String>>,
    default: Option<Spanned<String>>,
    items: Option<Spanned<String>>,
    type_name: Option<Spanned<String>>,
    min_items: Option<Spanned<u64>>,
    max_items: Option<Spanned<u64>>,
    description: RawText,
    item_description: Option<Spanned<RawText>>,
}

impl From<RawText> for Text {
    fn from(raw: RawText) -> Self {
        Text {
            en: raw.en,
            zh: raw.zh,
        }
    }
}

/// Parses and checks a field-definition file.
///
/// `file` names the file in error messages. Every structural mistake (unknown key, wrong type,
/// `min > max`, a field whose parent is missing, a path defined twice, a rule on the wrong type)
/// is returned as a [`DefinitionError`] that points at the offending key or value.
pub fn parse(file: &str, text: &str) -> Result<Definition, DefinitionError> {
    let locate = |span: Range<usize>, message: String, help: Option<&str>| {
        let (line, column) = line_column(text, span.start);
        DefinitionError {
            file: file.to_owned(),
            line,
            column,
            message,
            help: help.map(str::to_owned),
        }
    };

    let raw: RawFile = toml::from_str(text).map_err(|error| {
        let span = error.span().unwrap_or(0..0);
        let message = error.message().trim_end_matches('\n').to_owned();
        let help = if message.contains("unknown field") {
            Some("remove the key or correct its spelling; the keys are listed in schema/README.md")
        } else if message.contains("invalid type") {
            Some("write the value as the type this key takes; schema/README.md lists each key's type")
        } else if message.contains("missing field") {
            Some("add the key; schema/README.md lists the keys each entry needs")
        } else {
            None
        };
        locate(span, message, help)
    })?;

    Builder {
        locate: &locate,
        objects: Vec::new(),
        by_path: HashMap::new(),
    }
    .build(raw)
}

/// Kind of a defined field, used to resolve the parents of later fields.
enum Slot {
    /// A scalar field: it cannot have children.
    Leaf,
    /// An object field, or an array of objects (children then use `name[]`).
    Container { object: ObjectId, is_array: bool },
}

struct Builder<'a, F> {
    locate: &'a F,
    objects: Vec<ObjectDef>,
    by_path: HashMap<String, Slot>,
}

impl<F> Builder<'_, F>
where
    F: Fn(Range<usize>, String, Option<&str>) -> DefinitionError,
{
    fn error(&self, span: Range<usize>, message: String, help: &str) -> DefinitionError {
        (self.locate)(span, message, Some(help))
    }

    fn build(mut self, raw: RawFile) -> Result<Definition, DefinitionError> {
        let type_name = raw.request.name.get_ref().clone();
        check_type_name(&type_name).map_err(|message| {
            self.error(
                raw.request.name.span(),
                message,
                "use an UpperCamelCase Rust type name",
            )
        })?;
        let request = Request {
            type_name: type_name.clone(),
            method: raw.request.method,
            path: raw.request.path,
            title: raw.request.title.into(),
            description: raw.request.description.into(),
        };
        self.objects.push(ObjectDef {
            type_name,
            path: String::new(),
            description: request.description.clone(),
            fields: Vec::new(),
        });

        let headers = self.build_headers(raw.header)?;
        for field in raw.field {
            self.add_field(field)?;
        }
        self.check_names()?;

        Ok(Definition {
            request,
            headers,
            objects: self.objects,
        })
    }

    fn build_headers(
        &self,
        raw: Vec<Spanned<RawHeader>>,
    ) -> Result<Vec<HeaderDef>, DefinitionError> {
        let mut seen = HashSet::new();
        let mut headers = Vec::new();
        for spanned in raw {
            let span = spanned.span();
            let header = spanned.into_inner();
            let name = header.name.get_ref().clone();
            if !seen.insert(name.to_ascii_lowercase()) {
                return Err(self.error(
                    header.name.span(),
                    format!("header `{name}` is defined twice"),
                    "remove one of the two [[header]] entries",
                ));
            }
            let rule = match (header.media_type, header.scheme) {
                (Some(media_type), None) => HeaderRule::MediaType(media_type),
                (None, Some(scheme)) => HeaderRule::Scheme(scheme),
                _ => {
                    return Err(self.error(
                        span,
                        format!("header `{name}` needs exactly one of `media_type` and `scheme`"),
                        "set `media_type` for a content type or `scheme` for an authentication scheme",
                    ));
                }
            };
            headers.push(HeaderDef {
                name,
                required: header.required,
                rule,
                description: header.description.into(),
            });
        }
        Ok(headers)
    }

    fn add_field(&mut self, spanned: Spanned<RawField>) -> Result<(), DefinitionError> {
        let raw = spanned.into_inner();
        let path = raw.path.get_ref().clone();
        let path_span = raw.path.span();

        let (parent_path, name) = match path.rsplit_once('.') {
            Some((parent, name)) => (Some(parent), name),
            None => (None, path.as_str()),
        };
        check_member_name(name).map_err(|message| {
            self.error(
                path_span.clone(),
                message,
                "write the path as dot-separated member names, with `[]` after an array: `envs[].key`",
            )
        })?;
        if self.by_path.contains_key(&path) {
            return Err(self.error(
                path_span,
                format!("field `{path}` is defined twice"),
                "remove one of the two [[field]] entries",
            ));
        }
        let owner = match parent_path {
            None => 0,
            Some(parent) => self.resolve_parent(parent, &path, path_span.clone())?,
        };

        let kind = self.build_kind(&raw, &path)?;
        let slot = match &kind {
            FieldKind::Object(object) => Slot::Container {
                object: *object,
                is_array: false,
            },
            FieldKind::ObjectArray(object, _) => Slot::Container {
                object: *object,
                is_array: true,
            },
            FieldKind::String(_) | FieldKind::Boolean => Slot::Leaf,
        };
        self.by_path.insert(path.clone(), slot);

        let index = self.by_path.len() - 1;
        self.objects[owner].fields.push(FieldDef {
            json_name: name.to_owned(),
            rust_name: rust_field_name(name),
            path,
            index,
            required: raw.required,
            kind,
            description: raw.description.into(),
        });
        Ok(())
    }

    /// Finds the object type that a field with parent path `parent` belongs to.
    fn resolve_parent(
        &self,
        parent: &str,
        path: &str,
        span: Range<usize>,
    ) -> Result<ObjectId, DefinitionError> {
        let (container, wants_array) = match parent.strip_suffix("[]") {
            Some(array) => (array, true),
            None => (parent, false),
        };
        match self.by_path.get(container) {
            None => Err(self.error(
                span,
                format!("parent `{container}` of field `{path}` is not defined"),
                "define the parent field in an earlier [[field]] entry",
            )),
            Some(Slot::Leaf) => Err(self.error(
                span,
                format!(
                    "parent `{container}` of field `{path}` is not an object or an array of objects"
                ),
                "only objects and arrays of objects have members",
            )),
            Some(Slot::Container { object, is_array }) if *is_array == wants_array => Ok(*object),
            Some(Slot::Container { is_array: true, .. }) => Err(self.error(
                span,
                format!("parent `{container}` of field `{path}` is an array"),
                &format!("name the members of its items as `{container}[].member`"),
            )),
            Some(Slot::Container {
                is_array: false, ..
            }) => Err(self.error(
                span,
                format!("parent `{container}` of field `{path}` is an object, not an array"),
                &format!("drop the `[]`: `{container}.member`"),
            )),
        }
    }

    fn build_kind(&mut self, raw: &RawField, path: &str) -> Result<FieldKind, DefinitionError> {
        let kind_name = raw.kind.get_ref().as_str();
        let only = |this: &Self, span: Range<usize>, key: &str, types: &str| {
            this.error(
                span,
                format!("`{key}` is not allowed on field `{path}` of type `{kind_name}`"),
                &format!("`{key}` applies only to {types} fields; remove it"),
            )
        };

        if kind_name != "string" {
            for (key, span) in [
                ("min_length", raw.min_length.as_ref().map(Spanned::span)),
                ("max_length", raw.max_length.as_ref().map(Spanned::span)),
                ("const", raw.constant.as_ref().map(Spanned::span)),
                ("default", raw.default.as_ref().map(Spanned::span)),
            ] {
                if let Some(span) = span {
                    return Err(only(self, span, key, "string"));
                }
            }
        }
        if kind_name != "array" {
            for (key, span) in [
                ("items", raw.items.as_ref().map(Spanned::span)),
                ("min_items", raw.min_items.as_ref().map(Spanned::span)),
                ("max_items", raw.max_items.as_ref().map(Spanned::span)),
                (
                    "item_description",
                    raw.item_description.as_ref().map(Spanned::span),
                ),
            ] {
                if let Some(span) = span {
                    return Err(only(self, span, key, "array"));
                }
            }
        }
        if !matches!(kind_name, "object" | "array")
            && let Some(type_name) = &raw.type_name
        {
            return Err(only(
                self,
                type_name.span(),
                "type_name",
                "object and array",
            ));
        }

        match kind_name {
            "string" => self.build_string_rule(raw, path).map(FieldKind::String),
            "boolean" => Ok(FieldKind::Boolean),
            "object" => {
                let object = self.new_object(
                    raw,
                    path,
                    raw.description.en.clone(),
                    raw.description.zh.clone(),
                )?;
                Ok(FieldKind::Object(object))
            }
            "array" => {
                match &raw.items {
                    Some(items) if items.get_ref() == "object" => {}
                    Some(items) => {
                        return Err(self.error(
                            items.span(),
                            format!(
                                "array items of type `{}` are not supported",
                                items.get_ref()
                            ),
                            "set `items = \"object\"`: the request has arrays of objects only",
                        ));
                    }
                    None => {
                        return Err(self.error(
                            raw.kind.span(),
                            format!("array field `{path}` has no `items`"),
                            "add `items = \"object\"` and a `type_name` for the items",
                        ));
                    }
                }
                let rule = ArrayRule {
                    min_items: raw.min_items.as_ref().map(|value| *value.get_ref()),
                    max_items: raw.max_items.as_ref().map(|value| *value.get_ref()),
                };
                if let (Some(min), Some(max)) = (&raw.min_items, &raw.max_items)
                    && min.get_ref() > max.get_ref()
                {
                    return Err(self.error(
                        min.span(),
                        format!(
                            "`min_items` ({}) is greater than `max_items` ({})",
                            min.get_ref(),
                            max.get_ref()
                        ),
                        "lower `min_items` or raise `max_items`",
                    ));
                }
                let (en, zh) = match &raw.item_description {
                    Some(text) => (text.get_ref().en.clone(), text.get_ref().zh.clone()),
                    None => (raw.description.en.clone(), raw.description.zh.clone()),
                };
                let object = self.new_object(raw, &format!("{path}[]"), en, zh)?;
                Ok(FieldKind::ObjectArray(object, rule))
            }
            other => Err(self.error(
                raw.kind.span(),
                format!("unknown field type `{other}`"),
                "use one of `string`, `boolean`, `object` and `array`",
            )),
        }
    }

    fn build_string_rule(&self, raw: &RawField, path: &str) -> Result<StringRule, DefinitionError> {
        let rule = StringRule {
            min_length: raw.min_length.as_ref().map(|value| *value.get_ref()),
            max_length: raw.max_length.as_ref().map(|value| *value.get_ref()),
            constant: raw.constant.as_ref().map(|value| value.get_ref().clone()),
            default: raw.default.as_ref().map(|value| value.get_ref().clone()),
        };
        if let (Some(min), Some(max)) = (&raw.min_length, &raw.max_length)
            && min.get_ref() > max.get_ref()
        {
            return Err(self.error(
                min.span(),
                format!(
                    "`min_length` ({}) is greater than `max_length` ({})",
                    min.get_ref(),
                    max.get_ref()
                ),
                "lower `min_length` or raise `max_length`",
            ));
        }
        for (key, value) in [("const", &raw.constant), ("default", &raw.default)] {
            let Some(value) = value else { continue };
            let length = value.get_ref().chars().count() as u64;
            let too_short = rule.min_length.is_some_and(|min| length < min);
            let too_long = rule.max_length.is_some_and(|max| length > max);
            if too_short || too_long {
                return Err(self.error(
                    value.span(),
                    format!(
                        "`{key}` of field `{path}` breaks its own length rule ({length} characters)"
                    ),
                    "make the value fit `min_length` and `max_length`, or change the bounds",
                ));
            }
        }
        Ok(rule)
    }

    fn new_object(
        &mut self,
        raw: &RawField,
        path: &str,
        en: String,
        zh: String,
    ) -> Result<ObjectId, DefinitionError> {
        let Some(type_name) = &raw.type_name else {
            return Err(self.error(
                raw.kind.span(),
                format!(
                    "field `{}` needs a `type_name` for its object type",
                    raw.path.get_ref()
                ),
                "add `type_name = \"UpperCamelCase\"`",
            ));
        };
        check_type_name(type_name.get_ref()).map_err(|message| {
            self.error(
                type_name.span(),
                message,
                "use an UpperCamelCase Rust type name",
            )
        })?;
        if self
            .objects
            .iter()
            .any(|object| &object.type_name == type_name.get_ref())
        {
            return Err(self.error(
                type_name.span(),
                format!("type name `{}` is defined twice", type_name.get_ref()),
                "give each object type its own name",
            ));
        }
        self.objects.push(ObjectDef {
            type_name: type_name.get_ref().clone(),
            path: path.to_owned(),
            description: Text { en, zh },
            fields: Vec::new(),
        });
        Ok(self.objects.len() - 1)
    }

    /// Rejects two members whose Rust field names collide, such as `imageURL` and `imageUrl`.
    fn check_names(&self) -> Result<(), DefinitionError> {
        for object in &self.objects {
            let mut seen: HashMap<&str, &str> = HashMap::new();
            for field in &object.fields {
                if let Some(first) = seen.insert(&field.rust_name, &field.path) {
                    return Err((self.locate)(
                        0..0,
                        format!(
                            "fields `{first}` and `{}` both become the Rust field `{}`",
                            field.path, field.rust_name
                        ),
                        Some("rename one of the two members"),
                    ));
                }
            }
        }
        Ok(())
    }
}

fn check_member_name(name: &str) -> Result<(), String> {
    let mut chars = name.chars();
    let valid = chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if valid {
        Ok(())
    } else {
        Err(format!("invalid member name `{name}`"))
    }
}

fn check_type_name(name: &str) -> Result<(), String> {
    let valid = name
        .chars()
        .next()
        .is_some_and(|first| first.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric());
    if valid {
        Ok(())
    } else {
        Err(format!("invalid type name `{name}`"))
    }
}

/// Turns a JSON member name into a Rust field name: `mountPath` becomes `mount_path`, `type` becomes `type_`.
fn rust_field_name(json_name: &str) -> String {
    let snake = json_name.to_snake_case();
    const KEYWORDS: &[&str] = &[
        "as", "async", "await", "box", "break", "const", "continue", "crate", "dyn", "else",
        "enum", "extern", "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match",
        "mod", "move", "mut", "pub", "ref", "return", "self", "static", "struct", "super", "trait",
        "true", "try", "type", "unsafe", "use", "where", "while", "yield",
    ];
    if KEYWORDS.contains(&snake.as_str()) {
        format!("{snake}_")
    } else {
        snake
    }
}

/// Converts a byte offset into a 1-based line and a 1-based column counted in characters.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    (line, before[line_start..].chars().count() + 1)
}
