//! A web page parsed by the browser's own HTML parser into the content of a `<template>`: inert
//! (no script runs, nothing loads, no style applies, so the page's policy is never asked) and
//! never part of the page. It is walked into the core's element tree, where the article is found
//! ([`redline_core::web_page::extract`]).

use redline_core::web_page::{self, Element, Node};
use wasm_bindgen::JsCast;
use web_sys::HtmlTemplateElement;

/// The page as the core's tree: its elements under one root (a template holds no `<html>`,
/// `<head>` or `<body>` of its own, only what they held).
pub fn parse(html: &str) -> Result<Element, String> {
    let template = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("template").ok())
        .and_then(|e| e.dyn_into::<HtmlTemplateElement>().ok())
        .ok_or_else(|| "this browser cannot parse HTML".to_string())?;
    template.set_inner_html(html);
    let nodes = template.content().child_nodes();
    let children = (0..nodes.length()).filter_map(|i| nodes.item(i)).filter_map(|n| convert(&n)).collect();
    Ok(Element::new("html", Vec::new(), children))
}

fn convert(node: &web_sys::Node) -> Option<Node> {
    match node.node_type() {
        web_sys::Node::TEXT_NODE | web_sys::Node::CDATA_SECTION_NODE => node.text_content().map(Node::Text),
        web_sys::Node::ELEMENT_NODE => {
            let element = node.dyn_ref::<web_sys::Element>()?;
            let name = element.local_name();
            if web_page::skips_subtree(&name, element.get_attribute("type").as_deref()) {
                return None;
            }
            let list = element.attributes();
            let attributes = (0..list.length()).filter_map(|i| list.item(i)).map(|a| (a.name(), a.value())).collect();
            let nodes = node.child_nodes();
            let children = (0..nodes.length()).filter_map(|i| nodes.item(i)).filter_map(|n| convert(&n)).collect();
            Some(Node::Element(Element::new(&name, attributes, children)))
        }
        _ => None,
    }
}
