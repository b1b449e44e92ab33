//! Actions, undo and redo of each, queries, and merging two copies of a document.

mod common;

use common::{annotation, find, id, marked};
use redline_core::document::{Filter, HolderCount};
use redline_core::{Action, ActionError, Annotation, Document, DocumentText, Label, Timestamp};

const T: Timestamp = Timestamp(1_800_000_000_000);

fn bundled() -> (Document, Vec<Annotation>) {
    let (text, spans) = marked("Kyiv [claim:will not [red:cede] land], said [claim:Zelenskyy].");
    let mut document = Document::new("Talks", text.clone());
    let annotations: Vec<Annotation> =
        spans.iter().enumerate().map(|(i, (label, span))| annotation(i as u8 + 1, *label, &text, *span)).collect();
    for a in &annotations {
        document.apply(Action::Add { annotation: a.clone() }).unwrap();
    }
    (document, annotations)
}

/// Applies `action`, then checks undo restores the state before and redo the state after
/// (ignoring `modified`, which undo and redo advance).
fn check_undo_redo(document: &mut Document, action: Action) {
    let before = strip(document);
    document.apply(action).unwrap();
    let after = strip(document);
    assert_ne!(before, after, "the action changed something");
    document.undo(Timestamp(T.0 + 10)).unwrap();
    assert_eq!(strip(document), before, "undo");
    document.redo(Timestamp(T.0 + 20)).unwrap();
    assert_eq!(strip(document), after, "redo");
    document.undo(Timestamp(T.0 + 30)).unwrap();
    assert_eq!(strip(document), before, "undo after redo");
}

fn strip(document: &Document) -> Vec<Annotation> {
    document
        .annotations()
        .iter()
        .cloned()
        .map(|mut a| {
            let value = Timestamp(0);
            a = a.with_modified(value);
            a
        })
        .collect()
}

#[test]
fn add_keeps_text_order_and_quotes() {
    let (document, _) = bundled();
    let quotes: Vec<&str> = document.annotations().iter().map(|a| a.quote().exact.as_str()).collect();
    assert_eq!(quotes, ["will not cede land", "cede", "Zelenskyy"]);
    assert_eq!(document.annotations()[1].quote().prefix, "Kyiv will not ");
    assert_eq!(document.annotations()[1].quote().suffix, " land, said Zelenskyy.");
}

#[test]
fn every_action_undoes_and_redoes() {
    let (mut document, _) = bundled();
    let text = document.text().clone();
    let new = annotation(9, Label::RedLine, &text, find(&text, "said"));
    check_undo_redo(&mut document, Action::Add { annotation: new });
    check_undo_redo(&mut document, Action::Relabel { id: id(1), label: Label::RedLine, at: T });
    check_undo_redo(&mut document, Action::SetNote { id: id(1), note: "a <b>note</b>".into(), at: T });
    check_undo_redo(&mut document, Action::SetHolder { id: id(2), holder: "Kremlin".into(), at: T });
    check_undo_redo(&mut document, Action::Delete { id: id(3), at: T });
    let mut deleted = document.get(&id(3)).unwrap().clone();
    document.apply(Action::Delete { id: id(3), at: T }).unwrap();
    let value = T;
    deleted = deleted.with_modified(value);
    check_undo_redo(&mut document, Action::Restore { annotation: deleted });
    check_undo_redo(&mut document, Action::Reattach { id: id(2), span: find(&text, "Kyiv"), at: T });
    let mut newer = document.get(&id(1)).unwrap().clone();
    let value = "from a colleague";
    newer = newer.with_note(value);
    let value = Timestamp(T.0 + 1_000);
    newer = newer.with_modified(value);
    let fresh = annotation(10, Label::Claim, &text, find(&text, "land"));
    check_undo_redo(&mut document, Action::Merge { annotations: vec![newer, fresh] });
}

#[test]
fn undo_runs_back_through_the_whole_session() {
    let (mut document, _) = bundled();
    assert!(document.can_undo());
    for _ in 0..3 {
        document.undo(T).unwrap();
    }
    assert!(document.annotations().is_empty());
    assert_eq!(document.undo(T), Err(ActionError::NothingToUndo));
    for _ in 0..3 {
        document.redo(T).unwrap();
    }
    assert_eq!(document.annotations().len(), 3);
    assert_eq!(document.redo(T), Err(ActionError::NothingToRedo));
}

#[test]
fn a_new_action_clears_redo() {
    let (mut document, _) = bundled();
    document.undo(T).unwrap();
    assert!(document.can_redo());
    document.apply(Action::SetNote { id: id(1), note: "x".into(), at: T }).unwrap();
    assert!(!document.can_redo());
}

