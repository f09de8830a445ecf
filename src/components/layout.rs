//! The page frame: skip link, header with navigation, the officials' sign-in (when configured)
//! and the language switch, footer.

use leptos::prelude::*;
use leptos_router::components::A;

use super::sign_in::AccountControl;
use crate::context::use_app;
use crate::i18n::Text;
use crate::i18n::{format, Locale};
use crate::platform::storage;
use crate::route::Page;

/// Skip link, header, device notices, `<main>` with the routed page, footer.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let app = use_app();
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    let menu_open = RwSignal::new(false);
    // A link followed from the menu closes it.
    let location = leptos_router::hooks::use_location();
    // "Saved offices" is offered once this device has some (checked on every navigation).
    let has_saved = RwSignal::new(false);
    Effect::new(move |_| {
        location.pathname.track();
        location.search.track();
        menu_open.set(false);
        has_saved.set(
            storage::get_raw(storage::keys::SAVED_OFFICES)
                .is_some_and(|raw| !matches!(raw.trim(), "" | "[]")),
        );
    });
    view! {
        // With `<base href>` set, a bare "#main-content" would resolve against the base URL and
        // navigate to the home page; focus the main element instead.
        <a class="app-skip-link" href="#main-content"
            on:click=|ev| {
                ev.prevent_default();
                crate::platform::dom::focus_id("main-content");
            }>
            {t("رفتن به محتوای اصلی", "Skip to main content")}
        </a>
        <header class="app-header">
            <div class="app-header__inner">
                <A href=Page::Home.href() attr:class="app-header__brand">
                    <span>{t("پیشخوان", "Pishkhan")}</span>
                </A>
                // On a phone the navigation folds behind "Menu", so the header is one row.
                <button type="button" class="app-menu-toggle" data-testid="menu-toggle"
                    aria-controls="app-nav" aria-expanded=move || if menu_open.get() { "true" } else { "false" }
                    on:click=move |_| menu_open.update(|o| *o = !*o)>
                    {t("منو", "Menu")}
                </button>
                <nav id="app-nav" class="app-nav" aria-label=t("ناوبری اصلی", "Main navigation")
                    data-open=move || menu_open.get().then_some("")>
                    <ul class="app-nav__list">
                        <li><A href=Page::Offices.href() attr:class="app-nav__link">{t("یافتن دفتر", "Find an office")}</A></li>
                        <li><A href=Page::Services.href() attr:class="app-nav__link">{t("خدمات", "Services")}</A></li>
                        <Show when=move || has_saved.get()>
                            <li><a href=format!("{}#saved-offices", Page::Home.href()) class="app-nav__link" data-testid="nav-saved">{t("دفترهای ذخیره‌شده", "Saved offices")}</a></li>
                        </Show>
                        <li><A href=Page::Licences.href() attr:class="app-nav__link">{t("پروانه‌ها", "Licences")}</A></li>
                        <li><A href=Page::Dashboard.href() attr:class="app-nav__link">{t("داشبورد استانی", "Dashboard")}</A></li>
                        <li><A href=Page::About.href() attr:class="app-nav__link">{t("درباره", "About")}</A></li>
                    </ul>
                </nav>
                <AccountControl/>
                <LanguageSwitch/>
            </div>
        </header>
        <OfflineBanner/>
        <DeviceNotices/>
        <main id="main-content" class="app-main" tabindex="-1">
            {children()}
        </main>
        <Footer/>
    }
}

/// fa ⇄ en. The button is labelled in the language it switches to, with that language's `lang`.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let app = use_app();
    let switch = move |_| {
        let next = app.locale.get_untracked().other();
        app.locale.set(next);
        if !storage::set_raw(storage::keys::LOCALE, next.code()) {
            app.notices.push(Text::new(
                "زبان انتخابی روی این دستگاه ذخیره نشد.",
                "Your language choice could not be saved on this device.",
            ));
        }
    };
    view! {
        <button type="button" class="app-lang-switch" data-testid="lang-switch"
            lang=move || app.locale.get().other().code()
            on:click=switch>
            {move || match app.locale.get() {
                Locale::Fa => "English",
                Locale::En => "فارسی",
            }}
        </button>
    }
}

/// "Offline — data from <date>": shown when the browser is offline or data comes from saved copies.
#[component]
fn OfflineBanner() -> impl IntoView {
    let app = use_app();
    let copy = app.api.offline_copy();
    move || {
        let locale = app.locale.get();
        let saved = copy.get();
        let offline = !app.online.get();
        (offline || saved.is_some()).then(|| {
            let date = saved.map(|d| format::date(locale, crate::domain::iran_time::iran_now(d).date()));
            let text = match (offline, date) {
                (true, Some(d)) => format!("{} {d}{}", locale.t("آفلاین هستید — داده‌های ذخیره‌شده از", "You are offline — showing data saved on"), locale.t(". آنچه روی این دستگاه ذخیره نشده نمایش داده نمی‌شود.", ". Anything not saved on this device cannot be shown.")),
                (true, None) => locale.t("آفلاین هستید. فقط آنچه پیش‌تر روی این دستگاه ذخیره شده نمایش داده می‌شود.", "You are offline. Only what was saved on this device before can be shown.").to_string(),
                (false, Some(d)) => format!("{} {d}{}", locale.t("اتصال ناپایدار است — بخشی از داده‌ها نسخهٔ ذخیره‌شده از", "The connection is unreliable — some data is the copy saved on"), locale.t(" است.", ".")),
                (false, None) => String::new(),
            };
            view! { <div class="app-banner" role="status" data-testid="offline-banner">{text}</div> }
        })
    }
}

/// Notices about this device (e.g. a saved value could not be read), dismissible.
#[component]
fn DeviceNotices() -> impl IntoView {
    let app = use_app();
    move || {
        let notices = app.notices.0.get();
        (!notices.is_empty()).then(|| {
            view! {
                <div class="app-banner" role="status" data-testid="device-notice">
                    {notices.into_iter().map(|n| view! { <p>{move || n.get(app.locale.get())}</p> }).collect_view()}
                    <button type="button" class="app-button app-button--link"
                        on:click=move |_| app.notices.0.set(Vec::new())>
                        {move || app.locale.get().t("بستن", "Dismiss")}
                    </button>
                </div>
            }
        })
    }
}

/// Dataset version and date, and the data credit.
#[component]
fn Footer() -> impl IntoView {
    let app = use_app();
    let dataset = move || {
        let locale = app.locale.get();
        match app.meta.get() {
            Some(Ok(meta)) => format!(
                "{} {} · {}",
                locale.t("نسخهٔ داده:", "Dataset:"),
                meta.doc.dataset_version,
                format::date(locale, meta.doc.generated_at.date_naive())
            ),
            Some(Err(_)) => locale
                .t("داده در دسترس نیست", "Data unavailable")
                .to_string(),
            None => locale
                .t("در حال بارگذاری داده…", "Loading data…")
                .to_string(),
        }
    };
    view! {
        <footer class="app-footer">
            <div class="app-footer__inner">
                <p data-testid="dataset-version"><bdi>{dataset}</bdi></p>
                <p>
                    <A href=Page::About.href()>{move || app.locale.get().t("منبع داده و مجوز", "Data source and licence")}</A>
                </p>
            </div>
        </footer>
    }
}
