//! One reseller's customers in memory, so that a list page costs about the same at 100,000
//! customers as at 1,000: every sort order is kept as an array (a deep page is an array slice),
//! the search text is indexed by byte trigrams (bitsets for the common ones, see `postings`), and
//! the filters are flag bits. Built from a store snapshot and brought up to date from the store's
//! change log (see the parent module); it never touches the database itself.

use std::cmp::Ordering;
use std::collections::HashMap;

use domain::{Customer, CustomerStatus, StorageType};

use super::postings::{Posting, is_common, position_byte, trigrams};
use crate::store::{Changes, ListRow, Snapshot, SortKey};

/// Flag bits of a slot.
pub(super) const ALIVE: u8 = 1;
pub(super) const PENDING: u8 = 2;
pub(super) const FINNISH_S3: u8 = 4;
pub(super) const ATTENTION: u8 = 8;
pub(super) const RUNS_OUT_SOON: u8 = 16;

/// What the index keeps of one customer: the customer as the API returns it, the sort key of its
/// name, its filter bits and where its search text is.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Entry {
    seq: i64,
    customer: Customer,
    /// `customer` as JSON, so that a page is written without serialising its customers again.
    json: Box<str>,
    name_key: Box<str>,
    flags: u8,
}

/// The text `q` searches: the lower-cased name, domain and id, one per line.
pub fn search_text(c: &Customer) -> String {
    format!(
        "{}\n{}\n{}",
        c.organization_name.to_lowercase(),
        c.domain.as_deref().unwrap_or("").to_lowercase(),
        c.id.to_lowercase()
    )
}

/// A row as an entry, and its search text.
fn entry(row: ListRow) -> (Entry, String) {
    let customer = row.customer;
    let mut flags = ALIVE;
    if customer.status == CustomerStatus::PendingActivation {
        flags |= PENDING;
    }
    if customer.storage_type == StorageType::FinnishS3 {
        flags |= FINNISH_S3;
    }
    if customer.needs_attention() {
        flags |= ATTENTION;
    }
    if customer.forecast.runs_out_soon() {
        flags |= RUNS_OUT_SOON;
    }
    let json = serde_json::to_string(&customer)
        .expect("a customer serialises")
        .into();
    let key = search_text(&customer);
    let entry = Entry {
        seq: row.seq,
        customer,
        json,
        name_key: row.name_key.into(),
        flags,
    };
    (entry, key)
}

/// `a` against `b` by `key`, ties broken by id: SQLite's `ORDER BY <column>, id` (text compares
/// bytewise, NULL first; `status` and `storage_type` sort as their wire names do).
pub(super) fn compare(key: SortKey, a: &Entry, b: &Entry) -> Ordering {
    let (c, d) = (&a.customer, &b.customer);
    let by_key = match key {
        SortKey::OrganizationName => a.name_key.cmp(&b.name_key),
        SortKey::Domain => c.domain.cmp(&d.domain),
        SortKey::Status => (a.flags & PENDING).cmp(&(b.flags & PENDING)),
        SortKey::UserLicenses => c.user_licenses.cmp(&d.user_licenses),
        SortKey::LicensesInUse => c.licenses_in_use.cmp(&d.licenses_in_use),
        SortKey::ExtraStorageGb => c.extra_storage_gb.cmp(&d.extra_storage_gb),
        SortKey::StorageUsedGb => c.storage_used_gb.cmp(&d.storage_used_gb),
        SortKey::StorageType => (a.flags & FINNISH_S3).cmp(&(b.flags & FINNISH_S3)),
        SortKey::CreatedAt => c.created_at.cmp(&d.created_at),
        SortKey::UpdatedAt => c.updated_at.cmp(&d.updated_at),
        SortKey::RunsOutDays => (c.forecast.runs_out_key()).cmp(&d.forecast.runs_out_key()),
    };
    by_key.then_with(|| c.id.cmp(&d.id))
}

