//! doccano's JSON Lines, one document a line, offsets in code points. Without relations, its
//! sequence-labelling shape: `{"text": …, "label": [[start, end, "claim"], …]}`; with them, its
//! relation-extraction shape: `{"text", "entities": [{"id", "label", "start_offset",
//! "end_offset"}], "relations": [{"id", "from_id", "to_id", "type"}]}`. Orphans have no place in
//! the text and are left out, with their relations. Entities and relations also carry this app's
//! ids, holders and notes (keys doccano leaves alone), so that the relation shape reads back
//! whole; the labelling shape carries positions and labels only.

use super::w3c::{Imported, ImportedAnnotation};
use super::{label_named, loose};
use crate::annotation::{Annotation, AnnotationId, Fields, Quote};
use crate::document::{Document, Metadata};
use crate::label::Label;
use crate::offset::CharOffset;
use crate::relation::{Relation, RelationKind};
use crate::text::DocumentText;
use crate::time::Timestamp;
use serde_json::{json, Value};
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
                "id": id, "label": annotation.label().as_str(), "start_offset": span.start().0, "end_offset": span.end().0,
                "annotation_id": annotation.id().as_str(), "holder": annotation.holder(), "note": annotation.note(),
            }));
        }
        let relations: Vec<_> = document
            .relations()
            .iter()
            .filter_map(|r| Some((r, numbers.get(r.source())?, numbers.get(r.target())?)))
            .enumerate()
            .map(|(n, (r, from, to))| {
                json!({
                    "id": n + 1, "from_id": from, "to_id": to, "type": r.kind().as_str(),
                    "relation_id": r.id().as_str(), "note": r.note(),
                })
            })
            .collect();
        json!({ "text": text, "entities": entities, "relations": relations })
    };
    format!("{}\n", with_source(line, document.metadata()))
}

/// The line with the document's source as fields of its own (doccano keeps unknown fields as
/// the example's metadata).
fn with_source(mut line: Value, metadata: &Metadata) -> Value {
    if let Value::Object(map) = &mut line {
        for (key, value) in metadata.fields() {
            if let Some(value) = value {
                map.insert(key.into(), json!(value));
            }
        }
    }
    line
}

/// Reads doccano JSON Lines: the first document (a line with `text`) in either shape. Ids this
/// app wrote are kept; others come from `fresh_id`. An entity with another label, a relation
/// with a missing end or another type: skipped, each with a warning. A line that is not such an
/// object is an error naming it.
pub fn import(raw: &str, now: Timestamp, fresh_id: &mut dyn FnMut() -> AnnotationId) -> Result<Imported, String> {
    let mut lines = raw.lines().enumerate().filter(|(_, l)| !l.trim().is_empty());
    let (index, line) = lines.next().ok_or("the file is empty")?;
    let mut warnings = Vec::new();
    if lines.next().is_some() {
        warnings.push("the file holds several documents; the first was read".to_string());
    }
    let at = |message: String| format!("line {}: {message}", index + 1);
    let value: Value = serde_json::from_str(line).map_err(|e| at(format!("not JSON: {e}")))?;
    let text = value.get("text").and_then(Value::as_str).ok_or_else(|| at("no \"text\"".into()))?;
    let text = DocumentText::new(text);
    let mut annotations = Vec::new();
    let mut by_entity: BTreeMap<u64, AnnotationId> = BTreeMap::new();
    // The labelling shape's triples as entities without ids.
    let triples = value
        .get("label")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|t| json!({ "start_offset": t.get(0), "end_offset": t.get(1), "label": t.get(2) }));
    let entities = value.get("entities").and_then(Value::as_array).cloned().unwrap_or_default();
    for (n, entity) in entities.into_iter().chain(triples).enumerate() {
        let Some(label) = entity.get("label").and_then(Value::as_str).and_then(label_named) else {
            let name = entity.get("label").map(Value::to_string).unwrap_or_default();
            warnings.push(at(format!("entity {} is labelled {name}, not claim or red-line; skipped", n + 1)));
            continue;
        };
        let annotation =
            read_entity(&entity, label, &text, now, fresh_id).map_err(|e| at(format!("entity {}: {e}", n + 1)))?;
        if let Some(entity_id) = entity.get("id").and_then(Value::as_u64) {
            by_entity.insert(entity_id, annotation.annotation.id().clone());
        }
        annotations.push(annotation);
    }
    let mut relations = Vec::new();
    for (n, link) in value.get("relations").and_then(Value::as_array).cloned().unwrap_or_default().iter().enumerate() {
        let kind = link.get("type").and_then(Value::as_str).unwrap_or_default();
        let Some(kind) = RelationKind::ALL.into_iter().find(|k| loose(k.as_str()) == loose(kind)) else {
            warnings.push(at(format!(
                "relation {} is of type {kind:?}, not contests, supports or restates; skipped",
                n + 1
            )));
            continue;
        };
        let end = |key: &str| link.get(key).and_then(Value::as_u64).and_then(|id| by_entity.get(&id)).cloned();
        let (Some(source), Some(target)) = (end("from_id"), end("to_id")) else {
            warnings.push(at(format!("relation {} links an entity that is not in the file; skipped", n + 1)));
            continue;
        };
        let id = link
            .get("relation_id")
            .and_then(Value::as_str)
            .and_then(AnnotationId::parse)
            .unwrap_or_else(&mut *fresh_id);
        let note = link.get("note").and_then(Value::as_str).unwrap_or_default();
        relations.push(Relation::new(id, kind, source, target, now).with_note(note));
    }
    let metadata = Metadata::from_fields(|key| Ok::<_, ()>(value.get(key).and_then(Value::as_str).map(str::to_string)))
        .unwrap_or_default();
    Ok(Imported { text: Some(text), metadata, annotations, relations, warnings, ..Default::default() })
}

/// One entity, placed on `text`.
fn read_entity(
    entity: &Value,
    label: Label,
    text: &DocumentText,
    now: Timestamp,
    fresh_id: &mut dyn FnMut() -> AnnotationId,
) -> Result<ImportedAnnotation, String> {
    let number = |key: &str| entity.get(key).and_then(Value::as_u64).map(|n| n as usize);
    let (Some(start), Some(end)) = (number("start_offset"), number("end_offset")) else {
        return Err("no start_offset and end_offset".into());
    };
    let span =
        text.span(CharOffset(start), CharOffset(end)).map_err(|e| format!("its offsets do not fit the text: {e}"))?;
    let string = |key: &str| entity.get(key).and_then(Value::as_str).unwrap_or_default().to_string();
    let id = AnnotationId::parse(&string("annotation_id")).unwrap_or_else(fresh_id);
    let quote = Quote::of(text, span);
    let (note, holder) = (string("note"), string("holder"));
    let fields = Fields { id, label, span: None, quote, note, holder, created: now, modified: now };
    Ok(ImportedAnnotation { annotation: Annotation::from_fields(fields), position: Some(span.start()..span.end()) })
}
