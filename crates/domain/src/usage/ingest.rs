//! Checking an ingestion batch item by item: every item gets its own result, so the valid items
//! of a batch are stored even when others are refused. Items are read from raw JSON so that a
//! negative or huge number is one item's issue, not a refusal of the whole body.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::date::parse_day;

/// The most samples one batch may carry (more: the whole batch is refused, `too_many_samples`).
pub const MAX_BATCH: usize = 1000;
/// Samples older than this many days before today are refused (`too_old`).
pub const MAX_AGE_DAYS: i32 = 731;
/// The largest `used_storage_bytes` (a signed 64-bit column on both databases).
pub const MAX_STORAGE_BYTES: u64 = i64::MAX as u64;
/// The longest customer id the endpoint reads.
pub const MAX_CUSTOMER_ID_CHARS: usize = 100;

/// Why one item of a batch is refused. Never renamed: clients translate by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum UsageCode {
    /// The item is not a JSON object.
    NotAnObject,
    /// A field the sample does not have (`name`).
    UnknownField,
    /// The field is missing or null.
    Required,
    /// Not of the field's type (a string for ids and dates, a number for counts).
    WrongType,
    /// A customer id with control characters (no id has them).
    InvalidCharacters,
    /// A count below zero.
    Negative,
    /// A count with a fraction.
    NotWhole,
    /// A count above `max`, or an id longer than `max` characters.
    OutOfRange,
    /// Not a `YYYY-MM-DD` calendar date.
    InvalidDate,
    /// A date after today (`today`).
    FutureDate,
    /// A date more than `max_days` days before today.
    TooOld,
    /// No customer of the caller's has this id (also another reseller's customer).
    UnknownCustomer,
    /// The same customer and date appear `count` times in the batch: all of them are refused.
    DuplicateDate,
}

/// One refusal of one item: the field (`customer_id`, `date`, `used_storage_bytes`,
/// `active_users`, or `sample` for the item as a whole), a code and its parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UsageIssue {
    /// The item's member the issue is about.
    pub field: String,
    /// What is wrong.
    pub code: UsageCode,
    /// The values the message needs (e.g. `max`).
    #[serde(default)]
    pub params: BTreeMap<String, String>,
}

impl UsageIssue {
    /// An issue without parameters.
    pub fn new(field: &str, code: UsageCode) -> Self {
        UsageIssue {
            field: field.to_owned(),
            code,
            params: BTreeMap::new(),
        }
    }

    /// Adds a parameter.
    pub fn with(mut self, key: &str, value: impl ToString) -> Self {
        self.params.insert(key.to_owned(), value.to_string());
        self
    }
}

/// An item that passed every check the domain can make (the server checks the customer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedSample {
    /// The customer, trimmed (not yet known to belong to the caller).
    pub customer_id: String,
    /// Day number (`parse_day`).
    pub day: i32,
    /// Storage used that day, in bytes.
    pub used_storage_bytes: u64,
    /// Users active that day.
    pub active_users: u32,
}

const FIELDS: [&str; 4] = ["customer_id", "date", "used_storage_bytes", "active_users"];

/// Checks every item of a batch against `today` (a day number): each is a sample or its issues,
/// in order. Duplicated (customer, date) pairs are refused in every place they appear.
pub fn check_batch(items: &[Value], today: i32) -> Vec<Result<CheckedSample, Vec<UsageIssue>>> {
    let mut results: Vec<_> = items.iter().map(|v| check_item(v, today)).collect();
    let mut count: HashMap<(&str, i32), usize> = HashMap::new();
    for s in results.iter().flatten() {
        *count.entry((s.customer_id.as_str(), s.day)).or_default() += 1;
    }
    let dup: HashMap<(String, i32), usize> = count
        .into_iter()
        .filter(|&(_, n)| n > 1)
        .map(|((id, day), n)| ((id.to_owned(), day), n))
        .collect();
    for r in &mut results {
        let n = match r {
            Ok(s) => dup.get(&(s.customer_id.clone(), s.day)).copied(),
            Err(_) => None,
        };
        if let Some(n) = n {
            *r = Err(vec![
                UsageIssue::new("date", UsageCode::DuplicateDate).with("count", n),
            ]);
        }
    }
    results
}

