//! The API contract, endpoint by endpoint and error by error, against a temporary database.

mod common;

use axum::body::Body;
use axum::http::{Method, StatusCode, header};
use common::*;
use serde_json::{Value, json};

// ------------------------------------------------------------------------------------------------
// Health, auth, unknown paths

async fn health_needs_no_credentials() {
    let app = TestApp::new().await;
    let r = app.get("/api/health", "").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json(), json!({"status": "ok"}));
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(
        r.header("referrer-policy"),
        Some("strict-origin-when-cross-origin")
    );
}

async fn missing_or_wrong_credentials_are_401_with_www_authenticate() {
    let app = TestApp::new().await;
    for token in ["", "wrong-token"] {
        for path in [
            "/api/v1/customers",
            "/api/v1/outbox",
            "/api/v1/customers/export.csv",
        ] {
            let r = app.get(path, token).await;
            r.problem(StatusCode::UNAUTHORIZED);
            assert_eq!(r.header("www-authenticate"), Some("Bearer"));
        }
    }
    let r = app
        .post_json("/api/v1/customers", "", &new_customer("Nobody Oy", None))
        .await;
    r.problem(StatusCode::UNAUTHORIZED);
}

async fn the_session_cookie_counts_only_in_demo_mode() {
    let cookie_get = |path: &str| {
        axum::http::Request::get(path)
            .header(header::COOKIE, "theme=dark; session=demo-token")
            .body(Body::empty())
            .unwrap()
    };
    let app = TestApp::new().await;
    app.send(cookie_get("/api/v1/customers"))
        .await
        .problem(StatusCode::UNAUTHORIZED);
    let demo = TestApp::with(|s| s.demo_mode = true).await;
    let r = demo.send(cookie_get("/api/v1/customers")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["total"], 40);
}

async fn unknown_api_paths_and_methods_are_problems() {
    let app = TestApp::new().await;
    let body = app
        .get("/api/v1/nothing-here", DEMO)
        .await
        .problem(StatusCode::NOT_FOUND);
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .contains("/api/v1/nothing-here")
    );
    app.get("/api/nope", "")
        .await
        .problem(StatusCode::NOT_FOUND);
    // Without --static-dir other paths are 404 problems too.
    app.get("/customers", "")
        .await
        .problem(StatusCode::NOT_FOUND);
    let r = app
        .send(
            request(Method::DELETE, "/api/v1/customers", DEMO)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    r.problem(StatusCode::METHOD_NOT_ALLOWED);
}

// ------------------------------------------------------------------------------------------------
// List

async fn list_defaults_to_first_page_of_25_by_name() {
    for mb in LIST_CACHE_MODES {
        list_defaults_to_first_page_of_25_by_name_with(mb).await;
    }
}

async fn list_defaults_to_first_page_of_25_by_name_with(mb: u64) {
    let app = TestApp::with_cache(mb).await;
    let r = app.get("/api/v1/customers", DEMO).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("content-type"), Some("application/json"));
    let page = r.json();
    assert_eq!(page["total"], 40);
    assert_eq!(page["page"], 1);
    assert_eq!(page["per_page"], 25);
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 25);
    let names: Vec<String> = items
        .iter()
        .map(|c| c["organization_name"].as_str().unwrap().to_lowercase())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    // Every item is a full Customer.
    let first: domain::Customer =
        serde_json::from_value(items[0].clone()).expect("items are Customers");
    assert!(first.version >= 1);

    let page2 = app.get("/api/v1/customers?page=2", DEMO).await.json();
    assert_eq!(page2["items"].as_array().unwrap().len(), 15);
    let past = app.get("/api/v1/customers?page=9", DEMO).await.json();
    assert_eq!(past["items"].as_array().unwrap().len(), 0);
    assert_eq!(past["total"], 40);
    let small = app
        .get("/api/v1/customers?per_page=2&page=2", SMALL)
        .await
        .json();
    assert_eq!(small["total"], 3);
    assert_eq!(small["items"].as_array().unwrap().len(), 1);
}

async fn invalid_list_parameters_are_400_problems() {
    let app = TestApp::new().await;
    for (query, mentions) in [
        ("page=0", "page"),
        ("page=abc", "page"),
        ("per_page=0", "per_page"),
        ("per_page=101", "per_page"),
        ("per_page=-5", "per_page"),
        ("status=deleted", "status"),
        ("storage_type=aws", "storage_type"),
        ("attention=maybe", "attention"),
        ("sort=password", "sort"),
        ("sort=--created_at", "sort"),
        ("colour=red", "colour"),
        ("page=1&page=2", "page"),
    ] {
        let r = app.get(&format!("/api/v1/customers?{query}"), DEMO).await;
        let body = r.problem(StatusCode::BAD_REQUEST);
        assert!(
            body["detail"].as_str().unwrap().contains(mentions),
            "{query}: {body}"
        );
        let r = app
            .get(&format!("/api/v1/customers/export.csv?{query}"), DEMO)
            .await;
        if !query.starts_with("page") && !query.starts_with("per_page") {
            r.problem(StatusCode::BAD_REQUEST);
        }
    }
}

async fn list_filters_by_status_storage_type_and_attention() {
    for mb in LIST_CACHE_MODES {
        list_filters_by_status_storage_type_and_attention_with(mb).await;
    }
}

async fn list_filters_by_status_storage_type_and_attention_with(mb: u64) {
    let app = TestApp::with_cache(mb).await;
    let all = app.all(DEMO).await;
    for (query, keep) in [
        (
            "status=pending_activation",
            (|c: &Value| c["status"] == "pending_activation") as fn(&Value) -> bool,
        ),
        ("status=active", |c| c["status"] == "active"),
        ("storage_type=azure_ireland", |c| {
            c["storage_type"] == "azure_ireland"
        }),
        ("storage_type=finnish_s3", |c| {
            c["storage_type"] == "finnish_s3"
        }),
        ("attention=true", needs_attention),
        (
            "attention=true&status=active&storage_type=finnish_s3",
            |c| needs_attention(c) && c["status"] == "active" && c["storage_type"] == "finnish_s3",
        ),
    ] {
        let expected: Vec<&Value> = all.iter().filter(|c| keep(c)).collect();
        assert!(
            !expected.is_empty() && expected.len() < all.len(),
            "{query} is a real filter"
        );
        let page = app
            .get(&format!("/api/v1/customers?per_page=100&{query}"), DEMO)
            .await
            .json();
        assert_eq!(page["total"], expected.len(), "{query}");
        let got: Vec<&Value> = page["items"].as_array().unwrap().iter().collect();
        assert_eq!(got, expected, "{query}");
    }
    // The seed covers every attention reason.
    assert!(
        all.iter()
            .any(|c| c["licenses_in_use"].as_u64() > c["user_licenses"].as_u64())
    );
    assert!(
        all.iter()
            .any(|c| c["storage_used_gb"].as_u64() >= c["extra_storage_gb"].as_u64())
    );
    assert!(all.iter().any(|c| {
        let (used, total) = (
            c["storage_used_gb"].as_u64().unwrap(),
            c["extra_storage_gb"].as_u64().unwrap(),
        );
        used * 10 >= total * 9 && used < total
    }));
    assert!(all.iter().any(|c| c["domain"].is_null()));
    assert_eq!(
        app.get("/api/v1/customers?attention=false", DEMO)
            .await
            .json()["total"],
        40
    );
}

