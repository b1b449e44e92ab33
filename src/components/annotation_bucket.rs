//! The entries of the annotation list that start in one stretch of the text. The list is cut
//! into such buckets so that a change re-renders only the bucket it touches: a bucket's props
//! are its entries (unchanged ones are the same values, compared by identity first), and Yew
//! skips a bucket whose props are unchanged.
//!
//! In a long list, a bucket renders its entries once it comes near the visible part of the list
//! (and keeps them): until then it holds their place with an estimated height, so that a long
//! document's list costs only what is scrolled to.

use super::annotation_item::AnnotationItem;
use redline_core::{Annotation, AnnotationId};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The height held for an entry not rendered yet, in CSS pixels (a typical entry's).
const ENTRY_HEIGHT_ESTIMATE: usize = 70;
/// How far beyond the visible part of the list buckets are rendered ahead of scrolling.
const RENDER_AHEAD: &str = "800px 0px";

#[derive(Properties, PartialEq)]
pub struct AnnotationBucketProps {
    /// The entries, in text order.
    pub annotations: Rc<[Annotation]>,
    /// The selected annotation, when it is in this bucket.
    pub selected: Option<AnnotationId>,
    /// Render the entries at once, near view or not (a short list costs less than watching it).
    pub eager: bool,
}

#[component]
pub fn AnnotationBucket(props: &AnnotationBucketProps) -> Html {
    let came_near = use_state_eq(|| false);
    let rendered = props.eager || *came_near;
    let node = use_node_ref();
    use_effect_with((rendered, props.annotations.len()), {
        let (node, came_near) = (node.clone(), came_near.clone());
        move |(rendered, count): &(bool, usize)| {
            let element = node.cast::<web_sys::HtmlElement>();
            let observer = match (&element, rendered) {
                (Some(element), false) => {
                    element.style().set_property("height", &format!("{}px", count * ENTRY_HEIGHT_ESTIMATE)).ok();
                    watch_until_near(element, move || came_near.set(true))
                }
                (Some(element), true) => {
                    element.style().remove_property("height").ok();
                    None
                }
                (None, _) => None,
            };
            move || {
                if let Some((observer, _callback)) = observer {
                    observer.disconnect();
                }
            }
        }
    });
    html! {
        // One box per bucket lets the browser skip laying out (and tracking) whole buckets off screen.
        <div class="bucket" role="presentation" ref={node}>
        if rendered {
            { for props.annotations.iter().map(|annotation| {
                let selected = props.selected.as_ref() == Some(annotation.id());
                let key = annotation.id().to_string();
                html! { <AnnotationItem {key} annotation={annotation.clone()} {selected} /> }
            }) }
        }
        </div>
    }
}

type Observer = (web_sys::IntersectionObserver, Closure<dyn FnMut(js_sys::Array)>);

/// Calls `near` once `element` comes within [`RENDER_AHEAD`] of the visible part of the sidebar.
/// Where the sidebar does not scroll by itself (phone widths), every bucket counts as near.
fn watch_until_near(element: &web_sys::HtmlElement, near: impl Fn() + 'static) -> Option<Observer> {
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        if entries.iter().any(|e| e.unchecked_into::<web_sys::IntersectionObserverEntry>().is_intersecting()) {
            near();
        }
    });
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root(element.closest(".sidebar").ok().flatten().as_ref());
    options.set_root_margin(RENDER_AHEAD);
    let observer = web_sys::IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options).ok()?;
    observer.observe(element);
    Some((observer, callback))
}
