//! Which rows clash with the reseller's existing customers: one lookup request per batch of
//! names and domains, then the file flags those rows as the API would.

use domain::import::CustomerLookup;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::ImportState;
use crate::api::{self, ApiError};
use crate::context::host_events;

/// Where the existing customers check is.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// No file, or not started.
    Idle,
    /// Requests in flight.
    Checking,
    /// Every batch answered; clashes are flagged in the file.
    Done,
    /// A batch failed: rows that exist are found at import time instead (409, skipped).
    Failed(ApiError),
}

/// Asks for every batch of the current file in turn, then flags the clashes. A newer file
/// replaces the answer of an older one's check (the file's content hash tells them apart).
pub fn check(state: ImportState) {
    let Some((batches, hash)) = state
        .file
        .with_untracked(|f| f.as_ref().map(|f| (f.lookup_batches(), *f.content_hash())))
    else {
        return;
    };
    state.existing.set(Check::Checking);
    spawn_local(async move {
        let mut found = CustomerLookup::default();
        for batch in &batches {
            match host_events::on_unauthorized(api::lookup_customers(batch).await) {
                Ok(answer) => found.extend(answer),
                Err(error) => {
                    if same_file(state, &hash) {
                        state.existing.try_set(Check::Failed(error));
                    }
                    return;
                }
            }
        }
        if !same_file(state, &hash) {
            return;
        }
        state.file.try_update(|file| {
            if let Some(file) = file {
                file.set_existing(
                    found.organization_names.iter().map(String::as_str),
                    found.domains.iter().map(String::as_str),
                );
            }
        });
        state.existing.try_set(Check::Done);
    });
}

/// Whether the view still shows the file whose content hash is `hash`.
fn same_file(state: ImportState, hash: &domain::import::ContentHash) -> bool {
    state
        .file
        .try_with_untracked(|f| f.as_ref().map(|f| f.content_hash() == hash))
        .flatten()
        .unwrap_or(false)
}
