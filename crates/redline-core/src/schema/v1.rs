//! Schema version 1, frozen: these types must read every value version 1 ever wrote.

use super::{AnnotationRecord, Library, LibraryEntry, SchemaError, StoredText};
use crate::annotation::{Annotation, AnnotationId, Fields, Quote};
use crate::label::Label;
use crate::offset::CharOffset;
use crate::span::Span;
use crate::text::{sha256_hex, DocumentId};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LibraryV1 {
    pub version: u64,
    pub documents: Vec<LibraryEntryV1>,
    pub open: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LibraryEntryV1 {
    pub id: String,
    pub title: String,
    pub added: i64,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextV1 {
    pub version: u64,
    pub sha256: String,
    pub text: String,
}

/// One record per annotation: `{"version":1,"kind":"annotation",…}` or
/// `{"version":1,"kind":"deleted","id":…,"at":…}`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum RecordV1 {
    Annotation(AnnotationV1),
    Deleted(DeletedV1),
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeletedV1 {
    pub version: u64,
    pub id: String,
    pub at: i64,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnotationV1 {
    pub version: u64,
    pub id: String,
    pub label: String,
    /// Code points; both `None` for an orphan.
    pub start: Option<usize>,
    pub end: Option<usize>,
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    pub note: String,
    pub holder: String,
    pub created: i64,
    pub modified: i64,
}

impl LibraryV1 {
    pub fn into_domain(self) -> Result<Library, SchemaError> {
        let documents = self
            .documents
            .into_iter()
            .map(|d| {
                let added = date(d.added, "added").map_err(SchemaError::Invalid)?;
                Ok(LibraryEntry { id: document_id(&d.id)?, title: d.title, added, metadata: Default::default() })
            })
            .collect::<Result<_, SchemaError>>()?;
        let open = self.open.as_deref().map(document_id).transpose()?;
        Ok(Library { documents, open })
    }
}

pub(super) fn document_id(raw: &str) -> Result<DocumentId, SchemaError> {
    DocumentId::parse(raw).ok_or_else(|| SchemaError::Invalid(format!("{raw:?} is not a document id")))
}

impl From<&StoredText> for TextV1 {
    fn from(text: &StoredText) -> Self {
        TextV1 { version: 1, sha256: text.sha256.clone(), text: text.text.clone() }
    }
}

impl TextV1 {
    pub fn into_domain(self) -> Result<StoredText, SchemaError> {
        let actual = sha256_hex(&self.text);
        if actual != self.sha256 {
            return Err(SchemaError::Invalid(format!(
                "the text's SHA-256 is {actual}, but the record says {}",
                self.sha256
            )));
        }
        Ok(StoredText { sha256: self.sha256, text: self.text })
    }
}

impl RecordV1 {
    pub fn into_domain(self) -> Result<AnnotationRecord, SchemaError> {
        match self {
            RecordV1::Annotation(annotation) => {
                annotation.into_domain().map(AnnotationRecord::Live).map_err(SchemaError::Invalid)
            }
            RecordV1::Deleted(deleted) => {
                let at = date(deleted.at, "at").map_err(SchemaError::Invalid)?;
                AnnotationId::parse(&deleted.id)
                    .map(|id| AnnotationRecord::Deleted { id, at })
                    .ok_or_else(|| SchemaError::Invalid(format!("{:?} is not an id", deleted.id)))
            }
        }
    }
}

impl AnnotationV1 {
    /// The annotation in this shape, under schema `version` (version 2 keeps it).
    pub(super) fn of(a: &Annotation, version: u64) -> Self {
        AnnotationV1 {
            version,
            id: a.id().to_string(),
            label: a.label().as_str().to_string(),
            start: a.span().map(|s| s.start().0),
            end: a.span().map(|s| s.end().0),
            exact: a.quote().exact.clone(),
            prefix: a.quote().prefix.clone(),
            suffix: a.quote().suffix.clone(),
            note: a.note().to_string(),
            holder: a.holder().to_string(),
            created: a.created().0,
            modified: a.modified().0,
        }
    }
}

impl AnnotationV1 {
    pub(super) fn into_domain(self) -> Result<Annotation, String> {
        let id = AnnotationId::parse(&self.id).ok_or_else(|| format!("{:?} is not an id", self.id))?;
        let label: Label = self.label.parse()?;
        let span = match (self.start, self.end) {
            (Some(start), Some(end)) => {
                // Checked against the text when the document is restored.
                Some(Span::new(CharOffset(start), CharOffset(end), CharOffset(end)).map_err(|e| e.to_string())?)
            }
            (None, None) => None,
            _ => return Err("start and end must both be present or both be null".to_string()),
        };
        Ok(Annotation::from_fields(Fields {
            id,
            label,
            span,
            quote: Quote { exact: self.exact, prefix: self.prefix, suffix: self.suffix },
            note: self.note,
            holder: self.holder,
            created: date(self.created, "created")?,
            modified: date(self.modified, "modified")?,
        }))
    }
}

/// A stored time, refused when it is no date (years 1 to 9999).
pub(super) fn date(ms: i64, field: &str) -> Result<Timestamp, String> {
    Timestamp::checked(ms).ok_or_else(|| format!("\"{field}\" ({ms}) is not a date between the years 1 and 9999"))
}
