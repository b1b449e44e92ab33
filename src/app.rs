//! The root component: builds the state from storage once, makes every callback, and runs the
//! effects that keep storage in step with the state.

use crate::components::annotation_editor::AnnotationEditor;
use crate::components::article_view::ArticleView;
use crate::components::confirm_delete_dialog::ConfirmDeleteDialog;
use crate::components::document_list::DocumentList;
use crate::components::import_dialog::ImportDialog;
use crate::components::notices::Notices;
use crate::components::paste_dialog::PasteDialog;
use crate::components::rename_dialog::RenameDialog;
use crate::components::shortcuts_dialog::ShortcutsDialog;
use crate::components::sidebar::Sidebar;
use crate::components::summary_chart::SummaryChart;
use crate::components::toolbar::{ExportFormat, Toolbar};
use crate::storage::{Storage, Unreadable, WriteError};
use crate::store::{Dialog, Msg, OpenDocument, Remedy, Severity, Store};
use crate::{dom, files, new_annotation_id, now};
use gloo::events::{EventListener, EventListenerOptions};
use redline_core::formats::{self, w3c};
use redline_core::schema;
use redline_core::{Action, AnnotationId, Document, DocumentText, Label};
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The article shown on first start.
const BUNDLED_TITLE: &str = "Security guarantees";
const BUNDLED_TEXT: &str = include_str!("../static/security-guarantees.txt");

