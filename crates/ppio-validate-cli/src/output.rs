//! Rendering of reports in the `human`, `json` and `github` formats, and all writing to the
//! standard streams.
//!
//! Workers render each file's report to text while its bytes are still in memory, and the
//! [`Printer`] writes the texts in argument order. A closed standard output (a broken pipe) stops
//! the writing quietly; the checks still run, so the exit status stays the same.

use std::fmt::Write as _;
use std::io::{self, Write};

use ppio_validator::{Code, Lang, Violation, ViolationKind};
use serde::Serialize;
use unicode_width::UnicodeWidthChar;

use crate::args::Format;
use crate::check::{Checked, FileReport, Summary};
use crate::input::ReadError;
use crate::mask::MaskedText;

/// Source lines wider than this many characters are cut around the column.
const SNIPPET_WIDTH: usize = 100;
/// Characters kept before the column when a line is cut.
const SNIPPET_CONTEXT_BEFORE: usize = 40;

/// Text of one file's report, for standard output and standard error.
#[derive(Debug, Default)]
pub struct Rendered {
    pub stdout: String,
    pub stderr: String,
}

/// Settings that decide how a report reads.
#[derive(Debug, Clone, Copy)]
pub struct Renderer {
    pub format: Format,
    pub lang: Lang,
    /// ANSI colours in the `human` format.
    pub color: bool,
    pub max_violations: usize,
}

impl Renderer {
    /// Renders the report of one file; `bytes` is the payload when it was read whole.
    pub fn render(&self, report: &FileReport, bytes: Option<&[u8]>) -> Rendered {
        let mut rendered = Rendered::default();
        if let Err(error) = &report.result {
            rendered.stderr = format!(
                "ppio-validate: {}: {}\n",
                report.name,
                read_error_reason(*error, self.lang)
            );
        }
        rendered.stdout = match self.format {
            Format::Human => self.human(report, bytes),
            Format::Json => self.json(report),
            Format::Github => self.github(report),
        };
        rendered
    }

    fn message(&self, checked: &Checked, violation: &Violation) -> String {
        match violation.kind {
            ViolationKind::TooLarge { limit, .. } if !checked.size_known => match self.lang {
                Lang::En => format!("input is larger than the limit of {limit} bytes"),
                Lang::ZhCn => format!("输入超过上限 {limit} 字节"),
            },
            _ => violation.message(self.lang),
        }
    }

    fn omitted_note(&self, omitted: u64) -> String {
        match self.lang {
            Lang::En => format!(
                "{omitted} more {} not listed (--max-violations {})",
                plural(omitted, "violation", "violations"),
                self.max_violations
            ),
            Lang::ZhCn => format!(
                "另有 {omitted} 处违规未列出（--max-violations {}）",
                self.max_violations
            ),
        }
    }

