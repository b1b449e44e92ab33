//! Live sync of one document between analysts through a Yjs room (SPEC §2, "Working as a
//! team"): where the room is (the share link), what it holds, the messages between the page and
//! the sync worker, and how what arrives is read and merged.
//!
//! The room is a Yjs document with two maps of strings: [`RECORDS_MAP`], every annotation,
//! relation and deletion record keyed by its id (the values are the storage records,
//! [`schema::encode_annotation`]), and [`DOCUMENT_MAP`], the text and the document's details,
//! written once by whoever shared it. The worker relays strings and knows nothing of their
//! meaning: every value is read here like an imported file ([`reconcile`]), capped in size, and
//! merged by time as another tab's records are ([`Document::merge_record`]), so newer local
//! work is never overwritten and a record is taken whole or not at all.

use crate::annotation::AnnotationId;
use crate::document::Document;
use crate::message::{decode as from_json, encode as to_json};
use crate::schema::assemble::{assemble_document, Rejected};
use crate::schema::{self, AnnotationRecord, Library, LibraryEntry, StoredText};
use crate::text::{DocumentId, DocumentText};
use crate::time::Timestamp;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use thiserror::Error;

/// The room's map of records, by id.
pub const RECORDS_MAP: &str = "records";
/// The room's map of the document: [`TEXT_FIELD`] and [`DETAILS_FIELD`].
pub const DOCUMENT_MAP: &str = "document";
/// The document's text as a storage text record (its SHA-256 with it).
pub const TEXT_FIELD: &str = "text";
/// The title and metadata as a one-entry document list.
pub const DETAILS_FIELD: &str = "details";

/// The largest record taken from a room (a long quote and note fit many times over).
pub const MAX_RECORD_BYTES: usize = 256 * 1024;
/// The largest text taken from a room.
pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;
/// The most records read from one message; the rest are refused.
pub const MAX_RECORDS: usize = 100_000;
/// How far ahead of this machine's clock a record's time may be: clocks differ a little, but a
/// record dated years ahead would win every merge against work done since.
pub const MAX_CLOCK_AHEAD_MS: i64 = 24 * 60 * 60 * 1000;

/// How long to wait (ms) before trying again after `failures` failed attempts in a row (to
/// reach the server, or to load the sync code): a little longer each time, and never more than
/// a few seconds, so that a room or a network that comes back is found soon.
pub fn retry_wait_ms(failures: u32) -> u32 {
    const LONGEST_MS: u32 = 4_000;
    (250 * 2_u32.pow(failures.min(5))).min(LONGEST_MS)
}

/// "trying again in 0.5 s": a wait as the status tells it (in tenths, written without float
/// formatting, which would add its machinery to the page's code).
pub fn trying_again_in(wait_ms: u32) -> String {
    format!("trying again in {}.{} s", wait_ms / 1000, wait_ms % 1000 / 100)
}

/// Room values as the worker relays them: a key's string, or `None` when the value there is
/// not a string (which no copy of this app writes).
pub type Entries = BTreeMap<String, Option<String>>;

/// Why a room or what it sent cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SyncError {
    #[error("the server address must begin with ws:// or wss:// and name a host")]
    BadServer,
    #[error("the link does not name a room, a document and a server")]
    BadLink,
    #[error("the room holds no text yet")]
    NoText,
    #[error("the room's text is {0} bytes, over the {MAX_TEXT_BYTES} allowed")]
    TextTooLong(usize),
    #[error("the room's text cannot be read: {0}")]
    BadText(String),
    #[error("the room's text is not this document's (its SHA-256 is {found}, the link names {expected})")]
    OtherText { expected: String, found: String },
}

/// A share: the sync server, the room on it (an unguessable id) and the document it carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Room {
    pub server: String,
    pub id: RoomId,
    pub document: DocumentId,
}

/// A room's name on the server: 128 random bits as 32 hex digits.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RoomId(String);

