//! Message and help text of every violation, in English and Simplified Chinese.
//!
//! Messages follow compiler style: lowercase, no trailing period, member names in backticks. They
//! name the member, the rule, the limit and what was found, and never a string value of the payload.

use crate::pointer::unescape_segment;
use crate::violation::{
    Expected, ExpectedType, HeaderProblem, JsonType, Lang, SyntaxProblem, ViolationKind,
};

/// Describes the member a pointer names: "`mountPath`", "item 0 of `envs`" or "the request body".
fn label(pointer: &str, lang: Lang) -> String {
    let Some((parent, last)) = pointer.rsplit_once('/') else {
        return match lang {
            Lang::En => "the request body".to_owned(),
            Lang::ZhCn => "请求体".to_owned(),
        };
    };
    let last = unescape_segment(last);
    let is_index = !last.is_empty() && last.bytes().all(|byte| byte.is_ascii_digit());
    let parent_name = parent
        .rsplit('/')
        .next()
        .map(unescape_segment)
        .unwrap_or_default();
    match (is_index && !parent.is_empty(), lang) {
        (true, Lang::En) => format!("item {last} of `{parent_name}`"),
        (true, Lang::ZhCn) => format!("`{parent_name}` 的第 {last} 项"),
        (false, _) => format!("`{last}`"),
    }
}

/// Returns the last member name of a pointer, unescaped.
fn member_name(pointer: &str) -> String {
    unescape_segment(pointer.rsplit('/').next().unwrap_or(""))
}

fn expected_type(expected: ExpectedType, lang: Lang) -> &'static str {
    match (expected, lang) {
        (ExpectedType::String, Lang::En) => "a string",
        (ExpectedType::StringOrNull, Lang::En) => "a string or null",
        (ExpectedType::Boolean, Lang::En) => "a boolean",
        (ExpectedType::BooleanOrNull, Lang::En) => "a boolean or null",
        (ExpectedType::Object, Lang::En) => "an object",
        (ExpectedType::ObjectOrNull, Lang::En) => "an object or null",
        (ExpectedType::Array, Lang::En) => "an array",
        (ExpectedType::ArrayOrNull, Lang::En) => "an array or null",
        (ExpectedType::String, Lang::ZhCn) => "字符串",
        (ExpectedType::StringOrNull, Lang::ZhCn) => "字符串或 null",
        (ExpectedType::Boolean, Lang::ZhCn) => "布尔值",
        (ExpectedType::BooleanOrNull, Lang::ZhCn) => "布尔值或 null",
        (ExpectedType::Object, Lang::ZhCn) => "对象",
        (ExpectedType::ObjectOrNull, Lang::ZhCn) => "对象或 null",
        (ExpectedType::Array, Lang::ZhCn) => "数组",
        (ExpectedType::ArrayOrNull, Lang::ZhCn) => "数组或 null",
    }
}

fn found_type(found: JsonType, lang: Lang) -> &'static str {
    match (found, lang) {
        (JsonType::Null, _) => "null",
        (JsonType::Boolean, Lang::En) => "a boolean",
        (JsonType::Number, Lang::En) => "a number",
        (JsonType::String, Lang::En) => "a string",
        (JsonType::Array, Lang::En) => "an array",
        (JsonType::Object, Lang::En) => "an object",
        (JsonType::Boolean, Lang::ZhCn) => "布尔值",
        (JsonType::Number, Lang::ZhCn) => "数字",
        (JsonType::String, Lang::ZhCn) => "字符串",
        (JsonType::Array, Lang::ZhCn) => "数组",
        (JsonType::Object, Lang::ZhCn) => "对象",
    }
}

