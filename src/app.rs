//! The root component: the state, the page's actions as a context, the long-lived effects
//! ([`crate::hooks`]) and the layout. The state is built once by [`crate::startup`].

use crate::actions::Actions;
use crate::components::annotation_editor::AnnotationEditor;
use crate::components::article_view::ArticleView;
use crate::components::dialog_host::DialogHost;
use crate::components::document_header::{document_header, DocumentHeaderProps};
use crate::components::document_list::{document_list, DocumentListProps};
use crate::components::negotiation_map::NegotiationMapView;
use crate::components::notices::notices;
use crate::components::relation_editor::RelationEditor;
use crate::components::sidebar::Sidebar;
use crate::components::summary_chart::summary_chart;
use crate::components::sync_status::sync_status;
use crate::components::toolbar::{toolbar, ToolbarProps};
use crate::hooks::{use_actions, use_persistence, use_remote_changes, use_scroll_to_flash, use_sync, use_window_keys};
use crate::persistence::Persistence;
use crate::startup::bootstrap;
use crate::storage::Storage;
use crate::store::Store;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

#[component]
pub fn App() -> Html {
    // Storage is read once: the first state, and what persistence must leave alone.
    let started = use_memo((), |_| {
        let storage = Storage::open();
        let (store, protected) = bootstrap(&storage);
        (Rc::new(Persistence::new(storage, protected)), RefCell::new(Some(store)))
    });
    let store = use_reducer({
        let started = started.clone();
        move || started.1.take().unwrap_or_else(|| Store::new(Default::default(), None))
    });
    let article_ref = use_node_ref();
    let actions = use_actions(&store, started.0.clone(), article_ref.clone());
    use_persistence(&actions);
    use_remote_changes(&actions);
    use_sync(&store, &actions);
    use_window_keys(&actions);
    use_scroll_to_flash(&store, article_ref.clone());

    let document = store.document.clone();
    // The list and the chart, inert under the progress dialog while an import is merged part by
    // part, keep the version they last showed and are drawn once when it is done: each part
    // would otherwise rebuild both from every annotation, and lay the list out again.
    let listed = use_mut_ref(|| None);
    if !store.is_merging_import() {
        *listed.borrow_mut() = document.clone();
    }
    let listed = listed.borrow().clone();
    // One walk over every annotation per version of the document, not per render; the holders
    // are the counts' (named ones).
    let counts =
        use_memo(listed.clone(), |document| document.as_ref().map(|d| d.counts_per_holder()).unwrap_or_default());
    let holders = use_memo(counts.clone(), |counts| redline_core::document::holders_in(counts));
    let (can_undo, can_redo) = document.as_ref().map_or((false, false), |d| (d.can_undo(), d.can_redo()));

    // Files dropped anywhere on the page: annotation files are imported, anything else opened as an article.
    let ondragover = Callback::from(|event: DragEvent| event.prevent_default());
    let ondrop = {
        let actions = actions.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            if let Some(file) = event.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                actions.drop_file(file);
            }
        })
    };

    let share = {
        let actions = actions.clone();
        Callback::from(move |_| actions.share())
    };

    html! {
        <ContextProvider<Actions> context={actions.clone()}>
        <div class="app" {ondragover} {ondrop}>
            <header class="topbar">
                <div class="brand">
                    <span class="logo" aria-hidden="true"></span>{ "Red Line Annotator" }
                    { sync_status(&store.sync, share) }
                </div>
                { toolbar(&actions, ToolbarProps { has_document: document.is_some(), can_undo, can_redo, map_open: store.map_open }) }
            </header>
            { notices(&actions, &store.notices) }
            <div class="layout">
                { document_list(&actions, DocumentListProps { entries: &store.library.documents, open: store.open_id() }) }
                <main class="reader">
                    if let Some(document) = document.clone().filter(|_| store.map_open) {
                        <NegotiationMapView {document} expanded={store.map_expanded.clone()} holders={holders.clone()} />
                    }
                    if let Some(document) = document.clone() {
                        // Hidden, not dropped, under the map: closing the map shows it at once.
                        <div class="article-pane" hidden={store.map_open}>
                            { document_header(&actions, DocumentHeaderProps { title: document.title(), metadata: document.metadata() }) }
                            <ArticleView {document} selected={store.selected.clone()} article_ref={article_ref.clone()} />
                        </div>
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
                    if let (Some(annotation), Some(document)) = (store.selected_annotation().cloned(), document.clone()) {
                        <AnnotationEditor key={annotation.id().to_string()} annotation={annotation.clone()} holders={holders.clone()} />
                        <RelationEditor {document} annotation={annotation.clone()}
                            kind={store.relation_kind} linking={store.linking} />
                    }
                    if let Some(document) = listed {
                        <Sidebar {document} filter={store.filter.clone()} {holders} selected={store.selected.clone()} />
                        { summary_chart(&counts) }
                    }
                </aside>
            </div>
            if let Some(dialog) = store.dialog.clone() {
                <DialogHost {dialog} has_open_document={store.document.is_some()} sync={store.sync.clone()} />
            }
        </div>
        </ContextProvider<Actions>>
    }
}
