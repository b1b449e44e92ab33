//! The documents side by side: switch, rename, delete.

use crate::actions::Actions;
use redline_core::schema::LibraryEntry;
use redline_core::DocumentId;
use yew::prelude::*;

pub struct DocumentListProps<'a> {
    pub entries: &'a [LibraryEntry],
    pub open: Option<&'a DocumentId>,
}

pub fn document_list(actions: &Actions, props: DocumentListProps<'_>) -> Html {
    let on = |act: fn(&Actions, DocumentId), id: &DocumentId| {
        let (actions, id) = (actions.clone(), id.clone());
        Callback::from(move |_: MouseEvent| act(&actions, id.clone()))
    };
    html! {
        <nav class="documents" aria-label="Documents">
            <h2>{ "Documents" }</h2>
            <ul data-testid="document-list">
                { for props.entries.iter().map(|entry| {
                    let current = props.open == Some(&entry.id);
                    let id = &entry.id;
                    html! {
                        <li key={id.to_string()} data-testid="document-item" class={classes!(current.then_some("current"))}>
                            <button type="button" class="document-open" aria-current={current.then_some("page")}
                                onclick={on(Actions::open_document, id)}>{ entry.title.clone() }</button>
                            <button type="button" class="icon" aria-label={format!("Rename {}", entry.title)}
                                onclick={on(Actions::ask_rename, id)}>{ "✎" }</button>
                            <button type="button" class="icon" aria-label={format!("Delete {}", entry.title)}
                                onclick={on(Actions::ask_delete, id)}>{ "×" }</button>
                        </li>
                    }
                }) }
            </ul>
        </nav>
    }
}
