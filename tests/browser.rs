//! Browser glue on real nodes, in headless Chromium: DOM selection ↔ offsets on the article's own
//! markup, and storage round trips. Run with `cargo test --target wasm32-unknown-unknown --test browser`.
#![cfg(target_arch = "wasm32")]

use redline_annotator::components::paragraph::markup;
use redline_annotator::dom;
use redline_annotator::storage::Storage;
use redline_core::schema::{self, LibraryEntry};
use redline_core::segment::{covering_by_paragraph, segment_range};
use redline_core::{Action, Annotation, AnnotationId, CharOffset, Document, DocumentText, Label, Timestamp};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const TEXT: &str = "Kyiv 😀 will not cede e\u{301}tude land.\nالسلام said 乌克兰 today.";

/// Renders `TEXT` as the app does (a `<p data-start data-end>` per paragraph holding its runs from
/// `paragraph::markup`), with "not cede" and "乌克兰" marked: each a plain run, a mark, a plain run.
fn article() -> web_sys::Element {
    let text = DocumentText::new(TEXT);
    let marked = ["not cede", "乌克兰"].map(|quote| {
        let start = text.as_str().find(quote).unwrap();
        let start = text.as_str()[..start].chars().count();
        let span = text.span(CharOffset(start), CharOffset(start + quote.chars().count())).unwrap();
        Annotation::new(AnnotationId::from_random_bytes([start as u8; 16]), Label::Claim, &text, span, Timestamp(1))
    });
    let paragraphs = text.paragraphs();
    let covering = covering_by_paragraph(&paragraphs, &marked);
    let document = gloo::utils::document();
    let article = document.create_element("article").unwrap();
    for (range, covering) in paragraphs.iter().zip(covering) {
        let p = document.create_element("p").unwrap();
        p.set_attribute("data-start", &range.start.get().to_string()).unwrap();
        p.set_attribute("data-end", &range.end.get().to_string()).unwrap();
        p.set_inner_html(&markup(&text, &segment_range(&text, range.clone(), covering), None, &[]));
        article.append_child(&p).unwrap();
    }
    document.body().unwrap().append_child(&article).unwrap();
    article
}

fn select(start: &web_sys::Node, start_offset: u32, end: &web_sys::Node, end_offset: u32) {
    let selection = web_sys::window().unwrap().get_selection().unwrap().unwrap();
    selection.remove_all_ranges().unwrap();
    let range = gloo::utils::document().create_range().unwrap();
    range.set_start(start, start_offset).unwrap();
    range.set_end(end, end_offset).unwrap();
    selection.add_range(&range).unwrap();
}

fn text_of(article: &web_sys::Element, paragraph: u32, piece: u32) -> web_sys::Node {
    let p = article.children().item(paragraph).unwrap();
    p.children().item(piece).unwrap().first_child().unwrap()
}

#[wasm_bindgen_test]
fn a_selection_after_an_emoji_maps_to_code_points() {
    let article = article();
    let text = DocumentText::new(TEXT);
    // "will" starts at UTF-16 offset 8 in "Kyiv 😀 will " (the emoji is two units).
    let node = text_of(&article, 0, 0);
    select(&node, 8, &text_of(&article, 0, 1), 3);
    let span = dom::selected_span(&article, &text).expect("a span");
    assert_eq!(text.slice(span), "will not");
    assert_eq!((span.start(), span.end()), (CharOffset(7), CharOffset(15)));
    article.remove();
}

#[wasm_bindgen_test]
fn a_selection_across_paragraphs_and_into_a_combining_mark_snaps() {
    let article = article();
    let text = DocumentText::new(TEXT);
    // Starts right after "e" (before its combining accent): widened back to the "e".
    select(&text_of(&article, 0, 2), 2, &text_of(&article, 1, 1), 2);
    let span = dom::selected_span(&article, &text).expect("a span");
    assert_eq!(text.slice(span), "e\u{301}tude land.\nالسلام said 乌克");
    article.remove();
}

#[wasm_bindgen_test]
fn element_boundaries_map_to_paragraph_ends() {
    let article = article();
    let text = DocumentText::new(TEXT);
    let first: web_sys::Node = article.children().item(0).unwrap().unchecked_into();
    select(&first, 1, &first, 3);
    let span = dom::selected_span(&article, &text).expect("a span");
    assert_eq!(text.slice(span), "not cede e\u{301}tude land.");
    article.remove();
}

