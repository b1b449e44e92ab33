//! Scrolls the article to an annotation picked in the list, and flashes it.

use crate::dom;
use crate::store::Store;
use yew::prelude::*;

#[hook]
pub fn use_scroll_to_flash(store: &UseReducerHandle<Store>, article: NodeRef) {
    use_effect_with(store.flash.clone(), move |flash| {
        if let (Some((id, _)), Some(article)) = (flash, article.cast::<web_sys::Element>()) {
            dom::scroll_to_annotation(&article, id.as_str());
        }
    });
}
