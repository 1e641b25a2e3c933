//! The customer table's rows, built the way a `<template>` is used: each row is a deep clone of a
//! prototype row made once per table, then its values are filled in. A clone is one call into
//! the browser for the whole static structure, where building the row node by node costs one
//! call (and a string decoded from wasm memory) per tag, attribute and text; for long tables that
//! was most of the render time (`bench/README.md`, "Findings").
//!
//! User data only ever goes in as text content or attribute values, never as markup. Nothing in
//! a row changes while it is on screen (a new page or sort renders new rows), so nothing here is
//! reactive; the table handles the highlight and the resend clicks for all rows.

use domain::{ActivationEmail, Customer, CustomerStatus, StorageType};
use leptos::web_sys::Element;
use wasm_bindgen::prelude::*;

use super::dom::*;
use super::runs_out::RunsOutCell;

use crate::i18n::format;
use crate::i18n::{Texts, status_label, storage_type_label};

/// The prototypes and the constant strings of one table (one locale).
pub(super) struct RowBuilder {
    row: Element,
    inadequate: Element,
    undeliverable: Element,
    note: Element,
    resend: Option<Element>,
    runs_out: RunsOutCell,
    /// The open link's accessible name: "Edit customer X", or "View customer X" for a viewer.
    open_named: fn(&str) -> String,
    data_customer_id: JsValue,
    href: JsValue,
    aria_label: JsValue,
    title: JsValue,
    max: JsValue,
    low: JsValue,
    high: JsValue,
    value: JsValue,
    domain: JsValue,
    muted: JsValue,
    not_registered: JsValue,
    badge_pending: JsValue,
    badge_active: JsValue,
    status_pending: JsValue,
    status_active: JsValue,
    text_danger: JsValue,
    usage_high: JsValue,
    usage_full: JsValue,
    nearly_full: JsValue,
    storage_full: JsValue,
    storage_azure: JsValue,
    storage_finnish_s3: JsValue,
}

impl RowBuilder {
    /// Builds the prototypes with the texts of `t`; `resend`: pending rows and rows whose
    /// activation email could not be delivered get a resend button; `view_only`: the row's link
    /// views the customer rather than edits it.
    pub(super) fn new(t: &Texts, resend: bool, view_only: bool) -> Self {
        let document = leptos::prelude::document();
        let d = &document;
        // <tr role="row">
        //   <th class="cm-org" scope="row" role="rowheader"><a></a></th>
        //   <td role="cell"><span></span></td>
        //   <td role="cell"><span></span></td>
        //   <td class="cm-num" role="cell" data-label="Licenses"><span></span></td>
        //   <td class="cm-usage" role="cell" data-label="…"><span></span><meter …></meter></td>
        //   <td role="cell" data-label="…"></td>
        //   <td class="cm-runs-out" role="cell" data-label="…">(runs_out.rs)</td>
        //   <td class="cm-actions" role="cell"><a class="cm-icon-button" title="…"><svg>…</svg></a></td>
        // </tr>
        // The roles are explicit because the card layout
        // (style/features/customers_list/cards.css) changes the cells' display, which makes some
        // browsers drop a table's semantics; `data-label` names a card's values.
        let row = element(d, "tr", &[("role", "row")], "");
        let org = element(
            d,
            "th",
            &[("class", "cm-org"), ("scope", "row"), ("role", "rowheader")],
            "",
        );
        append(&org, &element(d, "a", &[], ""));
        append(&row, &org);
        for _ in 0..2 {
            let td = element(d, "td", &[("role", "cell")], "");
            append(&td, &element(d, "span", &[], ""));
            append(&row, &td);
        }
        let licenses = element(
            d,
            "td",
            &[
                ("class", "cm-num"),
                ("role", "cell"),
                ("data-label", t.col_licenses),
            ],
            "",
        );
        append(&licenses, &element(d, "span", &[], ""));
        append(&row, &licenses);
        let usage = element(
            d,
            "td",
            &[
                ("class", "cm-usage"),
                ("role", "cell"),
                ("data-label", t.col_storage),
            ],
            "",
        );
        append(&usage, &element(d, "span", &[], ""));
        append(
            &usage,
            &element(d, "meter", &[("min", "0"), ("optimum", "0")], ""),
        );
        append(&row, &usage);
        append(
            &row,
            &element(
                d,
                "td",
                &[("role", "cell"), ("data-label", t.col_storage_type)],
                "",
            ),
        );
        append(
            &row,
            &element(
                d,
                "td",
                &[
                    ("class", "cm-runs-out"),
                    ("role", "cell"),
                    ("data-label", t.col_runs_out),
                ],
                "",
            ),
        );
        let actions = element(d, "td", &[("class", "cm-actions"), ("role", "cell")], "");
        let edit = element(
            d,
            "a",
            &[
                ("class", "cm-icon-button"),
                (
                    "title",
                    if view_only {
                        t.view_customer
                    } else {
                        t.edit_customer
                    },
                ),
            ],
            "",
        );
        append(
            &edit,
            &icon(d, if view_only { VIEW_ICON } else { EDIT_ICON }),
        );
        append(&actions, &edit);
        append(&row, &actions);

        let resend = resend.then(|| {
            let button = element(
                d,
                "button",
                &[
                    ("type", "button"),
                    ("class", "cm-icon-button"),
                    ("title", t.resend_activation),
                ],
                "",
            );
            append(&button, &icon(d, MAIL_ICON));
            button
        });

        Self {
            row,
            inadequate: element(
                d,
                "span",
                &[("class", "cm-badge cm-badge--danger")],
                t.inadequate_licenses,
            ),
            undeliverable: element(
                d,
                "span",
                &[("class", "cm-badge cm-badge--danger")],
                t.email_undeliverable,
            ),
            note: element(d, "span", &[("class", "cm-usage__note")], ""),
            resend,
            runs_out: RunsOutCell::new(d, t),
            open_named: if view_only {
                t.view_customer_named
            } else {
                t.edit_customer_named
            },
            data_customer_id: js("data-customer-id"),
            href: js("href"),
            aria_label: js("aria-label"),
            title: js("title"),
            max: js("max"),
            low: js("low"),
            high: js("high"),
            value: js("value"),
            domain: js("cm-domain"),
            muted: js("cm-muted"),
            not_registered: js(t.not_registered),
            badge_pending: js("cm-badge cm-badge--pending"),
            badge_active: js("cm-badge cm-badge--active"),
            status_pending: js(status_label(t, CustomerStatus::PendingActivation)),
            status_active: js(status_label(t, CustomerStatus::Active)),
            text_danger: js("cm-text-danger"),
            usage_high: js("cm-usage cm-usage--high"),
            usage_full: js("cm-usage cm-usage--full"),
            nearly_full: js(t.nearly_full),
            storage_full: js(t.storage_full),
            storage_azure: js(storage_type_label(t, StorageType::AzureIreland)),
            storage_finnish_s3: js(storage_type_label(t, StorageType::FinnishS3)),
        }
    }

