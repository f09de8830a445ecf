//! A service fee: rials (the official unit) with tomans beside them; "free" and "not
//! published" are shown as different things.

use leptos::prelude::*;

use crate::context::use_app;
use crate::i18n::format::{self, FeeText};

/// The fee of a service, following the locale. `data-fee` says which case is shown
/// (`amount`, `free`, `unpublished`) for tests and styling.
#[component]
pub fn Fee(fee_rials: Option<u64>) -> impl IntoView {
    let app = use_app();
    move || {
        let locale = app.locale.get();
        match format::fee(locale, fee_rials) {
            FeeText::Amount { rials, tomans } => view! {
                <span class="app-fee" data-fee="amount">
                    <bdi class="app-fee__rials">{rials}</bdi>
                    " "
                    <span class="app-fee__tomans">"("<bdi>{tomans}</bdi>")"</span>
                </span>
            }
            .into_any(),
            FeeText::Free => view! {
                <span class="app-fee app-fee--free" data-fee="free">
                    <span class="app-tag app-tag--success">{locale.t("رایگان", "Free")}</span>
                </span>
            }
            .into_any(),
            FeeText::NotPublished => view! {
                <span class="app-fee app-fee--unpublished" data-fee="unpublished">
                    {locale.t(
                        "هزینه اعلام نشده است؛ پیش از مراجعه از دفتر یا دستگاه بپرسید.",
                        "Fee not published: ask the office or the agency before you go.",
                    )}
                </span>
            }
            .into_any(),
        }
    }
}