    fn human(&self, report: &FileReport, bytes: Option<&[u8]>) -> String {
        let Ok(checked) = &report.result else {
            return String::new();
        };
        let mut out = String::new();
        let masked = bytes
            .filter(|_| !checked.violations.is_empty())
            .map(MaskedText::new);
        let paint = Paint { on: self.color };
        // `error[CODE]` stays in English in every language, so one grep pattern finds it in any log.
        let error_word = "error";
        let (help_word, at_word) = match self.lang {
            Lang::En => ("help", "at"),
            Lang::ZhCn => ("帮助", "位置"),
        };
        for violation in &checked.violations {
            let location = match violation.position {
                Some(position) => format!("{}:{}:{}", report.name, position.line, position.column),
                None => report.name.clone(),
            };
            let pointer = if violation.pointer.is_empty() {
                match self.lang {
                    Lang::En => "the root",
                    Lang::ZhCn => "根",
                }
            } else {
                violation.pointer.as_str()
            };
            let _ = writeln!(
                out,
                "{}: {}: {} ({at_word} {pointer})",
                paint.bold(&location),
                paint.red(&format!("{error_word}[{}]", violation.code())),
                paint.bold(&self.message(checked, violation)),
            );

            let snippet = match (&masked, violation.position) {
                (Some(masked), Some(position)) if violation.code() != Code::TooLarge => masked
                    .line(position.line)
                    .map(|line| (position.line, cut_line(line, position.column))),
                _ => None,
            };
            let help = violation.help(self.lang);
            let gutter = snippet
                .as_ref()
                .map_or(1, |(line, _)| line.to_string().len());
            let blank = " ".repeat(gutter);
            if let Some((number, (text, caret_pad))) = &snippet {
                let _ = writeln!(out, "{blank} {}", paint.blue("|"));
                let _ = writeln!(
                    out,
                    "{} {} {text}",
                    paint.blue(&format!("{number:>gutter$}")),
                    paint.blue("|")
                );
                let _ = writeln!(
                    out,
                    "{blank} {} {caret_pad}{}",
                    paint.blue("|"),
                    paint.red("^")
                );
            }
            if let Some(help) = help {
                let _ = writeln!(
                    out,
                    "{blank} {} {}: {help}",
                    paint.blue("="),
                    paint.bold(help_word)
                );
            }
            out.push('\n');
        }
        if checked.omitted > 0 {
            let _ = writeln!(
                out,
                "{}: {}\n",
                paint.bold(&report.name),
                self.omitted_note(checked.omitted)
            );
        }
        out
    }

    fn json(&self, report: &FileReport) -> String {
        let entry = match &report.result {
            Ok(checked) => JsonFile {
                path: &report.name,
                valid: checked.is_valid(),
                violations: checked
                    .violations
                    .iter()
                    .map(|violation| {
                        let limits = violation.kind.limit_and_actual();
                        JsonViolation {
                            code: violation.code().as_str(),
                            pointer: &violation.pointer,
                            line: violation.position.map(|position| position.line),
                            column: violation.position.map(|position| position.column),
                            message: self.message(checked, violation),
                            limit: limits.map(|(limit, _)| limit),
                            actual: limits.map(|(_, actual)| actual),
                            help: violation.help(self.lang),
                        }
                    })
                    .collect(),
                omitted: checked.omitted,
                error: None,
            },
            Err(error) => JsonFile {
                path: &report.name,
                valid: false,
                violations: Vec::new(),
                omitted: 0,
                error: Some(read_error_reason(*error, self.lang)),
            },
        };
        serde_json::to_string(&entry).expect("the report serializes to JSON")
    }

    fn github(&self, report: &FileReport) -> String {
        let file = escape_property(&report.name);
        let mut out = String::new();
        let checked = match &report.result {
            Ok(checked) => checked,
            Err(error) => {
                let reason = read_error_reason(*error, self.lang);
                let _ = writeln!(
                    out,
                    "::error file={file},title=unreadable::{}",
                    escape_data(&reason)
                );
                return out;
            }
        };
        for violation in &checked.violations {
            let mut data = self.message(checked, violation);
            if let Some(help) = violation.help(self.lang) {
                let help_word = match self.lang {
                    Lang::En => "help",
                    Lang::ZhCn => "帮助",
                };
                let _ = write!(data, "\n{help_word}: {help}");
            }
            let position = violation.position.unwrap_or(ppio_validator::Position {
                line: 1,
                column: 1,
                offset: 0,
            });
            let _ = writeln!(
                out,
                "::error file={file},line={},col={},title={}::{}",
                position.line,
                position.column,
                escape_property(violation.code().as_str()),
                escape_data(&data)
            );
        }
        if checked.omitted > 0 {
            let _ = writeln!(
                out,
                "::warning file={file}::{}",
                escape_data(&self.omitted_note(checked.omitted))
            );
        }
        out
    }

