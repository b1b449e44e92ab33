//! A web page's readable article: its title, its paragraphs and headings in order, and what the
//! page says about itself (canonical link, `og:`/`article:` meta tags, JSON-LD `NewsArticle`).
//!
//! The browser parses the page (the shell walks its inert DOM into an [`Element`] tree, skipping
//! what [`skips_subtree`] names); everything decided here (what is navigation, an advertisement or
//! a comment section, which element holds the article, what a paragraph is) is tested natively.

use crate::document::Metadata;
use serde_json::Value;

/// A node of a parsed page: an element or a run of text.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Element(Element),
    Text(String),
}

/// An element with its lower-case name and attributes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Element {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub children: Vec<Node>,
}

impl Element {
    pub fn new(name: &str, attributes: Vec<(String, String)>, children: Vec<Node>) -> Element {
        Element { name: name.to_ascii_lowercase(), attributes, children }
    }

    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|c| match c {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// Every element below this one, depth first, in document order.
    fn descendants(&self) -> Vec<&Element> {
        let mut out = Vec::new();
        let mut stack: Vec<&Element> = self.elements().collect();
        stack.reverse();
        while let Some(element) = stack.pop() {
            out.push(element);
            let before = stack.len();
            stack.extend(element.elements());
            stack[before..].reverse();
        }
        out
    }

    /// The text inside, white space collapsed.
    fn text(&self) -> String {
        let mut out = String::new();
        collect_text(self, &mut out);
        collapse_spaces(&out)
    }

    fn has_class_or_id_token(&self, tokens: &[&str]) -> bool {
        let names = [self.attribute("class").unwrap_or(""), self.attribute("id").unwrap_or("")];
        names.iter().flat_map(|n| n.split(|c: char| c.is_whitespace() || c == '-' || c == '_')).any(|token| {
            let token = token.to_ascii_lowercase();
            tokens.contains(&token.as_str())
        })
    }
}

fn collect_text(element: &Element, out: &mut String) {
    for child in &element.children {
        match child {
            Node::Text(text) => out.push_str(text),
            // Inline elements join their words ("Zelensk<b>yy</b>"); blocks are apart.
            Node::Element(e) if is_block(&e.name) => {
                out.push(' ');
                collect_text(e, out);
                out.push(' ');
            }
            Node::Element(e) => collect_text(e, out),
        }
    }
}

/// A page's tree as a flat list of strings, as the page hands it to the files worker: an element is
/// `<` and its name, its attribute count, each attribute's name and value, its child count, then
/// its children; a run of text is `"` and the text.
#[derive(Debug, Default)]
pub struct FlatPage(Vec<String>);

impl FlatPage {
    /// Opens an element; its attributes follow ([`FlatPage::attribute`]), then
    /// [`FlatPage::children_follow`].
    pub fn open(&mut self, name: &str, attributes: usize) -> &mut Self {
        self.0.push(format!("<{name}"));
        self.0.push(attributes.to_string());
        self
    }

    pub fn attribute(&mut self, name: String, value: String) -> &mut Self {
        self.0.extend([name, value]);
        self
    }

    /// Where the open element's child count goes, once its children are written
    /// ([`FlatPage::close`]).
    pub fn children_follow(&mut self) -> usize {
        self.0.push(String::new());
        self.0.len() - 1
    }

    pub fn close(&mut self, at: usize, children: usize) {
        self.0[at] = children.to_string();
    }

    pub fn text(&mut self, text: &str) {
        self.0.push(format!("\"{text}"));
    }

    pub fn into_strings(self) -> Vec<String> {
        self.0
    }

