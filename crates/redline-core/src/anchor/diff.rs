//! An old text mapped onto its new version through a word diff (imara-diff's histogram
//! algorithm), so that a span is carried to where its text went instead of searched for.
//!
//! Tokens are words, runs of white space and single other characters: a changed letter changes
//! one word, and a paragraph added above shifts everything below without touching it.

use super::index::is_word_char;
use imara_diff::{Algorithm, Diff, InternedInput};
use std::ops::Range;

/// Where a span of the old text landed in the new one.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapped {
    /// Byte range in the new text: the old ends carried over, or widened to the whole change
    /// when an end falls inside one.
    pub range: Range<usize>,
    /// How much of the old span survived unchanged, 0 to 1.
    pub kept: f64,
}

/// A stretch that both texts share: `len` bytes at `old` in the old text and `new` in the new.
#[derive(Debug, Clone, Copy)]
struct Shared {
    old: usize,
    new: usize,
    len: usize,
}

/// The shared stretches of two texts, in order.
#[derive(Debug)]
pub struct DiffMap {
    shared: Vec<Shared>,
    old_len: usize,
    new_len: usize,
}

fn tokens(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(text.len() / 3);
    let mut kind_of_last = None;
    for (at, ch) in text.char_indices() {
        let kind = if is_word_char(ch) {
            Some(0)
        } else if ch.is_whitespace() {
            Some(1)
        } else {
            None
        };
        let end = at + ch.len_utf8();
        match out.last_mut() {
            Some(last) if kind.is_some() && kind == kind_of_last => last.end = end,
            _ => out.push(at..end),
        }
        kind_of_last = kind;
    }
    out
}

impl DiffMap {
    pub fn new(old: &str, new: &str) -> DiffMap {
        let old_tokens = tokens(old);
        let new_tokens = tokens(new);
        let mut input: InternedInput<&str> = InternedInput::default();
        input.update_before(old_tokens.iter().map(|r| &old[r.clone()]));
        input.update_after(new_tokens.iter().map(|r| &new[r.clone()]));
        let diff = Diff::compute(Algorithm::Histogram, &input);
        let mut shared = Vec::new();
        let (mut old_token, mut new_token) = (0usize, 0usize);
        let mut push_equal = |from_old: usize, to_old: usize, from_new: usize| {
            if to_old > from_old {
                let old_start = old_tokens[from_old].start;
                let len = old_tokens[to_old - 1].end - old_start;
                shared.push(Shared { old: old_start, new: new_tokens[from_new].start, len });
            }
        };
        for hunk in diff.hunks() {
            push_equal(old_token, hunk.before.start as usize, new_token);
            old_token = hunk.before.end as usize;
            new_token = hunk.after.end as usize;
        }
        push_equal(old_token, old_tokens.len(), new_token);
        DiffMap { shared, old_len: old.len(), new_len: new.len() }
    }

    /// Where the old byte range `old` went. `None` when none of it survived.
    pub fn map(&self, old: Range<usize>) -> Option<Mapped> {
        if old.start >= old.end || old.end > self.old_len {
            return None;
        }
        let kept: usize =
            self.overlapping(&old).map(|s| old.end.min(s.old + s.len).saturating_sub(old.start.max(s.old))).sum();
        if kept == 0 {
            return None;
        }
        let start = self.map_start(old.start);
        let end = self.map_end(old.end);
        (start < end).then(|| Mapped { range: start..end, kept: kept as f64 / (old.end - old.start) as f64 })
    }

    fn overlapping<'a>(&'a self, old: &'a Range<usize>) -> impl Iterator<Item = &'a Shared> {
        let first = self.shared.partition_point(|s| s.old + s.len <= old.start);
        self.shared[first..].iter().take_while(move |s| s.old < old.end)
    }

    /// A start inside a shared stretch moves with it; one inside a change goes to where that
    /// change starts in the new text.
    fn map_start(&self, at: usize) -> usize {
        let after = self.shared.partition_point(|s| s.old + s.len <= at);
        match self.shared.get(after) {
            Some(s) if s.old <= at => s.new + (at - s.old),
            _ => after.checked_sub(1).and_then(|i| self.shared.get(i)).map_or(0, |s| s.new + s.len),
        }
    }

    /// An end inside a shared stretch moves with it; one inside a change goes to where that
    /// change ends in the new text.
    fn map_end(&self, at: usize) -> usize {
        let after = self.shared.partition_point(|s| s.old + s.len < at);
        match self.shared.get(after) {
            Some(s) if s.old < at => s.new + (at - s.old),
            Some(s) => s.new,
            None => self.new_len,
        }
    }
}
