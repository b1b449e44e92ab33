//! Placing an annotation on a text (SPEC §4). A wrong placement is worse than an orphan, so a
//! place is taken only on evidence, in this order:
//!
//! 1. When the old text is known: the span carried through a paragraph-then-word diff of old
//!    and new ([`diff`]). Unchanged text lands exactly; text changed inside lands where the
//!    change is, as fuzzy, when most of it is kept. Either way its context must still agree
//!    (a diff also lines up common words of two unrelated sentences).
//! 2. When it is not: the old position, when the text there is still the quote and its context
//!    agrees at all.
//! 3. A search through an index of the new text's words ([`index`]), near the expected place
//!    first: exact copies, then near matches. Every such place must have context support
//!    ([`context`]), with a bar that rises as the quote gets shorter, and must beat every rival;
//!    among equals the one nearest to where the quote is expected wins.
//! 4. Otherwise an orphan, with the reason.

pub mod context;
mod diff;
mod index;

use crate::annotation::Quote;
use crate::offset::{ByteOffset, CharOffset};
use crate::order;
use crate::span::Span;
use crate::text::DocumentText;
use context::{fit, normalise, similarity};
use diff::{DiffBuilder, DiffMap, Mapped};
use index::{is_word_char, WordIndex};
use std::fmt;
use std::ops::Range;
use triple_accel::levenshtein::{levenshtein_search_simd_with_opts, LEVENSHTEIN_COSTS};
use triple_accel::SearchType;

/// Text indexed in one slice of [`AnchorerBuilder::step`] (bytes).
const INDEX_SLICE_BYTES: usize = 64 * 1024;
/// Changed passages word-diffed in one slice (bytes).
const DIFF_SLICE_BYTES: usize = 32 * 1024;
/// A near match's text must be at least this similar to the quote (0 to 1).
const MIN_QUOTE_SIMILARITY: f64 = 0.75;
/// A changed quote at its expected place, with both sides of its context agreeing, needs only
/// this similarity (a short word with two letters swapped).
const MIN_CHANGED_SIMILARITY: f64 = 0.5;
/// Context support at which both sides agree (nearly letter for letter).
const BOTH_SIDES_AGREE: f64 = 0.9;
/// Nearness (see `decide`) of a place within a few characters of the expected one.
const AT_EXPECTED_NEARNESS: f64 = 0.99;
/// Agreeing code points next to each end that, with the diff's word-for-word alignment, hold a
/// carried span whose wider context was edited.
const NEIGHBOUR_CHARS: usize = 8;
/// A place is refused when a rival ranks within this of it.
const RIVAL_MARGIN: f64 = 0.05;
/// How much of a span must survive a diff for the changed text to be taken as its own.
const MIN_KEPT: f64 = 0.5;
/// Quotes longer than this (bytes) are not searched fuzzily.
const MAX_FUZZY_QUOTE: usize = 1_000;
/// Bytes each side of the expected place that a near-match search always looks at.
const NEAR_WINDOW: usize = 256;
/// Places further than this (code points) from the expected one count as far.
const NEARNESS_SCALE: f64 = 2_000.0;
/// What a variant loses for each end that cuts a word where the quote did not (or the reverse).
const BOUNDARY_PENALTY: f64 = 0.3;
/// Distinct places one near-match search returns at most.
const MAX_NEAR_PLACES: usize = 8;
/// Proposals checked for a near match at most, nearest to the expected place first.
const MAX_FUZZY_PROPOSALS: usize = 16;
/// Candidates weighed at most, nearest to the expected place first.
const MAX_WEIGHED: usize = 200;
/// Exact copies found by a plain scan (quotes without a whole word) weighed at most.
const MAX_SCANNED: usize = 1_000;

/// How an annotation was placed.
#[derive(Debug, Clone, PartialEq)]
pub enum Placement {
    /// The quote, unchanged, where it was expected: its old position, or where the diff or its
    /// neighbours' shift carried it.
    Exact(Span),
    /// The quote, unchanged, with its context, somewhere else (a paragraph moved).
    Moved(Span),
    /// Text that changed inside, where its context agrees; `score` is the text's similarity.
    Fuzzy { span: Span, score: f64 },
    /// No place is trustworthy.
    Orphan(OrphanReason),
}

