//! The save chain the Add and Edit forms share: pending, saved, the failure to explain, the
//! field errors the server returned, busy, a retry when the host hands over a fresh token, and
//! focus on the error summary after a rejected save.

use domain::Issue;
use leptos::html;
use leptos::prelude::*;

use crate::api::Problem;
use crate::context::Session;

/// What a form shows of its save action.
pub struct SaveState<P: Problem> {
    /// A save is on its way.
    pub pending: Memo<bool>,
    /// The last save succeeded (the form is done).
    pub saved: Memo<bool>,
    /// The last save's failure, once it has settled (only failures the form explains itself).
    pub failure: Signal<Option<P>>,
    /// The field errors of the last save's failure.
    pub server: Memo<Vec<Issue>>,
    /// Nothing can be typed or saved: saving, or saved.
    pub busy: Memo<bool>,
    version: RwSignal<usize>,
}

impl<P: Problem> Clone for SaveState<P> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<P: Problem> Copy for SaveState<P> {}

impl<P: Problem> SaveState<P> {
    /// The state of `save`; `explained` picks the failures the form explains (the rest, such
    /// as an edit conflict, have a view of their own).
    pub fn new<I, O>(save: Action<I, Result<O, P>>, explained: fn(&P) -> bool) -> Self
    where
        I: 'static,
        O: Clone + Send + Sync + 'static,
    {
        let pending = save.pending();
        let result = save.value();
        let saved = Memo::new(move |_| result.with(|r| matches!(r, Some(Ok(_)))));
        let failure = Signal::derive(move || match result.get() {
            Some(Err(e)) if !pending.get() && explained(&e) => Some(e),
            _ => None,
        });
        let server = Memo::new(move |_| {
            failure.with(|e| e.as_ref().map(P::field_issues).unwrap_or_default())
        });
        let busy = Memo::new(move |_| pending.get() || saved.get());
        SaveState {
            pending,
            saved,
            failure,
            server,
            busy,
            version: save.version(),
        }
    }

    /// A fresh token from the host page (it got `auth-required`) runs `retry` when the last save
    /// was refused with 401; everything typed is still in the form.
    pub fn retry_on_new_token(&self, retry: impl Fn() + 'static) {
        let session = use_context::<Session>().unwrap_or_default();
        let failure = self.failure;
        Effect::new(move |previous: Option<u32>| {
            let epoch = session.token_epoch.get();
            if previous.is_some_and(|p| p != epoch)
                && failure.with_untracked(|f| f.as_ref().is_some_and(P::is_unauthorized))
            {
                // `retry` reads the form's signals; they are not what this effect waits for.
                untrack(&retry);
            }
            epoch
        });
    }

    /// After each answer: `first` may take focus (it says whether it did); otherwise a save the
    /// server rejected at fields moves focus to the error summary, which lists those errors.
    pub fn focus_after_answer(
        &self,
        summary_ref: NodeRef<html::Div>,
        first: impl Fn() -> bool + 'static,
    ) {
        let (version, server) = (self.version, self.server);
        Effect::new(move |previous: Option<usize>| {
            let now = version.get();
            if previous.is_some_and(|p| p != now)
                && !first()
                && !server.with_untracked(Vec::is_empty)
            {
                focus_soon(summary_ref);
            }
            now
        });
    }
}

/// Moves focus to `target` once the pending render has happened.
pub fn focus_soon(target: NodeRef<html::Div>) {
    request_animation_frame(move || {
        if let Some(el) = target.get_untracked() {
            let _ = el.focus();
        }
    });
}