/// Reads what storage holds and builds the first state; unreadable values become notices.
fn bootstrap(storage: &Storage) -> (Store, HashSet<String>) {
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
        Some(document) => store.document = Some(crate::store::OpenDocument::new(document)),
        None if first_start => {
            let bundled = Document::new(BUNDLED_TITLE, DocumentText::new(BUNDLED_TEXT));
            store = Store::reduce_now(store, Msg::Open { document: bundled, at: now() });
        }
        None => {}
    }
    if let Some(id) = store.open_id() {
        store.library.open = Some(id);
    }
    // Keys whose unreadable value could not be backed up are never overwritten.
    let protected = problems.iter().filter(|p| p.backup_key.is_none()).map(|p| p.key.clone()).collect();
    if let Some(Msg::Notify { topic, severity, text, remedy }) = unreadable_notice(&problems) {
        store.notify(topic, severity, text, remedy);
    }
    if !storage.is_available() {
        store.notify(
            "storage",
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

fn storage_failure_text(error: &WriteError) -> String {
    match error {
        WriteError::Full => "The browser's storage for this page is full, so your latest changes are kept in memory only. Export your work to keep it.".into(),
        WriteError::Unavailable => "The browser refused to store your changes, so they are kept in memory only. Export your work to keep it.".into(),
    }
}

/// Whether a key press belongs to a text field (which keeps its own keys).
fn typing_in_field(event: &KeyboardEvent) -> bool {
    event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|element| {
        matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            || element.dyn_ref::<web_sys::HtmlElement>().is_some_and(|e| e.is_content_editable())
    })
}

#[component]
pub fn App() -> Html {
    let storage = use_memo((), |_| Storage::open());
    let protected = use_mut_ref(HashSet::<String>::new);
    let store = use_reducer({
        let storage = storage.clone();
        let protected = protected.clone();
        move || {
            let (store, keys) = bootstrap(&storage);
            *protected.borrow_mut() = keys;
            store
        }
    });
    let article_ref = use_node_ref();
    // Texts known to be in storage this session, so that a long text is written once.
    let texts_written = use_mut_ref(HashSet::<String>::new);

    // Persist what changed in the open document after every change; a document new to storage
    // gets its text and all its records once.
    use_effect_with(store.revision, {
        let (store, storage, protected, texts_written) =
            (store.clone(), storage.clone(), protected.clone(), texts_written.clone());
        move |_| {
            if let Some(document) = &store.document {
                let mut document = document.borrow_mut();
                let id = document.id().to_string();
                let mut result = Ok(());
                if !texts_written.borrow().contains(&id) {
                    if !storage.contains(&schema::text_key(&id)) {
                        result = storage.save_text(&document).and_then(|_| storage.save_all_annotations(&document));
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
        let (store, storage, protected) = (store.clone(), storage.clone(), protected.clone());
        move |_| {
            if !protected.borrow().contains(schema::LIBRARY_KEY) {
                report_write(&store, storage.save_library(&store.library));
            }
        }
    });

    // Another tab's writes.
    use_effect_with((), {
        let dispatcher = store.dispatcher();
        move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "storage", move |event| {
                let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else {
                    return;
                };
                if let Some(key) = event.key() {
                    dispatcher.dispatch(Msg::Remote { key, value: event.new_value() });
                }
            });
            move || drop(listener)
        }
    });

    // Scroll to and flash an annotation picked in the sidebar.
    use_effect_with(store.flash.clone(), {
        let article_ref = article_ref.clone();
        move |flash| {
            if let (Some((id, _)), Some(article)) = (flash, article_ref.cast::<web_sys::Element>()) {
                dom::scroll_to_annotation(&article, id.as_str());
            }
        }
    });

    let annotate = {
        let (store, article_ref) = (store.clone(), article_ref.clone());
        Callback::from(move |label: Label| {
            let Some(document) = &store.document else {
                return;
            };
            let span = article_ref
                .cast::<web_sys::Element>()
                .and_then(|article| dom::selected_span(&article, document.borrow().text()));
            match (span, &store.selected) {
                (Some(span), _) => {
                    store.dispatch(Msg::Annotate { id: new_annotation_id(), label, span, at: now() });
                    dom::clear_selection();
                }
                (None, Some(id)) => store.dispatch(Msg::Act(Action::Relabel { id: id.clone(), label, at: now() })),
                (None, None) => store.dispatch(Msg::Notify {
                    topic: "status",
                    severity: Severity::Status,
                    text: "Select some text in the article first.".into(),
                    remedy: None,
                }),
            }
        })
    };
    let undo = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Msg::Undo(now())))
    };
    let redo = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Msg::Redo(now())))
    };
    let export = {
        let store = store.clone();
        Callback::from(move |format: ExportFormat| export_document(&store, format))
    };
    let copy_json = {
        let store = store.clone();
        Callback::from(move |_| {
            let Some(document) = &store.document else {
                return;
            };
            let json = w3c::export(&document.borrow());
            let store = store.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let (severity, text) = match files::copy_to_clipboard(&json).await {
                    Ok(()) => (Severity::Status, "Copied the JSON export to the clipboard.".to_string()),
                    Err(error) => (Severity::Alert, format!("Could not copy to the clipboard: {error}")),
                };
                store.dispatch(Msg::Notify { topic: "status", severity, text, remedy: None });
            });
        })
    };
    let import_file = {
        let (store, storage) = (store.clone(), storage.clone());
        Callback::from(move |file: web_sys::File| read_file(store.clone(), storage.clone(), file, true))
    };
    let open_article = {
        let (store, storage) = (store.clone(), storage.clone());
        Callback::from(move |file: web_sys::File| read_file(store.clone(), storage.clone(), file, false))
    };
    let add_pasted = {
        let (store, storage) = (store.clone(), storage.clone());
        Callback::from(move |(title, text): (String, String)| {
            store.dispatch(Msg::ShowDialog(None));
            let title = if title.trim().is_empty() { first_words(&text) } else { title.trim().to_string() };
            open_text(&store, &storage, title, &text);
        })
    };
    let show = |dialog: Dialog| {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Msg::ShowDialog(Some(dialog.clone()))))
    };
    let close_dialog = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Msg::ShowDialog(None)))
    };
    let switch_document = {
        let (store, storage) = (store.clone(), storage.clone());
        Callback::from(move |id: String| {
            if store.open_id().as_deref() == Some(id.as_str()) {
                return;
            }
            let Some(entry) = store.library.documents.iter().find(|e| e.id == id).cloned() else {
                return;
            };
            match storage.load_document(&entry) {
                Ok((document, problems)) => {
                    store.dispatch(Msg::Open { document, at: now() });
                    notify_unreadable(&store, &problems);
                }
                Err(problem) => notify_unreadable(&store, &[problem]),
            }
        })
    };
    let ask_rename = {
        let store = store.clone();
        Callback::from(move |id: String| {
            let title =
                store.library.documents.iter().find(|e| e.id == id).map(|e| e.title.clone()).unwrap_or_default();
            store.dispatch(Msg::ShowDialog(Some(Dialog::Rename { id, title })));
        })
    };
    let ask_delete = {
        let (store, storage) = (store.clone(), storage.clone());
        Callback::from(move |id: String| {
            let Some(entry) = store.library.documents.iter().find(|e| e.id == id) else {
                return;
            };
            let annotations = match (&store.document, store.open_id()) {
                (Some(document), Some(open)) if open == id => document.borrow().annotations().len(),
                _ => storage.load_document(entry).map(|(d, _)| d.annotations().len()).unwrap_or(0),
            };
            store.dispatch(Msg::ShowDialog(Some(Dialog::ConfirmDelete {
                id,
                title: entry.title.clone(),
                annotations,
            })));
        })
    };
    // Callbacks handed to memoised children are stable (made once, or once per document), so
    // that a change re-renders only the paragraphs and list buckets it touches.
    let select = use_callback((), {
        let dispatcher = store.dispatcher();
        move |id: AnnotationId, _| dispatcher.dispatch(Msg::Select(Some(id)))
    });
    let flash = use_callback((), {
        let dispatcher = store.dispatcher();
        move |id: AnnotationId, _| dispatcher.dispatch(Msg::Flash(id))
    });
    let set_filter = use_callback((), {
        let dispatcher = store.dispatcher();
        move |filter, _| dispatcher.dispatch(Msg::SetFilter(filter))
    });
    let reattach = use_callback((store.document.clone(), article_ref.clone()), {
        let dispatcher = store.dispatcher();
        move |id: AnnotationId, (document, article_ref): &(Option<OpenDocument>, NodeRef)| {
            let Some(document) = document else { return };
            let span = article_ref
                .cast::<web_sys::Element>()
                .and_then(|article| dom::selected_span(&article, document.borrow().text()));
            match span {
                Some(span) => {
                    dispatcher.dispatch(Msg::Act(Action::Reattach { id, span, at: now() }));
                    dom::clear_selection();
                }
                None => dispatcher.dispatch(Msg::Notify {
                    topic: "status",
                    severity: Severity::Status,
                    text: "Select the text to attach it to in the article, then press Re-attach.".into(),
                    remedy: None,
                }),
            }
        }
    });
    let delete_annotation = use_callback((), {
        let dispatcher = store.dispatcher();
        move |id: AnnotationId, _| dispatcher.dispatch(Msg::Act(Action::Delete { id, at: now() }))
    });
    let remedy = {
        let (store, storage) = (store.clone(), storage.clone());
        Callback::from(move |remedy: Remedy| match remedy {
            Remedy::DownloadBackups => {
                if let Err(error) = download_backups(&storage) {
                    notify_alert(&store, format!("Could not download: {error}"));
                }
            }
            Remedy::ExportJson => export_document(&store, ExportFormat::W3cJson),
            Remedy::UndoDeleteDocument => store.dispatch(Msg::UndoDelete),
        })
    };
    let dismiss = {
        let store = store.clone();
        Callback::from(move |id| store.dispatch(Msg::Dismiss(id)))
    };

    // Keyboard shortcuts, wherever focus is, except inside text fields.
    let on_key = {
        let (store, annotate, article_ref) = (store.clone(), annotate.clone(), article_ref.clone());
        Callback::from(move |event: KeyboardEvent| {
            let key = event.key();
            let command = event.ctrl_key() || event.meta_key();
            if key == "Escape" {
                if store.dialog.is_some() {
                    store.dispatch(Msg::ShowDialog(None));
                } else if store.selected.is_some() {
                    store.dispatch(Msg::Select(None));
                }
                return;
            }
            if typing_in_field(&event) || store.dialog.is_some() {
                return;
            }
            let handled = match key.as_str() {
                "z" | "Z" if command && event.shift_key() => {
                    store.dispatch(Msg::Redo(now()));
                    true
                }
                "z" | "Z" if command => {
                    store.dispatch(Msg::Undo(now()));
                    true
                }
                "y" | "Y" if command => {
                    store.dispatch(Msg::Redo(now()));
                    true
                }
                _ if command || event.alt_key() => false,
                "c" | "1" => {
                    annotate.emit(Label::Claim);
                    true
                }
                "r" | "2" => {
                    annotate.emit(Label::RedLine);
                    true
                }
                "Delete" => match &store.selected {
                    Some(id) => {
                        store.dispatch(Msg::Act(Action::Delete { id: id.clone(), at: now() }));
                        true
                    }
                    None => false,
                },
                "?" => {
                    store.dispatch(Msg::ShowDialog(Some(Dialog::Shortcuts)));
                    true
                }
                "ArrowLeft" | "ArrowRight" if event.shift_key() => {
                    let in_article = article_ref
                        .cast::<web_sys::Element>()
                        .zip(event.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok()))
                        .filter(|(article, target)| AsRef::<web_sys::Node>::as_ref(article).contains(Some(target)));
                    match in_article {
                        Some((article, _)) => dom::extend_selection(&article, key == "ArrowRight", event.ctrl_key()),
                        None => false,
                    }
                }
                _ => false,
            };
            if handled {
                event.prevent_default();
            }
        })
    };
    let latest_key_handler = use_mut_ref(Callback::<KeyboardEvent>::noop);
    *latest_key_handler.borrow_mut() = on_key;
    use_effect_with((), {
        let latest_key_handler = latest_key_handler.clone();
        move |_| {
            let options = EventListenerOptions::enable_prevent_default();
            let listener = EventListener::new_with_options(&gloo::utils::window(), "keydown", options, move |event| {
                if let Some(event) = event.dyn_ref::<KeyboardEvent>() {
                    let handler = latest_key_handler.borrow().clone();
                    handler.emit(event.clone());
                }
            });
            move || drop(listener)
        }
    });

    // Files dropped anywhere on the page: JSON is imported, anything else opened as an article.
    let ondragover = Callback::from(|event: DragEvent| event.prevent_default());
    let ondrop = {
        let (store, storage) = (store.clone(), storage.clone());
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            let Some(file) = event.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) else {
                return;
            };
            let is_json = file.name().to_ascii_lowercase().ends_with(".json") || file.type_().contains("json");
            read_file(store.clone(), storage.clone(), file, is_json);
        })
    };

    let document = store.document.clone();
    // Both walk every annotation: computed once per change, not on every render.
    let holders = use_memo((store.revision, document.clone()), |(_, document)| {
        document.as_ref().map(|d| d.borrow().holders()).unwrap_or_default()
    });
    let counts = use_memo((store.revision, document.clone()), |(_, document)| {
        document.as_ref().map(|d| d.borrow().counts_per_holder()).unwrap_or_default()
    });
    let (can_undo, can_redo) =
        document.as_ref().map_or((false, false), |d| (d.borrow().can_undo(), d.borrow().can_redo()));
    let selected_annotation = match (&document, &store.selected) {
        (Some(d), Some(id)) => d.borrow().get(id).cloned(),
        _ => None,
    };

    let editor = selected_annotation.map(|annotation| {
        let id = annotation.id.clone();
        let act = |make: Rc<dyn Fn(AnnotationId) -> Action>| {
            let (store, id) = (store.clone(), id.clone());
            move || store.dispatch(Msg::Act(make(id.clone())))
        };
        let onlabel = {
            let (store, id) = (store.clone(), id.clone());
            Callback::from(move |label| store.dispatch(Msg::Act(Action::Relabel { id: id.clone(), label, at: now() })))
        };
        let onholder = {
            let (store, id) = (store.clone(), id.clone());
            Callback::from(move |holder| store.dispatch(Msg::Act(Action::SetHolder { id: id.clone(), holder, at: now() })))
        };
        let onnote = {
            let (store, id) = (store.clone(), id.clone());
            Callback::from(move |note| store.dispatch(Msg::Act(Action::SetNote { id: id.clone(), note, at: now() })))
        };
        let delete = act(Rc::new(|id| Action::Delete { id, at: now() }));
        let ondelete = Callback::from(move |_| delete());
        let onclose = {
            let store = store.clone();
            Callback::from(move |_| store.dispatch(Msg::Select(None)))
        };
        html! { <AnnotationEditor key={id.to_string()} {annotation} holders={holders.clone()} {onlabel} {onholder} {onnote} {ondelete} {onclose} /> }
    });

    let dialog = store.dialog.clone().map(|dialog| match dialog {
        Dialog::Paste => html! { <PasteDialog onadd={add_pasted.clone()} onclose={close_dialog.clone()} /> },
        Dialog::Shortcuts => html! { <ShortcutsDialog onclose={close_dialog.clone()} /> },
        Dialog::Rename { id, title } => {
            let store = store.clone();
            let onrename = Callback::from(move |title| store.dispatch(Msg::Rename { id: id.clone(), title }));
            html! { <RenameDialog title={title} {onrename} onclose={close_dialog.clone()} /> }
        }
        Dialog::ConfirmDelete { id, title, annotations } => {
            let (store, storage, texts_written) = (store.clone(), storage.clone(), texts_written.clone());
            let onconfirm = Callback::from(move |_| delete_document(&store, &storage, &texts_written, &id));
            html! { <ConfirmDeleteDialog title={title} {annotations} {onconfirm} onclose={close_dialog.clone()} /> }
        }
        Dialog::ImportChoice { imported, file_name } => {
            let onadd = {
                let (store, imported) = (store.clone(), imported.clone());
                Callback::from(move |_| store.dispatch(Msg::AddImportAsNew { imported: imported.clone(), at: now() }))
            };
            let onapply = {
                let (store, imported) = (store.clone(), imported.clone());
                Callback::from(move |_| store.dispatch(Msg::ApplyImport { imported: imported.clone() }))
            };
            html! {
                <ImportDialog file_name={file_name} annotations={imported.annotations.len()} has_text={imported.text.is_some()}
                    has_open_document={store.document.is_some()} {onadd} {onapply} onclose={close_dialog.clone()} />
            }
        }
    });

    html! {
        <div class="app" {ondragover} {ondrop}>
            <header class="topbar">
                <div class="brand"><span class="logo" aria-hidden="true"></span>{ "Red Line Annotator" }</div>
                <Toolbar has_document={document.is_some()} {can_undo} {can_redo} onannotate={annotate}
                    onundo={undo} onredo={redo} onexport={export} oncopy={copy_json} onimport={import_file}
                    onopenarticle={open_article} onpaste={show(Dialog::Paste)} onhelp={show(Dialog::Shortcuts)} />
            </header>
            <Notices notices={store.notices.clone()} ondismiss={dismiss} onremedy={remedy} />
            <div class="layout">
                <DocumentList entries={store.library.documents.clone()} open={store.open_id()}
                    onopen={switch_document} onrename={ask_rename} ondelete={ask_delete} />
                <main class="reader">
                    if let Some(document) = document.clone() {
                        <h1 class="article-title">{ document.borrow().title().to_string() }</h1>
                        <ArticleView document={document} revision={store.revision} selected={store.selected.clone()}
                            article_ref={article_ref.clone()} onselect={select} />
                    } else {
                        <div class="empty">
                            <h1>{ "No document open" }</h1>
                            <p>{ "Open an article from a .txt or .md file, paste one, or pick a document from the list." }</p>
                        </div>
                    }
                </main>
                <aside class="sidebar" aria-label="Annotations and summary">
                    { for editor }
                    if let Some(document) = document {
                        <Sidebar document={document} revision={store.revision} filter={store.filter.clone()}
                            holders={holders.clone()} selected={store.selected.clone()} onfilter={set_filter} onselect={flash}
                            onreattach={reattach} ondeleteorphan={delete_annotation} />
                        <SummaryChart counts={(*counts).clone()} />
                    }
                </aside>
            </div>
            { for dialog }
        </div>
    }
}

