//! Command-line flags, each also readable from the environment (e.g. `--bind` or `CUSTOMERS_BIND`; prefixed so a
//! generic variable such as `DB` in the environment cannot reconfigure the server).

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;
use secrecy::SecretString;

#[derive(Debug, Clone, Parser)]
#[command(
    name = "server",
    about = "Customers API (and the built SPA) for Microsoft 365 backup resellers"
)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "CUSTOMERS_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// The database: a SQLite file path (created with its directory if missing) or a
    /// postgres:// URL (kept secret: logs show it with the password masked).
    #[arg(
        long,
        global = true,
        env = "CUSTOMERS_DB",
        default_value = ".data/customers.sqlite3",
        value_parser = crate::logging::secret,
        hide_env_values = true
    )]
    pub db: SecretString,

    /// Log lines as `text` or `json` (one object per line, for production); `RUST_LOG` filters.
    #[arg(long, env = "CUSTOMERS_LOG_FORMAT", value_enum, default_value_t = crate::logging::LogFormat::Text)]
    pub log_format: crate::logging::LogFormat,

    /// Administration instead of serving: resellers and API tokens.
    #[command(subcommand)]
    pub command: Option<crate::admin::Command>,

    /// Memory cap of the in-memory list accelerator in MiB; 0 turns it off (the database answers
    /// every list).
    #[arg(long, env = "CUSTOMERS_LIST_CACHE_MB", default_value_t = crate::list_cache::DEFAULT_CAP_MB)]
    pub list_cache_mb: u64,

    /// trunk's dist/ directory; without it only the API is served.
    #[arg(long, env = "CUSTOMERS_STATIC_DIR")]
    pub static_dir: Option<PathBuf>,

    /// Demo mode: seed the demo resellers when the database has none, accept the session cookie,
    /// and sign browsers in as the "demo" reseller.
    #[arg(long, env = "CUSTOMERS_SEED_DEMO", value_parser = clap::builder::BoolishValueParser::new(), action = clap::ArgAction::SetTrue)]
    pub seed_demo: bool,

    /// Deliver activation emails over SMTP: smtp://host:port (plain), smtp://host?tls=required
    /// (STARTTLS, port 587 by default) or smtps://host (TLS, port 465 by default), with
    /// user:password@ for authentication; without it each is logged by its outbox id (never its
    /// body) and marked sent.
    #[arg(long, env = "CUSTOMERS_SMTP_URL", value_parser = crate::logging::secret, hide_env_values = true)]
    pub smtp_url: Option<SecretString>,

    /// The From address of activation emails.
    #[arg(
        long,
        env = "CUSTOMERS_SMTP_FROM",
        default_value = "Microsoft 365 Backup <no-reply@backup.example>"
    )]
    pub smtp_from: String,

    /// The CSP frame-ancestors value for HTML responses.
    #[arg(long, env = "CUSTOMERS_FRAME_ANCESTORS", default_value = "'self'")]
    pub frame_ancestors: String,

    /// The public base URL for activation links (default http://<bind>).
    #[arg(long, env = "CUSTOMERS_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// How long an outbox worker's claim on an email holds, in seconds: emails a killed process
    /// was sending are sent by another (or the restarted) one after this.
    #[arg(long, env = "CUSTOMERS_OUTBOX_LEASE_SECS", default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub outbox_lease_secs: u64,

    /// Accept the partner portal's JWTs, checked against the JWKS at this URL (fetched with a
    /// timeout, cached, fetched again for an unknown key id at most once a minute).
    #[arg(long, env = "CUSTOMERS_JWT_JWKS_URL", conflicts_with = "jwt_jwks_file")]
    pub jwt_jwks_url: Option<String>,

    /// Accept the partner portal's JWTs, checked against the JWKS in this file (air-gapped).
    #[arg(long, env = "CUSTOMERS_JWT_JWKS_FILE")]
    pub jwt_jwks_file: Option<PathBuf>,

    /// The `iss` the portal's JWTs must carry (required with a JWKS).
    #[arg(long, env = "CUSTOMERS_JWT_ISSUER")]
    pub jwt_issuer: Option<String>,

    /// The `aud` the portal's JWTs must carry (required with a JWKS).
    #[arg(long, env = "CUSTOMERS_JWT_AUDIENCE")]
    pub jwt_audience: Option<String>,

    /// The JWT claim that holds our reseller id.
    #[arg(
        long,
        env = "CUSTOMERS_JWT_RESELLER_CLAIM",
        default_value = "reseller_id"
    )]
    pub jwt_reseller_claim: String,

    /// The JWT claim that holds `viewer` or `manager` (a `roles` array is read too).
    #[arg(long, env = "CUSTOMERS_JWT_ROLE_CLAIM", default_value = "role")]
    pub jwt_role_claim: String,

    /// Failed sign-ins one client address may make per minute (then 429).
    #[arg(long, env = "CUSTOMERS_AUTH_FAILURES_PER_MINUTE", default_value_t = crate::identity::limits::DEFAULT_FAILURES_PER_MINUTE, value_parser = clap::value_parser!(u32).range(1..))]
    pub auth_failures_per_minute: u32,

    /// Requests one token may make per minute (then 429).
    #[arg(long, env = "CUSTOMERS_REQUESTS_PER_MINUTE", default_value_t = crate::identity::limits::DEFAULT_REQUESTS_PER_MINUTE, value_parser = clap::value_parser!(u32).range(1..))]
    pub requests_per_minute: u32,

    /// Health, draining, overload limits, migrations and production mode.
    #[command(flatten)]
    pub operations: crate::operations::OperationsFlags,

    /// How long delivered emails and audit entries are kept (src/retention.rs).
    #[command(flatten)]
    pub retention: crate::retention::RetentionFlags,

    /// Print the OpenAPI document and exit.
    #[arg(long, hide = true)]
    pub print_openapi: bool,

    /// Benchmarks: make sure a "bench" reseller (token bench-token) has N customers, then serve.
    #[arg(long, hide = true, value_name = "N")]
    pub bench_seed: Option<u64>,
}

impl Config {
    /// How JWTs are checked, if they are accepted: a JWKS needs an issuer and an audience.
    pub fn jwt(&self) -> anyhow::Result<Option<crate::identity::jwt::JwtSettings>> {
        use crate::identity::jwt::{JwksSource, JwtSettings};
        let jwks = match (&self.jwt_jwks_url, &self.jwt_jwks_file) {
            (Some(url), _) => JwksSource::Url(url.clone()),
            (None, Some(path)) => JwksSource::File(path.clone()),
            (None, None) => {
                if self.jwt_issuer.is_some() || self.jwt_audience.is_some() {
                    anyhow::bail!(
                        "--jwt-issuer and --jwt-audience need --jwt-jwks-url or --jwt-jwks-file"
                    );
                }
                return Ok(None);
            }
        };
        let (Some(issuer), Some(audience)) = (&self.jwt_issuer, &self.jwt_audience) else {
            anyhow::bail!("JWTs need both --jwt-issuer and --jwt-audience");
        };
        Ok(Some(JwtSettings {
            jwks,
            issuer: issuer.clone(),
            audience: audience.clone(),
            reseller_claim: self.jwt_reseller_claim.clone(),
            role_claim: self.jwt_role_claim.clone(),
        }))
    }

    /// The base URL for links in emails (`bound`: the address actually listened on).
    pub fn public_url(&self, bound: SocketAddr) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => format!("http://{bound}"),
        }
    }
}
