//! Command-line arguments, the message language, and usage errors in English or Chinese.

use std::ffi::OsString;

use clap::builder::TypedValueParser;
use clap::error::ErrorKind;
use clap::{Arg, ArgAction, ArgMatches, CommandFactory, FromArgMatches, Parser, ValueEnum};
use ppio_validator::{DEFAULT_MAX_DEPTH, DEFAULT_MAX_SIZE, DEFAULT_MAX_VIOLATIONS, Lang, Options};

/// Output format of the report: compiler-style diagnostics with the source line, one JSON
/// document, or GitHub Actions workflow commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Github,
}

/// Language requested with `--lang`: English or Simplified Chinese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    #[value(name = "en")]
    En,
    #[value(name = "zh-CN", alias = "zh-cn", alias = "zh_CN", alias = "zh")]
    ZhCn,
}

impl From<LangArg> for Lang {
    fn from(lang: LangArg) -> Lang {
        match lang {
            LangArg::En => Lang::En,
            LangArg::ZhCn => Lang::ZhCn,
        }
    }
}

/// Checks PPIO GPU Upgrade Instance request bodies (JSON) and reports every violation with
/// its JSON Pointer, line and column.
///
/// Exit status: 0 when every payload is valid, 1 when at least one is invalid,
/// 2 on a usage error or when a file cannot be read.
#[derive(Debug, Parser)]
#[command(name = "ppio-validate", version, max_term_width = 100)]
pub struct Cli {
    /// Payload files to check; `-` or no FILE reads standard input
    #[arg(value_name = "FILE")]
    pub files: Vec<OsString>,

    /// Output format: `human` (compiler-style diagnostics), `json` (one JSON document) or `github` (GitHub workflow commands)
    #[arg(long, value_enum, default_value_t = Format::Human, value_name = "FORMAT")]
    pub format: Format,

    /// Language of messages [default: from LC_ALL, LC_MESSAGES or LANG, else en]
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<LangArg>,

    /// Accept members that the API does not define instead of reporting `unknown_field`
    #[arg(long)]
    pub allow_unknown_fields: bool,

    /// Maximum payload size in bytes; larger inputs are rejected as `too_large` before parsing
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_SIZE)]
    pub max_size: u64,

    /// Maximum nesting depth of objects and arrays, in levels
    #[arg(long, value_name = "LEVELS", default_value_t = DEFAULT_MAX_DEPTH,
          value_parser = clap::value_parser!(u32).range(1..).map(|levels| levels as usize))]
    pub max_depth: usize,

    /// Maximum number of violations listed per file; further ones are only counted
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_VIOLATIONS)]
    pub max_violations: usize,
}

impl Cli {
    /// Returns the validator options that the arguments set.
    pub fn options(&self) -> Options {
        Options {
            allow_unknown_fields: self.allow_unknown_fields,
            max_size: self.max_size,
            max_depth: self.max_depth,
            max_violations: self.max_violations,
        }
    }
}

/// Outcome of argument parsing.
pub enum Parsed {
    /// Arguments to run with, and the message language.
    Run(Box<Cli>, Lang),
    /// `--help` or `--version`: text for standard output, then exit 0.
    Info(String),
    /// A usage error: text for standard error, then exit 2.
    Usage(String),
}

/// Parses the arguments; `env` looks up an environment variable for the default language.
pub fn parse(args: Vec<OsString>, env: &dyn Fn(&str) -> Option<String>) -> Parsed {
    let lang = lang_from_args(&args).unwrap_or_else(|| lang_from_env(env));
    let command = localized_command(lang);
    let matches: Result<ArgMatches, clap::Error> = command.try_get_matches_from(args);
    let result = matches.and_then(|matches| Cli::from_arg_matches(&matches));
    match result {
        Ok(cli) => {
            let lang = cli.lang.map(Lang::from).unwrap_or(lang);
            Parsed::Run(Box::new(cli), lang)
        }
        Err(error) => match error.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                Parsed::Info(error.render().to_string())
            }
            _ => Parsed::Usage(usage_message(&error, lang)),
        },
    }
}

/// Picks the language from the first non-empty of `LC_ALL`, `LC_MESSAGES` and `LANG`, as POSIX
/// orders them; a locale without messages, or none, gives English.
pub fn lang_from_env(env: &dyn Fn(&str) -> Option<String>) -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| env(name))
        .find(|value| !value.is_empty())
        .and_then(|value| Lang::from_tag(&value))
        .unwrap_or(Lang::En)
}

/// Finds the last valid `--lang` value before parsing, so that help and usage errors are in
/// that language too.
fn lang_from_args(args: &[OsString]) -> Option<Lang> {
    let mut found = None;
    let mut iter = args.iter().skip(1).map(|arg| arg.to_string_lossy());
    while let Some(arg) = iter.next() {
        if arg == "--" {
            break;
        }
        let value = if arg == "--lang" {
            iter.next().map(|value| value.into_owned())
        } else {
            arg.strip_prefix("--lang=").map(str::to_owned)
        };
        if let Some(lang) = value.and_then(|value| LangArg::from_str(&value, true).ok()) {
            found = Some(Lang::from(lang));
        }
    }
    found
}

