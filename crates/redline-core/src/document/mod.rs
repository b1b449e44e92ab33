//! A document and the only way to change its annotations: [`Action`]s applied through
//! [`Document::apply`], each undoable.

mod relations;

use crate::annotation::{Annotation, AnnotationId, Fields};
use crate::error::ActionError;
use crate::label::Label;
use crate::order;
use crate::relation::{Relation, RelationKind};
use crate::schema::AnnotationRecord;
use crate::span::Span;
use crate::text::{DocumentId, DocumentText};
use crate::time::Timestamp;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::rc::Rc;

use crate::offset::CharOffset;

/// Every change a reader can make to a document's annotations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Add {
        annotation: Annotation,
    },
    Relabel {
        id: AnnotationId,
        label: Label,
        at: Timestamp,
    },
    SetNote {
        id: AnnotationId,
        note: String,
        at: Timestamp,
    },
    SetHolder {
        id: AnnotationId,
        holder: String,
        at: Timestamp,
    },
    Delete {
        id: AnnotationId,
        at: Timestamp,
    },
    /// Puts back an annotation deleted earlier (by this tab or another), as it was.
    Restore {
        annotation: Annotation,
    },
    /// Places an annotation (an orphan, usually) on a new span of this text.
    Reattach {
        id: AnnotationId,
        span: Span,
        at: Timestamp,
    },
    /// Brings in annotations read from a file: new ids are added, known ids take the newer
    /// version (by `modified`); nothing is duplicated.
    Merge {
        annotations: Vec<Annotation>,
    },
    /// The next part of the merge just applied, undone together with it: a page merges
    /// thousands of annotations a part per frame.
    MergeMore {
        annotations: Vec<Annotation>,
    },
    /// Brings in relations read from a file, by id like [`Action::Merge`]; after a merge, the
    /// same undo step. One whose ends are not both here, or that repeats another, is refused
    /// (counted in [`Applied::refused`]), never half taken.
    MergeRelations {
        relations: Vec<Relation>,
    },
    /// Links two annotations of this document (see [`Relation`]).
    AddRelation {
        relation: Relation,
    },
    SetRelationKind {
        id: AnnotationId,
        kind: RelationKind,
        at: Timestamp,
    },
    SetRelationNote {
        id: AnnotationId,
        note: String,
        at: Timestamp,
    },
    RemoveRelation {
        id: AnnotationId,
        at: Timestamp,
    },
    /// Renames a party everywhere: every annotation held by `from` is held by `to` (a merge,
    /// when `to` holds some already).
    RenameHolder {
        from: String,
        to: String,
        at: Timestamp,
    },
}

/// Something a document holds under an id.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Item {
    Annotation(Annotation),
    Relation(Relation),
}

/// How one annotation or relation looked before a change: `None` when it did not exist.
type Change = (AnnotationId, Option<Item>);

/// One undo step: its changes, in the order they were made, in pieces (a merge of thousands
/// grows by a piece per part without copying the earlier ones).
type Step = Vec<Rc<[Change]>>;

/// A stack of undo (or redo) steps that a copy of the document shares: pushing or popping
/// makes a new top and leaves the rest where it is, so copying a document copies no history.
#[derive(Debug, Clone, Default)]
struct History(Option<Rc<HistoryNode>>);

#[derive(Debug)]
struct HistoryNode {
    step: Step,
    below: History,
}

impl History {
    fn push(&mut self, step: Step) {
        let below = std::mem::take(self);
        *self = History(Some(Rc::new(HistoryNode { step, below })));
    }

    fn pop(&mut self) -> Option<Step> {
        let node = self.0.take()?;
        *self = node.below.clone();
        Some(node.step.clone())
    }

    fn is_empty(&self) -> bool {
        self.0.is_none()
    }
}

/// Edits of a text field arriving this close together (ms) undo as one step, like typing.
pub const TYPING_PAUSE_MS: i64 = 1_500;

/// The text fields of an annotation a reader types in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TextField {
    Note,
    Holder,
}

/// The last edit of a text field, so that a burst of keystrokes undoes as one step.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Typing {
    id: AnnotationId,
    field: TextField,
    at: Timestamp,
}

/// The parties among counts per holder: the named holders, in order.
pub fn holders_in(counts: &[HolderCount]) -> Vec<String> {
    counts.iter().map(|c| c.holder.clone()).filter(|h| !h.is_empty()).collect()
}