#[test]
fn bad_actions_change_nothing() {
    let (mut document, annotations) = bundled();
    let before = document.clone();
    assert_eq!(
        document.apply(Action::Add { annotation: annotations[0].clone() }),
        Err(ActionError::DuplicateId(id(1)))
    );
    assert_eq!(document.apply(Action::Delete { id: id(77), at: T }), Err(ActionError::UnknownId(id(77))));
    let long = DocumentText::new(&"x".repeat(500));
    let outside = annotation(8, Label::Claim, &long, common::span(&long, 400, 410));
    assert!(matches!(document.apply(Action::Add { annotation: outside }), Err(ActionError::BadSpan(_))));
    assert_eq!(document, before);
}

#[test]
fn merge_never_duplicates_and_keeps_the_newer_version() {
    let (mut document, annotations) = bundled();
    let mut older = annotations[0].clone();
    let value = "old";
    older = older.with_note(value);
    let value = Timestamp(0);
    older = older.with_modified(value);
    let applied = document.apply(Action::Merge { annotations: annotations.clone() }).unwrap();
    assert_eq!((applied.added, applied.updated, applied.unchanged), (0, 0, 3));
    document.apply(Action::Merge { annotations: vec![older] }).unwrap();
    assert_eq!(document.annotations().len(), 3);
    assert_eq!(document.get(&id(1)).unwrap().note(), "");
}

#[test]
fn one_merge_with_an_id_twice_keeps_the_newer_copy_once_and_undoes_in_one_step() {
    let (mut document, annotations) = bundled();
    let mut newer = annotations[1].clone();
    let value = "newer";
    newer = newer.with_note(value);
    let value = Timestamp(newer.modified().0 + 10);
    newer = newer.with_modified(value);
    let mut newest = newer.clone();
    let value = "newest";
    newest = newest.with_note(value);
    let value = Timestamp(newer.modified().0 + 10);
    newest = newest.with_modified(value);
    let before = document.clone();
    let applied = document.apply(Action::Merge { annotations: vec![newest, newer] }).unwrap();
    assert_eq!((applied.added, applied.updated, applied.unchanged), (0, 1, 1));
    assert_eq!(document.annotations().len(), 3);
    assert_eq!(document.get(&id(2)).unwrap().note(), "newest");
    let order: Vec<_> = document.annotations().iter().map(|a| a.text_order_key()).collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "still in text order");
    document.undo(T).unwrap();
    assert_eq!(document.get(&id(2)).unwrap().note(), before.get(&id(2)).unwrap().note());
}

#[test]
fn queries_filter_search_and_count() {
    let (mut document, _) = bundled();
    document.apply(Action::SetHolder { id: id(1), holder: "Zelenskyy".into(), at: T }).unwrap();
    document.apply(Action::SetHolder { id: id(2), holder: "Zelenskyy ".into(), at: T }).unwrap();
    document.apply(Action::SetNote { id: id(3), note: "Who SAID it".into(), at: T }).unwrap();
    assert_eq!(document.holders(), ["Zelenskyy"]);
    let by_label = Filter { label: Some(Label::RedLine), ..Filter::default() };
    assert_eq!(document.filtered(&by_label).count(), 1);
    let by_holder = Filter { holder: Some("Zelenskyy".into()), ..Filter::default() };
    assert_eq!(document.filtered(&by_holder).count(), 2);
    let search = Filter { search: "said".into(), ..Filter::default() };
    assert_eq!(document.filtered(&search).map(|a| a.id().clone()).collect::<Vec<_>>(), vec![id(3)]);
    assert_eq!(
        document.counts_per_holder(),
        vec![
            HolderCount { holder: "".into(), claims: 1, red_lines: 0 },
            HolderCount { holder: "Zelenskyy".into(), claims: 1, red_lines: 1 },
        ]
    );
}