    /// A deep copy of `proto`.
    fn clone_of(proto: &Element) -> Element {
        el(proto).clone_deep(true)
    }

    /// Appends the `<tr>` of one customer to `tbody`; `edit_href` is where its edit links go.
    pub(super) fn append_row(&self, tbody: &Element, t: &Texts, c: &Customer, edit_href: &str) {
        let tr = Self::clone_of(&self.row);
        el(&tr).set_attr_str(&self.data_customer_id, &c.id);
        let name = c.organization_name.as_str();
        let href = js(edit_href);

        let org = first(&tr);
        let link = first(&org);
        el(&link).set_attr(&self.href, &href);
        el(&link).set_text(name);
        // The full text where a narrow column ends it in an ellipsis.
        el(&link).set_attr_str(&self.title, name);

        let domain_cell = next(&org);
        let domain = first(&domain_cell);
        match &c.domain {
            Some(d) => {
                el(&domain).set_class(&self.domain);
                el(&domain).set_text(d);
                el(&domain).set_attr_str(&self.title, d);
            }
            None => {
                el(&domain).set_class(&self.muted);
                el(&domain).set_text_js(&self.not_registered);
            }
        }

        let status_cell = next(&domain_cell);
        let status = first(&status_cell);
        if c.status == CustomerStatus::PendingActivation {
            el(&status).set_class(&self.badge_pending);
            el(&status).set_text_js(&self.status_pending);
        } else {
            el(&status).set_class(&self.badge_active);
            el(&status).set_text_js(&self.status_active);
        }
        let undeliverable = c.activation_email == ActivationEmail::Undeliverable;
        if undeliverable {
            el(&status_cell).append(&Self::clone_of(&self.undeliverable));
        }

        let licenses_cell = next(&status_cell);
        let licenses = first(&licenses_cell);
        el(&licenses).set_text(&format!(
            "{} / {}",
            format::count(c.licenses_in_use.into()),
            format::count(c.user_licenses.into()),
        ));
        if c.is_over_licenses() {
            el(&licenses).set_class(&self.text_danger);
            el(&licenses_cell).append(&Self::clone_of(&self.inadequate));
        }

        let usage_cell = next(&licenses_cell);
        let usage = first(&usage_cell);
        el(&usage).set_text(&format!(
            "{} / {}",
            format::storage_rounded(c.storage_used_gb),
            format::storage(c.extra_storage_gb)
        ));
        let meter = last(&usage_cell);
        let note = match c.storage_ratio() {
            Some(r) if r >= 1.0 => Some((&self.usage_full, &self.storage_full)),
            Some(r) if r >= domain::STORAGE_WARN_RATIO => {
                Some((&self.usage_high, &self.nearly_full))
            }
            _ => None,
        };
        if let Some((class, text)) = note {
            el(&usage_cell).set_class(class);
            let note = Self::clone_of(&self.note);
            el(&note).set_text_js(text);
            el(&usage_cell).insert_before(&note, &meter);
        }
        el(&meter).set_attr_num(&self.max, c.extra_storage_gb.max(1) as f64);
        el(&meter).set_attr_num(
            &self.low,
            c.extra_storage_gb as f64 * domain::STORAGE_WARN_RATIO,
        );
        el(&meter).set_attr_num(&self.high, c.extra_storage_gb as f64);
        el(&meter).set_attr_num(&self.value, c.storage_used_gb as f64);
        el(&meter).set_attr_str(&self.aria_label, &(t.storage_used_by)(name));

        let type_cell = next(&usage_cell);
        el(&type_cell).set_text_js(match c.storage_type {
            StorageType::AzureIreland => &self.storage_azure,
            StorageType::FinnishS3 => &self.storage_finnish_s3,
        });

        let runs_out_cell = next(&type_cell);
        self.runs_out
            .fill(t, &runs_out_cell, &c.forecast, &c.usage_updated_at);

        let actions = next(&runs_out_cell);
        let edit = first(&actions);
        el(&edit).set_attr(&self.href, &href);
        el(&edit).set_attr_str(&self.aria_label, &(self.open_named)(name));
        if let Some(resend) = &self.resend
            && (c.status == CustomerStatus::PendingActivation || undeliverable)
        {
            let button = Self::clone_of(resend);
            el(&button).set_attr_str(&self.aria_label, &(t.resend_activation_to)(name));
            el(&actions).append(&button);
        }
        el(tbody).append(&tr);
    }
}
