use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::route::UrlState;

/// The page's state as its current URL says (re-read when the query changes).
pub fn use_url_state<T>() -> Memo<T>
where
    T: UrlState + Clone + PartialEq + Send + Sync + 'static,
{
    let query = use_query_map();
    Memo::new(move |_| query.with(|q| T::from_query(&|key| q.get_all(key).unwrap_or_default())))
}
