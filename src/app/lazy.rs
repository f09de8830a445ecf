//! Lazily loaded pages: code splitting of the WebAssembly.
//!
//! `/` is what every visitor downloads first, so only its code is in the main module. Each other
//! page is a *split point*: `lazy_page!` wraps it in a `#[wasm_split]` function, and at build time
//! `tools/bin/wasm-bindgen` cuts the code only that function reaches into its module, which
//! `__wasm_split-….js` fetches the first time one of its pages is opened (code shared by
//! several modules goes into shared chunks). Natively (tests) the split functions are plain
//! calls. Pages a visitor uses together share a module (the table below).
//!
//! Below a page, the same applies to code `/` needs only sometimes: the decoders of the services
//! and offices documents (`api::lazy`) and the saved-offices list
//! (`components::saved_offices::LazySavedOffices`).
//!
//! A module that cannot be downloaded is not a crash: `components::lazy_view` shows a bilingual
//! notice in its place, with "Try again" (a network error) or "Reload" (the server now has
//! another build, so this build's module is gone for good).

use std::future::Future;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

use crate::components::lazy_view::view_or_notice;
use crate::pages::{
    about::AboutPage, dashboard::DashboardPage, gaps::GapsPage, licence::LicencePage,
    licences::LicencesPage, office::OfficePage, offices::OfficesPage, service::ServicePage,
    services::ServicesPage,
};
use crate::route::{section, section_of};

/// Declares the lazily loaded routes as a table, one line per page:
/// `Route => Page in module (build, preload)` makes `Route`, for
/// `<Route view=Lazy::<Route>::new()/>`, whose view is the component `Page`, built by the
/// function `build` in the split module `module` (pages that share a module arrive together);
/// `preload()` fetches that module without building anything.
// rustfmt re-indents the attribute below a little further on every run: leave it as written.
#[rustfmt::skip]
macro_rules! lazy_pages {
    ($($route:ident => $page:ident in $module:ident ($build:ident, $preload:ident);)*) => {$(
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
                view_or_notice(|| Box::pin($build()), true).await
            }
        }
    )*};
}

// Which page goes in which module: the finder (with the offices decoder `/` also uses once a
// province is chosen), an office's page (a first visit from a shared link or a search engine
// downloads no finder code; the finder fetches it in the background once it shows results), the
// services catalogue and a service's page, the officials' pages, and "about". Every further
// module costs the first load about 0.7 KB brotli (its loader, its shared chunks' entries and its
// preload), so pages a visitor uses together share one. (The return from the sign-in provider is
// no route: `pages::sign_in::LazySignInPage`, shown in place of the 404 page at its address.)
#[rustfmt::skip]
lazy_pages! {
    OfficesRoute   => OfficesPage   in split_finder    (build_offices,   preload_finder);
    OfficeRoute    => OfficePage    in split_office    (build_office,    preload_office);
    ServicesRoute  => ServicesPage  in split_services  (build_services,  preload_services);
    ServiceRoute   => ServicePage   in split_services  (build_service,   preload_service);
    LicencesRoute  => LicencesPage  in split_officials (build_licences,  preload_officials);
    LicenceRoute   => LicencePage   in split_officials (build_licence,   preload_licence);
    DashboardRoute => DashboardPage in split_officials (build_dashboard, preload_dashboard);
    GapsRoute      => GapsPage      in split_officials (build_gaps,      preload_gaps);
    AboutRoute     => AboutPage     in split_about     (build_about,     preload_about);
}

/// Starts downloading the module of the page at `path` (relative to the router's base) at once,
/// beside `config.json`, instead of after it: a visitor who opens `/offices?…` directly waits
/// for one round of downloads, not two.
pub fn preload_for(path: &str) {
    // A page below a section (`/offices/IR-23/…`, `/licences/…`) is that section's item page: a
    // slash before the query with something after it (a byte loop: this is in the first load).
    let mut item = false;
    let mut slash = false;
    for &b in path.as_bytes().iter().skip(1) {
        match b {
            b'?' | b'#' => break,
            b'/' => slash = true,
            _ if slash => {
                item = true;
                break;
            }
            _ => {}
        }
    }
    match (section_of(path), item) {
        (section::OFFICES, false) => spawn_preload(preload_finder()),
        (section::OFFICES, true) => spawn_preload(preload_office()),
        (section::SERVICES, _) => spawn_preload(preload_services()),
        (section::LICENCES | section::DASHBOARD, _) => spawn_preload(preload_officials()),
        (section::ABOUT, _) => spawn_preload(preload_about()),
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
