//! Export and import: golden fixtures, export → import identity, other formats, and malformed
//! input that must give an error naming where, never a panic.

mod common;

use common::{annotation, find};
use proptest::prelude::*;
use redline_core::formats::w3c::{self, ImportError};
use redline_core::formats::{csv, doccano, file_stem, ExportFormat};
use redline_core::{Action, Annotation, AnnotationId, Document, DocumentText, Label, Timestamp};
use std::path::Path;

const NOW: Timestamp = Timestamp(1_900_000_000_000);

fn sample() -> Document {
    common::sample_document("Security guarantees", "=cmd|' /C calc'!A0 \"quoted\", comma")
}

/// Compares an export with its fixture, which is written by hand: a change of format is a
/// deliberate edit of the fixture, never a rerun that rewrites it.
fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("missing fixture {name}"));
    assert_eq!(actual, expected, "{name} differs from its golden fixture");
}

#[test]
fn exports_match_their_golden_fixtures() {
    let document = sample();
    golden("export.w3c.json", &w3c::export(&document));
    golden("export.doccano.jsonl", &doccano::export(&document));
    golden("export.csv", &csv::export(&document));
}

/// The export, its items written one at a time, is the collection pretty-printed whole, for no
/// annotation, a few and many.
#[test]
fn the_export_is_the_whole_collection_pretty_printed() {
    let text = DocumentText::new(&"Kyiv will not cede land, “the envoy” said. 😀\n".repeat(260));
    for count in [0, 3, 250] {
        let mut document = Document::new("Many", text.clone());
        let annotations = (0..count)
            .map(|n| {
                let span = common::span(&text, n * 45, n * 45 + 4);
                Annotation::new(
                    AnnotationId::from_random_bytes([
                        n as u8,
                        (n >> 8) as u8,
                        7,
                        7,
                        7,
                        7,
                        7,
                        7,
                        7,
                        7,
                        7,
                        7,
                        7,
                        7,
                        7,
                        7,
                    ]),
                    Label::Claim,
                    &text,
                    span,
                    NOW,
                )
            })
            .collect();
        document.apply(Action::Merge { annotations }).unwrap();
        let joined = w3c::export(&document);
        let whole: serde_json::Value = serde_json::from_str(&joined).unwrap();
        assert_eq!(whole["first"]["items"].as_array().unwrap().len(), count);
        assert_eq!(joined, serde_json::to_string_pretty(&whole).unwrap(), "{count} annotations");
    }
}

#[test]
fn golden_export_still_imports() {
    let raw =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export.w3c.json")).unwrap();
    let imported = w3c::import(&raw, NOW).unwrap();
    assert_eq!(imported.to_document().unwrap(), sample());
}

#[test]
fn export_then_import_is_the_identity() {
    let mut document = sample();
    let mut orphan = annotation(4, Label::Claim, document.text(), find(document.text(), "Kremlin"));
    orphan = orphan.orphaned();
    let value = "Kremlin";
    orphan = orphan.with_holder(value);
    document.apply(Action::Merge { annotations: vec![orphan] }).unwrap();
    let imported = w3c::import(&w3c::export(&document), NOW).unwrap();
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    assert_eq!(imported.to_document().unwrap(), document);
}