/// Tells the store whether the last write worked, without repeating an alert already shown.
fn report_write(store: &UseReducerHandle<Store>, result: Result<(), WriteError>) {
    match result {
        Ok(()) if store.storage_failing && crate::storage::Storage::open().is_available() => {
            store.dispatch(Msg::StorageFailing(false));
        }
        Ok(()) => {}
        Err(error) => {
            if !store.storage_failing {
                store.dispatch(Msg::Notify {
                    topic: "storage",
                    severity: Severity::Alert,
                    text: storage_failure_text(&error),
                    remedy: Some(Remedy::ExportJson),
                });
                store.dispatch(Msg::StorageFailing(true));
            }
        }
    }
}

fn notify_alert(store: &UseReducerHandle<Store>, text: String) {
    store.dispatch(Msg::Notify { topic: "file", severity: Severity::Alert, text, remedy: None });
}

/// One alert for stored values that could not be read, saying where each one is kept.
fn unreadable_notice(problems: &[Unreadable]) -> Option<Msg> {
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
    Some(Msg::Notify { topic: "unreadable", severity: Severity::Alert, text, remedy })
}

fn notify_unreadable(store: &UseReducerHandle<Store>, problems: &[Unreadable]) {
    if let Some(msg) = unreadable_notice(problems) {
        store.dispatch(msg);
    }
}

