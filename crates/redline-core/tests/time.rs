//! RFC 3339 dates as the core writes and reads them, checked against the `time` crate.

use proptest::prelude::*;
use redline_core::Timestamp;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

const EARLIEST_MS: i64 = -62_135_596_800_000;
const LATEST_MS: i64 = 253_402_300_799_999;

/// What `time` reads `text` as, in milliseconds (`None` when it refuses it or it falls outside
/// the years 1 to 9999).
fn reference(text: &str) -> Option<i64> {
    let at = OffsetDateTime::parse(text, &Rfc3339).ok()?;
    let ms = i64::try_from(at.unix_timestamp_nanos().div_euclid(1_000_000)).ok()?;
    (EARLIEST_MS..=LATEST_MS).contains(&ms).then_some(ms)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn every_millisecond_is_written_as_time_writes_it_and_read_back(ms in EARLIEST_MS..=LATEST_MS) {
        let written = Timestamp(ms).to_rfc3339();
        let at = OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).unwrap();
        let expected = format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
            at.year(), u8::from(at.month()), at.day(), at.hour(), at.minute(), at.second(), at.millisecond()
        );
        prop_assert_eq!(&written, &expected);
        prop_assert_eq!(Timestamp::parse_rfc3339(&written), Some(Timestamp(ms)));
    }

    #[test]
    fn dates_with_any_offset_read_as_time_reads_them(
        year in 0..=9999u32, month in 0..=13u32, day in 0..=32u32, hour in 0..=24u32, minute in 0..=60u32,
        second in 0..=59u32, fraction in proptest::option::of("[0-9]{1,3}"), t in "[Tt]",
        offset in prop_oneof![Just("Z".to_string()), Just("z".to_string()), (0..=24u32, 0..=60u32, any::<bool>())
            .prop_map(|(h, m, east)| format!("{}{h:02}:{m:02}", if east { '+' } else { '-' }))],
    ) {
        let fraction = fraction.map_or(String::new(), |digits| format!(".{digits}"));
        let text = format!("{year:04}-{month:02}-{day:02}{t}{hour:02}:{minute:02}:{second:02}{fraction}{offset}");
        prop_assert_eq!(Timestamp::parse_rfc3339(&text).map(|t| t.0), reference(&text), "{}", text);
    }
}

#[test]
fn malformed_dates_are_refused() {
    for text in [
        "",
        "2026-11-27",
        "2026-11-27T10:00:00",
        "2026-11-27 10:00:00Z",
        "2026-11-27T10:00:00.Z",
        "2026-11-27T10:00:00+0200",
        "2026-11-27T10:00:00Z ",
        "2026-02-29T10:00:00Z",
        "1900-02-29T10:00:00Z",
        "2100-02-29T10:00:00Z",
        "2026-04-31T10:00:00Z",
        "+2026-11-27T10:00:00Z",
        "2026-11-27T10:00:00+02:00:00",
        "２026-11-27T10:00:00Z",
    ] {
        assert_eq!(Timestamp::parse_rfc3339(text), None, "{text:?}");
    }
}

#[test]
fn finer_digits_are_dropped_and_a_leap_second_is_the_moment_before() {
    let at = |text| Timestamp::parse_rfc3339(text).map(|t| t.0);
    assert_eq!(at("2024-02-29T12:00:00.123999999+02:00"), Some(1_709_200_800_123));
    assert_eq!(at("1969-12-31T23:59:59.9999Z"), Some(-1));
    assert_eq!(at("2000-02-29T00:00:00Z"), Some(951_782_400_000));
    assert_eq!(at("2016-12-31T23:59:60Z"), Some(1_483_228_799_999));
    assert_eq!(at("2016-12-31T23:58:60Z"), None);
}
