//! Anchoring: any text, quote and position give a placement on that text, or an orphan.
#![no_main]

use libfuzzer_sys::fuzz_target;
use redline_core::anchor::anchor;
use redline_core::{CharOffset, DocumentText, Quote};

fuzz_target!(|input: (String, String, String, String, u32, u16)| {
    let (text, exact, prefix, suffix, start, width) = input;
    let text = DocumentText::new(&text);
    let quote = Quote { exact, prefix, suffix };
    let start = CharOffset(start as usize);
    let position = Some(start..CharOffset(start.0 + width as usize));
    if let Some(span) = anchor(&text, position, &quote).span() {
        assert!(span.end() <= text.len_chars());
        assert!(!text.slice(span).is_empty());
    }
});
