//! A document's relations and parties: the links between its annotations, kept by id, and the
//! holders as parties that can be renamed or merged.

use super::{Change, Document, Item};
use crate::annotation::AnnotationId;
use crate::error::ActionError;
use crate::relation::{Relation, RelationFields};
use crate::time::Timestamp;
use std::collections::BTreeMap;
use std::rc::Rc;

impl Document {
    /// Every relation, by id.
    pub fn relations(&self) -> &[Relation] {
        &self.relations
    }

    pub fn relation(&self, id: &AnnotationId) -> Option<&Relation> {
        self.relation_index(id).map(|index| &self.relations[index])
    }

    /// The relations from or to an annotation.
    pub fn relations_of<'a>(&'a self, id: &'a AnnotationId) -> impl Iterator<Item = &'a Relation> {
        self.relations.iter().filter(move |r| r.touches(id))
    }

    /// Whether a relation could join these two: both are annotations here, they differ, and no
    /// relation of this kind joins them already (`except` aside: the one being changed).
    fn check_relation(&self, relation: &Relation, except: Option<&AnnotationId>) -> Result<(), ActionError> {
        for end in [relation.source(), relation.target()] {
            if self.get(end).is_none() {
                return Err(ActionError::UnknownId(end.clone()));
            }
        }
        if relation.source() == relation.target() {
            return Err(ActionError::SelfRelation);
        }
        let duplicate = self.relations.iter().any(|r| {
            Some(r.id()) != except
                && r.source() == relation.source()
                && r.target() == relation.target()
                && r.kind() == relation.kind()
        });
        if duplicate {
            return Err(ActionError::DuplicateRelation(relation.kind().as_str()));
        }
        Ok(())
    }

    pub(super) fn add_relation(&mut self, relation: Relation) -> Result<Vec<Change>, ActionError> {
        if self.index_of(relation.id()).is_some() || self.relation_index(relation.id()).is_some() {
            return Err(ActionError::DuplicateId(relation.id().clone()));
        }
        self.check_relation(&relation, None)?;
        let id = relation.id().clone();
        self.forget_deletion(&id);
        self.insert_relation(relation);
        Ok(vec![(id, None)])
    }

    pub(super) fn merge_relations(&mut self, relations: Vec<Relation>, applied: &mut super::Applied) -> Vec<Change> {
        let mut changes = Vec::new();
        for incoming in relations {
            let id = incoming.id().clone();
            let existing = self.relation_index(&id).map(|index| self.relations[index].clone());
            match existing {
                Some(existing) if existing.modified() >= incoming.modified() => applied.unchanged += 1,
                Some(existing) if self.check_relation(&incoming, Some(&id)).is_ok() => {
                    self.insert_relation(incoming);
                    changes.push((id, Some(Item::Relation(existing))));
                    applied.updated += 1;
                }
                None if self.index_of(&id).is_none() && self.check_relation(&incoming, None).is_ok() => {
                    self.forget_deletion(&id);
                    self.insert_relation(incoming);
                    changes.push((id, None));
                    applied.added += 1;
                }
                _ => applied.refused += 1,
            }
        }
        changes
    }

    pub(super) fn edit_relation(
        &mut self,
        id: &AnnotationId,
        at: Timestamp,
        change: impl FnOnce(&mut RelationFields),
    ) -> Result<Vec<Change>, ActionError> {
        let index = self.relation_index(id).ok_or_else(|| ActionError::UnknownId(id.clone()))?;
        let before = self.relations[index].clone();
        let mut after = before.clone();
        let fields = after.edit();
        change(fields);
        fields.modified = at;
        self.check_relation(&after, Some(id))?;
        self.relations[index] = after;
        Ok(vec![(id.clone(), Some(Item::Relation(before)))])
    }

