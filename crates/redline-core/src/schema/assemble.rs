//! A stored document put back together from its records, and a document list rebuilt from
//! stored texts: what storage holds, read into the domain, with every record it cannot take
//! named and kept apart (the shell keeps it under a backup key), never dropped.

use super::{decode_annotation, decode_text, AnnotationRecord, Library, LibraryEntry};
use crate::document::Document;
use crate::error::ActionError;
use crate::text::DocumentText;
use crate::time::Timestamp;
use std::collections::BTreeMap;

/// A stored record (its key and raw value) the document could not take, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub key: String,
    pub raw: String,
    pub reason: String,
}

/// A document built from storage, and the records it left out.
#[derive(Debug)]
pub struct Assembled {
    pub document: Document,
    pub rejected: Vec<Rejected>,
}

/// Builds a stored document from its text and its annotation records (key, raw value). A record
/// that cannot be read, whose span does not fit the text, or that is an older copy of another
/// record's annotation, is rejected with its reason; the document opens with the rest.
pub fn assemble_document(
    title: &str,
    text: DocumentText,
    records: impl IntoIterator<Item = (String, String)>,
) -> Result<Assembled, ActionError> {
    let mut annotations = Vec::new();
    let mut relations = Vec::new();
    let mut sources = Vec::new();
    let mut tombstones = BTreeMap::new();
    let mut rejected = Vec::new();
    for (key, raw) in records {
        match decode_annotation(&raw) {
            Ok(AnnotationRecord::Live(annotation)) => match annotation.span().map(|s| text.span(s.start(), s.end())) {
                Some(Err(error)) => {
                    rejected.push(Rejected { key, raw, reason: format!("its span does not fit the text: {error}") })
                }
                _ => {
                    annotations.push(annotation);
                    sources.push((key, raw));
                }
            },
            Ok(AnnotationRecord::Deleted { id, at }) => {
                tombstones.insert(id, at);
            }
            Ok(AnnotationRecord::Relation(relation)) => relations.push(relation),
            Err(error) => rejected.push(Rejected { key, raw, reason: error.to_string() }),
        }
    }
    // Two records with one id: the newer stays, the other is kept aside, not lost.
    for index in Document::superseded_duplicates(&annotations).into_iter().rev() {
        let (key, raw) = sources.remove(index);
        let reason = format!("another record holds a newer copy of {}", annotations[index].id());
        rejected.push(Rejected { key, raw, reason });
        annotations.remove(index);
    }
    let mut document = Document::restore(title, text, annotations, tombstones)?;
    // A relation whose end is gone was deleted with it in another tab, its own deletion not
    // written yet: it is left out, and its record left alone.
    document.restore_relations(relations);
    Ok(Assembled { document, rejected })
}

/// A document list rebuilt from stored texts (raw values), for when the list itself could not
/// be read: no document drops out of sight. Titles come from the texts' first words; a value
/// that is not a stored text is left out (it is not a document).
pub fn recover_library(texts: impl IntoIterator<Item = String>, at: Timestamp) -> Library {
    let documents = texts
        .into_iter()
        .filter_map(|raw| decode_text(&raw).ok())
        .map(|stored| {
            let text = DocumentText::new(&stored.text);
            LibraryEntry {
                title: format!("Recovered: {}", text.first_words(8)),
                id: text.id().clone(),
                added: at,
                metadata: Default::default(),
            }
        })
        .collect();
    Library { documents, open: None }
}
