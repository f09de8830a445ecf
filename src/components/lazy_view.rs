//! A view whose code is in a lazily loaded WebAssembly module (a page, or a part of one), and
//! what shows in its place when that module cannot be downloaded. Never a crash:
//! - the server now has another build (a deploy removed this build's files): "a new version of
//!   Pishkhan is available" with Reload, since no retry can bring the old file back;
//! - otherwise (offline without the service worker's copy, a flaky network): a bilingual notice
//!   with "Try again", which fetches it afresh (failed loads are not cached).

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use send_wrapper::SendWrapper;

use crate::components::page::{use_page_title, Loading, PageHeading};
use crate::context::use_app;
use crate::i18n::messages;
use crate::platform::network;

/// Loads one module and builds its view.
pub type LoadView = fn() -> Pin<Box<dyn Future<Output = Result<AnyView, SplitLoaderError>>>>;

/// The view `load` builds, or in its place a notice with "Try again" (a whole page's, with the
/// page heading, or a part's).
pub async fn view_or_notice(load: LoadView, whole_page: bool) -> AnyView {
    match load().await {
        Ok(view) => view,
        Err(error) => {
            leptos::logging::warn!("lazily loaded module: {error}");
            if network::build_replaced().await {
                view! { <NewVersion whole_page/> }.into_any()
            } else {
                view! { <Unavailable load whole_page/> }.into_any()
            }
        }
    }
}

/// A part of a page whose code is lazily loaded: nothing while it downloads, then the part
/// (or the notice).
#[component]
pub fn LazyPart(load: LoadView) -> impl IntoView {
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(SendWrapper::new(view_or_notice(load, false)))}
        </Suspense>
    }
}

/// In place of a page (or part) whose code did not arrive: says so, and tries again on request.
#[component]
fn Unavailable(load: LoadView, whole_page: bool) -> impl IntoView {
    let app = use_app();
    let attempt = RwSignal::new(0u32);
    if whole_page {
        use_page_title(move || {
            messages::code_unavailable(app.locale.get(), whole_page)
                .0
                .to_string()
        });
    }
    move || {
        if attempt.get() == 0 {
            let texts = move || messages::code_unavailable(app.locale.get(), whole_page);
            view! {
                {whole_page.then(|| view! { <PageHeading>{move || texts().0}</PageHeading> })}
                <div class="app-notice app-notice--error" role="alert" data-testid="page-unavailable">
                    {(!whole_page).then(|| view! { <p class="app-notice__title">{move || texts().0}</p> })}
                    <p>{move || texts().1}</p>
                    <button type="button" class="app-button app-button--secondary" data-testid="retry"
                        on:click=move |_| attempt.update(|n| *n += 1)>
                        {move || app.locale.get().t("تلاش دوباره", "Try again")}
                    </button>
                </div>
            }
            .into_any()
        } else {
            view! {
                <Suspense fallback=|| view! { <Loading/> }>
                    {Suspend::new(SendWrapper::new(view_or_notice(load, whole_page)))}
                </Suspense>
            }
            .into_any()
        }
    }
}

/// In place of a page (or part) whose code belongs to a build the server no longer has: says a
/// new version is available, with Reload (the page's address, now with the new build's code).
#[component]
fn NewVersion(whole_page: bool) -> impl IntoView {
    let app = use_app();
    let texts = move || messages::new_version(app.locale.get());
    if whole_page {
        use_page_title(move || texts().0.to_string());
    }
    view! {
        {whole_page.then(|| view! { <PageHeading>{move || texts().0}</PageHeading> })}
        <div class="app-notice" role="alert" data-testid="new-version">
            {(!whole_page).then(|| view! { <p class="app-notice__title">{move || texts().0}</p> })}
            <p>{move || texts().1}</p>
            <button type="button" class="app-button" data-testid="reload"
                on:click=move |_| network::reload()>
                {move || app.locale.get().t("بارگذاری دوباره", "Reload")}
            </button>
        </div>
    }
}
