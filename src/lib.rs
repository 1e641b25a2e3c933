//! Customer management for Microsoft 365 backup wholesale resellers: a Leptos single-page app.
//!
//! `main.rs` only mounts [`App`]; components live here so browser tests can mount them.

pub mod api;
pub mod components;
pub mod config;
pub mod format;
pub mod pages;

use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

use components::{Notices, Toasts};
use config::AppConfig;
use pages::add_customer::AddCustomerPage;
use pages::customers::CustomersPage;
use pages::edit_customer::EditCustomerPage;
use pages::not_found::NotFound;

/// The whole app: the router and its views, inside the app's root element.
#[component]
pub fn App() -> impl IntoView {
    provide_context(AppConfig::default());
    provide_context(Notices::new());
    view! {
        <div class="cm-app" lang="en">
            <Router>
                <main class="cm-main">
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=|| view! { <Redirect path="/customers"/> }/>
                        <Route path=path!("/customers") view=CustomersPage/>
                        <Route path=path!("/customers/new") view=AddCustomerPage/>
                        <Route path=path!("/customers/:id/edit") view=EditCustomerPage/>
                    </Routes>
                </main>
            </Router>
            <Toasts/>
        </div>
    }
}
