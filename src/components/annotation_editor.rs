//! The selected annotation's fields: label, holder (suggesting holders already used), note.

use redline_core::{Annotation, Label};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AnnotationEditorProps {
    pub annotation: Annotation,
    pub holders: Rc<Vec<String>>,
    pub onlabel: Callback<Label>,
    pub onholder: Callback<String>,
    pub onnote: Callback<String>,
    pub ondelete: Callback<()>,
    pub onclose: Callback<()>,
}

#[component]
pub fn AnnotationEditor(props: &AnnotationEditorProps) -> Html {
    let a = &props.annotation;
    let oninput_note = {
        let onnote = props.onnote.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(area) = event.target().and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok()) {
                onnote.emit(area.value());
            }
        })
    };
    let oninput_holder = {
        let onholder = props.onholder.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                onholder.emit(input.value());
            }
        })
    };
    let label_choice = |label: Label| {
        let onlabel = props.onlabel.clone();
        let checked = a.label == label;
        html! {
            <label class={classes!("choice", label.as_str())}>
                <input type="radio" name="annotation-label" checked={checked}
                    onchange={move |_| onlabel.emit(label)} />
                { label.display_name() }
            </label>
        }
    };
    let (ondelete, onclose) = (props.ondelete.clone(), props.onclose.clone());
    html! {
        <section class="editor" aria-labelledby="editor-title" data-testid="annotation-editor">
            <div class="row spread">
                <h2 id="editor-title">{ "Selected annotation" }</h2>
                <button type="button" class="icon" aria-label="Close editor" onclick={move |_| onclose.emit(())}>{ "×" }</button>
            </div>
            <q class="quote">{ a.quote.exact.clone() }</q>
            <fieldset class="row">
                <legend>{ "Label" }</legend>
                { label_choice(Label::Claim) }
                { label_choice(Label::RedLine) }
            </fieldset>
            <label>{ "Holder" }
                <input type="text" list="holder-suggestions" value={a.holder.clone()} oninput={oninput_holder}
                    placeholder="Who asserts it, e.g. Kremlin" />
            </label>
            <datalist id="holder-suggestions">
                { for props.holders.iter().map(|h| html! { <option value={h.clone()} /> }) }
            </datalist>
            <label>{ "Note" }
                <textarea rows="3" value={a.note.clone()} oninput={oninput_note} />
            </label>
            <button type="button" class="danger" onclick={move |_| ondelete.emit(())} aria-keyshortcuts="Delete">{ "Delete annotation" }</button>
        </section>
    }
}
