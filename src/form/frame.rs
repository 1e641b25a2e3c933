//! The frame the Add and Edit customer forms share: the `<form>` element, the error summary at
//! its top, the save-failure message with Retry, and the Save / Cancel row. The forms put their
//! own fields (and whatever else they show) inside it.

use domain::Field as DomainField;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::checks::{FormChecks, field_id};
use crate::api::Problem;
use crate::context::app_href;
use crate::i18n::{Worded, use_i18n};

/// A customer form: `<form id="cm-form">` with the error summary and the save failure above
/// its fields. Pressing Enter in a field or Save runs `on_submit` (the browser's own submission
/// and validation are off).
#[component]
pub fn FormFrame<P: Problem + Worded>(
    /// When the fields' messages show; the summary lists the errors shown at fields once Save
    /// was pressed or the server rejected a save.
    checks: FormChecks,
    /// Where focus goes after a Save with errors (the summary).
    summary_ref: NodeRef<html::Div>,
    /// A save is on its way (`aria-busy`).
    #[prop(into)]
    pending: Signal<bool>,
    /// Save was pressed (Enter in a field, or the Save button).
    #[prop(into)]
    on_submit: Callback<()>,
    /// The failed save to explain, if any (field errors of a 422 show at the fields instead).
    failure: Signal<Option<P>>,
    /// What failed, as the start of the failure message, e.g. "The customer was not created."
    #[prop(into)]
    failure_what: Signal<String>,
    /// Why Retry is safe, shown with it.
    #[prop(into)]
    retry_note: Signal<String>,
    /// Sends the same save again (Retry).
    #[prop(into)]
    on_retry: Callback<()>,
    /// The form's own content: fields, notes, the Save row, dialogs.
    children: Children,
) -> impl IntoView {
    view! {
        <form
            class="cm-form"
            id=field_id(DomainField::Other)
            novalidate
            aria-busy=move || pending.get().to_string()
            on:submit=move |ev| {
                ev.prevent_default();
                on_submit.run(());
            }
        >
            <ErrorSummary errors=checks.errors() visible=checks.summary_visible() node_ref=summary_ref/>
            <SaveFailure error=failure what=failure_what retry_note on_retry/>
            {children()}
        </form>
    }
}

/// Save (a spinner and "Saving…" while pending), Cancel back to the list, and a status line
/// that tells screen readers a save is under way.
#[component]
pub fn FormActions(
    /// A save is on its way.
    #[prop(into)]
    pending: Signal<bool>,
    /// Save cannot be pressed (busy, saved, nothing to save).
    #[prop(into)]
    disabled: Signal<bool>,
    /// What the status line says while saving, e.g. "Saving the customer…".
    #[prop(into)]
    saving_status: Signal<String>,
) -> impl IntoView {
    let i = use_i18n();
    view! {
        <div class="cm-form__actions">
            <button
                type="submit"
                class="cm-button cm-button--primary"
                class:cm-button--busy=move || pending.get()
                disabled=move || disabled.get()
                // Keep focus where it is on press: the blur would show that field's messages
                // and move Save down before the button is released, losing the click.
                on:mousedown=|ev: web_sys::MouseEvent| ev.prevent_default()
            >
                {move || if pending.get() {
                    view! { <span class="cm-spinner" aria-hidden="true"></span>{i.t().saving} }.into_any()
                } else {
                    i.t().save.into_any()
                }}
            </button>
            <a class="cm-button" href=app_href("/customers")>{move || i.t().cancel}</a>
            <p class="cm-visually-hidden" role="status">
                {move || pending.get().then(|| saving_status.get())}
            </p>
        </div>
    }
}

