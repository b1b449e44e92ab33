//! Whether the open document is live with the team's room: shown in the top bar while sync
//! is on, with the changes not yet sent and how many colleagues are there.

use crate::sync_client::SyncView;
use redline_core::sync::Connection;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SyncStatusProps {
    pub sync: SyncView,
    pub onclick: Callback<MouseEvent>,
}

#[component]
pub fn SyncStatus(props: &SyncStatusProps) -> Html {
    let Some(connection) = props.sync.connection else { return html! {} };
    let (state, mut text) = match connection {
        Connection::Connecting => ("connecting", "Connecting".to_string()),
        Connection::Connected => ("connected", "Live".to_string()),
        Connection::Offline => ("offline", "Offline".to_string()),
    };
    if props.sync.pending > 0 {
        text.push_str(&format!(" · {} not sent", props.sync.pending));
    }
    if !props.sync.peers.is_empty() {
        text.push_str(&format!(" · {} here", props.sync.peers.len() + 1));
    }
    let title = props.sync.detail.clone().unwrap_or_else(|| "Sync with colleagues".into());
    html! {
        <button type="button" class={classes!("sync-status", state)} data-testid="sync-status" data-state={state}
            data-pending={props.sync.pending.to_string()} data-peers={props.sync.peers.len().to_string()}
            {title} onclick={props.onclick.clone()} aria-live="polite">
            <span class="dot" aria-hidden="true"></span>{ text }
        </button>
    }
}
