//! `/services`: the service catalogue, grouped by agency, with a search box and filters by
//! agency and by channel. All its state is in the query string (`q`, `agency`, `channel`).
//!
//! Without a search the catalogue is grouped by agency (in `agencies.json` order, services
//! whose agency is unknown under "other"). While searching it is one flat list, best match
//! first (exact name, then name, keyword, summary), each card naming its agency: grouping
//! would bury the exact match under whichever agency happens to come first.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::Decoded;
use crate::components::page::{use_page_title, PageHeading};
use crate::components::service_card::ServiceCard;
use crate::components::states::with_document;
use crate::context::use_app;
use crate::domain::catalogue;
use crate::domain::geo::nearest_province;
use crate::i18n::{format, Locale};
use crate::model::{AgenciesDoc, Channel, ServicesDoc};
use crate::platform::storage;
use crate::route::{CatalogueState, Route, UrlState};

/// The catalogue page.
#[component]
pub fn ServicesPage() -> impl IntoView {
    let app = use_app();
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    use_page_title(move || app.locale.get().t("خدمات", "Services").to_string());
    let api = app.api.clone();
    let services = LocalResource::new(move || {
        let api = api.clone();
        async move { api.services().await }
    });
    let api = app.api.clone();
    let agencies = LocalResource::new(move || {
        let api = api.clone();
        async move { api.agencies().await }
    });
    view! {
        <PageHeading>{t("خدمات دولتی", "Government services")}</PageHeading>
        <p class="app-lead">{t(
            "ببینید هر خدمت کجا انجام می‌شود، چه مدارکی لازم دارد و چقدر هزینه دارد.",
            "See where each service is done, what to bring and what it costs.")}</p>
        {with_document(services, move |services| {
            with_document(agencies, move |agencies| {
                view! { <Catalogue services=services.clone() agencies/> }
            })
        })}
    }
}

