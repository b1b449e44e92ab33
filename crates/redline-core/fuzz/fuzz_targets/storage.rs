//! Every stored-value decoder: any bytes give a value or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use redline_core::schema;

fuzz_target!(|data: &[u8]| {
    if let Ok(raw) = std::str::from_utf8(data) {
        let _ = schema::decode_library(raw);
        let _ = schema::decode_text(raw);
        let _ = schema::decode_annotation(raw);
    }
});
