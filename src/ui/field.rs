//! Form field building blocks, modelled on thaw-ui's field API: a [`Field`] renders the visible
//! label (bound by `for`/`id`), the hint and the messages, and provides a [`FieldContext`] from
//! which the control inside it takes its `id`, `aria-invalid` and `aria-describedby`. Views
//! compose a field as `<Field …><TextInput …/></Field>`; no control invents its own ids.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::use_i18n;

/// What a control needs from the field around it. Provided by [`Field`]; read with
/// [`use_field`].
#[derive(Debug, Clone)]
pub struct FieldContext {
    /// The control's id: the label's `for`, and the target of error-summary links.
    pub id: String,
    /// The value for `aria-describedby`: the hint's id (when there is a hint), then the
    /// message area's id.
    pub described_by: String,
    /// The field shows an error, so the control carries `aria-invalid="true"`.
    pub invalid: Signal<bool>,
    /// The field is required (`aria-required="true"`).
    pub required: bool,
}

/// The [`FieldContext`] of the enclosing [`Field`].
///
/// # Panics
/// When the control is not inside a `Field` (a programming error: every control needs a label).
pub fn use_field() -> FieldContext {
    use_context::<FieldContext>().expect("a form control must be placed inside a <Field>")
}

/// The messages a field shows under its control, in this order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldMessages {
    /// Errors: they block saving and mark the control invalid.
    pub errors: Vec<String>,
    /// Warnings: shown, never blocking.
    pub warnings: Vec<String>,
    /// Information, e.g. "Saved as contoso.fi".
    pub notes: Vec<String>,
}

/// The id of the message area of the control `id`.
pub fn message_id(id: &str) -> String {
    format!("{id}-message")
}

/// The id of the hint of the control `id`.
pub fn hint_id(id: &str) -> String {
    format!("{id}-hint")
}

