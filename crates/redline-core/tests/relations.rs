//! Relations between annotations and parties: every action and its undo, the cascade when an
//! annotation goes, what is refused, and how relations are stored and merged.

mod common;

use common::{id, sample_document};
use redline_core::formats::{self, brat, csv, doccano, w3c, ExportFormat};
use redline_core::schema::{self, AnnotationRecord};
use redline_core::{Action, ActionError, AnnotationId, Document, Relation, RelationKind, Timestamp};

const T: Timestamp = Timestamp(1_900_000_000_000);

fn rel(n: u8, kind: RelationKind, source: u8, target: u8) -> Relation {
    Relation::new(id(n), kind, id(source), id(target), T)
}

/// The sample document (annotations 1, 2, 3) with 2 contesting 1.
fn linked() -> Document {
    let mut document = sample_document("T", "n");
    document.apply(Action::AddRelation { relation: rel(20, RelationKind::Contests, 2, 1) }).unwrap();
    document
}

fn kinds(document: &Document) -> Vec<(AnnotationId, RelationKind, AnnotationId)> {
    document.relations().iter().map(|r| (r.source().clone(), r.kind(), r.target().clone())).collect()
}

#[test]
fn each_relation_action_undoes_and_redoes() {
    let base = sample_document("T", "n");
    let mut document = linked();
    assert_eq!(kinds(&document), vec![(id(2), RelationKind::Contests, id(1))]);
    assert_eq!(document.relations_of(&id(1)).count(), 1);
    let steps = [
        Action::SetRelationKind { id: id(20), kind: RelationKind::Supports, at: T },
        Action::SetRelationNote { id: id(20), note: "backs it".into(), at: T },
        Action::RemoveRelation { id: id(20), at: T },
    ];
    let mut versions = vec![document.clone()];
    for action in steps {
        document.apply(action).unwrap();
        versions.push(document.clone());
    }
    assert!(document.relations().is_empty());
    assert_eq!(versions[1].relations()[0].kind(), RelationKind::Supports);
    assert_eq!(versions[2].relations()[0].note(), "backs it");
    // Undo walks back through every version (times aside), redo forward again.
    for expected in versions.iter().rev().skip(1) {
        document.undo(T).unwrap();
        assert_eq!(kinds(&document), kinds(expected));
        assert_eq!(document.relations().first().map(|r| r.note()), expected.relations().first().map(|r| r.note()));
    }
    document.undo(T).unwrap();
    assert_eq!(kinds(&document), kinds(&base));
    for expected in &versions {
        document.redo(T).unwrap();
        assert_eq!(kinds(&document), kinds(expected));
    }
}

#[test]
fn deleting_an_annotation_removes_its_relations_and_undo_brings_all_back() {
    let mut document = linked();
    document.apply(Action::AddRelation { relation: rel(21, RelationKind::Restates, 3, 1) }).unwrap();
    document.apply(Action::AddRelation { relation: rel(22, RelationKind::Supports, 3, 2) }).unwrap();
    document.apply(Action::Delete { id: id(1), at: T }).unwrap();
    assert_eq!(kinds(&document), vec![(id(3), RelationKind::Supports, id(2))]);
    assert!(document.tombstones().contains_key(&id(20)) && document.tombstones().contains_key(&id(21)));
    document.undo(T).unwrap();
    assert_eq!(document.relations().len(), 3);
    assert!(document.get(&id(1)).is_some());
    document.redo(T).unwrap();
    assert_eq!(document.relations().len(), 1);
}

#[test]
fn bad_relations_are_refused_and_change_nothing() {
    let mut document = linked();
    let before = document.clone();
    let cases = [
        (rel(30, RelationKind::Contests, 1, 1), ActionError::SelfRelation),
        (rel(30, RelationKind::Contests, 2, 1), ActionError::DuplicateRelation("contests")),
        (rel(30, RelationKind::Contests, 9, 1), ActionError::UnknownId(id(9))),
        (rel(20, RelationKind::Supports, 3, 1), ActionError::DuplicateId(id(20))),
        (rel(1, RelationKind::Supports, 3, 1), ActionError::DuplicateId(id(1))),
    ];
    for (relation, error) in cases {
        assert_eq!(document.apply(Action::AddRelation { relation }), Err(error));
        assert_eq!(document, before);
    }
    // The same two in the other direction, or with another kind, are other relations.
    document.apply(Action::AddRelation { relation: rel(31, RelationKind::Contests, 1, 2) }).unwrap();
    document.apply(Action::AddRelation { relation: rel(32, RelationKind::Supports, 2, 1) }).unwrap();
    // Re-kinding into a duplicate is refused too.
    let error = document.apply(Action::SetRelationKind { id: id(32), kind: RelationKind::Contests, at: T });
    assert_eq!(error, Err(ActionError::DuplicateRelation("contests")));
    assert!(document.apply(Action::RemoveRelation { id: id(99), at: T }).is_err());
}

