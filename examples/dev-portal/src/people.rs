//! The portal's two demo people, its signing key, its JWKS and the JWTs it signs for them.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::SigningKey;
use ed25519_dalek::pkcs8::EncodePrivateKey;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};

/// Someone who can sign in to the portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Person {
    /// The key the sign-in link and the session cookie use.
    pub key: &'static str,
    pub sub: &'static str,
    pub name: &'static str,
    pub email: &'static str,
    /// `manager` or `viewer`, the customers API's roles.
    pub role: &'static str,
}

/// The people of the demo reseller: one manager (signed in first) and one viewer.
pub const PEOPLE: [Person; 2] = [
    Person {
        key: "manager",
        sub: "portal-user-1",
        name: "Maija Manager",
        email: "maija.manager@reseller.example",
        role: "manager",
    },
    Person {
        key: "viewer",
        sub: "portal-user-2",
        name: "Ville Viewer",
        email: "ville.viewer@reseller.example",
        role: "viewer",
    },
];

impl Person {
    /// The person with this key, if any.
    pub fn by_key(key: &str) -> Option<Person> {
        PEOPLE.into_iter().find(|p| p.key == key)
    }
}

/// What every token says besides the person: who issued it, for whom, and for which reseller.
#[derive(Debug, Clone)]
pub struct Audience {
    pub issuer: String,
    pub audience: String,
    pub reseller_id: String,
}

/// The portal's signing key: an Ed25519 key pair made at start, never written anywhere.
pub struct Signer {
    kid: String,
    key: SigningKey,
    encoding: EncodingKey,
}

impl Signer {
    /// A fresh key pair.
    pub fn generate() -> anyhow::Result<Signer> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
        let key = SigningKey::from_bytes(&seed);
        let der = key
            .to_pkcs8_der()
            .map_err(|e| anyhow::anyhow!("encoding the key: {e}"))?;
        // A new key id per start: the API fetches the JWKS again when it meets an unknown one.
        let kid = format!(
            "dev-{}",
            URL_SAFE_NO_PAD.encode(&key.verifying_key().to_bytes()[..6])
        );
        Ok(Signer {
            kid,
            encoding: EncodingKey::from_ed_der(der.as_bytes()),
            key,
        })
    }

    /// The JWKS publishing the public key.
    pub fn jwks(&self) -> Value {
        json!({"keys": [{
            "kty": "OKP", "crv": "Ed25519", "use": "sig", "alg": "EdDSA", "kid": self.kid,
            "x": URL_SAFE_NO_PAD.encode(self.key.verifying_key().to_bytes()),
        }]})
    }

    /// A JWT for `person`, valid from `now` (Unix seconds) for `lifetime` seconds (negative: one
    /// that expired that long ago, to try the app's renewal).
    pub fn sign(&self, to: &Audience, person: Person, now: i64, lifetime: i64) -> String {
        let mut header = Header::new(Algorithm::EdDSA);
        header.kid = Some(self.kid.clone());
        let claims = json!({
            "iss": to.issuer, "aud": to.audience, "sub": person.sub,
            "name": person.name, "email": person.email, "role": person.role,
            "reseller_id": to.reseller_id,
            "iat": now.min(now + lifetime), "nbf": now.min(now + lifetime) - 1, "exp": now + lifetime,
        });
        jsonwebtoken::encode(&header, &claims, &self.encoding)
            .expect("an Ed25519 key signs any claims")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jsonwebtoken::{DecodingKey, Validation};

    #[test]
    fn a_signed_token_verifies_with_the_published_key_and_names_the_person() {
        let signer = Signer::generate().unwrap();
        let to = Audience {
            issuer: "dev-portal".into(),
            audience: "customers-api".into(),
            reseller_id: "r_demo".into(),
        };
        let token = signer.sign(&to, PEOPLE[1], 1_900_000_000, 300);
        let x = signer.jwks()["keys"][0]["x"].as_str().unwrap().to_owned();
        let key = DecodingKey::from_ed_components(&x).unwrap();
        let mut validation = Validation::new(Algorithm::EdDSA);
        validation.set_issuer(&["dev-portal"]);
        validation.set_audience(&["customers-api"]);
        validation.validate_exp = false;
        let claims = jsonwebtoken::decode::<Value>(&token, &key, &validation)
            .unwrap()
            .claims;
        assert_eq!(claims["role"], "viewer");
        assert_eq!(claims["name"], "Ville Viewer");
        assert_eq!(claims["reseller_id"], "r_demo");
        assert_eq!(claims["exp"], 1_900_000_300);
    }

    #[test]
    fn people_are_found_by_their_key_only() {
        assert_eq!(Person::by_key("manager").unwrap().role, "manager");
        assert_eq!(Person::by_key("viewer").unwrap().role, "viewer");
        assert_eq!(Person::by_key("admin"), None);
    }
}
