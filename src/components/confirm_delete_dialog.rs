//! Asks before a document and its annotations are deleted.

use super::modal::Modal;
use yew::prelude::*;

pub struct ConfirmDeleteDialogProps {
    pub title: String,
    pub annotations: usize,
    pub onconfirm: Callback<()>,
    pub onclose: Callback<()>,
}

pub fn confirm_delete_dialog(props: ConfirmDeleteDialogProps) -> Html {
    let onconfirm = props.onconfirm.clone();
    let onclose = props.onclose.clone();
    html! {
        <Modal title="Delete document?" onclose={props.onclose.clone()}>
            <p>{ format!("Delete “{}” and its {} annotations? You can undo this right after.", props.title, props.annotations) }</p>
            <div class="row">
                <button type="button" class="danger" onclick={move |_| onconfirm.emit(())}>{ "Delete document" }</button>
                <button type="button" autofocus=true onclick={move |_| onclose.emit(())}>{ "Cancel" }</button>
            </div>
        </Modal>
    }
}
