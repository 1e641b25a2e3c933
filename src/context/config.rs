//! The app's configuration, read once at start-up from the mount element's `data-*` attributes
//! (standalone use needs none: every setting has a default). Provided as context by
//! [`crate::App`]; views read it with `use_context::<AppConfig>()`.

use std::fmt;

use super::Locale;

/// How API requests prove who the reseller is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthMode {
    /// The browser's same-origin session cookie (standalone, or a host on the same site).
    Cookie,
    /// `Authorization: Bearer <token>`, the token handed over by the host page.
    Bearer,
}

/// Deployment settings the views need.
#[derive(Debug, Clone, PartialEq)]
pub struct AppConfig {
    /// Where the app's routes live in the page's URL space, e.g. `/partner/backup` ("" standalone).
    pub base_path: String,
    /// The customers API, e.g. `/api/v1` or `https://api.example.com/api/v1`.
    pub api_base: String,
    /// How requests authenticate.
    pub auth: AuthMode,
    /// The bearer token the host supplied at start-up (later ones arrive by event).
    pub token: Option<String>,
    /// The language the host set with `data-locale`: it wins over a remembered choice and the
    /// browser's languages, and the app then offers no language switcher. `None`: the app chooses.
    pub locale: Option<Locale>,
    /// Whether the app may keep the user's language choice in `localStorage`: always standalone
    /// (its own page); embedded only when the host allows it with `data-remember-locale`.
    pub remember_locale: bool,
    /// Mounted on its own page rather than inside a host's element (shows the language switcher).
    pub standalone: bool,
    /// Where a reseller asks support to correct a customer's storage type.
    pub support_url: String,
    /// Next steps after creating a customer: SSO to the backup environment.
    pub sso_help_url: String,
    /// Next steps: granting permissions for the backup applications.
    pub permissions_help_url: String,
    /// Next steps: making backup settings.
    pub backup_settings_help_url: String,
    /// Ordering Entra ID backup for a customer.
    pub entra_id_order_url: String,
    /// Ordering Entra ID backup through the ALSO Cloud Marketplace instead.
    pub entra_id_marketplace_url: String,
}

impl Default for AppConfig {
    fn default() -> Self {
        AppConfig {
            base_path: String::new(),
            api_base: "/api/v1".into(),
            auth: AuthMode::Cookie,
            token: None,
            locale: None,
            remember_locale: false,
            standalone: true,
            support_url: "mailto:support@nexetic.example".into(),
            sso_help_url: "https://help.nexetic.example/sso".into(),
            permissions_help_url: "https://help.nexetic.example/permissions".into(),
            backup_settings_help_url: "https://help.nexetic.example/backup-settings".into(),
            entra_id_order_url: "https://help.nexetic.example/entra-id-backup".into(),
            entra_id_marketplace_url: "https://marketplace.also.example/entra-id-backup".into(),
        }
    }
}

/// A path of the app under the configured base path ("/customers" → "/partner/backup/customers"
/// when embedded). Links need it: the router resolves `navigate` and route matching against the
/// base, but an absolute `<A href>` is used as written.
pub fn app_href(path: &str) -> String {
    let base = leptos::prelude::use_context::<AppConfig>()
        .map(|c| c.base_path)
        .unwrap_or_default();
    format!("{}{path}", base.trim_end_matches('/'))
}

/// A `data-*` attribute that could not be used, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The attribute, e.g. `data-base-path`.
    pub attribute: &'static str,
    /// What is wrong with its value.
    pub problem: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.attribute, self.problem)
    }
}

