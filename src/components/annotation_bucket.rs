//! The entries of the annotation list that start in one stretch of the text. The list is cut
//! into such buckets so that a change re-renders only the bucket it touches: a bucket's props
//! carry a hash of its entries as shown, and Yew skips a bucket whose props are unchanged.

use super::annotation_item::AnnotationItem;
use crate::store::OpenDocument;
use redline_core::document::Filter;
use redline_core::{AnnotationId, CharOffset};
use std::ops::Range;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AnnotationBucketProps {
    pub document: OpenDocument,
    /// The stretch of text whose annotations (by start) this bucket lists.
    pub starts: Range<CharOffset>,
    /// A hash of the entries as shown (ids, labels, spans, holders, notes, selection).
    pub signature: u64,
    pub filter: Filter,
    /// The selected annotation, when it is in this bucket.
    pub selected: Option<AnnotationId>,
    pub onselect: Callback<AnnotationId>,
}

#[component]
pub fn AnnotationBucket(props: &AnnotationBucketProps) -> Html {
    let document = props.document.borrow();
    // One box per bucket lets the browser skip laying out (and tracking) whole buckets off screen.
    html! {
        <div class="bucket" role="presentation">
        { for document.placed_starting_in(props.starts.clone()).filter(|a| props.filter.matches(a)).map(|annotation| {
            let selected = props.selected.as_ref() == Some(&annotation.id);
            let key = annotation.id.to_string();
            html! { <AnnotationItem {key} annotation={annotation.clone()} {selected} onselect={props.onselect.clone()} /> }
        }) }
        </div>
    }
}
