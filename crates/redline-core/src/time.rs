//! Timestamps, passed in by the caller so that the core stays deterministic.

use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

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
        let nanos = i128::from(self.0) * 1_000_000;
        match OffsetDateTime::from_unix_timestamp_nanos(nanos) {
            Ok(at) => {
                let ms = at.millisecond();
                let (y, mo, d) = (at.year(), u8::from(at.month()), at.day());
                let (h, mi, s) = (at.hour(), at.minute(), at.second());
                format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{ms:03}Z")
            }
            Err(_) => "1970-01-01T00:00:00.000Z".to_string(),
        }
    }

    /// Reads an RFC 3339 date-time with any offset.
    pub fn parse_rfc3339(text: &str) -> Option<Timestamp> {
        let at = OffsetDateTime::parse(text, &Rfc3339).ok()?;
        i64::try_from(at.unix_timestamp_nanos() / 1_000_000).ok().and_then(Timestamp::checked)
    }
}
