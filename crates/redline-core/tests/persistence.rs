//! What storage must write after a change ([`Document::records_since`]) and the document list's
//! rules (open, rename, remove, put back): every record that differs, and nothing else.

mod common;

use common::{annotation, find, id, sample_document};
use proptest::prelude::*;
use redline_core::schema::{self, AnnotationRecord, Library, LibraryEntry};
use redline_core::{Action, AnnotationId, Document, DocumentText, Label, Timestamp};
use std::collections::{BTreeMap, BTreeSet};

const T: Timestamp = Timestamp(1_900_000_000_000);

fn ids(records: &[AnnotationRecord]) -> BTreeSet<AnnotationId> {
    records.iter().map(|r| r.id().clone()).collect()
}

/// Every record of a document, by id, as storage would hold them.
fn all_records(document: &Document) -> BTreeMap<AnnotationId, AnnotationRecord> {
    document.records_since(None).into_iter().map(|r| (r.id().clone(), r)).collect()
}

/// The records that differ between two versions, found the slow way: by comparing every record.
fn differing(before: &Document, after: &Document) -> BTreeSet<AnnotationId> {
    let (old, new) = (all_records(before), all_records(after));
    new.iter().filter(|(id, record)| old.get(*id) != Some(record)).map(|(id, _)| id.clone()).collect()
}

#[test]
fn nothing_is_written_when_nothing_changed() {
    let document = sample_document("T", "n");
    assert!(document.records_since(Some(&document)).is_empty());
    assert!(document.clone().records_since(Some(&document)).is_empty());
}

#[test]
fn a_document_new_to_storage_is_written_whole() {
    let mut document = sample_document("T", "n");
    document.apply(Action::Delete { id: id(3), at: T }).unwrap();
    let records = document.records_since(None);
    assert_eq!(ids(&records), [id(1), id(2), id(3)].into_iter().collect());
    assert!(records.contains(&AnnotationRecord::Deleted { id: id(3), at: T }));
}

#[test]
fn each_kind_of_change_writes_exactly_its_record() {
    let before = sample_document("T", "n");
    let text = before.text().clone();
    let cases: Vec<(&str, Action, AnnotationId)> = vec![
        ("note", Action::SetNote { id: id(2), note: "x".into(), at: T }, id(2)),
        ("label", Action::Relabel { id: id(3), label: Label::RedLine, at: T }, id(3)),
        ("holder", Action::SetHolder { id: id(1), holder: "Kyiv".into(), at: T }, id(1)),
        ("delete", Action::Delete { id: id(2), at: T }, id(2)),
        ("move", Action::Reattach { id: id(3), span: find(&text, "the Kremlin"), at: T }, id(3)),
        ("add", Action::Add { annotation: annotation(9, Label::Claim, &text, find(&text, "talks")) }, id(9)),
    ];
    for (what, action, changed) in cases {
        let mut after = before.clone();
        after.apply(action).unwrap();
        let records = after.records_since(Some(&before));
        assert_eq!(ids(&records), BTreeSet::from([changed.clone()]), "{what}");
        assert_eq!(ids(&records), differing(&before, &after), "{what}");
        // The version before is untouched by the change made on its copy.
        assert_eq!(before, sample_document("T", "n"), "{what}");
    }
}

#[test]
fn undo_and_redo_write_what_they_put_back() {
    let before = sample_document("T", "n");
    let mut deleted = before.clone();
    deleted.apply(Action::Delete { id: id(1), at: T }).unwrap();
    let mut undone = deleted.clone();
    undone.undo(Timestamp(T.0 + 1)).unwrap();
    let records = undone.records_since(Some(&deleted));
    assert_eq!(ids(&records), BTreeSet::from([id(1)]));
    assert!(matches!(&records[0], AnnotationRecord::Live(a) if a.modified() == Timestamp(T.0 + 1)));
    let mut redone = undone.clone();
    redone.redo(Timestamp(T.0 + 2)).unwrap();
    assert_eq!(
        redone.records_since(Some(&undone)),
        vec![AnnotationRecord::Deleted { id: id(1), at: Timestamp(T.0 + 2) }]
    );
}

