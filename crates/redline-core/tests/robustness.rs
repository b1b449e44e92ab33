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
    fn mutated_storage_records_never_panic(cut in 0usize..400, byte in any::<u8>(), which in 0usize..5) {
        let names = ["storage-v1-library.json", "storage-v1-text.json", "storage-v1-annotation.json", "storage-v1-orphan.json", "storage-v1-deleted.json"];
        let mut raw = fixture(names[which]).into_bytes();
        let at = cut % raw.len();
        raw[at] = byte;
        if let Ok(raw) = String::from_utf8(raw) {
            let _ = schema::decode_library(&raw);
            let _ = schema::decode_text(&raw);
            let _ = schema::decode_annotation(&raw);
        }
    }

    #[test]
    fn anchoring_arbitrary_quotes_gives_spans_on_the_text(
        text in "[a-z 😀é\n乌]{0,200}",
        exact in "[a-z 😀é]{0,30}",
        prefix in "[a-z ]{0,10}",
        suffix in "[a-z ]{0,10}",
        start in 0usize..300,
        width in 0usize..40,
    ) {
        let text = DocumentText::new(&text);
        let quote = Quote { exact, prefix, suffix };
        let placement = anchor(&text, Some(CharOffset(start)..CharOffset(start + width)), &quote);
        if let Some(span) = placement.span() {
            prop_assert!(span.end() <= text.len_chars());
            if placement.is_exact() {
                prop_assert_eq!(text.slice(span), quote.exact.as_str());
            }
        }
    }
}
