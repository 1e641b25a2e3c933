//! The accelerator's search: the slots whose text contains `q` and pass the filter bits, from
//! the trigram postings (confirmed from stored positions where possible) or, for one or two bytes,
//! a scan.

use super::index::{ALIVE, ATTENTION, FINNISH_S3, PENDING, RUNS_OUT_SOON, ResellerIndex};
use super::postings::{Posting, contains, pack_bytes};
use crate::store::Filters;

impl ResellerIndex {
    /// The flag mask and value a slot must have to pass the filters (apart from `q`).
    pub(super) fn filter_bits(f: &Filters) -> (u8, u8) {
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
        if f.runs_out_soon {
            mask |= RUNS_OUT_SOON;
            want |= RUNS_OUT_SOON;
        }
        (mask, want)
    }

    /// The live slots passing the filter bits whose search text contains `q`, as a bitset by slot,
    /// and how many they are.
    pub(super) fn search(&self, q: &[u8], mask: u8, want: u8) -> (Vec<u64>, usize) {
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
}
