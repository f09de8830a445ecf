//! Online/offline state and the service worker that keeps the app usable on flaky networks.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::platform::dom;

/// A signal that follows `navigator.onLine` and the window's `online`/`offline` events.
pub fn use_online() -> RwSignal<bool> {
    let online = RwSignal::new(
        web_sys::window()
            .map(|w| w.navigator().on_line())
            .unwrap_or(true),
    );
    if let Some(window) = web_sys::window() {
        for (event, value) in [("online", true), ("offline", false)] {
            let handler = Closure::<dyn Fn()>::new(move || online.set(value));
            let _ =
                window.add_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
            // The app lives as long as the page: the listener is never removed.
            handler.forget();
        }
    }
    online
}

/// Registers `sw.js` (next to index.html) when the browser supports service workers.
pub fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    if !js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false) {
        return;
    }
    let Some(url) = dom::resolve_url("sw.js") else {
        return;
    };
    let promise = navigator.service_worker().register(&url);
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = wasm_bindgen_futures::JsFuture::from(promise).await {
            leptos::logging::warn!("service worker not registered: {}", super::js_text(&e));
        }
    });
}

/// Whether the server now has another build than the one this page runs (its `index.html` loads
/// another boot script): a lazily loaded module that failed is then gone for good, and a reload
/// is the cure, not a better connection. Asks `window.pishkhanBuildReplaced`
/// (src/platform/startup.js, loaded by index.html). False when it cannot tell (offline, no
/// start-up script).
pub async fn build_replaced() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let check = js_sys::Reflect::get(&window, &JsValue::from_str("pishkhanBuildReplaced"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(&window).ok())
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
    match check {
        Some(promise) => wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .is_ok_and(|v| v.as_bool() == Some(true)),
        None => false,
    }
}

/// Reloads the page: the server's current build.
pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
