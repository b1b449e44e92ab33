//! Anchoring (SPEC §4), case by case: by the old position, by quote where its context agrees,
//! by a near match that agrees too and beats its rivals, else an orphan with its reason. The
//! generated suite is in `reanchoring_suite.rs`.

mod common;

use common::find;
use redline_core::anchor::{anchor, OrphanReason, Placement};
use redline_core::{CharOffset, DocumentText, Quote};
use std::ops::Range;

const ARTICLE: &str = "President Zelenskyy has been adamant that Ukraine will not sign any deals limiting the size of its military. European allies are starting to have conversations about security arrangements. The Kremlin said it would never accept foreign troops in Ukraine. Analysts expect more talks next week in Geneva.";

fn quote_of(text: &DocumentText, needle: &str) -> (Option<Range<CharOffset>>, Quote) {
    let span = find(text, needle);
    (Some(span.start()..span.end()), Quote::of(text, span))
}

fn placed(text: &DocumentText, placement: &Placement) -> Option<String> {
    placement.span().map(|s| text.slice(s).to_string())
}

#[test]
fn same_text_places_by_position() {
    let text = DocumentText::new(ARTICLE);
    let (position, quote) = quote_of(&text, "will not sign any deals");
    assert!(matches!(anchor(&text, position, &quote), Placement::Exact(_)));
}

#[test]
fn moved_quote_is_found_by_context() {
    let old = DocumentText::new(ARTICLE);
    let (position, quote) = quote_of(&old, "would never accept foreign troops");
    let new = DocumentText::new(&format!("A new first paragraph was added.\n{ARTICLE}"));
    let placement = anchor(&new, position, &quote);
    assert!(matches!(placement, Placement::Moved(_)), "{placement:?}");
    assert_eq!(placed(&new, &placement).as_deref(), Some("would never accept foreign troops"));
}

#[test]
fn repeated_quote_is_told_apart_by_prefix_and_suffix() {
    let old = DocumentText::new(
        "First, Ukraine will not cede land. Later the minister repeated: Ukraine will not cede land, ever.",
    );
    let second = old.as_str().rfind("Ukraine will not cede land").unwrap();
    let start = old.char_of_byte(redline_core::ByteOffset(second)).unwrap();
    let span = old.span(start, CharOffset(start.0 + 26)).unwrap();
    let quote = Quote::of(&old, span);
    let new = DocumentText::new(&format!("Update. {}", old.as_str()));
    let placement = anchor(&new, Some(span.start()..span.end()), &quote);
    let placed_span = placement.span().unwrap();
    assert_eq!(new.slice(placed_span), "Ukraine will not cede land");
    assert_eq!(new.after(placed_span.end(), 7), ", ever.");
}

#[test]
fn a_quote_with_one_side_of_its_sentence_rewritten_is_placed() {
    let old = DocumentText::new(ARTICLE);
    let (position, quote) = quote_of(&old, "Analysts expect more talks");
    let new = DocumentText::new(&ARTICLE.replace("The Kremlin said it would never accept", "Moscow rejects"));
    let placement = anchor(&new, position, &quote);
    assert_eq!(placed(&new, &placement).as_deref(), Some("Analysts expect more talks"), "{placement:?}");
}

#[test]
fn a_short_quote_that_occurs_once_in_another_sentence_is_an_orphan() {
    // Kyiv's red line is gone; the same two words stand in the Kremlin's sentence.
    let old = DocumentText::new("Kyiv says it will never accept a ceasefire on these terms. Talks go on.");
    let (position, quote) = quote_of(&old, "never accept");
    let new = DocumentText::new("Talks go on. The Kremlin would never accept foreign troops in Ukraine.");
    assert_eq!(anchor(&new, position, &quote), Placement::Orphan(OrphanReason::OutOfContext));
}

#[test]
fn the_same_words_after_another_speaker_are_not_the_quote() {
    // "said" is followed by the same 32 characters in both statements, not preceded by them.
    let old = DocumentText::new("The Kremlin said it will not accept any deal that leaves troops. Kyiv said it will not accept any deal that freezes the line.");
    let kremlin = find(&old, "said");
    let quote = Quote::of(&old, kremlin);
    let new = DocumentText::new("Kyiv said it will not accept any deal that freezes the line.");
    let placement = anchor(&new, Some(kremlin.start()..kremlin.end()), &quote);
    assert_eq!(placement, Placement::Orphan(OrphanReason::OutOfContext));
}

#[test]
fn typo_near_the_quote_is_placed_fuzzily() {
    let old = DocumentText::new(ARTICLE);
    let (position, quote) = quote_of(&old, "European allies are starting to have conversations");
    let new = DocumentText::new(&ARTICLE.replace("starting to have", "starting to hold"));
    let placement = anchor(&new, position, &quote);
    match &placement {
        Placement::Fuzzy { score, .. } => assert!(*score > 0.8),
        other => panic!("expected a fuzzy placement, got {other:?}"),
    }
    assert_eq!(placed(&new, &placement).as_deref(), Some("European allies are starting to hold conversations"));
}

#[test]
fn deleted_quote_becomes_an_orphan() {
    let old = DocumentText::new(ARTICLE);
    let (position, quote) = quote_of(&old, "The Kremlin said it would never accept foreign troops in Ukraine.");
    let new =
        DocumentText::new(&ARTICLE.replace("The Kremlin said it would never accept foreign troops in Ukraine. ", ""));
    assert_eq!(anchor(&new, position, &quote), Placement::Orphan(OrphanReason::NotFound));
}

