//! Document-level helpers: base path, `<html lang dir>`, title, focus management.

use wasm_bindgen::JsCast;

use crate::i18n::Locale;

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// The document's base URI (`<base href>` set by Trunk's `--public-url`), e.g. `https://cdn.example.ir/pishkhan/`.
pub fn base_uri() -> String {
    document()
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_else(|| "/".to_string())
}

/// The path part of the base URI without its trailing slash (`""` at the root), for the router.
pub fn router_base() -> String {
    let base = base_uri();
    let path = web_sys::Url::new(&base)
        .map(|u| u.pathname())
        .unwrap_or_else(|_| "/".into());
    path.trim_end_matches('/').to_string()
}

thread_local! {
    static ROUTER_BASE: std::cell::OnceCell<String> = const { std::cell::OnceCell::new() };
}

/// [`router_base`], read once. leptos_router's `<A>` leaves absolute paths as they are, so
/// every internal link is made under it (`Route::href`).
pub fn router_base_cached() -> String {
    ROUTER_BASE.with(|base| base.get_or_init(router_base).clone())
}

/// The path of the page's address (`location.pathname`).
pub fn current_path() -> Option<String> {
    web_sys::window().and_then(|w| w.location().pathname().ok())
}

/// Resolves a URL (absolute, or relative to the base URI) to an absolute URL.
pub fn resolve_url(url: &str) -> Option<String> {
    web_sys::Url::new_with_base(url, &base_uri())
        .ok()
        .map(|u| u.href())
}

/// The text of `config.json` as startup.js fetched it with the HTML (`window.pishkhanConfig`,
/// a promise of the text), taken once; `None` without startup.js or when its fetch failed.
pub async fn started_config() -> Option<String> {
    let window = web_sys::window()?;
    let key = wasm_bindgen::JsValue::from_str("pishkhanConfig");
    let promise: js_sys::Promise = js_sys::Reflect::get(&window, &key).ok()?.dyn_into().ok()?;
    let _ = js_sys::Reflect::delete_property(&window, &key);
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .as_string()
}

/// `url` resolved by the browser's own URL parser against the base URI, when the parsed
/// result is `http(s)` with no user name or password and a host; `same_origin` also asks that
/// it be on the app's own origin (for a relative URL). `None` otherwise. (The rules themselves
/// are `domain::links::check_url`'s; this is the browser's reading of the result.)
pub fn parsed_http_url(url: &str, same_origin: bool) -> Option<String> {
    let base = web_sys::Url::new(&base_uri()).ok()?;
    let parsed = web_sys::Url::new_with_base(url, &base_uri()).ok()?;
    let fine = matches!(parsed.protocol().as_str(), "https:" | "http:")
        && parsed.username().is_empty()
        && parsed.password().is_empty()
        && !parsed.host().is_empty()
        && (!same_origin || parsed.origin() == base.origin());
    fine.then(|| parsed.href())
}

/// Sets `<html lang dir>` for the locale (markup, not CSS, sets the direction).
pub fn set_document_locale(locale: Locale) {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", locale.code());
        let _ = root.set_attribute("dir", locale.dir());
    }
}

/// Sets the document title.
pub fn set_title(title: &str) {
    if let Some(doc) = document() {
        doc.set_title(title);
    }
}

/// startup.js's `pishkhanTakeOver`: swaps the pre-rendered route shell (`#boot`) for the app,
/// carrying typed text and focus over. startup.js also calls it itself, in the task the app's
/// `<main>` gets its first page.
fn take_over() -> Option<js_sys::Function> {
    let window = web_sys::window()?;
    js_sys::Reflect::get(&window, &"pishkhanTakeOver".into())
        .ok()?
        .dyn_into()
        .ok()
}

/// Removes the pre-rendered shell (or the boot-failed notice) now: for a view that is not a
/// page in `<main>` (the configuration error).
pub fn remove_boot_placeholder() {
    match take_over() {
        Some(f) => {
            let _ = f.call0(&wasm_bindgen::JsValue::NULL);
        }
        None => {
            if let Some(el) = document().and_then(|d| d.get_element_by_id("boot")) {
                el.remove();
            }
        }
    }
}

/// The app is mounted: startup.js swaps the shell out once `<main>` holds the first page; without
/// startup.js, it goes now.
pub fn release_boot_placeholder() {
    if take_over().is_none() {
        remove_boot_placeholder();
    }
}

/// Moves focus to the page's `<h1>` (after client-side navigation, so screen readers announce the new page).
pub fn focus_heading() {
    let Some(doc) = document() else { return };
    if let Ok(Some(el)) = doc.query_selector("main h1") {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Focuses an element by id, if it exists.
pub fn focus_id(id: &str) {
    if let Some(el) = document().and_then(|d| d.get_element_by_id(id)) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Opens the browser's print dialogue (the print stylesheet keeps only the content).
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Offers `text` as a file download (CSV export) through a temporary object URL.
pub fn download_text(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let doc = document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(|_| "blob")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "object url")?;
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(|_| "anchor")?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
