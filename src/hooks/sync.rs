//! Live sync's wiring ([`crate::sync_client`]): a share link in the page's address joins its
//! room once, at start; the browser going offline closes the socket and coming back online
//! rejoins; every new version of the open document goes to the room; opening
//! another document leaves the room, and opening one that is shared rejoins its own.

use crate::actions::Actions;
use crate::store::Store;
use gloo::events::EventListener;
use redline_core::sync::{Room, Share};
use yew::prelude::*;

#[hook]
pub fn use_sync(store: &UseReducerHandle<Store>, actions: &Actions) {
    use_effect_with((), {
        let actions = actions.clone();
        move |_| {
            join_from_link(&actions);
            let window = gloo::utils::window();
            let listen = |name: &'static str, online: bool| {
                let actions = actions.clone();
                EventListener::new(&window, name, move |_| actions.sync().network_changed(&actions, online))
            };
            let listeners = [listen("online", true), listen("offline", false)];
            move || drop(listeners)
        }
    });
    use_effect_with(store.document.clone(), {
        let actions = actions.clone();
        move |document| {
            let Some(document) = document else { return };
            let sync = actions.sync();
            let view = sync.view();
            let shared = view.share.as_ref().map(|s| &s.room.document);
            if view.connection.is_some() && shared == Some(document.id()) {
                return sync.document_changed(document);
            }
            // Joining by link: the room's document is not here yet, and arrives from the room.
            let state = actions.state();
            let joining = shared.is_some_and(|id| state.library.entry(id).is_none());
            if view.connection.is_some() && !joining {
                sync.disconnect(&actions, false);
            }
            if !joining {
                if let Some(share) = actions.persistence().storage().share(document.id()).filter(|s| s.active) {
                    sync.connect(&actions, share);
                }
            }
        }
    });
}

/// Joins the room a share link names (the fragment is then dropped from the address, so that a
/// reload does not join again after the user disconnected).
fn join_from_link(actions: &Actions) {
    let location = gloo::utils::window().location();
    let hash = location.hash().unwrap_or_default();
    let Some(room) = Room::from_fragment(hash.trim_start_matches('#')) else { return };
    let without_fragment =
        format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
    gloo::utils::window()
        .history()
        .ok()
        .map(|h| h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&without_fragment)));
    let room: Room = match room {
        Ok(room) => room,
        Err(error) => return actions.alert(format!("This share link cannot be used: {error}.")),
    };
    let name = actions.persistence().storage().share(&room.document).map_or_else(|| "Analyst".to_string(), |s| s.name);
    let share = Share { room, name, active: true };
    let state = actions.state();
    if state.library.entry(&share.room.document).is_some() && state.open_id() != Some(&share.room.document) {
        // Stored here already: it opens, and rejoins through its kept share.
        actions.persistence().storage().save_share(&share).ok();
        actions.open_document(share.room.document.clone());
    } else {
        actions.sync().connect(actions, share);
    }
}
