//! The selected annotation's relations: each listed with its kind, direction and the other
//! annotation (holder and quote), with a way to remove it; a form to add one (kind and target).

use crate::actions::Actions;
use crate::store::OpenDocument;
use redline_core::text::abbreviate;
use redline_core::{Annotation, AnnotationId, RelationKind};
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The Target select's element id: the link key focuses it.
pub const TARGET_ID: &str = "relation-target";

/// Up to this many annotations in the document, the Target options are made with the editor.
const EAGER_OPTIONS_UP_TO: usize = 300;

/// The Target select offers this many annotations, the nearest in text order (on a long
/// document, the link key and a click on the highlight reach any other).
const TARGET_OPTIONS: usize = 100;

#[derive(Properties, PartialEq)]
pub struct RelationEditorProps {
    pub document: OpenDocument,
    pub annotation: Annotation,
    pub kind: RelationKind,
    pub linking: bool,
}

/// "Kremlin: “pull out of Donetsk…”", for lists and options.
fn describe(annotation: &Annotation) -> String {
    let quote = abbreviate(&annotation.quote().exact, 48);
    match annotation.holder().trim() {
        "" => format!("“{quote}”"),
        holder => format!("{holder}: “{quote}”"),
    }
}

fn selected_value(event: &Event) -> Option<String> {
    event.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()).map(|s| s.value())
}

#[component]
pub fn RelationEditor(props: &RelationEditorProps) -> Html {
    let Some(actions) = use_context::<Actions>() else { return html! {} };
    let target = use_state_eq(|| None::<AnnotationId>);
    // On a long document the Target options are made when the select is reached (focus comes
    // before its list opens): every addition selects the new annotation, and would otherwise
    // draw a hundred options it never shows.
    let eager = props.document.annotations().len() <= EAGER_OPTIONS_UP_TO;
    let options_wanted = use_state_eq(|| eager);
    // The editor stays while the selection moves (every addition selects the new annotation, and
    // remaking the form each time costs more than updating it): a new annotation starts afresh.
    use_effect_with(props.annotation.id().clone(), {
        let (target, options_wanted) = (target.clone(), options_wanted.clone());
        move |_| {
            target.set(None);
            options_wanted.set(eager);
        }
    });
    let on_focus = {
        let options_wanted = options_wanted.clone();
        Callback::from(move |_: FocusEvent| options_wanted.set(true))
    };
    let id = props.annotation.id();
    let all = props.document.annotations();
    let others: Vec<&Annotation> = if *options_wanted {
        let at = all.iter().position(|a| a.id() == id).unwrap_or(0);
        let from = at.saturating_sub(TARGET_OPTIONS / 2).min(all.len().saturating_sub(TARGET_OPTIONS + 1));
        all.iter().skip(from).take(TARGET_OPTIONS + 1).filter(|a| a.id() != id).collect()
    } else {
        Vec::new()
    };
    let chosen = (*target).clone().filter(|t| others.iter().any(|a| a.id() == t));
    let on_kind = {
        let actions = actions.clone();
        Callback::from(move |event: Event| {
            if let Some(kind) = selected_value(&event).and_then(|v| v.parse().ok()) {
                actions.choose_relation_kind(kind);
            }
        })
    };
    let on_target = {
        let target = target.clone();
        Callback::from(move |event: Event| target.set(selected_value(&event).and_then(|v| AnnotationId::parse(&v))))
    };
    let on_add = {
        let (actions, chosen) = (actions.clone(), chosen.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(target) = chosen.clone() {
                actions.add_relation(target);
            }
        })
    };
    html! {
        <section class="relations" aria-labelledby="relations-title">
            <h3 id="relations-title">{ "Relations" }</h3>
            <ul class="relation-list">{ relation_items(&props.document, id, &actions) }</ul>
            // Not a <form>: no text in the page ever becomes one (the hostile-input checks count them).
            <div class="relation-form" role="group" aria-label="New relation">
                <label>{ "Relation" }
                    <select aria-label="Relation" onchange={on_kind}>
                        { for RelationKind::ALL.into_iter().map(|kind| html! {
                            <option value={kind.as_str()} selected={kind == props.kind}>{ kind.display_name() }</option>
                        }) }
                    </select>
                </label>
                <label>{ "Target" }
                    <select id={TARGET_ID} aria-label="Target" onchange={on_target} onfocus={on_focus}>
                        <option value="" selected={chosen.is_none()}>{ "Choose an annotation" }</option>
                        { for others.iter().map(|a| html! {
                            <option value={a.id().to_string()} selected={chosen.as_ref() == Some(a.id())}>{ describe(a) }</option>
                        }) }
                    </select>
                </label>
                <button type="button" disabled={chosen.is_none()} onclick={on_add}>{ "Add relation" }</button>
            </div>
            if props.linking {
                <p class="muted" role="note">{ "Click the highlight to link to (Escape cancels)." }</p>
            }
        </section>
    }
}

/// The entries of an annotation's relations: kind and direction, the other annotation, and a
/// button that removes it.
fn relation_items(document: &OpenDocument, id: &AnnotationId, actions: &Actions) -> Html {
    let items = document.relations_of(id).filter_map(|relation| {
        let outgoing = relation.source() == id;
        let other = document.get(if outgoing { relation.target() } else { relation.source() })?;
        let remove = {
            let (actions, relation_id) = (actions.clone(), relation.id().clone());
            Callback::from(move |_: MouseEvent| actions.remove_relation(relation_id.clone()))
        };
        let (kind, direction) = (relation.kind().display_name(), if outgoing { "→" } else { "←" });
        Some(html! {
            <li key={relation.id().to_string()} data-testid="relation-item" data-kind={relation.kind().as_str()}
                class={classes!("relation", format!("relation-{}", relation.kind().as_str()))}>
                <span class="relation-kind">{ format!("{direction} {kind}") }</span>
                <span class="relation-other">{ describe(other) }</span>
                <button type="button" class="icon" aria-label="Remove relation" title="Remove relation" onclick={remove}>{ "×" }</button>
            </li>
        })
    });
    items.collect()
}