#[test]
fn another_version_of_the_text_is_written_whole() {
    let document = sample_document("T", "n");
    let other = Document::new("Other", DocumentText::new("another text"));
    assert_eq!(document.records_since(Some(&other)).len(), 3);
}

/// One change a reader (or another tab) can make, as proptest draws it.
#[derive(Debug, Clone)]
enum Step {
    Add(u8, usize, usize),
    Note(u8),
    Relabel(u8),
    Delete(u8),
    Reattach(u8, usize, usize),
    Undo,
    Redo,
    MergeRemote(u8, usize),
}

fn step() -> impl Strategy<Value = Step> {
    let n = 1u8..12;
    prop_oneof![
        (n.clone(), 0usize..60, 1usize..20).prop_map(|(n, s, l)| Step::Add(n, s, l)),
        n.clone().prop_map(Step::Note),
        n.clone().prop_map(Step::Relabel),
        n.clone().prop_map(Step::Delete),
        (n.clone(), 0usize..60, 1usize..20).prop_map(|(n, s, l)| Step::Reattach(n, s, l)),
        Just(Step::Undo),
        Just(Step::Redo),
        (n, 0usize..60).prop_map(|(n, s)| Step::MergeRemote(n, s)),
    ]
}

fn run(document: &mut Document, step: &Step, at: Timestamp) {
    let text = document.text().clone();
    let span = |s: usize, l: usize| common::span(&text, s, (s + l).min(text.len_chars().0));
    // Refused actions (an unknown id, a duplicate) change nothing, which is also worth checking.
    let _ = match step {
        Step::Add(n, s, l) => document.apply(Action::Add {
            annotation: redline_core::Annotation::new(id(*n), Label::Claim, &text, span(*s, *l), at),
        }),
        Step::Note(n) => document.apply(Action::SetNote { id: id(*n), note: format!("{at:?}"), at }),
        Step::Relabel(n) => document.apply(Action::Relabel { id: id(*n), label: Label::RedLine, at }),
        Step::Delete(n) => document.apply(Action::Delete { id: id(*n), at }),
        Step::Reattach(n, s, l) => document.apply(Action::Reattach { id: id(*n), span: span(*s, *l), at }),
        Step::Undo => document.undo(at).map(|_| Default::default()),
        Step::Redo => document.redo(at).map(|_| Default::default()),
        Step::MergeRemote(n, s) => {
            let remote = redline_core::Annotation::new(id(*n), Label::RedLine, &text, span(*s, 3), at);
            document.merge_replica(&[remote.with_note("from another tab")], &BTreeMap::new());
            Ok(Default::default())
        }
    };
}

proptest! {
    /// After any run of changes, the records written are exactly those that differ from what
    /// storage held, and writing them brings storage to the new version.
    #[test]
    fn the_records_written_are_exactly_the_ones_that_differ(steps in prop::collection::vec(step(), 1..40), every in 1usize..5) {
        let text = DocumentText::new("Kyiv will not cede land, the Kremlin said; talks go on in Istanbul next week.");
        let mut document = Document::new("T", text);
        let mut stored = document.clone();
        let mut storage = all_records(&stored);
        for (index, step) in steps.iter().enumerate() {
            run(&mut document, step, Timestamp(T.0 + index as i64));
            // Storage takes the changes now and then (a write may wait for a frame or fail).
            if index % every == 0 {
                let records = document.records_since(Some(&stored));
                prop_assert_eq!(ids(&records), differing(&stored, &document));
                for record in records {
                    storage.insert(record.id().clone(), record);
                }
                prop_assert_eq!(&storage, &all_records(&document));
                stored = document.clone();
            }
        }
    }
}

fn entry(n: u8, title: &str, added: i64) -> LibraryEntry {
    let text = DocumentText::new(&format!("text {n}"));
    LibraryEntry { id: text.id().clone(), title: title.into(), added: Timestamp(added), metadata: Default::default() }
}

