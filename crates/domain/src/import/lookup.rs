//! Asking the API which of a file's names and domains existing customers already have: the
//! wire type of `POST /api/v1/customers/lookup` and the batches an import file is asked in.

use serde::{Deserialize, Serialize};

use super::ImportFile;
use crate::rules::{parse_domain, parse_organization_name};

/// The most names, and the most domains, one lookup request may carry.
pub const LOOKUP_MAX: usize = 500;
/// The most bytes of names and domains a batch carries, so its JSON stays well under the API's
/// 64 KiB body limit even with 200-character names.
pub const LOOKUP_MAX_BYTES: usize = 40_000;

/// Organization names and domains: the lookup's request (what to look for) and its answer
/// (those an existing customer of the reseller has, as keys: names lower-cased after the
/// name's normalisation, domains normalised).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerLookup {
    /// Organization names (compared case-insensitively, as the unique index does); at most 500.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 500))]
    pub organization_names: Vec<String>,
    /// Domains (compared after normalisation, e.g. `Contoso.FI.` is `contoso.fi`); at most 500.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 500))]
    pub domains: Vec<String>,
}

impl CustomerLookup {
    /// The key an organization name is unique by: normalised, lower-cased (`None` if invalid).
    pub fn name_key(name: &str) -> Option<String> {
        parse_organization_name(name)
            .ok()
            .map(|name| name.to_lowercase())
    }

    /// The key a domain is unique by: normalised (`None` if empty or invalid).
    pub fn domain_key(domain: &str) -> Option<String> {
        parse_domain(domain).ok().flatten().map(|d| d.value)
    }

    /// Whether there is nothing to look up.
    pub fn is_empty(&self) -> bool {
        self.organization_names.is_empty() && self.domains.is_empty()
    }

    /// Adds another answer's names and domains to this one.
    pub fn extend(&mut self, other: CustomerLookup) {
        self.organization_names.extend(other.organization_names);
        self.domains.extend(other.domains);
    }
}

impl ImportFile {
    /// The lookups that tell which rows clash with existing customers: every row's valid name
    /// and domain key, in batches of at most [`LOOKUP_MAX`] of each and [`LOOKUP_MAX_BYTES`].
    pub fn lookup_batches(&self) -> Vec<CustomerLookup> {
        let mut batches = Vec::new();
        let mut batch = CustomerLookup::default();
        let mut bytes = 0;
        for row in self.rows() {
            let name = row.name_key.clone();
            let domain = row.domain_key.clone();
            let size =
                name.as_ref().map_or(0, String::len) + domain.as_ref().map_or(0, String::len);
            let full = batch.organization_names.len() >= LOOKUP_MAX
                || batch.domains.len() >= LOOKUP_MAX
                || bytes + size > LOOKUP_MAX_BYTES;
            if full && !batch.is_empty() {
                batches.push(std::mem::take(&mut batch));
                bytes = 0;
            }
            bytes += size;
            batch.organization_names.extend(name);
            batch.domains.extend(domain);
        }
        if !batch.is_empty() {
            batches.push(batch);
        }
        batches
    }
}
