//! Thin wrappers over browser APIs (storage, time, DOM, timers, geolocation, share sheet and
//! clipboard, the camera's QR scanner, work done in slices that yield), so pages and components never touch `web_sys` for these directly and every
//! failure is a value.

pub mod auth;
pub mod clock;
pub mod dom;
pub mod geolocation;
pub mod leaflet;
pub mod network;
pub mod scan;
pub mod share;
pub mod slices;
pub mod storage;
pub mod timer;

use wasm_bindgen::{JsCast, JsValue};

/// What a JavaScript value thrown or rejected by a browser API says, for a message or the
/// console: an `Error`'s (or `DOMException`'s) name and message, a string as it is. Never
/// `{:?}`: the release build prints nothing for it (`-Z fmt-debug=none`, scripts/build.sh).
pub fn js_text(value: &JsValue) -> String {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return format!(
            "{}: {}",
            String::from(error.name()),
            String::from(error.message())
        );
    }
    value
        .as_string()
        .unwrap_or_else(|| "a value that is not an Error".to_string())
}
