//! The list accelerator (optional, `--list-cache-mb`): an in-memory index per reseller in front
//! of the store's lists. The database answers every list correctly on its own; this only makes
//! lists of large resellers cheaper.
//!
//! - Lazy: a reseller's index is built on its first list, from one snapshot read; the database
//!   connection is returned before the index is built, on a blocking thread.
//! - Current: before answering, it reads the reseller's revision from the store's change log and
//!   applies the rows changed since (so writes by any process or plain SQL show in the next list).
//! - Bounded: indexes are evicted least recently used first once their estimated size passes the
//!   cap; a reseller whose index alone would pass it is answered by the database.

mod index;
mod postings;
mod search;
mod select;

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use domain::Customer;

pub use index::{ResellerIndex, search_text};

use crate::store::{CustomerQuery, Store, StoreResult};

/// The default memory cap in MiB (about 90,000 customers' worth).
pub const DEFAULT_CAP_MB: u64 = 256;

/// Every cached reseller's index, under a memory cap.
pub struct ListCache {
    cap: usize,
    lru: Mutex<Lru>,
}

#[derive(Default)]
struct Lru {
    slots: HashMap<String, Slot>,
    tick: u64,
    total: usize,
    /// Resellers whose index alone passes the cap: the database answers them.
    too_big: HashSet<String>,
}

struct Slot {
    index: Arc<tokio::sync::Mutex<ResellerIndex>>,
    bytes: usize,
    used: u64,
}

/// Builds an index on a blocking thread: sorting and indexing a large reseller takes long enough
/// that on a runtime worker it would stall the other requests that worker serves.
async fn build(snapshot: crate::store::Snapshot) -> StoreResult<ResellerIndex> {
    tokio::task::spawn_blocking(move || ResellerIndex::load(snapshot))
        .await
        .map_err(|e| crate::store::StoreError::Other(anyhow::anyhow!("building a list index: {e}")))
}

impl ListCache {
    /// An empty cache holding at most about `cap_bytes`.
    pub fn new(cap_bytes: u64) -> ListCache {
        ListCache {
            cap: usize::try_from(cap_bytes).unwrap_or(usize::MAX),
            lru: Mutex::default(),
        }
    }

    /// The estimated bytes held and how many resellers are cached.
    pub fn usage(&self) -> (usize, usize) {
        let lru = self.lru.lock().unwrap_or_else(|e| e.into_inner());
        (lru.total, lru.slots.len())
    }

    /// One page as the JSON the list endpoint sends (what serde writes for a `CustomerPage`).
    pub async fn page_json(
        &self,
        store: &dyn Store,
        reseller_id: &str,
        q: &CustomerQuery,
    ) -> StoreResult<String> {
        let json = self
            .with_index(store, reseller_id, |index| {
                let (count, slots) = index.select(
                    &q.filters,
                    q.sort,
                    q.descending,
                    q.offset() as usize,
                    q.per_page as usize,
                );
                // A search's total is bounded as the database bounds it (one contract).
                let (total, lower) = q.bounded_total(count as u64);
                let mut json = String::with_capacity(64 + slots.len() * 512);
                json.push_str("{\"items\":[");
                for (i, &slot) in slots.iter().enumerate() {
                    if i > 0 {
                        json.push(',');
                    }
                    json.push_str(index.customer_json(slot));
                }
                json.push_str(&format!(
                    "],\"total\":{total},\"total_is_lower_bound\":{lower},\"page\":{},\"per_page\":{}}}",
                    q.page, q.per_page
                ));
                json
            })
            .await?;
        match json {
            Some(json) => Ok(json),
            None => {
                let page = store.list_page(reseller_id, q).await?;
                let page = domain::CustomerPage {
                    items: page.items,
                    total: page.total,
                    total_is_lower_bound: page.total_is_lower_bound,
                    page: q.page,
                    per_page: q.per_page,
                };
                Ok(serde_json::to_string(&page).expect("a page serialises"))
            }
        }
    }

