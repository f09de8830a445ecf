//! Leaflet 1.9.4 (bundled from npm into `vendor/leaflet/`), loaded on first use: its script
//! and stylesheet are added to the page only when a map is opened, so the app costs nothing
//! extra until then. A thin binding: just the calls the maps use.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::dom;

#[wasm_bindgen]
extern "C" {
    /// `L.Map`.
    pub type LeafletMap;
    /// Any `L.Layer` (tile layer, marker, layer group).
    pub type LeafletLayer;

    #[wasm_bindgen(catch, js_namespace = L, js_name = map)]
    fn l_map(el: &web_sys::Element, options: &JsValue) -> Result<LeafletMap, JsValue>;
    #[wasm_bindgen(catch, method, js_name = setView)]
    fn set_view(this: &LeafletMap, center: &JsValue, zoom: f64) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, method, js_name = fitBounds)]
    fn fit_bounds(
        this: &LeafletMap,
        bounds: &JsValue,
        options: &JsValue,
    ) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, method, js_name = remove)]
    fn remove_map(this: &LeafletMap) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, js_namespace = L, js_name = tileLayer)]
    fn l_tile_layer(url: &str, options: &JsValue) -> Result<LeafletLayer, JsValue>;
    #[wasm_bindgen(catch, js_namespace = L, js_name = marker)]
    fn l_marker(latlng: &JsValue, options: &JsValue) -> Result<LeafletLayer, JsValue>;
    #[wasm_bindgen(catch, js_namespace = L, js_name = divIcon)]
    fn l_div_icon(options: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = L, js_name = layerGroup)]
    fn l_layer_group() -> Result<LeafletLayer, JsValue>;
    #[wasm_bindgen(catch, method, js_name = addTo)]
    fn add_to(this: &LeafletLayer, target: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, method, js_name = on)]
    fn on(this: &LeafletLayer, event: &str, f: &js_sys::Function) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, method, js_name = bindPopup)]
    fn bind_popup(this: &LeafletLayer, content: &web_sys::Node) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, method, js_name = clearLayers)]
    fn clear_layers(this: &LeafletLayer) -> Result<JsValue, JsValue>;
}

/// Where the bundled files are, relative to the app's base URL.
const SCRIPT: &str = "vendor/leaflet/leaflet.js";
const STYLESHEET: &str = "vendor/leaflet/leaflet.css";
const SCRIPT_ID: &str = "leaflet-script";
const STYLESHEET_ID: &str = "leaflet-stylesheet";

fn is_loaded() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str("L")).ok())
        .is_some_and(|l| l.is_object())
}

/// Adds Leaflet's stylesheet and script to the page (once) and waits for the script.
pub async fn load() -> Result<(), String> {
    if is_loaded() {
        return Ok(());
    }
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let head = doc
        .query_selector("head")
        .ok()
        .flatten()
        .ok_or("no <head>")?;
    let js_err = |e: JsValue| super::js_text(&e);
    if doc.get_element_by_id(STYLESHEET_ID).is_none() {
        let href = dom::resolve_url(STYLESHEET).ok_or("bad base URL")?;
        let link = doc.create_element("link").map_err(js_err)?;
        link.set_attribute("rel", "stylesheet").map_err(js_err)?;
        link.set_attribute("href", &href).map_err(js_err)?;
        link.set_attribute("id", STYLESHEET_ID).map_err(js_err)?;
        head.append_child(&link).map_err(js_err)?;
    }
    let script = match doc.get_element_by_id(SCRIPT_ID) {
        Some(s) => s,
        None => {
            let src = dom::resolve_url(SCRIPT).ok_or("bad base URL")?;
            let s = doc.create_element("script").map_err(js_err)?;
            s.set_attribute("src", &src).map_err(js_err)?;
            s.set_attribute("id", SCRIPT_ID).map_err(js_err)?;
            s
        }
    };
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        let _ = script.add_event_listener_with_callback("load", &resolve);
        let _ = script.add_event_listener_with_callback("error", &reject);
    });
    if script.parent_node().is_none() {
        head.append_child(&script).map_err(js_err)?;
    }
    let outcome = JsFuture::from(done).await;
    if outcome.is_err() || !is_loaded() {
        // Let a later attempt add the script again.
        script.remove();
        return Err("the map library could not be loaded".into());
    }
    Ok(())
}

/// A marker: position, popup text and, optionally, a link in the popup.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// Popup text (set as text, never as HTML).
    pub label: String,
    /// Popup link target (an app path), if any.
    pub href: Option<String>,
    /// What it marks, as the CSS modifier of its icon (`app-marker--{kind}`): `office`,
    /// `open`, `soon`, `closed`, `unknown` or `here` (the searched position).
    pub kind: &'static str,
}

