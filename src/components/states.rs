//! Loading, error and partial-data states, the same everywhere.

use std::sync::Arc;

use leptos::prelude::*;

// Here since the lazily loaded parts (`lazy_view`) show it too, and this module shows them.
pub use super::page::Loading;
use crate::api::client::ApiResult;
use crate::api::{ApiError, Decoded};
use crate::context::use_app;
use crate::i18n::messages;

/// A failed request where the data would be: what went wrong, in words, and a retry.
#[component]
pub fn ErrorNotice(
    error: ApiError,
    #[prop(optional, into)] on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let app = use_app();
    let access = error.is_access_denied();
    let texts = {
        let error = error.clone();
        move || messages::api_error(app.locale.get(), &error)
    };
    let title = {
        let texts = texts.clone();
        move || texts().0
    };
    let body = move || texts().1;
    view! {
        <div class="app-notice app-notice--error" role="alert" data-testid=if access { "access-denied" } else { "load-error" }>
            <p class="app-notice__title">{title}</p>
            <p>{body}</p>
            {on_retry.map(|retry| view! {
                <button type="button" class="app-button app-button--secondary" data-testid="retry"
                    on:click=move |_| retry.run(())>
                    {move || app.locale.get().t("تلاش دوباره", "Try again")}
                </button>
            })}
        </div>
    }
}

/// "n records could not be read", shown beside data that loaded partially.
#[component]
pub fn SkippedNotice(count: usize) -> impl IntoView {
    let app = use_app();
    (count > 0).then(|| {
        view! {
            <p class="app-notice app-notice--warning" data-testid="skipped-records">
                {move || messages::skipped_records(app.locale.get(), count)}
            </p>
        }
    })
}

/// Renders a document resource: loading, error with retry, or `render` with the document
/// (plus the skipped-records notice when some records could not be read).
pub fn with_document<T, V>(
    resource: LocalResource<ApiResult<T>>,
    render: impl Fn(Arc<Decoded<T>>) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Send + Sync + 'static,
    V: IntoView + 'static,
{
    move || match resource.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(error)) => {
            view! { <ErrorNotice error on_retry=move |_| resource.refetch()/> }.into_any()
        }
        Some(Ok(doc)) => {
            let skipped = doc.skipped.len();
            view! { <SkippedNotice count=skipped/> {render(doc)} }.into_any()
        }
    }
}