/// What is known of where a document's text came from: each field trimmed, empty is unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// The article's address: `http` or `https` only.
    pub url: Option<String>,
    /// The publication ("Kyiv Independent").
    pub outlet: Option<String>,
    pub author: Option<String>,
    /// As the page gave it, usually an ISO 8601 date or time.
    pub published: Option<String>,
}

impl Metadata {
    /// Fields trimmed, empty ones unknown, and a URL that is not an absolute web address dropped.
    pub fn cleaned(self) -> Metadata {
        let field = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        Metadata {
            url: field(self.url).and_then(|u| crate::web_page::web_url(&u)),
            outlet: field(self.outlet),
            author: field(self.author),
            published: field(self.published),
        }
    }

    pub fn is_empty(&self) -> bool {
        self == &Metadata::default()
    }

    /// The fields by the names the export formats give them.
    pub fn fields(&self) -> [(&'static str, Option<&str>); 4] {
        [
            ("url", self.url.as_deref()),
            ("outlet", self.outlet.as_deref()),
            ("author", self.author.as_deref()),
            ("published", self.published.as_deref()),
        ]
    }

    /// Made from fields by those names (`field` gives each one's value, if any).
    pub fn from_fields<E>(mut field: impl FnMut(&str) -> Result<Option<String>, E>) -> Result<Metadata, E> {
        let metadata = Metadata {
            url: field("url")?,
            outlet: field("outlet")?,
            author: field("author")?,
            published: field("published")?,
        };
        Ok(metadata.cleaned())
    }
}

/// What [`Document::apply`] did, for the caller to report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Relations not taken: an end missing, a link to itself, or a repeat.
    pub refused: usize,
}

/// A titled text and its annotations, kept in text order, with undo and redo.
///
/// A value that is cheap to copy: the text, the deletions and the history are shared between
/// copies and the annotations share their fields, so a change is made on a copy (the previous
/// version stays as it was) and [`Document::changed_since`] tells what differs.
#[derive(Debug, Clone)]
pub struct Document {
    title: String,
    /// Where the text came from, as the page said and the user edited; kept with the title.
    metadata: Rc<Metadata>,
    text: Rc<DocumentText>,
    annotations: Vec<Annotation>,
    /// Links between the annotations, by id.
    relations: Vec<Relation>,
    /// Ids deleted (annotations and relations), with when: lets two copies of a document merge
    /// without resurrecting deletions.
    tombstones: Rc<BTreeMap<AnnotationId, Timestamp>>,
    undo: History,
    redo: History,
    typing: Option<Typing>,
    /// The last action was a merge that a [`Action::MergeMore`] may continue.
    merging: bool,
}

impl PartialEq for Document {
    fn eq(&self, other: &Self) -> bool {
        self.title == other.title
            && self.metadata == other.metadata
            && self.text == other.text
            && self.annotations == other.annotations
            && self.relations == other.relations
            && self.tombstones == other.tombstones
    }
}

impl Document {
    pub fn new(title: impl Into<String>, text: DocumentText) -> Document {
        Document {
            title: title.into(),
            metadata: Rc::default(),
            text: Rc::new(text),
            annotations: Vec::new(),
            relations: Vec::new(),
            tombstones: Rc::default(),
            undo: History::default(),
            redo: History::default(),
            typing: None,
            merging: false,
        }
    }

    /// Of stored annotations that share an id (a damaged record, or one written under another
    /// key), the ones to set aside: all but the newest by `modified` (the first of equals).
    /// Returns their indices, so that the caller can keep their raw records elsewhere.
    pub fn superseded_duplicates(annotations: &[Annotation]) -> Vec<usize> {
        let mut newest: BTreeMap<&AnnotationId, usize> = BTreeMap::new();
        let mut superseded = Vec::new();
        for (index, annotation) in annotations.iter().enumerate() {
            match newest.get(annotation.id()) {
                Some(&kept) if annotations[kept].modified() >= annotation.modified() => superseded.push(index),
                Some(&kept) => {
                    superseded.push(kept);
                    newest.insert(annotation.id(), index);
                }
                None => {
                    newest.insert(annotation.id(), index);
                }
            }
        }
        order::sort_by(&mut superseded, Ord::cmp);
        superseded
    }

