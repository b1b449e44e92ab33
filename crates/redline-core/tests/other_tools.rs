//! Annotations made in other tools: Recogito's W3C adapter (UTF-16 positions, empty bodies,
//! bare UUIDs) and Hypothesis's export JSON; tags matched loosely; untagged annotations kept
//! for the user to label; each placed on the article by quote and context.

use redline_core::formats::{self, label_named, Source};
use redline_core::reanchor::Reanchoring;
use redline_core::{AnnotationId, DocumentText, Label, Timestamp};
use serde_json::json;

const NOW: Timestamp = Timestamp(1_900_000_000_000);
const TEXT: &str = "Talks 😀 resumed in Geneva.\nZelenskyy said Ukraine will not cede territory 👍🏽 under any deal.\nThe Kremlin demands a pull-out from Donetsk.";

fn fresh() -> impl FnMut() -> AnnotationId {
    let mut n = 0u8;
    move || {
        n += 1;
        AnnotationId::from_random_bytes([n; 16])
    }
}

/// UTF-16 offsets of `quote` in `text`, as JavaScript's `indexOf` gives them.
fn utf16_range(text: &str, quote: &str) -> (usize, usize) {
    let byte = text.find(quote).unwrap();
    let start = text[..byte].encode_utf16().count();
    (start, start + quote.encode_utf16().count())
}

fn recogito_item(id: &str, quote: &str, tag: Option<&str>) -> serde_json::Value {
    let (start, end) = utf16_range(TEXT, quote);
    let body: Vec<_> =
        tag.map(|t| json!({ "type": "TextualBody", "purpose": "tagging", "value": t })).into_iter().collect();
    json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": id,
        "type": "Annotation",
        "body": body,
        "created": "2026-08-20T09:00:00.000Z",
        "target": [{
            "annotation": id,
            "source": "https://ledger.example/talks",
            "selector": [
                { "type": "TextQuoteSelector", "exact": quote },
                { "type": "TextPositionSelector", "start": start, "end": end }
            ]
        }]
    })
}

/// Places an import on `TEXT` as the page does, and returns each annotation's placed text.
fn placed_quotes(imported: &formats::w3c::Imported) -> Vec<(Label, String)> {
    let text = DocumentText::new(TEXT);
    let mut job = Reanchoring::new(text.clone(), imported);
    while !job.is_finished() {
        job.step(64);
    }
    let placed = job.finish();
    assert!(placed.report.orphaned.is_empty(), "{:?}", placed.report);
    assert_eq!(placed.report.exact, placed.annotations.len(), "{:?}", placed.report);
    let mut in_text_order = placed.annotations.clone();
    in_text_order.sort_by_key(|a| a.span().map(|s| s.start()));
    in_text_order.iter().map(|a| (a.label(), text.slice(a.span().unwrap()).to_string())).collect()
}

#[test]
fn tags_are_matched_without_regard_to_case_spaces_dashes_and_underscores() {
    for name in ["Red Line", "red_line", "RedLine", "redline", "RED-LINE", "red-line"] {
        assert_eq!(label_named(name), Some(Label::RedLine), "{name}");
    }
    for name in ["Claim", "CLAIM", " claim "] {
        assert_eq!(label_named(name), Some(Label::Claim), "{name}");
    }
    for name in ["red", "line", "claims", ""] {
        assert_eq!(label_named(name), None, "{name}");
    }
}

#[test]
fn recogito_highlights_without_tags_are_kept_for_labelling_and_placed_exactly_by_utf16_positions() {
    let file = json!([
        recogito_item("1b7a3f0e-5c1d-4e8a-9f00-000000000001", "will not cede territory", None),
        recogito_item("1B7A3F0E-5C1D-4E8A-9F00-000000000002", "under any deal", None),
        recogito_item("1b7a3f0e-5c1d-4e8a-9f00-000000000003", "demands a pull-out", Some("Claim")),
    ]);
    let imported = formats::import("notes.json", &file.to_string(), NOW, None, &mut fresh()).unwrap();
    assert_eq!(imported.source, Source::Recogito);
    assert!(imported.utf16_positions);
    assert_eq!((imported.annotations.len(), imported.untagged.len()), (1, 2));
    // Bare UUIDs become IRIs (the export needs them), the same each time the file is read.
    assert_eq!(imported.untagged[0].annotation.id().as_str(), "urn:uuid:1b7a3f0e-5c1d-4e8a-9f00-000000000001");
    assert_eq!(imported.untagged[1].annotation.id().as_str(), "urn:uuid:1b7a3f0e-5c1d-4e8a-9f00-000000000002");

    let labelled = imported.label_untagged(Some(Label::RedLine));
    assert!(labelled.untagged.is_empty());
    // The positions count UTF-16 units: past the emoji they are not code points, and the
    // placement converts them on the text.
    let text = DocumentText::new(TEXT);
    let on_text = labelled.annotations_on(&text);
    let quotes: Vec<_> = on_text
        .iter()
        .map(|a| text.slice(text.span(a.position.as_ref().unwrap().start, a.position.as_ref().unwrap().end).unwrap()))
        .collect();
    assert_eq!(quotes, ["demands a pull-out", "will not cede territory", "under any deal"]);
    assert_eq!(
        placed_quotes(&labelled),
        [
            (Label::RedLine, "will not cede territory".to_string()),
            (Label::RedLine, "under any deal".to_string()),
            (Label::Claim, "demands a pull-out".to_string()),
        ]
    );

    let skipped = imported.label_untagged(None);
    assert_eq!(skipped.annotations.len(), 1);
    assert!(skipped.warnings.iter().any(|w| w.contains("2 annotations with no claim or red-line tag were skipped")));
}

