//! Rows to domain values: the customer columns every query selects, in one order.

use domain::{ActivationEmail, Customer, CustomerStatus, Forecast, RunsOut, StorageType};
use sqlx::Row;

use super::Row as DbRow;

/// The columns [`customer`] reads, in order (prefix them with `c.` in joins).
pub const CUSTOMER_COLUMNS: &str = "c.id, c.organization_name, c.domain, c.user_licenses, \
     c.extra_storage_gb, c.notify_emails, c.storage_type, c.status, c.licenses_in_use, \
     c.storage_used_gb, c.usage_updated_at, c.created_at, c.updated_at, c.version, c.activation_email, \
     c.forecast_storage, c.forecast_licenses";
/// How many columns [`CUSTOMER_COLUMNS`] names: a query's next column is at this index.
pub const CUSTOMER_COLUMN_COUNT: usize = column_count(CUSTOMER_COLUMNS);

/// The number of comma-separated names in `list` (at compile time, so it cannot drift).
const fn column_count(list: &str) -> usize {
    let bytes = list.as_bytes();
    let (mut i, mut n) = (0, 1);
    while i < bytes.len() {
        if bytes[i] == b',' {
            n += 1;
        }
        i += 1;
    }
    n
}

fn bad(column: usize, what: &str) -> sqlx::Error {
    sqlx::Error::ColumnDecode {
        index: column.to_string(),
        source: what.to_owned().into(),
    }
}

/// Reads a customer selected with [`CUSTOMER_COLUMNS`] starting at column `at`.
pub fn customer(row: &DbRow, at: usize) -> Result<Customer, sqlx::Error> {
    let int = |i: usize| row.try_get::<i64, _>(at + i);
    let notify: String = row.try_get(at + 5)?;
    let storage_type: String = row.try_get(at + 6)?;
    let status: String = row.try_get(at + 7)?;
    let activation_email: String = row.try_get(at + 14)?;
    let runs_out = |i: usize| -> Result<RunsOut, sqlx::Error> {
        let code: String = row.try_get(at + i)?;
        RunsOut::from_code(&code).ok_or_else(|| bad(at + i, "unknown forecast"))
    };
    Ok(Customer {
        id: row.try_get(at)?,
        organization_name: row.try_get(at + 1)?,
        domain: row.try_get(at + 2)?,
        user_licenses: u32::try_from(int(3)?)
            .map_err(|_| bad(at + 3, "user_licenses out of range"))?,
        extra_storage_gb: u64::try_from(int(4)?)
            .map_err(|_| bad(at + 4, "extra_storage_gb out of range"))?,
        notify_emails: serde_json::from_str(&notify)
            .map_err(|_| bad(at + 5, "notify_emails is not a JSON array"))?,
        storage_type: StorageType::from_wire(&storage_type)
            .ok_or_else(|| bad(at + 6, "unknown storage_type"))?,
        status: CustomerStatus::from_wire(&status).ok_or_else(|| bad(at + 7, "unknown status"))?,
        licenses_in_use: u32::try_from(int(8)?)
            .map_err(|_| bad(at + 8, "licenses_in_use out of range"))?,
        storage_used_gb: u64::try_from(int(9)?)
            .map_err(|_| bad(at + 9, "storage_used_gb out of range"))?,
        usage_updated_at: row.try_get(at + 10)?,
        created_at: row.try_get(at + 11)?,
        updated_at: row.try_get(at + 12)?,
        version: row.try_get(at + 13)?,
        activation_email: ActivationEmail::from_wire(&activation_email)
            .ok_or_else(|| bad(at + 14, "unknown activation_email"))?,
        forecast: Forecast {
            storage: runs_out(15)?,
            licenses: runs_out(16)?,
        },
    })
}

/// A JSON text column as a value (null when absent or not JSON).
pub fn json(text: Option<String>) -> serde_json::Value {
    text.and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or(serde_json::Value::Null)
}
