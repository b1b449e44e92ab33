//! Whether the open document is live with the team's room: shown in the top bar while sync
//! is on, with the changes not yet sent and how many colleagues are there. A view function,
//! not a component: it holds no state, and each component costs the download its own copy of
//! Yew's machinery.

use crate::sync_client::SyncView;
use redline_core::sync::Connection;
use yew::prelude::*;

pub fn sync_status(sync: &SyncView, onclick: Callback<MouseEvent>) -> Html {
    let Some(connection) = sync.connection else { return html! {} };
    let (state, mut text) = match connection {
        Connection::Connecting => ("connecting", "Connecting".to_string()),
        Connection::Connected => ("connected", "Live".to_string()),
        Connection::Offline => ("offline", "Offline".to_string()),
    };
    if sync.pending > 0 {
        text.push_str(&format!(" · {} not sent", sync.pending));
    }
    if !sync.peers.is_empty() {
        text.push_str(&format!(" · {} here", sync.peers.len() + 1));
    }
    let title = sync.detail.clone().unwrap_or_else(|| "Sync with colleagues".into());
    html! {
        <button type="button" class={classes!("sync-status", state)} data-testid="sync-status" data-state={state}
            data-pending={sync.pending.to_string()} data-peers={sync.peers.len().to_string()}
            {title} {onclick} aria-live="polite">
            <span class="dot" aria-hidden="true"></span>{ text }
        </button>
    }
}
