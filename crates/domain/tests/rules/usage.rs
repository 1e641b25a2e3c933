//! Usage warnings: licenses and storage against what is in use.

use super::*;

#[test]
fn usage_warning_table() {
    type Usage = (u32, u32, u64, u64);
    type Expected<'a> = &'a [(Field, Code, &'a str, &'a str)];
    let licenses = |in_use| {
        (
            Field::UserLicenses,
            Code::InadequateLicenses,
            "in_use",
            in_use,
        )
    };
    let full = |percent| {
        (
            Field::ExtraStorageGb,
            Code::StorageNearlyFull,
            "percent",
            percent,
        )
    };
    let none = (Field::ExtraStorageGb, Code::NoStorage, "", "");
    let cases: &[(Usage, Expected)] = &[
        ((10, 5, 1000, 0), &[]),
        ((10, 10, 1000, 0), &[]),
        ((5, 10, 1000, 0), &[licenses("10")]),
        ((10, 0, 1000, 899), &[]),
        ((10, 0, 1000, 900), &[full("90")]),
        ((10, 0, 1000, 999), &[full("99")]),
        ((10, 0, 1000, 1000), &[full("100")]),
        ((10, 0, 1000, 1500), &[full("150")]),
        ((10, 0, 9, 8), &[]),
        ((10, 0, 10, 9), &[full("90")]),
        ((10, 0, 0, 0), &[none]),
        ((10, 0, 0, 5), &[none]),
        ((1, 2, 0, 0), &[licenses("2"), none]),
        ((1, 2, 100, 95), &[licenses("2"), full("95")]),
        ((1, 0, u64::MAX, u64::MAX), &[full("100")]),
    ];
    for (args @ (l, in_use, gb, used), expected) in cases {
        let warnings = usage_warnings(*l, *in_use, *gb, *used);
        let got: Vec<_> = warnings
            .iter()
            .map(|w| {
                let key = w.params.keys().next().map_or("", String::as_str);
                (w.field, w.code, key, w.param(key))
            })
            .collect();
        assert_eq!(got, *expected, "args {args:?}");
    }
}
