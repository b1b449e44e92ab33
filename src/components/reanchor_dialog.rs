//! Progress of applying an import to the open document, with a way to stop it.

use super::modal::Modal;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReanchorDialogProps {
    pub done: usize,
    pub total: usize,
    pub oncancel: Callback<()>,
}

#[component]
pub fn ReanchorDialog(props: &ReanchorDialogProps) -> Html {
    let oncancel = props.oncancel.clone();
    let label = format!("Placing annotations: {} of {}", props.done, props.total);
    html! {
        <Modal title="Applying the import" onclose={props.oncancel.clone()}>
            <p id="reanchor-progress-label">{ label.clone() }</p>
            <progress data-testid="reanchor-progress" aria-labelledby="reanchor-progress-label"
                value={props.done.to_string()} max={props.total.max(1).to_string()}>{ label }</progress>
            <p>{ "Nothing changes until every annotation is placed; Cancel stops and keeps the document as it is." }</p>
            <div class="row">
                <button type="button" onclick={move |_| oncancel.emit(())}>{ "Cancel" }</button>
            </div>
        </Modal>
    }
}
