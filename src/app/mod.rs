//! The application, at the top of the import graph: boot (config.json → API client →
//! context), the router and the layout. It imports the pages; nothing imports it (the context
//! every component reads is [`crate::context`]). Every page but `/` is lazily loaded: its code
//! is downloaded when it is first opened ([`lazy`]).

pub mod lazy;

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::{path, Lazy, ParamSegment, StaticSegment};

use crate::api::client::Api;
use crate::components::layout::Layout;
use crate::config::{AppConfig, ConfigError};
use crate::context::{AppContext, Notices};
use crate::domain::links::{check_url, UrlKind};
use crate::i18n::{Locale, Text};
use crate::pages;
use crate::platform::{dom, network, storage};
use crate::route::section::{ABOUT, DASHBOARD, LICENCES, OFFICES, SERVICES};
use crate::route::GAPS;
use lazy::{
    AboutRoute, DashboardRoute, GapsRoute, LicenceRoute, LicencesRoute, OfficeRoute, OfficesRoute,
    ServiceRoute, ServicesRoute,
};

/// Mounts the app on `<body>`. A panic stops the module at once (the release's
/// `panic=immediate-abort`, scripts/build.sh); `startup.js` then shows the "reload" screen.
pub fn start() {
    leptos::mount::mount_to_body(App);
}

/// `config.json`, as `index.html` preloads it (`<link rel="preload" as="fetch">`, started with
/// the HTML instead of after the WASM). The default cache mode is what lets the preload serve
/// this request; freshness comes from the server: `config.json` is sent with
/// `Cache-Control: no-cache` (nginx/pishkhan.conf, docs/deploy.md), so every use revalidates.
async fn load_config() -> Result<Started, ConfigError> {
    let text = config_text().await?;
    // The app's first view in a task of its own, not in the one that compiled and started the
    // WebAssembly: two shorter tasks instead of one long one (docs/performance.md).
    crate::platform::slices::yield_now().await;
    let mut config = AppConfig::parse(&text)?;
    // The same check by the browser's URL parser, on the parsed result; its reading is the
    // base every request uses.
    let Some(api_base) = checked_base_url(&config.api_base_url) else {
        return Err(ConfigError::Invalid(
            "\"api_base_url\" does not resolve to an http(s) address on a host of its own (the browser's URL parser read it otherwise)".into(),
        ));
    };
    // `auth` and the report channels are checked before the app starts, like every other key,
    // by code downloaded only when a deployment configures them.
    let mut signed_in = None;
    if config.has_auth() {
        (config, signed_in) = match check_auth(config).await {
            Ok(checked) => checked?,
            Err(e) => return Err(ConfigError::Unreachable(format!("the app's code: {e}"))),
        };
    }
    if config.has_reports() {
        match check_reports(config.clone()).await {
            Ok(checked) => checked?,
            Err(e) => return Err(ConfigError::Unreachable(format!("the app's code: {e}"))),
        }
    }
    Ok(Started {
        config,
        api_base,
        signed_in,
    })
}

/// The text of `config.json`: as startup.js fetched it with the HTML (it also starts
/// `meta.json` as soon as it has read the API's address), else fetched now. A start-up fetch
/// that failed is tried again here, and this one's error is the one reported.
async fn config_text() -> Result<String, ConfigError> {
    if let Some(text) = dom::started_config().await {
        return Ok(text);
    }
    let url = dom::resolve_url("config.json")
        .ok_or_else(|| ConfigError::Unreachable("bad base URL".into()))?;
    let response = gloo_net::http::Request::get(&url)
        .send()
        .await
        .map_err(|e| ConfigError::Unreachable(e.to_string()))?;
    if !response.ok() {
        return Err(ConfigError::Unreachable(format!(
            "HTTP {}",
            response.status()
        )));
    }
    response
        .text()
        .await
        .map_err(|e| ConfigError::Unreachable(e.to_string()))
}

