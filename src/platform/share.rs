//! The device's share sheet (Web Share, `navigator.share`) and the clipboard
//! (`navigator.clipboard.writeText`), as async calls that always finish with an outcome.
//! Neither exists everywhere (no Web Share on most desktops; no clipboard on an insecure
//! origin), so each is looked up before it is called: calling a missing one would throw.
//!
//! Both are called through `js_sys::Reflect` rather than web-sys' `Navigator::share_with_data`
//! and `Clipboard::write_text`: every imported JS function lands in the first load's glue and
//! import table whatever module calls it, and these reuse imports the app already has but one
//! (`Function.prototype.call` with an argument).

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What became of a share.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shared {
    /// The share sheet took it.
    Done,
    /// The user closed the share sheet: nothing to say.
    Cancelled,
    /// The device has no share sheet, or it refused: copy the link instead.
    Unavailable,
}

/// `target[name]`, when it is there and not `undefined` or `null`.
fn member(target: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// Calls the method `name` of `target` with `arg` and awaits what it returns; `None` when
/// `target` has no such method.
async fn call(target: &JsValue, name: &str, arg: &JsValue) -> Option<Result<JsValue, JsValue>> {
    let method = member(target, name).filter(JsValue::is_function)?;
    let returned = method.unchecked_into::<Function>().call1(target, arg);
    Some(match returned {
        Ok(value) => JsFuture::from(Promise::resolve(&value)).await,
        Err(thrown) => Err(thrown),
    })
}

fn navigator() -> Option<JsValue> {
    web_sys::window().map(|w| w.navigator().into())
}

/// Offers `url` (with `title`) to the device's share sheet.
pub async fn share(title: &str, url: &str) -> Shared {
    let Some(navigator) = navigator() else {
        return Shared::Unavailable;
    };
    let data = Object::new();
    let _ = Reflect::set(
        &data,
        &JsValue::from_str("title"),
        &JsValue::from_str(title),
    );
    let _ = Reflect::set(&data, &JsValue::from_str("url"), &JsValue::from_str(url));
    match call(&navigator, "share", &data).await {
        None => Shared::Unavailable,
        Some(Ok(_)) => Shared::Done,
        // AbortError: the user dismissed the sheet. Anything else (NotAllowedError, a data
        // error): the sheet could not take it.
        Some(Err(e)) if error_name(&e).as_deref() == Some("AbortError") => Shared::Cancelled,
        Some(Err(e)) => {
            leptos::logging::warn!("share failed: {}", super::js_text(&e));
            Shared::Unavailable
        }
    }
}

/// Copies `text` to the clipboard; `false` when there is no clipboard or it refused.
pub async fn copy_text(text: &str) -> bool {
    let Some(clipboard) = navigator().and_then(|n| member(&n, "clipboard")) else {
        return false;
    };
    match call(&clipboard, "writeText", &JsValue::from_str(text)).await {
        Some(Ok(_)) => true,
        None => false,
        Some(Err(e)) => {
            leptos::logging::warn!("copy to the clipboard failed: {}", super::js_text(&e));
            false
        }
    }
}

/// The `name` of a rejected promise's DOMException.
fn error_name(error: &JsValue) -> Option<String> {
    member(error, "name")?.as_string()
}
