//! Small helpers shared by every layer: timestamps as the API writes them, random tokens.

use time::OffsetDateTime;

/// The current time as the API writes it: RFC 3339, UTC, milliseconds (fixed width, so it sorts).
pub fn now() -> String {
    format_time(OffsetDateTime::now_utc())
}

/// Formats a time as [`now`] does.
pub fn format_time(t: OffsetDateTime) -> String {
    const FORMAT: &[time::format_description::FormatItem<'static>] = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
    );
    t.to_offset(time::UtcOffset::UTC)
        .format(FORMAT)
        .expect("formatting a UTC time cannot fail")
}

/// Parses an RFC 3339 time.
pub fn parse_time(s: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok()
}

/// A fresh random token (hex), for ids, session tokens and activation links.
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).expect("the operating system's random source failed");
    hex::encode(buf)
}
