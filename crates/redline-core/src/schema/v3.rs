//! Schema version 3 of the document list, frozen: version 1's entries with what is known of
//! where each text came from (source URL, outlet, author, published), each field absent when
//! unknown. Version 1 lists are read as they are (`migrate`) and stay so on disk until written.

use super::v1::{date, document_id};
use super::{Library, LibraryEntry, SchemaError};
use crate::document::Metadata;
use crate::text::DocumentId;
use serde::{Deserialize, Serialize};

pub const VERSION: u64 = 3;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LibraryV3 {
    pub version: u64,
    pub documents: Vec<LibraryEntryV3>,
    pub open: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LibraryEntryV3 {
    pub id: String,
    pub title: String,
    pub added: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
}

impl From<&Library> for LibraryV3 {
    fn from(library: &Library) -> Self {
        let documents = library
            .documents
            .iter()
            .map(|d| LibraryEntryV3 {
                id: d.id.to_string(),
                title: d.title.clone(),
                added: d.added.0,
                url: d.metadata.url.clone(),
                outlet: d.metadata.outlet.clone(),
                author: d.metadata.author.clone(),
                published: d.metadata.published.clone(),
            })
            .collect();
        LibraryV3 { version: VERSION, documents, open: library.open.as_ref().map(DocumentId::to_string) }
    }
}

impl LibraryV3 {
    pub fn into_domain(self) -> Result<Library, SchemaError> {
        let documents = self
            .documents
            .into_iter()
            .map(|d| {
                let added = date(d.added, "added").map_err(SchemaError::Invalid)?;
                let metadata =
                    Metadata { url: d.url, outlet: d.outlet, author: d.author, published: d.published }.cleaned();
                Ok(LibraryEntry { id: document_id(&d.id)?, title: d.title, added, metadata })
            })
            .collect::<Result<_, SchemaError>>()?;
        let open = self.open.as_deref().map(document_id).transpose()?;
        Ok(Library { documents, open })
    }
}
