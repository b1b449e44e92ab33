//! doccano's JSON Lines shape: `{"text": …, "label": [[start, end, "claim"], …]}`, one document a
//! line, offsets in code points. Orphans have no place in the text and are left out.

use crate::document::Document;
use serde_json::json;

pub fn export(document: &Document) -> String {
    let labels: Vec<_> = document
        .placed()
        .filter_map(|a| a.span().map(|s| json!([s.start().0, s.end().0, a.label().as_str()])))
        .collect();
    let line = json!({ "text": document.text().as_str(), "label": labels });
    format!("{line}\n")
}
