//! A real 404 page for unknown routes.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::page::{use_page_title, PageHeading};
use crate::context::use_app;
use crate::route::Page;

/// The page for an address that matches no route.
#[component]
pub fn NotFound() -> impl IntoView {
    let app = use_app();
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    use_page_title(move || {
        app.locale
            .get()
            .t("صفحه پیدا نشد", "Page not found")
            .to_string()
    });
    view! {
        <section data-testid="not-found">
            <PageHeading>{t("صفحه پیدا نشد", "Page not found")}</PageHeading>
            <p>{t("نشانی‌ای که وارد کرده‌اید در پیشخوان وجود ندارد. اگر آن را تایپ کرده‌اید، درستی‌اش را بررسی کنید.",
                  "The address you used does not exist on Pishkhan. If you typed it, check that it is correct.")}</p>
            <ul>
                <li><A href=Page::Home.href()>{t("صفحهٔ اصلی", "Home page")}</A></li>
                <li><A href=Page::Offices.href()>{t("یافتن دفتر پیشخوان", "Find an office")}</A></li>
                <li><A href=Page::Services.href()>{t("فهرست خدمات", "Service catalogue")}</A></li>
            </ul>
        </section>
    }
}
