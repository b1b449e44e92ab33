//! The documents side by side: switch, rename, delete.

use redline_core::schema::LibraryEntry;
use redline_core::DocumentId;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DocumentListProps {
    pub entries: Vec<LibraryEntry>,
    pub open: Option<DocumentId>,
    pub onopen: Callback<DocumentId>,
    pub onrename: Callback<DocumentId>,
    pub ondelete: Callback<DocumentId>,
}

#[component]
pub fn DocumentList(props: &DocumentListProps) -> Html {
    html! {
        <nav class="documents" aria-label="Documents">
            <h2>{ "Documents" }</h2>
            <ul data-testid="document-list">
                { for props.entries.iter().map(|entry| {
                    let current = props.open.as_ref() == Some(&entry.id);
                    let id = entry.id.clone();
                    let (onopen, onrename, ondelete) = (props.onopen.clone(), props.onrename.clone(), props.ondelete.clone());
                    let (open_id, rename_id, delete_id) = (id.clone(), id.clone(), id.clone());
                    html! {
                        <li key={id.to_string()} data-testid="document-item" class={classes!(current.then_some("current"))}>
                            <button type="button" class="document-open" aria-current={current.then_some("page")}
                                onclick={move |_| onopen.emit(open_id.clone())}>{ entry.title.clone() }</button>
                            <button type="button" class="icon" aria-label={format!("Rename {}", entry.title)}
                                onclick={move |_| onrename.emit(rename_id.clone())}>{ "✎" }</button>
                            <button type="button" class="icon" aria-label={format!("Delete {}", entry.title)}
                                onclick={move |_| ondelete.emit(delete_id.clone())}>{ "×" }</button>
                        </li>
                    }
                }) }
            </ul>
        </nav>
    }
}
