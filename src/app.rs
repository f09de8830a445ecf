//! The application: boot (config.json → API client → context), the router and the layout.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::api::client::{Api, ApiResult};
use crate::components::layout::Layout;
use crate::config::{AppConfig, ConfigError};
use crate::i18n::Locale;
use crate::model::Meta;
use crate::pages;
use crate::platform::{dom, network, storage};

/// Everything a page needs from the app, provided as context once the configuration is loaded.
#[derive(Clone)]
pub struct AppContext {
    pub config: Arc<AppConfig>,
    pub api: Api,
    /// The UI language; changing it re-renders every text and flips `<html dir>`.
    pub locale: RwSignal<Locale>,
    /// `meta.json`, loaded once at start (provinces, closure orders, dataset version).
    pub meta: LocalResource<ApiResult<Meta>>,
    /// Device-level notices (e.g. a stored value was unreadable and discarded).
    pub notices: RwSignal<Vec<String>>,
    /// Whether the browser says it is online.
    pub online: RwSignal<bool>,
}

/// The app context. Every component below [`Shell`] has it.
pub fn use_app() -> AppContext {
    expect_context::<AppContext>()
}

/// The current locale, tracked.
pub fn use_locale() -> Locale {
    use_app().locale.get()
}

/// Installs the panic hook and mounts the app on `<body>`.
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash_screen();
    }));
    leptos::mount::mount_to_body(App);
}

/// If the impossible happens: replace the frozen page with a plain "reload" screen.
/// Static markup only (no data), and no inline script: the link itself reloads.
fn show_crash_screen() {
    let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    else {
        return;
    };
    body.set_inner_html(
        r#"<main class="app-error-page" data-testid="crash">
<h1 lang="fa" dir="rtl">مشکلی پیش آمد</h1>
<p lang="fa" dir="rtl">برنامه با خطای غیرمنتظره‌ای روبه‌رو شد. داده‌های ذخیره‌شدهٔ شما سالم است. <a href="">صفحه را دوباره بارگذاری کنید</a>.</p>
<h2 lang="en" dir="ltr">Something went wrong</h2>
<p lang="en" dir="ltr">The app hit an unexpected error. What you saved on this device is safe. <a href="">Reload the page</a>.</p>
</main>"#,
    );
}

async fn load_config() -> Result<AppConfig, ConfigError> {
    let url = dom::resolve_url("config.json")
        .ok_or_else(|| ConfigError::Unreachable("bad base URL".into()))?;
    let response = gloo_net::http::Request::get(&url)
        .cache(web_sys::RequestCache::NoCache)
        .send()
        .await
        .map_err(|e| ConfigError::Unreachable(e.to_string()))?;
    if !response.ok() {
        return Err(ConfigError::Unreachable(format!(
            "HTTP {}",
            response.status()
        )));
    }
    let text = response
        .text()
        .await
        .map_err(|e| ConfigError::Unreachable(e.to_string()))?;
    AppConfig::parse(&text)
}

/// Root component: loads `config.json`, then shows the app or a clear configuration error.
#[component]
pub fn App() -> impl IntoView {
    let config = LocalResource::new(load_config);
    move || match config.get() {
        // index.html's static "loading" placeholder stays visible meanwhile.
        None => ().into_any(),
        Some(Err(error)) => {
            dom::remove_boot_placeholder();
            view! { <pages::config_error::ConfigErrorPage error/> }.into_any()
        }
        Some(Ok(config)) => view! { <Shell config/> }.into_any(),
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
fn Shell(config: AppConfig) -> impl IntoView {
    let (initial, locale_discarded) = initial_locale(config.default_locale);
    let locale = RwSignal::new(initial);
    let notices = RwSignal::new(Vec::new());
    if locale_discarded {
        notices.update(|n: &mut Vec<String>| {
            n.push(
                initial
                    .t(
                        "زبان ذخیره‌شده روی این دستگاه خوانا نبود و پاک شد.",
                        "The language saved on this device could not be read and was cleared.",
                    )
                    .to_string(),
            )
        });
    }
    Effect::new(move |_| dom::set_document_locale(locale.get()));

    let api_base =
        dom::resolve_url(&config.api_base_url).unwrap_or_else(|| config.api_base_url.clone());
    let api = Api::new(&api_base, config.request_timeout_ms);
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
        notices,
        online,
    });
    network::register_service_worker();
    dom::remove_boot_placeholder();

    view! {
        <Router base=dom::router_base()>
            <FocusOnNavigate/>
            <Layout>
                <Routes fallback=|| view! { <pages::not_found::NotFound/> }>
                    <Route path=path!("/") view=pages::home::HomePage/>
                    <Route path=path!("/offices") view=pages::offices::OfficesPage/>
                    <Route path=path!("/offices/:province/:id") view=pages::office::OfficePage/>
                    <Route path=path!("/services") view=pages::services::ServicesPage/>
                    <Route path=path!("/services/:id") view=pages::service::ServicePage/>
                    <Route path=path!("/licences") view=pages::licences::LicencesPage/>
                    <Route path=path!("/licences/:province/:number") view=pages::licence::LicencePage/>
                    <Route path=path!("/dashboard") view=pages::dashboard::DashboardPage/>
                    <Route path=path!("/about") view=pages::about::AboutPage/>
                </Routes>
            </Layout>
        </Router>
    }
}

/// After client-side navigation to another page, move focus to its `<h1>` so keyboard and
/// screen-reader users land at the new content (no focus move on the first load, or when only the query changes).
#[component]
fn FocusOnNavigate() -> impl IntoView {
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.as_ref().is_some_and(|p| *p != path) {
            request_animation_frame(dom::focus_heading);
        }
        path
    });
}
