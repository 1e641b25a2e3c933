//! Production mode (`--env production` or `CUSTOMERS_ENV=production`): the settings that are
//! only fit for development are refused at start, one line each, with exit status 2.

use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory, FromArgMatches};

use super::Environment;
use crate::config::Config;

/// The exit status of a start refused by production mode.
pub const EXIT_REFUSED: u8 = 2;

/// The flags as given, and whether `--db` was given (on the command line or in the environment)
/// rather than left to its default.
pub fn parse() -> (Config, bool) {
    let matches = Config::command().get_matches();
    let config = Config::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let db_explicit = explicit(&matches, "db");
    (config, db_explicit)
}

fn explicit(matches: &ArgMatches, id: &str) -> bool {
    matches
        .value_source(id)
        .is_some_and(|source| source != ValueSource::DefaultValue)
}

/// Why production mode refuses these flags, one line each (empty: it does not, or the server
/// is not in production mode). The administration commands need only an explicit `--db`.
pub fn refusals(config: &Config, db_explicit: bool) -> Vec<String> {
    if config.operations.environment != Environment::Production {
        return Vec::new();
    }
    let mut refusals = Vec::new();
    if !db_explicit {
        refusals.push(
            "production mode needs --db (CUSTOMERS_DB): a postgres:// URL or a SQLite file path, \
             not the default local file"
                .to_owned(),
        );
    }
    if config.command.is_some() {
        return refusals;
    }
    if !config
        .public_url
        .as_deref()
        .is_some_and(|url| url.starts_with("https://"))
    {
        refusals.push(
            "production mode needs --public-url (CUSTOMERS_PUBLIC_URL) with https://: activation \
             links are built from it"
                .to_owned(),
        );
    }
    if config.smtp_url.is_none() && !config.operations.mail_log {
        refusals.push(
            "production mode needs --smtp-url (CUSTOMERS_SMTP_URL), or --mail-log to log \
             activation emails and mark them sent on purpose"
                .to_owned(),
        );
    }
    if config.seed_demo {
        refusals.push(
            "production mode refuses --seed-demo (CUSTOMERS_SEED_DEMO): demo data, demo tokens \
             and cookie sign-in"
                .to_owned(),
        );
    }
    if config.bench_seed.is_some() {
        refusals.push("production mode refuses --bench-seed: a benchmark token".to_owned());
    }
    refusals
}
