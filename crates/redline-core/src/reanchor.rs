//! Applying a file's annotations to another text: each placed through an [`Anchorer`], counted
//! by how it was placed, in steps that a page can spread over frames (5,000 annotations on a
//! megabyte of text must not freeze it).

use crate::anchor::{Anchorer, AnchorerBuilder, OrphanReason, Placement};
use crate::annotation::Annotation;
use crate::formats::w3c::{Imported, ImportedAnnotation};
use crate::order;
use crate::text::DocumentText;
use std::fmt;

/// Quotes a report names at most in each list; the rest are counted.
const NAMED_IN_REPORT: usize = 5;
/// Quotes longer than this (code points) are shortened in the report.
const REPORT_QUOTE_CHARS: usize = 60;

/// Re-anchoring under way: the first steps build the text's index and diff a slice at a time,
/// then each step places a batch of annotations in the order of their old positions, so that
/// each one's expected place follows the shift its neighbours showed.
#[derive(Debug)]
pub struct Reanchoring {
    /// Until the anchorer is ready.
    builder: Option<AnchorerBuilder>,
    anchorer: Option<Anchorer>,
    incoming: Vec<ImportedAnnotation>,
    order: Vec<usize>,
    done: usize,
    shift: isize,
    placements: Vec<Option<Placement>>,
}

impl Reanchoring {
    /// Prepares to place `imported`'s annotations on `text`, using the file's own text (when it
    /// carries one) to follow each span through the edits.
    pub fn new(text: DocumentText, imported: &Imported) -> Reanchoring {
        let incoming = imported.annotations_on(&text);
        let mut by_old_position: Vec<usize> = (0..incoming.len()).collect();
        order::sort_by_key(&mut by_old_position, |&i| incoming[i].position.as_ref().map(|p| p.start));
        let placements = vec![None; incoming.len()];
        Reanchoring {
            builder: Some(AnchorerBuilder::new(text, imported.text.clone())),
            anchorer: None,
            incoming,
            order: by_old_position,
            done: 0,
            shift: 0,
            placements,
        }
    }

    pub fn total(&self) -> usize {
        self.incoming.len()
    }

    pub fn done(&self) -> usize {
        self.done
    }

    pub fn is_finished(&self) -> bool {
        self.anchorer.is_some() && self.done == self.incoming.len()
    }

    /// One step: while the text's index and diff are being built, a slice of that; then up to
    /// `count` annotations placed.
    pub fn step(&mut self, count: usize) {
        if let Some(builder) = &mut self.builder {
            if builder.step() {
                self.anchorer = self.builder.take().map(AnchorerBuilder::finish);
            }
            return;
        }
        let Some(anchorer) = &self.anchorer else { return };
        let end = (self.done + count).min(self.order.len());
        for &i in &self.order[self.done..end] {
            let incoming = &self.incoming[i];
            let placement = anchorer.place(incoming.position.clone(), incoming.annotation.quote(), self.shift);
            if let (Placement::Exact(span) | Placement::Moved(span), Some(old)) = (&placement, &incoming.position) {
                self.shift = span.start().0 as isize - old.start.0 as isize;
            }
            self.placements[i] = Some(placement);
        }
        self.done = end;
    }

    /// Every placement, in the file's order, each step run at once: for tests and tools.
    pub fn placements(mut self) -> Vec<Placement> {
        self.run_all();
        self.placements.into_iter().map(|p| p.unwrap_or(Placement::Orphan(OrphanReason::NotFound))).collect()
    }

    fn run_all(&mut self) {
        while !self.is_finished() {
            self.step(usize::MAX);
        }
    }

    /// The annotations with their new spans and quotes, and the report; call once finished
    /// (any annotation not yet placed counts as an orphan).
    pub fn finish(self) -> Placed {
        let Some(anchorer) = self.anchorer.or_else(|| self.builder.map(AnchorerBuilder::finish)) else {
            return Placed { annotations: Vec::new(), report: PlacementReport::default() };
        };
        let text = anchorer.text();
        let mut report = PlacementReport::default();
        let mut annotations = Vec::with_capacity(self.incoming.len());
        for (incoming, placement) in self.incoming.into_iter().zip(self.placements) {
            let placement = placement.unwrap_or(Placement::Orphan(OrphanReason::NotFound));
            // Without a position (Hypothesis's count the web page's characters), there is nowhere
            // it moved from: found by its quote and context, it is placed exactly.
            let had_position = incoming.position.is_some();
            let annotation = incoming.annotation;
            let old_quote = annotation.quote().exact.clone();
            match &placement {
                Placement::Exact(_) => report.exact += 1,
                Placement::Moved(_) if !had_position => report.exact += 1,
                Placement::Moved(_) => report.moved += 1,
                Placement::Fuzzy { span, .. } => report.fuzzy.push((old_quote, text.slice(*span).to_string())),
                Placement::Orphan(reason) => report.orphaned.push((old_quote, *reason)),
            }
            annotations.push(match placement.span() {
                Some(span) => annotation.placed(text, span),
                None => annotation.orphaned(),
            });
        }
        Placed { annotations, report }
    }
}

/// What re-anchoring gives: the annotations to merge and what happened to them.
#[derive(Debug)]
pub struct Placed {
    pub annotations: Vec<Annotation>,
    pub report: PlacementReport,
}

/// How a file's annotations were placed: exact (where expected), moved (the same text and
/// context elsewhere), fuzzy (text changed, context agrees: the old and new quotes, to check)
/// and orphaned (the old quote and why).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct PlacementReport {
    pub exact: usize,
    pub moved: usize,
    pub fuzzy: Vec<(String, String)>,
    pub orphaned: Vec<(String, OrphanReason)>,
}

impl fmt::Display for PlacementReport {
    /// "3 placed exactly, 1 moved, 1 placed fuzzily (check “force” (was “army”)), 1 orphaned
    /// (“red line”: the text is there, but not in its sentence)."
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} placed exactly, {} moved, {} placed fuzzily", self.exact, self.moved, self.fuzzy.len())?;
        let fuzzy = self.fuzzy.iter().map(|(old, new)| {
            if old == new {
                format!("“{}”", shorten(new))
            } else {
                format!("“{}” (was “{}”)", shorten(new), shorten(old))
            }
        });
        write_named(f, "check ", fuzzy, self.fuzzy.len())?;
        write!(f, ", {} orphaned", self.orphaned.len())?;
        let orphans = self.orphaned.iter().map(|(quote, reason)| format!("“{}”: {reason}", shorten(quote)));
        write_named(f, "", orphans, self.orphaned.len())?;
        f.write_str(".")?;
        if !self.orphaned.is_empty() {
            f.write_str(" Orphans are listed apart; select text and choose Re-attach to place one.")?;
        }
        Ok(())
    }
}

fn write_named(
    f: &mut fmt::Formatter<'_>,
    lead: &str,
    items: impl Iterator<Item = String>,
    count: usize,
) -> fmt::Result {
    if count == 0 {
        return Ok(());
    }
    let named: Vec<String> = items.take(NAMED_IN_REPORT).collect();
    write!(f, " ({lead}{}", named.join("; "))?;
    if count > named.len() {
        write!(f, "; {} more", count - named.len())?;
    }
    f.write_str(")")
}

fn shorten(quote: &str) -> String {
    if quote.chars().count() <= REPORT_QUOTE_CHARS {
        return quote.to_string();
    }
    let mut short: String = quote.chars().take(REPORT_QUOTE_CHARS - 1).collect();
    short.push('…');
    short
}
