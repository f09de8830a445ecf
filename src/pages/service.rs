//! `/services/:id`: one service, plainly: who runs it, where it can be done (online first,
//! then a Pishkhan office with the nearest three when the location is known, or only at the
//! agency), the trips it saves, the fee, visits and duration, and a documents checklist that
//! can be printed together with a chosen office (`?office=IR-23-00042`).

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::client::ApiResult;
use crate::api::Decoded;
use crate::components::checklist::DocumentsChecklist;
use crate::components::fee::Fee;
use crate::components::page::{use_page_title, PageHeading};
use crate::components::province_load::FailedProvinces;
use crate::components::states::{with_document, ErrorNotice, Loading, SkippedNotice};
use crate::context::use_app;
use crate::domain::catalogue::{self, TripsSaved, NEARBY_COUNT, NEARBY_RADIUS_KM};
use crate::domain::collate;
use crate::domain::geo::{nearest_province, provinces_within};
use crate::domain::journey::{self, Journey, JourneyStep};
use crate::domain::links::{safe_http_url, tel_href};
use crate::hooks::{use_province_docs, LoadFuture, ProvinceDocs};
use crate::i18n::{format, labels, Locale};
use crate::model::{
    AgenciesDoc, Channel, LatLon, Office, OfficesDoc, Province, Service, ServicesDoc,
};
use crate::platform::storage;
use crate::route::{FinderState, Page, Route};

/// The service page.
#[component]
pub fn ServicePage() -> impl IntoView {
    let app = use_app();
    let params = use_params_map();
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
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let service = Memo::new(move |_| {
        let id = id.get();
        match services.get() {
            Some(Ok(doc)) => Some(doc.doc.services.iter().find(|s| s.id == id).cloned()),
            _ => None,
        }
    });
    use_page_title(move || {
        let locale = app.locale.get();
        match service.get() {
            Some(Some(s)) => locale.pick(s.name_fa, s.name_en),
            Some(None) => locale.t("خدمت پیدا نشد", "Service not found").to_string(),
            None => locale.t("خدمت", "Service").to_string(),
        }
    });
    // Loading and errors keep a heading, so the page is never without its <h1>.
    let placeholder_heading = move || app.locale.get().t("خدمت", "Service");
    move || match services.get() {
        None => view! { <PageHeading>{placeholder_heading}</PageHeading><Loading/> }.into_any(),
        Some(Err(error)) => view! {
            <PageHeading>{placeholder_heading}</PageHeading>
            <ErrorNotice error on_retry=move |_| services.refetch()/>
        }
        .into_any(),
        Some(Ok(doc)) => {
            let doc: Arc<Decoded<ServicesDoc>> = doc;
            let skipped = doc.skipped.len();
            view! {
                <SkippedNotice count=skipped/>
                {move || {
                    let id = id.get();
                    match doc.doc.services.iter().find(|s| s.id == id) {
                        None => view! { <ServiceNotFound/> }.into_any(),
                        Some(service) => {
                            let service = Arc::new(service.clone());
                            view! { <ServiceDetail service agencies/> }.into_any()
                        }
                    }
                }}
            }
            .into_any()
        }
    }
}

/// Unknown service id: say so and lead back to the catalogue.
#[component]
fn ServiceNotFound() -> impl IntoView {
    let app = use_app();
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    view! {
        <section data-testid="service-not-found">
            <PageHeading>{t("خدمت پیدا نشد", "Service not found")}</PageHeading>
            <p>{t("خدمتی با این نشانی در فهرست خدمات نیست. شاید نشانی اشتباه تایپ شده یا خدمت از فهرست حذف شده باشد.",
                  "There is no service at this address in the catalogue. The address may be mistyped, or the service may have been removed.")}</p>
            <p><A href=Page::Services.href()>{t("بازگشت به فهرست خدمات", "Back to the service catalogue")}</A></p>
        </section>
    }
}

