//! The Red Line Annotator's domain, free of any web crate so that it tests natively.
//!
//! # Units
//!
//! Three layers count text differently, and every conversion between them lives in [`offset`]:
//!
//! | layer                     | unit                  | type            |
//! |---------------------------|-----------------------|-----------------|
//! | the DOM (selections)      | UTF-16 code units     | [`Utf16Offset`] |
//! | the export, spans, storage| Unicode code points   | [`CharOffset`]  |
//! | Rust string slicing       | UTF-8 bytes           | [`ByteOffset`]  |
//!
//! Spans ([`Span`]) are half-open ranges of code points, checked when built. A document's text is
//! normalised once (line endings become `\n`) and identified by the SHA-256 of that normal form.

// Outside tests, a failure is handled or reported, never a panic.
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

pub mod anchor;
pub mod annotation;
pub mod document;
pub mod error;
pub mod formats;
pub mod label;
pub mod map;
mod message;
pub mod offset;
pub mod order;
pub mod reanchor;
pub mod relation;
pub mod schema;
pub mod segment;
pub mod span;
pub mod sync;
pub mod text;
pub mod time;
pub mod web_page;

pub use anchor::{anchor, Anchorer, OrphanReason, Placement};
pub use annotation::{Annotation, AnnotationId, Quote};
pub use document::{Action, Document, Metadata};
pub use error::{ActionError, OffsetError};
pub use label::Label;
pub use offset::{ByteOffset, CharOffset, Utf16Offset};
pub use relation::{Relation, RelationKind};
pub use span::Span;
pub use text::{DocumentId, DocumentText};
pub use time::Timestamp;