#[test]
fn a_relation_may_point_at_an_orphan() {
    let mut document = sample_document("T", "n");
    let orphan = document.get(&id(3)).unwrap().clone().orphaned().with_modified(T);
    document.apply(Action::Delete { id: id(3), at: T }).unwrap();
    document.apply(Action::Restore { annotation: orphan }).unwrap();
    assert!(document.get(&id(3)).unwrap().is_orphan());
    document.apply(Action::AddRelation { relation: rel(20, RelationKind::Contests, 3, 1) }).unwrap();
    assert_eq!(document.relations().len(), 1);
}

#[test]
fn renaming_or_merging_a_party_is_one_step() {
    let mut document = sample_document("T", "n");
    document.apply(Action::SetHolder { id: id(2), holder: "Zelensky ".into(), at: T }).unwrap();
    document.apply(Action::SetHolder { id: id(3), holder: "Kremlin".into(), at: Timestamp(T.0 + 5_000) }).unwrap();
    assert_eq!(document.holders(), ["Kremlin", "Zelensky", "Zelenskyy"]);
    document.apply(Action::RenameHolder { from: "Zelensky".into(), to: "Zelenskyy".into(), at: T }).unwrap();
    assert_eq!(document.holders(), ["Kremlin", "Zelenskyy"]);
    document.undo(T).unwrap();
    assert_eq!(document.holders(), ["Kremlin", "Zelensky", "Zelenskyy"]);
    assert_eq!(
        document.apply(Action::RenameHolder { from: "Nobody".into(), to: "X".into(), at: T }),
        Err(ActionError::UnknownHolder("Nobody".into()))
    );
    assert_eq!(
        document.apply(Action::RenameHolder { from: "Kremlin".into(), to: " ".into(), at: T }),
        Err(ActionError::EmptyHolder)
    );
}

#[test]
fn relations_are_stored_one_record_each_and_merged_by_time() {
    let empty = sample_document("T", "n");
    let document = linked();
    let records = document.records_since(Some(&empty));
    assert_eq!(records, vec![AnnotationRecord::Relation(document.relations()[0].clone())]);
    let raw = schema::encode_annotation(&records[0]);
    assert!(raw.contains("\"version\":2") && raw.contains("\"kind\":\"relation\""), "{raw}");
    assert_eq!(schema::decode_annotation(&raw).unwrap(), records[0]);

    // Another tab's copy takes the relation, then its newer kind, then its deletion.
    let mut other = sample_document("T", "n");
    assert!(other.merge_record(&records[0]));
    let newer = Relation::new(id(20), RelationKind::Supports, id(2), id(1), T).with_modified(Timestamp(T.0 + 1));
    assert!(other.merge_record(&AnnotationRecord::Relation(newer)));
    assert_eq!(other.relations()[0].kind(), RelationKind::Supports);
    assert!(!other.merge_record(&records[0]), "an older version does not win");
    assert!(other.merge_record(&AnnotationRecord::Deleted { id: id(20), at: Timestamp(T.0 + 2) }));
    assert!(other.relations().is_empty());
    // A relation whose end is not here is left out.
    let dangling = Relation::new(id(21), RelationKind::Contests, id(9), id(1), T);
    assert!(!other.merge_record(&AnnotationRecord::Relation(dangling)));
}