/// Why an annotation became an orphan: said in the import report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrphanReason {
    /// The annotation carries no quote.
    NoQuote,
    /// Nothing close to the quote is in the text.
    NotFound,
    /// The words are there, but their surroundings are another sentence's.
    OutOfContext,
    /// Several places fit equally well.
    Ambiguous,
}

impl fmt::Display for OrphanReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OrphanReason::NoQuote => "it has no quote to look for",
            OrphanReason::NotFound => "its text is not in this document",
            OrphanReason::OutOfContext => "the text is there, but not in its sentence",
            OrphanReason::Ambiguous => "it fits several places equally well",
        })
    }
}

impl Placement {
    pub fn span(&self) -> Option<Span> {
        match self {
            Placement::Exact(s) | Placement::Moved(s) => Some(*s),
            Placement::Fuzzy { span, .. } => Some(*span),
            Placement::Orphan(_) => None,
        }
    }

    /// Whether the placed text equals the quote.
    pub fn is_exact(&self) -> bool {
        matches!(self, Placement::Exact(_) | Placement::Moved(_))
    }
}

/// Places a quote, last seen at `position` (if known), on `text`. For many quotes on one text,
/// build an [`Anchorer`] once.
pub fn anchor(text: &DocumentText, position: Option<Range<CharOffset>>, quote: &Quote) -> Placement {
    Anchorer::new(text.clone(), None).place(position, quote, 0)
}

/// A text ready to take many quotes: its word index and, when the text they were made on is
/// known, the diff from that text.
#[derive(Debug)]
pub struct Anchorer {
    text: DocumentText,
    index: WordIndex,
    old: Option<(DocumentText, DiffMap)>,
}

/// A place being weighed.
#[derive(Debug, Clone)]
struct Candidate {
    span: Span,
    exact: bool,
    quote_similarity: f64,
    /// How a near match's text and ends weigh against other variants of it (see
    /// `best_variant`); 0 for an exact copy, which needs no such weighing.
    weight: f64,
    /// Once read: the context support, if it is enough for this quote.
    judged: Option<Option<f64>>,
}

impl Candidate {
    fn new(span: Span, exact: bool, quote_similarity: f64) -> Candidate {
        Candidate { span, exact, quote_similarity, weight: 0.0, judged: None }
    }
}

/// An [`Anchorer`] built a slice at a time: a megabyte's word index and diff take longer than
/// a frame, so a page builds it between frames.
#[derive(Debug)]
pub struct AnchorerBuilder {
    text: DocumentText,
    index: WordIndex,
    indexed: usize,
    old: Option<(DocumentText, Option<DiffBuilder>)>,
}

impl AnchorerBuilder {
    /// Prepares to index `text` and diff it against `old`, the text the positions were taken
    /// on, if known.
    pub fn new(text: DocumentText, old: Option<DocumentText>) -> AnchorerBuilder {
        AnchorerBuilder { text, index: WordIndex::default(), indexed: 0, old: old.map(|old| (old, None)) }
    }

    /// Does one slice of the work; true once the anchorer is ready.
    pub fn step(&mut self) -> bool {
        let text = self.text.as_str();
        if self.indexed < text.len() {
            self.indexed = self.index.extend(text, self.indexed, INDEX_SLICE_BYTES);
            return false;
        }
        match &mut self.old {
            None => true,
            Some((old, diff @ None)) => {
                *diff = Some(DiffBuilder::new(old.as_str(), text));
                false
            }
            Some((old, Some(diff))) if !diff.is_done() => {
                diff.step(old.as_str(), text, DIFF_SLICE_BYTES);
                false
            }
            Some(_) => true,
        }
    }

    /// The anchorer, with whatever work is left done at once.
    pub fn finish(mut self) -> Anchorer {
        while !self.step() {}
        let text = self.text;
        let old = self.old.map(|(old, diff)| {
            let diff = diff
                .unwrap_or_else(|| DiffBuilder::new(old.as_str(), text.as_str()))
                .finish(old.as_str(), text.as_str());
            (old, diff)
        });
        Anchorer { text, index: self.index, old }
    }
}

impl Anchorer {
    /// Indexes `text`; diffs it against `old`, the text the positions were taken on, if known.
    pub fn new(text: DocumentText, old: Option<DocumentText>) -> Anchorer {
        AnchorerBuilder::new(text, old).finish()
    }

