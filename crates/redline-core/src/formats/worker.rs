//! What the page and the files worker say to each other. The files worker
//! (`crates/redline-files`, a wasm of its own, started the first time a file is imported or
//! exported or a web page opened) reads imported files ([`super::import`]), places their
//! annotations on the open text ([`Reanchoring`]), writes the exports ([`ExportFormat`]) and
//! finds the article in a web page the browser parsed ([`web_page::extract`]): the code for all
//! of it is then not part of what a reader downloads to open an article, and placing thousands
//! of annotations or writing their export never holds the page's thread.
//!
//! The worker keeps what it read ([`FilesWork`]) under the number the page gave the file, so
//! that the page never sends thousands of annotations back to have them placed; it sends the
//! placed ones in text order, as storage records, for the page to read a part at a time.

use super::w3c::{Imported, ImportedAnnotation};
use super::{ExportFormat, Source};
use crate::anchor::OrphanReason;
use crate::message::{decode, encode};
use crate::order;
use crate::reanchor::{PlacementReport, Reanchoring};
use crate::schema::assemble::assemble_document;
use crate::schema::{self, AnnotationRecord};
use crate::web_page::{self, Extracted, FlatPage};
use crate::{Annotation, AnnotationId, CharOffset, Document, DocumentText, Label, Metadata, Timestamp};
use std::rc::Rc;

/// Files read and not yet placed that the worker keeps: an import waits for the user's choice,
/// and a newer one may be read meanwhile.
const KEPT_IMPORTS: usize = 4;
/// Annotations placed between two reports of progress.
const BATCH: usize = 16;

/// From the page to the files worker.
#[derive(Debug, Clone, PartialEq)]
pub enum ToFilesWorker {
    /// Read `raw`, the file `file_name`, as an import, as file `number`; `open_text`: the open
    /// document's text (brat's `.ann` is read on it).
    Import { number: u32, file_name: String, raw: String, now: Timestamp, open_text: Option<String> },
    /// Place file `number`'s annotations on `text`, its untagged ones labelled `untagged` (or
    /// left out).
    Place { number: u32, untagged: Option<Label>, text: String },
    /// Find the article in a web page ([`FlatPage`]'s strings).
    ReadPage { page: Vec<String> },
    /// Write the files `format` exports `document` to.
    Export { format: ExportFormat, document: SentDocument },
}

/// A document as the page sends it to be exported: its title, details, text, and each
/// annotation and relation as its storage record (the form both sides read and write anyway).
#[derive(Debug, Clone, PartialEq)]
pub struct SentDocument {
    pub title: String,
    pub metadata: Metadata,
    pub text: String,
    pub records: Vec<String>,
}

impl SentDocument {
    pub fn of(document: &Document) -> SentDocument {
        let annotations = document.annotations().iter().map(|a| AnnotationRecord::Live(a.clone()));
        let relations = document.relations().iter().map(|r| AnnotationRecord::Relation(r.clone()));
        SentDocument {
            title: document.title().to_string(),
            metadata: document.metadata().clone(),
            text: document.text().as_str().to_string(),
            records: annotations.chain(relations).map(|record| schema::encode_annotation(&record)).collect(),
        }
    }

    /// The document again, or why not: an export never leaves out a record it could not take.
    pub fn into_document(self) -> Result<Document, String> {
        let sent = self.records.len();
        let records = self.records.into_iter().enumerate().map(|(index, raw)| (index.to_string(), raw));
        let assembled =
            assemble_document(&self.title, DocumentText::new(&self.text), records).map_err(|e| e.to_string())?;
        if let Some(rejected) = assembled.rejected.first() {
            return Err(format!("an annotation could not be written: {}", rejected.reason));
        }
        let mut document = assembled.document;
        if document.annotations().len() + document.relations().len() != sent {
            return Err("a relation could not be written: one of its ends is missing".into());
        }
        document.set_metadata(self.metadata);
        Ok(document)
    }
}

/// A file the worker wrote: its contents travel beside the message, as a blob the page hands
/// the browser without reading it (a long document's export is megabytes).
#[derive(Debug, Clone, PartialEq)]
pub struct WrittenFile {
    pub name: String,
    pub media_type: String,
}