/// Downloads what is kept under backup keys: one value as it was, several as a JSON object.
fn download_backups(storage: &Storage) -> Result<(), String> {
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

fn export_document(store: &UseReducerHandle<Store>, format: ExportFormat) {
    let Some(document) = &store.document else {
        return;
    };
    let document = document.borrow();
    let stem = formats::file_stem(document.title());
    let (name, mime, contents) = match format {
        ExportFormat::W3cJson => (format!("{stem}.annotations.json"), "application/ld+json", w3c::export(&document)),
        ExportFormat::DoccanoJsonLines => {
            (format!("{stem}.doccano.jsonl"), "application/jsonl", formats::doccano::export(&document))
        }
        ExportFormat::Csv => (format!("{stem}.annotations.csv"), "text/csv", formats::csv::export(&document)),
    };
    if let Err(error) = files::download(&name, mime, &contents) {
        notify_alert(store, format!("Could not export: {error}"));
    }
}

/// Opens a text as a document: the stored one if the same text is already kept.
fn open_text(store: &UseReducerHandle<Store>, storage: &Storage, title: String, raw: &str) {
    let text = DocumentText::new(raw);
    if text.as_str().trim().is_empty() {
        notify_alert(store, "That article is empty.".into());
        return;
    }
    if let Some(entry) = store.library.documents.iter().find(|e| e.id == text.sha256()) {
        if store.open_id().as_deref() != Some(entry.id.as_str()) {
            if let Ok((document, _)) = storage.load_document(entry) {
                store.dispatch(Msg::Open { document, at: now() });
                return;
            }
        } else {
            store.dispatch(Msg::Notify {
                topic: "status",
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
fn read_file(store: UseReducerHandle<Store>, storage: Rc<Storage>, file: web_sys::File, as_import: bool) {
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
            return open_text(&store, &storage, title, &raw);
        }
        let imported = match w3c::import(&raw, now()) {
            Ok(imported) => Rc::new(imported),
            Err(error) => {
                return notify_alert(&store, format!("Could not import {name}: {error}. Nothing was changed."))
            }
        };
        // The file's text may be another stored document: open that one, then merge into it.
        if let Some(sha) = imported.text.as_ref().map(|t| t.sha256().to_string()) {
            let stored = store.library.documents.iter().find(|e| e.id == sha).cloned();
            if let Some(entry) = stored.filter(|e| store.open_id().as_deref() != Some(e.id.as_str())) {
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
fn delete_document(
    store: &UseReducerHandle<Store>,
    storage: &Storage,
    texts_written: &RefCell<HashSet<String>>,
    id: &str,
) {
    let document = match (&store.document, store.open_id()) {
        (Some(document), Some(open)) if open == id => Some(document.borrow().clone()),
        _ => store
            .library
            .documents
            .iter()
            .find(|e| e.id == id)
            .and_then(|e| storage.load_document(e).ok())
            .map(|(d, _)| d),
    };
    let Some(document) = document else {
        notify_alert(store, "That document could not be read, so it was not deleted.".into());
        return;
    };
    storage.remove_document(id);
    texts_written.borrow_mut().remove(id);
    store.dispatch(Msg::Delete { id: id.to_string(), document });
}

/// A title from the first words of a pasted text.
fn first_words(text: &str) -> String {
    let title = DocumentText::new(text).first_words(8);
    if title.is_empty() {
        "Pasted article".to_string()
    } else {
        title
    }
}
