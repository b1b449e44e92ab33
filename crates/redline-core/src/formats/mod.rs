//! What a document becomes in a file, and back: the W3C Web Annotation collection, brat's
//! standoff, doccano JSON Lines and CSV, each exported and imported ([`import`] tells them apart).

pub mod brat;
pub mod csv;
pub mod doccano;
pub mod hypothesis;
pub(crate) mod json_path;
pub mod w3c;
pub mod worker;

/// Which tool a file looked like it came from, for the import's report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Source {
    /// W3C Web Annotation JSON of no tool in particular.
    #[default]
    W3c,
    /// This app's own export (its document object).
    ThisApp,
    /// `@recogito/text-annotator`'s W3C adapter (targets that name their annotation).
    Recogito,
    /// Hypothesis's export JSON.
    Hypothesis,
    Brat,
    Doccano,
    Csv,
}

impl Source {
    /// "a Recogito export", for "Read notes.json as a Recogito export."
    pub fn description(self) -> &'static str {
        match self {
            Source::W3c => "W3C Web Annotation JSON",
            Source::ThisApp => "a Red Line Annotator export",
            Source::Recogito => "a Recogito export",
            Source::Hypothesis => "a Hypothesis export",
            Source::Brat => "brat standoff",
            Source::Doccano => "doccano JSON Lines",
            Source::Csv => "a CSV export",
        }
    }
}

/// The label a tag or type names, matched loosely (`Red Line`, `red_line`, `RedLine`, `CLAIM`).
pub fn label_named(name: &str) -> Option<crate::Label> {
    crate::Label::ALL.into_iter().find(|l| loose(l.as_str()) == loose(name))
}

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
    pub const ALL: [ExportFormat; 6] = [
        ExportFormat::W3cJson,
        ExportFormat::DoccanoJsonLines,
        ExportFormat::Csv,
        ExportFormat::CsvRelations,
        ExportFormat::BratAnn,
        ExportFormat::PlainText,
    ];

    /// The format's name in the files worker's messages.
    pub fn key(self) -> &'static str {
        match self {
            ExportFormat::W3cJson => "w3c",
            ExportFormat::DoccanoJsonLines => "doccano",
            ExportFormat::Csv => "csv",
            ExportFormat::CsvRelations => "csv-relations",
            ExportFormat::BratAnn => "brat",
            ExportFormat::PlainText => "text",
        }
    }

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

    /// The file's contents.
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

/// A type or label name compared loosely, as other tools spell them: ASCII case, spaces, `-` and
/// `_` aside (`Red Line`, `red_line`, `RedLine`). ASCII only: full Unicode case tables would add
/// 12 KB to the download, and these names are ASCII.
pub(crate) fn loose(name: &str) -> String {
    name.chars().filter(|c| !matches!(c, ' ' | '-' | '_')).map(|c| c.to_ascii_lowercase()).collect()
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

/// Whether a file is read on the open document's text ([`import`]'s `open_text`): brat's `.ann`.
pub fn reads_on_open_text(file_name: &str) -> bool {
    file_name.to_ascii_lowercase().ends_with(".ann")
}

/// Reads an imported file of any format this app reads, told by its name and its first line:
/// brat's `.ann` (on `open_text`, the article it was made on), doccano JSON Lines, either CSV,
/// or W3C JSON. Ids a file does not carry come from `fresh_id`. The error is a sentence.
pub fn import(
    file_name: &str,
    raw: &str,
    now: crate::Timestamp,
    open_text: Option<&crate::DocumentText>,
    fresh_id: &mut dyn FnMut() -> crate::AnnotationId,
) -> Result<w3c::Imported, String> {
    let name = file_name.to_ascii_lowercase();
    let first_line = raw.trim_start().lines().next().unwrap_or_default();
    let from = |source: Source, read: Result<w3c::Imported, String>| read.map(|i| w3c::Imported { source, ..i });
    if reads_on_open_text(file_name) {
        let text = open_text.ok_or("open the article its .txt holds first")?;
        return from(Source::Brat, brat::import(raw, text, now, fresh_id).map_err(|e| e.to_string()));
    }
    if name.ends_with(".jsonl") {
        return from(Source::Doccano, doccano::import(raw, now, fresh_id));
    }
    if name.ends_with(".csv") || first_line.starts_with("id,label,") || first_line.starts_with("id,relation,") {
        return from(Source::Csv, csv::import(raw));
    }
    if hypothesis::is_hypothesis(raw) {
        return hypothesis::import(raw, now).map_err(|e| e.to_string());
    }
    // A JSON file is W3C, unless the W3C reader finds doccano's shape in it.
    match w3c::import(raw, now) {
        Err(w3c::ImportError::OtherFormat(w3c::DOCCANO)) => from(Source::Doccano, doccano::import(raw, now, fresh_id)),
        other => other.map_err(|e| e.to_string()),
    }
}
