//! Every limit of the product comes from the field-definition file: changing a limit there
//! changes every generated output, and no other source writes a limit by hand.

use std::fs;
use std::path::{Path, PathBuf};

use xtask::codegen::{self, DEFINITION_FILE};

const LIMIT_KEYS: [&str; 4] = ["min_length", "max_length", "min_items", "max_items"];

/// Replaces each limit of the definition text with a number found nowhere else, lower bounds
/// from 70001 and upper bounds from 90001, and returns the new text with the numbers used.
fn with_distinct_limits(text: &str) -> (String, Vec<(String, u64, u64)>) {
    let mut changed = Vec::new();
    let mut lines = Vec::new();
    let mut path = String::new();
    for line in text.lines() {
        if let Some(value) = line.strip_prefix("path = ") {
            path = value.trim_matches('"').to_owned();
        }
        let limit = LIMIT_KEYS.iter().find_map(|key| {
            let value = line.strip_prefix(key)?.trim_start().strip_prefix('=')?;
            Some((*key, value.trim().parse::<u64>().ok()?))
        });
        match limit {
            Some((key, old)) => {
                let base = if key.starts_with("min") {
                    70_000
                } else {
                    90_000
                };
                let new = base + 1 + changed.len() as u64;
                lines.push(format!("{key} = {new}"));
                changed.push((format!("{path} {key}"), old, new));
            }
            None => lines.push(line.to_owned()),
        }
    }
    (lines.join("\n") + "\n", changed)
}

#[test]
fn changed_limits_reach_every_output() {
    // A `default` must fit its member's length bounds, and the numbers below break them.
    // A default is an annotation, not a limit, so both texts leave it out.
    let text: String = fs::read_to_string(xtask::project_root().join(DEFINITION_FILE))
        .unwrap()
        .lines()
        .filter(|line| !line.starts_with("default ="))
        .map(|line| format!("{line}\n"))
        .collect();
    let (edited, changed) = with_distinct_limits(&text);
    assert!(
        changed.len() >= 9,
        "the definition has a limit on every bounded member: {changed:?}"
    );

    let before = codegen::generate(&text).unwrap();
    let after = codegen::generate(&edited).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(before.len(), after.len());
    for (before, after) in before.iter().zip(&after) {
        assert_ne!(
            before.contents, after.contents,
            "{} ignores the limits",
            after.path
        );
        for (limit, old, new) in &changed {
            let new_text = new.to_string();
            assert!(
                !before.contents.contains(&new_text),
                "{new} must be new to {}",
                before.path
            );
            assert!(
                after.contents.contains(&new_text),
                "{} does not follow {limit} from {old} to {new}",
                after.path
            );
        }
    }

    let largest = |outputs: &[codegen::Output]| -> String {
        outputs
            .iter()
            .find(|output| output.path == "crates/ppio-validator/src/generated.rs")
            .unwrap()
            .contents
            .lines()
            .find(|line| line.contains("LARGEST_BOUNDED_BODY_BYTES: u64"))
            .expect("the rules state the largest body size")
            .to_owned()
    };
    assert_ne!(
        largest(&before),
        largest(&after),
        "the largest body size follows the limits"
    );
}

/// Values of the limits in the definition file today.
const LIMIT_VALUES: [u64; 6] = [500, 511, 4095, 2047, 100, 30];

/// Number literals with these values that are not limits of the request. Each entry is a piece
/// of text on the line and the reason.
const NOT_LIMITS: [(&str, &str); 6] = [
    (
        "0xBF58_476D_1CE4_E5B9",
        "a shift in the SplitMix64 mixing step",
    ),
    (
        "CJK_ENV_COUNT",
        "the number of variables in a benchmark payload",
    ),
    ("CJK_PATH_LENGTH", "a path length in a benchmark payload"),
    (
        "LARGE_ENV_COUNT_MIN",
        "a variable count in the command-line benchmark files",
    ),
    (
        "SNIPPET_WIDTH",
        "the width of a source excerpt in the command line's output",
    ),
    (
        "max_term_width",
        "the width of the command line's help text",
    ),
];

/// Files that are known to write limits by hand; none today.
const KNOWN_HAND_WRITTEN: [&str; 0] = [];

