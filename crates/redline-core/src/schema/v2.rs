//! Schema version 2 of the annotation records, frozen: version 1's annotation and deletion
//! records, unchanged in shape, and relation records. Version 1 records are read as they are
//! (`migrate`), and stay as they are on disk until their annotation is written again.

use super::v1::{date, AnnotationV1, DeletedV1};
use super::{AnnotationRecord, SchemaError};
use crate::annotation::AnnotationId;
use crate::relation::{Relation, RelationFields, RelationKind};
use serde::{Deserialize, Serialize};

pub const VERSION: u64 = 2;

/// One record per annotation or relation: `{"version":2,"kind":"annotation"|"deleted"|"relation",…}`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum RecordV2 {
    Annotation(AnnotationV1),
    Deleted(DeletedV1),
    Relation(RelationV2),
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationV2 {
    pub version: u64,
    pub id: String,
    /// `contests`, `supports` or `restates`.
    pub relation: String,
    pub source: String,
    pub target: String,
    pub note: String,
    pub created: i64,
    pub modified: i64,
}

impl From<&AnnotationRecord> for RecordV2 {
    fn from(record: &AnnotationRecord) -> Self {
        match record {
            AnnotationRecord::Live(annotation) => RecordV2::Annotation(AnnotationV1::of(annotation, VERSION)),
            AnnotationRecord::Deleted { id, at } => {
                RecordV2::Deleted(DeletedV1 { version: VERSION, id: id.to_string(), at: at.0 })
            }
            AnnotationRecord::Relation(r) => RecordV2::Relation(RelationV2 {
                version: VERSION,
                id: r.id().to_string(),
                relation: r.kind().as_str().to_string(),
                source: r.source().to_string(),
                target: r.target().to_string(),
                note: r.note().to_string(),
                created: r.created().0,
                modified: r.modified().0,
            }),
        }
    }
}

impl RecordV2 {
    pub fn into_domain(self) -> Result<AnnotationRecord, SchemaError> {
        match self {
            RecordV2::Annotation(annotation) => {
                annotation.into_domain().map(AnnotationRecord::Live).map_err(SchemaError::Invalid)
            }
            RecordV2::Deleted(deleted) => super::v1::RecordV1::Deleted(deleted).into_domain(),
            RecordV2::Relation(relation) => {
                relation.into_domain().map(AnnotationRecord::Relation).map_err(SchemaError::Invalid)
            }
        }
    }
}

impl RelationV2 {
    fn into_domain(self) -> Result<Relation, String> {
        let id = |raw: &str| AnnotationId::parse(raw).ok_or_else(|| format!("{raw:?} is not an id"));
        Ok(Relation::from_fields(RelationFields {
            id: id(&self.id)?,
            kind: self.relation.parse::<RelationKind>()?,
            source: id(&self.source)?,
            target: id(&self.target)?,
            note: self.note,
            created: date(self.created, "created")?,
            modified: date(self.modified, "modified")?,
        }))
    }
}
