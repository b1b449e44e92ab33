//! What a document becomes in a file, and back: the W3C Web Annotation collection (import and
//! export), doccano JSON Lines and CSV (export).

pub mod csv;
pub mod doccano;
mod json_path;
pub mod w3c;

/// The files a document exports to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// A W3C Web Annotation collection with the document's text ([`w3c`]).
    W3cJson,
    /// doccano's JSON Lines ([`doccano`]).
    DoccanoJsonLines,
    /// One row per annotation ([`csv`]).
    Csv,
}

impl ExportFormat {
    /// The downloaded file's name for a document titled `title`.
    pub fn file_name(self, title: &str) -> String {
        let stem = file_stem(title);
        match self {
            ExportFormat::W3cJson => format!("{stem}.annotations.json"),
            ExportFormat::DoccanoJsonLines => format!("{stem}.doccano.jsonl"),
            ExportFormat::Csv => format!("{stem}.annotations.csv"),
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            ExportFormat::W3cJson => "application/ld+json",
            ExportFormat::DoccanoJsonLines => "application/jsonl",
            ExportFormat::Csv => "text/csv",
        }
    }

    /// The whole file at once (a long document's W3C export can also be written in pieces,
    /// [`w3c::Export`]).
    pub fn export(self, document: &crate::Document) -> String {
        match self {
            ExportFormat::W3cJson => w3c::export(document),
            ExportFormat::DoccanoJsonLines => doccano::export(document),
            ExportFormat::Csv => csv::export(document),
        }
    }
}

/// A name for a downloaded file: the title with characters that file systems refuse replaced.
pub fn file_stem(title: &str) -> String {
    let cleaned: String =
        title.chars().map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '_' } else { c }).collect();
    let trimmed = cleaned.trim().trim_matches('.');
    let stem: String = trimmed.chars().take(80).collect();
    if stem.is_empty() {
        "document".to_string()
    } else {
        stem
    }
}
