//! The W3C Web Annotation collection (SPEC §3): the export, and the import that reads it back
//! (and single annotations, pages and lists of them from other tools).
//!
//! Positions are in code points, as the model requires; UTF-16 and UTF-8 offsets travel alongside
//! in `target.utf16Offsets` / `target.utf8Offsets`. The document itself travels in `document`.

use super::json_path::{kind, At, PathError};
use super::{label_named, Source};
use crate::annotation::{Annotation, AnnotationId, Fields, Quote};
use crate::document::{Document, Metadata};
use crate::label::Label;
use crate::offset::CharOffset;
use crate::relation::{Relation, RelationKind};
use crate::text::{abbreviate, DocumentText};
use crate::time::Timestamp;
use serde_json::{json, Map, Value};
use std::collections::HashSet;
use std::ops::Range;
use thiserror::Error;

pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// Files larger than this are refused before parsing.
pub const MAX_IMPORT_BYTES: usize = 64 * 1024 * 1024;
/// Collections with more annotations than this are refused.
pub const MAX_ANNOTATIONS: usize = 200_000;

/// Why a file could not be imported. Nothing is changed when import fails.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    #[error("the file is {bytes} bytes; files up to {limit} bytes can be imported")]
    TooLarge { bytes: usize, limit: usize },
    #[error("the file is not valid JSON: {0}")]
    NotJson(String),
    #[error("this looks like {0}, not W3C JSON")]
    OtherFormat(&'static str),
    #[error("the file has too many annotations ({count}); up to {limit} can be imported")]
    TooMany { count: usize, limit: usize },
    #[error("{0}")]
    Invalid(PathError),
}

impl From<PathError> for ImportError {
    fn from(error: PathError) -> Self {
        ImportError::Invalid(error)
    }
}

/// An annotation as read from a file: `span` is `None` until placed on a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedAnnotation {
    pub annotation: Annotation,
    /// Where the file says it sits, in code points of the file's text.
    pub position: Option<Range<CharOffset>>,
}

/// What a file holds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Imported {
    /// Which tool the file looked like it came from.
    pub source: Source,
    pub title: Option<String>,
    /// What the file says of the text's source.
    pub metadata: Metadata,
    /// The document text, when the file carries it (every export of this app does).
    pub text: Option<DocumentText>,
    pub annotations: Vec<ImportedAnnotation>,
    /// Annotations with no claim or red-line tag, labelled Claim until the user says what they
    /// are ([`Imported::label_untagged`]).
    pub untagged: Vec<ImportedAnnotation>,
    /// The positions count UTF-16 code units (JavaScript's), not code points: Recogito's.
    pub utf16_positions: bool,
    /// Links between the annotations (`"motivation": "linking"`), checked when merged.
    pub relations: Vec<Relation>,
    /// What was skipped, one sentence each.
    pub warnings: Vec<String>,
}

impl Imported {
    /// Takes an annotation read from the file at `path`: among the tagged or the untagged ones,
    /// or, when its id was `seen` already, only as a warning.
    pub(crate) fn take(
        &mut self,
        read: ImportedAnnotation,
        tagged: bool,
        seen: &mut HashSet<AnnotationId>,
        path: &str,
    ) {
        if !seen.insert(read.annotation.id().clone()) {
            self.warnings.push(twice(path, read.annotation.id()));
        } else if tagged {
            self.annotations.push(read);
        } else {
            self.untagged.push(read);
        }
    }

    /// The untagged annotations given `label`, or left out (`None`, with a warning saying so).
    pub fn label_untagged(&self, label: Option<Label>) -> Imported {
        let mut labelled = self.clone();
        let untagged = std::mem::take(&mut labelled.untagged);
        match label {
            Some(label) => labelled.annotations.extend(untagged.into_iter().map(|imported| ImportedAnnotation {
                annotation: imported.annotation.with_label(label),
                position: imported.position,
            })),
            None if !untagged.is_empty() => labelled
                .warnings
                .push(format!("{} annotations with no claim or red-line tag were skipped", untagged.len())),
            None => {}
        }
        labelled
    }

