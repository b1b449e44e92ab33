//! Another tab's writes, held back while a selection is made or held in the article (see
//! [`RemoteChanges`]). A text removed there is no longer stored, so the next write of that
//! document here stores it whole again.

use crate::remote::RemoteChanges;
use crate::store::Store;
use gloo::events::EventListener;
use redline_core::schema;
use redline_core::DocumentId;
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[hook]
pub fn use_remote_changes(
    store: &UseReducerHandle<Store>,
    texts_written: Rc<RefCell<HashSet<DocumentId>>>,
    article_ref: NodeRef,
) {
    let remote = use_memo((), {
        let dispatcher = store.dispatcher();
        move |_| RemoteChanges::new(dispatcher)
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
                        let removed_text = key.strip_prefix(schema::TEXT_PREFIX).and_then(DocumentId::parse);
                        if let (Some(id), None) = (removed_text, event.new_value()) {
                            texts_written.borrow_mut().remove(&id);
                        }
                        remote.receive(key, event.new_value(), article());
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
