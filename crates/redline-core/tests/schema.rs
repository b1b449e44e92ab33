//! The storage schema: golden fixtures of version 1 load forever; bad values are errors.

mod common;

use common::{annotation, find};
use redline_core::schema::{self, AnnotationRecord, Library, LibraryEntry, SchemaError, StoredText};
use redline_core::{Action, Document, DocumentText, Label, Timestamp};
use std::collections::BTreeMap;
use std::path::Path;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn the_version_3_list_keeps_each_documents_metadata_and_version_1_lists_read_without() {
    let library = schema::decode_library(&fixture("storage-v3-library.json")).unwrap();
    let metadata = &library.documents[0].metadata;
    assert_eq!(metadata.url.as_deref(), Some("https://ledger.example/world/kyiv"));
    assert_eq!(metadata.outlet.as_deref(), Some("The Kyiv Ledger"));
    assert_eq!(metadata.author.as_deref(), Some("Olena Marchenko"));
    assert_eq!(metadata.published.as_deref(), Some("2026-08-19"));
    assert!(library.documents[1].metadata.is_empty());
    // Written back, it is the same list (absent fields stay absent).
    assert_eq!(schema::encode_library(&library), fixture("storage-v3-library.json").trim());
    let old = schema::decode_library(&fixture("storage-v1-library.json")).unwrap();
    assert!(old.documents[0].metadata.is_empty());
    assert!(schema::encode_library(&old).starts_with("{\"version\":3,"));
    // A stored address that is not a web address is not taken.
    let hostile =
        fixture("storage-v3-library.json").replace("https://ledger.example/world/kyiv", "javascript:alert(1)");
    assert_eq!(schema::decode_library(&hostile).unwrap().documents[0].metadata.url, None);
}

#[test]
fn version_1_fixtures_load() {
    let library = schema::decode_library(&fixture("storage-v1-library.json")).unwrap();
    assert_eq!(library.documents.len(), 1);
    let id = library.open.clone().unwrap();
    assert_eq!(library.documents[0].id, id);
    let text = schema::decode_text(&fixture("storage-v1-text.json")).unwrap();
    assert_eq!(text.sha256, id.as_str());
    let mut annotations = Vec::new();
    let mut tombstones = BTreeMap::new();
    for name in ["storage-v1-annotation.json", "storage-v1-orphan.json", "storage-v1-deleted.json"] {
        match schema::decode_annotation(&fixture(name)).unwrap() {
            AnnotationRecord::Live(annotation) => annotations.push(annotation),
            AnnotationRecord::Deleted { id, at } => {
                tombstones.insert(id, at);
            }
            AnnotationRecord::Relation(_) => panic!("version 1 has no relations"),
        }
    }
    let document = Document::restore("t", DocumentText::new(&text.text), annotations, tombstones).unwrap();
    assert_eq!(document.annotations().len(), 2);
    assert_eq!(document.annotations()[0].note(), "kept since version 1");
    assert_eq!(document.annotations()[0].quote().exact, "will not cede");
    assert_eq!(document.orphans().count(), 1);
    assert_eq!(document.tombstones().len(), 1);
}

#[test]
fn encoding_round_trips() {
    let text = DocumentText::new("Kyiv will not cede land. 😀");
    let empty = Document::new("T", text.clone());
    let mut document = empty.clone();
    let first = annotation(1, Label::Claim, &text, find(&text, "will not cede"));
    document.apply(Action::Add { annotation: first }).unwrap();
    document.apply(Action::Delete { id: common::id(1), at: Timestamp(5) }).unwrap();
    let second = annotation(2, Label::RedLine, &text, find(&text, "land"));
    document.apply(Action::Add { annotation: second.clone() }).unwrap();
    let records = document.records_since(Some(&empty));
    assert_eq!(
        records,
        vec![AnnotationRecord::Live(second.clone()), AnnotationRecord::Deleted { id: common::id(1), at: Timestamp(5) }]
    );
    assert!(document.records_since(Some(&document)).is_empty());

    for record in [AnnotationRecord::Live(second), AnnotationRecord::Deleted { id: common::id(1), at: Timestamp(5) }] {
        assert_eq!(schema::decode_annotation(&schema::encode_annotation(&record)).unwrap(), record);
    }
    let library = Library {
        documents: vec![LibraryEntry {
            id: document.id().clone(),
            title: "T".into(),
            added: Timestamp(1),
            metadata: Default::default(),
        }],
        open: Some(document.id().clone()),
    };
    assert_eq!(schema::decode_library(&schema::encode_library(&library)).unwrap(), library);
    let stored_text = StoredText { sha256: text.sha256().into(), text: text.as_str().into() };
    assert_eq!(schema::decode_text(&schema::encode_text(&stored_text)).unwrap(), stored_text);
    assert_eq!(
        schema::annotation_key(document.id(), &common::id(2)),
        format!("redline:annotation:{}:{}", document.id(), common::id(2))
    );
}

