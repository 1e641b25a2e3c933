use leptos::html;
use leptos::prelude::*;

/// A modal confirmation on the native `<dialog>`: focus is trapped while open, Escape cancels,
/// and the browser returns focus to where it was.
#[component]
pub fn ConfirmDialog(
    /// Whether the dialog is shown.
    #[prop(into)]
    open: Signal<bool>,
    /// The question, as the dialog's heading.
    #[prop(into)]
    title: String,
    /// The confirming button's text (a verb: "Resend", "Save").
    #[prop(into)]
    confirm_label: String,
    /// Runs when the user confirms.
    on_confirm: Callback<()>,
    /// Runs when the user cancels (button, Escape).
    on_cancel: Callback<()>,
    /// What will happen, shown under the heading.
    children: ChildrenFn,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move || {
        let Some(dialog) = dialog.get() else { return };
        match (open.get(), dialog.open()) {
            (true, false) => {
                let _ = dialog.show_modal();
            }
            (false, true) => dialog.close(),
            _ => {}
        }
    });
    let title_id = "cm-dialog-title";
    view! {
        <dialog
            node_ref=dialog
            class="cm-dialog"
            aria-labelledby=title_id
            on:close=move |_| {
                // Closed by Escape (not by our own close after confirm/cancel).
                if open.get_untracked() {
                    on_cancel.run(());
                }
            }
        >
            <h2 id=title_id>{title}</h2>
            <div class="cm-dialog__body">{children()}</div>
            <div class="cm-dialog__actions">
                <button type="button" class="cm-button" on:click=move |_| on_cancel.run(())>"Cancel"</button>
                <button type="button" class="cm-button cm-button--primary" on:click=move |_| on_confirm.run(())>
                    {confirm_label}
                </button>
            </div>
        </dialog>
    }
}
