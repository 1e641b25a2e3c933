//! The labelled field, modelled on thaw-ui's field API: a [`Field`] renders the visible label
//! (bound by `for`/`id`), the hint and the messages, and provides a [`FieldContext`] from which
//! the control inside it (`super::inputs`) takes its `id`, `aria-invalid`, `aria-describedby`,
//! `readonly` and what to run on an edit. Views compose `<Field …><TextInput …/></Field>`; no
//! control invents ids.

use leptos::attr::Attribute;
use leptos::prelude::*;

use crate::i18n::use_i18n;

/// What a control needs from the field around it. Provided by [`Field`]; read with
/// [`use_field`].
#[derive(Clone)]
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
    /// Read-only while saving, so what is sent is what is shown.
    pub readonly: Signal<bool>,
    /// What the control reports: an edit, and leaving it.
    pub events: FieldEvents,
}

impl FieldContext {
    /// The attributes that tie a control to its field: id, description, validity, required
    /// state, and `readonly` while saving.
    pub(crate) fn control_attrs(self) -> impl Attribute {
        let (invalid, readonly) = (self.invalid, self.readonly);
        view! {
            <{..}
                id=self.id
                aria-describedby=self.described_by
                aria-invalid=move || invalid.get().to_string()
                aria-required=self.required.then_some("true")
                readonly=move || readonly.get()
            />
        }
    }
}

/// What a field runs when its control is edited or left (the owner's checks).
#[derive(Clone, Copy, Default)]
pub struct FieldEvents {
    on_input: Option<Callback<()>>,
    on_blur: Option<Callback<()>>,
}

impl FieldEvents {
    /// The control's value changed (after the new value is stored).
    pub fn input(self) {
        if let Some(callback) = self.on_input {
            callback.run(());
        }
    }

    /// The control lost focus (for a group: focus left the whole group), or a radio was picked
    /// (a pick is a whole answer).
    pub fn blur(self) {
        if let Some(callback) = self.on_blur {
            callback.run(());
        }
    }
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
    /// Read-only while saving; the control takes it from the field.
    #[prop(optional, into)]
    readonly: Signal<bool>,
    /// Runs after each edit of the control, once its value holds the edit.
    #[prop(optional, into)]
    on_input: Option<Callback<()>>,
    /// Runs when the control loses focus, or a radio is picked (the field is then checked).
    #[prop(optional, into)]
    on_blur: Option<Callback<()>>,
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
        readonly,
        events: FieldEvents { on_input, on_blur },
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
