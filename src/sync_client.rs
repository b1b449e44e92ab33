//! Live sync of the open document with a team's room (SPEC §2, "Working as a team"), from the
//! page's side. The socket and the Yjs replica live in the sync worker (`crates/redline-sync`,
//! its own wasm, created only when a user connects, so that nobody else downloads it), which
//! also reads what the room sends against a copy of the document by the core's rules
//! (`redline_core::sync`). This side sends it the document's records as they change, and takes
//! the records it is handed as another tab's writes are taken: held while a selection is made,
//! merged by time, and then stored by persistence like any change.
//!
//! Local storage stays the source of truth: the share is kept under `redline:sync:<document>`;
//! changes made while the room cannot be reached are counted by the worker and sent, with
//! anything else the room lacks, when it is reached again.

use crate::actions::Actions;
use crate::own_worker::OwnWorker;
use crate::store::{Msg, OpenDocument, Severity, Topic};
use redline_core::schema::{self, RemoteChange};
use redline_core::sync::{self, Connection, FromWorker, Peer, Share, ToWorker};
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The worker's loader, beside the page (Trunk's loader shim for the `redline-sync` binary).
const WORKER_SCRIPT: &str = "redline-sync_loader.js";
/// The message that asks the offline worker (`static/sw.js`) to keep the sync worker's files.
const KEEP_SYNC_CODE: &str = "keep-sync-code";

/// What the page shows of sync.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyncView {
    /// The open document's share, if it has one.
    pub share: Option<Share>,
    /// `None` while sync is off.
    pub connection: Option<Connection>,
    pub detail: Option<String>,
    /// Local changes the room has not had yet.
    pub pending: usize,
    pub peers: Vec<Peer>,
}

#[derive(Default)]
pub struct SyncClient {
    worker: RefCell<Option<OwnWorker>>,
    view: RefCell<SyncView>,
    /// The version of the open document whose records the worker has been sent.
    published: RefCell<Option<OpenDocument>>,
    /// The worker failed to load or run: the next connection starts a new one.
    broken: Cell<bool>,
    /// Failed loads of the worker in a row: each is tried again a little later.
    load_failures: Cell<u32>,
}

impl SyncClient {
    pub fn view(&self) -> SyncView {
        self.view.borrow().clone()
    }

    /// Joins `share`'s room (keeping the share, so that the document rejoins when opened).
    pub fn connect(&self, actions: &Actions, share: Share) {
        let share = Share { active: true, ..share };
        if let Err(error) = actions.persistence().storage().save_share(&share) {
            actions.report_write(Err(error));
        }
        if self.broken.replace(false) {
            if let Some(worker) = self.worker.borrow_mut().take() {
                worker.terminate();
            }
        }
        if self.worker.borrow().is_none() {
            match start_worker(actions.clone()) {
                Some(worker) => *self.worker.borrow_mut() = Some(worker),
                None => {
                    actions.alert("The sync code could not be loaded; check the connection and try again.".into());
                    return;
                }
            }
        }
        // The document as it is now (none when it is to come from the room), and from now on
        // each version's changes.
        let state = actions.state();
        let open = state.document.clone().filter(|d| d.id() == &share.room.document);
        let (fields, records) = match (&open, state.library.entry(&share.room.document)) {
            (Some(open), Some(entry)) => {
                let records = sync::encode_records(&open.records_since(None));
                (Some(sync::document_fields(open, entry)), records)
            }
            _ => Default::default(),
        };
        *self.published.borrow_mut() = open;
        let presence = Peer { name: share.name.clone(), color: colour_of(&share.name) }.awareness();
        let (url, document_id) = (share.room.socket_url(), share.room.document.to_string());
        self.post(&ToWorker::Connect { url, awareness: presence, document_id, fields, records });
        self.show(
            actions,
            SyncView { share: Some(share), connection: Some(Connection::Connecting), ..SyncView::default() },
        );
    }