    pub fn text(&self) -> &DocumentText {
        &self.text
    }

    /// Places `quote`, last seen at `position` of the old text. `shift` is how far (code points)
    /// the quote's neighbours moved; it says where the quote is expected when no diff does.
    pub fn place(&self, position: Option<Range<CharOffset>>, quote: &Quote, shift: isize) -> Placement {
        if quote.exact.trim().is_empty() {
            return Placement::Orphan(OrphanReason::NoQuote);
        }
        let mut expected: Option<usize> = None;
        if let Some((old, diff)) = &self.old {
            if let Some(old_range) = position.as_ref().and_then(|p| quoted_range(old, p, &quote.exact)) {
                match diff.map(old_range.clone()) {
                    Some(mapped) => {
                        if let Some(placement) = self.carried(&mapped, quote) {
                            return placement;
                        }
                        expected = Some(mapped.range.start);
                    }
                    None => expected = diff.map(old_range.start..old.as_str().len()).map(|m| m.range.start),
                }
            }
        }
        if let (Some(position), true) = (&position, self.old.is_none()) {
            if let Some(placement) = self.at_old_position(position, quote) {
                return placement;
            }
            let start = position.start.0.saturating_add_signed(shift).min(self.text.len_chars().0);
            expected = self.text.byte_of(CharOffset(start)).ok().map(ByteOffset::get);
        }
        self.search(quote, expected)
    }

    /// The span the diff carried, when its text is still the quote or mostly kept, and its
    /// context agrees as any other place's must (a word diff also lines up common words of
    /// two unrelated sentences). A short quote whose only word changed keeps nothing: then both
    /// sides of its context must agree.
    fn carried(&self, mapped: &Mapped, quote: &Quote) -> Option<Placement> {
        let haystack = self.text.as_str();
        let range = trim_range(haystack, mapped.range.clone());
        let span = byte_span(&self.text, range.start, range.end)?;
        let quote_chars = quote.exact.chars().count();
        let context = |span: Span| fit(&self.text, span, &quote.prefix, &quote.suffix);
        if self.text.slice(span) == quote.exact {
            let fits = context(span);
            let vouched =
                fits.is_enough(quote_chars, true) || (mapped.kept >= 1.0 && fits.neighbours_kept(NEIGHBOUR_CHARS));
            return vouched.then_some(Placement::Exact(span));
        }
        // A diff may stretch an end over an insertion next to it; the best alignment of the
        // quote inside what it carried trims that.
        let slack = quote.exact.len() / 4 + 4;
        let window = range.start.saturating_sub(slack)..(range.end + slack).min(haystack.len());
        let best = self.near_matches(window, quote).into_iter().max_by(|a, b| a.weight.total_cmp(&b.weight))?;
        let fits = context(best.span);
        let vouched = if mapped.kept >= MIN_KEPT {
            fits.is_enough(quote_chars, best.exact)
        } else {
            fits.support() >= BOTH_SIDES_AGREE
        };
        match best {
            _ if !vouched => None,
            Candidate { span, exact: true, .. } => Some(Placement::Exact(span)),
            Candidate { span, quote_similarity, .. }
                if quote_similarity >= MIN_QUOTE_SIMILARITY
                    || (quote_similarity >= MIN_CHANGED_SIMILARITY
                        && is_typo_of(&quote.exact, self.text.slice(span))) =>
            {
                Some(Placement::Fuzzy { span, score: quote_similarity })
            }
            _ => None,
        }
    }

    /// The old position, when it still holds the quote and the context there agrees at all.
    fn at_old_position(&self, position: &Range<CharOffset>, quote: &Quote) -> Option<Placement> {
        let span = self.text.span(position.start, position.end).ok()?;
        let agrees = self.text.slice(span) == quote.exact
            && fit(&self.text, span, &quote.prefix, &quote.suffix).support() >= 0.5;
        agrees.then_some(Placement::Exact(span))
    }

