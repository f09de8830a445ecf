//! The finder's notice when a search finds nothing: why ([`DeadEnd`], decided by
//! `domain::finder::dead_end`) and the way on. The page works out the facts; this draws them.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::finder::DeadEnd;
use crate::domain::hours::NextOpening;
use crate::i18n::{format, Locale};
use crate::model::{Channel, Service};
use crate::route::{FinderState, Route};

/// What the notice says, as the finder page found it.
pub struct DeadEndFacts {
    /// Why nothing was found.
    pub kind: DeadEnd,
    /// The search as it stands.
    pub state: FinderState,
    /// The typed text (trimmed).
    pub typed: String,
    /// The services asked for (for "offering …" and where else they are done).
    pub chosen: Vec<Service>,
    /// [`DeadEnd::NotAtOffices`]: the service, and the name of the agency that does it.
    pub not_at_offices: Option<(Service, Option<String>)>,
    /// [`DeadEnd::NothingOpen`]: the name of the office that opens first, and when.
    pub first_open: Option<(String, NextOpening)>,
    /// Iran local date today.
    pub today: NaiveDate,
    /// [`DeadEnd::NothingMatched`]: what the search might have meant.
    pub spelling: Spelling,
}

/// "Did you mean": names close in spelling, services with the typed name, the places the
/// index named (each with the search it leads to, and its label).
#[derive(Default)]
pub struct Spelling {
    pub names: Vec<String>,
    pub services: Vec<(String, String)>,
    pub places: Vec<(FinderState, String)>,
    /// The words are in too many offices for the index to list them.
    pub too_common: bool,
}

