//! `/`: "offices near me", one search box, and the offices saved on this device.
//!
//! What the box suggests and where Enter goes is worked out in the lazily loaded search module
//! (`split_search`, with the index's and the services' decoders): nothing of it is in the first
//! download, which only draws the box and navigates to the path an answer names.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::wasm_split::SplitLoaderError;

use crate::api::client::{Api, IndexSearch};
use crate::api::Decoded;
use crate::components::combobox::{Combobox, Suggestion};
use crate::components::page::{use_page_title, PageHeading};
use crate::components::place_picker::PlaceChooser;
use crate::context::use_app;
use crate::domain::lookup::{classify, intent, Evidence, Intent, QueryKind};
use crate::domain::normalize::{fold, Query};
use crate::domain::search::{rank_services, service_intent};
use crate::hooks::use_answers;
use crate::i18n::{format, Locale};
use crate::model::{Channel, Meta, Place, ServicesDoc};
use crate::platform::storage;
use crate::route::FinderState;
use crate::route::Route;

/// Suggestions of each kind under the search box.
const SUGGESTIONS_PER_KIND: usize = 6;

/// What the search box shows for a text: suggestions (each one's `key` is the path it leads
/// to) and the path Enter leads to.
#[derive(Clone, Debug, Default, PartialEq)]
struct Answer {
    suggestions: Vec<Suggestion>,
    enter: String,
}

/// The answer for a text, in the lazily loaded search module.
#[leptos::wasm_split::wasm_split(split_search, wasm_split_path = ::leptos::wasm_split, fallible)]
fn answer_request(
    api: Api,
    meta: Option<Arc<Decoded<Meta>>>,
    typed: Arc<str>,
    locale: Locale,
) -> Result<Pin<Box<dyn Future<Output = Answer>>>, SplitLoaderError> {
    Ok(Box::pin(async move {
        let meta = meta.as_ref().map(|m| &m.doc);
        answer(&api, meta, &typed, locale).await
    }))
}

/// Works out the answer: the index (when the API has one) for codes, places and offices
/// nationwide, the services document for services, `meta.json` for provinces.
async fn answer(api: &Api, meta: Option<&Meta>, typed: &str, locale: Locale) -> Answer {
    let typed = typed.trim();
    let kind = classify(typed);
    let services = match crate::api::lazy::services(api).await {
        Ok(doc) => Some(doc),
        Err(e) => {
            leptos::logging::warn!("services for the search box: {e}");
            None
        }
    };
    let found = match meta.and_then(|m| api.index(m)) {
        Some(info) if kind != QueryKind::Empty => {
            match api.search(&info, typed, SUGGESTIONS_PER_KIND).await {
                Ok(found) => Some(found),
                Err(e) => {
                    leptos::logging::warn!("index search failed: {e}");
                    None
                }
            }
        }
        _ => None,
    };
    let services = services.as_ref().map(|d| &d.doc);
    Answer {
        suggestions: suggestions(typed, &kind, found.as_ref(), services, meta, locale),
        enter: enter(typed, &kind, found.as_ref(), services),
    }
}

/// The finder for a place: its offices, nearest to its centre (no province step).
fn place_search(place: &Place) -> String {
    let state = FinderState::default().at_place(&place.name_fa, &place.province_id, place.centroid);
    Route::offices_path(&state)
}

/// The place whose whole name is the text.
fn exact_place<'a>(found: &'a IndexSearch, typed: &str) -> Option<&'a Place> {
    let whole = fold(typed);
    found
        .places
        .iter()
        .find(|p| p.key == whole || fold(&p.name_en) == whole)
}

/// Where Enter goes (domain::lookup::intent): an office code → that office, a place → its
/// offices around its centre, a service → the offices offering it; anything else → the
/// finder's nationwide search, which also finishes the job when the index is absent.
fn enter(
    typed: &str,
    kind: &QueryKind,
    found: Option<&IndexSearch>,
    services: Option<&ServicesDoc>,
) -> String {
    let service = services.and_then(|doc| {
        service_intent(&doc.services, &Query::new(typed))
            .and_then(|(i, fit)| doc.services.get(i).map(|sv| (sv.id.clone(), fit)))
    });
    let mut evidence = Evidence {
        service: service.as_ref().map(|(_, fit)| *fit),
        ..Evidence::default()
    };
    let exact = found.and_then(|f| exact_place(f, typed));
    if let Some(f) = found {
        evidence.code_hits = matches!(kind, QueryKind::OfficeCode(_)).then_some(f.codes.len());
        evidence.exact_place = exact.is_some();
        evidence.places = f.places.len();
        evidence.offices = Some(f.office_total.max(f.codes.len()));
    }
    let nationwide = || {
        Route::offices_path(&FinderState {
            q: typed.to_string(),
            ..FinderState::default()
        })
    };
    match intent(kind, &evidence) {
        Intent::Office => found
            .and_then(|f| f.codes.first())
            .map(|hit| Route::office_path(&hit.province_id, &hit.id))
            .unwrap_or_else(nationwide),
        Intent::Place => exact
            .or_else(|| found.and_then(|f| f.places.first()))
            .map(place_search)
            .unwrap_or_else(nationwide),
        Intent::Service => service
            .map(|(id, _)| {
                Route::offices_path(&FinderState::for_service(&id, storage::last_location()))
            })
            .unwrap_or_else(nationwide),
        Intent::PostalCode | Intent::Offices | Intent::Nothing => nationwide(),
    }
}

