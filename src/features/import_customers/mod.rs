//! Import customers (`/customers/import`, issue 17): a CSV file read and checked in the browser
//! by the domain crate, previewed and fixed row by row, then created one row at a time through
//! the ordinary create endpoint under each row's idempotency key.
//!
//! The view has three stages that follow from its state: no file yet ([`input`]), a checked
//! file ([`preview`]), and an import under way or done ([`run`], [`result`]).

mod existing;
mod input;
mod pager;
mod preview;
mod result;
mod row;
mod run;

use domain::import::ImportFile;
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_router::components::A;

pub use input::ImportInput;
pub use preview::ImportPreview;
pub use run::Run;

use crate::context::{Access, app_href};
use crate::i18n::use_i18n;

/// What the stages share: the file being imported and the run, once confirmed.
#[derive(Clone, Copy)]
pub struct ImportState {
    /// The checked file (`None` until one is read); fixing and dropping rows update it.
    pub file: RwSignal<Option<ImportFile>>,
    /// The file's name, or `None` for pasted text.
    pub file_name: RwSignal<Option<String>>,
    /// The run, once the user confirmed the import.
    pub run: RwSignal<Option<Run>>,
    /// The run's signals, owned by the page: the preview that starts a run is disposed as the
    /// run view replaces it.
    pub runner: Run,
    /// The existing customers check: in flight, failed (why), or done.
    pub existing: RwSignal<existing::Check>,
}

impl ImportState {
    /// No file yet.
    pub fn new() -> Self {
        ImportState {
            file: RwSignal::new(None),
            file_name: RwSignal::new(None),
            run: RwSignal::new(None),
            runner: Run::empty(),
            existing: RwSignal::new(existing::Check::Idle),
        }
    }

    /// Back to choosing a file (after an import, or to replace the file).
    pub fn reset(&self) {
        self.file.set(None);
        self.file_name.set(None);
        self.run.set(None);
        self.existing.set(existing::Check::Idle);
    }

    /// Takes a freshly read file and starts asking the API which rows clash with existing
    /// customers.
    pub fn load(&self, file: ImportFile, name: Option<String>) {
        self.run.set(None);
        self.file_name.set(name);
        self.file.set(Some(file));
        existing::check(*self);
    }
}

impl Default for ImportState {
    fn default() -> Self {
        Self::new()
    }
}

/// Which part of the view is on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Input,
    Preview,
    Run,
}

/// Moves keyboard focus to `target` once it is in the document: a stage that replaces the
/// control the user acted on must not drop focus on the page.
fn focus_on_mount(target: NodeRef<leptos::html::P>) {
    Effect::new(move |_| {
        if let Some(el) = target.get() {
            let _ = el.focus();
        }
    });
}

/// The Import customers view.
#[component]
pub fn ImportCustomersPage() -> impl IntoView {
    let i = use_i18n();
    let view_only = Access::view_only();
    let state = ImportState::new();
    // A memo, so fixing a cell (which changes the file) does not rebuild the preview.
    let stage = Memo::new(move |_| {
        if state.run.with(Option::is_some) {
            Stage::Run
        } else if state.file.with(Option::is_some) {
            Stage::Preview
        } else {
            Stage::Input
        }
    });
    let stage = move || match stage.get() {
        Stage::Input => EitherOf3::A(view! { <ImportInput state/> }),
        Stage::Preview => EitherOf3::B(view! { <ImportPreview state/> }),
        Stage::Run => EitherOf3::C(view! { <result::RunView state/> }),
    };
    view! {
        <section class="cm-form-page cm-import" aria-labelledby="cm-import-title">
            <nav class="cm-breadcrumbs" aria-label=move || i.t().breadcrumb>
                <A href=app_href("/customers")>{move || i.t().customers}</A>
            </nav>
            <header class="cm-page-header">
                <h1 id="cm-import-title">{move || i.t().import_customers}</h1>
            </header>
            // A viewer gets why there is no import rather than one whose rows would be refused.
            {move || if view_only.get() {
                Either::Left(view! { <p class="cm-view-only">{move || i.t().view_only_add}</p> })
            } else {
                Either::Right(stage())
            }}
        </section>
    }
}
