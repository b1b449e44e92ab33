//! The app's state, a value, and its one reducer: every message makes a new state from the
//! previous one, sharing what did not change (the open document is an [`OpenDocument`], told
//! apart by identity). Side effects (storage, files) never happen here: hooks observe the state.

use redline_core::document::{Applied, Filter};
use redline_core::formats::Source;
use redline_core::reanchor::PlacementReport;
use redline_core::schema::{Library, LibraryEntry, RemoteChange};
use redline_core::web_page::Extracted;
use redline_core::{
    Action, Annotation, AnnotationId, Document, DocumentId, Label, Metadata, Relation, RelationKind, Span, Timestamp,
};
use std::collections::BTreeSet;
use std::ops::Deref;
use std::rc::Rc;
use yew::Reducible;

use crate::files_worker::ReadImport;
pub use crate::notice::{Notice, Remedy, Severity, Topic};
use crate::sync_client::SyncView;

/// One version of the open document. A change makes a new one, so that "did it change" is
/// "is it the same one"; the versions share their text and unchanged annotations.
#[derive(Clone, Debug)]
pub struct OpenDocument(Rc<Document>);

impl OpenDocument {
    pub fn new(document: Document) -> OpenDocument {
        OpenDocument(Rc::new(document))
    }

    /// A new version: `change` applied to a copy of this one.
    fn changed<T>(&self, change: impl FnOnce(&mut Document) -> T) -> (OpenDocument, T) {
        let mut document = (*self.0).clone();
        let result = change(&mut document);
        (OpenDocument::new(document), result)
    }
}

impl Deref for OpenDocument {
    type Target = Document;

    fn deref(&self) -> &Document {
        &self.0
    }
}

impl PartialEq for OpenDocument {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
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
    /// A web page's article, shown before it becomes a document.
    ArticlePreview {
        extracted: Rc<Extracted>,
        source: String,
    },
    /// The open document's details (source URL, outlet, author, published), to edit.
    Metadata(Metadata),
    ImportChoice {
        imported: Rc<ReadImport>,
        file_name: String,
        /// The page the file's annotations were made on, when the open document names another.
        other_page: Option<String>,
    },
    /// An import with annotations that have no label: which to give them, or none.
    Untagged {
        imported: Rc<ReadImport>,
        file_name: String,
    },
    /// Sync with colleagues: the server, the link, who is there.
    Share,
    /// An import being placed on the open document (then merged into it: `applying`), `done`
    /// of `total`.
    Reanchoring {
        done: usize,
        total: usize,
        applying: bool,
    },
}

/// A deleted document kept in memory until the user undoes the deletion or leaves.
#[derive(Clone, PartialEq)]
pub struct Deleted {
    pub entry: LibraryEntry,
    pub document: OpenDocument,
}

#[derive(Clone, PartialEq)]
pub struct Store {
    pub library: Library,
    pub document: Option<OpenDocument>,
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
    /// The kind a new relation gets (the relation form's choice, and the link key's).
    pub relation_kind: RelationKind,
    /// The next highlight clicked becomes the target of a relation from the selected one.
    pub linking: bool,
    /// The negotiation map is shown over the article.
    pub map_open: bool,
    /// Parties whose cards the map shows though the document is long.
    pub map_expanded: Rc<BTreeSet<String>>,
    /// Live sync with the team's room, as the sync client reports it.
    pub sync: SyncView,
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
    /// A highlight clicked in the article (`relation`: the id a relation made by it gets).
    Pick {
        id: AnnotationId,
        relation: AnnotationId,
        at: Timestamp,
    },
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
    SetMetadata {
        id: DocumentId,
        metadata: Metadata,
    },
    Delete {
        id: DocumentId,
        document: Document,
    },
    UndoDelete,
    /// Keeps the open document, which another tab deleted: storage takes it whole again.
    KeepDocument,
    /// Another tab wrote to storage.
    Remote(RemoteChange),
    Import {
        imported: Rc<ReadImport>,
        file_name: String,
    },
    /// A part of an import's annotations, placed on the open document by
    /// [`crate::reanchoring`]; later parts (`continues`) undo with the first.
    ApplyPart {
        document_id: DocumentId,
        annotations: Vec<Annotation>,
        continues: bool,
    },
    /// Every part is merged: the import's relations join them (the same undo step); say how
    /// the annotations were placed.
    ApplyDone {
        document_id: DocumentId,
        source: Source,
        report: Rc<PlacementReport>,
        relations: Vec<Relation>,
        warnings: Vec<String>,
    },
    AddImportAsNew {
        imported: Rc<ReadImport>,
        at: Timestamp,
    },
    Notify {
        topic: Topic,
        severity: Severity,
        text: String,
        remedy: Option<Remedy>,
    },
    Dismiss(u64),
    /// Takes down the notice shown on a topic, if any.
    DismissTopic(Topic),
    StorageFailing(bool),
    ShowDialog(Option<Dialog>),
    SetRelationKind(RelationKind),
    /// Starts (or stops) choosing a relation's target by clicking its highlight.
    Linking(bool),
    ShowMap(bool),
    ExpandParty(String),
    Sync(SyncView),
}

