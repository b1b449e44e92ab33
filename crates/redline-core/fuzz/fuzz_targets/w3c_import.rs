//! The W3C import: never a panic, and an imported document re-exports and re-imports to itself.
#![no_main]

include!("../../tests/common/fuzzing.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| w3c_import(data));
