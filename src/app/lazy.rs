//! Lazily loaded pages: code splitting of the WebAssembly.
//!
//! `/` is what every visitor downloads first, so only its code is in the main module. Each other
//! page is a *split point*: `lazy_page!` wraps it in a `#[wasm_split]` function, and at build time
//! `tools/bin/wasm-bindgen` cuts the code only that function reaches into its own module, which
//! `__wasm_split-….js` fetches the first time the route is opened (code shared by several pages
//! goes into shared chunks). Natively (tests) the split functions are plain calls.
//!
//! Below a page, the same applies to code `/` needs only sometimes: the decoders of the services
//! and offices documents (fetched beside the document itself) and the saved-offices list (only on
//! a device that has saved offices).
//!
//! A module that cannot be downloaded (offline without the service worker's copy, a flaky
//! network, a deploy that removed old files) is not a crash: the page (or part) shows a bilingual
//! notice with "Try again", which fetches it afresh (failed loads are not cached).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use send_wrapper::SendWrapper;

use crate::api::client::{Api, ApiResult};
use crate::api::ApiError;
use crate::app::use_app;
use crate::components::page::{use_page_title, PageHeading};
use crate::components::saved_offices::SavedOfficesList;
use crate::components::states::Loading;
use crate::i18n::messages;
use crate::model::{OfficesDoc, ServicesDoc};
use crate::pages::{
    about::AboutPage, dashboard::DashboardPage, licence::LicencePage, licences::LicencesPage,
    office::OfficePage, offices::OfficesPage, service::ServicePage, services::ServicesPage,
};
use crate::platform::storage::{self, keys};

/// Loads one page's module and builds its view.
pub type LoadPage = fn() -> Pin<Box<dyn Future<Output = Result<AnyView, SplitLoaderError>>>>;

/// The page, or the "could not be downloaded" notice when its module did not load.
pub async fn page_or_notice(load: LoadPage) -> AnyView {
    view_or_notice(load, true).await
}

/// The view `load` builds, or in its place a notice with "Try again" (a whole page's, with the
/// page heading, or a part's).
async fn view_or_notice(load: LoadPage, whole_page: bool) -> AnyView {
    match load().await {
        Ok(view) => view,
        Err(error) => {
            leptos::logging::warn!("lazily loaded module: {error}");
            view! { <Unavailable load whole_page/> }.into_any()
        }
    }
}

/// In place of a page (or part) whose code did not arrive: says so, and tries again on request.
#[component]
fn Unavailable(load: LoadPage, whole_page: bool) -> impl IntoView {
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

#[leptos::wasm_split::wasm_split(split_saved_offices, wasm_split_path = ::leptos::wasm_split, fallible)]
fn saved_offices_view() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <SavedOfficesList/> }.into_any())
}

/// The home page's list of offices saved on this device. Its code is downloaded only on a device
/// that has saved some, so a first visit does not pay for it.
#[component]
pub fn LazySavedOffices() -> impl IntoView {
    storage::get_raw(keys::SAVED_OFFICES).is_some().then(|| {
        view! {
            <Suspense fallback=|| ()>
                {Suspend::new(SendWrapper::new(view_or_notice(|| Box::pin(saved_offices_view()), false)))}
            </Suspense>
        }
    })
}

/// A document request whose decoding code is in a lazily loaded module.
type LazyRequest<T> = Pin<Box<dyn Future<Output = ApiResult<T>>>>;

/// The failure to download a module, as the document request it was for.
fn module_error(error: SplitLoaderError) -> ApiError {
    ApiError::Network(error.to_string())
}

#[leptos::wasm_split::wasm_split(split_finder, wasm_split_path = ::leptos::wasm_split, fallible)]
fn offices_request(
    api: Api,
    province: Arc<str>,
) -> Result<LazyRequest<OfficesDoc>, SplitLoaderError> {
    Ok(Box::pin(async move { api.offices(&province).await }))
}

