//! Who a request acts for and what they may do: a JWT from the partner portal, one of our API
//! tokens (kept as hashes), or in demo mode the demo session cookie. [`Signed`] admits any role,
//! [`Auth`] a person's role (viewer or manager), [`Manager`] refuses a viewer with 403 and
//! [`UsageReporter`] admits a manager or a `usage-writer` token; every customer query is scoped
//! by the identity's reseller. Failed attempts are limited per client address (good credentials
//! always pass), requests per issued credential.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use domain::identity::auth_codes;
use domain::{Me, MeReseller, Person, Role};

use crate::AppState;
use crate::http::error::ApiError;
use crate::identity::jwt::JwtRefusal;
use crate::store::{Actor, Reseller, token_hash};

/// The longest `Authorization` header read (a JWT with generous claims is a few kB).
const MAX_AUTHORIZATION_BYTES: usize = 8 * 1024;
/// A token's last use is recorded at most this often (a write per request would cost an fsync).
const TOUCH_EVERY: time::Duration = time::Duration::minutes(1);

/// A signed-in identity.
#[derive(Debug, Clone)]
pub struct Identity {
    pub reseller: Reseller,
    pub person: Person,
    pub role: Role,
    /// When the credentials stop working (RFC 3339).
    pub expires_at: Option<String>,
}

impl Identity {
    /// Who the audit log says made a change.
    pub fn actor(&self) -> Actor {
        Actor::person(&self.person, self.role)
    }

    /// The answer of `GET /api/v1/me`.
    pub fn me(&self) -> Me {
        Me {
            reseller: MeReseller {
                id: self.reseller.id.clone(),
                name: self.reseller.name.clone(),
            },
            person: self.person.clone(),
            role: self.role,
            expires_at: self.expires_at.clone(),
        }
    }
}

/// Any signed-in identity, whatever its role (`GET /me`: every credential may ask who it is).
#[derive(Debug, Clone)]
pub struct Signed(pub Identity);

/// A signed-in identity that may read customers (viewer or manager): a `usage-writer` token
/// gets 403 `forbidden`.
#[derive(Debug, Clone)]
pub struct Auth(pub Identity);

/// A signed-in identity that may change customers: a viewer gets 403 `forbidden`.
#[derive(Debug, Clone)]
pub struct Manager(pub Identity);

/// A signed-in identity that may report usage: a manager or a `usage-writer` token.
#[derive(Debug, Clone)]
pub struct UsageReporter(pub Identity);

impl FromRequestParts<AppState> for Signed {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let client = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip().to_string())
            .unwrap_or_default();
        match authenticate(&parts.headers, state).await {
            Ok((identity, credential)) => {
                if let Some(credential) = credential {
                    state
                        .limits
                        .per_credential(&credential)
                        .map_err(ApiError::from)?;
                }
                crate::http::observe::record_reseller(&identity.reseller.id);
                Ok(Signed(identity))
            }
            Err(ApiError::Unauthenticated(code)) => Err(state
                .limits
                .failed_sign_in(&client)
                .map_or(ApiError::Unauthenticated(code), ApiError::from)),
            Err(e) => Err(e),
        }
    }
}

impl FromRequestParts<AppState> for Auth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Signed(identity) = Signed::from_request_parts(parts, state).await?;
        if !identity.role.can_read() {
            return Err(ApiError::Forbidden(
                "This API token reports usage only: reading customers needs a viewer or manager."
                    .into(),
            ));
        }
        Ok(Auth(identity))
    }
}

impl FromRequestParts<AppState> for UsageReporter {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Signed(identity) = Signed::from_request_parts(parts, state).await?;
        if !identity.role.can_report_usage() {
            return Err(ApiError::Forbidden(
                "Reporting usage needs the manager or the usage-writer role.".into(),
            ));
        }
        Ok(UsageReporter(identity))
    }
}

impl FromRequestParts<AppState> for Manager {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Signed(identity) = Signed::from_request_parts(parts, state).await?;
        if !identity.role.can_write() {
            let detail = if identity.role.can_read() {
                "You can view this reseller's customers, but changing them needs the manager role."
            } else {
                "This API token reports usage only: changing customers needs the manager role."
            };
            return Err(ApiError::Forbidden(detail.into()));
        }
        Ok(Manager(identity))
    }
}

