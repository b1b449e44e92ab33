//! Walking untrusted JSON while keeping the path, so that every error says where it is; and
//! finding the path of the place a parser stopped at ([`path_at`]).

use serde_json::Value;
use std::fmt;

/// A value and the JSON path (`$.first.items[2].target`) that leads to it.
#[derive(Clone)]
pub struct At<'a> {
    pub value: &'a Value,
    pub path: String,
}

/// An error at a JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError {
    pub path: String,
    pub message: String,
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at {}: {}", self.path, self.message)
    }
}

impl<'a> At<'a> {
    pub fn root(value: &'a Value) -> At<'a> {
        At { value, path: "$".to_string() }
    }

    pub fn error(&self, message: impl Into<String>) -> PathError {
        PathError { path: self.path.clone(), message: message.into() }
    }

    /// A member of an object; `None` when absent or null.
    pub fn get(&self, key: &str) -> Option<At<'a>> {
        let value = self.value.get(key).filter(|v| !v.is_null())?;
        Some(At { value, path: format!("{}.{key}", self.path) })
    }

    /// A member that must be there.
    pub fn require(&self, key: &str) -> Result<At<'a>, PathError> {
        self.get(key).ok_or_else(|| self.error(format!("\"{key}\" is missing")))
    }

    pub fn str(&self) -> Result<&'a str, PathError> {
        self.value.as_str().ok_or_else(|| self.error(format!("expected a string, found {}", kind(self.value))))
    }

    pub fn offset(&self) -> Result<usize, PathError> {
        self.value
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| self.error(format!("expected a non-negative whole number, found {}", short(self.value))))
    }

    /// The elements of a list, or the value alone, so that `body: {}` and `body: [{}]` read alike.
    pub fn items(&self) -> Vec<At<'a>> {
        match self.value {
            Value::Array(items) => {
                items.iter().enumerate().map(|(i, value)| At { value, path: format!("{}[{i}]", self.path) }).collect()
            }
            value => vec![At { value, path: self.path.clone() }],
        }
    }
}

pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(40).collect::<String>())
    } else {
        text
    }
}

/// The JSON path (`$.documents[0].id`) of the member or element `raw` was read up to when a
/// parser stopped at `line` and `column` (serde_json's count: lines from 1, the column in bytes
/// from the line's start): the innermost one begun before that point. Found by scanning the text
/// once, only when an error is reported, so that reading valid values tracks nothing.
pub fn path_at(raw: &str, line: usize, column: usize) -> String {
    enum Step {
        /// In an object: the member whose key was read last (none before the first key).
        Member(Option<String>),
        Element(usize),
    }
    let line_start: usize = raw.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    let end = (line_start + column).min(raw.len());
    let bytes = raw.as_bytes();
    let mut steps = Vec::new();
    let mut at = 0;
    while at < end {
        match bytes[at] {
            b'"' => {
                let start = at + 1;
                at = start;
                while at < bytes.len() && bytes[at] != b'"' {
                    at += if bytes[at] == b'\\' { 2 } else { 1 };
                }
                at = at.min(bytes.len());
                if let Some(Step::Member(key @ None)) = steps.last_mut() {
                    *key = raw.get(start..at).map(str::to_string);
                }
            }
            b'{' => steps.push(Step::Member(None)),
            b'[' => steps.push(Step::Element(0)),
            b'}' | b']' => {
                steps.pop();
            }
            b',' => match steps.last_mut() {
                Some(Step::Member(key)) => *key = None,
                Some(Step::Element(index)) => *index += 1,
                None => {}
            },
            _ => {}
        }
        at += 1;
    }
    steps.iter().fold("$".to_string(), |path, step| match step {
        Step::Member(Some(key)) => format!("{path}.{key}"),
        Step::Member(None) => path,
        Step::Element(index) => format!("{path}[{index}]"),
    })
}
