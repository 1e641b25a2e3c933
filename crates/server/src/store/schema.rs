//! Where a database's schema stands against the migrations this binary carries: current, behind
//! (`server migrate` brings it up), or ahead (a newer server migrated it), each with one line.

use std::time::Duration;

/// The migrations a store applies, and the limits its pool works under.
#[derive(Debug, Clone)]
pub struct OpenOptions {
    /// Apply the binary's migrations (false: `--no-migrate`, refuse a schema that is behind).
    pub migrate: bool,
    /// Connections per process (none: the backend's default).
    pub pool_size: Option<u32>,
    /// How long a request waits for a connection before it is answered 503 (none: the
    /// backend's default).
    pub acquire_timeout: Option<Duration>,
    /// PostgreSQL's `statement_timeout` for every connection (zero: none).
    pub statement_timeout: Duration,
}

/// The PostgreSQL `statement_timeout` unless `--statement-timeout-secs` says otherwise.
pub const DEFAULT_STATEMENT_TIMEOUT: Duration = Duration::from_secs(10);

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            migrate: true,
            pool_size: None,
            acquire_timeout: None,
            statement_timeout: DEFAULT_STATEMENT_TIMEOUT,
        }
    }
}

/// The schema of a database against this binary's migrations (versions are the migrations'
/// numbers: `0003_identity.sql` is version 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaStatus {
    /// Every migration the binary has is applied, and no other.
    Current { version: i64 },
    /// Some of the binary's migrations are not applied yet (`at` 0: none is).
    Behind { at: i64, needs: i64 },
    /// A migration this binary does not know is applied: a newer server migrated the database.
    Ahead { at: i64, needs: i64 },
}

impl SchemaStatus {
    /// Compares the versions applied to a database with those a binary carries.
    pub fn compare(applied: &[i64], known: &[i64]) -> SchemaStatus {
        let at = applied.iter().copied().max().unwrap_or(0);
        let needs = known.iter().copied().max().unwrap_or(0);
        if applied.iter().any(|v| !known.contains(v)) {
            SchemaStatus::Ahead { at, needs }
        } else if known.iter().any(|v| !applied.contains(v)) {
            SchemaStatus::Behind { at, needs }
        } else {
            SchemaStatus::Current { version: at }
        }
    }

    /// Why a server cannot serve this schema (`None`: it can).
    pub fn refusal(self) -> Option<String> {
        match self {
            SchemaStatus::Current { .. } => None,
            SchemaStatus::Behind { at: 0, needs } => Some(format!(
                "the database has no schema yet, this binary needs version {needs}: run `server migrate`"
            )),
            SchemaStatus::Behind { at, needs } => Some(format!(
                "the database schema is at version {at}, this binary needs version {needs}: run `server migrate`"
            )),
            SchemaStatus::Ahead { at, needs } => Some(format!(
                "the database schema is at version {at}, newer than this binary (it needs version {needs}): run a newer server"
            )),
        }
    }
}

/// The versions of a migrator's migrations (down migrations left out).
pub fn known_versions(migrator: &sqlx::migrate::Migrator) -> Vec<i64> {
    migrator
        .iter()
        .filter(|m| !m.migration_type.is_down_migration())
        .map(|m| m.version)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applied_versions_compare_with_the_binarys() {
        assert_eq!(
            SchemaStatus::compare(&[1, 2, 3], &[1, 2, 3]),
            SchemaStatus::Current { version: 3 }
        );
        assert_eq!(
            SchemaStatus::compare(&[1], &[1, 2, 3]),
            SchemaStatus::Behind { at: 1, needs: 3 }
        );
        assert_eq!(
            SchemaStatus::compare(&[], &[1, 2, 3]),
            SchemaStatus::Behind { at: 0, needs: 3 }
        );
        assert_eq!(
            SchemaStatus::compare(&[1, 2, 3, 4], &[1, 2, 3]),
            SchemaStatus::Ahead { at: 4, needs: 3 }
        );
    }

    #[test]
    fn each_refusal_is_one_line_that_says_what_to_run() {
        let behind = SchemaStatus::Behind { at: 2, needs: 3 }.refusal().unwrap();
        assert_eq!(
            behind,
            "the database schema is at version 2, this binary needs version 3: run `server migrate`"
        );
        let ahead = SchemaStatus::Ahead { at: 4, needs: 3 }.refusal().unwrap();
        assert!(
            ahead.contains("newer than this binary (it needs version 3)"),
            "{ahead}"
        );
        assert_eq!(SchemaStatus::Current { version: 3 }.refusal(), None);
    }
}
