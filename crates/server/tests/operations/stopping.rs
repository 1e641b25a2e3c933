//! SIGTERM: readiness turns 503 `draining` at once while every other request is still served for
//! `--drain-secs`; then the server stops accepting and exits.

use std::time::{Duration, Instant};

use crate::common::*;

#[test]
fn sigterm_drains_then_stops() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("drain.sqlite3").display().to_string();
    let mut server = ServerProcess::start(&["--db", &db, "--seed-demo", "--drain-secs", "3"]);
    assert_eq!(server.get("/api/health/ready", "").unwrap().0, 200);

    let sent = Instant::now();
    server.sigterm();
    // At once (the first answer after the signal is handled): 503 draining.
    let (status, body) = loop {
        let (status, body) = server.get("/api/health/ready", "").unwrap();
        if status != 200 || sent.elapsed() > Duration::from_secs(2) {
            break (status, body);
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status, 503, "{body}");
    assert!(body.contains(r#""code":"draining""#), "{body}");
    // Still serving while draining.
    assert_eq!(server.get("/api/health/live", "").unwrap().0, 200);
    let (status, body) = server.get("/api/v1/me", DEMO).unwrap();
    assert_eq!(status, 200, "{body}");
    assert!(
        sent.elapsed() < Duration::from_secs(3),
        "checked within --drain-secs"
    );

    let exit = server.child.wait().unwrap();
    assert!(exit.success(), "{exit:?}");
    let stopped_after = sent.elapsed();
    assert!(
        stopped_after >= Duration::from_secs(3),
        "served for --drain-secs before stopping ({stopped_after:?})"
    );
    assert!(stopped_after < Duration::from_secs(15), "{stopped_after:?}");
}