#[test]
fn a_lookalike_elsewhere_is_an_orphan_not_a_wrong_placement() {
    let old = DocumentText::new(ARTICLE);
    let (position, quote) = quote_of(&old, "Ukraine will not sign any deals");
    // The sentence is gone; a similar one stands in another context far away.
    let filler = "Other news of the day. ".repeat(200);
    let new = DocumentText::new(&format!(
        "{}{filler}Belarus will not sign any deal with them, officials in Minsk said.",
        ARTICLE.replace("that Ukraine will not sign any deals limiting", "about limits on")
    ));
    assert!(matches!(anchor(&new, position, &quote), Placement::Orphan(_)));
}

#[test]
fn two_equally_good_fuzzy_matches_are_rivals_and_give_an_orphan() {
    let quote = Quote {
        exact: "security guarantees for Kyiv".into(),
        prefix: "they discussed ".into(),
        suffix: " today".into(),
    };
    let new = DocumentText::new(
        "On Monday they discussed security guarantees for Kiev today. On Friday they discussed security guarantees for Kiev today.",
    );
    assert_eq!(anchor(&new, None, &quote), Placement::Orphan(OrphanReason::Ambiguous));
}

#[test]
fn offsets_outside_the_text_fall_back_to_the_quote() {
    let old = DocumentText::new(ARTICLE);
    let (_, quote) = quote_of(&old, "security arrangements");
    let placement = anchor(&old, Some(CharOffset(10_000)..CharOffset(10_020)), &quote);
    assert_eq!(placed(&old, &placement).as_deref(), Some("security arrangements"));
}

#[test]
fn non_bmp_text_anchors_on_code_points() {
    let old = DocumentText::new("😀😀 Kyiv 👩‍👩‍👧 will not cede é land");
    let (position, quote) = quote_of(&old, "will not cede é");
    let new = DocumentText::new("😀😀😀 Kyiv 👩‍👩‍👧 will not cede é land");
    let placement = anchor(&new, position, &quote);
    assert_eq!(placed(&new, &placement).as_deref(), Some("will not cede é"));
}

#[test]
fn a_changed_last_word_is_placed_whole() {
    let old = DocumentText::new(ARTICLE);
    let (position, quote) = quote_of(&old, "foreign troops in Ukraine");
    let new = DocumentText::new(&ARTICLE.replace("foreign troops in Ukraine", "foreign troops in Kyiv"));
    let placement = anchor(&new, position, &quote);
    assert!(matches!(placement, Placement::Fuzzy { .. }), "{placement:?}");
    assert_eq!(placed(&new, &placement).as_deref(), Some("foreign troops in Kyiv"));
}

#[test]
fn a_long_quote_is_placed_exactly_but_never_searched_for_fuzzily() {
    // Over 1,000 bytes: a near match would cost too much to search for, so only exact text counts.
    let sentence = "The delegations met again on Thursday to discuss the ceasefire lines. ";
    let long = sentence.repeat(16);
    let old = DocumentText::new(&format!("Opening words. {long}Closing words."));
    let (_, quote) = quote_of(&old, long.trim_end());
    assert!(quote.exact.len() > 1_000);
    let moved = DocumentText::new(&format!("A new first line.\nOpening words. {long}Closing words."));
    assert!(anchor(&moved, None, &quote).is_exact());
    let typo = DocumentText::new(&format!("Opening words. {}Closing words.", long.replacen("Thursday", "Thurdsay", 1)));
    assert_eq!(anchor(&typo, None, &quote), Placement::Orphan(OrphanReason::NotFound));
}

#[test]
fn a_quote_under_four_bytes_is_never_placed_fuzzily() {
    let old = DocumentText::new("Kyiv said no. Moscow said yes.");
    let (position, quote) = quote_of(&old, "no");
    let new = DocumentText::new("Kyiv said on. Moscow said yes.");
    assert!(matches!(anchor(&new, position, &quote), Placement::Orphan(_)));
}

#[test]
fn among_hundreds_of_copies_only_those_near_the_expected_place_are_weighed() {
    // "talks" occurs 600 times; the one whose context fits lies far beyond the 200 copies
    // nearest to where it is expected. It becomes an orphan, never a wrong copy.
    let filler = "more talks follow. ".repeat(600);
    let old = DocumentText::new(&format!("Start. {filler}Kyiv said the talks are over."));
    let span = find(&old, "the talks are");
    let span = old.span(CharOffset(span.start().0 + 4), CharOffset(span.start().0 + 9)).unwrap();
    assert_eq!(old.slice(span), "talks");
    let quote = Quote::of(&old, span);
    let placement = anchor(&old, Some(CharOffset(10)..CharOffset(15)), &quote);
    assert!(matches!(placement, Placement::Orphan(_)) || placement.span() == Some(span), "{placement:?}");
    // From its own place it is found at once.
    assert_eq!(anchor(&old, Some(span.start()..span.end()), &quote), Placement::Exact(span));
}

#[test]
fn of_two_changed_copies_the_closer_to_the_quote_wins() {
    let old = DocumentText::new(ARTICLE);
    let (_, quote) = quote_of(&old, "European allies are starting to have conversations");
    // A quote with no position (as from a file that gives only the text), changed, and the
    // passage repeated with it changed more: both copies are weighed, and the first ranks higher
    // by its text (a ranking kept in the wrong order takes the second, or calls it ambiguous).
    let near = ARTICLE.replace("starting to have", "starting to hold");
    let far = ARTICLE.replace("are starting to have", "are beginning to hold");
    let new = DocumentText::new(&format!("{near} {far}"));
    let placement = anchor(&new, None, &quote);
    assert!(matches!(placement, Placement::Fuzzy { .. }), "{placement:?}");
    let span = placement.span().unwrap();
    assert_eq!(new.slice(span), "European allies are starting to hold conversations");
    assert!(span.start().0 < near.chars().count(), "the closer copy: {span:?}");
}