/// From the files worker to the page.
#[derive(Debug, Clone, PartialEq)]
pub enum FromFilesWorker {
    /// The worker has started and takes messages (those sent before are lost).
    Ready,
    /// What file `number` holds, or why it cannot be imported (a sentence).
    Imported { number: u32, imported: Result<Rc<Imported>, String> },
    /// Placing: `done` of `total` steps.
    Progress { done: usize, total: usize },
    /// Every annotation placed, as storage records in text order, and how.
    Placed { records: Vec<String>, report: PlacementReport },
    /// The file to place is no longer kept.
    Failed(String),
    /// The web page's article, or why it has none (a sentence).
    Page(Result<Extracted, String>),
    /// The files an export wrote, in the order to download them, or why it could not be written
    /// (a sentence).
    Written(Result<Vec<WrittenFile>, String>),
}

impl ToFilesWorker {
    pub fn to_json(&self) -> String {
        match self {
            ToFilesWorker::Import { number, file_name, raw, now, open_text } => {
                let open_text = optional(open_text.as_deref());
                encode("import", &[&number.to_string(), file_name, &now.0.to_string(), raw, &open_text], &[])
            }
            ToFilesWorker::Place { number, untagged, text } => {
                encode("place", &[&number.to_string(), untagged.map_or("", Label::as_str), text], &[])
            }
            ToFilesWorker::ReadPage { page } => encode("page", &[], page),
            ToFilesWorker::Export { format, document } => {
                let SentDocument { title, metadata, text, records } = document;
                let mut head = vec![format.key().to_string(), title.clone()];
                head.extend(metadata.fields().map(|(_, value)| optional(value)));
                head.push(text.clone());
                encode("export", &head.iter().map(String::as_str).collect::<Vec<_>>(), records)
            }
        }
    }

    pub fn from_json(raw: &str) -> Option<ToFilesWorker> {
        let (kind, rest) = decode(raw)?;
        match (kind.as_str(), rest.as_slice()) {
            ("import", [number, file_name, now, raw, open_text]) => Some(ToFilesWorker::Import {
                number: number.parse().ok()?,
                file_name: file_name.clone(),
                raw: raw.clone(),
                now: Timestamp(now.parse().ok()?),
                open_text: read_optional(open_text)?,
            }),
            ("place", [number, untagged, text]) => Some(ToFilesWorker::Place {
                number: number.parse().ok()?,
                untagged: if untagged.is_empty() { None } else { Some(untagged.parse().ok()?) },
                text: text.clone(),
            }),
            ("page", _) => Some(ToFilesWorker::ReadPage { page: rest }),
            ("export", [format, title, url, outlet, author, published, text, records @ ..]) => {
                Some(ToFilesWorker::Export {
                    format: ExportFormat::ALL.into_iter().find(|f| f.key() == format)?,
                    document: SentDocument {
                        title: title.clone(),
                        metadata: Metadata {
                            url: read_optional(url)?,
                            outlet: read_optional(outlet)?,
                            author: read_optional(author)?,
                            published: read_optional(published)?,
                        },
                        text: text.clone(),
                        records: records.to_vec(),
                    },
                })
            }
            _ => None,
        }
    }
}

impl FromFilesWorker {
    pub fn to_json(&self) -> String {
        match self {
            FromFilesWorker::Ready => encode("ready", &[], &[]),
            FromFilesWorker::Imported { number, imported: Err(error) } => {
                encode("not-imported", &[&number.to_string(), error], &[])
            }
            FromFilesWorker::Imported { number, imported: Ok(imported) } => encode_imported(*number, imported),
            FromFilesWorker::Progress { done, total } => {
                encode("progress", &[&done.to_string(), &total.to_string()], &[])
            }
            FromFilesWorker::Placed { records, report } => {
                let mut rest: Vec<String> =
                    report.fuzzy.iter().flat_map(|(old, new)| [old.clone(), new.clone()]).collect();
                rest.extend(
                    report.orphaned.iter().flat_map(|(quote, reason)| [quote.clone(), reason_key(*reason).into()]),
                );
                rest.extend(records.iter().cloned());
                let counts =
                    [report.exact, report.moved, report.fuzzy.len(), report.orphaned.len()].map(|n| n.to_string());
                encode("placed", &counts.each_ref().map(String::as_str), &rest)
            }
            FromFilesWorker::Failed(reason) => encode("failed", &[reason], &[]),
            FromFilesWorker::Page(Err(reason)) => encode("no-article", &[reason], &[]),
            FromFilesWorker::Page(Ok(Extracted { title, paragraphs, metadata, plain_text })) => {
                let Metadata { url, outlet, author, published } = metadata;
                let mut head = vec![title.clone()];
                head.extend([url, outlet, author, published].map(|field| optional(field.as_deref())));
                head.push(plain_text.clone());
                encode("article", &head.iter().map(String::as_str).collect::<Vec<_>>(), paragraphs)
            }
            FromFilesWorker::Written(Err(reason)) => encode("not-written", &[reason], &[]),
            FromFilesWorker::Written(Ok(files)) => {
                let names = files.iter().flat_map(|file| [file.name.clone(), file.media_type.clone()]);
                encode("written", &[], &names.collect::<Vec<_>>())
            }
        }
    }