    /// A document as stored: annotations are checked against the text and sorted.
    pub fn restore(
        title: impl Into<String>,
        text: DocumentText,
        annotations: Vec<Annotation>,
        tombstones: BTreeMap<AnnotationId, Timestamp>,
    ) -> Result<Document, ActionError> {
        let mut document = Document::new(title, text);
        let mut seen = BTreeSet::new();
        for annotation in annotations {
            if !seen.insert(annotation.id().clone()) {
                return Err(ActionError::DuplicateId(annotation.id().clone()));
            }
            document.check_span(annotation.span())?;
            document.annotations.push(annotation);
        }
        order::sort_by(&mut document.annotations, |a, b| a.text_order_key().cmp(&b.text_order_key()));
        document.tombstones = Rc::new(tombstones);
        Ok(document)
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn set_title(&mut self, title: impl Into<String>) {
        self.title = title.into();
    }

    pub fn metadata(&self) -> &Metadata {
        &self.metadata
    }

    pub fn set_metadata(&mut self, metadata: Metadata) {
        self.metadata = Rc::new(metadata.cleaned());
    }

    pub fn text(&self) -> &DocumentText {
        &self.text
    }

    /// The document's identity: the SHA-256 of its normalised text.
    pub fn id(&self) -> &DocumentId {
        self.text.id()
    }

    /// All annotations: placed ones in text order, then orphans.
    pub fn annotations(&self) -> &[Annotation] {
        &self.annotations
    }

    pub fn tombstones(&self) -> &BTreeMap<AnnotationId, Timestamp> {
        &self.tombstones
    }

    pub fn placed(&self) -> impl Iterator<Item = &Annotation> {
        self.annotations.iter().filter(|a| !a.is_orphan())
    }

    pub fn orphans(&self) -> impl Iterator<Item = &Annotation> {
        self.annotations.iter().filter(|a| a.is_orphan())
    }

    pub fn get(&self, id: &AnnotationId) -> Option<&Annotation> {
        self.annotations.iter().find(|a| a.id() == id)
    }

    /// Placed annotations that overlap a range of the text.
    pub fn overlapping(&self, range: Range<CharOffset>) -> impl Iterator<Item = &Annotation> {
        let end = self.annotations.partition_point(|a| a.span().is_some_and(|s| s.start() < range.end));
        self.annotations[..end].iter().filter(move |a| a.span().is_some_and(|s| s.end() > range.start))
    }

    /// Placed annotations whose start lies in a range, in text order. O(log k) to find them.
    pub fn placed_starting_in(&self, starts: Range<CharOffset>) -> impl Iterator<Item = &Annotation> {
        let key = |a: &Annotation| a.span().map_or(usize::MAX, |s| s.start().0);
        let from = self.annotations.partition_point(|a| key(a) < starts.start.0);
        let to = self.annotations.partition_point(|a| key(a) < starts.end.0);
        self.annotations[from..to.max(from)].iter()
    }

    /// The holders used in this document, sorted, each once.
    pub fn holders(&self) -> Vec<String> {
        holders_in(&self.counts_per_holder())
    }

    /// Claims and red lines per holder (`""` for none), sorted by holder.
    pub fn counts_per_holder(&self) -> Vec<HolderCount> {
        let mut counts: BTreeMap<&str, HolderCount> = BTreeMap::new();
        for annotation in &self.annotations {
            let holder = annotation.holder().trim();
            let entry = counts.entry(holder).or_insert_with(|| HolderCount {
                holder: holder.to_string(),
                claims: 0,
                red_lines: 0,
            });
            match annotation.label() {
                Label::Claim => entry.claims += 1,
                Label::RedLine => entry.red_lines += 1,
            }
        }
        counts.into_values().collect()
    }

    /// Annotations matching a filter, in text order.
    pub fn filtered<'a>(&'a self, filter: &'a Filter) -> impl Iterator<Item = &'a Annotation> {
        self.annotations.iter().filter(move |a| filter.matches(a))
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Applies one action and records how to undo it. Nothing changes when it fails.
    /// Consecutive note (or holder) edits of one annotation, each within [`TYPING_PAUSE_MS`] of
    /// the last, are one undo step.
    pub fn apply(&mut self, action: Action) -> Result<Applied, ActionError> {
        let typing = match &action {
            Action::SetNote { id, at, .. } => Some(Typing { id: id.clone(), field: TextField::Note, at: *at }),
            Action::SetHolder { id, at, .. } => Some(Typing { id: id.clone(), field: TextField::Holder, at: *at }),
            _ => None,
        };
        let continues_typing = match (&self.typing, &typing) {
            (Some(last), Some(now)) => {
                last.id == now.id
                    && last.field == now.field
                    && now.at.0 - last.at.0 <= TYPING_PAUSE_MS
                    && self.redo.is_empty()
            }
            _ => false,
        };
        let is_merge =
            matches!(action, Action::Merge { .. } | Action::MergeMore { .. } | Action::MergeRelations { .. });
        let continues_merge = matches!(action, Action::MergeMore { .. } | Action::MergeRelations { .. })
            && self.merging
            && self.redo.is_empty();
        let mut applied = Applied::default();
        let changes = self.change(action, &mut applied)?;
        let recorded = self.record(changes, continues_typing, continues_merge);
        self.redo = History::default();
        self.typing = typing;
        // A later part continues this merge only where it has an undo step to join.
        self.merging = is_merge && recorded;
        Ok(applied)
    }

    /// Makes the change an action asks for; returns how each changed annotation was before.
    fn change(&mut self, action: Action, applied: &mut Applied) -> Result<Vec<Change>, ActionError> {
        Ok(match action {
            Action::Add { annotation } | Action::Restore { annotation } => {
                if self.index_of(annotation.id()).is_some() || self.relation_index(annotation.id()).is_some() {
                    return Err(ActionError::DuplicateId(annotation.id().clone()));
                }
                self.check_span(annotation.span())?;
                let id = annotation.id().clone();
                self.forget_deletion(&id);
                self.insert(annotation);
                applied.added = 1;
                vec![(id, None)]
            }
            Action::Relabel { id, label, at } => self.edit(&id, at, |a| a.label = label)?,
            Action::SetNote { id, note, at } => self.edit(&id, at, |a| a.note = note)?,
            Action::SetHolder { id, holder, at } => self.edit(&id, at, |a| a.holder = holder)?,
            Action::Delete { id, at } => {
                let index = self.index_of(&id).ok_or_else(|| ActionError::UnknownId(id.clone()))?;
                // Its relations go with it (and come back with an undo).
                let mut changes = self.remove_relations_touching(&id, at);
                let removed = self.annotations.remove(index);
                Rc::make_mut(&mut self.tombstones).insert(id.clone(), at);
                changes.push((id, Some(Item::Annotation(removed))));
                changes
            }
            Action::Reattach { id, span, at } => {
                self.check_span(Some(span))?;
                let index = self.index_of(&id).ok_or_else(|| ActionError::UnknownId(id.clone()))?;
                let before = self.annotations.remove(index);
                self.insert(before.clone().placed(&self.text, span).with_modified(at));
                vec![(id, Some(Item::Annotation(before)))]
            }
            Action::Merge { annotations } | Action::MergeMore { annotations } => self.merge(annotations, applied)?,
            Action::MergeRelations { relations } => self.merge_relations(relations, applied),
            Action::AddRelation { relation } => self.add_relation(relation)?,
            Action::SetRelationKind { id, kind, at } => self.edit_relation(&id, at, |r| r.kind = kind)?,
            Action::SetRelationNote { id, note, at } => self.edit_relation(&id, at, |r| r.note = note)?,
            Action::RemoveRelation { id, at } => self.remove_relation(&id, at)?,
            Action::RenameHolder { from, to, at } => self.rename_holder(&from, &to, at)?,
        })
    }

    /// Records a change for undo: a new step, or part of the last one (a burst of typing, a
    /// merge in parts). Whether it joined or made a step.
    fn record(&mut self, changes: Vec<Change>, continues_typing: bool, continues_merge: bool) -> bool {
        let piece: Rc<[Change]> = changes.into();
        if continues_merge {
            if let Some(mut step) = self.undo.pop() {
                step.push(piece);
                self.undo.push(step);
            }
            true
        } else if !piece.is_empty() && (!continues_typing || self.undo.is_empty()) {
            self.undo.push(vec![piece]);
            true
        } else {
            false
        }
    }

    /// Brings in annotations read from a file, in bulk (an import brings thousands): each id
    /// looked up once, the kept annotations sorted once, instead of a search and an insertion
    /// per annotation. New ids are added, known ids take the newer version.
    fn merge(&mut self, annotations: Vec<Annotation>, applied: &mut Applied) -> Result<Vec<Change>, ActionError> {
        for annotation in &annotations {
            self.check_span(annotation.span())?;
        }
        let mut newest: BTreeMap<AnnotationId, Annotation> = BTreeMap::new();
        for incoming in annotations {
            match newest.get(incoming.id()) {
                Some(seen) if seen.modified() >= incoming.modified() => applied.unchanged += 1,
                _ => {
                    newest.insert(incoming.id().clone(), incoming);
                }
            }
        }
        let mut changes = Vec::new();
        let mut replacing = BTreeMap::new();
        for (index, existing) in self.annotations.iter().enumerate() {
            if let Some(incoming) = newest.get(existing.id()) {
                if existing.modified() >= incoming.modified() {
                    newest.remove(existing.id());
                    applied.unchanged += 1;
                } else {
                    replacing.insert(existing.id().clone(), index);
                }
            }
        }
        for (id, incoming) in newest {
            match replacing.get(&id) {
                Some(&index) => {
                    changes.push((id, Some(Item::Annotation(self.annotations[index].clone()))));
                    applied.updated += 1;
                }
                None => {
                    self.forget_deletion(&id);
                    changes.push((id, None));
                    applied.added += 1;
                }
            }
            self.annotations.push(incoming);
        }
        // The old versions of the replaced ones go; the new ones stand after them.
        let mut replaced = vec![false; self.annotations.len()];
        for &index in replacing.values() {
            replaced[index] = true;
        }
        let mut index = 0;
        self.annotations.retain(|_| {
            let keep = !replaced.get(index).copied().unwrap_or(false);
            index += 1;
            keep
        });
        order::sort_by(&mut self.annotations, |a, b| a.text_order_key().cmp(&b.text_order_key()));
        Ok(changes)
    }

    /// Reverts the last applied action. `at` becomes the changed annotations' modified time, so
    /// that another copy of the document takes the undo as the newest change.
    pub fn undo(&mut self, at: Timestamp) -> Result<(), ActionError> {
        let step = self.undo.pop().ok_or(ActionError::NothingToUndo)?;
        self.typing = None;
        self.merging = false;
        let inverse = self.put_back(step, at);
        self.redo.push(inverse);
        Ok(())
    }

    /// Applies again the last undone action.
    pub fn redo(&mut self, at: Timestamp) -> Result<(), ActionError> {
        let step = self.redo.pop().ok_or(ActionError::NothingToRedo)?;
        self.typing = None;
        self.merging = false;
        let inverse = self.put_back(step, at);
        self.undo.push(inverse);
        Ok(())
    }

    /// Takes in another copy of this document (another tab's): for each id, the newest of its
    /// versions and deletions wins, so concurrent additions on both sides survive. Not undoable:
    /// it is not this reader's change.
    pub fn merge_replica(
        &mut self,
        annotations: &[Annotation],
        tombstones: &BTreeMap<AnnotationId, Timestamp>,
    ) -> bool {
        let mut changed = false;
        changed |= self.remove_deleted_relations(tombstones);
        for (id, deleted_at) in tombstones {
            let newer_than_local = self.get(id).is_some_and(|a| a.modified() <= *deleted_at);
            if newer_than_local {
                if let Some(index) = self.index_of(id) {
                    self.annotations.remove(index);
                    changed = true;
                }
            }
            if self.tombstones.get(id).is_none_or(|known| known < deleted_at) {
                Rc::make_mut(&mut self.tombstones).insert(id.clone(), *deleted_at);
            }
        }
        for incoming in annotations {
            if self.check_span(incoming.span()).is_err() {
                continue;
            }
            let deleted_later = self.tombstones.get(incoming.id()).is_some_and(|t| *t >= incoming.modified());
            if deleted_later {
                continue;
            }
            match self.index_of(incoming.id()) {
                Some(index) if self.annotations[index].modified() >= incoming.modified() => {}
                Some(index) => {
                    self.annotations.remove(index);
                    self.insert(incoming.clone());
                    changed = true;
                }
                None => {
                    self.forget_deletion(incoming.id());
                    self.insert(incoming.clone());
                    changed = true;
                }
            }
        }
        changed
    }

    /// Takes in one record another copy of this document stored (see [`Document::merge_replica`]).
    pub fn merge_record(&mut self, record: &AnnotationRecord) -> bool {
        match record {
            AnnotationRecord::Live(annotation) => {
                self.merge_replica(std::slice::from_ref(annotation), &BTreeMap::new())
            }
            AnnotationRecord::Deleted { id, at } => self.merge_replica(&[], &BTreeMap::from([(id.clone(), *at)])),
            AnnotationRecord::Relation(relation) => self.merge_relation_replica(relation),
        }
    }

    /// The ids whose stored record differs between `earlier` (a version of this document) and
    /// this one: annotations added, changed, moved or removed, and deletions recorded. Both
    /// lists are in text order and unchanged annotations are shared, so this is one walk.
    pub fn changed_since(&self, earlier: &Document) -> BTreeSet<AnnotationId> {
        let mut changed = BTreeSet::new();
        let by_text = |a: &Annotation, b: &Annotation| a.text_order_key().cmp(&b.text_order_key());
        let annotations = Walk { id: Annotation::id, same: Annotation::is_same, order: by_text };
        annotations.changes(&earlier.annotations, &self.annotations, &mut changed);
        let by_id = |a: &Relation, b: &Relation| a.id().cmp(b.id());
        let relations = Walk { id: Relation::id, same: Relation::is_same, order: by_id };
        relations.changes(&earlier.relations, &self.relations, &mut changed);
        if !Rc::ptr_eq(&earlier.tombstones, &self.tombstones) {
            let recorded = self.tombstones.iter().filter(|(id, at)| earlier.tombstones.get(*id) != Some(*at));
            changed.extend(recorded.map(|(id, _)| id.clone()));
        }
        changed
    }

    /// The records storage must write to hold this version when it holds `stored` (a version
    /// of the same document; `None` when storage holds none of it): each changed annotation as
    /// it is now, or as deleted.
    pub fn records_since(&self, stored: Option<&Document>) -> Vec<AnnotationRecord> {
        let stored = stored.filter(|s| s.id() == self.id());
        let ids: BTreeSet<AnnotationId> = match stored {
            Some(stored) => self.changed_since(stored),
            None => {
                let annotations = self.annotations.iter().map(|a| a.id().clone());
                let relations = self.relations.iter().map(|r| r.id().clone());
                order::set_of(annotations.chain(relations).chain(self.tombstones.keys().cloned()))
            }
        };
        self.records_of(&ids)
    }

    /// The records of `ids` as this version holds them: each annotation or relation, or its
    /// deletion (an id this version knows nothing of gives none).
    pub fn records_of(&self, ids: &BTreeSet<AnnotationId>) -> Vec<AnnotationRecord> {
        if ids.is_empty() {
            return Vec::new();
        }
        let mut records: Vec<AnnotationRecord> = self
            .annotations
            .iter()
            .filter(|a| ids.contains(a.id()))
            .map(|a| AnnotationRecord::Live(a.clone()))
            .collect();
        let relations = self.relations.iter().filter(|r| ids.contains(r.id()));
        records.extend(relations.map(|r| AnnotationRecord::Relation(r.clone())));
        let live = order::set_of(records.iter().map(AnnotationRecord::id));
        let deleted: Vec<AnnotationRecord> = ids
            .iter()
            .filter(|id| !live.contains(id))
            .filter_map(|id| self.tombstones.get(id).map(|at| AnnotationRecord::Deleted { id: id.clone(), at: *at }))
            .collect();
        records.extend(deleted);
        records
    }

    fn put_back(&mut self, step: Step, at: Timestamp) -> Step {
        let mut inverse = Vec::new();
        for piece in step.iter().rev() {
            for (id, before) in piece.iter().rev() {
                let current = self.take(id);
                match before {
                    Some(Item::Annotation(annotation)) => {
                        self.forget_deletion(id);
                        self.insert(annotation.clone().with_modified(at));
                    }
                    Some(Item::Relation(relation)) => {
                        self.forget_deletion(id);
                        self.insert_relation(relation.clone().with_modified(at));
                    }
                    None => {
                        Rc::make_mut(&mut self.tombstones).insert(id.clone(), at);
                    }
                }
                inverse.push((id.clone(), current));
            }
        }
        vec![inverse.into()]
    }

    /// Takes out the annotation or relation with this id, if there is one.
    fn take(&mut self, id: &AnnotationId) -> Option<Item> {
        if let Some(index) = self.index_of(id) {
            return Some(Item::Annotation(self.annotations.remove(index)));
        }
        let index = self.relation_index(id)?;
        Some(Item::Relation(self.relations.remove(index)))
    }

    fn edit(
        &mut self,
        id: &AnnotationId,
        at: Timestamp,
        change: impl FnOnce(&mut Fields),
    ) -> Result<Vec<Change>, ActionError> {
        let index = self.index_of(id).ok_or_else(|| ActionError::UnknownId(id.clone()))?;
        let annotation = &mut self.annotations[index];
        let before = annotation.clone();
        let fields = annotation.edit();
        change(fields);
        fields.modified = at;
        Ok(vec![(id.clone(), Some(Item::Annotation(before)))])
    }

    /// Drops the record of an id's deletion (it lives again), copying the shared map only then.
    fn forget_deletion(&mut self, id: &AnnotationId) {
        if self.tombstones.contains_key(id) {
            Rc::make_mut(&mut self.tombstones).remove(id);
        }
    }

    fn check_span(&self, span: Option<Span>) -> Result<(), ActionError> {
        match span {
            Some(span) => self.text.span(span.start(), span.end()).map(|_| ()).map_err(ActionError::BadSpan),
            None => Ok(()),
        }
    }

    fn index_of(&self, id: &AnnotationId) -> Option<usize> {
        self.annotations.iter().position(|a| a.id() == id)
    }

    fn insert(&mut self, annotation: Annotation) {
        let key = annotation.text_order_key();
        let index = self.annotations.partition_point(|a| a.text_order_key() < key);
        self.annotations.insert(index, annotation);
    }
}

/// How to walk two versions of a list: each item's id, whether two are one shared value, and
/// the order the list is kept in.
struct Walk<T> {
    id: fn(&T) -> &AnnotationId,
    same: fn(&T, &T) -> bool,
    order: fn(&T, &T) -> std::cmp::Ordering,
}

impl<T: PartialEq> Walk<T> {
    /// Adds the ids of the items that differ (added, changed, moved or gone): one walk, shared
    /// items skipped by identity.
    fn changes(&self, before: &[T], after: &[T], changed: &mut BTreeSet<AnnotationId>) {
        let (mut i, mut j) = (0, 0);
        while i < before.len() && j < after.len() {
            let (old, new) = (&before[i], &after[j]);
            if (self.same)(old, new) {
                (i, j) = (i + 1, j + 1);
                continue;
            }
            match (self.order)(old, new) {
                std::cmp::Ordering::Equal => {
                    if old != new {
                        changed.insert((self.id)(new).clone());
                    }
                    (i, j) = (i + 1, j + 1);
                }
                std::cmp::Ordering::Less => {
                    changed.insert((self.id)(old).clone());
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    changed.insert((self.id)(new).clone());
                    j += 1;
                }
            }
        }
        changed.extend(before[i..].iter().chain(&after[j..]).map(|item| (self.id)(item).clone()));
    }
}

/// One row of the summary: how many claims and red lines a holder has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolderCount {
    pub holder: String,
    pub claims: usize,
    pub red_lines: usize,
}

/// What the sidebar shows: by label, by holder, by text (case-insensitive, in quote, note and holder).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub label: Option<Label>,
    pub holder: Option<String>,
    pub search: String,
}

impl Filter {
    pub fn matches(&self, annotation: &Annotation) -> bool {
        self.matches_with(annotation, str::to_lowercase)
    }

    /// As [`Filter::matches`], lower-casing with `lowercase`: a browser brings Unicode's case
    /// tables itself, so a web build need not carry them.
    pub fn matches_with(&self, annotation: &Annotation, lowercase: fn(&str) -> String) -> bool {
        if self.label.is_some_and(|l| l != annotation.label()) {
            return false;
        }
        if self.holder.as_deref().is_some_and(|h| h.trim() != annotation.holder().trim()) {
            return false;
        }
        let search = self.search.trim();
        if search.is_empty() {
            return true;
        }
        let needle = lowercase(search);
        needle.is_empty()
            || [annotation.quote().exact.as_str(), annotation.note(), annotation.holder()]
                .iter()
                .any(|field| lowercase(field).contains(&needle))
    }

    pub fn is_active(&self) -> bool {
        self.label.is_some() || self.holder.is_some() || !self.search.trim().is_empty()
    }
}
