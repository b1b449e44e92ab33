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

/// The map's canvas (`.map-canvas`, holding its SVG), and the map last written into it.
struct Drawn {
    element: web_sys::Element,
    map: Option<Rc<(NegotiationMap, String)>>,
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
    // The drawing is written while rendering, as a paragraph's runs are, not in an effect: Yew
    // lets the browser paint between a render and its effects, which would show the panel a
    // frame before its map.
    let drawn = use_mut_ref(|| None::<Drawn>);
    let drawing = {
        let mut drawn = drawn.borrow_mut();
        if drawn.is_none() {
            let Ok(element) = gloo::utils::document().create_element("div") else { return html! {} };
            element.set_class_name("map-canvas");
            *drawn = Some(Drawn { element, map: None });
        }
        let Some(drawn) = drawn.as_mut() else { return html! {} };
        if !drawn.map.as_ref().is_some_and(|written| Rc::ptr_eq(written, &map)) {
            drawn.element.set_inner_html(&map.1);
            drawn.map = Some(map.clone());
        }
        Html::VRef(drawn.element.clone().into())
    };
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
            <div class="map-frame" {onclick} {onkeydown}>{ drawing }</div>
            <PartyRename parties={props.holders.clone()} />
        </section>
    }
}
