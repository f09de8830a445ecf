//! The licence behind an office, for citizens: number, status, expiry, and a clear warning
//! when it is not active. The licences document may be refused or missing; the office page
//! then still shows the number, with "status unavailable".

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::ApiError;
use crate::context::use_app;
use crate::i18n::{format, labels};
use crate::model::{Licence, LicenceStatus};
use crate::route::Route;

/// Licence panel for an office with licence `number` in `province_id`.
#[component]
pub fn LicencePanel(
    /// The office's licence number, if it has one.
    number: Option<String>,
    /// The office's province.
    province_id: String,
    /// The licence (loaded by the page: `Api::licence`), `Ok(None)` when the data has none.
    licence: LocalResource<Result<Option<Licence>, ApiError>>,
) -> impl IntoView {
    let app = use_app();
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    let body = move || {
        let locale = app.locale.get();
        let Some(number) = number.clone() else {
            return view! {
                <p class="app-notice app-notice--warning" data-testid="licence-missing">
                    {locale.t("پروانه‌ای برای این دفتر ثبت نشده است.", "No licence on record for this office.")}
                </p>
            }
            .into_any();
        };
        let href = Route::licence(&province_id, &number).href();
        let shown = format::digits(locale, &number);
        let number_view = view! {
            <dt>{locale.t("شمارهٔ پروانه", "Licence number")}</dt>
            <dd><A href=href.clone()><bdi class="app-ltr" dir="ltr" data-testid="licence-number">{shown}</bdi></A></dd>
        };
        match licence.get() {
            None => view! {
                <dl class="app-summary">{number_view}</dl>
                <p class="app-loading" role="status">{locale.t("در حال بارگذاری وضعیت پروانه…", "Loading licence status…")}</p>
            }
            .into_any(),
            Some(Err(_)) => view! {
                <dl class="app-summary">{number_view}
                    <dt>{locale.t("وضعیت", "Status")}</dt>
                    <dd data-testid="licence-status">{locale.t("وضعیت در دسترس نیست", "Status unavailable")}</dd>
                </dl>
            }
            .into_any(),
            Some(Ok(found)) => match found.filter(|l| l.number == number) {
                None => view! {
                    <dl class="app-summary">{number_view}
                        <dt>{locale.t("وضعیت", "Status")}</dt>
                        <dd data-testid="licence-status">{locale.t("این پروانه در فهرست پروانه‌های استان پیدا نشد", "This licence is not in the province's licence register")}</dd>
                    </dl>
                }
                .into_any(),
                Some(licence) => {
                    let active = licence.status == LicenceStatus::Active;
                    // The latest by date; of several on one day, the last published.
                    let latest = licence.inspections.iter().max_by_key(|i| i.on).cloned();
                    let status = labels::licence_status(locale, &licence.status);
                    let key = labels::css_key(licence.status.is_known(), licence.status.as_str()).to_string();
                    view! {
                        {(!active).then(|| view! {
                            <div class="app-notice app-notice--warning" data-testid="licence-warning">
                                <p class="app-notice__title">{locale.t("پروانهٔ این دفتر فعال نیست", "This office's licence is not active")}</p>
                                <p>{format!("{} {status}. {}", locale.t("وضعیت پروانه:", "Licence status:"),
                                    locale.t("پیش از مراجعه با دفتر تماس بگیرید؛ ممکن است مجاز به ارائهٔ خدمت نباشد.",
                                        "Call before you go: it may not be allowed to provide services."))}</p>
                            </div>
                        })}
                        <dl class="app-summary">{number_view}
                            <dt>{locale.t("وضعیت", "Status")}</dt>
                            <dd><span class=format!("app-tag app-tag--{key}") data-testid="licence-status">{status}</span></dd>
                            <dt>{locale.t("تاریخ انقضا", "Expires")}</dt>
                            <dd data-testid="licence-expiry">{format::date(locale, licence.expires_on)}</dd>
                            <dt>{locale.t("آخرین بازرسی", "Latest inspection")}</dt>
                            <dd data-testid="licence-inspection">{match latest {
                                Some(i) => format!("{} {} {}", labels::grade(locale, &i.grade), locale.t("در", "on"), format::date(locale, i.on)),
                                None => locale.t("بازرسی‌ای ثبت نشده است", "None on record").to_string(),
                            }}</dd>
                        </dl>
                        <p><A href=href.clone() attr:data-testid="licence-verify">
                            {locale.t("این پروانه را در فهرست پروانه‌های نهاد ناظر ببینید", "Check this licence in the regulator's register")}</A></p>
                    }
                    .into_any()
                }
            },
        }
    };
    view! {
        <section class="finder-licence" aria-labelledby="licence-heading" data-testid="licence-panel">
            <h2 id="licence-heading">{t("پروانه", "Licence")}</h2>
            {body}
        </section>
    }
}
