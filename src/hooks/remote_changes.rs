//! Another tab's writes, held back while a selection is made or held in the article (see
//! [`crate::remote::RemoteChanges`]).

use crate::actions::Actions;
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[hook]
pub fn use_remote_changes(actions: &Actions) {
    use_effect_with((), {
        let actions = actions.clone();
        move |_| {
            let window = gloo::utils::window();
            let listeners = [
                EventListener::new(&window, "storage", {
                    let actions = actions.clone();
                    move |event| {
                        let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else { return };
                        let Some(key) = event.key() else { return };
                        actions.remote().receive(&actions, &key, event.new_value().as_deref());
                    }
                }),
                EventListener::new(&window, "pointerdown", {
                    let actions = actions.clone();
                    move |event| {
                        let target = event.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
                        let primary = event.dyn_ref::<MouseEvent>().is_some_and(|e| e.button() == 0);
                        if primary && actions.article().is_some_and(|a| a.contains(target.as_ref())) {
                            actions.remote().set_dragging(&actions, true);
                        }
                    }
                }),
                EventListener::new(&window, "pointerup", {
                    let actions = actions.clone();
                    move |_| actions.remote().set_dragging(&actions, false)
                }),
                EventListener::new(&window, "pointercancel", {
                    let actions = actions.clone();
                    move |_| actions.remote().set_dragging(&actions, false)
                }),
                EventListener::new(&gloo::utils::document(), "selectionchange", {
                    let actions = actions.clone();
                    move |_| actions.remote().apply_if_free(&actions)
                }),
            ];
            move || drop(listeners)
        }
    });
}
