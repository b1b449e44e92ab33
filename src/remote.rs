//! Another tab's writes, applied when they cannot disturb the user: while a selection is being
//! made or held in the article, a change there would re-render the paragraph under it and drop
//! the selection, so such writes wait until the mouse is released and the selection is gone.
//! Nothing is lost by waiting: the writes are already stored, and merging is by time.

use crate::actions::Actions;
use crate::store::Msg;
use redline_core::schema::{self, RemoteChange};
use std::cell::{Cell, RefCell};
use web_sys::Element;

#[derive(Default)]
pub struct RemoteChanges {
    /// Changes not applied yet, each with whether it is stored already (another tab's write)
    /// or is still to be stored (from the team's room).
    waiting: RefCell<Vec<(RemoteChange, bool)>>,
    /// The primary button went down in the article and has not come up yet.
    dragging: Cell<bool>,
}

impl RemoteChanges {
    /// A write from another tab: applied now, or once the article is free. A text removed
    /// there is no longer stored, so the next write of that document here stores it whole.
    pub fn receive(&self, actions: &Actions, key: &str, value: Option<&str>) {
        let Some(change) = schema::decode_remote(key, value) else { return };
        if let RemoteChange::TextRemoved(id) = &change {
            actions.persistence().forget_text(id);
        }
        self.waiting.borrow_mut().push((change, true));
        self.apply_if_free(actions);
    }

    /// A record from the team's room: applied like another tab's, then stored as a change.
    pub fn receive_unstored(&self, actions: &Actions, change: RemoteChange) {
        self.waiting.borrow_mut().push((change, false));
        self.apply_if_free(actions);
    }

    pub fn set_dragging(&self, actions: &Actions, dragging: bool) {
        self.dragging.set(dragging);
        self.apply_if_free(actions);
    }

    /// Applies what waits, in order, unless a selection is being made or held in the article.
    pub fn apply_if_free(&self, actions: &Actions) {
        if self.dragging.get() || actions.article().is_some_and(|a| selection_in(&a)) {
            return;
        }
        for (change, stored) in self.waiting.take() {
            // Stored already: storage's version takes it in with the state, never to write it back.
            if let (RemoteChange::Annotation { document, record }, true) = (&change, stored) {
                actions.persistence().absorb(document, record);
            }
            actions.dispatch(Msg::Remote(change));
        }
    }
}

/// Whether the page's selection is a range touching `article`.
fn selection_in(article: &Element) -> bool {
    let Some(selection) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) else {
        return false;
    };
    if selection.is_collapsed() {
        return false;
    }
    [selection.anchor_node(), selection.focus_node()].iter().flatten().any(|node| article.contains(Some(node)))
}
