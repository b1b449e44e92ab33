//! Placing an annotation on a text (SPEC §4): by position, then by quote with context, then by
//! a bounded fuzzy match that must beat a confidence threshold and every rival; else an orphan.
//! A wrong placement is worse than an orphan, so every doubt ends in [`Placement::Orphan`].

use crate::annotation::Quote;
use crate::offset::{ByteOffset, CharOffset};
use crate::span::Span;
use crate::text::DocumentText;
use std::ops::Range;
use triple_accel::levenshtein::{levenshtein_search_simd_with_opts, LEVENSHTEIN_COSTS};
use triple_accel::{levenshtein, SearchType};

/// A fuzzy placement must score at least this (0 to 1).
pub const CONFIDENCE_THRESHOLD: f64 = 0.8;
/// A fuzzy placement is refused when another candidate scores within this of it.
pub const RIVAL_MARGIN: f64 = 0.05;
/// Quotes longer than this (bytes) are not searched fuzzily.
const MAX_FUZZY_QUOTE: usize = 1_000;
/// How far (bytes) from the old position a fuzzy search looks, each side.
const FUZZY_WINDOW: usize = 64_000;
/// What a candidate loses for each end that cuts a word differently from the quote.
const BOUNDARY_PENALTY: f64 = 0.04;
/// How many distinct candidates a fuzzy search weighs at most.
const MAX_CANDIDATES: usize = 64;

/// How an annotation was placed.
#[derive(Debug, Clone, PartialEq)]
pub enum Placement {
    /// The text at the old position still equals the quote.
    Position(Span),
    /// The quote with its prefix and suffix occurs (the nearest such place, if several).
    Context(Span),
    /// The quote alone occurs exactly once.
    Unique(Span),
    /// A near match, with its score, beat the threshold and every rival.
    Fuzzy { span: Span, score: f64 },
    /// No place is trustworthy.
    Orphan,
}

impl Placement {
    pub fn span(&self) -> Option<Span> {
        match self {
            Placement::Position(s) | Placement::Context(s) | Placement::Unique(s) => Some(*s),
            Placement::Fuzzy { span, .. } => Some(*span),
            Placement::Orphan => None,
        }
    }

    pub fn is_exact(&self) -> bool {
        matches!(self, Placement::Position(_) | Placement::Context(_) | Placement::Unique(_))
    }
}

/// Places a quote, last seen at `position` (if known), on `text`.
pub fn anchor(text: &DocumentText, position: Option<Range<CharOffset>>, quote: &Quote) -> Placement {
    if quote.exact.is_empty() {
        return Placement::Orphan;
    }
    if let Some(span) = position.as_ref().and_then(|p| text.span(p.start, p.end).ok()) {
        if text.slice(span) == quote.exact {
            return Placement::Position(span);
        }
    }
    let haystack = text.as_str();
    let old_byte = position.as_ref().and_then(|p| text.byte_of(p.start).ok()).map(ByteOffset::get);

    let in_context = format!("{}{}{}", quote.prefix, quote.exact, quote.suffix);
    let context_hits: Vec<usize> = haystack.match_indices(&in_context).map(|(at, _)| at + quote.prefix.len()).collect();
    let nearest = match old_byte {
        Some(old) => context_hits.iter().copied().min_by_key(|at| at.abs_diff(old)),
        None if context_hits.len() == 1 => context_hits.first().copied(),
        None => None,
    };
    if let Some(span) = nearest.and_then(|at| byte_span(text, at, at + quote.exact.len())) {
        return Placement::Context(span);
    }

    let mut exact_hits = haystack.match_indices(&quote.exact);
    if let (Some((at, _)), None) = (exact_hits.next(), exact_hits.next()) {
        if let Some(span) = byte_span(text, at, at + quote.exact.len()) {
            return Placement::Unique(span);
        }
    }
    fuzzy(text, old_byte, quote)
}

fn fuzzy(text: &DocumentText, old_byte: Option<usize>, quote: &Quote) -> Placement {
    let haystack = text.as_str().as_bytes();
    let needle = quote.exact.as_bytes();
    if needle.len() > MAX_FUZZY_QUOTE || needle.len() < 4 {
        return Placement::Orphan;
    }
    let (window_start, window_end) = match old_byte {
        Some(old) => (old.saturating_sub(FUZZY_WINDOW), (old + FUZZY_WINDOW).min(haystack.len())),
        None => (0, haystack.len()),
    };
    let window = &haystack[window_start..window_end];
    let budget = (needle.len() / 4).max(1) as u32;
    let mut matches: Vec<_> =
        levenshtein_search_simd_with_opts(needle, window, budget, SearchType::All, LEVENSHTEIN_COSTS, false).collect();
    matches.sort_by_key(|m| (m.k, m.start));

    let mut scored: Vec<(Span, f64)> = Vec::new();
    let mut taken: Vec<Range<usize>> = Vec::new();
    for m in matches {
        if scored.len() >= MAX_CANDIDATES {
            break;
        }
        let (start, end) = snap_to_chars(text.as_str(), window_start + m.start, window_start + m.end);
        if taken.iter().any(|t| t.start < end && start < t.end) {
            continue;
        }
        taken.push(start..end);
        if let Some(best) = best_variant(text, start, end, quote, old_byte) {
            scored.push(best);
        }
    }
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    match scored.as_slice() {
        [(span, best), rest @ ..]
            if *best >= CONFIDENCE_THRESHOLD && rest.first().is_none_or(|(_, r)| *r < best - RIVAL_MARGIN) =>
        {
            Placement::Fuzzy { span: *span, score: *best }
        }
        _ => Placement::Orphan,
    }
}

