//! The conflict view: someone else saved the customer while it was being edited. It shows the
//! values when the form was opened, now on the server, and the user's, and offers to apply the
//! user's changes to the new version or to discard them.

use domain::{Customer, Field as DomainField};
use leptos::html;
use leptos::prelude::*;

use crate::i18n::format::{self, date_time};
use crate::i18n::use_i18n;

/// The conflict with the version `current` now on the server.
#[component]
pub fn ConflictView(
    /// The customer as it is now on the server.
    current: Customer,
    /// The version the form was opened with.
    before: Customer,
    /// The User Licenses the user typed, when they changed that field.
    mine_licenses: Option<String>,
    /// The Extra Storage the user typed, when they changed that field.
    mine_storage: Option<String>,
    /// Apply the user's changes on top of `current`.
    on_apply: Callback<Customer>,
    /// Take `current` and drop the user's changes.
    on_discard: Callback<Customer>,
    /// Focus goes here when the conflict appears.
    node_ref: NodeRef<html::Div>,
) -> impl IntoView {
    let i = use_i18n();
    let t = i.t();
    let yours = |text: Option<String>| match text {
        Some(text) => view! { <td>{text}</td> }.into_any(),
        None => view! { <td class="cm-muted">{t.not_changed}</td> }.into_any(),
    };
    let mine_licenses = yours(mine_licenses);
    let mine_storage = yours(mine_storage);
    let apply = current.clone();
    let discard = current.clone();
    view! {
            <div
                node_ref=node_ref
                class="cm-conflict"
                role="alert"
                tabindex="-1"
                aria-labelledby="cm-conflict-title"
            >
                <h2 id="cm-conflict-title">{t.conflict_title}</h2>
                <p>
                    {(t.conflict_body)(&current.organization_name, &date_time(t, &current.updated_at))}
                </p>
                <table class="cm-table">
                    <caption class="cm-visually-hidden">{t.conflict_caption}</caption>
                    <thead>
                        <tr>
                            <td></td>
                            <th scope="col">{t.when_opened}</th>
                            <th scope="col">{t.now_on_server}</th>
                            <th scope="col">{t.yours}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <tr>
                            <th scope="row">{(t.field_label)(DomainField::UserLicenses)}</th>
                            <td>{format::count(before.user_licenses.into())}</td>
                            <td>{format::count(current.user_licenses.into())}</td>
                            {mine_licenses}
                        </tr>
                        <tr>
                            <th scope="row">{(t.field_label)(DomainField::ExtraStorageGb)}</th>
                            <td>{format::storage(before.extra_storage_gb)}</td>
                            <td>{format::storage(current.extra_storage_gb)}</td>
                            {mine_storage}
                        </tr>
                    </tbody>
                </table>
                <div class="cm-conflict__actions">
                    <button type="button" class="cm-button cm-button--primary" on:click=move |_| on_apply.run(apply.clone())>
                        {t.apply_mine}
                    </button>
                    <button type="button" class="cm-button" on:click=move |_| on_discard.run(discard.clone())>
                        {t.discard_mine}
                    </button>
                </div>
            </div>

    }
}
