//! The controls that go inside a [`super::field::Field`]: text input, storage amount with its
//! unit, radio group. Each takes its id, ARIA state, `readonly` and what to run on an edit or on
//! leaving from the field around it.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::field::use_field;

/// A one-line text input bound to a signal, inside a [`Field`].
#[component]
pub fn TextInput(
    /// The text; updated on every keystroke.
    value: RwSignal<String>,
    /// The input's `type`: `text` (default), `email`, …
    #[prop(optional)]
    kind: Option<&'static str>,
    /// The `inputmode` hint for on-screen keyboards, e.g. `numeric` or `decimal`.
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// The `autocomplete` token (`organization`, `off`, …).
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// Extra classes, e.g. a width modifier.
    #[prop(optional)]
    class: Option<&'static str>,
) -> impl IntoView {
    let field = use_field();
    let events = field.events;
    view! {
        <input
            class=format!("cm-input {}", class.unwrap_or_default())
            type=kind.unwrap_or("text")
            inputmode=inputmode
            autocomplete=autocomplete
            spellcheck="false"
            {..field.control_attrs()}
            prop:value=move || value.get()
            on:input:target=move |ev| {
                value.set(ev.target().value());
                events.input();
            }
            on:blur=move |_| events.blur()
        />
    }
}

/// A unit for Extra Storage as the form offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StorageUnit {
    /// Gigabytes (the default).
    #[default]
    Gb,
    /// Terabytes (1 TB = 1000 GB).
    Tb,
}

impl StorageUnit {
    /// The unit as typed after a number ("GB", "TB"), which `domain::parse_storage` reads.
    pub fn as_str(self) -> &'static str {
        match self {
            StorageUnit::Gb => "GB",
            StorageUnit::Tb => "TB",
        }
    }

    fn from_str(s: &str) -> Self {
        if s.eq_ignore_ascii_case("TB") {
            StorageUnit::Tb
        } else {
            StorageUnit::Gb
        }
    }
}

/// Extra Storage as typed: the amount and its unit. `domain::parse_storage` checks the text
/// [`StorageAmount::as_text`] builds, so the browser and the server read it the same way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StorageAmount {
    /// The number as typed ("1.5", "1 000", "1,5").
    pub amount: String,
    /// The chosen unit.
    pub unit: StorageUnit,
}

impl StorageAmount {
    /// The text the domain rules parse: "" when nothing is typed, else "<amount> <unit>".
    pub fn as_text(&self) -> String {
        let amount = self.amount.trim();
        if amount.is_empty() {
            String::new()
        } else {
            format!("{amount} {}", self.unit.as_str())
        }
    }

    /// Splits a formatted size ("2 TB", "750 GB", from `domain::format_storage`) into amount and
    /// unit, for a form showing a stored value.
    pub fn from_formatted(text: &str) -> Self {
        match text.rsplit_once(' ') {
            Some((amount, unit)) => StorageAmount {
                amount: amount.to_owned(),
                unit: StorageUnit::from_str(unit),
            },
            None => StorageAmount {
                amount: text.to_owned(),
                unit: StorageUnit::Gb,
            },
        }
    }
}

/// A number plus a GB/TB unit select, inside a [`Field`]; the unit select has its own
/// accessible name ("<label> unit").
#[component]
pub fn StorageInput(
    /// The amount and unit; updated on every keystroke and unit change.
    value: RwSignal<StorageAmount>,
    /// The accessible name of the unit select, e.g. "Extra Storage unit".
    #[prop(into)]
    unit_label: Signal<String>,
) -> impl IntoView {
    let field = use_field();
    let (events, readonly) = (field.events, field.readonly);
    let unit_id = format!("{}-unit", field.id);
    let described_by = field.described_by.clone();
    view! {
        <div class="cm-storage-input">
            <input
                class="cm-input cm-input--number"
                type="text"
                inputmode="decimal"
                autocomplete="off"
                {..field.control_attrs()}
                prop:value=move || value.with(|v| v.amount.clone())
                on:input:target=move |ev| {
                    value.update(|v| v.amount = ev.target().value());
                    events.input();
                }
                on:blur=move |_| events.blur()
            />
            <select
                class="cm-select"
                id=unit_id
                aria-label=move || unit_label.get()
                aria-describedby=described_by
                disabled=move || readonly.get()
                prop:value=move || value.with(|v| v.unit.as_str())
                on:change:target=move |ev| {
                    value.update(|v| v.unit = StorageUnit::from_str(&ev.target().value()));
                    events.input();
                }
            >
                <option value=StorageUnit::Gb.as_str()>{StorageUnit::Gb.as_str()}</option>
                <option value=StorageUnit::Tb.as_str()>{StorageUnit::Tb.as_str()}</option>
            </select>
        </div>
    }
}

/// Radio buttons for one choice, inside a `<Field group=true>`; nothing is preselected unless
/// `value` holds a choice. The first radio gets the field's id (error-summary links focus it).
#[component]
pub fn RadioGroup(
    /// The chosen option's value, `None` until the user picks one.
    value: RwSignal<Option<String>>,
    /// `(value, label)` of each option, in order; labels follow the language.
    options: Vec<(&'static str, Signal<String>)>,
) -> impl IntoView {
    let field = use_field();
    let (events, readonly) = (field.events, field.readonly);
    let name = field.id.clone();
    let options = options
        .into_iter()
        .enumerate()
        .map(|(i, (option, label))| {
            let id = if i == 0 {
                field.id.clone()
            } else {
                format!("{}-{option}", field.id)
            };
            let label_for = id.clone();
            view! {
                <label class="cm-radio" for=label_for>
                    <input
                        type="radio"
                        id=id
                        name=name.clone()
                        value=option
                        disabled=move || readonly.get()
                        prop:checked=move || value.with(|v| v.as_deref() == Some(option))
                        on:change=move |_| {
                            value.set(Some(option.to_owned()));
                            // A pick is a whole answer: it is checked at once, as if left.
                            events.input();
                            events.blur();
                        }
                    />
                    <span>{move || label.get()}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <div
            class="cm-radio-group"
            on:focusout=move |ev: web_sys::FocusEvent| {
                // Only when focus leaves the whole group, not when it moves between radios.
                let node = |t: Option<web_sys::EventTarget>| t.and_then(|t| t.dyn_into::<web_sys::Node>().ok());
                let inside = node(ev.related_target())
                    .zip(node(ev.current_target()))
                    .is_some_and(|(to, group)| group.contains(Some(&to)));
                if !inside {
                    events.blur();
                }
            }
        >
            {options}
        </div>
    }
}