#[test]
fn a_bad_relation_record_is_an_error_with_its_path() {
    let raw = r#"{"version":2,"kind":"relation","id":"urn:x:1","relation":"hates","source":"urn:x:2","target":"urn:x:3","note":"","created":1,"modified":1}"#;
    let error = schema::decode_annotation(raw).unwrap_err().to_string();
    assert!(error.contains("unknown relation kind \"hates\""), "{error}");
    let raw = r#"{"version":2,"kind":"relation","id":"urn:x:1","relation":"contests","source":"urn:x:2","note":"","created":1,"modified":1}"#;
    let error = schema::decode_annotation(raw).unwrap_err().to_string();
    assert!(error.contains("target"), "{error}");
}

#[test]
fn relations_go_out_as_linking_annotations_and_come_back() {
    let mut document = linked();
    let noted = Relation::new(id(21), RelationKind::Supports, id(3), id(2), T).with_note("so it says");
    document.apply(Action::AddRelation { relation: noted }).unwrap();
    let imported = w3c::import(&w3c::export(&document), T).unwrap();
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    assert_eq!(imported.relations, document.relations());
    let back = imported.to_document().unwrap();
    assert_eq!(back.relations(), document.relations());

    // Merged into a copy that lacks them: one undo step with the annotations' merge.
    let mut bare = Document::new("T", document.text().clone());
    bare.apply(Action::Merge { annotations: back.annotations().to_vec() }).unwrap();
    let applied = bare.apply(Action::MergeRelations { relations: imported.relations.clone() }).unwrap();
    assert_eq!((applied.added, applied.refused), (2, 0));
    assert_eq!(bare.relations(), document.relations());
    bare.undo(T).unwrap();
    assert!(bare.relations().is_empty());
    assert!(bare.annotations().is_empty() && !bare.can_undo(), "the relations undo with their annotations");
}

#[test]
fn malformed_links_are_named_or_skipped_never_half_taken() {
    let document = linked();
    let export: serde_json::Value = serde_json::from_str(&w3c::export(&document)).unwrap();
    assert_eq!(export["first"]["items"][3]["motivation"], "linking");
    let edit = |change: &dyn Fn(&mut serde_json::Value)| {
        let mut changed = export.clone();
        change(&mut changed["first"]["items"][3]);
        w3c::import(&changed.to_string(), T)
    };
    let error = edit(&|link| link["body"][0]["value"] = "hates".into()).unwrap_err().to_string();
    assert!(error.contains("$.first.items[3].body[0]") && error.contains("unknown relation kind"), "{error}");
    let error = edit(&|link| link["target"][0] = link["target"][1].clone()).unwrap_err().to_string();
    assert!(error.contains("$.first.items[3].target") && error.contains("itself"), "{error}");
    let error = edit(&|link| link["target"] = serde_json::json!([id(2).as_str()])).unwrap_err().to_string();
    assert!(error.contains("two targets"), "{error}");
    let dangling = edit(&|link| link["target"][0] = "urn:uuid:gone".into()).unwrap();
    assert!(dangling.relations.is_empty());
    assert!(dangling.warnings[0].contains("not in the file"), "{:?}", dangling.warnings);
    let untagged = edit(&|link| link["body"] = serde_json::json!([])).unwrap();
    assert!(
        untagged.relations.is_empty() && untagged.warnings[0].contains("no \"contests\""),
        "{:?}",
        untagged.warnings
    );
    // In a document that lacks an end, the merge refuses it.
    let mut other = Document::new("T", document.text().clone());
    let applied = other.apply(Action::MergeRelations { relations: document.relations().to_vec() }).unwrap();
    assert_eq!((applied.added, applied.refused), (0, 1));
    assert!(other.relations().is_empty());
}

/// Ids for annotations a brat file does not name, deterministic for tests.
fn counter() -> impl FnMut() -> AnnotationId {
    let mut n = 200u8;
    move || {
        n += 1;
        id(n)
    }
}

