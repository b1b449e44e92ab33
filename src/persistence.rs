//! Keeps storage in step with the state ([`use_persistence`]): after every new version of the
//! open document, the records that differ from the version storage holds
//! ([`Document::records_since`](redline_core::Document::records_since)) are written and it
//! becomes the stored version; a failed write leaves it, so the next change writes both, and
//! says so. After every change to the document list, the list is written.
//! Another tab's
//! records are already stored: [`Persistence::absorb`] takes them into `stored` just before the
//! state merges them, so they are never written back over a newer value.

use crate::actions::Actions;
use crate::storage::{Storage, WriteError};
use crate::store::{OpenDocument, Store};
use redline_core::schema::{self, AnnotationRecord, Library};
use redline_core::DocumentId;
use std::cell::RefCell;
use std::collections::HashSet;
use yew::prelude::*;

#[hook]
pub fn use_persistence(store: &UseReducerHandle<Store>, actions: &Actions) {
    use_effect_with(store.document.clone(), {
        let (library, actions) = (store.library.clone(), actions.clone());
        move |document| {
            if let Some(document) = document {
                actions.report_write(actions.persistence().store_document(document, &library));
            }
        }
    });
    use_effect_with(store.library.clone(), {
        let actions = actions.clone();
        move |library| actions.report_write(actions.persistence().store_library(library))
    });
}

pub struct Persistence {
    storage: Storage,
    /// Keys this tab must not overwrite: values it could not read, kept for recovery.
    protected: HashSet<String>,
    /// Documents whose text is known to be stored (a long text is written once).
    texts_written: RefCell<HashSet<DocumentId>>,
    stored: RefCell<Option<OpenDocument>>,
}

impl Persistence {
    pub fn new(storage: Storage, protected: HashSet<String>) -> Persistence {
        Persistence { storage, protected, texts_written: RefCell::default(), stored: RefCell::default() }
    }

    pub fn storage(&self) -> &Storage {
        &self.storage
    }

    /// Brings storage up to `document`: its text and every record when storage has none of it,
    /// else the records that changed since the stored version. A document first seen here
    /// whose text is stored was read from storage, so storage holds it as it is.
    pub fn store_document(&self, document: &OpenDocument, library: &Library) -> Result<(), WriteError> {
        let id = document.id();
        let mut stored = self.stored.borrow_mut();
        let known = stored.as_ref().is_some_and(|s| s.id() == id);
        if !known || !self.texts_written.borrow().contains(id) {
            if !self.storage.contains(&schema::text_key(id)) {
                *stored = None;
                self.storage.save_text(document)?;
                self.store_library(library)?;
            } else if !known {
                *stored = Some(document.clone());
            }
            self.texts_written.borrow_mut().insert(id.clone());
        }
        let records = document.records_since(stored.as_deref());
        let records = records.iter().filter(|r| !self.protected.contains(&schema::annotation_key(id, r.id())));
        for record in records {
            self.storage.save_record(id, record)?;
        }
        *stored = Some(document.clone());
        Ok(())
    }

    pub fn store_library(&self, library: &Library) -> Result<(), WriteError> {
        if self.protected.contains(schema::LIBRARY_KEY) {
            return Ok(());
        }
        self.storage.save_library(library)
    }

    /// Another tab stored `record`: the stored version takes it in as the state is about to.
    pub fn absorb(&self, document: &DocumentId, record: &AnnotationRecord) {
        let mut stored = self.stored.borrow_mut();
        if let Some(current) = stored.as_ref().filter(|s| s.id() == document) {
            let mut merged = (**current).clone();
            merged.merge_record(record);
            *stored = Some(OpenDocument::new(merged));
        }
    }

    /// A document's text left storage (deleted here or in another tab): the next write of that
    /// document stores it whole.
    pub fn forget_text(&self, id: &DocumentId) {
        self.texts_written.borrow_mut().remove(id);
    }

    /// Whether storage holds this version of the document (its writes are done).
    pub fn holds(&self, document: &OpenDocument) -> bool {
        self.stored.borrow().as_ref() == Some(document)
    }
}
