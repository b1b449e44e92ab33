//! Hypothesis's export JSON (`{"export_date", "client_version", "annotations": [...]}`, or its
//! API's list of annotations): `tags` give the label (matched loosely), `text` the note, the
//! target's `TextQuoteSelector` the quote and context. Its positions count characters of the
//! whole web page, not of an article's text, so annotations are placed by quote and context.

use super::json_path::{kind, At, PathError};
use super::w3c::{selectors, time_at, ImportError, Imported, ImportedAnnotation, MAX_ANNOTATIONS, MAX_IMPORT_BYTES};
use super::{label_named, Source};
use crate::annotation::{Annotation, AnnotationId, Fields};
use crate::document::Metadata;
use crate::label::Label;
use crate::time::Timestamp;
use serde_json::Value;

/// Whether a file is a Hypothesis export: its envelope, or a list of its annotations (each with
/// a `uri`, `tags` and a `user`).
pub fn is_hypothesis(raw: &str) -> bool {
    let head = raw.trim_start();
    if !(head.starts_with('{') || head.starts_with('[')) {
        return false;
    }
    let Ok(value) = serde_json::from_str::<Value>(raw) else { return false };
    let annotation = |v: &Value| v.get("uri").is_some() && v.get("user").is_some() && v.get("tags").is_some();
    match &value {
        Value::Object(o) => {
            o.contains_key("annotations") && (o.contains_key("export_date") || o.contains_key("client_version"))
        }
        Value::Array(items) => items.first().is_some_and(annotation),
        _ => false,
    }
}

pub fn import(raw: &str, now: Timestamp) -> Result<Imported, ImportError> {
    if raw.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge { bytes: raw.len(), limit: MAX_IMPORT_BYTES });
    }
    let value: Value = serde_json::from_str(raw).map_err(|e| ImportError::NotJson(e.to_string()))?;
    let root = At::root(&value);
    let list = if value.is_array() { root.clone() } else { root.require("annotations")? };
    if !list.value.is_array() {
        return Err(list.error(format!("expected a list of annotations, found {}", kind(list.value))).into());
    }
    let items = list.items();
    if items.len() > MAX_ANNOTATIONS {
        return Err(ImportError::TooMany { count: items.len(), limit: MAX_ANNOTATIONS });
    }
    let mut imported = Imported { source: Source::Hypothesis, ..Imported::default() };
    let mut seen = std::collections::HashSet::new();
    for item in items {
        let Some((annotation, tagged)) = read(&item, now)? else {
            imported.warnings.push(format!("{}: a page note or reply, with no quote; skipped", item.path));
            continue;
        };
        imported.take(annotation, tagged, &mut seen, &item.path);
        // The page they were made on, and its title, as the first annotation gives them.
        if imported.metadata.url.is_none() {
            let uri = item.get("uri").and_then(|u| u.str().ok()).map(str::to_string);
            imported.metadata = Metadata { url: uri, ..Metadata::default() }.cleaned();
        }
        if imported.title.is_none() {
            let title = item.get("document").and_then(|d| d.get("title")).and_then(|t| t.items().first()?.str().ok());
            imported.title = title.map(str::to_string);
        }
    }
    Ok(imported)
}

/// One Hypothesis annotation, and whether a tag names a label; `None` for one without a quote
/// (a page note or a reply).
fn read(item: &At, now: Timestamp) -> Result<Option<(ImportedAnnotation, bool)>, PathError> {
    if !item.value.is_object() {
        return Err(item.error(format!("expected an annotation object, found {}", kind(item.value))));
    }
    let Some(target) = item.get("target") else { return Ok(None) };
    let (Some(quote), _) = selectors(&target)? else { return Ok(None) };
    let id_at = item.require("id")?;
    let raw_id = id_at.str()?;
    // Its own address where the file gives one (an IRI, as the W3C export needs), else a URN.
    let link = item.get("links").and_then(|l| l.get("html")).and_then(|h| h.str().ok());
    let id = link
        .filter(|l| crate::web_page::web_url(l).is_some())
        .map(str::to_string)
        .unwrap_or_else(|| format!("urn:x-hypothesis:{raw_id}"));
    let id = AnnotationId::parse(&id).ok_or_else(|| id_at.error("an id must be non-empty text without spaces"))?;
    let tags: Vec<&str> =
        item.get("tags").map(|t| t.items().iter().filter_map(|t| t.str().ok()).collect()).unwrap_or_default();
    let label = tags.iter().find_map(|t| label_named(t));
    let mut note = item.get("text").map(|t| t.str()).transpose()?.unwrap_or_default().trim().to_string();
    // Who made it stays with it, in the note (there is no field for an annotator).
    let user = item.get("user_info").and_then(|u| u.get("display_name")).and_then(|n| n.str().ok());
    let account = item.get("user").and_then(|u| u.str().ok());
    if let Some(by) = user.or(account).filter(|u| !u.trim().is_empty()) {
        if !note.is_empty() {
            note.push('\n');
        }
        note.push_str(&format!("(Hypothesis: {})", by.trim()));
    }
    let created = time_at(item, "created")?.unwrap_or(now);
    let modified = time_at(item, "updated")?.unwrap_or(created);
    let fields = Fields {
        id,
        label: label.unwrap_or(Label::Claim),
        span: None,
        quote,
        note,
        holder: String::new(),
        created,
        modified,
    };
    Ok(Some((ImportedAnnotation { annotation: Annotation::from_fields(fields), position: None }, label.is_some())))
}
