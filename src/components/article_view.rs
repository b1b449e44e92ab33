//! The article: every paragraph in the DOM (find-in-page and screen readers rely on it), marks
//! computed by the core, clicks on marks select their annotation. A change rebuilds only the
//! paragraphs whose covering annotations changed; the others keep their props, so Yew skips them.

use super::paragraph::{markup, Paragraph};
use crate::fingerprint::fingerprint;
use crate::store::OpenDocument;
use redline_core::segment::{covering_by_paragraph, segment_range};
use redline_core::{Annotation, AnnotationId, CharOffset};
use std::cell::RefCell;
use std::hash::{Hash, Hasher};
use std::ops::Range;
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

/// One paragraph's props, and what they were computed from.
#[derive(Clone)]
struct ParagraphView {
    chars: Range<CharOffset>,
    /// A hash of the covering annotations (ids, labels, spans) and of which is selected.
    signature: u64,
    html: AttrValue,
}

/// The last views of one document's paragraphs.
#[derive(Default)]
struct ViewCache {
    document_id: String,
    views: Vec<ParagraphView>,
}

/// Beyond this many paragraphs, the browser lays out only those near the screen
/// (`content-visibility`); below it, that costs a second layout pass and saves nothing.
const LONG_ARTICLE_PARAGRAPHS: usize = 100;

#[component]
pub fn ArticleView(props: &ArticleViewProps) -> Html {
    let cache = use_mut_ref(ViewCache::default);
    let paragraphs = use_memo((props.revision, props.selected.clone()), {
        let (document, cache) = (props.document.clone(), cache.clone());
        move |(_, selected)| paragraph_views(&document, selected.as_ref(), &cache)
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
    let class = classes!("article", (paragraphs.len() > LONG_ARTICLE_PARAGRAPHS).then_some("long"));
    html! {
        <article data-testid="article" {class} ref={props.article_ref.clone()} tabindex="0"
            aria-label={format!("Article: {title}")} {onclick}>
            { for paragraphs.iter().enumerate().map(|(index, p)| html! {
                <Paragraph key={index} html={p.html.clone()} />
            }) }
        </article>
    }
}

fn selection_is_active() -> bool {
    web_sys::window().and_then(|w| w.get_selection().ok().flatten()).is_some_and(|s| !s.is_collapsed())
}

fn signature(covering: &[&Annotation], selected: Option<&AnnotationId>) -> u64 {
    let mut hasher = fingerprint();
    for annotation in covering {
        annotation.id.hash(&mut hasher);
        annotation.label.hash(&mut hasher);
        annotation.span.hash(&mut hasher);
        (selected == Some(&annotation.id)).hash(&mut hasher);
    }
    hasher.finish()
}

fn paragraph_views(
    document: &OpenDocument,
    selected: Option<&AnnotationId>,
    cache: &RefCell<ViewCache>,
) -> Vec<ParagraphView> {
    let document = document.borrow();
    let text = document.text();
    let mut cache = cache.borrow_mut();
    if cache.document_id != document.id() {
        *cache = ViewCache { document_id: document.id().to_string(), views: Vec::new() };
    }
    if cache.views.is_empty() {
        cache.views = text
            .paragraphs()
            .into_iter()
            .map(|chars| ParagraphView { chars, signature: u64::MAX, html: AttrValue::default() })
            .collect();
    }
    let ranges: Vec<Range<CharOffset>> = cache.views.iter().map(|v| v.chars.clone()).collect();
    let covering = covering_by_paragraph(&ranges, document.annotations());
    for (view, covering) in cache.views.iter_mut().zip(covering) {
        let signature = signature(&covering, selected);
        if signature == view.signature {
            continue;
        }
        let segments = segment_range(text, view.chars.clone(), covering);
        view.signature = signature;
        view.html = AttrValue::from(markup(text, view.chars.clone(), &segments, selected));
    }
    cache.views.clone()
}