fn expected_token(expected: Expected, lang: Lang) -> &'static str {
    match (expected, lang) {
        (Expected::Value, Lang::En) => "a JSON value",
        (Expected::MemberName, Lang::En) => "a member name in double quotes",
        (Expected::MemberNameOrObjectEnd, Lang::En) => "a member name in double quotes or `}`",
        (Expected::Colon, Lang::En) => "`:` after the member name",
        (Expected::CommaOrObjectEnd, Lang::En) => "`,` or `}`",
        (Expected::CommaOrArrayEnd, Lang::En) => "`,` or `]`",
        (Expected::ValueOrArrayEnd, Lang::En) => "a JSON value or `]`",
        (Expected::ClosingQuote, Lang::En) => "the closing `\"` of the string",
        (Expected::Value, Lang::ZhCn) => "JSON 值",
        (Expected::MemberName, Lang::ZhCn) => "双引号括起的成员名",
        (Expected::MemberNameOrObjectEnd, Lang::ZhCn) => "双引号括起的成员名或 `}`",
        (Expected::Colon, Lang::ZhCn) => "成员名之后的 `:`",
        (Expected::CommaOrObjectEnd, Lang::ZhCn) => "`,` 或 `}`",
        (Expected::CommaOrArrayEnd, Lang::ZhCn) => "`,` 或 `]`",
        (Expected::ValueOrArrayEnd, Lang::ZhCn) => "JSON 值或 `]`",
        (Expected::ClosingQuote, Lang::ZhCn) => "字符串结尾的 `\"`",
    }
}

fn syntax_message(problem: SyntaxProblem, lang: Lang) -> String {
    let en = lang == Lang::En;
    match problem {
        SyntaxProblem::EmptyInput => pick(
            en,
            "expected a JSON object, found empty input",
            "输入为空，应为 JSON 对象",
        ),
        SyntaxProblem::ByteOrderMark => pick(
            en,
            "a UTF-8 byte order mark is not allowed in JSON",
            "JSON 不允许 UTF-8 字节顺序标记（BOM）",
        ),
        SyntaxProblem::Utf16 => pick(
            en,
            "the input is UTF-16, but JSON must be UTF-8",
            "输入为 UTF-16 编码，而 JSON 必须使用 UTF-8",
        ),
        SyntaxProblem::InvalidUtf8 => {
            pick(en, "invalid UTF-8 byte sequence", "无效的 UTF-8 字节序列")
        }
        SyntaxProblem::UnexpectedEnd(expected) => match lang {
            Lang::En => format!(
                "unexpected end of input, expected {}",
                expected_token(expected, lang)
            ),
            Lang::ZhCn => format!("输入意外结束，应为{}", expected_token(expected, lang)),
        },
        SyntaxProblem::UnexpectedCharacter(expected) => match lang {
            Lang::En => format!(
                "unexpected character, expected {}",
                expected_token(expected, lang)
            ),
            Lang::ZhCn => format!("意外的字符，应为{}", expected_token(expected, lang)),
        },
        SyntaxProblem::Comment => pick(en, "comments are not allowed in JSON", "JSON 不允许注释"),
        SyntaxProblem::TrailingComma => pick(
            en,
            "trailing comma is not allowed in JSON",
            "JSON 不允许末尾逗号",
        ),
        SyntaxProblem::SingleQuote => pick(
            en,
            "strings must be in double quotes",
            "字符串必须使用双引号",
        ),
        SyntaxProblem::NonFiniteNumber => pick(
            en,
            "`NaN` and `Infinity` are not valid JSON",
            "`NaN` 与 `Infinity` 不是有效的 JSON",
        ),
        SyntaxProblem::InvalidNumber => pick(en, "invalid number", "无效的数字"),
        SyntaxProblem::InvalidLiteral => pick(
            en,
            "invalid literal, expected `true`, `false` or `null`",
            "无效的字面量，应为 `true`、`false` 或 `null`",
        ),
        SyntaxProblem::InvalidEscape => pick(
            en,
            "invalid escape sequence in a string",
            "字符串中的转义序列无效",
        ),
        SyntaxProblem::LoneSurrogate => pick(
            en,
            "lone surrogate escape in a string",
            "字符串中有不成对的代理项转义",
        ),
        SyntaxProblem::ControlCharacter => pick(
            en,
            "unescaped control character in a string",
            "字符串中有未转义的控制字符",
        ),
        SyntaxProblem::TrailingContent => pick(
            en,
            "unexpected content after the JSON value",
            "JSON 值之后还有多余内容",
        ),
        SyntaxProblem::TooDeep { limit } => match lang {
            Lang::En => format!("nesting is deeper than {limit} levels"),
            Lang::ZhCn => format!("嵌套深度超过 {limit} 层"),
        },
    }
}

