//! An import with annotations that carry no claim or red-line tag (another tool's highlights):
//! label them all as one or the other, or leave them out. Never dropped without asking.

use super::modal::Modal;
use redline_core::Label;
use yew::prelude::*;

pub struct UntaggedDialogProps {
    pub file_name: String,
    /// What the file looked like ("a Recogito export").
    pub source: &'static str,
    pub untagged: usize,
    pub tagged: usize,
    /// The label for all of them, or `None` to leave them out.
    pub onchoose: Callback<Option<Label>>,
    pub onclose: Callback<()>,
}

pub fn untagged_dialog(props: UntaggedDialogProps) -> Html {
    let choose = |label: Option<Label>| {
        let onchoose = props.onchoose.clone();
        Callback::from(move |_: MouseEvent| onchoose.emit(label))
    };
    let onclose = props.onclose.clone();
    html! {
        <Modal title="Annotations without a label" onclose={props.onclose.clone()}>
            <p>{ format!("“{}” looks like {}.", props.file_name, props.source) }</p>
            <p data-testid="untagged-count">{ format!(
                "{} of its {} annotations have no claim or red-line tag. What are they?",
                props.untagged, props.untagged + props.tagged
            ) }</p>
            <div class="row">
                <button type="button" class="primary" onclick={choose(Some(Label::Claim))}>{ "Label all as Claim" }</button>
                <button type="button" onclick={choose(Some(Label::RedLine))}>{ "Label all as Red line" }</button>
                <button type="button" onclick={choose(None)}>{ "Skip them" }</button>
                <button type="button" onclick={move |_| onclose.emit(())}>{ "Cancel" }</button>
            </div>
        </Modal>
    }
}
