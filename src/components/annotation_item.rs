//! One entry of the annotation list.

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
        <li data-testid="annotation-item" data-id={a.id.to_string()} data-label={a.label.as_str()}
            class={classes!("item", props.selected.then_some("selected"))}>
            <button type="button" class="item-button" aria-current={props.selected.then_some("true")} {onclick}>
                <span class={classes!("badge", a.label.as_str())}>{ a.label.display_name() }</span>
                if !a.holder.is_empty() {
                    <span class="holder">{ a.holder.clone() }</span>
                }
                <q class="quote">{ a.quote.exact.clone() }</q>
                if !a.note.is_empty() {
                    <span class="note">{ a.note.clone() }</span>
                }
            </button>
        </li>
    }
}
