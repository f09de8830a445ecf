//! (Being built: see the issue for this route.)

use leptos::prelude::*;

use crate::app::use_app;
use crate::components::page::{use_page_title, PageHeading};

/// The page for this route.
#[component]
pub fn HomePage() -> impl IntoView {
    let app = use_app();
    use_page_title(move || {
        app.locale
            .get()
            .t("دفاتر پیشخوان خدمات دولت", "Government service offices")
            .to_string()
    });
    view! { <PageHeading>{move || app.locale.get().t("دفاتر پیشخوان خدمات دولت", "Government service offices")}</PageHeading> }
}
