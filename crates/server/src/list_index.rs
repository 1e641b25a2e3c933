//! An in-memory read index of each reseller's customers, so that a list page costs about the same
//! at 100,000 customers as at 1,000: every sort order is kept as an array (a deep page is an array
//! slice), the search text is indexed by byte trigrams (bitsets for the common ones), and the
//! filters are flag bits.
//!
//! SQLite stays the store of record. Triggers (migration 0003) give every reseller a revision
//! number that grows with each insert, update or delete of one of its customers and log which rows
//! changed at which revision. Before answering, the index reads the reseller's revision in the
//! caller's read transaction and reloads the rows that changed since it last looked, so every write
//! — through the API, the seeding code or plain SQL — is seen by the next list, and the page's rows
//! are then read from that same snapshot.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use domain::{Customer, CustomerStatus, StorageType};
use rusqlite::{Connection, OptionalExtension, Row};

use crate::customers::{Filters, SortKey};
use crate::db::{CUSTOMER_COLUMNS, customer_from_row};

/// Flag bits of a slot.
const ALIVE: u8 = 1;
const PENDING: u8 = 2;
const FINNISH_S3: u8 = 4;
const ATTENTION: u8 = 8;

/// What the index keeps of one customer: the customer as the API returns it, the sort key of its
/// name, its filter bits and where its search text is.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    seq: i64,
    customer: Customer,
    name_key: Box<str>,
    flags: u8,
}

/// [`CUSTOMER_COLUMNS`] and then these.
const EXTRA_COLUMNS: &str = "seq, name_key, attention, search_key";

fn entry_from_row(r: &Row<'_>) -> rusqlite::Result<(Entry, String)> {
    let customer = customer_from_row(r)?;
    let mut flags = ALIVE;
    if customer.status == CustomerStatus::PendingActivation {
        flags |= PENDING;
    }
    if customer.storage_type == StorageType::FinnishS3 {
        flags |= FINNISH_S3;
    }
    if r.get::<_, i64>(16)? != 0 {
        flags |= ATTENTION;
    }
    let entry = Entry {
        seq: r.get(14)?,
        customer,
        name_key: r.get::<_, String>(15)?.into(),
        flags,
    };
    Ok((entry, r.get(17)?))
}

/// `a` against `b` by `key`, ties broken by id: SQLite's `ORDER BY <column>, id` (text compares
/// bytewise, NULL first; `status` and `storage_type` sort as their wire names do).
fn compare(key: SortKey, a: &Entry, b: &Entry) -> Ordering {
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
    };
    by_key.then_with(|| c.id.cmp(&d.id))
}

/// The slots holding one trigram: a sorted list while few, a bitset once common.
#[derive(Debug, Clone)]
enum Posting {
    Sparse(Vec<u32>),
    Dense(Vec<u64>),
}

impl Posting {
    fn insert(&mut self, slot: u32, slots: usize) {
        match self {
            Posting::Sparse(v) => {
                if let Err(at) = v.binary_search(&slot) {
                    v.insert(at, slot);
                }
                // A list over 1/32 of the slots takes more room than a bitset.
                if v.len() > 64 && v.len() * 32 > slots {
                    let mut bits = vec![0u64; slots.div_ceil(64)];
                    for &s in v.iter() {
                        bits[s as usize / 64] |= 1 << (s % 64);
                    }
                    *self = Posting::Dense(bits);
                }
            }
            Posting::Dense(bits) => {
                let word = slot as usize / 64;
                if word >= bits.len() {
                    bits.resize(word + 1, 0);
                }
                bits[word] |= 1 << (slot % 64);
            }
        }
    }

    fn remove(&mut self, slot: u32) {
        match self {
            Posting::Sparse(v) => {
                if let Ok(at) = v.binary_search(&slot) {
                    v.remove(at);
                }
            }
            Posting::Dense(bits) => {
                if let Some(w) = bits.get_mut(slot as usize / 64) {
                    *w &= !(1 << (slot % 64));
                }
            }
        }
    }

    fn contains(&self, slot: u32) -> bool {
        match self {
            Posting::Sparse(v) => v.binary_search(&slot).is_ok(),
            Posting::Dense(bits) => bits
                .get(slot as usize / 64)
                .is_some_and(|w| w & (1 << (slot % 64)) != 0),
        }
    }

    /// How many slots it holds at most (a bitset counts as its size: only used to pick the
    /// smallest list).
    fn weight(&self) -> usize {
        match self {
            Posting::Sparse(v) => v.len(),
            Posting::Dense(bits) => bits.len() * 64,
        }
    }
}

