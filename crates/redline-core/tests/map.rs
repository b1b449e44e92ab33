//! The negotiation map: parties with their counts, cards and arrows, counts alone on a long
//! document, and text escaped in the SVG.

mod common;

use common::{id, sample_document};
use redline_core::map::{NegotiationMap, CARDS_SHOWN_UP_TO};
use redline_core::{
    Action, Annotation, AnnotationId, Document, DocumentText, Label, Relation, RelationKind, Timestamp,
};
use std::collections::BTreeSet;

const T: Timestamp = Timestamp(1_900_000_000_000);

/// Zelenskyy's red line (1), contested by the Kremlin's claim (2), restated by an unheld claim (3).
fn negotiation() -> Document {
    let mut document = sample_document("Talks", "n");
    document.apply(Action::SetHolder { id: id(2), holder: "Kremlin <script>".into(), at: T }).unwrap();
    for (n, kind, source) in [(20, RelationKind::Contests, 2), (21, RelationKind::Restates, 3)] {
        let relation = Relation::new(id(n), kind, id(source), id(1), T);
        document.apply(Action::AddRelation { relation }).unwrap();
    }
    document
}

#[test]
fn parties_are_columns_with_counts_and_relations_are_arrows() {
    let map = NegotiationMap::of(&negotiation(), &BTreeSet::new());
    let names: Vec<&str> = map.parties.iter().map(|p| p.display_name()).collect();
    assert_eq!(names, ["Kremlin <script>", "Zelenskyy", "(no holder)"]);
    assert_eq!(map.parties[1].counts(), "1 red line, 0 claims, 1 contested");
    assert_eq!(map.parties[0].counts(), "0 red lines, 1 claim, 0 contested");
    assert_eq!(map.edge_count(), 2);
    let svg = map.to_svg("Talks & <more>");
    assert_eq!(svg.matches(r#"data-testid="map-node""#).count(), 3);
    assert_eq!(svg.matches(r#"data-testid="map-party""#).count(), 3);
    assert!(svg.contains(&format!(
        r#"data-kind="contests" data-id="{}" data-from="{}" data-to="{}""#,
        id(20),
        id(2),
        id(1)
    )));
    // Every kind reads without colour: its own dash pattern and arrowhead, and a label.
    assert!(svg.contains(r#"stroke-dasharray="2 4" marker-end="url(#map-head-restates)""#));
    assert!(svg.contains(">restates</text>"));
    // Text from the document is text, never markup.
    assert!(svg.contains("Kremlin &lt;script&gt;") && !svg.contains("<script>"));
    assert!(svg.contains("<title>Negotiation map: Talks &amp; &lt;more&gt;</title>"));
    std::fs::write(std::env::temp_dir().join("redline-map-test.svg"), &svg).unwrap();
}

#[test]
fn a_long_document_is_counted_until_a_party_is_expanded() {
    let text = DocumentText::new(&"Kyiv will not cede land. ".repeat(200));
    let mut document = Document::new("Long", text.clone());
    let annotations: Vec<_> = (0..=CARDS_SHOWN_UP_TO)
        .map(|n| {
            let id = AnnotationId::parse(&format!("urn:n:{n}")).unwrap();
            let holder = if n % 2 == 0 { "Kyiv" } else { "Moscow" };
            Annotation::new(id, Label::Claim, &text, common::span(&text, n * 25, n * 25 + 4), T).with_holder(holder)
        })
        .collect();
    document.apply(Action::Merge { annotations }).unwrap();
    let map = NegotiationMap::of(&document, &BTreeSet::new());
    assert!(map.parties.iter().all(|p| !p.shown));
    assert_eq!(map.parties.iter().map(|p| p.claims).sum::<usize>(), CARDS_SHOWN_UP_TO + 1);
    assert_eq!(map.to_svg("Long").matches(r#"data-testid="map-node""#).count(), 0);
    let expanded = NegotiationMap::of(&document, &BTreeSet::from(["Kyiv".to_string()]));
    assert!(expanded.parties[0].shown && !expanded.parties[1].shown);
    assert_eq!(expanded.to_svg("Long").matches(r#"data-testid="map-node""#).count(), CARDS_SHOWN_UP_TO / 2 + 1);
}

#[test]
fn card_quotes_wrap_between_words_and_say_when_they_are_cut() {
    let text = DocumentText::new("They completely ruled out the deployment of NATO personnel in Ukraine, they said.");
    let mut document = Document::new("T", text.clone());
    let span = common::span(&text, 0, 69);
    document.apply(Action::Add { annotation: Annotation::new(id(1), Label::RedLine, &text, span, T) }).unwrap();
    let svg = NegotiationMap::of(&document, &BTreeSet::new()).to_svg("T");
    assert!(svg.contains(">They completely ruled out the</text>"), "{svg}");
    assert!(svg.contains(">deployment of NATO personnel…</text>"), "{svg}");
}
