//! One row per annotation, for spreadsheets. Offsets in code points; orphans have empty offsets.

use crate::document::Document;

pub const HEADER: [&str; 11] =
    ["id", "label", "start", "end", "exact", "prefix", "suffix", "holder", "note", "created", "modified"];

pub fn export(document: &Document) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut rows = vec![HEADER.map(str::to_string).to_vec()];
    for a in document.annotations() {
        rows.push(vec![
            a.id.to_string(),
            a.label.as_str().to_string(),
            a.span.map(|s| s.start().0.to_string()).unwrap_or_default(),
            a.span.map(|s| s.end().0.to_string()).unwrap_or_default(),
            spreadsheet_safe(&a.quote.exact),
            spreadsheet_safe(&a.quote.prefix),
            spreadsheet_safe(&a.quote.suffix),
            spreadsheet_safe(&a.holder),
            spreadsheet_safe(&a.note),
            a.created.to_rfc3339(),
            a.modified.to_rfc3339(),
        ]);
    }
    for row in rows {
        if writer.write_record(&row).is_err() {
            break;
        }
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
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