/// What the app starts with: the checked configuration and, with `auth`, who is signed in in
/// this tab.
#[derive(Clone)]
struct Started {
    config: AppConfig,
    /// `api_base_url` as the browser resolved it (absolute).
    api_base: String,
    signed_in: Option<String>,
}

/// [`AppConfig::check_auth`], and who is signed in in this tab, in the lazily loaded sign-in
/// module.
#[leptos::wasm_split::wasm_split(split_auth, wasm_split_path = ::leptos::wasm_split, fallible)]
fn check_auth(
    config: AppConfig,
) -> Result<Result<(AppConfig, Option<String>), ConfigError>, leptos::wasm_split::SplitLoaderError>
{
    Ok(config.check_auth().map(|config| {
        let signed_in = config
            .auth
            .as_ref()
            .and_then(crate::platform::auth::signed_in);
        (config, signed_in)
    }))
}

/// The API base as the browser's URL parser reads it, when that reading is what
/// [`check_url`] let through: `http(s)`, no credentials, and a relative base on the app's own
/// origin (`/\\evil.example` or `/<TAB>/evil.example` would be another host).
fn checked_base_url(url: &str) -> Option<String> {
    let kind = check_url(url).ok()?;
    dom::parsed_http_url(url, kind == UrlKind::Relative)
}

/// [`AppConfig::reports`], in the lazily loaded office module (which shows the channels).
#[leptos::wasm_split::wasm_split(split_office, wasm_split_path = ::leptos::wasm_split, fallible)]
fn check_reports(
    config: AppConfig,
) -> Result<Result<(), ConfigError>, leptos::wasm_split::SplitLoaderError> {
    Ok(config.reports().map(|_| ()))
}

/// Root component: loads `config.json`, then shows the app or a clear configuration error.
#[component]
pub fn App() -> impl IntoView {
    // The page's code (if it is lazily loaded) downloads while config.json does.
    if let Some(path) = dom::current_path() {
        if let Some(path) = crate::route::app_path(&dom::router_base(), &path) {
            lazy::preload_for(path);
        }
    }
    let config = LocalResource::new(load_config);
    move || match config.get() {
        // The route's pre-rendered shell (index.html's `#boot`) stays on screen meanwhile.
        None => ().into_any(),
        Some(Err(error)) => {
            dom::remove_boot_placeholder();
            view! { <pages::config_error::ConfigErrorPage error/> }.into_any()
        }
        Some(Ok(Started {
            config,
            api_base,
            signed_in,
        })) => view! { <Shell config api_base signed_in/> }.into_any(),
    }
}

/// The locale: the one the user chose on this device, else the configured default. The flag is
/// set when a stored choice was unreadable (then it is removed, and a device notice says so).
fn initial_locale(default: Locale) -> (Locale, bool) {
    match storage::get_raw(storage::keys::LOCALE) {
        Some(code) => match Locale::from_code(&code) {
            Some(locale) => (locale, false),
            None => {
                leptos::logging::warn!(
                    "discarding unreadable stored value {}",
                    storage::keys::LOCALE
                );
                storage::remove(storage::keys::LOCALE);
                (default, true)
            }
        },
        None => (default, false),
    }
}

