//! No secret or personal data in the log, proven on a whole session: the built server runs on
//! PostgreSQL through a role with a password, logging everything (`RUST_LOG=trace`, JSON lines),
//! with SMTP to a sink that refuses one recipient; customers are created (activation emails
//! sent and refused), errors provoked (404, 422, bad JSON, a bad bearer token), an activation
//! link opened; then a second run without SMTP logs an email instead of sending it. Then no line may hold the database password, a bearer token, an activation
//! token or link, or an email body, and recipients only in DEBUG lines; and the access log must be
//! there (route template, status, request id, reseller), so the test proves it read the log.

mod common;

use std::time::{Duration, Instant};

use common::smtp::SmtpSink;
use common::{CapturedLog, ServerProcess};
use serde_json::{Value, json};

const PASSWORD: &str = "Pw-scrub-7f3a91c2e4";
const BAD_TOKEN: &str = "cm_deadbeef_0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab";
const REFUSED: &str = "refused.rcpt@scrub.example";
const ACCEPTED: [&str; 2] = ["scrub.it@scrub.example", "scrub.boss@scrub.example"];
const PUBLIC_URL: &str = "http://scrub.test";
/// Sentences of every activation email (`outbox::wording`).
const BODY_FRAGMENTS: [&str; 3] = [
    "To start protecting your data",
    "If you were not expecting this email",
    "has set up Microsoft 365 backup for",
];

/// A fresh database owned by a new role that signs in with [`PASSWORD`]: its URL.
async fn database_with_password() -> String {
    use sqlx::Connection;
    let url = common::fresh_pg_database().await;
    let mut parsed = url::Url::parse(&url).unwrap();
    let name = parsed.path().trim_start_matches('/').to_owned();
    let role = format!("scrub_{}", uuid::Uuid::new_v4().simple());
    let admin_url = std::env::var(common::PG_ENV).unwrap();
    let mut admin = sqlx::PgConnection::connect(&admin_url).await.unwrap();
    for statement in [
        format!("CREATE ROLE {role} LOGIN PASSWORD '{PASSWORD}'"),
        format!("ALTER DATABASE {name} OWNER TO {role}"),
    ] {
        sqlx::raw_sql(sqlx::AssertSqlSafe(statement.clone()))
            .execute(&mut admin)
            .await
            .unwrap_or_else(|e| panic!("{statement}: {e}"));
    }
    parsed.set_username(&role).unwrap();
    parsed.set_password(Some(PASSWORD)).unwrap();
    parsed.to_string()
}

