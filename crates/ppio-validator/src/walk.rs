//! Schema-directed reading: each object type of the request reads its own members.
//!
//! The generated code implements [`ObjectSchema`] for every object type and calls the `read_*`
//! methods here with the rule of each member. In check mode (`BUILD = false`) nothing is stored,
//! so a valid payload is checked without a heap allocation.

use std::collections::HashSet;

pub(crate) use crate::pointer::Member;
use crate::pointer::Segment;
pub(crate) use crate::reader::{Fatal, Reader};
use crate::reader::{StringToken, decode_string, escaped_equals};
use crate::violation::{Expected, ExpectedType, SyntaxProblem, ViolationKind};

/// A member of an object type.
#[derive(Debug)]
pub(crate) struct FieldSpec {
    pub(crate) name: &'static str,
    pub(crate) required: bool,
}

/// Rule of a string member; lengths count Unicode scalar values.
#[derive(Debug)]
pub(crate) struct StringRule {
    pub(crate) min_length: Option<usize>,
    pub(crate) max_length: Option<usize>,
    pub(crate) constant: Option<&'static str>,
}

/// Rule of an array member.
#[derive(Debug)]
pub(crate) struct ArrayRule {
    pub(crate) min_items: Option<usize>,
    pub(crate) max_items: Option<usize>,
}

/// An object type of the request, with a reader for each of its members.
pub(crate) trait ObjectSchema: Default {
    /// Members in definition order; at most 64, one bit each in the set of members seen.
    const FIELDS: &'static [FieldSpec];

    /// Reads the value of member `index` into `self`; the reader is at the value.
    fn read_field<const BUILD: bool>(
        &mut self,
        index: usize,
        reader: &mut Reader<'_>,
        member: &Member<'_>,
    ) -> Result<(), Fatal>;
}