fn hypothesis_row(id: &str, quote: &str, prefix: &str, tags: &[&str]) -> serde_json::Value {
    json!({
        "id": id,
        "created": "2026-08-21T10:00:00.000000+00:00",
        "updated": "2026-08-21T10:05:00.000000+00:00",
        "user": "acct:olena@hypothes.is",
        "uri": "https://ledger.example/talks",
        "text": "Worth watching",
        "tags": tags,
        "group": "__world__",
        "target": [{
            "source": "https://ledger.example/talks",
            "selector": [
                { "type": "RangeSelector", "startContainer": "/main[1]/p[2]", "startOffset": 0, "endContainer": "/main[1]/p[2]", "endOffset": 12 },
                { "type": "TextPositionSelector", "start": 4012, "end": 4030 },
                { "type": "TextQuoteSelector", "exact": quote, "prefix": prefix, "suffix": "" }
            ]
        }],
        "document": { "title": ["Talks resume"] },
        "links": { "html": format!("https://hypothes.is/a/{id}"), "incontext": "https://hyp.is/x" },
        "user_info": { "display_name": "Olena M." },
        "hidden": false,
        "flagged": false
    })
}

#[test]
fn a_hypothesis_export_is_read_with_loose_tags_notes_and_who_made_it() {
    let file = json!({
        "export_date": "2026-08-22T08:00:00.000Z",
        "export_userid": "acct:olena@hypothes.is",
        "client_version": "1.1550.0",
        "annotations": [
            hypothesis_row("hA1", "will not cede territory", "Zelenskyy said Ukraine ", &["Red Line", "ukraine"]),
            hypothesis_row("hA2", "demands a pull-out", "The Kremlin ", &["claim"]),
            hypothesis_row("hA3", "resumed in Geneva", "Talks 😀 ", &["geneva"]),
            // A page note: no selector, so no quote.
            { "id": "hA4", "user": "acct:olena@hypothes.is", "uri": "https://ledger.example/talks", "tags": [], "text": "Page note", "target": [{ "source": "https://ledger.example/talks" }] }
        ]
    });
    let imported = formats::import("hypothesis.json", &file.to_string(), NOW, None, &mut fresh()).unwrap();
    assert_eq!(imported.source, Source::Hypothesis);
    assert_eq!(imported.title.as_deref(), Some("Talks resume"));
    assert_eq!(imported.metadata.url.as_deref(), Some("https://ledger.example/talks"));
    assert_eq!(imported.annotations.len(), 2);
    assert_eq!(imported.untagged.len(), 1);
    assert!(imported.warnings.iter().any(|w| w.contains("page note")), "{:?}", imported.warnings);
    let first = &imported.annotations[0].annotation;
    assert_eq!(first.id().as_str(), "https://hypothes.is/a/hA1");
    assert_eq!(first.label(), Label::RedLine);
    assert_eq!(first.note(), "Worth watching\n(Hypothesis: Olena M.)");
    // The page's positions are not the article's: only the quote and its context place them.
    assert!(imported.annotations.iter().all(|a| a.position.is_none()));
    assert_eq!(
        placed_quotes(&imported.label_untagged(Some(Label::Claim))),
        [
            (Label::Claim, "resumed in Geneva".to_string()),
            (Label::RedLine, "will not cede territory".to_string()),
            (Label::Claim, "demands a pull-out".to_string()),
        ]
    );
}

#[test]
fn malformed_hypothesis_files_are_named_errors() {
    let not_a_list = json!({ "export_date": "x", "annotations": { "id": 1 } });
    let error = formats::import("h.json", &not_a_list.to_string(), NOW, None, &mut fresh()).unwrap_err();
    assert!(error.contains("$.annotations"), "{error}");
    let bad_row = json!({ "client_version": "1", "annotations": [ { "id": 5, "uri": "u", "target": [{ "selector": [{ "type": "TextQuoteSelector", "exact": "x" }] }] } ] });
    let error = formats::import("h.json", &bad_row.to_string(), NOW, None, &mut fresh()).unwrap_err();
    assert!(error.contains("$.annotations[0].id"), "{error}");
}