    /// The message, or `None` if it is not one (a record that cannot be read makes the whole
    /// message unreadable: the page never takes half an import).
    pub fn from_json(raw: &str) -> Option<FromFilesWorker> {
        let (kind, mut rest) = decode(raw)?;
        Some(match (kind.as_str(), rest.len()) {
            ("ready", 0) => FromFilesWorker::Ready,
            ("not-imported", 2) => {
                let error = rest.pop()?;
                FromFilesWorker::Imported { number: rest[0].parse().ok()?, imported: Err(error) }
            }
            ("imported", _) => decode_imported(rest)?,
            ("progress", 2) => FromFilesWorker::Progress { done: rest[0].parse().ok()?, total: rest[1].parse().ok()? },
            ("placed", 4..) => {
                let mut rest = rest.into_iter();
                let mut count = || rest.next().and_then(|n| n.parse::<usize>().ok());
                let (exact, moved, fuzzy, orphaned) = (count()?, count()?, count()?, count()?);
                let mut pair = || Some((rest.next()?, rest.next()?));
                let fuzzy = (0..fuzzy).map(|_| pair()).collect::<Option<Vec<_>>>()?;
                let orphaned = (0..orphaned)
                    .map(|_| pair().and_then(|(quote, reason)| Some((quote, reason_named(&reason)?))))
                    .collect::<Option<Vec<_>>>()?;
                FromFilesWorker::Placed {
                    records: rest.collect(),
                    report: PlacementReport { exact, moved, fuzzy, orphaned },
                }
            }
            ("failed", 1) => FromFilesWorker::Failed(rest.pop()?),
            ("no-article", 1) => FromFilesWorker::Page(Err(rest.pop()?)),
            ("article", 6..) => {
                let mut rest = rest.into_iter();
                let title = rest.next()?;
                let mut optional_field = || rest.next().and_then(|raw| read_optional(&raw));
                let metadata = Metadata {
                    url: optional_field()?,
                    outlet: optional_field()?,
                    author: optional_field()?,
                    published: optional_field()?,
                };
                let plain_text = rest.next()?;
                FromFilesWorker::Page(Ok(Extracted { title, paragraphs: rest.collect(), metadata, plain_text }))
            }
            ("not-written", 1) => FromFilesWorker::Written(Err(rest.pop()?)),
            ("written", count) if count % 2 == 0 => {
                let mut rest = rest.into_iter();
                let files = std::iter::from_fn(|| Some(WrittenFile { name: rest.next()?, media_type: rest.next()? }));
                FromFilesWorker::Written(Ok(files.collect()))
            }
            _ => return None,
        })
    }
}

/// An optional string as one: `None` is empty, a value is prefixed, so that an empty value
/// stays one.
fn optional(value: Option<&str>) -> String {
    value.map_or_else(String::new, |v| format!("={v}"))
}

fn read_optional(raw: &str) -> Option<Option<String>> {
    if raw.is_empty() {
        Some(None)
    } else {
        raw.strip_prefix('=').map(|v| Some(v.to_string()))
    }
}

const SOURCES: [Source; 7] =
    [Source::W3c, Source::ThisApp, Source::Recogito, Source::Hypothesis, Source::Brat, Source::Doccano, Source::Csv];

