//! Parses the configuration, opens the database, and serves the API (and the SPA).

use secrecy::ExposeSecret;
use server::config::Config;
use server::operations::{production, serve};
use server::outbox::{self, Mailer};
use server::{AppState, Settings, app, seed};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let (config, db_explicit) = production::parse();
    let refusals = production::refusals(&config, db_explicit);
    if !refusals.is_empty() {
        for refusal in refusals {
            eprintln!("error: {refusal}");
        }
        return std::process::ExitCode::from(production::EXIT_REFUSED);
    }
    match run(config).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            // One line: the error and its causes.
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(config: Config) -> anyhow::Result<()> {
    if config.print_openapi {
        println!("{}", server::api_doc::document_json());
        return Ok(());
    }
    server::logging::init(config.log_format);

    let mut open = config.operations.open_options();
    if let Some(command) = &config.command {
        return server::admin::run(command, config.db.expose_secret(), open).await;
    }
    open.migrate = !config.operations.no_migrate;
    let store = server::store::open_with(config.db.expose_secret(), &open).await?;
    tracing::info!(db = %server::logging::db_for_logs(config.db.expose_secret()), backend = store.backend(), "database ready");
    let seeded_identities = config.seed_demo || config.bench_seed.is_some();
    if !seeded_identities && store.has_demo_tokens().await? {
        tracing::warn!(
            "this database has the demo resellers' tokens; they are refused unless the server runs with --seed-demo"
        );
    }
    let jwt = match config.jwt()? {
        Some(settings) => Some(std::sync::Arc::new(
            server::identity::jwt::JwtVerifier::load(settings).await?,
        )),
        None => None,
    };
    if config.seed_demo && seed::seed_demo(store.as_ref()).await? {
        tracing::info!("seeded the demo resellers \"demo\" and \"small\"");
    }
    if let Some(n) = config.bench_seed {
        let started = std::time::Instant::now();
        seed::seed_bench(store.as_ref(), n).await?;
        tracing::info!(customers = n, elapsed = ?started.elapsed(), "benchmark reseller ready (token bench-token)");
    }
    let mailer = match &config.smtp_url {
        Some(url) => Mailer::smtp(url.expose_secret(), &config.smtp_from)?,
        None => Mailer::Log,
    };
    let listener = tokio::net::TcpListener::bind(config.bind).await?;
    let addr = listener.local_addr()?;
    let settings = Settings {
        demo_mode: config.seed_demo,
        seeded_identities,
        jwt,
        auth_failures_per_minute: config.auth_failures_per_minute,
        requests_per_minute: config.requests_per_minute,
        static_dir: config.static_dir.clone(),
        frame_ancestors: config.frame_ancestors.clone(),
        public_url: config.public_url(addr),
        list_cache_mb: config.list_cache_mb,
        outbox_lease: std::time::Duration::from_secs(config.outbox_lease_secs),
        request_timeout: config.operations.request_timeout(),
        max_in_flight: config.operations.max_in_flight(),
    };
    if let Some(dir) = &settings.static_dir
        && !dir.join("index.html").is_file()
    {
        tracing::warn!(dir = %dir.display(), "--static-dir has no index.html (run `trunk build`)");
    }
    let state = AppState::new(store, settings);
    if let Some(bind) = config.operations.metrics_bind {
        let handle = server::metrics::install()?;
        let listener = tokio::net::TcpListener::bind(bind).await?;
        tracing::info!(url = %format!("http://{}/metrics", listener.local_addr()?), "metrics");
        tokio::spawn(server::http::metrics::serve(
            listener,
            state.clone(),
            handle,
        ));
    }
    let (stop_worker, stop) = tokio::sync::watch::channel(false);
    let retention =
        server::retention::spawn(state.clone(), config.retention.policy(), stop.clone());
    let worker = outbox::spawn_worker(state.clone(), mailer, stop);
    // Listened for before the address is announced: a SIGTERM sent at once still drains.
    let stop_signal = serve::stop_signal();

    let url = format!("http://{addr}/customers");
    tracing::info!(%url, "listening");
    println!("Customers app: {url}");
    if config.seed_demo {
        println!(
            "Signed in as the demo reseller: the page sets the cookie session={} (switch with \
             http://{addr}/api/v1/demo/sign-in?reseller=small); API clients send `Authorization: Bearer {}`.",
            seed::DEMO_TOKEN,
            seed::DEMO_TOKEN
        );
    } else {
        println!(
            "API clients sign in with `Authorization: Bearer <token>` (run with --seed-demo for demo data)."
        );
    }
    if config.static_dir.is_none() {
        println!(
            "API only (no --static-dir): run `trunk serve` for the SPA, or pass --static-dir dist."
        );
    }
    let times = serve::StopTimes {
        drain: std::time::Duration::from_secs(config.operations.drain_secs),
        grace: std::time::Duration::from_secs(config.operations.shutdown_grace_secs),
    };
    let deadline = serve::serve(
        listener,
        &state,
        app(state.clone()),
        times,
        stop_signal,
        || {
            // The worker finishes the email in hand and releases the rest of its claim.
            let _ = stop_worker.send(true);
        },
    )
    .await?;
    match tokio::time::timeout_at(deadline, worker).await {
        Ok(_) => tracing::info!("outbox worker stopped"),
        Err(_) => tracing::warn!(
            "the outbox worker did not stop within --shutdown-grace-secs; its claim frees itself when the lease ends"
        ),
    }
    // Stopped by the same signal between rounds; a round in progress rolls back.
    let _ = tokio::time::timeout(std::time::Duration::from_secs(5), retention).await;
    Ok(())
}
