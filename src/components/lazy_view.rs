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

/// The view `load` builds, or in its place a notice (a whole page's, with the page heading, or a
/// part's): "a new version is available" with Reload when the server now has another build,
/// else "could not be downloaded" with Try again.
pub async fn view_or_notice(load: LoadView, whole_page: bool) -> AnyView {
    match load().await {
        Ok(view) => view,
        Err(error) => {
            leptos::logging::warn!("lazily loaded module: {error}");
            let replaced = network::build_replaced().await;
            view! { <Unavailable load whole_page replaced/> }.into_any()
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

/// In place of a page (or part) whose code did not arrive: says so, and tries again on request;
/// or, `replaced`, says its build is gone from the server and reloads on request.
#[component]
fn Unavailable(load: LoadView, whole_page: bool, replaced: bool) -> impl IntoView {
    let app = use_app();
    let attempt = RwSignal::new(0u32);
    let texts = move || {
        let locale = app.locale.get();
        if replaced {
            messages::new_version(locale)
        } else {
            messages::code_unavailable(locale, whole_page)
        }
    };
    if whole_page {
        use_page_title(move || texts().0.to_string());
    }
    move || {
        if attempt.get() == 0 {
            view! {
                {whole_page.then(|| view! { <PageHeading>{move || texts().0}</PageHeading> })}
                <div class="app-notice" class:app-notice--error=!replaced role="alert"
                    data-testid=if replaced { "new-version" } else { "page-unavailable" }>
                    {(!whole_page).then(|| view! { <p class="app-notice__title">{move || texts().0}</p> })}
                    <p>{move || texts().1}</p>
                    <button type="button" class="app-button app-button--secondary"
                        data-testid=if replaced { "reload" } else { "retry" }
                        on:click=move |_| if replaced { network::reload() } else { attempt.update(|n| *n += 1) }>
                        {move || if replaced {
                            app.locale.get().t("بارگذاری دوباره", "Reload")
                        } else {
                            app.locale.get().t("تلاش دوباره", "Try again")
                        }}
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
