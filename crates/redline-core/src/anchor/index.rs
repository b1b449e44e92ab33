//! Where a quote may sit in a long text, found through an index of its words instead of a scan
//! of the whole text per quote.
//!
//! The index maps every word (a run of letters and digits) to the byte offsets where it starts.
//! A quote is looked up by its rarest whole words: each of their occurrences proposes the start
//! the quote would have there. One typo leaves the other words to find it.

use crate::order;
use std::collections::HashMap;

/// How many of a quote's rarest words propose places.
const WORDS_ASKED: usize = 3;
/// Proposals taken from one word at most; the nearest to the expected place first.
const MAX_PROPOSALS: usize = 400;

/// Letters, digits and the marks that join them (combining accents, joiners, variation
/// selectors), so that a word's edge never splits a character from its accent.
pub fn is_word_char(ch: char) -> bool {
    ch.is_alphanumeric()
        || matches!(ch, '\u{300}'..='\u{36F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}' | '\u{FE00}'..='\u{FE0F}' | '\u{FE20}'..='\u{FE2F}' | '\u{200D}')
}

/// The words of a text with their byte offsets.
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, ch)) = rest.peek() {
            if is_word_char(ch) {
                break;
            }
            rest.next();
        }
        let (start, _) = *rest.peek()?;
        let mut end = start;
        while let Some(&(at, ch)) = rest.peek() {
            if !is_word_char(ch) {
                break;
            }
            end = at + ch.len_utf8();
            rest.next();
        }
        Some((start, &text[start..end]))
    })
}

/// Every word of a text and where it starts.
#[derive(Debug, Default)]
pub struct WordIndex {
    postings: HashMap<Box<str>, Vec<u32>>,
}

impl WordIndex {
    /// Indexes the words of `text` from byte `from` on, about `budget` bytes of them (never
    /// splitting a word); returns where it stopped, so that a long text is indexed in slices.
    pub fn extend(&mut self, text: &str, from: usize, budget: usize) -> usize {
        let mut stop = from.saturating_add(budget).min(text.len());
        while stop < text.len() && !text.is_char_boundary(stop) {
            stop += 1;
        }
        stop += text[stop..].find(|c: char| !is_word_char(c)).unwrap_or(text.len() - stop);
        for (at, word) in words(&text[from..stop]) {
            let at = u32::try_from(from + at).unwrap_or(u32::MAX);
            match self.postings.get_mut(word) {
                Some(list) => list.push(at),
                None => {
                    self.postings.insert(word.into(), vec![at]);
                }
            }
        }
        stop
    }

    fn occurrences(&self, word: &str) -> &[u32] {
        self.postings.get(word).map_or(&[], Vec::as_slice)
    }

    /// Byte offsets at which `quote` would start if it sat where one of its rarest whole words
    /// occurs; near `expected` first. Empty when the quote has no whole word (CJK without
    /// spaces, a fragment of one word): the caller then scans.
    pub fn proposals(&self, quote: &str, starts_whole: bool, ends_whole: bool, expected: Option<usize>) -> Vec<usize> {
        let mut whole: Vec<(usize, &str)> = words(quote)
            .filter(|(at, word)| (*at > 0 || starts_whole) && (at + word.len() < quote.len() || ends_whole))
            .collect();
        order::sort_by_key(&mut whole, |(_, word)| self.occurrences(word).len());
        whole.dedup_by_key(|(_, word)| *word);
        let mut out = Vec::new();
        for (offset, word) in whole.into_iter().take(WORDS_ASKED) {
            let mut starts: Vec<usize> =
                self.occurrences(word).iter().filter_map(|&at| (at as usize).checked_sub(offset)).collect();
            if starts.len() > MAX_PROPOSALS {
                if let Some(expected) = expected {
                    order::sort_by_key(&mut starts, |at| at.abs_diff(expected));
                }
                starts.truncate(MAX_PROPOSALS);
            }
            out.extend(starts);
        }
        order::sort_by_key(&mut out, |&at| at);
        out.dedup();
        out
    }
}
