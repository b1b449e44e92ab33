//! What the app's buttons, drops and notices do beyond one store message: files in and out,
//! exports, deleting a document, and telling the user how storage is doing.

use crate::startup::unreadable_notice;
use crate::storage::{Storage, Unreadable, WriteError};
use crate::store::{Msg, Remedy, Severity, Store, Topic};
use crate::tasks::{next_frame, next_task, SLICE_MS};
use crate::{files, now};
use redline_core::formats::{w3c, ExportFormat};
use redline_core::{Document, DocumentId, DocumentText};
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;
use yew::prelude::*;

fn storage_failure_text(error: &WriteError) -> String {
    match error {
        WriteError::Full => "The browser's storage for this page is full, so your latest changes are kept in memory only. Export your work to keep it.".into(),
        WriteError::Unavailable => "The browser refused to store your changes, so they are kept in memory only. Export your work to keep it.".into(),
    }
}

/// Tells the store whether the last write worked, without repeating an alert already shown.
pub fn report_write(store: &UseReducerHandle<Store>, result: Result<(), WriteError>) {
    match result {
        Ok(()) if store.storage_failing && Storage::open().is_available() => {
            store.dispatch(Msg::StorageFailing(false));
        }
        Ok(()) => {}
        Err(error) => {
            if !store.storage_failing {
                store.dispatch(Msg::Notify {
                    topic: Topic::Storage,
                    severity: Severity::Alert,
                    text: storage_failure_text(&error),
                    remedy: Some(Remedy::ExportJson),
                });
                store.dispatch(Msg::StorageFailing(true));
            }
        }
    }
}

pub fn notify_alert(store: &UseReducerHandle<Store>, text: String) {
    store.dispatch(Msg::Notify { topic: Topic::File, severity: Severity::Alert, text, remedy: None });
}

pub fn notify_unreadable(store: &UseReducerHandle<Store>, problems: &[Unreadable]) {
    if let Some(msg) = unreadable_notice(problems) {
        store.dispatch(msg);
    }
}

/// Downloads what is kept under backup keys: one value as it was, several as a JSON object.
pub fn download_backups(storage: &Storage) -> Result<(), String> {
    let backups = storage.backups();
    match backups.as_slice() {
        [] => Err("no unreadable data is kept".into()),
        [(key, raw)] => files::download(&format!("{}.json", key.replace(':', "-")), "application/json", raw),
        many => {
            let map: serde_json::Map<String, serde_json::Value> =
                many.iter().map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone()))).collect();
            let json = serde_json::to_string_pretty(&map).map_err(|e| e.to_string())?;
            files::download("redline-backup.json", "application/json", &json)
        }
    }
}

pub fn export_document(store: &UseReducerHandle<Store>, format: ExportFormat) {
    let Some(document) = &store.document else {
        return;
    };
    let document = document.borrow();
    let name = format.file_name(document.title());
    if format == ExportFormat::W3cJson {
        wasm_bindgen_futures::spawn_local(download_in_slices(store.clone(), name, w3c::Export::new(&document)));
    } else if let Err(error) = files::download(&name, format.media_type(), &format.export(&document)) {
        notify_alert(store, format!("Could not export: {error}"));
    }
}

/// Writes a W3C export a slice at a time (a long document's takes several frames' time), each
/// piece handed to the browser as bytes, then downloads it.
async fn download_in_slices(store: UseReducerHandle<Store>, name: String, mut export: w3c::Export) {
    let parts = js_sys::Array::new();
    loop {
        let started = js_sys::Date::now();
        while js_sys::Date::now() - started < SLICE_MS {
            let Some(piece) = export.next() else {
                if let Err(error) = files::download_parts(&name, ExportFormat::W3cJson.media_type(), &parts) {
                    notify_alert(&store, format!("Could not export: {error}"));
                }
                return;
            };
            parts.push(&js_sys::Uint8Array::from(piece.as_bytes()));
        }
        next_task().await;
    }
}

/// Opens a text as a document: the stored one if the same text is already kept.
pub fn open_text(store: &UseReducerHandle<Store>, storage: &Storage, title: String, text: DocumentText) {
    if text.as_str().trim().is_empty() {
        notify_alert(store, "That article is empty.".into());
        return;
    }
    if let Some(entry) = store.library.documents.iter().find(|e| &e.id == text.id()) {
        if store.open_id().as_ref() != Some(&entry.id) {
            if let Ok((document, _)) = storage.load_document(entry) {
                store.dispatch(Msg::Open { document, at: now() });
                return;
            }
        } else {
            store.dispatch(Msg::Notify {
                topic: Topic::Status,
                severity: Severity::Status,
                text: format!("“{}” is already open.", entry.title),
                remedy: None,
            });
            return;
        }
    }
    store.dispatch(Msg::Open { document: Document::new(title, text), at: now() });
}

/// Reads a chosen or dropped file: an import (`as_import`) or an article.
pub fn read_file(store: UseReducerHandle<Store>, storage: Rc<Storage>, file: web_sys::File, as_import: bool) {
    let name = file.name();
    if as_import && file.size() > w3c::MAX_IMPORT_BYTES as f64 {
        notify_alert(
            &store,
            format!("Could not import {name}: the file is larger than {} MB.", w3c::MAX_IMPORT_BYTES / (1024 * 1024)),
        );
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let raw = match files::read_text(file).await {
            Ok(raw) => raw,
            Err(error) => return notify_alert(&store, format!("Could not read {name}: {error}")),
        };
        if !as_import {
            let title = name.rsplit_once('.').map_or(name.as_str(), |(stem, _)| stem).to_string();
            // Indexing a long text and drawing its start are two frames' work, not one.
            let text = DocumentText::new(&raw);
            next_frame().await;
            return open_text(&store, &storage, title, text);
        }
        let imported = match w3c::import(&raw, now()) {
            Ok(imported) => Rc::new(imported),
            Err(error) => {
                return notify_alert(&store, format!("Could not import {name}: {error}. Nothing was changed."))
            }
        };
        // The file's text may be another stored document: open that one, then merge into it.
        if let Some(id) = imported.text.as_ref().map(|t| t.id()) {
            let stored = store.library.documents.iter().find(|e| &e.id == id).cloned();
            if let Some(entry) = stored.filter(|e| store.open_id().as_ref() != Some(&e.id)) {
                if let Ok((document, _)) = storage.load_document(&entry) {
                    store.dispatch(Msg::Open { document, at: now() });
                }
            }
        }
        store.dispatch(Msg::Import { imported, file_name: name });
    });
}

/// Deletes a document from the library and from storage; it stays in memory until the deletion
/// is undone (which writes it back) or the page is left.
pub fn delete_document(
    store: &UseReducerHandle<Store>,
    storage: &Storage,
    texts_written: &RefCell<HashSet<DocumentId>>,
    id: &DocumentId,
) {
    let document = match (&store.document, store.open_id()) {
        (Some(document), Some(open)) if &open == id => Some(document.borrow().clone()),
        _ => store
            .library
            .documents
            .iter()
            .find(|e| &e.id == id)
            .and_then(|e| storage.load_document(e).ok())
            .map(|(d, _)| d),
    };
    let Some(document) = document else {
        notify_alert(store, "That document could not be read, so it was not deleted.".into());
        return;
    };
    storage.remove_document(id);
    texts_written.borrow_mut().remove(id);
    store.dispatch(Msg::Delete { id: id.clone(), document });
}

/// A title from the first words of a pasted text.
pub fn first_words(text: &str) -> String {
    let title = DocumentText::new(text).first_words(8);
    if title.is_empty() {
        "Pasted article".to_string()
    } else {
        title
    }
}
