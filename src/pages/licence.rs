//! `/licences/:province/:number`: one licence — holder, kind, city, status and its flags with
//! explanations, dates, the status history, inspections and the linked office.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::client::ApiResult;
use crate::api::Decoded;
use crate::components::flag_badges::{FlagExplanations, StatusTag};
use crate::components::page::{use_page_title, PageHeading};
use crate::components::province_load::province_name;
use crate::components::states::{ErrorNotice, Loading, SkippedNotice};
use crate::context::use_app;
use crate::domain::licence_flags;
use crate::domain::qr;
use crate::i18n::{format, labels, Locale};
use crate::model::{Licence, LicencesDoc, OfficesDoc};
use crate::platform::clock;
use crate::route::{Page, Route};

/// The licence page.
#[component]
pub fn LicencePage() -> impl IntoView {
    let app = use_app();
    let params = use_params_map();
    let province = Memo::new(move |_| params.read().get("province").unwrap_or_default());
    let number = Memo::new(move |_| params.read().get("number").unwrap_or_default());
    use_page_title(move || {
        let locale = app.locale.get();
        format!(
            "{} {}",
            locale.t("پروانهٔ", "Licence"),
            format::digits(locale, &number.get())
        )
    });
    let api = app.api.clone();
    let licences: LocalResource<ApiResult<LicencesDoc>> = LocalResource::new(move || {
        let api = api.clone();
        let id = province.get();
        async move { api.licences(&id).await }
    });
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    view! {
        <nav class="app-breadcrumbs" aria-label=t("مسیر", "Breadcrumb")>
            <A href=Page::Licences.href()>{t("پروانه‌ها", "Licences")}</A>
        </nav>
        {move || match licences.get() {
            None => view! {
                <PageHeading>{t("پروانهٔ ", "Licence ")}<bdi dir="ltr">{number.get()}</bdi></PageHeading>
                <Loading/>
            }.into_any(),
            Some(Err(error)) => view! {
                <PageHeading>{t("پروانهٔ ", "Licence ")}<bdi dir="ltr">{number.get()}</bdi></PageHeading>
                <ErrorNotice error on_retry=move |_| licences.refetch()/>
            }.into_any(),
            Some(Ok(doc)) => found(&doc, &number.get()),
        }}
    }
}

/// The licence with this (normalised) number, or the not-found content.
fn found(doc: &Arc<Decoded<LicencesDoc>>, number: &str) -> AnyView {
    // The number as the address gives it (opaque: the API's own), else as a person types it
    // (without dashes, in Persian digits: `same_number`).
    match doc
        .doc
        .licences
        .iter()
        .find(|l| l.number == number || crate::domain::registry::same_number(&l.number, number))
        .cloned()
    {
        Some(licence) => view! {
            <SkippedNotice count=doc.skipped.len()/>
            <LicenceView licence/>
        }
        .into_any(),
        None => view! { <NotFound number=number.to_string()/> }.into_any(),
    }
}

/// "Licence not found" with a way back to the look-up.
#[component]
fn NotFound(number: String) -> impl IntoView {
    let app = use_app();
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    view! {
        <div data-testid="licence-not-found">
            <PageHeading>{t("پروانه پیدا نشد", "Licence not found")}</PageHeading>
            <p>
                {t("پروانه‌ای با شمارهٔ ", "There is no licence numbered ")}
                <bdi dir="ltr">{number}</bdi>
                {t(" در این استان ثبت نشده است. شماره و استان را دوباره بررسی کنید.", " in this province. Check the number and the province.")}
            </p>
            <p><A href=Page::Licences.href()>{t("بازگشت به جست‌وجوی پروانه", "Back to the licence look-up")}</A></p>
        </div>
    }
}

