//! Checks of the request headers against the rules in the generated `HEADERS` table.

use crate::generated::HEADERS;
use crate::violation::{HeaderProblem, Report, Violation, ViolationKind};

/// A request header and the rule its value follows.
#[derive(Debug)]
pub(crate) struct HeaderSpec {
    pub(crate) name: &'static str,
    pub(crate) required: bool,
    pub(crate) rule: HeaderRule,
}

/// Rule for the value of a header.
#[derive(Debug)]
pub(crate) enum HeaderRule {
    /// A media type, compared case-insensitively; parameters such as `charset=utf-8` may follow.
    MediaType(&'static str),
    /// An authentication scheme, compared case-insensitively, then whitespace and a non-empty token.
    Scheme(&'static str),
}

/// Checks `(name, value)` pairs; names compare case-insensitively, and every occurrence is checked.
pub(crate) fn check<I, N, V>(headers: I) -> Report
where
    I: IntoIterator<Item = (N, V)>,
    N: AsRef<str>,
    V: AsRef<[u8]>,
{
    let headers: Vec<(N, V)> = headers.into_iter().collect();
    let mut violations = Vec::new();
    for spec in HEADERS {
        let mut present = false;
        for (name, value) in &headers {
            if !name.as_ref().trim().eq_ignore_ascii_case(spec.name) {
                continue;
            }
            present = true;
            let valid =
                std::str::from_utf8(value.as_ref()).is_ok_and(|value| matches(&spec.rule, value));
            if !valid {
                let problem = match spec.rule {
                    HeaderRule::MediaType(media_type) => HeaderProblem::MediaType(media_type),
                    HeaderRule::Scheme(scheme) => HeaderProblem::Scheme(scheme),
                };
                violations.push(header_violation(ViolationKind::InvalidHeader {
                    name: spec.name,
                    problem,
                }));
            }
        }
        if spec.required && !present {
            violations.push(header_violation(ViolationKind::MissingHeader {
                name: spec.name,
            }));
        }
    }
    Report {
        violations,
        omitted: 0,
    }
}

fn header_violation(kind: ViolationKind) -> Violation {
    Violation {
        kind,
        pointer: String::new(),
        position: None,
    }
}

fn matches(rule: &HeaderRule, value: &str) -> bool {
    let value = value.trim_matches([' ', '\t']);
    match *rule {
        HeaderRule::MediaType(media_type) => {
            let mut parts = value.split(';');
            let essence = parts.next().unwrap_or("").trim_matches([' ', '\t']);
            essence.eq_ignore_ascii_case(media_type)
                && parts.all(|parameter| {
                    let parameter = parameter.trim_matches([' ', '\t']);
                    parameter
                        .split_once('=')
                        .is_some_and(|(name, _)| is_token(name))
                })
        }
        HeaderRule::Scheme(scheme) => {
            let Some((found, token)) = value.split_once([' ', '\t']) else {
                return false;
            };
            let token = token.trim_start_matches([' ', '\t']);
            found.eq_ignore_ascii_case(scheme) && !token.is_empty() && is_token68(token)
        }
    }
}

/// Checks for an RFC 9110 `token`, the name of a media type parameter.
fn is_token(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte))
}

/// Checks for an RFC 9110 `token68`, the credentials after an authentication scheme.
fn is_token68(text: &str) -> bool {
    let body = text.trim_end_matches('=');
    !body.is_empty()
        && body
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || b"-._~+/".contains(&byte))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_type_rule() {
        let rule = HeaderRule::MediaType("application/json");
        assert!(matches(&rule, "application/json"));
        assert!(matches(&rule, "Application/JSON; charset=utf-8"));
        assert!(!matches(&rule, "text/plain"));
        assert!(!matches(&rule, "application/json; charset"));
        assert!(!matches(&rule, "application/jsonx"));
    }

    #[test]
    fn scheme_rule() {
        let rule = HeaderRule::Scheme("Bearer");
        assert!(matches(&rule, "Bearer sk_live-abc.DEF=="));
        assert!(matches(&rule, "bearer   token"));
        assert!(!matches(&rule, "Bearer"));
        assert!(!matches(&rule, "Bearer "));
        assert!(!matches(&rule, "Basic abc"));
        assert!(!matches(&rule, "Bearer two tokens"));
    }
}