fn source_key(source: Source) -> &'static str {
    match source {
        Source::W3c => "w3c",
        Source::ThisApp => "this-app",
        Source::Recogito => "recogito",
        Source::Hypothesis => "hypothesis",
        Source::Brat => "brat",
        Source::Doccano => "doccano",
        Source::Csv => "csv",
    }
}

const REASONS: [OrphanReason; 4] =
    [OrphanReason::NoQuote, OrphanReason::NotFound, OrphanReason::OutOfContext, OrphanReason::Ambiguous];

fn reason_key(reason: OrphanReason) -> &'static str {
    match reason {
        OrphanReason::NoQuote => "no-quote",
        OrphanReason::NotFound => "not-found",
        OrphanReason::OutOfContext => "out-of-context",
        OrphanReason::Ambiguous => "ambiguous",
    }
}

fn reason_named(key: &str) -> Option<OrphanReason> {
    REASONS.into_iter().find(|r| reason_key(*r) == key)
}

/// `["imported", number, source, title, url, outlet, author, published, text, utf16, counts of
/// annotations, untagged, relations and warnings, then each annotation's record and position,
/// the untagged ones', the relations' records, the warnings]`.
fn encode_imported(number: u32, imported: &Imported) -> String {
    let Imported { source, title, metadata, text, annotations, untagged, utf16_positions, relations, warnings } =
        imported;
    let Metadata { url, outlet, author, published } = metadata;
    let counts = [annotations.len(), untagged.len(), relations.len(), warnings.len()].map(|n| n.to_string());
    let mut head = vec![number.to_string(), source_key(*source).to_string()];
    head.extend([title, url, outlet, author, published].map(|field| optional(field.as_deref())));
    head.push(optional(text.as_ref().map(DocumentText::as_str)));
    head.push(if *utf16_positions { "1" } else { "0" }.to_string());
    head.extend(counts);
    let mut rest = Vec::with_capacity(2 * (annotations.len() + untagged.len()) + relations.len() + warnings.len());
    for read in annotations.iter().chain(untagged) {
        rest.push(schema::encode_annotation(&AnnotationRecord::Live(read.annotation.clone())));
        rest.push(read.position.as_ref().map_or_else(String::new, |p| format!("{}-{}", p.start.0, p.end.0)));
    }
    rest.extend(relations.iter().map(|r| schema::encode_annotation(&AnnotationRecord::Relation(r.clone()))));
    rest.extend(warnings.iter().cloned());
    encode("imported", &head.iter().map(String::as_str).collect::<Vec<_>>(), &rest)
}

