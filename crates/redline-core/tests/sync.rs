//! Live sync's rules: the share link, what a room may hold, and how two copies that worked
//! apart converge through a room without losing or wrongly taking anything.

mod common;

use common::{annotation, find, id, sample_document};
use redline_core::schema::{self, AnnotationRecord, LibraryEntry};
use redline_core::sync::{self, Entries, Peer, Room, RoomId, Share, SyncError};
use redline_core::{Action, Document, Label, Relation, RelationKind, Timestamp};
use std::collections::BTreeMap;

const T: Timestamp = Timestamp(1_900_000_000_000);
const NOW: Timestamp = Timestamp(1_900_000_100_000);

fn room(document: &Document) -> Room {
    Room {
        server: "ws://127.0.0.1:1234".into(),
        id: RoomId::from_random_bytes([7; 16]),
        document: document.id().clone(),
    }
}

/// What a room holds after `publish` is written into it.
fn write(room: &mut Entries, publish: &BTreeMap<String, String>) {
    room.extend(publish.iter().map(|(k, v)| (k.clone(), Some(v.clone()))));
}

fn take(document: &mut Document, records: &[AnnotationRecord]) {
    for record in records {
        document.merge_record(record);
    }
}

fn entry(document: &Document) -> LibraryEntry {
    LibraryEntry { id: document.id().clone(), title: "Shared".into(), added: T, metadata: Default::default() }
}

fn room_fields(document: &Document) -> Entries {
    let [text, details] = sync::document_fields(document, &entry(document));
    Entries::from([(sync::TEXT_FIELD.to_string(), Some(text)), (sync::DETAILS_FIELD.to_string(), Some(details))])
}

#[test]
fn messages_between_page_and_worker_survive_the_trip() {
    use sync::{Connection, FromWorker, ToWorker};
    let to = [
        ToWorker::Connect {
            url: "ws://h/r".into(),
            awareness: "{}".into(),
            document_id: "d".into(),
            fields: Some(["t".into(), "d".into()]),
            records: vec!["a".into(), "b\"\u{1F600}".into()],
        },
        ToWorker::Connect {
            url: "u".into(),
            awareness: "a".into(),
            document_id: "d".into(),
            fields: None,
            records: vec![],
        },
        ToWorker::Local { records: vec!["x".into()] },
        ToWorker::Disconnect,
    ];
    for message in to {
        assert_eq!(ToWorker::from_json(&message.to_json()), Some(message));
    }
    let from = [
        FromWorker::Ready,
        FromWorker::Status { connection: Connection::Offline, detail: Some("gone".into()), pending: 3 },
        FromWorker::Status { connection: Connection::Connected, detail: None, pending: 0 },
        FromWorker::Take { records: vec!["r".into()] },
        FromWorker::Joined { fields: ["t".into(), "d".into()], records: vec!["r".into()] },
        FromWorker::Rejected(vec!["why".into()]),
        FromWorker::Refused { reason: "no".into(), fatal: true },
        FromWorker::Peers(vec![Peer { name: "O".into(), color: "#000000".into() }]),
    ];
    for message in from {
        assert_eq!(FromWorker::from_json(&message.to_json()), Some(message));
    }
    for junk in ["", "[]", "{}", "[\"status\",\"sideways\",\"1\"]", "[\"joined\",\"t\"]", "[1]"] {
        assert_eq!(FromWorker::from_json(junk), None, "{junk}");
    }
}

#[test]
fn the_link_carries_room_document_and_server_in_its_fragment() {
    let document = sample_document("T", "n");
    let room = room(&document);
    let link = room.link("http://127.0.0.1:8080/annotator/#old");
    let (page, fragment) = link.split_once('#').unwrap();
    assert_eq!(page, "http://127.0.0.1:8080/annotator/");
    assert_eq!(Room::from_fragment(fragment), Some(Ok(room.clone())));
    assert_eq!(room.socket_url(), format!("ws://127.0.0.1:1234/{}", "07".repeat(16)));
    assert_eq!(Room::from_fragment("section-2"), None, "a fragment without a room is not a share");
    for bad in [
        "room=short&doc=x&server=ws://h",
        &fragment.replace("ws://", "javascript:"),
        &fragment.replace("&doc=", "&doc=zz"),
        &format!("room={}&server=ws://h", "ab".repeat(16)),
    ] {
        assert!(matches!(Room::from_fragment(bad), Some(Err(_))), "{bad}");
    }
}

#[test]
fn server_addresses_are_sockets_with_a_host() {
    assert_eq!(sync::server_address(" ws://127.0.0.1:1234/ "), Ok("ws://127.0.0.1:1234".into()));
    assert_eq!(sync::server_address("https://sync.example.org/team"), Ok("wss://sync.example.org/team".into()));
    for bad in ["", "127.0.0.1:1234", "ws://", "ws://:80", "ftp://h", "ws://h/a?b", "ws://h/#x", "ws://h h"] {
        assert_eq!(sync::server_address(bad), Err(SyncError::BadServer), "{bad}");
    }
}