/// The distinct byte trigrams of a text.
fn trigrams(text: &[u8]) -> Vec<[u8; 3]> {
    let mut grams: Vec<[u8; 3]> = text.windows(3).map(|w| [w[0], w[1], w[2]]).collect();
    grams.sort_unstable();
    grams.dedup();
    grams
}

/// Whether `haystack` contains `needle` (not empty): candidates where the first and last
/// bytes match, checked in blocks of 32 positions (the compiler turns the block into vector
/// compares), then compared in full.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    let n = needle.len();
    if n > haystack.len() {
        return false;
    }
    let (first, last) = (needle[0], needle[n - 1]);
    let starts = haystack.len() - n + 1;
    let mut at = 0;
    while at < starts {
        let block = (starts - at).min(32);
        let mut mask: u32 = 0;
        for i in 0..block {
            let hit = (haystack[at + i] == first) & (haystack[at + i + n - 1] == last);
            mask |= u32::from(hit) << i;
        }
        while mask != 0 {
            let i = at + mask.trailing_zeros() as usize;
            if haystack[i..i + n] == *needle {
                return true;
            }
            mask &= mask - 1;
        }
        at += block;
    }
    false
}

/// One reseller's customers as the list reads them.
#[derive(Debug, Default)]
pub struct ResellerIndex {
    /// The reseller's revision the index reflects (`None`: not loaded yet).
    rev: Option<i64>,
    /// Customers by slot; a deleted customer leaves a dead slot (flags 0).
    entries: Vec<Entry>,
    /// Flags by slot, apart from the entries so that filtering reads a small array.
    flags: Vec<u8>,
    /// The search texts, one after the other (slot order after a load: a search reads them in
    /// order); `key_span[slot]` is where a slot's is.
    keys: Vec<u8>,
    key_span: Vec<(u32, u32)>,
    /// Bytes of `keys` no slot points to any more.
    stale_key_bytes: usize,
    slot_of_seq: HashMap<i64, u32>,
    /// Live slots in ascending (key, id) order, one array per sort key in [`SortKey::ALL`] order.
    orders: Vec<Vec<u32>>,
    grams: HashMap<[u8; 3], Posting>,
    /// Live customers per combination of the PENDING, FINNISH_S3 and ATTENTION bits.
    cells: [usize; 8],
    live: usize,
}

fn cell(flags: u8) -> usize {
    usize::from((flags >> 1) & 7)
}

