//! Paste an article: a title and the text.

use super::modal::Modal;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PasteDialogProps {
    /// Title and text.
    pub onadd: Callback<(String, String)>,
    pub onclose: Callback<()>,
}

#[component]
pub fn PasteDialog(props: &PasteDialogProps) -> Html {
    let title = use_node_ref();
    let text = use_node_ref();
    let onsubmit = {
        let (title, text, onadd) = (title.clone(), text.clone(), props.onadd.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let title = title.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            let text = text.cast::<HtmlTextAreaElement>().map(|t| t.value()).unwrap_or_default();
            if !text.trim().is_empty() {
                onadd.emit((title, text));
            }
        })
    };
    let onclose = props.onclose.clone();
    html! {
        <Modal title="Paste an article" onclose={props.onclose.clone()}>
            <form class="stack" {onsubmit}>
                <label>{ "Article text" }
                    <textarea ref={text} rows="12" required=true autofocus=true />
                </label>
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
