//! Errors shared by several modules. Each `Display` is a sentence a user can act on.

use crate::annotation::AnnotationId;
use thiserror::Error;

/// An offset that does not name a place in the text in the unit it claims.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OffsetError {
    #[error("offset {offset} is past the end of the text ({len})")]
    OutOfRange { offset: usize, len: usize },
    #[error("offset {offset} falls inside a character")]
    InsideCharacter { offset: usize },
    #[error("the span {start}..{end} is empty or reversed")]
    EmptyOrReversed { start: usize, end: usize },
}

/// Why a document refused an action.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ActionError {
    #[error("no annotation has the id {0}")]
    UnknownId(AnnotationId),
    #[error("an annotation with the id {0} exists already")]
    DuplicateId(AnnotationId),
    #[error("the annotation's span does not fit this document: {0}")]
    BadSpan(OffsetError),
    #[error("a relation needs two different annotations")]
    SelfRelation,
    #[error("these two annotations are already linked by a “{0}” relation")]
    DuplicateRelation(&'static str),
    #[error("a party needs a name")]
    EmptyHolder,
    #[error("no annotation is held by “{0}”")]
    UnknownHolder(String),
    #[error("nothing to undo")]
    NothingToUndo,
    #[error("nothing to redo")]
    NothingToRedo,
}