/// The licence itself.
#[component]
fn LicenceView(licence: Licence) -> impl IntoView {
    let app = use_app();
    let today = clock::now_iran().date();
    let threshold = app.config.dormant_after_days;
    let flags = licence_flags::flags(&licence, today, threshold);
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    let l = Arc::new(licence);

    let holder = {
        let l = l.clone();
        move || match app.locale.get() {
            Locale::Fa => l.holder_fa.clone(),
            Locale::En => l
                .holder_en
                .clone()
                .filter(|h| !h.trim().is_empty())
                .unwrap_or_else(|| l.holder_fa.clone()),
        }
    };
    let province = {
        let id = l.province_id.clone();
        move || {
            let meta = app.meta.get().and_then(Result::ok);
            province_name(meta.as_ref().map(|m| &m.doc), &id, app.locale.get())
        }
    };
    let date = move |d: chrono::NaiveDate| move || format::date(app.locale.get(), d);
    let optional_date = move |d: Option<chrono::NaiveDate>, none: (&'static str, &'static str)| {
        move || match d {
            Some(d) => format::date(app.locale.get(), d),
            None => app.locale.get().t(none.0, none.1).to_string(),
        }
    };
    let kind = l.kind.clone();
    let flags_block = if flags.is_empty() {
        view! { <p data-testid="no-flags">{t("هشداری برای این پروانه نیست.", "There are no warnings for this licence.")}</p> }.into_any()
    } else {
        view! { <FlagExplanations flags dormant_after_days=threshold/> }.into_any()
    };

    let number = l.number.clone();
    view! {
        <article class="app-licence" data-testid="licence">
            <PageHeading>
                {t("پروانهٔ ", "Licence ")}<bdi dir="ltr" data-testid="licence-number">{number.clone()}</bdi>
            </PageHeading>
            <dl class="app-summary">
                <dt>{t("دارنده", "Holder")}</dt>
                <dd><bdi data-testid="licence-holder">{holder}</bdi></dd>
                <dt>{t("نوع", "Kind")}</dt>
                <dd>{move || labels::licence_kind(app.locale.get(), &kind)}</dd>
                <dt>{t("استان", "Province")}</dt>
                <dd><bdi>{province}</bdi></dd>
                <dt>{t("شهر", "City")}</dt>
                <dd><bdi>{l.city_fa.clone()}</bdi></dd>
                <dt>{t("وضعیت", "Status")}</dt>
                <dd><StatusTag status=l.status.clone()/></dd>
                <dt>{t("تاریخ صدور", "Issued on")}</dt>
                <dd data-testid="issued-on">{date(l.issued_on)}</dd>
                <dt>{t("تاریخ فعال‌سازی", "Activated on")}</dt>
                <dd>{optional_date(l.activated_on, ("فعال نشده است", "Never activated"))}</dd>
                <dt>{t("تاریخ انقضا", "Expires on")}</dt>
                <dd>{date(l.expires_on)}</dd>
                <dt>{t("آخرین فعالیت ثبت‌شده", "Last recorded activity")}</dt>
                <dd>{optional_date(l.last_activity_on, ("ثبت نشده", "None recorded"))}</dd>
            </dl>

            <LicenceQr province=l.province_id.clone() number=l.number.clone()/>

            <section aria-labelledby="licence-flags-title">
                <h2 id="licence-flags-title">{t("هشدارها", "Warnings")}</h2>
                {flags_block}
            </section>

            <section aria-labelledby="licence-office-title">
                <h2 id="licence-office-title">{t("دفتر", "Office")}</h2>
                <LinkedOffice licence=l.clone()/>
            </section>

            <section aria-labelledby="licence-history-title">
                <h2 id="licence-history-title">{t("سابقهٔ وضعیت", "Status history")}</h2>
                <History licence=l.clone()/>
            </section>

            <section aria-labelledby="licence-inspections-title">
                <h2 id="licence-inspections-title">{t("بازرسی‌ها", "Inspections")}</h2>
                <Inspections licence=l.clone()/>
            </section>
        </article>
    }
}

/// A QR code of this licence page's own public address, drawn as SVG (`domain::qr`): a
/// citizen scans the code on an office's wall and lands here, in the register.
#[component]
fn LicenceQr(province: String, number: String) -> impl IntoView {
    let app = use_app();
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    let url = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .map(|origin| format!("{origin}{}", Route::licence(&province, &number).href()));
    let Some((url, symbol)) = url.and_then(|u| qr::encode(&u).ok().map(|s| (u, s))) else {
        return ().into_any();
    };
    let side = symbol.view_box_side();
    let view_box = format!("0 0 {side} {side}");
    view! {
        <section aria-labelledby="licence-qr-title" class="app-licence__qr" data-testid="licence-qr">
            <h2 id="licence-qr-title">{t("بررسی این پروانه با گوشی", "Check this licence with a phone")}</h2>
            <p>{t("این کد نشانی همین صفحه در فهرست پروانه‌ها است. دفتر می‌تواند آن را کنار پروانه‌اش نصب کند تا هر کس با دوربین گوشی درستی آن را ببیند.",
                "This code is the address of this page in the licence register. An office can put it beside its licence so anyone can check it with a phone camera.")}</p>
            <svg class="app-qr" viewBox=view_box width="232" height="232" role="img"
                aria-label=move || format!("{} {url}", app.locale.get().t("کد QR نشانی", "QR code of"))
                data-testid="licence-qr-code">
                <rect x="0" y="0" width=side.to_string() height=side.to_string() fill="#ffffff"/>
                <path d=symbol.svg_path() fill="#000000"/>
            </svg>
        </section>
    }
    .into_any()
}

