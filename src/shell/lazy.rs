//! Views loaded on demand. With the `split` feature (trunk builds) the Add, Edit and Import
//! customers views are split points: the build (scripts/node-tools/post-build.mjs) cuts each, with what
//! only it uses, into its own wasm chunk, fetched on first use or ahead of it by [`preload`].
//! A chunk that fails to load shows a message with Retry instead of panicking.

use leptos::prelude::*;
use send_wrapper::SendWrapper;

use crate::api::Problem;
use crate::context::host_events::AuthFailure;
use crate::features::add_customer::AddCustomerPage;
use crate::features::edit_customer::EditCustomerPage;
use crate::features::import_customers::ImportCustomersPage;
use crate::i18n::{Texts, Worded};
use crate::ui::error_panel::ErrorPanel;

/// A view's chunk could not be loaded (offline, a 404 after a deploy, a blocked request); the
/// details are on the browser console.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkError;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkError
    }
}

impl AuthFailure for ChunkError {
    fn is_unauthorized(&self) -> bool {
        false
    }
}

impl Worded for ChunkError {
    fn words(&self, t: &Texts) -> String {
        t.view_load_failed.to_owned()
    }
}

impl Problem for ChunkError {
    fn is_retryable(&self) -> bool {
        true
    }
    fn is_gone(&self) -> bool {
        false
    }
    fn field_issues(&self) -> Vec<domain::Issue> {
        Vec::new()
    }
    fn needs_banner(&self) -> bool {
        true
    }
}

/// The views that live in their own chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chunk {
    /// The Add customer form.
    AddCustomer,
    /// The Edit customer page: form, conflict view, audit trail.
    EditCustomer,
    /// The Import customers view: file input, preview, the run and its result.
    ImportCustomers,
}

impl Chunk {
    async fn load(self) -> Result<AnyView, ChunkError> {
        match self {
            Chunk::AddCustomer => split::add_customer().await,
            Chunk::EditCustomer => split::edit_customer().await,
            Chunk::ImportCustomers => split::import_customers().await,
        }
    }
}

/// Fetches the chunks without showing them, so a later click rarely waits; the Add and Edit
/// forms first, as the most used. A failure is ignored here: the route itself loads again and
/// offers Retry.
pub async fn preload() {
    let _ = split::preload_add_customer().await;
    let _ = split::preload_edit_customer().await;
    let _ = split::preload_import_customers().await;
}

/// A route's view from its chunk: a loading line while it arrives, an error with Retry if it
/// cannot be fetched.
#[component]
pub fn LazyView(
    /// Which view to show.
    chunk: Chunk,
) -> impl IntoView {
    let attempt = RwSignal::new(0u32);
    let i = crate::i18n::use_i18n();
    view! {
        <Suspense fallback=move || view! { <p class="cm-muted" role="status">{move || i.t().loading_view}</p> }>
            {move || {
                attempt.track();
                let load = SendWrapper::new(chunk.load());
                Suspend::new(async move {
                    match load.await {
                        Ok(view) => view,
                        Err(error) => view! {
                            <ErrorPanel error on_retry=move |()| attempt.update(|n| *n += 1)/>
                        }
                        .into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[cfg(feature = "split")]
mod split {
    use super::*;

    #[leptos::wasm_split::wasm_split(
        add_customer,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(preload_add_customer)
    )]
    pub(super) fn add_customer() -> Result<AnyView, ChunkError> {
        Ok(view! { <AddCustomerPage/> }.into_any())
    }

    #[leptos::wasm_split::wasm_split(
        edit_customer,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(preload_edit_customer)
    )]
    pub(super) fn edit_customer() -> Result<AnyView, ChunkError> {
        Ok(view! { <EditCustomerPage/> }.into_any())
    }

    #[leptos::wasm_split::wasm_split(
        import_customers,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(preload_import_customers)
    )]
    pub(super) fn import_customers() -> Result<AnyView, ChunkError> {
        Ok(view! { <ImportCustomersPage/> }.into_any())
    }
}

/// Without the `split` feature (tests, clippy) the views are in the one module.
#[cfg(not(feature = "split"))]
mod split {
    use super::*;

    pub(super) async fn add_customer() -> Result<AnyView, ChunkError> {
        Ok(view! { <AddCustomerPage/> }.into_any())
    }
    pub(super) async fn edit_customer() -> Result<AnyView, ChunkError> {
        Ok(view! { <EditCustomerPage/> }.into_any())
    }
    pub(super) async fn import_customers() -> Result<AnyView, ChunkError> {
        Ok(view! { <ImportCustomersPage/> }.into_any())
    }
    pub(super) async fn preload_add_customer() -> Result<(), ChunkError> {
        Ok(())
    }
    pub(super) async fn preload_edit_customer() -> Result<(), ChunkError> {
        Ok(())
    }
    pub(super) async fn preload_import_customers() -> Result<(), ChunkError> {
        Ok(())
    }
}
