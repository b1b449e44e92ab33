//! Edit what is known of a document's source: its address, outlet, author and date.

use super::modal::Modal;
use redline_core::web_page::web_url;
use redline_core::Metadata;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MetadataDialogProps {
    pub metadata: Metadata,
    pub onsave: Callback<Metadata>,
    pub onclose: Callback<()>,
}

#[component]
pub fn MetadataDialog(props: &MetadataDialogProps) -> Html {
    let (url, outlet, author, published) = (use_node_ref(), use_node_ref(), use_node_ref(), use_node_ref());
    let problem = use_state(|| None::<&'static str>);
    let onsubmit = {
        let (url, outlet, author, published) = (url.clone(), outlet.clone(), author.clone(), published.clone());
        let (onsave, problem) = (props.onsave.clone(), problem.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let value =
                |field: &NodeRef| field.cast::<HtmlInputElement>().map(|i| i.value()).filter(|v| !v.trim().is_empty());
            let address = value(&url);
            if address.as_deref().is_some_and(|a| web_url(a).is_none()) {
                problem.set(Some("The source URL must be a web address beginning with http:// or https://."));
                return;
            }
            onsave.emit(Metadata {
                url: address,
                outlet: value(&outlet),
                author: value(&author),
                published: value(&published),
            });
        })
    };
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let metadata = &props.metadata;
    let onclose = props.onclose.clone();
    html! {
        <Modal title="Document details" onclose={props.onclose.clone()}>
            <form class="stack" {onsubmit}>
                <label>{ "Source URL" }
                    <input ref={url} type="url" value={text(&metadata.url)} placeholder="https://" />
                </label>
                <label>{ "Outlet" }<input ref={outlet} type="text" value={text(&metadata.outlet)} /></label>
                <label>{ "Author" }<input ref={author} type="text" value={text(&metadata.author)} /></label>
                <label>{ "Published" }<input ref={published} type="text" value={text(&metadata.published)} placeholder="2026-08-19" /></label>
                if let Some(problem) = *problem {
                    <p role="alert" class="error">{ problem }</p>
                }
                <div class="row">
                    <button type="submit" class="primary">{ "Save details" }</button>
                    <button type="button" onclick={move |_| onclose.emit(())}>{ "Cancel" }</button>
                </div>
            </form>
        </Modal>
    }
}
