//! Rename a document.

use super::modal::Modal;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RenameDialogProps {
    pub title: AttrValue,
    pub onrename: Callback<String>,
    pub onclose: Callback<()>,
}

#[component]
pub fn RenameDialog(props: &RenameDialogProps) -> Html {
    let input = use_node_ref();
    let onsubmit = {
        let (input, onrename) = (input.clone(), props.onrename.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if let Some(value) = input.cast::<HtmlInputElement>().map(|i| i.value()) {
                onrename.emit(value);
            }
        })
    };
    let onclose = props.onclose.clone();
    html! {
        <Modal title="Rename document" onclose={props.onclose.clone()}>
            <form class="stack" {onsubmit}>
                <label>{ "Title" }
                    <input ref={input} type="text" value={props.title.clone()} required=true />
                </label>
                <div class="row">
                    <button type="submit" class="primary">{ "Rename" }</button>
                    <button type="button" onclick={move |_| onclose.emit(())}>{ "Cancel" }</button>
                </div>
            </form>
        </Modal>
    }
}
