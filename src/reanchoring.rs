//! Applying an import to the open document without freezing the page: the core's
//! [`Reanchoring`] runs in slices of about one frame's work, the page drawing (and taking keys)
//! between them, with a progress dialog whose Cancel drops the work and changes nothing; then
//! the placed annotations are merged a part per frame, as one undo step.

use crate::actions::Actions;
use crate::store::{Dialog, Msg};
use crate::tasks::{next_frame, next_task, SLICE_MS};
use redline_core::formats::w3c::Imported;
use redline_core::order;
use redline_core::reanchor::{Placed, Reanchoring};
use std::cell::Cell;
use std::rc::Rc;

/// Annotations placed between two looks at the clock.
const BATCH: usize = 16;
/// Placed annotations merged in one frame: each part redraws its paragraphs and writes its
/// records in one task (400 held frames up to 180 ms on a machine running twice as slow).
const APPLY_PART: usize = 200;

/// Set by the progress dialog's Cancel; read by the running job between slices.
#[derive(Clone, Default)]
pub struct CancelFlag(Rc<Cell<bool>>);

impl CancelFlag {
    pub fn cancel(&self) {
        self.0.set(true);
    }

    fn is_cancelled(&self) -> bool {
        self.0.get()
    }
}

impl PartialEq for CancelFlag {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Places `imported`'s annotations on the open document, slice by slice, then hands the result
/// to the store.
pub fn start(actions: Actions, imported: Rc<Imported>) {
    let Some(document) = actions.state().document.clone() else { return };
    let (document_id, text) = (document.id().clone(), document.text().clone());
    let cancel = CancelFlag::default();
    let mut job = Reanchoring::new(text, &imported);
    let total = job.total();
    let progress = {
        let cancel = cancel.clone();
        move |done: usize| {
            Msg::ShowDialog(Some(Dialog::Reanchoring { done, total, cancel: cancel.clone(), applying: false }))
        }
    };
    actions.dispatch(progress(0));
    wasm_bindgen_futures::spawn_local(async move {
        loop {
            // Let the dialog (or the last progress) be drawn before the next slice.
            next_task().await;
            if cancel.is_cancelled() {
                actions.close_dialog();
                actions.status("Import cancelled; nothing was changed.");
                return;
            }
            let started = js_sys::Date::now();
            while !job.is_finished() && js_sys::Date::now() - started < SLICE_MS {
                job.step(BATCH);
            }
            if job.is_finished() {
                break;
            }
            actions.dispatch(progress(job.done()));
        }
        // Merged a part per frame, in text order: each part redraws and stores only its stretch
        // of the text, and all of them undo as one step.
        let Placed { mut annotations, report } = job.finish();
        order::sort_by(&mut annotations, |a, b| a.text_order_key().cmp(&b.text_order_key()));
        let total = annotations.len();
        for (index, part) in annotations.chunks(APPLY_PART).enumerate() {
            let done = index * APPLY_PART;
            actions.show(Dialog::Reanchoring { done, total, cancel: cancel.clone(), applying: true });
            // A frame before each part (the first apart from the last slice and the sort); the
            // part is stored as it is merged, and drawn in the next.
            next_frame().await;
            let document_id = document_id.clone();
            actions.dispatch(Msg::ApplyPart { document_id, annotations: part.to_vec(), continues: index > 0 });
        }
        next_frame().await;
        actions.dispatch(Msg::ApplyDone {
            source: imported.source,
            relations: imported.relations.clone(),
            document_id,
            report: Rc::new(report),
            warnings: imported.warnings.clone(),
        });
    });
}
