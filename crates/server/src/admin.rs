//! The administration commands: `server migrate` applies the schema migrations and exits,
//! `server resellers create|list` provisions the resellers the portal's JWTs name,
//! `server tokens create|list|revoke` issues API tokens for scripts and integrations (printed
//! once; only their hash is stored), `server backup --to FILE` copies a SQLite database while it
//! is served (`crate::backup`).

use clap::Subcommand;
use domain::Role;

use crate::store::{ApiToken, NewApiToken, OpenOptions, Reseller, SchemaStatus, token_hash};

/// What `server <command>` does instead of serving.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Applies the schema migrations this binary carries and exits (for servers started with
    /// --no-migrate under a role without DDL rights).
    Migrate,
    /// The resellers the portal's tokens name.
    #[command(subcommand)]
    Resellers(ResellersCommand),
    /// API tokens for scripts and integrations.
    #[command(subcommand)]
    Tokens(TokensCommand),
    /// Copies a SQLite database to a new file while servers keep serving it (PostgreSQL: use
    /// pg_dump).
    Backup(crate::backup::BackupArgs),
}

/// `server resellers …`
#[derive(Debug, Clone, Subcommand)]
pub enum ResellersCommand {
    /// Adds a reseller and prints its id (the portal's `reseller_id` claim names it).
    Create {
        /// The reseller's name.
        #[arg(long)]
        name: String,
        /// Its contact address.
        #[arg(long, default_value = "")]
        email: String,
        /// Its id (default: `r_` and 12 random hex digits).
        #[arg(long)]
        id: Option<String>,
    },
    /// Lists every reseller.
    List,
}

/// `server tokens …`
#[derive(Debug, Clone, Subcommand)]
pub enum TokensCommand {
    /// Issues a token and prints it once.
    Create {
        /// The reseller it acts for.
        #[arg(long)]
        reseller: String,
        /// viewer, manager, or usage-writer (the backup platform's usage reports only).
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// How long it works: e.g. 90d, 12h, 30m, or `never`.
        #[arg(long, default_value = "90d", value_parser = parse_lifetime)]
        expires: Lifetime,
        /// What it is for, e.g. "billing sync".
        #[arg(long)]
        name: String,
    },
    /// Lists tokens (prefix, name, role, created, last used, expires, revoked).
    List {
        /// Only this reseller's.
        #[arg(long)]
        reseller: Option<String>,
    },
    /// Revokes a token by its prefix: refused at once by every server on the database.
    Revoke { prefix: String },
}

/// How long a token works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lifetime {
    Never,
    For(time::Duration),
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::from_wire(s)
        .ok_or_else(|| format!("{s:?} is not a role: use viewer, manager or usage-writer"))
}

/// `90d`, `12h`, `30m` or `never`.
pub fn parse_lifetime(s: &str) -> Result<Lifetime, String> {
    if s == "never" {
        return Ok(Lifetime::Never);
    }
    let bad = || format!("{s:?} is not a lifetime: use e.g. 90d, 12h, 30m or never");
    let (n, per_unit) = if let Some(n) = s.strip_suffix('d') {
        (n, 86_400)
    } else if let Some(n) = s.strip_suffix('h') {
        (n, 3_600)
    } else if let Some(n) = s.strip_suffix('m') {
        (n, 60)
    } else {
        return Err(bad());
    };
    // At most ten years: a longer lifetime is a mistake, and never overflows a date.
    match n.parse::<i64>() {
        Ok(n) if n > 0 && n.saturating_mul(per_unit) <= 10 * 366 * 86_400 => {
            Ok(Lifetime::For(time::Duration::seconds(n * per_unit)))
        }
        _ => Err(bad()),
    }
}

/// A new token: `cm_<prefix>_<secret>`, with 8 hex digits of public prefix and 256 random bits.
pub fn new_token() -> (String, String) {
    let prefix = crate::util::random_hex(4);
    let token = format!("cm_{prefix}_{}", crate::util::random_hex(32));
    (prefix, token)
}