/// The credentials a request carries: the bearer token, or in demo mode the session cookie.
fn credentials(headers: &HeaderMap, state: &AppState) -> Result<String, ApiError> {
    let refuse = || ApiError::Unauthenticated(auth_codes::UNAUTHENTICATED);
    if let Some(value) = headers.get(header::AUTHORIZATION) {
        if value.len() > MAX_AUTHORIZATION_BYTES {
            return Err(refuse());
        }
        let value = value.to_str().map_err(|_| refuse())?;
        let (scheme, token) = value.trim().split_once(' ').ok_or_else(refuse)?;
        let token = token.trim();
        if !scheme.eq_ignore_ascii_case("bearer") || token.is_empty() || token.contains(' ') {
            return Err(refuse());
        }
        return Ok(token.to_owned());
    }
    // The cookie carries only the demo identity: real credentials never ride on a cookie.
    if state.settings.demo_mode
        && let Some(token) = crate::http::auth::session_cookie(headers)
        && crate::demo::is_demo_token(&token)
    {
        return Ok(token);
    }
    Err(refuse())
}

/// The identity the request's credentials name, and the key its requests are limited by (none
/// for the seeded demo identities, which every demo browser shares).
async fn authenticate(
    headers: &HeaderMap,
    state: &AppState,
) -> Result<(Identity, Option<String>), ApiError> {
    let token = credentials(headers, state)?;
    // A JWT is three dot-separated parts; our API tokens have no dot.
    if token.matches('.').count() == 2 {
        return jwt_identity(&token, state).await;
    }
    api_token_identity(&token, state).await
}

async fn jwt_identity(
    token: &str,
    state: &AppState,
) -> Result<(Identity, Option<String>), ApiError> {
    let Some(verifier) = &state.settings.jwt else {
        return Err(ApiError::Unauthenticated(auth_codes::UNAUTHENTICATED));
    };
    let claims = verifier.verify(token).await.map_err(|r| match r {
        JwtRefusal::Invalid => ApiError::Unauthenticated(auth_codes::INVALID_TOKEN),
        JwtRefusal::Expired => ApiError::Unauthenticated(auth_codes::TOKEN_EXPIRED),
        JwtRefusal::NoReseller => ApiError::Unauthenticated(auth_codes::UNKNOWN_RESELLER),
        JwtRefusal::NoKeys => ApiError::IdentityUnavailable,
    })?;
    let reseller = state
        .store
        .reseller(&claims.reseller_id)
        .await?
        .ok_or(ApiError::Unauthenticated(auth_codes::UNKNOWN_RESELLER))?;
    let expires_at = time::OffsetDateTime::from_unix_timestamp(claims.expires_at)
        .ok()
        .map(crate::util::format_time);
    let key = format!("jwt:{}:{}", reseller.id, claims.person.sub);
    let identity = Identity {
        reseller,
        person: claims.person,
        role: claims.role,
        expires_at,
    };
    Ok((identity, Some(key)))
}

async fn api_token_identity(
    token: &str,
    state: &AppState,
) -> Result<(Identity, Option<String>), ApiError> {
    let unknown = ApiError::Unauthenticated(auth_codes::UNAUTHENTICATED);
    let hash = token_hash(token);
    let Some((stored, reseller)) = state.store.token_by_hash(&hash).await? else {
        return Err(unknown);
    };
    if stored.demo && !state.settings.seeded_identities {
        return Err(unknown);
    }
    if stored.revoked_at.is_some() {
        return Err(ApiError::Unauthenticated(auth_codes::TOKEN_REVOKED));
    }
    let now = state.clock.now();
    if let Some(expires) = stored
        .expires_at
        .as_deref()
        .and_then(crate::util::parse_time)
        && expires <= now
    {
        return Err(ApiError::Unauthenticated(auth_codes::TOKEN_EXPIRED));
    }
    let stale = stored
        .last_used_at
        .as_deref()
        .and_then(crate::util::parse_time)
        .is_none_or(|t| t < now - TOUCH_EVERY);
    if stale && state.limits.may_touch(&stored.prefix) {
        let at = crate::util::format_time(now);
        let before = crate::util::format_time(now - TOUCH_EVERY);
        // Bookkeeping, not the request's work: a read never waits behind a writer for it.
        let (state, prefix) = (state.clone(), stored.prefix.clone());
        tokio::spawn(async move {
            if let Err(e) = state.store.touch_token(&prefix, &at, &before).await {
                tracing::warn!(error = %e, "an API token's last use could not be recorded");
            }
            state.limits.touched(&prefix);
        });
    }
    // Seeded tokens act as the reseller's own user; issued ones as the integration they name.
    let person = Person {
        sub: format!("token:{}", stored.prefix),
        name: (!stored.demo).then(|| stored.name.clone()),
        email: stored.demo.then(|| reseller.user_email.clone()),
    };
    let identity = Identity {
        reseller,
        person,
        role: stored.role,
        expires_at: stored.expires_at,
    };
    let key = (!stored.demo).then(|| format!("token:{hash}"));
    Ok((identity, key))
}
