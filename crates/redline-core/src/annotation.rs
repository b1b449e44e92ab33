//! One mark on a text: its label, where it sits, what it quotes, and what the reader said of it.

use crate::label::Label;
use crate::span::Span;
use crate::text::DocumentText;
use crate::time::Timestamp;
use std::fmt;
use std::rc::Rc;

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
///
/// A value: its fields are read through methods and changed only by making a new value (or by a
/// [`crate::Document`] action). Copies share their fields, so a document's list of thousands
/// is copied in microseconds and an unchanged annotation is told apart by identity.
#[derive(Clone)]
pub struct Annotation(Rc<Fields>);

/// What an annotation is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fields {
    pub(crate) id: AnnotationId,
    pub(crate) label: Label,
    pub(crate) span: Option<Span>,
    pub(crate) quote: Quote,
    pub(crate) note: String,
    pub(crate) holder: String,
    pub(crate) created: Timestamp,
    pub(crate) modified: Timestamp,
}

impl PartialEq for Annotation {
    fn eq(&self, other: &Self) -> bool {
        self.is_same(other) || self.0 == other.0
    }
}

impl Eq for Annotation {}

impl fmt::Debug for Annotation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Annotation {
    /// A new annotation on `span` of `text`, with its quote taken from the text.
    pub fn new(id: AnnotationId, label: Label, text: &DocumentText, span: Span, at: Timestamp) -> Annotation {
        Annotation::from_fields(Fields {
            id,
            label,
            span: Some(span),
            quote: Quote::of(text, span),
            note: String::new(),
            holder: String::new(),
            created: at,
            modified: at,
        })
    }

    /// An annotation read from storage or a file (the schema and format decoders build these).
    pub(crate) fn from_fields(fields: Fields) -> Annotation {
        Annotation(Rc::new(fields))
    }

    /// Its fields, to change: copied first if another value shares them.
    pub(crate) fn edit(&mut self) -> &mut Fields {
        Rc::make_mut(&mut self.0)
    }

    /// Whether the two are one value (not only equal): an unchanged annotation in a new
    /// version of a document.
    pub fn is_same(&self, other: &Annotation) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    pub fn id(&self) -> &AnnotationId {
        &self.0.id
    }

    pub fn label(&self) -> Label {
        self.0.label
    }

    pub fn span(&self) -> Option<Span> {
        self.0.span
    }

    pub fn quote(&self) -> &Quote {
        &self.0.quote
    }

    pub fn note(&self) -> &str {
        &self.0.note
    }

    pub fn holder(&self) -> &str {
        &self.0.holder
    }

    pub fn created(&self) -> Timestamp {
        self.0.created
    }

    pub fn modified(&self) -> Timestamp {
        self.0.modified
    }

    /// This annotation with another note (its times unchanged: the caller decides them).
    pub fn with_note(mut self, note: impl Into<String>) -> Annotation {
        self.edit().note = note.into();
        self
    }

    pub fn with_label(mut self, label: Label) -> Annotation {
        self.edit().label = label;
        self
    }

    pub fn with_holder(mut self, holder: impl Into<String>) -> Annotation {
        self.edit().holder = holder.into();
        self
    }

    pub fn with_modified(mut self, modified: Timestamp) -> Annotation {
        self.edit().modified = modified;
        self
    }

    /// This annotation placed on `span` of `text`, its quote taken from there.
    pub fn placed(mut self, text: &DocumentText, span: Span) -> Annotation {
        let fields = self.edit();
        fields.span = Some(span);
        fields.quote = Quote::of(text, span);
        self
    }

    /// This annotation at a span whose text is its quote (checked by the caller), or an orphan.
    pub(crate) fn at_span(mut self, span: Option<Span>) -> Annotation {
        self.edit().span = span;
        self
    }

    /// This annotation as an orphan: no span, its quote kept.
    pub fn orphaned(mut self) -> Annotation {
        self.edit().span = None;
        self
    }

    pub fn is_orphan(&self) -> bool {
        self.0.span.is_none()
    }

    /// The order of the sidebar and of the export: by start, then longer first, then id;
    /// orphans last.
    pub fn text_order_key(&self) -> (bool, usize, std::cmp::Reverse<usize>, &AnnotationId) {
        match self.0.span {
            Some(span) => (false, span.start().0, std::cmp::Reverse(span.end().0), &self.0.id),
            None => (true, 0, std::cmp::Reverse(0), &self.0.id),
        }
    }
}
