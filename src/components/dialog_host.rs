//! The open dialog, if any, wired to the page's actions.

use super::article_preview_dialog::{article_preview_dialog, ArticlePreviewDialogProps};
use super::confirm_delete_dialog::{confirm_delete_dialog, ConfirmDeleteDialogProps};
use super::import_dialog::{import_dialog, ImportDialogProps};
use super::metadata_dialog::MetadataDialog;
use super::paste_dialog::PasteDialog;
use super::reanchor_dialog::{reanchor_dialog, ReanchorDialogProps};
use super::rename_dialog::RenameDialog;
use super::share_dialog::ShareDialog;
use super::shortcuts_dialog::shortcuts_dialog;
use super::untagged_dialog::{untagged_dialog, UntaggedDialogProps};
use crate::actions::Actions;
use crate::store::Dialog;
use crate::sync_client::SyncView;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DialogHostProps {
    pub dialog: Dialog,
    pub has_open_document: bool,
    pub sync: SyncView,
}

#[component]
pub fn DialogHost(props: &DialogHostProps) -> Html {
    let Some(actions) = use_context::<Actions>() else { return html! {} };
    let onclose = on(&actions, Actions::close_dialog);
    match props.dialog.clone() {
        Dialog::Paste => {
            let onadd = Callback::from(move |(title, text, html)| actions.add_pasted(title, text, html));
            html! { <PasteDialog {onadd} {onclose} /> }
        }
        Dialog::Shortcuts => shortcuts_dialog(onclose),
        Dialog::Share => {
            let sync = props.sync.clone();
            let page = gloo::utils::window().location().href().unwrap_or_default();
            let link = sync.share.as_ref().map(|share| AttrValue::from(share.room.link(&page)));
            let onconnect = Callback::from({
                let actions = actions.clone();
                move |(server, name): (String, String)| actions.connect_sync(&server, &name)
            });
            let ondisconnect = on(&actions, Actions::disconnect_sync);
            let oncopy = Callback::from(move |link| actions.copy_link(link));
            html! { <ShareDialog {sync} {link} {onconnect} {ondisconnect} {oncopy} {onclose} /> }
        }
        Dialog::ArticlePreview { extracted, source } => {
            let onuse = on(&actions, {
                let extracted = extracted.clone();
                move |actions| actions.use_article(&extracted)
            });
            let onplain = on(&actions, {
                let extracted = extracted.clone();
                move |actions| actions.use_plain_text(&extracted)
            });
            article_preview_dialog(ArticlePreviewDialogProps { extracted, source, onuse, onplain, onclose })
        }
        Dialog::Metadata(metadata) => {
            let onsave = Callback::from(move |metadata| actions.set_metadata(metadata));
            html! { <MetadataDialog {metadata} {onsave} {onclose} /> }
        }
        Dialog::Rename { id, title } => {
            let onrename = Callback::from(move |title| actions.rename(id.clone(), title));
            html! { <RenameDialog {title} {onrename} {onclose} /> }
        }
        Dialog::ConfirmDelete { id, title, annotations } => {
            let onconfirm = on(&actions, move |actions| actions.delete_document(id.clone()));
            confirm_delete_dialog(ConfirmDeleteDialogProps { title, annotations, onconfirm, onclose })
        }
        Dialog::Untagged { imported, file_name } => {
            let (untagged, tagged) = (imported.untagged.len(), imported.annotations.len());
            let source = imported.source.description();
            let onchoose = Callback::from({
                let file_name = file_name.clone();
                move |label| actions.label_untagged(&imported, file_name.clone(), label)
            });
            untagged_dialog(UntaggedDialogProps { file_name, source, untagged, tagged, onchoose, onclose })
        }
        Dialog::ImportChoice { imported, file_name, other_page } => {
            let (annotations, has_text) = (imported.annotations.len(), imported.text.is_some());
            let source = imported.source.description();
            let onadd = on(&actions, {
                let imported = imported.clone();
                move |actions| actions.add_import_as_new(imported.clone())
            });
            let onapply = on(&actions, move |actions| actions.apply_import(imported.clone()));
            import_dialog(ImportDialogProps {
                file_name,
                source,
                annotations,
                has_text,
                has_open_document: props.has_open_document,
                other_page,
                onadd,
                onapply,
                onclose,
            })
        }
        Dialog::Reanchoring { done, total, applying } => reanchor_dialog(ReanchorDialogProps {
            done,
            total,
            applying,
            oncancel: Callback::from(move |_| actions.files().cancel()),
        }),
    }
}

/// A callback that does one thing with the actions.
fn on(actions: &Actions, act: impl Fn(&Actions) + 'static) -> Callback<()> {
    let actions = actions.clone();
    Callback::from(move |_| act(&actions))
}
