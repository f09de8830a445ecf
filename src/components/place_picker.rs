//! Where to search: "near me" (browser geolocation) or a province and city chosen by hand,
//! which is also the fallback when the position is refused, unknown or slow.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::context::use_app;
use crate::domain::{collate, finder};
use crate::i18n::Text;
use crate::model::LatLon;
use crate::platform::geolocation::{self, current_position, GeoError};
use crate::platform::storage;
use crate::route::Route;
use crate::route::{round_position, FinderState};

/// How long "near me" waits for a position before offering the province picker instead.
pub const GEO_TIMEOUT_MS: u32 = 10_000;

/// The rounded position, or why there is none.
type Locating = std::pin::Pin<Box<dyn std::future::Future<Output = Result<LatLon, Text>>>>;

/// Asks for the position ("near me"), rounds it and keeps it for this tab, or says in words why
/// there is none: in the lazily loaded search module, as it runs only when the button is pressed.
#[leptos::wasm_split::wasm_split(split_search, wasm_split_path = ::leptos::wasm_split, fallible)]
fn locate(timeout_ms: u32) -> Result<Locating, leptos::wasm_split::SplitLoaderError> {
    Ok(Box::pin(async move {
        let p = round_position(current_position(timeout_ms).await.map_err(GeoError::text)?);
        if let Ok(json) = serde_json::to_string(&p) {
            storage::session_set_raw(storage::keys::LAST_LOCATION, &json);
        }
        Ok(p)
    }))
}

/// "Offices near me" and, below it, the province → city picker. `base` is the rest of the
/// search (e.g. the chosen services), kept when the place is set.
#[component]
pub fn PlaceChooser(
    /// The finder state the place is added to.
    #[prop(into)]
    base: Signal<FinderState>,
) -> impl IntoView {
    let app = use_app();
    let navigate = use_navigate();
    let locating = RwSignal::new(false);
    let geo_error = RwSignal::new(None::<Text>);
    let near_me = move |_| {
        if locating.get_untracked() {
            return;
        }
        locating.set(true);
        geo_error.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = match locate(GEO_TIMEOUT_MS).await {
                Ok(locating) => locating.await,
                Err(e) => {
                    leptos::logging::warn!("near me: {e}");
                    Err(geolocation::NOT_FOUND)
                }
            };
            // The page may have been left meanwhile: then there is nothing to update.
            if locating.try_set(false).is_some() {
                return;
            }
            match result {
                Ok(p) => {
                    let state = base.get_untracked().near(p);
                    navigate(&Route::offices_path(&state), NavigateOptions::default());
                }
                Err(e) => {
                    geo_error.set(Some(e));
                    request_animation_frame(|| crate::platform::dom::focus_id("place-province"));
                }
            }
        });
    };
    view! {
        <div class="finder-place">
            <button type="button" class="app-button finder-place__near" data-testid="near-me"
                aria-describedby="near-me-note" disabled=move || locating.get() on:click=near_me>
                {move || if locating.get() {
                    app.locale.get().t("در حال یافتن موقعیت شما…", "Finding your location…")
                } else {
                    app.locale.get().t("دفترهای نزدیک من", "Offices near me")
                }}
            </button>
            <p id="near-me-note" class="app-field__hint">{move || app.locale.get().t(
                "موقعیت شما فقط برای همین جست‌وجو و فقط روی همین دستگاه به کار می‌رود: با دقت حدود ۱۰۰ متر در بخشی از نشانی صفحه (پس از #) که هرگز به سرور فرستاده نمی‌شود و تا بستن این زبانه در مرورگر می‌ماند. پیوندی که هم‌رسانی می‌کنید آن را فقط وقتی دارد که «هم‌رسانی این فهرست با موقعیت من» را بزنید.",
                "Your location is used only for this search, on this device: rounded to about 100 m, it is kept in the part of the page's address after # (which is never sent to a server) and in this tab until you close it. A link you share carries it only if you tick “Share this list with my position”.",
            )}</p>
            <div role="alert" data-testid="geo-error">
                {move || geo_error.get().map(|e| view! {
                    <p class="app-notice app-notice--warning">{e.get(app.locale.get())}</p>
                })}
            </div>
            <ProvinceCityPicker base/>
        </div>
    }
}

