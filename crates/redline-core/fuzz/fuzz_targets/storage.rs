//! Every stored-value decoder: never a panic, and decode → encode → decode is the identity.
#![no_main]

include!("../../tests/common/fuzzing.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| storage(data));