/// The path a shape error names, or why there is none.
fn shape_path(result: Result<impl std::fmt::Debug, SchemaError>) -> String {
    match result {
        Err(SchemaError::Shape { path, message }) => {
            assert!(!message.contains(" at line "), "the position is left to the path: {message}");
            path
        }
        other => panic!("expected a shape error, got {other:?}"),
    }
}

#[test]
fn shape_errors_name_the_json_path_of_the_bad_value() {
    let library = fixture("storage-v1-library.json");
    let wrong_title = library.replace("\"title\": \"Fixture\"", "\"title\": 7");
    assert_eq!(shape_path(schema::decode_library(&wrong_title)), "$.documents[0].title");
    let second = library.replace(
        "}], \"open\"",
        "}, {\"id\": \"x\", \"title\": \"a \\\"quoted\\\" one\", \"added\": \"soon\"}], \"open\"",
    );
    assert_eq!(shape_path(schema::decode_library(&second)), "$.documents[1].added");
    let no_title = library.replace("\"title\": \"Fixture\", ", "");
    assert_eq!(shape_path(schema::decode_library(&no_title)), "$.documents[0]", "a missing member: its object");
    let across_lines = library.replace(", ", ",\n  ").replace("\"added\": 1764000000000", "\"added\": [1]");
    assert_eq!(shape_path(schema::decode_library(&across_lines)), "$.documents[0].added");
    let text = fixture("storage-v1-text.json").replacen("\"sha256\": ", "\"sha256\": [", 1).replacen(
        ", \"text\"",
        "], \"text\"",
        1,
    );
    assert_eq!(shape_path(schema::decode_text(&text)), "$.sha256");
}

#[test]
fn unreadable_values_are_errors_not_defaults() {
    assert!(matches!(schema::decode_library("{not json"), Err(SchemaError::NotJson(_))));
    assert_eq!(schema::decode_library("{\"documents\":[]}"), Err(SchemaError::NoVersion));
    assert_eq!(schema::decode_library("{\"version\":9}"), Err(SchemaError::NewerVersion(9)));
    assert!(matches!(
        schema::decode_library("{\"version\":1,\"documents\":[{\"id\":1}],\"open\":null}"),
        Err(SchemaError::Shape { path, .. }) if path == "$.documents[0].id"
    ));
    let tampered = fixture("storage-v1-text.json").replace("Kyiv", "Kiev");
    assert!(matches!(schema::decode_text(&tampered), Err(SchemaError::Invalid(_))));
    let bad_label = fixture("storage-v1-annotation.json").replace("\"red-line\"", "\"blue-line\"");
    assert!(matches!(schema::decode_annotation(&bad_label), Err(SchemaError::Invalid(_))));
    let unknown_kind = fixture("storage-v1-deleted.json").replace("\"deleted\"", "\"archived\"");
    assert!(matches!(schema::decode_annotation(&unknown_kind), Err(SchemaError::Shape { .. })));
    let half_span = fixture("storage-v1-annotation.json").replace("\"end\":18", "\"end\":null");
    assert!(matches!(schema::decode_annotation(&half_span), Err(SchemaError::Invalid(_))));
}

