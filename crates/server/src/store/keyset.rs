//! Keyset paging: where recently served pages ended (their last row's sort key and id) and, for
//! deep pages, landmarks every [`LANDMARK_EVERY`] rows, so that a page is read from the nearest
//! one before it in the sort index instead of skipping its whole offset. A bookmark holds only
//! while the reseller's revision in the change log is the one it was made at: any write to the
//! reseller's customers makes offsets move.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use domain::Customer;

use crate::store::{CustomerQuery, Filters, SortKey};

/// At most this many walks (a reseller, filters and order) keep bookmarks (then they are all
/// dropped: they are only a shortcut).
const MAX_WALKS: usize = 1_000;
/// At most this many bookmarks per walk (then the walk's are dropped).
const MAX_PER_WALK: usize = 10_000;
/// At most this many bookmarks in all (then they are all dropped): each is a sort key and an id,
/// so this keeps them to about 10 MB whatever searches and filters clients send.
const MAX_ENTRIES: usize = 100_000;
/// A deep page laid landmarks every this many rows up to its offset (`store/sql/list.rs`): a
/// later page at the same revision skips fewer rows than this from the nearest one.
pub const LANDMARK_EVERY: u64 = 1_000;

/// A sort key's value (`Null`: a customer without a domain).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyValue {
    Null,
    Int(i64),
    Text(String),
}

/// One order over one set of rows: a reseller's customers matching filters, by a sort.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Walk {
    reseller_id: String,
    filters: Filters,
    sort: SortKey,
    descending: bool,
}

/// The bookmarks of one walk at one revision, by how many matching rows come before the
/// bookmarked row's successor.
#[derive(Debug)]
struct Marks {
    rev: i64,
    at: BTreeMap<u64, (KeyValue, String)>,
}

/// The bookmarks of one store.
#[derive(Debug, Default)]
pub struct Bookmarks(Mutex<HashMap<Walk, Marks>>);

fn walk(reseller_id: &str, q: &CustomerQuery) -> Walk {
    Walk {
        reseller_id: reseller_id.to_owned(),
        filters: q.filters.clone(),
        sort: q.sort,
        descending: q.descending,
    }
}

/// Where a page starts from: `offset` rows come before the successor of the row (`key`, `id`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bookmark {
    /// How many matching rows come before the row after the bookmarked one.
    pub offset: u64,
    /// The bookmarked row's sort key.
    pub key: KeyValue,
    /// The bookmarked row's id (the tie-breaker of every sort).
    pub id: String,
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
    /// The nearest bookmark at or before the page at `q` made at revision `rev`, if any.
    pub fn find(&self, reseller_id: &str, q: &CustomerQuery, rev: i64) -> Option<Bookmark> {
        if q.offset() == 0 {
            return None;
        }
        let map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let marks = map.get(&walk(reseller_id, q)).filter(|m| m.rev == rev)?;
        let (&offset, (key, id)) = marks.at.range(1..=q.offset()).next_back()?;
        Some(Bookmark {
            offset,
            key: key.clone(),
            id: id.clone(),
        })
    }

    /// Records that the rows before `offset` end with the row (`key`, `id`) at revision `rev`; a
    /// newer revision drops the walk's older bookmarks (any write moves offsets).
    pub fn remember(
        &self,
        reseller_id: &str,
        q: &CustomerQuery,
        rev: i64,
        marks: impl IntoIterator<Item = Bookmark>,
    ) {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let walk = walk(reseller_id, q);
        let marks: Vec<Bookmark> = marks.into_iter().collect();
        let held: usize = map.values().map(|m| m.at.len()).sum();
        if (map.len() >= MAX_WALKS && !map.contains_key(&walk)) || held + marks.len() > MAX_ENTRIES
        {
            map.clear();
        }
        let entry = map.entry(walk).or_insert_with(|| Marks {
            rev,
            at: BTreeMap::new(),
        });
        if entry.rev > rev {
            // Read from an older snapshot than the walk's bookmarks: not worth keeping.
            return;
        }
        if entry.rev < rev || entry.at.len() >= MAX_PER_WALK {
            entry.rev = rev;
            entry.at.clear();
        }
        for m in marks {
            entry.at.insert(m.offset, (m.key, m.id));
        }
    }
}