impl RoomId {
    pub fn from_random_bytes(bytes: [u8; 16]) -> RoomId {
        RoomId(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }

    pub fn parse(raw: &str) -> Option<RoomId> {
        let ok = raw.len() == 32 && raw.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        ok.then(|| RoomId(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A sync server's address as typed: `ws://` or `wss://` (an `http(s)://` one is taken as its
/// socket), a host, no query or fragment; a final `/` dropped.
pub fn server_address(input: &str) -> Result<String, SyncError> {
    let input = input.trim().trim_end_matches('/');
    let (scheme, rest) = input.split_once("://").ok_or(SyncError::BadServer)?;
    let scheme = match scheme.to_ascii_lowercase().as_str() {
        "ws" | "http" => "ws",
        "wss" | "https" => "wss",
        _ => return Err(SyncError::BadServer),
    };
    let host = rest.split('/').next().unwrap_or_default();
    let allowed = |c: char| c.is_ascii_alphanumeric() || "-._~:/[]%".contains(c);
    if host.is_empty() || host.starts_with(':') || rest.len() > 200 || !rest.chars().all(allowed) {
        return Err(SyncError::BadServer);
    }
    Ok(format!("{scheme}://{rest}"))
}

impl Room {
    /// The socket's address: y-websocket names the room by the path.
    pub fn socket_url(&self) -> String {
        format!("{}/{}", self.server, self.id.as_str())
    }

    /// The link to send a colleague: `page` (the app's address) with the room in its fragment,
    /// which browsers never send to the app's own host.
    pub fn link(&self, page: &str) -> String {
        let page = page.split('#').next().unwrap_or(page);
        format!("{page}#room={}&doc={}&server={}", self.id.as_str(), self.document, self.server)
    }

    /// The room a page's fragment (`#` left off) names, if it names one.
    pub fn from_fragment(fragment: &str) -> Option<Result<Room, SyncError>> {
        let field = |name: &str| {
            fragment.split('&').filter_map(|pair| pair.split_once('=')).find(|(key, _)| *key == name).map(|(_, v)| v)
        };
        let id = field("room")?;
        let read = || {
            let id = RoomId::parse(id).ok_or(SyncError::BadLink)?;
            let document = field("doc").and_then(DocumentId::parse).ok_or(SyncError::BadLink)?;
            let server = server_address(field("server").ok_or(SyncError::BadLink)?)?;
            Ok(Room { server, id, document })
        };
        Some(read())
    }
}

/// A document's share, as kept in local storage, so that it stays shared across reloads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Share {
    pub room: Room,
    /// The name colleagues see.
    pub name: String,
    /// Sync is on: the document rejoins its room when it is opened.
    pub active: bool,
}

/// Where a document's share is kept.
pub fn share_key(document: &DocumentId) -> String {
    format!("{}sync:{document}", schema::KEY_PREFIX)
}

/// A share as stored: `[3, server, room, document, name, active]` (schema version 3, when it
/// was added), frozen as written.
type ShareV3 = (u64, String, String, String, String, bool);

pub fn encode_share(share: &Share) -> String {
    let room = &share.room;
    let stored: ShareV3 =
        (3, room.server.clone(), room.id.as_str().into(), room.document.to_string(), share.name.clone(), share.active);
    serde_json::to_string(&stored).unwrap_or_default()
}

pub fn decode_share(raw: &str) -> Option<Share> {
    // Read as a list of any values: the page reads JSON values for imports already, and a
    // decoder of its own for this one tuple would cost every visit its code.
    let stored: Vec<serde_json::Value> = serde_json::from_str(raw).ok()?;
    let [version, server, room, document, name, active] = stored.as_slice() else { return None };
    if version.as_u64() != Some(3) {
        return None;
    }
    let room = Room {
        server: server_address(server.as_str()?).ok()?,
        id: RoomId::parse(room.as_str()?)?,
        document: DocumentId::parse(document.as_str()?)?,
    };
    Some(Share { room, name: peer_name(name.as_str()?), active: active.as_bool()? })
}

/// Someone in the room, as awareness tells it (`{"user": {"name", "color"}}`, the convention
/// of Yjs editors).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Peer {
    pub name: String,
    pub color: String,
}

impl Peer {
    /// A peer's awareness state (raw JSON from the network): its name cleaned and cut to 40
    /// characters, its colour kept only as `#rrggbb`. `None` for a state without a user.
    pub fn from_awareness(raw: &str) -> Option<Peer> {
        #[derive(Deserialize)]
        struct State {
            user: Peer,
        }
        if raw.len() > 4096 {
            return None;
        }
        let state: State = serde_json::from_str(raw).ok()?;
        let color = state.user.color;
        let valid = color.len() == 7 && color.starts_with('#') && color[1..].bytes().all(|b| b.is_ascii_hexdigit());
        Some(Peer { name: peer_name(&state.user.name), color: if valid { color } else { "#777777".into() } })
    }

    /// This analyst's awareness state.
    pub fn awareness(&self) -> String {
        let quoted = |text: &str| serde_json::to_string(text).unwrap_or_default();
        format!("{{\"user\":{{\"name\":{},\"color\":{}}}}}", quoted(&self.name), quoted(&self.color))
    }
}

/// A name as shown to colleagues: control characters dropped, white space joined, at most 40
/// characters, "Analyst" when empty.
pub fn peer_name(raw: &str) -> String {
    let cleaned: String = raw.chars().filter(|c| !c.is_control()).take(200).collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let name: String = words.join(" ").chars().take(40).collect();
    if name.is_empty() {
        "Analyst".into()
    } else {
        name
    }
}

/// The state of the worker's connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connection {
    Connecting,
    /// Connected, and the room's state received.
    Connected,
    Offline,
}

impl Connection {
    const NAMES: [(Connection, &'static str); 3] = [
        (Connection::Connecting, "connecting"),
        (Connection::Connected, "connected"),
        (Connection::Offline, "offline"),
    ];

    pub fn as_str(self) -> &'static str {
        Self::NAMES.iter().find(|(c, _)| *c == self).map_or("offline", |(_, name)| name)
    }

    fn parse(name: &str) -> Option<Connection> {
        Self::NAMES.iter().find(|(_, n)| *n == name).map(|(c, _)| *c)
    }
}

/// From the page to the sync worker. Records travel as their storage values. On the wire a
/// message is a JSON list of strings, its kind first (one small decoder on the page).
#[derive(Debug, Clone, PartialEq)]
pub enum ToWorker {
    /// Join the room at `url` (and keep rejoining until told to stop) as `awareness`, for the
    /// document `document_id`: its fields ([`document_fields`]) and every record, or none of
    /// either when it is to come from the room.
    Connect {
        url: String,
        awareness: String,
        document_id: String,
        fields: Option<[String; 2]>,
        records: Vec<String>,
    },
    /// Records changed here.
    Local {
        records: Vec<String>,
    },
    Disconnect,
}

/// From the sync worker to the page.
#[derive(Debug, Clone, PartialEq)]
pub enum FromWorker {
    /// The worker has started and takes messages (those sent before are lost).
    Ready,
    /// `pending`: records changed here that the room has not had yet.
    Status {
        connection: Connection,
        detail: Option<String>,
        pending: usize,
    },
    /// Records from the room that are newer than this copy's, checked: to merge.
    Take {
        records: Vec<String>,
    },
    /// The room's document for one who joined without it: its checked text and details
    /// ([`document_fields`]) and the records that could be read.
    Joined {
        fields: [String; 2],
        records: Vec<String>,
    },
    /// Values from the room that were refused, one reason each.
    Rejected(Vec<String>),
    /// Something the room or server sent cannot be used; `fatal`: sync is off.
    Refused {
        reason: String,
        fatal: bool,
    },
    Peers(Vec<Peer>),
}

impl ToWorker {
    pub fn to_json(&self) -> String {
        match self {
            ToWorker::Connect { url, awareness, document_id, fields, records } => {
                let [text, details] = fields.clone().unwrap_or_default();
                to_json("connect", &[url, awareness, document_id, &text, &details], records)
            }
            ToWorker::Local { records } => to_json("local", &[], records),
            ToWorker::Disconnect => to_json("disconnect", &[], &[]),
        }
    }

    pub fn from_json(raw: &str) -> Option<ToWorker> {
        let (kind, mut rest) = from_json(raw)?;
        match kind.as_str() {
            "connect" if rest.len() >= 5 => {
                let records = rest.split_off(5);
                let [url, awareness, document_id, text, details]: [String; 5] = rest.try_into().ok()?;
                let fields = (!text.is_empty()).then_some([text, details]);
                Some(ToWorker::Connect { url, awareness, document_id, fields, records })
            }
            "local" => Some(ToWorker::Local { records: rest }),
            "disconnect" => Some(ToWorker::Disconnect),
            _ => None,
        }
    }
}

impl FromWorker {
    pub fn to_json(&self) -> String {
        match self {
            FromWorker::Ready => to_json("ready", &[], &[]),
            FromWorker::Status { connection, detail, pending } => {
                let detail: Vec<String> = detail.iter().cloned().collect();
                to_json("status", &[connection.as_str(), &pending.to_string()], &detail)
            }
            FromWorker::Take { records } => to_json("take", &[], records),
            FromWorker::Joined { fields: [text, details], records } => to_json("joined", &[text, details], records),
            FromWorker::Rejected(reasons) => to_json("rejected", &[], reasons),
            FromWorker::Refused { reason, fatal } => to_json(if *fatal { "fatal" } else { "refused" }, &[reason], &[]),
            FromWorker::Peers(peers) => {
                let flat: Vec<String> = peers.iter().flat_map(|p| [p.name.clone(), p.color.clone()]).collect();
                to_json("peers", &[], &flat)
            }
        }
    }

    pub fn from_json(raw: &str) -> Option<FromWorker> {
        let (kind, mut rest) = from_json(raw)?;
        Some(match kind.as_str() {
            "ready" => FromWorker::Ready,
            "status" if rest.len() >= 2 => {
                let detail = rest.get(2).cloned();
                FromWorker::Status { connection: Connection::parse(&rest[0])?, detail, pending: rest[1].parse().ok()? }
            }
            "take" => FromWorker::Take { records: rest },
            "joined" if rest.len() >= 2 => {
                let records = rest.split_off(2);
                FromWorker::Joined { fields: rest.try_into().ok()?, records }
            }
            "rejected" => FromWorker::Rejected(rest),
            "refused" | "fatal" => FromWorker::Refused { reason: rest.pop()?, fatal: kind == "fatal" },
            "peers" => FromWorker::Peers(
                rest.chunks_exact(2).map(|p| Peer { name: p[0].clone(), color: p[1].clone() }).collect(),
            ),
            _ => return None,
        })
    }
}

/// The room's document fields for `document`: its text (a storage text record, with its
/// SHA-256) and its title and metadata (a one-entry document list), under [`TEXT_FIELD`] and
/// [`DETAILS_FIELD`].
pub fn document_fields(document: &Document, entry: &LibraryEntry) -> [String; 2] {
    let text = StoredText { sha256: document.id().to_string(), text: document.text().as_str().to_string() };
    let details = Library { documents: vec![entry.clone()], open: Some(document.id().clone()) };
    [schema::encode_text(&text), schema::encode_library(&details)]
}

/// Checks that a room's text is the document `expected` (a room's text must hash to its
/// document id, whatever a peer wrote there).
pub fn check_text(expected: &DocumentId, fields: &Entries) -> Result<DocumentText, SyncError> {
    check_raw_text(expected, fields.get(TEXT_FIELD).cloned().flatten().as_deref())
}

fn check_raw_text(expected: &DocumentId, raw: Option<&str>) -> Result<DocumentText, SyncError> {
    let raw = raw.ok_or(SyncError::NoText)?;
    if raw.len() > MAX_TEXT_BYTES {
        return Err(SyncError::TextTooLong(raw.len()));
    }
    let stored = schema::decode_text(raw).map_err(|e| SyncError::BadText(e.to_string()))?;
    let text = DocumentText::new(&stored.text);
    if text.id() != expected {
        return Err(SyncError::OtherText { expected: expected.to_string(), found: text.id().to_string() });
    }
    Ok(text)
}

/// A document made from a room's state for an analyst who joins without it: the checked text,
/// the title and details the sharer wrote, and every record that can be read; the rest
/// rejected with reasons. Also what the page is sent ([`FromWorker::Joined`]).
pub fn joined_document(
    expected: &DocumentId,
    document: &Entries,
    records: &Entries,
    now: Timestamp,
) -> Result<(Document, FromWorker, Vec<String>), SyncError> {
    let (readable, mut rejected) = read_records(records, now);
    let raw: Vec<String> = readable.into_iter().map(|(_, _, raw)| raw).collect();
    let field = |name| document.get(name).cloned().flatten().unwrap_or_default();
    let fields = [field(TEXT_FIELD), field(DETAILS_FIELD)];
    let (joined, left_out) = assemble_joined(expected, &fields, raw.clone(), now)?;
    rejected.extend(left_out);
    Ok((joined, FromWorker::Joined { fields, records: raw }, rejected))
}

/// The joined document from the room's fields and records (see [`joined_document`]); a title
/// that cannot be read becomes "Shared document" and the id's beginning.
pub fn assemble_joined(
    expected: &DocumentId,
    [text, details]: &[String; 2],
    records: Vec<String>,
    now: Timestamp,
) -> Result<(Document, Vec<String>), SyncError> {
    let text = check_raw_text(expected, Some(text.as_str()).filter(|t| !t.is_empty()))?;
    let entry = Some(details)
        .filter(|raw| raw.len() <= MAX_RECORD_BYTES)
        .and_then(|raw| schema::decode_library(raw).ok())
        .and_then(|library| library.documents.into_iter().find(|e| &e.id == expected))
        .unwrap_or_else(|| LibraryEntry {
            id: expected.clone(),
            title: format!("Shared document {}", &expected.as_str()[..8]),
            added: now,
            metadata: Default::default(),
        });
    let keyed = records.into_iter().map(|raw| (String::new(), raw));
    let assembled = assemble_document(&entry.title, text, keyed).map_err(|e| SyncError::BadText(e.to_string()))?;
    let rejected = assembled.rejected.into_iter().map(|Rejected { reason, .. }| reason).collect();
    let mut joined = assembled.document;
    joined.set_metadata(entry.metadata);
    Ok((joined, rejected))
}

/// What to do with records that arrived from the room.
#[derive(Debug, Default, PartialEq)]
pub struct Reconciled {
    /// Records newer than this copy's: to merge into the document (each whole).
    pub take: Vec<AnnotationRecord>,
    /// Values the room should hold (the newer local ones, and what it lacks), by id.
    pub publish: BTreeMap<String, String>,
    /// Why values were refused, one line each.
    pub rejected: Vec<String>,
}

/// Reads `entries` from the room against `document`. With `whole_room` they are the room's
/// whole state and everything this copy holds that the room lacks or holds older is published;
/// otherwise only the ids that arrived are answered (a stale value with the newer local one).
pub fn reconcile(document: &Document, entries: &Entries, whole_room: bool, now: Timestamp) -> Reconciled {
    let (readable, mut rejected) = read_records(entries, now);
    let mut merged = document.clone();
    let mut take = Vec::new();
    for (key, record, _) in readable {
        if let AnnotationRecord::Live(annotation) = &record {
            if let Some(span) = annotation.span() {
                if document.text().span(span.start(), span.end()).is_err() {
                    rejected.push(format!("{key}: its span does not fit the text"));
                    continue;
                }
            }
        }
        if merged.merge_record(&record) {
            take.push(record);
        }
    }
    let answered = if whole_room {
        merged.records_since(None)
    } else {
        merged.records_of(&entries.keys().filter_map(|k| AnnotationId::parse(k)).collect::<BTreeSet<_>>())
    };
    let publish = answered
        .iter()
        .map(|record| (record.id().to_string(), schema::encode_annotation(record)))
        .filter(|(id, raw)| entries.get(id).and_then(Option::as_ref) != Some(raw))
        .collect();
    Reconciled { take, publish, rejected }
}

/// The storage values `records` travel as.
pub fn encode_records(records: &[AnnotationRecord]) -> Vec<String> {
    records.iter().map(schema::encode_annotation).collect()
}

/// The room values `records` become, by id.
pub fn record_entries(records: &[AnnotationRecord]) -> BTreeMap<String, String> {
    records.iter().map(|r| (r.id().to_string(), schema::encode_annotation(r))).collect()
}

/// Decodes room values (key, record, raw), refusing oversized, unreadable, mislabelled and
/// far-future ones with a reason each.
fn read_records(entries: &Entries, now: Timestamp) -> (Vec<(String, AnnotationRecord, String)>, Vec<String>) {
    let mut readable = Vec::new();
    let mut rejected = Vec::new();
    if entries.len() > MAX_RECORDS {
        rejected.push(format!("{} records beyond the first {MAX_RECORDS}", entries.len() - MAX_RECORDS));
    }
    let latest = Timestamp(now.0.saturating_add(MAX_CLOCK_AHEAD_MS));
    for (key, value) in entries.iter().take(MAX_RECORDS) {
        let shown: String = key.chars().take(60).collect();
        let Some(raw) = value else {
            rejected.push(format!("{shown}: not a record"));
            continue;
        };
        if raw.len() > MAX_RECORD_BYTES {
            rejected.push(format!("{shown}: {} bytes, over the {MAX_RECORD_BYTES} allowed", raw.len()));
            continue;
        }
        match schema::decode_annotation(raw) {
            Err(error) => rejected.push(format!("{shown}: {error}")),
            Ok(record) if record.id().as_str() != key => {
                rejected.push(format!("{shown}: the record is {}", record.id()))
            }
            Ok(record) if record_time(&record) > latest => rejected.push(format!("{shown}: dated in the future")),
            Ok(record) => readable.push((key.clone(), record, raw.clone())),
        }
    }
    (readable, rejected)
}

fn record_time(record: &AnnotationRecord) -> Timestamp {
    match record {
        AnnotationRecord::Live(annotation) => annotation.modified(),
        AnnotationRecord::Deleted { at, .. } => *at,
        AnnotationRecord::Relation(relation) => relation.modified(),
    }
}