/// One reseller's customers as the list reads them.
#[derive(Debug, Default)]
pub struct ResellerIndex {
    /// The reseller's revision the index reflects (`None`: not loaded yet).
    pub(super) rev: Option<i64>,
    /// Customers by slot; a deleted customer leaves a dead slot (flags 0).
    pub(super) entries: Vec<Entry>,
    /// Flags by slot, apart from the entries so that filtering reads a small array.
    pub(super) flags: Vec<u8>,
    /// The search texts, one after the other (slot order after a load: a search reads them in
    /// order); `key_span[slot]` is where a slot's is.
    pub(super) keys: Vec<u8>,
    pub(super) key_span: Vec<(u32, u32)>,
    /// Bytes of `keys` no slot points to any more.
    pub(super) stale_key_bytes: usize,
    pub(super) slot_of_seq: HashMap<i64, u32>,
    /// Live slots in ascending (key, id) order, one array per sort key in [`SortKey::ALL`] order.
    pub(super) orders: Vec<Vec<u32>>,
    pub(super) grams: HashMap<[u8; 3], Posting>,
    /// Live customers per combination of the PENDING, FINNISH_S3, ATTENTION and RUNS_OUT_SOON
    /// bits.
    pub(super) cells: [usize; 16],
    pub(super) live: usize,
}

fn cell(flags: u8) -> usize {
    usize::from((flags >> 1) & 15)
}

impl ResellerIndex {
    /// Builds the index from every customer of the reseller.
    pub fn load(snapshot: Snapshot) -> ResellerIndex {
        let mut index = ResellerIndex {
            rev: Some(snapshot.rev),
            ..ResellerIndex::default()
        };
        let mut lists: HashMap<[u8; 3], Vec<(u32, u8)>> = HashMap::new();
        for row in snapshot.rows {
            let (entry, key) = entry(row);
            let slot = index.entries.len() as u32;
            for (g, at) in trigrams(key.as_bytes()) {
                lists.entry(g).or_default().push((slot, position_byte(at)));
            }
            index.push_key(&key);
            index.cells[cell(entry.flags)] += 1;
            index.flags.push(entry.flags);
            index.slot_of_seq.insert(entry.seq, slot);
            index.entries.push(entry);
        }
        let slots = index.entries.len();
        index.live = slots;
        index.orders = SortKey::ALL
            .iter()
            .map(|&key| {
                let mut order: Vec<u32> = (0..slots as u32).collect();
                let entries = &index.entries;
                order.sort_unstable_by(|&a, &b| {
                    compare(key, &entries[a as usize], &entries[b as usize])
                });
                order
            })
            .collect();
        index.grams = lists
            .into_iter()
            .map(|(g, list)| {
                let posting = if is_common(list.len(), slots) {
                    Posting::dense(list, slots)
                } else {
                    Posting::Sparse(list.into_iter().map(|(slot, _)| slot).collect())
                };
                (g, posting)
            })
            .collect();
        index
    }

    fn push_key(&mut self, key: &str) {
        let start = self.keys.len() as u32;
        self.keys.extend_from_slice(key.as_bytes());
        self.key_span.push((start, key.len() as u32));
    }

    pub(super) fn key(&self, slot: u32) -> &[u8] {
        let (start, len) = self.key_span[slot as usize];
        &self.keys[start as usize..(start + len) as usize]
    }

    /// Takes a live slot out of the orders and counts.
    fn unlink(&mut self, slot: u32) {
        let entry = &self.entries[slot as usize];
        for (i, &key) in SortKey::ALL.iter().enumerate() {
            let entries = &self.entries;
            let order = &mut self.orders[i];
            let at = order
                .binary_search_by(|&s| compare(key, &entries[s as usize], entry))
                .expect("a live slot is in every order");
            order.remove(at);
        }
        self.cells[cell(entry.flags)] -= 1;
        self.live -= 1;
    }

    /// Puts a slot (its entry in place) into the orders and counts.
    fn link(&mut self, slot: u32) {
        let entry = &self.entries[slot as usize];
        for (i, &key) in SortKey::ALL.iter().enumerate() {
            let entries = &self.entries;
            let order = &mut self.orders[i];
            let at = order
                .binary_search_by(|&s| compare(key, &entries[s as usize], entry))
                .unwrap_or_else(|at| at);
            order.insert(at, slot);
        }
        self.cells[cell(entry.flags)] += 1;
        self.live += 1;
        self.flags[slot as usize] = entry.flags;
    }

    fn unindex_key(&mut self, slot: u32) {
        let grams = trigrams(self.key(slot));
        for (g, _) in grams {
            if let Some(p) = self.grams.get_mut(&g) {
                p.remove(slot);
            }
        }
        self.stale_key_bytes += self.key_span[slot as usize].1 as usize;
    }

