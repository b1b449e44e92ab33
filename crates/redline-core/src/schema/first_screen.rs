//! The first screen kept for the next start: the open document's title, text and highlights as
//! the app last drew them, which `index.html` shows before the wasm arrives. A copy for speed,
//! never a record of the user's work: the app forgets it the moment the document or the list
//! changes and keeps a new one once the page settles, so a copy that is there is current.

use crate::text::DocumentId;
use serde::Serialize;

/// Where the copy is kept (read by the inline script in `index.html`).
pub const FIRST_SCREEN_KEY: &str = "redline:first-screen";

/// The copy's shape; `index.html` shows only this version.
pub const FIRST_SCREEN_VERSION: u64 = 2;

/// How much of the article the copy holds, in code points: an ordinary article whole (most are a
/// few thousand), a long report's beginning, which is all its first screen shows.
pub const FIRST_SCREEN_CHARS: usize = 32_768;

/// Whether the copy holds a paragraph that ends `end` code points into the text: it holds whole
/// paragraphs, in order, up to [`FIRST_SCREEN_CHARS`].
pub fn keeps_paragraph_ending_at(end: usize) -> bool {
    end <= FIRST_SCREEN_CHARS
}

#[derive(Serialize)]
struct FirstScreen<'a> {
    version: u64,
    /// The release that drew it (its script's address, which names the build): a copy from
    /// another release may be laid out otherwise than this one draws, so `index.html` shows a
    /// copy only to the release that kept it.
    release: &'a str,
    /// The document the copy shows: `index.html` shows it only while it is the one the app
    /// opens (the list's `open`).
    document: &'a str,
    /// The page's layout as drawn, its article cut after the last paragraph kept.
    html: &'a str,
}

pub fn encode_first_screen(document: &DocumentId, release: &str, html: &str) -> String {
    super::json(&FirstScreen { version: FIRST_SCREEN_VERSION, release, document: document.as_str(), html })
}
