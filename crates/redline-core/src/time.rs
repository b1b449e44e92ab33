//! Timestamps, passed in by the caller so that the core stays deterministic.

use serde::{Deserialize, Serialize};

/// Milliseconds since the Unix epoch, UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

/// The first and last milliseconds that RFC 3339 writes with a four-digit year (0001 to 9999).
const EARLIEST_MS: i64 = -62_135_596_800_000;
const LATEST_MS: i64 = 253_402_300_799_999;

impl Timestamp {
    /// A timestamp from stored or imported milliseconds, when it is a date RFC 3339 can write
    /// (years 1 to 9999); anything else is a damaged value, not a date to show as 1970.
    pub fn checked(ms: i64) -> Option<Timestamp> {
        (EARLIEST_MS..=LATEST_MS).contains(&ms).then_some(Timestamp(ms))
    }

    /// ISO 8601 / RFC 3339 in UTC, e.g. `2026-11-27T10:00:00.000Z`, as the W3C model asks.
    pub fn to_rfc3339(self) -> String {
        let Some(at) = Timestamp::checked(self.0) else { return "1970-01-01T00:00:00.000Z".to_string() };
        let (days, ms) = (at.0.div_euclid(DAY_MS), at.0.rem_euclid(DAY_MS));
        let (y, mo, d) = civil_from_days(days);
        let (h, mi, s, ms) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
        format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{ms:03}Z")
    }

    /// Reads an RFC 3339 date-time (`2026-11-27T10:00:00Z`, `…T12:00:00.5+02:00`) with any
    /// offset, to the millisecond (finer digits are dropped). A leap second reads as the last
    /// millisecond before it.
    pub fn parse_rfc3339(text: &str) -> Option<Timestamp> {
        let bytes = text.as_bytes();
        let number = |from: usize, digits: usize| -> Option<i64> {
            let part = bytes.get(from..from + digits)?;
            part.iter().all(u8::is_ascii_digit).then(|| part.iter().fold(0, |n, b| n * 10 + i64::from(b - b'0')))
        };
        let separated = |at: usize, allowed: &[u8]| bytes.get(at).is_some_and(|b| allowed.contains(b));
        if !(separated(4, b"-")
            && separated(7, b"-")
            && separated(10, b"Tt")
            && separated(13, b":")
            && separated(16, b":"))
        {
            return None;
        }
        let (year, month, day) = (number(0, 4)?, number(5, 2)?, number(8, 2)?);
        let (hour, minute, second) = (number(11, 2)?, number(14, 2)?, number(17, 2)?);
        let mut at = 19;
        let mut ms = 0;
        if separated(at, b".") {
            let digits = bytes[at + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
            if digits == 0 {
                return None;
            }
            let kept = digits.min(3);
            ms = number(at + 1, kept)? * 10_i64.pow((3 - kept) as u32);
            at += 1 + digits;
        }
        let offset_minutes = match bytes.get(at..)? {
            b"Z" | b"z" => 0,
            [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
                let (hours, minutes) = (number(at + 1, 2)?, number(at + 4, 2)?);
                if hours > 23 || minutes > 59 {
                    return None;
                }
                (hours * 60 + minutes) * if *sign == b'-' { -1 } else { 1 }
            }
            _ => return None,
        };
        let leap_second = second == 60;
        let valid = (1..=12).contains(&month)
            && (1..=days_in_month(year, month)).contains(&day)
            && hour < 24
            && minute < 60
            && (second < 60 || (leap_second && minute == 59));
        if !valid {
            return None;
        }
        let (second, ms) = if leap_second { (59, 999) } else { (second, ms) };
        let local = days_from_civil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
        Timestamp::checked(local - offset_minutes * 60_000)
    }
}

const DAY_MS: i64 = 86_400_000;

fn days_in_month(year: i64, month: i64) -> i64 {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date `days` after 1970-01-01 (the inverse of [`days_from_civil`]).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 };
    (year_of_era + era * 400 + i64::from(month <= 2), month, day)
}
