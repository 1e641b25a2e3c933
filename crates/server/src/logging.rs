//! The process's log: text or JSON lines (`--log-format`), filtered by `RUST_LOG`, and the forms
//! in which configuration that may hold a secret is shown in it.

use secrecy::SecretString;
use tracing_subscriber::EnvFilter;

/// How log lines are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines (development).
    #[default]
    Text,
    /// One JSON object per line, the request's span fields under `span` (production).
    Json,
}

/// Installs the global subscriber: `RUST_LOG` if set, otherwise `info` (which includes the access
/// log, one line per request).
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    // Colours only on a terminal: a file or a log collector gets plain text.
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()));
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .init(),
    }
}

/// clap's parser for a flag that holds a secret.
pub fn secret(value: &str) -> Result<SecretString, std::convert::Infallible> {
    Ok(SecretString::from(value))
}

/// `--db` as logs show it: a SQLite path as it is, a URL with its password and query masked.
pub fn db_for_logs(db: &str) -> String {
    if db.contains("://") {
        url_for_logs(db)
    } else {
        db.to_owned()
    }
}

/// A URL as logs and messages show it: the password and the query (which may carry one, e.g.
/// `?password=`) masked; something that does not parse is not shown at all.
pub fn url_for_logs(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) => {
            if u.password().is_some() {
                let _ = u.set_password(Some("***"));
            }
            if u.query().is_some() {
                u.set_query(Some("***"));
            }
            u.to_string()
        }
        Err(_) => "(a URL that does not parse)".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_and_queries_are_masked() {
        assert_eq!(
            url_for_logs("postgres://app:s3cret@db.example:5432/customers"),
            "postgres://app:***@db.example:5432/customers"
        );
        assert_eq!(
            url_for_logs("postgres://app@db/customers?password=s3cret&sslmode=require"),
            "postgres://app@db/customers?***"
        );
        assert_eq!(
            url_for_logs("smtp://mailer:s3cret@mail.example:587"),
            "smtp://mailer:***@mail.example:587"
        );
        assert!(!url_for_logs("postgres://app:s3cret@[bad").contains("s3cret"));
        assert_eq!(
            db_for_logs(".data/customers.sqlite3"),
            ".data/customers.sqlite3"
        );
    }
}
