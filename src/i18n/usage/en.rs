//! English texts of the usage panel.

use super::UsageTexts;

pub static TEXTS: UsageTexts = UsageTexts {
    title: "Usage",
    chart_name: "Storage used over the last 90 days",
    loading: "Loading usage…",
    failed: |why| format!("Usage could not be loaded: {why}"),
    no_samples: "No usage has been reported for this customer yet.",
    not_enough_history: |have, need| match have {
        1 => format!("Only 1 day of usage so far: the forecast needs {need} days."),
        _ => format!("Only {have} days of usage so far: the forecast needs {need} days."),
    },
    show_table: "Show as table",
    table_caption: "Storage used and active users per day",
    col_date: "Date",
    col_used: "Storage used",
    col_users: "Active users",
    legend_used: "Used",
    legend_allocation: "Allocation (Extra Storage)",
    legend_forecast: "Forecast",
    runs_out_marker: "Runs out",
    chart_hint: "Use the arrow keys to read each day.",
    day_values: |date, used, users| format!("{date}: {used} used, {users} active users"),
    date: |day, month, year| {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        format!("{day} {} {year}", MONTHS[month as usize % 12])
    },
    storage_of: |used, total| format!("{used} of {total} used"),
    users_of: |n, users, licenses| match n {
        1 => format!("1 active user of {licenses} licenses"),
        _ => format!("{users} active users of {licenses} licenses"),
    },
    storage_runs_out_in: |days, date| match days {
        1 => format!("Storage runs out in 1 day ({date})."),
        _ => format!("Storage runs out in {days} days ({date})."),
    },
    storage_full: "Storage is already full.",
    storage_not_growing: "Storage use is not growing.",
    storage_beyond_year: "Storage lasts more than a year at this trend.",
    licenses_run_out_in: |days, date| match days {
        1 => format!("Licenses run out in 1 day ({date})."),
        _ => format!("Licenses run out in {days} days ({date})."),
    },
    licenses_exceeded: "More users are active than there are licenses.",
    licenses_not_growing: "Active users are not growing.",
    licenses_beyond_year: "Licenses last more than a year at this trend.",
    suggest: "Suggest",
    suggest_hint: "Fills in Extra Storage that lasts 90 days at the current trend and User Licenses for today’s active users + 10 %. Nothing is saved until you save.",
    suggested: |storage, licenses| {
        format!("Suggested Extra Storage {storage} and User Licenses {licenses}. Review, then save.")
    },
};
