//! The app's configuration: links and contacts that differ per deployment. Provided as context
//! by [`crate::App`]; views read it with `use_context::<AppConfig>()`.

/// Deployment settings the views need.
#[derive(Debug, Clone, PartialEq)]
pub struct AppConfig {
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
            support_url: "mailto:support@nexetic.example".into(),
            sso_help_url: "https://help.nexetic.example/sso".into(),
            permissions_help_url: "https://help.nexetic.example/permissions".into(),
            backup_settings_help_url: "https://help.nexetic.example/backup-settings".into(),
            entra_id_order_url: "https://help.nexetic.example/entra-id-backup".into(),
            entra_id_marketplace_url: "https://marketplace.also.example/entra-id-backup".into(),
        }
    }
}
