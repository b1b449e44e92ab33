//! What is kept in local storage, as versioned records decoded by frozen per-version types
//! ([`v1`]) and brought up to date by [`migrate`]. An unreadable record is an error, never a default.
//!
//! Keys (all begin with `redline:`): [`LIBRARY_KEY`] lists the documents; for each document,
//! [`text_key`] holds its text (written once) and [`annotation_key`] one record per annotation
//! (the annotation, or when it was deleted). An edit rewrites one small record, never the text or
//! the other annotations, and two tabs merge record by record. [`FIRST_SCREEN_KEY`] holds a copy
//! of the first screen for the next start, not part of the record.

pub mod assemble;
mod first_screen;
pub mod migrate;
pub mod v1;
pub mod v2;
pub mod v3;

use crate::annotation::{Annotation, AnnotationId};
use crate::document::{Document, Metadata};
use crate::relation::Relation;
use crate::text::DocumentId;
use crate::time::Timestamp;
use thiserror::Error;

pub use first_screen::{
    encode_first_screen, keeps_paragraph_ending_at, FIRST_SCREEN_CHARS, FIRST_SCREEN_KEY, FIRST_SCREEN_VERSION,
};

/// The newest version this build reads and writes: version 2 added relation records, version 3
/// the document list's metadata. Each record is written in the newest version that changed its
/// shape: texts as version 1, annotations and relations as version 2, the list as version 3.
pub const CURRENT_VERSION: u64 = v3::VERSION;
pub const KEY_PREFIX: &str = "redline:";
pub const LIBRARY_KEY: &str = "redline:library";
/// Where an unreadable value is kept, untouched, for the user to download.
pub const BACKUP_PREFIX: &str = "redline:backup:";

/// The common beginning of the text keys.
pub const TEXT_PREFIX: &str = "redline:text:";

pub fn text_key(document_id: &DocumentId) -> String {
    format!("{TEXT_PREFIX}{document_id}")
}

/// The common beginning of every annotation key.
const ANNOTATION_PREFIX: &str = "redline:annotation:";

/// The common beginning of a document's annotation keys.
pub fn annotation_prefix(document_id: &DocumentId) -> String {
    format!("{ANNOTATION_PREFIX}{document_id}:")
}

pub fn annotation_key(document_id: &DocumentId, id: &AnnotationId) -> String {
    format!("{}{id}", annotation_prefix(document_id))
}

pub fn backup_key(key: &str) -> String {
    format!("{BACKUP_PREFIX}{}", key.trim_start_matches(KEY_PREFIX))
}

/// The list of documents and which one is open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Library {
    pub documents: Vec<LibraryEntry>,
    pub open: Option<DocumentId>,
}

impl Library {
    /// Takes in another tab's list: its new documents are added and its titles and metadata
    /// win (an edit there is the latest word); nothing is removed here (a deletion arrives as its own
    /// event) and which document is open stays this tab's. Whether anything changed.
    pub fn merge_from(&mut self, other: Library) -> bool {
        let mut changed = false;
        for entry in other.documents {
            match self.documents.iter_mut().find(|e| e.id == entry.id) {
                Some(local) if local.title != entry.title || local.metadata != entry.metadata => {
                    local.title = entry.title;
                    local.metadata = entry.metadata;
                    changed = true;
                }
                Some(_) => {}
                None => {
                    self.documents.push(entry);
                    changed = true;
                }
            }
        }
        changed
    }

    pub fn entry(&self, id: &DocumentId) -> Option<&LibraryEntry> {
        self.documents.iter().find(|e| &e.id == id)
    }

    /// Makes `document` the open one, listing it (at the end, added `at`) if it is new; an
    /// entry without a title takes the document's.
    pub fn open(&mut self, document: &Document, at: Timestamp) {
        let id = document.id();
        match self.documents.iter_mut().find(|e| &e.id == id) {
            Some(entry) if entry.title.is_empty() => entry.title = document.title().to_string(),
            Some(_) => {}
            None => self.documents.push(LibraryEntry {
                id: id.clone(),
                title: document.title().to_string(),
                added: at,
                metadata: document.metadata().clone(),
            }),
        }
        self.open = Some(id.clone());
    }

    /// Renames a document: the title is trimmed, and an empty one refused. The title set.
    pub fn rename(&mut self, id: &DocumentId, title: &str) -> Option<String> {
        let title = title.trim();
        let entry = self.documents.iter_mut().find(|e| &e.id == id).filter(|_| !title.is_empty())?;
        entry.title = title.to_string();
        Some(entry.title.clone())
    }