#[test]
fn a_share_is_kept_and_a_damaged_one_is_not_used() {
    let document = sample_document("T", "n");
    let share = Share { room: room(&document), name: "Olena".into(), active: true };
    assert_eq!(sync::decode_share(&sync::encode_share(&share)), Some(share.clone()));
    assert!(sync::share_key(document.id()).starts_with("redline:sync:"));
    let hostile = sync::encode_share(&share).replace("ws://127.0.0.1:1234", "javascript:alert(1)");
    assert_eq!(sync::decode_share(&hostile), None);
    assert_eq!(sync::decode_share("{\"version\":9}"), None);
}

#[test]
fn two_copies_that_worked_apart_converge_through_the_room() {
    let base = sample_document("T", "n");
    let (mut alice, mut bob) = (base.clone(), base.clone());
    let text = base.text().clone();
    // Alice adds one and deletes one; Bob edits the one Alice deleted, later, and adds his own.
    alice.apply(Action::Add { annotation: annotation(10, Label::Claim, &text, find(&text, "Kremlin")) }).unwrap();
    alice.apply(Action::Delete { id: id(2), at: Timestamp(T.0 + 10) }).unwrap();
    bob.apply(Action::SetNote { id: id(3), note: "Bob's".into(), at: Timestamp(T.0 + 20) }).unwrap();
    bob.apply(Action::Add { annotation: annotation(11, Label::RedLine, &text, find(&text, "line")) }).unwrap();
    bob.apply(Action::AddRelation { relation: Relation::new(id(12), RelationKind::Contests, id(11), id(10), T) }).ok();
    bob.apply(Action::AddRelation { relation: Relation::new(id(13), RelationKind::Supports, id(11), id(1), T) })
        .unwrap();

    let mut room = Entries::new();
    let first = sync::reconcile(&alice, &room, true, NOW);
    assert!(first.take.is_empty());
    write(&mut room, &first.publish);
    let second = sync::reconcile(&bob, &room, true, NOW);
    take(&mut bob, &second.take);
    write(&mut room, &second.publish);
    let third = sync::reconcile(&alice, &room, true, NOW);
    take(&mut alice, &third.take);
    assert!(third.publish.is_empty(), "the room already holds everything Alice has: {:?}", third.publish.keys());

    let records = |d: &Document| sync::record_entries(&d.records_since(None));
    assert_eq!(records(&alice), records(&bob));
    assert!(alice.get(&id(10)).is_some() && alice.get(&id(11)).is_some());
    assert!(alice.get(&id(2)).is_none(), "the deletion went through");
    assert_eq!(alice.get(&id(3)).unwrap().note(), "Bob's");
    assert_eq!(alice.relations().len(), 1);
    assert!(sync::reconcile(&bob, &room, true, NOW).publish.is_empty(), "nothing left to send: no echo");
}

#[test]
fn an_older_value_from_the_room_is_answered_with_the_newer_local_one() {
    let mut local = sample_document("T", "n");
    let stale = AnnotationRecord::Live(local.get(&id(1)).unwrap().clone());
    local.apply(Action::SetNote { id: id(1), note: "newer".into(), at: Timestamp(T.0 + 50) }).unwrap();
    let arrived = Entries::from([(id(1).to_string(), Some(schema::encode_annotation(&stale)))]);
    let reconciled = sync::reconcile(&local, &arrived, false, NOW);
    assert!(reconciled.take.is_empty(), "the newer local note stays");
    let answer = reconciled.publish.get(id(1).as_str()).expect("the newer value goes back");
    assert!(answer.contains("newer"));
    assert_eq!(reconciled.publish.len(), 1, "only what arrived is answered");
}