    /// The annotations with their positions in code points of `text` (the text they are placed
    /// on): UTF-16 positions are converted there, and dropped where they fall outside it.
    pub fn annotations_on(&self, text: &DocumentText) -> Vec<ImportedAnnotation> {
        if !self.utf16_positions {
            return self.annotations.clone();
        }
        let convert = |p: &Range<CharOffset>| {
            let start = text.char_of_utf16(crate::Utf16Offset(p.start.0)).ok()?;
            let end = text.char_of_utf16(crate::Utf16Offset(p.end.0)).ok()?;
            Some(start..end)
        };
        self.annotations
            .iter()
            .map(|a| ImportedAnnotation {
                annotation: a.annotation.clone(),
                position: a.position.as_ref().and_then(convert),
            })
            .collect()
    }

    /// The file as a document of its own: needs the text; positions were checked against it.
    pub fn to_document(&self) -> Option<Document> {
        let text = self.text.clone()?;
        let annotations = self
            .annotations
            .iter()
            .map(|imported| {
                let span = imported.position.as_ref().and_then(|p| text.span(p.start, p.end).ok());
                imported.annotation.clone().at_span(span)
            })
            .collect();
        let title = self.title.clone().unwrap_or_else(|| "Imported document".to_string());
        let mut document = Document::restore(title, text, annotations, Default::default()).ok()?;
        document.set_metadata(self.metadata.clone());
        document.restore_relations(self.relations.clone());
        Some(document)
    }
}

/// The collection of one document, self-contained, as pretty JSON. Its items are written one at
/// a time into the collection's text: a long document's export never holds them all as JSON
/// values at once.
pub fn export(document: &Document) -> String {
    let text = document.text();
    let total = document.annotations().len() + document.relations().len();
    // The collection and its one page are named after the text they annotate.
    let collection_id = format!("{}#annotations", source(text));
    let metadata = document.metadata();
    let mut described = json!({
        "title": document.title(),
        "format": "text/plain",
        "sha256": text.sha256(),
        "source": source(text),
        "text": text.as_str(),
    });
    if let Value::Object(map) = &mut described {
        for (key, value) in metadata.fields() {
            if let Some(value) = value {
                map.insert(key.into(), json!(value));
            }
        }
    }
    let collection = json!({
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": document.title(),
        "total": total,
        "document": described,
        "first": {
            "@context": CONTEXT,
            "id": format!("{collection_id}-page-1"),
            "type": "AnnotationPage",
            "partOf": { "id": collection_id, "label": document.title(), "total": total },
            "startIndex": 0,
            "items": [],
        },
    });
    let written = serde_json::to_string_pretty(&collection).unwrap_or_default();
    if total == 0 {
        return written;
    }
    // Inside the JSON text, a quote in any value is escaped: the only `"items": []` is the key.
    let Some(at) = written.find(NO_ITEMS) else { return written };
    let mut out = String::with_capacity(written.len() + total * 1024);
    out.push_str(&written[..at + NO_ITEMS.len() - 1]);
    let target_source = metadata.url.clone().unwrap_or_else(|| source(text));
    let annotations = document.annotations().iter().map(|a| annotation_json(text, &target_source, a));
    let items = annotations.chain(document.relations().iter().map(relation_json));
    for (index, item) in items.enumerate() {
        if index > 0 {
            out.push(',');
        }
        out.push('\n');
        out.push_str(ITEM_INDENT);
        let item = serde_json::to_string_pretty(&item).unwrap_or_default();
        // JSON strings hold no raw line breaks: every one is between tokens.
        out.push_str(&item.replace('\n', &format!("\n{ITEM_INDENT}")));
    }
    out.push_str("\n    ]");
    out.push_str(&written[at + NO_ITEMS.len()..]);
    out
}

