//! Number and size formatting for display, in the current locale's conventions.

use super::{Locale, Texts, current_locale};

/// A whole number with thousands separators: "1,000,000" in English, "1 000 000" in Finnish.
pub fn count(n: u64) -> String {
    let separator = match current_locale() {
        Locale::En => ',',
        Locale::Fi => '\u{a0}',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// A storage amount in GB exactly as the reseller entered it: "750 GB", "1.5 TB" ("1,5 TB").
pub fn storage(gb: u64) -> String {
    localise_decimal(domain::format_storage(gb))
}

/// Finnish writes the decimal separator as a comma.
fn localise_decimal(text: String) -> String {
    match current_locale() {
        Locale::En => text,
        Locale::Fi => text.replace('.', ","),
    }
}

/// A byte count (as an issue parameter) in MB, 1 MB = 1,000,000 bytes, to one decimal rounded
/// up ("2", "2.1"), with `.` as the separator: a catalogue swaps it for its own. Not a number: as is.
pub fn megabytes(bytes: &str) -> String {
    let Ok(n) = bytes.parse::<u64>() else {
        return bytes.to_owned();
    };
    let tenths = n.div_ceil(100_000);
    match tenths % 10 {
        0 => format!("{}", tenths / 10),
        d => format!("{}.{d}", tenths / 10),
    }
}

/// A measured amount for reading at a glance: TB to one decimal ("1.6 TB"), GB whole.
pub fn storage_rounded(gb: u64) -> String {
    if gb < 1000 {
        return format!("{gb} GB");
    }
    let tenths = (gb + 50) / 100;
    localise_decimal(match tenths % 10 {
        0 => format!("{} TB", tenths / 10),
        d => format!("{}.{d} TB", tenths / 10),
    })
}

/// The local time of day of an RFC 3339 timestamp ("10:42"); the input itself if it is not a date.
pub fn time_of_day(timestamp: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(timestamp));
    if date.get_time().is_nan() {
        return timestamp.to_owned();
    }
    let hours = date.get_hours();
    let minutes = date.get_minutes();
    match current_locale() {
        Locale::En => format!("{hours:02}:{minutes:02}"),
        Locale::Fi => format!("{hours}.{minutes:02}"),
    }
}

/// A timestamp in the user's local time: "28 Nov 2026, 10:42" ("28.11.2026 klo 10.42"); the
/// input if it is not a date.
pub fn date_time(t: &Texts, timestamp: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(timestamp));
    if date.get_time().is_nan() {
        return timestamp.to_owned();
    }
    (t.date_time)(
        date.get_date(),
        date.get_month(),
        date.get_full_year(),
        date.get_hours(),
        date.get_minutes(),
    )
}

/// The calendar date `days` days after the UTC date of an RFC 3339 timestamp ("19 Dec 2026",
/// "19.12.2026"); `None` if the timestamp does not start with a date.
pub fn date_after(t: &Texts, timestamp: &str, days: u16) -> Option<String> {
    let day = domain::usage::parse_day(timestamp.get(..10)?)? + i32::from(days);
    let ymd = domain::usage::format_day(day);
    let mut parts = ymd.splitn(3, '-').map(str::parse::<u32>);
    let (year, month, day) = (
        parts.next()?.ok()?,
        parts.next()?.ok()?,
        parts.next()?.ok()?,
    );
    Some((t.date)(day, month, year as i32))
}

#[cfg(test)]
mod tests {
    use super::{count, storage_rounded};

    #[test]
    fn rounds_measured_storage_to_a_tenth_of_a_tb() {
        assert_eq!(storage_rounded(0), "0 GB");
        assert_eq!(storage_rounded(999), "999 GB");
        assert_eq!(storage_rounded(1648), "1.6 TB");
        assert_eq!(storage_rounded(1950), "2 TB");
        assert_eq!(storage_rounded(2000), "2 TB");
        assert_eq!(storage_rounded(7709), "7.7 TB");
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(1234567), "1,234,567");
    }
}
