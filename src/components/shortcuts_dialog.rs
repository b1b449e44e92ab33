//! The keyboard shortcuts, shown on `?`.

use super::modal::Modal;
use yew::prelude::*;

const SHORTCUTS: [(&str, &str); 12] = [
    ("c or 1", "Mark the selected text as a claim (or make the selected annotation one)"),
    ("r or 2", "Mark the selected text as a red line (or make the selected annotation one)"),
    ("Shift+←/→", "Select text in the article, a character at a time (with Ctrl, a word)"),
    ("Delete", "Delete the selected annotation"),
    ("l", "Link the selected annotation: click the target's highlight, or choose it under Target"),
    ("m", "Show or hide the negotiation map"),
    ("Ctrl+Z", "Undo"),
    ("Ctrl+Shift+Z or Ctrl+Y", "Redo"),
    ("Tab / Shift+Tab", "Move between controls, the article and the annotation list"),
    ("Enter", "Select the focused annotation in the list"),
    ("Escape", "Close a dialog, stop linking, leave the map, or clear the selected annotation"),
    ("?", "Show these shortcuts"),
];

pub fn shortcuts_dialog(onclose: Callback<()>) -> Html {
    html! {
        <Modal title="Keyboard shortcuts" onclose={onclose.clone()}>
            <dl class="shortcuts">
                { for SHORTCUTS.iter().map(|(keys, what)| html! {
                    <><dt><kbd>{ *keys }</kbd></dt><dd>{ *what }</dd></>
                }) }
            </dl>
            <button type="button" onclick={move |_| onclose.emit(())}>{ "Close" }</button>
        </Modal>
    }
}
