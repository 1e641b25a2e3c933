//! The partner portal's JWTs: checked against its JWKS (a file, or a URL fetched with a timeout,
//! cached, and fetched again for an unknown `kid` at most once a minute) with asymmetric
//! algorithms only, the issuer, the audience, `exp` and `nbf` (60 s of clock skew). The claims
//! name our reseller, the person and their role.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::RwLock;
use std::time::{Duration, Instant};

use domain::{Person, Role};
use jsonwebtoken::jwk::{AlgorithmParameters, EllipticCurve, JwkSet, KeyAlgorithm};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::{Map, Value};

/// Clock skew accepted on `exp` and `nbf`.
const LEEWAY_SECS: u64 = 60;
/// An unknown `kid` refetches a JWKS URL at most this often.
const REFETCH_EVERY: Duration = Duration::from_secs(60);
/// A JWKS URL is fetched again after this, so a key the portal withdrew stops working.
const MAX_AGE: Duration = Duration::from_secs(15 * 60);
/// How long a JWKS fetch may take.
const FETCH_TIMEOUT: Duration = Duration::from_secs(5);
/// A JWKS larger than this is refused.
const MAX_JWKS_BYTES: u64 = 256 * 1024;

/// Where the portal's public keys are.
#[derive(Debug, Clone)]
pub enum JwksSource {
    File(PathBuf),
    Url(String),
}

/// How JWTs are checked and read (`--jwt-*`).
#[derive(Debug, Clone)]
pub struct JwtSettings {
    pub jwks: JwksSource,
    pub issuer: String,
    pub audience: String,
    /// The claim holding our reseller id.
    pub reseller_claim: String,
    /// The claim holding `viewer` or `manager` (a `roles` array is read too).
    pub role_claim: String,
}

/// Why a JWT was refused (each is its own 401 code, or a 503 without keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JwtRefusal {
    /// Bad signature, issuer, audience, algorithm or key; not valid yet; malformed.
    Invalid,
    Expired,
    /// No reseller claim (whether the reseller exists is the caller's to ask).
    NoReseller,
    /// No usable key: the JWKS has not been fetched, or held none.
    NoKeys,
}

/// What a verified token says.
#[derive(Debug, Clone)]
pub struct JwtClaims {
    pub reseller_id: String,
    pub person: Person,
    pub role: Role,
    /// `exp`, seconds since the epoch.
    pub expires_at: i64,
}

struct Keys {
    by_kid: HashMap<String, (DecodingKey, Algorithm)>,
    /// Keys without a `kid` (used when the set has exactly one key).
    anonymous: Vec<(DecodingKey, Algorithm)>,
    fetched_at: Option<Instant>,
}

/// Verifies JWTs against the cached JWKS.
pub struct JwtVerifier {
    settings: JwtSettings,
    keys: RwLock<Keys>,
    /// Serialises refetches, so a burst of unknown `kid`s makes one request.
    refetch: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for JwtVerifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JwtVerifier")
            .field("settings", &self.settings)
            .finish()
    }
}

/// The algorithm a key is for: only RS256, ES256 (P-256) and EdDSA (Ed25519); symmetric and
/// other keys are never used.
fn key_algorithm(jwk: &jsonwebtoken::jwk::Jwk) -> Option<Algorithm> {
    let by_params = match &jwk.algorithm {
        AlgorithmParameters::RSA(_) => Algorithm::RS256,
        AlgorithmParameters::EllipticCurve(p) if p.curve == EllipticCurve::P256 => Algorithm::ES256,
        AlgorithmParameters::OctetKeyPair(p) if p.curve == EllipticCurve::Ed25519 => {
            Algorithm::EdDSA
        }
        _ => return None,
    };
    match jwk.common.key_algorithm {
        None => Some(by_params),
        Some(KeyAlgorithm::RS256) if by_params == Algorithm::RS256 => Some(by_params),
        Some(KeyAlgorithm::ES256) if by_params == Algorithm::ES256 => Some(by_params),
        Some(KeyAlgorithm::EdDSA) if by_params == Algorithm::EdDSA => Some(by_params),
        Some(_) => None,
    }
}

