//! The worker's reading of a room against the page's document: newer records are handed to the
//! page, older ones answered with the newer local value, hostile ones refused, a joiner gets the
//! document, and a room with another text is refused outright.

use redline_core::schema::{self, AnnotationRecord, LibraryEntry};
use redline_core::sync::{self, FromWorker, DOCUMENT_MAP, RECORDS_MAP};
use redline_core::{Action, Annotation, AnnotationId, CharOffset, Document, DocumentText, Label, Timestamp};
use redline_sync::agent::Agent;
use redline_sync::Replica;
use std::collections::BTreeMap;

struct Clock;
impl yrs::sync::Clock for Clock {
    fn now(&self) -> yrs::sync::Timestamp {
        1_900_000_000_000
    }
}

const NOW: Timestamp = Timestamp(1_900_000_000_000);

fn document() -> Document {
    let text = DocumentText::new("Kyiv will not cede land 😀, the minister said.\r\nالوفد رفض");
    let mut document = Document::new("Talks", text.clone());
    for (n, (start, end)) in [(0u8, (0, 4)), (1, (5, 23))] {
        let span = text.span(CharOffset(start), CharOffset(end)).unwrap();
        let annotation =
            Annotation::new(AnnotationId::from_random_bytes([n; 16]), Label::Claim, &text, span, Timestamp(1_000));
        document.apply(Action::Add { annotation }).unwrap();
    }
    document
}

fn entry(document: &Document) -> LibraryEntry {
    LibraryEntry { id: document.id().clone(), title: "Talks".into(), added: NOW, metadata: Default::default() }
}

fn raw(record: &AnnotationRecord) -> String {
    schema::encode_annotation(record)
}

/// The agent opens its connection to `server` and reads the answer.
fn sync_with(agent: &mut Agent, server: &mut Replica) -> (Vec<Vec<u8>>, Vec<FromWorker>) {
    let mut frames = Vec::new();
    let mut told = Vec::new();
    for frame in agent.replica.open() {
        let (replies, _) = server.receive(&frame);
        for reply in replies {
            let (answers, heard) = agent.replica.receive(&reply);
            let (more, messages) = agent.heard(heard, NOW);
            frames.extend(answers.into_iter().chain(more));
            told.extend(messages);
        }
    }
    (frames, told)
}

#[test]
fn the_room_is_read_against_the_page_document() {
    let local = document();
    let [first, second] = [&local.annotations()[0], &local.annotations()[1]];
    let mut agent = Agent::new(Replica::new(Clock));
    let records = sync::encode_records(&local.records_since(None));
    agent.connect(local.id().as_str(), Some(sync::document_fields(&local, &entry(&local))), records);

    let mut newer = local.clone();
    newer.apply(Action::SetNote { id: first.id().clone(), note: "from Bob".into(), at: Timestamp(5_000) }).unwrap();
    let older = second.clone().with_note("stale").with_modified(Timestamp(10));
    let mut server = Replica::new(Clock);
    let hostile = raw(&AnnotationRecord::Live(first.clone())).replace("\"start\":0", "\"start\":900");
    server.set(
        RECORDS_MAP,
        &BTreeMap::from([
            (first.id().to_string(), raw(&AnnotationRecord::Live(newer.get(first.id()).unwrap().clone()))),
            (second.id().to_string(), raw(&AnnotationRecord::Live(older))),
            ("urn:uuid:hostile".to_string(), hostile),
        ]),
    );
    let (frames, told) = sync_with(&mut agent, &mut server);
    let take =
        told.iter().find_map(|m| if let FromWorker::Take { records } = m { Some(records) } else { None }).unwrap();
    assert_eq!(take.len(), 1);
    assert!(take[0].contains("from Bob"));
    assert!(told.iter().any(|m| matches!(m, FromWorker::Rejected(r) if r.len() == 1)), "{told:?}");
    // The room is written back the newer local value, and the document's fields.
    for frame in &frames {
        server.receive(frame);
    }
    let (room, fields) = server.state();
    assert_eq!(room[second.id().as_str()].as_deref(), Some(raw(&AnnotationRecord::Live(second.clone())).as_str()));
    assert!(fields.contains_key(sync::TEXT_FIELD) && fields.contains_key(sync::DETAILS_FIELD));

    // A joiner without the document gets it from the room.
    let mut joiner = Agent::new(Replica::new(Clock));
    joiner.connect(local.id().as_str(), None, Vec::new());
    let (_, told) = sync_with(&mut joiner, &mut server);
    let Some(FromWorker::Joined { fields, records }) =
        told.into_iter().find(|m| matches!(m, FromWorker::Joined { .. }))
    else {
        panic!("no document for the joiner")
    };
    let (joined, _) = sync::assemble_joined(local.id(), &fields, records, NOW).unwrap();
    assert_eq!(joined.annotations().len(), 2);
    assert_eq!(joined.get(first.id()).unwrap().note(), "from Bob");

    // A room whose text is another document's is refused.
    let other = Document::new("Other", DocumentText::new("Another text."));
    let [text, _] = sync::document_fields(&other, &entry(&other));
    let update = server.set(DOCUMENT_MAP, &BTreeMap::from([(sync::TEXT_FIELD.to_string(), text)])).unwrap();
    let (_, heard) = agent.replica.receive(&update);
    let (_, told) = agent.heard(heard, NOW);
    assert!(matches!(&told[..], [FromWorker::Refused { fatal: true, .. }]), "{told:?}");
}
