//! Serving until SIGTERM (or Ctrl-C), then stopping gracefully: readiness turns 503 at once while
//! requests are still served for `--drain-secs`, then no new connections are accepted and the
//! requests in flight get up to `--shutdown-grace-secs`.

use std::future::IntoFuture;
use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::Router;
use tokio::time::Instant;

use crate::AppState;

/// How the process stops after SIGTERM.
#[derive(Debug, Clone, Copy)]
pub struct StopTimes {
    /// Readiness answers 503 while requests are still served for this long.
    pub drain: Duration,
    /// Then requests in flight may take this long to finish.
    pub grace: Duration,
}

/// Serves `router` until `stop` (see [`stop_signal`]), drains, and stops. `on_stop` runs when the server stops
/// accepting (the outbox worker is told to stop then). Returns the end of the grace period, by
/// which whatever else is stopping should be done too.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: &AppState,
    router: Router,
    times: StopTimes,
    stop: impl std::future::Future<Output = ()>,
    on_stop: impl FnOnce(),
) -> anyhow::Result<Instant> {
    let (stop_accepting, stopped) = tokio::sync::oneshot::channel::<()>();
    let service = router.into_make_service_with_connect_info::<SocketAddr>();
    let server = axum::serve(listener, service)
        .with_graceful_shutdown(async move {
            let _ = stopped.await;
        })
        .into_future();
    tokio::pin!(server);
    tokio::select! {
        done = &mut server => {
            done?;
            return Ok(Instant::now());
        }
        () = stop => {}
    }
    state.draining.store(true, Ordering::Relaxed);
    tracing::info!(
        drain_secs = times.drain.as_secs(),
        "stopping: readiness answers 503 while requests are still served"
    );
    tokio::select! {
        done = &mut server => {
            done?;
            return Ok(Instant::now());
        }
        () = tokio::time::sleep(times.drain) => {}
    }
    tracing::info!(
        grace_secs = times.grace.as_secs(),
        "no longer accepting connections; waiting for the requests in flight"
    );
    let _ = stop_accepting.send(());
    on_stop();
    let deadline = Instant::now() + times.grace;
    match tokio::time::timeout_at(deadline, &mut server).await {
        Ok(done) => done?,
        Err(_) => tracing::warn!(
            grace_secs = times.grace.as_secs(),
            "requests were still in flight at the end of --shutdown-grace-secs; stopping anyway"
        ),
    }
    Ok(deadline)
}

/// SIGTERM or Ctrl-C, listened for from this call on (call it before announcing the address, so
/// that a signal sent at once is not the default action, which ends the process on the spot).
pub fn stop_signal() -> impl std::future::Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let terminate = signal(SignalKind::terminate());
        let interrupt = signal(SignalKind::interrupt());
        async move {
            match (terminate, interrupt) {
                (Ok(mut terminate), Ok(mut interrupt)) => {
                    tokio::select! {
                        _ = terminate.recv() => {}
                        _ = interrupt.recv() => {}
                    }
                }
                _ => std::future::pending::<()>().await,
            }
        }
    }
    #[cfg(not(unix))]
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}