fn syntax_help(problem: SyntaxProblem, lang: Lang) -> Option<&'static str> {
    let en = lang == Lang::En;
    let text = match problem {
        SyntaxProblem::ByteOrderMark => (
            "save the file as UTF-8 without a byte order mark",
            "将文件另存为不带 BOM 的 UTF-8",
        ),
        SyntaxProblem::Utf16 | SyntaxProblem::InvalidUtf8 => {
            ("save the file as UTF-8", "将文件另存为 UTF-8")
        }
        SyntaxProblem::Comment => ("remove the comment", "删除该注释"),
        SyntaxProblem::TrailingComma => (
            "remove the comma after the last item",
            "删除最后一项之后的逗号",
        ),
        SyntaxProblem::SingleQuote => (
            "replace the single quotes with double quotes",
            "将单引号改为双引号",
        ),
        SyntaxProblem::NonFiniteNumber => {
            ("use a finite number or `null`", "改用有限的数字或 `null`")
        }
        SyntaxProblem::InvalidNumber => (
            "JSON numbers have no leading zeros, no leading `+` and digits on both sides of `.`",
            "JSON 数字不能有前导零或前导 `+`，且 `.` 两侧都要有数字",
        ),
        SyntaxProblem::InvalidLiteral => ("put text in double quotes", "将文本放在双引号中"),
        SyntaxProblem::InvalidEscape => (
            "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX",
            "有效的转义为 \\\" \\\\ \\/ \\b \\f \\n \\r \\t 和 \\uXXXX",
        ),
        SyntaxProblem::LoneSurrogate => (
            "write the character itself, or a high surrogate escape followed by a low one",
            "直接写出该字符，或写成高位代理项转义后接低位代理项转义",
        ),
        SyntaxProblem::ControlCharacter => (
            "write control characters as escapes such as \\n or \\u0000",
            "将控制字符写成 \\n 或 \\u0000 这样的转义",
        ),
        SyntaxProblem::TrailingContent => (
            "a payload is exactly one JSON value",
            "一个载荷只能包含一个 JSON 值",
        ),
        SyntaxProblem::TooDeep { .. } => (
            "the request nests a few levels only; raise the depth limit if this input is expected",
            "该请求只嵌套几层；如确需此输入，请提高深度上限",
        ),
        _ => return None,
    };
    Some(if en { text.0 } else { text.1 })
}

fn pick(en: bool, english: &str, chinese: &str) -> String {
    if en {
        english.to_owned()
    } else {
        chinese.to_owned()
    }
}