/// Runs an administration command (its stdout, asserting success).
fn admin(db: &str, args: &[&str]) -> String {
    let mut all = vec!["--db", db];
    all.extend_from_slice(args);
    let out = common::run_server_to_exit(&all);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?}: {stderr}");
    assert!(
        !stderr.contains(PASSWORD),
        "{args:?} printed the password: {stderr}"
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// One HTTP exchange: status, `x-request-id` and body.
struct Answer {
    status: u16,
    request_id: String,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// Sends a request (on a blocking thread: ureq is synchronous).
async fn call(
    method: &'static str,
    url: String,
    headers: Vec<(&'static str, String)>,
    body: Option<String>,
) -> Answer {
    tokio::task::spawn_blocking(move || {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut request = ureq::http::Request::builder().method(method).uri(&url);
        for (name, value) in &headers {
            request = request.header(*name, value);
        }
        let request = request.body(body.unwrap_or_default()).unwrap();
        let mut response = agent.run(request).unwrap_or_else(|e| panic!("{url}: {e}"));
        Answer {
            status: response.status().as_u16(),
            request_id: response
                .headers()
                .get("x-request-id")
                .map(|v| v.to_str().unwrap().to_owned())
                .unwrap_or_default(),
            body: response.body_mut().read_to_string().unwrap_or_default(),
        }
    })
    .await
    .unwrap()
}

fn bearer(token: &str) -> (&'static str, String) {
    ("authorization", format!("Bearer {token}"))
}

fn json_type() -> (&'static str, String) {
    ("content-type", "application/json".to_owned())
}

fn customer(name: &str, emails: &[&str]) -> String {
    json!({
        "organization_name": name,
        "user_licenses": 10,
        "extra_storage_gb": 0,
        "notify_emails": emails,
        "storage_type": "finnish_s3",
    })
    .to_string()
}

/// Waits until `done` holds for the log (or fails after 30 s).
async fn wait_for(log: &CapturedLog, what: &str, done: impl Fn(&[String]) -> bool) {
    let started = Instant::now();
    while !done(&log.lines()) {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "waited 30 s for {what}; the log:\n{}",
            log.lines().join("\n")
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_whole_session_logs_no_secret_and_no_personal_data() {
    let db = database_with_password().await;
    let sink = SmtpSink::start().await;
    sink.refuse_recipient(REFUSED);

    // A start-up that fails names the server, never the password.
    let refused = common::run_server_to_exit(&[
        "--db",
        &format!(
            "postgres://someone:{PASSWORD}@127.0.0.1:{}/x",
            common::free_port()
        ),
    ]);
    let refused_err = String::from_utf8_lossy(&refused.stderr).into_owned();
    assert!(!refused.status.success());
    assert!(
        refused_err.contains("someone:***@127.0.0.1"),
        "{refused_err}"
    );

    let reseller = admin(&db, &["resellers", "create", "--name", "Scrub Reseller Oy"]);
    let token = admin(
        &db,
        &[
            "tokens",
            "create",
            "--reseller",
            &reseller,
            "--role",
            "manager",
            "--name",
            "scrub",
        ],
    );
    assert!(token.starts_with("cm_"), "{token}");

    let (mut server, log) = ServerProcess::start_logged(
        &[
            "--db",
            &db,
            "--smtp-url",
            &sink.url(),
            "--public-url",
            PUBLIC_URL,
            "--log-format",
            "json",
        ],
        "trace",
    );
    let base = format!("http://{}", server.addr);
    let customers = format!("{base}/api/v1/customers");

    // Creates: one email refused by the mail server (which quotes the address), one sent.
    let refused_one = call(
        "POST",
        customers.clone(),
        vec![bearer(&token), json_type()],
        Some(customer("Scrub Refused Oy", &[REFUSED])),
    )
    .await;
    assert_eq!(refused_one.status, 201, "{}", refused_one.body);
    let sent_one = call(
        "POST",
        customers.clone(),
        vec![
            bearer(&token),
            json_type(),
            ("x-request-id", "scrub-create-1".into()),
        ],
        Some(customer("Scrub Sent Oy", &ACCEPTED)),
    )
    .await;
    assert_eq!(sent_one.status, 201, "{}", sent_one.body);
    assert_eq!(sent_one.request_id, "scrub-create-1");

    // Errors: each problem body carries the answer's request id.
    let missing = call(
        "GET",
        format!("{customers}/c_nosuchcustomer"),
        vec![bearer(&token)],
        None,
    )
    .await;
    let invalid = call(
        "POST",
        customers.clone(),
        vec![bearer(&token), json_type()],
        Some(customer("", &["not an address"])),
    )
    .await;
    let bad_json = call(
        "POST",
        customers.clone(),
        vec![bearer(&token), json_type()],
        Some("{\"organization_name\": ".into()),
    )
    .await;
    let bad_token = call("GET", customers.clone(), vec![bearer(BAD_TOKEN)], None).await;
    for (answer, status) in [
        (&missing, 404),
        (&invalid, 422),
        (&bad_json, 400),
        (&bad_token, 401),
    ] {
        assert_eq!(answer.status, status, "{}", answer.body);
        assert!(!answer.request_id.is_empty());
        assert_eq!(answer.json()["request_id"], answer.request_id.as_str());
    }
    // A malformed incoming id is replaced.
    let long_id = "x".repeat(200);
    let replaced = call(
        "GET",
        customers.clone(),
        vec![bearer(&token), ("x-request-id", long_id.clone())],
        None,
    )
    .await;
    assert_eq!(replaced.status, 200);
    assert!(!replaced.request_id.is_empty() && replaced.request_id != long_id);

    // The sent email arrives; its activation link is opened; the refusal is logged.
    let started = Instant::now();
    while sink.messages().is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no email arrived"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let message = sink.messages().remove(0);
    let link = message
        .lines()
        .find(|l| l.starts_with(PUBLIC_URL))
        .unwrap_or_else(|| panic!("no activation link in {message}"))
        .trim()
        .to_owned();
    let page = call("GET", link.replace(PUBLIC_URL, &base), vec![], None).await;
    assert_eq!(page.status, 200, "{}", page.body);
    wait_for(&log, "the refusal's warning", |lines| {
        lines
            .iter()
            .any(|l| l.contains("could not deliver an activation email"))
    })
    .await;

    assert!(server.terminate().success());
    let mut lines = log.finished();

    // Without --smtp-url an email is logged (by its id) instead of sent.
    let (mut server, log) = ServerProcess::start_logged(
        &[
            "--db",
            &db,
            "--public-url",
            PUBLIC_URL,
            "--log-format",
            "json",
        ],
        "trace",
    );
    let logged_one = call(
        "POST",
        format!("http://{}/api/v1/customers", server.addr),
        vec![bearer(&token), json_type()],
        Some(customer("Scrub Logged Oy", &ACCEPTED)),
    )
    .await;
    assert_eq!(logged_one.status, 201, "{}", logged_one.body);
    wait_for(&log, "the logged email", |lines| {
        lines
            .iter()
            .any(|l| l.contains("activation email not sent (no --smtp-url)"))
    })
    .await;
    assert!(server.terminate().success());
    lines.extend(log.finished());

    // Every activation token the servers made, sent, refused or logged.
    let activation_tokens: Vec<String> = {
        use sqlx::Connection;
        let mut conn = sqlx::PgConnection::connect(&db).await.unwrap();
        sqlx::query_scalar("SELECT activation_token FROM outbox")
            .fetch_all(&mut conn)
            .await
            .unwrap()
    };
    assert_eq!(activation_tokens.len(), 3);

    let mut all_lines = lines.clone();
    all_lines.extend(refused_err.lines().map(str::to_owned));

    // The access log is there: one INFO line per request with route, status, id and reseller.
    let access: Vec<Value> = lines
        .iter()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v["message"] == "request answered")
        .collect();
    assert!(access.len() >= 8, "{} access lines", access.len());
    let create = access
        .iter()
        .find(|v| v["span"]["request_id"] == "scrub-create-1")
        .expect("the access line of the create that sent an id");
    assert_eq!(create["level"], "INFO");
    assert_eq!(create["status"], 201);
    assert_eq!(create["span"]["method"], "POST");
    assert_eq!(create["span"]["route"], "/api/v1/customers");
    assert_eq!(create["span"]["reseller"], reseller.as_str());
    assert!(create["latency_ms"].as_f64().is_some());
    assert!(
        access
            .iter()
            .any(|v| v["span"]["route"] == "/activate/{token}" && v["status"] == 200),
        "the activation page's access line names the route template"
    );
    // Recipients do reach the DEBUG lines (so the check below is not vacuous).
    assert!(lines.iter().any(|l| l.contains(ACCEPTED[0])));

    // Nothing secret anywhere, recipients only at DEBUG or below.
    let token_secret = token.rsplit('_').next().unwrap();
    let mut secrets: Vec<(&str, String)> = vec![
        ("the database password", PASSWORD.to_owned()),
        ("the bearer token", token.clone()),
        ("the bearer token's secret part", token_secret.to_owned()),
        ("the refused bearer token", BAD_TOKEN.to_owned()),
        ("an activation link", format!("{PUBLIC_URL}/activate/")),
    ];
    secrets.extend(
        activation_tokens
            .iter()
            .map(|t| ("an activation token", t.clone())),
    );
    secrets.extend(
        BODY_FRAGMENTS
            .iter()
            .map(|f| ("an email body", (*f).to_owned())),
    );
    let mut leaks = Vec::new();
    for line in &all_lines {
        for (what, secret) in &secrets {
            if line.contains(secret.as_str()) {
                leaks.push(format!("{what}: {line}"));
            }
        }
        let level = serde_json::from_str::<Value>(line)
            .ok()
            .and_then(|v| v["level"].as_str().map(str::to_owned));
        let detailed = matches!(level.as_deref(), Some("DEBUG" | "TRACE"));
        for recipient in ACCEPTED.iter().chain([&REFUSED]) {
            if !detailed && line.contains(recipient) {
                leaks.push(format!("a recipient above DEBUG: {line}"));
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "{} log lines leak:\n{}",
        leaks.len(),
        leaks.join("\n")
    );
}
