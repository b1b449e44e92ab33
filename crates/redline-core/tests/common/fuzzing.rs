// The properties the fuzz targets check, shared by `fuzz/fuzz_targets/*` (libFuzzer, `make
// fuzz`; they `include!` this file) and `tests/fuzz_replay.rs` (their seeds and saved crashes,
// replayed in `make test`).

use redline_core::anchor::anchor;
use redline_core::formats::w3c;
use redline_core::schema;
use redline_core::{CharOffset, DocumentText, Quote, Timestamp};

/// Every stored-value decoder: any bytes give a value or an error, never a panic; whatever
/// decodes encodes to something that decodes to the same value.
pub fn storage(data: &[u8]) {
    let Ok(raw) = std::str::from_utf8(data) else { return };
    if let Ok(library) = schema::decode_library(raw) {
        assert_eq!(schema::decode_library(&schema::encode_library(&library)).ok(), Some(library));
    }
    if let Ok(text) = schema::decode_text(raw) {
        assert_eq!(schema::decode_text(&schema::encode_text(&text)).ok(), Some(text));
    }
    if let Ok(record) = schema::decode_annotation(raw) {
        assert_eq!(schema::decode_annotation(&schema::encode_annotation(&record)).ok(), Some(record));
    }
}

/// The W3C import: any bytes give a collection or an error; an imported document re-exports and
/// re-imports to itself.
pub fn w3c_import(data: &[u8]) {
    let Ok(raw) = std::str::from_utf8(data) else { return };
    let Ok(imported) = w3c::import(raw, Timestamp(0)) else { return };
    if let Some(document) = imported.to_document() {
        let again = w3c::import(&w3c::export(&document), Timestamp(0)).expect("an export imports");
        assert_eq!(again.to_document().as_ref(), Some(&document));
    }
}

/// Anchoring: any text, quote and position give a placement on that text or an orphan; an exact
/// placement slices to the quote.
pub fn anchoring(text: &str, exact: String, prefix: String, suffix: String, start: u32, width: u16) {
    let text = DocumentText::new(text);
    let quote = Quote { exact, prefix, suffix };
    let start = CharOffset(start as usize);
    let placement = anchor(&text, Some(start..CharOffset(start.0 + width as usize)), &quote);
    if let Some(span) = placement.span() {
        assert!(span.end() <= text.len_chars());
        assert!(!text.slice(span).is_empty());
        if placement.is_exact() {
            assert_eq!(text.slice(span), quote.exact);
        }
    }
}
