//! Two server processes (the real binary, each with its own pool, list accelerator and outbox
//! worker) on one PostgreSQL database, as two replicas behind one address: a write through one
//! is in the other's next list, an If-Match conflict is detected across them, and every
//! activation email is sent exactly once although both workers claim from the same outbox.

mod common;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use common::smtp::SmtpSink;
use common::{DEMO, ServerProcess, fresh_pg_database, new_customer};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A replica: the server binary on `db` with its own list accelerator and outbox worker.
fn start_replica(db: &str, sink: &SmtpSink) -> ServerProcess {
    ServerProcess::start(&[
        "--db",
        db,
        "--seed-demo",
        "--list-cache-mb",
        "64",
        "--smtp-url",
        &sink.url(),
    ])
}

/// One HTTP/1.1 request (`Connection: close`): the status and the JSON body (null when empty).
async fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    body: Option<&Value>,
    headers: &[(&str, &str)],
) -> std::io::Result<(u16, Value)> {
    let mut stream = TcpStream::connect(addr).await?;
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Authorization: Bearer {DEMO}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(&body);
    stream.write_all(request.as_bytes()).await?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await?;
    let text = String::from_utf8_lossy(&raw);
    let (head, rest) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status: u16 = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let chunked = head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked");
    let payload = if chunked {
        unchunk(rest)
    } else {
        rest.to_owned()
    };
    let json = serde_json::from_str(&payload).unwrap_or(Value::Null);
    Ok((status, json))
}

fn unchunk(mut rest: &str) -> String {
    let mut out = String::new();
    while let Some((size, tail)) = rest.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || tail.len() < n {
            break;
        }
        out.push_str(&tail[..n]);
        rest = tail[n..].trim_start_matches("\r\n");
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_on_one_postgresql_database_act_as_one_server() {
    let db = fresh_pg_database().await;
    let sink = SmtpSink::start().await;
    // The first one migrates and seeds; the second finds both done.
    let a = start_replica(&db, &sink);
    let b = start_replica(&db, &sink);

    // Both accelerators hold the demo reseller before the write.
    for r in [&a, &b] {
        let (status, page) = http(r.addr, "GET", "/api/v1/customers?q=replica", None, &[])
            .await
            .unwrap();
        assert_eq!(status, 200);
        assert_eq!(page["total"], 0);
    }

    // Created through A: in B's next list (search, first page by name, total).
    let (_, before) = http(b.addr, "GET", "/api/v1/customers?per_page=1", None, &[])
        .await
        .unwrap();
    let (status, created) = http(
        a.addr,
        "POST",
        "/api/v1/customers",
        Some(&new_customer("Aaa Replica Oy", Some("replica.fi"))),
        &[],
    )
    .await
    .unwrap();
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_str().unwrap().to_owned();
    let (_, found) = http(b.addr, "GET", "/api/v1/customers?q=replica", None, &[])
        .await
        .unwrap();
    assert_eq!(found["total"], 1);
    assert_eq!(found["items"][0]["id"], id.as_str());
    let (_, first) = http(b.addr, "GET", "/api/v1/customers?per_page=1", None, &[])
        .await
        .unwrap();
    assert_eq!(first["items"][0]["id"], id.as_str());
    assert_eq!(first["total"], before["total"].as_u64().unwrap() + 1);

    // The same name through B is a conflict (uniqueness holds across processes).
    let (status, problem) = http(
        b.addr,
        "POST",
        "/api/v1/customers",
        Some(&new_customer("AAA replica oy", None)),
        &[],
    )
    .await
    .unwrap();
    assert_eq!(status, 409, "{problem}");

    // An edit through A at version 1, then one through B still at version 1: stale.
    let path = format!("/api/v1/customers/{id}");
    let (status, edited) = http(
        a.addr,
        "PATCH",
        &path,
        Some(&json!({"user_licenses": 40})),
        &[("If-Match", "\"1\"")],
    )
    .await
    .unwrap();
    assert_eq!(status, 200, "{edited}");
    assert_eq!(edited["version"], 2);
    let (status, stale) = http(
        b.addr,
        "PATCH",
        &path,
        Some(&json!({"user_licenses": 50})),
        &[("If-Match", "\"1\"")],
    )
    .await
    .unwrap();
    assert_eq!(status, 412, "{stale}");
    let (_, now) = http(b.addr, "GET", &path, None, &[]).await.unwrap();
    assert_eq!(now["user_licenses"], 40);
    assert_eq!(now["version"], 2);

    // Creates spread over both replicas at once: each activation email goes out exactly once,
    // although both workers claim from the one outbox.
    let mut tasks = Vec::new();
    for i in 0..24 {
        let addr = if i % 2 == 0 { a.addr } else { b.addr };
        tasks.push(tokio::spawn(async move {
            let mut body = new_customer(&format!("Replica Burst {i} Oy"), None);
            body["notify_emails"] = json!([format!("burst-{i}@example.fi")]);
            let (status, created) = http(addr, "POST", "/api/v1/customers", Some(&body), &[])
                .await
                .unwrap();
            assert_eq!(status, 201, "{created}");
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let expected: Vec<String> = (0..24).map(|i| format!("burst-{i}@example.fi")).collect();
    let count = |messages: &[String]| {
        let mut per: HashMap<&str, usize> = HashMap::new();
        for m in messages {
            for address in &expected {
                if m.contains(address.as_str()) {
                    *per.entry(address.as_str()).or_default() += 1;
                }
            }
        }
        expected
            .iter()
            .map(|a| per.get(a.as_str()).copied().unwrap_or(0))
            .collect::<Vec<_>>()
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let sent = count(&sink.messages());
        if sent.iter().all(|&n| n >= 1) || Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Past both workers' next polls: nothing is sent a second time.
    tokio::time::sleep(Duration::from_secs(6)).await;
    let sent = count(&sink.messages());
    assert_eq!(sent, vec![1; 24], "activation emails per burst customer");
    let (_, outbox) = http(a.addr, "GET", "/api/v1/outbox", None, &[])
        .await
        .unwrap();
    let unsent: Vec<&Value> = outbox
        .as_array()
        .or_else(|| outbox["items"].as_array())
        .expect("the outbox lists emails")
        .iter()
        .filter(|e| e["sent_at"].is_null())
        .collect();
    assert!(unsent.is_empty(), "unsent: {unsent:?}");
}
