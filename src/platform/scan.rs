//! Scanning a QR code with the device's camera: the browser's `BarcodeDetector` reading frames
//! of `getUserMedia`'s video. Neither exists everywhere (no BarcodeDetector on desktop Linux
//! or Firefox; no camera on most desktops), so [`available`] is asked first and the page offers
//! typing the number instead. Called through `js_sys::Reflect` like the share sheet, so it
//! adds no imports to the first load.

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::timer::sleep;

/// How often a frame is read, and for how long before giving up.
const FRAME_MS: u32 = 250;
const GIVE_UP_AFTER_MS: u32 = 30_000;

/// Why nothing was scanned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScanError {
    /// No BarcodeDetector with QR codes, or no camera API.
    Unavailable,
    /// The person (or a policy) refused the camera.
    Denied,
    /// No code was seen in time, or the person stopped.
    NothingSeen,
}

fn member(target: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

async fn call(target: &JsValue, name: &str, args: &Array) -> Result<JsValue, JsValue> {
    let method = member(target, name)
        .filter(JsValue::is_function)
        .ok_or_else(|| JsValue::from_str(name))?;
    let value = Reflect::apply(method.unchecked_ref::<Function>(), target, args)?;
    JsFuture::from(Promise::resolve(&value)).await
}

fn media_devices() -> Option<JsValue> {
    let window = web_sys::window()?;
    let navigator = member(&window, "navigator")?;
    member(&navigator, "mediaDevices").filter(|m| member(m, "getUserMedia").is_some())
}

/// Whether this device can scan: a `BarcodeDetector` and a camera API.
pub fn available() -> bool {
    web_sys::window()
        .and_then(|w| member(&w, "BarcodeDetector"))
        .is_some()
        && media_devices().is_some()
}

/// Shows the camera in `video` and returns the text of the first QR code seen; `stop()`
/// returning `true` ends the scan early. The camera is released in every case.
pub async fn scan_qr(
    video: &web_sys::Element,
    stop: impl Fn() -> bool,
) -> Result<String, ScanError> {
    let window = web_sys::window().ok_or(ScanError::Unavailable)?;
    let class = member(&window, "BarcodeDetector")
        .and_then(|c| c.dyn_into::<Function>().ok())
        .ok_or(ScanError::Unavailable)?;
    let devices = media_devices().ok_or(ScanError::Unavailable)?;
    let options = Object::new();
    let _ = Reflect::set(&options, &"formats".into(), &Array::of1(&"qr_code".into()));
    let detector =
        Reflect::construct(&class, &Array::of1(&options)).map_err(|_| ScanError::Unavailable)?;
    let constraints = Object::new();
    let video_wanted = Object::new();
    let _ = Reflect::set(&video_wanted, &"facingMode".into(), &"environment".into());
    let _ = Reflect::set(&constraints, &"video".into(), &video_wanted);
    let stream = call(&devices, "getUserMedia", &Array::of1(&constraints))
        .await
        .map_err(|_| ScanError::Denied)?;
    let _ = Reflect::set(video, &"srcObject".into(), &stream);
    let _ = Reflect::set(video, &"muted".into(), &JsValue::TRUE);
    let _ = call(video, "play", &Array::new()).await;
    let mut found = Err(ScanError::NothingSeen);
    let mut waited = 0;
    while waited < GIVE_UP_AFTER_MS && !stop() {
        if let Ok(codes) = call(&detector, "detect", &Array::of1(video)).await {
            let first = Array::from(&codes).get(0);
            if let Some(text) = member(&first, "rawValue").and_then(|v| v.as_string()) {
                found = Ok(text);
                break;
            }
        }
        sleep(FRAME_MS).await;
        waited += FRAME_MS;
    }
    // Release the camera.
    if let Ok(tracks) = call(&stream, "getTracks", &Array::new()).await {
        for track in Array::from(&tracks).iter() {
            let _ = call(&track, "stop", &Array::new()).await;
        }
    }
    let _ = Reflect::set(video, &"srcObject".into(), &JsValue::NULL);
    found
}
