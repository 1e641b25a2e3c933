//! Notify Users as chips: typing `;` or `,`, pressing Enter, pasting a list or leaving the input
//! turns the text into one chip per address. Invalid addresses stay as marked chips that can be
//! edited; every chip can be removed. Splitting and checking are `domain::split_emails` and
//! `domain::check_email`, the rules the server applies.

use leptos::prelude::*;

use super::field::use_field;
use crate::i18n::use_i18n;

/// The remove button's visible mark (its accessible name says what it does).
const REMOVE_GLYPH: &str = "×";

/// Characters that end an address while typing.
const SEPARATORS: [char; 3] = [';', ',', '\n'];

/// The addresses in `text` appended to `chips`, skipping ones already there (any case).
pub(crate) fn add_chips(chips: &mut Vec<String>, text: &str) {
    for address in domain::split_emails(text) {
        if !chips.iter().any(|c| c.eq_ignore_ascii_case(&address)) {
            chips.push(address);
        }
    }
}

/// The address input with its chips, inside a [`super::Field`] (the input takes the field's id).
#[component]
pub fn EmailChips(
    /// The addresses turned into chips, in the order they were entered.
    chips: RwSignal<Vec<String>>,
    /// What is typed after the last chip (not yet a chip).
    pending: RwSignal<String>,
) -> impl IntoView {
    let i = use_i18n();
    let field = use_field();
    let (invalid, readonly, events) = (field.invalid, field.readonly, field.events);
    let input_ref = NodeRef::<leptos::html::Input>::new();
    // Every change to the chips or the typed text; leaving runs after the text became chips.
    let changed = move || events.input();
    let focus_input = move || {
        if let Some(input) = input_ref.get_untracked() {
            let _ = input.focus();
        }
    };
    // Everything typed becomes chips.
    let commit = move || {
        let text = pending.get_untracked();
        if !text.trim().is_empty() {
            chips.update(|c| add_chips(c, &text));
        }
        pending.set(String::new());
    };
    let edit = move |index: usize| {
        commit();
        let mut address = None;
        chips.update(|c| {
            if index < c.len() {
                address = Some(c.remove(index));
            }
        });
        if let Some(address) = address {
            pending.set(address);
        }
        changed();
        focus_input();
    };
    let remove = move |index: usize| {
        chips.update(|c| {
            if index < c.len() {
                c.remove(index);
            }
        });
        changed();
        focus_input();
    };

    let chip_views = move || {
        chips
            .get()
            .into_iter()
            .enumerate()
            .map(|(index, address)| {
                let bad = domain::check_email(&address).is_err();
                let edit_label = {
                    let address = address.clone();
                    move || (i.t().chip_edit_invalid)(&address)
                };
                let remove_label = {
                    let address = address.clone();
                    move || (i.t().chip_remove)(&address)
                };
                let text = if bad {
                    view! {
                        <button
                            type="button"
                            class="cm-chip__text"
                            aria-label=edit_label
                            disabled=move || readonly.get()
                            on:click=move |_| edit(index)
                        >
                            {address.clone()}
                        </button>
                    }
                    .into_any()
                } else {
                    view! { <span class="cm-chip__text">{address.clone()}</span> }.into_any()
                };
                view! {
                    <li class="cm-chip" class:cm-chip--invalid=bad>
                        {text}
                        <button
                            type="button"
                            class="cm-chip__remove"
                            aria-label=remove_label
                            disabled=move || readonly.get()
                            on:click=move |_| remove(index)
                        >
                            {REMOVE_GLYPH}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };

    view! {
        <div class="cm-chips" class:cm-chips--invalid=move || invalid.get()>
            <ul class="cm-chips__list" aria-label=move || i.t().chips_label hidden=move || chips.with(Vec::is_empty)>
                {chip_views}
            </ul>
            <input
                node_ref=input_ref
                class="cm-chips__input"
                type="text"
                inputmode="email"
                autocomplete="off"
                spellcheck="false"
                {..field.control_attrs()}
                prop:value=move || pending.get()
                on:input:target=move |ev| {
                    let value = ev.target().value();
                    match value.rfind(SEPARATORS) {
                        Some(at) => {
                            let (done, rest) = value.split_at(at);
                            chips.update(|c| add_chips(c, done));
                            // `rest` starts with the separator itself.
                            pending.set(rest[1..].trim_start().to_owned());
                        }
                        None => pending.set(value),
                    }
                    changed();
                }
                on:keydown=move |ev: web_sys::KeyboardEvent| {
                    match ev.key().as_str() {
                        "Enter" if !pending.get_untracked().trim().is_empty() => {
                            ev.prevent_default();
                            commit();
                            changed();
                        }
                        "Backspace" if pending.with_untracked(String::is_empty) => {
                            let last = chips.with_untracked(Vec::len).checked_sub(1);
                            if let Some(last) = last {
                                ev.prevent_default();
                                edit(last);
                            }
                        }
                        _ => {}
                    }
                }
                on:paste=move |ev: web_sys::ClipboardEvent| {
                    let pasted = ev.clipboard_data().and_then(|d| d.get_data("text").ok());
                    if let Some(pasted) = pasted.filter(|p| !p.trim().is_empty()) {
                        ev.prevent_default();
                        let text = format!("{}{}", pending.get_untracked(), pasted);
                        chips.update(|c| add_chips(c, &text));
                        pending.set(String::new());
                        changed();
                    }
                }
                on:blur=move |_| {
                    if !pending.get_untracked().trim().is_empty() {
                        commit();
                        changed();
                    }
                    events.blur();
                }
            />
        </div>
    }
}
