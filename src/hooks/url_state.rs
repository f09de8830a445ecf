use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::route::{FinderState, Route, UrlState};

/// The page's state as its current URL says (re-read when the query changes).
pub fn use_url_state<T>() -> Memo<T>
where
    T: UrlState + Clone + PartialEq + Send + Sync + 'static,
{
    let query = use_query_map();
    Memo::new(move |_| query.with(|q| T::from_query(&|key| q.get_all(key).unwrap_or_default())))
}

/// The finder's state as its current URL says: the query string, and the position from the
/// fragment (`#near=…`, never sent to a server; `route::finder`). An old link with `?near=` is
/// read, then its position is moved to the fragment in place (the history entry replaced, no
/// reload), so it is not in the address of a reload or of the next request's `Referer`.
pub fn use_finder_state() -> Memo<FinderState> {
    let query = use_query_map();
    let location = use_location();
    let state = Memo::new(move |_| {
        let hash = location.hash.get();
        query
            .with(|q| FinderState::from_query(&|key| q.get_all(key).unwrap_or_default()))
            .with_fragment(&hash)
    });
    let navigate = use_navigate();
    Effect::new(move |_| {
        let old_link = location
            .search
            .with(|search| FinderState::near_in_query(search.trim_start_matches('?')));
        if old_link {
            let to = Route::Offices(state.get_untracked()).path();
            navigate(
                &to,
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                },
            );
        }
    });
    state
}
