//! Fingerprints that tell a memoised view whether what it shows changed. A fast hash with a
//! fixed seed: it runs over every annotation on each change, and nothing secret depends on it.

use std::hash::BuildHasher;

pub type Fingerprint = foldhash::quality::FoldHasher<'static>;

pub fn fingerprint() -> Fingerprint {
    foldhash::quality::FixedState::default().build_hasher()
}