/// Where the items go in the collection written without them.
const NO_ITEMS: &str = "\"items\": []";
/// The indentation of an item inside the collection's first page.
const ITEM_INDENT: &str = "      ";

fn source(text: &DocumentText) -> String {
    format!("urn:sha256:{}", text.sha256())
}

fn annotation_json(text: &DocumentText, target_source: &str, annotation: &Annotation) -> Value {
    let body = bodies(annotation.label().as_str(), annotation.note());
    let mut selectors = vec![json!({
        "type": "TextQuoteSelector",
        "exact": annotation.quote().exact,
        "prefix": annotation.quote().prefix,
        "suffix": annotation.quote().suffix,
    })];
    let mut target = Map::new();
    target.insert("source".into(), json!(target_source));
    if let Some(span) = annotation.span() {
        selectors.push(json!({ "type": "TextPositionSelector", "start": span.start().0, "end": span.end().0 }));
        if let (Ok(a), Ok(b)) = (text.utf16_of(span.start()), text.utf16_of(span.end())) {
            target.insert("utf16Offsets".into(), json!({ "start": a.0, "end": b.0 }));
        }
        if let (Ok(a), Ok(b)) = (text.byte_of(span.start()), text.byte_of(span.end())) {
            target.insert("utf8Offsets".into(), json!({ "start": a.0, "end": b.0 }));
        }
    }
    target.insert("selector".into(), Value::Array(selectors));
    let mut item = json!({
        "@context": CONTEXT,
        "id": annotation.id().as_str(),
        "type": "Annotation",
        "motivation": "tagging",
        "created": annotation.created().to_rfc3339(),
        "modified": annotation.modified().to_rfc3339(),
        "body": body,
        "target": Value::Object(target),
    });
    if let Value::Object(map) = &mut item {
        if !annotation.holder().is_empty() {
            map.insert("holder".into(), json!(annotation.holder()));
        }
        if annotation.is_orphan() {
            map.insert("orphan".into(), json!(true));
        }
    }
    item
}

/// The bodies of an item: its tag, and its note when it has one.
fn bodies(tag: &str, note: &str) -> Vec<Value> {
    let mut body = vec![json!({ "type": "TextualBody", "purpose": "tagging", "value": tag })];
    if !note.is_empty() {
        body.push(json!({ "type": "TextualBody", "purpose": "commenting", "value": note, "format": "text/plain" }));
    }
    body
}

/// A relation as a linking annotation: its kind the tag, its ends the targets, in order.
fn relation_json(relation: &Relation) -> Value {
    let body = bodies(relation.kind().as_str(), relation.note());
    json!({
        "@context": CONTEXT,
        "id": relation.id().as_str(),
        "type": "Annotation",
        "motivation": "linking",
        "created": relation.created().to_rfc3339(),
        "modified": relation.modified().to_rfc3339(),
        "body": body,
        "target": [relation.source().as_str(), relation.target().as_str()],
    })
}