impl Store {
    pub fn new(library: Library, document: Option<Document>) -> Store {
        Store {
            library,
            document: document.map(OpenDocument::new),
            selected: None,
            filter: Filter::default(),
            notices: Vec::new(),
            next_notice: 1,
            dialog: None,
            deleted: None,
            deleted_elsewhere: None,
            flash: None,
            storage_failing: false,
            relation_kind: RelationKind::Contests,
            linking: false,
            map_open: false,
            map_expanded: Rc::default(),
            sync: SyncView::default(),
        }
    }

    pub fn open_id(&self) -> Option<&DocumentId> {
        self.document.as_ref().map(|d| d.id())
    }

    /// Whether an import is being merged, part by part, behind its modal progress dialog.
    pub fn is_merging_import(&self) -> bool {
        matches!(self.dialog, Some(Dialog::Reanchoring { applying: true, .. }))
    }

    /// The selected annotation, as it is now.
    pub fn selected_annotation(&self) -> Option<&Annotation> {
        self.document.as_ref().zip(self.selected.as_ref()).and_then(|(document, id)| document.get(id))
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

    /// Puts in a new version of the open document. A change to a document deleted elsewhere
    /// stores it again: it is kept.
    fn set_document(&mut self, document: OpenDocument) {
        if self.deleted_elsewhere.as_ref() == Some(document.id()) {
            self.deleted_elsewhere = None;
            self.notices.retain(|n| n.topic != Topic::DeletedElsewhere);
        }
        self.document = Some(document);
    }

    /// Applies an action to the open document; a refusal becomes a notice.
    fn act(&mut self, action: Action) -> Option<Applied> {
        let (document, result) = self.document.as_ref()?.changed(|d| d.apply(action));
        match result {
            Ok(applied) => {
                self.set_document(document);
                Some(applied)
            }
            Err(error) => {
                self.notify(Topic::Action, Severity::Alert, capitalise(&error.to_string()), None);
                None
            }
        }
    }

    fn annotate(&mut self, id: AnnotationId, label: Label, span: Span, at: Timestamp) {
        let Some(document) = &self.document else { return };
        let annotation = Annotation::new(id.clone(), label, document.text(), span, at);
        if self.act(Action::Add { annotation }).is_some() {
            self.selected = Some(id);
        }
    }

    fn act_on_selection(&mut self, action: Action) {
        let deleting = match &action {
            Action::Delete { id, .. } => Some(id.clone()),
            _ => None,
        };
        if self.act(action).is_some() && deleting.is_some() && deleting == self.selected {
            self.selected = None;
        }
    }

    /// Undoes (or redoes) the last change to the open document.
    fn step_history(&mut self, redo: bool, at: Timestamp) {
        let result = self.document.as_ref().map(|d| d.changed(|d| if redo { d.redo(at) } else { d.undo(at) }));
        match result {
            Some((document, Ok(()))) => {
                self.set_document(document);
                self.drop_selection_if_gone();
            }
            _ => self.status(if redo { "Nothing to redo." } else { "Nothing to undo." }.into()),
        }
    }

    fn drop_selection_if_gone(&mut self) {
        if self.selected.is_some() && self.selected_annotation().is_none() {
            self.selected = None;
        }
    }

    fn open(&mut self, document: Document, at: Timestamp) {
        self.map_expanded = Rc::default();
        self.linking = false;
        if let Some(gone) = self.deleted_elsewhere.take() {
            self.library.remove(&gone);
            self.notices.retain(|n| n.topic != Topic::DeletedElsewhere);
        }
        self.library.open(&document, at);
        self.document = Some(OpenDocument::new(document));
        self.selected = None;
        self.filter = Filter::default();
    }

    fn rename(&mut self, id: &DocumentId, title: &str) {
        if self.library.rename(id, title).is_some() {
            self.follow_library();
            self.dialog = None;
        }
    }

    fn set_metadata(&mut self, id: &DocumentId, metadata: Metadata) {
        if self.library.set_metadata(id, metadata).is_some() {
            self.follow_library();
            self.dialog = None;
        }
    }

    /// The open document takes its title and details from its entry in the list, where a
    /// rename or an edit (here or in another tab) is made; a new version only if they differ.
    fn follow_library(&mut self) {
        let Some(document) = &self.document else { return };
        let Some(entry) = self.library.entry(document.id()) else { return };
        if entry.title == document.title() && &entry.metadata == document.metadata() {
            return;
        }
        let (title, metadata) = (entry.title.clone(), entry.metadata.clone());
        let (followed, ()) = document.changed(|d| {
            d.set_title(title);
            d.set_metadata(metadata);
        });
        self.document = Some(followed);
    }

    fn delete(&mut self, id: &DocumentId, document: Document) {
        let Some(entry) = self.library.remove(id) else { return };
        let title = entry.title.clone();
        self.deleted = Some(Deleted { entry, document: OpenDocument::new(document) });
        if self.open_id() == Some(id) {
            self.document = None;
            self.selected = None;
        }
        self.dialog = None;
        let text = format!("Deleted “{title}”.");
        self.notify(Topic::Deleted, Severity::Status, text, Some(Remedy::UndoDeleteDocument));
    }

    /// Puts a deleted document back in the list and opens it (storage takes it whole again).
    fn undo_delete(&mut self) {
        let Some(Deleted { entry, document }) = self.deleted.take() else { return };
        let title = entry.title.clone();
        self.library.open = Some(entry.id.clone());
        self.library.reinsert(entry);
        self.document = Some(document);
        self.selected = None;
        self.notices.retain(|n| n.topic != Topic::Deleted);
        self.status(format!("Restored “{title}”."));
    }

    fn keep_document(&mut self) {
        if let Some(document) = &self.document {
            // A new version of the same content: persistence stores what storage no longer has.
            self.set_document(document.changed(|_| ()).0);
        }
    }

    /// Another tab deleted a document (its text is gone from storage). It leaves the list here
    /// too, unless it is open: then it stays, and the user decides whether to keep it.
    fn remove_deleted_elsewhere(&mut self, id: DocumentId) {
        if self.open_id() != Some(&id) {
            self.library.remove(&id);
            return;
        }
        let title = self.document.as_ref().map(|d| d.title().to_string()).unwrap_or_default();
        self.deleted_elsewhere = Some(id);
        self.notify(
            Topic::DeletedElsewhere,
            Severity::Alert,
            format!("“{title}” was deleted in another tab. It stays open here; keep it to store it again, or your next change will."),
            Some(Remedy::KeepDocument),
        );
    }

    fn remote(&mut self, change: RemoteChange) {
        match change {
            RemoteChange::TextRemoved(id) => self.remove_deleted_elsewhere(id),
            RemoteChange::Library(remote) => {
                if self.library.merge_from(remote) {
                    self.follow_library();
                }
            }
            RemoteChange::Annotation { document, record } => {
                let Some(open) = self.document.as_ref().filter(|d| d.id() == &document) else { return };
                let (merged, changed) = open.changed(|d| d.merge_record(&record));
                if changed {
                    self.set_document(merged);
                    self.drop_selection_if_gone();
                }
            }
        }
    }

    fn import(&mut self, imported: Rc<ReadImport>, file_name: String) {
        if !imported.untagged.is_empty() {
            self.dialog = Some(Dialog::Untagged { imported, file_name });
            return;
        }
        let same_text = imported.text.as_ref().is_some_and(|text| self.open_id() == Some(text.id()));
        if !same_text {
            let open_page = self.document.as_ref().and_then(|d| d.metadata().url.clone());
            let other_page = imported.metadata.url.clone().filter(|url| open_page.is_some_and(|open| &open != url));
            self.dialog = Some(Dialog::ImportChoice { imported, file_name, other_page });
            return;
        }
        let annotations = imported.to_document().map(|d| d.annotations().to_vec()).unwrap_or_default();
        if let Some(applied) = self.act(Action::Merge { annotations }) {
            let mut text = format!(
                "Imported {file_name} ({}): {} added, {} updated, {} already here.",
                imported.source.description(),
                applied.added,
                applied.updated,
                applied.unchanged
            );
            if !imported.relations.is_empty() {
                text.push(' ');
                text.push_str(&self.merge_relations(imported.relations.clone()));
            }
            append_warnings(&mut text, &imported.warnings);
            self.status(text);
        }
    }

    /// Merges imported relations into the open document (after its annotations); what happened,
    /// as a sentence.
    fn merge_relations(&mut self, relations: Vec<Relation>) -> String {
        match self.act(Action::MergeRelations { relations }) {
            Some(applied) if applied.refused > 0 => format!(
                "Relations: {} added, {} updated, {} skipped (an end is not in this document, or it repeats another).",
                applied.added, applied.updated, applied.refused
            ),
            Some(applied) => format!("Relations: {} added, {} updated.", applied.added, applied.updated),
            None => String::new(),
        }
    }

    /// Merges a part of the annotations placed on the open document.
    fn apply_part(&mut self, document_id: &DocumentId, annotations: Vec<Annotation>, continues: bool) {
        if self.open_id() == Some(document_id) {
            self.act(if continues { Action::MergeMore { annotations } } else { Action::Merge { annotations } });
        }
    }

    /// Reports how the import's annotations were placed.
    fn apply_done(
        &mut self,
        document_id: &DocumentId,
        source: Source,
        report: &PlacementReport,
        relations: Vec<Relation>,
        warnings: &[String],
    ) {
        self.dialog = None;
        if self.open_id() != Some(document_id) {
            self.status("The document changed while the import was applied; it was not applied to it.".into());
            return;
        }
        let mut text = format!("Applied to this document ({}): {report}", source.description());
        if !relations.is_empty() {
            text.push(' ');
            text.push_str(&self.merge_relations(relations));
        }
        append_warnings(&mut text, warnings);
        self.status(text);
    }

    fn add_import_as_new(&mut self, imported: &ReadImport, at: Timestamp) {
        self.dialog = None;
        match imported.to_document() {
            Some(document) => {
                let count = document.annotations().len();
                self.open(document, at);
                self.status(format!("Added the imported document with {count} annotations."));
            }
            None => self.notify(
                Topic::Import,
                Severity::Alert,
                "This file carries no document text, so it can only be applied to the open document.".into(),
                None,
            ),
        }
    }

    fn set_storage_failing(&mut self, failing: bool) {
        self.storage_failing = failing;
        if !failing {
            self.notices.retain(|n| n.topic != Topic::Storage);
        }
    }

    /// A highlight clicked: selected, or, while linking, the target of a new relation.
    fn pick(&mut self, id: AnnotationId, relation: AnnotationId, at: Timestamp) {
        match self.selected.clone().filter(|source| self.linking && *source != id) {
            Some(source) => {
                self.linking = false;
                let relation = Relation::new(relation, self.relation_kind, source, id, at);
                self.act(Action::AddRelation { relation });
            }
            None => {
                self.linking = false;
                self.selected = Some(id);
            }
        }
    }

    fn flash(&mut self, id: AnnotationId) {
        let count = self.flash.as_ref().map_or(0, |(_, n)| n + 1);
        self.selected = Some(id.clone());
        self.flash = Some((id, count));
    }

    /// Applies one message to this state (a copy of the previous one).
    fn update(&mut self, msg: Msg) {
        match msg {
            Msg::Annotate { id, label, span, at } => self.annotate(id, label, span, at),
            Msg::Act(action) => self.act_on_selection(action),
            Msg::Undo(at) => self.step_history(false, at),
            Msg::Redo(at) => self.step_history(true, at),
            Msg::Select(id) => {
                self.linking = false;
                self.selected = id;
            }
            Msg::Flash(id) => self.flash(id),
            Msg::SetFilter(filter) => self.filter = filter,
            Msg::Open { document, at } => self.open(document, at),
            Msg::Rename { id, title } => self.rename(&id, &title),
            Msg::SetMetadata { id, metadata } => self.set_metadata(&id, metadata),
            Msg::Delete { id, document } => self.delete(&id, document),
            Msg::UndoDelete => self.undo_delete(),
            Msg::KeepDocument => self.keep_document(),
            Msg::Remote(change) => self.remote(change),
            Msg::Import { imported, file_name } => self.import(imported, file_name),
            Msg::ApplyPart { document_id, annotations, continues } => {
                self.apply_part(&document_id, annotations, continues)
            }
            Msg::ApplyDone { document_id, source, report, relations, warnings } => {
                self.apply_done(&document_id, source, &report, relations, &warnings)
            }
            Msg::AddImportAsNew { imported, at } => self.add_import_as_new(&imported, at),
            Msg::Notify { topic, severity, text, remedy } => self.notify(topic, severity, text, remedy),
            Msg::Dismiss(id) => self.notices.retain(|n| n.id != id),
            Msg::DismissTopic(topic) => self.notices.retain(|n| n.topic != topic),
            Msg::StorageFailing(failing) => self.set_storage_failing(failing),
            Msg::ShowDialog(dialog) => self.dialog = dialog,
            Msg::SetRelationKind(kind) => self.relation_kind = kind,
            Msg::Linking(linking) => self.linking = linking && self.selected.is_some(),
            Msg::ShowMap(open) => self.map_open = open,
            Msg::ExpandParty(name) => {
                let mut expanded = (*self.map_expanded).clone();
                expanded.insert(name);
                self.map_expanded = Rc::new(expanded);
            }
            Msg::Pick { id, relation, at } => self.pick(id, relation, at),
            Msg::Sync(view) => self.sync = view,
        }
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

    /// A new state, or the same one (no re-render) when the message changed nothing.
    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut next = (*self).clone();
        next.update(msg);
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}
