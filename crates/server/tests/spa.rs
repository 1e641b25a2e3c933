//! Serving the built SPA: deep-link fallback, the CSP nonce, caching, compression, the demo cookie.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use server::http::static_files::NONCE_PLACEHOLDER;

const ASSET: &str = "customers-app-3b7f0c2a1d9e4f56_bg.wasm";

struct Spa {
    app: TestApp,
    _dist: tempfile::TempDir,
}

impl std::ops::Deref for Spa {
    type Target = TestApp;
    fn deref(&self) -> &TestApp {
        &self.app
    }
}

async fn spa(demo_mode: bool) -> Spa {
    let dist_dir = tempfile::tempdir().unwrap();
    let dist = dist_dir.path().to_owned();
    std::fs::write(
        dist.join("index.html"),
        format!(
            "<!DOCTYPE html><html><head>\
             <link rel=\"modulepreload\" nonce=\"{NONCE_PLACEHOLDER}\" href=\"/customers-app-3b7f0c2a1d9e4f56.js\">\
             <script type=\"module\" nonce=\"{NONCE_PLACEHOLDER}\">import init from '/customers-app-3b7f0c2a1d9e4f56.js';\
             await init('/{ASSET}');</script></head><body></body></html>"
        ),
    )
    .unwrap();
    std::fs::write(dist.join(ASSET), vec![0u8; 4096]).unwrap();
    std::fs::write(
        dist.join("customers-app-3b7f0c2a1d9e4f56.js"),
        "export default function init() {}\n".repeat(50),
    )
    .unwrap();
    std::fs::write(
        dist.join("customers-app-3b7f0c2a1d9e4f56.js.br"),
        b"pretend-brotli",
    )
    .unwrap();
    std::fs::write(dist.join("robots.txt"), "User-agent: *\n").unwrap();
    let app = TestApp::with(|s| {
        s.static_dir = Some(dist);
        s.demo_mode = demo_mode;
        s.frame_ancestors = "'none'".into();
    })
    .await;
    Spa {
        app,
        _dist: dist_dir,
    }
}

fn nonce_of(csp: &str) -> String {
    let start = csp.find("'nonce-").expect("a nonce in the CSP") + "'nonce-".len();
    csp[start..].split('\'').next().unwrap().to_owned()
}

#[tokio::test]
async fn every_non_api_path_serves_index_html_with_a_fresh_nonce() {
    let app = spa(false).await;
    let mut nonces = Vec::new();
    for path in [
        "/",
        "/customers",
        "/customers/abc/edit",
        "/anything",
        "/index.html",
    ] {
        let r = app.get(path, "").await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
        assert_eq!(r.header("cache-control"), Some("no-cache"));
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(
            r.header("referrer-policy"),
            Some("strict-origin-when-cross-origin")
        );
        let csp = r
            .header("content-security-policy")
            .expect("a CSP")
            .to_owned();
        let nonce = nonce_of(&csp);
        assert!(nonce.len() >= 22, "{nonce}");
        assert_eq!(
            csp,
            format!(
                "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
                 img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
            )
        );
        let html = r.text();
        assert!(!html.contains(NONCE_PLACEHOLDER), "{html}");
        assert_eq!(
            html.matches(&format!("nonce=\"{nonce}\"")).count(),
            2,
            "every placeholder replaced"
        );
        assert!(
            r.header("set-cookie").is_none(),
            "no cookie outside demo mode"
        );
        nonces.push(nonce);
    }
    let mut unique = nonces.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        nonces.len(),
        "a fresh nonce per response: {nonces:?}"
    );
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_other_files_revalidate() {
    let app = spa(false).await;
    let r = app.get(&format!("/{ASSET}"), "").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("content-type"), Some("application/wasm"));
    assert_eq!(
        r.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    assert!(r.header("content-security-policy").is_none());
    assert_eq!(r.body.len(), 4096);
    let r = app.get("/robots.txt", "").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("cache-control"), Some("no-cache"));
}

#[tokio::test]
async fn precompressed_siblings_and_on_the_fly_compression() {
    let app = spa(false).await;
    let get = |path: &str, accept: &str| {
        Request::get(path)
            .header(header::ACCEPT_ENCODING, accept)
            .body(Body::empty())
            .unwrap()
    };
    let r = app
        .send(get("/customers-app-3b7f0c2a1d9e4f56.js", "br, gzip"))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("content-encoding"), Some("br"));
    assert_eq!(&r.body[..], b"pretend-brotli");
    assert_eq!(r.header("vary"), Some("accept-encoding"));
    assert_eq!(
        r.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    // No .gz sibling: compressed on the fly.
    let r = app
        .send(get("/customers-app-3b7f0c2a1d9e4f56.js", "gzip"))
        .await;
    assert_eq!(r.header("content-encoding"), Some("gzip"));
    let r = app
        .send(get("/customers-app-3b7f0c2a1d9e4f56.js", "identity"))
        .await;
    assert!(r.header("content-encoding").is_none());
    assert!(r.text().starts_with("export default"));
    assert_eq!(r.header("vary"), Some("accept-encoding"));
    // The API is compressed too.
    let mut req = get("/api/v1/customers?per_page=100", "gzip");
    req.headers_mut().insert(
        header::AUTHORIZATION,
        format!("Bearer {DEMO}").parse().unwrap(),
    );
    let r = app.send(req).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("content-encoding"), Some("gzip"));
}

#[tokio::test]
async fn unknown_api_paths_stay_404_problems_with_a_static_dir() {
    let app = spa(false).await;
    for path in [
        "/api/v1/unknown",
        "/api/unknown",
        "/api",
        "/api/v1/customers/x/y/z",
    ] {
        let r = app.get(path, DEMO).await;
        r.problem(StatusCode::NOT_FOUND);
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    }
}

#[tokio::test]
async fn demo_mode_signs_the_browser_in_through_index_html() {
    let app = spa(true).await;
    let r = app.get("/customers", "").await;
    assert_eq!(
        r.header("set-cookie"),
        Some("session=demo-token; HttpOnly; SameSite=Lax; Path=/")
    );
    let with_cookie = |cookie: &str| {
        Request::get("/customers")
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .unwrap()
    };
    // A valid session is kept (the small reseller stays signed in)...
    let r = app.send(with_cookie("session=small-token")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.header("set-cookie").is_none());
    // ...an invalid one is replaced.
    let r = app.send(with_cookie("session=forged")).await;
    assert_eq!(
        r.header("set-cookie"),
        Some("session=demo-token; HttpOnly; SameSite=Lax; Path=/")
    );
    // Assets never set cookies.
    assert!(
        app.get(&format!("/{ASSET}"), "")
            .await
            .header("set-cookie")
            .is_none()
    );
    // The cookie authenticates the API.
    let r = app
        .send(
            Request::get("/api/v1/customers")
                .header(header::COOKIE, "session=small-token")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.json()["total"], 3);
}

#[test]
fn hashed_asset_names_are_recognised() {
    use server::http::static_files::is_hashed_asset;
    assert!(is_hashed_asset("/customers-app-3b7f0c2a1d9e4f56_bg.wasm"));
    assert!(is_hashed_asset("/customers-app-3b7f0c2a1d9e4f56.js"));
    assert!(is_hashed_asset("/style-a1b2c3d4e5f6a7b.css"));
    assert!(!is_hashed_asset("/index.html"));
    assert!(!is_hashed_asset("/robots.txt"));
    assert!(!is_hashed_asset("/customers-app.js"));
    assert!(!is_hashed_asset("/favicon-2024.ico"));
}
