//! What to do with an import whose text matches no stored document.

use super::modal::Modal;
use yew::prelude::*;

pub struct ImportDialogProps {
    pub file_name: String,
    /// What the file looked like ("a Hypothesis export").
    pub source: &'static str,
    pub annotations: usize,
    pub has_text: bool,
    pub has_open_document: bool,
    /// The page the annotations were made on, when the open document names another.
    pub other_page: Option<String>,
    pub onadd: Callback<()>,
    pub onapply: Callback<()>,
    pub onclose: Callback<()>,
}

pub fn import_dialog(props: ImportDialogProps) -> Html {
    let (onadd, onapply, onclose) = (props.onadd.clone(), props.onapply.clone(), props.onclose.clone());
    html! {
        <Modal title="Import annotations" onclose={props.onclose.clone()}>
            <p data-testid="import-summary">{ if props.has_text {
                format!(
                    "“{}” ({}) holds {} annotations on a text that matches none of your documents.",
                    props.file_name, props.source, props.annotations
                )
            } else {
                format!(
                    "“{}” ({}) holds {} annotations, without the text they were made on.",
                    props.file_name, props.source, props.annotations
                )
            } }</p>
            if let Some(page) = props.other_page.clone() {
                <p role="note" data-testid="other-page">{ format!(
                    "These were made on {page}, not on the open document's source: those whose words are not in it will be orphans."
                ) }</p>
            }
            <ul class="plain">
                <li><strong>{ "Add as new document" }</strong>{ ": the file's text and annotations become a document of their own." }</li>
                <li><strong>{ "Apply to open document" }</strong>{ ": each annotation is placed on the open text by its quote; those that cannot be placed are kept as orphans." }</li>
            </ul>
            <div class="row">
                <button type="button" class="primary" disabled={!props.has_text} onclick={move |_| onadd.emit(())}>{ "Add as new document" }</button>
                <button type="button" disabled={!props.has_open_document} onclick={move |_| onapply.emit(())}>{ "Apply to open document" }</button>
                <button type="button" onclick={move |_| onclose.emit(())}>{ "Cancel" }</button>
            </div>
        </Modal>
    }
}