impl AppConfig {
    /// Reads the configuration from `data-*` attributes (`attr("data-base-path")` …); absent ones
    /// keep their defaults. Every invalid attribute is reported, not just the first.
    pub fn from_attributes(
        attr: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, Vec<ConfigError>> {
        let mut config = AppConfig::default();
        let mut errors = Vec::new();
        let mut fail = |attribute, problem: &str| {
            errors.push(ConfigError {
                attribute,
                problem: problem.to_owned(),
            })
        };
        let get = |name: &str| attr(name).map(|v| v.trim().to_owned());

        if let Some(base) = get("data-base-path") {
            let base = base.trim_end_matches('/').to_owned();
            if !(base.is_empty() || base.starts_with('/'))
                || base.contains(['?', '#', ' '])
                || base.starts_with("//")
            {
                fail(
                    "data-base-path",
                    "must be a path starting with / (e.g. /partner/backup)",
                );
            } else {
                config.base_path = base;
            }
        }
        if let Some(api) = get("data-api-base") {
            let api = api.trim_end_matches('/').to_owned();
            if api.starts_with('/') && !api.starts_with("//") || is_http_url(&api) {
                config.api_base = api;
            } else {
                fail(
                    "data-api-base",
                    "must be a path starting with / or an http(s):// URL",
                );
            }
        }
        match get("data-auth").as_deref() {
            None | Some("cookie") => {}
            Some("bearer") => config.auth = AuthMode::Bearer,
            Some(_) => fail("data-auth", "must be \"cookie\" or \"bearer\""),
        }
        config.token = get("data-token").filter(|t| !t.is_empty());
        if config.token.is_some() && config.auth == AuthMode::Cookie {
            fail("data-token", "is only used with data-auth=\"bearer\"");
        }
        if let Some(tag) = get("data-locale") {
            match Locale::from_tag(&tag) {
                Some(locale) => config.locale = Some(locale),
                None => fail("data-locale", "must be \"en\" or \"fi\""),
            }
        }
        match get("data-remember-locale").as_deref() {
            None | Some("false") => {}
            Some("" | "true") => config.remember_locale = true,
            Some(_) => fail(
                "data-remember-locale",
                "must be empty, \"true\" or \"false\"",
            ),
        }
        for (attribute, field) in [
            ("data-support-url", &mut config.support_url),
            ("data-sso-help-url", &mut config.sso_help_url),
            (
                "data-permissions-help-url",
                &mut config.permissions_help_url,
            ),
            (
                "data-backup-settings-help-url",
                &mut config.backup_settings_help_url,
            ),
            ("data-entra-id-order-url", &mut config.entra_id_order_url),
            (
                "data-entra-id-marketplace-url",
                &mut config.entra_id_marketplace_url,
            ),
        ] {
            if let Some(url) = get(attribute) {
                if is_http_url(&url) || url.starts_with("mailto:") && url.len() > 7 {
                    *field = url;
                } else {
                    fail(attribute, "must be an http(s):// or mailto: URL");
                }
            }
        }
        if errors.is_empty() {
            Ok(config)
        } else {
            Err(errors)
        }
    }
}

fn is_http_url(s: &str) -> bool {
    ["https://", "http://"].iter().any(|scheme| {
        s.strip_prefix(scheme)
            .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> Result<AppConfig, Vec<ConfigError>> {
        AppConfig::from_attributes(|name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn no_attributes_means_standalone_defaults() {
        assert_eq!(parse(&[]), Ok(AppConfig::default()));
    }

    #[test]
    fn reads_every_setting() {
        let config = parse(&[
            ("data-base-path", "/partner/backup/"),
            ("data-api-base", "https://api.example.com/api/v1"),
            ("data-auth", "bearer"),
            ("data-token", "abc"),
            ("data-locale", "fi"),
            ("data-remember-locale", ""),
            ("data-support-url", "mailto:help@example.com"),
        ])
        .unwrap();
        assert_eq!(config.base_path, "/partner/backup");
        assert_eq!(config.api_base, "https://api.example.com/api/v1");
        assert_eq!(
            (config.auth, config.token.as_deref(), config.locale),
            (AuthMode::Bearer, Some("abc"), Some(Locale::Fi))
        );
        assert!(config.remember_locale);
        assert_eq!(config.support_url, "mailto:help@example.com");
    }

    #[test]
    fn reports_every_invalid_attribute() {
        let errors = parse(&[
            ("data-base-path", "partner"),
            ("data-api-base", "javascript:alert(1)"),
            ("data-auth", "basic"),
            ("data-locale", "sv"),
            ("data-remember-locale", "yes"),
            ("data-sso-help-url", "javascript:alert(1)"),
        ])
        .unwrap_err();
        let attributes: Vec<_> = errors.iter().map(|e| e.attribute).collect();
        assert_eq!(
            attributes,
            [
                "data-base-path",
                "data-api-base",
                "data-auth",
                "data-locale",
                "data-remember-locale",
                "data-sso-help-url"
            ]
        );
    }

    #[test]
    fn a_token_without_bearer_auth_is_a_mistake() {
        assert_eq!(
            parse(&[("data-token", "abc")]).unwrap_err()[0].attribute,
            "data-token"
        );
    }
}
