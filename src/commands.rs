//! What the app's buttons, drops and notices do beyond one store message: files in and out,
//! exports and deleting a document. Each takes the page's [`Actions`] for the state and to
//! report back.

use crate::actions::{Actions, FileWorkNotice};
use crate::page_parser;
use crate::storage::Storage;
use crate::store::{Dialog, Msg};
use crate::tasks::next_frame;
use crate::{files, now};
use redline_core::formats::{self, w3c, ExportFormat};
use redline_core::{order, web_page};
use redline_core::{Document, DocumentId, DocumentText};
use std::rc::Rc;

/// Downloads what is kept under backup keys: one value as it was, several as a JSON object.
pub fn download_backups(storage: &Storage) -> Result<(), String> {
    let backups = storage.backups();
    match backups.as_slice() {
        [] => Err("no unreadable data is kept".into()),
        [(key, raw)] => files::download(&format!("{}.json", key.replace(':', "-")), "application/json", raw),
        many => {
            let map = order::map_of(many.iter().map(|(k, v)| (k.clone(), v.clone())));
            let json = serde_json::to_string_pretty(&map).map_err(|e| e.to_string())?;
            files::download("redline-backup.json", "application/json", &json)
        }
    }
}

/// Writes the document's export in the files worker and downloads its files.
pub fn export_document(actions: &Actions, format: ExportFormat) {
    let Some(document) = actions.state().document.clone() else {
        return;
    };
    let actions = actions.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let name = format.file_name(document.title());
        let _writing = announce(&actions, document.text().as_str().len(), format!("Writing {name}…"));
        let written = actions.files().export(&actions, format, &document).await;
        let downloaded =
            written.and_then(|written| written.iter().try_for_each(|(name, blob)| files::download_blob(name, blob)));
        if let Err(error) = downloaded {
            actions.alert(format!("Could not export: {error}"));
        }
    });
}

/// Copies the W3C export to the clipboard.
pub fn copy_json(actions: &Actions) {
    let Some(document) = actions.state().document.clone() else {
        return;
    };
    // Asked before the export is written, while the click counts.
    let clipboard = files::PendingClipboard::ask();
    let actions = actions.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let _writing = announce(&actions, document.text().as_str().len(), "Writing the JSON export…".into());
        let copied = match clipboard {
            Ok(clipboard) => copy_export(&actions, &document, clipboard).await,
            Err(error) => Err(error),
        };
        match copied {
            Ok(()) => actions.status("Copied the JSON export to the clipboard."),
            Err(error) => actions.alert(format!("Could not copy to the clipboard: {error}")),
        }
    });
}

async fn copy_export(actions: &Actions, document: &Document, clipboard: files::PendingClipboard) -> Result<(), String> {
    let written = actions.files().export(actions, ExportFormat::W3cJson, document).await;
    match written.as_deref().map(<[_]>::first) {
        Ok(Some((_, blob))) => clipboard.give(blob).await,
        Ok(None) => {
            clipboard.withdraw();
            Err("nothing was written".into())
        }
        Err(error) => {
            clipboard.withdraw();
            Err(error.clone())
        }
    }
}

/// Opens a text as a document: the stored one if the same text is already kept.
pub fn open_text(actions: &Actions, title: String, text: DocumentText) {
    open_document(actions, Document::new(title, text));
}

/// Opens a new document: the stored one instead if the same text is already kept.
pub fn open_document(actions: &Actions, document: Document) {
    if is_blank(&document) {
        actions.alert("That article is empty.".into());
        return;
    }
    let state = actions.state();
    let id = document.id();
    if state.open_id() == Some(id) {
        let title = state.library.entry(id).map_or(document.title(), |e| &e.title);
        actions.status(format!("“{title}” is already open."));
        return;
    }
    if let Some(entry) = state.library.entry(id) {
        if let Ok((document, _)) = actions.persistence().storage().load_document(entry) {
            actions.dispatch(Msg::Open { document, at: now() });
            return;
        }
    }
    actions.dispatch(Msg::Open { document, at: now() });
}

fn is_blank(document: &Document) -> bool {
    document.text().as_str().trim().is_empty()
}

/// Finds the article in a web page (in the files worker) and shows it for the user to keep (or
/// keep the plain text). A pasted page comes with its plain text (what "Use plain text" keeps)
/// and perhaps a title the user gave. Whether the article is shown.
pub async fn open_page(actions: &Actions, source: String, html: &str, pasted: Option<(String, String)>) -> bool {
    let named = if pasted.is_some() { source.clone() } else { format!("the web page {source}") };
    let _reading = announce(actions, html.len(), format!("Reading {named}…"));
    if html.len() > LARGE_FILE_BYTES {
        // The browser's parse of a large page holds the page's thread: the notice is painted first.
        next_frame().await;
    }
    let extracted = match page_parser::parse(html) {
        Ok(page) => actions.files().read_page(actions, page.into_strings()).await,
        Err(error) => Err(error),
    };
    let (title, plain_text) = pasted.map_or((None, None), |(title, text)| (Some(title), Some(text)));
    match extracted {
        Ok(mut extracted) => {
            if let Some(plain_text) = plain_text {
                extracted.plain_text = plain_text;
            }
            if let Some(title) = title.filter(|t| !t.trim().is_empty()) {
                extracted.title = title.trim().to_string();
            }
            actions.show(Dialog::ArticlePreview { extracted: Rc::new(extracted), source });
            true
        }
        Err(error) => {
            match plain_text {
                // Pasted content whose markup holds no article is still its text.
                Some(text) => {
                    let title = title.filter(|t| !t.trim().is_empty()).unwrap_or_else(|| first_words(&text));
                    open_text(actions, title.trim().to_string(), DocumentText::new(&text))
                }
                None => actions.alert(format!("Could not open {source}: {error} Nothing was changed.")),
            }
            false
        }
    }
}

