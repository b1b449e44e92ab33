//! Helpers shared by the core's test files.
#![allow(dead_code)]

use redline_core::{Annotation, AnnotationId, CharOffset, DocumentText, Label, Span, Timestamp};

/// Reads the marked-string notation: `"Kyiv [claim:will [red:not] cede] land"` gives the text
/// `"Kyiv will not cede land"` and the spans of each bracket, outermost first. Brackets nest.
pub fn marked(source: &str) -> (DocumentText, Vec<(Label, Span)>) {
    let mut text = String::new();
    let mut open: Vec<(Label, usize)> = Vec::new();
    let mut spans = Vec::new();
    let mut rest = source;
    let mut chars = 0;
    while let Some(ch) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("[claim:") {
            open.push((Label::Claim, chars));
            rest = after;
        } else if let Some(after) = rest.strip_prefix("[red:") {
            open.push((Label::RedLine, chars));
            rest = after;
        } else if ch == ']' && !open.is_empty() {
            let (label, start) = open.pop().unwrap();
            spans.push((label, start, chars));
            rest = &rest[1..];
        } else {
            text.push(ch);
            chars += 1;
            rest = &rest[ch.len_utf8()..];
        }
    }
    let text = DocumentText::new(&text);
    spans.sort_by_key(|(_, start, end)| (*start, std::cmp::Reverse(*end)));
    let spans = spans
        .into_iter()
        .map(|(label, start, end)| (label, text.span(CharOffset(start), CharOffset(end)).unwrap()))
        .collect();
    (text, spans)
}

/// A deterministic id: `urn:uuid:` of the given number.
pub fn id(n: u8) -> AnnotationId {
    AnnotationId::from_random_bytes([n; 16])
}

pub fn annotation(n: u8, label: Label, text: &DocumentText, span: Span) -> Annotation {
    Annotation::new(id(n), label, text, span, Timestamp(1_700_000_000_000 + i64::from(n)))
}

pub fn span(text: &DocumentText, start: usize, end: usize) -> Span {
    text.span(CharOffset(start), CharOffset(end)).unwrap()
}

/// The span of the first occurrence of `needle` in `text`.
pub fn find(text: &DocumentText, needle: &str) -> Span {
    let byte = text.as_str().find(needle).unwrap_or_else(|| panic!("{needle:?} not in text"));
    let start = text.char_of_byte(redline_core::ByteOffset(byte)).unwrap();
    let end = CharOffset(start.0 + needle.chars().count());
    text.span(start, end).unwrap()
}

/// Text of every kind the product promises to count right.
pub const MIXED: &str = "Kyiv 😀 said: e\u{301}te\u{301} — 乌克兰 will not cede; \u{627}\u{644}\u{633}\u{644}\u{627}\u{645} 👩‍👩‍👧 ok\r\nnext line\rlast";
