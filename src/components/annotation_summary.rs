//! How an annotation reads in a list: its label, holder, quote and note.
//!
//! A plain view function, not a component: the list shows thousands of entries, and a component
//! each would double their bookkeeping for nothing (an entry re-renders only with its item).

use redline_core::Annotation;
use yew::prelude::*;

pub fn annotation_summary(a: &Annotation) -> Html {
    html! {
        <>
            <span class={classes!("badge", a.label().as_str())}>{ a.label().display_name() }</span>
            if !a.holder().is_empty() {
                <span class="holder">{ a.holder().to_string() }</span>
            }
            <q class="quote">{ a.quote().exact.clone() }</q>
            if !a.note().is_empty() {
                <span class="note">{ a.note().to_string() }</span>
            }
        </>
    }
}