/// From this size on, reading a file takes a moment (a web page's parse about 2.5 s for 10 MB,
/// on the page's thread): it is announced before it starts.
const LARGE_FILE_BYTES: usize = 1024 * 1024;

/// How long the files worker's code may take to arrive before the wait is announced: it usually
/// takes less.
const CODE_WAIT_NOTICE_MS: u32 = 300;

/// Says `notice` ("Reading …", "Writing …") while `bytes` are read or written, when that takes a
/// moment: at once for a large file (its reading may hold the page's thread, so the notice must
/// come first), and while the files worker's code arrives, if it has not within
/// [`CODE_WAIT_NOTICE_MS`]. The notice lasts as long as what is returned.
fn announce(actions: &Actions, bytes: usize, notice: String) -> Option<FileWorkNotice> {
    if bytes > LARGE_FILE_BYTES {
        Some(actions.file_work(notice, 0))
    } else if !actions.files().is_running() {
        Some(actions.file_work(notice, CODE_WAIT_NOTICE_MS))
    } else {
        None
    }
}

/// Reads a chosen or dropped file: an import (`as_import`) or an article.
pub fn read_file(actions: Actions, file: web_sys::File, as_import: bool) {
    let name = file.name();
    if as_import && file.size() > w3c::MAX_IMPORT_BYTES as f64 {
        let megabytes = w3c::MAX_IMPORT_BYTES / (1024 * 1024);
        actions.alert(format!("Could not import {name}: the file is larger than {megabytes} MB."));
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let raw = match files::read_text(&file).await {
            Ok(raw) => raw,
            Err(error) => return actions.alert(format!("Could not read {name}: {error}")),
        };
        if !as_import && (web_page::is_html_name(&name) || web_page::looks_like_html(&raw)) {
            if open_page(&actions, name.clone(), &raw, None).await && raw.len() > LARGE_FILE_BYTES {
                actions.status(format!("Read the web page {name}."));
            }
            return;
        }
        if !as_import {
            let title = name.rsplit_once('.').map_or(name.as_str(), |(stem, _)| stem).to_string();
            // Indexing a long text, storing it and drawing its start are three frames' work,
            // not one.
            let document = Document::new(title, DocumentText::new(&raw));
            if !is_blank(&document) {
                next_frame().await;
                actions.persistence().store_text_ahead(&document);
            }
            next_frame().await;
            return open_document(&actions, document);
        }
        let _reading = announce(&actions, raw.len(), format!("Reading {name}…"));
        // The open text goes to the worker only for a file read on it (a long one is megabytes).
        let open = actions.state().document.clone().filter(|_| formats::reads_on_open_text(&name));
        let imported = actions.files().import(&actions, &name, raw, open.as_ref().map(|d| d.text())).await;
        let imported = match imported {
            Ok(imported) => Rc::new(imported),
            Err(error) => return actions.alert(format!("Could not import {name}: {error}. Nothing was changed.")),
        };
        // The file's text may be another stored document: open that one, then merge into it.
        if let Some(id) = imported.text.as_ref().map(|t| t.id()) {
            let state = actions.state();
            if let Some(entry) = state.library.entry(id).filter(|_| state.open_id() != Some(id)) {
                if let Ok((document, _)) = actions.persistence().storage().load_document(entry) {
                    actions.dispatch(Msg::Open { document, at: now() });
                }
            }
        }
        actions.dispatch(Msg::Import { imported, file_name: name });
    });
}

/// Deletes a document from the library and from storage; it stays in memory until the deletion
/// is undone (which writes it back) or the page is left.
pub fn delete_document(actions: &Actions, id: &DocumentId) {
    let state = actions.state();
    let storage = actions.persistence().storage();
    let document = match state.document.as_ref().filter(|d| d.id() == id) {
        Some(open) => Some((**open).clone()),
        None => state.library.entry(id).and_then(|e| storage.load_document(e).ok()).map(|(d, _)| d),
    };
    let Some(document) = document else {
        actions.alert("That document could not be read, so it was not deleted.".into());
        return;
    };
    storage.remove_document(id);
    actions.persistence().forget_text(id);
    actions.dispatch(Msg::Delete { id: id.clone(), document });
}

/// A title from the first words of a pasted text.
pub fn first_words(text: &str) -> String {
    let title = DocumentText::new(text).first_words(8);
    if title.is_empty() {
        "Pasted article".to_string()
    } else {
        title
    }
}
