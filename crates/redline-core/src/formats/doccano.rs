//! doccano's JSON Lines, one document a line, offsets in code points. Without relations, its
//! sequence-labelling shape: `{"text": …, "label": [[start, end, "claim"], …]}`; with them, its
//! relation-extraction shape: `{"text", "entities": [{"id", "label", "start_offset",
//! "end_offset"}], "relations": [{"id", "from_id", "to_id", "type"}]}`. Orphans have no place in
//! the text and are left out, with their relations.

use crate::document::Document;
use serde_json::json;
use std::collections::BTreeMap;

pub fn export(document: &Document) -> String {
    let text = document.text().as_str();
    let line = if document.relations().is_empty() {
        let labels: Vec<_> = document
            .placed()
            .filter_map(|a| a.span().map(|s| json!([s.start().0, s.end().0, a.label().as_str()])))
            .collect();
        json!({ "text": text, "label": labels })
    } else {
        let mut numbers = BTreeMap::new();
        let mut entities = Vec::new();
        for annotation in document.placed() {
            let Some(span) = annotation.span() else { continue };
            let id = numbers.len() + 1;
            numbers.insert(annotation.id(), id);
            entities.push(json!({
                "id": id, "label": annotation.label().as_str(), "start_offset": span.start().0, "end_offset": span.end().0
            }));
        }
        let relations: Vec<_> = document
            .relations()
            .iter()
            .filter_map(|r| Some((r, numbers.get(r.source())?, numbers.get(r.target())?)))
            .enumerate()
            .map(|(n, (r, from, to))| json!({ "id": n + 1, "from_id": from, "to_id": to, "type": r.kind().as_str() }))
            .collect();
        json!({ "text": text, "entities": entities, "relations": relations })
    };
    format!("{line}\n")
}
