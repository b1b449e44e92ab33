//! Walking untrusted JSON while keeping the path, so that every error says where it is.

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
