//! The Edit customer view's usage panel: the storage chart (or the same days as a table), used
//! storage and active users against the allocation, and when each runs out. The page loads the
//! history; this renders its states (loading, failed with Retry, no samples, too few for a
//! forecast).

mod chart;
mod data;

use std::sync::Arc;

use domain::usage::{
    BYTES_PER_GB, CustomerUsage, DailyUsage, MIN_HISTORY_SAMPLES, RunsOut, civil_date,
};
use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{Texts, api_error, fill, format, use_i18n};
use chart::{StorageChart, escape};
use data::ChartData;

/// A day number as the user reads dates ("12 Nov 2026", "12.11.2026").
fn show_date(t: &Texts, day: i32) -> String {
    let (year, month, day_of_month) = civil_date(day);
    let month = t.usage.months[month.clamp(1, 12) - 1];
    fill(
        t.usage.date,
        &[&day_of_month.to_string(), month, &year.to_string()],
    )
}

/// Bytes as a measured amount ("1.4 TB", "512 GB").
fn show_bytes(bytes: u64) -> String {
    format::storage_rounded(bytes / BYTES_PER_GB)
}

/// A count of active users in words: "41 active users", "1 active user".
fn active_users(t: &Texts, users: u32) -> String {
    if users == 1 {
        t.usage.active_users_one.to_owned()
    } else {
        fill(t.usage.active_users, &[&format::count(users.into())])
    }
}

/// One day's values: "12 Nov 2026: 1.4 TB used, 41 active users".
fn day_values(t: &Texts, d: &DailyUsage) -> String {
    fill(
        t.usage.day_values,
        &[
            &show_date(t, d.day),
            &show_bytes(d.used_storage_bytes),
            &active_users(t, d.active_users),
        ],
    )
}

/// "… runs out in 12 days (10 Dec 2026)": `templates` for one day and for more.
fn in_days(t: &Texts, templates: [&str; 2], days: u16, last_day: i32) -> String {
    let template = templates[usize::from(days != 1)];
    let date = show_date(t, last_day + i32::from(days));
    fill(template, &[&days.to_string(), &date])
}

/// When storage runs out, in words; `None` when the history is too short to tell.
fn storage_outlook(t: &Texts, runs_out: RunsOut, last_day: i32) -> Option<String> {
    Some(match runs_out {
        RunsOut::InDays { days } => in_days(
            t,
            [t.usage.storage_runs_out_in_one, t.usage.storage_runs_out_in],
            days,
            last_day,
        ),
        RunsOut::Now => t.usage.storage_full.to_owned(),
        RunsOut::NotGrowing => t.usage.storage_not_growing.to_owned(),
        RunsOut::Beyond365 => t.usage.storage_beyond_year.to_owned(),
        RunsOut::NotEnoughHistory => return None,
    })
}

/// When licenses run out, in words; `None` when the history is too short to tell.
fn licenses_outlook(t: &Texts, runs_out: RunsOut, last_day: i32) -> Option<String> {
    Some(match runs_out {
        RunsOut::InDays { days } => in_days(
            t,
            [t.usage.licenses_run_out_in_one, t.usage.licenses_run_out_in],
            days,
            last_day,
        ),
        RunsOut::Now => t.usage.licenses_exceeded.to_owned(),
        RunsOut::NotGrowing => t.usage.licenses_not_growing.to_owned(),
        RunsOut::Beyond365 => t.usage.licenses_beyond_year.to_owned(),
        RunsOut::NotEnoughHistory => return None,
    })
}

/// The usage panel: a heading and the history's state.
#[component]
pub fn UsagePanel(
    /// The customer's usage history as the page loads it (`None` while it loads).
    #[prop(into)]
    usage: Signal<Option<Result<CustomerUsage, ApiError>>>,
    /// Loads the history again.
    #[prop(into)]
    on_retry: Callback<()>,
) -> impl IntoView {
    let i = use_i18n();
    view! {
        <section class="cm-usage-panel" aria-labelledby="cm-usage-title">
            <h2 id="cm-usage-title">{move || i.t().usage.title}</h2>
            {move || match usage.get() {
                None => view! { <p class="cm-muted" role="status">{move || i.t().usage.loading}</p> }.into_any(),
                Some(Ok(usage)) => view! { <UsageView usage/> }.into_any(),
                Some(Err(e)) => view! {
                    <div class="cm-usage-panel__failed" role="alert">
                        <p>{move || fill(i.t().usage.failed, &[&api_error(i.t(), &e)])}</p>
                        <button type="button" class="cm-button" on:click=move |_| on_retry.run(())>
                            {move || i.t().retry}
                        </button>
                    </div>
                }.into_any(),
            }}
        </section>
    }
}

