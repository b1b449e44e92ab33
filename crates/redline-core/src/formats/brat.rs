//! brat's standoff format, as brat and INCEpTION read it: the text in a `.txt` file and the
//! annotations in an `.ann` file beside it. Offsets count code points of the text.
//!
//! ```text
//! (<TAB> stands for a tab)
//! T1<TAB>RedLine 11 41<TAB>no ceding any territory 😀 past
//! #1<TAB>AnnotatorNotes T1<TAB>a note
//! #2<TAB>Holder T1<TAB>Zelenskyy
//! #3<TAB>AnnotationId T1<TAB>urn:uuid:…
//! R1<TAB>Contests Arg1:T2 Arg2:T1
//! ```
//!
//! A span across a line break is written as fragments (`0 5;6 10`), as brat requires. The note,
//! holder and id of each annotation and relation travel as `#` notes, so that a round trip keeps
//! them. Orphans have no place in the text, and are left out with their relations.

use super::loose;
use super::w3c::{Imported, ImportedAnnotation};
use crate::annotation::{Annotation, AnnotationId, Fields, Quote};
use crate::document::Document;
use crate::label::Label;
use crate::offset::CharOffset;
use crate::relation::{Relation, RelationKind};
use crate::span::Span;
use crate::text::DocumentText;
use crate::time::Timestamp;
use std::collections::BTreeMap;
use std::fmt::Write;
use thiserror::Error;

/// A line of an `.ann` file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("line {line} of the .ann file: {message}")]
pub struct BratError {
    pub line: usize,
    pub message: String,
}

fn type_name(label: Label) -> &'static str {
    match label {
        Label::Claim => "Claim",
        Label::RedLine => "RedLine",
    }
}

/// The `.ann` file of a document (its `.txt` is the document's text).
pub fn export(document: &Document) -> String {
    let text = document.text();
    let mut out = String::new();
    let mut notes = 0;
    let mut note = |out: &mut String, kind: &str, of: &str, value: &str| {
        if !value.is_empty() {
            notes += 1;
            writeln!(out, "#{notes}\t{kind} {of}\t{}", one_line(value)).ok();
        }
    };
    let mut numbers: BTreeMap<&AnnotationId, usize> = BTreeMap::new();
    for annotation in document.placed() {
        let Some(span) = annotation.span() else { continue };
        let n = numbers.len() + 1;
        numbers.insert(annotation.id(), n);
        let (fragments, quoted) = fragments(text, span);
        writeln!(out, "T{n}\t{} {fragments}\t{quoted}", type_name(annotation.label())).ok();
        let of = format!("T{n}");
        note(&mut out, "AnnotatorNotes", &of, annotation.note());
        note(&mut out, "Holder", &of, annotation.holder().trim());
        note(&mut out, "AnnotationId", &of, annotation.id().as_str());
    }
    let mut relations = 0;
    for relation in document.relations() {
        let (Some(source), Some(target)) = (numbers.get(relation.source()), numbers.get(relation.target())) else {
            continue;
        };
        relations += 1;
        let kind = relation.kind().display_name();
        writeln!(out, "R{relations}\t{kind} Arg1:T{source} Arg2:T{target}").ok();
        let of = format!("R{relations}");
        note(&mut out, "AnnotatorNotes", &of, relation.note());
        note(&mut out, "AnnotationId", &of, relation.id().as_str());
    }
    out
}

/// The span's fragments (`start end;start end`, split at line breaks) and their text, joined by
/// spaces as brat shows it.
fn fragments(text: &DocumentText, span: Span) -> (String, String) {
    let mut offsets = Vec::new();
    let mut quoted = Vec::new();
    let mut start = span.start().0;
    for (index, line) in text.slice(span).split('\n').enumerate() {
        let len = line.chars().count();
        if index > 0 {
            start += 1;
        }
        if len > 0 {
            offsets.push(format!("{start} {}", start + len));
            quoted.push(line);
        }
        start += len;
    }
    (offsets.join(";"), quoted.join(" "))
}

fn one_line(value: &str) -> String {
    value.replace(['\t', '\n', '\r'], " ")
}

/// A text-bound annotation as read, before its notes are known.
struct TextBound {
    id: String,
    label: Label,
    span: Option<Span>,
    quote: String,
}

/// A relation line as read: (line number, its id, its type, Arg1, Arg2).
type Link = (usize, String, String, String, String);

/// What the lines of an `.ann` file say, before ids are given.
#[derive(Default)]
struct Lines {
    bounds: Vec<TextBound>,
    links: Vec<Link>,
    /// `#` notes by (what they are on, their type).
    notes: BTreeMap<(String, String), String>,
    warnings: Vec<String>,
}

impl Lines {
    fn note(&self, of: &str, kind: &str) -> String {
        self.notes.get(&(of.to_string(), kind.to_string())).cloned().unwrap_or_default()
    }

