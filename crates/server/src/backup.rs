//! `server backup --to FILE`: a consistent copy of a SQLite database taken while servers keep
//! serving it; a PostgreSQL database is refused with the tools that back it up instead.

use std::path::PathBuf;

/// `server backup …`
#[derive(Debug, Clone, clap::Args)]
pub struct BackupArgs {
    /// The backup file to write (a new file: an existing one is never overwritten).
    #[arg(long)]
    pub to: PathBuf,
}

/// Backs up the database `db` names and prints what it wrote.
pub async fn run(args: &BackupArgs, db: &str) -> anyhow::Result<()> {
    if crate::store::is_postgres(db) {
        anyhow::bail!(
            "server backup copies SQLite databases only: back up PostgreSQL with pg_dump (or \
             pg_basebackup and WAL archiving for point-in-time recovery), see the README's \
             \"Operating it\""
        );
    }
    let started = std::time::Instant::now();
    let done = crate::store::sqlite::backup(std::path::Path::new(db), &args.to).await?;
    println!(
        "backed up {db} to {} ({} customers, {} bytes, integrity_check ok) in {:.1} s",
        args.to.display(),
        done.customers,
        done.bytes,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
