//! The worker's side of sync's meaning: it keeps a copy of the page's document, so that what
//! the room sends is checked and merged by the core's rules here ([`sync::reconcile`]), in the
//! wasm only syncing users download, and the page is handed only records to take, already
//! known to be newer and sound. Newer local values the room lacks or holds older are written
//! back to the room from here too.

use crate::{Heard, Replica};
use redline_core::schema::{self, assemble::assemble_document};
use redline_core::sync::{self, Connection, Entries, FromWorker, Peer};
use redline_core::{AnnotationId, Document, DocumentId, DocumentText, Timestamp};
use std::collections::{BTreeMap, BTreeSet};

pub struct Agent {
    pub replica: Replica,
    /// The document the room must carry.
    expected: Option<DocumentId>,
    /// The page's copy, as far as it has told; `None` until a joiner's document arrives.
    local: Option<Document>,
    /// The document's text and details, for a room that has none yet.
    fields: Option<[String; 2]>,
    /// Records changed here since the room was last received whole.
    pending: BTreeSet<String>,
}

/// What to send: frames to the server, messages to the page.
pub type Outcome = (Vec<Vec<u8>>, Vec<FromWorker>);

impl Agent {
    pub fn new(replica: Replica) -> Agent {
        Agent { replica, expected: None, local: None, fields: None, pending: BTreeSet::new() }
    }

    /// Takes the page's document (its fields and records; none when joining without it).
    pub fn connect(&mut self, document_id: &str, fields: Option<[String; 2]>, records: Vec<String>) {
        self.expected = DocumentId::parse(document_id);
        self.local =
            self.expected.as_ref().zip(fields.as_ref()).and_then(|(id, fields)| local_document(id, fields, records));
        self.fields = fields;
    }

    /// Records changed on the page: into the copy and the room (sent now, or with the next
    /// exchange of state when the server is away).
    pub fn local(&mut self, records: Vec<String>) -> Option<Vec<u8>> {
        let mut values = BTreeMap::new();
        for raw in records {
            let Ok(record) = schema::decode_annotation(&raw) else { continue };
            if let Some(local) = &mut self.local {
                local.merge_record(&record);
            }
            values.insert(record.id().to_string(), raw);
        }
        if !self.replica.is_synced() {
            self.pending.extend(values.keys().cloned());
        }
        self.replica.set(sync::RECORDS_MAP, &values)
    }

    pub fn status(&self, connection: Connection, detail: Option<String>) -> FromWorker {
        FromWorker::Status { connection, detail, pending: self.pending.len() }
    }

    /// What the room told the replica, read against the page's copy.
    pub fn heard(&mut self, heard: Vec<Heard>, now: Timestamp) -> Outcome {
        let mut outcome: Outcome = (Vec::new(), Vec::new());
        for event in heard {
            match event {
                Heard::Synced { records, document } => self.synced(&records, &document, now, &mut outcome),
                Heard::Changed { map, entries, removed } if map == sync::RECORDS_MAP => {
                    self.take(&entries, false, now, &mut outcome);
                    // A peer deleted keys (this app never does): what this copy holds goes back.
                    let ids: BTreeSet<AnnotationId> = removed.iter().filter_map(|k| AnnotationId::parse(k)).collect();
                    let back =
                        self.local.as_ref().map(|l| sync::record_entries(&l.records_of(&ids))).unwrap_or_default();
                    outcome.0.extend(self.replica.set(sync::RECORDS_MAP, &back));
                }
                Heard::Changed { entries, .. } if entries.contains_key(sync::TEXT_FIELD) => {
                    let Some(expected) = self.expected.clone() else { continue };
                    if let Err(error) = sync::check_text(&expected, &entries) {
                        outcome.1.push(FromWorker::Refused { reason: error.to_string(), fatal: true });
                    } else if self.local.is_none() {
                        // The text a joiner was waiting for.
                        let (records, document) = self.replica.state();
                        self.synced(&records, &document, now, &mut outcome);
                    }
                }
                Heard::Changed { .. } => {}
                Heard::Peers => {
                    let peers = self.replica.peers().iter().filter_map(|s| Peer::from_awareness(s)).collect();
                    outcome.1.push(FromWorker::Peers(peers));
                }
                Heard::Refused(reason) => outcome.1.push(FromWorker::Refused { reason, fatal: false }),
            }
        }
        outcome
    }

    /// The room's whole state: its text checked, a joiner's document handed over, the room's
    /// fields written when it has none, then everything either side lacks exchanged.
    fn synced(&mut self, records: &Entries, document: &Entries, now: Timestamp, outcome: &mut Outcome) {
        let Some(expected) = self.expected.clone() else { return };
        if document.contains_key(sync::TEXT_FIELD) {
            if let Err(error) = sync::check_text(&expected, document) {
                outcome.1.push(FromWorker::Refused { reason: error.to_string(), fatal: true });
                return;
            }
        }
        if self.local.is_none() {
            if !document.contains_key(sync::TEXT_FIELD) {
                // A room being loaded by the server, or whose sharer has not connected yet.
                return;
            }
            match sync::joined_document(&expected, document, records, now) {
                Ok((joined, message, rejected)) => {
                    self.local = Some(joined);
                    outcome.1.push(message);
                    if !rejected.is_empty() {
                        outcome.1.push(FromWorker::Rejected(rejected));
                    }
                }
                Err(error) => outcome.1.push(FromWorker::Refused { reason: error.to_string(), fatal: true }),
            }
            return;
        }
        if let Some([text, details]) = self.fields.clone().filter(|_| !document.contains_key(sync::TEXT_FIELD)) {
            let fields =
                BTreeMap::from([(sync::TEXT_FIELD.to_string(), text), (sync::DETAILS_FIELD.to_string(), details)]);
            outcome.0.extend(self.replica.set(sync::DOCUMENT_MAP, &fields));
        }
        self.pending.clear();
        self.take(records, true, now, outcome);
    }

    fn take(&mut self, entries: &Entries, whole_room: bool, now: Timestamp, outcome: &mut Outcome) {
        let Some(local) = &mut self.local else { return };
        let reconciled = sync::reconcile(local, entries, whole_room, now);
        for record in &reconciled.take {
            local.merge_record(record);
        }
        if !reconciled.take.is_empty() {
            let records = reconciled.take.iter().map(schema::encode_annotation).collect();
            outcome.1.push(FromWorker::Take { records });
        }
        if !reconciled.rejected.is_empty() {
            outcome.1.push(FromWorker::Rejected(reconciled.rejected));
        }
        outcome.0.extend(self.replica.set(sync::RECORDS_MAP, &reconciled.publish));
    }
}

/// The page's document rebuilt from what it sent.
fn local_document(id: &DocumentId, [text, _]: &[String; 2], records: Vec<String>) -> Option<Document> {
    let text = schema::decode_text(text).ok()?;
    let text = DocumentText::new(&text.text);
    if text.id() != id {
        return None;
    }
    let keyed = records.into_iter().map(|raw| (String::new(), raw));
    assemble_document("", text, keyed).ok().map(|assembled| assembled.document)
}