#[leptos::wasm_split::wasm_split(split_services_doc, wasm_split_path = ::leptos::wasm_split, fallible)]
fn services_request(api: Api) -> Result<LazyRequest<ServicesDoc>, SplitLoaderError> {
    Ok(Box::pin(async move { api.services().await }))
}

/// [`Api::offices`] for `/`: the offices decoder is not part of the first download; it comes
/// with the first province chosen, in the finder's module (whose pages are the next step).
pub async fn offices(api: &Api, province: &str) -> ApiResult<OfficesDoc> {
    offices_request(api.clone(), Arc::from(province))
        .await
        .map_err(module_error)?
        .await
}

/// [`Api::services`] for `/`: the services decoder arrives beside the document, not before the
/// page.
pub async fn services(api: &Api) -> ApiResult<ServicesDoc> {
    services_request(api.clone())
        .await
        .map_err(module_error)?
        .await
}

/// Declares a lazily loaded route: `lazy_page!(Route, build, module, preload, Page)` makes
/// `Route`, for `<Route view=Lazy::<Route>::new()/>`, whose view is the component `Page`, built
/// by the function `build` in the split module `module` (pages that share a module arrive
/// together); `preload()` fetches that module without building anything.
// rustfmt re-indents the attribute below a little further on every run: leave it as written.
#[rustfmt::skip]
macro_rules! lazy_page {
    ($route:ident, $build:ident, $module:ident, $preload:ident, $page:ident) => {
        pub struct $route;

        #[leptos::wasm_split::wasm_split(
            $module,
            wasm_split_path = ::leptos::wasm_split,
            fallible,
            preload(#[allow(dead_code)] $preload)
        )]
        fn $build() -> Result<AnyView, SplitLoaderError> {
            Ok(view! { <$page/> }.into_any())
        }

        impl ::leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_: Self) -> AnyView {
                page_or_notice(|| Box::pin($build())).await
            }
        }
    };
}

// The split points, one module per group of pages a visitor uses together: the finder (its
// results and an office's page, with the offices decoder `/` also uses once a province is
// chosen), the services catalogue and a service's page, the officials' pages, and "about".
lazy_page!(
    OfficesRoute,
    build_offices,
    split_finder,
    preload_finder,
    OfficesPage
);
lazy_page!(
    OfficeRoute,
    build_office,
    split_finder,
    preload_office,
    OfficePage
);
lazy_page!(
    ServicesRoute,
    build_services,
    split_services,
    preload_services,
    ServicesPage
);
lazy_page!(
    ServiceRoute,
    build_service,
    split_services,
    preload_service,
    ServicePage
);
lazy_page!(
    LicencesRoute,
    build_licences,
    split_officials,
    preload_officials,
    LicencesPage
);
lazy_page!(
    LicenceRoute,
    build_licence,
    split_officials,
    preload_licence,
    LicencePage
);
lazy_page!(
    DashboardRoute,
    build_dashboard,
    split_officials,
    preload_dashboard,
    DashboardPage
);
lazy_page!(
    AboutRoute,
    build_about,
    split_about,
    preload_about,
    AboutPage
);

/// Starts downloading the module of the page at `path` (relative to the router's base) at once,
/// beside `config.json`, instead of after it: a visitor who opens `/offices?…` directly waits
/// for one round of downloads, not two.
pub fn preload_for(path: &str) {
    let section = path.trim_start_matches('/').split('/').next().unwrap_or("");
    match section {
        "offices" => spawn_preload(preload_finder()),
        "services" => spawn_preload(preload_services()),
        "licences" | "dashboard" => spawn_preload(preload_officials()),
        "about" => spawn_preload(preload_about()),
        _ => {}
    }
}

/// Runs a module preload in the background. A failure is not reported here: the route's own
/// load tries again and says so.
fn spawn_preload(preload: impl Future<Output = Result<(), SplitLoaderError>> + 'static) {
    leptos::task::spawn_local(async move {
        let _ = preload.await;
    });
}
