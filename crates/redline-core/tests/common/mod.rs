//! Helpers shared by the core's test files.
#![allow(dead_code)]

pub mod fuzzing;
pub mod page;

use redline_core::{Action, Annotation, AnnotationId, CharOffset, Document, DocumentText, Label, Span, Timestamp};

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

/// A titled document with three annotations over emoji, CRLF, Arabic and a combining mark; the
/// first has `note` and the holder "Zelenskyy".
pub fn sample_document(title: &str, note: &str) -> Document {
    let text = DocumentText::new("Zelenskyy: no ceding any territory 😀 past the line.\r\nPutin had consented to talks, the Kremlin said.\n\u{627}\u{644}\u{633}\u{644}\u{627}\u{645} and e\u{301}tude.");
    let mut document = Document::new(title, text.clone());
    for a in [
        annotation(1, Label::RedLine, &text, find(&text, "no ceding any territory 😀 past")),
        annotation(2, Label::Claim, &text, find(&text, "Putin had consented")),
        annotation(3, Label::Claim, &text, find(&text, "e\u{301}tude")),
    ] {
        document.apply(Action::Add { annotation: a }).unwrap();
    }
    document.apply(Action::SetNote { id: id(1), note: note.into(), at: Timestamp(1_800_000_000_000) }).unwrap();
    document
        .apply(Action::SetHolder { id: id(1), holder: "Zelenskyy".into(), at: Timestamp(1_800_000_000_001) })
        .unwrap();
    document
}