#[test]
fn exported_positions_are_code_points_with_utf16_and_utf8_alongside() {
    let export: serde_json::Value = serde_json::from_str(&w3c::export(&sample())).unwrap();
    let text = export["document"]["text"].as_str().unwrap();
    for item in export["first"]["items"].as_array().unwrap() {
        let target = &item["target"];
        let selectors = target["selector"].as_array().unwrap();
        let exact = selectors[0]["exact"].as_str().unwrap();
        let (start, end) =
            (selectors[1]["start"].as_u64().unwrap() as usize, selectors[1]["end"].as_u64().unwrap() as usize);
        let by_chars: String = text.chars().skip(start).take(end - start).collect();
        assert_eq!(by_chars, exact);
        let utf16: Vec<u16> = text.encode_utf16().collect();
        let (u_start, u_end) = (
            target["utf16Offsets"]["start"].as_u64().unwrap() as usize,
            target["utf16Offsets"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(String::from_utf16(&utf16[u_start..u_end]).unwrap(), exact);
        let (b_start, b_end) = (
            target["utf8Offsets"]["start"].as_u64().unwrap() as usize,
            target["utf8Offsets"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[b_start..b_end], exact);
    }
}

#[test]
fn csv_neutralises_formulas_and_quotes_fields() {
    let out = csv::export(&sample());
    assert!(out.starts_with(
        "id,label,start,end,exact,prefix,suffix,holder,note,created,modified,source_url,outlet,author,published\n"
    ));
    assert!(out.contains("\"'=cmd|' /C calc'!A0 \"\"quoted\"\", comma\""), "{out}");
}

#[test]
fn file_names_are_safe() {
    assert_eq!(file_stem("a/b:c?"), "a_b_c_");
    assert_eq!(file_stem("  ..  "), "document");
}

#[test]
fn each_format_names_its_file_and_media_type_and_writes_what_its_module_writes() {
    let document = sample();
    let expected = [
        (ExportFormat::W3cJson, "Kyiv_ talks.annotations.json", "application/ld+json", w3c::export(&document)),
        (ExportFormat::DoccanoJsonLines, "Kyiv_ talks.doccano.jsonl", "application/jsonl", doccano::export(&document)),
        (ExportFormat::Csv, "Kyiv_ talks.annotations.csv", "text/csv", csv::export(&document)),
    ];
    for (format, name, media_type, contents) in expected {
        assert_eq!(format.file_name("Kyiv: talks"), name);
        assert_eq!(format.media_type(), media_type);
        assert_eq!(format.export(&document), contents);
    }
}

fn import_error(raw: &str) -> ImportError {
    w3c::import(raw, NOW).expect_err("should fail")
}

fn invalid_at(raw: &str) -> String {
    match import_error(raw) {
        ImportError::Invalid(e) => e.path,
        other => panic!("expected an error with a path, got {other:?}"),
    }
}

#[test]
fn malformed_inputs_give_errors_naming_where() {
    let good = w3c::export(&sample());
    assert!(matches!(import_error(&good[..good.len() / 2]), ImportError::NotJson(_)), "truncated");
    assert!(matches!(import_error("{\"text\":\"a\",\"label\":[[0,1,\"claim\"]]}\n"), ImportError::OtherFormat(_)));
    assert!(matches!(import_error(&csv::export(&sample())), ImportError::OtherFormat(_)));
    assert_eq!(invalid_at("{\"type\":\"Spreadsheet\"}"), "$");
    let mut value: serde_json::Value = serde_json::from_str(&good).unwrap();
    value["first"]["items"][1]["target"]["selector"][1]["start"] = serde_json::json!("ten");
    assert_eq!(invalid_at(&value.to_string()), "$.first.items[1].target.selector[1].start");
    value["first"]["items"][1]["target"]["selector"][1]["start"] = serde_json::json!(1e300);
    assert_eq!(invalid_at(&value.to_string()), "$.first.items[1].target.selector[1].start");
    value["first"]["items"][1]["target"]["selector"][1]["start"] = serde_json::json!(999_999);
    value["first"]["items"][1]["target"]["selector"][1]["end"] = serde_json::json!(1_000_000);
    assert_eq!(invalid_at(&value.to_string()), "$.first.items[1].target.selector[1]");
    let mut value: serde_json::Value = serde_json::from_str(&good).unwrap();
    value["first"]["items"][0]["id"] = serde_json::json!(7);
    assert_eq!(invalid_at(&value.to_string()), "$.first.items[0].id");
    let mut value: serde_json::Value = serde_json::from_str(&good).unwrap();
    value["first"]["items"][2]["created"] = serde_json::json!("last tuesday");
    assert_eq!(invalid_at(&value.to_string()), "$.first.items[2].created");
    let mut value: serde_json::Value = serde_json::from_str(&good).unwrap();
    value["document"]["text"] = serde_json::json!(["not", "text"]);
    assert_eq!(invalid_at(&value.to_string()), "$.document.text");
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(matches!(import_error(&deep), ImportError::NotJson(_)), "deep nesting");
}

/// Never dropped silently: an annotation with another tag waits for the user to label it.
#[test]
fn annotations_with_an_unknown_tag_are_kept_for_the_user_to_label() {
    let mut value: serde_json::Value = serde_json::from_str(&w3c::export(&sample())).unwrap();
    value["first"]["items"][0]["body"][0]["value"] = serde_json::json!("question");
    let imported = w3c::import(&value.to_string(), NOW).unwrap();
    assert_eq!(imported.annotations.len(), 2);
    assert_eq!(imported.untagged.len(), 1);
    assert_eq!(imported.untagged[0].annotation.id().as_str(), value["first"]["items"][0]["id"]);
    assert!(imported.warnings.is_empty());
    let labelled = imported.label_untagged(Some(Label::RedLine));
    assert_eq!(labelled.annotations.len(), 3);
    assert_eq!(labelled.to_document().unwrap().annotations().len(), 3);
}

#[test]
fn a_single_annotation_without_a_document_imports_for_re_anchoring() {
    let value: serde_json::Value = serde_json::from_str(&w3c::export(&sample())).unwrap();
    let single = value["first"]["items"][1].to_string();
    let imported = w3c::import(&single, NOW).unwrap();
    assert!(imported.text.is_none());
    assert_eq!(imported.annotations.len(), 1);
    assert_eq!(imported.annotations[0].annotation.quote().exact, "Putin had consented");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn csv_reads_back_field_for_field(note in "\\PC{0,40}", holder in "[a-z,\"\r\n =+@-]{0,12}") {
        let mut document = sample();
        let first = document.annotations()[0].id().clone();
        document.apply(Action::SetNote { id: first.clone(), note: note.clone(), at: NOW }).unwrap();
        document.apply(Action::SetHolder { id: first, holder: holder.clone(), at: NOW }).unwrap();
        let out = csv::export(&document);
        let mut reader = ::csv::ReaderBuilder::new().from_reader(out.as_bytes());
        prop_assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), csv::HEADER.to_vec());
        let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        prop_assert_eq!(rows.len(), document.annotations().len());
        // What a spreadsheet reads: the text itself, or the text after one apostrophe; never a
        // cell that starts like a formula; and plain text (a letter, digit or space first) as is.
        let check = |cell: &str, text: &str| -> Result<(), TestCaseError> {
            prop_assert!(cell == text || cell.strip_prefix('\'') == Some(text), "{:?} for {:?}", cell, text);
            prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{:?} would run as a formula", cell);
            if text.starts_with(|c: char| c.is_alphanumeric() || c == ' ') {
                prop_assert_eq!(cell, text);
            }
            Ok(())
        };
        for (row, a) in rows.iter().zip(document.annotations()) {
            prop_assert_eq!(&row[0], a.id().to_string());
            prop_assert_eq!(&row[2], a.span().unwrap().start().0.to_string());
            prop_assert_eq!(&row[3], a.span().unwrap().end().0.to_string());
            check(&row[4], &a.quote().exact)?;
            check(&row[7], a.holder())?;
            check(&row[8], a.note())?;
        }
    }

    #[test]
    fn import_never_panics_on_arbitrary_text(raw in ".{0,300}") {
        let _ = w3c::import(&raw, NOW);
    }

    #[test]
    fn import_never_panics_on_mutated_exports(cut in 0usize..4000, byte in any::<u8>()) {
        let mut raw = w3c::export(&sample()).into_bytes();
        let at = cut % raw.len();
        raw[at] = byte;
        if let Ok(text) = String::from_utf8(raw) {
            let _ = w3c::import(&text, NOW);
        }
    }
}

/// An import error's path and sentence.
fn invalid(raw: &str) -> (String, String) {
    match import_error(raw) {
        ImportError::Invalid(e) => (e.path.clone(), e.to_string()),
        other => panic!("expected an error with a path, got {other:?}"),
    }
}

#[test]
fn each_fault_in_a_w3c_file_is_named_with_its_place() {
    let good: serde_json::Value = serde_json::from_str(&w3c::export(&sample())).unwrap();
    let with = |change: &dyn Fn(&mut serde_json::Value)| {
        let mut value = good.clone();
        change(&mut value);
        value.to_string()
    };
    let cases: Vec<(&str, String, &str, &str)> = vec![
        (
            "a page by reference",
            with(&|v| v["first"] = serde_json::json!("https://example.org/page/1")),
            "$.first",
            "pages by reference cannot be fetched",
        ),
        (
            "no type",
            with(&|v| {
                v.as_object_mut().unwrap().remove("type");
            }),
            "$",
            "\"type\" is missing",
        ),
        (
            "an item that is not an object",
            with(&|v| v["first"]["items"][1] = serde_json::json!("an annotation")),
            "$.first.items[1]",
            "expected an annotation object, found",
        ),
        (
            "an id with spaces",
            with(&|v| v["first"]["items"][0]["id"] = serde_json::json!("not an id")),
            "$.first.items[0].id",
            "without spaces",
        ),
        (
            "no target",
            with(&|v| {
                v["first"]["items"][2].as_object_mut().unwrap().remove("target");
            }),
            "$.first.items[2]",
            "\"target\" is missing",
        ),
        (
            "a position that is not the quote",
            with(&|v| {
                v["first"]["items"][0]["target"]["selector"][0]["exact"] =
                    serde_json::json!("no ceding any territory 😀 pas!")
            }),
            "$.first.items[0].target.selector[1]",
            "is not the quoted",
        ),
        (
            "an empty quote",
            with(&|v| v["first"]["items"][1]["target"]["selector"][0]["exact"] = serde_json::json!("")),
            "$.first.items[1].target.selector[0]",
            "\"exact\" is empty",
        ),
        (
            "an end before the start",
            with(&|v| {
                v["first"]["items"][1]["target"]["selector"][1]["start"] = serde_json::json!(60);
                v["first"]["items"][1]["target"]["selector"][1]["end"] = serde_json::json!(52);
            }),
            "$.first.items[1].target.selector[1]",
            "\"end\" (52) must be greater than \"start\" (60)",
        ),
        (
            "an empty span",
            with(&|v| v["first"]["items"][1]["target"]["selector"][1]["end"] = serde_json::json!(52)),
            "$.first.items[1].target.selector[1]",
            "\"end\" (52) must be greater than \"start\" (52)",
        ),
    ];
    for (what, raw, path, sentence) in cases {
        let (found_path, message) = invalid(&raw);
        assert_eq!(found_path, path, "{what}: {message}");
        assert!(message.contains(sentence), "{what}: {message}");
    }
}

#[test]
fn skipped_items_are_warned_about_and_the_rest_imports() {
    let good: serde_json::Value = serde_json::from_str(&w3c::export(&sample())).unwrap();
    let mut value = good.clone();
    // The same id twice: the later copy is skipped.
    value["first"]["items"][2]["id"] = value["first"]["items"][0]["id"].clone();
    // No quote selector: skipped.
    value["first"]["items"][1]["target"]["selector"] =
        serde_json::json!([{ "type": "TextPositionSelector", "start": 52, "end": 71 }]);
    let imported = w3c::import(&value.to_string(), NOW).unwrap();
    assert_eq!(imported.annotations.len(), 1);
    assert_eq!(imported.warnings.len(), 2, "{:?}", imported.warnings);
    assert!(imported
        .warnings
        .iter()
        .any(|w| w.starts_with("$.first.items[1].target") && w.contains("no TextQuoteSelector")));
    assert!(imported.warnings.iter().any(|w| w.starts_with("$.first.items[2]") && w.contains("appears twice")));
}

#[test]
fn a_file_with_more_annotations_than_the_limit_is_refused_before_reading_them() {
    let items = vec![serde_json::json!({}); w3c::MAX_ANNOTATIONS + 1];
    let raw = serde_json::json!({ "type": "AnnotationPage", "items": items }).to_string();
    assert!(matches!(import_error(&raw), ImportError::TooMany { count, limit } if count == limit + 1));
}

fn with_source(mut document: Document) -> Document {
    document.set_metadata(redline_core::Metadata {
        url: Some("https://ledger.example/world/kyiv?id=1&x=2".into()),
        outlet: Some("=The Kyiv Ledger".into()),
        author: Some("Olena Marchenko, Tom Avery".into()),
        published: Some("2026-08-19T07:30:00Z".into()),
    });
    document
}

/// With a known address, each annotation targets it; the text's hash stays in the document
/// object, and every format carries the source back.
#[test]
fn a_documents_source_is_exported_and_read_back_by_every_format() {
    let document = with_source(sample());
    let exported = w3c::export(&document);
    let value: serde_json::Value = serde_json::from_str(&exported).unwrap();
    let item = &value["first"]["items"][0];
    assert_eq!(item["target"]["source"], "https://ledger.example/world/kyiv?id=1&x=2");
    assert_eq!(value["document"]["sha256"], document.text().sha256());
    assert_eq!(value["document"]["outlet"], "=The Kyiv Ledger");
    let imported = w3c::import(&exported, NOW).unwrap();
    assert_eq!(imported.metadata, *document.metadata());
    assert_eq!(imported.to_document().unwrap(), document);

    let doccano_line: serde_json::Value = serde_json::from_str(doccano::export(&document).trim()).unwrap();
    assert_eq!(doccano_line["author"], "Olena Marchenko, Tom Avery");
    let from_doccano =
        doccano::import(&doccano::export(&document), NOW, &mut || AnnotationId::from_random_bytes([9; 16])).unwrap();
    assert_eq!(from_doccano.metadata, *document.metadata());

    let table = csv::export(&document);
    assert!(table.lines().next().unwrap().ends_with(",source_url,outlet,author,published"));
    // The outlet starts with `=`: guarded in the file, unguarded when read back.
    assert!(table.contains(",'=The Kyiv Ledger,"));
    assert_eq!(csv::import(&table).unwrap().metadata, *document.metadata());
}

#[test]
fn a_csv_written_before_the_source_columns_still_imports() {
    let raw =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export-without-source.csv"))
            .unwrap();
    let imported = csv::import(&raw).unwrap();
    assert_eq!(imported.annotations.len(), sample().annotations().len());
    assert!(imported.metadata.is_empty());
}
