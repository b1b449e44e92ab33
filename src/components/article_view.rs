//! The article: every paragraph in the DOM (find-in-page and screen readers rely on it), marks
//! computed by the core, clicks on marks select their annotation.

use super::paragraph::{Paragraph, Piece};
use crate::store::OpenDocument;
use redline_core::segment::segment_document;
use redline_core::AnnotationId;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ArticleViewProps {
    pub document: OpenDocument,
    pub revision: u64,
    pub selected: Option<AnnotationId>,
    pub article_ref: NodeRef,
    pub onselect: Callback<AnnotationId>,
}

/// One paragraph's props, computed from the core's segments.
struct ParagraphView {
    start: usize,
    end: usize,
    pieces: Rc<Vec<Piece>>,
}

#[component]
pub fn ArticleView(props: &ArticleViewProps) -> Html {
    let paragraphs = use_memo((props.revision, props.selected.clone()), {
        let document = props.document.clone();
        move |(_, selected)| paragraph_views(&document, selected.as_ref())
    });
    let onclick = {
        let onselect = props.onselect.clone();
        Callback::from(move |event: MouseEvent| {
            if selection_is_active() {
                return;
            }
            let Some(mark) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|e| e.closest("mark[data-ids]").ok().flatten())
            else {
                return;
            };
            // The innermost annotation: the last to start among those covering the click.
            let ids = mark.get_attribute("data-ids").unwrap_or_default();
            if let Some(id) = ids.split(' ').next_back().and_then(AnnotationId::parse) {
                onselect.emit(id);
            }
        })
    };
    let title = props.document.borrow().title().to_string();
    html! {
        <article data-testid="article" class="article" ref={props.article_ref.clone()} tabindex="0"
            aria-label={format!("Article: {title}")} {onclick}>
            { for paragraphs.iter().enumerate().map(|(index, p)| html! {
                <Paragraph key={index} start={p.start} end={p.end} pieces={p.pieces.clone()} />
            }) }
        </article>
    }
}

fn selection_is_active() -> bool {
    web_sys::window().and_then(|w| w.get_selection().ok().flatten()).is_some_and(|s| !s.is_collapsed())
}

fn paragraph_views(document: &OpenDocument, selected: Option<&AnnotationId>) -> Vec<ParagraphView> {
    let document = document.borrow();
    let text = document.text();
    segment_document(text, document.annotations())
        .into_iter()
        .map(|paragraph| {
            let pieces = paragraph
                .segments
                .iter()
                .map(|segment| {
                    let labels: Vec<&str> = segment.labels().iter().map(|l| l.as_str()).collect();
                    let ids: Vec<&str> = segment.covering.iter().map(|(id, _)| id.as_str()).collect();
                    Piece {
                        text: AttrValue::from(text.as_str()[segment.bytes.clone()].to_string()),
                        start: segment.chars.start.get(),
                        labels: AttrValue::from(labels.join(" ")),
                        ids: AttrValue::from(ids.join(" ")),
                        selected: selected.is_some_and(|s| segment.covering.iter().any(|(id, _)| id == s)),
                    }
                })
                .collect();
            ParagraphView {
                start: paragraph.chars.start.get(),
                end: paragraph.chars.end.get(),
                pieces: Rc::new(pieces),
            }
        })
        .collect()
}