    /// Reads one line (`number` counts from 1).
    fn read(&mut self, number: usize, line: &str, text: &DocumentText) -> Result<(), BratError> {
        let error = |message: String| BratError { line: number, message };
        let mut fields = line.splitn(3, '\t');
        let (id, body, rest) = (fields.next().unwrap_or_default(), fields.next(), fields.next());
        let body = body.ok_or_else(|| error(format!("expected an id, a tab and an annotation, found {line:?}")))?;
        let rest = rest.unwrap_or_default().to_string();
        match id.chars().next() {
            Some('T') => {
                let (kind, offsets) =
                    body.split_once(' ').ok_or_else(|| error("expected a type and offsets".into()))?;
                let Some(label) = Label::ALL.into_iter().find(|l| loose(type_name(*l)) == loose(kind)) else {
                    self.warnings
                        .push(format!("line {number}: the type {kind:?} is not a claim or a red line; skipped"));
                    return Ok(());
                };
                let span = read_offsets(offsets, text).map_err(error)?;
                // Made on another text: its quote is looked for instead (re-anchoring).
                let span = Some(span).filter(|span| fragments(text, *span).1 == rest);
                if span.is_none() {
                    self.warnings.push(format!(
                        "line {number}: the text at its offsets is not its quote; it is placed by its quote"
                    ));
                }
                self.bounds.push(TextBound { id: id.to_string(), label, span, quote: rest });
            }
            Some('R') => {
                let mut parts = body.split(' ');
                let kind = parts.next().unwrap_or_default().to_string();
                let mut arg = |name: &str| {
                    let found = parts.next().and_then(|p| p.strip_prefix(name)).map(str::to_string);
                    found.ok_or_else(|| error(format!("expected {name}<id> in the relation")))
                };
                let (source, target) = (arg("Arg1:")?, arg("Arg2:")?);
                self.links.push((number, id.to_string(), kind, source, target));
            }
            Some('#') => {
                let (kind, of) =
                    body.split_once(' ').ok_or_else(|| error("expected a note type and what it is on".into()))?;
                self.notes.insert((of.to_string(), kind.to_string()), rest);
            }
            Some('E' | 'A' | 'M' | 'N' | '*') => {
                self.warnings
                    .push(format!("line {number}: events, attributes and normalisations are not read; skipped"));
            }
            _ => return Err(error(format!("{id:?} is not a brat annotation id (T, R, #, E, A, M, N or *)"))),
        }
        Ok(())
    }
}

/// Reads an `.ann` file made on `text`. Its annotations keep their ids where the file carries
/// them (an export of this app); others get one from `fresh_id`. An annotation whose type is not
/// a claim or a red line, a relation whose end is missing: skipped, each with a warning. A line
/// that is not standoff at all is an error naming it.
pub fn import(
    ann: &str,
    text: &DocumentText,
    now: Timestamp,
    fresh_id: &mut dyn FnMut() -> AnnotationId,
) -> Result<Imported, BratError> {
    let mut lines = Lines::default();
    for (index, line) in ann.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        lines.read(index + 1, line, text)?;
    }
    let mut ids: BTreeMap<&str, AnnotationId> = BTreeMap::new();
    let mut annotations = Vec::new();
    for bound in &lines.bounds {
        let id = AnnotationId::parse(&lines.note(&bound.id, "AnnotationId")).unwrap_or_else(&mut *fresh_id);
        ids.insert(&bound.id, id.clone());
        let quote = match bound.span {
            Some(span) => Quote::of(text, span),
            None => Quote { exact: bound.quote.clone(), prefix: String::new(), suffix: String::new() },
        };
        let note = lines.note(&bound.id, "AnnotatorNotes");
        let holder = lines.note(&bound.id, "Holder");
        let fields = Fields { id, label: bound.label, span: None, quote, note, holder, created: now, modified: now };
        let position = bound.span.map(|s| s.start()..s.end());
        annotations.push(ImportedAnnotation { annotation: Annotation::from_fields(fields), position });
    }
    let mut warnings = lines.warnings.clone();
    let mut relations = Vec::new();
    for (line, brat_id, kind, source, target) in &lines.links {
        let Some(kind) = RelationKind::ALL.into_iter().find(|k| loose(k.as_str()) == loose(kind)) else {
            warnings.push(format!(
                "line {line}: the relation type {kind:?} is not contests, supports or restates; skipped"
            ));
            continue;
        };
        let (Some(source), Some(target)) = (ids.get(source.as_str()), ids.get(target.as_str())) else {
            warnings.push(format!("line {line}: the relation links an annotation that is not in the file; skipped"));
            continue;
        };
        let id = AnnotationId::parse(&lines.note(brat_id, "AnnotationId")).unwrap_or_else(&mut *fresh_id);
        let relation = Relation::new(id, kind, source.clone(), target.clone(), now);
        relations.push(relation.with_note(lines.note(brat_id, "AnnotatorNotes")));
    }
    // Every annotation on its own text: the file belongs to this text, and merges into it; else
    // the open document's text is where its quotes are placed.
    let on_this_text = annotations.iter().all(|a| a.position.is_some());
    Ok(Imported { text: on_this_text.then(|| text.clone()), annotations, relations, warnings, ..Default::default() })
}

/// `start end[;start end…]` on `text`: the span from the first start to the last end.
fn read_offsets(offsets: &str, text: &DocumentText) -> Result<Span, String> {
    let mut bounds = Vec::new();
    for fragment in offsets.split(';') {
        let (start, end) =
            fragment.trim().split_once(' ').ok_or_else(|| format!("{fragment:?} is not \"start end\""))?;
        let number = |n: &str| n.trim().parse::<usize>().map_err(|_| format!("{n:?} is not an offset"));
        bounds.push((number(start)?, number(end)?));
    }
    let (first, last) = match (bounds.first(), bounds.last()) {
        (Some(first), Some(last)) => (first.0, last.1),
        _ => return Err("no offsets".into()),
    };
    text.span(CharOffset(first), CharOffset(last))
        .map_err(|e| format!("the offsets {first}..{last} do not fit the text: {e}"))
}
