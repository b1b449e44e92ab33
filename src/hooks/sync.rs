//! Live sync's wiring ([`crate::sync_client`]): a share link in the page's address joins its
//! room once, at start; the browser going offline closes the socket and coming back online
//! rejoins; every new version of the open document goes to the room; opening
//! another document leaves the room, and opening one that is shared rejoins its own.

use crate::actions::Actions;
use crate::store::Store;
use gloo::events::EventListener;
use redline_core::sync::{self, Room, Share};
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
    // Another document opened: leave the room, and join the new one's if it is shared. Only
    // when the open document changes, not at each of its versions (storage is read here).
    use_effect_with(store.open_id().cloned(), {
        let actions = actions.clone();
        move |open| {
            let Some(open) = open else { return };
            let sync = actions.sync();
            let view = sync.view();
            let shared = view.share.as_ref().map(|s| &s.room.document);
            if view.connection.is_some() && shared == Some(open) {
                return;
            }
            // Joining by link: the room's document is not here yet, and arrives from the room.
            let joining = shared.is_some_and(|id| actions.state().library.entry(id).is_none());
            if joining {
                return;
            }
            if view.connection.is_some() {
                sync.disconnect(&actions, false);
            }
            if let Some(share) = actions.persistence().storage().share(open).filter(|s| s.active) {
                sync.connect(&actions, share);
            }
        }
    });
    // Every version of the shared document: its changes go to the room.
    use_effect_with(store.document.clone(), {
        let actions = actions.clone();
        move |document| {
            if let Some(document) = document {
                actions.sync().document_changed(document);
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
    let name = actions.persistence().storage().share(&room.document).map_or_else(|| sync::peer_name(""), |s| s.name);
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
