//! An old text mapped onto its new version through a word diff (imara-diff's histogram
//! algorithm), so that a span is carried to where its text went instead of searched for.
//!
//! Tokens are words, runs of white space and single other characters: a changed letter changes
//! one word, and a paragraph added above shifts everything below without touching it.

use super::index::is_word_char;
use crate::order;
use imara_diff::{Algorithm, Diff, InternedInput};
use std::ops::Range;

/// A changed passage longer than this (bytes) is diffed paragraph by paragraph even when its
/// paragraphs changed a lot: a word diff of it as a whole could take seconds.
const MAX_PASSAGE_BYTES: usize = 64 * 1024;
/// Changed passages up to this size (bytes, old and new together) take the minimal word diff.
const MINIMAL_DIFF_BYTES: usize = 16 * 1024;
/// Changed runs of paragraphs at most this many unchanged lines apart are diffed together.
const MERGE_GAP_LINES: u32 = 2;

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

/// The lines of a text, each with its line break.
fn lines(text: &str) -> Vec<Range<usize>> {
    let mut start = 0;
    text.split_inclusive('\n')
        .map(|line| {
            start += line.len();
            start - line.len()..start
        })
        .collect()
}

/// Line `i` of a text, without its line break.
fn line<'a>(text: &'a str, lines: &[Range<usize>], i: usize) -> &'a str {
    text[lines[i].clone()].trim_end_matches('\n')
}

/// The changed runs between two token lists (byte ranges into `old` and `new`).
fn diff_hunks(
    algorithm: Algorithm,
    old: &str,
    old_tokens: &[Range<usize>],
    new: &str,
    new_tokens: &[Range<usize>],
) -> Vec<imara_diff::Hunk> {
    let mut input: InternedInput<&str> = InternedInput::default();
    input.update_before(old_tokens.iter().map(|r| &old[r.clone()]));
    input.update_after(new_tokens.iter().map(|r| &new[r.clone()]));
    let mut diff = Diff::compute(algorithm, &input);
    // Of equally short diffs, the one that changes a passage in place rather than deleting it
    // and inserting its twin next door: a repeated line then stays paired with itself.
    diff.postprocess_no_heuristic(&input);
    diff.hunks().collect()
}

/// Among identical paragraphs a diff is free to delete one copy and insert the edited one a
/// few copies away; then the copies between are lined up with their neighbours, one off. Slides
/// such a deletion (or insertion) across the identical lines to meet the change on the other
/// side, so that the edited paragraph is paired with its own old version. `same_old(i, j)` and
/// `same_new(i, j)` tell whether two lines of each text are equal.
fn pair_across_twins(
    hunks: Vec<imara_diff::Hunk>,
    same_old: impl Fn(usize, usize) -> bool,
    same_new: impl Fn(usize, usize) -> bool,
) -> Vec<imara_diff::Hunk> {
    let mut out: Vec<imara_diff::Hunk> = Vec::with_capacity(hunks.len());
    for hunk in hunks {
        let Some(last) = out.last().cloned() else {
            out.push(hunk);
            continue;
        };
        let (p, q) = (last.before.end as usize, hunk.before.start as usize);
        let (i, j) = (last.after.end as usize, hunk.after.start as usize);
        // A change that inserts more lines than it deletes, identical lines, then one that
        // deletes more than it inserts: the surplus deleted lines slide up to meet the first.
        let inserted = last.after.len().saturating_sub(last.before.len());
        let deleted = hunk.before.len().saturating_sub(hunk.after.len());
        let slide = inserted.min(deleted);
        if slide > 0 && (0..q - p).all(|t| same_old(p + t, p + t + slide)) {
            let s = slide as u32;
            out.pop();
            out.push(imara_diff::Hunk { before: last.before.start..last.before.end + s, after: last.after });
            out.push(imara_diff::Hunk { before: hunk.before.start + s..hunk.before.end, after: hunk.after });
            continue;
        }
        // The same with the roles of the texts swapped.
        let deleted = last.before.len().saturating_sub(last.after.len());
        let inserted = hunk.after.len().saturating_sub(hunk.before.len());
        let slide = inserted.min(deleted);
        if slide > 0 && (0..j - i).all(|t| same_new(i + t, i + t + slide)) {
            let s = slide as u32;
            out.pop();
            out.push(imara_diff::Hunk { before: last.before, after: last.after.start..last.after.end + s });
            out.push(imara_diff::Hunk { before: hunk.before, after: hunk.after.start + s..hunk.after.end });
            continue;
        }
        out.push(hunk);
    }
    out.retain(|h| !(h.before.is_empty() && h.after.is_empty()));
    out
}

