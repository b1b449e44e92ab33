//! Another tab's writes, applied when they cannot disturb the user: while a selection is being
//! made or held in the article, a change there would re-render the paragraph under it and drop
//! the selection, so such writes wait until the mouse is released and the selection is gone.
//! Nothing is lost by waiting: the writes are already stored, and merging is by time.

use crate::store::{Msg, Store};
use std::cell::{Cell, RefCell};
use web_sys::Element;
use yew::functional::UseReducerDispatcher;

pub struct RemoteChanges {
    dispatcher: UseReducerDispatcher<Store>,
    waiting: RefCell<Vec<(String, Option<String>)>>,
    /// The primary button went down in the article and has not come up yet.
    dragging: Cell<bool>,
}

impl RemoteChanges {
    pub fn new(dispatcher: UseReducerDispatcher<Store>) -> RemoteChanges {
        RemoteChanges { dispatcher, waiting: RefCell::default(), dragging: Cell::new(false) }
    }

    /// A write from another tab: applied now, or once the article is free.
    pub fn receive(&self, key: String, value: Option<String>, article: Option<Element>) {
        self.waiting.borrow_mut().push((key, value));
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
        for (key, value) in self.waiting.take() {
            self.dispatcher.dispatch(Msg::Remote { key, value });
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
