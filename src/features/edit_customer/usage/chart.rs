//! The storage chart: used storage per day against the allocation, the forecast as a dashed
//! line, and the day it runs out marked. Hand-drawn SVG, an image with an accessible name; over
//! it a listbox of the days takes focus: arrow keys (or the pointer) pick a day, which a screen
//! reader reads as the active option and a visible readout shows.

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::data::{BOTTOM, ChartData, HEIGHT, LEFT, RIGHT, TOP, WIDTH};
use super::{day_values, show_date};
use crate::i18n::{Texts, format, use_i18n};
use domain::usage::BYTES_PER_GB;

// The viewBox below is written out.
const _: () = assert!(WIDTH == 600 && HEIGHT == 220);

/// The chart of `data`, with its legend and the chosen day's readout.
#[component]
pub fn StorageChart(data: Arc<ChartData>) -> impl IntoView {
    let i = use_i18n();
    let selected = RwSignal::new(None::<usize>);
    let count = data.days.len();
    let last = count.saturating_sub(1);

    let on_keydown = move |e: ev::KeyboardEvent| {
        let current = selected.get_untracked().unwrap_or(last);
        let next = match e.key().as_str() {
            // A horizontal listbox: Left and Up go back a day, Right and Down forward.
            "ArrowLeft" | "ArrowUp" => current.saturating_sub(1),
            "ArrowRight" | "ArrowDown" => (current + 1).min(last),
            "Home" => 0,
            "End" => last,
            _ => return,
        };
        e.prevent_default();
        selected.set(Some(next));
    };
    let pointer = {
        let data = data.clone();
        move |e: ev::PointerEvent| {
            let Some(plot) = e.current_target() else {
                return;
            };
            let rect = call(&plot, "getBoundingClientRect");
            let width = number(&rect, "width");
            if width.is_nan() || width <= 0.0 {
                return;
            }
            let x = (number(&e, "clientX") - number(&rect, "left")) / width * f64::from(WIDTH);
            selected.set(data.nearest(x));
        }
    };

    // The drawing does not change once shown (but for its words): one string, not a view per
    // line, keeps the Edit chunk small.
    let drawing = {
        let data = data.clone();
        move || static_layer(i.t(), &data)
    };
    // One option per day, read out when active (interactive content cannot sit inside the image).
    let options = {
        let data = data.clone();
        move || {
            let t = i.t();
            let mut out = String::new();
            for (n, d) in data.days.iter().enumerate() {
                out.push_str(&format!(
                    r#"<div role="option" id="cm-chart-day-{n}" class="cm-visually-hidden">{}</div>"#,
                    escape(&day_values(t, d))
                ));
            }
            out
        }
    };
    // The chosen day's guide line and dot, as markup like the drawing.
    let cursor = {
        let data = data.clone();
        move || {
            let Some(d) = selected.get().map(|n| data.days[n]) else {
                return String::new();
            };
            let (x, y) = (data.x(d.day), data.y(d.used_storage_bytes as f64));
            let mut out = String::new();
            line(&mut out, "cm-chart__cursor", (x, TOP, x, HEIGHT - BOTTOM));
            out.push_str(&format!(
                r#"<circle class="cm-chart__point" cx="{x}" cy="{y}" r="5"/>"#
            ));
            out
        }
    };
    // The active option is the selected one (selection follows focus): marked on the option
    // after the options are written, and again when they are rewritten in another language.
    let days = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let _ = i.t();
        let active = format!("cm-chart-day-{}", selected.get().unwrap_or(last));
        let Some(list) = days.get() else {
            return;
        };
        if let Ok(Some(old)) = list.query_selector("[aria-selected]") {
            let _ = old.remove_attribute("aria-selected");
        }
        if let Ok(Some(option)) = list.query_selector(&format!("#{active}")) {
            let _ = option.set_attribute("aria-selected", "true");
        }
    });
    // The legend's keys, as markup like the drawing (the forecast's only when there is one).
    let has_trend = data.trend.is_some();
    let legend = move || {
        let u = &i.t().usage;
        let keys = [
            ("used", u.legend_used),
            ("allocation", u.legend_allocation),
            ("forecast", u.legend_forecast),
        ];
        let mut out = String::new();
        for (key, words) in &keys[..if has_trend { 3 } else { 2 }] {
            out.push_str(r#"<li><span class="cm-chart__key cm-chart__key--"#);
            out.push_str(key);
            out.push_str(r#""></span>"#);
            out.push_str(&escape(words));
            out.push_str("</li>");
        }
        out
    };
    let readout = {
        let data = data.clone();
        move || {
            let d = data.days[selected.get().unwrap_or(last)];
            day_values(i.t(), &d)
        }
    };

    view! {
        <figure class="cm-chart">
            <div class="cm-chart__plot">
                <svg
                    class="cm-chart__svg"
                    viewBox="0 0 600 220"
                    role="img"
                    aria-label=move || i.t().usage.chart_name
                >
                    <g inner_html=drawing></g>
                    <g inner_html=cursor></g>
                </svg>
                <div
                    class="cm-chart__days"
                    role="listbox"
                    aria-orientation="horizontal"
                    tabindex="0"
                    node_ref=days
                    aria-label=move || i.t().usage.table_caption
                    aria-describedby="cm-chart-hint"
                    aria-activedescendant=move || format!("cm-chart-day-{}", selected.get().unwrap_or(last))
                    on:keydown=on_keydown
                    on:focus=move |_| if selected.get_untracked().is_none() { selected.set(Some(last)) }
                    on:pointermove=pointer
                    inner_html=options
                ></div>
            </div>
            <figcaption>
                <ul class="cm-chart__legend" inner_html=legend></ul>
                // Seen, not announced: the active option already says the same.
                <p id="cm-chart-readout" class="cm-chart__readout">{readout}</p>
                <p id="cm-chart-hint" class="cm-muted">{move || i.t().usage.chart_hint}</p>
            </figcaption>
        </figure>
    }
}

// The pointer's place is read through `Reflect` (already in the app's JS): web-sys's own methods
// for it would each add glue to the JS every page loads first, for this view alone.

/// A number property of a DOM object (`NaN` when it has none).
fn number(object: &JsValue, name: &str) -> f64 {
    js_sys::Reflect::get(object, &JsValue::from_str(name))
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(f64::NAN)
}

/// What a DOM object's method `name` returns when called without arguments.
fn call(object: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(name))
        .ok()
        .filter(JsValue::is_function)
        .and_then(|f| f.unchecked_into::<js_sys::Function>().call0(object).ok())
        .unwrap_or_default()
}

