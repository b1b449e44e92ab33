//! The app's state and its one reducer. The open document lives behind a shared cell so that a
//! change never copies a long text; `revision` tells effects and memos that it changed. Side
//! effects (storage, files) never happen here: they observe the state in `app.rs`.

use redline_core::document::{Applied, Filter};
use redline_core::formats::w3c::Imported;
use redline_core::reanchor::PlacementReport;
use redline_core::schema::{self, AnnotationRecord, Library, LibraryEntry};
use redline_core::{Action, Annotation, AnnotationId, Document, DocumentId, Label, Span, Timestamp};
use std::cell::{Ref, RefCell, RefMut};
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::Reducible;

/// The open document, shared between states; compared by identity, changes told by `revision`.
#[derive(Clone)]
pub struct OpenDocument(Rc<RefCell<Document>>);

impl OpenDocument {
    pub fn new(document: Document) -> OpenDocument {
        OpenDocument(Rc::new(RefCell::new(document)))
    }

    pub fn borrow(&self) -> Ref<'_, Document> {
        self.0.borrow()
    }

    pub fn borrow_mut(&self) -> RefMut<'_, Document> {
        self.0.borrow_mut()
    }
}

impl PartialEq for OpenDocument {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// How loud a notice is: `status` is read out politely, `alert` at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Status,
    Alert,
}

/// What a notice offers to do about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Remedy {
    /// Everything kept under backup keys.
    DownloadBackups,
    ExportJson,
    UndoDeleteDocument,
    /// Store again the open document, which another tab deleted.
    KeepDocument,
}

/// What a notice is about: a new notice replaces the one shown on its topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    /// What the last command did.
    Status,
    /// Whether changes reach the browser's storage.
    Storage,
    /// A file that could not be read, written or imported.
    File,
    /// An action the document refused.
    Action,
    /// The open document was deleted in another tab.
    DeletedElsewhere,
    /// A document deleted here, with its undo.
    Deleted,
    /// An import that could not be applied.
    Import,
    /// Stored data that could not be read (kept under a backup key).
    Unreadable,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub id: u64,
    /// Notices on one topic replace each other instead of piling up.
    pub topic: Topic,
    pub severity: Severity,
    pub text: String,
    pub remedy: Option<Remedy>,
}

/// The modal question or form that is open, if any.
#[derive(Clone, PartialEq)]
pub enum Dialog {
    Paste,
    Shortcuts,
    ConfirmDelete {
        id: DocumentId,
        title: String,
        annotations: usize,
    },
    Rename {
        id: DocumentId,
        title: String,
    },
    ImportChoice {
        imported: Rc<Imported>,
        file_name: String,
    },
    /// An import being placed on the open document (then merged into it: `applying`), `done`
    /// of `total`.
    Reanchoring {
        done: usize,
        total: usize,
        cancel: crate::reanchoring::CancelFlag,
        applying: bool,
    },
}

/// A deleted document kept in memory until the user undoes the deletion or leaves.
#[derive(Clone)]
pub struct Deleted {
    pub entry: LibraryEntry,
    pub document: OpenDocument,
}

impl PartialEq for Deleted {
    fn eq(&self, other: &Self) -> bool {
        self.entry == other.entry && self.document == other.document
    }
}

#[derive(Clone, PartialEq)]
pub struct Store {
    pub library: Library,
    pub document: Option<OpenDocument>,
    /// Bumped on every change to the open document's annotations (or a switch of document).
    pub revision: u64,
    /// Bumped on every change to the library (titles, entries, which is open).
    pub library_revision: u64,
    pub selected: Option<AnnotationId>,
    pub filter: Filter,
    pub notices: Vec<Notice>,
    next_notice: u64,
    pub dialog: Option<Dialog>,
    pub deleted: Option<Deleted>,
    /// The open document, when another tab deleted it and it has not been kept here (by the
    /// notice's Keep it, or by a change, which stores it again). Switching away lets it go.
    deleted_elsewhere: Option<DocumentId>,
    /// An annotation to scroll to and flash, with a counter so that the same one can flash again.
    pub flash: Option<(AnnotationId, u64)>,
    /// True while writes fail: the app works in memory and says so.
    pub storage_failing: bool,
}

