//! What the signed-in person may do: the role `GET /me` names, provided as context by the shell.

use domain::Role;
use leptos::prelude::*;

/// The role of the person using the app, as `GET /me` answered (`None` until it answers, or when
/// it failed). Provided as context by [`crate::App`].
///
/// An unknown role reads as a manager's: managers (who add and edit) never see their controls
/// appear late or move, and a write the role may not make is still refused by the server (403,
/// worded as such). Only a role known to be a viewer's hides the write controls.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Access {
    /// The role, once known.
    pub role: RwSignal<Option<Role>>,
}

impl Access {
    /// A role not known yet.
    pub fn new() -> Self {
        Access {
            role: RwSignal::new(None),
        }
    }

    /// A known role (tests, or a host that knows it).
    pub fn with_role(role: Role) -> Self {
        Access {
            role: RwSignal::new(Some(role)),
        }
    }

    /// The access in context, or an unknown role when there is none (a view mounted alone).
    pub fn current() -> Self {
        use_context::<Access>().unwrap_or_default()
    }

    /// Whether the person in context may only view, as a memo: views re-render only when a
    /// viewer becomes known, never for a manager.
    pub fn view_only() -> Memo<bool> {
        let access = Self::current();
        Memo::new(move |_| access.read_only())
    }

    /// Whether the person may only view (tracked): true only for a known viewer.
    pub fn read_only(&self) -> bool {
        self.role.get().is_some_and(|role| !role.can_write())
    }
}

impl Default for Access {
    fn default() -> Self {
        Self::new()
    }
}
