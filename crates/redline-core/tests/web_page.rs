//! Reading a web page's article and metadata. Pages are parsed here by an HTML5 parser, as the
//! browser parses them for the app, into the core's element tree.

mod common;

use common::page::{fixture_page as fixture, parse};
use redline_core::web_page::{extract, looks_like_html, web_url, ExtractError};
use redline_core::Metadata;

#[test]
fn a_news_page_gives_exactly_its_article_and_metadata() {
    let extracted = extract(&parse(&fixture())).unwrap();
    assert_eq!(extracted.title, "Kyiv rejects limits on its army");
    assert_eq!(
        extracted.paragraphs,
        [
            "Kyiv rejects limits on its army",
            "President Volodymyr Zelenskyy said on Tuesday that Ukraine will not sign any deal that limits the size of its armed forces.",
            "European allies are starting to talk about what future security arrangements could look like, officials in Brussels said.",
            "A demand from Moscow",
            "The Kremlin repeated its demand that Ukraine pull its troops out of the Donetsk and Luhansk regions before any ceasefire.",
            "“A strong Ukrainian army is the first of our guarantees,” Zelenskyy said.",
            "Talks are expected to resume",
            "in September.",
        ]
    );
    assert_eq!(
        extracted.metadata,
        Metadata {
            url: Some("https://ledger.example/world/2026/kyiv-rejects-army-limits".into()),
            outlet: Some("The Kyiv Ledger".into()),
            author: Some("Olena Marchenko, Tom Avery".into()),
            published: Some("2026-08-19T07:30:00Z".into()),
        }
    );
    assert!(extracted.text().starts_with("Kyiv rejects limits on its army\n\nPresident"));
    // The way back keeps the rest of the page's text.
    assert!(extracted.plain_text.contains("Great article, very informative"));
    assert!(!extracted.plain_text.contains("window.tracker"));
}

#[test]
fn without_a_marked_body_the_article_element_with_most_text_is_taken() {
    let html = fixture().replace(" itemprop=\"articleBody\"", "");
    let extracted = extract(&parse(&html)).unwrap();
    // The article's header is its own: the headline, but not the byline (mostly links; the
    // authors are metadata) or the share bar.
    assert_eq!(extracted.paragraphs[0], "Kyiv rejects limits on its army");
    assert_eq!(extracted.paragraphs.iter().filter(|p| p.as_str() == "Kyiv rejects limits on its army").count(), 1);
    assert!(!extracted.text().contains("Olena"));
    assert!(!extracted.text().contains("Share on X"));
    assert!(!extracted.text().contains("Great article"));
    assert!(!extracted.text().contains("Reporting by the Ledger"), "the article's footer is left out");
    assert!(!extracted.text().contains("Advertisement"));
}

#[test]
fn a_page_of_paragraphs_without_article_or_main_takes_the_parent_of_most_text() {
    let html = "<html><head><title>Plain page</title></head><body>\
        <div class=\"menu\"><p>Home</p><p>About</p></div>\
        <div class=\"content\"><p>First paragraph of the story, long enough to count.</p>\
        <p>Second paragraph of the story, also long enough.</p></div>\
        <div id=\"comments\"><p>A comment that is longer than the others put together, by far, to tempt the picker.</p></div>\
        </body></html>";
    let extracted = extract(&parse(html)).unwrap();
    assert_eq!(extracted.title, "Plain page");
    assert_eq!(
        extracted.paragraphs,
        [
            "Plain page",
            "First paragraph of the story, long enough to count.",
            "Second paragraph of the story, also long enough."
        ]
    );
}

#[test]
fn hostile_and_empty_pages() {
    // A script's or a canonical link's tricks come to nothing; markup in a title is text.
    let html = "<html><head><title>&lt;img src=x onerror=alert(1)&gt; Title</title>\
        <link rel=\"canonical\" href=\"javascript:alert(1)\">\
        <meta property=\"og:url\" content=\"data:text/html,<script>alert(1)</script>\">\
        <meta property=\"og:site_name\" content=\"<b>Outlet</b>\"></head>\
        <body><article><p>Only text.</p></article></body></html>";
    let extracted = extract(&parse(html)).unwrap();
    assert_eq!(extracted.title, "<img src=x onerror=alert(1)> Title");
    assert_eq!(extracted.metadata.url, None);
    assert_eq!(extracted.metadata.outlet.as_deref(), Some("<b>Outlet</b>"));
    assert_eq!(extracted.paragraphs, ["<img src=x onerror=alert(1)> Title", "Only text."]);

    let empty = "<html><head><title>Nothing</title><script>var a = 1;</script></head><body><nav><a href=/>Home</a></nav></body></html>";
    assert_eq!(extract(&parse(empty)), Err(ExtractError::Empty));
}

#[test]
fn a_headline_with_inline_markup_keeps_its_words_whole() {
    let html = "<html><head></head><body><header><h1>Zelensk<b>yy</b> says <em>no</em></h1></header>\
        <article><p>The story, long enough to be the story of the page.</p></article></body></html>";
    let extracted = extract(&parse(html)).unwrap();
    assert_eq!(extracted.title, "Zelenskyy says no");
    assert_eq!(extracted.paragraphs[0], "Zelenskyy says no");
}

#[test]
fn text_with_no_markup_is_its_own_article() {
    // An .html name on a plain text file: the browser puts the text in the body.
    let extracted = extract(&parse("Just a line of text.")).unwrap();
    assert_eq!(extracted.paragraphs, ["Just a line of text."]);
}

#[test]
fn html_is_told_from_text_by_its_start() {
    assert!(looks_like_html(&fixture()));
    assert!(looks_like_html("\u{feff}  <html><body>x</body></html>"));
    assert!(looks_like_html("<p>Pasted paragraph</p><p>Another</p>"));
    assert!(!looks_like_html("President Zelenskyy said <b> is a tag."));
    assert!(!looks_like_html("<3 this article"));
}

#[test]
fn only_absolute_web_addresses_are_kept() {
    assert_eq!(web_url(" https://a.example/x "), Some("https://a.example/x".into()));
    assert_eq!(web_url("HTTP://A.EXAMPLE"), Some("HTTP://A.EXAMPLE".into()));
    for bad in ["javascript:alert(1)", "data:text/html,x", "/relative", "https://", "https://a b", "ftp://x.example"] {
        assert_eq!(web_url(bad), None, "{bad}");
    }
}
