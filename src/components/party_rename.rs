//! Renames a party (a holder) everywhere in the document; a name another party has merges the
//! two ("Zelensky" into "Zelenskyy"). One undoable step.

use crate::actions::Actions;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PartyRenameProps {
    /// The document's holders.
    pub parties: Rc<Vec<String>>,
}

/// Renames a party everywhere; a name another party has merges the two.
#[component]
pub fn PartyRename(props: &PartyRenameProps) -> Html {
    let Some(actions) = use_context::<Actions>() else { return html! {} };
    let (party, name) = (use_node_ref(), use_node_ref());
    let onclick = {
        let (party, name) = (party.clone(), name.clone());
        Callback::from(move |_: MouseEvent| {
            let from = party.cast::<HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
            let to = name.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            actions.rename_party(from, to);
        })
    };
    if props.parties.is_empty() {
        return html! {};
    }
    html! {
        <div class="row party-rename" role="group" aria-label="Rename a party">
            <label>{ "Party" }
                <select aria-label="Party" ref={party}>{ for props.parties.iter().map(|p| html! { <option value={p.clone()}>{ p.clone() }</option> }) }</select>
            </label>
            <label>{ "New name" }<input type="text" ref={name} placeholder="A new name, or another party's to merge" /></label>
            <button type="button" {onclick}>{ "Rename party" }</button>
        </div>
    }
}