/// Opens the database `db` names as `open` says (`migrate` always migrates, without a statement
/// timeout), runs a command and prints its result.
pub async fn run(command: &Command, db: &str, mut open: OpenOptions) -> anyhow::Result<()> {
    // A backup reads the file as it is: it neither creates nor migrates it.
    if let Command::Backup(args) = command {
        return crate::backup::run(args, db).await;
    }
    if let Command::Migrate = command {
        open.migrate = true;
        open.statement_timeout = std::time::Duration::ZERO;
    }
    let store = crate::store::open_with(db, &open).await?;
    let store = store.as_ref();
    match command {
        Command::Backup(_) => unreachable!("handled above"),
        Command::Migrate => match store.schema_status().await? {
            SchemaStatus::Current { version } => {
                println!("the database schema is at version {version}")
            }
            other => anyhow::bail!("{}", other.refusal().unwrap_or_default()),
        },
        Command::Resellers(ResellersCommand::Create { name, email, id }) => {
            if let Some(id) = id
                && (id.is_empty()
                    || !id
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            {
                anyhow::bail!("--id {id:?}: use letters, digits, `_` and `-`");
            }
            let reseller = Reseller {
                id: id
                    .clone()
                    .unwrap_or_else(|| format!("r_{}", crate::util::random_hex(6))),
                name: name.clone(),
                user_email: email.clone(),
            };
            store.add_reseller(&reseller).await?;
            println!("{}", reseller.id);
        }
        Command::Resellers(ResellersCommand::List) => {
            println!("{:<24} NAME", "ID");
            for r in store.resellers().await? {
                println!("{:<24} {}", r.id, r.name);
            }
        }
        Command::Tokens(TokensCommand::Create {
            reseller,
            role,
            expires,
            name,
        }) => {
            if store.reseller(reseller).await?.is_none() {
                anyhow::bail!("no reseller {reseller:?}: create it with `server resellers create`");
            }
            let now = time::OffsetDateTime::now_utc();
            let (prefix, token) = new_token();
            let expires_at = match expires {
                Lifetime::Never => None,
                Lifetime::For(d) => Some(crate::util::format_time(now + *d)),
            };
            store
                .create_token(&NewApiToken {
                    hash: token_hash(&token),
                    token: ApiToken {
                        prefix,
                        reseller_id: reseller.clone(),
                        name: name.clone(),
                        role: *role,
                        demo: false,
                        created_at: crate::util::format_time(now),
                        expires_at,
                        last_used_at: None,
                        revoked_at: None,
                    },
                })
                .await?;
            // The only time the token is shown: only its hash is kept.
            println!("{token}");
        }
        Command::Tokens(TokensCommand::List { reseller }) => {
            println!(
                "{:<16} {:<20} {:<8} {:<24} {:<24} {:<24} REVOKED",
                "PREFIX", "NAME", "ROLE", "CREATED", "LAST USED", "EXPIRES"
            );
            let dash = || "-".to_owned();
            for t in store.tokens(reseller.as_deref()).await? {
                println!(
                    "{:<16} {:<20} {:<8} {:<24} {:<24} {:<24} {}",
                    t.prefix,
                    t.name,
                    t.role.as_str(),
                    t.created_at,
                    t.last_used_at.unwrap_or_else(dash),
                    t.expires_at.unwrap_or_else(|| "never".into()),
                    t.revoked_at.unwrap_or_else(dash),
                );
            }
        }
        Command::Tokens(TokensCommand::Revoke { prefix }) => {
            if !store.revoke_token(prefix, &crate::util::now()).await? {
                anyhow::bail!("no unrevoked token with prefix {prefix:?}");
            }
            println!("revoked {prefix}");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifetimes_read_days_hours_minutes_or_never() {
        assert_eq!(
            parse_lifetime("90d"),
            Ok(Lifetime::For(time::Duration::days(90)))
        );
        assert_eq!(
            parse_lifetime("12h"),
            Ok(Lifetime::For(time::Duration::hours(12)))
        );
        assert_eq!(
            parse_lifetime("30m"),
            Ok(Lifetime::For(time::Duration::minutes(30)))
        );
        assert_eq!(parse_lifetime("never"), Ok(Lifetime::Never));
        for bad in [
            "",
            "d",
            "0d",
            "-1d",
            "90",
            "90y",
            "1.5d",
            "9é",
            "99999999999d",
        ] {
            assert!(parse_lifetime(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn tokens_carry_their_public_prefix_and_256_random_bits() {
        let (prefix, token) = new_token();
        assert_eq!(prefix.len(), 8);
        assert!(token.starts_with(&format!("cm_{prefix}_")));
        assert_eq!(token.len(), 3 + 8 + 1 + 64);
        assert_ne!(new_token().1, token);
    }
}
