//! Whether a place's surroundings agree with a quote's `prefix` and `suffix` (SPEC §4).
//!
//! Every placement other than the old position with its old text needs this support, and the bar
//! rises as the quote gets shorter: two words that occur once in a text may well be another
//! party's words, while a whole sentence with one agreeing side is hard to mistake.

use crate::span::Span;
use crate::text::DocumentText;
use triple_accel::levenshtein;

/// A side whose old and new text both stop at a paragraph boundary (or the text's edge) counts
/// this much: the paragraph moved or was reworded next door, the quote itself did not.
const BOUNDARY_AGREEMENT: f64 = 0.8;
/// What a fuzzy match needs above an exact one, since its text is evidence too and it is weaker.
const FUZZY_EXTRA_BAR: f64 = 0.05;
/// The support a diff-carried span with its neighbours kept needs (see `neighbours_kept`).
const NEIGHBOURS_SUPPORT: f64 = 0.6;
/// Each side of a changed quote's context must agree at least this well.
const FUZZY_SIDE_FLOOR: f64 = 0.7;
/// One side agreeing this well over at least [`STRONG_SIDE_CHARS`] is enough on its own: the
/// quote and that side are then one longer passage that still stands (a paragraph moved, or the
/// sentence before it was rewritten). Two unrelated sentences never agree this well.
const STRONG_SIDE: f64 = 0.9;
const STRONG_SIDE_CHARS: usize = 16;
/// A context side shorter than this (code points) stands at the text's edge.
const EDGE_CHARS: usize = 4;
/// Quotes at least this long (code points) are passages, not a few words.
const LONG_QUOTE_CHARS: usize = 25;

/// How well each side of a place agrees with the quote's context.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ContextFit {
    prefix: SideFit,
    suffix: SideFit,
}

/// One side: its similarity (0 to 1), how long the quote's context is on it, and whether the
/// text next to the quote agrees as far as the sentence's (or paragraph's) edge.
#[derive(Debug, Clone, Copy, PartialEq)]
struct SideFit {
    similarity: f64,
    /// The similarity of the text alone, without the credit for a shared paragraph edge.
    text_similarity: f64,
    chars: usize,
    /// Code points next to the quote that agree letter for letter (folded).
    adjacent: usize,
    sentence_kept: bool,
}

impl SideFit {
    fn is_strong(&self) -> bool {
        self.similarity >= STRONG_SIDE && self.chars >= STRONG_SIDE_CHARS
    }
}

impl ContextFit {
    /// Both sides together: their mean similarity.
    pub fn support(&self) -> f64 {
        (self.prefix.similarity + self.suffix.similarity) / 2.0
    }

    /// Whether this fit is enough for a quote of `quote_chars` code points: both sides together
    /// above the bar for its length; or one side strong on its own, when the quote is a long
    /// passage or the other side keeps the quote's own sentence (so the words are not another
    /// speaker's: "The Kremlin said it will…" and "Kyiv said it will…" share a strong suffix
    /// for "said", but not the words before it).
    /// A changed quote (`exact` false) has its text as weaker evidence: both sides must agree,
    /// each at least [`FUZZY_SIDE_FLOOR`], so a near twin of a deleted sentence that shares
    /// only one neighbour is not taken for it.
    pub fn is_enough(&self, quote_chars: usize, exact: bool) -> bool {
        if !exact {
            let (prefix, suffix) = (self.prefix.text_similarity, self.suffix.text_similarity);
            let at_edge = |side: &SideFit| side.chars < EDGE_CHARS;
            let floor_met = |side: &SideFit, similarity: f64| at_edge(side) || similarity >= FUZZY_SIDE_FLOOR;
            return (prefix + suffix) / 2.0 >= required_support(quote_chars) + FUZZY_EXTRA_BAR
                && floor_met(&self.prefix, prefix)
                && floor_met(&self.suffix, suffix);
        }
        if self.support() >= required_support(quote_chars) {
            return true;
        }
        let carries = |strong: &SideFit, other: &SideFit| {
            strong.is_strong() && (quote_chars >= LONG_QUOTE_CHARS || other.sentence_kept)
        };
        carries(&self.prefix, &self.suffix) || carries(&self.suffix, &self.prefix)
    }
}

impl ContextFit {
    /// Whether the words right next to the quote are still its neighbours on both sides
    /// (`chars` code points each, or the whole side where it is shorter), and the sides agree
    /// fairly well: what a diff's placement needs besides the diff itself, when edits nearby
    /// leave the context short of the bar. Another speaker's identical words ("The Kremlin
    /// said it will…" against "Kyiv said it will…") fail.
    pub fn neighbours_kept(&self, chars: usize) -> bool {
        let kept = |side: &SideFit| side.adjacent >= chars.min(side.chars);
        kept(&self.prefix) && kept(&self.suffix) && self.support() >= NEIGHBOURS_SUPPORT
    }
}

