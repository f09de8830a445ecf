//! `/dashboard/gaps`: who is far from an office. For a province (or the country) and
//! optionally one service, the populated places farther than 5, 10, 30 or 50 km from the
//! nearest open office (offering that service), ranked by people, with the totals, a map
//! and CSV/GeoJSON downloads. Everything shown is in the URL ([`GapState`]).
//!
//! The places come from the index (`index/population.json`, else the places of
//! `index/places.json` that have a population); the offices from the province documents of
//! the province and of every province within 50 km of it (the one loader), so a place near a
//! border finds the office across it. The distances are computed here, a slice per frame.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::ApiError;
use crate::components::map::OfficeMap;
use crate::components::page::{use_page_title, PageHeading};
use crate::components::province_load::{province_name, FailedProvinces, LoadProgress};
use crate::components::states::{with_document, ErrorNotice, Loading};
use crate::context::use_app;
use crate::domain::collate;
use crate::domain::gaps::{
    gap_offices, gap_places, gap_report, gaps_csv, gaps_geojson, provinces_to_load, GapOffice,
    GapPlace, GapReport, GapScan,
};
use crate::hooks::{use_province_docs, LoadFuture, ProvinceDocs};
use crate::i18n::{format, Locale};
use crate::model::{Meta, Office};
use crate::platform::leaflet::Marker;
use crate::platform::{clock, dom, timer};
use crate::route::{GapState, Route, UrlState, THRESHOLDS_KM};

/// Offices are loaded for every province within the largest threshold, so changing the
/// threshold never waits for the network.
const REACH_KM: f64 = 50.0;

/// Distance computations (place × office pairs) per slice: a few milliseconds of work, so
/// no frame is blocked for long even on a national scan.
const PAIRS_PER_SLICE: usize = 400_000;

/// Rows of the table shown at first and added by "show more".
const ROWS_PER_PAGE: usize = 100;

/// The coverage-gap page.
#[component]
pub fn GapsPage() -> impl IntoView {
    let app = use_app();
    use_page_title(move || {
        app.locale
            .get()
            .t("مکان‌های دور از دفتر", "Places far from an office")
            .to_string()
    });
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    view! {
        <PageHeading>{t("مکان‌های دور از دفتر", "Places far from an office")}</PageHeading>
        <p class="app-lead">{t(
            "شهرها و روستاهایی که از نزدیک‌ترین دفتر باز (که خدمت انتخاب‌شده را ارائه می‌دهد) دورترند، و جمعیت آن‌ها؛ برای تصمیم کارگروه‌های استانی دربارهٔ دفاتر تازه.",
            "Cities and villages farther than a chosen distance from the nearest open office (offering the chosen service), and how many people live there: for the provincial working groups deciding where new offices are needed.",
        )}</p>
        <p><A href=Route::Dashboard.href()>{t("بازگشت به داشبورد استانی", "Back to the provincial dashboard")}</A></p>
        {with_document(app.meta, |meta| view! { <Gaps meta=Arc::new(meta.doc.clone())/> })}
    }
}

/// The offices of one province document.
type ProvinceOffices = Arc<Vec<Office>>;

/// A finished scan: the places and offices it was made over, and each place's nearest.
#[derive(Clone)]
struct Scanned {
    /// The state (province, service) it answers.
    key: (Option<String>, Option<String>),
    places: Arc<Vec<GapPlace>>,
    offices: Arc<Vec<GapOffice>>,
    scan: Arc<GapScan>,
}

impl PartialEq for Scanned {
    /// The same scan, not merely an equal one (comparing every distance would cost more).
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key && Arc::ptr_eq(&self.scan, &other.scan)
    }
}