/// A live map with a layer of markers.
pub struct LiveMap {
    map: LeafletMap,
    markers: LeafletLayer,
    _tile_error: Option<Closure<dyn FnMut()>>,
}

fn latlng(lat: f64, lon: f64) -> JsValue {
    js_sys::Array::of2(&JsValue::from_f64(lat), &JsValue::from_f64(lon)).into()
}

fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

impl LiveMap {
    /// Creates a map in `el`; with a tile URL, adds its tiles and calls `on_tile_error` when
    /// tiles fail to load. Leaflet must be [`load`]ed.
    pub fn new(
        el: &web_sys::Element,
        tile_url: Option<&str>,
        attribution: Option<&str>,
        on_tile_error: impl FnMut() + 'static,
    ) -> Result<LiveMap, String> {
        let js_err = |e: JsValue| super::js_text(&e);
        // No zoom animation: removing a map mid-animation (leaving the page, switching back
        // to the list) makes Leaflet throw from its transition-end handler.
        let map = l_map(
            el,
            &options(&[
                ("scrollWheelZoom", JsValue::FALSE),
                ("zoomAnimation", JsValue::FALSE),
                ("fadeAnimation", JsValue::FALSE),
                ("markerZoomAnimation", JsValue::FALSE),
            ]),
        )
        .map_err(js_err)?;
        // Iran, until markers are set.
        map.set_view(&latlng(32.5, 53.7), 5.0).map_err(js_err)?;
        let mut tile_error = None;
        if let Some(url) = tile_url {
            let tiles = l_tile_layer(
                url,
                &options(&[
                    ("attribution", JsValue::from_str(attribution.unwrap_or(""))),
                    ("maxZoom", JsValue::from_f64(19.0)),
                ]),
            )
            .map_err(js_err)?;
            let closure = Closure::wrap(Box::new(on_tile_error) as Box<dyn FnMut()>);
            tiles
                .on("tileerror", closure.as_ref().unchecked_ref())
                .map_err(js_err)?;
            tiles.add_to(&map).map_err(js_err)?;
            tile_error = Some(closure);
        }
        let markers = l_layer_group().map_err(js_err)?;
        markers.add_to(&map).map_err(js_err)?;
        Ok(LiveMap {
            map,
            markers,
            _tile_error: tile_error,
        })
    }

    /// Replaces the markers and fits the view to them.
    pub fn set_markers(&self, markers: &[Marker]) {
        let _ = self.markers.clear_layers();
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let bounds = js_sys::Array::new();
        for m in markers {
            // A CSS-drawn icon (no inline style): its colour says open, closed or "you are here".
            let size = js_sys::Array::of2(&JsValue::from_f64(22.0), &JsValue::from_f64(22.0));
            let icon = l_div_icon(&options(&[
                (
                    "className",
                    JsValue::from_str(&format!("app-marker app-marker--{}", m.kind)),
                ),
                ("iconSize", size.into()),
            ]));
            let mut opts = vec![
                ("title", JsValue::from_str(&m.label)),
                ("alt", JsValue::from_str(&m.label)),
            ];
            if let Ok(icon) = icon {
                opts.push(("icon", icon));
            }
            let Ok(marker) = l_marker(&latlng(m.lat, m.lon), &options(&opts)) else {
                continue;
            };
            let popup: Option<web_sys::Element> = match &m.href {
                Some(href) => doc.create_element("a").ok().inspect(|a| {
                    let _ = a.set_attribute("href", href);
                }),
                None => doc.create_element("span").ok(),
            };
            if let Some(p) = popup {
                p.set_text_content(Some(&m.label));
                let _ = marker.bind_popup(&p);
            }
            let _ = marker.add_to(&self.markers);
            bounds.push(&latlng(m.lat, m.lon));
        }
        match markers {
            [] => {}
            [one] => {
                let _ = self.map.set_view(&latlng(one.lat, one.lon), 15.0);
            }
            _ => {
                let padding =
                    js_sys::Array::of2(&JsValue::from_f64(24.0), &JsValue::from_f64(24.0));
                let _ = self.map.fit_bounds(
                    &bounds,
                    &options(&[
                        ("padding", padding.into()),
                        ("maxZoom", JsValue::from_f64(15.0)),
                    ]),
                );
            }
        }
    }
}

impl Drop for LiveMap {
    fn drop(&mut self) {
        let _ = self.map.remove_map();
    }
}