    /// Leaves the room. `forget`: the user turned sync off (the document stays out of its
    /// room until connected again); otherwise another document was opened.
    pub fn disconnect(&self, actions: &Actions, forget: bool) {
        self.post(&ToWorker::Disconnect);
        let share = self.view.borrow().share.clone();
        if let Some(share) = share.filter(|_| forget) {
            let kept = Share { active: false, ..share };
            actions.persistence().storage().save_share(&kept).ok();
            self.show(actions, SyncView { share: Some(kept), ..SyncView::default() });
        } else {
            self.show(actions, SyncView::default());
        }
    }

    /// The browser lost or regained its network. Offline, the socket is closed at once (the
    /// server would be missed only after a long timeout) and changes wait here; online, the
    /// room is joined again (with a new worker if the last one could not be loaded).
    pub fn network_changed(&self, actions: &Actions, online: bool) {
        let view = self.view();
        let Some(share) = view.share.filter(|s| s.active && view.connection.is_some()) else { return };
        if online {
            // A worker that never started (its code could not be fetched) is replaced.
            if self.worker.borrow().as_ref().is_some_and(|w| !w.has_started()) {
                self.broken.set(true);
            }
            self.connect(actions, share);
        } else {
            self.post(&ToWorker::Disconnect);
            let detail = "This browser is offline; changes are kept here and sent when it is back.";
            self.show_state(actions, Connection::Offline, Some(detail.into()), view.pending);
        }
    }

    /// The open document is now `document` (a new version, or another document): its changed
    /// records go to the worker, which sends them now or keeps them for the room's return.
    pub fn document_changed(&self, document: &OpenDocument) {
        let view = self.view.borrow();
        let shared = view.share.as_ref().is_some_and(|share| &share.room.document == document.id());
        if !shared || view.connection.is_none() {
            return;
        }
        drop(view);
        let records = document.records_since(self.published.borrow().as_deref());
        *self.published.borrow_mut() = Some(document.clone());
        if !records.is_empty() {
            self.post(&ToWorker::Local { records: sync::encode_records(&records) });
        }
    }

    fn receive(&self, actions: &Actions, message: FromWorker) {
        match message {
            FromWorker::Ready => {
                self.load_failures.set(0);
                keep_sync_code_offline();
                if let Some(worker) = self.worker.borrow_mut().as_mut() {
                    worker.started();
                }
            }
            FromWorker::Status { connection, detail, pending } => {
                if self.view.borrow().connection.is_some() {
                    // Offline without a reason of the worker's: the reason already shown stays.
                    let kept = || self.view().detail.filter(|_| connection == Connection::Offline);
                    self.show_state(actions, connection, detail.or_else(kept), pending);
                }
            }
            FromWorker::Take { records } => {
                let Some(share) = self.view.borrow().share.clone() else { return };
                for raw in records {
                    let Ok(record) = schema::decode_annotation(&raw) else { continue };
                    let change = RemoteChange::Annotation { document: share.room.document.clone(), record };
                    actions.remote().receive_unstored(actions, change);
                }
            }
            FromWorker::Joined { fields, records } => {
                let Some(share) = self.view.borrow().share.clone() else { return };
                match sync::assemble_joined(&share.room.document, &fields, records, crate::now()) {
                    // What the assembly leaves out the worker, which assembled it first, reported.
                    Ok((joined, _)) => actions.dispatch(Msg::Open { document: joined, at: crate::now() }),
                    Err(error) => self.refuse_room(actions, &error.to_string()),
                }
            }
            FromWorker::Rejected(rejected) => self.report_rejected(actions, &rejected),
            FromWorker::Refused { reason, fatal: true } => self.refuse_room(actions, &reason),
            FromWorker::Refused { reason, .. } => {
                let text = format!("The sync server sent something that could not be read ({reason}); it was ignored.");
                actions.dispatch(Msg::Notify { topic: Topic::Sync, severity: Severity::Alert, text, remedy: None });
            }
            FromWorker::Peers(peers) => self.show(actions, SyncView { peers, ..self.view() }),
        }
    }

    fn refuse_room(&self, actions: &Actions, reason: &str) {
        self.disconnect(actions, true);
        actions.alert(format!("This room cannot be used and sync was turned off: {reason}."));
    }

