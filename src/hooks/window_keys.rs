//! Key presses anywhere on the page, handed to the latest handler (which the page remakes on
//! every render, with the state it sees then); the handler may prevent their default.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[hook]
pub fn use_window_keys(handler: Callback<KeyboardEvent>) {
    let latest = use_mut_ref(Callback::<KeyboardEvent>::noop);
    *latest.borrow_mut() = handler;
    use_effect_with((), move |_| {
        let options = EventListenerOptions::enable_prevent_default();
        let listener = EventListener::new_with_options(&gloo::utils::window(), "keydown", options, move |event| {
            if let Some(event) = event.dyn_ref::<KeyboardEvent>() {
                let handler = latest.borrow().clone();
                handler.emit(event.clone());
            }
        });
        move || drop(listener)
    });
}
