//! The root component: the layout and the callbacks that turn clicks and keys into store
//! messages. Its long-lived effects are hooks of their own ([`crate::hooks`]: storage, another
//! tab's changes, keys); the state is built once by [`crate::startup`]; file and export work is in
//! [`crate::commands`].

use crate::commands::{
    delete_document, download_backups, export_document, first_words, notify_alert, notify_unreadable, open_text,
    read_file,
};
use crate::components::annotation_editor::AnnotationEditor;
use crate::components::article_view::ArticleView;
use crate::components::confirm_delete_dialog::ConfirmDeleteDialog;
use crate::components::document_list::DocumentList;
use crate::components::import_dialog::ImportDialog;
use crate::components::notices::Notices;
use crate::components::paste_dialog::PasteDialog;
use crate::components::reanchor_dialog::ReanchorDialog;
use crate::components::rename_dialog::RenameDialog;
use crate::components::shortcuts_dialog::ShortcutsDialog;
use crate::components::sidebar::Sidebar;
use crate::components::summary_chart::SummaryChart;
use crate::components::toolbar::Toolbar;
use crate::hooks::{use_persistence, use_remote_changes, use_window_keys};
use crate::shortcuts;
use crate::startup::bootstrap;
use crate::storage::Storage;
use crate::store::{Dialog, Msg, OpenDocument, Remedy, Severity, Topic};
use crate::{dom, files, new_annotation_id, now};
use redline_core::formats::{w3c, ExportFormat};
use redline_core::{Action, AnnotationId, DocumentId, DocumentText, Label};
use std::collections::HashSet;
use std::rc::Rc;
use yew::prelude::*;

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
    let texts_written = use_mut_ref(HashSet::<DocumentId>::new);

    use_persistence(&store, storage.clone(), protected.clone(), texts_written.clone());
    use_remote_changes(&store, texts_written.clone(), article_ref.clone());

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
                    topic: Topic::Status,
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
                store.dispatch(Msg::Notify { topic: Topic::Status, severity, text, remedy: None });
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
            open_text(&store, &storage, title, DocumentText::new(&text));
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
        Callback::from(move |id: DocumentId| {
            if store.open_id().as_ref() == Some(&id) {
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
        Callback::from(move |id: DocumentId| {
            let title =
                store.library.documents.iter().find(|e| e.id == id).map(|e| e.title.clone()).unwrap_or_default();
            store.dispatch(Msg::ShowDialog(Some(Dialog::Rename { id, title })));
        })
    };
    let ask_delete = {
        let (store, storage) = (store.clone(), storage.clone());
        Callback::from(move |id: DocumentId| {
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
                    topic: Topic::Status,
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
            Remedy::KeepDocument => store.dispatch(Msg::KeepDocument),
        })
    };
    let dismiss = {
        let store = store.clone();
        Callback::from(move |id| store.dispatch(Msg::Dismiss(id)))
    };

    // Keyboard shortcuts, wherever focus is, except inside text fields.
    let on_key = {
        let (store, annotate, article_ref) = (store.clone(), annotate.clone(), article_ref.clone());
        Callback::from(move |event: KeyboardEvent| shortcuts::handle(&event, &store, &annotate, &article_ref))
    };
    use_window_keys(on_key);

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
                Callback::from(move |_| crate::reanchoring::start(store.clone(), imported.clone()))
            };
            html! {
                <ImportDialog file_name={file_name} annotations={imported.annotations.len()} has_text={imported.text.is_some()}
                    has_open_document={store.document.is_some()} {onadd} {onapply} onclose={close_dialog.clone()} />
            }
        }
        Dialog::Reanchoring { done, total, cancel, applying } => {
            html! { <ReanchorDialog {done} {total} {applying} oncancel={Callback::from(move |_| cancel.cancel())} /> }
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
                    // An `if` holds its place in the list when empty (a `for` would not, and Yew
                    // would then rebuild every sibling after it).
                    if let Some(editor) = editor { { editor } }
                    if let Some(document) = document {
                        <Sidebar document={document} revision={store.revision} filter={store.filter.clone()}
                            holders={holders.clone()} selected={store.selected.clone()} onfilter={set_filter} onselect={flash}
                            onreattach={reattach} ondeleteorphan={delete_annotation} />
                        <SummaryChart counts={(*counts).clone()} />
                    }
                </aside>
            </div>
            if let Some(dialog) = dialog { { dialog } }
        </div>
    }
}
