//! The "Runs out" cell: when the sooner of storage and licenses runs out, its date shown on hover
//! and keyboard focus (and read by screen readers with the rest), or "–" without a forecast.

use domain::usage::RUNS_OUT_SOON_DAYS;
use domain::{Forecast, RunsOut};
use leptos::prelude::*;
use leptos::web_sys::{Document, Element, EventTarget};
use wasm_bindgen::prelude::*;

use super::dom::*;

use crate::i18n::{Texts, format};

/// Which allocation runs out first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum What {
    Storage,
    Licenses,
    /// Both on the same day.
    Both,
}

/// The sooner of a customer's two forecasts that falls within the horizon (or is already over),
/// and which allocation it is; `None` when neither runs out within a year.
pub(super) fn soonest(f: &Forecast) -> Option<(What, RunsOut)> {
    match (f.storage.days(), f.licenses.days()) {
        (Some(s), Some(l)) if s == l => Some((What::Both, f.storage)),
        (Some(s), Some(l)) if l < s => Some((What::Licenses, f.licenses)),
        (Some(_), _) => Some((What::Storage, f.storage)),
        (None, Some(_)) => Some((What::Licenses, f.licenses)),
        (None, None) => None,
    }
}

/// The cell's prototypes and constant strings for one table.
pub(super) struct RunsOutCell {
    when: Element,
    none: Element,
    storage: JsValue,
    licenses: JsValue,
    both: JsValue,
    now: JsValue,
    when_now: JsValue,
    when_soon: JsValue,
}

impl RunsOutCell {
    /// `<span class="cm-runs-out__when" tabindex="0"><span …__what/> <span …__in/> <span
    /// …__date/></span>`: focusable so that keyboard users get the date too (style:
    /// cells.css). And `<span class="cm-muted"><span aria-hidden>–</span><span hidden
    /// text>No forecast</span></span>`.
    pub(super) fn new(d: &Document, t: &Texts) -> Self {
        let when = element(
            d,
            "span",
            &[("class", "cm-runs-out__when"), ("tabindex", "0")],
            "",
        );
        for (i, class) in ["cm-runs-out__what", "cm-runs-out__in", "cm-runs-out__date"]
            .into_iter()
            .enumerate()
        {
            if i > 0 {
                // A space, so the parts read as words to screen readers and in copied text.
                when.insert_adjacent_text("beforeend", " ")
                    .expect("valid position");
            }
            append(&when, &element(d, "span", &[("class", class)], ""));
        }
        let none = element(d, "span", &[("class", "cm-muted")], "");
        append(&none, &element(d, "span", &[("aria-hidden", "true")], "–"));
        append(
            &none,
            &element(d, "span", &[("class", "cm-visually-hidden")], t.no_forecast),
        );
        Self {
            when,
            none,
            storage: js(t.runs_out_storage),
            licenses: js(t.runs_out_licenses),
            both: js(t.runs_out_both),
            now: js(t.runs_out_now),
            when_now: js("cm-runs-out__when cm-runs-out__when--now"),
            when_soon: js("cm-runs-out__when cm-runs-out__when--soon"),
        }
    }

    /// Fills `cell` for a customer with this forecast, as of its usage timestamp `usage_at`.
    pub(super) fn fill(&self, t: &Texts, cell: &Element, forecast: &Forecast, usage_at: &str) {
        let Some((what, runs_out)) = soonest(forecast) else {
            el(cell).append(&el(&self.none).clone_deep(true));
            return;
        };
        let when = el(&self.when).clone_deep(true);
        let what_el = first(&when);
        el(&what_el).set_text_js(match what {
            What::Storage => &self.storage,
            What::Licenses => &self.licenses,
            What::Both => &self.both,
        });
        let in_el = next(&what_el);
        let date_el = next(&in_el);
        let days = runs_out.days().unwrap_or(0);
        let date = format::date_after(t, usage_at, days);
        if days == 0 {
            el(&when).set_class(&self.when_now);
            el(&in_el).set_text_js(&self.now);
            if let Some(date) = date {
                el(&date_el).set_text(&(t.runs_out_as_of)(&date));
            }
        } else {
            if days <= RUNS_OUT_SOON_DAYS {
                el(&when).set_class(&self.when_soon);
            }
            el(&in_el).set_text(&(t.runs_out_in_days)(days));
            if let Some(date) = date {
                el(&date_el).set_text(&(t.runs_out_on)(&date));
            }
        }
        el(cell).append(&when);
    }
}

/// The attribute that keeps a forecast's date hidden after Escape (style: cells.css).
const DISMISSED: &str = "data-dismissed";

/// Escape hides the date shown on hover or focus until the pointer or focus leaves that
/// forecast (WCAG 1.4.13): a window listener, as a hovered cell does not get the key.
pub(super) fn dismiss_dates_on_escape(tbody: NodeRef<leptos::html::Tbody>) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        let Some(tbody) = tbody.get_untracked().filter(|_| ev.key() == "Escape") else {
            return;
        };
        let selector = ".cm-runs-out__when:hover, .cm-runs-out__when:focus";
        let Ok(shown) = tbody.query_selector_all(selector) else {
            return;
        };
        for i in 0..shown.length() {
            if let Some(when) = shown.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                let _ = when.set_attribute(DISMISSED, "");
            }
        }
    });
    on_cleanup(move || handle.remove());
}

/// A `mouseout` or `focusout` in the rows: leaving a dismissed forecast (for a place outside it)
/// lets its date show again next time, unless it is still `held` (`:focus` after the pointer
/// left, `:hover` after focus left).
pub(super) fn undismiss_on_leave(target: Option<EventTarget>, to: Option<EventTarget>, held: &str) {
    let Some(when) = target
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|t| {
            t.closest(".cm-runs-out__when[data-dismissed]")
                .ok()
                .flatten()
        })
    else {
        return;
    };
    let to = to.and_then(|t| t.dyn_into::<leptos::web_sys::Node>().ok());
    if !when.contains(to.as_ref()) && !when.matches(held).unwrap_or(false) {
        let _ = when.remove_attribute(DISMISSED);
    }
}
