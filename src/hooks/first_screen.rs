//! Keeps the first screen for the next start ([`crate::first_screen`]): forgotten when the open
//! document or the list changes, kept again once the page has settled.

use crate::actions::Actions;
use crate::first_screen;
use crate::store::Store;
use gloo::timers::callback::Timeout;
use yew::prelude::*;

/// How long the page must go without a change before the copy is kept: a burst of edits costs
/// one copy, taken after the frames that draw them.
const SETTLE_MS: u32 = 1_000;

#[hook]
pub fn use_first_screen(store: &UseReducerHandle<Store>, actions: &Actions) {
    let pending = use_mut_ref(|| None::<Timeout>);
    let started = use_mut_ref(|| false);
    use_effect_with((store.library.clone(), store.document.clone()), {
        let actions = actions.clone();
        move |(_, document)| {
            let storage = actions.persistence().storage().clone();
            // On the first frame the page is what the copy showed (if one was shown): it stays
            // until the new one is kept.
            if started.replace(true) {
                first_screen::forget(&storage);
            }
            let document = document.as_ref().map(|d| d.id().clone());
            let keep = move || first_screen::keep(&storage, actions.article(), document.as_ref());
            *pending.borrow_mut() = Some(Timeout::new(SETTLE_MS, keep));
        }
    });
}