/// Builds the clap command, with help text in the given language.
fn localized_command(lang: Lang) -> clap::Command {
    let command = Cli::command();
    if lang == Lang::En {
        return command;
    }
    command
        .about("检查 PPIO GPU 实例“升级实例”请求体（JSON），报告每处违规及其 JSON Pointer、行号和列号")
        .long_about(
            "检查 PPIO GPU 实例“升级实例”请求体（JSON），报告每处违规及其 JSON Pointer、行号和列号。\n\n\
             退出状态：所有载荷有效时为 0；至少一个无效时为 1；用法错误或文件无法读取时为 2。",
        )
        .help_template(
            "{about-with-newline}\n用法：{usage}\n\n参数：\n{positionals}\n\n选项：\n{options}{after-help}",
        )
        .disable_help_flag(true)
        .disable_version_flag(true)
        .mut_arg("files", |arg| {
            arg.help("要检查的载荷文件；`-` 或不给 FILE 时读取标准输入")
        })
        .mut_arg("format", |arg| {
            arg.help("输出格式：human 为编译器风格的诊断，json 为一个 JSON 文档，github 为 GitHub 工作流命令 [默认：human]")
                .hide_possible_values(true)
                .hide_default_value(true)
        })
        .mut_arg("lang", |arg| {
            arg.help("消息语言：en 或 zh-CN [默认：取自 LC_ALL、LC_MESSAGES 或 LANG，否则为 en]")
                .hide_possible_values(true)
        })
        .mut_arg("allow_unknown_fields", |arg| {
            arg.help("接受 API 未定义的成员，不报告 `unknown_field`")
        })
        .mut_arg("max_size", |arg| {
            arg.help(format!(
                "载荷大小上限，单位为字节；更大的输入在解析前即以 `too_large` 拒绝 [默认：{DEFAULT_MAX_SIZE}]"
            ))
            .hide_default_value(true)
        })
        .mut_arg("max_depth", |arg| {
            arg.help(format!(
                "对象与数组的最大嵌套深度，单位为层 [默认：{DEFAULT_MAX_DEPTH}]"
            ))
            .hide_default_value(true)
        })
        .mut_arg("max_violations", |arg| {
            arg.help(format!(
                "每个文件列出的违规数上限；超出的只计数 [默认：{DEFAULT_MAX_VIOLATIONS}]"
            ))
            .hide_default_value(true)
        })
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示帮助"),
        )
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本"),
        )
}

/// Formats a usage error: a localized first line, clap's own text as detail, and where to get help.
fn usage_message(error: &clap::Error, lang: Lang) -> String {
    let summary = usage_summary(error.kind(), lang);
    let detail = error.render().to_string();
    let detail = detail
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with("For more information"))
        .map(|line| format!("  {line}\n"))
        .collect::<String>();
    let hint = match lang {
        Lang::En => "run `ppio-validate --help` for usage",
        Lang::ZhCn => "运行 `ppio-validate --help` 查看用法",
    };
    format!("ppio-validate: {summary}\n{detail}{hint}\n")
}

fn usage_summary(kind: ErrorKind, lang: Lang) -> &'static str {
    let (english, chinese) = match kind {
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            ("invalid value for an option", "选项的值无效")
        }
        ErrorKind::UnknownArgument => ("unknown option", "未知选项"),
        ErrorKind::InvalidSubcommand => ("unknown subcommand", "未知子命令"),
        ErrorKind::NoEquals => (
            "option value must be given with `=`",
            "选项的值必须用 `=` 给出",
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            ("wrong number of values for an option", "选项的值个数不对")
        }
        ErrorKind::ArgumentConflict => ("options cannot be used together", "选项不能同时使用"),
        ErrorKind::MissingRequiredArgument => ("missing required argument", "缺少必需的参数"),
        ErrorKind::InvalidUtf8 => ("argument is not valid UTF-8", "参数不是有效的 UTF-8"),
        _ => ("invalid arguments", "参数无效"),
    };
    match lang {
        Lang::En => english,
        Lang::ZhCn => chinese,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        }
    }

    #[test]
    fn lang_env_order() {
        let env = env_of(&[("LC_ALL", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")]);
        assert_eq!(lang_from_env(&env), Lang::ZhCn);
        let env = env_of(&[("LC_ALL", ""), ("LC_MESSAGES", "en_US"), ("LANG", "zh_CN")]);
        assert_eq!(lang_from_env(&env), Lang::En);
        let env = env_of(&[("LANG", "zh_CN.UTF-8")]);
        assert_eq!(lang_from_env(&env), Lang::ZhCn);
        let env = env_of(&[("LANG", "fr_FR.UTF-8")]);
        assert_eq!(lang_from_env(&env), Lang::En);
        assert_eq!(lang_from_env(&env_of(&[])), Lang::En);
    }

    #[test]
    fn lang_flag_overrides_env() {
        let args = ["ppio-validate", "--lang", "zh-CN", "x.json"].map(OsString::from);
        let Parsed::Run(_, lang) = parse(args.to_vec(), &env_of(&[("LANG", "en_US")])) else {
            panic!("arguments should parse");
        };
        assert_eq!(lang, Lang::ZhCn);
        let args = ["ppio-validate", "--lang=en"].map(OsString::from);
        let Parsed::Run(_, lang) = parse(args.to_vec(), &env_of(&[("LANG", "zh_CN")])) else {
            panic!("arguments should parse");
        };
        assert_eq!(lang, Lang::En);
    }

    #[test]
    fn usage_error_in_chinese() {
        let args = ["ppio-validate", "--lang", "zh-CN", "--format", "xml"].map(OsString::from);
        let Parsed::Usage(text) = parse(args.to_vec(), &env_of(&[])) else {
            panic!("`--format xml` should be a usage error");
        };
        assert!(text.starts_with("ppio-validate: 选项的值无效\n"), "{text}");
    }

    #[test]
    fn command_is_consistent() {
        Cli::command().debug_assert();
        localized_command(Lang::ZhCn).debug_assert();
    }
}
