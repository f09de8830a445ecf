//! The browser's Geolocation API as one async call that always finishes: a position, or why not.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::Text;
use crate::model::LatLon;

/// Why no position is available.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GeoError {
    /// The user (or a policy) refused location access.
    Denied,
    /// The device could not work out where it is.
    Unavailable,
    /// No answer in time.
    Timeout,
    /// The browser has no Geolocation API (or it is blocked on an insecure origin).
    Unsupported,
}

/// "Your location could not be found" (and the fallback we offer).
pub const NOT_FOUND: Text = Text::new(
    "موقعیت شما پیدا نشد. استان و شهر خود را انتخاب کنید.",
    "Your location could not be found. Choose your province and city instead.",
);

impl GeoError {
    /// A plain sentence for the user, followed by the fallback we offer.
    pub fn text(self) -> Text {
        match self {
            GeoError::Denied => Text::new(
                "اجازهٔ دسترسی به موقعیت داده نشد. استان و شهر خود را انتخاب کنید.",
                "Location access was not allowed. Choose your province and city instead.",
            ),
            GeoError::Unavailable => NOT_FOUND,
            GeoError::Timeout => Text::new(
                "یافتن موقعیت بیش از حد طول کشید. استان و شهر خود را انتخاب کنید.",
                "Finding your location took too long. Choose your province and city instead.",
            ),
            GeoError::Unsupported => Text::new(
                "این مرورگر موقعیت‌یابی ندارد. استان و شهر خود را انتخاب کنید.",
                "This browser cannot share your location. Choose your province and city instead.",
            ),
        }
    }
}

/// Asks for the current position; resolves within about `timeout_ms` in every case
/// (our own timer backs up the API's `timeout`, which does not cover the permission prompt).
pub async fn current_position(timeout_ms: u32) -> Result<LatLon, GeoError> {
    let window = web_sys::window().ok_or(GeoError::Unsupported)?;
    let geolocation = window
        .navigator()
        .geolocation()
        .map_err(|_| GeoError::Unsupported)?;

    type Outcome = Rc<RefCell<Option<Result<LatLon, GeoError>>>>;
    let outcome: Outcome = Rc::new(RefCell::new(None));

    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let settle = {
            let outcome = outcome.clone();
            let resolve = resolve.clone();
            move |value: Result<LatLon, GeoError>| {
                let mut slot = outcome.borrow_mut();
                if slot.is_none() {
                    *slot = Some(value);
                    let _ = resolve.call0(&JsValue::NULL);
                }
            }
        };
        let on_success = {
            let settle = settle.clone();
            Closure::once_into_js(move |pos: web_sys::Position| {
                let c = pos.coords();
                let p = LatLon {
                    lat: c.latitude(),
                    lon: c.longitude(),
                };
                settle(if p.is_valid() {
                    Ok(p)
                } else {
                    Err(GeoError::Unavailable)
                });
            })
        };
        let on_error = {
            let settle = settle.clone();
            Closure::once_into_js(move |err: web_sys::PositionError| {
                settle(Err(match err.code() {
                    web_sys::PositionError::PERMISSION_DENIED => GeoError::Denied,
                    web_sys::PositionError::TIMEOUT => GeoError::Timeout,
                    _ => GeoError::Unavailable,
                }));
            })
        };
        let on_timeout = {
            let settle = settle.clone();
            Closure::once_into_js(move || settle(Err(GeoError::Timeout)))
        };
        let options = web_sys::PositionOptions::new();
        options.set_enable_high_accuracy(false);
        options.set_timeout(timeout_ms);
        options.set_maximum_age(60_000);
        if geolocation
            .get_current_position_with_error_callback_and_options(
                on_success.unchecked_ref(),
                Some(on_error.unchecked_ref()),
                &options,
            )
            .is_err()
        {
            settle(Err(GeoError::Unsupported));
        }
        let ms = i32::try_from(timeout_ms.saturating_add(500)).unwrap_or(i32::MAX);
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(on_timeout.unchecked_ref(), ms);
    });
    let _ = JsFuture::from(promise).await;
    let result = outcome.borrow_mut().take();
    result.unwrap_or(Err(GeoError::Unavailable))
}