fn needs_attention(c: &Value) -> bool {
    let n = |k: &str| c[k].as_u64().unwrap();
    n("licenses_in_use") > n("user_licenses")
        || n("storage_used_gb") * 10 >= n("extra_storage_gb") * 9
        || c["status"] == "pending_activation"
}

async fn search_matches_name_domain_or_id_case_insensitively() {
    for mb in LIST_CACHE_MODES {
        search_matches_name_domain_or_id_case_insensitively_with(mb).await;
    }
}

async fn search_matches_name_domain_or_id_case_insensitively_with(mb: u64) {
    let app = TestApp::with_cache(mb).await;
    let names = |v: Value| -> Vec<String> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["organization_name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        names(app.get("/api/v1/customers?q=CONTOSO", DEMO).await.json()),
        ["Contoso Oy"]
    );
    assert_eq!(
        names(
            app.get("/api/v1/customers?q=s%C3%84HK%C3%96", DEMO)
                .await
                .json()
        ),
        ["Pohjolan Sähkö Oy"]
    );
    // Domain: "litware.se" (the name has no "se").
    assert_eq!(
        names(app.get("/api/v1/customers?q=litware.se", DEMO).await.json()),
        ["Litware Ab"]
    );
    let id = app.id_of(DEMO, "Fabrikam Ab").await;
    assert_eq!(
        names(
            app.get(
                &format!("/api/v1/customers?q={}", &id[..13].to_uppercase()),
                DEMO
            )
            .await
            .json()
        ),
        ["Fabrikam Ab"]
    );
    let many = app
        .get("/api/v1/customers?q=oy&per_page=100", DEMO)
        .await
        .json();
    assert!(many["total"].as_u64().unwrap() > 20);
    assert!(names(many).iter().all(|n| n.to_lowercase().contains("oy")));
    assert_eq!(
        app.get("/api/v1/customers?q=no-such-company", DEMO)
            .await
            .json()["total"],
        0
    );
    // The other reseller's customers are never found.
    assert_eq!(
        app.get("/api/v1/customers?q=contoso", SMALL).await.json()["total"],
        0
    );
    // SQL wildcards are plain text.
    assert_eq!(
        app.get("/api/v1/customers?q=%25", DEMO).await.json()["total"],
        0
    );
    assert_eq!(
        app.get("/api/v1/customers?q=_", DEMO).await.json()["total"],
        0
    );
}

async fn every_sort_key_orders_both_ways_with_id_as_tie_breaker() {
    for mb in LIST_CACHE_MODES {
        every_sort_key_orders_both_ways_with_id_as_tie_breaker_with(mb).await;
    }
}