/// The page of a known service.
#[component]
fn ServiceDetail(
    service: Arc<Service>,
    agencies: LocalResource<ApiResult<AgenciesDoc>>,
) -> impl IntoView {
    let app = use_app();
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    let near = storage::last_location();
    let query = use_query_map();
    let chosen_office = Memo::new(move |_| {
        query
            .read()
            .get("office")
            .filter(|id| catalogue::office_province(id).is_some())
    });
    let name = {
        let s = service.clone();
        move || s.name(app.locale.get()).to_string()
    };
    let summary = {
        let s = service.clone();
        move || {
            app.locale
                .get()
                .pick(s.summary_fa.clone(), s.summary_en.clone())
        }
    };
    let agency_id = service.agency_id.clone();
    let agency = move || {
        with_document(agencies, {
            let agency_id = agency_id.clone();
            move |doc| {
                let agency = doc.doc.agencies.iter().find(|a| a.id == agency_id).cloned();
                view! { <AgencyLine agency/> }
            }
        })
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let online = service.has_channel(&Channel::Online);
    let pishkhan = service.has_channel(&Channel::Pishkhan);
    let at_agency = service.has_channel(&Channel::Agency);
    let online_url = service.online_url.as_deref().and_then(safe_http_url);
    let other_channels: Vec<Channel> = service
        .channels
        .iter()
        .filter(|c| !c.is_known())
        .cloned()
        .collect();
    let finder_href = Route::Offices(FinderState::for_service(&service.id, near)).href();
    let trips = catalogue::trips_saved(&service);
    let visits = service.visits;
    let duration = service.duration_days;
    let fee_rials = service.fee_rials;
    let service_id = service.id.clone();
    let journey = journey::journey(&service);
    // The first office step holds the nearest offices and the checklist; they are then not
    // repeated in the channel box and at the end of the page.
    let in_journey = journey.as_ref().is_some_and(Journey::holds_office_finder);
    let documents = {
        let service = service.clone();
        move |heading: &'static str| {
            let heading_id = "docs-heading";
            let title = t("مدارک لازم", "Documents to bring");
            let title = match heading {
                "h4" => view! { <h4 id=heading_id>{title}</h4> }.into_any(),
                _ => view! { <h2 id=heading_id>{title}</h2> }.into_any(),
            };
            view! {
                <section aria-labelledby="docs-heading" class="app-service__documents">
                    {title}
                    <p class="app-muted app-no-print">{t(
                        "مدارکی را که آماده کرده‌اید علامت بزنید؛ علامت‌ها روی همین دستگاه می‌ماند.",
                        "Tick the documents you have ready; your ticks stay on this device.")}</p>
                    <DocumentsChecklist service=service.clone()/>
                    <div class="app-button-row app-no-print">
                        <button type="button" class="app-button app-button--secondary" data-testid="print" on:click=print>
                            {t("چاپ فهرست مدارک و هزینه", "Print the checklist and fee")}
                        </button>
                        <A href=Page::Services.href()>{t("همهٔ خدمات", "All services")}</A>
                    </div>
                </section>
            }
        }
    };
    let nearby = {
        let service_id = service_id.clone();
        move || {
            match near {
            Some(p) => view! { <NearbyOffices service_id=service_id.clone() near=p/> }.into_any(),
            None => view! {
                <p class="app-muted" data-testid="no-location">{t(
                    "اگر در «یافتن دفتر» موقعیت خود را پیدا کنید، نزدیک‌ترین دفاتر ارائه‌دهندهٔ این خدمت همین‌جا هم نشان داده می‌شوند.",
                    "Once you find your location in “Find an office”, the nearest offices offering this service are shown here too.")}</p>
            }.into_any(),
        }
        }
    };
    let step_by_step = journey.map(|journey| {
        let documents = documents.clone();
        let nearby = nearby.clone();
        let finder_href = finder_href.clone();
        view! {
            <StepByStep journey
                office_finder=ViewFn::from(move || view! {
                    <p><A href=finder_href.clone() attr:class="app-button app-button--secondary" attr:data-testid="step-finder-link">
                        {t("دفتری نزدیک خود بیابید که این خدمت را ارائه می‌کند", "Find an office near you that offers this")}
                    </A></p>
                    {nearby()}
                    {documents("h4")}
                })/>
        }
    });

    view! {
        <article class="app-service" data-testid="service" data-service-id=service.id.clone()>
            <PageHeading>{name}</PageHeading>
            <div class="app-service__agency">{agency}</div>
            <p class="app-lead">{summary}</p>

            {step_by_step}

            <section class="app-service__channels app-no-print" data-testid="channels" aria-labelledby="where-heading">
                <h2 id="where-heading">{t("کجا انجام می‌شود", "Where to get it done")}</h2>
                {online.then(|| view! {
                    <div class="app-card app-channel-box app-channel-box--online" data-testid="channel-online">
                        <h3 class="app-card__title">{move || labels::channel(app.locale.get(), &Channel::Online)}</h3>
                        <p>{t("شاید اصلاً نیازی به رفتن جایی نداشته باشید.", "You may not need a trip at all.")}</p>
                        {match online_url.clone() {
                            Some(url) => view! {
                                <p><a class="app-button" href=url.clone() rel="noopener noreferrer" target="_blank" data-testid="online-link">
                                    {t("انجام برخط", "Do it online")}
                                    " "<bdi dir="ltr" class="app-service__url">{crate::domain::links::shown_url(&url)}</bdi>
                                </a></p>
                            }.into_any(),
                            None => view! {
                                <p class="app-muted">{t("نشانی برخط این خدمت در داده‌ها نیامده است؛ آن را در وب‌گاه دستگاه بیابید.",
                                    "The online address is not in our data; look for it on the agency's website.")}</p>
                            }.into_any(),
                        }}
                    </div>
                })}
                {pishkhan.then(|| {
                    let service_id = service_id.clone();
                    view! {
                        <div class="app-card app-channel-box app-channel-box--pishkhan" data-testid="channel-pishkhan">
                            <h3 class="app-card__title">{move || labels::channel(app.locale.get(), &Channel::Pishkhan)}</h3>
                            <p><A href=finder_href.clone() attr:class="app-button" attr:data-testid="finder-link">
                                {t("دفتری نزدیک خود بیابید که این خدمت را ارائه می‌کند", "Find an office near you that offers this")}
                            </A></p>
                            {(!in_journey).then(nearby.clone())}
                            <ProvinceAvailability service_id near/>
                        </div>
                    }
                })}
                {at_agency.then(|| view! {
                    <div class="app-card app-channel-box app-channel-box--agency" data-testid="channel-agency">
                        <h3 class="app-card__title">{move || labels::channel(app.locale.get(), &Channel::Agency)}</h3>
                        {if pishkhan || online {
                            view! { <p>{t("در دفاتر خود دستگاه هم انجام می‌شود.", "It can also be done at the agency's own offices.")}</p> }.into_any()
                        } else {
                            view! {
                                <p data-testid="agency-only">{t(
                                    "این خدمت فقط در دفاتر خود دستگاه انجام می‌شود؛ دفاتر پیشخوان آن را انجام نمی‌دهند. برای نشانی دفاتر دستگاه به وب‌گاه آن یا شمارهٔ تماسش مراجعه کنید.",
                                    "This service is done only at the agency's own offices; Pishkhan offices cannot do it. See the agency's website or call it for where to go.")}</p>
                            }.into_any()
                        }}
                    </div>
                })}
                {(!other_channels.is_empty()).then(|| view! {
                    <p class="app-muted">{t("راه‌های دیگری هم در داده‌ها آمده که این نسخه نمی‌شناسد.", "The data lists other ways this app does not know about.")}</p>
                })}
            </section>

            <section class="app-notice app-notice--success app-service__trips" data-testid="trips-note" aria-labelledby="trips-heading">
                <h2 id="trips-heading" class="app-notice__title">{t("سفرهایی که صرفه‌جویی می‌کنید", "Trips you can save")}</h2>
                <p>{move || trips_text(app.locale.get(), trips, visits, pishkhan)}</p>
            </section>

            <section aria-labelledby="cost-heading" data-testid="fee">
                <h2 id="cost-heading">{t("هزینه و زمان", "Cost and time")}</h2>
                <dl class="app-summary">
                    <dt>{t("هزینهٔ رسمی", "Official fee")}</dt>
                    <dd><Fee fee_rials/></dd>
                    {visits.map(|v| view! {
                        <dt>{t("تعداد مراجعه", "Visits")}</dt>
                        <dd data-testid="visits">{move || {
                            let locale = app.locale.get();
                            match locale {
                                Locale::Fa => format!("{} بار", format::integer(locale, u64::from(v))),
                                Locale::En if v == 1 => "1 visit".to_string(),
                                Locale::En => format!("{v} visits"),
                            }
                        }}</dd>
                    })}
                    {duration.map(|d| view! {
                        <dt>{t("زمان تقریبی انجام", "Usual time to complete")}</dt>
                        <dd data-testid="duration">{move || format::days(app.locale.get(), i64::from(d))}</dd>
                    })}
                </dl>
            </section>

            {
                let service_id = service.id.clone();
                move || chosen_office.get().map(|office_id| view! { <ChosenOffice office_id service_id=service_id.clone()/> })
            }

            {(!in_journey).then(|| documents("h2"))}
        </article>
    }
}