/// Text for the chart's markup, the drawing and the day options (the words and numbers are the
/// app's own; escaped all the same). Element text only: quotes are left as they are, so never an
/// attribute value.
pub(super) fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;")
}

/// A line of the drawing.
fn line(out: &mut String, class: &str, (x1, y1, x2, y2): (i32, i32, i32, i32)) {
    out.push_str(&format!(
        r#"<line class="{class}" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"/>"#
    ));
}

/// A label of the drawing; `anchor` is `start` or `end`.
fn label(out: &mut String, class: &str, (x, y): (i32, i32), anchor: &str, text: &str) {
    out.push_str(&format!(
        r#"<text class="cm-chart__label {class}" x="{x}" y="{y}" text-anchor="{anchor}">{}</text>"#,
        escape(text)
    ));
}

/// The chart's drawing as SVG markup: grid with its amounts, dates, the allocation, used storage,
/// the forecast and the day it runs out.
fn static_layer(t: &Texts, data: &ChartData) -> String {
    let mut out = String::new();
    let bottom = HEIGHT - BOTTOM;
    for gb in data.y_ticks() {
        let y = data.y(gb as f64 * BYTES_PER_GB as f64);
        line(&mut out, "cm-chart__grid", (LEFT, y, WIDTH - RIGHT, y));
        label(
            &mut out,
            "",
            (LEFT - 6, y + 4),
            "end",
            &format::storage_rounded(gb),
        );
    }
    line(
        &mut out,
        "cm-chart__axis",
        (LEFT, bottom, WIDTH - RIGHT, bottom),
    );
    let (first, last) = (data.first_day.max(data.days[0].day), data.last_day());
    label(
        &mut out,
        "",
        (data.x(first), bottom + 18),
        "start",
        &show_date(t, first),
    );
    if last != first {
        label(
            &mut out,
            "",
            (data.x(last), bottom + 18),
            "end",
            &show_date(t, last),
        );
    }
    let allocation = data.y(data.allocation);
    line(
        &mut out,
        "cm-chart__allocation",
        (LEFT, allocation, WIDTH - RIGHT, allocation),
    );
    out.push_str(&format!(
        r#"<polyline class="cm-chart__used" points="{}"/>"#,
        data.used_points()
    ));
    if let Some(forecast) = data.forecast_line() {
        line(&mut out, "cm-chart__forecast", forecast);
    }
    if let Some(day) = data.crossing {
        let x = data.x(day);
        line(&mut out, "cm-chart__crossing", (x, TOP, x, bottom));
        out.push_str(&format!(
            r#"<circle class="cm-chart__crossing-dot" cx="{x}" cy="{allocation}" r="5"/>"#
        ));
        label(
            &mut out,
            "cm-chart__label--strong",
            (x - 6, TOP + 12),
            "end",
            t.usage.runs_out_marker,
        );
    }
    out
}
