//! One row per annotation, for spreadsheets (RFC 4180, LF line ends). Offsets in code points;
//! orphans have empty offsets.
//!
//! Written by hand: the writer and reader are a few lines each, while the `csv` crate's would
//! bring a float parser and its tables into the download. Tests read the output back with that
//! crate.
//!
//! Either file imports back: the annotations' rows are placed on the open document (by position
//! and quote, as any import without its text), the relations' rows join annotations it has.

use super::w3c::{Imported, ImportedAnnotation};
use crate::annotation::{Annotation, AnnotationId, Fields, Quote};
use crate::document::{Document, Metadata};
use crate::label::Label;
use crate::offset::CharOffset;
use crate::relation::{Relation, RelationKind};
use crate::time::Timestamp;

pub const HEADER: [&str; 15] = [
    "id",
    "label",
    "start",
    "end",
    "exact",
    "prefix",
    "suffix",
    "holder",
    "note",
    "created",
    "modified",
    "source_url",
    "outlet",
    "author",
    "published",
];

/// The columns before the document's source was added: such files still import.
const HEADER_BEFORE_SOURCE: usize = 11;

pub fn export(document: &Document) -> String {
    let mut out = String::new();
    push_record(&mut out, HEADER.iter().copied());
    let metadata = document.metadata();
    let source = metadata.fields().map(|(_, value)| spreadsheet_safe(value.unwrap_or_default()));
    for a in document.annotations() {
        let offsets = a.span().map(|s| (s.start().0.to_string(), s.end().0.to_string())).unwrap_or_default();
        let row = [
            a.id().to_string(),
            a.label().as_str().to_string(),
            offsets.0,
            offsets.1,
            spreadsheet_safe(&a.quote().exact),
            spreadsheet_safe(&a.quote().prefix),
            spreadsheet_safe(&a.quote().suffix),
            spreadsheet_safe(a.holder()),
            spreadsheet_safe(a.note()),
            a.created().to_rfc3339(),
            a.modified().to_rfc3339(),
        ];
        push_record(&mut out, row.iter().chain(&source).map(String::as_str));
    }
    out
}

pub const RELATION_HEADER: [&str; 7] = ["id", "relation", "source", "target", "note", "created", "modified"];

/// The relations, one row each, for the file beside the annotations' (`source` and `target` are
/// the annotations' ids in the other file).
pub fn export_relations(document: &Document) -> String {
    let mut out = String::new();
    push_record(&mut out, RELATION_HEADER.iter().copied());
    for r in document.relations() {
        let row = [
            r.id().to_string(),
            r.kind().as_str().to_string(),
            r.source().to_string(),
            r.target().to_string(),
            spreadsheet_safe(r.note()),
            r.created().to_rfc3339(),
            r.modified().to_rfc3339(),
        ];
        push_record(&mut out, row.iter().map(String::as_str));
    }
    out
}

fn push_record<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    for (index, field) in fields.enumerate() {
        if index > 0 {
            out.push(',');
        }
        // Quoted only when it must be: a comma, a quote or a line break inside; quotes doubled.
        if field.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push('\n');
}

/// Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a
/// leading apostrophe, so that opening the file never evaluates a note.
fn spreadsheet_safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// The rows of a CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF).
fn rows(raw: &str) -> Result<Vec<Vec<String>>, String> {
    let mut rows = Vec::new();
    let (mut row, mut field) = (Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, raw.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if quoted {
        return Err("a quoted field is not closed".into());
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    Ok(rows)
}

/// A field as written before [`spreadsheet_safe`] guarded it.
fn unguarded(field: &str) -> String {
    match field.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_string(),
        _ => field.to_string(),
    }
}

/// Reads either CSV this app writes (told by its header). Rows that cannot be read are errors
/// naming their line; an unknown label or kind is skipped with a warning.
pub fn import(raw: &str) -> Result<Imported, String> {
    let rows = rows(raw)?;
    let header: Vec<&str> = rows.first().map(|r| r.iter().map(String::as_str).collect()).unwrap_or_default();
    let relations = header == RELATION_HEADER;
    if header != HEADER && header != HEADER[..HEADER_BEFORE_SOURCE] && !relations {
        return Err(format!(
            "the first line is not the header {:?} or {:?}",
            HEADER.join(","),
            RELATION_HEADER.join(",")
        ));
    }
    let mut imported = Imported::default();
    for (index, row) in rows.iter().enumerate().skip(1) {
        let at = |message: String| format!("line {}: {message}", index + 1);
        if row.len() != header.len() {
            return Err(at(format!("{} fields where the header has {}", row.len(), header.len())));
        }
        let field = |name: &str| header.iter().position(|h| *h == name).map(|i| row[i].as_str()).unwrap_or_default();
        let id = |name: &str| {
            AnnotationId::parse(field(name)).ok_or_else(|| at(format!("{name} {:?} is not an id", field(name))))
        };
        let time =
            |name: &str| Timestamp::parse_rfc3339(field(name)).ok_or_else(|| at(format!("{name} is not a date-time")));
        if relations {
            let Ok(kind) = field("relation").parse::<RelationKind>() else {
                imported.warnings.push(at(format!(
                    "the relation {:?} is not contests, supports or restates; skipped",
                    field("relation")
                )));
                continue;
            };
            let relation = Relation::new(id("id")?, kind, id("source")?, id("target")?, time("created")?);
            imported.relations.push(relation.with_note(unguarded(field("note"))).with_modified(time("modified")?));
            continue;
        }
        if imported.metadata.is_empty() {
            imported.metadata = Metadata::from_fields(|key| {
                let value = unguarded(field(if key == "url" { "source_url" } else { key }));
                Ok::<_, ()>(Some(value).filter(|v| !v.is_empty()))
            })
            .unwrap_or_default();
        }
        let Ok(label) = field("label").parse::<Label>() else {
            imported.warnings.push(at(format!("the label {:?} is not claim or red-line; skipped", field("label"))));
            continue;
        };
        let offset = |name: &str| field(name).parse::<usize>().map(CharOffset).ok();
        let position = offset("start").zip(offset("end")).map(|(start, end)| start..end);
        let quote = Quote {
            exact: unguarded(field("exact")),
            prefix: unguarded(field("prefix")),
            suffix: unguarded(field("suffix")),
        };
        if quote.exact.is_empty() {
            return Err(at("the quote (exact) is empty".into()));
        }
        let annotation = Annotation::from_fields(Fields {
            id: id("id")?,
            label,
            span: None,
            quote,
            note: unguarded(field("note")),
            holder: unguarded(field("holder")),
            created: time("created")?,
            modified: time("modified")?,
        });
        imported.annotations.push(ImportedAnnotation { annotation, position });
    }
    Ok(imported)
}
