//! The commands: annotate, undo and redo, files in and out.

use redline_core::formats::ExportFormat;
use redline_core::Label;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub has_document: bool,
    pub can_undo: bool,
    pub can_redo: bool,
    pub onannotate: Callback<Label>,
    pub onundo: Callback<()>,
    pub onredo: Callback<()>,
    pub onexport: Callback<ExportFormat>,
    pub oncopy: Callback<()>,
    pub onimport: Callback<web_sys::File>,
    pub onopenarticle: Callback<web_sys::File>,
    pub onpaste: Callback<()>,
    pub onhelp: Callback<()>,
}

/// Keeps the article's text selection when a button is pressed with the mouse.
fn keep_selection(event: MouseEvent) {
    event.prevent_default();
}

/// A file input's chosen file, after which the input is cleared so the same file can be chosen again.
fn chosen_file(callback: Callback<web_sys::File>) -> Callback<Event> {
    Callback::from(move |event: Event| {
        let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else {
            return;
        };
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            callback.emit(file);
        }
        input.set_value("");
    })
}

#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let annotate = |label: Label| {
        let onannotate = props.onannotate.clone();
        Callback::from(move |_: MouseEvent| onannotate.emit(label))
    };
    let export = |format: ExportFormat| {
        let onexport = props.onexport.clone();
        Callback::from(move |_: MouseEvent| onexport.emit(format))
    };
    let emit = |callback: &Callback<()>| {
        let callback = callback.clone();
        Callback::from(move |_: MouseEvent| callback.emit(()))
    };
    let no_document = !props.has_document;
    html! {
        <div class="toolbar" role="toolbar" aria-label="Commands">
            <div class="group" role="group" aria-label="Annotate">
                <button type="button" class="label-button claim" disabled={no_document}
                    onmousedown={keep_selection} onclick={annotate(Label::Claim)} aria-keyshortcuts="c 1">
                    <span class="swatch" aria-hidden="true"></span>{ Label::Claim.display_name() }
                </button>
                <button type="button" class="label-button red-line" disabled={no_document}
                    onmousedown={keep_selection} onclick={annotate(Label::RedLine)} aria-keyshortcuts="r 2">
                    <span class="swatch" aria-hidden="true"></span>{ Label::RedLine.display_name() }
                </button>
            </div>
            <div class="group" role="group" aria-label="History">
                <button type="button" disabled={!props.can_undo} onclick={emit(&props.onundo)} aria-keyshortcuts="Control+Z">{ "Undo" }</button>
                <button type="button" disabled={!props.can_redo} onclick={emit(&props.onredo)} aria-keyshortcuts="Control+Shift+Z Control+Y">{ "Redo" }</button>
            </div>
            <div class="group" role="group" aria-label="Files">
                <button type="button" disabled={no_document} onclick={export(ExportFormat::W3cJson)}>{ "Export JSON" }</button>
                <button type="button" disabled={no_document} onclick={export(ExportFormat::DoccanoJsonLines)}>{ "Export JSON Lines" }</button>
                <button type="button" disabled={no_document} onclick={export(ExportFormat::Csv)}>{ "Export CSV" }</button>
                <button type="button" disabled={no_document} onclick={emit(&props.oncopy)}>{ "Copy JSON" }</button>
                <label class="file-button">
                    <span>{ "Import JSON" }</span>
                    <input type="file" accept=".json,application/json,application/ld+json" aria-label="Import JSON"
                        onchange={chosen_file(props.onimport.clone())} />
                </label>
            </div>
            <div class="group" role="group" aria-label="Articles">
                <label class="file-button">
                    <span>{ "Open article" }</span>
                    <input type="file" accept=".txt,.md,text/plain,text/markdown" aria-label="Open article"
                        onchange={chosen_file(props.onopenarticle.clone())} />
                </label>
                <button type="button" onclick={emit(&props.onpaste)}>{ "Paste text" }</button>
                <button type="button" onclick={emit(&props.onhelp)} aria-keyshortcuts="?" title="Keyboard shortcuts">{ "Shortcuts" }</button>
            </div>
        </div>
    }
}