    fn summary(&self, summary: &Summary) -> String {
        let Summary {
            files,
            invalid,
            unreadable,
            violations,
        } = *summary;
        match self.lang {
            Lang::En => {
                let head = format!("{files} {} checked", plural(files, "file", "files"));
                if invalid == 0 && unreadable == 0 {
                    return format!("{head}: all valid\n");
                }
                let mut parts = vec![format!("{invalid} invalid")];
                if unreadable > 0 {
                    parts.push(format!("{unreadable} unreadable"));
                }
                parts.push(format!(
                    "{violations} {}",
                    plural(violations, "violation", "violations")
                ));
                format!("{head}: {}\n", parts.join(", "))
            }
            Lang::ZhCn => {
                let head = format!("已检查 {files} 个文件");
                if invalid == 0 && unreadable == 0 {
                    return format!("{head}：全部有效\n");
                }
                let mut parts = vec![format!("{invalid} 个无效")];
                if unreadable > 0 {
                    parts.push(format!("{unreadable} 个无法读取"));
                }
                parts.push(format!("{violations} 处违规"));
                format!("{head}：{}\n", parts.join("，"))
            }
        }
    }
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    valid: bool,
    violations: Vec<JsonViolation<'a>>,
    omitted: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

#[derive(Serialize)]
struct JsonViolation<'a> {
    code: &'static str,
    pointer: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    actual: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<String>,
}

#[derive(Serialize)]
struct JsonSummary {
    files: u64,
    invalid: u64,
    unreadable: u64,
    violations: u64,
}

/// Describes a read failure in the chosen language.
pub fn read_error_reason(error: ReadError, lang: Lang) -> String {
    match (error, lang) {
        (ReadError::NotFound, Lang::En) => "file not found".to_owned(),
        (ReadError::NotFound, Lang::ZhCn) => "文件不存在".to_owned(),
        (ReadError::PermissionDenied, Lang::En) => "permission denied".to_owned(),
        (ReadError::PermissionDenied, Lang::ZhCn) => "没有读取权限".to_owned(),
        (ReadError::IsADirectory, Lang::En) => "is a directory, not a file".to_owned(),
        (ReadError::IsADirectory, Lang::ZhCn) => "是目录，不是文件".to_owned(),
        (ReadError::Other(Some(code)), Lang::En) => format!("read failed (os error {code})"),
        (ReadError::Other(Some(code)), Lang::ZhCn) => format!("读取失败（系统错误 {code}）"),
        (ReadError::Other(None), Lang::En) => "read failed".to_owned(),
        (ReadError::Other(None), Lang::ZhCn) => "读取失败".to_owned(),
    }
}

/// Cuts a line longer than [`SNIPPET_WIDTH`] characters around `column`, and returns the text
/// with the padding that puts a caret under that column.
fn cut_line(line: &str, column: usize) -> (String, String) {
    let chars: Vec<char> = line.chars().collect();
    let index = column.saturating_sub(1).min(chars.len());
    let (start, end) = if chars.len() <= SNIPPET_WIDTH {
        (0, chars.len())
    } else {
        let start = index.saturating_sub(SNIPPET_CONTEXT_BEFORE);
        (start, (start + SNIPPET_WIDTH).min(chars.len()))
    };
    let mut text = String::new();
    let mut pad = String::new();
    if start > 0 {
        text.push_str("...");
        pad.push_str("   ");
    }
    text.extend(&chars[start..end]);
    if end < chars.len() {
        text.push_str("...");
    }
    for &ch in &chars[start..index] {
        if ch == '\t' {
            pad.push('\t');
        } else {
            pad.extend(std::iter::repeat_n(' ', ch.width().unwrap_or(0)));
        }
    }
    (text, pad)
}

/// Escapes the message part of a GitHub workflow command.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=`, `title=`) of a GitHub workflow command.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn plural(count: u64, one: &'static str, many: &'static str) -> &'static str {
    if count == 1 { one } else { many }
}

/// ANSI styles, applied only when colour is on.
struct Paint {
    on: bool,
}

