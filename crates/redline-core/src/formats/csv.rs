//! One row per annotation, for spreadsheets (RFC 4180, LF line ends). Offsets in code points;
//! orphans have empty offsets.
//!
//! Written by hand: the writer is a few lines, while the `csv` crate's would bring a float parser
//! and its tables into the download. Tests read the output back with that crate.

use crate::document::Document;

pub const HEADER: [&str; 11] =
    ["id", "label", "start", "end", "exact", "prefix", "suffix", "holder", "note", "created", "modified"];

pub fn export(document: &Document) -> String {
    let mut out = String::new();
    push_record(&mut out, HEADER.iter().copied());
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
        push_record(&mut out, row.iter().map(String::as_str));
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