/// The "trips you can save" sentence; `also_pishkhan` adds the Pishkhan alternative to an
/// online service.
fn trips_text(
    locale: Locale,
    trips: TripsSaved,
    visits: Option<u32>,
    also_pishkhan: bool,
) -> String {
    let main = match (trips, locale) {
        (TripsSaved::AllTrips, Locale::Fa) => match visits {
            Some(1) => "این خدمت برخط انجام می‌شود: می‌توانید از تنها مراجعهٔ حضوری آن صرفه‌جویی کنید.".to_string(),
            Some(v) if v > 1 => format!(
                "این خدمت برخط انجام می‌شود: می‌توانید از هر {} مراجعهٔ حضوری صرفه‌جویی کنید.",
                format::integer(Locale::Fa, u64::from(v))
            ),
            _ => "این خدمت برخط انجام می‌شود: می‌توانید از رفتن به هر دفتری صرفه‌جویی کنید.".to_string(),
        },
        (TripsSaved::AllTrips, Locale::En) => match visits {
            Some(1) => "This service can be done online: you can save the one trip it would take.".to_string(),
            Some(v) if v > 1 => format!("This service can be done online: you can save all {v} trips it would take."),
            _ => "This service can be done online: you can save the trip altogether.".to_string(),
        },
        (TripsSaved::AgencyTrip, Locale::Fa) => "این خدمت در دفاتر پیشخوان انجام می‌شود: به جای رفتن به ادارهٔ دستگاه، به نزدیک‌ترین دفتر پیشخوان بروید.".to_string(),
        (TripsSaved::AgencyTrip, Locale::En) => "This service is done at Pishkhan offices: go to the nearest office instead of travelling to the agency's own office.".to_string(),
        (TripsSaved::None, Locale::Fa) => "این خدمت هنوز فقط حضوری در خود دستگاه انجام می‌شود؛ با آماده کردن همهٔ مدارک از مراجعهٔ دوباره جلوگیری کنید.".to_string(),
        (TripsSaved::None, Locale::En) => "This service still needs a visit to the agency itself; bring every document so you do not have to go twice.".to_string(),
    };
    if trips == TripsSaved::AllTrips && also_pishkhan {
        let extra = locale.t(
            "اگر به کمک نیاز دارید، دفاتر پیشخوان هم آن را انجام می‌دهند و شما را از رفتن به ادارهٔ دستگاه بی‌نیاز می‌کنند.",
            "If you need help, Pishkhan offices do it too, which still saves the trip to the agency.",
        );
        format!("{main} {extra}")
    } else {
        main
    }
}