#[test]
fn stored_records_with_a_bad_id_a_reversed_span_or_an_unreleased_version_are_refused() {
    let record = fixture("storage-v1-annotation.json");
    let bad_id = record.replace("urn:uuid:11111111-1111-4111-8111-111111111111", "not an id");
    assert!(matches!(schema::decode_annotation(&bad_id), Err(SchemaError::Invalid(_))), "bad id");
    let reversed = record.replace("\"start\":5,\"end\":18", "\"start\":18,\"end\":5");
    assert_ne!(reversed, record);
    assert!(matches!(schema::decode_annotation(&reversed), Err(SchemaError::Invalid(_))), "reversed span");
    let unreleased = record.replace("\"version\":1", "\"version\":4");
    assert_eq!(schema::decode_annotation(&unreleased), Err(SchemaError::NewerVersion(4)));
    // Version 3 changed only the document list: no annotation record was ever written as 3.
    let never = record.replace("\"version\":1", "\"version\":3");
    assert!(matches!(schema::decode_annotation(&never), Err(SchemaError::Invalid(_))), "annotation v3");
    let zero = record.replace("\"version\":1", "\"version\":0");
    assert!(schema::decode_annotation(&zero).is_err(), "version 0 was never written");
    // A document is named by the SHA-256 of its text, nothing else.
    let library = fixture("storage-v1-library.json");
    let id = "9eb20603cd17f3a64fda3f77e20b815ba7accee397197df8cf86c038dbc971ba";
    for bad in ["../../etc", "9EB20603CD17F3A64FDA3F77E20B815BA7ACCEE397197DF8CF86C038DBC971BA", ""] {
        let entry = library.replacen(id, bad, 1);
        assert!(matches!(schema::decode_library(&entry), Err(SchemaError::Invalid(_))), "entry id {bad:?}");
        let open = library.replacen(&format!("\"open\": \"{id}\""), &format!("\"open\": \"{bad}\""), 1);
        assert_ne!(open, library);
        assert!(matches!(schema::decode_library(&open), Err(SchemaError::Invalid(_))), "open {bad:?}");
    }
}

#[test]
fn stored_times_that_are_no_date_are_refused_not_shown_as_1970() {
    let record = fixture("storage-v1-annotation.json");
    for bad in ["-9223372036854775808", "9223372036854775807", "253402300800000"] {
        let damaged = record.replace("\"created\":1764000000000", &format!("\"created\":{bad}"));
        assert_ne!(damaged, record);
        match schema::decode_annotation(&damaged) {
            Err(SchemaError::Invalid(reason)) => assert!(reason.contains("\"created\""), "{reason}"),
            other => panic!("{bad}: {other:?}"),
        }
    }
    let deleted = fixture("storage-v1-deleted.json");
    let at = deleted.split("\"at\":").nth(1).unwrap().trim_end_matches(['}', '\n']).to_string();
    let damaged = deleted.replace(&format!("\"at\":{at}"), "\"at\":-99999999999999999");
    assert!(matches!(schema::decode_annotation(&damaged), Err(SchemaError::Invalid(_))), "{damaged}");
    assert_eq!(
        redline_core::Timestamp::checked(253_402_300_799_999).map(|t| t.to_rfc3339()),
        Some("9999-12-31T23:59:59.999Z".into())
    );
    assert_eq!(redline_core::Timestamp::parse_rfc3339("0000-01-01T00:00:00Z"), None);
}

fn live(annotation: &redline_core::Annotation) -> String {
    schema::encode_annotation(&AnnotationRecord::Live(annotation.clone()))
}

/// A stored document opens with what fits; each record left out is named with its reason.
#[test]
fn a_document_assembles_from_its_records_and_rejects_what_does_not_fit() {
    let text = DocumentText::new("Kyiv will not cede land. Moscow insists.");
    let kept = annotation(1, Label::Claim, &text, find(&text, "will not cede"));
    let mut older = annotation(2, Label::RedLine, &text, find(&text, "land"));
    let mut newer = older.clone();
    let value = Timestamp(1);
    older = older.with_modified(value);
    let value = Timestamp(2);
    newer = newer.with_modified(value);
    let long_text = DocumentText::new("Kyiv will not cede land. Moscow insists. And more text here.");
    let outside = annotation(3, Label::Claim, &long_text, find(&long_text, "more text"));
    let deleted = AnnotationRecord::Deleted { id: common::id(4), at: Timestamp(9) };
    let records = vec![
        ("k1".to_string(), live(&kept)),
        ("k2-old".to_string(), live(&older)),
        ("k2-new".to_string(), live(&newer)),
        ("k3".to_string(), live(&outside)),
        ("k4".to_string(), schema::encode_annotation(&deleted)),
        ("k5".to_string(), "{not json".to_string()),
    ];
    let assembled = schema::assemble::assemble_document("T", text, records).unwrap();
    assert_eq!(assembled.document.annotations(), &[kept, newer]);
    assert_eq!(assembled.document.tombstones().get(&common::id(4)), Some(&Timestamp(9)));
    let reason = |key: &str| assembled.rejected.iter().find(|r| r.key == key).map(|r| r.reason.clone());
    assert_eq!(assembled.rejected.len(), 3, "{:?}", assembled.rejected);
    assert!(reason("k3").is_some_and(|r| r.starts_with("its span does not fit the text")));
    assert_eq!(reason("k2-old"), Some(format!("another record holds a newer copy of {}", common::id(2))));
    assert!(reason("k5").is_some());
    // What is rejected is the record as stored, for the shell to keep under a backup key.
    assert!(assembled.rejected.iter().all(|r| !r.raw.is_empty()));
}