/// Reads a W3C collection, page, annotation or list of annotations. `now` dates annotations
/// that carry no `created`/`modified`.
pub fn import(raw: &str, now: Timestamp) -> Result<Imported, ImportError> {
    if raw.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge { bytes: raw.len(), limit: MAX_IMPORT_BYTES });
    }
    let value: Value = match serde_json::from_str(raw) {
        Ok(value) => value,
        Err(error) => return Err(other_format(raw).unwrap_or_else(|| ImportError::NotJson(error.to_string()))),
    };
    let root = At::root(&value);
    if is_doccano(&value) {
        return Err(ImportError::OtherFormat(DOCCANO));
    }
    let (title, text, metadata) = match root.get("document") {
        Some(document) => {
            let text = document.require("text")?.str()?;
            let title = document.get("title").map(|t| t.str().map(str::to_string)).transpose()?;
            let metadata =
                Metadata::from_fields(|key| document.get(key).map(|v| v.str().map(str::to_string)).transpose())?;
            (title, Some(DocumentText::new(text)), metadata)
        }
        None => (None, None, Metadata::default()),
    };
    let title = match title {
        Some(title) => Some(title),
        None => root.get("label").and_then(|l| l.str().ok()).map(str::to_string),
    };
    let items = items_of(&root)?;
    if items.len() > MAX_ANNOTATIONS {
        return Err(ImportError::TooMany { count: items.len(), limit: MAX_ANNOTATIONS });
    }
    // Recogito's adapter names each target's annotation, and counts positions in UTF-16.
    let recogito = items
        .iter()
        .any(|item| item.get("target").is_some_and(|t| t.items().iter().any(|t| t.get("annotation").is_some())));
    let source = if recogito {
        Source::Recogito
    } else if text.is_some() {
        Source::ThisApp
    } else {
        Source::W3c
    };
    let mut read = Imported { source, title, metadata, utf16_positions: recogito, ..Imported::default() };
    read.annotations.reserve(items.len());
    let mut relations = Vec::new();
    let mut seen = HashSet::new();
    for item in items {
        if item.get("motivation").and_then(|m| m.str().ok()) == Some("linking") {
            match read_relation(&item, now)? {
                Ok(relation) if seen.insert(relation.id().clone()) => relations.push(relation),
                Ok(relation) => read.warnings.push(twice(&item.path, relation.id())),
                Err(warning) => read.warnings.push(warning),
            }
            continue;
        }
        match read_annotation(&item, text.as_ref(), now)? {
            Ok((annotation, tagged)) => read.take(annotation, tagged, &mut seen, &item.path),
            Err(warning) => read.warnings.push(warning),
        }
    }
    // A relation needs both its ends in the file: one without is reported and skipped.
    let ids: HashSet<&AnnotationId> =
        read.annotations.iter().chain(&read.untagged).map(|a| a.annotation.id()).collect();
    let (linked, dangling): (Vec<Relation>, Vec<Relation>) =
        relations.into_iter().partition(|r| ids.contains(r.source()) && ids.contains(r.target()));
    for relation in dangling {
        read.warnings
            .push(format!("the relation {} links an annotation that is not in the file; skipped", relation.id()));
    }
    read.relations = linked;
    read.text = text;
    Ok(read)
}

/// "$.items[3]: the id … appears twice; the later one was skipped".
fn twice(path: &str, id: &AnnotationId) -> String {
    format!("{path}: the id {id} appears twice; the later one was skipped")
}

/// One linking annotation: `Err` is a fault in the file; `Ok(Err)` a skipped one with a warning.
fn read_relation(item: &At, now: Timestamp) -> Result<Result<Relation, String>, PathError> {
    let id_at = item.require("id")?;
    let id = AnnotationId::parse(&iri_id(id_at.str()?))
        .ok_or_else(|| id_at.error("an id must be non-empty text without spaces"))?;
    let mut kind = None;
    let mut note = String::new();
    for entry in item.get("body").map(|b| b.items()).unwrap_or_default() {
        let purpose = entry.get("purpose").and_then(|p| p.str().ok()).unwrap_or_default();
        let value = entry.get("value").map(|v| v.str()).transpose()?.unwrap_or_default();
        match purpose {
            "tagging" | "classifying" => {
                kind = Some(value.parse::<RelationKind>().map_err(|message| entry.error(message))?);
            }
            "commenting" | "describing" => note = value.to_string(),
            _ => {}
        }
    }
    let Some(kind) = kind else {
        return Ok(Err(format!(
            "{}: a link with no \"contests\", \"supports\" or \"restates\" tag; skipped",
            item.path
        )));
    };
    let target = item.require("target")?;
    let ends: Vec<AnnotationId> = target
        .items()
        .iter()
        .map(|end| {
            let raw = end.get("id").unwrap_or_else(|| end.clone()).str()?;
            AnnotationId::parse(&iri_id(raw)).ok_or_else(|| end.error("expected an annotation id"))
        })
        .collect::<Result<_, _>>()?;
    let [source, target_id] = <[AnnotationId; 2]>::try_from(ends).map_err(|ends| {
        target.error(format!("a link needs two targets (source, then target), found {}", ends.len()))
    })?;
    if source == target_id {
        return Err(target.error("a link from an annotation to itself"));
    }
    let created = time_at(item, "created")?.unwrap_or(now);
    let modified = time_at(item, "modified")?.unwrap_or(created);
    Ok(Ok(Relation::new(id, kind, source, target_id, created).with_note(note).with_modified(modified)))
}