/// The journey as GOV.UK's step-by-step: a numbered list, each step with its kind, title,
/// detail and duration, its `https:` link ("Go to …" or, for a tracking step, "Follow your
/// request"), its USSD code and SMS; the step that `holds_office_finder` shows `office_finder`
/// (the nearest open offices offering the service and the documents checklist).
#[component]
fn StepByStep(journey: Journey, office_finder: ViewFn) -> impl IntoView {
    let app = use_app();
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    let skipped = journey.skipped;
    let steps = journey
        .steps
        .into_iter()
        .map(|step| view! { <JourneyStepView step office_finder=office_finder.clone()/> })
        .collect_view();
    view! {
        <section class="app-journey" data-testid="journey" aria-labelledby="journey-heading">
            <h2 id="journey-heading">{t("گام‌به‌گام تا انجام کار", "Step by step: how to get it done")}</h2>
            {(skipped > 0).then(|| view! {
                <p class="app-notice app-notice--warning" data-testid="steps-skipped">{move || match app.locale.get() {
                    Locale::Fa => format!("{} گام از این راهنما خوانا نبود و نشان داده نمی‌شود.", format::integer(Locale::Fa, skipped as u64)),
                    Locale::En if skipped == 1 => "One step of this guide could not be read and is not shown.".to_string(),
                    Locale::En => format!("{skipped} steps of this guide could not be read and are not shown."),
                }}</p>
            })}
            <ol class="app-journey__steps" data-testid="journey-steps">{steps}</ol>
        </section>
    }
}