    fn report_rejected(&self, actions: &Actions, rejected: &[String]) {
        if rejected.is_empty() {
            return;
        }
        let shown: Vec<&str> = rejected.iter().take(3).map(String::as_str).collect();
        let more = if rejected.len() > 3 { format!(" and {} more", rejected.len() - 3) } else { String::new() };
        let text = format!(
            "Ignored {} record{} from the room: {}{more}. Your own work is unchanged.",
            rejected.len(),
            if rejected.len() == 1 { "" } else { "s" },
            shown.join("; ")
        );
        actions.dispatch(Msg::Notify { topic: Topic::Sync, severity: Severity::Alert, text, remedy: None });
    }

    fn post(&self, message: &ToWorker) {
        self.post_json(message.to_json());
    }

    fn post_json(&self, json: String) {
        if let Some(worker) = self.worker.borrow_mut().as_mut() {
            worker.post(json);
        }
    }

    /// The connection's state, as told: while offline nobody else is known to be there.
    fn show_state(&self, actions: &Actions, connection: Connection, detail: Option<String>, pending: usize) {
        let online = connection == Connection::Connected;
        let peers = if online { self.view().peers } else { Vec::new() };
        self.show(actions, SyncView { connection: Some(connection), detail, pending, peers, ..self.view() });
    }

    /// Shows `view`, if it changed.
    fn show(&self, actions: &Actions, view: SyncView) {
        if view != *self.view.borrow() {
            *self.view.borrow_mut() = view.clone();
            actions.dispatch(Msg::Sync(view));
        }
    }
}

/// Creates the sync worker (the browser fetches its code now, and only now).
fn start_worker(actions: Actions) -> Option<OwnWorker> {
    let on_message = {
        let actions = actions.clone();
        move |raw: String, _beside| {
            if let Some(message) = FromWorker::from_json(&raw) {
                actions.sync().receive(&actions, message);
            }
        }
    };
    // The worker's code could not be fetched (offline before it was ever kept, or the server
    // did not answer) or run: tried again a little later while sync is wanted. The browser's
    // `online` event alone is not enough: a page opened offline may never be told it is online.
    let on_failure = move || {
        let sync = actions.sync();
        sync.broken.set(true);
        let failures = sync.load_failures.get();
        let wait = sync::retry_wait_ms(failures);
        let attempt = failures.saturating_add(1);
        sync.load_failures.set(attempt);
        let detail = format!("The sync code could not be loaded; {}.", sync::trying_again_in(wait));
        sync.show_state(&actions, Connection::Offline, Some(detail), sync.view().pending);
        let actions = actions.clone();
        let retry = move || {
            let sync = actions.sync();
            let view = sync.view();
            let wanted = view.share.filter(|s| s.active && view.connection.is_some());
            // Unless it was loaded meanwhile (back online), or sync was turned off.
            if let Some(share) = wanted.filter(|_| sync.broken.get() && sync.load_failures.get() == attempt) {
                sync.connect(&actions, share);
            }
        };
        gloo::timers::callback::Timeout::new(wait, retry).forget();
    };
    OwnWorker::start(WORKER_SCRIPT, on_message, on_failure)
}

/// Asks the offline worker to keep the sync code, now that this user syncs: it was fetched
/// perhaps before the offline worker was there to keep it (a first visit by a share link), and
/// a reload with the network gone must still find it.
fn keep_sync_code_offline() {
    let Some(ready) = crate::service_workers().and_then(|workers| workers.ready().ok()) else { return };
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(registration) = wasm_bindgen_futures::JsFuture::from(ready).await else { return };
        let registration: web_sys::ServiceWorkerRegistration = registration.unchecked_into();
        if let Some(worker) = registration.active() {
            worker.post_message(&JsValue::from_str(KEEP_SYNC_CODE)).ok();
        }
    });
}

/// A colour for a name, the same on every machine.
fn colour_of(name: &str) -> String {
    const COLOURS: [&str; 8] = ["#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#ff7f0e"];
    let hash = name.bytes().fold(0usize, |h, b| h.wrapping_mul(31).wrapping_add(usize::from(b)));
    COLOURS[hash % COLOURS.len()].to_string()
}