/// The list of errors at the top of a form after Save: each one a link that moves focus to its
/// field. Always in the page (a live region); filled only when `visible`.
#[component]
pub fn ErrorSummary(
    /// The errors to list, in form order.
    #[prop(into)]
    errors: Signal<Vec<domain::Issue>>,
    /// Show the summary (after the first Save).
    #[prop(into)]
    visible: Signal<bool>,
    /// Where focus goes after a Save with errors.
    node_ref: NodeRef<html::Div>,
) -> impl IntoView {
    let i = use_i18n();
    let content = move || {
        // Hidden: the errors are not even read, so typing before Save never renders here.
        if !visible.get() {
            return None;
        }
        let errors = errors.get();
        let t = i.t();
        (!errors.is_empty()).then(|| {
            let title = match errors.len() {
                1 => t.summary_one.to_owned(),
                n => (t.summary_many)(n),
            };
            let items = errors
                .into_iter()
                .map(|issue| {
                    let id = field_id(issue.field);
                    let text = t.issue(&issue);
                    if issue.field == DomainField::Other {
                        return view! { <li>{text}</li> }.into_any();
                    }
                    view! {
                        <li>
                            <a
                                href=format!("#{id}")
                                on:click=move |ev| {
                                    ev.prevent_default();
                                    focus_by_id(id);
                                }
                            >
                                {text}
                            </a>
                        </li>
                    }
                    .into_any()
                })
                .collect_view();
            view! {
                <div class="cm-error-summary">
                    <h2 class="cm-error-summary__title">{title}</h2>
                    <ul class="cm-error-summary__list">{items}</ul>
                </div>
            }
        })
    };
    view! {
        <div node_ref=node_ref class="cm-error-summary-region" role="alert" tabindex="-1">
            {content}
        </div>
    }
}

/// Focuses the element with `id` (a field's control) and brings its label into view.
pub fn focus_by_id(id: &str) {
    let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let _ = el.focus();
    if let Some(field) = el.closest(".cm-field").ok().flatten() {
        field.scroll_into_view();
    }
}

/// Why a save failed, when it is not about a field: what happened, that the input is kept, and
/// the way on: Retry (or "Try again" when it may not help), sign in in a new tab after a 401,
/// the list when the customer is gone.
#[component]
pub fn SaveFailure<P: Problem + Worded>(
    /// The failure, if any.
    error: Signal<Option<P>>,
    /// What failed, as the start of the message, e.g. "The customer was not created."
    #[prop(into)]
    what: Signal<String>,
    /// Why Retry is safe, shown with it.
    #[prop(into)]
    retry_note: Signal<String>,
    /// Sends the same save again.
    #[prop(into)]
    on_retry: Callback<()>,
) -> impl IntoView {
    let sign_in = app_href("/");
    let i = use_i18n();
    move || {
        let t = i.t();
        let error = error.get().filter(P::needs_banner)?;
        let unauthorized = error.is_unauthorized();
        let retryable = error.is_retryable() || unauthorized;
        // The customer is gone: trying again cannot help, the list is the way on.
        let gone = error.is_gone();
        let what = what.get();
        let retry_note = retry_note.get();
        Some(view! {
            <div class="cm-save-failure" role="alert">
                <p class="cm-save-failure__message">
                    <strong>{what}</strong>" "{error.words(t)}
                </p>
                <p class="cm-save-failure__note">
                    {t.input_kept} {retryable.then_some(retry_note)}
                </p>
                <div class="cm-save-failure__actions">
                    {unauthorized.then(|| view! {
                        <a class="cm-button" href=sign_in.clone() target="_blank" rel="noopener">
                            {t.sign_in_again}<span class="cm-visually-hidden">{t.opens_in_new_tab}</span>
                        </a>
                    })}
                    {gone.then(|| view! { <a class="cm-button" href=app_href("/customers")>{t.go_to_customers}</a> })}
                    {(!gone).then(|| view! {
                        <button type="button" class="cm-button cm-button--primary" on:click=move |_| on_retry.run(())>
                            {if retryable { t.retry } else { t.try_again }}
                        </button>
                    })}
                </div>
            </div>
        })
    }
}