/// Checks one item.
pub fn check_item(item: &Value, today: i32) -> Result<CheckedSample, Vec<UsageIssue>> {
    let Some(obj) = item.as_object() else {
        return Err(vec![UsageIssue::new("sample", UsageCode::NotAnObject)]);
    };
    let unknown = obj.keys().filter(|k| !FIELDS.contains(&k.as_str()));
    let mut issues: Vec<UsageIssue> = unknown
        .map(|k| UsageIssue::new("sample", UsageCode::UnknownField).with("name", k))
        .collect();
    let get = |name: &str| obj.get(name).filter(|v| !v.is_null());
    let text = |name: &str| match get(name) {
        None => Err(UsageIssue::new(name, UsageCode::Required)),
        Some(Value::String(s)) => Ok(s.trim()),
        Some(_) => Err(UsageIssue::new(name, UsageCode::WrongType)),
    };
    let customer_id = text("customer_id").and_then(|id| {
        let issue = |code| UsageIssue::new("customer_id", code);
        match id.chars().count() {
            0 => Err(issue(UsageCode::Required)),
            _ if id.chars().any(char::is_control) => Err(issue(UsageCode::InvalidCharacters)),
            n if n > MAX_CUSTOMER_ID_CHARS => {
                Err(issue(UsageCode::OutOfRange).with("max", MAX_CUSTOMER_ID_CHARS))
            }
            _ => Ok(id.to_owned()),
        }
    });
    let day = text("date").and_then(|s| {
        let issue = |code| UsageIssue::new("date", code);
        match parse_day(s) {
            None => Err(issue(UsageCode::InvalidDate)),
            Some(d) if d > today => {
                Err(issue(UsageCode::FutureDate).with("today", super::format_day(today)))
            }
            Some(d) if d < today - MAX_AGE_DAYS => {
                Err(issue(UsageCode::TooOld).with("max_days", MAX_AGE_DAYS))
            }
            Some(d) => Ok(d),
        }
    });
    let bytes = count(
        get("used_storage_bytes"),
        "used_storage_bytes",
        MAX_STORAGE_BYTES,
    );
    let users = count(get("active_users"), "active_users", u64::from(u32::MAX));
    match (customer_id, day, bytes, users) {
        (Ok(customer_id), Ok(day), Ok(bytes), Ok(users)) if issues.is_empty() => {
            Ok(CheckedSample {
                customer_id,
                day,
                used_storage_bytes: bytes,
                active_users: users as u32,
            })
        }
        (id, day, bytes, users) => {
            issues.extend(id.err());
            issues.extend(day.err());
            issues.extend(bytes.err());
            issues.extend(users.err());
            Err(issues)
        }
    }
}

/// A whole number in `0..=max`.
fn count(value: Option<&Value>, name: &str, max: u64) -> Result<u64, UsageIssue> {
    let issue = |code| UsageIssue::new(name, code);
    match value {
        None => Err(issue(UsageCode::Required)),
        Some(Value::Number(n)) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(v), _, _) if v <= max => Ok(v),
            (Some(_), _, _) => Err(issue(UsageCode::OutOfRange).with("max", max)),
            (None, Some(_), _) => Err(issue(UsageCode::Negative)),
            (None, None, Some(f)) if f < 0.0 => Err(issue(UsageCode::Negative)),
            (None, None, Some(f)) if f.fract() != 0.0 => Err(issue(UsageCode::NotWhole)),
            // A whole number written as a float (`100.0`, `1e3`) is that number.
            (None, None, Some(f)) if f < max as f64 && (f as u64) <= max => Ok(f as u64),
            _ => Err(issue(UsageCode::OutOfRange).with("max", max)),
        },
        Some(_) => Err(issue(UsageCode::WrongType)),
    }
}