impl Reader<'_> {
    /// Records a `type` violation for the value at the current byte and skips it.
    fn wrong_type(&mut self, member: &Member<'_>, expected: ExpectedType) -> Result<(), Fatal> {
        let Some(found) = self.value_type() else {
            return Err(self.unexpected(Expected::Value));
        };
        self.record(self.pos, member, ViolationKind::Type { expected, found });
        self.skip_value(member)
    }

    /// Reads `null` if it starts at the current byte; returns whether it did.
    fn read_null(&mut self) -> Result<bool, Fatal> {
        if self.peek() != Some(b'n') {
            return Ok(false);
        }
        self.scan_literal()?;
        Ok(true)
    }

    pub(crate) fn read_string<const BUILD: bool>(
        &mut self,
        member: &Member<'_>,
        rule: &StringRule,
        target: &mut String,
    ) -> Result<(), Fatal> {
        self.skip_whitespace();
        if self.peek() != Some(b'"') {
            return self.wrong_type(member, ExpectedType::String);
        }
        let text = self.read_checked_string::<BUILD>(member, rule)?;
        if BUILD {
            *target = text;
        }
        Ok(())
    }

    pub(crate) fn read_optional_string<const BUILD: bool>(
        &mut self,
        member: &Member<'_>,
        rule: &StringRule,
        target: &mut Option<String>,
    ) -> Result<(), Fatal> {
        self.skip_whitespace();
        if self.read_null()? {
            *target = None;
            return Ok(());
        }
        if self.peek() != Some(b'"') {
            return self.wrong_type(member, ExpectedType::StringOrNull);
        }
        let text = self.read_checked_string::<BUILD>(member, rule)?;
        if BUILD {
            *target = Some(text);
        }
        Ok(())
    }

    /// Reads the string at the current byte and checks it against `rule`. In build mode it
    /// returns the decoded text, in check mode an empty string, which allocates nothing.
    fn read_checked_string<const BUILD: bool>(
        &mut self,
        member: &Member<'_>,
        rule: &StringRule,
    ) -> Result<String, Fatal> {
        let offset = self.pos;
        let (token, text) = if BUILD {
            self.scan_string_value()?
        } else {
            (self.scan_string()?, String::new())
        };
        self.check_string(member, offset, rule, &token);
        Ok(text)
    }

    fn check_string(
        &mut self,
        member: &Member<'_>,
        offset: usize,
        rule: &StringRule,
        token: &StringToken,
    ) {
        if let Some(expected) = rule.constant
            && !self.string_equals(token, expected)
        {
            self.record(offset, member, ViolationKind::Const { expected });
        }
        let actual = token.chars;
        if let Some(limit) = rule.min_length
            && actual < limit
        {
            self.record(offset, member, ViolationKind::MinLength { limit, actual });
        }
        if let Some(limit) = rule.max_length
            && actual > limit
        {
            self.record(offset, member, ViolationKind::MaxLength { limit, actual });
        }
    }

    pub(crate) fn read_boolean(
        &mut self,
        member: &Member<'_>,
        target: &mut bool,
    ) -> Result<(), Fatal> {
        self.skip_whitespace();
        match self.peek() {
            Some(b't' | b'f') => {
                *target = self.peek() == Some(b't');
                self.scan_literal().map(drop)
            }
            _ => self.wrong_type(member, ExpectedType::Boolean),
        }
    }

    // Called by generated code only when the definition has an optional member of this type.
    #[allow(dead_code)]
    pub(crate) fn read_optional_boolean(
        &mut self,
        member: &Member<'_>,
        target: &mut Option<bool>,
    ) -> Result<(), Fatal> {
        self.skip_whitespace();
        if self.read_null()? {
            *target = None;
            return Ok(());
        }
        match self.peek() {
            Some(b't' | b'f') => {
                *target = Some(self.peek() == Some(b't'));
                self.scan_literal().map(drop)
            }
            _ => self.wrong_type(member, ExpectedType::BooleanOrNull),
        }
    }

    pub(crate) fn read_object<const BUILD: bool, T: ObjectSchema>(
        &mut self,
        member: &Member<'_>,
        target: &mut T,
    ) -> Result<(), Fatal> {
        self.skip_whitespace();
        if self.peek() != Some(b'{') {
            return self.wrong_type(member, ExpectedType::Object);
        }
        self.read_object_members::<BUILD, T>(member, target)
    }

    // Called by generated code only when the definition has an optional member of this type.
    #[allow(dead_code)]
    pub(crate) fn read_optional_object<const BUILD: bool, T: ObjectSchema>(
        &mut self,
        member: &Member<'_>,
        target: &mut Option<T>,
    ) -> Result<(), Fatal> {
        self.skip_whitespace();
        if self.read_null()? {
            *target = None;
            return Ok(());
        }
        if self.peek() != Some(b'{') {
            return self.wrong_type(member, ExpectedType::ObjectOrNull);
        }
        let mut value = T::default();
        self.read_object_members::<BUILD, T>(member, &mut value)?;
        *target = Some(value);
        Ok(())
    }

    pub(crate) fn read_object_array<const BUILD: bool, T: ObjectSchema>(
        &mut self,
        member: &Member<'_>,
        rule: &ArrayRule,
        target: &mut Vec<T>,
    ) -> Result<(), Fatal> {
        self.skip_whitespace();
        if self.peek() != Some(b'[') {
            return self.wrong_type(member, ExpectedType::Array);
        }
        self.read_array_items::<BUILD, T>(member, rule, target)
    }

    // Called by generated code only when the definition has an optional member of this type.
    #[allow(dead_code)]
    pub(crate) fn read_optional_object_array<const BUILD: bool, T: ObjectSchema>(
        &mut self,
        member: &Member<'_>,
        rule: &ArrayRule,
        target: &mut Option<Vec<T>>,
    ) -> Result<(), Fatal> {
        self.skip_whitespace();
        if self.read_null()? {
            *target = None;
            return Ok(());
        }
        if self.peek() != Some(b'[') {
            return self.wrong_type(member, ExpectedType::ArrayOrNull);
        }
        let mut items = Vec::new();
        self.read_array_items::<BUILD, T>(member, rule, &mut items)?;
        *target = Some(items);
        Ok(())
    }

    /// Reads an array of objects; the reader is at its `[`.
    fn read_array_items<const BUILD: bool, T: ObjectSchema>(
        &mut self,
        member: &Member<'_>,
        rule: &ArrayRule,
        target: &mut Vec<T>,
    ) -> Result<(), Fatal> {
        let open = self.pos;
        self.enter(open)?;
        self.pos += 1;
        self.skip_whitespace();

        let mut count = 0;
        if self.peek() == Some(b']') {
            self.pos += 1;
        } else {
            loop {
                let item = Member::child(member, Segment::Index(count));
                self.skip_whitespace();
                let result = if self.peek() == Some(b'{') {
                    let mut value = T::default();
                    let result = self.read_object_members::<BUILD, T>(&item, &mut value);
                    if BUILD {
                        target.push(value);
                    }
                    result
                } else {
                    self.wrong_type(&item, ExpectedType::Object)
                };
                if result.is_err() {
                    return Err(self.attach(&item));
                }
                count += 1;

                self.skip_whitespace();
                match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        self.skip_whitespace();
                        if self.peek() == Some(b']') {
                            return Err(self.syntax(self.pos, SyntaxProblem::TrailingComma));
                        }
                    }
                    Some(b']') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.unexpected(Expected::CommaOrArrayEnd)),
                }
            }
        }
        self.depth -= 1;

        // NOTE: these are recorded after the items' own violations, so when a payload reaches
        // `Options::max_violations` inside the array, the count violation is the one left out.
        if let Some(limit) = rule.min_items
            && count < limit
        {
            self.record(
                open,
                member,
                ViolationKind::MinItems {
                    limit,
                    actual: count,
                },
            );
        }
        if let Some(limit) = rule.max_items
            && count > limit
        {
            self.record(
                open,
                member,
                ViolationKind::MaxItems {
                    limit,
                    actual: count,
                },
            );
        }
        Ok(())
    }

    /// Reads the members of an object; the reader is at its `{`.
    pub(crate) fn read_object_members<const BUILD: bool, T: ObjectSchema>(
        &mut self,
        member: &Member<'_>,
        target: &mut T,
    ) -> Result<(), Fatal> {
        debug_assert!(
            T::FIELDS.len() <= 64,
            "the set of members seen has one bit per member"
        );
        let open = self.pos;
        self.enter(open)?;
        self.pos += 1;
        self.skip_whitespace();

        let mut seen: u64 = 0;
        let mut unknown_names: HashSet<String> = HashSet::new();
        if self.peek() == Some(b'}') {
            self.pos += 1;
        } else {
            let mut expected = Expected::MemberNameOrObjectEnd;
            loop {
                if self.peek() != Some(b'"') {
                    return Err(self.unexpected(expected));
                }
                let name_offset = self.pos;
                let name = self.scan_string()?;
                self.skip_whitespace();
                if self.peek() != Some(b':') {
                    return Err(self.unexpected(Expected::Colon));
                }
                self.pos += 1;

                let result = match self.find_field(T::FIELDS, &name) {
                    Some(index) => {
                        let child = Member::child(member, Segment::Name(T::FIELDS[index].name));
                        if seen & (1 << index) != 0 {
                            self.record(name_offset, &child, ViolationKind::DuplicateKey);
                        }
                        seen |= 1 << index;
                        target
                            .read_field::<BUILD>(index, self, &child)
                            .map_err(|_| self.attach(&child))
                    }
                    None => {
                        let bytes = self.bytes;
                        let child = Member::child(member, Segment::raw_key(bytes, &name));
                        let text = decode_string(&bytes[name.start..name.end], name.escaped);
                        if !self.options.allow_unknown_fields {
                            let suggestion = suggest(&text, T::FIELDS);
                            self.record(
                                name_offset,
                                &child,
                                ViolationKind::UnknownField { suggestion },
                            );
                        }
                        if !unknown_names.insert(text) {
                            self.record(name_offset, &child, ViolationKind::DuplicateKey);
                        }
                        self.skip_whitespace();
                        self.skip_value(&child).map_err(|_| self.attach(&child))
                    }
                };
                result?;

                self.skip_whitespace();
                match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        self.skip_whitespace();
                        if self.peek() == Some(b'}') {
                            return Err(self.syntax(self.pos, SyntaxProblem::TrailingComma));
                        }
                        expected = Expected::MemberName;
                    }
                    Some(b'}') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.unexpected(Expected::CommaOrObjectEnd)),
                }
            }
        }
        self.depth -= 1;

        for (index, field) in T::FIELDS.iter().enumerate() {
            if field.required && seen & (1 << index) == 0 {
                let child = Member::child(member, Segment::Name(field.name));
                self.record(open, &child, ViolationKind::Required);
            }
        }
        Ok(())
    }

    /// Finds the member a name token names, comparing decoded text.
    fn find_field(&mut self, fields: &[FieldSpec], name: &StringToken) -> Option<usize> {
        let raw = &self.bytes[name.start..name.end];
        if !name.escaped {
            return fields.iter().position(|field| field.name.as_bytes() == raw);
        }
        fields
            .iter()
            .position(|field| escaped_equals(raw, field.name))
    }

    /// Reads the top-level value, which must be an object of type `T`.
    pub(crate) fn read_root<const BUILD: bool, T: ObjectSchema>(
        &mut self,
        target: &mut T,
    ) -> Result<(), Fatal> {
        let root = Member::ROOT;
        self.skip_whitespace();
        if self.peek() == Some(b'{') {
            self.read_object_members::<BUILD, T>(&root, target)
        } else {
            self.wrong_type(&root, ExpectedType::Object)
        }
    }
}

