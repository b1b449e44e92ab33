//! DOM selection ↔ document offsets. Every rendered piece of the article carries `data-start`
//! (its first code point in the document) and each `<p>` also `data-end`, so a selection
//! boundary (a node and a UTF-16 offset in it) maps to a code point through the core.

use redline_core::offset::utf16_to_char;
use redline_core::{CharOffset, DocumentText, Span, Utf16Offset};
use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

/// The current selection, if it lies (at least partly) in `article`, as a document span:
/// trimmed and snapped to grapheme clusters (the browser's) by the core.
pub fn selected_span(article: &Element, text: &DocumentText) -> Option<Span> {
    let selection = web_sys::window()?.get_selection().ok()??;
    if selection.is_collapsed() || selection.range_count() == 0 {
        return None;
    }
    let range = selection.get_range_at(0).ok()?;
    let start = boundary(article, &range.start_container().ok()?, range.start_offset().ok()?, text)?;
    let end = boundary(article, &range.end_container().ok()?, range.end_offset().ok()?, text)?;
    if start == end {
        return None;
    }
    text.snap_selection_with(start, end, crate::graphemes::starts)
}

/// Clears the page's text selection (after it became an annotation).
pub fn clear_selection() {
    if let Some(selection) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) {
        selection.remove_all_ranges().ok();
    }
}

/// The code point a selection boundary stands at. Boundaries outside the article clamp to its
/// start or end.
fn boundary(article: &Element, node: &Node, offset: u32, text: &DocumentText) -> Option<CharOffset> {
    let article_node: &Node = article.as_ref();
    if !article_node.contains(Some(node)) {
        let position = node.compare_document_position(article_node);
        return if position & Node::DOCUMENT_POSITION_FOLLOWING != 0 {
            Some(CharOffset(0))
        } else {
            Some(text.len_chars())
        };
    }
    if node.node_type() == Node::TEXT_NODE {
        let start = node.parent_element().and_then(|parent| data_offset(&parent, "data-start"))?;
        let content = node.text_content().unwrap_or_default();
        let within = utf16_to_char(&content, Utf16Offset(offset as usize)).ok()?;
        return Some(CharOffset(start + within.0));
    }
    let element: &Element = node.dyn_ref()?;
    let children = node.child_nodes();
    if let Some(child) = children.get(offset) {
        return start_of(&child);
    }
    // After the last child: the end of this element.
    if let Some(end) = data_offset(element, "data-end") {
        return Some(CharOffset(end));
    }
    if node.is_same_node(Some(article_node)) {
        return Some(text.len_chars());
    }
    let start = data_offset(element, "data-start")?;
    let chars = element.text_content().unwrap_or_default().chars().count();
    Some(CharOffset(start + chars))
}

/// The first code point of a node: its own `data-start`, or its parent's for a text node.
fn start_of(node: &Node) -> Option<CharOffset> {
    match node.dyn_ref::<Element>() {
        Some(element) => match data_offset(element, "data-start") {
            Some(start) => Some(CharOffset(start)),
            None => element.first_child().and_then(|child| start_of(&child)),
        },
        None => node.parent_element().and_then(|p| data_offset(&p, "data-start")).map(CharOffset),
    }
}

fn data_offset(element: &Element, name: &str) -> Option<usize> {
    element.get_attribute(name)?.parse().ok()
}

/// Extends the selection by keyboard (Shift+arrows in the article), starting a caret at the
/// article's first character when there is no selection in it yet.
pub fn extend_selection(article: &Element, forward: bool, by_word: bool) -> bool {
    let Some(selection) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) else {
        return false;
    };
    let inside = selection.anchor_node().is_some_and(|n| AsRef::<Node>::as_ref(article).contains(Some(&n)));
    if !inside {
        let first_text = first_text_node(article.as_ref());
        let Some(first_text) = first_text else {
            return false;
        };
        if selection.collapse_with_offset(Some(&first_text), 0).is_err() {
            return false;
        }
    }
    let direction = if forward { "forward" } else { "backward" };
    let granularity = if by_word { "word" } else { "character" };
    selection.modify("extend", direction, granularity).is_ok()
}

fn first_text_node(node: &Node) -> Option<Node> {
    if node.node_type() == Node::TEXT_NODE {
        return Some(node.clone());
    }
    let children = node.child_nodes();
    (0..children.length()).filter_map(|i| children.get(i)).find_map(|child| first_text_node(&child))
}

/// Scrolls the first mark of an annotation into view and flashes it.
pub fn scroll_to_annotation(article: &Element, id: &str) {
    let Ok(marks) = article.query_selector_all("mark[data-ids]") else {
        return;
    };
    let found = (0..marks.length())
        .filter_map(|i| marks.get(i))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .find(|mark| mark.get_attribute("data-ids").is_some_and(|ids| ids.split(' ').any(|x| x == id)));
    let Some(mark) = found else { return };
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    options.set_behavior(web_sys::ScrollBehavior::Smooth);
    mark.scroll_into_view_with_scroll_into_view_options(&options);
    let list = mark.class_list();
    list.remove_1("flash").ok();
    // Reading layout restarts the animation when the same mark flashes twice.
    let _ = mark.dyn_ref::<web_sys::HtmlElement>().map(|m| m.offset_width());
    list.add_1("flash").ok();
}