/// What [`ImportError::OtherFormat`] says of doccano's JSON Lines.
pub const DOCCANO: &str = "a doccano JSON Lines file";
/// What [`ImportError::OtherFormat`] says of this app's CSV.
pub const CSV: &str = "a CSV export";

/// A doccano line: its text, and labels or entities.
fn is_doccano(value: &Value) -> bool {
    value.get("text").is_some_and(Value::is_string)
        && (value.get("label").is_some_and(Value::is_array) || value.get("entities").is_some_and(Value::is_array))
}

fn other_format(raw: &str) -> Option<ImportError> {
    let first_line = raw.trim_start().lines().next()?;
    let first: Option<Value> = serde_json::from_str(first_line).ok();
    if first.as_ref().is_some_and(is_doccano) {
        return Some(ImportError::OtherFormat(DOCCANO));
    }
    if first_line.starts_with("id,label,") {
        return Some(ImportError::OtherFormat(CSV));
    }
    None
}

/// The annotations of whatever shape the file has.
fn items_of<'a>(root: &At<'a>) -> Result<Vec<At<'a>>, ImportError> {
    if root.value.is_array() {
        return Ok(root.items());
    }
    let kind_of = root.get("type").and_then(|t| t.str().ok()).unwrap_or_default();
    match kind_of {
        "Annotation" => Ok(vec![root.clone()]),
        "AnnotationPage" => Ok(root.get("items").map(|i| i.items()).unwrap_or_default()),
        "AnnotationCollection" => match root.get("first") {
            Some(first) if first.value.is_object() => Ok(first.get("items").map(|i| i.items()).unwrap_or_default()),
            Some(first) => {
                Err(first.error("expected an embedded AnnotationPage; pages by reference cannot be fetched").into())
            }
            None => Ok(Vec::new()),
        },
        "" => Err(root
            .error("expected a W3C AnnotationCollection, AnnotationPage or Annotation (\"type\" is missing)")
            .into()),
        other => Err(root
            .error(format!("expected a W3C AnnotationCollection, AnnotationPage or Annotation, found type \"{other}\""))
            .into()),
    }
}

/// One annotation, and whether it has a claim or red-line tag (without, it is labelled Claim
/// until the user decides): `Err` is a fault in the file; `Ok(Err)` a skipped annotation with a
/// warning.
pub(crate) fn read_annotation(
    item: &At,
    text: Option<&DocumentText>,
    now: Timestamp,
) -> Result<Result<(ImportedAnnotation, bool), String>, PathError> {
    if !item.value.is_object() {
        return Err(item.error(format!("expected an annotation object, found {}", kind(item.value))));
    }
    let id_at = item.require("id")?;
    let id = AnnotationId::parse(&iri_id(id_at.str()?))
        .ok_or_else(|| id_at.error("an id must be non-empty text without spaces"))?;
    let mut label = None;
    let mut note = String::new();
    if let Some(body) = item.get("body") {
        for entry in body.items() {
            if !entry.value.is_object() {
                continue;
            }
            let purpose = entry.get("purpose").and_then(|p| p.str().ok()).unwrap_or_default();
            let value = entry.get("value").map(|v| v.str()).transpose()?.unwrap_or_default();
            match purpose {
                "tagging" | "classifying" => label = label.or_else(|| label_named(value)),
                "commenting" | "describing" => note = value.to_string(),
                _ => {}
            }
        }
    }
    let holder = item.get("holder").map(|h| h.str().map(str::to_string)).transpose()?.unwrap_or_default();
    let created = time_at(item, "created")?.unwrap_or(now);
    let modified = time_at(item, "modified")?.unwrap_or(created);

    let target = item.require("target")?;
    let (quote, position) = selectors(&target)?;
    let Some(quote) = quote else {
        return Ok(Err(format!("{}: no TextQuoteSelector with an \"exact\" quote; skipped", target.path)));
    };
    if let (Some(text), Some((range, at))) = (text, position.as_ref()) {
        let span = text
            .span(range.start, range.end)
            .map_err(|e| at.error(format!("the offsets are outside the text: {e}")))?;
        if text.slice(span) != quote.exact {
            return Err(at.error(format!(
                "the text at {}..{} is not the quoted \"{}\"",
                range.start,
                range.end,
                abbreviate(&quote.exact, 60)
            )));
        }
    }
    let fields =
        Fields { id, label: label.unwrap_or(Label::Claim), span: None, quote, note, holder, created, modified };
    let imported =
        ImportedAnnotation { annotation: Annotation::from_fields(fields), position: position.map(|(range, _)| range) };
    Ok(Ok((imported, label.is_some())))
}

