//! Keeps storage in step with the state: after every change to the open document, its changed
//! records are written (a document new to storage gets its text and all its records once);
//! after every change to the document list, the list. A failed write says so and is retried
//! with the next change.

use crate::commands::report_write;
use crate::storage::Storage;
use crate::store::Store;
use redline_core::schema;
use redline_core::DocumentId;
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;
use yew::prelude::*;

/// `protected` holds the keys this tab must not overwrite (values it could not read, kept for
/// recovery); `texts_written` the documents whose text is known to be stored this session.
#[hook]
pub fn use_persistence(
    store: &UseReducerHandle<Store>,
    storage: Rc<Storage>,
    protected: Rc<RefCell<HashSet<String>>>,
    texts_written: Rc<RefCell<HashSet<DocumentId>>>,
) {
    // Persist what changed in the open document after every change; a document new to storage
    // gets its text and all its records once.
    use_effect_with(store.revision, {
        let (store, storage, protected, texts_written) =
            (store.clone(), storage.clone(), protected.clone(), texts_written);
        move |_| {
            if let Some(document) = &store.document {
                let mut document = document.borrow_mut();
                let id = document.id().clone();
                let mut result = Ok(());
                if !texts_written.borrow().contains(&id) {
                    if !storage.contains(&schema::text_key(&id)) {
                        result = storage.save_text(&document).and_then(|_| storage.save_all_annotations(&document));
                        if !protected.borrow().contains(schema::LIBRARY_KEY) {
                            result = result.and_then(|_| storage.save_library(&store.library));
                        }
                    }
                    if result.is_ok() {
                        texts_written.borrow_mut().insert(id.clone());
                    }
                }
                let protected = protected.borrow();
                let changed: Vec<_> = document
                    .take_changed()
                    .into_iter()
                    .filter(|a| !protected.contains(&schema::annotation_key(&id, a)))
                    .collect();
                if result.is_ok() {
                    result = storage.save_annotations(&document, &changed);
                }
                if result.is_err() {
                    document.mark_changed(changed);
                }
                report_write(&store, result);
            }
        }
    });
    use_effect_with(store.library_revision, {
        let store = store.clone();
        move |_| {
            if !protected.borrow().contains(schema::LIBRARY_KEY) {
                report_write(&store, storage.save_library(&store.library));
            }
        }
    });
}
