//! Keeps storage in step with the state: after every message ([`Actions::dispatch`]), as its
//! reduction ends, [`Persistence::keep_up_with`] writes what changed: the records of the open
//! document that differ from the version storage holds
//! ([`Document::records_since`](redline_core::Document::records_since)), which then becomes the
//! stored version (a failed write leaves it, so the next change writes both, and says so), and
//! the document list. Not in an effect: Yew lets the browser run between drawing a change and
//! its effects, and a page closed then would lose the change. Another tab's
//! records are already stored: [`Persistence::absorb`] takes them into `stored` just before the
//! state merges them, so they are never written back over a newer value.

use crate::actions::Actions;
use crate::first_screen;
use crate::storage::{Storage, WriteError};
use crate::store::{OpenDocument, Store};
use redline_core::schema::{self, AnnotationRecord, Library};
use redline_core::{Document, DocumentId};
use std::cell::RefCell;
use std::collections::HashSet;
use yew::prelude::*;

/// Stores the state the page starts with (the bundled article on a first start, the list).
#[hook]
pub fn use_persistence(actions: &Actions) {
    use_effect_with((), {
        let actions = actions.clone();
        move |_| actions.keep_in_step()
    });
}

pub struct Persistence {
    storage: Storage,
    /// Keys this tab must not overwrite: values it could not read, kept for recovery.
    protected: HashSet<String>,
    /// Documents whose text is known to be stored (a long text is written once).
    texts_written: RefCell<HashSet<DocumentId>>,
    stored: RefCell<Option<OpenDocument>>,
    /// The open document and the list as [`Persistence::keep_up_with`] last saw them.
    seen: RefCell<Option<(Option<OpenDocument>, Library)>>,
}

impl Persistence {
    pub fn new(storage: Storage, protected: HashSet<String>) -> Persistence {
        Persistence {
            storage,
            protected,
            texts_written: RefCell::default(),
            stored: RefCell::default(),
            seen: RefCell::default(),
        }
    }

    /// Brings storage up to `state` when its open document or list changed since the last call
    /// (the first call stores both): `None` when nothing changed. A change also forgets the
    /// first screen's copy, which showed what was before it.
    pub fn keep_up_with(&self, state: &Store) -> Option<Result<(), WriteError>> {
        let mut seen = self.seen.borrow_mut();
        let first = seen.is_none();
        let document_changed = seen.as_ref().is_none_or(|(document, _)| *document != state.document);
        let library_changed = seen.as_ref().is_none_or(|(_, library)| *library != state.library);
        if !document_changed && !library_changed {
            return None;
        }
        *seen = Some((state.document.clone(), state.library.clone()));
        drop(seen);
        if !first {
            first_screen::forget(&self.storage);
        }
        let document = match &state.document {
            Some(document) if document_changed => self.store_document(document, &state.library),
            _ => Ok(()),
        };
        let library = if library_changed { self.store_library(&state.library) } else { Ok(()) };
        Some(document.and(library))
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

    /// Writes a document's text before it opens, so that writing a long text and drawing its
    /// start are not one long task (for 1 MB, each takes about 100 ms on a slow machine). Opening
    /// it then finds the text stored, as for any text kept before; a text whose opening never
    /// came (the page closed in between) is taken up again when the same text is next opened.
    /// A write that fails is tried again, and reported, when the document opens.
    pub fn store_text_ahead(&self, document: &Document) {
        if !self.storage.contains(&schema::text_key(document.id())) {
            self.storage.save_text(document).ok();
        }
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
}
