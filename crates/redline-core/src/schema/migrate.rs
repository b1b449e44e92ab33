//! Reads a stored record of any released version into the current domain types.
//! A new version adds a frozen module beside `v1` and a step here from the one before it.

use super::{v1, v2, v3};
use super::{AnnotationRecord, Library, SchemaError, StoredText, CURRENT_VERSION};
use crate::formats::json_path;
use serde::de::DeserializeOwned;

pub fn library(raw: &str) -> Result<Library, SchemaError> {
    match version(raw)? {
        1 => v1::LibraryV1::into_domain(parse(raw)?),
        3 => v3::LibraryV3::into_domain(parse(raw)?),
        other => Err(unknown(other)),
    }
}

pub fn text(raw: &str) -> Result<StoredText, SchemaError> {
    match version(raw)? {
        1 => v1::TextV1::into_domain(parse(raw)?),
        other => Err(unknown(other)),
    }
}

pub fn annotation(raw: &str) -> Result<AnnotationRecord, SchemaError> {
    match version(raw)? {
        1 => v1::RecordV1::into_domain(parse(raw)?),
        2 => v2::RecordV2::into_domain(parse(raw)?),
        other => Err(unknown(other)),
    }
}

/// The record's `version`, read without building the rest of it (a text record is the whole
/// article; the version-specific decoder reads it once, afterwards).
fn version(raw: &str) -> Result<u64, SchemaError> {
    #[derive(serde::Deserialize)]
    struct Versioned {
        version: u64,
    }
    match serde_json::from_str::<Versioned>(raw) {
        Ok(versioned) => Ok(versioned.version),
        Err(error) if error.is_data() => Err(SchemaError::NoVersion),
        Err(error) => Err(SchemaError::NotJson(error.to_string())),
    }
}

fn unknown(version: u64) -> SchemaError {
    if version > CURRENT_VERSION {
        SchemaError::NewerVersion(version)
    } else {
        SchemaError::Invalid(format!("schema version {version} was never released"))
    }
}

/// Decodes `raw`; a value of the wrong shape is reported at its JSON path.
fn parse<T: DeserializeOwned>(raw: &str) -> Result<T, SchemaError> {
    serde_json::from_str(raw).map_err(|error| {
        let path = json_path::path_at(raw, error.line(), error.column());
        let message = error.to_string();
        // serde_json ends its message with the position, which the path replaces.
        let message = message.rsplit_once(" at line ").map_or(message.as_str(), |(message, _)| message).to_string();
        SchemaError::Shape { path, message }
    })
}
