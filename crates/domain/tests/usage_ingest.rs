//! Checking ingestion items one by one: each refusal's field, code and parameters.

use domain::usage::*;
use serde_json::json;

fn today() -> i32 {
    parse_day("2026-12-07").unwrap()
}

/// An item's issues as (field, code, params).
type Seen = Vec<(String, UsageCode, Vec<(String, String)>)>;

fn issues(item: serde_json::Value) -> Seen {
    match check_item(&item, today()) {
        Ok(_) => vec![],
        Err(v) => v
            .into_iter()
            .map(|i| (i.field, i.code, i.params.into_iter().collect()))
            .collect(),
    }
}

fn one(field: &str, code: UsageCode) -> Seen {
    vec![(field.to_owned(), code, vec![])]
}

#[test]
fn a_valid_item_is_read() {
    let s = check_item(
        &json!({"customer_id": " c1 ", "date": "2026-12-07", "used_storage_bytes": 9_223_372_036_854_775_807u64, "active_users": 4_294_967_295u64}),
        today(),
    )
    .unwrap();
    assert_eq!(s.customer_id, "c1");
    assert_eq!(s.day, today());
    assert_eq!(s.used_storage_bytes, i64::MAX as u64);
    assert_eq!(s.active_users, u32::MAX);
}

#[test]
fn each_bad_value_has_its_code() {
    let base = json!({"customer_id": "c1", "date": "2026-12-01", "used_storage_bytes": 1, "active_users": 1});
    let with = |k: &str, v: serde_json::Value| {
        let mut b = base.clone();
        b[k] = v;
        b
    };
    assert_eq!(
        issues(with("used_storage_bytes", json!(-1))),
        one("used_storage_bytes", UsageCode::Negative)
    );
    assert_eq!(
        issues(with("active_users", json!(-0.5))),
        one("active_users", UsageCode::Negative)
    );
    assert_eq!(
        issues(with("active_users", json!(1.5))),
        one("active_users", UsageCode::NotWhole)
    );
    assert_eq!(
        issues(with("used_storage_bytes", json!(u64::MAX))),
        vec![(
            "used_storage_bytes".into(),
            UsageCode::OutOfRange,
            vec![("max".into(), i64::MAX.to_string())]
        )]
    );
    assert_eq!(issues(with("active_users", json!(1e300))).len(), 1);
    // A whole number written as a float is that number; 2^63 as a float is still too large.
    let whole = check_item(&with("active_users", json!(1e3)), today()).unwrap();
    assert_eq!(whole.active_users, 1000);
    assert_eq!(
        issues(with("used_storage_bytes", json!(9.223_372_036_854_776e18))),
        vec![(
            "used_storage_bytes".into(),
            UsageCode::OutOfRange,
            vec![("max".into(), i64::MAX.to_string())]
        )]
    );
    assert_eq!(
        issues(with("active_users", json!("3"))),
        one("active_users", UsageCode::WrongType)
    );
    assert_eq!(
        issues(with("customer_id", json!(null))),
        one("customer_id", UsageCode::Required)
    );
    assert_eq!(
        issues(with("customer_id", json!("  "))),
        one("customer_id", UsageCode::Required)
    );
    assert_eq!(
        issues(with("customer_id", json!("c\u{0} 1"))),
        one("customer_id", UsageCode::InvalidCharacters)
    );
    assert_eq!(
        issues(with("date", json!("2026-02-30"))),
        one("date", UsageCode::InvalidDate)
    );
    assert_eq!(
        issues(with("date", json!("2026-12-08"))),
        vec![(
            "date".into(),
            UsageCode::FutureDate,
            vec![("today".into(), "2026-12-07".into())]
        )]
    );
    assert_eq!(issues(with("date", json!("2024-12-06"))).len(), 0);
    assert_eq!(
        issues(with("date", json!("2024-12-05"))),
        vec![(
            "date".into(),
            UsageCode::TooOld,
            vec![("max_days".into(), "731".into())]
        )]
    );
    assert_eq!(
        issues(with("extra", json!(1))),
        vec![(
            "sample".into(),
            UsageCode::UnknownField,
            vec![("name".into(), "extra".into())]
        )]
    );
    assert_eq!(issues(json!([1])), one("sample", UsageCode::NotAnObject));
    // Every problem of an item is reported, not just the first.
    assert_eq!(issues(json!({})).len(), 4);
}

#[test]
fn a_date_given_twice_refuses_both_and_only_those() {
    let item = |id: &str, date: &str| json!({"customer_id": id, "date": date, "used_storage_bytes": 1, "active_users": 1});
    let r = check_batch(
        &[
            item("c1", "2026-12-01"),
            item("c1", "2026-12-02"),
            item("c1", "2026-12-01"),
            item("c2", "2026-12-01"),
        ],
        today(),
    );
    assert!(r[1].is_ok() && r[3].is_ok());
    for i in [0, 2] {
        let e = r[i].as_ref().unwrap_err();
        assert_eq!(e[0].code, UsageCode::DuplicateDate);
        assert_eq!(e[0].params["count"], "2");
    }
}
