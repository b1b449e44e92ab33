//! The storage schema: golden fixtures of version 1 load forever; bad values are errors.

mod common;

use common::{annotation, find};
use redline_core::schema::{
    self, Library, LibraryEntry, SchemaError, StoredAnnotations, StoredText,
};
use redline_core::{Action, Document, DocumentText, Label, Timestamp};
use std::path::Path;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

#[test]
fn version_1_fixtures_load() {
    let library = schema::decode_library(&fixture("storage-v1-library.json")).unwrap();
    assert_eq!(library.documents.len(), 1);
    let id = library.open.clone().unwrap();
    assert_eq!(library.documents[0].id, id);
    let text = schema::decode_text(&fixture("storage-v1-text.json")).unwrap();
    assert_eq!(text.sha256, id);
    let stored = schema::decode_annotations(&fixture("storage-v1-annotations.json")).unwrap();
    let document = Document::restore(
        "t",
        DocumentText::new(&text.text),
        stored.annotations,
        stored.tombstones,
    )
    .unwrap();
    assert_eq!(document.annotations().len(), 2);
    assert_eq!(document.annotations()[0].note, "kept since version 1");
    assert_eq!(document.orphans().count(), 1);
    assert_eq!(document.tombstones().len(), 1);
}

#[test]
fn encoding_round_trips() {
    let text = DocumentText::new("Kyiv will not cede land. 😀");
    let mut document = Document::new("T", text.clone());
    document
        .apply(Action::Add {
            annotation: annotation(1, Label::Claim, &text, find(&text, "will not cede")),
        })
        .unwrap();
    document
        .apply(Action::Delete {
            id: common::id(1),
            at: Timestamp(5),
        })
        .unwrap();
    document
        .apply(Action::Add {
            annotation: annotation(2, Label::RedLine, &text, find(&text, "land")),
        })
        .unwrap();
    let stored = StoredAnnotations {
        sha256: document.id().to_string(),
        annotations: document.annotations().to_vec(),
        tombstones: document.tombstones().clone(),
    };
    assert_eq!(
        schema::decode_annotations(&schema::encode_annotations(&stored)).unwrap(),
        stored
    );
    let library = Library {
        documents: vec![LibraryEntry {
            id: document.id().into(),
            title: "T".into(),
            added: Timestamp(1),
        }],
        open: Some(document.id().into()),
    };
    assert_eq!(
        schema::decode_library(&schema::encode_library(&library)).unwrap(),
        library
    );
    let stored_text = StoredText {
        sha256: text.sha256().into(),
        text: text.as_str().into(),
    };
    assert_eq!(
        schema::decode_text(&schema::encode_text(&stored_text)).unwrap(),
        stored_text
    );
}

#[test]
fn unreadable_values_are_errors_not_defaults() {
    assert!(matches!(
        schema::decode_library("{not json"),
        Err(SchemaError::NotJson(_))
    ));
    assert_eq!(
        schema::decode_library("{\"documents\":[]}"),
        Err(SchemaError::NoVersion)
    );
    assert_eq!(
        schema::decode_library("{\"version\":9}"),
        Err(SchemaError::NewerVersion(9))
    );
    assert!(matches!(
        schema::decode_library("{\"version\":1,\"documents\":[{\"id\":1}],\"open\":null}"),
        Err(SchemaError::Shape { path, .. }) if path == "$.documents[0].id"
    ));
    let tampered = fixture("storage-v1-text.json").replace("Kyiv", "Kiev");
    assert!(matches!(
        schema::decode_text(&tampered),
        Err(SchemaError::Invalid(_))
    ));
    let bad_label = fixture("storage-v1-annotations.json").replace("\"red-line\"", "\"blue-line\"");
    assert!(matches!(
        schema::decode_annotations(&bad_label),
        Err(SchemaError::Invalid(_))
    ));
}
