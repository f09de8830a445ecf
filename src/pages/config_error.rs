//! Shown instead of the app when `config.json` is missing or wrong: bilingual, naming the problem.

use leptos::prelude::*;

use crate::config::ConfigError;
use crate::i18n::messages;
use crate::platform::dom;

/// The configuration error page (the locale is unknown here, so both languages are shown).
#[component]
pub fn ConfigErrorPage(error: ConfigError) -> impl IntoView {
    let (fa, en) = messages::config_error(&error);
    dom::set_title("خطای پیکربندی — Configuration error");
    view! {
        <main class="app-error-page" data-testid="config-error">
            <div lang="fa" dir="rtl">
                <h1>"پیشخوان راه‌اندازی نشد"</h1>
                <p>{fa}</p>
                <p>"اگر مسئول این وبگاه هستید، فایل config.json را کنار index.html بررسی کنید."</p>
            </div>
            <div lang="en" dir="ltr">
                <h2>"Pishkhan could not start"</h2>
                <p><code>{en}</code></p>
                <p>"If you run this site, check config.json next to index.html (see the deployment guide)."</p>
            </div>
        </main>
    }
}