/// The status history, oldest first (an ordered list read top to bottom as a timeline).
#[component]
fn History(licence: Arc<Licence>) -> impl IntoView {
    let app = use_app();
    if licence.history.is_empty() {
        return view! { <p>{move || app.locale.get().t("سابقه‌ای ثبت نشده است.", "No history has been recorded.")}</p> }.into_any();
    }
    let mut entries = licence.history.clone();
    // Stable: entries of the same day keep the published order.
    entries.sort_by_key(|e| e.on);
    let activated_later: Vec<bool> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            crate::domain::licence_flags::issued_then_activated(
                &licence,
                e.on,
                entries.get(i + 1..).unwrap_or_default(),
            )
        })
        .collect();
    let items = entries
        .into_iter()
        .zip(activated_later)
        .map(|(e, activated_later)| {
            let on = e.on;
            let note = move || match app.locale.get() {
                Locale::Fa => e.note_fa.clone(),
                Locale::En => e.note_en.clone().or_else(|| e.note_fa.clone()),
            }
            .filter(|n| !n.trim().is_empty());
            view! {
                <li class="app-timeline__item">
                    <p class="app-timeline__date">{move || format::date(app.locale.get(), on)}</p>
                    <p><StatusTag status=e.status.clone() activated_later/></p>
                    {move || note().map(|n| view! { <p class="app-timeline__note"><bdi>{n}</bdi></p> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <p class="app-field__hint">{move || app.locale.get().t("قدیمی‌ترین در بالا، تازه‌ترین در پایین.", "Oldest first, newest last.")}</p>
        <ol class="app-timeline" data-testid="licence-history">{items}</ol>
    }
    .into_any()
}

/// Inspection results as a table.
#[component]
fn Inspections(licence: Arc<Licence>) -> impl IntoView {
    let app = use_app();
    if licence.inspections.is_empty() {
        return view! { <p>{move || app.locale.get().t("بازرسی‌ای ثبت نشده است.", "No inspections have been recorded.")}</p> }.into_any();
    }
    let mut list = licence.inspections.clone();
    list.sort_by_key(|i| i.on);
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    let rows = list
        .into_iter()
        .map(|i| {
            let on = i.on;
            let grade = i.grade.clone();
            view! {
                <tr>
                    <td>{move || format::date(app.locale.get(), on)}</td>
                    <td>{move || labels::grade(app.locale.get(), &grade)}</td>
                    <td><bdi>{i.note_fa.clone().unwrap_or_default()}</bdi></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="app-table-wrap">
            <table class="app-table" data-testid="licence-inspections">
                <thead><tr>
                    <th scope="col">{t("تاریخ", "Date")}</th>
                    <th scope="col">{t("نمره", "Grade")}</th>
                    <th scope="col">{t("یادداشت بازرس (فارسی)", "Inspector's note (Persian)")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The office opened under the licence, from the province's offices document.
#[component]
fn LinkedOffice(licence: Arc<Licence>) -> impl IntoView {
    let app = use_app();
    let Some(office_id) = licence.office_id.clone().filter(|o| !o.trim().is_empty()) else {
        return view! {
            <p data-testid="no-office">{move || app.locale.get().t(
                "هیچ دفتری با این پروانه افتتاح نشده است.",
                "No office has ever opened under this licence.",
            )}</p>
        }
        .into_any();
    };
    let api = app.api.clone();
    let province = licence.province_id.clone();
    let offices: LocalResource<ApiResult<OfficesDoc>> = LocalResource::new(move || {
        let api = api.clone();
        let province = province.clone();
        async move { api.offices(&province).await }
    });
    let province = licence.province_id.clone();
    (move || match offices.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(error)) => {
            view! { <ErrorNotice error on_retry=move |_| offices.refetch()/> }.into_any()
        }
        Some(Ok(doc)) => match doc.doc.offices.iter().find(|o| o.id == office_id) {
            Some(office) => {
                let href = Route::office(&province, &office.id).href();
                let (fa, en) = (office.name_fa.clone(), office.name_en.clone());
                let kind = office.kind.clone();
                let status = office.status.clone();
                view! {
                    <p data-testid="linked-office">
                        <A href=href><bdi>{move || app.locale.get().pick(fa.clone(), en.clone())}</bdi></A>
                        " — "{move || labels::office_kind(app.locale.get(), &kind)}
                        " ("{move || labels::office_status(app.locale.get(), &status)}")"
                    </p>
                }
                .into_any()
            }
            None => {
                let id = office_id.clone();
                view! {
                    <p data-testid="office-missing">
                        {move || app.locale.get().t("این پروانه به دفتری با شناسهٔ ", "This licence names office ")}
                        <bdi dir="ltr">{id.clone()}</bdi>
                        {move || app.locale.get().t(" متصل است، اما آن دفتر در فهرست دفاتر استان نیست.", ", but that office is not in the province's list of offices.")}
                    </p>
                }
                .into_any()
            }
        },
    })
    .into_any()
}
