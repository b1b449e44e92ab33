//! One entry of the annotation list.

use super::annotation_summary::annotation_summary;
use crate::actions::Actions;
use redline_core::Annotation;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AnnotationItemProps {
    pub annotation: Annotation,
    pub selected: bool,
}

#[component]
pub fn AnnotationItem(props: &AnnotationItemProps) -> Html {
    let actions = use_context::<Actions>();
    let a = &props.annotation;
    let onclick = {
        let id = a.id().clone();
        Callback::from(move |_: MouseEvent| actions.iter().for_each(|actions| actions.flash(id.clone())))
    };
    html! {
        <div role="listitem" data-testid="annotation-item" data-id={a.id().to_string()} data-label={a.label().as_str()}
            class={classes!("item", props.selected.then_some("selected"))}>
            <button type="button" class="item-button" aria-current={props.selected.then_some("true")} {onclick}>
                { annotation_summary(a) }
            </button>
        </div>
    }
}
