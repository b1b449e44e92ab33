//! The article: every paragraph in the DOM (find-in-page and screen readers rely on it), marks
//! computed by the core, clicks on marks select their annotation. A change rebuilds only the
//! paragraphs whose covering annotations changed; the others keep their props, so Yew skips them.

use super::paragraph::{markup, Paragraph};
use crate::actions::Actions;
use crate::fingerprint::fingerprint;
use crate::store::OpenDocument;
use crate::tasks::next_frame;
use redline_core::segment::{covering_by_paragraph, segment_range};
use redline_core::{Annotation, AnnotationId, CharOffset, DocumentId};
use std::cell::RefCell;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ArticleViewProps {
    pub document: OpenDocument,
    pub selected: Option<AnnotationId>,
    pub article_ref: NodeRef,
}

/// One paragraph's props, and what they were computed from.
#[derive(Clone)]
struct ParagraphView {
    chars: Range<CharOffset>,
    /// A hash of the covering annotations (ids, labels, spans) and of which is selected or
    /// related to the selected one.
    signature: u64,
    html: Rc<str>,
}

/// The last views of one document's paragraphs.
#[derive(Default)]
struct ViewCache {
    document_id: Option<DocumentId>,
    views: Vec<ParagraphView>,
}

/// Beyond this many paragraphs, the browser lays out only those near the screen
/// (`content-visibility`); below it, that costs a second layout pass and saves nothing.
const LONG_ARTICLE_PARAGRAPHS: usize = 100;

/// How much text (code points) a newly opened article draws per frame: a long one comes in over
/// a few frames, its start first, instead of holding the page for one long frame.
const CHARS_PER_FRAME: usize = 200_000;

/// How many paragraphs of which document are drawn so far.
#[derive(Clone, PartialEq, Default)]
struct Drawn {
    document_id: Option<DocumentId>,
    paragraphs: usize,
}

/// The number of paragraphs to draw when `drawn` are: the next frame's worth of text more.
fn next_stop(views: &[ParagraphView], drawn: usize) -> usize {
    let Some(first) = views.get(drawn) else { return views.len() };
    let limit = first.chars.start.get() + CHARS_PER_FRAME;
    drawn + 1 + views[drawn + 1..].iter().take_while(|v| v.chars.end.get() <= limit).count()
}

#[component]
pub fn ArticleView(props: &ArticleViewProps) -> Html {
    let cache = use_mut_ref(ViewCache::default);
    let paragraphs = use_memo((props.document.clone(), props.selected.clone()), {
        let cache = cache.clone();
        move |(document, selected)| paragraph_views(document, selected.as_ref(), &cache)
    });
    let actions = use_context::<Actions>();
    let onclick = {
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
            if let (Some(id), Some(actions)) = (ids.split(' ').next_back().and_then(AnnotationId::parse), &actions) {
                actions.pick(id);
            }
        })
    };
    let (title, document_id) = (props.document.title().to_string(), Some(props.document.id().clone()));
    let drawn = use_state_eq(Drawn::default);
    let drawn_paragraphs = if drawn.document_id == document_id { drawn.paragraphs } else { next_stop(&paragraphs, 0) };
    use_effect_with((document_id.clone(), drawn_paragraphs, paragraphs.len()), {
        let (drawn, paragraphs) = (drawn.clone(), paragraphs.clone());
        move |(document_id, count, total): &(Option<DocumentId>, usize, usize)| {
            if count < total {
                let (document_id, count) = (document_id.clone(), *count);
                wasm_bindgen_futures::spawn_local(async move {
                    next_frame().await;
                    drawn.set(Drawn { document_id, paragraphs: next_stop(&paragraphs, count) });
                });
            }
        }
    });
    let class = classes!("article", (paragraphs.len() > LONG_ARTICLE_PARAGRAPHS).then_some("long"));
    html! {
        <article data-testid="article" {class} ref={props.article_ref.clone()} tabindex="0"
            aria-label={format!("Article: {title}")} {onclick}>
            { for paragraphs.iter().take(drawn_paragraphs).enumerate().map(|(index, p)| html! {
                <Paragraph key={index} chars={p.chars.clone()} html={p.html.clone()} />
            }) }
        </article>
    }
}

fn selection_is_active() -> bool {
    web_sys::window().and_then(|w| w.get_selection().ok().flatten()).is_some_and(|s| !s.is_collapsed())
}

fn signature(covering: &[&Annotation], selected: Option<&AnnotationId>, related: &[AnnotationId]) -> u64 {
    let mut hasher = fingerprint();
    for annotation in covering {
        annotation.id().hash(&mut hasher);
        annotation.label().hash(&mut hasher);
        annotation.span().hash(&mut hasher);
        (selected == Some(annotation.id())).hash(&mut hasher);
        related.contains(annotation.id()).hash(&mut hasher);
    }
    hasher.finish()
}

fn paragraph_views(
    document: &OpenDocument,
    selected: Option<&AnnotationId>,
    cache: &RefCell<ViewCache>,
) -> Vec<ParagraphView> {
    let text = document.text();
    let mut cache = cache.borrow_mut();
    if cache.document_id.as_ref() != Some(document.id()) {
        *cache = ViewCache { document_id: Some(document.id().clone()), views: Vec::new() };
    }
    if cache.views.is_empty() {
        cache.views = text
            .paragraphs()
            .into_iter()
            .map(|chars| ParagraphView { chars, signature: u64::MAX, html: Rc::from("") })
            .collect();
    }
    // The annotations linked to the selected one are marked too, so that the eye finds them.
    let related: Vec<AnnotationId> = selected
        .map(|id| {
            let other =
                |r: &redline_core::Relation| if r.source() == id { r.target().clone() } else { r.source().clone() };
            document.relations_of(id).map(other).collect()
        })
        .unwrap_or_default();
    let ranges: Vec<Range<CharOffset>> = cache.views.iter().map(|v| v.chars.clone()).collect();
    let covering = covering_by_paragraph(&ranges, document.annotations());
    for (view, covering) in cache.views.iter_mut().zip(covering) {
        let signature = signature(&covering, selected, &related);
        if signature == view.signature {
            continue;
        }
        let segments = segment_range(text, view.chars.clone(), covering);
        view.signature = signature;
        view.html = Rc::from(markup(text, &segments, selected, &related));
    }
    cache.views.clone()
}