/// The notice. `go` runs a search; `respell` runs one for a name the person picked from
/// "did you mean" (the page then resolves it as typed).
#[component]
pub fn DeadEndNotice(
    facts: DeadEndFacts,
    locale: Locale,
    go: Callback<FinderState>,
    respell: Callback<FinderState>,
) -> impl IntoView {
    let DeadEndFacts {
        kind,
        state: s,
        typed,
        chosen,
        not_at_offices,
        first_open,
        today,
        spelling,
    } = facts;
    let offering = if chosen.is_empty() {
        String::new()
    } else {
        let names: Vec<&str> = chosen.iter().map(|sv| sv.name(locale)).collect();
        format!(
            " {} «{}»",
            locale.t("ارائه‌دهندهٔ", "offering"),
            names.join(locale.t("، ", ", "))
        )
    };
    // Where else the chosen services are done: online, or the service's page.
    let elsewhere = (!chosen.is_empty()).then(|| {
        let items = chosen
            .iter()
            .map(|sv| {
                let online = sv
                    .online_url
                    .clone()
                    .filter(|_| sv.has_channel(&Channel::Online))
                    .and_then(|u| crate::domain::links::safe_http_url(&u));
                let name = sv.name(locale).to_string();
                let page = Route::service(&sv.id).href();
                view! {
                    <li>
                        {online.map(|u| view! {
                            <a href=u rel="noopener noreferrer" target="_blank" data-testid="online-route">
                                {format!("{} «{name}» {}", locale.t("انجام", "Do"), locale.t("به‌صورت برخط", "online"))}
                            </a>
                            " · "
                        })}
                        <A href=page>{format!("{} «{}»", locale.t("دربارهٔ", "About"), sv.name(locale))}</A>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="finder-elsewhere">{items}</ul> }
    });
    let body = match kind {
        DeadEnd::LoadFailed => view! {
            <p data-testid="dead-end-failed">{locale.t(
                "بخشی از داده‌ها بارگذاری نشد، پس نمی‌توانیم بگوییم دفتری پیدا نشد. دوباره تلاش کنید.",
                "Some of the data could not be loaded, so we cannot say that no office matches. Try again.",
            )}</p>
        }.into_any(),
        DeadEnd::NotAtOffices(_) => {
            let (name, summary, agency_name) = match &not_at_offices {
                Some((sv, agency)) => (sv.name(locale).to_string(), sv.summary(locale).to_string(), agency.clone()),
                None => Default::default(),
            };
            view! {
                <p data-testid="dead-end-not-at-offices">
                    <strong>{format!("«{name}» {}", locale.t(
                        "در دفترهای پیشخوان و ICT روستایی انجام نمی‌شود.",
                        "is not done at Pishkhan or rural ICT offices.",
                    ))}</strong>
                    " "
                    {agency_name.map(|a| format!("{} {a}.", locale.t("محل انجام:", "It is done by")))}
                </p>
                {(!summary.is_empty()).then(|| view! { <p>{summary}</p> })}
            }.into_any()
        }
        DeadEnd::NothingOpen => {
            let any_hour = FinderState { open_now: false, ..s.clone() };
            view! {
                <p data-testid="dead-end-closed">
                    <strong>{locale.t("اکنون هیچ‌یک از این دفترها باز نیست.", "None of these offices is open now.")}</strong>
                    " "
                    {first_open.map(|(name, next)| format!(
                        "{} {} — {}.",
                        locale.t("نخستین دفتری که باز می‌شود:", "The first to open is"),
                        name,
                        crate::components::opening::next_opening_text(locale, next, today)
                    ))}
                </p>
                <button type="button" class="app-button app-button--secondary" data-testid="show-all-hours"
                    on:click=move |_| go.run(any_hour.clone())>
                    {locale.t("نمایش همهٔ دفترها، باز یا بسته", "Show all offices, open or not")}
                </button>
            }.into_any()
        }
        DeadEnd::OutOfRange { wider } => {
            let here = format!(
                "{} {}{offering}.",
                locale.t("هیچ دفتری تا", "No office within"),
                format::radius(locale, s.radius())
            );
            let widen = wider.map(|km| {
                let next = FinderState { radius_km: Some(f64::from(km)), ..s.clone() };
                view! {
                    <button type="button" class="app-button" data-testid="widen-radius"
                        on:click=move |_| go.run(next.clone())>
                        {format!("{} {}", locale.t("جست‌وجو تا", "Search within"), format::radius(locale, f64::from(km)))}
                    </button>
                }
            });
            let farthest = wider.is_none().then(|| locale.t(
                "در این فاصله هیچ دفتری نیست. استان دیگری را انتخاب کنید یا راه دیگری برای انجام این خدمت ببینید.",
                "There is none at this distance. Choose another province, or see another way to get this done.",
            ));
            view! {
                <p data-testid="dead-end-range"><strong>{here}</strong> " " {farthest}</p>
                {widen}
            }.into_any()
        }
        DeadEnd::NothingMatched => nothing_matched(&s, &typed, spelling, locale, go, respell).into_any(),
        DeadEnd::Filters => {
            let cleared = FinderState {
                q: s.q.clone(),
                province: s.province.clone(),
                near: s.near,
                radius_km: s.radius_km,
                ..FinderState::default()
            };
            view! {
                <p data-testid="dead-end-filters"><strong>{locale.t("هیچ دفتری با این صافی‌ها پیدا نشد.", "No office matches these filters.")}</strong></p>
                <button type="button" class="app-button app-button--secondary" data-testid="clear-filters"
                    on:click=move |_| go.run(cleared.clone())>
                    {locale.t("برداشتن صافی‌ها", "Clear the filters")}
                </button>
            }.into_any()
        }
    };
    view! {
        <section class="app-notice finder-dead-end" data-testid="dead-end">
            {body}
            {elsewhere}
        </section>
    }
}

/// "Nothing matched «…»": the places the index named, names close in spelling, services with
/// the name, and the whole country when a place was chosen.
fn nothing_matched(
    s: &FinderState,
    typed: &str,
    spelling: Spelling,
    locale: Locale,
    go: Callback<FinderState>,
    respell: Callback<FinderState>,
) -> impl IntoView {
    let Spelling {
        names,
        services,
        places,
        too_common,
    } = spelling;
    let whole_country = s.has_place().then(|| {
        let next = FinderState { q: typed.to_string(), ..FinderState::default() };
        view! {
            <button type="button" class="app-button app-button--secondary" data-testid="search-country"
                on:click=move |_| go.run(next.clone())>
                {format!("{} «{}»", locale.t("جست‌وجو در همهٔ کشور برای", "Search the whole country for"), typed)}
            </button>
        }
    });
    let headline = if !places.is_empty() {
        format!(
            "«{typed}»: {}",
            locale.t("کدام جا؟", "which place do you mean?")
        )
    } else if too_common {
        format!(
            "{} «{typed}» {}",
            locale.t("دفترهای بسیاری با", "Too many offices match"),
            locale.t(
                "مطابق‌اند؛ نام جا یا واژهٔ دیگری بیفزایید.",
                "— add a place or another word."
            )
        )
    } else {
        format!(
            "{} «{typed}» {}",
            locale.t("هیچ چیز با", "Nothing matched"),
            locale.t("مطابق نبود.", "")
        )
    };
    let has_places = !places.is_empty();
    let place_buttons = has_places.then(|| {
        view! {
            <ul class="finder-did-you-mean" data-testid="places-named">
                {places.into_iter().map(|(next, label)| view! {
                    <li><button type="button" class="app-button app-button--link"
                        on:click=move |_| go.run(next.clone())><bdi>{label}</bdi></button></li>
                }).collect_view()}
            </ul>
        }
    });
    let services_for = s.clone();
    view! {
        <p data-testid="dead-end-nothing"><strong>{headline.trim_end().to_string()}</strong></p>
        {place_buttons}
        {(!names.is_empty() && !has_places).then(|| view! {
            <p>{locale.t("شاید منظورتان این بود:", "Did you mean:")}</p>
            <ul class="finder-did-you-mean" data-testid="did-you-mean">
                {names.into_iter().map(|n| {
                    let next = FinderState { q: n.clone(), ..FinderState::default() };
                    view! { <li><button type="button" class="app-button app-button--link"
                        on:click=move |_| respell.run(next.clone())><bdi>{n.clone()}</bdi></button></li> }
                }).collect_view()}
            </ul>
        })}
        {(!services.is_empty()).then(|| view! {
            <p>{locale.t("خدمت‌هایی با این نام:", "Services with this name:")}</p>
            <ul class="finder-did-you-mean">
                {services.into_iter().map(|(id, name)| {
                    let next = services_for.for_service_filter(&id);
                    view! { <li><button type="button" class="app-button app-button--link"
                        on:click=move |_| go.run(next.clone())>{format!("{} «{name}»", locale.t("دفترهای ارائه‌دهندهٔ", "Offices offering"))}</button></li> }
                }).collect_view()}
            </ul>
        })}
        {whole_country}
    }
}