/// An edit search ends a match where the fewest edits do, which can cut a changed word short
/// ("strong Ukrainian " for "strong Ukrainian army" in "… force"). Weighs the match with its ends
/// moved to the nearest word boundaries and white space trimmed, and keeps the best.
fn best_variant(
    text: &DocumentText,
    start: usize,
    end: usize,
    quote: &Quote,
    old_byte: Option<usize>,
) -> Option<(Span, f64)> {
    let haystack = text.as_str();
    let starts = [start, word_start(haystack, start), skip_space_forward(haystack, start, end)];
    let ends = [end, word_end(haystack, end), skip_space_backward(haystack, start, end)];
    let mut best: Option<(Span, f64)> = None;
    for &s in &starts {
        for &e in &ends {
            if s >= e {
                continue;
            }
            let Some(span) = byte_span(text, s, e) else {
                continue;
            };
            let edits = levenshtein(quote.exact.as_bytes(), &haystack.as_bytes()[s..e]);
            let score = score(text, span, quote, edits, old_byte.map(|old| old.abs_diff(s)));
            if best.as_ref().is_none_or(|(_, b)| score > *b) {
                best = Some((span, score));
            }
        }
    }
    best
}

fn is_word(ch: char) -> bool {
    ch.is_alphanumeric() || ch == '\u{301}' || ch == '\''
}

fn word_start(text: &str, at: usize) -> usize {
    let before = &text[..at];
    let inside = before.chars().next_back().is_some_and(is_word) && text[at..].chars().next().is_some_and(is_word);
    if !inside {
        return at;
    }
    before.char_indices().rev().take_while(|(_, c)| is_word(*c)).last().map_or(at, |(i, _)| i)
}

fn word_end(text: &str, at: usize) -> usize {
    let after = &text[at..];
    let inside = text[..at].chars().next_back().is_some_and(is_word) && after.chars().next().is_some_and(is_word);
    let rest = if inside { after } else { after.trim_start_matches([' ', '\t']) };
    let skipped = after.len() - rest.len();
    at + skipped + rest.char_indices().find(|(_, c)| !is_word(*c)).map_or(rest.len(), |(i, _)| i)
}

fn skip_space_forward(text: &str, start: usize, end: usize) -> usize {
    start + (text[start..end].len() - text[start..end].trim_start().len())
}

fn skip_space_backward(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

/// Weighs a candidate: mostly the quote itself, then its context, a little its distance.
fn score(text: &DocumentText, span: Span, quote: &Quote, edits: u32, moved_bytes: Option<usize>) -> f64 {
    let quote_similarity = 1.0 - f64::from(edits) / quote.exact.len().max(1) as f64;
    let prefix = similarity(&quote.prefix, text.before(span.start(), quote.prefix.chars().count()));
    let suffix = similarity(&quote.suffix, text.after(span.end(), quote.suffix.chars().count()));
    let nearness = match moved_bytes {
        Some(moved) => 1.0 - (moved as f64 / FUZZY_WINDOW as f64).min(1.0),
        None => 0.5,
    };
    let haystack = text.as_str();
    let (from, to) = match text.byte_range(span) {
        Ok(range) => (range.start, range.end),
        Err(_) => return 0.0,
    };
    // A candidate that cuts a word where the quote did not (or the reverse) is less likely.
    let starts_mid_word = |before: &str, after: &str| {
        before.chars().next_back().is_some_and(is_word) && after.chars().next().is_some_and(is_word)
    };
    let mut boundary_penalty = 0.0;
    if starts_mid_word(&quote.prefix, &quote.exact) != starts_mid_word(&haystack[..from], &haystack[from..]) {
        boundary_penalty += BOUNDARY_PENALTY;
    }
    if starts_mid_word(&quote.exact, &quote.suffix) != starts_mid_word(&haystack[..to], &haystack[to..]) {
        boundary_penalty += BOUNDARY_PENALTY;
    }
    0.55 * quote_similarity + 0.175 * prefix + 0.175 * suffix + 0.1 * nearness - boundary_penalty
}

/// 1 for equal strings, falling towards 0 with each byte edit.
fn similarity(expected: &str, found: &str) -> f64 {
    let longest = expected.len().max(found.len());
    if longest == 0 {
        return 1.0;
    }
    1.0 - f64::from(levenshtein(expected.as_bytes(), found.as_bytes())) / longest as f64
}

fn snap_to_chars(text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
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