/// A labelled form field: label, hint, the control (children), context next to it and the
/// field's messages. With `group`, it is a `fieldset` whose `legend` labels a group of controls
/// (radio buttons) instead of a `label for`.
#[component]
pub fn Field(
    /// The control's id; also the stem of the hint (`<id>-hint`) and message (`<id>-message`)
    /// ids.
    #[prop(into)]
    id: String,
    /// The visible label, exactly as the user should read it (it is the accessible name); it
    /// follows the language.
    #[prop(into)]
    label: Signal<String>,
    /// Help under the label; read by screen readers together with the control. Its text may
    /// change (the language); whether there is one is decided when the field is created.
    #[prop(optional, into)]
    hint: MaybeProp<String>,
    /// The value must be given: shows a `*` (hidden from the accessible name) and makes the
    /// control `aria-required`.
    #[prop(optional)]
    required: bool,
    /// Errors, warnings and notes to show under the control; errors mark it invalid.
    #[prop(optional, into)]
    messages: Signal<FieldMessages>,
    /// Context shown beside the control, e.g. "212 licenses in use"; also read with it. Its
    /// text may change; whether there is one is decided when the field is created.
    #[prop(optional, into)]
    aside: MaybeProp<String>,
    /// Render a `fieldset`/`legend` for a group of controls (radio buttons) instead of a
    /// `label`.
    #[prop(optional)]
    group: bool,
    /// The control(s); they read their ids from the [`FieldContext`].
    children: Children,
) -> impl IntoView {
    let i = use_i18n();
    let hint_id = hint.with_untracked(Option::is_some).then(|| hint_id(&id));
    // Given at all (its text may change, e.g. usage after a reload of the customer).
    let aside_id = aside
        .with_untracked(Option::is_some)
        .then(|| format!("{id}-aside"));
    let msg_id = message_id(&id);
    let described_by = [hint_id.clone(), aside_id.clone(), Some(msg_id.clone())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    // Memos: a keystroke that changes a message's text leaves the field's validity, and so its
    // class and the control's aria-invalid, untouched.
    let invalid: Signal<bool> = Memo::new(move |_| messages.with(|m| !m.errors.is_empty())).into();
    let has_warning =
        Memo::new(move |_| messages.with(|m| m.errors.is_empty() && !m.warnings.is_empty()));
    provide_context(FieldContext {
        id: id.clone(),
        described_by: described_by.clone(),
        invalid,
        required,
    });

    let marker = required.then(|| {
        view! { <span class="cm-field__required" aria-hidden="true">"*"</span> }
    });
    let hint_view = hint_id.clone().map(|hint_id| {
        view! { <p class="cm-field__hint" id=hint_id>{move || hint.get()}</p> }
    });
    let aside_view = aside_id.clone().map(|aside_id| {
        view! { <p class="cm-field__aside" id=aside_id>{move || aside.get()}</p> }
    });
    // One memo and one list per kind of message: a keystroke that changes the errors leaves the
    // warnings and notes (and their DOM) alone. Each list is rebuilt only when its texts change.
    let kind = move |pick: fn(&FieldMessages) -> &Vec<String>| {
        Memo::new(move |_| messages.with(|m| pick(m).clone()))
    };
    let (errors, warnings, notes) = (
        kind(|m| &m.errors),
        kind(|m| &m.warnings),
        kind(|m| &m.notes),
    );
    let messages_view = view! {
        <div class="cm-field__messages" id=msg_id aria-live="polite">
            {move || errors.get().into_iter().map(|text| view! {
                <p class="cm-field__error"><span class="cm-visually-hidden">{i.t().error_prefix}</span>{text}</p>
            }).collect_view()}
            {move || warnings.get().into_iter().map(|text| view! {
                <p class="cm-field__warning"><span class="cm-visually-hidden">{i.t().warning_prefix}</span>{text}</p>
            }).collect_view()}
            {move || notes.get().into_iter().map(|text| view! { <p class="cm-field__note">{text}</p> }).collect_view()}
        </div>
    };

    if group {
        let legend_id = format!("{id}-legend");
        let labelled_by = legend_id.clone();
        view! {
            <fieldset
                class="cm-field cm-field--group"
                class:cm-field--invalid=move || invalid.get()
                class:cm-field--warning=has_warning
                role="radiogroup"
                aria-labelledby=labelled_by
                aria-describedby=described_by
                aria-invalid=move || invalid.get().to_string()
                aria-required=required.then_some("true")
            >
                <legend class="cm-field__label" id=legend_id>{move || label.get()}{marker}</legend>
                {hint_view}
                <div class="cm-field__control">{children()}</div>
                {aside_view}
                {messages_view}
            </fieldset>
        }
        .into_any()
    } else {
        view! {
            <div
                class="cm-field"
                class:cm-field--invalid=move || invalid.get()
                class:cm-field--warning=has_warning
            >
                <label class="cm-field__label" for=id>{move || label.get()}{marker}</label>
                {hint_view}
                <div class="cm-field__control">{children()}</div>
                {aside_view}
                {messages_view}
            </div>
        }
        .into_any()
    }
}

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
    /// Runs after each edit, once `value` holds the new text.
    #[prop(optional, into)]
    on_input: Option<Callback<()>>,
    /// Runs when the input loses focus (the field is then checked).
    #[prop(optional, into)]
    on_blur: Option<Callback<()>>,
    /// Read-only while saving, so what is sent is what is shown.
    #[prop(optional, into)]
    readonly: Signal<bool>,
) -> impl IntoView {
    let field = use_field();
    let invalid = field.invalid;
    view! {
        <input
            class=format!("cm-input {}", class.unwrap_or_default())
            type=kind.unwrap_or("text")
            id=field.id
            inputmode=inputmode
            autocomplete=autocomplete
            spellcheck="false"
            aria-describedby=field.described_by
            aria-invalid=move || invalid.get().to_string()
            aria-required=field.required.then_some("true")
            readonly=move || readonly.get()
            prop:value=move || value.get()
            on:input:target=move |ev| {
                value.set(ev.target().value());
                if let Some(cb) = on_input {
                    cb.run(());
                }
            }
            on:blur=move |_| {
                if let Some(cb) = on_blur {
                    cb.run(());
                }
            }
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
    /// Runs after each edit of the amount or the unit.
    #[prop(optional, into)]
    on_input: Option<Callback<()>>,
    /// Runs when the amount loses focus (the field is then checked).
    #[prop(optional, into)]
    on_blur: Option<Callback<()>>,
    /// Read-only while saving.
    #[prop(optional, into)]
    readonly: Signal<bool>,
) -> impl IntoView {
    let field = use_field();
    let invalid = field.invalid;
    let unit_id = format!("{}-unit", field.id);
    let changed = move || {
        if let Some(cb) = on_input {
            cb.run(());
        }
    };
    view! {
        <div class="cm-storage-input">
            <input
                class="cm-input cm-input--number"
                type="text"
                inputmode="decimal"
                autocomplete="off"
                id=field.id
                aria-describedby=field.described_by.clone()
                aria-invalid=move || invalid.get().to_string()
                aria-required=field.required.then_some("true")
                readonly=move || readonly.get()
                prop:value=move || value.with(|v| v.amount.clone())
                on:input:target=move |ev| {
                    value.update(|v| v.amount = ev.target().value());
                    changed();
                }
                on:blur=move |_| {
                    if let Some(cb) = on_blur {
                        cb.run(());
                    }
                }
            />
            <select
                class="cm-select"
                id=unit_id
                aria-label=move || unit_label.get()
                aria-describedby=field.described_by
                disabled=move || readonly.get()
                prop:value=move || value.with(|v| v.unit.as_str())
                on:change:target=move |ev| {
                    value.update(|v| v.unit = StorageUnit::from_str(&ev.target().value()));
                    changed();
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
    /// Runs after the user picks an option.
    #[prop(optional, into)]
    on_change: Option<Callback<()>>,
    /// Runs when focus leaves the group (the field is then checked).
    #[prop(optional, into)]
    on_blur: Option<Callback<()>>,
    /// Disabled while saving.
    #[prop(optional, into)]
    readonly: Signal<bool>,
) -> impl IntoView {
    let field = use_field();
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
                            if let Some(cb) = on_change {
                                cb.run(());
                            }
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
                if !inside && let Some(cb) = on_blur {
                    cb.run(());
                }
            }
        >
            {options}
        </div>
    }
}

/// A read-only value beside the editable fields, as a term and its description.
#[component]
pub fn ReadOnlyValue(
    /// What the value is, e.g. "Organization name"; it follows the language.
    #[prop(into)]
    label: Signal<String>,
    /// The value, or what to show instead (e.g. "Not registered").
    children: Children,
) -> impl IntoView {
    view! {
        <div class="cm-readonly__item">
            <dt class="cm-readonly__label">{move || label.get()}</dt>
            <dd class="cm-readonly__value">{children()}</dd>
        </div>
    }
}