pub enum Msg {
    Annotate {
        id: AnnotationId,
        label: Label,
        span: Span,
        at: Timestamp,
    },
    Act(Action),
    Undo(Timestamp),
    Redo(Timestamp),
    Select(Option<AnnotationId>),
    Flash(AnnotationId),
    SetFilter(Filter),
    /// A document was read from storage (or made from a file) and becomes the open one.
    Open {
        document: Document,
        at: Timestamp,
    },
    Rename {
        id: DocumentId,
        title: String,
    },
    Delete {
        id: DocumentId,
        document: Document,
    },
    UndoDelete,
    /// Writes the open document to storage again (after another tab deleted it).
    KeepDocument,
    /// Another tab wrote a key.
    Remote {
        key: String,
        value: Option<String>,
    },
    Import {
        imported: Rc<Imported>,
        file_name: String,
    },
    /// A part of an import's annotations, placed on the open document by
    /// [`crate::reanchoring`]; later parts (`continues`) undo with the first.
    ApplyPart {
        document_id: DocumentId,
        annotations: Vec<Annotation>,
        continues: bool,
    },
    /// Every part is merged: say how the annotations were placed.
    ApplyDone {
        document_id: DocumentId,
        report: Rc<PlacementReport>,
        warnings: Vec<String>,
    },
    AddImportAsNew {
        imported: Rc<Imported>,
        at: Timestamp,
    },
    Notify {
        topic: Topic,
        severity: Severity,
        text: String,
        remedy: Option<Remedy>,
    },
    Dismiss(u64),
    StorageFailing(bool),
    ShowDialog(Option<Dialog>),
}

impl Store {
    pub fn new(library: Library, document: Option<Document>) -> Store {
        Store {
            library,
            document: document.map(OpenDocument::new),
            revision: 0,
            library_revision: 0,
            selected: None,
            filter: Filter::default(),
            notices: Vec::new(),
            next_notice: 1,
            dialog: None,
            deleted: None,
            deleted_elsewhere: None,
            flash: None,
            storage_failing: false,
        }
    }

    pub fn open_id(&self) -> Option<DocumentId> {
        self.document.as_ref().map(|d| d.borrow().id().clone())
    }

    pub fn notify(&mut self, topic: Topic, severity: Severity, text: String, remedy: Option<Remedy>) {
        self.notices.retain(|n| n.topic != topic);
        let id = self.next_notice;
        self.next_notice += 1;
        self.notices.push(Notice { id, topic, severity, text, remedy });
    }

    fn status(&mut self, text: String) {
        self.notify(Topic::Status, Severity::Status, text, None);
    }

    fn changed(&mut self) {
        self.revision += 1;
        // A change to a document deleted elsewhere stores it again: it is kept.
        if self.deleted_elsewhere.is_some() && self.deleted_elsewhere == self.open_id() {
            self.deleted_elsewhere = None;
            self.notices.retain(|n| n.topic != Topic::DeletedElsewhere);
        }
    }

    /// Applies an action to the open document; a refusal becomes a notice.
    fn act(&mut self, action: Action) -> Option<Applied> {
        let document = self.document.clone()?;
        let result = document.borrow_mut().apply(action);
        match result {
            Ok(applied) => {
                self.changed();
                Some(applied)
            }
            Err(error) => {
                self.notify(Topic::Action, Severity::Alert, capitalise(&error.to_string()), None);
                None
            }
        }
    }

    fn open(&mut self, document: Document, at: Timestamp) {
        if let Some(gone) = self.deleted_elsewhere.take() {
            self.library.documents.retain(|e| e.id != gone);
            self.notices.retain(|n| n.topic != Topic::DeletedElsewhere);
        }
        let id = document.id().clone();
        match self.library.documents.iter_mut().find(|e| e.id == id) {
            Some(entry) if entry.title.is_empty() => entry.title = document.title().to_string(),
            Some(_) => {}
            None => self.library.documents.push(LibraryEntry {
                id: id.clone(),
                title: document.title().to_string(),
                added: at,
            }),
        }
        self.library.open = Some(id);
        self.document = Some(OpenDocument::new(document));
        self.selected = None;
        self.filter = Filter::default();
        self.library_revision += 1;
        self.changed();
    }

    /// Another tab deleted a document (its text is gone from storage). It leaves the list here
    /// too, unless it is open: then it stays, and the user decides whether to keep it.
    fn remove_deleted_elsewhere(&mut self, id: DocumentId) {
        if self.open_id().as_ref() == Some(&id) {
            self.deleted_elsewhere = Some(id);
            let title = self.document.as_ref().map(|d| d.borrow().title().to_string()).unwrap_or_default();
            self.notify(
                Topic::DeletedElsewhere,
                Severity::Alert,
                format!("“{title}” was deleted in another tab. It stays open here; keep it to store it again, or your next change will."),
                Some(Remedy::KeepDocument),
            );
        } else if let Some(index) = self.library.documents.iter().position(|e| e.id == id) {
            self.library.documents.remove(index);
            self.library_revision += 1;
        }
    }