/// Province (from `meta.json`) then city (from that province's offices, loaded once chosen).
#[component]
pub fn ProvinceCityPicker(
    /// The finder state the province and city are added to.
    #[prop(into)]
    base: Signal<FinderState>,
) -> impl IntoView {
    let app = use_app();
    let navigate = use_navigate();
    let province = RwSignal::new(String::new());
    let city = RwSignal::new(String::new());
    let api = app.api.clone();
    let offices = LocalResource::new(move || {
        let id = province.get();
        let api = api.clone();
        async move {
            if id.is_empty() {
                None
            } else {
                Some(crate::api::lazy::offices(&api, &id).await)
            }
        }
    });
    let provinces = move || {
        let locale = app.locale.get();
        match app.meta.get() {
            Some(Ok(meta)) => {
                let mut list: Vec<(String, String)> = meta
                    .doc
                    .provinces
                    .iter()
                    .map(|p| (p.id.clone(), p.name(locale).to_string()))
                    .collect();
                collate::sort_by_name(&mut list, locale, |p| &p.1);
                list
            }
            _ => Vec::new(),
        }
    };
    let cities = move || {
        let english = app.locale.get() == crate::i18n::Locale::En;
        match offices.get() {
            Some(Some(Ok(doc))) => finder::cities(doc.doc.offices.iter(), english),
            _ => Vec::new(),
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let p = province.get_untracked();
        if p.is_empty() {
            crate::platform::dom::focus_id("place-province");
            return;
        }
        let mut state = base.get_untracked().in_province(Some(p));
        let c = city.get_untracked();
        state.city = (!c.is_empty()).then_some(c);
        navigate(&Route::offices_path(&state), NavigateOptions::default());
    };
    view! {
        <form class="finder-picker" data-testid="place-picker" on:submit=submit>
            <fieldset class="app-fieldset">
                <legend>{move || app.locale.get().t("یا استان و شهر را انتخاب کنید", "Or choose a province and city")}</legend>
                <div class="finder-picker__fields">
                    <div class="app-field">
                        <label class="app-field__label" for="place-province">{move || app.locale.get().t("استان", "Province")}</label>
                        <select id="place-province" class="app-select" data-testid="picker-province"
                            on:change:target=move |ev| { province.set(ev.target().value()); city.set(String::new()); }>
                            <option value="" selected=move || province.get().is_empty()>{move || app.locale.get().t("انتخاب استان", "Choose a province")}</option>
                            {move || provinces().into_iter().map(|(id, name)| {
                                let selected = { let id = id.clone(); move || province.get() == id };
                                view! { <option value=id selected=selected>{name}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="app-field">
                        <label class="app-field__label" for="place-city">{move || app.locale.get().t("شهر (اختیاری)", "City (optional)")}</label>
                        <select id="place-city" class="app-select" data-testid="picker-city"
                            disabled=move || province.get().is_empty()
                            on:change:target=move |ev| city.set(ev.target().value())>
                            <option value="">{move || {
                                let locale = app.locale.get();
                                match offices.get() {
                                    Some(None) | None if !province.get().is_empty() => locale.t("در حال بارگذاری شهرها…", "Loading cities…"),
                                    Some(Some(Err(_))) => locale.t("فهرست شهرها در دسترس نیست", "Cities unavailable"),
                                    _ => locale.t("همهٔ شهرها", "All cities"),
                                }
                            }}</option>
                            {move || {
                                let english = app.locale.get() == crate::i18n::Locale::En;
                                cities().into_iter().map(|(fa, en)| {
                                    let label = if english { en } else { fa.clone() };
                                    view! { <option value=fa>{label}</option> }
                                }).collect_view()
                            }}
                        </select>
                    </div>
                    <button type="submit" class="app-button app-button--secondary" data-testid="picker-submit">
                        {move || app.locale.get().t("نمایش دفترها", "Show offices")}
                    </button>
                </div>
            </fieldset>
        </form>
    }
}
