//! `/`: "offices near me", one search box, and the offices saved on this device.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::wasm_split::SplitLoaderError;

use crate::api::client::{Api, IndexSearch};
use crate::api::Decoded;
use crate::components::combobox::{Combobox, Suggestion, SERVICE_KEY};
use crate::components::page::{use_page_title, PageHeading};
use crate::components::place_picker::PlaceChooser;
use crate::context::use_app;
use crate::domain::lookup::{classify, QueryKind};
use crate::domain::normalize::{fold, Query};
use crate::domain::search::rank_services;
use crate::i18n::{format, Locale};
use crate::model::{Meta, Place};
use crate::platform::storage;
use crate::route::FinderState;
use crate::route::Route;

/// Suggestions of each kind under the search box.
const SUGGESTIONS_PER_KIND: usize = 6;

/// Key prefix of a place suggestion: `place:<position in the current results>`.
const PLACE_KEY: &str = "place:";
/// Key prefix of an office suggestion: `office:<its path>`.
const OFFICE_KEY: &str = "office:";

/// What the index found for a text, and its suggestion lines in the locale.
type Nationwide = Option<(Lines, IndexSearch)>;

/// Suggestion lines from the index: those shown first (the office with a typed code, places)
/// and the offices, shown after services and provinces.
#[derive(Clone, Debug, Default, PartialEq)]
struct Lines {
    first: Vec<Suggestion>,
    offices: Vec<Suggestion>,
}

/// The nationwide search and its suggestion lines, in the lazily loaded search module (with the
/// index's decoders): nothing of it is in the first download.
#[leptos::wasm_split::wasm_split(split_search, wasm_split_path = ::leptos::wasm_split, fallible)]
fn nationwide_request(
    api: Api,
    meta: Arc<Decoded<Meta>>,
    typed: Arc<str>,
    locale: Locale,
) -> Result<Pin<Box<dyn Future<Output = Nationwide>>>, SplitLoaderError> {
    Ok(Box::pin(async move {
        let info = api.index(&meta.doc)?;
        let found = match api.search(&info, &typed, SUGGESTIONS_PER_KIND).await {
            Ok(found) => found,
            Err(e) => {
                leptos::logging::warn!("index search failed: {e}");
                return None;
            }
        };
        Some((suggestion_lines(&found, &meta.doc, &typed, locale), found))
    }))
}

/// Suggestion lines for what the index found: the office with a typed code, the places (key
/// `place:<n>`), the offices.
fn suggestion_lines(f: &IndexSearch, meta: &Meta, typed: &str, locale: Locale) -> Lines {
    let mut lines = Lines::default();
    let out = &mut lines.first;
    let code = match classify(typed) {
        QueryKind::OfficeCode(code) => format::digits(locale, &code),
        _ => String::new(),
    };
    for hit in &f.codes {
        out.push(Suggestion {
            key: format!(
                "{OFFICE_KEY}{}",
                Route::office_path(&hit.province_id, &hit.id)
            ),
            label: format!("{} {code}", locale.t("دفتر با کد", "Office with code")),
            hint: locale.t("دفتر", "Office").to_string(),
        });
    }
    for (i, p) in f.places.iter().take(SUGGESTIONS_PER_KIND).enumerate() {
        let province = meta
            .province(&p.province_id)
            .map(|pr| pr.name(locale).to_string())
            .unwrap_or_else(|| p.province_id.clone());
        out.push(Suggestion {
            key: format!("{PLACE_KEY}{i}"),
            label: locale.t(&p.name_fa, &p.name_en).to_string(),
            hint: format!(
                "{} {} · {}",
                locale.t("شهر در استان", "Place in"),
                province,
                format::counted(locale, p.offices as usize, "دفتر", "office", "offices")
            ),
        });
    }
    for card in f.offices.iter().take(SUGGESTIONS_PER_KIND) {
        lines.offices.push(Suggestion {
            key: format!(
                "{OFFICE_KEY}{}",
                Route::office_path(&card.province_id, &card.id)
            ),
            label: locale.t(&card.name_fa, &card.name_en).to_string(),
            hint: format!("{} · {}", locale.t("دفتر", "Office"), card.city_fa),
        });
    }
    lines
}

/// The finder for a place: its offices, nearest to its centre (no province step).
fn place_search(place: &Place) -> FinderState {
    FinderState::default().at_place(&place.name_fa, &place.province_id, place.centroid)
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
            let locale = app.locale.get();
            let api = api.clone();
            async move {
                let meta = meta.filter(|_| classify(&typed) != QueryKind::Empty)?;
                match nationwide_request(api, meta, Arc::from(typed.as_str()), locale).await {
                    Ok(search) => search.await.map(|(lines, found)| (typed, lines, found)),
                    Err(e) => {
                        leptos::logging::warn!("search module: {e}");
                        None
                    }
                }
            }
        }
    });
    // What the index found for the text now in the box (not for an earlier keystroke).
    let current_lines = move || -> Option<(Lines, IndexSearch)> {
        found
            .get()
            .flatten()
            .filter(|(typed, _, _)| *typed == text.get())
            .map(|(_, lines, f)| (lines, f))
    };
    let current = move || current_lines().map(|(_, f)| f);
    let suggestions = Signal::derive(move || {
        let query = Query::new(&text.get());
        if query.is_empty() {
            return Vec::new();
        }
        let locale = app.locale.get();
        let mut out = Vec::new();
        let nationwide = current_lines();
        if let Some((lines, _)) = &nationwide {
            // Codes and places first (what the person most likely means), offices after.
            out.extend(lines.first.iter().cloned());
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
        if let Some((lines, _)) = &nationwide {
            out.extend(lines.offices.iter().cloned());
        }
        out
    });
    let go = move |state: FinderState| {
        nav.with_value(|n| n(&Route::offices_path(&state), NavigateOptions::default()));
    };
    let on_select = Callback::new(move |s: Suggestion| {
        let mut state = FinderState::default();
        if let Some(id) = s.key.strip_prefix(SERVICE_KEY) {
            state.services.push(id.to_string());
            // Near me already found in this tab: search around it straight away.
            state.near = storage::last_location();
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
        } else if let Some(path) = s.key.strip_prefix(OFFICE_KEY) {
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
                let path = Route::office_path(&hit.province_id, &hit.id);
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
            near: storage::last_location(),
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