    fn index_key(&mut self, slot: u32, key: &str) {
        let start = self.keys.len() as u32;
        self.keys.extend_from_slice(key.as_bytes());
        self.key_span[slot as usize] = (start, key.len() as u32);
        let slots = self.entries.len();
        for (g, at) in trigrams(key.as_bytes()) {
            let posting = self
                .grams
                .entry(g)
                .or_insert_with(|| Posting::Sparse(Vec::new()));
            posting.insert(slot, position_byte(at));
            if let Posting::Sparse(list) = posting
                && is_common(list.len(), slots)
            {
                let members: Vec<(u32, u8)> = list
                    .iter()
                    .map(|&s| {
                        let (start, len) = self.key_span[s as usize];
                        let text = &self.keys[start as usize..(start + len) as usize];
                        let at = text.windows(3).position(|w| w == g).unwrap_or(0);
                        (s, position_byte(at))
                    })
                    .collect();
                *posting = Posting::dense(members, slots);
            }
        }
    }

    /// Brings one customer (by `seq`) to what the database holds now (`None`: gone).
    fn apply(&mut self, seq: i64, now: Option<(Entry, String)>) {
        let slot = self.slot_of_seq.get(&seq).copied();
        match (slot, now) {
            (Some(slot), Some((entry, key))) => {
                let same_key = self.key(slot) == key.as_bytes();
                if self.entries[slot as usize] == entry && same_key {
                    return;
                }
                self.unlink(slot);
                if !same_key {
                    self.unindex_key(slot);
                    self.index_key(slot, &key);
                }
                self.entries[slot as usize] = entry;
                self.link(slot);
            }
            (Some(slot), None) => {
                self.unlink(slot);
                self.unindex_key(slot);
                self.key_span[slot as usize] = (0, 0);
                self.flags[slot as usize] = 0;
                self.entries[slot as usize].flags = 0;
                self.slot_of_seq.remove(&seq);
            }
            (None, Some((entry, key))) => {
                let slot = self.entries.len() as u32;
                self.slot_of_seq.insert(seq, slot);
                self.entries.push(entry);
                self.flags.push(0);
                self.key_span.push((0, 0));
                self.index_key(slot, &key);
                self.link(slot);
            }
            (None, None) => {}
        }
    }

    /// The revision the index reflects (`None`: never loaded).
    pub fn rev(&self) -> Option<i64> {
        self.rev
    }

    /// Whether applying `changes` one by one would cost more than rebuilding (a bulk import),
    /// or the index has many dead slots and stale texts to compact.
    pub fn should_rebuild(&self, changes: usize) -> bool {
        let dead = self.entries.len() - self.live;
        (changes > 1_000 && changes * 8 > self.live)
            || (dead > 1_000 && dead * 4 > self.live)
            || (self.stale_key_bytes > 1 << 20 && self.stale_key_bytes * 2 > self.keys.len())
    }

    /// Applies the rows changed since the index's revision.
    pub fn catch_up(&mut self, changes: Changes) {
        for (seq, now) in changes.rows {
            self.apply(seq, now.map(entry));
        }
        self.rev = Some(changes.rev);
    }

    /// About how many bytes the index takes (for the cache's memory cap).
    pub fn approx_bytes(&self) -> usize {
        let per_entry = std::mem::size_of::<Entry>() + 1 + 8 + 10 * 4 + 32;
        let strings: usize = self
            .entries
            .iter()
            .map(|e| e.json.len() * 2 + e.name_key.len() + 64 * e.customer.notify_emails.len())
            .sum();
        let grams: usize = self
            .grams
            .values()
            .map(|p| match p {
                Posting::Sparse(v) => v.capacity() * 4 + 48,
                Posting::Dense { bits, at } => bits.capacity() * 8 + at.capacity() + 48,
            })
            .sum();
        self.entries.len() * per_entry + strings + self.keys.capacity() + grams
    }

    /// The customer in a slot that [`ResellerIndex::select`] returned.
    pub fn customer(&self, slot: u32) -> &Customer {
        &self.entries[slot as usize].customer
    }

    /// The customer in a slot as JSON (what serde writes for it).
    pub fn customer_json(&self, slot: u32) -> &str {
        &self.entries[slot as usize].json
    }
}
