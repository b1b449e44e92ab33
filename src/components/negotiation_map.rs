//! The negotiation map over the article: the core's SVG of parties, positions and relations
//! (the same one **Export map** downloads), a card selecting its annotation on a click or Enter,
//! parties shown by counts expanded on demand, and renaming or merging a party.

use super::party_rename::PartyRename;
use crate::actions::Actions;
use crate::store::OpenDocument;
use redline_core::map::NegotiationMap;
use redline_core::AnnotationId;
use std::collections::BTreeSet;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NegotiationMapViewProps {
    pub document: OpenDocument,
    pub expanded: Rc<BTreeSet<String>>,
    /// The document's holders (the parties to rename), computed once per version by the page.
    pub holders: Rc<Vec<String>>,
}

/// The annotation of the card an event happened on.
fn card_of(event: &Event) -> Option<AnnotationId> {
    let target = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    let card = target.closest("[data-testid=map-node]").ok()??;
    AnnotationId::parse(&card.get_attribute("data-id")?)
}

#[component]
pub fn NegotiationMapView(props: &NegotiationMapViewProps) -> Html {
    let Some(actions) = use_context::<Actions>() else { return html! {} };
    let map = use_memo((props.document.clone(), props.expanded.clone()), |(document, expanded)| {
        let map = NegotiationMap::of(document, expanded);
        let svg = map.to_svg(document.title());
        (map, svg)
    });
    let canvas = use_node_ref();
    use_effect_with(map.clone(), {
        let canvas = canvas.clone();
        move |map: &Rc<(NegotiationMap, String)>| {
            if let Some(canvas) = canvas.cast::<web_sys::Element>() {
                canvas.set_inner_html(&map.1);
            }
        }
    });
    let open = {
        let actions = actions.clone();
        move |id: AnnotationId| {
            actions.show_map(false);
            actions.flash(id);
        }
    };
    let onclick = {
        let open = open.clone();
        Callback::from(move |event: MouseEvent| card_of(&event).into_iter().for_each(&open))
    };
    let onkeydown = Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Enter" || event.key() == " " {
            if let Some(id) = card_of(&event) {
                event.prevent_default();
                open(id);
            }
        }
    });
    let hidden: Vec<_> = map.0.parties.iter().filter(|p| !p.shown).cloned().collect();
    let on = |act: Rc<dyn Fn(&Actions)>| {
        let actions = actions.clone();
        Callback::from(move |_: MouseEvent| act(&actions))
    };
    html! {
        <section class="map-panel" data-testid="negotiation-map" aria-labelledby="map-title">
            <div class="row spread">
                <h2 id="map-title">{ "Negotiation map" }</h2>
                <div class="row">
                    <button type="button" onclick={on(Rc::new(Actions::export_map))}>{ "Export map" }</button>
                    <button type="button" onclick={on(Rc::new(|a: &Actions| a.show_map(false)))}>{ "Back to the article" }</button>
                </div>
            </div>
            <p class="muted">{ format!("{} parties, {} relations drawn. Click a card (or focus it and press Enter) to go to its annotation.", map.0.parties.len(), map.0.edge_count()) }</p>
            if !hidden.is_empty() {
                <div class="row map-expand">
                    { for hidden.into_iter().map(|party| {
                        let name = party.name.clone();
                        let label = format!("Show {} ({})", party.display_name(), party.red_lines + party.claims);
                        html! { <button type="button" onclick={on(Rc::new(move |a: &Actions| a.expand_party(name.clone())))}>{ label }</button> }
                    }) }
                </div>
            }
            <div class="map-canvas" ref={canvas} {onclick} {onkeydown}></div>
            <PartyRename parties={props.holders.clone()} />
        </section>
    }
}
