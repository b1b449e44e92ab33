//! One room's Yjs replica and the y-websocket protocol spoken over it, with no browser in sight
//! (the worker in `main.rs` carries the bytes): frames in, frames out, and what was heard
//! ([`Heard`]). The room is two maps of strings ([`sync::RECORDS_MAP`],
//! [`sync::DOCUMENT_MAP`]); what the strings mean is [`agent`]'s business, through the core.
//!
//! The protocol (y-protocols' sync and awareness messages, as `@y/websocket-server` speaks
//! them): on opening, each side sends its state vector (sync step 1); each answers with what the
//! other lacks (step 2); afterwards every change travels as an update. The room counts as
//! received once the server's step 2 has been applied.

pub mod agent;

use redline_core::sync::{self, Entries};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use yrs::sync::{Awareness, Clock, Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{Any, Doc, Map, MapRef, Observable, Origin, Out, ReadTxn, Transact, Update};

/// The largest frame taken from the server: a room holding the longest document this app
/// opens, with its annotations, fits several times over.
pub const MAX_FRAME_BYTES: usize = 64 * 1024 * 1024;

/// What the room told this replica.
#[derive(Debug, Clone, PartialEq)]
pub enum Heard {
    /// The room's whole state, received on (re)connecting.
    Synced { records: Entries, document: Entries },
    /// Values another peer changed (`removed`: keys a peer deleted, which this app never does).
    Changed { map: String, entries: Entries, removed: Vec<String> },
    /// The others' awareness states changed.
    Peers,
    /// A frame that could not be read.
    Refused(String),
}

/// The origin of this replica's own writes, so that observers tell them from the room's.
const LOCAL: &str = "redline-page";

/// Changes the room made, gathered by the maps' observers until the page is told.
type Overheard = Rc<RefCell<BTreeMap<&'static str, (Entries, Vec<String>)>>>;

pub struct Replica {
    awareness: Awareness,
    records: MapRef,
    document: MapRef,
    heard: Overheard,
    /// The server's step 2 has arrived on this connection.
    synced: bool,
}

impl Replica {
    /// An empty replica; `clock` gives milliseconds (awareness stamps its states with it).
    pub fn new(clock: impl Clock + 'static) -> Replica {
        let doc = Doc::new();
        let records = doc.get_or_insert_map(sync::RECORDS_MAP);
        let document = doc.get_or_insert_map(sync::DOCUMENT_MAP);
        let heard: Overheard = Rc::default();
        for (name, map) in [(sync::RECORDS_MAP, &records), (sync::DOCUMENT_MAP, &document)] {
            let heard = heard.clone();
            map.observe(name, move |txn, event| {
                if txn.origin() == Some(&Origin::from(LOCAL)) {
                    return;
                }
                let mut heard = heard.borrow_mut();
                let (entries, removed) = heard.entry(name).or_default();
                for (key, change) in event.keys(txn) {
                    match change {
                        yrs::types::EntryChange::Inserted(value) | yrs::types::EntryChange::Updated(_, value) => {
                            entries.insert(key.to_string(), text_of(value));
                        }
                        yrs::types::EntryChange::Removed(_) => removed.push(key.to_string()),
                    }
                }
            });
        }
        Replica { awareness: Awareness::with_clock(doc, clock), records, document, heard, synced: false }
    }

    /// This analyst as colleagues see them (an awareness state, JSON).
    pub fn set_presence(&mut self, state: &str) {
        self.awareness.set_local_state_raw(state);
    }

    /// The first frames on a new connection: this replica's state vector and presence.
    pub fn open(&mut self) -> Vec<Vec<u8>> {
        self.synced = false;
        let state_vector = self.awareness.doc().transact().state_vector();
        let mut frames = vec![Message::Sync(SyncMessage::SyncStep1(state_vector)).encode_v1()];
        frames.extend(self.presence());
        frames
    }

    /// This analyst's presence, to send again from time to time (peers forget silent ones).
    pub fn presence(&self) -> Option<Vec<u8>> {
        let update = self.awareness.update_with_clients([self.awareness.client_id()]).ok()?;
        Some(Message::Awareness(update).encode_v1())
    }

    /// The frame that tells peers this analyst has left.
    pub fn leave(&mut self) -> Option<Vec<u8>> {
        self.awareness.clean_local_state();
        let update = self.awareness.update_with_clients([self.awareness.client_id()]).ok()?;
        Some(Message::Awareness(update).encode_v1())
    }

    /// Takes a frame from the server: the frames to answer with, and what the page must hear.
    /// A frame that cannot be read changes nothing and is reported.
    pub fn receive(&mut self, frame: &[u8]) -> (Vec<Vec<u8>>, Vec<Heard>) {
        if frame.len() > MAX_FRAME_BYTES {
            return (Vec::new(), vec![Heard::Refused(format!("a message of {} bytes", frame.len()))]);
        }
        let mut replies = Vec::new();
        let mut told = Vec::new();
        let mut peers_changed = false;
        // y-websocket sends one message per frame.
        let outcome = match Message::decode_v1(frame) {
            Err(error) => Err(error.to_string()),
            Ok(Message::Sync(SyncMessage::SyncStep1(remote))) => {
                let update = self.awareness.doc().transact().encode_state_as_update_v1(&remote);
                replies.push(Message::Sync(SyncMessage::SyncStep2(update)).encode_v1());
                Ok(())
            }
            Ok(Message::Sync(SyncMessage::SyncStep2(update))) => self.apply(&update).map(|()| {
                self.synced = true;
                self.heard.borrow_mut().clear();
                let txn = self.awareness.doc().transact();
                told.push(Heard::Synced {
                    records: entries(&self.records, &txn),
                    document: entries(&self.document, &txn),
                });
            }),
            Ok(Message::Sync(SyncMessage::Update(update))) => self.apply(&update),
            Ok(Message::Awareness(update)) => {
                peers_changed = true;
                self.awareness.apply_update(update).map_err(|e| e.to_string())
            }
            Ok(Message::AwarenessQuery) => {
                replies.extend(self.presence());
                Ok(())
            }
            Ok(Message::Auth(reason)) => Err(format!("the server refused access: {}", reason.unwrap_or_default())),
            Ok(Message::Custom(tag, _)) => Err(format!("a message of unknown kind {tag}")),
        };
        if let Err(error) = outcome {
            told.push(Heard::Refused(error));
        }
        if self.synced {
            let heard = std::mem::take(&mut *self.heard.borrow_mut());
            told.extend(heard.into_iter().map(|(map, (entries, removed))| Heard::Changed {
                map: map.to_string(),
                entries,
                removed,
            }));
        }
        if peers_changed {
            told.push(Heard::Peers);
        }
        (replies, told)
    }

    /// Writes the page's values into a map: the update frame to send, if anything changed (a
    /// value equal to the room's is skipped, so that an echo costs nothing).
    pub fn set(&mut self, map: &str, values: &BTreeMap<String, String>) -> Option<Vec<u8>> {
        let target = if map == sync::DOCUMENT_MAP { &self.document } else { &self.records };
        let doc = self.awareness.doc();
        let before = doc.transact().state_vector();
        {
            let mut txn = doc.transact_mut_with(LOCAL);
            for (key, value) in values {
                let same = matches!(target.get(&txn, key), Some(Out::Any(Any::String(ref held))) if **held == **value);
                if !same {
                    target.insert(&mut txn, key.as_str(), value.as_str());
                }
            }
        }
        let update = doc.transact().encode_state_as_update_v1(&before);
        let changed = doc.transact().state_vector() != before;
        changed.then(|| Message::Sync(SyncMessage::Update(update)).encode_v1())
    }

    /// The connection ended: nothing more reaches the room until the next one is received.
    pub fn closed(&mut self) {
        self.synced = false;
    }

    /// The room as this replica holds it: its records and its document fields.
    pub fn state(&self) -> (Entries, Entries) {
        let txn = self.awareness.doc().transact();
        (entries(&self.records, &txn), entries(&self.document, &txn))
    }

    /// Whether the room's state has been received on this connection.
    pub fn is_synced(&self) -> bool {
        self.synced
    }

    /// The others' presence states, raw.
    pub fn peers(&self) -> Vec<String> {
        let me = self.awareness.client_id();
        self.awareness
            .iter()
            .filter(|(id, _)| *id != me)
            .filter_map(|(_, state)| state.data.as_deref().map(str::to_string))
            .collect()
    }

    fn apply(&mut self, update: &[u8]) -> Result<(), String> {
        let update = Update::decode_v1(update).map_err(|e| e.to_string())?;
        self.awareness.doc().transact_mut().apply_update(update).map_err(|e| e.to_string())
    }
}

/// Every value of a map, as the page reads them.
fn entries(map: &MapRef, txn: &impl ReadTxn) -> Entries {
    map.iter(txn).map(|(key, value)| (key.to_string(), text_of(&value))).collect()
}

/// A value's string, or `None` for anything else (a peer may put any Yjs type anywhere).
fn text_of(value: &Out) -> Option<String> {
    match value {
        Out::Any(Any::String(text)) => Some(text.to_string()),
        _ => None,
    }
}