/// The suggestions, in the order a person most likely means them: the office with a typed
/// code, places, services, provinces, offices.
fn suggestions(
    typed: &str,
    kind: &QueryKind,
    found: Option<&IndexSearch>,
    services: Option<&ServicesDoc>,
    meta: Option<&Meta>,
    locale: Locale,
) -> Vec<Suggestion> {
    let query = Query::new(typed);
    let mut out = Vec::new();
    if query.is_empty() {
        return out;
    }
    let province_name = |id: &str| {
        meta.and_then(|m| m.province(id))
            .map(|p| p.name(locale).to_string())
            .unwrap_or_else(|| id.to_string())
    };
    if let Some(f) = found {
        let code = match kind {
            QueryKind::OfficeCode(code) => format::digits(locale, code),
            _ => String::new(),
        };
        for hit in &f.codes {
            out.push(Suggestion {
                key: Route::office_path(&hit.province_id, &hit.id),
                label: format!("{} {code}", locale.t("دفتر با کد", "Office with code")),
                hint: format!(
                    "{} · {}",
                    locale.t("دفتر", "Office"),
                    province_name(&hit.province_id)
                ),
            });
        }
        for p in f.places.iter().take(SUGGESTIONS_PER_KIND) {
            out.push(Suggestion {
                key: place_search(p),
                label: locale.t(&p.name_fa, &p.name_en).to_string(),
                hint: format!(
                    "{} {} · {}",
                    locale.t("شهر در استان", "Place in"),
                    province_name(&p.province_id),
                    format::counted(locale, p.offices as usize, "دفتر", "office", "offices")
                ),
            });
        }
    }
    if let Some(doc) = services {
        for (i, _) in rank_services(&doc.services, &query)
            .into_iter()
            .take(SUGGESTIONS_PER_KIND)
        {
            let Some(sv) = doc.services.get(i) else {
                continue;
            };
            // A service not done at these offices (passports: Police+10): its page says where.
            let (key, hint) = if sv.has_channel(&Channel::Pishkhan) {
                (
                    Route::offices_path(&FinderState::for_service(
                        &sv.id,
                        storage::last_location(),
                    )),
                    locale.t(
                        "خدمت: دفترهایی که آن را ارائه می‌کنند",
                        "Service: offices offering it",
                    ),
                )
            } else {
                (
                    Route::service_path(&sv.id),
                    locale.t(
                        "خدمت: در این دفترها انجام نمی‌شود؛ کجا انجام می‌شود",
                        "Service: not done at these offices; where it is done",
                    ),
                )
            };
            out.push(Suggestion {
                key,
                label: sv.name(locale).to_string(),
                hint: hint.to_string(),
            });
        }
    }
    if let Some(m) = meta {
        for p in m
            .provinces
            .iter()
            .filter(|p| query.matches(&fold(&p.name_fa)) || query.matches(&fold(&p.name_en)))
            .take(SUGGESTIONS_PER_KIND)
        {
            out.push(Suggestion {
                key: Route::offices_path(&FinderState::default().in_province(Some(p.id.clone()))),
                label: p.name(locale).to_string(),
                hint: locale
                    .t("استان: دفترهای این استان", "Province: its offices")
                    .into(),
            });
        }
    }
    if let Some(f) = found {
        for card in f.offices.iter().take(SUGGESTIONS_PER_KIND) {
            out.push(Suggestion {
                key: Route::office_path(&card.province_id, &card.id),
                label: locale.t(&card.name_fa, &card.name_en).to_string(),
                hint: format!("{} · {}", locale.t("دفتر", "Office"), card.city_fa),
            });
        }
    }
    out
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
    let text = RwSignal::new(String::new());
    // Asked again in another language, and once `meta.json` has arrived.
    let found = use_answers(
        move || {
            let typed = text.with(|t| t.trim().to_string());
            let has_meta = app.meta.with(|m| matches!(m, Some(Ok(_))));
            (!typed.is_empty()).then(|| (typed, app.locale.get(), has_meta))
        },
        move |(typed, locale, _): (String, Locale, bool)| {
            let api = app.api.clone();
            let meta = app.meta.get_untracked().and_then(Result::ok);
            async move {
                match answer_request(api, meta, Arc::from(typed.as_str()), locale).await {
                    Ok(answer) => Some(answer.await),
                    Err(e) => {
                        leptos::logging::warn!("search module: {e}");
                        None
                    }
                }
            }
        },
    );
    // The answer for the text now in the box (not for an earlier keystroke).
    let current = move || -> Option<Answer> {
        let question = (
            text.with(|t| t.trim().to_string()),
            app.locale.get(),
            app.meta.with(|m| matches!(m, Some(Ok(_)))),
        );
        found.get(&question)
    };
    let suggestions = Signal::derive(move || current().map(|a| a.suggestions).unwrap_or_default());
    let go = move |path: String| nav.with_value(|n| n(&path, NavigateOptions::default()));
    let on_select = Callback::new(move |s: Suggestion| go(s.key));
    let on_submit = Callback::new(move |raw: String| {
        if raw.trim().is_empty() {
            return;
        }
        match current() {
            Some(answer) => go(answer.enter),
            // Not answered yet: the finder's nationwide search finishes the job.
            None => {
                let state = FinderState {
                    q: raw.trim().to_string(),
                    ..FinderState::default()
                };
                go(Route::offices_path(&state));
            }
        }
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
                button=Signal::derive(move || app.locale.get().t("جست‌وجو", "Search").to_string())
                action=crate::route::Page::Offices.href()/>
            <PlaceChooser base=Signal::derive(FinderState::default)/>
        </section>
        <crate::components::saved_offices::LazySavedOffices/>
    }
}