/// Lists the Rust sources under `src/` folders of the workspace packages, generated files excepted.
fn product_sources(root: &Path) -> Vec<PathBuf> {
    let mut folders = vec![root.join("src")];
    for entry in fs::read_dir(root.join("crates")).unwrap() {
        folders.push(entry.unwrap().path().join("src"));
    }
    let mut files = Vec::new();
    while let Some(folder) = folders.pop() {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|extension| extension == "rs")
                && path.file_name().is_some_and(|name| name != "generated.rs")
            {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Removes `//` comments and everything from the first `#[cfg(test)]` line on.
fn code_without_comments_and_tests(text: &str) -> Vec<(usize, String)> {
    let mut lines = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim() == "#[cfg(test)]" {
            break;
        }
        lines.push((index + 1, strip_comment(line)));
    }
    lines
}

fn strip_comment(line: &str) -> String {
    let mut in_string = false;
    let mut previous = '\0';
    for (offset, c) in line.char_indices() {
        match c {
            '"' if previous != '\\' => in_string = !in_string,
            '/' if !in_string && previous == '/' => return line[..offset - 1].to_owned(),
            _ => {}
        }
        previous = if previous == '\\' && c == '\\' {
            '\0'
        } else {
            c
        };
    }
    line.to_owned()
}

/// Returns the integer literals of a line of code, with type suffixes and underscores dropped.
fn integer_literals(line: &str) -> Vec<u64> {
    let chars: Vec<char> = line.chars().collect();
    let mut literals = Vec::new();
    let mut index = 0;
    while index < chars.len() {
        // A token is a run of letters, digits and underscores, with `.` inside a float.
        let start = index;
        while index < chars.len()
            && (chars[index].is_ascii_alphanumeric()
                || chars[index] == '_'
                || (chars[index] == '.'
                    && index > start
                    && chars.get(index + 1).is_some_and(char::is_ascii_digit)))
        {
            index += 1;
        }
        if index == start {
            index += 1;
            continue;
        }
        let token: String = chars[start..index].iter().collect();
        if !token.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let digits = INTEGER_SUFFIXES
            .iter()
            .find_map(|suffix| token.strip_suffix(suffix))
            .unwrap_or(&token);
        if digits.chars().all(|c| c.is_ascii_digit() || c == '_') {
            literals.push(digits.replace('_', "").parse().expect("a run of digits"));
        }
    }
    literals
}

const INTEGER_SUFFIXES: [&str; 10] = [
    "usize", "isize", "u64", "i64", "u32", "i32", "u16", "i16", "u8", "i8",
];

#[test]
fn integer_literals_skip_floats_and_hex() {
    assert_eq!(integer_literals("let a = 500; b(0..30)"), vec![500, 0, 30]);
    assert_eq!(integer_literals("x2047 0x30 1.500 4_095usize"), vec![4095]);
    assert_eq!(strip_comment("a(100) // at most 500"), "a(100) ");
    assert_eq!(
        strip_comment(r#"f("http://x", 30)"#),
        r#"f("http://x", 30)"#
    );
}

#[test]
fn sources_write_no_limit_by_hand() {
    let root = xtask::project_root();
    let mut found = Vec::new();
    for path in product_sources(&root) {
        let relative = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = fs::read_to_string(&path).unwrap();
        for (number, line) in code_without_comments_and_tests(&text) {
            let is_limit = integer_literals(&line)
                .iter()
                .any(|value| LIMIT_VALUES.contains(value));
            let excused = NOT_LIMITS.iter().any(|(text, _)| line.contains(text));
            if is_limit && !excused {
                found.push((relative.clone(), number, line.trim().to_owned()));
            }
        }
    }

    let unexpected: Vec<_> = found
        .iter()
        .filter(|(file, _, _)| !KNOWN_HAND_WRITTEN.contains(&file.as_str()))
        .collect();
    assert!(
        unexpected.is_empty(),
        "limits written by hand; read them from the generated code instead: {unexpected:#?}"
    );
    for file in KNOWN_HAND_WRITTEN {
        assert!(
            found.iter().any(|(found_file, _, _)| found_file == file),
            "{file} no longer writes limits by hand; remove it from KNOWN_HAND_WRITTEN"
        );
    }
}
