//! The map: a second view of offices, opened on request. Leaflet is loaded when the map is
//! first shown; without a tile server (or when tiles fail) the markers still work on a blank
//! background and the page says so.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::context::use_app;
use crate::platform::leaflet::{self, LiveMap, Marker};

#[derive(Clone, Debug, PartialEq)]
enum MapStatus {
    Loading,
    Ready,
    Failed,
}

/// A map of `markers` (re-fitted when they change).
#[component]
pub fn OfficeMap(
    /// The offices to show.
    #[prop(into)]
    markers: Signal<Vec<Marker>>,
) -> impl IntoView {
    let app = use_app();
    let node = NodeRef::<leptos::html::Div>::new();
    let status = RwSignal::new(MapStatus::Loading);
    let tiles_failed = RwSignal::new(false);
    let live = StoredValue::new_local(None::<LiveMap>);
    let tile_url = app.config.map_tile_url.clone();
    let attribution = app.config.map_attribution.clone();
    let has_tiles = tile_url.is_some();
    Effect::new(move |_| {
        let Some(el) = node.get() else {
            return;
        };
        if live.with_value(Option::is_some) {
            return;
        }
        let tile_url = tile_url.clone();
        let attribution = attribution.clone();
        spawn_local(async move {
            let created = match leaflet::load().await {
                Ok(()) => LiveMap::new(
                    &el,
                    tile_url.as_deref(),
                    attribution.as_deref(),
                    move || {
                        let _ = tiles_failed.try_set(true);
                    },
                ),
                Err(e) => Err(e),
            };
            match created {
                Ok(map) => {
                    if live.try_update_value(|v| *v = Some(map)).is_some() {
                        let _ = status.try_set(MapStatus::Ready);
                    }
                }
                Err(e) => {
                    leptos::logging::warn!("map: {e}");
                    let _ = status.try_set(MapStatus::Failed);
                }
            }
        });
    });
    Effect::new(move |_| {
        let list = markers.get();
        if status.get() == MapStatus::Ready {
            live.with_value(|m| {
                if let Some(m) = m {
                    m.set_markers(&list);
                }
            });
        }
    });
    let note = move || {
        let locale = app.locale.get();
        match status.get() {
            MapStatus::Loading => Some(locale.t("در حال بارگذاری نقشه…", "Loading the map…")),
            MapStatus::Failed => Some(locale.t(
                "نقشه بارگذاری نشد؛ همهٔ اطلاعات در فهرست هست.",
                "The map could not be loaded; the list has everything.",
            )),
            MapStatus::Ready if !has_tiles || tiles_failed.get() => Some(locale.t(
                "کاشی‌های نقشه در دسترس نیست؛ دفترها فقط با نشانگر نمایش داده می‌شوند.",
                "Map tiles unavailable: offices are shown as markers only.",
            )),
            MapStatus::Ready => None,
        }
    };
    view! {
        <div class="finder-map">
            <p class="app-muted" role="status" data-testid="map-status">{note}</p>
            <div class="app-map" dir="ltr" node_ref=node data-testid="map"
                aria-label=move || app.locale.get().t("نقشهٔ دفترها", "Map of offices")></div>
        </div>
    }
}

/// A marker for an office with a location, its popup linking to the office page.
pub fn office_marker(office: &crate::model::Office, locale: crate::i18n::Locale) -> Option<Marker> {
    let p = office.location.filter(|p| p.is_valid())?;
    Some(Marker {
        lat: p.lat,
        lon: p.lon,
        label: office.name(locale).to_string(),
        href: Some(crate::route::Route::office(&office.province_id, &office.id).href()),
        kind: "office",
    })
}

/// The marker of an office coloured by whether it is open now, its state in its label.
pub fn office_marker_now(
    office: &crate::model::Office,
    opening: &crate::domain::hours::OpeningState,
    locale: crate::i18n::Locale,
) -> Option<Marker> {
    let (tag, kind) = super::opening::opening_tag(locale, opening);
    office_marker(office, locale).map(|m| Marker {
        label: format!("{} — {tag}", m.label),
        kind,
        ..m
    })
}

/// "You are here": the searched position.
pub fn here_marker(p: crate::model::LatLon, locale: crate::i18n::Locale) -> Option<Marker> {
    p.is_valid().then(|| Marker {
        lat: p.lat,
        lon: p.lon,
        label: locale.t("موقعیت شما", "You are here").to_string(),
        href: None,
        kind: "here",
    })
}
