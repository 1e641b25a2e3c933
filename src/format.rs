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
