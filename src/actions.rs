//! What a user can do, by name: the one way components change anything. [`Actions`] is handed
//! down as a context (it never changes, so it re-renders nothing); each method reads the latest
//! state, asks the browser what it must (the selection, a file) and sends the store a message.

use crate::commands;
use crate::files_worker::{FilesWorker, ReadImport};
use crate::first_screen;
use crate::persistence::Persistence;
use crate::remote::RemoteChanges;
use crate::storage::{Unreadable, WriteError};
use crate::store::{Dialog, Msg, Remedy, Severity, Store, Topic};
use crate::sync_client::SyncClient;
use crate::{dom, new_annotation_id, now};
use gloo::timers::callback::Timeout;
use redline_core::document::Filter;
use redline_core::formats::ExportFormat;
use redline_core::map::NegotiationMap;
use redline_core::sync::{self, Room, RoomId, Share};
use redline_core::web_page::Extracted;
use redline_core::{
    Action, AnnotationId, Document, DocumentId, DocumentText, Label, Metadata, Relation, RelationKind, Span,
};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Clone)]
pub struct Actions(Rc<Inner>);

struct Inner {
    /// Never read in place: a long-lived handle would keep every state it was read at.
    store: UseReducerHandle<Store>,
    persistence: Rc<Persistence>,
    article: NodeRef,
    remote: RemoteChanges,
    sync: SyncClient,
    files: FilesWorker,
    /// Keeps the first screen once the page has gone [`SETTLE_MS`] without a change.
    first_screen: RefCell<Option<Timeout>>,
}

/// How long the page must go without a change before the first screen is kept: a burst of
/// edits costs one copy, taken after the frames that draw them.
const SETTLE_MS: u32 = 1_000;

impl PartialEq for Actions {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The page's actions, made once.
#[hook]
pub fn use_actions(store: &UseReducerHandle<Store>, persistence: Rc<Persistence>, article: NodeRef) -> Actions {
    let store = store.clone();
    (*use_memo((), move |_| {
        let (remote, sync, files) = Default::default();
        Actions(Rc::new(Inner { store, persistence, article, remote, sync, files, first_screen: RefCell::default() }))
    }))
    .clone()
}

impl Actions {
    /// The state now (the reducer runs when a message is sent; drawing follows later).
    pub fn state(&self) -> UseReducerHandle<Store> {
        self.0.store.clone()
    }

    pub fn persistence(&self) -> &Persistence {
        &self.0.persistence
    }

    /// Changes from another tab or the team's room, waiting for the article to be free.
    pub fn remote(&self) -> &RemoteChanges {
        &self.0.remote
    }

    pub fn sync(&self) -> &SyncClient {
        &self.0.sync
    }

    /// Reads imported files and places their annotations, in a worker of its own.
    pub fn files(&self) -> &FilesWorker {
        &self.0.files
    }

    pub fn article(&self) -> Option<web_sys::Element> {
        self.0.article.cast::<web_sys::Element>()
    }

    pub fn dispatch(&self, msg: Msg) {
        self.0.store.dispatch(msg);
        self.keep_in_step();
    }

    /// Stores what the last message changed, before anything else runs; once the page settles
    /// after it, keeps the first screen ([`first_screen::keep`]) for the next start.
    pub fn keep_in_step(&self) {
        let state = self.state();
        let Some(written) = self.persistence().keep_up_with(&state) else { return };
        self.report_write(written);
        let (storage, article) = (self.persistence().storage().clone(), self.0.article.clone());
        let document = state.document.as_ref().map(|d| d.id().clone());
        let keep = move || first_screen::keep(&storage, article.cast(), document.as_ref());
        *self.0.first_screen.borrow_mut() = Some(Timeout::new(SETTLE_MS, keep));
    }

    fn act(&self, action: Action) {
        self.dispatch(Msg::Act(action));
    }

    /// The span selected in the article, if the selection lies in it.
    fn selected_span(&self) -> Option<Span> {
        let state = self.state();
        let document = state.document.as_ref()?;
        dom::selected_span(&self.article()?, document.text())
    }

    /// Marks the selected text with `label`, or relabels the selected annotation.
    pub fn annotate(&self, label: Label) {
        let state = self.state();
        if state.document.is_none() {
            return;
        }
        match (self.selected_span(), &state.selected) {
            (Some(span), _) => {
                self.dispatch(Msg::Annotate { id: new_annotation_id(), label, span, at: now() });
                dom::clear_selection();
            }
            (None, Some(id)) => self.relabel(id.clone(), label),
            (None, None) => self.status("Select some text in the article first."),
        }
    }

