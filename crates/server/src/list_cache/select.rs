//! Choosing a page from a reseller's index: a slice of a sort order, a walk of the order with
//! the filter bits, or (for searches) a walk or a partial sort of the matches, whichever is
//! cheaper.

use super::index::{ALIVE, ResellerIndex, compare};
use crate::store::{Filters, SortKey};

impl ResellerIndex {
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
            let total: usize = (0..16)
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
