//! Another tab's writes, held back while a selection is made or held in the article (see
//! [`RemoteChanges`]).

use crate::actions::Actions;
use crate::remote::RemoteChanges;
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[hook]
pub fn use_remote_changes(actions: &Actions, article_ref: NodeRef) {
    let remote = use_memo((), {
        let actions = actions.clone();
        move |_| RemoteChanges::new(actions)
    });
    use_effect_with((), {
        let remote = remote.clone();
        move |_| {
            let window = gloo::utils::window();
            let article = move || article_ref.cast::<web_sys::Element>();
            let listeners = [
                EventListener::new(&window, "storage", {
                    let (remote, article) = (remote.clone(), article.clone());
                    move |event| {
                        let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else { return };
                        let Some(key) = event.key() else { return };
                        remote.receive(&key, event.new_value().as_deref(), article());
                    }
                }),
                EventListener::new(&window, "pointerdown", {
                    let (remote, article) = (remote.clone(), article.clone());
                    move |event| {
                        let target = event.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
                        let primary = event.dyn_ref::<MouseEvent>().is_some_and(|e| e.button() == 0);
                        if let Some(article) = article().filter(|a| primary && a.contains(target.as_ref())) {
                            remote.set_dragging(true, Some(article));
                        }
                    }
                }),
                EventListener::new(&window, "pointerup", {
                    let (remote, article) = (remote.clone(), article.clone());
                    move |_| remote.set_dragging(false, article())
                }),
                EventListener::new(&window, "pointercancel", {
                    let (remote, article) = (remote.clone(), article.clone());
                    move |_| remote.set_dragging(false, article())
                }),
                EventListener::new(&gloo::utils::document(), "selectionchange", {
                    let remote = remote.clone();
                    move |_| remote.apply_if_free(article())
                }),
            ];
            move || drop(listeners)
        }
    });
}