/// One step of [`StepByStep`].
#[component]
fn JourneyStepView(step: JourneyStep, office_finder: ViewFn) -> impl IntoView {
    let app = use_app();
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    let number = step.number;
    let kind = step.step.kind.clone();
    let kind_key = labels::css_key(kind.is_known(), kind.as_str()).to_string();
    let title = {
        let s = step.step.clone();
        move || {
            app.locale
                .get()
                .pick(s.title_fa.clone(), s.title_en.clone())
        }
    };
    let detail = {
        let s = step.step.clone();
        move || {
            app.locale
                .get()
                .pick(s.detail_fa.clone(), s.detail_en.clone())
        }
    };
    let tracking = step.step.tracking;
    let duration = step.step.duration_days;
    let heading_id = format!("step-{number}");
    let link = step.link.clone().map(|url| {
        let label = if tracking {
            t("پیگیری درخواست", "Follow your request")
        } else {
            t("رفتن به", "Go to")
        };
        view! {
            <p><a class="app-button app-button--secondary" href=url.clone() rel="noopener noreferrer" target="_blank" data-testid="step-link">
                {label}" "<bdi dir="ltr" class="app-service__url">{crate::domain::links::shown_url(&url)}</bdi>
            </a></p>
        }
    });
    let ussd = step.ussd.clone().map(|u| {
        view! {
            <p data-testid="step-ussd">{t("کد دستوری: ", "USSD code: ")}
                <a href=u.href><bdi dir="ltr" class="app-ltr">{u.code}</bdi></a></p>
        }
    });
    let sms = step.sms.clone().map(|sms| {
        let number = sms.number.clone();
        view! {
            <p data-testid="step-sms">{t("پیامک به ", "Text ")}
                <a href=sms.href><bdi dir="ltr" class="app-ltr">{move || format::digits(app.locale.get(), &number)}</bdi></a>
                {sms.text.map(|text| view! { {t(" با متن ", " with ")}"«"<bdi>{text}</bdi>"»" })}
            </p>
        }
    });
    view! {
        <li class=format!("app-journey__step app-journey__step--{kind_key}") data-testid="journey-step"
            data-kind=kind_key.clone()>
            <h3 class="app-journey__title" id=heading_id>
                <span class="app-journey__number" aria-hidden="true">{move || format::integer(app.locale.get(), number as u64)}</span>
                " "<span class="app-visually-hidden">{move || match app.locale.get() {
                    Locale::Fa => format!("گام {}: ", format::integer(Locale::Fa, number as u64)),
                    Locale::En => format!("Step {number}: "),
                }}</span>
                {title}
            </h3>
            <p class="app-journey__meta">
                <span class=format!("app-tag app-tag--{kind_key}") data-testid="step-kind">{move || labels::step_kind(app.locale.get(), &kind)}</span>
                {duration.map(|d| view! {
                    " "<span data-testid="step-duration">{move || match d {
                        0 => app.locale.get().t("همان روز", "the same day").to_string(),
                        d => format!("{} {}", app.locale.get().t("حدود", "about"), format::days(app.locale.get(), i64::from(d))),
                    }}</span>
                })}
            </p>
            {move || { let d = detail(); (!d.trim().is_empty()).then(|| view! { <p>{d}</p> }) }}
            {tracking.then(|| view! {
                <p class="app-notice" data-testid="step-tracking">{t(
                    "کد رهگیری درخواست را نگه دارید: با آن وضعیت را پیگیری می‌کنید.",
                    "Keep your request's tracking code (کد رهگیری): you follow the request with it.")}</p>
            })}
            {link}
            {ussd}
            {sms}
            {step.holds_office_finder.then(|| view! {
                <div class="app-journey__office" data-testid="step-office">{office_finder.run()}</div>
            })}
        </li>
    }
}

