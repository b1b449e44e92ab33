//! Offset conversions across UTF-16, code points and UTF-8, on emoji, combining marks, CJK,
//! right-to-left text and CRLF.

mod common;

use common::MIXED;
use proptest::prelude::*;
use redline_core::offset::{byte_to_char, char_to_byte, char_to_utf16, utf16_to_char};
use redline_core::{ByteOffset, CharOffset, DocumentText, OffsetError, Utf16Offset};

#[test]
fn emoji_outside_the_bmp_take_two_utf16_units_and_four_bytes() {
    let text = "a😀b";
    assert_eq!(char_to_utf16(text, CharOffset(2)), Ok(Utf16Offset(3)));
    assert_eq!(char_to_byte(text, CharOffset(2)), Ok(ByteOffset(5)));
    assert_eq!(utf16_to_char(text, Utf16Offset(3)), Ok(CharOffset(2)));
    assert_eq!(utf16_to_char(text, Utf16Offset(2)), Err(OffsetError::InsideCharacter { offset: 2 }));
    assert_eq!(byte_to_char(text, ByteOffset(3)), Err(OffsetError::InsideCharacter { offset: 3 }));
}

#[test]
fn combining_marks_are_code_points_of_their_own() {
    let text = "e\u{301}x";
    assert_eq!(char_to_utf16(text, CharOffset(2)), Ok(Utf16Offset(2)));
    assert_eq!(char_to_byte(text, CharOffset(2)), Ok(ByteOffset(3)));
}

#[test]
fn cjk_is_one_utf16_unit_and_three_bytes() {
    let text = "乌克兰x";
    assert_eq!(char_to_byte(text, CharOffset(3)), Ok(ByteOffset(9)));
    assert_eq!(char_to_utf16(text, CharOffset(3)), Ok(Utf16Offset(3)));
}

#[test]
fn right_to_left_text_counts_in_logical_order() {
    let text = "\u{627}\u{644}\u{633}\u{644}\u{627}\u{645} ok";
    assert_eq!(char_to_byte(text, CharOffset(6)), Ok(ByteOffset(12)));
    assert_eq!(utf16_to_char(text, Utf16Offset(7)), Ok(CharOffset(7)));
}

#[test]
fn crlf_and_lone_cr_become_lf_before_counting() {
    let text = DocumentText::new("a\r\nb\rc");
    assert_eq!(text.as_str(), "a\nb\nc");
    assert_eq!(text.len_chars(), CharOffset(5));
    assert_eq!(DocumentText::new("a\nb\nc").sha256(), text.sha256());
}

#[test]
fn out_of_range_offsets_are_refused() {
    assert_eq!(char_to_byte("ab", CharOffset(3)), Err(OffsetError::OutOfRange { offset: 3, len: 2 }));
    assert_eq!(utf16_to_char("ab", Utf16Offset(3)), Err(OffsetError::OutOfRange { offset: 3, len: 2 }));
    let text = DocumentText::new("ab");
    assert!(text.byte_of(CharOffset(3)).is_err());
    assert!(text.char_of_utf16(Utf16Offset(9)).is_err());
}