    /// The tree again, its nodes under one `<html>` root: `None` if the list is not one.
    pub fn read(strings: Vec<String>) -> Option<Element> {
        let mut fields = strings.into_iter();
        let mut children = Vec::new();
        while let Some(node) = read_node(&mut fields, 0) {
            children.push(node?);
        }
        Some(Element::new("html", Vec::new(), children))
    }
}

/// How deep a page's elements may nest (the browser's parser stops at 512).
const MAX_DEPTH: usize = 1024;

/// The next node, `None` at the end, `Some(None)` if the list is not a tree.
fn read_node(fields: &mut impl Iterator<Item = String>, depth: usize) -> Option<Option<Node>> {
    let head = fields.next()?;
    Some((|| {
        if let Some(text) = head.strip_prefix('"') {
            return Some(Node::Text(text.to_string()));
        }
        let name = head.strip_prefix('<')?;
        if depth > MAX_DEPTH {
            return None;
        }
        let count: usize = fields.next()?.parse().ok()?;
        let attributes = (0..count).map(|_| Some((fields.next()?, fields.next()?))).collect::<Option<Vec<_>>>()?;
        let count: usize = fields.next()?.parse().ok()?;
        let children = (0..count).map(|_| read_node(fields, depth + 1).flatten()).collect::<Option<Vec<_>>>()?;
        Some(Node::Element(Element::new(name, attributes, children)))
    })())
}

/// Elements whose content is never article text, skipped by the shell while it walks the page
/// (JSON-LD scripts excepted: they carry metadata).
pub fn skips_subtree(name: &str, script_type: Option<&str>) -> bool {
    match name.to_ascii_lowercase().as_str() {
        "script" => !script_type.is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")),
        "style" | "noscript" | "template" | "svg" | "math" | "iframe" | "object" | "embed" | "canvas" | "video"
        | "audio" | "picture" | "img" | "select" | "textarea" | "input" | "button" => true,
        _ => false,
    }
}

/// Whether a file's name says it is a web page (`.html`, `.htm`, `.xhtml`).
pub fn is_html_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    [".html", ".htm", ".xhtml"].iter().any(|e| name.ends_with(e))
}

/// Whether a text looks like an HTML page rather than plain text (a `.txt` may hold one and an
/// `.html` may hold none).
pub fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    let head: String = start.chars().take(512).collect::<String>().to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<head")
        || head.starts_with("<body")
        || (head.starts_with('<') && (head.contains("<p>") || head.contains("<p ") || head.contains("<article")))
}

/// What was found in a page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extracted {
    pub title: String,
    /// The article's paragraphs and headings, in order, each one line.
    pub paragraphs: Vec<String>,
    pub metadata: Metadata,
    /// All the page's visible text, block by block: the way back when the article was misjudged.
    pub plain_text: String,
}

impl Extracted {
    /// The document text: one paragraph a line, a blank line between.
    pub fn text(&self) -> String {
        self.paragraphs.join("\n\n")
    }
}

/// Why a page gave no article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    #[error("This page has no readable text.")]
    Empty,
}

/// Finds the article in a page (`root` is its `<html>` element).
pub fn extract(root: &Element) -> Result<Extracted, ExtractError> {
    let metadata_source = MetadataSource::read(root);
    let body = root.descendants().into_iter().find(|e| e.name == "body").unwrap_or(root);
    let plain_text = blocks(body, false).join("\n\n");
    let container = article_container(body);
    let mut paragraphs = blocks(container, true);
    if paragraphs.is_empty() {
        paragraphs = blocks(body, true);
    }
    if paragraphs.is_empty() {
        return Err(ExtractError::Empty);
    }
    let headline = |within: &Element| {
        within.descendants().into_iter().find(|e| e.name == "h1").map(|h| clean(&h.text())).filter(|t| !t.is_empty())
    };
    let article_headline = headline(container);
    let first_headline = article_headline.clone().or_else(|| headline(body));
    let title = metadata_source
        .title
        .clone()
        .or_else(|| first_headline.clone())
        .or_else(|| metadata_source.page_title.clone())
        .map(|t| clean(&t))
        .unwrap_or_else(|| crate::text::fit(&paragraphs[0], 80));
    // A headline above the article's body (in the page's header) still heads the text.
    if article_headline.is_none() {
        let heading = first_headline.unwrap_or_else(|| title.clone());
        if paragraphs.first() != Some(&heading) {
            paragraphs.insert(0, heading);
        }
    }
    Ok(Extracted { title, paragraphs, metadata: metadata_source.metadata, plain_text })
}

/// Class and id words that mark a part of the page as not the article.
const NOT_ARTICLE: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "adslot",
    "banner",
    "comment",
    "comments",
    "promo",
    "sponsored",
    "sponsor",
    "share",
    "sharing",
    "social",
    "related",
    "recommended",
    "newsletter",
    "subscribe",
    "cookie",
    "cookies",
    "popup",
    "modal",
    "sidebar",
    "footer",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "outbrain",
    "taboola",
    "disqus",
    "widget",
    "masthead",
    "paywall",
];

/// Roles that mark a part of the page as not the article.
const NOT_ARTICLE_ROLES: &[&str] =
    &["navigation", "banner", "complementary", "contentinfo", "search", "dialog", "alertdialog", "menu", "menubar"];

