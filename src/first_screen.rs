//! The first screen kept for the next start (`redline_core::schema::FIRST_SCREEN_KEY`): a copy
//! of the page's layout as drawn, which `index.html` puts under its static top bar before the
//! wasm arrives, so that a returning user's article and highlights are on the first paint. The
//! copy is what the app draws on its first frame: the document list, the title and the
//! article's first paragraphs with their highlights, none selected; the sidebar empty (the app
//! fills it without moving the article); no `data-testid`, which only the app's parts carry.

use crate::storage::Storage;
use redline_core::schema;
use redline_core::DocumentId;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// Forgets the copy: called the moment what it shows changes, so that a copy still there is
/// current (a page closed before [`keep`] leaves none, and the next start shows the bar alone).
pub fn forget(storage: &Storage) {
    storage.remove(schema::FIRST_SCREEN_KEY);
}

/// Keeps a copy of the page as drawn around `article`, the open document's. A copy that cannot
/// be kept (no room) is forgotten: it is never worth the user's data.
pub fn keep(storage: &Storage, article: Option<Element>, document: Option<&DocumentId>) {
    let copy = article.as_ref().zip(document).and_then(|(article, document)| {
        Some(schema::encode_first_screen(document, &release(), &layout_copy(article)?))
    });
    if copy.is_none_or(|copy| storage.set(schema::FIRST_SCREEN_KEY, &copy).is_err()) {
        forget(storage);
    }
}

/// The running release, as `index.html` names it: the address of the app's script, which
/// carries a hash of the build.
fn release() -> String {
    let script = gloo::utils::document().query_selector("link[rel=modulepreload]").ok().flatten();
    script.and_then(|link| link.get_attribute("href")).unwrap_or_default()
}

/// The `.layout` around `article`: the document list and the article pane (title and kept
/// paragraphs) copied, the sidebar and anything over the article (the map) left out.
fn layout_copy(article: &Element) -> Option<String> {
    let pane = article.closest(".article-pane").ok()??;
    let reader = pane.parent_element()?;
    let layout = reader.parent_element()?;
    let copy = shallow(&layout)?;
    for part in children(&layout) {
        let part_copy = if part == reader {
            let reader_copy = shallow(&reader)?;
            let pane_copy = shallow(&pane)?;
            pane_copy.remove_attribute("hidden").ok()?;
            for child in children(&pane) {
                let child_copy = if child == *article { article_copy(article)? } else { deep(&child)? };
                pane_copy.append_child(&child_copy).ok()?;
            }
            reader_copy.append_child(&pane_copy).ok()?;
            reader_copy
        } else if part.tag_name().eq_ignore_ascii_case("aside") {
            shallow(&part)?
        } else {
            deep(&part)?
        };
        copy.append_child(&part_copy).ok()?;
    }
    // Nothing is selected or flashing when the app starts.
    for mark in all(&copy, "mark")? {
        mark.class_list().remove_3("is-selected", "is-related", "flash").ok()?;
    }
    // Scripts that wait for the app's parts by test id never find the copy.
    for tagged in all(&copy, "[data-testid]")? {
        tagged.remove_attribute("data-testid").ok()?;
    }
    Some(copy.outer_html())
}

fn all(root: &Element, selector: &str) -> Option<impl Iterator<Item = Element>> {
    let found = root.query_selector_all(selector).ok()?;
    Some((0..found.length()).filter_map(move |i| found.get(i)?.dyn_into().ok()))
}

/// The article with the paragraphs the copy keeps ([`schema::keeps_paragraph_ending_at`]), read
/// in order up to the last kept (a long report has thousands after it).
fn article_copy(article: &Element) -> Option<Element> {
    let copy = shallow(article)?;
    let ends_in_copy = |p: &Element| {
        p.get_attribute("data-end").and_then(|end| end.parse().ok()).is_some_and(schema::keeps_paragraph_ending_at)
    };
    for paragraph in children(article).take_while(ends_in_copy) {
        let paragraph_copy = deep(&paragraph)?;
        copy.append_child(&paragraph_copy).ok()?;
    }
    Some(copy)
}

fn children(element: &Element) -> impl Iterator<Item = Element> {
    std::iter::successors(element.first_element_child(), Element::next_element_sibling)
}

fn shallow(element: &Element) -> Option<Element> {
    element.clone_node().ok()?.dyn_into().ok()
}

fn deep(element: &Element) -> Option<Element> {
    element.clone_node_with_deep(true).ok()?.dyn_into().ok()
}
