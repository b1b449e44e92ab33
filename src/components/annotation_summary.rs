//! How an annotation reads in a list: its label, holder, quote and note.

use redline_core::Annotation;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AnnotationSummaryProps {
    pub annotation: Annotation,
}

#[component]
pub fn AnnotationSummary(props: &AnnotationSummaryProps) -> Html {
    let a = &props.annotation;
    html! {
        <>
            <span class={classes!("badge", a.label.as_str())}>{ a.label.display_name() }</span>
            if !a.holder.is_empty() {
                <span class="holder">{ a.holder.clone() }</span>
            }
            <q class="quote">{ a.quote.exact.clone() }</q>
            if !a.note.is_empty() {
                <span class="note">{ a.note.clone() }</span>
            }
        </>
    }
}