    /// Sets what is known of a document's source (cleaned: see [`Metadata::cleaned`]). The
    /// metadata set.
    pub fn set_metadata(&mut self, id: &DocumentId, metadata: Metadata) -> Option<Metadata> {
        let entry = self.documents.iter_mut().find(|e| &e.id == id)?;
        entry.metadata = metadata.cleaned();
        Some(entry.metadata.clone())
    }

    /// Takes a document off the list (closing it if it is open).
    pub fn remove(&mut self, id: &DocumentId) -> Option<LibraryEntry> {
        let index = self.documents.iter().position(|e| &e.id == id)?;
        if self.open.as_ref() == Some(id) {
            self.open = None;
        }
        Some(self.documents.remove(index))
    }

    /// Puts back an entry taken off, where its time of adding places it.
    pub fn reinsert(&mut self, entry: LibraryEntry) {
        let index = self.documents.iter().position(|e| e.added > entry.added).unwrap_or(self.documents.len());
        self.documents.insert(index, entry);
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryEntry {
    pub id: DocumentId,
    pub title: String,
    pub added: Timestamp,
    pub metadata: Metadata,
}

/// A document's text as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredText {
    pub sha256: String,
    pub text: String,
}

/// One annotation as stored: the annotation, or the time it was deleted (so that another tab's
/// older copy does not bring it back).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnnotationRecord {
    Live(Annotation),
    Deleted {
        id: AnnotationId,
        at: Timestamp,
    },
    /// A relation between two of the document's annotations (from schema version 2).
    Relation(Relation),
}

impl AnnotationRecord {
    pub fn id(&self) -> &AnnotationId {
        match self {
            AnnotationRecord::Live(annotation) => annotation.id(),
            AnnotationRecord::Deleted { id, .. } => id,
            AnnotationRecord::Relation(relation) => relation.id(),
        }
    }
}

/// What another tab's write to storage means for this one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemoteChange {
    /// A document's text was removed: the document was deleted there.
    TextRemoved(DocumentId),
    /// The list of documents, as that tab wrote it.
    Library(Library),
    /// One annotation record of a document.
    Annotation { document: DocumentId, record: AnnotationRecord },
}

/// Reads another tab's write (`value` is `None` for a removal). A key that is not ours, a
/// removed record (the document's deletion says it), or a value that cannot be read gives
/// `None`: this tab keeps what it has.
pub fn decode_remote(key: &str, value: Option<&str>) -> Option<RemoteChange> {
    if let Some(id) = key.strip_prefix(TEXT_PREFIX) {
        return match value {
            None => DocumentId::parse(id).map(RemoteChange::TextRemoved),
            Some(_) => None,
        };
    }
    let value = value?;
    if key == LIBRARY_KEY {
        return decode_library(value).ok().map(RemoteChange::Library);
    }
    let (document, _) = key.strip_prefix(ANNOTATION_PREFIX)?.split_once(':')?;
    let document = DocumentId::parse(document)?;
    let record = decode_annotation(value).ok()?;
    Some(RemoteChange::Annotation { document, record })
}

/// Why a stored value could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SchemaError {
    #[error("the stored value is not valid JSON: {0}")]
    NotJson(String),
    #[error("the stored value has no schema version")]
    NoVersion,
    #[error("the stored value was written by a newer version of the app (schema {0}); update the app to read it")]
    NewerVersion(u64),
    #[error("the stored value does not have the expected shape at {path}: {message}")]
    Shape { path: String, message: String },
    #[error("the stored value is inconsistent: {0}")]
    Invalid(String),
}

pub fn encode_library(library: &Library) -> String {
    json(&v3::LibraryV3::from(library))
}

pub fn encode_text(text: &StoredText) -> String {
    json(&v1::TextV1::from(text))
}

pub fn encode_annotation(record: &AnnotationRecord) -> String {
    json(&v2::RecordV2::from(record))
}

pub fn decode_library(raw: &str) -> Result<Library, SchemaError> {
    migrate::library(raw)
}

pub fn decode_text(raw: &str) -> Result<StoredText, SchemaError> {
    migrate::text(raw)
}

pub fn decode_annotation(raw: &str) -> Result<AnnotationRecord, SchemaError> {
    migrate::annotation(raw)
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|error| format!("{{\"error\":\"{error}\"}}"))
}
