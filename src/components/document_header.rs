//! The open document's title and where it came from (outlet, author, date, a link to the
//! source), with a way to edit those details.

use crate::actions::Actions;
use redline_core::Metadata;
use yew::prelude::*;

pub struct DocumentHeaderProps<'a> {
    pub title: &'a str,
    pub metadata: &'a Metadata,
}

pub fn document_header(actions: &Actions, props: DocumentHeaderProps<'_>) -> Html {
    let actions = actions.clone();
    let metadata = props.metadata;
    let facts: Vec<&String> = [&metadata.outlet, &metadata.author, &metadata.published].into_iter().flatten().collect();
    let onedit = Callback::from(move |_: MouseEvent| actions.ask_metadata());
    html! {
        <header class="document-header">
            <h1 class="article-title">{ props.title.to_string() }</h1>
            <p class="document-source" data-testid="document-metadata">
                { for facts.iter().enumerate().map(|(i, fact)| html! {
                    <>{ if i > 0 { " · " } else { "" } }<span>{ (*fact).clone() }</span></>
                }) }
                // Only an http(s) address is ever kept (the core checks), so the link cannot run script.
                if let Some(url) = metadata.url.clone() {
                    { if facts.is_empty() { "" } else { " · " } }
                    <a href={url} target="_blank" rel="noopener noreferrer">{ "Source" }</a>
                }
                <button type="button" class="link" onclick={onedit}>{ "Edit details" }</button>
            </p>
        </header>
    }
}