/// The catalogue once both documents are loaded.
#[component]
fn Catalogue(
    services: Arc<Decoded<ServicesDoc>>,
    agencies: Arc<Decoded<AgenciesDoc>>,
) -> impl IntoView {
    let app = use_app();
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    let query = use_query_map();
    let navigate = use_navigate();
    let state = {
        let agencies = agencies.clone();
        Memo::new(move |_| {
            query.with(|q| {
                CatalogueState::from_query(&|k| q.get_all(k).unwrap_or_default())
                    .with_known_agency(&agencies.doc.agencies)
            })
        })
    };
    let go = move |next: CatalogueState, replace: bool| {
        navigate(
            &Route::Services(next).path(),
            NavigateOptions {
                replace,
                scroll: false,
                ..Default::default()
            },
        );
    };
    let hits = {
        let (services, agencies) = (services.clone(), agencies.clone());
        Memo::new(move |_| {
            catalogue::filter_services(&services.doc.services, &agencies.doc.agencies, &state.get())
        })
    };
    let agency_options: Vec<(String, Option<crate::model::Agency>)> =
        catalogue::agency_options(&services.doc.services, &agencies.doc.agencies)
            .into_iter()
            .map(|(k, a)| (k, a.cloned()))
            .collect();
    // With the location known from the finder, the home province's offices say which
    // Pishkhan services no office there offers (one document, not all 31).
    let near = storage::last_location();
    let api = app.api.clone();
    let meta = app.meta;
    let offered = LocalResource::new(move || {
        let api = api.clone();
        async move {
            let p = near?;
            let meta = meta.await.ok()?;
            let province = nearest_province(&meta.doc.provinces, p)?.clone();
            let doc = api.offices(&province.id).await.ok()?;
            Some(Arc::new((
                province,
                catalogue::offered_services(&doc.doc.offices),
            )))
        }
    });
    let total = services.doc.services.len();
    let count_text = move || {
        let locale = app.locale.get();
        let shown = hits.with(Vec::len);
        match (locale, shown == total) {
            (Locale::Fa, true) => format!("{} خدمت", format::count(locale, shown)),
            (Locale::Fa, false) => format!(
                "{} خدمت از {} خدمت",
                format::count(locale, shown),
                format::count(locale, total)
            ),
            (Locale::En, true) if shown == 1 => "1 service".to_string(),
            (Locale::En, true) => format!("{shown} services"),
            (Locale::En, false) => format!("{shown} of {total} services"),
        }
    };

    let on_search = {
        let go = go.clone();
        move |raw: String| {
            let mut next = state.get_untracked();
            next.q = raw;
            go(next, true);
        }
    };
    let on_agency = {
        let go = go.clone();
        move |raw: String| {
            let mut next = state.get_untracked();
            next.agency = (!raw.is_empty()).then_some(raw);
            go(next, false);
        }
    };
    let on_channel = {
        let go = go.clone();
        move |raw: String| {
            let mut next = state.get_untracked();
            next.channel = Some(Channel::parse(&raw)).filter(Channel::is_known);
            go(next, false);
        }
    };
    let clear = {
        let go = go.clone();
        move |_| go(CatalogueState::default(), false)
    };

    let channel_choices: [(&'static str, &'static str, &'static str); 4] = [
        ("", "همه", "All"),
        ("pishkhan", "در دفاتر پیشخوان", "At a Pishkhan office"),
        ("online", "برخط", "Online"),
        ("agency", "فقط در خود دستگاه", "Only at the agency"),
    ];

    let list = {
        let (services, agencies) = (services.clone(), agencies.clone());
        move || {
            let searching =
                !crate::domain::normalize::Query::new(&state.with(|s| s.q.clone())).is_empty();
            let hits = hits.get();
            let all = &services.doc.services;
            let known = &agencies.doc.agencies;
            let card = |i: usize, show_agency: bool| {
                all.get(i).map(|s| {
                    let agency = show_agency
                        .then(|| catalogue::agency_of(s, known).cloned())
                        .flatten();
                    let service = Arc::new(s.clone());
                    let not_offered_in = {
                        let service = service.clone();
                        Signal::derive(move || {
                            let locale = app.locale.get();
                            offered.get().flatten().and_then(|known| {
                                let (province, ids) = &*known;
                                catalogue::missing_from_offices(&service, ids)
                                    .then(|| province.name(locale).to_string())
                            })
                        })
                    };
                    match agency {
                        Some(agency) => {
                            view! { <ServiceCard service agency not_offered_in/> }.into_any()
                        }
                        None => view! { <ServiceCard service not_offered_in/> }.into_any(),
                    }
                })
            };
            if hits.is_empty() {
                return view! {
                    <div class="app-notice" data-testid="no-results">
                        <p>{t("هیچ خدمتی با این جست‌وجو و فیلترها پیدا نشد.", "No service matches this search and these filters.")}</p>
                        <button type="button" class="app-button app-button--secondary" on:click=clear.clone()>
                            {t("پاک کردن جست‌وجو و فیلترها", "Clear the search and filters")}
                        </button>
                    </div>
                }
                .into_any();
            }
            if searching {
                view! {
                    <ol class="app-results" data-testid="service-results">
                        {hits.iter().filter_map(|&(i, _)| card(i, true)).collect_view()}
                    </ol>
                }
                .into_any()
            } else {
                let groups = catalogue::group_by_agency(all, known, &hits);
                groups
                    .into_iter()
                    .map(|g| {
                        let agency = known.iter().find(|a| a.id == g.key).cloned();
                        let heading = move || {
                            let locale = app.locale.get();
                            match &agency {
                                Some(a) => a.name(locale).to_string(),
                                None => locale.t("سایر دستگاه‌ها", "Other agencies").to_string(),
                            }
                        };
                        let heading_id = format!("agency-{}", g.key);
                        let labelled_by = heading_id.clone();
                        view! {
                            <section class="app-service-group" data-testid="agency-group" data-agency=g.key.clone()
                                aria-labelledby=labelled_by>
                                <h2 id=heading_id>{heading}</h2>
                                <ul class="app-results">
                                    {g.services.iter().filter_map(|&i| card(i, false)).collect_view()}
                                </ul>
                            </section>
                        }
                    })
                    .collect_view()
                    .into_any()
            }
        }
    };

    view! {
        <div class="app-service-filters">
            <form role="search" class="app-search" on:submit=|ev| ev.prevent_default()
                aria-label=t("جست‌وجوی خدمات", "Search services")>
                <div class="app-field app-search__field">
                    <label class="app-field__label" for="service-search">{t("جست‌وجوی خدمت", "Search for a service")}</label>
                    // Examples in both scripts, each isolated so the bidi algorithm cannot reorder them.
                    <span class="app-field__hint" id="service-search-hint">
                        {t("مثلاً ", "For example ")}
                        <bdi>"«کارت ملی»"</bdi>{t("، ", ", ")}
                        <bdi>{t("«بیمه»", "“insurance”")}</bdi>{t(" یا ", " or ")}
                        <bdi dir="ltr">"“smart id”"</bdi>
                    </span>
                    <input type="search" id="service-search" class="app-input" dir="auto" autocomplete="off"
                        data-testid="service-search" aria-describedby="service-search-hint"
                        prop:value=move || state.with(|s| s.q.clone())
                        on:input:target=move |ev| on_search(ev.target().value())/>
                </div>
            </form>
            <div class="app-service-filters__row">
                <div class="app-field">
                    <label class="app-field__label" for="agency-filter">{t("دستگاه", "Agency")}</label>
                    <select id="agency-filter" class="app-select" data-testid="agency-filter"
                        prop:value=move || state.with(|s| s.agency.clone().unwrap_or_default())
                        on:change:target=move |ev| on_agency(ev.target().value())>
                        <option value="">{t("همهٔ دستگاه‌ها", "All agencies")}</option>
                        {agency_options.into_iter().map(|(key, agency)| {
                            let label = move || {
                                let locale = app.locale.get();
                                match &agency {
                                    Some(a) => a.name(locale).to_string(),
                                    None => locale.t("سایر دستگاه‌ها", "Other agencies").to_string(),
                                }
                            };
                            let selected = {
                                let key = key.clone();
                                move || state.with(|s| s.agency.as_deref() == Some(key.as_str()))
                            };
                            view! { <option value=key selected=selected>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <fieldset class="app-fieldset app-service-filters__channels" data-testid="channel-filter">
                    <legend>{t("کجا انجام می‌شود", "Where it is done")}</legend>
                    {channel_choices.into_iter().map(|(value, fa, en)| {
                        let on_channel = on_channel.clone();
                        let id = format!("channel-{}", if value.is_empty() { "all" } else { value });
                        let label_for = id.clone();
                        view! {
                            <label class="app-checkbox" for=label_for>
                                <input type="radio" name="channel" id=id value=value
                                    prop:checked=move || state.with(|s| s.channel.as_ref().map_or("", Channel::as_str) == value)
                                    on:change=move |_| on_channel(value.to_string())/>
                                <span>{move || app.locale.get().t(fa, en)}</span>
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
            </div>
        </div>
        <p class="app-service-count" role="status" aria-live="polite" data-testid="result-count">{count_text}</p>
        {list}
        <p class="app-muted">{t(
            "نشانهٔ «فقط در خود دستگاه» یعنی این خدمت در دفاتر پیشخوان انجام نمی‌شود.",
            "“Only at the agency” means Pishkhan offices cannot do this service.")}</p>
    }
}
