//! Anchoring: a placement on the text or an orphan, and an exact placement slices to the quote.
#![no_main]

include!("../../tests/common/fuzzing.rs");

libfuzzer_sys::fuzz_target!(|input: (String, String, String, String, u32, u16)| {
    let (text, exact, prefix, suffix, start, width) = input;
    anchoring(&text, exact, prefix, suffix, start, width);
});
