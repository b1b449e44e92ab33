//! A modal dialog frame: labelled, focus moved into it on open, closed by Escape.

use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ModalProps {
    pub title: AttrValue,
    pub onclose: Callback<()>,
    pub children: Html,
}

#[component]
pub fn Modal(props: &ModalProps) -> Html {
    let frame = use_node_ref();
    use_effect_with((), {
        let frame = frame.clone();
        move |_| {
            let first = frame
                .cast::<web_sys::Element>()
                .and_then(|f| f.query_selector("[autofocus], input, textarea, button").ok().flatten());
            if let Some(element) = first.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                element.focus().ok();
            }
        }
    });
    let onkeydown = {
        let onclose = props.onclose.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                event.stop_propagation();
                onclose.emit(());
            }
        })
    };
    html! {
        <div class="modal-backdrop">
            <div class="modal" role="dialog" aria-modal="true" aria-labelledby="modal-title" ref={frame} {onkeydown}>
                <h2 id="modal-title">{ props.title.clone() }</h2>
                { props.children.clone() }
            </div>
        </div>
    }
}
