//! Web pages parsed by an HTML5 parser as the browser parses them for the app.

use redline_core::web_page::{Element, FlatPage, Node};

/// The page as the shell hands it over: parsed as a template's content (so without `<html>`,
/// `<head>` and `<body>` of its own) under one root, the skipped subtrees left out.
pub fn parse(html: &str) -> Element {
    let page = scraper::Html::parse_fragment(html);
    fn convert(node: ego_tree::NodeRef<scraper::Node>) -> Option<Node> {
        match node.value() {
            scraper::Node::Text(text) => Some(Node::Text(text.to_string())),
            scraper::Node::Element(element) => {
                if redline_core::web_page::skips_subtree(element.name(), element.attr("type")) {
                    return None;
                }
                let attributes = element.attrs().map(|(n, v)| (n.to_string(), v.to_string())).collect();
                Some(Node::Element(Element::new(
                    element.name(),
                    attributes,
                    node.children().filter_map(convert).collect(),
                )))
            }
            _ => None,
        }
    }
    match convert(*page.root_element()) {
        Some(Node::Element(root)) => root,
        _ => unreachable!("a document has a root element"),
    }
}

/// The page's nodes written flat, as the shell writes the browser's tree for the files worker.
pub fn flat(root: &Element) -> FlatPage {
    fn write(node: &Node, page: &mut FlatPage) {
        match node {
            Node::Text(text) => page.text(text),
            Node::Element(element) => {
                page.open(&element.name, element.attributes.len());
                for (name, value) in &element.attributes {
                    page.attribute(name.clone(), value.clone());
                }
                let at = page.children_follow();
                element.children.iter().for_each(|child| write(child, page));
                page.close(at, element.children.len());
            }
        }
    }
    let mut page = FlatPage::default();
    root.children.iter().for_each(|child| write(child, &mut page));
    page
}

/// A saved news page: navigation, an advertisement, comments, metadata, and the article.
pub fn fixture_page() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/news-page.html")).unwrap()
}
