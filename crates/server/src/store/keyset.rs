//! Keyset paging for the next page: where each recently served page ended (its last row's sort
//! key and id), so that the following page is read from there in the sort index instead of
//! skipping its offset again. A bookmark holds only while the reseller's revision in the change
//! log is the one it was made at: any write to the reseller's customers makes offsets move.

use std::collections::HashMap;
use std::sync::Mutex;

use domain::Customer;

use crate::store::{CustomerQuery, Filters, SortKey};

/// At most this many bookmarks are kept (then they are all dropped: they are only a shortcut).
const MAX_BOOKMARKS: usize = 10_000;

/// A sort key's value (`Null`: a customer without a domain).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyValue {
    Null,
    Int(i64),
    Text(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Place {
    reseller_id: String,
    filters: Filters,
    sort: SortKey,
    descending: bool,
    /// How many matching rows come before the bookmark's successor.
    offset: u64,
}

#[derive(Debug, Clone)]
struct Bookmark {
    rev: i64,
    key: KeyValue,
    id: String,
}

/// The bookmarks of one store.
#[derive(Debug, Default)]
pub struct Bookmarks(Mutex<HashMap<Place, Bookmark>>);

fn place(reseller_id: &str, q: &CustomerQuery, offset: u64) -> Place {
    Place {
        reseller_id: reseller_id.to_owned(),
        filters: q.filters.clone(),
        sort: q.sort,
        descending: q.descending,
        offset,
    }
}

/// The value a customer sorts by (`name_key`: its stored lower-cased name).
pub fn key_of(sort: SortKey, c: &Customer, name_key: &str) -> KeyValue {
    match sort {
        SortKey::OrganizationName => KeyValue::Text(name_key.to_owned()),
        SortKey::Domain => c.domain.clone().map_or(KeyValue::Null, KeyValue::Text),
        SortKey::Status => KeyValue::Text(c.status.as_str().to_owned()),
        SortKey::UserLicenses => KeyValue::Int(i64::from(c.user_licenses)),
        SortKey::LicensesInUse => KeyValue::Int(i64::from(c.licenses_in_use)),
        SortKey::ExtraStorageGb => KeyValue::Int(c.extra_storage_gb as i64),
        SortKey::StorageUsedGb => KeyValue::Int(c.storage_used_gb as i64),
        SortKey::StorageType => KeyValue::Text(c.storage_type.as_str().to_owned()),
        SortKey::CreatedAt => KeyValue::Text(c.created_at.clone()),
        SortKey::UpdatedAt => KeyValue::Text(c.updated_at.clone()),
        SortKey::RunsOutDays => KeyValue::Int(i64::from(c.forecast.runs_out_key())),
    }
}

impl Bookmarks {
    /// Where the page at `q` starts, if a page ending there was served at revision `rev`.
    pub fn find(
        &self,
        reseller_id: &str,
        q: &CustomerQuery,
        rev: i64,
    ) -> Option<(KeyValue, String)> {
        let map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.get(&place(reseller_id, q, q.offset()))
            .filter(|b| b.rev == rev)
            .map(|b| (b.key.clone(), b.id.clone()))
    }

    /// Records that the rows before `offset` end with the row (`key`, `id`) at revision `rev`.
    pub fn remember(
        &self,
        reseller_id: &str,
        q: &CustomerQuery,
        offset: u64,
        rev: i64,
        key: KeyValue,
        id: String,
    ) {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= MAX_BOOKMARKS {
            map.clear();
        }
        map.insert(place(reseller_id, q, offset), Bookmark { rev, key, id });
    }
}