    fn search(&self, quote: &Quote, expected: Option<usize>) -> Placement {
        let haystack = self.text.as_str();
        let exact = quote.exact.as_str();
        let starts_whole = !(quote.prefix.chars().next_back().is_some_and(is_word_char)
            && exact.chars().next().is_some_and(is_word_char));
        let ends_whole = !(exact.chars().next_back().is_some_and(is_word_char)
            && quote.suffix.chars().next().is_some_and(is_word_char));
        let mut proposals = self.index.proposals(exact, starts_whole, ends_whole, expected);
        if proposals.is_empty() {
            proposals = haystack.match_indices(exact).map(|(at, _)| at).take(MAX_SCANNED).collect();
        }
        let mut candidates: Vec<Candidate> = proposals
            .iter()
            .filter(|&&at| haystack.get(at..).is_some_and(|rest| rest.starts_with(exact)))
            .filter_map(|&at| byte_span(&self.text, at, at + exact.len()))
            .map(|span| Candidate::new(span, true, 1.0))
            .collect();
        let decided = self.decide(&mut candidates, quote, expected);
        if !matches!(decided, Placement::Orphan(_)) || exact.len() > MAX_FUZZY_QUOTE || exact.len() < 4 {
            return decided;
        }
        // Near matches: first around the expected place, then where the quote's words propose.
        if let Some(expected) = expected {
            let reach = exact.len() + NEAR_WINDOW;
            self.add_near_matches(&mut candidates, expected.saturating_sub(reach)..expected + reach, quote);
            let decided = self.decide(&mut candidates, quote, Some(expected));
            if !matches!(decided, Placement::Orphan(_)) {
                return decided;
            }
        }
        let mut near_places = proposals;
        if let Some(expected) = expected {
            order::sort_by_key(&mut near_places, |at| at.abs_diff(expected));
        }
        near_places.truncate(MAX_FUZZY_PROPOSALS);
        let slack = exact.len() / 4 + 4;
        for at in near_places {
            self.add_near_matches(&mut candidates, at.saturating_sub(slack)..at + exact.len() + slack, quote);
        }
        self.decide(&mut candidates, quote, expected)
    }

    fn add_near_matches(&self, candidates: &mut Vec<Candidate>, window: Range<usize>, quote: &Quote) {
        for candidate in self.near_matches(window, quote) {
            if !candidates.iter().any(|c| c.span == candidate.span) {
                candidates.push(candidate);
            }
        }
    }

    /// The best near matches of the quote inside a window of the text.
    fn near_matches(&self, window: Range<usize>, quote: &Quote) -> Vec<Candidate> {
        let haystack = self.text.as_str();
        let (start, end) = snap_to_chars(haystack, window.start, window.end);
        if start >= end {
            return Vec::new();
        }
        let needle = quote.exact.as_bytes();
        // Typographic quotes and dashes are three bytes that fold to one: allow for them.
        let wide = quote.exact.chars().filter(|c| c.len_utf8() > 1).count();
        let budget = (needle.len() / 4 + 2 * wide + 2) as u32;
        let bytes = &haystack.as_bytes()[start..end];
        let mut found: Vec<_> =
            levenshtein_search_simd_with_opts(needle, bytes, budget, SearchType::All, LEVENSHTEIN_COSTS, false)
                .collect();
        // The fewest edits of each place: an exact copy elsewhere in the window must not hide
        // the changed text at the expected place.
        order::sort_by_key(&mut found, |m| (m.k, m.start));
        let mut places: Vec<Range<usize>> = Vec::new();
        found.retain(|m| {
            let fresh = places.len() < MAX_NEAR_PLACES && !places.iter().any(|p| p.start < m.end && m.start < p.end);
            if fresh {
                places.push(m.start..m.end);
            }
            fresh
        });
        found
            .into_iter()
            .filter_map(|m| {
                let (s, e) = snap_to_chars(haystack, start + m.start, start + m.end);
                self.best_variant(s, e, quote)
            })
            .collect()
    }

