//! Key presses anywhere on the page, handed to [`crate::shortcuts`], which may prevent their
//! default.

use crate::actions::Actions;
use crate::shortcuts;
use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[hook]
pub fn use_window_keys(actions: &Actions) {
    use_effect_with(actions.clone(), move |actions| {
        let actions = actions.clone();
        let options = EventListenerOptions::enable_prevent_default();
        let listener = EventListener::new_with_options(&gloo::utils::window(), "keydown", options, move |event| {
            if let Some(event) = event.dyn_ref::<KeyboardEvent>() {
                shortcuts::handle(event, &actions);
            }
        });
        move || drop(listener)
    });
}