#[test]
fn hostile_values_are_refused_each_with_a_reason_and_the_good_ones_taken() {
    let local = sample_document("T", "n");
    let text = local.text().clone();
    let good = annotation(30, Label::Claim, &text, find(&text, "Kremlin"));
    let good_raw = schema::encode_annotation(&AnnotationRecord::Live(good.clone()));
    let variant = |n: u8, change: &dyn Fn(&mut serde_json::Value)| {
        let mut value: serde_json::Value = serde_json::from_str(&good_raw).unwrap();
        value["id"] = id(n).to_string().into();
        change(&mut value);
        value.to_string()
    };
    let far_future = variant(31, &|v| v["modified"] = 253_402_300_799_000_i64.into());
    let outside = variant(32, &|v| v["end"] = 9_999_999.into());
    let negative = variant(36, &|v| v["start"] = (-1).into());
    let arrived = Entries::from([
        (id(30).to_string(), Some(good_raw.clone())),
        (id(31).to_string(), Some(far_future)),
        (id(32).to_string(), Some(outside)),
        (id(33).to_string(), None),
        (id(34).to_string(), Some("{\"version\":2,".into())),
        (id(35).to_string(), Some(format!("{{\"version\":2,\"note\":\"{}\"}}", "x".repeat(300 * 1024)))),
        ("urn:uuid:someone-else".into(), Some(good_raw.clone())),
        (id(36).to_string(), Some(negative)),
    ]);
    let reconciled = sync::reconcile(&local, &arrived, false, NOW);
    assert_eq!(reconciled.take, vec![AnnotationRecord::Live(good)]);
    assert_eq!(reconciled.rejected.len(), 7, "{:#?}", reconciled.rejected);
    for (fragment, why) in [
        (id(31).to_string(), "dated in the future"),
        (id(32).to_string(), "does not fit the text"),
        (id(33).to_string(), "not a record"),
        (id(35).to_string(), "over the"),
        ("urn:uuid:someone-else".to_string(), "the record is"),
    ] {
        assert!(
            reconciled.rejected.iter().any(|r| r.contains(fragment.as_str()) && r.contains(why)),
            "{fragment}: {why}"
        );
    }
    let mut merged = local.clone();
    take(&mut merged, &reconciled.take);
    assert_eq!(merged.annotations().len(), local.annotations().len() + 1);
}

#[test]
fn a_joiner_gets_the_document_only_when_the_text_is_the_linked_one() {
    let shared = sample_document("Shared", "n");
    let fields = room_fields(&shared);
    let records: Entries =
        sync::record_entries(&shared.records_since(None)).into_iter().map(|(k, v)| (k, Some(v))).collect();
    let (joined, message, rejected) = sync::joined_document(shared.id(), &fields, &records, NOW).unwrap();
    assert!(rejected.is_empty(), "{rejected:?}");
    assert_eq!(joined.id(), shared.id());
    assert_eq!(joined.title(), "Shared");
    // What the page is sent builds the same document.
    let sync::FromWorker::Joined { fields: sent, records: sent_records } = message else { panic!("{message:?}") };
    let (rebuilt, _) = sync::assemble_joined(shared.id(), &sent, sent_records, NOW).unwrap();
    assert_eq!(sync::record_entries(&rebuilt.records_since(None)), sync::record_entries(&shared.records_since(None)));
    assert_eq!(sync::record_entries(&joined.records_since(None)), sync::record_entries(&shared.records_since(None)));

    let other = Document::new("Other", redline_core::DocumentText::new("Another text entirely."));
    let swapped = room_fields(&other);
    assert!(matches!(sync::joined_document(shared.id(), &swapped, &records, NOW), Err(SyncError::OtherText { .. })));
    assert_eq!(sync::joined_document(shared.id(), &Entries::new(), &records, NOW).err(), Some(SyncError::NoText));
    let huge = Entries::from([(sync::TEXT_FIELD.to_string(), Some("x".repeat(sync::MAX_TEXT_BYTES + 1)))]);
    assert!(matches!(sync::check_text(shared.id(), &huge), Err(SyncError::TextTooLong(_))));
}

#[test]
fn peers_are_shown_only_as_a_short_name_and_a_colour() {
    let me = Peer { name: "Olena".into(), color: "#1f77b4".into() };
    assert_eq!(Peer::from_awareness(&me.awareness()), Some(me));
    let hostile = format!(
        "{{\"user\":{{\"name\":\"<img src=x onerror=alert(1)>\\u0007{}\",\"color\":\"red;background:url(x)\"}}}}",
        "a".repeat(100)
    );
    let peer = Peer::from_awareness(&hostile).unwrap();
    assert_eq!(peer.name.chars().count(), 40);
    assert!(!peer.name.contains('\u{7}'));
    assert_eq!(peer.color, "#777777");
    assert_eq!(Peer::from_awareness("{\"cursor\":1}"), None);
    assert_eq!(Peer::from_awareness(&"x".repeat(10_000)), None);
    assert_eq!(sync::peer_name("  \n "), "Analyst");
}

#[test]
fn retries_come_a_little_later_each_time_and_never_more_than_a_few_seconds_apart() {
    let waits: Vec<u32> = (0..9).map(sync::retry_wait_ms).collect();
    assert_eq!(waits, [250, 500, 1_000, 2_000, 4_000, 4_000, 4_000, 4_000, 4_000]);
    assert_eq!(sync::retry_wait_ms(u32::MAX), 4_000);
    let told: Vec<String> = [250, 500, 1_000, 4_000].map(sync::trying_again_in).into();
    assert_eq!(
        told,
        ["trying again in 0.2 s", "trying again in 0.5 s", "trying again in 1.0 s", "trying again in 4.0 s"]
    );
}