#[test]
fn sha256_is_of_the_normalised_utf8() {
    assert_eq!(DocumentText::new("abc").sha256(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

#[test]
fn indexed_conversions_agree_with_the_plain_ones_on_a_long_mixed_text() {
    let long = MIXED.repeat(40);
    let text = DocumentText::new(&long);
    let plain = text.as_str();
    for c in 0..=text.len_chars().0 {
        let at = CharOffset(c);
        assert_eq!(text.byte_of(at), char_to_byte(plain, at), "byte of {c}");
        assert_eq!(text.utf16_of(at), char_to_utf16(plain, at), "utf16 of {c}");
        let u = char_to_utf16(plain, at).unwrap();
        assert_eq!(text.char_of_utf16(u), Ok(at));
        assert_eq!(text.char_of_byte(char_to_byte(plain, at).unwrap()), Ok(at));
    }
}

#[test]
fn snapping_trims_white_space_and_keeps_grapheme_clusters_whole() {
    let text = DocumentText::new("say  e\u{301}te\u{301} 👩‍👩‍👧 now");
    // Ending between e and its accent widens to the accent; starting there widens back to the e.
    let span = text.snap_selection(CharOffset(3), CharOffset(6)).unwrap();
    assert_eq!(text.slice(span), "e\u{301}");
    let span = text.snap_selection(CharOffset(6), CharOffset(8)).unwrap();
    assert_eq!(text.slice(span), "e\u{301}t");
    // Ending inside the family emoji widens to the whole cluster.
    let start = text.as_str().chars().position(|c| c == '👩').unwrap();
    let span = text.snap_selection(CharOffset(start), CharOffset(start + 2)).unwrap();
    assert_eq!(text.slice(span), "👩‍👩‍👧");
    assert_eq!(text.snap_selection(CharOffset(3), CharOffset(5)), None, "only spaces");
}

#[test]
fn snapping_in_a_paragraph_of_megabytes_works_near_the_edges_alone() {
    // Two megabytes without a line break (text pasted from a PDF): clusters are found around the
    // selection's ends, not over the whole paragraph, and still come out whole.
    let unit = "word e\u{301}tude 👍🏽 ";
    let text = DocumentText::new(&unit.repeat(100_000));
    let unit_chars = unit.chars().count();
    let base = unit_chars * 99_000;
    // From between the e and its accent to between the thumb and its skin tone.
    let span = text.snap_selection(CharOffset(base + 6), CharOffset(base + 13)).unwrap();
    assert_eq!(text.slice(span), "e\u{301}tude 👍🏽");
    thread_local!(static LONGEST: std::cell::Cell<usize> = const { std::cell::Cell::new(0) });
    let span = text
        .snap_selection_with(CharOffset(base + 6), CharOffset(base + 13), |stretch| {
            LONGEST.with(|l| l.set(l.get().max(stretch.len())));
            redline_core::text::grapheme_starts(stretch)
        })
        .unwrap();
    assert_eq!(text.slice(span), "e\u{301}tude 👍🏽");
    assert!(LONGEST.with(|l| l.get()) <= 1024, "looked at {} bytes", LONGEST.with(|l| l.get()));
}

#[test]
fn paragraphs_are_the_non_empty_lines() {
    let text = DocumentText::new("one\n\ntwo\r\nthree\n");
    let paragraphs: Vec<&str> =
        text.paragraphs().into_iter().map(|p| text.slice(text.span(p.start, p.end).unwrap())).collect();
    assert_eq!(paragraphs, ["one", "two", "three"]);
    assert_eq!(DocumentText::new("\n  Kyiv  will not\tcede land\nnext").first_words(3), "Kyiv will not");
}

fn mixed_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "Z",
        " ",
        "😀",
        "e\u{301}",
        "乌",
        "\u{627}",
        "\r\n",
        "\n",
        "\r",
        "👩‍👩‍👧",
        "\u{200f}",
        "ß",
    ]);
    prop::collection::vec(pieces, 0..200).prop_map(|p| p.concat())
}

proptest! {
    #[test]
    fn conversions_round_trip(raw in mixed_text(), pick in 0usize..10_000) {
        let text = DocumentText::new(&raw);
        let at = CharOffset(pick % (text.len_chars().0 + 1));
        let byte = text.byte_of(at).unwrap();
        let utf16 = text.utf16_of(at).unwrap();
        prop_assert_eq!(text.char_of_byte(byte), Ok(at));
        prop_assert_eq!(text.char_of_utf16(utf16), Ok(at));
        prop_assert_eq!(byte, char_to_byte(text.as_str(), at).unwrap());
        prop_assert_eq!(utf16, char_to_utf16(text.as_str(), at).unwrap());
    }

    #[test]
    fn snapped_selections_are_trimmed_and_whole(raw in mixed_text(), a in 0usize..400, b in 0usize..400) {
        let text = DocumentText::new(&raw);
        let len = text.len_chars().0;
        if let Some(span) = text.snap_selection(CharOffset(a.min(len)), CharOffset(b.min(len))) {
            let slice = text.slice(span);
            prop_assert!(!slice.is_empty());
            prop_assert_eq!(slice.trim(), slice);
            use unicode_segmentation::UnicodeSegmentation;
            let boundaries: Vec<usize> = text.as_str().grapheme_indices(true).map(|(i, _)| i).chain([text.as_str().len()]).collect();
            let range = text.byte_range(span).unwrap();
            prop_assert!(boundaries.contains(&range.start) || text.as_str()[..range.start].ends_with('\n'));
            prop_assert!(boundaries.contains(&range.end));
        }
    }
}