/// Formats the message of a violation.
pub(crate) fn message(kind: &ViolationKind, pointer: &str, lang: Lang) -> String {
    let en = lang == Lang::En;
    match *kind {
        ViolationKind::Syntax(problem) => syntax_message(problem, lang),
        ViolationKind::TooLarge { limit, actual } => match lang {
            Lang::En => format!("input is {actual} bytes, over the limit of {limit} bytes"),
            Lang::ZhCn => format!("输入为 {actual} 字节，超过上限 {limit} 字节"),
        },
        ViolationKind::Type { expected, found } => match lang {
            Lang::En => format!(
                "{} must be {}, found {}",
                label(pointer, lang),
                expected_type(expected, lang),
                found_type(found, lang)
            ),
            Lang::ZhCn => format!(
                "{} 应为{}，实际为{}",
                label(pointer, lang),
                expected_type(expected, lang),
                found_type(found, lang)
            ),
        },
        ViolationKind::Required => match lang {
            Lang::En => format!("missing required member `{}`", member_name(pointer)),
            Lang::ZhCn => format!("缺少必填成员 `{}`", member_name(pointer)),
        },
        ViolationKind::UnknownField { .. } => match lang {
            Lang::En => format!("unknown member `{}`", member_name(pointer)),
            Lang::ZhCn => format!("未知成员 `{}`", member_name(pointer)),
        },
        ViolationKind::DuplicateKey => match lang {
            Lang::En => format!("duplicate member `{}`", member_name(pointer)),
            Lang::ZhCn => format!("成员 `{}` 重复", member_name(pointer)),
        },
        ViolationKind::MinLength { limit, actual } => match lang {
            Lang::En => format!(
                "{} is too short: {actual} characters, minimum {limit}",
                label(pointer, lang)
            ),
            Lang::ZhCn => format!(
                "{} 过短：{actual} 个字符，至少 {limit} 个",
                label(pointer, lang)
            ),
        },
        ViolationKind::MaxLength { limit, actual } => match lang {
            Lang::En => format!(
                "{} is too long: {actual} characters, maximum {limit}",
                label(pointer, lang)
            ),
            Lang::ZhCn => format!(
                "{} 过长：{actual} 个字符，最多 {limit} 个",
                label(pointer, lang)
            ),
        },
        ViolationKind::MinItems { limit, actual } => match lang {
            Lang::En => format!(
                "{} has too few items: {actual}, minimum {limit}",
                label(pointer, lang)
            ),
            Lang::ZhCn => format!(
                "{} 的元素过少：{actual} 项，至少 {limit} 项",
                label(pointer, lang)
            ),
        },
        ViolationKind::MaxItems { limit, actual } => match lang {
            Lang::En => format!(
                "{} has too many items: {actual}, maximum {limit}",
                label(pointer, lang)
            ),
            Lang::ZhCn => format!(
                "{} 的元素过多：{actual} 项，最多 {limit} 项",
                label(pointer, lang)
            ),
        },
        ViolationKind::Const { expected } => match lang {
            Lang::En => format!("{} must be \"{expected}\"", label(pointer, lang)),
            Lang::ZhCn => format!("{} 必须为 \"{expected}\"", label(pointer, lang)),
        },
        ViolationKind::MissingHeader { name } => {
            if en {
                format!("missing required header `{name}`")
            } else {
                format!("缺少必需的请求头 `{name}`")
            }
        }
        ViolationKind::InvalidHeader { name, problem } => match (problem, lang) {
            (HeaderProblem::MediaType(media_type), Lang::En) => {
                format!("header `{name}` must have the media type `{media_type}`")
            }
            (HeaderProblem::MediaType(media_type), Lang::ZhCn) => {
                format!("请求头 `{name}` 的媒体类型必须为 `{media_type}`")
            }
            (HeaderProblem::Scheme(scheme), Lang::En) => {
                format!("header `{name}` must be the `{scheme}` scheme followed by a token")
            }
            (HeaderProblem::Scheme(scheme), Lang::ZhCn) => {
                format!("请求头 `{name}` 必须为 `{scheme}` 认证方案后接令牌")
            }
        },
    }
}

/// Formats the hint of a violation, when there is one.
pub(crate) fn help(kind: &ViolationKind, _pointer: &str, lang: Lang) -> Option<String> {
    let en = lang == Lang::En;
    match *kind {
        ViolationKind::Syntax(problem) => syntax_help(problem, lang).map(str::to_owned),
        ViolationKind::TooLarge { .. } => Some(pick(
            en,
            "check that this is the intended file, or raise the size limit if bodies this large are expected",
            "请确认这是要检查的文件；如确需处理这么大的请求体，请提高大小上限",
        )),
        ViolationKind::Required => Some(pick(
            en,
            "this request replaces the whole configuration, so every required member must be sent",
            "该请求会替换全部配置，因此每个必填成员都必须传入",
        )),
        ViolationKind::UnknownField {
            suggestion: Some(name),
        } => Some(match lang {
            Lang::En => format!("did you mean `{name}`?"),
            Lang::ZhCn => format!("是否应为 `{name}`？"),
        }),
        ViolationKind::UnknownField { suggestion: None } => Some(pick(
            en,
            "remove the member or correct its name",
            "删除该成员或更正其名称",
        )),
        ViolationKind::DuplicateKey => Some(pick(
            en,
            "remove one of them, because a receiver may keep either value",
            "删除其中一个，因为接收方可能保留任意一个值",
        )),
        _ => None,
    }
}