#[test]
fn brat_standoff_round_trips_annotations_relations_notes_and_holders() {
    let mut document = linked();
    let noted = Relation::new(id(21), RelationKind::Restates, id(3), id(1), T).with_note("again");
    document.apply(Action::AddRelation { relation: noted }).unwrap();
    let ann = brat::export(&document);
    // Code points, and a span across a line break in fragments.
    assert!(ann.starts_with("T1\tRedLine 11 41\tno ceding any territory 😀 past\n"), "{ann}");
    assert!(ann.contains("R1\tContests Arg1:T2 Arg2:T1\n"), "{ann}");
    assert!(ann.contains("\tHolder T1\tZelenskyy\n"), "{ann}");
    let imported = brat::import(&ann, document.text(), T, &mut counter()).unwrap();
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let back = imported.to_document().unwrap();
    let fields = |d: &Document| -> Vec<_> {
        d.annotations()
            .iter()
            .map(|a| (a.id().clone(), a.label(), a.span(), a.note().to_string(), a.holder().to_string()))
            .collect()
    };
    assert_eq!(fields(&back), fields(&document));
    assert_eq!(kinds(&back), kinds(&document));
    assert_eq!(
        back.relations().iter().map(|r| (r.id().clone(), r.note().to_string())).collect::<Vec<_>>(),
        document.relations().iter().map(|r| (r.id().clone(), r.note().to_string())).collect::<Vec<_>>()
    );

    let text = redline_core::DocumentText::new("Kyiv will\nnot cede land.");
    let mut crossing = Document::new("T", text.clone());
    let annotation =
        redline_core::Annotation::new(id(1), redline_core::Label::Claim, &text, common::span(&text, 5, 13), T);
    crossing.apply(Action::Add { annotation }).unwrap();
    assert!(brat::export(&crossing).starts_with("T1\tClaim 5 9;10 13\twill not\n"));
    let back = brat::import(&brat::export(&crossing), &text, T, &mut counter()).unwrap().to_document().unwrap();
    assert_eq!(back.annotations()[0].span(), Some(common::span(&text, 5, 13)));
}

#[test]
fn a_brat_file_from_another_tool_or_text_is_read_with_care() {
    let document = sample_document("T", "n");
    let text = document.text();
    // INCEpTION-style names, no ids: new ids, loose type names; an event is skipped with a warning.
    let ann = "T1\tred_line 11 41\tno ceding any territory 😀 past\nT2\tclaim 52 71\tPutin had consented\nR1\tcontests Arg1:T2 Arg2:T1\nE1\tEvent:T1\n";
    let imported = brat::import(ann, text, T, &mut counter()).unwrap();
    assert_eq!(imported.annotations.len(), 2);
    assert_eq!(imported.relations[0].source(), imported.annotations[1].annotation.id());
    assert_eq!(imported.warnings.len(), 1, "{:?}", imported.warnings);
    assert!(imported.text.is_some(), "placed on this text, it merges");
    // Made on another text: placed by quote instead, and said so.
    let moved = brat::import("T1\tClaim 0 5\tKremlin\n", text, T, &mut counter()).unwrap();
    assert!(moved.text.is_none() && moved.annotations[0].position.is_none() && moved.warnings.len() == 1);
    // An unknown type, a dangling relation: skipped with warnings.
    let skipped =
        brat::import("T1\tPerson 0 9\tZelenskyy\nR1\tSupports Arg1:T1 Arg2:T9\n", text, T, &mut counter()).unwrap();
    assert!(skipped.annotations.is_empty() && skipped.relations.is_empty() && skipped.warnings.len() == 2);
    // Broken lines: an error naming the line.
    for (ann, expected) in [
        ("T1\tClaim 0 5\tZelen\nT2 Claim 0 5\n", "line 2"),
        ("T1\tClaim zero 5\tZelen\n", "is not an offset"),
        ("T1\tClaim 0 999\tZelen\n", "do not fit the text"),
        ("R1\tContests Arg1:T1\n", "Arg2:"),
        ("X1\tsomething\n", "not a brat annotation id"),
    ] {
        let error = brat::import(ann, text, T, &mut counter()).unwrap_err().to_string();
        assert!(error.contains(expected), "{ann:?}: {error}");
    }
}

