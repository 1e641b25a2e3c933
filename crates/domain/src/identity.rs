//! Who is signed in and what they may do: the roles, the answer of `GET /api/v1/me`, and the
//! codes of the API's refusals to authenticate or authorise (the SPA words them, the server
//! sends them).

use serde::{Deserialize, Serialize};

/// What a signed-in person may do with a reseller's customers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Lists, reads, exports and reads the audit trail.
    Viewer,
    /// Also adds, edits, imports and resends activation emails.
    Manager,
    /// An API token of the backup platform: reports usage (`POST /api/v1/usage`) and nothing
    /// else, neither reading nor changing customers. Never a person's role.
    #[serde(rename = "usage-writer")]
    UsageWriter,
}

impl Role {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Manager => "manager",
            Role::UsageWriter => "usage-writer",
        }
    }

    /// The role a wire name names (`None`: not a role).
    pub fn from_wire(s: &str) -> Option<Role> {
        match s {
            "viewer" => Some(Role::Viewer),
            "manager" => Some(Role::Manager),
            "usage-writer" => Some(Role::UsageWriter),
            _ => None,
        }
    }

    /// Whether the role may change customers.
    pub fn can_write(self) -> bool {
        self == Role::Manager
    }

    /// Whether the role may list and read customers (a person's role).
    pub fn can_read(self) -> bool {
        matches!(self, Role::Viewer | Role::Manager)
    }

    /// Whether the role may report usage samples.
    pub fn can_report_usage(self) -> bool {
        matches!(self, Role::Manager | Role::UsageWriter)
    }
}

/// The reseller a request acts for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeReseller {
    pub id: String,
    pub name: String,
}

/// The person (or integration) behind the credentials.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Person {
    /// The identity provider's subject, or `token:<prefix>` for an API token.
    pub sub: String,
    /// A display name, where the credentials carry one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// An email address, where the credentials carry one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

impl Person {
    /// How the person reads in an audit trail: the name, else the email, else the subject.
    pub fn display(&self) -> &str {
        self.name
            .as_deref()
            .or(self.email.as_deref())
            .unwrap_or(&self.sub)
    }
}

/// `GET /api/v1/me`: who the credentials name and what they may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub reseller: MeReseller,
    pub person: Person,
    pub role: Role,
    /// When the credentials stop working, RFC 3339 in UTC (`None`: they do not expire).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub expires_at: Option<String>,
}

/// The `code` of a refusal to authenticate (401) or authorise (403).
pub mod auth_codes {
    /// 401: no credentials, a malformed `Authorization` header, or a token nobody issued.
    pub const UNAUTHENTICATED: &str = "unauthenticated";
    /// 401: a token that is not valid: a bad signature, issuer, audience, algorithm or key, or a
    /// token not valid yet.
    pub const INVALID_TOKEN: &str = "invalid-token";
    /// 401: the token has expired: get a new one.
    pub const TOKEN_EXPIRED: &str = "token-expired";
    /// 401: the API token was revoked.
    pub const TOKEN_REVOKED: &str = "token-revoked";
    /// 401: the token names no reseller, or one that does not exist here.
    pub const UNKNOWN_RESELLER: &str = "unknown-reseller";
    /// 403: the role may not do this (a viewer's write).
    pub const FORBIDDEN: &str = "forbidden";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_their_wire_names() {
        for role in [Role::Viewer, Role::Manager] {
            assert_eq!(Role::from_wire(role.as_str()), Some(role));
            let json = serde_json::to_string(&role).unwrap();
            assert_eq!(json, format!("\"{}\"", role.as_str()));
        }
        assert_eq!(Role::from_wire("admin"), None);
        assert!(Role::Manager.can_write() && !Role::Viewer.can_write());
    }

    #[test]
    fn a_person_reads_as_the_name_else_the_email_else_the_subject() {
        let mut p = Person {
            sub: "u-1".into(),
            name: Some("Aino".into()),
            email: Some("aino@example.com".into()),
        };
        assert_eq!(p.display(), "Aino");
        p.name = None;
        assert_eq!(p.display(), "aino@example.com");
        p.email = None;
        assert_eq!(p.display(), "u-1");
    }
}