    /// Every matching customer in the query's order (the CSV export).
    pub async fn export(
        &self,
        store: &dyn Store,
        reseller_id: &str,
        q: &CustomerQuery,
    ) -> StoreResult<Vec<Customer>> {
        let rows = self
            .with_index(store, reseller_id, |index| {
                let (_, slots) = index.select(&q.filters, q.sort, q.descending, 0, usize::MAX);
                slots
                    .into_iter()
                    .map(|s| index.customer(s).clone())
                    .collect::<Vec<_>>()
            })
            .await?;
        match rows {
            Some(rows) => Ok(rows),
            None => store.export(reseller_id, q).await,
        }
    }

    /// Runs `f` on the reseller's index brought up to date with the store (`None`: the reseller
    /// is too big for the cache).
    async fn with_index<R>(
        &self,
        store: &dyn Store,
        reseller_id: &str,
        f: impl FnOnce(&ResellerIndex) -> R,
    ) -> StoreResult<Option<R>> {
        let index = {
            let mut lru = self.lru.lock().unwrap_or_else(|e| e.into_inner());
            if lru.too_big.contains(reseller_id) {
                return Ok(None);
            }
            lru.tick += 1;
            let tick = lru.tick;
            let slot = lru
                .slots
                .entry(reseller_id.to_owned())
                .or_insert_with(|| Slot {
                    index: Arc::default(),
                    bytes: 0,
                    used: tick,
                });
            slot.used = tick;
            slot.index.clone()
        };
        // One loader per reseller; others wait for it rather than load again.
        let mut index = index.lock().await;
        let changed = match index.rev() {
            None => {
                *index = build(store.load_reseller(reseller_id).await?).await?;
                crate::metrics::list_cache_build();
                true
            }
            Some(rev) => {
                let head = store.change_head(reseller_id).await?;
                if head == rev {
                    crate::metrics::list_cache_hit();
                    false
                } else {
                    let changes = store.changes_since(reseller_id, rev).await?;
                    if head < rev || index.should_rebuild(changes.rows.len()) {
                        *index = build(store.load_reseller(reseller_id).await?).await?;
                        crate::metrics::list_cache_build();
                    } else {
                        index.catch_up(changes);
                    }
                    true
                }
            }
        };
        let result = f(&index);
        if changed {
            let bytes = index.approx_bytes();
            drop(index);
            self.account(reseller_id, bytes);
        }
        Ok(Some(result))
    }

    /// Records a reseller's new size and evicts the least recently used others past the cap.
    fn account(&self, reseller_id: &str, bytes: usize) {
        let mut lru = self.lru.lock().unwrap_or_else(|e| e.into_inner());
        let lru = &mut *lru;
        if bytes > self.cap {
            if let Some(slot) = lru.slots.remove(reseller_id) {
                lru.total -= slot.bytes;
            }
            tracing::info!(
                reseller = reseller_id,
                bytes,
                cap = self.cap,
                "a reseller's list index passes the cap alone: its lists go to the database"
            );
            lru.too_big.insert(reseller_id.to_owned());
            return;
        }
        let Some(slot) = lru.slots.get_mut(reseller_id) else {
            return;
        };
        lru.total = lru.total - slot.bytes + bytes;
        slot.bytes = bytes;
        while lru.total > self.cap {
            let victim = lru
                .slots
                .iter()
                .filter(|(id, _)| id.as_str() != reseller_id)
                .min_by_key(|(_, s)| s.used)
                .map(|(id, _)| id.clone());
            let Some(victim) = victim else { break };
            if let Some(slot) = lru.slots.remove(&victim) {
                lru.total -= slot.bytes;
                tracing::debug!(
                    reseller = victim,
                    bytes = slot.bytes,
                    "evicted a list index"
                );
            }
        }
    }
}
