//! A partner portal for the tests: an Ed25519 key pair made per test, its JWKS, and JWTs signed
//! with it (or forged in the ways an attacker would).

use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::SigningKey;
use ed25519_dalek::pkcs8::EncodePrivateKey;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};
use server::identity::jwt::{JwksSource, JwtSettings, JwtVerifier};

/// The issuer and audience the test portal's tokens carry.
pub const ISSUER: &str = "https://portal.test";
pub const AUDIENCE: &str = "customers-api";

/// A test portal: one signing key.
pub struct Issuer {
    pub kid: String,
    key: SigningKey,
}

impl Issuer {
    /// A fresh key pair named `kid`.
    pub fn new(kid: &str) -> Issuer {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).unwrap();
        Issuer {
            kid: kid.to_owned(),
            key: SigningKey::from_bytes(&seed),
        }
    }

    /// The public key's bytes.
    pub fn public_key(&self) -> [u8; 32] {
        self.key.verifying_key().to_bytes()
    }

    /// The JWKS that publishes the public key.
    pub fn jwks(&self) -> Value {
        json!({"keys": [{
            "kty": "OKP", "crv": "Ed25519", "use": "sig", "alg": "EdDSA", "kid": self.kid,
            "x": URL_SAFE_NO_PAD.encode(self.public_key()),
        }]})
    }

    /// `claims` signed with `header` (its algorithm must be EdDSA to be valid).
    pub fn sign_with(&self, header: &Header, claims: &Value) -> String {
        let der = self.key.to_pkcs8_der().unwrap();
        jsonwebtoken::encode(header, claims, &EncodingKey::from_ed_der(der.as_bytes())).unwrap()
    }

    /// `claims` signed as the portal signs them.
    pub fn sign(&self, claims: &Value) -> String {
        let mut header = Header::new(Algorithm::EdDSA);
        header.kid = Some(self.kid.clone());
        self.sign_with(&header, claims)
    }

    /// A verifier that reads this issuer's JWKS from a file in `dir`.
    pub async fn verifier(&self, dir: &std::path::Path) -> Arc<JwtVerifier> {
        let path = dir.join(format!("jwks-{}.json", self.kid));
        std::fs::write(&path, self.jwks().to_string()).unwrap();
        Arc::new(
            JwtVerifier::load(settings(JwksSource::File(path)))
                .await
                .unwrap(),
        )
    }
}

/// The JWT settings of the tests, with the JWKS at `jwks`.
pub fn settings(jwks: JwksSource) -> JwtSettings {
    JwtSettings {
        jwks,
        issuer: ISSUER.into(),
        audience: AUDIENCE.into(),
        reseller_claim: "reseller_id".into(),
        role_claim: "role".into(),
    }
}

/// Seconds since the epoch, `offset` from now.
pub fn epoch(offset: i64) -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp() + offset
}

/// A person's claims for `reseller` as `role`, valid for five minutes.
pub fn claims(reseller: &str, role: &str) -> Value {
    json!({
        "iss": ISSUER, "aud": AUDIENCE, "sub": "user-42", "name": "Aino Manager",
        "email": "aino@partner.example", "reseller_id": reseller, "role": role,
        "iat": epoch(0), "exp": epoch(300),
    })
}

/// A token with `alg: none` and no signature.
pub fn unsigned(claims: &Value) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
    let body = URL_SAFE_NO_PAD.encode(claims.to_string());
    format!("{header}.{body}.")
}

/// `token` with its payload replaced by `claims` and the signature kept.
pub fn tampered(token: &str, claims: &Value) -> String {
    let parts: Vec<&str> = token.split('.').collect();
    let body = URL_SAFE_NO_PAD.encode(claims.to_string());
    format!("{}.{body}.{}", parts[0], parts[2])
}