/// The agency's name, website and phone (links only when the data is safe to link).
#[component]
fn AgencyLine(agency: Option<crate::model::Agency>) -> impl IntoView {
    let app = use_app();
    let Some(agency) = agency else {
        return view! { <p class="app-muted">{move || app.locale.get().t("دستگاه: نامشخص", "Agency: not known")}</p> }.into_any();
    };
    let website = agency.website.as_deref().and_then(safe_http_url);
    let phone = agency.phone.clone().filter(|p| !p.trim().is_empty());
    let tel = phone.as_deref().and_then(tel_href);
    let name = {
        let a = agency.clone();
        move || a.name(app.locale.get()).to_string()
    };
    view! {
        <p data-testid="agency">
            <span class="app-service__agency-label">{move || app.locale.get().t("دستگاه: ", "Agency: ")}</span>
            <strong>{name}</strong>
            {website.map(|url| view! {
                " · "<a href=url.clone() rel="noopener noreferrer" data-testid="agency-website">
                    {move || app.locale.get().t("وب‌گاه", "Website")}" "<bdi dir="ltr">{crate::domain::links::shown_url(&url)}</bdi>
                </a>
            })}
            {phone.map(|p| {
                let shown = move || format::digits(app.locale.get(), &p);
                view! {
                    " · "{move || app.locale.get().t("تلفن: ", "Phone: ")}
                    {match tel.clone() {
                        Some(href) => view! { <a href=href data-testid="agency-phone"><bdi dir="ltr">{shown.clone()}</bdi></a> }.into_any(),
                        None => view! { <bdi dir="ltr">{shown.clone()}</bdi> }.into_any(),
                    }}
                }
            })}
        </p>
    }
    .into_any()
}

