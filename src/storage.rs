//! Local storage: raw strings in and out, decoded by the core's schema. An unreadable value is
//! copied, untouched, under a backup key and reported; it is never replaced by a default.

use redline_core::schema::{self, assemble, AnnotationRecord, Library, LibraryEntry, StoredText};
use redline_core::sync::{self, Share};
use redline_core::{Document, DocumentId, DocumentText};
use wasm_bindgen::{JsCast, JsValue};

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

    /// Whether a value is stored under `key`, without copying it (a text can be megabytes).
    pub fn contains(&self, key: &str) -> bool {
        self.inner.as_ref().is_some_and(|storage| {
            storage.unchecked_ref::<UncopiedStorage>().get_item_uncopied(key).is_ok_and(|value| !value.is_null())
        })
    }

    /// Writes `value`; when the quota is used up, the first screen's copy (only a copy) makes
    /// room for the user's data first.
    pub fn set(&self, key: &str, value: &str) -> Result<(), WriteError> {
        let storage = self.inner.as_ref().ok_or(WriteError::Unavailable)?;
        match storage.set_item(key, value).map_err(|error| classify(&error)) {
            Err(WriteError::Full) if key != schema::FIRST_SCREEN_KEY && self.contains(schema::FIRST_SCREEN_KEY) => {
                self.remove(schema::FIRST_SCREEN_KEY);
                storage.set_item(key, value).map_err(|error| classify(&error))
            }
            written => written,
        }
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
            Some(_) => self.set(&format!("{backup}:{}", crate::now().0), raw).is_ok(),
            None => self.set(&backup, raw).is_ok(),
        };
        Unreadable { key: key.to_string(), backup_key: kept.then_some(backup), reason }
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

    /// What is kept under backup keys, by key.
    pub fn backups(&self) -> Vec<(String, String)> {
        self.keys_with_prefix(schema::BACKUP_PREFIX).into_iter().filter_map(|k| self.get(&k).map(|v| (k, v))).collect()
    }

    /// A list of documents rebuilt from the texts in storage, for when the list itself could not
    /// be read (`schema::assemble::recover_library`).
    pub fn recover_library(&self, at: redline_core::Timestamp) -> Library {
        let keys = self.keys_with_prefix(schema::TEXT_PREFIX);
        assemble::recover_library(keys.iter().filter_map(|key| self.get(key)), at)
    }

    /// Every key that begins with `prefix`.
    fn keys_with_prefix(&self, prefix: &str) -> Vec<String> {
        let Some(storage) = &self.inner else { return Vec::new() };
        let count = storage.length().unwrap_or(0);
        (0..count).filter_map(|i| storage.key(i).ok().flatten()).filter(|k| k.starts_with(prefix)).collect()
    }

    /// A stored document. An annotation record that cannot be read (or does not fit the text)
    /// is kept under its backup key and reported; the document opens with the rest.
    pub fn load_document(&self, entry: &LibraryEntry) -> Result<(Document, Vec<Unreadable>), Unreadable> {
        let text_key = schema::text_key(&entry.id);
        let raw_text = self.get(&text_key).ok_or_else(|| Unreadable {
            key: text_key.clone(),
            backup_key: None,
            reason: "the document's text is missing from storage".to_string(),
        })?;
        let stored_text =
            schema::decode_text(&raw_text).map_err(|e| self.quarantine(&text_key, &raw_text, e.to_string()))?;
        let text = DocumentText::new(&stored_text.text);
        let keys = self.keys_with_prefix(&schema::annotation_prefix(&entry.id));
        let records = keys.into_iter().filter_map(|key| self.get(&key).map(|raw| (key, raw)));
        let assembled = assemble::assemble_document(&entry.title, text, records).map_err(|error| Unreadable {
            key: schema::annotation_prefix(&entry.id),
            backup_key: None,
            reason: error.to_string(),
        })?;
        let mut assembled = assembled;
        assembled.document.set_metadata(entry.metadata.clone());
        let problems = assembled
            .rejected
            .iter()
            .map(|rejected| self.quarantine(&rejected.key, &rejected.raw, rejected.reason.clone()));
        Ok((assembled.document, problems.collect()))
    }

    pub fn save_library(&self, library: &Library) -> Result<(), WriteError> {
        self.set(schema::LIBRARY_KEY, &schema::encode_library(library))
    }

    pub fn save_text(&self, document: &Document) -> Result<(), WriteError> {
        let stored = StoredText { sha256: document.id().to_string(), text: document.text().as_str().to_string() };
        self.set(&schema::text_key(document.id()), &schema::encode_text(&stored))
    }

    /// Writes one annotation record: the annotation as it is now, or when it was deleted.
    pub fn save_record(&self, document: &DocumentId, record: &AnnotationRecord) -> Result<(), WriteError> {
        self.set(&schema::annotation_key(document, record.id()), &schema::encode_annotation(record))
    }

    /// A document's share (its team room), if it has one that can be read.
    pub fn share(&self, id: &DocumentId) -> Option<Share> {
        self.get(&sync::share_key(id)).and_then(|raw| sync::decode_share(&raw))
    }

    pub fn save_share(&self, share: &Share) -> Result<(), WriteError> {
        self.set(&sync::share_key(&share.room.document), &sync::encode_share(share))
    }

    pub fn remove_document(&self, id: &DocumentId) {
        self.remove(&schema::text_key(id));
        self.remove(&sync::share_key(id));
        for key in self.keys_with_prefix(&schema::annotation_prefix(id)) {
            self.remove(&key);
        }
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `Storage`, bound again for a `getItem` whose value stays in JavaScript.
    #[wasm_bindgen(js_name = Storage)]
    type UncopiedStorage;
    #[wasm_bindgen(method, catch, js_name = getItem)]
    fn get_item_uncopied(this: &UncopiedStorage, key: &str) -> Result<JsValue, JsValue>;
}

/// Quota errors are `QuotaExceededError` DOMExceptions (code 22); anything else means storage
/// is not usable.
fn classify(error: &JsValue) -> WriteError {
    let name = js_sys::Reflect::get(error, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
    if name.contains("Quota") {
        WriteError::Full
    } else {
        WriteError::Unavailable
    }
}