/// The view once `meta.json` is there.
#[component]
fn Gaps(meta: Arc<Meta>) -> impl IntoView {
    let app = use_app();
    let query = use_query_map();
    let state = Memo::new(move |_| {
        query.with(|q| GapState::from_query(&|k| q.get_all(k).unwrap_or_default()))
    });
    let navigate = use_navigate();
    let apply = Callback::new(move |next: GapState| {
        navigate(
            &Route::Gaps(next).path(),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    });
    let edit = move |change: &dyn Fn(&mut GapState)| {
        let mut next = state.get_untracked();
        change(&mut next);
        apply.run(next);
    };

    // The populated places: index/population.json, else index/places.json's places with a
    // population; `Ok(None)` when the API has no index to take them from.
    let api = app.api.clone();
    let info = api.index(&meta);
    let places = LocalResource::new(move || {
        let api = api.clone();
        let info = info.clone();
        async move {
            let Some(info) = info else {
                return Ok::<_, ApiError>(None);
            };
            let list = match api.population(&info).await? {
                Some(doc) => gap_places(Some(&doc.doc.places), &[]),
                None => gap_places(None, &api.places(&info).await?.doc.places),
            };
            Ok(Some(Arc::new(list)))
        }
    });

    let api = app.api.clone();
    let docs: ProvinceDocs<ProvinceOffices> = use_province_docs(move |id| {
        let api = api.clone();
        Box::pin(async move {
            let doc = api.offices(&id).await?;
            Ok(Arc::new(doc.doc.offices.clone()))
        }) as LoadFuture<ProvinceOffices>
    });
    let provinces = meta.provinces.clone();
    Effect::new(move |_| {
        let chosen = state.with(|s| s.province.clone());
        docs.set_ids(&provinces_to_load(&provinces, chosen.as_deref(), REACH_KM));
    });

    // The scan: restarted whenever the province, the service or the data change; a newer
    // scan makes an older one stop at its next slice.
    let scanned = RwSignal::new(None::<Scanned>);
    let scanning = RwSignal::new(false);
    let generation = StoredValue::new(0u64);
    // What the scan depends on: a new threshold only re-ranks, it does not rescan.
    let scan_key = Memo::new(move |_| state.with(|s| (s.province.clone(), s.service.clone())));
    Effect::new(move |_| {
        let key = scan_key.get();
        let Some(Ok(Some(all_places))) = places.get() else {
            return;
        };
        if docs.pending() || !docs.failed().is_empty() {
            return;
        }
        let loaded = docs.loaded();
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        let chosen: Vec<GapPlace> = all_places
            .iter()
            .filter(|p| key.0.as_ref().is_none_or(|id| p.province_id == *id))
            .cloned()
            .collect();
        let offices = gap_offices(
            loaded.iter().flat_map(|(_, list)| list.iter()),
            key.1.as_deref(),
        );
        let (chosen, offices) = (Arc::new(chosen), Arc::new(offices));
        scanning.set(true);
        spawn_local(async move {
            let mut scan = GapScan::default();
            let per_slice = (PAIRS_PER_SLICE / offices.len().max(1)).max(1);
            while !scan.step(&chosen, &offices, per_slice) {
                timer::sleep(0).await;
                if generation.try_get_value() != Some(mine) {
                    return;
                }
            }
            if generation.try_get_value() == Some(mine) {
                let _ = scanned.try_set(Some(Scanned {
                    key,
                    places: chosen,
                    offices,
                    scan: Arc::new(scan),
                }));
                let _ = scanning.try_set(false);
            }
        });
    });

    // The scan that answers the current state, if it is done.
    let current = Memo::new(move |_| {
        let key = scan_key.get();
        scanned
            .get()
            .filter(|s| s.key == key)
            .map(|s| (s.clone(), state.with(|st| st.km)))
    });
    let report = Memo::new(move |_| {
        current.with(|c| {
            c.as_ref()
                .map(|(s, km)| Arc::new(gap_report(&s.places, &s.scan, f64::from(*km))))
        })
    });

    let services = LocalResource::new({
        let api = app.api.clone();
        move || {
            let api = api.clone();
            async move { api.services().await.ok() }
        }
    });

    let meta_for_names = meta.clone();
    let province_of =
        move |id: &str, locale: Locale| province_name(Some(&meta_for_names), id, locale);
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);

    let province_options = {
        let meta = meta.clone();
        move || {
            let locale = app.locale.get();
            let mut list: Vec<(String, String)> = meta
                .provinces
                .iter()
                .map(|p| (p.id.clone(), p.name(locale).to_string()))
                .collect();
            collate::sort_by_name(&mut list, locale, |p| &p.1);
            let current = state.with(|s| s.province.clone());
            list.into_iter()
                .map(|(id, name)| {
                    let selected = current.as_deref() == Some(id.as_str());
                    view! { <option value=id selected=selected dir="auto">{name}</option> }
                })
                .collect_view()
        }
    };
    let service_options = move || {
        let locale = app.locale.get();
        let current = state.with(|s| s.service.clone());
        let mut list: Vec<(String, String)> = services
            .get()
            .flatten()
            .map(|d| {
                d.doc
                    .services
                    .iter()
                    .map(|s| (s.id.clone(), s.name(locale).to_string()))
                    .collect()
            })
            .unwrap_or_default();
        collate::sort_by_name(&mut list, locale, |s| &s.1);
        list.into_iter()
            .map(|(id, name)| {
                let selected = current.as_deref() == Some(id.as_str());
                view! { <option value=id selected=selected dir="auto">{name}</option> }
            })
            .collect_view()
    };
    let service_name = move |locale: Locale| {
        let id = state.with(|s| s.service.clone())?;
        let name = services.get().flatten().and_then(|d| {
            d.doc
                .services
                .iter()
                .find(|s| s.id == id)
                .map(|s| s.name(locale).to_string())
        });
        Some(name.unwrap_or(id))
    };
    let thresholds = move || {
        THRESHOLDS_KM
            .into_iter()
            .map(|km| {
                let id = format!("gaps-km-{km}");
                view! {
                    <div class="app-checkbox">
                        <input type="radio" name="gaps-km" id=id.clone() value=km.to_string()
                            prop:checked=move || state.with(|s| s.km == km)
                            on:change=move |_| edit(&|s| s.km = km)/>
                        <label for=id>{move || format::radius(app.locale.get(), f64::from(km))}</label>
                    </div>
                }
            })
            .collect_view()
    };

    let status = {
        let province_of = province_of.clone();
        move || {
            let locale = app.locale.get();
            match places.get() {
                None => return view! { <Loading/> }.into_any(),
                Some(Err(e)) => {
                    return view! { <ErrorNotice error=e on_retry=Callback::new(move |_| places.refetch())/> }.into_any()
                }
                Some(Ok(None)) => {
                    return view! {
                        <p class="app-notice app-notice--warning" data-testid="gaps-unavailable">{locale.t(
                            "این API جمعیت مکان‌ها را منتشر نمی‌کند (سند شاخص ندارد)، پس فاصلهٔ مردم تا دفاتر را نمی‌توان حساب کرد.",
                            "This API publishes no place populations (it has no index), so the distance from people to offices cannot be computed.",
                        )}</p>
                    }
                    .into_any()
                }
                Some(Ok(Some(_))) => {}
            }
            if !docs.failed().is_empty() {
                return view! {
                    <p class="app-notice app-notice--warning" data-testid="gaps-incomplete">{locale.t(
                        "دادهٔ برخی استان‌ها نرسید؛ تا همه نرسند فاصله‌ها را حساب نمی‌کنیم، چون دفتری که نرسیده ممکن است نزدیک‌ترین باشد.",
                        "Some provinces' data did not arrive; the distances wait for all of them, as a missing office might be the nearest.",
                    )}</p>
                }
                .into_any();
            }
            match report.get() {
                None => view! { <Loading label=Signal::derive(move || app.locale.get().t("در حال محاسبهٔ فاصله‌ها…", "Computing the distances…").to_string())/> }.into_any(),
                Some(r) => {
                    let (km, where_) = state.with(|s| (s.km, s.province.clone()));
                    let where_name = match &where_ {
                        Some(id) => province_of(id, locale),
                        None => locale.t("کل کشور", "the whole country").to_string(),
                    };
                    let sentence = totals_sentence(locale, &r, km, &where_name, service_name(locale).as_deref());
                    view! { <p class="app-gaps__totals" data-testid="gaps-totals" role="status"
                        data-places=r.rows.len().to_string() data-population=r.population_beyond.to_string()>{sentence}</p> }.into_any()
                }
            }
        }
    };

    let shown = RwSignal::new(ROWS_PER_PAGE);
    Effect::new(move |_| {
        state.track();
        shown.set(ROWS_PER_PAGE);
    });
    let table = {
        let province_of = province_of.clone();
        move || {
            let locale = app.locale.get();
            let (Some((s, _)), Some(r)) = (current.get(), report.get()) else {
                return None;
            };
            if r.rows.is_empty() {
                return Some(view! {
                    <p data-testid="gaps-none">{locale.t("هیچ مکانی دورتر از این فاصله نیست.", "No place is farther than this.")}</p>
                }.into_any());
            }
            let limit = shown.get();
            let rows = r
                .rows
                .iter()
                .take(limit)
                .enumerate()
                .filter_map(|(rank, row)| {
                    let p = s.places.get(row.place)?;
                    let office = row.nearest.and_then(|(i, _)| s.offices.get(i)).cloned();
                    let km = row.nearest.map(|(_, km)| km);
                    Some(view! {
                        <tr data-testid="gap-row" data-population=p.population.to_string()
                            data-km=km.map(|k| format!("{k:.1}")).unwrap_or_default()>
                            <td class="app-table__num">{format::count(locale, rank + 1)}</td>
                            <th scope="row"><bdi>{p.name(locale).to_string()}</bdi></th>
                            <td><bdi>{province_of(&p.province_id, locale)}</bdi></td>
                            <td class="app-table__num">{format::integer(locale, p.population)}</td>
                            <td class="app-table__num">{match km {
                                Some(k) => format::km(locale, k),
                                None => locale.t("هیچ دفتری", "no office").to_string(),
                            }}</td>
                            <td>{office.map(|o| view! {
                                <A href=Route::office(&o.province_id, &o.id).href()><bdi dir="ltr">{format::digits(locale, &o.code)}</bdi></A>
                            })}</td>
                        </tr>
                    })
                })
                .collect_view();
            let more = (r.rows.len() > limit).then(|| {
                let left = r.rows.len() - limit;
                view! {
                    <button type="button" class="app-button app-button--secondary" data-testid="gaps-more"
                        on:click=move |_| shown.update(|n| *n += ROWS_PER_PAGE)>
                        {match locale {
                            Locale::Fa => format!("نمایش {} مکان دیگر", format::count(locale, left.min(ROWS_PER_PAGE))),
                            Locale::En => format!("Show {} more places", left.min(ROWS_PER_PAGE)),
                        }}
                    </button>
                }
            });
            Some(view! {
                <div class="app-table-wrap" tabindex="0" role="region"
                    aria-label=locale.t("جدول مکان‌های دور از دفتر", "Places far from an office")>
                    <table class="app-table app-gaps__table" data-testid="gaps-table">
                        <caption class="app-visually-hidden">{locale.t("مکان‌ها، پرجمعیت‌ترین اول", "Places, the most people first")}</caption>
                        <thead><tr>
                            <th scope="col">{locale.t("رتبه", "Rank")}</th>
                            <th scope="col">{locale.t("مکان", "Place")}</th>
                            <th scope="col">{locale.t("استان", "Province")}</th>
                            <th scope="col">{locale.t("جمعیت", "Population")}</th>
                            <th scope="col">{locale.t("فاصله تا نزدیک‌ترین دفتر", "Distance to the nearest office")}</th>
                            <th scope="col">{locale.t("کد آن دفتر", "That office's code")}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                {more}
            }.into_any())
        }
    };

    let download = {
        let province_of = province_of.clone();
        move |geo: bool| {
            let locale = app.locale.get_untracked();
            let (Some((s, _)), Some(r)) = (current.get_untracked(), report.get_untracked()) else {
                return;
            };
            let st = state.get_untracked();
            let today = clock::now_iran().date();
            let name = gaps_filename(&st, today, if geo { "geojson" } else { "csv" });
            let result = if geo {
                dom::download_text(
                    &name,
                    "application/geo+json",
                    &gaps_geojson(&r, &s.places, &s.offices),
                )
            } else {
                let names = |id: &str| province_of(id, locale);
                dom::download_text(
                    &name,
                    "text/csv;charset=utf-8",
                    &gaps_csv(locale, &r, &s.places, &s.offices, &names),
                )
            };
            if let Err(e) = result {
                leptos::logging::warn!("download failed: {e}");
            }
        }
    };
    let download_geo = download.clone();

    let map_open = RwSignal::new(false);
    let markers = Signal::derive(move || {
        let locale = app.locale.get();
        match (current.get(), report.get()) {
            (Some((s, _)), Some(r)) => r
                .rows
                .iter()
                .filter_map(|row| s.places.get(row.place))
                .map(|p| Marker {
                    lat: p.location.lat,
                    lon: p.location.lon,
                    label: format!(
                        "{} — {}",
                        p.name(locale),
                        format::integer(locale, p.population)
                    ),
                    href: None,
                    kind: "gap",
                })
                .collect(),
            _ => Vec::new(),
        }
    });
    let ready = move || report.with(Option::is_some);

    view! {
        <form class="app-gaps__controls" role="search" novalidate
            aria-label=t("کجا، چه فاصله‌ای، چه خدمتی", "Where, how far, which service")
            on:submit=|ev| ev.prevent_default()>
            <div class="app-registry__fields">
                <div class="app-field">
                    <label class="app-field__label" for="gaps-province">{t("استان", "Province")}</label>
                    <select id="gaps-province" class="app-select" data-testid="gaps-province"
                        on:change:target=move |ev| {
                            let v = ev.target().value();
                            edit(&|s| s.province = (!v.is_empty()).then(|| v.clone()));
                        }>
                        <option value="" selected=move || state.with(|s| s.province.is_none())>{t("کل کشور", "The whole country")}</option>
                        {province_options}
                    </select>
                </div>
                <div class="app-field">
                    <label class="app-field__label" for="gaps-service">{t("خدمت", "Service")}</label>
                    <select id="gaps-service" class="app-select" data-testid="gaps-service"
                        on:change:target=move |ev| {
                            let v = ev.target().value();
                            edit(&|s| s.service = (!v.is_empty()).then(|| v.clone()));
                        }>
                        <option value="" selected=move || state.with(|s| s.service.is_none())>{t("هر دفتر باز", "Any open office")}</option>
                        {service_options}
                    </select>
                </div>
            </div>
            <fieldset class="app-fieldset app-gaps__thresholds">
                <legend>{t("دورتر از", "Farther than")}</legend>
                <div class="app-gaps__threshold-list">{thresholds}</div>
            </fieldset>
        </form>
        <LoadProgress progress=Signal::derive(move || docs.progress())/>
        <FailedProvinces failed=Signal::derive(move || docs.failed())
            on_retry=Callback::new(move |id: String| docs.retry(&id))
            on_retry_all=Callback::new(move |_| docs.retry_failed())/>
        <section aria-labelledby="gaps-result-title" data-testid="gaps" aria-busy=move || scanning.get().to_string()>
            <h2 id="gaps-result-title">{t("نتیجه", "Result")}</h2>
            {status}
            <div class="app-button-row" hidden=move || !ready()>
                <button type="button" class="app-button app-button--secondary" data-testid="gaps-csv"
                    on:click=move |_| download(false)>{t("دریافت CSV", "Download CSV")}</button>
                <button type="button" class="app-button app-button--secondary" data-testid="gaps-geojson"
                    on:click=move |_| download_geo(true)>{t("دریافت GeoJSON (برای GIS)", "Download GeoJSON (for GIS)")}</button>
                <button type="button" class="app-button app-button--secondary" data-testid="gaps-map-toggle"
                    aria-expanded=move || map_open.get().to_string()
                    on:click=move |_| map_open.update(|o| *o = !*o)>
                    {move || if map_open.get() { app.locale.get().t("بستن نقشه", "Hide the map") } else { app.locale.get().t("نمایش روی نقشه", "Show on a map") }}
                </button>
            </div>
            {move || map_open.get().then(|| view! { <OfficeMap markers/> })}
            {table}
        </section>
    }
}

