//! The strict reader rejects each kind of mistake in a field-definition file with the file, line
//! and column of the offending key or value, a message and a help text.

use ppio_fielddef::{DefinitionError, parse};

const FILE: &str = "schema/test.toml";

/// A valid file: the request, one header and a string member.
const HEAD: &str = r#"[request]
name = "TestRequest"
method = "POST"
path = "/v1/test"
title = { en = "Test", zh = "测试" }
description = { en = "Test request.", zh = "测试请求。" }

[[header]]
name = "Content-Type"
required = true
media_type = "application/json"
description = { en = "Media type.", zh = "媒体类型。" }

[[field]]
path = "name"
type = "string"
required = true
description = { en = "Name.", zh = "名称。" }
"#;

/// Lines in `HEAD`; the first line of appended text is this plus one.
const HEAD_LINES: usize = 18;

fn error_of(appended: &str) -> DefinitionError {
    let text = format!("{HEAD}{appended}");
    match parse(FILE, &text) {
        Ok(_) => panic!("the definition is accepted:\n{appended}"),
        Err(error) => error,
    }
}

/// Checks the location, a piece of the message and a piece of the help.
fn assert_error(
    error: &DefinitionError,
    line: usize,
    column: usize,
    message: &str,
    help: Option<&str>,
) {
    assert_eq!(error.file, FILE, "{error}");
    assert_eq!((error.line, error.column), (line, column), "{error}");
    assert!(
        error.message.contains(message),
        "message contains {message:?}: {error}"
    );
    match help {
        Some(help) => assert!(
            error
                .help
                .as_deref()
                .is_some_and(|text| text.contains(help)),
            "help contains {help:?}: {error}"
        ),
        None => assert_eq!(error.help, None, "{error}"),
    }
}

#[test]
fn head_alone_is_valid() {
    let definition = parse(FILE, HEAD).expect("the head is valid");
    assert_eq!(definition.root().fields.len(), 1);
    assert_eq!(HEAD.lines().count(), HEAD_LINES);
}

#[test]
fn unknown_key() {
    let error = error_of(
        r#"
[[field]]
path = "note"
type = "string"
required = false
max_lenght = 5
description = { en = "Note.", zh = "备注。" }
"#,
    );
    assert_error(
        &error,
        HEAD_LINES + 6,
        1,
        "unknown field `max_lenght`",
        Some("remove the key or correct its spelling"),
    );
}

#[test]
fn wrong_value_type() {
    let error = error_of(
        r#"
[[field]]
path = "note"
type = "string"
required = "yes"
description = { en = "Note.", zh = "备注。" }
"#,
    );
    assert_error(
        &error,
        HEAD_LINES + 5,
        12,
        "expected a boolean",
        Some("write the value as the type this key takes"),
    );
}

#[test]
fn min_length_above_max_length() {
    let error = error_of(
        r#"
[[field]]
path = "note"
type = "string"
required = true
min_length = 10
max_length = 5
description = { en = "Note.", zh = "备注。" }
"#,
    );
    assert_error(
        &error,
        HEAD_LINES + 6,
        14,
        "`min_length` (10) is greater than `max_length` (5)",
        Some("lower `min_length` or raise `max_length`"),
    );
}

#[test]
fn min_items_above_max_items() {
    let error = error_of(
        r#"
[[field]]
path = "items"
type = "array"
items = "object"
type_name = "Item"
required = true
min_items = 4
max_items = 3
description = { en = "Items.", zh = "元素。" }
"#,
    );
    assert_error(
        &error,
        HEAD_LINES + 8,
        13,
        "`min_items` (4) is greater than `max_items` (3)",
        Some("lower `min_items` or raise `max_items`"),
    );
}

#[test]
fn missing_parent() {
    let error = error_of(
        r#"
[[field]]
path = "owner.id"
type = "string"
required = true
description = { en = "Owner.", zh = "所有者。" }
"#,
    );
    assert_error(
        &error,
        HEAD_LINES + 3,
        8,
        "parent `owner` of field `owner.id` is not defined",
        Some("define the parent field in an earlier [[field]] entry"),
    );
}

#[test]
fn array_parent_without_brackets() {
    let error = error_of(
        r#"
[[field]]
path = "items"
type = "array"
items = "object"
type_name = "Item"
required = true
description = { en = "Items.", zh = "元素。" }

[[field]]
path = "items.label"
type = "string"
required = true
description = { en = "Label.", zh = "标签。" }
"#,
    );
    assert_error(
        &error,
        HEAD_LINES + 11,
        8,
        "parent `items` of field `items.label` is an array",
        Some("`items[].member`"),
    );
}

#[test]
fn path_defined_twice() {
    let error = error_of(
        r#"
[[field]]
path = "name"
type = "string"
required = false
description = { en = "Name again.", zh = "再次定义的名称。" }
"#,
    );
    assert_error(
        &error,
        HEAD_LINES + 3,
        8,
        "field `name` is defined twice",
        Some("remove one of the two [[field]] entries"),
    );
}

#[test]
fn const_on_non_string() {
    let error = error_of(
        r#"
[[field]]
path = "flag"
type = "boolean"
required = true
const = "yes"
description = { en = "Flag.", zh = "标志。" }
"#,
    );
    assert_error(
        &error,
        HEAD_LINES + 6,
        9,
        "`const` is not allowed on field `flag` of type `boolean`",
        Some("`const` applies only to string fields"),
    );
}

#[test]
fn rule_on_wrong_type() {
    let error = error_of(
        r#"
[[field]]
path = "note"
type = "string"
required = true
max_items = 3
description = { en = "Note.", zh = "备注。" }
"#,
    );
    assert_error(
        &error,
        HEAD_LINES + 6,
        13,
        "`max_items` is not allowed on field `note` of type `string`",
        Some("`max_items` applies only to array fields"),
    );
}

#[test]
fn missing_type_name() {
    let error = error_of(
        r#"
[[field]]
path = "owner"
type = "object"
required = true
description = { en = "Owner.", zh = "所有者。" }
"#,
    );
    assert_error(
        &error,
        HEAD_LINES + 4,
        8,
        "field `owner` needs a `type_name` for its object type",
        Some("add `type_name = \"UpperCamelCase\"`"),
    );
}

#[test]
fn const_breaking_own_length() {
    let error = error_of(
        r#"
[[field]]
path = "kind"
type = "string"
required = true
max_length = 3
const = "network"
description = { en = "Kind.", zh = "类型。" }
"#,
    );
    assert_error(
        &error,
        HEAD_LINES + 7,
        9,
        "`const` of field `kind` breaks its own length rule (7 characters)",
        Some("make the value fit"),
    );
}

#[test]
fn display_shows_location_and_help() {
    let error = error_of(
        r#"
[[field]]
path = "owner.id"
type = "string"
required = true
description = { en = "Owner.", zh = "所有者。" }
"#,
    );
    assert_eq!(
        error.to_string(),
        format!(
            "{FILE}:{}:8: error: parent `owner` of field `owner.id` is not defined\n  help: define the parent field in an earlier [[field]] entry",
            HEAD_LINES + 3
        )
    );
}
