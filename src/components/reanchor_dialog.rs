//! Progress of applying an import to the open document, with a way to stop it.

use super::modal::Modal;
use yew::prelude::*;

pub struct ReanchorDialogProps {
    pub done: usize,
    pub total: usize,
    /// Placed already, now being merged: no longer cancellable.
    pub applying: bool,
    pub oncancel: Callback<()>,
}

pub fn reanchor_dialog(props: ReanchorDialogProps) -> Html {
    let oncancel = props.oncancel.clone();
    let (label, explanation) = if props.applying {
        (
            format!("Adding to the document: {} of {}", props.done, props.total),
            "Every annotation is placed; they are being added (one Undo takes them all out again).",
        )
    } else {
        (
            format!("Placing annotations: {} of {}", props.done, props.total),
            "Nothing changes until every annotation is placed; Cancel stops and keeps the document as it is.",
        )
    };
    // While adding, Escape does nothing: half an import is not a state to leave the user in.
    let onclose = if props.applying { Callback::noop() } else { props.oncancel.clone() };
    html! {
        <Modal title="Applying the import" {onclose}>
            <p id="reanchor-progress-label">{ label.clone() }</p>
            <progress data-testid="reanchor-progress" data-phase={if props.applying { "applying" } else { "placing" }}
                aria-labelledby="reanchor-progress-label"
                value={props.done.to_string()} max={props.total.max(1).to_string()}>{ label }</progress>
            <p>{ explanation }</p>
            if !props.applying {
                <div class="row">
                    <button type="button" onclick={move |_| oncancel.emit(())}>{ "Cancel" }</button>
                </div>
            }
        </Modal>
    }
}
