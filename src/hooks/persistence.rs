//! Keeps storage in step with the state: after every new version of the open document, the
//! records that changed are written ([`crate::persistence::Persistence`]); after every change
//! to the document list, the list. A failed write says so and is retried with the next change.

use crate::actions::Actions;
use crate::store::Store;
use yew::prelude::*;

#[hook]
pub fn use_persistence(store: &UseReducerHandle<Store>, actions: &Actions) {
    use_effect_with(store.document.clone(), {
        let (library, actions) = (store.library.clone(), actions.clone());
        move |document| {
            if let Some(document) = document {
                actions.report_write(actions.persistence().store_document(document, &library));
            }
        }
    });
    use_effect_with(store.library.clone(), {
        let actions = actions.clone();
        move |library| actions.report_write(actions.persistence().store_library(library))
    });
}