fn decode_imported(fields: Vec<String>) -> Option<FromFilesWorker> {
    let mut fields = fields.into_iter();
    let mut next = || fields.next();
    let number = next()?.parse().ok()?;
    let source_name = next()?;
    let source = SOURCES.into_iter().find(|s| source_key(*s) == source_name)?;
    let mut optional_field = || next().and_then(|raw| read_optional(&raw));
    let title = optional_field()?;
    let metadata = Metadata {
        url: optional_field()?,
        outlet: optional_field()?,
        author: optional_field()?,
        published: optional_field()?,
    };
    let text = optional_field()?.map(|t| DocumentText::new(&t));
    let utf16_positions = next()? == "1";
    let mut count = || next().and_then(|n| n.parse::<usize>().ok());
    let (annotations, untagged, relations, warnings) = (count()?, count()?, count()?, count()?);
    let mut read = || -> Option<ImportedAnnotation> {
        let annotation = match schema::decode_annotation(&next()?).ok()? {
            AnnotationRecord::Live(annotation) => annotation,
            _ => return None,
        };
        let position = next()?;
        let position = match position.split_once('-') {
            Some((start, end)) => Some(CharOffset(start.parse().ok()?)..CharOffset(end.parse().ok()?)),
            None if position.is_empty() => None,
            None => return None,
        };
        Some(ImportedAnnotation { annotation, position })
    };
    let annotations = (0..annotations).map(|_| read()).collect::<Option<Vec<_>>>()?;
    let untagged = (0..untagged).map(|_| read()).collect::<Option<Vec<_>>>()?;
    let relations = (0..relations)
        .map(|_| match schema::decode_annotation(&next()?).ok()? {
            AnnotationRecord::Relation(relation) => Some(relation),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    let warnings = (0..warnings).map(|_| next()).collect::<Option<Vec<_>>>()?;
    let imported =
        Imported { source, title, metadata, text, annotations, untagged, utf16_positions, relations, warnings };
    Some(FromFilesWorker::Imported { number, imported: Ok(Rc::new(imported)) })
}

/// The files worker's work, and the files it read, by number, until placed.
#[derive(Debug, Default)]
pub struct FilesWork {
    kept: Vec<(u32, Rc<Imported>)>,
}

impl FilesWork {
    /// Answers one message from the page: the answer, and the contents of the files it names
    /// (which travel beside it). `fresh_id` gives ids a file does not carry, and `progress`
    /// hears of each batch placed (to tell the page now and then).
    pub fn answer(
        &mut self,
        message: ToFilesWorker,
        fresh_id: &mut dyn FnMut() -> AnnotationId,
        progress: &mut dyn FnMut(usize, usize),
    ) -> (FromFilesWorker, Vec<String>) {
        let answer = match message {
            ToFilesWorker::Import { number, file_name, raw, now, open_text } => {
                let open_text = open_text.map(|t| DocumentText::new(&t));
                let imported = super::import(&file_name, &raw, now, open_text.as_ref(), fresh_id).map(Rc::new);
                if let Ok(imported) = &imported {
                    if self.kept.len() == KEPT_IMPORTS {
                        self.kept.remove(0);
                    }
                    self.kept.push((number, Rc::clone(imported)));
                }
                FromFilesWorker::Imported { number, imported }
            }
            ToFilesWorker::Place { number, untagged, text } => {
                let Some(at) = self.kept.iter().position(|(n, _)| *n == number) else {
                    return (
                        FromFilesWorker::Failed("the file is no longer at hand; import it again".into()),
                        Vec::new(),
                    );
                };
                let imported = self.kept.remove(at).1.label_untagged(untagged);
                let mut job = Reanchoring::new(DocumentText::new(&text), &imported);
                while !job.is_finished() {
                    job.step(BATCH);
                    progress(job.done(), job.total());
                }
                let placed = job.finish();
                let mut annotations = placed.annotations;
                order::sort_by(&mut annotations, |a, b| a.text_order_key().cmp(&b.text_order_key()));
                let records = annotations.into_iter().map(|a| schema::encode_annotation(&AnnotationRecord::Live(a)));
                FromFilesWorker::Placed { records: records.collect(), report: placed.report }
            }
            ToFilesWorker::ReadPage { page } => FromFilesWorker::Page(match FlatPage::read(page) {
                Some(root) => web_page::extract(&root).map_err(|e| e.to_string()),
                None => Err("The page could not be read.".into()),
            }),
            ToFilesWorker::Export { format, document } => return write_export(format, document),
        };
        (answer, Vec::new())
    }
}

/// The files `format` exports `document` to: their names and types, and their contents.
fn write_export(format: ExportFormat, document: SentDocument) -> (FromFilesWorker, Vec<String>) {
    match document.into_document() {
        Ok(document) => {
            let files = format.files(&document);
            let written = files.iter().map(|file| WrittenFile {
                name: file.file_name(document.title()),
                media_type: file.media_type().to_string(),
            });
            (FromFilesWorker::Written(Ok(written.collect())), files.iter().map(|file| file.export(&document)).collect())
        }
        Err(reason) => (FromFilesWorker::Written(Err(reason)), Vec::new()),
    }
}

/// A placed annotation as the page reads it back, or `None` if the record is not one.
pub fn read_placed(record: &str) -> Option<Annotation> {
    match schema::decode_annotation(record).ok()? {
        AnnotationRecord::Live(annotation) => Some(annotation),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_source_and_reason_has_its_own_key() {
        for source in SOURCES {
            assert_eq!(SOURCES.into_iter().find(|s| source_key(*s) == source_key(source)), Some(source));
        }
        for reason in REASONS {
            assert_eq!(reason_named(reason_key(reason)), Some(reason));
        }
    }

    #[test]
    fn optional_strings_keep_empty_apart_from_absent() {
        for value in [None, Some(""), Some("="), Some("a=b")] {
            assert_eq!(read_optional(&optional(value)), Some(value.map(str::to_string)));
        }
        assert_eq!(read_optional("no prefix"), None);
    }
}