/// Suggests the defined member closest to an unknown name: same letters in another case, or a
/// small edit distance.
fn suggest(name: &str, fields: &[FieldSpec]) -> Option<&'static str> {
    if let Some(field) = fields
        .iter()
        .find(|field| field.name.eq_ignore_ascii_case(name))
    {
        return Some(field.name);
    }
    let longest = fields
        .iter()
        .map(|field| field.name.len())
        .max()
        .unwrap_or(0);
    if name.chars().count() > longest * 2 {
        return None;
    }
    let lowered = name.to_lowercase();
    fields
        .iter()
        .map(|field| {
            (
                edit_distance(&lowered, &field.name.to_lowercase()),
                field.name,
            )
        })
        .filter(|(distance, candidate)| *distance <= (candidate.len() / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Optimal string alignment distance over Unicode scalar values: insertions, deletions,
/// substitutions and transpositions of neighbours (`vaule` to `value`) each cost 1.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Rows i-2, i-1 and i of the dynamic-programming table.
    let mut before_previous: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let substitution = previous[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let mut distance = substitution.min(previous[j] + 1).min(current[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                distance = distance.min(before_previous[j - 2] + 1);
            }
            current[j] = distance;
        }
        std::mem::swap(&mut before_previous, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIELDS: &[FieldSpec] = &[
        FieldSpec {
            name: "imageUrl",
            required: true,
        },
        FieldSpec {
            name: "envs",
            required: true,
        },
        FieldSpec {
            name: "mountPath",
            required: true,
        },
    ];

    #[test]
    fn suggest_case_and_typos() {
        assert_eq!(suggest("imageURL", FIELDS), Some("imageUrl"));
        assert_eq!(suggest("imageUlr", FIELDS), Some("imageUrl"));
        assert_eq!(suggest("env", FIELDS), Some("envs"));
        assert_eq!(suggest("mount_path", FIELDS), Some("mountPath"));
        assert_eq!(suggest("mountPaht", FIELDS), Some("mountPath"));
        assert_eq!(suggest("zzzzzzzz", FIELDS), None);
        assert_eq!(suggest(&"x".repeat(1000), FIELDS), None);
    }

    #[test]
    fn edit_distance_counts_scalars() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("日本", "日本語"), 1);
        assert_eq!(edit_distance("vaule", "value"), 1);
        assert_eq!(edit_distance("ab", "ba"), 1);
    }
}
