//! One office in the finder's result list.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;

use super::office_actions::office_actions;
use super::opening::OpeningBadge;
use crate::domain::hours::OpeningState;
use crate::i18n::{format, labels, Locale};
use crate::model::{LicenceStatus, Office};
use crate::route::Route;

/// The DOM id of an office's card link, where focus moves after "show more" (ids are opaque:
/// any character but whitespace is allowed in an HTML id, and whitespace is replaced).
pub fn card_id(province: &str, id: &str) -> String {
    format!("result-{province}-{id}").replace(char::is_whitespace, "_")
}

/// Name (link to its page), kind, distance, address, open/closed, matched services, licence
/// badge, and Directions / Call as large links.
#[component]
pub fn OfficeCard(
    /// The office.
    office: Office,
    /// Distance from the searched position.
    distance_km: Option<f64>,
    /// Opening state now.
    opening: OpeningState,
    /// Iran local date today.
    today: NaiveDate,
    /// Names of the services the search asked for (the office offers all of them).
    matched_services: Vec<String>,
    /// UI language.
    locale: Locale,
) -> impl IntoView {
    let href = Route::office(&office.province_id, &office.id).href();
    let name = office.name(locale).to_string();
    let city = office.city(locale).to_string();
    let licensed = office.licence_number.is_some();
    let actions = office_actions(&office, locale);
    view! {
        <li class="app-card finder-card" data-testid="office-result" data-office-id=office.id.clone()>
            <h3 class="app-card__title">
                <A href=href attr:id=card_id(&office.province_id, &office.id)><bdi>{name}</bdi></A>
            </h3>
            <p class="app-card__meta">
                <span data-testid="office-kind">{labels::office_kind(locale, &office.kind)}</span>
                <span>{locale.t("کد", "Code")} " " <bdi class="app-ltr" dir="ltr">{format::digits(locale, &office.code)}</bdi></span>
                {distance_km.map(|d| view! { <span class="finder-card__distance" data-testid="distance">{format::km(locale, d)}</span> })}
                {if let Some(status) = office.licence_status.as_ref().filter(|s| **s != LicenceStatus::Active) {
                    // A licence that is not active is said plainly on the card.
                    let text = format!("{} {}", locale.t("پروانه:", "Licence:"), labels::licence_status(locale, status));
                    view! { <span class="app-tag app-tag--danger" data-testid="licence-badge">{text}</span> }.into_any()
                } else if licensed {
                    view! { <span class="app-tag app-tag--info" data-testid="licence-badge">{locale.t("دارای پروانه", "Licensed")}</span> }.into_any()
                } else {
                    view! { <span class="app-tag app-tag--warning" data-testid="licence-badge">{locale.t("بدون شمارهٔ پروانه", "No licence number")}</span> }.into_any()
                }}
            </p>
            <p class="finder-card__address"><bdi>{city}</bdi> "، " <bdi>{office.address_fa.clone()}</bdi></p>
            <p><OpeningBadge locale state=opening today/></p>
            {(!matched_services.is_empty()).then(|| view! {
                <p class="finder-card__services" data-testid="matched-services">
                    {locale.t("خدمات مورد نظر: ", "Services you asked for: ")}
                    {matched_services.join(locale.t("، ", ", "))}
                </p>
            })}
            {actions}
        </li>
    }
}
