//! Emits the field reference in Markdown, one table row per field, in English or Chinese.

use std::fmt::Write;

use ppio_fielddef::{Definition, FieldKind, HeaderRule};

use super::generated_notice;

/// Language of a reference page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Lang {
    En,
    Zh,
}

pub(super) fn generate(definition: &Definition, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let pick = |text: &ppio_fielddef::Text| if zh { text.zh.clone() } else { text.en.clone() };
    let mut out = String::new();
    let request = &definition.request;

    writeln!(out, "<!-- {} -->\n", generated_notice()).unwrap();
    writeln!(out, "# {}\n", pick(&request.title)).unwrap();
    writeln!(out, "`{} {}`\n", request.method, request.path).unwrap();
    writeln!(out, "{}\n", pick(&request.description)).unwrap();

    let (headers_title, header_columns) = if zh {
        ("## 请求头", "| 名称 | 必填 | 规则 | 说明 |")
    } else {
        ("## Headers", "| name | required | rule | description |")
    };
    writeln!(
        out,
        "{headers_title}\n\n{header_columns}\n|---|---|---|---|"
    )
    .unwrap();
    for header in &definition.headers {
        let rule = match (&header.rule, zh) {
            (HeaderRule::MediaType(media_type), false) => {
                format!("media type `{media_type}`, parameters allowed")
            }
            (HeaderRule::MediaType(media_type), true) => {
                format!("媒体类型 `{media_type}`，可带参数")
            }
            (HeaderRule::Scheme(scheme), false) => format!("`{scheme} <token>`, token not empty"),
            (HeaderRule::Scheme(scheme), true) => format!("`{scheme} <令牌>`，令牌不能为空"),
        };
        writeln!(
            out,
            "| `{}` | {} | {} | {} |",
            header.name,
            yes_no(header.required, zh),
            rule,
            cell(&pick(&header.description))
        )
        .unwrap();
    }

    let (body_title, body_columns, units) = if zh {
        (
            "## 请求体",
            "| 路径 | 类型 | 必填 | 规则 | 说明 |",
            "长度按 Unicode 标量值（码点）计算。",
        )
    } else {
        (
            "## Body",
            "| path | type | required | rule | description |",
            "Lengths count Unicode scalar values (code points).",
        )
    };
    writeln!(
        out,
        "\n{body_title}\n\n{units}\n\n{body_columns}\n|---|---|---|---|---|"
    )
    .unwrap();
    for (_, field) in definition.fields() {
        let (type_name, rule) = describe(definition, &field.kind, zh);
        writeln!(
            out,
            "| `{}` | {} | {} | {} | {} |",
            field.path,
            type_name,
            yes_no(field.required, zh),
            if rule.is_empty() {
                "—".to_owned()
            } else {
                rule
            },
            cell(&pick(&field.description))
        )
        .unwrap();
    }
    out
}

/// Returns the type column and the rule column of a field.
fn describe(definition: &Definition, kind: &FieldKind, zh: bool) -> (String, String) {
    let range =
        |min: Option<u64>, max: Option<u64>, unit_en: &str, unit_zh: &str| match (min, max, zh) {
            (None, None, _) => None,
            (Some(min), Some(max), false) => Some(format!("{min}-{max} {unit_en}")),
            (Some(min), Some(max), true) => Some(format!("{min}-{max} {unit_zh}")),
            (Some(min), None, false) => Some(format!("at least {min} {unit_en}")),
            (Some(min), None, true) => Some(format!("至少 {min} {unit_zh}")),
            (None, Some(max), false) => Some(format!("at most {max} {unit_en}")),
            (None, Some(max), true) => Some(format!("最多 {max} {unit_zh}")),
        };
    match kind {
        FieldKind::String(rule) => {
            let mut parts = Vec::new();
            parts.extend(range(
                rule.min_length,
                rule.max_length,
                "characters",
                "个字符",
            ));
            if let Some(constant) = &rule.constant {
                parts.push(if zh {
                    format!("固定为 `\"{constant}\"`")
                } else {
                    format!("exactly `\"{constant}\"`")
                });
            }
            if let Some(default) = &rule.default {
                parts.push(if zh {
                    format!("参考文档默认值 `\"{default}\"`（仅作注释）")
                } else {
                    format!("reference default `\"{default}\"` (annotation only)")
                });
            }
            ("string".to_owned(), parts.join("; "))
        }
        FieldKind::Boolean => ("boolean".to_owned(), String::new()),
        FieldKind::Object(object) => (
            format!("object (`{}`)", definition.objects[*object].type_name),
            String::new(),
        ),
        FieldKind::ObjectArray(object, rule) => (
            format!("array of `{}`", definition.objects[*object].type_name),
            range(rule.min_items, rule.max_items, "items", "项").unwrap_or_default(),
        ),
    }
}

fn yes_no(value: bool, zh: bool) -> &'static str {
    match (value, zh) {
        (true, false) => "yes",
        (false, false) => "no",
        (true, true) => "是",
        (false, true) => "否",
    }
}

/// Escapes a table cell: a `|` would end the cell early.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