    /// An edit search ends a match where the fewest edits do, which can cut a changed word
    /// short ("strong Ukrainian " for "strong Ukrainian army" in "… force"). Weighs the match
    /// with its ends moved to the nearest word boundaries and white space trimmed, by its text
    /// and, between near equals, by how well its ends meet the quote's context.
    fn best_variant(&self, start: usize, end: usize, quote: &Quote) -> Option<Candidate> {
        let haystack = self.text.as_str();
        let is_mark = |c: char| !is_word_char(c) && !c.is_whitespace();
        // A quote that closes (or opens) with punctuation may have had that mark changed.
        let mark_after =
            quote.exact.chars().next_back().is_some_and(is_mark) && haystack[end..].chars().next().is_some_and(is_mark);
        let mark_before = quote.exact.chars().next().is_some_and(is_mark)
            && haystack[..start].chars().next_back().is_some_and(is_mark);
        let starts = [
            start,
            word_start(haystack, start),
            skip_space_forward(haystack, start, end),
            start + haystack[start..end].find(is_word_char).unwrap_or(0),
            if mark_before { start - char_len_before(haystack, start) } else { start },
        ];
        let ends = [
            end,
            word_end(haystack, end),
            skip_space_backward(haystack, start, end),
            haystack[start..end].rfind(is_word_char).map_or(end, |at| start + at + char_len_at(haystack, start + at)),
            if mark_after { end + char_len_at(haystack, end) } else { end },
        ];
        let quote_trimmed = quote.exact.trim() == quote.exact;
        // The quote compared in its folded form, folded once; the ends often coincide, and a
        // variant already weighed would only weigh the same again.
        let expected = normalise(&quote.exact);
        let mut weighed: Vec<(usize, usize)> = Vec::with_capacity(starts.len() * ends.len());
        let mut best: Option<(f64, Candidate)> = None;
        for &s in &starts {
            for &e in &ends {
                if s >= e || weighed.contains(&(s, e)) {
                    continue;
                }
                weighed.push((s, e));
                let Some(span) = byte_span(&self.text, s, e) else { continue };
                let found = &haystack[s..e];
                if quote_trimmed && found.trim() != found {
                    continue;
                }
                let similarity = similarity(&expected, &normalise(found));
                let cuts_start = cuts_word(haystack, s) != quote_cuts_word(&quote.prefix, &quote.exact);
                let cuts_end = cuts_word(haystack, e) != quote_cuts_word(&quote.exact, &quote.suffix);
                let before_context =
                    similarity - BOUNDARY_PENALTY * f64::from(u8::from(cuts_start) + u8::from(cuts_end));
                // The context adds at most 0.1: read it only for near equals.
                if best.as_ref().is_some_and(|(b, _)| before_context + 0.1 < *b) {
                    continue;
                }
                let weight = before_context + 0.1 * fit(&self.text, span, &quote.prefix, &quote.suffix).support();
                if best.as_ref().is_none_or(|(b, _)| weight > *b) {
                    let candidate = Candidate { weight, ..Candidate::new(span, found == quote.exact, similarity) };
                    best = Some((weight, candidate));
                }
            }
        }
        best.map(|(_, candidate)| candidate)
    }

    /// Weighs every candidate's text, context and distance; takes the best only when it has
    /// the context support its length needs and no rival comes close.
    fn decide(&self, candidates: &mut [Candidate], quote: &Quote, expected: Option<usize>) -> Placement {
        let quote_chars = quote.exact.chars().count();
        let expected_char = expected.and_then(|at| self.text.char_of_byte(ByteOffset(at)).ok());
        let nearness = |span: &Span| {
            expected_char.map_or(0.5, |at| 1.0 / (1.0 + span.start().0.abs_diff(at.0) as f64 / NEARNESS_SCALE))
        };
        if let Some(at) = expected_char {
            order::sort_by_key(candidates, |c| c.span.start().0.abs_diff(at.0));
        }
        let mut any_text = false;
        let mut ranked: Vec<(f64, &Candidate)> = Vec::new();
        for candidate in candidates.iter_mut().take(MAX_WEIGHED) {
            let near = nearness(&candidate.span);
            if ranked.first().is_some_and(|(best, _)| 0.8 + 0.2 * near < best - RIVAL_MARGIN) {
                break;
            }
            // Below the bar, a word with letters swapped or changed still counts where the quote
            // is expected and both sides agree: its own words, changed.
            let similar = candidate.quote_similarity >= MIN_QUOTE_SIMILARITY;
            let typo = || {
                near >= AT_EXPECTED_NEARNESS
                    && candidate.quote_similarity >= MIN_CHANGED_SIMILARITY
                    && is_typo_of(&quote.exact, self.text.slice(candidate.span))
            };
            if !similar && !typo() {
                continue;
            }
            any_text |= similar;
            let support = *candidate.judged.get_or_insert_with(|| {
                let context = fit(&self.text, candidate.span, &quote.prefix, &quote.suffix);
                let enough = if similar {
                    context.is_enough(quote_chars, candidate.exact)
                } else {
                    context.support() >= BOTH_SIDES_AGREE
                };
                enough.then(|| context.support())
            });
            if let Some(support) = support {
                let rank = 0.5 * candidate.quote_similarity + 0.3 * support + 0.2 * near;
                // Kept best first: after those ranked at least as high, as a stable sort would.
                let at = ranked.partition_point(|(other, _)| other.total_cmp(&rank).is_ge());
                ranked.insert(at, (rank, candidate));
            }
        }
        let Some(&(best_rank, best)) = ranked.first() else {
            return Placement::Orphan(if any_text { OrphanReason::OutOfContext } else { OrphanReason::NotFound });
        };
        if ranked
            .iter()
            .skip(1)
            .any(|(rank, rival)| *rank > best_rank - RIVAL_MARGIN && !rival.span.overlaps(&best.span))
        {
            return Placement::Orphan(OrphanReason::Ambiguous);
        }
        match (best.exact, expected_char) {
            (true, Some(at)) if best.span.start() == at => Placement::Exact(best.span),
            (true, _) => Placement::Moved(best.span),
            (false, _) => Placement::Fuzzy { span: best.span, score: best.quote_similarity },
        }
    }
}