impl ResellerIndex {
    /// Rebuilds the index from every customer of the reseller.
    fn load(&mut self, conn: &Connection, reseller_id: &str, rev: i64) -> rusqlite::Result<()> {
        let mut index = ResellerIndex {
            rev: Some(rev),
            ..ResellerIndex::default()
        };
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {CUSTOMER_COLUMNS}, {EXTRA_COLUMNS} FROM customers WHERE reseller_id = ?1 ORDER BY seq"
        ))?;
        let mut lists: HashMap<[u8; 3], Vec<u32>> = HashMap::new();
        for row in stmt.query_map([reseller_id], entry_from_row)? {
            let (entry, key) = row?;
            let slot = index.entries.len() as u32;
            for g in trigrams(key.as_bytes()) {
                lists.entry(g).or_default().push(slot);
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
                let posting = if list.len() > 64 && list.len() * 32 > slots {
                    let mut bits = vec![0u64; slots.div_ceil(64)];
                    for s in list {
                        bits[s as usize / 64] |= 1 << (s % 64);
                    }
                    Posting::Dense(bits)
                } else {
                    Posting::Sparse(list)
                };
                (g, posting)
            })
            .collect();
        *self = index;
        Ok(())
    }

    fn push_key(&mut self, key: &str) {
        let start = self.keys.len() as u32;
        self.keys.extend_from_slice(key.as_bytes());
        self.key_span.push((start, key.len() as u32));
    }

    fn key(&self, slot: u32) -> &[u8] {
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
        for g in grams {
            if let Some(p) = self.grams.get_mut(&g) {
                p.remove(slot);
            }
        }
        self.stale_key_bytes += self.key_span[slot as usize].1 as usize;
    }

    fn index_key(&mut self, slot: u32, key: &str) {
        let slots = self.entries.len();
        for g in trigrams(key.as_bytes()) {
            self.grams
                .entry(g)
                .or_insert_with(|| Posting::Sparse(Vec::new()))
                .insert(slot, slots);
        }
        let start = self.keys.len() as u32;
        self.keys.extend_from_slice(key.as_bytes());
        self.key_span[slot as usize] = (start, key.len() as u32);
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

    /// Applies the changes logged after `self.rev` up to `rev`.
    fn catch_up(&mut self, conn: &Connection, reseller_id: &str, rev: i64) -> rusqlite::Result<()> {
        let Some(from) = self.rev.filter(|&from| from <= rev) else {
            return self.load(conn, reseller_id, rev);
        };
        let changed: Vec<i64> = conn
            .prepare_cached(
                "SELECT seq FROM customer_revs WHERE reseller_id = ?1 AND rev > ?2 AND rev <= ?3",
            )?
            .query_map(rusqlite::params![reseller_id, from, rev], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        // Many changes (a bulk import), or many dead slots and stale texts: rebuilding is cheaper
        // and compacts.
        let dead = self.entries.len() - self.live;
        if (changed.len() > 1_000 && changed.len() * 8 > self.live)
            || (dead > 1_000 && dead * 4 > self.live)
            || (self.stale_key_bytes > 1 << 20 && self.stale_key_bytes * 2 > self.keys.len())
        {
            return self.load(conn, reseller_id, rev);
        }
        let mut read = conn.prepare_cached(&format!(
            "SELECT {CUSTOMER_COLUMNS}, {EXTRA_COLUMNS} FROM customers WHERE seq = ?1 AND reseller_id = ?2"
        ))?;
        for seq in changed {
            let now = read
                .query_row(rusqlite::params![seq, reseller_id], entry_from_row)
                .optional()?;
            self.apply(seq, now);
        }
        self.rev = Some(rev);
        Ok(())
    }

    /// The flag mask and value a slot must have to pass the filters (apart from `q`).
    fn filter_bits(f: &Filters) -> (u8, u8) {
        let (mut mask, mut want) = (ALIVE, ALIVE);
        if let Some(s) = f.status {
            mask |= PENDING;
            if s == domain::CustomerStatus::PendingActivation {
                want |= PENDING;
            }
        }
        if let Some(t) = f.storage_type {
            mask |= FINNISH_S3;
            if t == domain::StorageType::FinnishS3 {
                want |= FINNISH_S3;
            }
        }
        if f.attention {
            mask |= ATTENTION;
            want |= ATTENTION;
        }
        (mask, want)
    }

    /// The live slots whose search text contains `q`, ascending, passing the filter bits.
    fn search(&self, q: &[u8], mask: u8, want: u8) -> Vec<u32> {
        let passes = |slot: u32| self.flags[slot as usize] & mask == want;
        if q.len() < 3 {
            // One or two bytes: no trigram to look up; a scan.
            return (0..self.entries.len() as u32)
                .filter(|&s| passes(s) && contains(self.key(s), q))
                .collect();
        }
        let mut postings = Vec::new();
        for g in trigrams(q) {
            match self.grams.get(&g) {
                Some(p) => postings.push(p),
                None => return Vec::new(),
            }
        }
        postings.sort_by_key(|p| p.weight());
        // A trigram of q that is all of q needs no check of the text.
        let exact = q.len() == 3;
        let verify = |slot: u32| passes(slot) && (exact || contains(self.key(slot), q));
        let mut found = Vec::new();
        match postings[0] {
            Posting::Sparse(list) => {
                for &slot in list {
                    if postings[1..].iter().all(|p| p.contains(slot)) && verify(slot) {
                        found.push(slot);
                    }
                }
            }
            Posting::Dense(_) => {
                // Every posting is a bitset: AND them a word at a time.
                let words = self.entries.len().div_ceil(64);
                for w in 0..words {
                    let mut bits = !0u64;
                    for p in &postings {
                        if let Posting::Dense(b) = p {
                            bits &= b.get(w).copied().unwrap_or(0);
                        }
                    }
                    while bits != 0 {
                        let slot = (w * 64) as u32 + bits.trailing_zeros();
                        if verify(slot) {
                            found.push(slot);
                        }
                        bits &= bits - 1;
                    }
                }
            }
        }
        found
    }

    /// The matching customers' total and `limit` of them from `offset` on, in the requested order.
    pub fn select(
        &self,
        filters: &Filters,
        sort: SortKey,
        descending: bool,
        offset: usize,
        limit: usize,
    ) -> (usize, Vec<Customer>) {
        let (mask, want) = Self::filter_bits(filters);
        let key = SortKey::ALL
            .iter()
            .position(|k| *k == sort)
            .expect("every sort key has an order");
        let order = &self.orders[key];
        let customer = |slot: &u32| self.entries[*slot as usize].customer.clone();
        let Some(q) = filters.q.as_deref() else {
            let total: usize = (0..8)
                .filter(|&c| (((c as u8) << 1) | ALIVE) & mask == want)
                .map(|c| self.cells[c])
                .sum();
            if offset >= total {
                return (total, Vec::new());
            }
            let seqs = if mask == ALIVE {
                // No filter: the page is a slice of the order.
                let end = (offset + limit).min(total);
                if descending {
                    order[total - end..total - offset]
                        .iter()
                        .rev()
                        .map(customer)
                        .collect()
                } else {
                    order[offset..end].iter().map(customer).collect()
                }
            } else {
                walk(order, descending, offset, limit, |s| {
                    self.flags[s as usize] & mask == want
                })
                .iter()
                .map(customer)
                .collect()
            };
            return (total, seqs);
        };
        let mut found = self.search(q.as_bytes(), mask, want);
        let total = found.len();
        if offset >= total {
            return (total, Vec::new());
        }
        // Walking the order visits about (offset + limit) × live / total slots; sorting the matches
        // compares about total × log2(total) pairs, each dearer than a visit.
        let walk_cost = (offset + limit).saturating_mul(self.live) / total;
        let sort_cost = total * (usize::BITS - total.leading_zeros()) as usize * 4;
        let page: Vec<u32> = if walk_cost <= sort_cost {
            let mut member = vec![0u64; self.entries.len().div_ceil(64)];
            for &s in &found {
                member[s as usize / 64] |= 1 << (s % 64);
            }
            walk(order, descending, offset, limit, |s| {
                member[s as usize / 64] & (1 << (s % 64)) != 0
            })
        } else {
            let cmp = |a: &u32, b: &u32| {
                let o = compare(sort, &self.entries[*a as usize], &self.entries[*b as usize]);
                if descending { o.reverse() } else { o }
            };
            let end = (offset + limit).min(total);
            if end < total {
                found.select_nth_unstable_by(end, cmp);
            }
            let window = &mut found[..end];
            if offset > 0 {
                window.select_nth_unstable_by(offset, cmp);
            }
            let page = &mut window[offset..];
            page.sort_unstable_by(cmp);
            page.to_vec()
        };
        (total, page.iter().map(customer).collect())
    }
}

/// The `limit` slots from the `offset`th on that pass `keep`, in `order` (or reversed).
fn walk(
    order: &[u32],
    descending: bool,
    offset: usize,
    limit: usize,
    keep: impl Fn(u32) -> bool,
) -> Vec<u32> {
    let mut passing = 0;
    let mut page = Vec::with_capacity(limit.min(order.len()));
    let mut visit = |s: u32| {
        if keep(s) {
            if passing >= offset {
                page.push(s);
            }
            passing += 1;
        }
        page.len() < limit
    };
    if descending {
        for &s in order.iter().rev() {
            if !visit(s) {
                break;
            }
        }
    } else {
        for &s in order {
            if !visit(s) {
                break;
            }
        }
    }
    page
}

/// Every reseller's index (built on its first list).
#[derive(Default)]
pub struct Indexes {
    resellers: Mutex<HashMap<String, Arc<Mutex<ResellerIndex>>>>,
}

impl Indexes {
    /// Runs `f` on the reseller's index brought up to date with what `conn` sees. Call it inside
    /// the read transaction that then reads the page's rows, before that transaction reads
    /// anything: the index is locked before the snapshot starts, so it never runs ahead of it.
    pub fn read<R>(
        &self,
        conn: &Connection,
        reseller_id: &str,
        f: impl FnOnce(&ResellerIndex) -> R,
    ) -> rusqlite::Result<R> {
        let index = self
            .resellers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(reseller_id.to_owned())
            .or_default()
            .clone();
        let mut index = index.lock().unwrap_or_else(|e| e.into_inner());
        let rev: i64 = conn
            .prepare_cached("SELECT rev FROM customer_rev_head WHERE reseller_id = ?1")?
            .query_row([reseller_id], |r| r.get(0))
            .optional()?
            .unwrap_or(0);
        if index.rev != Some(rev)
            && let Err(e) = index.catch_up(conn, reseller_id, rev)
        {
            // Changes applied halfway: start from scratch next time.
            *index = ResellerIndex::default();
            return Err(e);
        }
        Ok(f(&index))
    }
}