    fn remote(&mut self, key: &str, value: Option<String>) {
        if let (Some(id), None) = (key.strip_prefix(schema::TEXT_PREFIX).and_then(DocumentId::parse), &value) {
            self.remove_deleted_elsewhere(id);
            return;
        }
        if key == schema::LIBRARY_KEY {
            let Some(Ok(remote)) = value.map(|raw| schema::decode_library(&raw)) else {
                return;
            };
            let changed = self.library.merge_from(remote);
            if changed {
                if let (Some(document), Some(id)) = (&self.document, self.open_id()) {
                    if let Some(entry) = self.library.documents.iter().find(|e| e.id == id) {
                        document.borrow_mut().set_title(entry.title.clone());
                    }
                }
                self.library_revision += 1;
            }
            return;
        }
        let Some(id) = self.open_id() else { return };
        if !key.starts_with(&schema::annotation_prefix(&id)) {
            return;
        }
        let Some(Ok(record)) = value.map(|raw| schema::decode_annotation(&raw)) else { return };
        let (annotations, tombstones) = match record {
            AnnotationRecord::Live(annotation) => (vec![annotation], BTreeMap::new()),
            AnnotationRecord::Deleted { id, at } => (Vec::new(), BTreeMap::from([(id, at)])),
        };
        let changed = self.document.as_ref().is_some_and(|d| d.borrow_mut().merge_replica(&annotations, &tombstones));
        if changed {
            if self
                .selected
                .as_ref()
                .is_some_and(|id| self.document.as_ref().is_some_and(|d| d.borrow().get(id).is_none()))
            {
                self.selected = None;
            }
            self.changed();
        }
    }

    fn import(&mut self, imported: Rc<Imported>, file_name: String) {
        let same_text = match (&imported.text, &self.document) {
            (Some(text), Some(document)) => text.id() == document.borrow().id(),
            _ => false,
        };
        if same_text {
            let annotations = imported.to_document().map(|d| d.annotations().to_vec()).unwrap_or_default();
            if let Some(applied) = self.act(Action::Merge { annotations }) {
                let mut text = format!(
                    "Imported {file_name}: {} added, {} updated, {} already here.",
                    applied.added, applied.updated, applied.unchanged
                );
                append_warnings(&mut text, &imported.warnings);
                self.status(text);
            }
            return;
        }
        self.dialog = Some(Dialog::ImportChoice { imported, file_name });
    }

    /// Merges a part of the annotations placed on the open document.
    fn apply_part(&mut self, document_id: &DocumentId, annotations: Vec<Annotation>, continues: bool) {
        if self.open_id().as_ref() == Some(document_id) {
            self.act(if continues { Action::MergeMore { annotations } } else { Action::Merge { annotations } });
        }
    }

    /// Reports how the import's annotations were placed.
    fn apply_done(&mut self, document_id: &DocumentId, report: &PlacementReport, warnings: &[String]) {
        if self.open_id().as_ref() != Some(document_id) {
            self.status("The document changed while the import was applied; it was not applied to it.".into());
            return;
        }
        let mut text = format!("Applied to this document: {report}");
        append_warnings(&mut text, warnings);
        self.status(text);
    }
}

fn append_warnings(text: &mut String, warnings: &[String]) {
    if !warnings.is_empty() {
        text.push_str(&format!(" Skipped {}: {}", warnings.len(), warnings.join("; ")));
    }
}

/// The core's messages are English sentences that start in lower case; ASCII case mapping is
/// all they need (full Unicode case tables would add 12 KB to the download).
fn capitalise(text: &str) -> String {
    let mut text = text.to_string();
    if let Some(first) = text.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    text
}