#[test]
fn doccano_and_csv_carry_relations() {
    let document = linked();
    let line: serde_json::Value = serde_json::from_str(doccano::export(&document).trim()).unwrap();
    assert_eq!(line["entities"].as_array().unwrap().len(), 3);
    let entity = serde_json::json!({
        "id": 1, "label": "red-line", "start_offset": 11, "end_offset": 41,
        "annotation_id": id(1).as_str(), "holder": "Zelenskyy", "note": "n",
    });
    assert_eq!(line["entities"][0], entity);
    let relation = serde_json::json!({
        "id": 1, "from_id": 2, "to_id": 1, "type": "contests", "relation_id": id(20).as_str(), "note": "",
    });
    assert_eq!(line["relations"], serde_json::json!([relation]));
    // Without relations, the labelling shape stays.
    assert!(doccano::export(&sample_document("T", "n")).contains("\"label\":[["));
    let rows = csv::export_relations(&document);
    let mut reader = ::csv::Reader::from_reader(rows.as_bytes());
    let record = reader.records().next().unwrap().unwrap();
    assert_eq!(
        record.iter().take(4).collect::<Vec<_>>(),
        [id(20).as_str(), "contests", id(2).as_str(), id(1).as_str()]
    );
    assert_eq!(ExportFormat::Csv.files(&document), [ExportFormat::Csv, ExportFormat::CsvRelations]);
    assert_eq!(ExportFormat::BratAnn.files(&document), [ExportFormat::PlainText, ExportFormat::BratAnn]);
    assert_eq!(ExportFormat::BratAnn.file_name("Talks"), "Talks.ann");
}

#[test]
fn doccano_and_csv_come_back_through_the_one_import() {
    let mut document = linked();
    document.apply(Action::SetRelationNote { id: id(20), note: "=runs into it".into(), at: T }).unwrap();
    let fields = |d: &Document| -> Vec<_> {
        d.placed()
            .map(|a| (a.id().clone(), a.label(), a.span(), a.note().to_string(), a.holder().to_string()))
            .collect()
    };
    let relations = |d: &Document| -> Vec<_> {
        d.relations()
            .iter()
            .map(|r| (r.id().clone(), r.kind(), r.source().clone(), r.target().clone(), r.note().to_string()))
            .collect()
    };
    // doccano's relation shape: the same document, relations, ids, holders and notes.
    let jsonl = doccano::export(&document);
    let imported = formats::import("Talks.doccano.jsonl", &jsonl, T, None, &mut counter()).unwrap();
    let back = imported.to_document().unwrap();
    assert_eq!((fields(&back), relations(&back)), (fields(&document), relations(&document)));
    // Its labelling shape, from doccano itself: new ids, loose label names, others skipped.
    let labelled = r#"{"text":"Kyiv will not cede land.","label":[[5,18,"Red Line"],[0,4,"PERSON"]]}"#;
    let imported = formats::import("x.jsonl", labelled, T, None, &mut counter()).unwrap();
    assert_eq!((imported.annotations.len(), imported.warnings.len()), (1, 1));
    assert_eq!(imported.annotations[0].annotation.label(), redline_core::Label::RedLine);
    assert!(formats::import("x.jsonl", r#"{"text":"abc","label":[[0,9,"claim"]]}"#, T, None, &mut counter())
        .unwrap_err()
        .contains("line 1"));

    // CSV: the annotations' file (placed by position and quote), then the relations' file.
    let rows = csv::export(&document);
    let imported = formats::import("Talks.annotations.csv", &rows, T, None, &mut counter()).unwrap();
    assert!(imported.text.is_none());
    let mut placed = Document::new("T", document.text().clone());
    let annotations = imported
        .annotations
        .iter()
        .map(|a| {
            let span = a.position.clone().map(|p| document.text().span(p.start, p.end).unwrap()).unwrap();
            a.annotation.clone().placed(document.text(), span)
        })
        .collect();
    placed.apply(Action::Merge { annotations }).unwrap();
    assert_eq!(fields(&placed), fields(&document));
    let imported =
        formats::import("Talks.relations.csv", &csv::export_relations(&document), T, None, &mut counter()).unwrap();
    placed.apply(Action::MergeRelations { relations: imported.relations }).unwrap();
    assert_eq!(relations(&placed), relations(&document), "the note's formula guard is taken off again");
    let error = formats::import(
        "x.csv",
        "id,relation,source,target,note,created,modified\nr1,contests\n",
        T,
        None,
        &mut counter(),
    );
    assert!(error.unwrap_err().contains("line 2"));
    // brat needs the article it was made on.
    assert!(formats::import("x.ann", "T1\tClaim 0 4\tKyiv\n", T, None, &mut counter())
        .unwrap_err()
        .contains("open the article"));
}
