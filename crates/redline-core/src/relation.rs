//! A typed, directed link between two annotations of a document: which claim runs into whose
//! red line. Like an annotation, a value whose fields are shared by its copies.

use crate::annotation::AnnotationId;
use crate::time::Timestamp;
use std::fmt;
use std::rc::Rc;
use std::str::FromStr;

/// How the source annotation stands to the target. Adding a kind is one variant and its names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RelationKind {
    /// Runs against it: a demand against a red line.
    Contests,
    /// Backs or justifies it.
    Supports,
    /// The same position again.
    Restates,
}

impl RelationKind {
    pub const ALL: [RelationKind; 3] = [RelationKind::Contests, RelationKind::Supports, RelationKind::Restates];

    /// The value used in the export and storage.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Contests => "contests",
            RelationKind::Supports => "supports",
            RelationKind::Restates => "restates",
        }
    }

    /// The name a person reads.
    pub fn display_name(self) -> &'static str {
        match self {
            RelationKind::Contests => "Contests",
            RelationKind::Supports => "Supports",
            RelationKind::Restates => "Restates",
        }
    }
}

impl fmt::Display for RelationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RelationKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RelationKind::ALL.into_iter().find(|k| k.as_str() == s).ok_or_else(|| {
            format!("unknown relation kind \"{s}\" (expected \"contests\", \"supports\" or \"restates\")")
        })
    }
}

/// A relation. Its id is an annotation id (the W3C model makes a relation an annotation whose
/// motivation is linking), unique among the document's annotations and relations.
#[derive(Clone)]
pub struct Relation(Rc<RelationFields>);

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RelationFields {
    pub(crate) id: AnnotationId,
    pub(crate) kind: RelationKind,
    pub(crate) source: AnnotationId,
    pub(crate) target: AnnotationId,
    pub(crate) note: String,
    pub(crate) created: Timestamp,
    pub(crate) modified: Timestamp,
}

impl PartialEq for Relation {
    fn eq(&self, other: &Self) -> bool {
        self.is_same(other) || self.0 == other.0
    }
}

impl Eq for Relation {}

impl fmt::Debug for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Relation {
    /// A new relation from `source` to `target` (checked against a document when added).
    pub fn new(
        id: AnnotationId,
        kind: RelationKind,
        source: AnnotationId,
        target: AnnotationId,
        at: Timestamp,
    ) -> Relation {
        Relation::from_fields(RelationFields {
            id,
            kind,
            source,
            target,
            note: String::new(),
            created: at,
            modified: at,
        })
    }

    pub(crate) fn from_fields(fields: RelationFields) -> Relation {
        Relation(Rc::new(fields))
    }

    pub(crate) fn edit(&mut self) -> &mut RelationFields {
        Rc::make_mut(&mut self.0)
    }

    pub fn is_same(&self, other: &Relation) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    pub fn id(&self) -> &AnnotationId {
        &self.0.id
    }

    pub fn kind(&self) -> RelationKind {
        self.0.kind
    }

    pub fn source(&self) -> &AnnotationId {
        &self.0.source
    }

    pub fn target(&self) -> &AnnotationId {
        &self.0.target
    }

    pub fn note(&self) -> &str {
        &self.0.note
    }

    pub fn created(&self) -> Timestamp {
        self.0.created
    }

    pub fn modified(&self) -> Timestamp {
        self.0.modified
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Relation {
        self.edit().note = note.into();
        self
    }

    pub fn with_modified(mut self, modified: Timestamp) -> Relation {
        self.edit().modified = modified;
        self
    }

    /// Whether it links `id`, either way.
    pub fn touches(&self, id: &AnnotationId) -> bool {
        self.source() == id || self.target() == id
    }
}
