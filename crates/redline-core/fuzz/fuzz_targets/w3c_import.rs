//! The W3C import: any bytes give a collection or an error; an imported document re-exports and
//! re-imports to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use redline_core::formats::w3c;
use redline_core::Timestamp;

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else { return };
    let Ok(imported) = w3c::import(raw, Timestamp(0)) else { return };
    if let Some(document) = imported.to_document() {
        let again = w3c::import(&w3c::export(&document), Timestamp(0)).expect("an export imports");
        assert_eq!(again.to_document().as_ref(), Some(&document));
    }
});
