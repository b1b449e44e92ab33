//! Two replicas speaking the y-websocket protocol to each other (a server relays the same
//! messages): the room's state arrives whole, changes arrive as they are made, echoes cost
//! nothing, and frames a hostile server could send are refused without harm.

use redline_core::sync::{Entries, DOCUMENT_MAP, RECORDS_MAP};
use redline_sync::{Heard, Replica};
use std::collections::BTreeMap;
use yrs::sync::{Message, SyncMessage};
use yrs::updates::encoder::Encode;
use yrs::{Doc, Map, ReadTxn, Transact};

struct Clock;
impl yrs::sync::Clock for Clock {
    fn now(&self) -> yrs::sync::Timestamp {
        1_900_000_000_000
    }
}

fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// Delivers frames back and forth until both sides are quiet; what each was told.
fn exchange(a: &mut Replica, b: &mut Replica, mut to_b: Vec<Vec<u8>>) -> (Vec<Heard>, Vec<Heard>) {
    let (mut told_a, mut told_b) = (Vec::new(), Vec::new());
    let mut to_a = Vec::new();
    while !to_a.is_empty() || !to_b.is_empty() {
        for frame in std::mem::take(&mut to_b) {
            let (replies, told) = b.receive(&frame);
            to_a.extend(replies);
            told_b.extend(told);
        }
        for frame in std::mem::take(&mut to_a) {
            let (replies, told) = a.receive(&frame);
            to_b.extend(replies);
            told_a.extend(told);
        }
    }
    (told_a, told_b)
}

fn synced_records(told: &[Heard]) -> Option<&Entries> {
    told.iter().find_map(|m| match m {
        Heard::Synced { records, .. } => Some(records),
        _ => None,
    })
}

#[test]
fn the_room_arrives_whole_then_changes_as_they_are_made() {
    let (mut server, mut analyst) = (Replica::new(Clock), Replica::new(Clock));
    server.set(RECORDS_MAP, &values(&[("a", "{\"one\":1}"), ("b", "{\"two\":2}")]));
    server.set(DOCUMENT_MAP, &values(&[("text", "the text")]));
    analyst.set_presence("{\"user\":{\"name\":\"Olena\",\"color\":\"#1f77b4\"}}");
    // The analyst opens with its state vector; the server answers with what it lacks.
    let opening = analyst.open();
    assert!(!analyst.is_synced());
    let (all, _) = exchange(&mut analyst, &mut server, opening);
    let records = synced_records(&all).expect("the room arrives whole");
    assert_eq!(records.get("a"), Some(&Some("{\"one\":1}".to_string())));
    assert_eq!(records.len(), 2);
    assert!(analyst.is_synced());
    assert!(server.peers().iter().any(|p| p.contains("Olena")), "the server knows who is there");

    // A change on one side arrives on the other as a change, and only that.
    let update = server.set(RECORDS_MAP, &values(&[("c", "{\"three\":3}")])).expect("a change to send");
    let (_, told) = analyst.receive(&update);
    assert_eq!(
        told,
        vec![Heard::Changed {
            map: RECORDS_MAP.into(),
            entries: Entries::from([("c".to_string(), Some("{\"three\":3}".to_string()))]),
            removed: vec![],
        }]
    );
    // Writing back what the room holds is not a change: an echo costs nothing.
    assert_eq!(analyst.set(RECORDS_MAP, &values(&[("c", "{\"three\":3}")])), None);
    let server_opening = server.open();
    exchange(&mut server, &mut analyst, server_opening);
    // A local write is not told back to the page that made it.
    let update = analyst.set(RECORDS_MAP, &values(&[("c", "{\"three\":4}")])).unwrap();
    let (_, told) = server.receive(&update);
    assert!(matches!(&told[..], [Heard::Changed { .. }]));
}

#[test]
fn frames_a_hostile_server_could_send_are_refused_without_harm() {
    let mut analyst = Replica::new(Clock);
    analyst.set(RECORDS_MAP, &values(&[("mine", "{}")]));
    for frame in [
        vec![0, 1, 200, 200, 200],                   // a step 2 whose length runs past the end
        vec![0, 2, 3, 1, 2, 3],                      // an update that is not one
        vec![0, 9],                                  // an unknown sync message
        vec![7, 1, 0],                               // an unknown message kind
        vec![1, 5, 1, 2, 3, 4, 5],                   // a broken awareness update
        vec![2, 0, 5, b'n', b'o', b'p', b'e', b'!'], // access refused
        Message::Sync(SyncMessage::Update(vec![1, 1, 5, 0, 9, 9])).encode_v1(),
    ] {
        let (_, told) = analyst.receive(&frame);
        assert!(matches!(told.last(), Some(Heard::Refused(_))), "{frame:?}: {told:?}");
    }
    let (_, told) = analyst.receive(&vec![0; redline_sync::MAX_FRAME_BYTES + 1]);
    assert!(matches!(&told[..], [Heard::Refused(_)]));
    // The replica is intact: its own value is still there and it still syncs.
    let mut peer = Replica::new(Clock);
    let opening = peer.open();
    let (told_peer, _) = exchange(&mut peer, &mut analyst, opening);
    assert_eq!(synced_records(&told_peer).unwrap().get("mine"), Some(&Some("{}".to_string())));
}

#[test]
fn a_value_that_is_not_a_string_reaches_the_page_as_not_a_record() {
    // A peer writing with plain Yjs can put any type under a key.
    let rogue = Doc::new();
    let records = rogue.get_or_insert_map(RECORDS_MAP);
    records.insert(&mut rogue.transact_mut(), "n", 42);
    records.insert(&mut rogue.transact_mut(), "s", "{\"ok\":true}");
    let update = rogue.transact().encode_state_as_update_v1(&Default::default());
    let mut analyst = Replica::new(Clock);
    let (_, told) = analyst.receive(&Message::Sync(SyncMessage::SyncStep2(update)).encode_v1());
    let records = synced_records(&told).unwrap();
    assert_eq!(records.get("n"), Some(&None));
    assert_eq!(records.get("s"), Some(&Some("{\"ok\":true}".into())));
}
