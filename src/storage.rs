//! Local storage: raw strings in and out, decoded by the core's schema. An unreadable value is
//! copied, untouched, under a backup key and reported; it is never replaced by a default.

use redline_core::schema::{self, Library, LibraryEntry, StoredAnnotations, StoredText};
use redline_core::{Document, DocumentText};
use wasm_bindgen::JsValue;

/// Why a write did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteError {
    /// The browser refused: its quota for this site is used up.
    Full,
    /// There is no storage (disabled, or a private mode that refuses it).
    Unavailable,
}

/// A stored value that could not be read, and where it was kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub key: String,
    /// `None` when the backup could not be written either; the original key is then left alone.
    pub backup_key: Option<String>,
    pub reason: String,
}

/// The browser's `localStorage`, or nothing when it is unavailable.
#[derive(Clone)]
pub struct Storage {
    inner: Option<web_sys::Storage>,
}

impl PartialEq for Storage {
    fn eq(&self, other: &Self) -> bool {
        self.inner.is_some() == other.inner.is_some()
    }
}

impl Storage {
    pub fn open() -> Storage {
        let inner = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
        Storage { inner }
    }

    pub fn is_available(&self) -> bool {
        self.inner.is_some()
    }

    pub fn get(&self, key: &str) -> Option<String> {
        self.inner.as_ref()?.get_item(key).ok().flatten()
    }

    pub fn set(&self, key: &str, value: &str) -> Result<(), WriteError> {
        let storage = self.inner.as_ref().ok_or(WriteError::Unavailable)?;
        storage
            .set_item(key, value)
            .map_err(|error| classify(&error))
    }

    pub fn remove(&self, key: &str) {
        if let Some(storage) = &self.inner {
            storage.remove_item(key).ok();
        }
    }

    /// Keeps an unreadable value under its backup key, unless a backup is already there.
    pub fn quarantine(&self, key: &str, raw: &str, reason: String) -> Unreadable {
        let backup = schema::backup_key(key);
        let kept = match self.get(&backup) {
            Some(existing) if existing == raw => true,
            Some(_) => self
                .set(&format!("{backup}:{}", crate::now().0), raw)
                .is_ok(),
            None => self.set(&backup, raw).is_ok(),
        };
        Unreadable {
            key: key.to_string(),
            backup_key: kept.then_some(backup),
            reason,
        }
    }

    /// The list of documents. `Err` carries the unreadable value's report; the caller then
    /// starts with an empty list (the raw value is already kept under the backup key).
    pub fn load_library(&self) -> Result<Option<Library>, Unreadable> {
        let Some(raw) = self.get(schema::LIBRARY_KEY) else {
            return Ok(None);
        };
        schema::decode_library(&raw)
            .map(Some)
            .map_err(|error| self.quarantine(schema::LIBRARY_KEY, &raw, error.to_string()))
    }

    /// A stored document. A document whose annotations cannot be read opens without them
    /// (they are kept under the backup key) and the report comes with it.
    pub fn load_document(
        &self,
        entry: &LibraryEntry,
    ) -> Result<(Document, Option<Unreadable>), Unreadable> {
        let text_key = schema::text_key(&entry.id);
        let raw_text = self.get(&text_key).ok_or_else(|| Unreadable {
            key: text_key.clone(),
            backup_key: None,
            reason: "the document's text is missing from storage".to_string(),
        })?;
        let stored_text = schema::decode_text(&raw_text)
            .map_err(|e| self.quarantine(&text_key, &raw_text, e.to_string()))?;
        let text = DocumentText::new(&stored_text.text);
        let annotations_key = schema::annotations_key(&entry.id);
        let Some(raw) = self.get(&annotations_key) else {
            return Ok((Document::new(entry.title.clone(), text), None));
        };
        let restored = schema::decode_annotations(&raw)
            .map_err(|e| e.to_string())
            .and_then(|stored| {
                Document::restore(
                    entry.title.clone(),
                    text.clone(),
                    stored.annotations,
                    stored.tombstones,
                )
                .map_err(|e| e.to_string())
            });
        match restored {
            Ok(document) => Ok((document, None)),
            Err(reason) => {
                let report = self.quarantine(&annotations_key, &raw, reason);
                Ok((Document::new(entry.title.clone(), text), Some(report)))
            }
        }
    }

    pub fn save_library(&self, library: &Library) -> Result<(), WriteError> {
        self.set(schema::LIBRARY_KEY, &schema::encode_library(library))
    }

    pub fn save_text(&self, document: &Document) -> Result<(), WriteError> {
        let stored = StoredText {
            sha256: document.id().to_string(),
            text: document.text().as_str().to_string(),
        };
        self.set(
            &schema::text_key(document.id()),
            &schema::encode_text(&stored),
        )
    }

    pub fn save_annotations(&self, document: &Document) -> Result<(), WriteError> {
        self.set(
            &schema::annotations_key(document.id()),
            &encode_annotations(document),
        )
    }

    pub fn remove_document(&self, id: &str) {
        self.remove(&schema::text_key(id));
        self.remove(&schema::annotations_key(id));
    }
}

pub fn encode_annotations(document: &Document) -> String {
    let stored = StoredAnnotations {
        sha256: document.id().to_string(),
        annotations: document.annotations().to_vec(),
        tombstones: document.tombstones().clone(),
    };
    schema::encode_annotations(&stored)
}

/// Quota errors are `QuotaExceededError` DOMExceptions (code 22); anything else means storage
/// is not usable.
fn classify(error: &JsValue) -> WriteError {
    let name = js_sys::Reflect::get(error, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    if name.contains("Quota") {
        WriteError::Full
    } else {
        WriteError::Unavailable
    }
}