/// Reads a JWKS document into usable keys (unusable keys are skipped and logged).
fn parse_jwks(text: &str) -> anyhow::Result<Keys> {
    let set: JwkSet = serde_json::from_str(text)
        .map_err(|e| anyhow::anyhow!("the JWKS is not a JSON Web Key Set: {e}"))?;
    let mut keys = Keys {
        by_kid: HashMap::new(),
        anonymous: Vec::new(),
        fetched_at: Some(Instant::now()),
    };
    for jwk in &set.keys {
        let (Some(alg), Ok(key)) = (key_algorithm(jwk), DecodingKey::from_jwk(jwk)) else {
            tracing::warn!(kid = ?jwk.common.key_id, "JWKS: skipped a key that is not RS256, ES256 or EdDSA");
            continue;
        };
        match &jwk.common.key_id {
            Some(kid) => {
                keys.by_kid.insert(kid.clone(), (key, alg));
            }
            None => keys.anonymous.push((key, alg)),
        }
    }
    Ok(keys)
}

/// A URL as logs show it: no user, password or query (they may hold a secret).
fn shown(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) => {
            let _ = u.set_username("");
            let _ = u.set_password(None);
            u.set_query(None);
            u.to_string()
        }
        Err(_) => "(not a URL)".to_owned(),
    }
}

/// Fetches a JWKS URL (blocking client on a blocking thread, bounded in time and size).
async fn fetch(url: &str) -> anyhow::Result<String> {
    let url = url.to_owned();
    tokio::task::spawn_blocking(move || -> anyhow::Result<String> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(FETCH_TIMEOUT))
            .build()
            .into();
        let mut response = agent.get(&url).call()?;
        Ok(response
            .body_mut()
            .with_config()
            .limit(MAX_JWKS_BYTES)
            .read_to_string()?)
    })
    .await?
}

