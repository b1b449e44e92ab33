//! The selected annotation's fields: label, holder (suggesting holders already used), note.

use crate::actions::Actions;
use redline_core::{Annotation, Label};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AnnotationEditorProps {
    pub annotation: Annotation,
    pub holders: Rc<Vec<String>>,
}

#[component]
pub fn AnnotationEditor(props: &AnnotationEditorProps) -> Html {
    let Some(actions) = use_context::<Actions>() else { return html! {} };
    let a = &props.annotation;
    let id = a.id().clone();
    let oninput_note = {
        let (actions, id) = (actions.clone(), id.clone());
        Callback::from(move |event: InputEvent| {
            if let Some(area) = event.target().and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok()) {
                actions.set_note(id.clone(), area.value());
            }
        })
    };
    let oninput_holder = {
        let (actions, id) = (actions.clone(), id.clone());
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                actions.set_holder(id.clone(), input.value());
            }
        })
    };
    let label_choice = |label: Label| {
        let (actions, id) = (actions.clone(), id.clone());
        let checked = a.label() == label;
        html! {
            <label class={classes!("choice", label.as_str())}>
                <input type="radio" name="annotation-label" checked={checked}
                    onchange={move |_| actions.relabel(id.clone(), label)} />
                { label.display_name() }
            </label>
        }
    };
    let ondelete = {
        let (actions, id) = (actions.clone(), id.clone());
        move |_| actions.delete_annotation(id.clone())
    };
    let onclose = {
        let actions = actions.clone();
        move |_| actions.select(None)
    };
    html! {
        <section class="editor" aria-labelledby="editor-title" data-testid="annotation-editor">
            <div class="row spread">
                <h2 id="editor-title">{ "Selected annotation" }</h2>
                <button type="button" class="icon" aria-label="Close editor" onclick={onclose}>{ "×" }</button>
            </div>
            <q class="quote">{ a.quote().exact.clone() }</q>
            <fieldset class="row">
                <legend>{ "Label" }</legend>
                { label_choice(Label::Claim) }
                { label_choice(Label::RedLine) }
            </fieldset>
            <label>{ "Holder" }
                <input type="text" list="holder-suggestions" value={a.holder().to_string()} oninput={oninput_holder}
                    placeholder="Who asserts it, e.g. Kremlin" />
            </label>
            <datalist id="holder-suggestions">
                { for props.holders.iter().map(|h| html! { <option value={h.clone()} /> }) }
            </datalist>
            <label>{ "Note" }
                <textarea rows="3" value={a.note().to_string()} oninput={oninput_note} />
            </label>
            <button type="button" class="danger" onclick={ondelete} aria-keyshortcuts="Delete">{ "Delete annotation" }</button>
        </section>
    }
}
