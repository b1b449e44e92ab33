//! Applying an import to the open document without freezing the page: the files worker places
//! the annotations ([`crate::files_worker`]) while a progress dialog shows how far it has got,
//! whose Cancel ends the work and changes nothing; then the placed annotations are merged a
//! part per frame, as one undo step.

use crate::actions::Actions;
use crate::files_worker::{ReadImport, Stopped};
use crate::store::{Dialog, Msg};
use crate::tasks::next_frame;
use redline_core::formats::worker::read_placed;
use std::rc::Rc;

/// Placed annotations merged in one frame: each part redraws its paragraphs and writes its
/// records in one task (400 held frames up to 180 ms on a machine running twice as slow).
const APPLY_PART: usize = 200;

/// Places `import`'s annotations on the open document, then hands the result to the store.
pub fn start(actions: Actions, import: Rc<ReadImport>) {
    let Some(document) = actions.state().document.clone() else { return };
    let document_id = document.id().clone();
    let placing = |actions: &Actions, done, total| actions.show(Dialog::Reanchoring { done, total, applying: false });
    placing(&actions, 0, import.annotations.len());
    wasm_bindgen_futures::spawn_local(async move {
        let progress = {
            let actions = actions.clone();
            move |done, total| placing(&actions, done, total)
        };
        let placed = actions.files().place(&actions, &import, document.text(), progress).await;
        let (records, report) = match placed {
            Ok(placed) => placed,
            Err(stopped) => {
                actions.close_dialog();
                return match stopped {
                    Stopped::Cancelled => actions.status("Import cancelled; nothing was changed."),
                    Stopped::Failed(error) => {
                        actions.alert(format!("Could not apply the import: {error}. Nothing was changed."))
                    }
                };
            }
        };
        // Merged a part per frame, in text order (the worker's): each part is read back, redraws
        // and stores only its stretch of the text, and all of them undo as one step.
        let total = records.len();
        let mut unreadable = 0;
        for (index, part) in records.chunks(APPLY_PART).enumerate() {
            actions.show(Dialog::Reanchoring { done: index * APPLY_PART, total, applying: true });
            // A frame before each part; the part is stored as it is merged, and drawn in the next.
            next_frame().await;
            let annotations: Vec<_> = part.iter().filter_map(|record| read_placed(record)).collect();
            unreadable += part.len() - annotations.len();
            let document_id = document_id.clone();
            actions.dispatch(Msg::ApplyPart { document_id, annotations, continues: index > 0 });
        }
        next_frame().await;
        let mut warnings = import.warnings.clone();
        if unreadable > 0 {
            warnings.push(format!("{unreadable} placed annotations could not be read back and were left out"));
        }
        actions.dispatch(Msg::ApplyDone {
            source: import.source,
            relations: import.relations.clone(),
            document_id,
            report: Rc::new(report),
            warnings,
        });
    });
}
