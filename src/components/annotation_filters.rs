//! The annotation list's filters: by label, by holder, and a search of quotes, notes and holders.

use crate::actions::Actions;
use redline_core::document::Filter;
use redline_core::Label;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

pub struct AnnotationFiltersProps {
    pub filter: Filter,
    /// Everyone who holds an annotation, for the holder filter.
    pub holders: Rc<Vec<String>>,
}

pub fn annotation_filters(actions: &Actions, props: AnnotationFiltersProps) -> Html {
    let on_label = on_value::<Event>(&props.filter, actions, |filter, value| Filter {
        label: value.parse::<Label>().ok(),
        ..filter
    });
    let on_holder = on_value::<Event>(&props.filter, actions, |filter, value| Filter {
        holder: (!value.is_empty()).then_some(value),
        ..filter
    });
    let on_search = on_value::<InputEvent>(&props.filter, actions, |filter, search| Filter { search, ..filter });
    let selected_label = props.filter.label;
    let selected_holder = props.filter.holder.clone().unwrap_or_default();
    html! {
        <div class="filters">
            <label>{ "Label" }
                <select onchange={on_label}>
                    <option value="" selected={selected_label.is_none()}>{ "All" }</option>
                    { for Label::ALL.into_iter().map(|label| html! {
                        <option value={label.as_str()} selected={selected_label == Some(label)}>{ label.plural_name() }</option>
                    }) }
                </select>
            </label>
            <label>{ "By holder" }
                <select onchange={on_holder}>
                    <option value="" selected={selected_holder.is_empty()}>{ "Anyone" }</option>
                    { for props.holders.iter().map(|h| html! { <option value={h.clone()} selected={*h == selected_holder}>{ h.clone() }</option> }) }
                </select>
            </label>
            <label>{ "Search" }
                <input type="search" value={props.filter.search.clone()} oninput={on_search} placeholder="Quote, note or holder" />
            </label>
        </div>
    }
}

/// A filter control's callback: the control's new value, folded into the filter by `apply`.
fn on_value<E: AsRef<web_sys::Event> + 'static>(
    filter: &Filter,
    actions: &Actions,
    apply: fn(Filter, String) -> Filter,
) -> Callback<E> {
    let (filter, actions) = (filter.clone(), actions.clone());
    Callback::from(move |event: E| {
        let target = event.as_ref().target();
        let value = target
            .as_ref()
            .and_then(|t| t.dyn_ref::<HtmlSelectElement>().map(HtmlSelectElement::value))
            .or_else(|| target.as_ref().and_then(|t| t.dyn_ref::<HtmlInputElement>()).map(HtmlInputElement::value));
        if let Some(value) = value {
            actions.set_filter(apply(filter.clone(), value));
        }
    })
}
