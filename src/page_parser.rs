//! A web page parsed by the browser's own HTML parser into the content of a `<template>`: inert
//! (no script runs, nothing loads, no style applies, so the page's policy is never asked) and
//! never part of the page. It is walked into the core's flat form of a page's tree
//! ([`FlatPage`]), which the files worker reads to find the article
//! ([`redline_core::web_page::extract`]).

use redline_core::web_page::{self, FlatPage};
use wasm_bindgen::JsCast;
use web_sys::HtmlTemplateElement;

/// The page's nodes, flat (a template holds no `<html>`, `<head>` or `<body>` of its own, only
/// what they held).
pub fn parse(html: &str) -> Result<FlatPage, String> {
    let template = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("template").ok())
        .and_then(|e| e.dyn_into::<HtmlTemplateElement>().ok())
        .ok_or_else(|| "this browser cannot parse HTML".to_string())?;
    template.set_inner_html(html);
    let mut page = FlatPage::default();
    let nodes = template.content().child_nodes();
    for node in (0..nodes.length()).filter_map(|i| nodes.item(i)) {
        write(&node, &mut page);
    }
    Ok(page)
}

/// Writes `node` (unless the article cannot be in it); whether it was written.
fn write(node: &web_sys::Node, page: &mut FlatPage) -> bool {
    match node.node_type() {
        web_sys::Node::TEXT_NODE | web_sys::Node::CDATA_SECTION_NODE => {
            page.text(&node.text_content().unwrap_or_default());
            true
        }
        web_sys::Node::ELEMENT_NODE => {
            let Some(element) = node.dyn_ref::<web_sys::Element>() else { return false };
            let name = element.local_name();
            if web_page::skips_subtree(&name, element.get_attribute("type").as_deref()) {
                return false;
            }
            let list = element.attributes();
            page.open(&name, list.length() as usize);
            for attribute in (0..list.length()).filter_map(|i| list.item(i)) {
                page.attribute(attribute.name(), attribute.value());
            }
            let at = page.children_follow();
            let nodes = node.child_nodes();
            let written = (0..nodes.length()).filter_map(|i| nodes.item(i)).filter(|n| write(n, page)).count();
            page.close(at, written);
            true
        }
        _ => false,
    }
}