/// The context support a quote of this many code points needs: a few words need both sides
/// to agree nearly letter for letter; a long passage may stand with one side.
fn required_support(quote_chars: usize) -> f64 {
    match quote_chars {
        0..=12 => 0.85,
        13..=24 => 0.75,
        25..=48 => 0.65,
        _ => 0.55,
    }
}

/// Scores the context around `span` of `text` against the quote's `prefix` and `suffix`.
pub fn fit(text: &DocumentText, span: Span, prefix: &str, suffix: &str) -> ContextFit {
    let want_prefix = prefix.chars().count();
    let want_suffix = suffix.chars().count();
    // Equal context, read without allocating; an empty side (the text's edge) takes the long way.
    let nonempty = want_prefix > 0 && want_suffix > 0;
    if nonempty && text.before(span.start(), want_prefix) == prefix && text.after(span.end(), want_suffix) == suffix {
        let exact =
            |chars| SideFit { similarity: 1.0, text_similarity: 1.0, chars, adjacent: chars, sentence_kept: true };
        return ContextFit { prefix: exact(want_prefix), suffix: exact(want_suffix) };
    }
    // A little more than asked, so that folded white space still leaves enough to compare.
    let found_prefix = text.before(span.start(), want_prefix + 8);
    let found_suffix = text.after(span.end(), want_suffix + 8);
    ContextFit {
        prefix: side_fit(prefix, found_prefix, Side::Before),
        suffix: side_fit(suffix, found_suffix, Side::After),
    }
}

#[derive(Clone, Copy)]
enum Side {
    Before,
    After,
}

fn side_fit(expected: &str, found: &str, side: Side) -> SideFit {
    let at_paragraph_edge = |s: &str| match side {
        Side::Before => s.is_empty() || s.ends_with('\n'),
        Side::After => s.is_empty() || s.starts_with('\n'),
    };
    let chars = expected.chars().count();
    let expected_norm: Vec<char> = normalise(expected).chars().collect();
    let found_norm: Vec<char> = normalise(found).chars().collect();
    // Both read outwards from the quote.
    let (expected_out, found_out): (Vec<char>, Vec<char>) = match side {
        Side::Before => (expected_norm.iter().rev().copied().collect(), found_norm.iter().rev().copied().collect()),
        Side::After => (expected_norm.clone(), found_norm.clone()),
    };
    let run = expected_out.iter().zip(&found_out).take_while(|(a, b)| a == b).count();
    // A side of a few characters (the text ends there) says too little to hold a quote back.
    let sentence_kept = run == expected_out.len() || chars < EDGE_CHARS || ends_a_sentence(&expected_out[..run], side);
    let found_cut: String = match side {
        Side::Before => found_out.iter().take(expected_out.len()).rev().collect(),
        Side::After => found_out.iter().take(expected_out.len()).collect(),
    };
    let expected_norm: String = expected_norm.into_iter().collect();
    let similarity = if expected_norm.is_empty() { 0.0 } else { similarity(&expected_norm, &found_cut) };
    let text_similarity = if expected.is_empty() && found.is_empty() { 1.0 } else { similarity };
    let similarity = if at_paragraph_edge(expected) && at_paragraph_edge(found) {
        if expected.is_empty() && found.is_empty() {
            1.0
        } else {
            similarity.max(BOUNDARY_AGREEMENT)
        }
    } else if expected.is_empty() {
        // The quote stood at the text's edge; here it does not. No evidence either way.
        0.5
    } else {
        similarity
    };
    SideFit { similarity, text_similarity, chars, adjacent: run, sentence_kept }
}

/// Whether a run of agreeing context, read outwards from the quote, crosses the end of a
/// sentence: ". " before the quote, or "." (then space or nothing) after it.
fn ends_a_sentence(run: &[char], side: Side) -> bool {
    let is_stop = |c: &char| matches!(c, '.' | '!' | '?' | ':' | ';');
    match side {
        Side::Before => run.windows(2).any(|w| w[0] == ' ' && is_stop(&w[1])),
        Side::After => run.iter().enumerate().any(|(i, c)| is_stop(c) && run.get(i + 1).is_none_or(|n| *n == ' ')),
    }
}

/// The form in which quotes and context are compared: typographic quotes and dashes folded to
/// their plain forms, runs of white space (line breaks too) to one space.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for ch in text.chars() {
        if ch.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
            continue;
        }
        in_space = false;
        out.push(match ch {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => '"',
            '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
            other => other,
        });
    }
    out
}

/// 1 for equal strings, falling towards 0 with each byte edit.
pub fn similarity(expected: &str, found: &str) -> f64 {
    let longest = expected.len().max(found.len());
    if longest == 0 {
        return 1.0;
    }
    1.0 - f64::from(levenshtein(expected.as_bytes(), found.as_bytes())) / longest as f64
}
