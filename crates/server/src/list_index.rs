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
    /// `customer` as JSON, so that a page is written without serialising its customers again.
    json: Box<str>,
    name_key: Box<str>,
    flags: u8,
}

/// [`CUSTOMER_COLUMNS`] and then these.
const EXTRA_COLUMNS: &str = "seq, name_key, search_key";

fn entry_from_row(r: &Row<'_>) -> rusqlite::Result<(Entry, String)> {
    let customer = customer_from_row(r)?;
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
    let json = serde_json::to_string(&customer)
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?
        .into();
    let entry = Entry {
        seq: r.get(14)?,
        customer,
        json,
        name_key: r.get::<_, String>(15)?.into(),
        flags,
    };
    Ok((entry, r.get(16)?))
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

/// A trigram's position in a search text as a dense posting keeps it: first occurrence + 1 (so 0
/// is "absent"), [`FAR`] when it is 254 or further in.
const FAR: u8 = u8::MAX;

fn position_byte(at: usize) -> u8 {
    if at < 254 { at as u8 + 1 } else { FAR }
}

/// The slots holding one trigram: a sorted list while few; once common, a bitset and, by slot,
/// where the trigram first occurs (for a search to confirm most matches without reading texts).
#[derive(Debug, Clone)]
enum Posting {
    Sparse(Vec<u32>),
    Dense { bits: Vec<u64>, at: Vec<u8> },
}

/// A list over 1/32 of the slots would take about as much room as a bitset.
fn is_common(len: usize, slots: usize) -> bool {
    len > 64 && len * 32 > slots
}

impl Posting {
    /// A dense posting from (slot, first occurrence) pairs.
    fn dense(members: impl IntoIterator<Item = (u32, u8)>, slots: usize) -> Posting {
        let words = slots.div_ceil(64);
        let mut bits = vec![0u64; words];
        let mut at = vec![0u8; words * 64];
        for (slot, pos) in members {
            bits[slot as usize / 64] |= 1 << (slot % 64);
            at[slot as usize] = pos;
        }
        Posting::Dense { bits, at }
    }

    /// Adds a slot whose text has the trigram first at `pos` (a [`position_byte`]). A list that
    /// becomes common is left for the caller to make dense (it needs the texts).
    fn insert(&mut self, slot: u32, pos: u8) {
        match self {
            Posting::Sparse(v) => {
                if let Err(i) = v.binary_search(&slot) {
                    v.insert(i, slot);
                }
            }
            Posting::Dense { bits, at } => {
                let word = slot as usize / 64;
                if word >= bits.len() {
                    bits.resize(word + 1, 0);
                    at.resize((word + 1) * 64, 0);
                }
                bits[word] |= 1 << (slot % 64);
                at[slot as usize] = pos;
            }
        }
    }

    fn remove(&mut self, slot: u32) {
        match self {
            Posting::Sparse(v) => {
                if let Ok(i) = v.binary_search(&slot) {
                    v.remove(i);
                }
            }
            Posting::Dense { bits, at } => {
                if let Some(w) = bits.get_mut(slot as usize / 64) {
                    *w &= !(1 << (slot % 64));
                    at[slot as usize] = 0;
                }
            }
        }
    }

    fn contains(&self, slot: u32) -> bool {
        match self {
            Posting::Sparse(v) => v.binary_search(&slot).is_ok(),
            Posting::Dense { bits, .. } => bits
                .get(slot as usize / 64)
                .is_some_and(|w| w & (1 << (slot % 64)) != 0),
        }
    }

    /// How many slots it holds at most (a bitset counts as its size: only used to pick the
    /// smallest list).
    fn weight(&self) -> usize {
        match self {
            Posting::Sparse(v) => v.len(),
            Posting::Dense { bits, .. } => bits.len() * 64,
        }
    }
}

/// The distinct byte trigrams of a text, each with where it first occurs.
fn trigrams(text: &[u8]) -> Vec<([u8; 3], usize)> {
    let mut grams: Vec<([u8; 3], usize)> = text
        .windows(3)
        .enumerate()
        .map(|(i, w)| ([w[0], w[1], w[2]], i))
        .collect();
    grams.sort_unstable();
    grams.dedup_by_key(|(g, _)| *g);
    grams
}

/// Eight 0/1 bytes (little-endian in a u64) as eight bits.
fn pack_bytes(x: u64) -> u64 {
    x.wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// Whether `haystack` contains `needle` (not empty): positions where the first and the last byte
/// match are found 32 at a time (fixed-size blocks the compiler turns into vector compares), then
/// compared in full.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    let n = needle.len();
    if n > haystack.len() {
        return false;
    }
    let (first, last) = (needle[0], needle[n - 1]);
    let starts = haystack.len() - n + 1;
    let heads = &haystack[..starts];
    let tails = &haystack[n - 1..];
    let check = |at: usize, mut mask: u32| {
        while mask != 0 {
            let i = at + mask.trailing_zeros() as usize;
            if haystack[i..i + n] == *needle {
                return true;
            }
            mask &= mask - 1;
        }
        false
    };
    let mut at = 0;
    for (h, t) in heads.chunks_exact(32).zip(tails.chunks_exact(32)) {
        let h: &[u8; 32] = h.try_into().expect("32 bytes");
        let t: &[u8; 32] = t.try_into().expect("32 bytes");
        let mut mask = 0u32;
        for i in 0..32 {
            mask |= u32::from((h[i] == first) & (t[i] == last)) << i;
        }
        if check(at, mask) {
            return true;
        }
        at += 32;
    }
    let mut mask = 0u32;
    for i in at..starts {
        mask |= u32::from((heads[i] == first) & (tails[i] == last)) << (i - at);
    }
    check(at, mask)
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
        let mut lists: HashMap<[u8; 3], Vec<(u32, u8)>> = HashMap::new();
        for row in stmt.query_map([reseller_id], entry_from_row)? {
            let (entry, key) = row?;
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

    /// The live slots passing the filter bits whose search text contains `q`, as a bitset by slot,
    /// and how many they are.
    fn search(&self, q: &[u8], mask: u8, want: u8) -> (Vec<u64>, usize) {
        let words = self.entries.len().div_ceil(64);
        let mut found = vec![0u64; words];
        let passes = |slot: usize| self.flags[slot] & mask == want;
        let total = |found: Vec<u64>| {
            let n = found.iter().map(|w| w.count_ones() as usize).sum();
            (found, n)
        };
        if q.len() < 3 {
            // One or two bytes: no trigram to look up; a scan.
            for slot in 0..self.entries.len() {
                if passes(slot) && contains(self.key(slot as u32), q) {
                    found[slot / 64] |= 1 << (slot % 64);
                }
            }
            return total(found);
        }
        // The postings of q's trigrams in the order they occur in q.
        let mut postings = Vec::with_capacity(q.len() - 2);
        for w in q.windows(3) {
            match self.grams.get(&[w[0], w[1], w[2]]) {
                Some(p) => postings.push(p),
                None => return (found, 0),
            }
        }
        // A trigram that is all of q needs no check of the text.
        let exact = q.len() == 3;
        let smallest = postings
            .iter()
            .min_by_key(|p| p.weight())
            .expect("q has a trigram");
        if let Posting::Sparse(list) = smallest {
            for &slot in list {
                if postings.iter().all(|p| p.contains(slot))
                    && passes(slot as usize)
                    && (exact || contains(self.key(slot), q))
                {
                    found[slot as usize / 64] |= 1 << (slot % 64);
                }
            }
            return total(found);
        }
        // Every posting is dense: the candidates are the AND of the bitsets, a word at a time.
        let dense: Vec<(&[u64], &[u8])> = postings
            .iter()
            .map(|p| match p {
                Posting::Dense { bits, at } => (bits.as_slice(), at.as_slice()),
                Posting::Sparse(_) => unreachable!("the smallest posting is dense"),
            })
            .collect();
        for (i, (bits, _)) in dense.iter().enumerate() {
            let n = bits.len().min(words);
            if i == 0 {
                found[..n].copy_from_slice(&bits[..n]);
            } else {
                for (f, b) in found.iter_mut().zip(bits.iter()) {
                    *f &= b;
                }
            }
            found[n..].fill(0);
        }
        // A candidate whose text has q's trigrams at offsets 0, 3, 6, … and len − 3 (which cover
        // q) first found one after another contains q there: confirmed from the position arrays,
        // 64 slots at a time. Only the others have their text read.
        let k = dense.len();
        let mut cover: Vec<usize> = (0..k).step_by(3).collect();
        if cover.last() != Some(&(k - 1)) {
            cover.push(k - 1);
        }
        let confirm = !exact && k < 200;
        let limit = 255u8.saturating_sub(k as u8);
        for (w, word) in found.iter_mut().enumerate() {
            let candidates = *word;
            if candidates == 0 {
                continue;
            }
            let mut sure = 0u64;
            if confirm {
                let base = w * 64;
                let first: &[u8; 64] = dense[0].1[base..base + 64]
                    .try_into()
                    .expect("64 positions");
                let mut ok = [0u8; 64];
                for j in 0..64 {
                    ok[j] = u8::from(first[j] != 0) & u8::from(first[j] <= limit);
                }
                for &offset in &cover[1..] {
                    let next: &[u8; 64] = dense[offset].1[base..base + 64]
                        .try_into()
                        .expect("64 positions");
                    for j in 0..64 {
                        ok[j] &= u8::from(next[j] == first[j].wrapping_add(offset as u8));
                    }
                }
                for (g, eight) in ok.chunks_exact(8).enumerate() {
                    let eight = u64::from_le_bytes(eight.try_into().expect("8 bytes"));
                    sure |= pack_bytes(eight) << (g * 8);
                }
                sure &= candidates;
            }
            let mut matched = sure;
            let mut unsure = candidates & !sure;
            while unsure != 0 {
                let bit = unsure.trailing_zeros();
                if exact || contains(self.key((w * 64) as u32 + bit), q) {
                    matched |= 1 << bit;
                }
                unsure &= unsure - 1;
            }
            if mask != ALIVE {
                let mut check = matched;
                while check != 0 {
                    let bit = check.trailing_zeros();
                    if !passes(w * 64 + bit as usize) {
                        matched &= !(1 << bit);
                    }
                    check &= check - 1;
                }
            }
            *word = matched;
        }
        total(found)
    }

    /// The customer in a slot that [`ResellerIndex::select`] returned.
    pub fn customer(&self, slot: u32) -> &Customer {
        &self.entries[slot as usize].customer
    }

    /// The customer in a slot as JSON (what serde writes for it).
    pub fn customer_json(&self, slot: u32) -> &str {
        &self.entries[slot as usize].json
    }

    /// The matching customers' total and the slots of `limit` of them from `offset` on, in the
    /// requested order.
    pub fn select(
        &self,
        filters: &Filters,
        sort: SortKey,
        descending: bool,
        offset: usize,
        limit: usize,
    ) -> (usize, Vec<u32>) {
        let (mask, want) = Self::filter_bits(filters);
        let key = SortKey::ALL
            .iter()
            .position(|k| *k == sort)
            .expect("every sort key has an order");
        let order = &self.orders[key];
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
                        .copied()
                        .collect()
                } else {
                    order[offset..end].to_vec()
                }
            } else {
                walk(order, descending, offset, limit, |s| {
                    self.flags[s as usize] & mask == want
                })
            };
            return (total, seqs);
        };
        let (member, total) = self.search(q.as_bytes(), mask, want);
        if offset >= total {
            return (total, Vec::new());
        }
        // Walking the order visits about (offset + limit) × live / total slots; selecting the page
        // from the matches compares a few times total pairs, each dearer than a visit.
        let walk_cost = (offset + limit).saturating_mul(self.live) / total;
        let sort_cost = total * 12 + member.len();
        let page: Vec<u32> = if walk_cost <= sort_cost {
            walk(order, descending, offset, limit, |s| {
                member[s as usize / 64] & (1 << (s % 64)) != 0
            })
        } else {
            let cmp = |a: &u32, b: &u32| {
                let o = compare(sort, &self.entries[*a as usize], &self.entries[*b as usize]);
                if descending { o.reverse() } else { o }
            };
            let mut found: Vec<u32> = Vec::with_capacity(total);
            for (w, &word) in member.iter().enumerate() {
                let mut bits = word;
                while bits != 0 {
                    found.push((w * 64) as u32 + bits.trailing_zeros());
                    bits &= bits - 1;
                }
            }
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
        (total, page)
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
