//! The commands: annotate, undo and redo, files in and out (folded into menus on a phone).

use super::tool_menu::ToolMenu;
use crate::actions::Actions;
use crate::store::Dialog;
use redline_core::formats::ExportFormat;
use redline_core::Label;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

pub struct ToolbarProps {
    pub has_document: bool,
    pub can_undo: bool,
    pub can_redo: bool,
    pub map_open: bool,
}

/// Keeps the article's text selection when a button is pressed with the mouse.
fn keep_selection(event: MouseEvent) {
    event.prevent_default();
}

/// A file input's chosen file, read as an import or an article; the input is then cleared so
/// the same file can be chosen again.
fn chosen_file(actions: &Actions, as_import: bool) -> Callback<Event> {
    let actions = actions.clone();
    Callback::from(move |event: Event| {
        let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else {
            return;
        };
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            actions.read_file(file, as_import);
        }
        input.set_value("");
    })
}

pub fn toolbar(actions: &Actions, props: ToolbarProps) -> Html {
    let on = |act: fn(&Actions)| {
        let actions = actions.clone();
        Callback::from(move |_: MouseEvent| act(&actions))
    };
    let annotate = |label: Label| {
        let actions = actions.clone();
        Callback::from(move |_: MouseEvent| actions.annotate(label))
    };
    let export = |format: ExportFormat| {
        let actions = actions.clone();
        Callback::from(move |_: MouseEvent| actions.export(format))
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
                <button type="button" disabled={!props.can_undo} onclick={on(Actions::undo)} aria-keyshortcuts="Control+Z">{ "Undo" }</button>
                <button type="button" disabled={!props.can_redo} onclick={on(Actions::redo)} aria-keyshortcuts="Control+Shift+Z Control+Y">{ "Redo" }</button>
            </div>
            <ToolMenu name="Files" toggle="Files">
                <button type="button" disabled={no_document} onclick={export(ExportFormat::W3cJson)}>{ "Export JSON" }</button>
                <button type="button" disabled={no_document} onclick={export(ExportFormat::DoccanoJsonLines)}>{ "Export JSON Lines" }</button>
                <button type="button" disabled={no_document} onclick={export(ExportFormat::Csv)}>{ "Export CSV" }</button>
                <button type="button" disabled={no_document} onclick={export(ExportFormat::BratAnn)}
                    title="brat standoff: the .txt and its .ann">{ "Export brat" }</button>
                <button type="button" disabled={no_document} onclick={on(Actions::copy_json)}>{ "Copy JSON" }</button>
                <label class="file-button">
                    <span>{ "Import JSON" }</span>
                    <input type="file" accept=".json,.jsonl,.csv,.ann,application/json,application/ld+json,text/csv" aria-label="Import JSON"
                        onchange={chosen_file(actions, true)} />
                </label>
                // Work goes to colleagues by file or, live, by a shared room.
                <button type="button" disabled={no_document} onclick={on(Actions::share)} title="Sync this document with colleagues">{ "Share" }</button>
            </ToolMenu>
            <ToolMenu name="Articles" toggle="Open">
                <label class="file-button">
                    <span>{ "Open article" }</span>
                    <input type="file" accept=".txt,.md,.html,.htm,text/plain,text/markdown,text/html" aria-label="Open article"
                        onchange={chosen_file(actions, false)} />
                </label>
                <button type="button" onclick={on(|a| a.show(Dialog::Paste))}>{ "Paste text" }</button>
            </ToolMenu>
            <ToolMenu name="View" toggle="View">
                <button type="button" disabled={no_document} aria-pressed={props.map_open.to_string()}
                    onclick={{ let (actions, open) = (actions.clone(), props.map_open); Callback::from(move |_: MouseEvent| actions.show_map(!open)) }}>{ "Map" }</button>
                <button type="button" onclick={on(|a| a.show(Dialog::Shortcuts))} aria-keyshortcuts="?" title="Keyboard shortcuts">{ "Shortcuts" }</button>
            </ToolMenu>
        </div>
    }
}
