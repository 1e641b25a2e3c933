//! The list state lives in the URL query, so a reload, a shared link and the Back button
//! restore exactly the same view: reading it ([`query_from_params`]) and going to a new one.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use leptos_router::params::ParamsMap;

use crate::api::{ListQuery, query_string};

/// Reads the list state from the URL query; unknown or invalid values fall back to defaults
/// (the domain's [`ListQuery::from_url`]).
pub fn query_from_params(params: &ParamsMap) -> ListQuery {
    ListQuery::from_url(|key| params.get(key))
}

/// Goes to the list with the given state (keeping the scroll position): its non-default
/// parameters become the URL query.
pub fn navigator() -> Callback<ListQuery> {
    let navigate = use_navigate();
    Callback::new(move |next: ListQuery| {
        let qs = query_string(&next.pairs());
        let url = if qs.is_empty() {
            "/customers".to_owned()
        } else {
            format!("/customers?{qs}")
        };
        navigate(
            &url,
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    })
}