/// A loaded history: the chart or table, and the figures.
#[component]
fn UsageView(usage: CustomerUsage) -> impl IntoView {
    let i = use_i18n();
    let Some(data) = ChartData::new(&usage).map(Arc::new) else {
        return view! { <p class="cm-muted">{move || i.t().usage.no_samples}</p> }.into_any();
    };
    let as_table = RwSignal::new(false);
    let latest = *data.days.last().expect("a chart has a day");
    let last_day = latest.day;
    let few = data.not_enough_history().then_some(data.window_samples);
    let forecast = usage.forecast;
    let (allocation, licenses) = (usage.extra_storage_gb, usage.user_licenses);
    let figures = move || {
        let t = i.t();
        let storage = [
            Some(fill(
                t.usage.storage_of,
                &[
                    &show_bytes(latest.used_storage_bytes),
                    &format::storage(allocation),
                ],
            )),
            storage_outlook(t, forecast.storage, last_day),
        ];
        let people = [
            Some(fill(
                if licenses == 1 {
                    t.usage.users_of_one
                } else {
                    t.usage.users_of
                },
                &[
                    &active_users(t, latest.active_users),
                    &format::count(licenses.into()),
                ],
            )),
            licenses_outlook(t, forecast.licenses, last_day),
        ];
        // Two items as markup (the app's own words and numbers): no view per item.
        let mut out = String::new();
        for parts in [storage, people] {
            out.push_str("<li>");
            out.push_str(&escape(
                &parts.into_iter().flatten().collect::<Vec<_>>().join(" "),
            ));
            out.push_str("</li>");
        }
        out
    };
    let chart_or_table = {
        let data = data.clone();
        move || {
            if as_table.get() {
                view! { <UsageTable days=data.days.clone()/> }.into_any()
            } else {
                view! { <StorageChart data=data.clone()/> }.into_any()
            }
        }
    };
    view! {
        <ul class="cm-usage-panel__figures" inner_html=figures></ul>
        {few.map(|have| view! {
            <p class="cm-usage-panel__note">{move || {
                let u = &i.t().usage;
                let template = if have == 1 { u.not_enough_history_one } else { u.not_enough_history };
                fill(template, &[&have.to_string(), &MIN_HISTORY_SAMPLES.to_string()])
            }}</p>
        })}
        <button
            type="button"
            class="cm-button cm-usage-panel__toggle"
            aria-pressed=move || as_table.get().to_string()
            on:click=move |_| as_table.update(|t| *t = !*t)
        >
            {move || i.t().usage.show_table}
        </button>
        {chart_or_table}
    }
    .into_any()
}

/// The chart's days as a table, newest first.
#[component]
fn UsageTable(days: Vec<DailyUsage>) -> impl IntoView {
    let i = use_i18n();
    // The whole table as markup (the app's own words, dates and numbers): one string, not a
    // view per row or cell, keeps the Edit chunk small.
    let table = move || {
        let t = i.t();
        let u = &t.usage;
        let mut out = String::from(r#"<caption class="cm-visually-hidden">"#);
        out.push_str(&escape(u.table_caption));
        out.push_str(r#"</caption><thead><tr><th scope="col">"#);
        out.push_str(&escape(u.col_date));
        out.push_str(r#"</th><th scope="col" class="cm-num">"#);
        out.push_str(&escape(u.col_used));
        out.push_str(r#"</th><th scope="col" class="cm-num">"#);
        out.push_str(&escape(u.col_users));
        out.push_str("</th></tr></thead><tbody>");
        for d in days.iter().rev() {
            out.push_str(r#"<tr><th scope="row">"#);
            out.push_str(&escape(&show_date(t, d.day)));
            out.push_str(r#"</th><td class="cm-num">"#);
            out.push_str(&escape(&show_bytes(d.used_storage_bytes)));
            out.push_str(r#"</td><td class="cm-num">"#);
            out.push_str(&escape(&format::count(d.active_users.into())));
            out.push_str("</td></tr>");
        }
        out.push_str("</tbody>");
        out
    };
    view! {
        <div class="cm-table-wrap">
            <table class="cm-table cm-usage-panel__table" inner_html=table></table>
        </div>
    }
}
