//! An annotation whose quote could not be placed: its quote, and ways to re-attach or delete it.

use super::annotation_summary::annotation_summary;
use redline_core::{Annotation, AnnotationId};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct OrphanItemProps {
    pub annotation: Annotation,
    pub onreattach: Callback<AnnotationId>,
    pub ondelete: Callback<AnnotationId>,
}

#[component]
pub fn OrphanItem(props: &OrphanItemProps) -> Html {
    let a = &props.annotation;
    let reattach = {
        let (id, callback) = (a.id.clone(), props.onreattach.clone());
        Callback::from(move |_: MouseEvent| callback.emit(id.clone()))
    };
    let delete = {
        let (id, callback) = (a.id.clone(), props.ondelete.clone());
        Callback::from(move |_: MouseEvent| callback.emit(id.clone()))
    };
    html! {
        <li data-testid="orphan-item" data-id={a.id.to_string()} class="item orphan">
            { annotation_summary(a) }
            <div class="row">
                <button type="button" onmousedown={|e: MouseEvent| e.prevent_default()} onclick={reattach}
                    title="Select text in the article first">{ "Re-attach" }</button>
                <button type="button" aria-label="Delete orphan" onclick={delete}>{ "Delete" }</button>
            </div>
        </li>
    }
}