    pub fn relabel(&self, id: AnnotationId, label: Label) {
        self.act(Action::Relabel { id, label, at: now() });
    }

    pub fn set_note(&self, id: AnnotationId, note: String) {
        self.act(Action::SetNote { id, note, at: now() });
    }

    pub fn set_holder(&self, id: AnnotationId, holder: String) {
        self.act(Action::SetHolder { id, holder, at: now() });
    }

    pub fn delete_annotation(&self, id: AnnotationId) {
        self.act(Action::Delete { id, at: now() });
    }

    /// Places an annotation (an orphan) on the text selected in the article.
    pub fn reattach(&self, id: AnnotationId) {
        match self.selected_span() {
            Some(span) => {
                self.act(Action::Reattach { id, span, at: now() });
                dom::clear_selection();
            }
            None => self.status("Select the text to attach it to in the article, then press Re-attach."),
        }
    }

    /// Links the selected annotation to `target` with the kind chosen in the relation form.
    pub fn add_relation(&self, target: AnnotationId) {
        let state = self.state();
        let Some(source) = state.selected.clone() else { return };
        let relation = Relation::new(new_annotation_id(), state.relation_kind, source, target, now());
        self.act(Action::AddRelation { relation });
    }

    pub fn remove_relation(&self, id: AnnotationId) {
        self.act(Action::RemoveRelation { id, at: now() });
    }

    pub fn choose_relation_kind(&self, kind: RelationKind) {
        self.dispatch(Msg::SetRelationKind(kind));
    }

    /// The link key: the next highlight clicked becomes the target (the relation form's Target
    /// is the keyboard's way, and takes the focus).
    pub fn start_linking(&self) {
        let state = self.state();
        if state.selected.is_none() {
            self.status("Select an annotation first, then press l to link it to another.");
            return;
        }
        self.dispatch(Msg::Linking(true));
        self.status("Click the highlight to link to, or choose it under Target. Escape cancels.");
        if let Some(target) = gloo::utils::document().get_element_by_id(crate::components::relation_editor::TARGET_ID) {
            target.unchecked_into::<web_sys::HtmlElement>().focus().ok();
        }
    }

    /// A highlight clicked in the article: selected, or linked to while linking.
    pub fn pick(&self, id: AnnotationId) {
        self.dispatch(Msg::Pick { id, relation: new_annotation_id(), at: now() });
    }

    /// Renames a party everywhere (a merge, when the new name is another party's).
    pub fn rename_party(&self, from: String, to: String) {
        self.act(Action::RenameHolder { from, to, at: now() });
    }

    pub fn show_map(&self, open: bool) {
        self.dispatch(Msg::ShowMap(open));
    }

    pub fn expand_party(&self, name: String) {
        self.dispatch(Msg::ExpandParty(name));
    }

    /// Downloads the negotiation map as a standalone SVG.
    pub fn export_map(&self) {
        let state = self.state();
        let Some(document) = &state.document else { return };
        let svg = NegotiationMap::of(document, &state.map_expanded).to_svg(document.title());
        let name = NegotiationMap::file_name(document.title());
        if let Err(error) = crate::files::download(&name, NegotiationMap::MEDIA_TYPE, &svg) {
            self.alert(format!("Could not export the map: {error}"));
        }
    }

    pub fn undo(&self) {
        self.dispatch(Msg::Undo(now()));
    }

    pub fn redo(&self) {
        self.dispatch(Msg::Redo(now()));
    }

    pub fn select(&self, id: Option<AnnotationId>) {
        self.dispatch(Msg::Select(id));
    }

    /// Selects an annotation and scrolls the article to it.
    pub fn flash(&self, id: AnnotationId) {
        self.dispatch(Msg::Flash(id));
    }

    pub fn set_filter(&self, filter: Filter) {
        self.dispatch(Msg::SetFilter(filter));
    }

    pub fn show(&self, dialog: Dialog) {
        self.dispatch(Msg::ShowDialog(Some(dialog)));
    }

    pub fn close_dialog(&self) {
        self.dispatch(Msg::ShowDialog(None));
    }

    pub fn export(&self, format: ExportFormat) {
        commands::export_document(self, format);
    }

    /// Opens the Share dialog.
    pub fn share(&self) {
        self.show(Dialog::Share);
    }

