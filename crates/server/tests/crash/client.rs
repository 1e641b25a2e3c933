//! The crash test's clients: creates and batches of creates over raw HTTP/1.1 connections (so a
//! killed server shows as a request without an answer), and what became of each.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use server::store::{CustomerQuery, DynStore, Filters, Reseller, SortKey};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::{BATCH_ROWS, BURST_MAX, TOKEN};

/// What became of one create request.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// 201 with this customer id.
    Acknowledged(String),
    /// Sent (or possibly sent) without a 201: the process died, or it answered otherwise.
    Unanswered,
    /// Never reached the server (it was already dead).
    NotSent,
}

/// One create: its name, key and fate.
#[derive(Debug, Clone)]
pub struct Create {
    pub name: String,
    pub key: String,
    pub outcome: Outcome,
}

pub fn customer(name: &str) -> serde_json::Value {
    serde_json::json!({
        "organization_name": name,
        "user_licenses": 10,
        "extra_storage_gb": 500,
        "notify_emails": ["it@crash.example"],
        "storage_type": "azure_ireland",
    })
}

/// POST /api/v1/customers over a fresh connection: `Err(true)` when nothing was sent.
pub async fn post(addr: SocketAddr, name: &str, key: &str) -> Result<(u16, String), bool> {
    let body = customer(name).to_string();
    send(
        addr,
        "/api/v1/customers",
        &format!("Idempotency-Key: {key}\r\n"),
        &body,
    )
    .await
}

/// POST /api/v1/customers/batch of (name, key) rows over a fresh connection.
pub async fn post_batch(
    addr: SocketAddr,
    rows: &[(String, String)],
) -> Result<(u16, String), bool> {
    let rows: Vec<_> = rows
        .iter()
        .map(|(name, key)| serde_json::json!({"idempotency_key": key, "customer": customer(name)}))
        .collect();
    let body = serde_json::json!({ "rows": rows }).to_string();
    send(addr, "/api/v1/customers/batch", "", &body).await
}

/// A POST of a JSON body: the status and the body, `Err(true)` when nothing was sent.
pub async fn send(
    addr: SocketAddr,
    path: &str,
    headers: &str,
    body: &str,
) -> Result<(u16, String), bool> {
    let mut stream = tokio::net::TcpStream::connect(addr)
        .await
        .map_err(|_| true)?;
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {TOKEN}\r\n\
         Content-Type: application/json\r\n{headers}Content-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    );
    stream
        .write_all(request.as_bytes())
        .await
        .map_err(|_| false)?;
    let mut response = Vec::new();
    tokio::time::timeout(Duration::from_secs(60), stream.read_to_end(&mut response))
        .await
        .map_err(|_| false)?
        .map_err(|_| false)?;
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or(false)?;
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    Ok((status, body))
}

/// The JSON of an answer's body (chunked or not: from its first `{` to its last `}`).
pub fn json(body: &str) -> serde_json::Value {
    let start = body.find('{').expect("a JSON body");
    let end = body.rfind('}').expect("a JSON body");
    serde_json::from_str(&body[start..=end]).expect("JSON")
}

/// The id in a 201's body.
pub fn created_id(body: &str) -> String {
    json(body)["id"].as_str().expect("an id").to_owned()
}

/// The reseller's customers whose names start with `prefix`: name → ids.
pub async fn customers(
    store: &DynStore,
    reseller: &Reseller,
    prefix: &str,
) -> BTreeMap<String, Vec<String>> {
    let query = CustomerQuery {
        filters: Filters::default(),
        sort: SortKey::CreatedAt,
        descending: false,
        page: 1,
        per_page: 100,
    };
    let mut by_name: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for c in store.export(&reseller.id, &query).await.expect("export") {
        if c.organization_name.starts_with(prefix) {
            by_name.entry(c.organization_name).or_default().push(c.id);
        }
    }
    by_name
}

/// One client's burst: creates until the server stops answering (or `BURST_MAX`).
pub async fn client(addr: SocketAddr, round: usize, client: usize, log: Arc<Mutex<Vec<Create>>>) {
    for i in 0..BURST_MAX {
        let name = format!("Crash r{round:02} c{client} n{i:03} Oy");
        let key = format!("crash-{round}-{client}-{i}");
        let outcome = match post(addr, &name, &key).await {
            Ok((201, body)) => Outcome::Acknowledged(created_id(&body)),
            Ok(_) | Err(false) => Outcome::Unanswered,
            Err(true) => Outcome::NotSent,
        };
        let stop = !matches!(outcome, Outcome::Acknowledged(_));
        log.lock().unwrap().push(Create { name, key, outcome });
        if stop {
            return;
        }
    }
}

/// The batch client's burst: batches of [`BATCH_ROWS`] until the server stops answering. A
/// batch is one transaction: acknowledged (200) means every row of it was created.
pub async fn batch_client(addr: SocketAddr, round: usize, log: Arc<Mutex<Vec<Create>>>) {
    for b in 0..BURST_MAX / BATCH_ROWS {
        let rows: Vec<(String, String)> = (0..BATCH_ROWS)
            .map(|i| {
                let n = b * BATCH_ROWS + i;
                (
                    format!("Crash r{round:02} b n{n:03} Oy"),
                    format!("crash-{round}-b-{n}"),
                )
            })
            .collect();
        let answer = post_batch(addr, &rows).await;
        let outcomes: Vec<Outcome> = match &answer {
            Ok((200, body)) => json(body)["results"]
                .as_array()
                .expect("results")
                .iter()
                .map(|r| {
                    assert_eq!(r["outcome"], "created", "a row of a new batch: {r}");
                    Outcome::Acknowledged(r["customer"]["id"].as_str().expect("an id").into())
                })
                .collect(),
            Ok(_) | Err(false) => vec![Outcome::Unanswered; rows.len()],
            Err(true) => vec![Outcome::NotSent; rows.len()],
        };
        let mut log = log.lock().unwrap();
        for ((name, key), outcome) in rows.into_iter().zip(outcomes) {
            log.push(Create { name, key, outcome });
        }
        if !matches!(answer, Ok((200, _))) {
            return;
        }
    }
}