#[test]
fn opening_lists_a_new_document_and_keeps_a_known_title() {
    let mut library = Library::default();
    let document = Document::new("First", DocumentText::new("text 1"));
    library.open(&document, Timestamp(10));
    assert_eq!(library.documents, vec![entry(1, "First", 10)]);
    assert_eq!(library.open.as_ref(), Some(document.id()));
    library.rename(document.id(), "Renamed").unwrap();
    library.open(&document, Timestamp(20));
    assert_eq!(library.documents, vec![entry(1, "Renamed", 10)]);
    library.documents[0].title.clear();
    library.open(&document, Timestamp(30));
    assert_eq!(library.documents[0].title, "First");
}

#[test]
fn a_rename_is_trimmed_and_an_empty_one_refused() {
    let mut library = Library { documents: vec![entry(1, "One", 1)], open: None };
    let id = library.documents[0].id.clone();
    assert_eq!(library.rename(&id, "  Two \n").as_deref(), Some("Two"));
    assert_eq!(library.rename(&id, "   "), None);
    assert_eq!(library.entry(&id).map(|e| e.title.as_str()), Some("Two"));
    let unknown = entry(9, "", 0).id;
    assert_eq!(library.rename(&unknown, "x"), None);
}

#[test]
fn a_removed_entry_goes_back_where_it_was_added() {
    let mut library = Library { documents: vec![entry(1, "A", 1), entry(2, "B", 2), entry(3, "C", 3)], open: None };
    let middle = library.documents[1].id.clone();
    library.open = Some(middle.clone());
    let removed = library.remove(&middle).unwrap();
    assert_eq!(library.open, None);
    assert_eq!(library.documents.len(), 2);
    library.reinsert(removed);
    assert_eq!(library.documents.iter().map(|e| e.title.as_str()).collect::<Vec<_>>(), ["A", "B", "C"]);
    assert!(library.remove(&middle).is_some());
    assert!(library.remove(&middle).is_none());
}

#[test]
fn another_tabs_writes_are_read_by_key() {
    let document = sample_document("T", "n");
    let id = document.id().clone();
    let live = AnnotationRecord::Live(document.annotations()[0].clone());
    let key = schema::annotation_key(&id, live.id());
    let raw = schema::encode_annotation(&live);
    assert_eq!(
        schema::decode_remote(&key, Some(&raw)),
        Some(schema::RemoteChange::Annotation { document: id.clone(), record: live })
    );
    assert_eq!(
        schema::decode_remote(&schema::text_key(&id), None),
        Some(schema::RemoteChange::TextRemoved(id.clone()))
    );
    // A text written, a record removed, a value that cannot be read, a key not ours: nothing.
    assert_eq!(schema::decode_remote(&schema::text_key(&id), Some("{}")), None);
    assert_eq!(schema::decode_remote(&key, None), None);
    assert_eq!(schema::decode_remote(&key, Some("{broken")), None);
    assert_eq!(schema::decode_remote("other:key", Some(&raw)), None);
    let library = Library { documents: vec![entry(1, "A", 1)], open: None };
    assert_eq!(
        schema::decode_remote(schema::LIBRARY_KEY, Some(&schema::encode_library(&library))),
        Some(schema::RemoteChange::Library(library))
    );
}

#[test]
fn a_record_from_another_tab_merges_by_time() {
    let mut document = sample_document("T", "n");
    let newer = document.annotations()[0].clone().with_note("later").with_modified(Timestamp(T.0 + 10));
    assert!(document.merge_record(&AnnotationRecord::Live(newer.clone())));
    assert_eq!(document.get(newer.id()).map(|a| a.note()), Some("later"));
    let older = newer.clone().with_note("earlier").with_modified(Timestamp(T.0));
    assert!(!document.merge_record(&AnnotationRecord::Live(older)));
    assert!(document.merge_record(&AnnotationRecord::Deleted { id: newer.id().clone(), at: Timestamp(T.0 + 20) }));
    assert!(document.get(newer.id()).is_none());
}
