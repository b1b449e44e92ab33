//! One mark on a text: its label, where it sits, what it quotes, and what the reader said of it.

use crate::label::Label;
use crate::span::Span;
use crate::text::DocumentText;
use crate::time::Timestamp;
use std::fmt;

/// Code points of context kept on each side of a quote.
pub const CONTEXT_CHARS: usize = 32;

/// An annotation's identity: an IRI such as `urn:uuid:…`, stable across export and import.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AnnotationId(String);

impl AnnotationId {
    /// The id of a new annotation from 16 random bytes supplied by the caller (UUID version 4).
    pub fn from_random_bytes(bytes: [u8; 16]) -> AnnotationId {
        let mut b = bytes;
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
        AnnotationId(format!(
            "urn:uuid:{}-{}-{}-{}-{}",
            &hex[0..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..32]
        ))
    }

    /// An id read from a file or storage: any non-empty string without white space, up to 512 bytes.
    pub fn parse(raw: &str) -> Option<AnnotationId> {
        let ok = !raw.is_empty() && raw.len() <= 512 && !raw.chars().any(char::is_whitespace);
        ok.then(|| AnnotationId(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AnnotationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The quoted text with its context, as a W3C `TextQuoteSelector` carries it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Quote {
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

impl Quote {
    /// The quote of a span of `text`, with up to [`CONTEXT_CHARS`] of context each side.
    pub fn of(text: &DocumentText, span: Span) -> Quote {
        Quote {
            exact: text.slice(span).to_string(),
            prefix: text.before(span.start(), CONTEXT_CHARS).to_string(),
            suffix: text.after(span.end(), CONTEXT_CHARS).to_string(),
        }
    }
}

/// A claim or red line. `span` is `None` for an orphan: an annotation whose quote could not be
/// placed on the text; it keeps its quote and is listed apart until re-attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    pub id: AnnotationId,
    pub label: Label,
    pub span: Option<Span>,
    pub quote: Quote,
    pub note: String,
    pub holder: String,
    pub created: Timestamp,
    pub modified: Timestamp,
}

impl Annotation {
    /// A new annotation on `span` of `text`, with its quote taken from the text.
    pub fn new(id: AnnotationId, label: Label, text: &DocumentText, span: Span, at: Timestamp) -> Annotation {
        Annotation {
            id,
            label,
            span: Some(span),
            quote: Quote::of(text, span),
            note: String::new(),
            holder: String::new(),
            created: at,
            modified: at,
        }
    }

    pub fn is_orphan(&self) -> bool {
        self.span.is_none()
    }

    /// The order of the sidebar and of the export: by start, then longer first, then id;
    /// orphans last.
    pub fn text_order_key(&self) -> (bool, usize, std::cmp::Reverse<usize>, &AnnotationId) {
        match self.span {
            Some(span) => (false, span.start().0, std::cmp::Reverse(span.end().0), &self.id),
            None => (true, 0, std::cmp::Reverse(0), &self.id),
        }
    }
}
