//! Paste an article: a title and the text. Pasted from a web page, the page's markup is kept
//! too, so that its article can be extracted and shown before it is kept.

use super::modal::Modal;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PasteDialogProps {
    /// Title, text, and the pasted page's HTML if it came from one.
    pub onadd: Callback<(String, String, Option<String>)>,
    pub onclose: Callback<()>,
}

#[component]
pub fn PasteDialog(props: &PasteDialogProps) -> Html {
    let title = use_node_ref();
    let text = use_node_ref();
    let html = use_state(|| None::<String>);
    let onpaste = {
        let html = html.clone();
        Callback::from(move |event: Event| {
            let Some(event) = wasm_bindgen::JsCast::dyn_ref::<web_sys::ClipboardEvent>(&event) else { return };
            let pasted = event.clipboard_data().and_then(|data| data.get_data("text/html").ok());
            html.set(pasted.filter(|h| !h.trim().is_empty()));
        })
    };
    // Typed over, the text is no longer the page's.
    let oninput = {
        let html = html.clone();
        Callback::from(move |event: InputEvent| {
            if event.input_type() != "insertFromPaste" && html.is_some() {
                html.set(None);
            }
        })
    };
    let onsubmit = {
        let (title, text, html, onadd) = (title.clone(), text.clone(), html.clone(), props.onadd.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let title = title.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            let text = text.cast::<HtmlTextAreaElement>().map(|t| t.value()).unwrap_or_default();
            if !text.trim().is_empty() {
                onadd.emit((title, text, (*html).clone()));
            }
        })
    };
    let onclose = props.onclose.clone();
    html! {
        <Modal title="Paste an article" onclose={props.onclose.clone()}>
            <form class="stack" {onsubmit}>
                <label>{ "Article text" }
                    <textarea ref={text} rows="12" required=true autofocus=true {onpaste} {oninput} />
                </label>
                if html.is_some() {
                    <p class="muted" role="status">{ "Pasted from a web page: its article will be shown before it is kept." }</p>
                }
                <label>{ "Title (optional)" }
                    <input ref={title} type="text" />
                </label>
                <div class="row">
                    <button type="submit" class="primary">{ "Add document" }</button>
                    <button type="button" onclick={move |_| onclose.emit(())}>{ "Cancel" }</button>
                </div>
            </form>
        </Modal>
    }
}
