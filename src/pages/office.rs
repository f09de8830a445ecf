//! `/offices/:province/:id`: one office. Loads only that office (through the index when the
//! API has one, else its province's offices document), the small services document for names,
//! and its licence for the licence panel (one shard of the index's licence look-up, else the
//! province's licences document).
//!
//! When the API cannot deliver the office (offline, a network error) and it is saved on this
//! device with its record, the page shows that saved copy under a notice with its date, not an
//! error.

use chrono::{DateTime, Datelike, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::ApiError;
use crate::components::licence_panel::LicencePanel;
use crate::components::map::{office_marker, OfficeMap};
use crate::components::office_actions::office_actions;
use crate::components::opening::OpeningBadge;
use crate::components::page::{use_page_title, PageHeading};
use crate::components::saved_offices::{use_saved_offices, SaveOfficeButton, SavedOffices};
use crate::components::share::{CopyButton, ShareButton};
use crate::components::states::{ErrorNotice, Loading, SkippedNotice};
use crate::context::use_app;
use crate::domain::hours::{active_closures, opening_state, ClosureSource};
use crate::domain::iran_time::iran_now;
use crate::domain::links::{map_links, tel_href};
use crate::domain::report::{self, ReportSubject};
use crate::i18n::{format, labels, messages, Locale};
use crate::model::{Office, Shift, IRAN_WEEK};
use crate::platform::clock::use_iran_clock;
use crate::route::{Page, Route};

/// What the office page shows.
#[derive(Clone, Debug, PartialEq)]
enum Shown {
    Loading,
    /// The office from the API, with the number of unreadable records of its document.
    Live(Office, usize),
    /// The API failed; the copy saved on this device.
    Copy(Office, SavedCopy),
    /// The API failed and there is no saved copy.
    Failed(ApiError),
    NotFound,
}

/// Where a saved copy comes from: when it was saved, and why the API's copy is not shown.
#[derive(Clone, Debug, PartialEq)]
struct SavedCopy {
    saved_at: Option<DateTime<Utc>>,
    error: ApiError,
}

/// The page for `/offices/:province/:id`.
#[component]
pub fn OfficePage() -> impl IntoView {
    let app = use_app();
    let saved = use_saved_offices();
    let params = use_params_map();
    let province = Memo::new(move |_| params.read().get("province").unwrap_or_default());
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let api = StoredValue::new(app.api.clone());
    // The office alone: by the index (a few kilobytes) when there is one, else its province.
    // meta.json comes from the client (loaded at start-up and kept), not from the `meta`
    // resource: awaiting that would subscribe the look-up to it and run it twice, asking for a
    // failing document more often than its retries.
    let office_doc = LocalResource::new(move || {
        let (p, id) = (province.get(), id.get());
        let api = api.get_value();
        async move {
            let meta = api.meta().await?;
            api.office(&meta.doc, &p, &id).await
        }
    });
    // The office's licence for its panel: one licence shard of the index, else the province's
    // licences document (waits for the office, whose record names the licence).
    let licence = LocalResource::new(move || {
        let p = province.get();
        let api = api.get_value();
        async move {
            // The office's record names its licence.
            let (office, _) = office_doc.await?;
            let Some(number) = office.and_then(|o| o.licence_number) else {
                return Ok(None);
            };
            let meta = api.meta().await?;
            api.licence(&meta.doc, &p, &number).await
        }
    });
    let shown = Memo::new(move |_| match office_doc.get() {
        None => Shown::Loading,
        Some(Ok((Some(office), skipped))) => Shown::Live(office, skipped),
        Some(Ok((None, _))) => Shown::NotFound,
        Some(Err(error)) => match saved.copy_of(&province.get(), &id.get()) {
            Some((office, saved_at)) => Shown::Copy(office, SavedCopy { saved_at, error }),
            None => Shown::Failed(error),
        },
    });
    use_page_title(move || {
        let locale = app.locale.get();
        match shown.get() {
            Shown::Live(o, _) | Shown::Copy(o, _) => o.name(locale).to_string(),
            Shown::NotFound => locale.t("دفتر پیدا نشد", "Office not found").to_string(),
            Shown::Loading | Shown::Failed(_) => locale.t("دفتر", "Office").to_string(),
        }
    });
    let retry = Callback::new(move |()| office_doc.refetch());
    move || match shown.get() {
        Shown::Loading => view! {
            <PageHeading>{move || app.locale.get().t("دفتر", "Office")}</PageHeading>
            <Loading/>
        }
        .into_any(),
        Shown::Failed(error) => view! {
            <PageHeading>{move || app.locale.get().t("دفتر", "Office")}</PageHeading>
            <ErrorNotice error on_retry=retry/>
        }
        .into_any(),
        Shown::Live(office, skipped) => view! {
            <SkippedNotice count=skipped/>
            <OfficeDetails office licence saved copy=None retry/>
        }
        .into_any(),
        Shown::Copy(office, copy) => {
            view! { <OfficeDetails office licence saved copy=Some(copy) retry/> }.into_any()
        }
        Shown::NotFound => view! { <OfficeNotFound/> }.into_any(),
    }
}

/// "Saved copy from <date>": the page shows the copy saved on this device because the API's
/// could not be had, says why, and offers to try again.
#[component]
fn SavedCopyNotice(copy: SavedCopy, retry: Callback<()>) -> impl IntoView {
    let app = use_app();
    move || {
        let locale = app.locale.get();
        let title = match copy.saved_at {
            Some(at) => format!(
                "{} {}",
                locale.t("نسخهٔ ذخیره‌شده روی این دستگاه از", "Saved copy from"),
                format::date(locale, iran_now(at).date())
            ),
            None => locale
                .t("نسخهٔ ذخیره‌شده روی این دستگاه", "Saved copy")
                .to_string(),
        };
        let why = messages::api_error(locale, &copy.error).0;
        view! {
            <div class="app-notice app-notice--warning" role="status" data-testid="saved-copy">
                <p class="app-notice__title">{title}</p>
                <p>
                    {locale.t("آخرین اطلاعات این دفتر دریافت نشد", "The latest details of this office could not be loaded")}
                    " (" {why} "). "
                    {locale.t(
                        "این نسخه‌ای است که روی این دستگاه ذخیره کرده‌اید؛ ساعت کاری و تعطیلی‌ها ممکن است از آن زمان تغییر کرده باشند.",
                        "This is the copy saved on this device; its hours and closures may have changed since.",
                    )}
                </p>
                <button type="button" class="app-button app-button--secondary" data-testid="retry"
                    on:click=move |_| retry.run(())>
                    {locale.t("تلاش دوباره", "Try again")}
                </button>
            </div>
        }
    }
}

/// "Report a problem with this office" (the regulator's complaints channel) and "Report wrong
/// information" (the publisher's feedback channel), from `config.json`, with the office code
/// and licence number ready to copy. Nothing is shown for a channel that is not configured.
#[component]
fn ReportOffice(office: Office) -> impl IntoView {
    let app = use_app();
    let page = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .map(|origin| {
            format!(
                "{origin}{}",
                Route::office(&office.province_id, &office.id).href()
            )
        })
        .unwrap_or_default();
    let details = format!(
        "{} ({})\n{}: {}\n{}، {}\n{}",
        office.name_fa,
        office.name_en,
        office.code,
        office.id,
        office.city_fa,
        office.address_fa,
        office.phone.clone().unwrap_or_default()
    );
    let subject = ReportSubject {
        office_id: office.id.clone(),
        office_code: office.code.clone(),
        licence_number: office.licence_number.clone(),
        page,
        details,
    };
    // Checked before the app started (app::check_reports), so an error here cannot happen.
    let reports = app.config.reports().unwrap_or_default();
    let complaints = reports.complaints.map(|c| {
        report::complaint_links(
            c.url.as_deref(),
            c.phone.as_deref(),
            c.sms.as_deref(),
            &subject,
        )
    });
    let feedback = reports.feedback.and_then(|f| {
        f.url
            .as_deref()
            .and_then(|t| report::url_from_template(t, &subject))
            .or_else(|| {
                f.email.as_deref().and_then(|e| {
                    report::mailto(
                        e,
                        &format!(
                            "Pishkhan office {} ({})",
                            subject.office_code, subject.office_id
                        ),
                        &format!("{}\n\n{}", subject.details, subject.page),
                    )
                })
            })
    });
    let complaints = complaints.filter(|c| !c.is_empty());
    if complaints.is_none() && feedback.is_none() {
        return ().into_any();
    }
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    let label = move |fa: &'static str, en: &'static str| {
        Signal::derive(move || app.locale.get().t(fa, en).to_string())
    };
    let code = office.code.clone();
    let licence = office.licence_number.clone();
    view! {
        <section aria-labelledby="report-heading" data-testid="report">
            <h2 id="report-heading" tabindex="-1">{t("گزارش مشکل", "Report a problem")}</h2>
            <dl class="app-summary">
                <dt>{t("کد دفتر", "Office code")}</dt>
                <dd><bdi class="app-ltr" dir="ltr" data-testid="report-office-code">{code.clone()}</bdi>" "
                    <CopyButton text=Signal::derive(move || code.clone()) label=label("کپی", "Copy")
                        aria_label=label("کپی کد دفتر", "Copy the office code")/></dd>
                {licence.map(|l| view! {
                    <dt>{t("شمارهٔ پروانه", "Licence number")}</dt>
                    <dd><bdi class="app-ltr" dir="ltr" data-testid="report-licence-number">{l.clone()}</bdi>" "
                        <CopyButton text=Signal::derive(move || l.clone()) label=label("کپی", "Copy")
                            aria_label=label("کپی شمارهٔ پروانه", "Copy the licence number")/></dd>
                })}
            </dl>
            {complaints.map(|c| view! {
                <div data-testid="complaints">
                    <h3>{t("گزارش مشکل این دفتر", "Report a problem with this office")}</h3>
                    <p class="app-muted">{t("به سامانهٔ شکایات نهاد ناظر؛ کد دفتر و شمارهٔ پروانه را همراه داشته باشید. اگر بیش از تعرفهٔ رسمی از شما گرفته‌اند هم همین‌جا گزارش کنید.",
                        "To the regulator's complaints channel; have the office code and licence number ready. If you were charged more than the published fee, report it here too.")}</p>
                    <p class="app-button-row">
                        {c.form.map(|href| view! {
                            <a class="app-button" href=href rel="noopener noreferrer" target="_blank" data-testid="complaint-link">
                                {t("گزارش مشکل این دفتر", "Report a problem with this office")}</a>
                        })}
                        {c.call.map(|href| view! {
                            <a class="app-button app-button--secondary" href=href data-testid="complaint-call">{t("تماس با سامانهٔ شکایات", "Call the complaints line")}</a>
                        })}
                        {c.sms.map(|href| view! {
                            <a class="app-button app-button--secondary" href=href data-testid="complaint-sms">{t("پیامک به سامانهٔ شکایات", "Text the complaints line")}</a>
                        })}
                    </p>
                </div>
            })}
            {feedback.map(|href| view! {
                <p><a class="app-button app-button--secondary" href=href rel="noopener noreferrer" data-testid="feedback-link">
                    {t("گزارش اطلاعات نادرست", "Report wrong information")}</a></p>
            })}
        </section>
    }
    .into_any()
}

/// Unknown province or office id.
#[component]
fn OfficeNotFound() -> impl IntoView {
    let app = use_app();
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    view! {
        <PageHeading>{t("دفتر پیدا نشد", "Office not found")}</PageHeading>
        <div data-testid="office-not-found">
            <p>{t("دفتری با این نشانی پیدا نشد. ممکن است بسته شده یا پیوند اشتباه باشد.",
                "There is no office at this address. It may have closed, or the link may be wrong.")}</p>
            <ul>
                <li><A href=Page::Offices.href()>{t("یافتن دفتر", "Find an office")}</A></li>
                <li><A href=Page::Home.href()>{t("صفحهٔ اصلی", "Home page")}</A></li>
            </ul>
        </div>
    }
}

fn shifts_text(locale: Locale, shifts: &[Shift]) -> String {
    shifts
        .iter()
        .map(|s| {
            format!(
                "{}{}{}",
                format::time(locale, s.open),
                locale.t(" تا ", "–"),
                format::time(locale, s.close)
            )
        })
        .collect::<Vec<_>>()
        .join(locale.t("، ", ", "))
}

/// Everything about one office: from the API, or the copy saved on this device (`copy`).
#[component]
fn OfficeDetails(
    office: Office,
    licence: LocalResource<Result<Option<crate::model::Licence>, ApiError>>,
    saved: SavedOffices,
    copy: Option<SavedCopy>,
    retry: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    // A saved office's copy is renewed from the API's record (not from a copy the service
    // worker kept, which may be older than the one saved).
    if copy.is_none() && app.api.offline_copy().get_untracked().is_none() {
        saved.refresh(&office);
    }
    let clock = use_iran_clock();
    let api = app.api.clone();
    let services = LocalResource::new(move || {
        let api = api.clone();
        async move { api.services().await }
    });
    let office = StoredValue::new(office);
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    let orders = move || match app.meta.get() {
        Some(Ok(m)) => m.doc.closures.clone(),
        _ => Vec::new(),
    };
    let o = office.get_value();
    let copy_from = copy.as_ref().and_then(|c| c.saved_at);
    let licence_number = o.licence_number.clone();
    let province_id = o.province_id.clone();

    let heading = move || {
        let locale = app.locale.get();
        office.with_value(|o| o.name(locale).to_string())
    };
    let status_line = move || {
        let locale = app.locale.get();
        let now = clock.get();
        let orders = orders();
        office.with_value(|o| {
            let state = opening_state(o, &orders, now);
            view! {
                <p class="finder-office__tags">
                    <span class="app-tag app-tag--info" data-testid="office-kind">{labels::office_kind(locale, &o.kind)}</span>
                    " "
                    <OpeningBadge locale state today=now.date()/>
                </p>
            }
        })
    };
    let closures = move || {
        let locale = app.locale.get();
        let today = clock.get().date();
        let orders = orders();
        office.with_value(|o| {
            active_closures(o, &orders, today)
                .into_iter()
                .map(|c| {
                    let who = match c.source {
                        ClosureSource::National => locale.t("تعطیلی سراسری", "Nationwide closure"),
                        ClosureSource::Provincial => {
                            locale.t("تعطیلی استانی", "Provincial closure")
                        }
                        ClosureSource::Office => locale.t("تعطیلی دفتر", "Office closure"),
                    };
                    let when = if c.from == c.to {
                        format::date(locale, c.from)
                    } else {
                        format!(
                            "{} {} {} {}",
                            locale.t("از", "from"),
                            format::date(locale, c.from),
                            locale.t("تا", "to"),
                            format::date(locale, c.to)
                        )
                    };
                    let reason = locale.pick(c.reason_fa, c.reason_en).to_string();
                    let class = if c.is_current(today) {
                        "app-notice app-notice--warning"
                    } else {
                        "app-notice"
                    };
                    let upcoming =
                        (!c.is_current(today)).then(|| locale.t(" (پیش رو)", " (upcoming)"));
                    view! {
                        <div class=class data-testid="closure-notice">
                            <p class="app-notice__title">{who}{upcoming}": "{when}</p>
                            {(!reason.is_empty()).then(|| view! { <p>{reason}</p> })}
                        </div>
                    }
                })
                .collect_view()
        })
    };
    let summary = move || {
        let locale = app.locale.get();
        office.with_value(|o| {
            let phone = o.phone.clone().map(|p| {
                let shown = format::digits(locale, &p);
                match tel_href(&p) {
                    Some(href) => view! { <a href=href class="app-button app-button--secondary" data-testid="office-phone"><bdi class="app-ltr" dir="ltr">{shown}</bdi></a> }.into_any(),
                    None => view! { <bdi class="app-ltr" dir="ltr" data-testid="office-phone">{shown}</bdi> }.into_any(),
                }
            });
            let wheelchair = match o.accessibility.wheelchair {
                Some(true) => locale.t("دارد", "Yes"),
                Some(false) => locale.t("ندارد", "No"),
                None => locale.t("نامعلوم", "Not known"),
            };
            let unknown = locale.t("نامعلوم", "Not known");
            view! {
                <dl class="app-summary" data-testid="office-summary">
                    <dt>{locale.t("کد دفتر", "Office code")}</dt>
                    <dd><bdi class="app-ltr" dir="ltr" data-testid="office-code">{format::digits(locale, &o.code)}</bdi></dd>
                    <dt>{locale.t("وضعیت", "Status")}</dt>
                    <dd>{labels::office_status(locale, &o.status)}</dd>
                    <dt>{locale.t("نشانی", "Address")}</dt>
                    <dd data-testid="office-address"><bdi>{o.city(locale).to_string()}</bdi>"، "<bdi>{o.address_fa.clone()}</bdi></dd>
                    <dt>{locale.t("کد پستی", "Postal code")}</dt>
                    <dd>{match &o.postal_code {
                        Some(pc) => view! { <bdi class="app-ltr" dir="ltr">{format::digits(locale, pc)}</bdi> }.into_any(),
                        None => unknown.into_any(),
                    }}</dd>
                    <dt>{locale.t("تلفن", "Phone")}</dt>
                    <dd>{match phone { Some(v) => v, None => unknown.into_any() }}</dd>
                    <dt>{locale.t("دسترسی با ویلچر", "Wheelchair access")}</dt>
                    <dd data-testid="office-wheelchair">{wheelchair}</dd>
                    <dt>{locale.t("آخرین به‌روزرسانی", "Last updated")}</dt>
                    <dd data-testid="office-updated">{format::date(locale, o.updated_at)}</dd>
                </dl>
            }
        })
    };
    let hours = move || {
        let locale = app.locale.get();
        let today = clock.get().date().weekday();
        office.with_value(|o| {
            let known = o.hours.is_some();
            view! {
                {(!known).then(|| view! { <p class="app-notice" data-testid="hours-unknown">{locale.t("ساعت کاری این دفتر منتشر نشده است.", "This office has not published its opening hours.")}</p> })}
                <div class="app-table-wrap">
                    <table class="app-table" data-testid="hours-table">
                        <caption>{locale.t("ساعت کاری هفتگی (به وقت ایران)", "Weekly opening hours (Iran time)")}</caption>
                        <thead><tr><th scope="col">{locale.t("روز", "Day")}</th><th scope="col">{locale.t("ساعت", "Hours")}</th></tr></thead>
                        <tbody>
                            {IRAN_WEEK.iter().map(|day| {
                                let current = *day == today;
                                let text = match o.hours.as_ref().and_then(|h| h.day(*day)) {
                                    None => locale.t("نامعلوم", "Unknown").to_string(),
                                    Some([]) => locale.t("تعطیل", "Closed").to_string(),
                                    Some(shifts) => shifts_text(locale, shifts),
                                };
                                view! {
                                    <tr class:app-table__row--current=current aria-current=current.then_some("date")>
                                        <th scope="row">{format::weekday_name(locale, *day)}{current.then(|| locale.t(" (امروز)", " (today)"))}</th>
                                        <td>{text}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
        })
    };
    let show_map = RwSignal::new(false);
    let directions = move || {
        let locale = app.locale.get();
        let links = office.with_value(|o| o.location.and_then(map_links));
        match links {
            None => view! { <p data-testid="no-directions">{locale.t("موقعیت این دفتر روی نقشه ثبت نشده است.", "This office's location is not recorded.")}</p> }.into_any(),
            Some(l) => view! {
                <button type="button" class="app-button app-button--secondary" data-testid="view-map"
                    aria-expanded=move || if show_map.get() { "true" } else { "false" }
                    on:click=move |_| show_map.update(|v| *v = !*v)>
                    {move || if show_map.get() { app.locale.get().t("بستن نقشه", "Hide map") } else { app.locale.get().t("نمایش روی نقشه", "Show on map") }}
                </button>
                <Show when=move || show_map.get()>
                    <OfficeMap markers=Signal::derive(move || {
                        let locale = app.locale.get();
                        office.with_value(|o| office_marker(o, locale)).into_iter().collect::<Vec<_>>()
                    })/>
                </Show>
                <ul class="finder-directions" data-testid="directions">
                    <li><a class="app-button app-button--secondary" href=l.neshan rel="noopener noreferrer">{locale.t("نشان", "Neshan")}</a></li>
                    <li><a class="app-button app-button--secondary" href=l.balad rel="noopener noreferrer">{locale.t("بلد", "Balad")}</a></li>
                    <li><a class="app-button app-button--secondary" href=l.openstreetmap rel="noopener noreferrer">{locale.t("اپن‌استریت‌مپ", "OpenStreetMap")}</a></li>
                    <li><a class="app-button app-button--secondary" href=l.geo>{locale.t("برنامهٔ نقشهٔ دستگاه", "Your device's map app")}</a></li>
                </ul>
            }.into_any(),
        }
    };
    let has_complaints = app.config.reports().is_ok_and(|r| r.complaints.is_some());
    let service_list = move || {
        let locale = app.locale.get();
        let ids = office.with_value(|o| o.services.clone());
        if ids.is_empty() {
            return view! { <p>{locale.t("فهرست خدمات این دفتر ثبت نشده است.", "No services are listed for this office.")}</p> }.into_any();
        }
        let names = services.get().and_then(Result::ok);
        view! {
            <ul class="finder-services" data-testid="office-services">
                {ids.into_iter().map(|id| {
                    let service = names.as_ref().and_then(|d| d.doc.services.iter().find(|s| s.id == id));
                    let name = service
                        .map(|s| s.name(locale).to_string())
                        .unwrap_or_else(|| id.clone());
                    // The published fee beside each service ("free" and "not published" differ).
                    let fee = service.map(|s| crate::i18n::format::fee_label(locale, s.fee_rials));
                    view! {
                        <li>
                            <A href=Route::service(&id).href()><bdi>{name}</bdi></A>
                            {fee.map(|f| view! { " — " <span class="app-muted" data-testid="office-service-fee">{f}</span> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {has_complaints.then(|| view! {
                <p data-testid="charged-more">
                    {locale.t("اگر بیش از تعرفهٔ رسمی از شما گرفته‌اند، ", "If you were charged more than the published fee, ")}
                    <a href="#report-heading" on:click=|ev: leptos::ev::MouseEvent| {
                        ev.prevent_default();
                        crate::platform::dom::focus_id("report-heading");
                    }>{locale.t("گزارش کنید", "report it")}</a>
                    {locale.t(".", ".")}
                </p>
            })}
        }
        .into_any()
    };

    let actions = move || {
        let locale = app.locale.get();
        office.with_value(|o| office_actions(o, locale))
    };
    let share_url = Route::office(&o.province_id, &o.id).href();
    let share_title = Signal::derive(move || {
        let locale = app.locale.get();
        office.with_value(|o| o.name(locale).to_string())
    });
    let address = Signal::derive(move || {
        let locale = app.locale.get();
        office.with_value(|o| format!("{}{}{}", o.city(locale), locale.t("، ", ", "), o.address_fa))
    });
    let label = move |fa: &'static str, en: &'static str| {
        Signal::derive(move || app.locale.get().t(fa, en).to_string())
    };

    view! {
        <article class="finder-office" data-testid="office-page">
            <PageHeading><bdi>{heading}</bdi></PageHeading>
            {copy.map(|copy| view! { <SavedCopyNotice copy retry/> })}
            {status_line}
            {actions}
            <div class="app-button-row">
                <ShareButton url=share_url title=share_title label=label("اشتراک‌گذاری این دفتر", "Share this office")/>
                <CopyButton text=address label=label("کپی نشانی", "Copy address")/>
                <SaveOfficeButton office=o saved copy_from=copy_from/>
            </div>
            <div data-testid="closures">{closures}</div>
            <section aria-labelledby="details-heading">
                <h2 id="details-heading">{t("مشخصات", "Details")}</h2>
                {summary}
            </section>
            <section aria-labelledby="hours-heading">
                <h2 id="hours-heading">{t("ساعت کاری", "Opening hours")}</h2>
                {hours}
            </section>
            <section aria-labelledby="directions-heading">
                <h2 id="directions-heading">{t("مسیریابی", "Directions")}</h2>
                {directions}
            </section>
            <LicencePanel number=licence_number province_id licence/>
            <ReportOffice office=office.get_value()/>
            <section aria-labelledby="services-heading">
                <h2 id="services-heading">{t("خدمات این دفتر", "Services at this office")}</h2>
                {service_list}
            </section>
        </article>
    }
}