/// "1.2 million people in 340 places are more than 30 km from an office offering …".
fn totals_sentence(
    locale: Locale,
    r: &GapReport,
    km: u32,
    where_: &str,
    service: Option<&str>,
) -> String {
    let people = format::integer(locale, r.population_beyond);
    let places = format::count(locale, r.rows.len());
    let total_people = format::integer(locale, r.population_total);
    let total_places = format::count(locale, r.places_total);
    let distance = format::radius(locale, f64::from(km));
    match (locale, service) {
        (Locale::Fa, Some(s)) => format!(
            "در {where_}، {people} نفر در {places} مکان بیش از {distance} با نزدیک‌ترین دفتر باز که «{s}» را ارائه می‌دهد فاصله دارند (از {total_people} نفر در {total_places} مکان)."
        ),
        (Locale::Fa, None) => format!(
            "در {where_}، {people} نفر در {places} مکان بیش از {distance} با نزدیک‌ترین دفتر باز فاصله دارند (از {total_people} نفر در {total_places} مکان)."
        ),
        (Locale::En, Some(s)) => format!(
            "In {where_}, {people} people in {places} {} are more than {distance} from an open office offering “{s}” (of {total_people} people in {total_places} places).",
            format::plural(r.rows.len(), "place", "places")
        ),
        (Locale::En, None) => format!(
            "In {where_}, {people} people in {places} {} are more than {distance} from an open office (of {total_people} people in {total_places} places).",
            format::plural(r.rows.len(), "place", "places")
        ),
    }
}

/// `gaps-IR-23-30km-smart-id-card-2026-11-29.csv`.
fn gaps_filename(state: &GapState, today: chrono::NaiveDate, ext: &str) -> String {
    let where_ = state.province.as_deref().unwrap_or("IR");
    let service = state
        .service
        .as_deref()
        .map(|s| {
            let safe: String = s
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            format!("-{safe}")
        })
        .unwrap_or_default();
    format!(
        "gaps-{where_}-{}km{service}-{}.{ext}",
        state.km,
        today.format("%Y-%m-%d")
    )
}
