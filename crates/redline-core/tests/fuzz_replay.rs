//! The fuzz targets' properties (`tests/common/fuzzing.rs`) on their seeds, on whatever corpus
//! and crashes `make fuzz` left here (`fuzz/corpus`, `fuzz/artifacts`), and on the crashes kept
//! for good in `fuzz/regressions`: a crash once found fails `make test` until it is fixed.

mod common;

use arbitrary::{Arbitrary, Unstructured};
use common::fuzzing;
use std::path::{Path, PathBuf};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

/// Every saved input of a target, with the fixtures that seed it.
fn inputs(target: &str, seeds: &[&str]) -> Vec<(PathBuf, Vec<u8>)> {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<PathBuf> = seeds.iter().map(|name| fixtures.join(name)).collect();
    for folder in ["corpus", "artifacts", "regressions"] {
        if let Ok(entries) = std::fs::read_dir(fuzz_dir().join(folder).join(target)) {
            files.extend(
                entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_file() && !p.ends_with("README")),
            );
        }
    }
    files.sort();
    files.into_iter().map(|path| (path.clone(), std::fs::read(&path).unwrap())).collect()
}

/// Runs `property` on each input, naming the one that fails.
fn replay(target: &str, seeds: &[&str], property: impl Fn(&[u8]) + std::panic::RefUnwindSafe) -> usize {
    let inputs = inputs(target, seeds);
    for (path, data) in &inputs {
        let outcome = std::panic::catch_unwind(|| property(data));
        assert!(outcome.is_ok(), "{target}: {} fails its property", path.display());
    }
    inputs.len()
}

#[test]
fn storage_inputs_decode_encode_and_decode_to_the_same_value() {
    let seeds = [
        "storage-v1-library.json",
        "storage-v1-text.json",
        "storage-v1-annotation.json",
        "storage-v1-orphan.json",
        "storage-v1-deleted.json",
    ];
    assert!(replay("storage", &seeds, fuzzing::storage) >= seeds.len());
}

#[test]
fn w3c_inputs_import_and_export_to_themselves() {
    assert!(replay("w3c_import", &["export.w3c.json"], fuzzing::w3c_import) >= 1);
}

#[test]
fn anchoring_inputs_place_exactly_on_their_quote_or_not_at_all() {
    replay("anchoring", &[], |data| {
        let input = <(String, String, String, String, u32, u16)>::arbitrary_take_rest(Unstructured::new(data));
        if let Ok((text, exact, prefix, suffix, start, width)) = input {
            fuzzing::anchoring(&text, exact, prefix, suffix, start, width);
        }
    });
    // Seeds of its own: quotes of the bundled article, at their place, shifted and misplaced.
    let article = include_str!("../../../static/security-guarantees.txt");
    for (at, phrase) in
        [(41usize, "Ukraine will not sign"), (0, "President"), (4000, "sovereignty and territorial integrity.")]
    {
        for start in [at as u32, at as u32 + 7, 0, 100_000] {
            fuzzing::anchoring(article, phrase.into(), String::new(), String::new(), start, phrase.len() as u16);
        }
    }
}