async fn every_sort_key_orders_both_ways_with_id_as_tie_breaker_with(mb: u64) {
    let app = TestApp::with_cache(mb).await;
    let keys = [
        "organization_name",
        "domain",
        "status",
        "user_licenses",
        "licenses_in_use",
        "extra_storage_gb",
        "storage_used_gb",
        "storage_type",
        "created_at",
        "updated_at",
    ];
    for key in keys {
        for descending in [false, true] {
            let sort = if descending {
                format!("-{key}")
            } else {
                key.to_owned()
            };
            let page = app
                .get(&format!("/api/v1/customers?per_page=100&sort={sort}"), DEMO)
                .await
                .json();
            let items = page["items"].as_array().unwrap();
            assert_eq!(items.len(), 40);
            let sort_value = |c: &Value| -> (String, String) {
                let v = &c[key];
                let v = match v {
                    Value::Number(n) => format!("{:020}", n.as_u64().unwrap()),
                    Value::String(s) => s.to_lowercase(),
                    _ => String::new(),
                };
                (v, c["id"].as_str().unwrap().to_owned())
            };
            let got: Vec<(String, String)> = items.iter().map(sort_value).collect();
            let mut expected = got.clone();
            expected.sort();
            if descending {
                expected.reverse();
            }
            assert_eq!(got, expected, "sort={sort}");
        }
    }
    // Paging through a sort visits every customer once.
    let mut seen = Vec::new();
    for page in 1..=4 {
        let p = app
            .get(
                &format!("/api/v1/customers?sort=-storage_used_gb&per_page=12&page={page}"),
                DEMO,
            )
            .await
            .json();
        seen.extend(
            p["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["id"].as_str().unwrap().to_owned()),
        );
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 40);
}

// ------------------------------------------------------------------------------------------------
// Read one, isolation

async fn get_one_has_an_etag_and_unknown_ids_are_404() {
    let app = TestApp::new().await;
    let id = app.id_of(DEMO, "Contoso Oy").await;
    let r = app.get(&format!("/api/v1/customers/{id}"), DEMO).await;
    assert_eq!(r.status, StatusCode::OK);
    let c: domain::Customer = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(c.id, id);
    assert_eq!(c.organization_name, "Contoso Oy");
    assert_eq!(
        r.header("etag"),
        Some(format!("\"{}\"", c.version).as_str())
    );
    app.get("/api/v1/customers/does-not-exist", DEMO)
        .await
        .problem(StatusCode::NOT_FOUND);
}

async fn another_resellers_customer_is_404_everywhere() {
    for mb in LIST_CACHE_MODES {
        another_resellers_customer_is_404_everywhere_with(mb).await;
    }
}

async fn another_resellers_customer_is_404_everywhere_with(mb: u64) {
    let app = TestApp::with_cache(mb).await;
    let id = app.id_of(DEMO, "Contoso Oy").await;
    let path = format!("/api/v1/customers/{id}");
    app.get(&path, SMALL).await.problem(StatusCode::NOT_FOUND);
    app.get(&format!("{path}/audit"), SMALL)
        .await
        .problem(StatusCode::NOT_FOUND);
    app.patch(&path, SMALL, Some("\"1\""), &json!({"user_licenses": 5}))
        .await
        .problem(StatusCode::NOT_FOUND);
    let r = app
        .send(
            request(Method::POST, &format!("{path}/activation-email"), SMALL)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    r.problem(StatusCode::NOT_FOUND);
    // Nothing changed for the owner.
    let r = app.get(&path, DEMO).await;
    assert_eq!(r.json()["version"], 1);
    assert_eq!(app.get("/api/v1/outbox", SMALL).await.json(), json!([]));
    let small = app.all(SMALL).await;
    assert_eq!(small.len(), 3);
    assert!(small.iter().all(|c| c["id"] != id.as_str()));
}

// ------------------------------------------------------------------------------------------------
// Create

async fn create_returns_201_with_location_etag_and_queues_the_activation_email() {
    let app = TestApp::new().await;
    let r = app
        .post_json(
            "/api/v1/customers",
            DEMO,
            &new_customer("  Uusi   Asiakas Oy ", Some("Uusi-Asiakas.FI")),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let c: domain::Customer = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(
        r.header("location"),
        Some(format!("/api/v1/customers/{}", c.id).as_str())
    );
    assert_eq!(r.header("etag"), Some("\"1\""));
    assert_eq!(
        c.organization_name, "Uusi Asiakas Oy",
        "normalised by the domain rules"
    );
    assert_eq!(c.domain.as_deref(), Some("uusi-asiakas.fi"));
    assert_eq!(c.status, domain::CustomerStatus::PendingActivation);
    assert_eq!((c.version, c.licenses_in_use, c.storage_used_gb), (1, 0, 0));
    assert_eq!(c.storage_type, domain::StorageType::FinnishS3);
    assert_eq!(c.usage_updated_at, c.created_at);
    assert!(c.created_at.ends_with('Z') && c.created_at.contains('T'));

    let fetched = app.get(&format!("/api/v1/customers/{}", c.id), DEMO).await;
    assert_eq!(
        serde_json::from_slice::<domain::Customer>(&fetched.body).unwrap(),
        c
    );

    let outbox = app.get("/api/v1/outbox", DEMO).await.json();
    let emails = outbox.as_array().unwrap();
    assert_eq!(emails.len(), 1);
    assert_eq!(emails[0]["customer_id"], c.id.as_str());
    assert_eq!(
        emails[0]["recipients"],
        json!(["it@example.fi", "boss@example.fi"])
    );
    assert!(
        emails[0]["subject"]
            .as_str()
            .unwrap()
            .contains("Uusi Asiakas Oy")
    );
    assert!(
        emails[0]["body"]
            .as_str()
            .unwrap()
            .contains("http://app.test/activate/")
    );
    assert!(emails[0]["sent_at"].is_null());

    let audit = app
        .get(&format!("/api/v1/customers/{}/audit", c.id), DEMO)
        .await
        .json();
    assert_eq!(audit.as_array().unwrap().len(), 1);
    assert_eq!(audit[0]["field"], "created");
    assert_eq!(audit[0]["actor"], "demo@reseller.example");

    // A customer without a domain.
    let r = app
        .post_json(
            "/api/v1/customers",
            DEMO,
            &new_customer("Ilman Domainia Oy", None),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert!(r.json()["domain"].is_null());
}

async fn the_outbox_worker_marks_emails_sent() {
    let app = TestApp::new().await;
    let r = app
        .post_json("/api/v1/customers", DEMO, &new_customer("Lähetys Oy", None))
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    server::outbox::deliver_pending(&app.state, &server::outbox::Mailer::Log)
        .await
        .unwrap();
    let outbox = app.get("/api/v1/outbox", DEMO).await.json();
    assert!(
        outbox[0]["sent_at"]
            .as_str()
            .is_some_and(|s| s.ends_with('Z'))
    );
}

async fn count_named(app: &TestApp, name: &str) -> u64 {
    let r = app
        .get(
            &format!("/api/v1/customers?q={}", name.replace(' ', "%20")),
            DEMO,
        )
        .await;
    r.json()["total"].as_u64().unwrap()
}

fn with_key(mut req: axum::http::Request<Body>, key: &str) -> axum::http::Request<Body> {
    req.headers_mut()
        .insert("idempotency-key", key.parse().unwrap());
    req
}

async fn the_activation_link_in_the_email_opens_a_plain_page() {
    let app = TestApp::new().await;
    let r = app
        .post_json(
            "/api/v1/customers",
            DEMO,
            &new_customer("<b>Aktivoi</b> & Co Oy", Some("aktivoi.fi")),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let outbox = app.get("/api/v1/outbox", DEMO).await.json();
    let body = outbox[0]["body"].as_str().unwrap();
    let link = body
        .split_whitespace()
        .find(|w| w.starts_with("http://app.test/activate/"))
        .expect("a link in the email");
    let path = link.strip_prefix("http://app.test").unwrap();

    // No credentials: the customer's people open it from their mail.
    let page = app.get(path, "").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(page.header("cache-control"), Some("no-store"));
    assert_eq!(page.header("referrer-policy"), Some("no-referrer"));
    assert!(page.header("content-security-policy").is_some());
    let html = page.text();
    assert!(
        html.contains("&lt;b&gt;Aktivoi&lt;/b&gt; &amp; Co Oy"),
        "{html}"
    );
    assert!(html.contains("waiting for activation"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
    // Opening it changes nothing.
    let id = r.json()["id"].as_str().unwrap().to_owned();
    let after = app
        .get(&format!("/api/v1/customers/{id}"), DEMO)
        .await
        .json();
    assert_eq!(after["status"], "pending_activation");
    assert_eq!(after["version"], 1);

    let unknown = app.get("/activate/not-a-token", "").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(
        unknown.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(unknown.text().contains("not valid"));
}

async fn idempotency_keys_expire_after_a_day() {
    let app = TestApp::new().await;
    let post = |name: &str, domain: &str, key: &str| {
        with_key(
            json_request(
                Method::POST,
                "/api/v1/customers",
                DEMO,
                &new_customer(name, Some(domain)),
            ),
            key,
        )
    };
    assert_eq!(
        app.send(post("Eilen Oy", "eilen.fi", "old-key"))
            .await
            .status,
        StatusCode::CREATED
    );
    assert_eq!(
        app.send(post("Tanaan Oy", "tanaan.fi", "young-key"))
            .await
            .status,
        StatusCode::CREATED
    );
    // One key stored 25 hours ago, the other 23.
    let hours_ago = |h: i64| {
        server::util::format_time(time::OffsetDateTime::now_utc() - time::Duration::hours(h))
    };
    app.sql(
        "UPDATE idempotency_keys SET created_at = ?1 WHERE key = 'old-key'",
        &[&hours_ago(25)],
    )
    .await;
    app.sql(
        "UPDATE idempotency_keys SET created_at = ?1 WHERE key = 'young-key'",
        &[&hours_ago(23)],
    )
    .await;

    // The expired key is new again: another body under it creates, and is neither a replay nor
    // a reuse.
    let r = app
        .send(post("Huomenna Oy", "huomenna.fi", "old-key"))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(r.header("idempotent-replayed"), None);
    assert_eq!(count_named(&app, "huomenna").await, 1);
    // The younger one still replays.
    let r = app.send(post("Tanaan Oy", "tanaan.fi", "young-key")).await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(r.header("idempotent-replayed"), Some("true"));
    assert_eq!(count_named(&app, "tanaan").await, 1);
    // Expired rows are deleted, not only ignored.
    let expired = app
        .integer(
            "SELECT count(*) FROM idempotency_keys WHERE created_at < ?1",
            &[&hours_ago(24)],
        )
        .await;
    assert_eq!(expired, 0);
}

async fn a_replayed_idempotency_key_returns_the_first_response_and_creates_nothing() {
    let app = TestApp::new().await;
    let body = new_customer("Kerran Vain Oy", Some("kerranvain.fi"));
    let req = || {
        with_key(
            json_request(Method::POST, "/api/v1/customers", DEMO, &body),
            "key-123",
        )
    };
    let first = app.send(req()).await;
    assert_eq!(first.status, StatusCode::CREATED);
    let second = app.send(req()).await;
    assert_eq!(second.status, StatusCode::CREATED);
    assert_eq!(second.body, first.body);
    assert_eq!(second.header("location"), first.header("location"));
    assert_eq!(second.header("etag"), first.header("etag"));
    assert_eq!(second.header("content-type"), Some("application/json"));
    assert_eq!(second.header("idempotent-replayed"), Some("true"));
    assert_eq!(count_named(&app, "kerran vain").await, 1);
    assert_eq!(
        app.get("/api/v1/outbox", DEMO)
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // Same key, different body: refused, nothing created.
    let other = new_customer("Toinen Oy", None);
    let r = app
        .send(with_key(
            json_request(Method::POST, "/api/v1/customers", DEMO, &other),
            "key-123",
        ))
        .await;
    let problem = r.problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["code"], "idempotency_key_reused");
    assert_eq!(count_named(&app, "toinen").await, 0);

    // Keys are per reseller: the other reseller's same key creates its own customer.
    let r = app
        .send(with_key(
            json_request(Method::POST, "/api/v1/customers", SMALL, &body),
            "key-123",
        ))
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_ne!(r.body, first.body);

    // A malformed key is a 400.
    let r = app
        .send(with_key(
            json_request(Method::POST, "/api/v1/customers", DEMO, &other),
            "has space",
        ))
        .await;
    r.problem(StatusCode::BAD_REQUEST);
}

async fn duplicate_names_and_domains_are_409_with_field_errors() {
    let app = TestApp::new().await;
    let r = app
        .post_json(
            "/api/v1/customers",
            DEMO,
            &new_customer("  CONTOSO   oy", Some("fresh.fi")),
        )
        .await;
    let p = r.problem(StatusCode::CONFLICT);
    assert_eq!(p["errors"].as_array().unwrap().len(), 1);
    assert_eq!(p["errors"][0]["field"], "organization_name");
    assert_eq!(p["errors"][0]["code"], "duplicate");
    assert!(
        p["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("already")
    );

    let r = app
        .post_json(
            "/api/v1/customers",
            DEMO,
            &new_customer("Fresh Name Oy", Some("LITWARE.se")),
        )
        .await;
    let p = r.problem(StatusCode::CONFLICT);
    assert_eq!(p["errors"][0]["field"], "domain");
    assert_eq!(p["errors"][0]["code"], "duplicate");
    assert_eq!(count_named(&app, "fresh name").await, 0);

    // Another reseller may use the same name.
    let r = app
        .post_json(
            "/api/v1/customers",
            SMALL,
            &new_customer("Contoso Oy", Some("contoso.fi")),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
}

async fn invalid_creates_are_422_with_domain_issues_and_messages() {
    let app = TestApp::new().await;
    let body = json!({
        "organization_name": "x",
        "domain": "not a domain",
        "user_licenses": 0,
        "extra_storage_gb": 10,
        "notify_emails": ["nope@"],
        "storage_type": "azure_ireland",
    });
    let p = app
        .post_json("/api/v1/customers", DEMO, &body)
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(p["code"], "validation_failed");
    let errors = p["errors"].as_array().unwrap();
    for field in [
        "organization_name",
        "domain",
        "user_licenses",
        "notify_emails",
    ] {
        let e = errors
            .iter()
            .find(|e| e["field"] == field)
            .unwrap_or_else(|| panic!("an error for {field}: {p}"));
        let issue: domain::Issue = serde_json::from_value(e.clone()).unwrap();
        assert_eq!(e["message"], server::messages::message(&issue));
    }
    assert_eq!(app.all(DEMO).await.len(), 40);
}

async fn body_errors_are_problems_not_500s() {
    let app = TestApp::new().await;
    let raw = |content_type: Option<&str>, body: Vec<u8>| {
        let mut b = request(Method::POST, "/api/v1/customers", DEMO);
        if let Some(ct) = content_type {
            b = b.header(header::CONTENT_TYPE, ct);
        }
        b.body(Body::from(body)).unwrap()
    };
    app.send(raw(
        Some("application/json"),
        b"{\"organization_name\": ".to_vec(),
    ))
    .await
    .problem(StatusCode::BAD_REQUEST);
    app.send(raw(Some("application/json"), b"not json".to_vec()))
        .await
        .problem(StatusCode::BAD_REQUEST);
    let valid = serde_json::to_vec(&new_customer("Typed Oy", None)).unwrap();
    app.send(raw(None, valid.clone()))
        .await
        .problem(StatusCode::UNSUPPORTED_MEDIA_TYPE);
    app.send(raw(Some("text/plain"), valid.clone()))
        .await
        .problem(StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let mut big = new_customer("Big Oy", None);
    big["organization_name"] = Value::String("x".repeat(70 * 1024));
    app.send(raw(
        Some("application/json"),
        serde_json::to_vec(&big).unwrap(),
    ))
    .await
    .problem(StatusCode::PAYLOAD_TOO_LARGE);
    let mut unknown = new_customer("Unknown Field Oy", None);
    unknown["favourite_colour"] = json!("blue");
    let p = app
        .post_json("/api/v1/customers", DEMO, &unknown)
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        p["detail"].as_str().unwrap().contains("favourite_colour"),
        "{p}"
    );
    let mut missing = new_customer("Missing Oy", None);
    missing.as_object_mut().unwrap().remove("storage_type");
    let p = app
        .post_json("/api/v1/customers", DEMO, &missing)
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        p["detail"].as_str().unwrap().contains("storage_type"),
        "{p}"
    );
    let mut wrong = new_customer("Wrong Type Oy", None);
    wrong["user_licenses"] = json!("many");
    app.post_json("/api/v1/customers", DEMO, &wrong)
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    wrong["user_licenses"] = json!(-1);
    app.post_json("/api/v1/customers", DEMO, &wrong)
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    // PATCH too.
    let id = app.id_of(DEMO, "Contoso Oy").await;
    let mut req = raw(Some("application/json"), b"[1,".to_vec());
    *req.method_mut() = Method::PATCH;
    *req.uri_mut() = format!("/api/v1/customers/{id}").parse().unwrap();
    req.headers_mut()
        .insert(header::IF_MATCH, "\"1\"".parse().unwrap());
    app.send(req).await.problem(StatusCode::BAD_REQUEST);
    app.patch(
        &format!("/api/v1/customers/{id}"),
        DEMO,
        Some("\"1\""),
        &json!([1, 2]),
    )
    .await
    .problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.all(DEMO).await.len(), 40);
}

// ------------------------------------------------------------------------------------------------
// Edit

async fn patch_with_if_match_bumps_the_version_and_writes_audit_rows() {
    let app = TestApp::new().await;
    let id = app.id_of(DEMO, "Contoso Oy").await;
    let path = format!("/api/v1/customers/{id}");
    let before: domain::Customer =
        serde_json::from_slice(&app.get(&path, DEMO).await.body).unwrap();
    let new_storage = before.storage_used_gb.max(before.extra_storage_gb) + 500;
    let r = app
        .patch(
            &path,
            DEMO,
            Some("\"1\""),
            &json!({"user_licenses": before.user_licenses + 7, "extra_storage_gb": new_storage}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.header("etag"), Some("\"2\""));
    let after: domain::Customer = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(after.version, 2);
    assert_eq!(after.user_licenses, before.user_licenses + 7);
    assert_eq!(after.extra_storage_gb, new_storage);
    assert!(after.updated_at > before.updated_at);
    assert_eq!(
        (&after.organization_name, after.storage_type),
        (&before.organization_name, before.storage_type)
    );

    let audit = app.get(&format!("{path}/audit"), DEMO).await.json();
    let audit = audit.as_array().unwrap();
    assert_eq!(audit.len(), 3, "two changes and the creation: {audit:?}");
    assert_eq!(audit.last().unwrap()["field"], "created");
    let licenses = audit
        .iter()
        .find(|e| e["field"] == "user_licenses")
        .unwrap();
    assert_eq!(licenses["old"], before.user_licenses);
    assert_eq!(licenses["new"], before.user_licenses + 7);
    assert_eq!(licenses["actor"], "demo@reseller.example");
    assert_eq!(licenses["at"], after.updated_at.as_str());
    let storage = audit
        .iter()
        .find(|e| e["field"] == "extra_storage_gb")
        .unwrap();
    assert_eq!(storage["old"], before.extra_storage_gb);

    // An empty change, or the same values: 200, unchanged, no version bump.
    for body in [json!({}), json!({"user_licenses": after.user_licenses})] {
        let r = app.patch(&path, DEMO, Some("\"2\""), &body).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.header("etag"), Some("\"2\""));
        assert_eq!(
            serde_json::from_slice::<domain::Customer>(&r.body).unwrap(),
            after
        );
    }
    assert_eq!(
        app.get(&format!("{path}/audit"), DEMO)
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        3
    );
    // `*` matches any version.
    let r = app
        .patch(&path, DEMO, Some("*"), &json!({"user_licenses": 1}))
        .await;
    assert_eq!(r.header("etag"), Some("\"3\""));
}

async fn a_stale_if_match_is_412_with_the_current_customer_and_writes_nothing() {
    let app = TestApp::new().await;
    let id = app.id_of(DEMO, "Fabrikam Ab").await;
    let path = format!("/api/v1/customers/{id}");
    assert_eq!(
        app.patch(&path, DEMO, Some("\"1\""), &json!({"user_licenses": 900}))
            .await
            .status,
        StatusCode::OK
    );
    let current = app.get(&path, DEMO).await.json();
    let p = app
        .patch(&path, DEMO, Some("\"1\""), &json!({"user_licenses": 901}))
        .await
        .problem(StatusCode::PRECONDITION_FAILED);
    assert_eq!(p["current"], current);
    assert_eq!(p["current"]["version"], 2);
    assert_eq!(app.get(&path, DEMO).await.json(), current);
    assert_eq!(
        app.get(&format!("{path}/audit"), DEMO)
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

async fn patch_without_if_match_is_428() {
    let app = TestApp::new().await;
    let id = app.id_of(DEMO, "Fabrikam Ab").await;
    let path = format!("/api/v1/customers/{id}");
    let p = app
        .patch(&path, DEMO, None, &json!({"user_licenses": 900}))
        .await
        .problem(StatusCode::PRECONDITION_REQUIRED);
    assert!(p["detail"].as_str().unwrap().contains("If-Match"));
    assert_eq!(app.get(&path, DEMO).await.json()["version"], 1);
}

async fn immutable_fields_are_422_immutable() {
    let app = TestApp::new().await;
    let id = app.id_of(DEMO, "Fabrikam Ab").await;
    let path = format!("/api/v1/customers/{id}");
    let p = app
        .patch(
            &path,
            DEMO,
            Some("\"1\""),
            &json!({"storage_type": "azure_ireland", "user_licenses": 3}),
        )
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(p["code"], "immutable");
    assert_eq!(
        p["errors"],
        json!([{
            "field": "storage_type",
            "code": "immutable",
            "params": {"name": "storage_type"},
            "message": "Storage Type cannot be changed after creation. Contact support to correct it.",
        }])
    );
    for (key, field) in [
        ("organization_name", "organization_name"),
        ("domain", "domain"),
        ("status", "other"),
        ("id", "other"),
    ] {
        let p = app
            .patch(&path, DEMO, Some("\"1\""), &json!({ key: "x" }))
            .await
            .problem(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(p["errors"][0]["field"], field, "{key}");
        assert_eq!(p["errors"][0]["code"], "immutable");
        assert_eq!(p["errors"][0]["params"]["name"], key);
    }
    assert_eq!(app.get(&path, DEMO).await.json()["version"], 1);
}

async fn domain_rule_violations_in_a_patch_are_422() {
    let app = TestApp::new().await;
    let all = app.all(DEMO).await;
    let used = all
        .iter()
        .find(|c| c["storage_used_gb"].as_u64().unwrap() > 100)
        .unwrap();
    let path = format!("/api/v1/customers/{}", used["id"].as_str().unwrap());
    let p = app
        .patch(
            &path,
            DEMO,
            Some("\"1\""),
            &json!({"extra_storage_gb": used["storage_used_gb"].as_u64().unwrap() - 1}),
        )
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(p["errors"][0]["field"], "extra_storage_gb");
    assert_eq!(p["errors"][0]["code"], "below_usage");
    let p = app
        .patch(&path, DEMO, Some("\"1\""), &json!({"user_licenses": 0}))
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(p["errors"][0]["field"], "user_licenses");
    let p = app
        .patch(&path, DEMO, Some("\"1\""), &json!({"user_licenses": "ten"}))
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(p["errors"][0]["code"], "not_a_number");
    let p = app
        .patch(
            &path,
            DEMO,
            Some("\"1\""),
            &json!({"extra_storage_gb": 1.5}),
        )
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(p["errors"][0]["code"], "not_whole");
    assert_eq!(app.get(&path, DEMO).await.json()["version"], 1);
}

// ------------------------------------------------------------------------------------------------
// Activation email

async fn resending_the_activation_email_is_rate_limited_to_one_a_minute() {
    let app = TestApp::new().await;
    let pending = app
        .get("/api/v1/customers?status=pending_activation", DEMO)
        .await
        .json();
    let c = &pending["items"][0];
    let path = format!(
        "/api/v1/customers/{}/activation-email",
        c["id"].as_str().unwrap()
    );
    let post = || {
        request(Method::POST, &path, DEMO)
            .body(Body::empty())
            .unwrap()
    };
    let r = app.send(post()).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text());
    assert_eq!(
        r.json(),
        json!({"queued": true, "recipients": c["notify_emails"]})
    );
    let outbox = app.get("/api/v1/outbox", DEMO).await.json();
    assert_eq!(outbox[0]["customer_id"], c["id"]);
    assert_eq!(outbox[0]["recipients"], c["notify_emails"]);

    let r = app.send(post()).await;
    let p = r.problem(StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = r
        .header("retry-after")
        .expect("Retry-After")
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    assert!(
        p["detail"]
            .as_str()
            .unwrap()
            .contains(&format!("{retry} s")),
        "{p}"
    );
    assert_eq!(
        app.get("/api/v1/outbox", DEMO)
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // Creating a customer sends its first email, so an immediate resend waits too.
    let created = app
        .post_json(
            "/api/v1/customers",
            DEMO,
            &new_customer("Kiireinen Oy", None),
        )
        .await
        .json();
    let path = format!(
        "/api/v1/customers/{}/activation-email",
        created["id"].as_str().unwrap()
    );
    app.send(
        request(Method::POST, &path, DEMO)
            .body(Body::empty())
            .unwrap(),
    )
    .await
    .problem(StatusCode::TOO_MANY_REQUESTS);
    app.send(
        request(
            Method::POST,
            "/api/v1/customers/nope/activation-email",
            DEMO,
        )
        .body(Body::empty())
        .unwrap(),
    )
    .await
    .problem(StatusCode::NOT_FOUND);
}

// ------------------------------------------------------------------------------------------------
// CSV

async fn csv_export_has_the_filtered_set_with_formula_cells_escaped() {
    for mb in LIST_CACHE_MODES {
        csv_export_has_the_filtered_set_with_formula_cells_escaped_with(mb).await;
    }
}

async fn csv_export_has_the_filtered_set_with_formula_cells_escaped_with(mb: u64) {
    let app = TestApp::with_cache(mb).await;
    // Values the create rules would refuse, written directly, to prove the export escapes them.
    let reseller = app.reseller(DEMO).await;
    for (i, name) in [
        "=HYPERLINK(\"http://evil\")",
        "+1+1",
        "-2",
        "@SUM(A1)",
        "\tTabbed",
    ]
    .iter()
    .enumerate()
    {
        let c = domain::Customer {
            id: format!("evil-{i}"),
            organization_name: (*name).to_owned(),
            domain: None,
            user_licenses: 1,
            extra_storage_gb: 100,
            notify_emails: vec!["=cmd@evil.example".into()],
            storage_type: domain::StorageType::AzureIreland,
            status: domain::CustomerStatus::Active,
            licenses_in_use: 0,
            storage_used_gb: 0,
            usage_updated_at: "2024-01-01T00:00:00.000Z".into(),
            created_at: "2024-01-01T00:00:00.000Z".into(),
            updated_at: "2024-01-01T00:00:00.000Z".into(),
            version: 1,
            activation_email: domain::ActivationEmail::Sent,
        };
        app.state
            .store
            .import_customers(&reseller, &[c])
            .await
            .unwrap();
    }
    let r = app.get("/api/v1/customers/export.csv", DEMO).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("content-type"), Some("text/csv; charset=utf-8"));
    assert_eq!(
        r.header("content-disposition"),
        Some("attachment; filename=\"customers.csv\"")
    );
    let mut reader = csv::Reader::from_reader(r.body.as_ref());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "id",
            "organization_name",
            "domain",
            "status",
            "user_licenses",
            "licenses_in_use",
            "extra_storage_gb",
            "storage_used_gb",
            "storage_type",
            "notify_emails",
            "created_at"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 45);
    let names: Vec<&str> = rows.iter().map(|r| &r[1]).collect();
    for escaped in [
        "'=HYPERLINK(\"http://evil\")",
        "'+1+1",
        "'-2",
        "'@SUM(A1)",
        "'\tTabbed",
    ] {
        assert!(names.contains(&escaped), "{escaped} in {names:?}");
    }
    assert!(
        rows.iter()
            .filter(|r| r[0].starts_with("evil-"))
            .all(|r| &r[9] == "'=cmd@evil.example")
    );
    let contoso = rows.iter().find(|r| &r[1] == "Contoso Oy").unwrap();
    let api = app
        .get(&format!("/api/v1/customers/{}", &contoso[0]), DEMO)
        .await
        .json();
    assert_eq!(&contoso[2], api["domain"].as_str().unwrap());
    assert_eq!(&contoso[4], api["user_licenses"].to_string());
    assert_eq!(&contoso[10], api["created_at"].as_str().unwrap());
    let joined: Vec<&str> = api["notify_emails"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert_eq!(&contoso[9], joined.join("; "));

    // Same filters as the list, no paging.
    let r = app
        .get(
            "/api/v1/customers/export.csv?status=pending_activation&q=oy",
            DEMO,
        )
        .await;
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(r.body.as_ref())
        .records()
        .map(Result::unwrap)
        .collect();
    let expected = app
        .get("/api/v1/customers?status=pending_activation&q=oy", DEMO)
        .await
        .json()["total"]
        .as_u64()
        .unwrap();
    assert_eq!(rows.len() as u64, expected);
    assert!(rows.iter().all(|r| &r[3] == "pending_activation"));
    // The other reseller sees only its own.
    let r = app.get("/api/v1/customers/export.csv", SMALL).await;
    assert_eq!(
        csv::Reader::from_reader(r.body.as_ref()).records().count(),
        3
    );
}

// ------------------------------------------------------------------------------------------------
// Seed

async fn the_demo_seed_passes_the_domain_rules() {
    let app = TestApp::new().await;
    for token in [DEMO, SMALL] {
        for c in app.all(token).await {
            let c: domain::Customer = serde_json::from_value(c).unwrap();
            let new = domain::NewCustomer {
                organization_name: c.organization_name.clone(),
                domain: c.domain.clone(),
                user_licenses: c.user_licenses,
                extra_storage_gb: c.extra_storage_gb,
                notify_emails: c.notify_emails.clone(),
                storage_type: c.storage_type,
            };
            let validated = new.validate();
            assert!(
                validated.report.errors.is_empty(),
                "{}: {:?}",
                c.organization_name,
                validated.report.errors
            );
            assert_eq!(
                validated.value.as_ref(),
                Some(&new),
                "seeded values are already normalised"
            );
        }
    }
}

async fn demo_sign_in_sets_the_cookie_and_redirects() {
    let app = TestApp::with(|s| s.demo_mode = true).await;
    let r = app.get("/api/v1/demo/sign-in?reseller=small", "").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.header("location"), Some("/customers"));
    assert_eq!(
        r.header("set-cookie"),
        Some("session=small-token; HttpOnly; SameSite=Lax; Path=/")
    );
    app.get("/api/v1/demo/sign-in?reseller=nobody", "")
        .await
        .problem(StatusCode::BAD_REQUEST);
    let off = TestApp::new().await;
    off.get("/api/v1/demo/sign-in?reseller=small", "")
        .await
        .problem(StatusCode::NOT_FOUND);
}

async fn an_empty_reseller_sees_nothing() {
    for mb in LIST_CACHE_MODES {
        an_empty_reseller_sees_nothing_with(mb).await;
    }
}

async fn an_empty_reseller_sees_nothing_with(mb: u64) {
    let app = TestApp::with_cache(mb).await;
    server::seed::create_empty_reseller(app.store.as_ref(), "empty", "empty-token")
        .await
        .unwrap();
    let page = app.get("/api/v1/customers", "empty-token").await.json();
    assert_eq!(page["total"], 0);
    assert_eq!(page["items"], json!([]));
}

// ------------------------------------------------------------------------------------------------
// Query strategies: few matches are sorted directly, many walk the sort index; both must agree
// with the plain query the CSV export runs.

async fn every_list_strategy_agrees_with_the_plain_query() {
    for mb in LIST_CACHE_MODES {
        every_list_strategy_agrees_with_the_plain_query_with(mb).await;
    }
}

async fn every_list_strategy_agrees_with_the_plain_query_with(mb: u64) {
    let app = TestApp::with_cache(mb).await;
    server::seed::seed_bench(app.store.as_ref(), 2_300)
        .await
        .unwrap();
    let bench = server::seed::BENCH_TOKEN;
    for q in [
        "",
        "northwind",
        " oy",
        "oy",
        "y",
        "0002",
        "lamna kaleva",
        "LAMNA",
    ] {
        for sort in [
            "organization_name",
            "-created_at",
            "user_licenses",
            "-domain",
        ] {
            for filter in [
                "",
                "&status=active",
                "&attention=true&storage_type=finnish_s3",
            ] {
                let query = format!("q={}&sort={sort}{filter}", q.replace(' ', "%20"));
                let csv = app
                    .get(&format!("/api/v1/customers/export.csv?{query}"), bench)
                    .await;
                assert_eq!(csv.status, StatusCode::OK);
                let ids: Vec<String> = csv::Reader::from_reader(csv.body.as_ref())
                    .records()
                    .map(|r| r.unwrap()[0].to_owned())
                    .collect();
                for page in [1usize, 3] {
                    let r = app
                        .get(
                            &format!("/api/v1/customers?{query}&per_page=100&page={page}"),
                            bench,
                        )
                        .await;
                    assert_eq!(r.status, StatusCode::OK, "{query}");
                    let body = r.json();
                    assert_eq!(body["total"], ids.len(), "{query}");
                    let got: Vec<&str> = body["items"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|c| c["id"].as_str().unwrap())
                        .collect();
                    let from = ((page - 1) * 100).min(ids.len());
                    let expected: Vec<&str> = ids[from..(from + 100).min(ids.len())]
                        .iter()
                        .map(String::as_str)
                        .collect();
                    assert_eq!(got, expected, "{query} page {page}");
                }
            }
        }
    }
    // The counts kept by triggers follow edits that change attention.
    let over = app
        .get("/api/v1/customers?attention=true&per_page=1", DEMO)
        .await
        .json()["total"]
        .as_u64()
        .unwrap();
    let all = app.all(DEMO).await;
    let calm = all
        .iter()
        .find(|c| {
            c["status"] == "active"
                && c["licenses_in_use"].as_u64() <= c["user_licenses"].as_u64()
                && c["storage_used_gb"].as_u64().unwrap() * 10
                    < c["extra_storage_gb"].as_u64().unwrap() * 9
                && c["licenses_in_use"].as_u64().unwrap() > 1
        })
        .unwrap();
    let path = format!("/api/v1/customers/{}", calm["id"].as_str().unwrap());
    let r = app
        .patch(&path, DEMO, Some("\"1\""), &json!({"user_licenses": 1}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let now = app
        .get("/api/v1/customers?attention=true&per_page=1", DEMO)
        .await
        .json()["total"]
        .as_u64()
        .unwrap();
    assert_eq!(now, over + 1);
}

/// A one-message SMTP server: answers the dialogue and returns what DATA carried.
async fn fake_smtp(listener: tokio::net::TcpListener) -> String {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let (socket, _) = listener.accept().await.unwrap();
    let (read, mut write) = socket.into_split();
    let mut lines = BufReader::new(read).lines();
    write.write_all(b"220 fake ESMTP\r\n").await.unwrap();
    let mut data = String::new();
    let mut in_data = false;
    while let Ok(Some(line)) = lines.next_line().await {
        if in_data {
            if line == "." {
                in_data = false;
                write.write_all(b"250 queued\r\n").await.unwrap();
            } else {
                data.push_str(&line);
                data.push('\n');
            }
            continue;
        }
        let command = line.to_ascii_uppercase();
        let reply: &[u8] = if command.starts_with("EHLO") || command.starts_with("HELO") {
            b"250 fake\r\n"
        } else if command.starts_with("DATA") {
            in_data = true;
            b"354 go ahead\r\n"
        } else if command.starts_with("QUIT") {
            write.write_all(b"221 bye\r\n").await.unwrap();
            break;
        } else {
            b"250 ok\r\n"
        };
        write.write_all(reply).await.unwrap();
    }
    data
}

async fn with_smtp_the_activation_email_is_really_sent() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = tokio::spawn(fake_smtp(listener));
    let app = TestApp::new().await;
    let r = app
        .post_json(
            "/api/v1/customers",
            DEMO,
            &new_customer("Posti Testi Oy", None),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let mailer = server::outbox::Mailer::smtp(
        &format!("smtp://127.0.0.1:{port}"),
        "Backup <no-reply@backup.example>",
    )
    .unwrap();
    server::outbox::deliver_pending(&app.state, &mailer)
        .await
        .unwrap();
    let data = tokio::time::timeout(std::time::Duration::from_secs(10), received)
        .await
        .unwrap()
        .unwrap();
    assert!(
        data.contains("Subject: Activate Microsoft 365 backup for Posti Testi Oy"),
        "{data}"
    );
    assert!(
        data.contains("To: it@example.fi, boss@example.fi"),
        "{data}"
    );
    assert!(data.contains("http://app.test/activate/"), "{data}");
    let outbox = app.get("/api/v1/outbox", DEMO).await.json();
    assert!(outbox[0]["sent_at"].is_string());
    assert!(
        server::outbox::Mailer::smtp("smtps://x", "a@b.c").is_err(),
        "TLS URLs are refused clearly"
    );
}

async fn control_characters_in_a_search_are_ignored_not_a_500() {
    // Found by schemathesis: a NUL in `q` broke the full-text query.
    let app = TestApp::new().await;
    for path in [
        "/api/v1/customers?q=conto%00so",
        "/api/v1/customers/export.csv?q=conto%00so",
    ] {
        let r = app.get(path, DEMO).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
    }
    let r = app.get("/api/v1/customers?q=conto%00so", DEMO).await;
    assert_eq!(r.json()["items"][0]["organization_name"], "Contoso Oy");
    assert_eq!(r.json()["total"], 1);
    let r = app.get("/api/v1/customers?q=%00%01", DEMO).await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "only control characters: no filter"
    );
}

async fn short_and_long_searches_ignore_case_beyond_ascii() {
    for mb in LIST_CACHE_MODES {
        let app = TestApp::with_cache(mb).await;
        let names = |q: &'static str| {
            let app = &app;
            let uri = format!("/api/v1/customers?q={q}&per_page=100");
            async move {
                let page = app.get(&uri, DEMO).await.json();
                let mut names: Vec<String> = page["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c["organization_name"].as_str().unwrap().to_owned())
                    .collect();
                names.sort();
                assert_eq!(page["total"], names.len(), "{q}");
                names
            }
        };
        // One character (no trigram: the database compares every case spelling).
        let with_a = names("%C3%84").await;
        assert_eq!(
            with_a,
            [
                "Hämeen Hammaslääkärit Oy",
                "Järvisuomen Kuljetus Oy",
                "Pohjolan Sähkö Oy",
                "Vaasan Veneveistämö Oy"
            ],
            "cache {mb}"
        );
        assert_eq!(names("%C3%A4").await, with_a, "cache {mb}");
        assert_eq!(names("%C3%85l").await, ["Åland Shipping Ab"], "cache {mb}");
        // Three and more (the trigram index folds case itself).
        assert_eq!(
            names("S%C3%84HK%C3%96").await,
            ["Pohjolan Sähkö Oy"],
            "cache {mb}"
        );
        assert_eq!(
            names("%C3%A5LAND").await,
            ["Åland Shipping Ab"],
            "cache {mb}"
        );
    }
}

backend_tests!(
    health_needs_no_credentials,
    missing_or_wrong_credentials_are_401_with_www_authenticate,
    the_session_cookie_counts_only_in_demo_mode,
    unknown_api_paths_and_methods_are_problems,
    list_defaults_to_first_page_of_25_by_name,
    invalid_list_parameters_are_400_problems,
    list_filters_by_status_storage_type_and_attention,
    search_matches_name_domain_or_id_case_insensitively,
    every_sort_key_orders_both_ways_with_id_as_tie_breaker,
    get_one_has_an_etag_and_unknown_ids_are_404,
    another_resellers_customer_is_404_everywhere,
    create_returns_201_with_location_etag_and_queues_the_activation_email,
    the_outbox_worker_marks_emails_sent,
    the_activation_link_in_the_email_opens_a_plain_page,
    idempotency_keys_expire_after_a_day,
    a_replayed_idempotency_key_returns_the_first_response_and_creates_nothing,
    duplicate_names_and_domains_are_409_with_field_errors,
    invalid_creates_are_422_with_domain_issues_and_messages,
    body_errors_are_problems_not_500s,
    patch_with_if_match_bumps_the_version_and_writes_audit_rows,
    a_stale_if_match_is_412_with_the_current_customer_and_writes_nothing,
    patch_without_if_match_is_428,
    immutable_fields_are_422_immutable,
    domain_rule_violations_in_a_patch_are_422,
    resending_the_activation_email_is_rate_limited_to_one_a_minute,
    csv_export_has_the_filtered_set_with_formula_cells_escaped,
    the_demo_seed_passes_the_domain_rules,
    demo_sign_in_sets_the_cookie_and_redirects,
    an_empty_reseller_sees_nothing,
    every_list_strategy_agrees_with_the_plain_query,
    with_smtp_the_activation_email_is_really_sent,
    control_characters_in_a_search_are_ignored_not_a_500,
    short_and_long_searches_ignore_case_beyond_ascii,
);
