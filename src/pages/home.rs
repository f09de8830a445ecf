//! `/`: "offices near me", one search box, and the offices saved on this device.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::components::combobox::{Combobox, Suggestion, SERVICE_KEY};
use crate::components::page::{use_page_title, PageHeading};
use crate::components::place_picker::PlaceChooser;
use crate::context::use_app;
use crate::domain::normalize::{fold, Query};
use crate::domain::search::rank_services;
use crate::model::LatLon;
use crate::platform::storage;
use crate::route::FinderState;
use crate::route::Route;

/// Suggestions of each kind under the search box.
const SUGGESTIONS_PER_KIND: usize = 6;

/// The position "near me" found earlier in this tab, if any.
fn last_location() -> Option<LatLon> {
    storage::session_get_raw(storage::keys::LAST_LOCATION)
        .and_then(|raw| serde_json::from_str::<LatLon>(&raw).ok())
        .filter(LatLon::is_valid)
}

/// The page for `/`.
#[component]
pub fn HomePage() -> impl IntoView {
    let app = use_app();
    let nav = StoredValue::new_local(use_navigate());
    use_page_title(move || {
        app.locale
            .get()
            .t("دفاتر پیشخوان خدمات دولت", "Government service offices")
            .to_string()
    });
    let api = app.api.clone();
    let services = LocalResource::new(move || {
        let api = api.clone();
        async move { crate::api::lazy::services(&api).await }
    });
    let text = RwSignal::new(String::new());
    let suggestions = Signal::derive(move || {
        let query = Query::new(&text.get());
        if query.is_empty() {
            return Vec::new();
        }
        let locale = app.locale.get();
        let mut out = Vec::new();
        if let Some(Ok(doc)) = services.get() {
            for (i, _) in rank_services(&doc.doc.services, &query)
                .into_iter()
                .take(SUGGESTIONS_PER_KIND)
            {
                if let Some(sv) = doc.doc.services.get(i) {
                    out.push(Suggestion::service(
                        sv,
                        locale,
                        locale.t(
                            "خدمت: دفترهایی که آن را ارائه می‌کنند",
                            "Service: offices offering it",
                        ),
                    ));
                }
            }
        }
        if let Some(Ok(meta)) = app.meta.get() {
            for p in meta
                .doc
                .provinces
                .iter()
                .filter(|p| query.matches(&fold(&p.name_fa)) || query.matches(&fold(&p.name_en)))
                .take(SUGGESTIONS_PER_KIND)
            {
                out.push(Suggestion {
                    key: format!("province:{}", p.id),
                    label: p.name(locale).to_string(),
                    hint: locale
                        .t("استان: دفترهای این استان", "Province: its offices")
                        .into(),
                });
            }
        }
        out
    });
    let go = move |state: FinderState| {
        nav.with_value(|n| n(&Route::Offices(state).path(), NavigateOptions::default()));
    };
    let on_select = Callback::new(move |s: Suggestion| {
        let mut state = FinderState::default();
        if let Some(id) = s.key.strip_prefix(SERVICE_KEY) {
            state.services.push(id.to_string());
            // Near me already found in this tab: search around it straight away.
            state.near = last_location();
        } else if let Some(id) = s.key.strip_prefix("province:") {
            state.province = Some(id.to_string());
        }
        go(state);
    });
    let on_submit = Callback::new(move |raw: String| {
        let state = FinderState {
            q: raw.trim().to_string(),
            near: last_location(),
            ..FinderState::default()
        };
        go(state);
    });
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    view! {
        <section class="app-hero finder-home">
            <PageHeading>{t("نزدیک‌ترین دفتر پیشخوان باز را پیدا کنید", "Find the nearest open service office")}</PageHeading>
            <p class="app-lead">{t(
                "دفترهای پیشخوان خدمات دولت و دفترهای ICT روستایی: ساعت کار، خدمات، مسیر و وضعیت پروانه.",
                "Government service counters and rural ICT offices: opening hours, services, directions and licence status.",
            )}</p>
            <Combobox id="home-search"
                label=Signal::derive(move || app.locale.get().t("جست‌وجوی خدمت یا استان", "Search for a service or province").to_string())
                hint=Signal::derive(move || app.locale.get().t("مثلاً «کارت ملی هوشمند» یا «البرز»", "For example “smart ID card” or “Alborz”").to_string())
                value=text suggestions on_select on_submit
                button=Signal::derive(move || app.locale.get().t("جست‌وجو", "Search").to_string())/>
            <PlaceChooser base=Signal::derive(FinderState::default)/>
        </section>
        <crate::components::saved_offices::LazySavedOffices/>
    }
}
