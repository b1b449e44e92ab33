//! Start-up: the first state, read from storage once, with unreadable values reported.

use crate::now;
use crate::storage::{Storage, Unreadable};
use crate::store::{Msg, OpenDocument, Remedy, Severity, Store, Topic};
use redline_core::{Document, DocumentText};
use std::collections::HashSet;
use std::rc::Rc;

/// The article shown on first start.
const BUNDLED_TITLE: &str = "Security guarantees";
const BUNDLED_TEXT: &str = include_str!("../static/security-guarantees.txt");

/// Reads what storage holds and builds the first state; unreadable values become notices.
pub fn bootstrap(storage: &Storage) -> (Store, HashSet<String>) {
    let mut problems: Vec<Unreadable> = Vec::new();
    let library = match storage.load_library() {
        Ok(library) => library.unwrap_or_default(),
        Err(unreadable) => {
            problems.push(unreadable);
            storage.recover_library(now())
        }
    };
    let open_entry = library
        .open
        .as_ref()
        .and_then(|id| library.documents.iter().find(|e| &e.id == id))
        .or_else(|| library.documents.first())
        .cloned();
    let mut document = None;
    if let Some(entry) = open_entry {
        match storage.load_document(&entry) {
            Ok((loaded, unreadable)) => {
                document = Some(loaded);
                problems.extend(unreadable);
            }
            Err(unreadable) => problems.push(unreadable),
        }
    }
    let first_start = library.documents.is_empty();
    let mut store = Store::new(library, None);
    match document {
        Some(document) => store.document = Some(OpenDocument::new(document)),
        None if first_start => {
            let bundled = Document::new(BUNDLED_TITLE, DocumentText::new(BUNDLED_TEXT));
            store = Store::reduce_now(store, Msg::Open { document: bundled, at: now() });
        }
        None => {}
    }
    if let Some(id) = store.open_id().cloned() {
        store.library.open = Some(id);
    }
    // Keys whose unreadable value could not be backed up are never overwritten.
    let protected = problems.iter().filter(|p| p.backup_key.is_none()).map(|p| p.key.clone()).collect();
    if let Some(Msg::Notify { topic, severity, text, remedy }) = unreadable_notice(&problems) {
        store.notify(topic, severity, text, remedy);
    }
    if !storage.is_available() {
        store.notify(
            Topic::Storage,
            Severity::Alert,
            "This browser gives the page no storage, so your work is kept in memory only. Export it before you close the page.".into(),
            Some(Remedy::ExportJson),
        );
        store.storage_failing = true;
    }
    (store, protected)
}

impl Store {
    /// Applies a message outside the hook (during start-up).
    fn reduce_now(store: Store, msg: Msg) -> Store {
        use yew::Reducible;
        Rc::unwrap_or_clone(Rc::new(store).reduce(msg))
    }
}

/// One alert for stored values that could not be read, saying where each one is kept.
pub fn unreadable_notice(problems: &[Unreadable]) -> Option<Msg> {
    let describe = |p: &Unreadable| match &p.backup_key {
        Some(backup) => format!("“{}” ({}), kept unchanged under “{backup}”", p.key, p.reason),
        None => format!("“{}” ({}), left in place and never overwritten", p.key, p.reason),
    };
    let text = match problems {
        [] => return None,
        [one] => format!("Stored data under {} could not be read.", describe(one)),
        many => format!(
            "{} stored values could not be read: {}.",
            many.len(),
            many.iter().map(describe).collect::<Vec<_>>().join("; ")
        ),
    };
    let remedy = problems.iter().any(|p| p.backup_key.is_some()).then_some(Remedy::DownloadBackups);
    Some(Msg::Notify { topic: Topic::Unreadable, severity: Severity::Alert, text, remedy })
}
