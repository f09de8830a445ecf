//! `/`: "offices near me", one search box, and the offices saved on this device.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::api::client::IndexSearch;
use crate::components::combobox::{Combobox, Suggestion, SERVICE_KEY};
use crate::components::page::{use_page_title, PageHeading};
use crate::components::place_picker::PlaceChooser;
use crate::context::use_app;
use crate::domain::lookup::{classify, QueryKind};
use crate::domain::normalize::{fold, Query};
use crate::domain::search::rank_services;
use crate::i18n::{format, Locale};
use crate::model::{LatLon, Place};
use crate::platform::storage;
use crate::route::FinderState;
use crate::route::Route;

/// Suggestions of each kind under the search box.
const SUGGESTIONS_PER_KIND: usize = 6;

/// Key prefix of a place suggestion: `place:<position in the current results>`.
const PLACE_KEY: &str = "place:";

/// The finder for a place: its offices, nearest to its centre (no province step); a place
/// without a known centre is searched by province and city.
fn place_search(place: &Place) -> FinderState {
    match place.centroid.filter(LatLon::is_valid) {
        Some(centre) => FinderState {
            city: Some(place.name_fa.clone()),
            ..FinderState::default().near(centre)
        },
        None => FinderState {
            province: Some(place.province_id.clone()),
            city: Some(place.name_fa.clone()),
            ..FinderState::default()
        },
    }
}

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
    // Nationwide, through the index when the API has one: places, offices and codes found
    // without loading any province (an API without an index suggests services and provinces).
    // `meta.json` announces an index (whether it is usable is checked where it is read).
    let indexed_meta = Memo::new(move |_| match app.meta.get() {
        Some(Ok(m)) if m.doc.index_json.is_some() => Some(m),
        _ => None,
    });
    let found = LocalResource::new({
        let api = app.api.clone();
        move || {
            let typed = text.get();
            let meta = indexed_meta.get();
            let api = api.clone();
            async move {
                match meta {
                    Some(meta) if classify(&typed) != QueryKind::Empty => {
                        match crate::api::lazy::search(&api, meta, &typed, SUGGESTIONS_PER_KIND)
                            .await
                        {
                            Ok(found) => Some((typed, found)),
                            Err(e) => {
                                leptos::logging::warn!("index search failed: {e}");
                                None
                            }
                        }
                    }
                    _ => None,
                }
            }
        }
    });
    // What the index found for the text now in the box (not for an earlier keystroke).
    let current = move || -> Option<IndexSearch> {
        found
            .get()
            .flatten()
            .filter(|(typed, _)| *typed == text.get())
            .map(|(_, f)| f)
    };
    let suggestions = Signal::derive(move || {
        let query = Query::new(&text.get());
        if query.is_empty() {
            return Vec::new();
        }
        let locale = app.locale.get();
        let mut out = Vec::new();
        let nationwide = current();
        if let Some(f) = &nationwide {
            for hit in &f.codes {
                out.push(Suggestion {
                    key: format!("office:{}", Route::office(&hit.province_id, &hit.id).path()),
                    label: format!(
                        "{} {}",
                        locale.t("دفتر با کد", "Office with code"),
                        match classify(&text.get_untracked()) {
                            QueryKind::OfficeCode(code) => format::digits(locale, &code),
                            _ => String::new(),
                        }
                    ),
                    hint: locale.t("دفتر", "Office").to_string(),
                });
            }
            for (i, p) in f.places.iter().take(SUGGESTIONS_PER_KIND).enumerate() {
                let province = app
                    .meta
                    .get()
                    .and_then(Result::ok)
                    .and_then(|m| {
                        m.doc
                            .province(&p.province_id)
                            .map(|pr| pr.name(locale).to_string())
                    })
                    .unwrap_or_else(|| p.province_id.clone());
                let name = match locale {
                    Locale::Fa => p.name_fa.clone(),
                    Locale::En => p.name_en.clone(),
                };
                out.push(Suggestion {
                    key: format!("{PLACE_KEY}{i}"),
                    label: name,
                    hint: format!(
                        "{} {} · {}",
                        locale.t("شهر در استان", "Place in"),
                        province,
                        format::counted(locale, p.offices as usize, "دفتر", "office", "offices")
                    ),
                });
            }
        }
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
        if let Some(f) = &nationwide {
            for card in f.offices.iter().take(SUGGESTIONS_PER_KIND) {
                let name = match locale {
                    Locale::Fa => card.name_fa.clone(),
                    Locale::En => card.name_en.clone(),
                };
                out.push(Suggestion {
                    key: format!(
                        "office:{}",
                        Route::office(&card.province_id, &card.id).path()
                    ),
                    label: name,
                    hint: format!("{} · {}", locale.t("دفتر", "Office"), card.city_fa),
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
        } else if let Some(i) = s.key.strip_prefix(PLACE_KEY) {
            let place = current().and_then(|f| {
                i.parse::<usize>()
                    .ok()
                    .and_then(|i| f.places.get(i).cloned())
            });
            if let Some(place) = place {
                state = place_search(&place);
            }
        } else if let Some(path) = s.key.strip_prefix("office:") {
            let path = path.to_string();
            nav.with_value(|n| n(&path, NavigateOptions::default()));
            return;
        }
        go(state);
    });
    let on_submit = Callback::new(move |raw: String| {
        // The obvious thing first: the one office with this code, or the place named.
        if let Some(f) = current() {
            if let [hit] = f.codes.as_slice() {
                let path = Route::office(&hit.province_id, &hit.id).path();
                nav.with_value(|n| n(&path, NavigateOptions::default()));
                return;
            }
            let exact = f.places.first().filter(|p| {
                let typed = fold(raw.trim());
                p.key == typed || fold(&p.name_en) == typed
            });
            if let Some(place) = exact {
                go(place_search(place));
                return;
            }
        }
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
                label=Signal::derive(move || app.locale.get().t("جست‌وجوی شهر، دفتر یا خدمت", "Search for a place, an office or a service").to_string())
                hint=Signal::derive(move || app.locale.get().t("مثلاً «کرج»، کد دفتر یا «کارت ملی هوشمند»", "For example “Karaj”, an office code or “smart ID card”").to_string())
                value=text suggestions on_select on_submit
                button=Signal::derive(move || app.locale.get().t("جست‌وجو", "Search").to_string())/>
            <PlaceChooser base=Signal::derive(FinderState::default)/>
        </section>
        <crate::components::saved_offices::LazySavedOffices/>
    }
}
