//! "Directions" and "Call": what a citizen does next with an office, as large links (44 px
//! touch targets, `app-button`) on every result card, saved office and office page.

use leptos::prelude::*;

use crate::domain::links::{directions_href, tel_href};
use crate::i18n::Locale;
use crate::model::{LatLon, Office};

/// A row with "Directions" (when the office has a valid location) and "Call" (when its phone
/// number makes a `tel:` link); nothing when it has neither. Each link's accessible name
/// carries the office's name, so a list of them reads "Directions to …", "Call …".
#[component]
pub fn OfficeActions(
    /// The office's name in `locale` (for the links' accessible names).
    name: String,
    /// The office's location, if recorded.
    location: Option<LatLon>,
    /// The office's phone number as the data gives it.
    phone: Option<String>,
    /// UI language.
    locale: Locale,
) -> impl IntoView {
    let directions = location.and_then(directions_href);
    let call = phone.as_deref().and_then(tel_href);
    (directions.is_some() || call.is_some()).then(|| {
        let directions_label = format!("{} {name}", locale.t("مسیریابی به", "Directions to"));
        let call_label = format!("{} {name}", locale.t("تماس با", "Call"));
        view! {
            <p class="app-button-row" data-testid="office-actions">
                {directions.map(|href| view! {
                    <a class="app-button app-button--secondary" href=href rel="noopener noreferrer"
                        data-testid="directions-link" aria-label=directions_label>
                        {locale.t("مسیریابی", "Directions")}
                    </a>
                })}
                {call.map(|href| view! {
                    <a class="app-button app-button--secondary" href=href
                        data-testid="call-link" aria-label=call_label>
                        {locale.t("تماس", "Call")}
                    </a>
                })}
            </p>
        }
    })
}

/// [`OfficeActions`] for an office record.
pub fn office_actions(office: &Office, locale: Locale) -> impl IntoView {
    view! {
        <OfficeActions name=office.name(locale).to_string() location=office.location
            phone=office.phone.clone() locale/>
    }
}