    /// Turns sync on for the open document: its room (a new one the first time) on `server`,
    /// as `name`.
    pub fn connect_sync(&self, server: &str, name: &str) {
        let state = self.state();
        let Some(document) = state.document.as_ref() else { return };
        let server = match sync::server_address(server) {
            Ok(server) => server,
            Err(error) => return self.alert(format!("Cannot connect: {error}.")),
        };
        let kept = self.persistence().storage().share(document.id());
        let id = kept.map_or_else(|| RoomId::from_random_bytes(crate::random_bytes()), |share| share.room.id);
        let room = Room { server, id, document: document.id().clone() };
        self.sync().connect(self, Share { room, name: sync::peer_name(name), active: true });
    }

    pub fn disconnect_sync(&self) {
        self.sync().disconnect(self, true);
    }

    /// Copies the share link.
    pub fn copy_link(&self, link: String) {
        let actions = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            match crate::files::copy_to_clipboard(&link).await {
                Ok(()) => actions.status("Copied the link: send it to your colleagues."),
                Err(error) => actions.alert(format!("Could not copy to the clipboard: {error}")),
            }
        });
    }

    pub fn copy_json(&self) {
        commands::copy_json(self);
    }

    /// Reads a chosen or dropped file: an import (`as_import`) or an article.
    pub fn read_file(&self, file: web_sys::File, as_import: bool) {
        commands::read_file(self.clone(), file, as_import);
    }

    /// A dropped file: JSON, JSON Lines, CSV and brat's `.ann` are imported, anything else opened
    /// as an article.
    pub fn drop_file(&self, file: web_sys::File) {
        let name = file.name().to_ascii_lowercase();
        let is_import =
            [".json", ".jsonl", ".ann", ".csv"].iter().any(|e| name.ends_with(e)) || file.type_().contains("json");
        self.read_file(file, is_import);
    }

    /// Opens a pasted article; pasted from a web page (`html`), its article is shown first.
    pub fn add_pasted(&self, title: String, text: String, html: Option<String>) {
        self.close_dialog();
        if let Some(html) = html {
            let actions = self.clone();
            wasm_bindgen_futures::spawn_local(async move {
                commands::open_page(&actions, "the pasted page".into(), &html, Some((title, text))).await;
            });
            return;
        }
        let title = if title.trim().is_empty() { commands::first_words(&text) } else { title.trim().to_string() };
        commands::open_text(self, title, DocumentText::new(&text));
    }

    /// Opens a document from the list.
    pub fn open_document(&self, id: DocumentId) {
        let state = self.state();
        if state.open_id() == Some(&id) {
            return;
        }
        let Some(entry) = state.library.entry(&id) else { return };
        match self.persistence().storage().load_document(entry) {
            Ok((document, problems)) => {
                self.dispatch(Msg::Open { document, at: now() });
                self.notify_unreadable(&problems);
            }
            Err(problem) => self.notify_unreadable(&[problem]),
        }
    }

    /// Keeps a previewed article as a document, with what the page said about itself.
    pub fn use_article(&self, extracted: &Extracted) {
        self.close_dialog();
        let mut document = Document::new(extracted.title.clone(), DocumentText::new(&extracted.text()));
        document.set_metadata(extracted.metadata.clone());
        commands::open_document(self, document);
    }

    /// Keeps a previewed page's plain text instead of its article.
    pub fn use_plain_text(&self, extracted: &Extracted) {
        self.close_dialog();
        commands::open_text(self, extracted.title.clone(), DocumentText::new(&extracted.plain_text));
    }

    pub fn ask_metadata(&self) {
        let Some(metadata) = self.state().document.as_ref().map(|d| d.metadata().clone()) else { return };
        self.show(Dialog::Metadata(metadata));
    }

    pub fn set_metadata(&self, metadata: Metadata) {
        let Some(id) = self.state().open_id().cloned() else { return };
        self.dispatch(Msg::SetMetadata { id, metadata });
    }

    pub fn ask_rename(&self, id: DocumentId) {
        let title = self.state().library.entry(&id).map(|e| e.title.clone()).unwrap_or_default();
        self.show(Dialog::Rename { id, title });
    }

    pub fn rename(&self, id: DocumentId, title: String) {
        self.dispatch(Msg::Rename { id, title });
    }

    pub fn ask_delete(&self, id: DocumentId) {
        let state = self.state();
        let Some(entry) = state.library.entry(&id) else { return };
        let annotations = match state.document.as_ref().filter(|d| d.id() == &id) {
            Some(document) => document.annotations().len(),
            None => self.persistence().storage().load_document(entry).map_or(0, |(d, _)| d.annotations().len()),
        };
        self.show(Dialog::ConfirmDelete { id, title: entry.title.clone(), annotations });
    }

    pub fn delete_document(&self, id: DocumentId) {
        commands::delete_document(self, &id);
    }

    pub fn add_import_as_new(&self, imported: Rc<ReadImport>) {
        self.dispatch(Msg::AddImportAsNew { imported, at: now() });
    }

    /// Gives an import's untagged annotations a label (or leaves them out), then goes on with it.
    pub fn label_untagged(&self, imported: &ReadImport, file_name: String, label: Option<Label>) {
        self.dispatch(Msg::Import { imported: Rc::new(imported.label_untagged(label)), file_name });
    }

    /// Places an import's annotations on the open document, a slice at a time.
    pub fn apply_import(&self, imported: Rc<ReadImport>) {
        crate::reanchoring::start(self.clone(), imported);
    }

    pub fn remedy(&self, remedy: Remedy) {
        match remedy {
            Remedy::DownloadBackups => {
                if let Err(error) = commands::download_backups(self.persistence().storage()) {
                    self.alert(format!("Could not download: {error}"));
                }
            }
            Remedy::ExportJson => self.export(ExportFormat::W3cJson),
            Remedy::UndoDeleteDocument => self.dispatch(Msg::UndoDelete),
            Remedy::KeepDocument => self.dispatch(Msg::KeepDocument),
        }
    }

    pub fn dismiss(&self, notice: u64) {
        self.dispatch(Msg::Dismiss(notice));
    }

    /// Says what a command did, politely.
    pub fn status(&self, text: impl Into<String>) {
        self.dispatch(Msg::Notify {
            topic: Topic::Status,
            severity: Severity::Status,
            text: text.into(),
            remedy: None,
        });
    }

    /// Says that a file is being read or written, until the notice returned is dropped: whatever
    /// comes of it (its result, a dialog, a download or an alert) then speaks for itself. The last
    /// file's problem, if one is shown, is over: this is the next try. With `after_ms`, the
    /// notice comes only if the work still runs then: one that came and went at once would move
    /// the page down and back for nothing.
    #[must_use]
    pub fn file_work(&self, text: String, after_ms: u32) -> FileWorkNotice {
        self.dispatch(Msg::DismissTopic(Topic::File));
        let actions = self.clone();
        let show = move || {
            actions.dispatch(Msg::Notify { topic: Topic::FileWork, severity: Severity::Status, text, remedy: None });
        };
        let pending = if after_ms == 0 {
            show();
            None
        } else {
            Some(Timeout::new(after_ms, show))
        };
        FileWorkNotice { actions: self.clone(), _pending: pending }
    }

    /// Says at once that a file could not be read, written or imported.
    pub fn alert(&self, text: String) {
        self.dispatch(Msg::Notify { topic: Topic::File, severity: Severity::Alert, text, remedy: None });
    }

    pub fn notify_unreadable(&self, problems: &[Unreadable]) {
        if let Some(msg) = crate::startup::unreadable_notice(problems) {
            self.dispatch(msg);
        }
    }

    /// Tells the store whether the last write worked, without repeating an alert already shown.
    pub fn report_write(&self, result: Result<(), WriteError>) {
        let failing = self.state().storage_failing;
        match result {
            Ok(()) if failing && self.persistence().storage().is_available() => {
                self.dispatch(Msg::StorageFailing(false));
            }
            Ok(()) => {}
            Err(_) if failing => {}
            Err(error) => {
                let text = match error {
                    WriteError::Full => "The browser's storage for this page is full, so your latest changes are kept in memory only. Export your work to keep it.",
                    WriteError::Unavailable => "The browser refused to store your changes, so they are kept in memory only. Export your work to keep it.",
                };
                let remedy = Some(Remedy::ExportJson);
                self.dispatch(Msg::Notify {
                    topic: Topic::Storage,
                    severity: Severity::Alert,
                    text: text.into(),
                    remedy,
                });
                self.dispatch(Msg::StorageFailing(true));
            }
        }
    }
}

/// The notice that a file is being read or written, taken down (or, not shown yet, never shown)
/// when this is dropped.
pub struct FileWorkNotice {
    actions: Actions,
    /// The notice's timer while it waits to be shown: dropping it cancels it.
    _pending: Option<Timeout>,
}

impl Drop for FileWorkNotice {
    fn drop(&mut self) {
        self.actions.dispatch(Msg::DismissTopic(Topic::FileWork));
    }
}