#[test]
fn two_copies_merge_concurrent_additions_edits_and_deletions() {
    let (base, _) = bundled();
    let text = base.text().clone();
    let mut left = base.clone();
    let mut right = base.clone();
    left.apply(Action::Add { annotation: annotation(20, Label::Claim, &text, find(&text, "Kyiv")) }).unwrap();
    right.apply(Action::Add { annotation: annotation(21, Label::RedLine, &text, find(&text, "said")) }).unwrap();
    left.apply(Action::SetNote { id: id(1), note: "left".into(), at: Timestamp(T.0 + 1) }).unwrap();
    right.apply(Action::SetNote { id: id(1), note: "right, later".into(), at: Timestamp(T.0 + 2) }).unwrap();
    right.apply(Action::Delete { id: id(3), at: Timestamp(T.0 + 3) }).unwrap();

    let (l_annotations, l_tombs) = (left.annotations().to_vec(), left.tombstones().clone());
    let (r_annotations, r_tombs) = (right.annotations().to_vec(), right.tombstones().clone());
    assert!(left.merge_replica(&r_annotations, &r_tombs));
    assert!(right.merge_replica(&l_annotations, &l_tombs));
    assert_eq!(left.annotations(), right.annotations());
    let ids: Vec<_> = left.annotations().iter().map(|a| a.id().clone()).collect();
    assert!(ids.contains(&id(20)) && ids.contains(&id(21)));
    assert!(!ids.contains(&id(3)), "the deletion wins over the older version");
    assert_eq!(left.get(&id(1)).unwrap().note(), "right, later");
    assert!(!left.merge_replica(&r_annotations, &r_tombs), "merging again changes nothing");
}

#[test]
fn a_burst_of_typing_undoes_as_one_step_and_a_pause_splits_it() {
    let (mut document, _) = bundled();
    for (i, note) in ["s", "se", "see"].iter().enumerate() {
        document
            .apply(Action::SetNote { id: id(1), note: note.to_string(), at: Timestamp(T.0 + i as i64 * 200) })
            .unwrap();
    }
    document.apply(Action::SetNote { id: id(1), note: "see it".into(), at: Timestamp(T.0 + 10_000) }).unwrap();
    document.undo(T).unwrap();
    assert_eq!(document.get(&id(1)).unwrap().note(), "see");
    document.undo(T).unwrap();
    assert_eq!(document.get(&id(1)).unwrap().note(), "");
    document.redo(T).unwrap();
    assert_eq!(document.get(&id(1)).unwrap().note(), "see");
}

#[test]
fn of_stored_duplicates_the_newest_stays_and_the_rest_are_named() {
    let (_, annotations) = bundled();
    let mut older = annotations[0].clone();
    let value = "older";
    older = older.with_note(value);
    let value = Timestamp(annotations[0].modified().0 - 1);
    older = older.with_modified(value);
    let mut tie = annotations[1].clone();
    let value = "same time, later in the list";
    tie = tie.with_note(value);
    let stored = vec![older, annotations[0].clone(), annotations[1].clone(), tie, annotations[2].clone()];
    assert_eq!(Document::superseded_duplicates(&stored), vec![0, 3]);
    let kept: Vec<Annotation> =
        stored.iter().enumerate().filter(|(i, _)| ![0, 3].contains(i)).map(|(_, a)| a.clone()).collect();
    let (document, _) = bundled();
    let restored = Document::restore("Restored", document.text().clone(), kept, Default::default()).unwrap();
    assert_eq!(restored.annotations(), document.annotations());
}

#[test]
fn a_merge_in_parts_undoes_and_redoes_as_one_step() {
    let text = DocumentText::new("Kyiv will not cede land. Moscow wants more. Ankara offers talks.");
    let mut document = Document::new("Parts", text.clone());
    document.apply(Action::Add { annotation: annotation(9, Label::Claim, &text, find(&text, "Ankara")) }).unwrap();
    let parts = [
        vec![annotation(1, Label::RedLine, &text, find(&text, "will not cede land"))],
        vec![annotation(2, Label::Claim, &text, find(&text, "wants more"))],
        vec![annotation(3, Label::Claim, &text, find(&text, "offers talks"))],
    ];
    document.apply(Action::Merge { annotations: parts[0].clone() }).unwrap();
    for part in &parts[1..] {
        document.apply(Action::MergeMore { annotations: part.clone() }).unwrap();
    }
    assert_eq!(document.annotations().len(), 4);
    document.undo(T).unwrap();
    assert_eq!(
        document.annotations().iter().map(|a| a.id().clone()).collect::<Vec<_>>(),
        vec![id(9)],
        "one undo takes all parts"
    );
    document.redo(T).unwrap();
    assert_eq!(document.annotations().len(), 4);
    // A part after another action starts a step of its own.
    document.undo(T).unwrap();
    document.apply(Action::MergeMore { annotations: parts[2].clone() }).unwrap();
    document.undo(T).unwrap();
    assert_eq!(document.annotations().len(), 1);
    assert_eq!(document.undo(T).map(|_| document.annotations().len()), Ok(0), "the Add before is its own step");
}