/// The nearest three operating offices within 50 km that offer the service.
#[component]
fn NearbyOffices(service_id: String, near: LatLon) -> impl IntoView {
    let app = use_app();
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    let api = app.api.clone();
    let loader: ProvinceDocs<Arc<Decoded<OfficesDoc>>> = use_province_docs(move |id| {
        let api = api.clone();
        Box::pin(async move { api.offices(&id).await }) as LoadFuture<_>
    });
    Effect::new(move |_| {
        if let Some(Ok(meta)) = app.meta.get() {
            loader.set_ids(&provinces_within(
                &meta.doc.provinces,
                near,
                NEARBY_RADIUS_KM,
            ));
        }
    });
    let navigate = use_navigate();
    let service_id = Arc::new(service_id);
    let loading = move || {
        view! { <Loading label=Signal::derive(move || app.locale.get().t("در حال یافتن نزدیک‌ترین دفاتر…", "Finding the nearest offices…").to_string())/> }.into_any()
    };
    move || {
        match app.meta.get() {
            None => return loading(),
            Some(Err(error)) => {
                return view! { <ErrorNotice error on_retry=move |_| app.meta.refetch()/> }
                    .into_any()
            }
            Some(Ok(_)) => {}
        }
        // The nearest offices are shown once every province in reach has answered, so the
        // list never reorders under the reader's finger.
        if loader.pending() {
            return loading();
        }
        let docs: Vec<Arc<Decoded<OfficesDoc>>> =
            loader.loaded().into_iter().map(|(_, d)| d).collect();
        let navigate = navigate.clone();
        let service_id = service_id.clone();
        let list = (move || {
            let nearby: Vec<(Office, f64)> = catalogue::nearest_offering(
                docs.iter().flat_map(|d| d.doc.offices.iter()),
                &service_id,
                near,
                NEARBY_RADIUS_KM,
                NEARBY_COUNT,
            )
            .into_iter()
            .map(|n| (n.office.clone(), n.km))
            .collect();
            if nearby.is_empty() {
                return view! {
                    <p class="app-notice app-notice--warning" data-testid="no-nearby">{move || match app.locale.get() {
                        Locale::Fa => format!("هیچ دفتر فعالی در فاصلهٔ {} کیلومتری شما این خدمت را ارائه نمی‌کند.", format::integer(Locale::Fa, 50)),
                        Locale::En => "No operating office within 50 km of you offers this service.".to_string(),
                    }}</p>
                }.into_any();
            }
            let navigate = navigate.clone();
            view! {
                <h4>{t("نزدیک‌ترین دفاتری که این خدمت را ارائه می‌کنند", "The nearest offices offering this service")}</h4>
                <ol class="app-results app-nearby" data-testid="nearby-offices">
                    {nearby.into_iter().map(|(office, km)| {
                        let navigate = navigate.clone();
                        let href = Route::office(&office.province_id, &office.id).href();
                        let pick = Route::Service { id: service_id.to_string(), office: Some(office.id.clone()) }.path();
                        let o = office.clone();
                        let name = move || o.name(app.locale.get()).to_string();
                        let o = office.clone();
                        let city = move || o.city(app.locale.get()).to_string();
                        view! {
                            <li class="app-nearby__item" data-testid="nearby-office" data-office-id=office.id.clone()>
                                <A href=href>{name}</A>
                                <span class="app-card__meta">
                                    <span>{city}</span>
                                    <span data-testid="distance">{move || format::km(app.locale.get(), km)}</span>
                                </span>
                                <button type="button" class="app-button app-button--link" data-testid="choose-office"
                                    on:click=move |_| navigate(&pick, NavigateOptions { replace: true, scroll: false, ..Default::default() })>
                                    {t("چاپ با نشانی این دفتر", "Print with this office")}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            }.into_any()
        })();
        view! {
            <FailedProvinces failed=Signal::derive(move || loader.failed())
                on_retry=Callback::new(move |id: String| loader.retry(&id))
                on_retry_all=Callback::new(move |_| loader.retry_failed())/>
            {list}
        }
        .into_any()
    }
}

/// "n offices in <province> offer this" for a province the user picks (the nearest one when
/// the location is known): honest about what the data says without loading every province.
#[component]
fn ProvinceAvailability(service_id: String, near: Option<LatLon>) -> impl IntoView {
    let app = use_app();
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    let selected: RwSignal<Option<String>> = RwSignal::new(None);
    let service_id = Arc::new(service_id);
    with_document(app.meta, move |meta| {
        let provinces: Vec<Province> = meta.doc.provinces.clone();
        if selected.get_untracked().is_none() {
            if let Some(p) = near.and_then(|p| nearest_province(&provinces, p)) {
                selected.set(Some(p.id.clone()));
            }
        }
        let api = app.api.clone();
        let counts = LocalResource::new(move || {
            let api = api.clone();
            let province = selected.get();
            async move {
                match province {
                    None => Ok(None),
                    Some(id) => api.offices(&id).await.map(Some),
                }
            }
        });
        let service_id = service_id.clone();
        let province_names = provinces.clone();
        let result = move || {
            let service_id = service_id.clone();
            match counts.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(error)) => {
                    view! { <ErrorNotice error on_retry=move |_| counts.refetch()/> }.into_any()
                }
                Some(Ok(None)) => ().into_any(),
                Some(Ok(Some(doc))) => {
                    let n = catalogue::count_offering(&doc.doc.offices, &service_id);
                    let province = province_names
                        .iter()
                        .find(|p| p.id == doc.doc.province_id)
                        .cloned();
                    let province_id = doc.doc.province_id.clone();
                    let href = Route::Offices(FinderState {
                        province: Some(province_id.clone()),
                        ..FinderState::for_service(&service_id, None)
                    })
                    .href();
                    let pname = move || {
                        let locale = app.locale.get();
                        province
                            .as_ref()
                            .map_or_else(|| province_id.clone(), |p| p.name(locale).to_string())
                    };
                    if n == 0 {
                        view! {
                            <p class="app-notice app-notice--warning" data-testid="province-availability" data-count="0">{move || match app.locale.get() {
                                Locale::Fa => format!("طبق داده‌های ما هیچ دفتر فعالی در استان {} این خدمت را ارائه نمی‌کند.", pname()),
                                Locale::En => format!("According to our data, no operating office in {} offers this service.", pname()),
                            }}</p>
                        }.into_any()
                    } else {
                        view! {
                            <p data-testid="province-availability" data-count=n.to_string()>
                                <A href=href>{move || {
                                    let locale = app.locale.get();
                                    match locale {
                                        Locale::Fa => format!("{} دفتر فعال در استان {} این خدمت را ارائه می‌کنند", format::count(locale, n), pname()),
                                        Locale::En if n == 1 => format!("1 operating office in {} offers this service", pname()),
                                        Locale::En => format!("{n} operating offices in {} offer this service", pname()),
                                    }
                                }}</A>
                            </p>
                        }.into_any()
                    }
                }
            }
        };
        view! {
            <div class="app-field app-province-check">
                <label class="app-field__label" for="province-check">{t("کدام دفاتر استان این خدمت را دارند؟", "Which offices in a province offer it?")}</label>
                <select id="province-check" class="app-select" data-testid="province-check"
                    on:change:target=move |ev| {
                        let v = ev.target().value();
                        selected.set((!v.is_empty()).then_some(v));
                    }>
                    <option value="" selected=move || selected.get().is_none()>{t("یک استان انتخاب کنید", "Choose a province")}</option>
                    {move || {
                        // In the UI language's alphabetical order, re-sorted when it changes.
                        let locale = app.locale.get();
                        let mut list = provinces.clone();
                        collate::sort_by_name(&mut list, locale, |p| p.name(locale));
                        list.into_iter().map(|p| {
                            let id = p.id.clone();
                            let is_selected = move || selected.get().as_deref() == Some(id.as_str());
                            let value = p.id.clone();
                            view! { <option value=value selected=is_selected>{p.name(locale).to_string()}</option> }
                        }).collect_view()
                    }}
                </select>
            </div>
            {result}
        }
    })
}

/// The office chosen for printing (`?office=`): its name, address and phone, printed with
/// the checklist. An id the data does not have is said so, not fatal.
#[component]
fn ChosenOffice(office_id: String, service_id: String) -> impl IntoView {
    let app = use_app();
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    let province = catalogue::office_province(&office_id)
        .unwrap_or_default()
        .to_string();
    let api = app.api.clone();
    let doc = LocalResource::new(move || {
        let api = api.clone();
        let province = province.clone();
        async move { api.offices(&province).await }
    });
    let navigate = use_navigate();
    let back = Route::service(&service_id).path();
    let clear = move |_| {
        navigate(
            &back,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        )
    };
    view! {
        <section class="app-card app-chosen-office" data-testid="chosen-office" aria-labelledby="chosen-office-heading">
            <h2 id="chosen-office-heading" class="app-card__title">{t("دفتری که به آن می‌روید", "The office you are going to")}</h2>
            {with_document(doc, move |doc| {
                match doc.doc.offices.iter().find(|o| o.id == office_id).cloned() {
                    None => view! {
                        <p data-testid="chosen-office-missing">{t("این دفتر در داده‌ها پیدا نشد.", "This office is not in the data.")}</p>
                    }.into_any(),
                    Some(o) => {
                        let o2 = o.clone();
                        let name = move || o2.name(app.locale.get()).to_string();
                        let o3 = o.clone();
                        let city = move || o3.city(app.locale.get()).to_string();
                        let code = o.code.clone();
                        let phone = o.phone.clone();
                        let postal = o.postal_code.clone();
                        view! {
                            <dl class="app-summary">
                                <dt>{t("نام", "Name")}</dt><dd data-testid="chosen-office-name">{name}</dd>
                                <dt>{t("کد دفتر", "Office code")}</dt><dd><bdi>{move || format::digits(app.locale.get(), &code)}</bdi></dd>
                                <dt>{t("نشانی", "Address")}</dt><dd><span>{city}</span>"، "<span lang="fa">{o.address_fa.clone()}</span></dd>
                                {postal.map(|p| view! { <dt>{t("کد پستی", "Postal code")}</dt><dd><bdi>{move || format::digits(app.locale.get(), &p)}</bdi></dd> })}
                                {phone.map(|p| view! { <dt>{t("تلفن", "Phone")}</dt><dd><bdi dir="ltr">{move || format::digits(app.locale.get(), &p)}</bdi></dd> })}
                            </dl>
                        }.into_any()
                    }
                }
            })}
            <button type="button" class="app-button app-button--link app-no-print" on:click=clear>
                {t("حذف این دفتر از چاپ", "Remove this office from the printout")}
            </button>
        </section>
    }
}
