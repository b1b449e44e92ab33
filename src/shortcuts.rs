//! Keyboard shortcuts: the keys listed in the shortcuts dialog, wherever focus is, except that
//! text fields keep their own keys (Escape still closes a dialog or the editor).

use crate::store::{Dialog, Msg, Store};
use crate::{dom, now};
use redline_core::{Action, Label};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Acts on one key press; `annotate` is what the Claim and Red line buttons do.
pub fn handle(
    event: &KeyboardEvent,
    store: &UseReducerHandle<Store>,
    annotate: &Callback<Label>,
    article_ref: &NodeRef,
) {
    let key = event.key();
    let command = event.ctrl_key() || event.meta_key();
    if key == "Escape" {
        if store.dialog.is_some() {
            store.dispatch(Msg::ShowDialog(None));
        } else if store.selected.is_some() {
            store.dispatch(Msg::Select(None));
        }
        return;
    }
    if typing_in_field(event) || store.dialog.is_some() {
        return;
    }
    let handled = match key.as_str() {
        "z" | "Z" if command && event.shift_key() => {
            store.dispatch(Msg::Redo(now()));
            true
        }
        "z" | "Z" if command => {
            store.dispatch(Msg::Undo(now()));
            true
        }
        "y" | "Y" if command => {
            store.dispatch(Msg::Redo(now()));
            true
        }
        _ if command || event.alt_key() => false,
        "c" | "1" => {
            annotate.emit(Label::Claim);
            true
        }
        "r" | "2" => {
            annotate.emit(Label::RedLine);
            true
        }
        "Delete" => match &store.selected {
            Some(id) => {
                store.dispatch(Msg::Act(Action::Delete { id: id.clone(), at: now() }));
                true
            }
            None => false,
        },
        "?" => {
            store.dispatch(Msg::ShowDialog(Some(Dialog::Shortcuts)));
            true
        }
        "ArrowLeft" | "ArrowRight" if event.shift_key() => {
            let in_article = article_ref
                .cast::<web_sys::Element>()
                .zip(event.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok()))
                .filter(|(article, target)| AsRef::<web_sys::Node>::as_ref(article).contains(Some(target)));
            match in_article {
                Some((article, _)) => dom::extend_selection(&article, key == "ArrowRight", event.ctrl_key()),
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
