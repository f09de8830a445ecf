//! Page-level conventions: the document title and the one `<h1>` per page.

use leptos::prelude::*;

use crate::context::use_app;
use crate::platform::dom;

/// Keeps `document.title` as "<page> — پیشخوان" / "<page> — Pishkhan", following the locale.
pub fn use_page_title(title: impl Fn() -> String + 'static) {
    let app = use_app();
    Effect::new(move |_| {
        let locale = app.locale.get();
        dom::set_title(&format!(
            "{} — {}",
            title(),
            locale.t("پیشخوان", "Pishkhan")
        ));
    });
}

/// The page's heading: focusable from script (focus moves here after navigation) but not in the tab order.
#[component]
pub fn PageHeading(children: Children) -> impl IntoView {
    view! { <h1 tabindex="-1" id="page-heading">{children()}</h1> }
}

/// A polite "loading…" line.
#[component]
pub fn Loading(#[prop(optional, into)] label: Option<Signal<String>>) -> impl IntoView {
    let app = use_app();
    let text = move || {
        label.map(|l| l.get()).unwrap_or_else(|| {
            app.locale
                .get()
                .t("در حال بارگذاری…", "Loading…")
                .to_string()
        })
    };
    view! { <p class="app-loading" role="status" aria-live="polite">{text}</p> }
}
