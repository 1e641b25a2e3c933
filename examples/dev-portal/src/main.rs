//! A stand-in partner portal for development and tests (not the API server's code): signs its
//! two demo people in, issues them 5-minute JWTs, publishes its JWKS and proxies the rest.

mod people;
mod proxy;

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Json, Router};
use clap::Parser;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde::Deserialize;

use people::{Audience, PEOPLE, Person, Signer};

/// How long a token the portal hands out is valid, in seconds.
pub const TOKEN_LIFETIME: i64 = 300;
/// The cookie that remembers who is signed in.
const COOKIE: &str = "portal_person";
/// Where the host page lives, after a sign-in.
const HOME: &str = "/partner/backup/customers";

#[derive(Debug, Parser)]
#[command(
    name = "dev-portal",
    about = "A stand-in partner portal that signs people in with JWTs"
)]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8082")]
    bind: std::net::SocketAddr,
    /// The customers API server every other path goes to, e.g. http://127.0.0.1:8083.
    #[arg(long)]
    upstream: Option<String>,
    /// The `iss` of the tokens (the API's --jwt-issuer).
    #[arg(long, default_value = "dev-portal")]
    issuer: String,
    /// The `aud` of the tokens (the API's --jwt-audience).
    #[arg(long, default_value = "customers-api")]
    audience: String,
    /// The customers API's id of the reseller whose staff sign in.
    #[arg(long, default_value = "r_demo")]
    reseller_id: String,
}

/// The portal's state: its key, what its tokens say, and the client to the API server.
#[derive(Clone)]
pub struct Portal {
    signer: Arc<Signer>,
    audience: Arc<Audience>,
    upstream: Option<String>,
    client: Client<HttpConnector, axum::body::Body>,
}

impl Portal {
    /// A token for `person`, valid for `lifetime` seconds from now.
    pub fn token_for(&self, person: Person, lifetime: i64) -> String {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        self.signer.sign(&self.audience, person, now, lifetime)
    }
}

/// The signed-in person: the cookie's, else the manager.
pub fn signed_in(headers: &HeaderMap) -> Person {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .and_then(|(_, key)| Person::by_key(key))
        .unwrap_or(PEOPLE[0])
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let portal = Portal {
        signer: Arc::new(Signer::generate()?),
        audience: Arc::new(Audience {
            issuer: args.issuer.clone(),
            audience: args.audience.clone(),
            reseller_id: args.reseller_id,
        }),
        upstream: args.upstream.map(|u| u.trim_end_matches('/').to_owned()),
        client: Client::builder(TokioExecutor::new()).build(HttpConnector::new()),
    };
    let app = Router::new()
        .route("/portal/jwks.json", get(jwks))
        .route("/portal/token", get(token))
        .route("/portal/sign-in", get(sign_in))
        .fallback(proxy::forward)
        .with_state(portal);
    let listener = tokio::net::TcpListener::bind(args.bind).await?;
    let addr = listener.local_addr()?;
    println!("Partner portal: http://{addr}{HOME}");
    println!(
        "The API accepts its tokens with: --jwt-jwks-url http://{addr}/portal/jwks.json \
         --jwt-issuer {} --jwt-audience {}",
        args.issuer, args.audience
    );
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}

/// `GET /portal/jwks.json`: the public key the API verifies tokens with.
async fn jwks(State(portal): State<Portal>) -> Json<serde_json::Value> {
    Json(portal.signer.jwks())
}

#[derive(Deserialize)]
struct TokenQuery {
    /// Seconds until the token expires; negative for one already expired (to try renewal).
    expires_in: Option<i64>,
}

/// `GET /portal/token`: a fresh token for the signed-in person (the host page's renewal).
async fn token(
    State(portal): State<Portal>,
    headers: HeaderMap,
    Query(query): Query<TokenQuery>,
) -> Response {
    let lifetime = query.expires_in.unwrap_or(TOKEN_LIFETIME);
    if !(-3600..=3600).contains(&lifetime) || lifetime == 0 {
        return (
            StatusCode::BAD_REQUEST,
            "expires_in: seconds from -3600 to 3600, not 0",
        )
            .into_response();
    }
    let person = signed_in(&headers);
    let body = serde_json::json!({
        "token": portal.token_for(person, lifetime),
        "person": person.key,
        "expires_in": lifetime,
    });
    (
        [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        Json(body),
    )
        .into_response()
}

#[derive(Deserialize)]
struct SignInQuery {
    person: String,
}

/// `GET /portal/sign-in?person=viewer`: signs that person in and returns to the host page.
async fn sign_in(Query(query): Query<SignInQuery>) -> Response {
    let Some(person) = Person::by_key(&query.person) else {
        return (StatusCode::BAD_REQUEST, "person: manager or viewer").into_response();
    };
    let cookie = format!("{COOKIE}={}; Path=/; HttpOnly; SameSite=Lax", person.key);
    let mut response = Redirect::to(HOME).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}