impl Reducible for Store {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut next = (*self).clone();
        match msg {
            Msg::Annotate { id, label, span, at } => {
                let Some(document) = next.document.clone() else {
                    return self;
                };
                let annotation = Annotation::new(id.clone(), label, document.borrow().text(), span, at);
                if next.act(Action::Add { annotation }).is_some() {
                    next.selected = Some(id);
                }
            }
            Msg::Act(action) => {
                let deleting = match &action {
                    Action::Delete { id, .. } => Some(id.clone()),
                    _ => None,
                };
                if next.act(action).is_some() && deleting.is_some() && deleting == next.selected {
                    next.selected = None;
                }
            }
            Msg::Undo(at) => {
                let result = next.document.as_ref().map(|d| d.borrow_mut().undo(at));
                match result {
                    Some(Ok(())) => next.changed(),
                    _ => next.status("Nothing to undo.".into()),
                }
            }
            Msg::Redo(at) => {
                let result = next.document.as_ref().map(|d| d.borrow_mut().redo(at));
                match result {
                    Some(Ok(())) => next.changed(),
                    _ => next.status("Nothing to redo.".into()),
                }
            }
            Msg::Select(id) => next.selected = id,
            Msg::Flash(id) => {
                let count = next.flash.as_ref().map_or(0, |(_, n)| n + 1);
                next.selected = Some(id.clone());
                next.flash = Some((id, count));
            }
            Msg::SetFilter(filter) => next.filter = filter,
            Msg::Open { document, at } => next.open(document, at),
            Msg::Rename { id, title } => {
                let title = title.trim().to_string();
                if title.is_empty() {
                    return self;
                }
                if let Some(entry) = next.library.documents.iter_mut().find(|e| e.id == id) {
                    entry.title = title.clone();
                }
                if next.open_id().as_ref() == Some(&id) {
                    if let Some(document) = &next.document {
                        document.borrow_mut().set_title(title);
                    }
                }
                next.dialog = None;
                next.library_revision += 1;
            }
            Msg::Delete { id, document } => {
                let Some(index) = next.library.documents.iter().position(|e| e.id == id) else {
                    return self;
                };
                let entry = next.library.documents.remove(index);
                let was_open = next.open_id().as_ref() == Some(&id);
                let title = entry.title.clone();
                next.deleted = Some(Deleted { entry, document: OpenDocument::new(document) });
                if was_open {
                    next.document = None;
                    next.library.open = None;
                    next.selected = None;
                    next.changed();
                }
                next.dialog = None;
                next.library_revision += 1;
                next.notify(
                    Topic::Deleted,
                    Severity::Status,
                    format!("Deleted “{title}”."),
                    Some(Remedy::UndoDeleteDocument),
                );
            }
            Msg::KeepDocument => {
                next.changed();
                next.library_revision += 1;
            }
            Msg::UndoDelete => {
                let Some(deleted) = next.deleted.take() else {
                    return self;
                };
                let position = next.library.documents.iter().position(|e| e.added > deleted.entry.added);
                let index = position.unwrap_or(next.library.documents.len());
                next.library.documents.insert(index, deleted.entry.clone());
                // Its records were removed from storage: opening it writes them back.
                next.library.open = Some(deleted.entry.id.clone());
                next.document = Some(deleted.document);
                next.selected = None;
                next.changed();
                next.library_revision += 1;
                next.notices.retain(|n| n.topic != Topic::Deleted);
                next.status(format!("Restored “{}”.", deleted.entry.title));
            }
            Msg::Remote { key, value } => next.remote(&key, value),
            Msg::Import { imported, file_name } => next.import(imported, file_name),
            Msg::ApplyPart { document_id, annotations, continues } => {
                next.apply_part(&document_id, annotations, continues)
            }
            Msg::ApplyDone { document_id, report, warnings } => {
                next.dialog = None;
                next.apply_done(&document_id, &report, &warnings);
            }
            Msg::AddImportAsNew { imported, at } => {
                next.dialog = None;
                match imported.to_document() {
                    Some(document) => {
                        let count = document.annotations().len();
                        next.open(document, at);
                        next.status(format!("Added the imported document with {count} annotations."));
                    }
                    None => next.notify(
                        Topic::Import,
                        Severity::Alert,
                        "This file carries no document text, so it can only be applied to the open document.".into(),
                        None,
                    ),
                }
            }
            Msg::Notify { topic, severity, text, remedy } => next.notify(topic, severity, text, remedy),
            Msg::Dismiss(id) => next.notices.retain(|n| n.id != id),
            Msg::StorageFailing(failing) => {
                if failing == next.storage_failing {
                    return self;
                }
                next.storage_failing = failing;
                if !failing {
                    next.notices.retain(|n| n.topic != Topic::Storage);
                }
            }
            Msg::ShowDialog(dialog) => next.dialog = dialog,
        }
        Rc::new(next)
    }
}
