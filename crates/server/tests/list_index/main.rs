//! Lists are answered by the database (per-sort indexes, FTS5 trigram search, trigger-kept
//! counts) or, with the accelerator on, by an in-memory index (src/list_cache/). Whatever path
//! either takes (a slice of a sort order, a walk with filters, a trigram search with a walk or a
//! sort of the matches, a scan for one- and two-character searches), a page must be exactly what
//! a plain SQL query over the store of record gives, and every write must show in the next list.
//! Every test runs with the accelerator off and on. One test binary
//! (`cargo test -p server --test list_index`): the reference query in `reference`, a module per
//! concern.

#[path = "../common/mod.rs"]
mod common;

mod paging;
mod queries;
mod reference;
mod writes;
