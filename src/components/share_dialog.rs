//! Sync with colleagues: the team server, this analyst's name, Connect or Disconnect, the link
//! to send, and who else is in the room.

use super::modal::Modal;
use crate::sync_client::SyncView;
use redline_core::sync::{self, Connection};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ShareDialogProps {
    pub sync: SyncView,
    /// The share link, when the document has a room.
    pub link: Option<AttrValue>,
    /// (server, name)
    pub onconnect: Callback<(String, String)>,
    pub ondisconnect: Callback<()>,
    pub oncopy: Callback<String>,
    pub onclose: Callback<()>,
}

/// The server a new share suggests: one run on this machine by `make sync-server`.
const DEFAULT_SERVER: &str = "ws://127.0.0.1:1234";

#[component]
pub fn ShareDialog(props: &ShareDialogProps) -> Html {
    let (server, name) = (use_node_ref(), use_node_ref());
    let share = props.sync.share.as_ref();
    let on = props.sync.connection.is_some();
    let onsubmit = {
        let (server, name, onconnect) = (server.clone(), name.clone(), props.onconnect.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let value = |field: &NodeRef| field.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            onconnect.emit((value(&server), value(&name)));
        })
    };
    let state = match props.sync.connection {
        None => "Not connected: this document is kept in this browser only.".to_string(),
        Some(Connection::Connecting) => "Connecting …".to_string(),
        Some(Connection::Connected) => match props.sync.peers.len() {
            0 => "Connected. Nobody else is in the room yet.".to_string(),
            1 => "Connected with 1 colleague.".to_string(),
            n => format!("Connected with {n} colleagues."),
        },
        Some(Connection::Offline) => {
            format!("Offline: changes are kept here and sent when the server is back ({} waiting).", props.sync.pending)
        }
    };
    let ondisconnect = props.ondisconnect.clone();
    let onclose = props.onclose.clone();
    html! {
        <Modal title="Share with colleagues" onclose={props.onclose.clone()}>
            <form class="stack share" {onsubmit}>
                <p>{ "Colleagues with the link see and change this document's annotations with you, live. \
                      The team server relays the changes; your copy stays in this browser and keeps working without it." }</p>
                <label>{ "Server" }
                    <input ref={server} type="url" required=true disabled={on}
                        value={share.map_or(DEFAULT_SERVER.to_string(), |s| s.room.server.clone())} />
                </label>
                <label>{ "Your name" }
                    <input ref={name} type="text" maxlength="40" disabled={on}
                        value={share.map_or_else(|| sync::peer_name(""), |s| s.name.clone())} />
                </label>
                <p class="sync-state">{ state }</p>
                if let Some(detail) = props.sync.detail.clone().filter(|_| on) {
                    <p class="hint">{ detail }</p>
                }
                if !props.sync.peers.is_empty() {
                    <ul class="peers" aria-label="In the room">
                        { for props.sync.peers.iter().map(|peer| html! {
                            <li data-testid="sync-peer">
                                // A presentation attribute, not a style: the page's policy allows no inline style.
                                <svg class="dot" width="10" height="10" aria-hidden="true"><circle cx="5" cy="5" r="5" fill={peer.color.clone()} /></svg>
                                { peer.name.clone() }
                            </li>
                        }) }
                    </ul>
                }
                if let Some(link) = props.link.clone() {
                    <label>{ "Link" }
                        <input type="text" readonly=true value={link.clone()} onfocus={|e: FocusEvent| {
                            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() { input.select(); }
                        }} />
                    </label>
                    <p class="hint">{ "Anyone with this link and access to the server can join: send it only to your team." }</p>
                }
                <div class="row">
                    if on {
                        <button type="button" class="primary" onclick={move |_| ondisconnect.emit(())}>{ "Disconnect" }</button>
                    } else {
                        <button type="submit" class="primary">{ "Connect" }</button>
                    }
                    if let Some(link) = props.link.clone() {
                        <button type="button" onclick={{ let oncopy = props.oncopy.clone(); move |_| oncopy.emit(link.to_string()) }}>{ "Copy link" }</button>
                    }
                    <button type="button" onclick={move |_| onclose.emit(())}>{ "Close" }</button>
                </div>
            </form>
        </Modal>
    }
}
