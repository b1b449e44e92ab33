//! Segmenting for rendering: a table of overlap cases, and a property test against a naive
//! per-character reference.

mod common;

use common::{annotation, marked, span};
use proptest::prelude::*;
use redline_core::segment::{segment_document, segment_range};
use redline_core::{Annotation, CharOffset, DocumentText, Label};

/// Renders segments as `text|text[claim]|…` for compact expectations.
fn render(text: &DocumentText, annotations: &[Annotation]) -> String {
    segment_document(text, annotations)
        .iter()
        .map(|p| {
            p.segments
                .iter()
                .map(|s| {
                    let labels: Vec<&str> = s.labels().iter().map(|l| l.as_str()).collect();
                    let piece = &text.as_str()[s.bytes.clone()];
                    if labels.is_empty() {
                        piece.to_string()
                    } else {
                        format!("{piece}[{}]", labels.join("+"))
                    }
                })
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect::<Vec<_>>()
        .join(" ¶ ")
}

fn annotations_of(text: &DocumentText, spans: &[(Label, redline_core::Span)]) -> Vec<Annotation> {
    let mut out: Vec<Annotation> =
        spans.iter().enumerate().map(|(i, (label, span))| annotation(i as u8, *label, text, *span)).collect();
    out.sort_by(|a, b| a.text_order_key().cmp(&b.text_order_key()));
    out
}

#[test]
fn overlap_cases() {
    let cases = [
        ("plain text", "plain text"),
        ("[claim:all]", "all[claim]"),
        ("a [claim:b] c", "a |b[claim]| c"),
        ("a [claim:b [red:c] d] e", "a |b [claim]|c[claim+red-line]| d[claim]| e"),
        ("[claim:ab][red:cd]", "ab[claim]|cd[red-line]"),
        ("[claim:[red:same]]", "same[claim+red-line]"),
        ("[claim:[claim:x] y]", "x[claim]| y[claim]"),
        ("x [red:one\ntwo] y", "x |one[red-line] ¶ two[red-line]| y"),
        ("😀 [claim:é] 乌", "😀 |é[claim]| 乌"),
    ];
    for (source, expected) in cases {
        let (text, spans) = marked(source);
        assert_eq!(render(&text, &annotations_of(&text, &spans)), expected, "case {source:?}");
    }
}

#[test]
fn crossing_spans_cut_at_every_boundary() {
    let text = DocumentText::new("abcdef");
    let mut annotations = vec![
        annotation(1, Label::Claim, &text, span(&text, 0, 4)),
        annotation(2, Label::RedLine, &text, span(&text, 2, 6)),
    ];
    annotations.sort_by(|a, b| a.text_order_key().cmp(&b.text_order_key()));
    assert_eq!(render(&text, &annotations), "ab[claim]|cd[claim+red-line]|ef[red-line]");
}

#[test]
fn segments_carry_the_ids_that_cover_them() {
    let text = DocumentText::new("abcdef");
    let a = annotation(1, Label::Claim, &text, span(&text, 0, 4));
    let b = annotation(2, Label::RedLine, &text, span(&text, 2, 6));
    let segments = segment_range(&text, CharOffset(0)..CharOffset(6), [&a, &b]);
    let ids: Vec<Vec<_>> = segments.iter().map(|s| s.covering.iter().map(|(id, _)| id.clone()).collect()).collect();
    assert_eq!(ids, vec![vec![a.id().clone()], vec![a.id().clone(), b.id().clone()], vec![b.id().clone()]]);
}

proptest! {
    #[test]
    fn segmenting_matches_a_naive_reference(
        raw in "[ab\n😀é乌]{1,60}",
        spans in prop::collection::vec((0usize..60, 1usize..20, any::<bool>()), 0..12),
    ) {
        let text = DocumentText::new(&raw);
        let len = text.len_chars().0;
        let mut annotations: Vec<Annotation> = spans.iter().enumerate().filter_map(|(i, (start, width, red))| {
            let start = start % len;
            let end = (start + width).min(len);
            let label = if *red { Label::RedLine } else { Label::Claim };
            text.span(CharOffset(start), CharOffset(end)).ok().map(|s| annotation(i as u8, label, &text, s))
        }).collect();
        annotations.sort_by(|a, b| a.text_order_key().cmp(&b.text_order_key()));

        // Naive: the set of covering ids for every character outside a line break.
        let chars: Vec<char> = text.as_str().chars().collect();
        let mut expected: Vec<(usize, Vec<String>)> = Vec::new();
        for (i, ch) in chars.iter().enumerate() {
            if *ch == '\n' { continue; }
            let mut ids: Vec<String> = annotations.iter()
                .filter(|a| a.span().is_some_and(|s| s.start().0 <= i && i < s.end().0))
                .map(|a| a.id().to_string()).collect();
            ids.sort();
            expected.push((i, ids));
        }
        let mut actual: Vec<(usize, Vec<String>)> = Vec::new();
        for paragraph in segment_document(&text, &annotations) {
            let mut previous_end = paragraph.chars.start;
            for segment in paragraph.segments {
                prop_assert_eq!(segment.chars.start, previous_end, "segments are contiguous");
                prop_assert!(segment.chars.start < segment.chars.end, "segments are not empty");
                previous_end = segment.chars.end;
                let mut ids: Vec<String> = segment.covering.iter().map(|(id, _)| id.to_string()).collect();
                ids.sort();
                for i in segment.chars.start.0..segment.chars.end.0 {
                    actual.push((i, ids.clone()));
                }
            }
            prop_assert_eq!(previous_end, paragraph.chars.end);
        }
        prop_assert_eq!(actual, expected);
    }
}
