//! Keyboard shortcuts: the keys listed in the shortcuts dialog, wherever focus is, except that
//! text fields keep their own keys (Escape still closes a dialog or the editor).

use crate::actions::Actions;
use crate::dom;
use crate::store::Dialog;
use redline_core::Label;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Acts on one key press.
pub fn handle(event: &KeyboardEvent, actions: &Actions) {
    let state = actions.state();
    let key = event.key();
    let command = event.ctrl_key() || event.meta_key();
    if key == "Escape" {
        if state.dialog.is_some() {
            actions.close_dialog();
        } else if state.linking {
            actions.dispatch(crate::store::Msg::Linking(false));
        } else if state.map_open {
            actions.show_map(false);
        } else if state.selected.is_some() {
            actions.select(None);
        }
        return;
    }
    if typing_in_field(event) || state.dialog.is_some() {
        return;
    }
    let handled = match key.as_str() {
        "z" | "Z" if command && event.shift_key() => {
            actions.redo();
            true
        }
        "z" | "Z" if command => {
            actions.undo();
            true
        }
        "y" | "Y" if command => {
            actions.redo();
            true
        }
        _ if command || event.alt_key() => false,
        "c" | "1" => {
            actions.annotate(Label::Claim);
            true
        }
        "r" | "2" => {
            actions.annotate(Label::RedLine);
            true
        }
        "l" | "L" => {
            actions.start_linking();
            true
        }
        "m" | "M" if state.document.is_some() => {
            actions.show_map(!state.map_open);
            true
        }
        "Delete" => match &state.selected {
            Some(id) => {
                actions.delete_annotation(id.clone());
                true
            }
            None => false,
        },
        "?" => {
            actions.show(Dialog::Shortcuts);
            true
        }
        "ArrowLeft" | "ArrowRight" if event.shift_key() => {
            let target = event.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
            match actions.article().filter(|article| AsRef::<web_sys::Node>::as_ref(article).contains(target.as_ref()))
            {
                Some(article) => dom::extend_selection(&article, key == "ArrowRight", event.ctrl_key()),
                None => false,
            }
        }
        _ => false,
    };
    if handled {
        event.prevent_default();
    }
}

/// Whether a key press belongs to a text field (which keeps its own keys).
fn typing_in_field(event: &KeyboardEvent) -> bool {
    event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|element| {
        matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            || element.dyn_ref::<web_sys::HtmlElement>().is_some_and(|e| e.is_content_editable())
    })
}
