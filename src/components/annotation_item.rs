//! One entry of the annotation list.

use super::annotation_summary::annotation_summary;
use redline_core::Annotation;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AnnotationItemProps {
    pub annotation: Annotation,
    pub selected: bool,
    pub onselect: Callback<redline_core::AnnotationId>,
}

#[component]
pub fn AnnotationItem(props: &AnnotationItemProps) -> Html {
    let a = &props.annotation;
    let onclick = {
        let (id, onselect) = (a.id.clone(), props.onselect.clone());
        Callback::from(move |_: MouseEvent| onselect.emit(id.clone()))
    };
    html! {
        <div role="listitem" data-testid="annotation-item" data-id={a.id.to_string()} data-label={a.label.as_str()}
            class={classes!("item", props.selected.then_some("selected"))}>
            <button type="button" class="item-button" aria-current={props.selected.then_some("true")} {onclick}>
                { annotation_summary(a) }
            </button>
        </div>
    }
}
