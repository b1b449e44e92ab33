//! What was extracted from a web page, shown before it becomes a document: its title, where it
//! came from, and its paragraphs; kept as it is, or as the page's plain text instead.

use super::modal::Modal;
use redline_core::web_page::Extracted;
use std::rc::Rc;
use yew::prelude::*;

/// Paragraphs shown in the preview; the rest are counted.
const SHOWN_PARAGRAPHS: usize = 12;

pub struct ArticlePreviewDialogProps {
    pub extracted: Rc<Extracted>,
    /// Where it came from: a file's name, or "the pasted page".
    pub source: String,
    pub onuse: Callback<()>,
    pub onplain: Callback<()>,
    pub onclose: Callback<()>,
}

pub fn article_preview_dialog(props: ArticlePreviewDialogProps) -> Html {
    let extracted = &props.extracted;
    let metadata = &extracted.metadata;
    let words: usize = extracted.paragraphs.iter().map(|p| p.split_whitespace().count()).sum();
    let hidden = extracted.paragraphs.len().saturating_sub(SHOWN_PARAGRAPHS);
    let field = |name: &'static str, value: &Option<String>| {
        value.as_ref().map(|value| html! { <><dt>{ name }</dt><dd>{ value.clone() }</dd></> })
    };
    let (onuse, onplain, onclose) = (props.onuse.clone(), props.onplain.clone(), props.onclose.clone());
    html! {
        <Modal title="Article found" onclose={props.onclose.clone()}>
            <div class="stack article-preview" data-testid="article-preview">
                <p class="muted">{ format!("From {}: {} paragraphs, {words} words.", props.source, extracted.paragraphs.len()) }</p>
                <h3 data-testid="preview-title">{ extracted.title.clone() }</h3>
                if !metadata.is_empty() {
                    <dl class="metadata-list" data-testid="preview-metadata">
                        { for [field("Source URL", &metadata.url), field("Outlet", &metadata.outlet),
                               field("Author", &metadata.author), field("Published", &metadata.published)].into_iter().flatten() }
                    </dl>
                }
                <div class="preview-text" tabindex="0" aria-label="Extracted text">
                    { for extracted.paragraphs.iter().take(SHOWN_PARAGRAPHS).map(|p| html! { <p>{ p.clone() }</p> }) }
                    if hidden > 0 {
                        <p class="muted">{ format!("… and {hidden} more paragraphs.") }</p>
                    }
                </div>
                <div class="row">
                    <button type="button" class="primary" onclick={move |_| onuse.emit(())}>{ "Use this article" }</button>
                    <button type="button" onclick={move |_| onplain.emit(())}>{ "Use plain text" }</button>
                    <button type="button" onclick={move |_| onclose.emit(())}>{ "Cancel" }</button>
                </div>
            </div>
        </Modal>
    }
}
