//! Choosing the file: a file input, a drop zone, a paste box and the template. A file the
//! import refuses as a whole is explained in an alert and creates nothing.

use domain::import::{IMPORT_MAX_BYTES, Language, read_import, template_csv};
use domain::{Code, Field, Issue};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::ImportState;
use crate::context::Locale;
use crate::i18n::use_i18n;

/// Why the last file or text could not be used.
#[derive(Debug, Clone, PartialEq)]
enum Refusal {
    /// The import's own findings about the file as a whole.
    Issues(Vec<Issue>),
    /// The browser could not read the file.
    Unreadable,
}

/// The template in the language the user reads, as a spreadsheet in that language wants it.
fn template_language(locale: Locale) -> Language {
    match locale {
        Locale::En => Language::En,
        Locale::Fi => Language::Fi,
    }
}

/// Reads `bytes` (a file or pasted text) into the state, or says why not.
fn take(
    state: ImportState,
    refusal: RwSignal<Option<Refusal>>,
    bytes: &[u8],
    name: Option<String>,
) {
    match read_import(bytes) {
        Ok(file) => {
            refusal.set(None);
            state.load(file, name);
        }
        Err(issues) => refusal.set(Some(Refusal::Issues(issues))),
    }
}

/// Reads a chosen or dropped file: its size is checked before a byte is read.
fn read_file(
    state: ImportState,
    refusal: RwSignal<Option<Refusal>>,
    reading: RwSignal<bool>,
    file: web_sys::File,
) {
    let size = file.size() as usize;
    if size > IMPORT_MAX_BYTES {
        let issue = Issue::new(Field::Other, Code::FileTooLarge)
            .with("max", IMPORT_MAX_BYTES)
            .with("actual", size);
        refusal.set(Some(Refusal::Issues(vec![issue])));
        return;
    }
    reading.set(true);
    spawn_local(async move {
        let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await;
        reading.try_set(false);
        match buffer {
            Ok(buffer) => {
                let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                take(state, refusal, &bytes, Some(file.name()));
            }
            Err(_) => {
                refusal.try_set(Some(Refusal::Unreadable));
            }
        }
    });
}

/// The input stage: file, drop zone, paste box, template, and why the last try was refused.
#[component]
pub fn ImportInput(
    /// The view's state; a file read without a file-level error is loaded into it.
    state: ImportState,
) -> impl IntoView {
    let i = use_i18n();
    let refusal = RwSignal::new(None::<Refusal>);
    let reading = RwSignal::new(false);
    let pasted = RwSignal::new(String::new());
    let dragging = RwSignal::new(false);

    let on_file = move |ev: web_sys::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            read_file(state, refusal, reading, file);
        }
        // The same file chosen again (after fixing it) must fire `change` again.
        input.set_value("");
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        let file = ev
            .data_transfer()
            .and_then(|data| data.files())
            .and_then(|files| files.get(0));
        if let Some(file) = file {
            read_file(state, refusal, reading, file);
        }
    };
    let on_drag_over = move |ev: web_sys::DragEvent| {
        // Without this the browser opens the dropped file instead of handing it over.
        ev.prevent_default();
        dragging.set(true);
    };
    let check_pasted = move |_| {
        let text = pasted.get_untracked();
        take(state, refusal, text.as_bytes(), None);
    };
    // A data URL, so the link is a real download link (save as, keyboard, no object URL to
    // revoke); the template is a few hundred bytes.
    let template_href = move || {
        let csv = template_csv(template_language(i.locale()));
        format!(
            "data:text/csv;charset=utf-8,{}",
            js_sys::encode_uri_component(&csv)
        )
    };
    let refusal_view = move || {
        let t = i.t();
        refusal.get().map(|refusal| {
            let items = match refusal {
                Refusal::Issues(issues) => issues.iter().map(|issue| t.issue(issue)).collect(),
                Refusal::Unreadable => vec![t.import().not_read.to_owned()],
            };
            view! {
                <div class="cm-error-panel cm-import__refusal" role="alert">
                    <p class="cm-error-panel__message">{t.import().file_refused}</p>
                    <ul>{items.into_iter().map(|text| view! { <li>{text}</li> }).collect_view()}</ul>
                </div>
            }
        })
    };

    view! {
        <div class="cm-import__input">
            <p>{move || i.t().import().intro}</p>
            {refusal_view}
            <div
                class="cm-import__drop"
                class:cm-import__drop--over=move || dragging.get()
                on:dragover=on_drag_over
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop
            >
                <label class="cm-button cm-button--primary" for="cm-import-file">
                    {move || i.t().import().choose_file}
                </label>
                <input
                    id="cm-import-file"
                    class="cm-import__file"
                    type="file"
                    accept=".csv,text/csv"
                    aria-describedby="cm-import-file-hint"
                    on:change=on_file
                />
                " "
                <span>{move || i.t().import().drop_here}</span>
                <p id="cm-import-file-hint" class="cm-field__hint">{move || i.t().import().file_hint}</p>
                <p aria-live="polite" class="cm-import__reading">
                    {move || reading.get().then(|| i.t().import().reading)}
                </p>
            </div>
            <p>
                <a
                    class="cm-import__template"
                    href=template_href
                    download=move || i.t().import().template_file
                >
                    {move || i.t().import().template}
                </a>
            </p>
            <div class="cm-field">
                <label for="cm-import-paste">{move || i.t().import().paste_label}</label>
                <p id="cm-import-paste-hint" class="cm-field__hint">{move || i.t().import().paste_hint}</p>
                <textarea
                    id="cm-import-paste"
                    rows="6"
                    aria-describedby="cm-import-paste-hint"
                    prop:value=move || pasted.get()
                    on:input:target=move |ev| pasted.set(ev.target().value())
                ></textarea>
            </div>
            <button
                type="button"
                class="cm-button"
                disabled=move || pasted.with(|p| p.trim().is_empty())
                on:click=check_pasted
            >
                {move || i.t().import().check_pasted}
            </button>
        </div>
    }
}

/// The element an event was dispatched on, as `T`.
fn event_target<T: JsCast>(ev: &web_sys::Event) -> T {
    ev.target()
        .and_then(|target| target.dyn_into::<T>().ok())
        .expect("the listener is on an element of this type")
}
