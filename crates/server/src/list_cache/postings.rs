//! The accelerator's trigram postings and the byte-level substring test its searches use.

/// A trigram's position in a search text as a dense posting keeps it: first occurrence + 1 (so 0
/// is "absent"), [`FAR`] when it is 254 or further in.
pub const FAR: u8 = u8::MAX;

pub fn position_byte(at: usize) -> u8 {
    if at < 254 { at as u8 + 1 } else { FAR }
}

/// The slots holding one trigram: a sorted list while few; once common, a bitset and, by slot,
/// where the trigram first occurs (for a search to confirm most matches without reading texts).
#[derive(Debug, Clone)]
pub enum Posting {
    Sparse(Vec<u32>),
    Dense { bits: Vec<u64>, at: Vec<u8> },
}

/// A list over 1/32 of the slots would take about as much room as a bitset.
pub fn is_common(len: usize, slots: usize) -> bool {
    len > 64 && len * 32 > slots
}

impl Posting {
    /// A dense posting from (slot, first occurrence) pairs.
    pub fn dense(members: impl IntoIterator<Item = (u32, u8)>, slots: usize) -> Posting {
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
    pub fn insert(&mut self, slot: u32, pos: u8) {
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

    pub fn remove(&mut self, slot: u32) {
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

    pub fn contains(&self, slot: u32) -> bool {
        match self {
            Posting::Sparse(v) => v.binary_search(&slot).is_ok(),
            Posting::Dense { bits, .. } => bits
                .get(slot as usize / 64)
                .is_some_and(|w| w & (1 << (slot % 64)) != 0),
        }
    }

    /// How many slots it holds at most (a bitset counts as its size: only used to pick the
    /// smallest list).
    pub fn weight(&self) -> usize {
        match self {
            Posting::Sparse(v) => v.len(),
            Posting::Dense { bits, .. } => bits.len() * 64,
        }
    }
}

/// The distinct byte trigrams of a text, each with where it first occurs.
pub fn trigrams(text: &[u8]) -> Vec<([u8; 3], usize)> {
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
pub fn pack_bytes(x: u64) -> u64 {
    x.wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// Whether `haystack` contains `needle` (not empty): positions where the first and the last byte
/// match are found 32 at a time (fixed-size blocks the compiler turns into vector compares), then
/// compared in full.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
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