/// With the document list unreadable, every stored text comes back as a document.
#[test]
fn a_lost_document_list_is_rebuilt_from_the_stored_texts() {
    let texts = ["Kyiv will not cede land, the president said today.", "Moscow insists."].map(|raw| {
        let text = DocumentText::new(raw);
        schema::encode_text(&StoredText { sha256: text.sha256().to_string(), text: raw.to_string() })
    });
    let library = schema::assemble::recover_library(texts.into_iter().chain(["garbage".to_string()]), Timestamp(7));
    let titles: Vec<&str> = library.documents.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(titles, ["Recovered: Kyiv will not cede land, the president said", "Recovered: Moscow insists."]);
    assert!(library.documents.iter().all(|d| d.added == Timestamp(7)));
    assert_eq!(library.open, None);
}

#[test]
fn another_tabs_list_adds_documents_and_renames_but_never_removes() {
    let id = |n: u8| DocumentText::new(&n.to_string()).id().clone();
    let entry = |n: u8, title: &str| LibraryEntry {
        id: id(n),
        title: title.into(),
        added: Timestamp(1),
        metadata: Default::default(),
    };
    let mut mine = Library { documents: vec![entry(1, "Talks"), entry(2, "Kept")], open: Some(id(1)) };
    let theirs = Library { documents: vec![entry(1, "Talks, renamed"), entry(3, "New")], open: Some(id(3)) };
    assert!(mine.merge_from(theirs.clone()));
    assert_eq!(mine.documents, vec![entry(1, "Talks, renamed"), entry(2, "Kept"), entry(3, "New")]);
    assert_eq!(mine.open, Some(id(1)));
    assert!(!mine.merge_from(theirs), "taking the same list again changes nothing");
}

#[test]
fn version_2_relations_load_beside_version_1_records() {
    let text = schema::decode_text(&fixture("storage-v1-text.json")).unwrap();
    let names = ["storage-v1-annotation.json", "storage-v1-orphan.json", "storage-v2-relation.json"];
    let records = names.iter().map(|name| (name.to_string(), fixture(name)));
    let assembled = schema::assemble::assemble_document("t", DocumentText::new(&text.text), records).unwrap();
    assert!(assembled.rejected.is_empty());
    let relation = &assembled.document.relations()[0];
    assert_eq!(relation.kind(), redline_core::RelationKind::Contests);
    assert_eq!(relation.note(), "the demand runs into the red line");
    // Written again, a version 1 annotation becomes version 2 in the same shape.
    let annotation = assembled.document.annotations()[0].clone();
    let json = |raw: &str| serde_json::from_str::<serde_json::Value>(raw).unwrap();
    let raw = schema::encode_annotation(&AnnotationRecord::Live(annotation));
    assert_eq!(json(&raw), json(&fixture("storage-v1-annotation.json").replace("\"version\":1", "\"version\":2")));
    // The relation record is written as it was read.
    let raw = schema::encode_annotation(&AnnotationRecord::Relation(relation.clone()));
    assert_eq!(json(&raw), json(&fixture("storage-v2-relation.json")));
}

#[test]
fn the_first_screen_keeps_whole_paragraphs_up_to_its_limit_and_names_its_document() {
    let limit = schema::FIRST_SCREEN_CHARS;
    let kept = |ends: &[usize]| ends.iter().take_while(|&&end| schema::keeps_paragraph_ending_at(end)).count();
    assert_eq!(kept(&[10, 200, limit, limit + 1, limit + 2]), 3);
    assert_eq!(kept(&[limit + 1, 10]), 0, "a first paragraph past the limit keeps none");
    let document = Document::new("T", DocumentText::new("Body"));
    let html = "<div class=\"layout\">\"quoted\" &amp; <p>\u{2028}</p></div>";
    let kept: serde_json::Value =
        serde_json::from_str(&schema::encode_first_screen(document.id(), "/app-1a2b.js", html)).unwrap();
    assert_eq!(kept["version"], schema::FIRST_SCREEN_VERSION);
    assert_eq!(kept["release"], "/app-1a2b.js");
    assert_eq!(kept["document"], document.id().as_str());
    assert_eq!(kept["html"], html);
    assert_eq!(schema::FIRST_SCREEN_KEY, "redline:first-screen", "index.html reads this key");
}
