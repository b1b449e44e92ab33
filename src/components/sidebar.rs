//! The annotation list: its filters, placed annotations in text order, orphans apart.

use super::annotation_bucket::AnnotationBucket;
use super::annotation_filters::AnnotationFilters;
use super::orphan_item::OrphanItem;
use crate::fingerprint::{fingerprint, Fingerprint};
use crate::search;
use crate::store::OpenDocument;
use redline_core::document::Filter;
use redline_core::{AnnotationId, CharOffset, Document};
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SidebarProps {
    pub document: OpenDocument,
    pub revision: u64,
    pub filter: Filter,
    /// Everyone who holds an annotation, for the holder filter.
    pub holders: Rc<Vec<String>>,
    pub selected: Option<AnnotationId>,
    pub onfilter: Callback<Filter>,
    pub onselect: Callback<AnnotationId>,
    pub onreattach: Callback<AnnotationId>,
    pub ondeleteorphan: Callback<AnnotationId>,
}

#[component]
pub fn Sidebar(props: &SidebarProps) -> Html {
    // The list of a newly opened document is filled in after the article's first frame, so that
    // the text and its highlights show first; it is one frame later, not left out.
    let list_ready = use_state_eq(|| false);
    let frame = use_mut_ref(|| None);
    use_effect_with(props.document.clone(), {
        let (list_ready, frame) = (list_ready.clone(), frame.clone());
        move |_| {
            list_ready.set(false);
            *frame.borrow_mut() = Some(gloo::render::request_animation_frame(move |_| {
                gloo::timers::callback::Timeout::new(0, move || list_ready.set(true)).forget();
            }));
        }
    });
    let document = props.document.borrow();
    let total = document.placed().count();
    let buckets = if *list_ready { buckets(&document, &props.filter, props.selected.as_ref()) } else { Vec::new() };
    let shown: usize = if *list_ready { buckets.iter().map(|b| b.count).sum() } else { total };
    let orphans: Vec<_> = document.orphans().cloned().collect();

    html! {
        <section class="annotations" aria-labelledby="annotations-title">
            <h2 id="annotations-title">{ format!("Annotations ({})", if props.filter.is_active() { format!("{shown} of {total}") } else { total.to_string() }) }</h2>
            <AnnotationFilters filter={props.filter.clone()} holders={props.holders.clone()} onfilter={props.onfilter.clone()} />
            <div class="list" role="list" data-testid="annotation-list">
                { for buckets.into_iter().map(|bucket| {
                    let key = bucket.starts.start.get();
                    html! {
                        <AnnotationBucket {key} document={props.document.clone()}
                            starts={bucket.starts} signature={bucket.signature} filter={props.filter.clone()}
                            selected={bucket.selected} count={bucket.count} eager={shown < WINDOWED_LIST_FROM}
                            onselect={props.onselect.clone()} />
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
                        let key = annotation.id.to_string();
                        html! {
                            <OrphanItem {key} {annotation}
                                onreattach={props.onreattach.clone()} ondelete={props.ondeleteorphan.clone()} />
                        }
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
    starts: Range<CharOffset>,
    signature: u64,
    selected: Option<AnnotationId>,
    count: usize,
}

/// The non-empty buckets, each with a hash of what it shows.
fn buckets(document: &Document, filter: &Filter, selected: Option<&AnnotationId>) -> Vec<Bucket> {
    let mut out: Vec<(usize, Fingerprint, Option<AnnotationId>, usize)> = Vec::new();
    for annotation in document.placed().filter(|a| search::matches(filter, a)) {
        let Some(span) = annotation.span else { continue };
        let number = span.start().get() / BUCKET_CHARS;
        if out.last().is_none_or(|(n, ..)| *n != number) {
            out.push((number, fingerprint(), None, 0));
        }
        let Some((_, hasher, bucket_selected, count)) = out.last_mut() else { continue };
        let is_selected = selected == Some(&annotation.id);
        (&annotation.id, annotation.label, annotation.span, &annotation.holder, &annotation.note, is_selected)
            .hash(hasher);
        if is_selected {
            *bucket_selected = Some(annotation.id.clone());
        }
        *count += 1;
    }
    out.into_iter()
        .map(|(number, hasher, selected, count)| Bucket {
            starts: CharOffset(number * BUCKET_CHARS)..CharOffset((number + 1) * BUCKET_CHARS),
            signature: hasher.finish(),
            selected,
            count,
        })
        .collect()
}