/// Whether an element (and everything in it) is left out of the article.
fn left_out(element: &Element, inside_article: bool) -> bool {
    let name = element.name.as_str();
    if skips_subtree(name, element.attribute("type")) || name == "script" {
        return true;
    }
    if matches!(name, "nav" | "aside" | "form" | "dialog" | "figure" | "footer") {
        return true;
    }
    // A page's header holds its navigation; an article's header holds its headline.
    if name == "header" && !inside_article {
        return true;
    }
    if element.attribute("hidden").is_some() || element.attribute("aria-hidden").is_some_and(|v| v.trim() == "true") {
        return true;
    }
    if element.attribute("role").is_some_and(|r| NOT_ARTICLE_ROLES.contains(&r.trim().to_ascii_lowercase().as_str())) {
        return true;
    }
    // The article element itself may carry such a word ("article-share-enabled"); its parts are judged.
    name != "article" && name != "main" && name != "body" && element.has_class_or_id_token(NOT_ARTICLE)
}

/// The element that holds the article: one marked as its body, else the `<article>` with the
/// most paragraph text, else `<main>`, else the element whose paragraphs hold the most text.
fn article_container(body: &Element) -> &Element {
    let all = body.descendants();
    let marked = all.iter().find(|e| {
        e.attribute("itemprop").is_some_and(|p| p.split_whitespace().any(|w| w == "articleBody"))
            && !blocks(e, true).is_empty()
    });
    if let Some(marked) = marked {
        return marked;
    }
    if let Some(article) = most_text(all.iter().copied().filter(|e| e.name == "article")) {
        return article;
    }
    if let Some(main) =
        most_text(all.iter().copied().filter(|e| e.name == "main" || e.attribute("role") == Some("main")))
    {
        return main;
    }
    // The parent of the most paragraph text.
    let best = all
        .iter()
        .filter(|e| !left_out(e, false))
        .map(|e| {
            let direct: usize = e.elements().filter(|c| c.name == "p").map(|p| p.text().chars().count()).sum();
            (direct, *e)
        })
        .filter(|(chars, _)| *chars > 0)
        .max_by_key(|(chars, _)| *chars);
    best.map(|(_, e)| e).unwrap_or(body)
}

/// Of some elements, the one whose article text (its lines, parts left out) is longest.
fn most_text<'a>(candidates: impl Iterator<Item = &'a Element>) -> Option<&'a Element> {
    candidates
        .map(|e| (blocks(e, true).iter().map(|line| line.chars().count()).sum::<usize>(), e))
        .filter(|(chars, _)| *chars > 0)
        .max_by_key(|(chars, _)| *chars)
        .map(|(_, e)| e)
}

/// Elements that begin and end a line of text.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "br"
            | "dd"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hr"
            | "li"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
            | "body"
            | "html"
            | "caption"
    )
}

/// The lines of text in an element, one per block; with `prune`, the parts that are not the
/// article (navigation, advertisements, comments, ...) and lines that are mostly links are
/// left out.
fn blocks(element: &Element, prune: bool) -> Vec<String> {
    let mut walk = BlockWalk { prune, lines: Vec::new(), line: String::new(), linked: 0 };
    walk.element(element, false, false);
    walk.flush();
    walk.lines
}

struct BlockWalk {
    prune: bool,
    lines: Vec<String>,
    line: String,
    /// Characters of the current line inside links.
    linked: usize,
}

impl BlockWalk {
    fn element(&mut self, element: &Element, inside_article: bool, in_link: bool) {
        if element.name == "head" || element.name == "title" || element.name == "script" {
            return;
        }
        if self.prune && left_out(element, inside_article) {
            return;
        }
        if !self.prune && skips_subtree(&element.name, element.attribute("type")) {
            return;
        }
        let block = is_block(&element.name);
        if block {
            self.flush();
        }
        let inside_article = inside_article || element.name == "article" || element.name == "main";
        let in_link = in_link || element.name == "a";
        for child in &element.children {
            match child {
                Node::Text(text) => {
                    let before = self.line.chars().count();
                    self.line.push_str(text);
                    if in_link {
                        self.linked += self.line.chars().count() - before;
                    }
                }
                Node::Element(e) => self.element(e, inside_article, in_link),
            }
        }
        if block {
            self.flush();
        }
    }

    fn flush(&mut self) {
        let line = clean(&self.line);
        let total = line.chars().count();
        // A line of links (a "read more" list, tags, a share bar) is not the article's.
        let mostly_links = self.prune && total < 200 && self.linked * 2 > total;
        if !line.is_empty() && !mostly_links {
            self.lines.push(line);
        }
        self.line.clear();
        self.linked = 0;
    }
}

/// White space collapsed to single spaces, trimmed.
fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text fit to keep: control characters dropped, white space collapsed.
fn clean(text: &str) -> String {
    let kept: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    collapse_spaces(&kept)
}

/// The longest metadata value kept; anything longer is cut.
const METADATA_CHARS: usize = 500;

