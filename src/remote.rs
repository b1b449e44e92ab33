//! Another tab's writes, applied when they cannot disturb the user: while a selection is being
//! made or held in the article, a change there would re-render the paragraph under it and drop
//! the selection, so such writes wait until the mouse is released and the selection is gone.
//! Nothing is lost by waiting: the writes are already stored, and merging is by time.

use crate::actions::Actions;
use crate::store::Msg;
use redline_core::schema::{self, RemoteChange};
use std::cell::{Cell, RefCell};
use web_sys::Element;

pub struct RemoteChanges {
    actions: Actions,
    waiting: RefCell<Vec<RemoteChange>>,
    /// The primary button went down in the article and has not come up yet.
    dragging: Cell<bool>,
}

impl RemoteChanges {
    pub fn new(actions: Actions) -> RemoteChanges {
        RemoteChanges { actions, waiting: RefCell::default(), dragging: Cell::new(false) }
    }

    /// A write from another tab: applied now, or once the article is free. A text removed
    /// there is no longer stored, so the next write of that document here stores it whole.
    pub fn receive(&self, key: &str, value: Option<&str>, article: Option<Element>) {
        let Some(change) = schema::decode_remote(key, value) else { return };
        if let RemoteChange::TextRemoved(id) = &change {
            self.actions.persistence().forget_text(id);
        }
        self.waiting.borrow_mut().push(change);
        self.apply_if_free(article);
    }

    pub fn set_dragging(&self, dragging: bool, article: Option<Element>) {
        self.dragging.set(dragging);
        self.apply_if_free(article);
    }

    /// Applies what waits, in order, unless a selection is being made or held in the article.
    pub fn apply_if_free(&self, article: Option<Element>) {
        if self.dragging.get() || article.is_some_and(|a| selection_in(&a)) {
            return;
        }
        for change in self.waiting.take() {
            // Stored already: storage's version takes it in with the state, never to write it back.
            if let RemoteChange::Annotation { document, record } = &change {
                self.actions.persistence().absorb(document, record);
            }
            self.actions.dispatch(Msg::Remote(change));
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