/// The configured app: context, router, layout, routes.
#[component]
fn Shell(config: AppConfig, api_base: String, signed_in: Option<String>) -> impl IntoView {
    let (initial, locale_discarded) = initial_locale(config.default_locale);
    let locale = RwSignal::new(initial);
    let notices = RwSignal::new(Vec::new());
    if locale_discarded {
        notices.update(|n: &mut Vec<Text>| {
            n.push(Text::new(
                "زبان ذخیره‌شده روی این دستگاه خوانا نبود و پاک شد.",
                "The language saved on this device could not be read and was cleared.",
            ))
        });
    }
    Effect::new(move |_| dom::set_document_locale(locale.get()));

    let api = Api::with_auth(
        &api_base,
        config.request_timeout_ms,
        config.auth.clone().map(Arc::new),
        signed_in,
    );
    let meta = LocalResource::new({
        let api = api.clone();
        move || {
            let api = api.clone();
            async move { api.meta().await }
        }
    });
    let online = network::use_online();
    provide_context(AppContext {
        config: Arc::new(config),
        api,
        locale,
        meta,
        notices: Notices(notices),
        online,
    });
    network::register_service_worker();
    dom::release_boot_placeholder();
    // True while a navigation waits for the new page (its code, on a first visit).
    let routing = RwSignal::new(false);

    view! {
        <Router base=dom::router_base() set_is_routing=routing>
            <FocusOnNavigate routing/>
            <RouteProgress routing/>
            <Layout>
                <Routes fallback=unmatched>
                    <Route path=path!("/") view=pages::home::HomePage/>
                    <Route path=StaticSegment(OFFICES) view={Lazy::<OfficesRoute>::new()}/>
                    <Route path=(StaticSegment(OFFICES), ParamSegment("province"), ParamSegment("id")) view={Lazy::<OfficeRoute>::new()}/>
                    <Route path=StaticSegment(SERVICES) view={Lazy::<ServicesRoute>::new()}/>
                    <Route path=(StaticSegment(SERVICES), ParamSegment("id")) view={Lazy::<ServiceRoute>::new()}/>
                    <Route path=StaticSegment(LICENCES) view={Lazy::<LicencesRoute>::new()}/>
                    <Route path=(StaticSegment(LICENCES), ParamSegment("province"), ParamSegment("number")) view={Lazy::<LicenceRoute>::new()}/>
                    <Route path=StaticSegment(DASHBOARD) view={Lazy::<DashboardRoute>::new()}/>
                    <Route path=(StaticSegment(DASHBOARD), StaticSegment(GAPS)) view={Lazy::<GapsRoute>::new()}/>
                    <Route path=StaticSegment(ABOUT) view={Lazy::<AboutRoute>::new()}/>
                </Routes>
            </Layout>
        </Router>
    }
}

/// What an address that matches no route shows: the return from the sign-in provider at its
/// address (`route::SIGN_IN_CALLBACK`), the home page at `route::INDEX_FILE` (a bookmark, or a
/// host that links to the file itself), else the 404 page. Neither has a route of its own: each
/// route costs every visitor's first load its share of the router's code.
fn unmatched() -> AnyView {
    let base = dom::router_base_cached();
    let path = dom::current_path().unwrap_or_default();
    match crate::route::app_path(&base, &path) {
        Some(crate::route::SIGN_IN_CALLBACK) => {
            view! { <pages::sign_in::LazySignInPage/> }.into_any()
        }
        Some(crate::route::INDEX_FILE) => view! { <pages::home::HomePage/> }.into_any(),
        _ => view! { <pages::not_found::NotFound/> }.into_any(),
    }
}

/// After client-side navigation to another page, focus moves to its `<h1>` so keyboard and
/// screen-reader users land at the new content (no focus move on the first load, or when only the
/// query changes). The new page may arrive later than the URL (its code is lazily loaded), so the
/// focus moves when the router says the navigation is complete (`routing` back to false).
#[component]
fn FocusOnNavigate(routing: RwSignal<bool>) -> impl IntoView {
    let location = use_location();
    let due = StoredValue::new(false);
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.as_ref().is_some_and(|p| *p != path) {
            due.set_value(true);
        }
        path
    });
    Effect::new(move |_| {
        if !routing.get() && due.get_value() {
            due.set_value(false);
            request_animation_frame(dom::focus_heading);
        }
    });
}

/// A thin bar at the top while a page's code is being fetched (first visit to a page on a slow
/// network); screen readers hear the new page's title instead.
#[component]
fn RouteProgress(routing: RwSignal<bool>) -> impl IntoView {
    view! {
        <div class="app-route-progress" aria-hidden="true" data-testid="route-progress"
            class:app-route-progress--active=move || routing.get()></div>
    }
}
