//! The bottom layer, usable by every other: configuration, language, session and role, host
//! events, hrefs.

pub mod access;
pub mod config;
pub mod host_events;
mod locale;
pub mod session;

pub use access::Access;
pub use config::{AppConfig, AuthMode, app_href};
pub use locale::Locale;
pub use session::{SET_TOKEN_EVENT, Session};
