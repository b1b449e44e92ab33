//! What a document becomes in a file, and back: the W3C Web Annotation collection and brat's
//! standoff (import and export), doccano JSON Lines and CSV (export).

pub mod brat;
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
    /// The relations, one row each ([`csv`]), beside the annotations' file.
    CsvRelations,
    /// brat's standoff annotations ([`brat`]), beside the text.
    BratAnn,
    /// The document's text, as brat reads it beside the `.ann`.
    PlainText,
}

impl ExportFormat {
    /// The downloaded file's name for a document titled `title`.
    pub fn file_name(self, title: &str) -> String {
        let stem = file_stem(title);
        match self {
            ExportFormat::W3cJson => format!("{stem}.annotations.json"),
            ExportFormat::DoccanoJsonLines => format!("{stem}.doccano.jsonl"),
            ExportFormat::Csv => format!("{stem}.annotations.csv"),
            ExportFormat::CsvRelations => format!("{stem}.relations.csv"),
            ExportFormat::BratAnn => format!("{stem}.ann"),
            ExportFormat::PlainText => format!("{stem}.txt"),
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            ExportFormat::W3cJson => "application/ld+json",
            ExportFormat::DoccanoJsonLines => "application/jsonl",
            ExportFormat::Csv | ExportFormat::CsvRelations => "text/csv",
            ExportFormat::BratAnn | ExportFormat::PlainText => "text/plain",
        }
    }

    /// The whole file at once (a long document's W3C export can also be written in pieces,
    /// [`w3c::Export`]).
    pub fn export(self, document: &crate::Document) -> String {
        match self {
            ExportFormat::W3cJson => w3c::export(document),
            ExportFormat::DoccanoJsonLines => doccano::export(document),
            ExportFormat::Csv => csv::export(document),
            ExportFormat::CsvRelations => csv::export_relations(document),
            ExportFormat::BratAnn => brat::export(document),
            ExportFormat::PlainText => document.text().as_str().to_string(),
        }
    }

    /// The files one export button downloads: brat's `.ann` goes with its `.txt`, and the
    /// annotations' CSV with the relations' when there are relations.
    pub fn files(self, document: &crate::Document) -> Vec<ExportFormat> {
        match self {
            ExportFormat::BratAnn => vec![ExportFormat::PlainText, ExportFormat::BratAnn],
            ExportFormat::Csv if !document.relations().is_empty() => {
                vec![ExportFormat::Csv, ExportFormat::CsvRelations]
            }
            other => vec![other],
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
