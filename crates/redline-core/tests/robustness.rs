//! Hostile and random input never panics: stored values, imports and anchoring. Sizes and
//! nesting are capped with clear errors.

mod common;

use proptest::prelude::*;
use redline_core::anchor::anchor;
use redline_core::formats::w3c::{self, ImportError};
use redline_core::schema;
use redline_core::{CharOffset, DocumentText, Quote, Timestamp};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

#[test]
fn oversized_and_deeply_nested_imports_are_refused_with_a_reason() {
    let huge = format!("{{\"type\":\"AnnotationCollection\",\"label\":\"{}\"}}", "x".repeat(w3c::MAX_IMPORT_BYTES));
    assert!(matches!(w3c::import(&huge, Timestamp(0)), Err(ImportError::TooLarge { .. })));
    let deep = format!("{}{}", "{\"a\":".repeat(10_000), "}".repeat(10_000));
    match w3c::import(&deep, Timestamp(0)) {
        Err(ImportError::NotJson(message)) => assert!(message.contains("recursion limit"), "{message}"),
        other => panic!("{other:?}"),
    }
    let numbers = "{\"type\":\"Annotation\",\"id\":\"a\",\"body\":{\"purpose\":\"tagging\",\"value\":\"claim\"},\"target\":{\"selector\":[{\"type\":\"TextQuoteSelector\",\"exact\":\"x\"},{\"type\":\"TextPositionSelector\",\"start\":1e999,\"end\":-1}]}}";
    assert!(w3c::import(numbers, Timestamp(0)).is_err());
}

#[test]
fn stored_values_of_the_wrong_version_or_shape_are_errors() {
    for raw in
        ["", "null", "[]", "{\"version\":-1}", "{\"version\":1.5}", "{\"version\":18446744073709551616}", "\"version\""]
    {
        assert!(schema::decode_library(raw).is_err(), "{raw}");
        assert!(schema::decode_annotation(raw).is_err(), "{raw}");
        assert!(schema::decode_text(raw).is_err(), "{raw}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn mutated_storage_records_never_panic_and_what_decodes_round_trips(
        cut in 0usize..400,
        replacement in any::<char>(),
        which in 0usize..5,
    ) {
        // A character, not a byte, is replaced: every mutation stays valid UTF-8 and reaches the
        // decoders (a byte would make most of them invalid text, dropped before decoding).
        let names = ["storage-v1-library.json", "storage-v1-text.json", "storage-v1-annotation.json", "storage-v1-orphan.json", "storage-v1-deleted.json"];
        let raw = fixture(names[which]);
        let at = cut % raw.chars().count();
        let mutated: String = raw.chars().enumerate().map(|(i, c)| if i == at { replacement } else { c }).collect();
        common::fuzzing::storage(mutated.as_bytes());
    }

    #[test]
    fn anchoring_quotes_of_the_text_gives_spans_on_the_text(
        text in "[a-z 😀é\n乌]{1,200}",
        from in 0usize..200,
        width in 1usize..30,
        misplaced in 0usize..300,
        at_its_place in any::<bool>(),
        edit in proptest::option::of((0usize..200, "[a-z😀]")),
    ) {
        // The quote is taken from the text (so that exact placements happen), then placed on the
        // text as it was, or after an edit; from its own position or from a wrong one.
        let old = DocumentText::new(&text);
        let len = old.len_chars().0;
        let start = from % len;
        let end = (start + width).min(len);
        let span = old.span(CharOffset(start), CharOffset(end.max(start + 1))).unwrap();
        let quote = Quote::of(&old, span);
        let new_text = match &edit {
            Some((at, insert)) => {
                let at = at % (len + 1);
                let mut chars: Vec<char> = text.replace('\r', "").chars().collect();
                chars.splice(at.min(chars.len())..at.min(chars.len()), insert.chars());
                chars.into_iter().collect()
            }
            None => old.as_str().to_string(),
        };
        let new = DocumentText::new(&new_text);
        let position = if at_its_place { span.start()..span.end() } else { CharOffset(misplaced)..CharOffset(misplaced + width) };
        let placement = anchor(&new, Some(position), &quote);
        if edit.is_none() && at_its_place && !quote.exact.trim().is_empty() {
            prop_assert!(placement.is_exact(), "an unedited quote at its place: {:?}", placement);
        }
        if let Some(placed) = placement.span() {
            prop_assert!(placed.end() <= new.len_chars());
            if placement.is_exact() {
                prop_assert_eq!(new.slice(placed), quote.exact.as_str());
            }
        }
    }
}