impl Paint {
    fn style(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    fn bold(&self, text: &str) -> String {
        self.style("1", text)
    }

    fn red(&self, text: &str) -> String {
        self.style("1;31", text)
    }

    fn blue(&self, text: &str) -> String {
        self.style("1;34", text)
    }
}

/// Writes rendered reports in order, and the text around them that the format needs.
pub struct Printer {
    renderer: Renderer,
    stdout: io::BufWriter<io::Stdout>,
    /// Set once standard output is closed; nothing more is written to it.
    stdout_closed: bool,
    files_printed: u64,
}

impl Printer {
    pub fn new(renderer: Renderer) -> Printer {
        Printer {
            renderer,
            stdout: io::BufWriter::new(io::stdout()),
            stdout_closed: false,
            files_printed: 0,
        }
    }

    pub fn renderer(&self) -> Renderer {
        self.renderer
    }

    /// Writes what comes before the first file.
    pub fn begin(&mut self) {
        if self.renderer.format == Format::Json {
            self.write_stdout("{\"files\":[");
        }
    }

    /// Writes one file's report.
    pub fn print(&mut self, rendered: &Rendered) {
        if self.renderer.format == Format::Json {
            let separator = if self.files_printed == 0 { "\n" } else { ",\n" };
            self.write_stdout(separator);
        }
        self.write_stdout(&rendered.stdout);
        self.flush_stdout();
        if !rendered.stderr.is_empty() {
            let _ = io::stderr().lock().write_all(rendered.stderr.as_bytes());
        }
        self.files_printed += 1;
    }

    /// Writes what comes after the last file: the summary line or the end of the JSON document.
    pub fn finish(&mut self, summary: &Summary) {
        match self.renderer.format {
            Format::Human => {
                let text = self.renderer.summary(summary);
                self.write_stdout(&text);
            }
            Format::Json => {
                let counts = JsonSummary {
                    files: summary.files,
                    invalid: summary.invalid,
                    unreadable: summary.unreadable,
                    violations: summary.violations,
                };
                let counts =
                    serde_json::to_string(&counts).expect("the summary serializes to JSON");
                self.write_stdout(&format!("\n],\"summary\":{counts}}}\n"));
            }
            Format::Github => {}
        }
        self.flush_stdout();
    }

    fn write_stdout(&mut self, text: &str) {
        if !self.stdout_closed && self.stdout.write_all(text.as_bytes()).is_err() {
            self.stdout_closed = true;
        }
    }

    fn flush_stdout(&mut self) {
        if !self.stdout_closed && self.stdout.flush().is_err() {
            self.stdout_closed = true;
        }
    }
}

/// Writes `--help` or `--version` text to standard output.
pub fn write_info(text: &str) {
    let mut stdout = io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

/// Writes a usage error to standard error.
pub fn write_usage_error(text: &str) {
    let _ = io::stderr().lock().write_all(text.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escaping() {
        assert_eq!(escape_data("50% a\r\nb:c,d"), "50%25 a%0D%0Ab:c,d");
        assert_eq!(escape_property("dir:a,b%\n.json"), "dir%3Aa%2Cb%25%0A.json");
    }

    #[test]
    fn short_line_caret() {
        let (text, pad) = cut_line("  \"save\": 1", 11);
        assert_eq!(text, "  \"save\": 1");
        assert_eq!(pad, " ".repeat(10));
    }

    #[test]
    fn wide_characters_widen_caret_padding() {
        let (_, pad) = cut_line("{\"键\": 1}", 7);
        assert_eq!(pad.len(), 7);
    }

    #[test]
    fn tab_kept_in_caret_padding() {
        let (_, pad) = cut_line("\t\"save\": 1", 2);
        assert_eq!(pad, "\t");
    }

    #[test]
    fn long_line_cut_around_column() {
        let line = "x".repeat(500);
        let (text, pad) = cut_line(&line, 300);
        assert_eq!(text.chars().count(), 3 + SNIPPET_WIDTH + 3);
        assert!(text.starts_with("..."), "{text}");
        assert!(text.ends_with("..."), "{text}");
        assert_eq!(pad.len(), 3 + SNIPPET_CONTEXT_BEFORE);
    }
}