/// The byte range of `position` in `old` when the quote is what stands there.
fn quoted_range(old: &DocumentText, position: &Range<CharOffset>, exact: &str) -> Option<Range<usize>> {
    let span = old.span(position.start, position.end).ok()?;
    (old.slice(span) == exact).then(|| old.byte_range(span).ok()).flatten()
}

fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(slice) = text.get(range.clone()) else { return range.start..range.start };
    let start = range.start + (slice.len() - slice.trim_start().len());
    start..start + slice.trim().len()
}

/// The start of the word that runs across `at`, or `at`.
fn word_start(text: &str, at: usize) -> usize {
    if !cuts_word(text, at) {
        return at;
    }
    text[..at].char_indices().rev().take_while(|(_, c)| is_word_char(*c)).last().map_or(at, |(i, _)| i)
}

/// The end of the word that runs across `at`, or of the next word after spaces.
fn word_end(text: &str, at: usize) -> usize {
    let after = &text[at..];
    let rest = if cuts_word(text, at) { after } else { after.trim_start_matches([' ', '\t']) };
    let skipped = after.len() - rest.len();
    at + skipped + rest.char_indices().find(|(_, c)| !is_word_char(*c)).map_or(rest.len(), |(i, _)| i)
}

/// Whether `found` is `quote` with typing slips only: the same words, each at most two edits
/// off ("asid" for "said"), not a word replaced ("Moscow said it" for "Kyiv said it").
fn is_typo_of(quote: &str, found: &str) -> bool {
    let (quote_words, found_words) = (quote.split_whitespace(), found.split_whitespace());
    quote_words.clone().count() == found_words.clone().count()
        && quote_words.zip(found_words).all(|(a, b)| triple_accel::levenshtein(a.as_bytes(), b.as_bytes()) <= 2)
}

/// Whether a word runs across byte `at` of `text`.
fn cuts_word(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_some_and(is_word_char) && text[at..].chars().next().is_some_and(is_word_char)
}

/// Whether the quote's edge between `before` and `after` ran through a word.
fn quote_cuts_word(before: &str, after: &str) -> bool {
    before.chars().next_back().is_some_and(is_word_char) && after.chars().next().is_some_and(is_word_char)
}

fn char_len_before(text: &str, at: usize) -> usize {
    text[..at].chars().next_back().map_or(0, char::len_utf8)
}

fn char_len_at(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(0, char::len_utf8)
}

fn skip_space_forward(text: &str, start: usize, end: usize) -> usize {
    start + (text[start..end].len() - text[start..end].trim_start().len())
}

fn skip_space_backward(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

fn snap_to_chars(text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    end = end.min(text.len());
    start = start.min(end);
    while start > 0 && !text.is_char_boundary(start) {
        start -= 1;
    }
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    (start, end)
}

fn byte_span(text: &DocumentText, start: usize, end: usize) -> Option<Span> {
    let start = text.char_of_byte(ByteOffset(start)).ok()?;
    let end = text.char_of_byte(ByteOffset(end)).ok()?;
    text.span(start, end).ok()
}