/// The shared stretches of two changed passages, word by word, at their offsets in the texts;
/// returns how many bytes of the old passage they keep. Paragraphs and short passages take
/// Myers's minimal diff (of identical sentences, each keeps its own place, where the faster
/// Myers with heuristics may shift one onto its twin); long passages that one, whose cost its
/// heuristics bound.
fn word_diff(
    algorithm: Algorithm,
    old: &str,
    new: &str,
    old_base: usize,
    new_base: usize,
    shared: &mut Vec<Shared>,
) -> usize {
    let old_tokens = tokens(old);
    let new_tokens = tokens(new);
    let hunks = diff_hunks(algorithm, old, &old_tokens, new, &new_tokens);
    push_shared(&hunks, &old_tokens, &new_tokens, (old_base, new_base), shared)
}

/// The stretches two token lists share, between their changed runs `hunks`, pushed onto `shared`
/// at the tokens' offsets plus `bases` (old, new); returns how many old bytes they cover.
fn push_shared(
    hunks: &[imara_diff::Hunk],
    old_tokens: &[Range<usize>],
    new_tokens: &[Range<usize>],
    bases: (usize, usize),
    shared: &mut Vec<Shared>,
) -> usize {
    let mut kept = 0;
    let mut push = |from_old: usize, to_old: usize, from_new: usize| {
        if to_old > from_old {
            let start = old_tokens[from_old].start;
            let len = old_tokens[to_old - 1].end - start;
            shared.push(Shared { old: bases.0 + start, new: bases.1 + new_tokens[from_new].start, len });
            kept += len;
        }
    };
    let (mut old_token, mut new_token) = (0usize, 0usize);
    for hunk in hunks {
        push(old_token, hunk.before.start as usize, new_token);
        old_token = hunk.before.end as usize;
        new_token = hunk.after.end as usize;
    }
    push(old_token, old_tokens.len(), new_token);
    kept
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

/// A [`DiffMap`] being built: the paragraph diff at once (cheap: one token per line), the
/// word diffs of changed passages a slice at a time.
#[derive(Debug)]
pub struct DiffBuilder {
    old_lines: Vec<Range<usize>>,
    new_lines: Vec<Range<usize>>,
    changed: Vec<imara_diff::Hunk>,
    next: usize,
    shared: Vec<Shared>,
}

impl DiffBuilder {
    /// Diffs paragraphs first; words inside each changed run of paragraphs come in
    /// [`DiffBuilder::step`]: a megabyte with a typo in every paragraph costs a word diff per
    /// paragraph, not one over the whole text (whose few distinct words would make it quadratic).
    pub fn new(old: &str, new: &str) -> DiffBuilder {
        let old_lines = lines(old);
        let new_lines = lines(new);
        // Changes a line or two apart are diffed as one region: a line inserted next to its
        // own twin is then paired with the right copy.
        let hunks = diff_hunks(Algorithm::Myers, old, &old_lines, new, &new_lines);
        let hunks = pair_across_twins(
            hunks,
            |i, j| line(old, &old_lines, i) == line(old, &old_lines, j),
            |i, j| line(new, &new_lines, i) == line(new, &new_lines, j),
        );
        let mut changed: Vec<imara_diff::Hunk> = Vec::new();
        for hunk in hunks {
            match changed.last_mut() {
                Some(last) if hunk.before.start - last.before.end <= MERGE_GAP_LINES => {
                    last.before.end = hunk.before.end;
                    last.after.end = hunk.after.end;
                }
                _ => changed.push(hunk),
            }
        }
        let mut shared = Vec::new();
        push_shared(&changed, &old_lines, &new_lines, (0, 0), &mut shared);
        DiffBuilder { old_lines, new_lines, changed, next: 0, shared }
    }

    pub fn is_done(&self) -> bool {
        self.next == self.changed.len()
    }

    /// Word-diffs changed passages until about `budget` bytes of them are done.
    pub fn step(&mut self, old: &str, new: &str, budget: usize) {
        let mut spent = 0;
        while spent < budget && self.next < self.changed.len() {
            let hunk = self.changed[self.next].clone();
            self.next += 1;
            spent += self.diff_passage(old, new, &hunk);
        }
    }

    /// Diffs one changed run of paragraphs; returns its size in bytes.
    fn diff_passage(&mut self, old: &str, new: &str, hunk: &imara_diff::Hunk) -> usize {
        let (before, after) =
            (hunk.before.start as usize..hunk.before.end as usize, hunk.after.start as usize..hunk.after.end as usize);
        if before.is_empty() || after.is_empty() {
            return 0;
        }
        let (old_lines, new_lines) = (&self.old_lines, &self.new_lines);
        let whole = (
            old_lines[before.start].start..old_lines[before.end - 1].end,
            new_lines[after.start].start..new_lines[after.end - 1].end,
        );
        // Paragraphs that changed one for one with slips of typing are diffed pair by pair
        // (cheap however many there are); anything else, such as paragraphs that traded
        // places, as one passage, so that no paragraph is lined up with another's words.
        if before.len() == after.len() {
            let mut paired = Vec::new();
            let mut kept = 0;
            for (o, n) in before.clone().zip(after.clone()) {
                let (old_range, new_range) = (old_lines[o].clone(), new_lines[n].clone());
                kept += word_diff(
                    Algorithm::MyersMinimal,
                    &old[old_range.clone()],
                    &new[new_range.clone()],
                    old_range.start,
                    new_range.start,
                    &mut paired,
                );
            }
            let changed_bytes = whole.0.len();
            if kept * 10 >= changed_bytes * 9 || changed_bytes > MAX_PASSAGE_BYTES {
                self.shared.extend(paired);
                return changed_bytes;
            }
        }
        // A passage of a few paragraphs takes the minimal diff too; a long one Myers's diff with
        // its heuristics, which bound the cost where words repeat.
        let algorithm = if whole.0.len() + whole.1.len() <= MINIMAL_DIFF_BYTES {
            Algorithm::MyersMinimal
        } else {
            Algorithm::Myers
        };
        word_diff(
            algorithm,
            &old[whole.0.clone()],
            &new[whole.1.clone()],
            whole.0.start,
            whole.1.start,
            &mut self.shared,
        );
        whole.0.len()
    }

    pub fn finish(mut self, old: &str, new: &str) -> DiffMap {
        while !self.is_done() {
            self.step(old, new, usize::MAX);
        }
        order::sort_by_key(&mut self.shared, |s| s.old);
        DiffMap { shared: self.shared, old_len: old.len(), new_len: new.len() }
    }
}

impl DiffMap {
    /// Where the old byte range `old` went, and how much of it survived. `None` when it maps
    /// to nothing (deleted outright).
    pub fn map(&self, old: Range<usize>) -> Option<Mapped> {
        if old.start >= old.end || old.end > self.old_len {
            return None;
        }
        let kept: usize =
            self.overlapping(&old).map(|s| old.end.min(s.old + s.len).saturating_sub(old.start.max(s.old))).sum();
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
