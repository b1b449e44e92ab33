//! A document's text: normalised once, identified by its SHA-256, and indexed so that offset
//! conversions on long texts cost a short walk instead of a scan from the start.

use crate::error::OffsetError;
use crate::offset::{self, ByteOffset, CharOffset, Utf16Offset};
use crate::span::Span;
use sha2::{Digest, Sha256};
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// Code points between two index checkpoints.
const STRIDE: usize = 64;

/// Where every `STRIDE`-th code point starts, in bytes and in UTF-16 units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Checkpoint {
    byte: usize,
    utf16: usize,
}

/// A document's identity: the SHA-256 of its normalised text, in lowercase hex. Storage keys and
/// the document list name documents by it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocumentId(String);

impl DocumentId {
    /// An id read from outside (storage, another tab), if it is a SHA-256 in lowercase hex.
    pub fn parse(raw: &str) -> Option<DocumentId> {
        let is_hash = raw.len() == 64 && raw.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        is_hash.then(|| DocumentId(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for DocumentId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The normalised text of a document (line endings `\n`), with its identity and offset index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentText {
    text: String,
    id: DocumentId,
    char_len: usize,
    checkpoints: Vec<Checkpoint>,
}

/// Turns CRLF and lone CR into LF: the form a document is identified and counted in.
pub fn normalise_line_endings(raw: &str) -> String {
    if !raw.contains('\r') {
        return raw.to_string();
    }
    raw.replace("\r\n", "\n").replace('\r', "\n")
}

/// The lowercase hex SHA-256 of a string's UTF-8 bytes.
/// `text` in at most `max` code points, the last an ellipsis when it is cut (a label that must
/// fit a width).
pub fn fit(text: &str, max: usize) -> String {
    if text.chars().count() > max {
        format!("{}…", text.chars().take(max.saturating_sub(1)).collect::<String>())
    } else {
        text.to_string()
    }
}

/// The first `max` code points of `text`, and an ellipsis when there is more (a quote in a
/// message or a list).
pub fn abbreviate(text: &str, max: usize) -> String {
    if text.chars().count() > max {
        format!("{}…", text.chars().take(max).collect::<String>())
    } else {
        text.to_string()
    }
}

pub fn sha256_hex(text: &str) -> String {
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

impl DocumentText {
    pub fn new(raw: &str) -> DocumentText {
        let text = normalise_line_endings(raw);
        let sha256 = sha256_hex(&text);
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut utf16 = 0;
        let mut char_len = 0;
        for (byte, ch) in text.char_indices() {
            if char_len % STRIDE == 0 {
                checkpoints.push(Checkpoint { byte, utf16 });
            }
            utf16 += ch.len_utf16();
            char_len += 1;
        }
        DocumentText { text, id: DocumentId(sha256), char_len, checkpoints }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The lowercase hex SHA-256 of the normalised text.
    /// The document this text is: its SHA-256.
    pub fn id(&self) -> &DocumentId {
        &self.id
    }

    pub fn sha256(&self) -> &str {
        self.id.as_str()
    }

    pub fn len_chars(&self) -> CharOffset {
        CharOffset(self.char_len)
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The byte offset of a code point offset, in O(`STRIDE`).
    pub fn byte_of(&self, at: CharOffset) -> Result<ByteOffset, OffsetError> {
        if at.0 > self.char_len {
            return Err(OffsetError::OutOfRange { offset: at.0, len: self.char_len });
        }
        if at.0 == self.char_len {
            return Ok(ByteOffset(self.text.len()));
        }
        let checkpoint = self.checkpoints[at.0 / STRIDE];
        let rest = CharOffset(at.0 % STRIDE);
        let within = offset::char_to_byte(&self.text[checkpoint.byte..], rest)?;
        Ok(ByteOffset(checkpoint.byte + within.0))
    }

    /// The code point offset of a byte offset; refuses one inside a character.
    pub fn char_of_byte(&self, at: ByteOffset) -> Result<CharOffset, OffsetError> {
        if at.0 > self.text.len() {
            return Err(OffsetError::OutOfRange { offset: at.0, len: self.text.len() });
        }
        let index = self.checkpoints.partition_point(|c| c.byte <= at.0).saturating_sub(1);
        let Some(checkpoint) = self.checkpoints.get(index) else {
            return Ok(CharOffset(0));
        };
        let within = offset::byte_to_char(&self.text[checkpoint.byte..], ByteOffset(at.0 - checkpoint.byte))?;
        Ok(CharOffset(index * STRIDE + within.0))
    }

    /// The UTF-16 offset of a code point offset.
    pub fn utf16_of(&self, at: CharOffset) -> Result<Utf16Offset, OffsetError> {
        if at.0 > self.char_len {
            return Err(OffsetError::OutOfRange { offset: at.0, len: self.char_len });
        }
        let Some(checkpoint) = self.checkpoints.get(at.0 / STRIDE) else {
            return Ok(offset::utf16_len(&self.text));
        };
        let within = offset::char_to_utf16(&self.text[checkpoint.byte..], CharOffset(at.0 % STRIDE))?;
        Ok(Utf16Offset(checkpoint.utf16 + within.0))
    }

    /// The code point offset of a UTF-16 offset; refuses one inside a surrogate pair.
    pub fn char_of_utf16(&self, at: Utf16Offset) -> Result<CharOffset, OffsetError> {
        let index = self.checkpoints.partition_point(|c| c.utf16 <= at.0).saturating_sub(1);
        let Some(checkpoint) = self.checkpoints.get(index) else {
            return offset::utf16_to_char(&self.text, at);
        };
        let within = offset::utf16_to_char(&self.text[checkpoint.byte..], Utf16Offset(at.0 - checkpoint.utf16))?;
        Ok(CharOffset(index * STRIDE + within.0))
    }

    /// The byte range of a span, for slicing.
    pub fn byte_range(&self, span: Span) -> Result<Range<usize>, OffsetError> {
        Ok(self.byte_of(span.start())?.0..self.byte_of(span.end())?.0)
    }

    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        match self.byte_range(span) {
            Ok(range) => &self.text[range],
            Err(_) => "",
        }
    }

    /// Up to `count` code points of text before `at` (clamped at the start).
    pub fn before(&self, at: CharOffset, count: usize) -> &str {
        let from = CharOffset(at.0.saturating_sub(count));
        match (self.byte_of(from), self.byte_of(at)) {
            (Ok(a), Ok(b)) => &self.text[a.0..b.0],
            _ => "",
        }
    }

    /// Up to `count` code points of text after `at` (clamped at the end).
    pub fn after(&self, at: CharOffset, count: usize) -> &str {
        let to = CharOffset((at.0 + count).min(self.char_len));
        match (self.byte_of(at), self.byte_of(to)) {
            (Ok(a), Ok(b)) if a <= b => &self.text[a.0..b.0],
            _ => "",
        }
    }

    /// A span checked against this text.
    pub fn span(&self, start: CharOffset, end: CharOffset) -> Result<Span, OffsetError> {
        Span::new(start, end, self.len_chars())
    }

    /// The first `count` words of the first non-empty line: a title for a text that has none.
    pub fn first_words(&self, count: usize) -> String {
        let line = self.text.trim().lines().next().unwrap_or_default();
        line.split_whitespace().take(count).collect::<Vec<_>>().join(" ")
    }

    /// The paragraphs: maximal runs of text between line breaks, empty lines left out.
    pub fn paragraphs(&self) -> Vec<Range<CharOffset>> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut index = 0;
        for ch in self.text.chars() {
            if ch == '\n' {
                if index > start {
                    out.push(CharOffset(start)..CharOffset(index));
                }
                start = index + 1;
            }
            index += 1;
        }
        if index > start {
            out.push(CharOffset(start)..CharOffset(index));
        }
        out
    }

    /// What a selection becomes: white space trimmed from both ends, then widened so that it
    /// neither starts nor ends inside a grapheme cluster. `None` when nothing but white space is left.
    pub fn snap_selection(&self, start: CharOffset, end: CharOffset) -> Option<Span> {
        self.snap_selection_with(start, end, grapheme_starts)
    }

    /// As [`DocumentText::snap_selection`], with `grapheme_starts` giving the byte offsets at
    /// which a stretch of text's grapheme clusters start: a browser brings Unicode's segmentation tables
    /// itself, so a web build need not carry them.
    pub fn snap_selection_with(
        &self,
        start: CharOffset,
        end: CharOffset,
        grapheme_starts: fn(&str) -> Vec<usize>,
    ) -> Option<Span> {
        let (start, end) = if start <= end { (start, end) } else { (end, start) };
        let end = CharOffset(end.0.min(self.char_len));
        let from = self.byte_of(start).ok()?.0;
        let to = self.byte_of(end).ok()?.0;
        let selected = &self.text[from..to];
        let trimmed_front = selected.len() - selected.trim_start().len();
        let trimmed = selected.trim();
        if trimmed.is_empty() {
            return None;
        }
        let from = from + trimmed_front;
        let to = from + trimmed.len();
        let from = self.cluster_edge(from, grapheme_starts, Edge::Start);
        let to = self.cluster_edge(to, grapheme_starts, Edge::End);
        let start = self.char_of_byte(ByteOffset(from)).ok()?;
        let end = self.char_of_byte(ByteOffset(to)).ok()?;
        self.span(start, end).ok()
    }

    /// `at` (a byte offset), moved out of the grapheme cluster it falls inside, if any: to the
    /// cluster's start for a selection's start, to its end for a selection's end. Clusters are
    /// looked for in a window around `at` within its line, so a paragraph of any length costs the same.
    fn cluster_edge(&self, at: usize, grapheme_starts: fn(&str) -> Vec<usize>, edge: Edge) -> usize {
        let line_start = self.text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[at..].find('\n').map_or(self.text.len(), |i| at + i);
        let mut from = at.saturating_sub(CLUSTER_CONTEXT).max(line_start);
        while !self.text.is_char_boundary(from) {
            from -= 1;
        }
        let mut to = (at + CLUSTER_CONTEXT).min(line_end);
        while !self.text.is_char_boundary(to) {
            to += 1;
        }
        let window = &self.text[from..to];
        let mut bounds: Vec<usize> = grapheme_starts(window).into_iter().filter(|&b| b <= window.len()).collect();
        bounds.push(window.len());
        for pair in bounds.windows(2) {
            let (cluster_start, cluster_end) = (from + pair[0], from + pair[1]);
            if cluster_start < at && at < cluster_end {
                return match edge {
                    Edge::Start => cluster_start,
                    Edge::End => cluster_end,
                };
            }
        }
        at
    }
}

/// Which end of a selection a boundary is.
enum Edge {
    Start,
    End,
}

/// Bytes of context on each side of a selection boundary in which its grapheme cluster is found:
/// far more than any real cluster, and a bound on the work in a paragraph of any length.
const CLUSTER_CONTEXT: usize = 256;

/// Where the extended grapheme clusters of `text` start, in bytes (Unicode's rules, UAX #29).
pub fn grapheme_starts(text: &str) -> Vec<usize> {
    text.grapheme_indices(true).map(|(offset, _)| offset).collect()
}