#[wasm_bindgen_test]
fn storage_round_trips_a_document_and_quarantines_garbage() {
    let storage = Storage::open();
    assert!(storage.is_available());
    let text = DocumentText::new(TEXT);
    let mut document = Document::new("Round trip", text.clone());
    let span = text.span(CharOffset(7), CharOffset(15)).unwrap();
    let id = AnnotationId::from_random_bytes([7; 16]);
    let annotation = Annotation::new(id.clone(), Label::RedLine, &text, span, Timestamp(1));
    document.apply(Action::Add { annotation }).unwrap();
    document.apply(Action::SetNote { id: id.clone(), note: "<b>kept as text</b>".into(), at: Timestamp(2) }).unwrap();
    storage.save_text(&document).unwrap();
    for record in document.records_since(None) {
        storage.save_record(document.id(), &record).unwrap();
    }
    let entry = LibraryEntry {
        id: document.id().clone(),
        title: "Round trip".into(),
        added: Timestamp(1),
        metadata: Default::default(),
    };
    let (loaded, problems) = storage.load_document(&entry).unwrap();
    assert!(problems.is_empty());
    assert_eq!(loaded, document);

    // A corrupt record is kept under its backup key; the rest of the document loads.
    let key = schema::annotation_key(document.id(), &id);
    storage.set(&key, "{corrupt").unwrap();
    let (loaded, problems) = storage.load_document(&entry).unwrap();
    assert!(loaded.annotations().is_empty());
    let backup = problems[0].backup_key.clone().expect("kept");
    assert_eq!(storage.get(&backup).as_deref(), Some("{corrupt"));
    storage.remove_document(document.id());
    storage.remove(&backup);
    assert!(storage.get(&key).is_none());
}

#[wasm_bindgen_test]
fn a_full_quota_drops_the_first_screens_copy_before_refusing_the_users_data() {
    let storage = Storage::open();
    let copy = "c".repeat(256 * 1024);
    storage.set(schema::FIRST_SCREEN_KEY, &copy).unwrap();
    // Fill what is left (past `Storage`, which would make room), halving the filler until not
    // even a few bytes fit.
    let raw = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let mut fillers = Vec::new();
    let mut size = 4 * 1024 * 1024;
    while size >= 16 {
        let key = format!("filler-{}", fillers.len());
        if raw.set_item(&key, &"x".repeat(size)).is_ok() {
            fillers.push(key);
        } else {
            size /= 2;
        }
    }
    let record = "r".repeat(128 * 1024);
    let written = storage.set("redline:quota-test", &record);
    let copy_left = storage.contains(schema::FIRST_SCREEN_KEY);
    for key in fillers.iter().chain(["redline:quota-test".to_string(), schema::FIRST_SCREEN_KEY.to_string()].iter()) {
        storage.remove(key);
    }
    assert_eq!((written, copy_left), (Ok(()), false), "the record is written in the copy's room");
}

#[wasm_bindgen_test]
fn search_lowercases_as_rust_does_and_finds_across_case() {
    for text in ["ÉTUDE land", "Straße", "İstanbul", "ΟΔΟΣ ΣΟΦΙΑ", "Kyiv 😀 À", "e\u{301}TUDE", "plain ascii"]
    {
        assert_eq!(redline_annotator::search::lowercase(text), text.to_lowercase(), "{text}");
    }
    let text = DocumentText::new("Talks about the ÉTUDE resumed.");
    let span = text.span(CharOffset(16), CharOffset(21)).unwrap();
    let annotation = Annotation::new(AnnotationId::from_random_bytes([9; 16]), Label::Claim, &text, span, Timestamp(1));
    let filter = |search: &str| redline_core::document::Filter { search: search.into(), ..Default::default() };
    assert!(redline_annotator::search::matches(&filter("étude"), &annotation));
    assert!(!redline_annotator::search::matches(&filter("talks"), &annotation));
}

#[wasm_bindgen_test]
fn the_browsers_grapheme_clusters_match_rusts() {
    for text in [
        "plain words",
        "e\u{301}tude, zalgo z\u{35b}\u{34f}\u{300}\u{301}",
        "👩‍👩‍👧 family, 👍🏽 thumb, 🇺🇦 flag",
        "الرئيس قال — 乌克兰 官员, 한국어 조합",
        "\r\n carriage return and line feed",
        "",
    ] {
        assert_eq!(redline_annotator::graphemes::starts(text), redline_core::text::grapheme_starts(text), "{text}");
    }
}

#[wasm_bindgen_test]
fn markup_keeps_hostile_text_and_ids_as_text_at_their_offsets() {
    let text = DocumentText::new("a <b>bold</b> & <img src=x onerror=alert(1)> \0 end");
    // An id from an imported file: no white space, anything else allowed.
    let id = AnnotationId::parse(r#"x"><img/src=y>"#).unwrap();
    let marked = [Annotation::new(
        id.clone(),
        Label::Claim,
        &text,
        text.span(CharOffset(2), CharOffset(5)).unwrap(),
        Timestamp(1),
    )];
    let paragraph = text.paragraphs().remove(0);
    let covering = covering_by_paragraph(std::slice::from_ref(&paragraph), &marked).remove(0);
    let html = markup(&text, &segment_range(&text, paragraph, covering), None, &[]);
    let article = gloo::utils::document().create_element("article").unwrap();
    article.set_inner_html(&html);
    assert_eq!(article.query_selector("b, img").unwrap(), None);
    let mark = article.query_selector("mark").unwrap().unwrap();
    assert_eq!(mark.get_attribute("data-ids").as_deref(), Some(id.as_str()));
    // NUL, which an HTML parser drops, shows as U+FFFD: one code point still, offsets hold.
    assert_eq!(article.text_content().unwrap(), text.as_str().replace('\0', "\u{FFFD}"));
}
