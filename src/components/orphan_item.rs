//! An annotation whose quote could not be placed: its quote, and ways to re-attach or delete it.

use super::annotation_summary::annotation_summary;
use crate::actions::Actions;
use redline_core::{Annotation, AnnotationId};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct OrphanItemProps {
    pub annotation: Annotation,
}

#[component]
pub fn OrphanItem(props: &OrphanItemProps) -> Html {
    let Some(actions) = use_context::<Actions>() else { return html! {} };
    let a = &props.annotation;
    let on = |act: fn(&Actions, AnnotationId)| {
        let (actions, id) = (actions.clone(), a.id().clone());
        Callback::from(move |_: MouseEvent| act(&actions, id.clone()))
    };
    let (reattach, delete) = (on(Actions::reattach), on(Actions::delete_annotation));
    html! {
        <li data-testid="orphan-item" data-id={a.id().to_string()} class="item orphan">
            { annotation_summary(a) }
            <div class="row">
                <button type="button" onmousedown={|e: MouseEvent| e.prevent_default()} onclick={reattach}
                    title="Select text in the article first">{ "Re-attach" }</button>
                <button type="button" aria-label="Delete orphan" onclick={delete}>{ "Delete" }</button>
            </div>
        </li>
    }
}