/// An id as an IRI, as the export needs it: a bare UUID (Recogito's) becomes a `urn:uuid:`,
/// another bare name a `urn:x-id:`; an IRI stays as it is.
fn iri_id(raw: &str) -> String {
    // An IRI already, or no id at all (refused by the caller).
    if raw.contains(':') || raw.is_empty() || raw.chars().any(char::is_whitespace) {
        return raw.to_string();
    }
    let hex = raw.chars().filter(char::is_ascii_hexdigit).count();
    let is_uuid = raw.len() == 36 && hex == 32 && raw.chars().filter(|&c| c == '-').count() == 4;
    if is_uuid {
        format!("urn:uuid:{}", raw.to_ascii_lowercase())
    } else {
        format!("urn:x-id:{raw}")
    }
}

pub(crate) type Selected<'a> = (Option<Quote>, Option<(Range<CharOffset>, At<'a>)>);

pub(crate) fn selectors<'a>(target: &At<'a>) -> Result<Selected<'a>, PathError> {
    let mut quote = None;
    let mut position = None;
    let targets = target.items();
    for target in &targets {
        let Some(selector) = target.get("selector") else {
            continue;
        };
        for selector in selector.items() {
            match selector.get("type").and_then(|t| t.str().ok()).unwrap_or_default() {
                "TextQuoteSelector" => {
                    let exact = selector.require("exact")?.str()?;
                    if exact.is_empty() {
                        return Err(selector.error("\"exact\" is empty"));
                    }
                    let context = |key: &str| -> Result<String, PathError> {
                        Ok(selector.get(key).map(|v| v.str()).transpose()?.unwrap_or_default().to_string())
                    };
                    quote = Some(Quote {
                        exact: exact.to_string(),
                        prefix: context("prefix")?,
                        suffix: context("suffix")?,
                    });
                }
                "TextPositionSelector" => {
                    let start = selector.require("start")?.offset()?;
                    let end = selector.require("end")?.offset()?;
                    if end <= start {
                        return Err(selector.error(format!("\"end\" ({end}) must be greater than \"start\" ({start})")));
                    }
                    position = Some((CharOffset(start)..CharOffset(end), selector.clone()));
                }
                _ => {}
            }
        }
    }
    Ok((quote, position))
}

pub(crate) fn time_at(item: &At, key: &str) -> Result<Option<Timestamp>, PathError> {
    let Some(at) = item.get(key) else {
        return Ok(None);
    };
    let raw = at.str()?;
    Timestamp::parse_rfc3339(raw)
        .map(Some)
        .ok_or_else(|| at.error(format!("\"{}\" is not an ISO 8601 date-time", abbreviate(raw, 60))))
}
