//! The annotation list: its filters, placed annotations in text order, orphans apart.

use super::annotation_bucket::AnnotationBucket;
use super::annotation_filters::{annotation_filters, AnnotationFiltersProps};
use super::orphan_item::OrphanItem;
use crate::actions::Actions;
use crate::search;
use crate::store::OpenDocument;
use redline_core::document::Filter;
use redline_core::{Annotation, AnnotationId, Document};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SidebarProps {
    pub document: OpenDocument,
    pub filter: Filter,
    /// Everyone who holds an annotation, for the holder filter.
    pub holders: Rc<Vec<String>>,
    pub selected: Option<AnnotationId>,
}

#[component]
pub fn Sidebar(props: &SidebarProps) -> Html {
    let Some(actions) = use_context::<Actions>() else { return html! {} };
    // The list of a newly opened document is filled in after the article's first frame, so that
    // the text and its highlights show first; it is one frame later, not left out.
    let list_ready = use_state_eq(|| false);
    let frame = use_mut_ref(|| None);
    use_effect_with(props.document.id().clone(), {
        let (list_ready, frame) = (list_ready.clone(), frame.clone());
        move |_| {
            list_ready.set(false);
            *frame.borrow_mut() = Some(gloo::render::request_animation_frame(move |_| {
                gloo::timers::callback::Timeout::new(0, move || list_ready.set(true)).forget();
            }));
        }
    });
    let document = &props.document;
    let total = document.placed().count();
    let buckets = if *list_ready { buckets(document, &props.filter, props.selected.as_ref()) } else { Vec::new() };
    let shown: usize = if *list_ready { buckets.iter().map(|b| b.annotations.len()).sum() } else { total };
    let orphans: Vec<_> = document.orphans().cloned().collect();

    html! {
        <section class="annotations" aria-labelledby="annotations-title">
            <h2 id="annotations-title">{ format!("Annotations ({})", if props.filter.is_active() { format!("{shown} of {total}") } else { total.to_string() }) }</h2>
            { annotation_filters(&actions, AnnotationFiltersProps { filter: props.filter.clone(), holders: props.holders.clone() }) }
            <div class="list" role="list" data-testid="annotation-list">
                { for buckets.into_iter().map(|bucket| {
                    html! {
                        <AnnotationBucket key={bucket.number} annotations={bucket.annotations}
                            selected={bucket.selected} eager={shown < WINDOWED_LIST_FROM} />
                    }
                }) }
            </div>
            if total == 0 {
                <p class="muted">{ "Select text in the article, then press Claim (c) or Red line (r)." }</p>
            }
            if !orphans.is_empty() {
                <h3>{ format!("Orphans ({})", orphans.len()) }</h3>
                <p class="muted">{ "These could not be placed on this text. Select text, then Re-attach." }</p>
                <ul class="list" data-testid="orphan-list">
                    { for orphans.into_iter().map(|annotation| {
                        let key = annotation.id().to_string();
                        html! { <OrphanItem {key} {annotation} /> }
                    }) }
                </ul>
            }
        </section>
    }
}

/// From this many entries on, the list renders only the buckets near view.
const WINDOWED_LIST_FROM: usize = 300;

/// Code points of text per bucket of the list: small enough that re-rendering one is cheap,
/// large enough that a long document has few of them.
const BUCKET_CHARS: usize = 16_384;

/// One bucket of the list: the annotations that start in a stretch of text.
struct Bucket {
    /// Which stretch: the start of its annotations divided by [`BUCKET_CHARS`].
    number: usize,
    annotations: Rc<[Annotation]>,
    selected: Option<AnnotationId>,
}

/// The non-empty buckets of the annotations the filter lets through.
fn buckets(document: &Document, filter: &Filter, selected: Option<&AnnotationId>) -> Vec<Bucket> {
    let mut out: Vec<(usize, Vec<Annotation>)> = Vec::new();
    for annotation in document.placed().filter(|a| search::matches(filter, a)) {
        let Some(span) = annotation.span() else { continue };
        let number = span.start().get() / BUCKET_CHARS;
        match out.last_mut() {
            Some((n, entries)) if *n == number => entries.push(annotation.clone()),
            _ => out.push((number, vec![annotation.clone()])),
        }
    }
    // The selected one's bucket is told by where it starts, not by looking through them all.
    let selected_bucket =
        selected.and_then(|id| document.get(id)).and_then(|a| a.span()).map(|s| s.start().get() / BUCKET_CHARS);
    out.into_iter()
        .map(|(number, annotations)| Bucket {
            number,
            selected: selected.filter(|_| selected_bucket == Some(number)).cloned(),
            annotations: annotations.into(),
        })
        .collect()
}
