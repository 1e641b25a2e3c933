//! Number and size formatting for display.

/// A whole number with thousands separators: 1000000 → "1,000,000".
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A storage amount in GB as the reseller reads it: "750 GB", "1.5 TB".
pub fn storage(gb: u64) -> String {
    domain::format_storage(gb)
}

/// The local time of day of an RFC 3339 timestamp ("10:42"); the input itself if it is not a date.
pub fn time_of_day(timestamp: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(timestamp));
    if date.get_time().is_nan() {
        return timestamp.to_owned();
    }
    let hours = date.get_hours();
    let minutes = date.get_minutes();
    format!("{hours:02}:{minutes:02}")
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn groups_thousands() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(1234567), "1,234,567");
    }
}
