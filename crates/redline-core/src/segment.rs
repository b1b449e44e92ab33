//! Rendering as a pure function: text and annotations become, per paragraph, non-overlapping
//! segments, each with the annotations that cover it. The view maps segments to `<mark>`s.

use crate::annotation::{Annotation, AnnotationId};
use crate::label::Label;
use crate::offset::CharOffset;
use crate::order;
use crate::text::DocumentText;
use std::ops::Range;

/// A run of text covered by the same annotations (none, for plain text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub chars: Range<CharOffset>,
    /// Byte range in the document text, for slicing.
    pub bytes: Range<usize>,
    /// The covering annotations, in text order of their starts.
    pub covering: Vec<(AnnotationId, Label)>,
}

impl Segment {
    /// The distinct labels covering this segment, claims first.
    pub fn labels(&self) -> Vec<Label> {
        Label::ALL.into_iter().filter(|l| self.covering.iter().any(|(_, c)| c == l)).collect()
    }

    pub fn is_marked(&self) -> bool {
        !self.covering.is_empty()
    }
}

/// One paragraph's range and segments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParagraphSegments {
    pub chars: Range<CharOffset>,
    pub segments: Vec<Segment>,
}

/// Segments one range of `text` given the placed annotations that may overlap it (any order).
/// One sort of the boundaries: O((n + k) log k).
pub fn segment_range<'a>(
    text: &DocumentText,
    range: Range<CharOffset>,
    annotations: impl IntoIterator<Item = &'a Annotation>,
) -> Vec<Segment> {
    // (position, is_start, annotation)
    let mut events: Vec<(CharOffset, bool, &Annotation)> = Vec::new();
    for annotation in annotations {
        let Some(span) = annotation.span() else {
            continue;
        };
        let start = span.start().max(range.start);
        let end = span.end().min(range.end);
        if start < end {
            events.push((start, true, annotation));
            events.push((end, false, annotation));
        }
    }
    order::sort_by_key(&mut events, |(at, is_start, _)| (*at, *is_start));
    let mut active: Vec<&Annotation> = Vec::new();
    let mut segments = Vec::new();
    let mut cursor = range.start;
    let mut push = |from: CharOffset, to: CharOffset, active: &[&Annotation]| {
        if from < to {
            let bytes = byte(text, from)..byte(text, to);
            let covering = active.iter().map(|a| (a.id().clone(), a.label())).collect();
            segments.push(Segment { chars: from..to, bytes, covering });
        }
    };
    for (at, is_start, annotation) in events {
        push(cursor, at, &active);
        cursor = at;
        if is_start {
            let key = annotation.text_order_key();
            let index = active.partition_point(|a| a.text_order_key() < key);
            active.insert(index, annotation);
        } else if let Some(index) = active.iter().position(|a| a.id() == annotation.id()) {
            active.remove(index);
        }
    }
    push(cursor, range.end, &active);
    segments
}

/// For each paragraph, the placed annotations that overlap it, in text order, given all
/// annotations in text order (as a [`crate::Document`] keeps them). One sweep: O(P + k).
pub fn covering_by_paragraph<'a>(
    paragraphs: &[Range<CharOffset>],
    annotations: &'a [Annotation],
) -> Vec<Vec<&'a Annotation>> {
    let mut next = 0;
    let mut active: Vec<&Annotation> = Vec::new();
    paragraphs
        .iter()
        .map(|paragraph| {
            while let Some(annotation) = annotations.get(next) {
                match annotation.span() {
                    Some(span) if span.start() < paragraph.end => {
                        active.push(annotation);
                        next += 1;
                    }
                    _ => break,
                }
            }
            active.retain(|a| a.span().is_some_and(|s| s.end() > paragraph.start));
            active.clone()
        })
        .collect()
}

/// Segments the whole text, paragraph by paragraph, with `annotations` in text order (as a
/// [`crate::Document`] keeps them). A span across a paragraph break is cut at the break.
pub fn segment_document(text: &DocumentText, annotations: &[Annotation]) -> Vec<ParagraphSegments> {
    let paragraphs = text.paragraphs();
    let covering = covering_by_paragraph(&paragraphs, annotations);
    paragraphs
        .into_iter()
        .zip(covering)
        .map(|(paragraph, covering)| {
            let segments = segment_range(text, paragraph.clone(), covering);
            ParagraphSegments { chars: paragraph, segments }
        })
        .collect()
}

fn byte(text: &DocumentText, at: CharOffset) -> usize {
    text.byte_of(at).map_or(text.as_str().len(), |b| b.get())
}
