//! One service in the catalogue: name (link to its page), agency, summary, channels, fee.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::fee::Fee;
use crate::context::use_app;
use crate::i18n::{labels, Locale};
use crate::model::{Agency, Service};
use crate::route::Route;

/// A catalogue entry. `agency` is shown when given (the flat, ranked search results mix
/// agencies); inside an agency group it is left out.
#[component]
pub fn ServiceCard(
    service: Arc<Service>,
    #[prop(optional)] agency: Option<Agency>,
    /// Shown when the service has a Pishkhan channel but no office in the known data offers it.
    #[prop(optional, into)]
    not_offered_in: Option<Signal<Option<String>>>,
    /// Inside an agency group (under its `<h2>`): the title is an `<h3>`, else an `<h2>`.
    #[prop(optional)]
    in_group: bool,
) -> impl IntoView {
    let app = use_app();
    let href = Route::service(&service.id).href();
    let id = service.id.clone();
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
    let agency_name = agency.map(|a| move || a.name(app.locale.get()).to_string());
    let channels = service.channels.clone();
    view! {
        <li class="app-card app-service-card" data-testid="service-card" data-service-id=id>
            {if in_group {
                view! { <h3 class="app-card__title"><A href=href>{name}</A></h3> }.into_any()
            } else {
                view! { <h2 class="app-card__title"><A href=href>{name}</A></h2> }.into_any()
            }}
            {agency_name.map(|n| view! { <p class="app-service-card__agency">{n}</p> })}
            <p class="app-service-card__summary">{summary}</p>
            <ul class="app-service-card__channels" aria-label=move || app.locale.get().t("راه‌های انجام", "Ways to get it done")>
                {channels.into_iter().map(|c| {
                    let key = labels::css_key(c.is_known(), c.as_str()).to_string();
                    view! {
                        <li class=format!("app-tag app-channel app-channel--{key}") data-channel=key.clone()>
                            {move || labels::channel(app.locale.get(), &c)}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p class="app-card__meta">
                <span>{move || app.locale.get().t("هزینه:", "Fee:")}</span>
                <Fee fee_rials=service.fee_rials/>
            </p>
            {not_offered_in.map(|province| move || province.get().map(|p| view! {
                <p class="app-service-card__note" data-testid="not-offered-note">{
                    move || match app.locale.get() {
                        Locale::Fa => format!("هیچ دفتر فعالی در {p} این خدمت را ارائه نمی‌کند."),
                        Locale::En => format!("No operating office in {p} offers this service."),
                    }
                }</p>
            }))}
        </li>
    }
}