    pub(super) fn remove_relation(&mut self, id: &AnnotationId, at: Timestamp) -> Result<Vec<Change>, ActionError> {
        let index = self.relation_index(id).ok_or_else(|| ActionError::UnknownId(id.clone()))?;
        let removed = self.relations.remove(index);
        Rc::make_mut(&mut self.tombstones).insert(id.clone(), at);
        Ok(vec![(id.clone(), Some(Item::Relation(removed)))])
    }

    /// Removes the relations from or to an annotation (which is being deleted).
    pub(super) fn remove_relations_touching(&mut self, id: &AnnotationId, at: Timestamp) -> Vec<Change> {
        let ids: Vec<AnnotationId> = self.relations_of(id).map(|r| r.id().clone()).collect();
        ids.iter().filter_map(|id| self.remove_relation(id, at).ok()).flatten().collect()
    }

    /// Every annotation held by `from` (compared trimmed) is held by `to`, in one step.
    pub(super) fn rename_holder(&mut self, from: &str, to: &str, at: Timestamp) -> Result<Vec<Change>, ActionError> {
        let (from, to) = (from.trim(), to.trim());
        if to.is_empty() {
            return Err(ActionError::EmptyHolder);
        }
        let ids: Vec<AnnotationId> =
            self.annotations.iter().filter(|a| a.holder().trim() == from).map(|a| a.id().clone()).collect();
        if ids.is_empty() || from.is_empty() {
            return Err(ActionError::UnknownHolder(from.to_string()));
        }
        let mut changes = Vec::with_capacity(ids.len());
        for id in ids {
            changes.extend(self.edit(&id, at, |a| a.holder = to.to_string())?);
        }
        Ok(changes)
    }

    /// Relations read from storage or a file, taken in by id: those whose ends are not both
    /// annotations here, that link an annotation to itself or repeat another are returned, not
    /// taken, each with why.
    pub fn restore_relations(&mut self, relations: Vec<Relation>) -> Vec<(Relation, ActionError)> {
        let mut refused = Vec::new();
        for relation in relations {
            let taken = if self.relation_index(relation.id()).is_some() || self.index_of(relation.id()).is_some() {
                Err(ActionError::DuplicateId(relation.id().clone()))
            } else {
                self.check_relation(&relation, None)
            };
            match taken {
                Ok(()) => self.insert_relation(relation),
                Err(error) => refused.push((relation, error)),
            }
        }
        refused
    }

    /// Takes in another copy's version of a relation, the newest by time winning (as
    /// [`Document::merge_replica`] does for annotations); one whose ends are not both here is
    /// left out (another tab deleted one end, and its deletion of the relation follows).
    pub(super) fn merge_relation_replica(&mut self, incoming: &Relation) -> bool {
        let deleted_later = self.tombstones.get(incoming.id()).is_some_and(|t| *t >= incoming.modified());
        if deleted_later || self.get(incoming.source()).is_none() || self.get(incoming.target()).is_none() {
            return false;
        }
        match self.relation_index(incoming.id()) {
            Some(index) if self.relations[index].modified() >= incoming.modified() => false,
            Some(index) => {
                self.relations[index] = incoming.clone();
                true
            }
            None => {
                self.forget_deletion(incoming.id());
                self.insert_relation(incoming.clone());
                true
            }
        }
    }

    /// Relations removed by deletions another copy recorded (newer than their last change).
    pub(super) fn remove_deleted_relations(&mut self, tombstones: &BTreeMap<AnnotationId, Timestamp>) -> bool {
        let before = self.relations.len();
        self.relations.retain(|r| tombstones.get(r.id()).is_none_or(|at| *at < r.modified()));
        self.relations.len() != before
    }

    pub(super) fn relation_index(&self, id: &AnnotationId) -> Option<usize> {
        self.relations.binary_search_by(|r| r.id().cmp(id)).ok()
    }

    pub(super) fn insert_relation(&mut self, relation: Relation) {
        match self.relations.binary_search_by(|r| r.id().cmp(relation.id())) {
            Ok(index) => self.relations[index] = relation,
            Err(index) => self.relations.insert(index, relation),
        }
    }
}
