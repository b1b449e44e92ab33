//! Half-open ranges of code points.

use crate::error::OffsetError;
use crate::offset::CharOffset;

/// `[start, end)` in code points, never empty; build it with [`Span::new`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    start: CharOffset,
    end: CharOffset,
}

impl Span {
    /// A span of a text `len` code points long; refuses empty, reversed and out-of-range spans.
    pub fn new(start: CharOffset, end: CharOffset, len: CharOffset) -> Result<Span, OffsetError> {
        if end > len {
            return Err(OffsetError::OutOfRange { offset: end.0, len: len.0 });
        }
        if start >= end {
            return Err(OffsetError::EmptyOrReversed { start: start.0, end: end.0 });
        }
        Ok(Span { start, end })
    }

    pub fn start(&self) -> CharOffset {
        self.start
    }

    pub fn end(&self) -> CharOffset {
        self.end
    }

    pub fn len(&self) -> usize {
        self.end.0 - self.start.0
    }

    /// Never true: spans are not empty. Present for the `len` convention.
    pub fn is_empty(&self) -> bool {
        false
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}