fn metadata_value(text: &str) -> Option<String> {
    let text = clean(text);
    (!text.is_empty()).then(|| text.chars().take(METADATA_CHARS).collect())
}

/// A URL the document may link to: absolute `http` or `https`, nothing else (`javascript:`,
/// `data:` and relative links are refused).
pub fn web_url(raw: &str) -> Option<String> {
    let url = raw.trim();
    let lower = url.to_ascii_lowercase();
    let host = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    let ok = host.is_some_and(|h| !h.is_empty() && !h.starts_with('/'))
        && url.len() <= 2048
        && !url.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>');
    ok.then(|| url.to_string())
}

/// What a page says about itself, gathered from its head and JSON-LD.
struct MetadataSource {
    title: Option<String>,
    page_title: Option<String>,
    metadata: Metadata,
}

impl MetadataSource {
    fn read(root: &Element) -> MetadataSource {
        let all = root.descendants();
        let meta = |key: &str| {
            all.iter()
                .filter(|e| e.name == "meta")
                .find(|e| {
                    [e.attribute("property"), e.attribute("name")]
                        .into_iter()
                        .flatten()
                        .any(|k| k.trim().eq_ignore_ascii_case(key))
                })
                .and_then(|e| e.attribute("content"))
                .and_then(metadata_value)
        };
        let canonical = all
            .iter()
            .filter(|e| e.name == "link")
            .find(|e| {
                e.attribute("rel").is_some_and(|r| r.split_whitespace().any(|w| w.eq_ignore_ascii_case("canonical")))
            })
            .and_then(|e| e.attribute("href"))
            .and_then(web_url);
        let linked_data: Vec<Value> = all
            .iter()
            .filter(|e| e.name == "script")
            .filter_map(|e| serde_json::from_str::<Value>(&e.text()).ok())
            .flat_map(news_articles)
            .collect();
        let from_linked_data = |field: fn(&Value) -> Option<String>| linked_data.iter().find_map(field);
        let page_title = all.iter().find(|e| e.name == "title").and_then(|e| metadata_value(&e.text()));
        let metadata = Metadata {
            url: canonical
                .or_else(|| meta("og:url").and_then(|u| web_url(&u)))
                .or_else(|| from_linked_data(|v| string_at(v, &["url"]).and_then(|u| web_url(&u)))),
            outlet: meta("og:site_name")
                .or_else(|| from_linked_data(|v| v.get("publisher").and_then(|p| string_at(p, &["name"])))),
            author: from_linked_data(|v| v.get("author").and_then(names))
                .or_else(|| meta("author"))
                .or_else(|| meta("article:author").filter(|a| web_url(a).is_none())),
            published: meta("article:published_time")
                .or_else(|| from_linked_data(|v| string_at(v, &["datePublished"])))
                .or_else(|| {
                    all.iter().find(|e| e.name == "time").and_then(|e| e.attribute("datetime")).and_then(metadata_value)
                }),
        };
        let title = from_linked_data(|v| string_at(v, &["headline"])).or_else(|| meta("og:title"));
        MetadataSource { title, page_title, metadata }
    }
}

/// The objects of a JSON-LD block that describe an article (in a list, a `@graph`, or alone).
fn news_articles(value: Value) -> Vec<Value> {
    match value {
        Value::Array(items) => items.into_iter().flat_map(news_articles).collect(),
        Value::Object(mut object) => {
            if let Some(graph) = object.remove("@graph") {
                return news_articles(graph);
            }
            let is_article = |t: &Value| t.as_str().is_some_and(|t| t.ends_with("Article") || t == "Report");
            let typed = match object.get("@type") {
                Some(Value::Array(types)) => types.iter().any(is_article),
                Some(t) => is_article(t),
                None => false,
            };
            if typed {
                vec![Value::Object(object)]
            } else {
                Vec::new()
            }
        }
        _ => Vec::new(),
    }
}

fn string_at(value: &Value, path: &[&str]) -> Option<String> {
    let mut at = value;
    for key in path {
        at = at.get(key)?;
    }
    match at {
        Value::String(s) => metadata_value(s),
        Value::Object(_) => string_at(at, &["@id"]),
        _ => None,
    }
}

/// A JSON-LD author: a name, a person, or a list of them.
fn names(value: &Value) -> Option<String> {
    let one = |v: &Value| match v {
        Value::String(s) => metadata_value(s),
        Value::Object(_) => string_at(v, &["name"]),
        _ => None,
    };
    match value {
        Value::Array(items) => {
            let all: Vec<String> = items.iter().filter_map(one).collect();
            metadata_value(&all.join(", "))
        }
        other => one(other),
    }
}