impl JwtVerifier {
    /// Loads the keys: a file must read at start; a URL that cannot be fetched now is logged and
    /// fetched again on the first token.
    pub async fn load(settings: JwtSettings) -> anyhow::Result<JwtVerifier> {
        let keys = match &settings.jwks {
            JwksSource::File(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| anyhow::anyhow!("--jwt-jwks-file {}: {e}", path.display()))?;
                parse_jwks(&text)?
            }
            JwksSource::Url(url) => match fetch(url).await.and_then(|t| parse_jwks(&t)) {
                Ok(keys) => keys,
                Err(e) => {
                    tracing::warn!(url = %shown(url), error = %e, "the JWKS could not be fetched; trying again on the first token");
                    Keys {
                        by_kid: HashMap::new(),
                        anonymous: Vec::new(),
                        fetched_at: None,
                    }
                }
            },
        };
        Ok(JwtVerifier {
            settings,
            keys: RwLock::new(keys),
            refetch: tokio::sync::Mutex::new(()),
        })
    }

    /// The key for `kid` as cached (`None` for `kid`: the only key, if the set has one).
    fn cached_key(&self, kid: Option<&str>) -> Option<(DecodingKey, Algorithm)> {
        let keys = self.keys.read().unwrap_or_else(|e| e.into_inner());
        match kid {
            Some(kid) => keys.by_kid.get(kid).cloned(),
            None if keys.by_kid.len() + keys.anonymous.len() == 1 => keys
                .anonymous
                .first()
                .or(keys.by_kid.values().next())
                .cloned(),
            None => None,
        }
    }

    /// A JWKS URL fetched longer ago than [`MAX_AGE`] (a file is read once).
    fn stale(&self) -> bool {
        let keys = self.keys.read().unwrap_or_else(|e| e.into_inner());
        matches!(self.settings.jwks, JwksSource::Url(_))
            && keys.fetched_at.is_none_or(|t| t.elapsed() > MAX_AGE)
    }

    fn has_keys(&self) -> bool {
        let keys = self.keys.read().unwrap_or_else(|e| e.into_inner());
        !keys.by_kid.is_empty() || !keys.anonymous.is_empty()
    }

    /// Fetches the JWKS URL again unless it was fetched in the last minute; a failure keeps the
    /// keys already cached.
    async fn refetch(&self) {
        let JwksSource::Url(url) = &self.settings.jwks else {
            return;
        };
        let _one_at_a_time = self.refetch.lock().await;
        let recent = {
            let keys = self.keys.read().unwrap_or_else(|e| e.into_inner());
            keys.fetched_at.is_some_and(|t| t.elapsed() < REFETCH_EVERY)
        };
        if recent {
            return;
        }
        match fetch(url).await.and_then(|t| parse_jwks(&t)) {
            Ok(fresh) => *self.keys.write().unwrap_or_else(|e| e.into_inner()) = fresh,
            Err(e) => {
                tracing::warn!(url = %shown(url), error = %e, "the JWKS could not be fetched; keeping the cached keys");
                let mut keys = self.keys.write().unwrap_or_else(|e| e.into_inner());
                keys.fetched_at = Some(Instant::now());
            }
        }
    }

    /// Verifies `token` and reads its claims.
    pub async fn verify(&self, token: &str) -> Result<JwtClaims, JwtRefusal> {
        let header = jsonwebtoken::decode_header(token).map_err(|_| JwtRefusal::Invalid)?;
        if !matches!(
            header.alg,
            Algorithm::RS256 | Algorithm::ES256 | Algorithm::EdDSA
        ) {
            return Err(JwtRefusal::Invalid);
        }
        let kid = header.kid.as_deref();
        if self.stale() {
            self.refetch().await;
        }
        let key = match self.cached_key(kid) {
            Some(key) => key,
            None => {
                self.refetch().await;
                match self.cached_key(kid) {
                    Some(key) => key,
                    None if !self.has_keys() => return Err(JwtRefusal::NoKeys),
                    None => return Err(JwtRefusal::Invalid),
                }
            }
        };
        let (key, alg) = key;
        // The key decides the algorithm, never the token's header.
        if header.alg != alg {
            return Err(JwtRefusal::Invalid);
        }
        let mut validation = Validation::new(alg);
        validation.leeway = LEEWAY_SECS;
        validation.validate_nbf = true;
        validation.set_issuer(&[&self.settings.issuer]);
        validation.set_audience(&[&self.settings.audience]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        let data =
            jsonwebtoken::decode::<Map<String, Value>>(token, &key, &validation).map_err(|e| {
                match e.kind() {
                    jsonwebtoken::errors::ErrorKind::ExpiredSignature => JwtRefusal::Expired,
                    _ => JwtRefusal::Invalid,
                }
            })?;
        self.claims(&data.claims)
    }

    fn claims(&self, c: &Map<String, Value>) -> Result<JwtClaims, JwtRefusal> {
        let text = |name: &str| c.get(name).and_then(Value::as_str).map(str::to_owned);
        let reseller_id = text(&self.settings.reseller_claim)
            .filter(|r| !r.is_empty())
            .ok_or(JwtRefusal::NoReseller)?;
        let sub = text("sub").ok_or(JwtRefusal::Invalid)?;
        let expires_at = c
            .get("exp")
            .and_then(Value::as_i64)
            .ok_or(JwtRefusal::Invalid)?;
        Ok(JwtClaims {
            reseller_id,
            person: Person {
                sub,
                name: text("name"),
                email: text("email"),
            },
            role: role_of(c, &self.settings.role_claim),
            expires_at,
        })
    }
}

/// The role a token's claims give: the role claim, or a `roles` array (manager if it holds
/// manager); a token without one, or with an unknown one, is a viewer. A JWT names a person,
/// so `usage-writer` (an API token's role) counts as unknown.
fn role_of(c: &Map<String, Value>, claim: &str) -> Role {
    if let Some(role) = c
        .get(claim)
        .and_then(Value::as_str)
        .and_then(Role::from_wire)
        .filter(|r| r.can_read())
    {
        return role;
    }
    let roles = c.get("roles").and_then(Value::as_array);
    let has = |r: &str| roles.is_some_and(|a| a.iter().any(|v| v.as_str() == Some(r)));
    if has("manager") {
        Role::Manager
    } else {
        Role::Viewer
    }
}
