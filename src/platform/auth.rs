//! Officials' sign-in (OpenID Connect, authorization code + PKCE): a thin binding to
//! `src/platform/auth.js`, which does the protocol with oauth4webapi. Both are copied into
//! `vendor/` by the build and loaded on first use (a module script, like the map's Leaflet), so
//! the first load carries only what the header needs: whether someone is signed in, and their
//! name, read here from sessionStorage without loading anything. The Rust side of every sign-in
//! action is itself in a lazily loaded WebAssembly module (`split_auth`, see `app::lazy`): the
//! public functions below download it on first use.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::wasm_split::SplitLoaderError;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::dom;
use crate::api::error::SignInError;
use crate::config::AuthConfig;
use crate::i18n::Locale;
use crate::route::SIGN_IN_CALLBACK;

/// Where the module is, relative to the app's base URL (it imports `../oauth4webapi/index.js`).
const SCRIPT: &str = "vendor/auth/auth.js";
const SCRIPT_ID: &str = "pishkhan-auth-script";
/// sessionStorage key of the signed-in session, as `auth.js` writes it.
const SESSION_KEY: &str = "pishkhan.auth.session";

fn is_loaded() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str("pishkhanAuth")).ok())
        .is_some_and(|m| m.is_object())
}

fn not_loaded(detail: &str) -> SignInError {
    SignInError::Unreachable(format!("the sign-in code could not be loaded: {detail}"))
}

/// [`not_loaded`] for what a DOM call threw.
fn not_loaded_js(error: JsValue) -> SignInError {
    not_loaded(&super::js_text(&error))
}

/// Adds the sign-in module to the page (once) and waits for it.
async fn load() -> Result<(), SignInError> {
    if is_loaded() {
        return Ok(());
    }
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| not_loaded("no document"))?;
    let head = doc
        .query_selector("head")
        .ok()
        .flatten()
        .ok_or_else(|| not_loaded("no <head>"))?;
    let script = match doc.get_element_by_id(SCRIPT_ID) {
        Some(s) => s,
        None => {
            let src = dom::resolve_url(SCRIPT).ok_or_else(|| not_loaded("bad base URL"))?;
            let s = doc.create_element("script").map_err(not_loaded_js)?;
            s.set_attribute("type", "module").map_err(not_loaded_js)?;
            s.set_attribute("src", &src).map_err(not_loaded_js)?;
            s.set_attribute("id", SCRIPT_ID).map_err(not_loaded_js)?;
            s
        }
    };
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        let _ = script.add_event_listener_with_callback("load", &resolve);
        let _ = script.add_event_listener_with_callback("error", &reject);
    });
    if script.parent_node().is_none() {
        head.append_child(&script).map_err(not_loaded_js)?;
    }
    let outcome = JsFuture::from(done).await;
    if outcome.is_err() || !is_loaded() {
        // Let a later attempt add the script again.
        script.remove();
        return Err(not_loaded("the module did not load"));
    }
    Ok(())
}

/// The `{ kind, message }` thrown by `auth.js` as a typed error.
fn to_error(value: JsValue) -> SignInError {
    let field = |name: &str| {
        js_sys::Reflect::get(&value, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_string())
    };
    match field("kind") {
        Some(kind) => SignInError::from_kind(&kind, field("message").unwrap_or_default()),
        None => SignInError::Provider(field("message").unwrap_or_else(|| super::js_text(&value))),
    }
}

/// What `auth.js` needs to know: the provider, the client and this deployment's redirect URI.
fn js_config(auth: &AuthConfig, timeout_ms: u32, locale: Option<Locale>) -> JsValue {
    let o = js_sys::Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), &v);
    };
    set("issuer", JsValue::from_str(&auth.issuer));
    set("clientId", JsValue::from_str(&auth.client_id));
    let scopes: js_sys::Array = auth.scopes.iter().map(|s| JsValue::from_str(s)).collect();
    set("scopes", scopes.into());
    let redirect = dom::resolve_url(SIGN_IN_CALLBACK.trim_start_matches('/')).unwrap_or_default();
    set("redirectUri", JsValue::from_str(&redirect));
    set("timeoutMs", JsValue::from_f64(f64::from(timeout_ms)));
    if let Some(locale) = locale {
        set("locale", JsValue::from_str(locale.code()));
    }
    o.into()
}

/// Calls `window.pishkhanAuth[name](...args)` and awaits its promise. (Looked up at run time
/// rather than bound with `js_namespace`, so the first load's JavaScript glue has no shims for it.)
async fn call(name: &str, args: &[JsValue]) -> Result<JsValue, SignInError> {
    let module = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str("pishkhanAuth")).ok())
        .ok_or_else(|| not_loaded("no window.pishkhanAuth"))?;
    let function: js_sys::Function = js_sys::Reflect::get(&module, &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| not_loaded(name))?;
    let args: js_sys::Array = args.iter().collect();
    let promise = function.apply(&module, &args).map_err(to_error)?;
    JsFuture::from(js_sys::Promise::resolve(&promise))
        .await
        .map_err(to_error)
}

/// Who is signed in with this provider in this tab (their name), without loading anything.
/// `Some("")` when signed in but the provider gave no name.
pub fn signed_in(auth: &AuthConfig) -> Option<String> {
    /// What this check reads of the session the sign-in module keeps (other fields ignored).
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Session {
        issuer: String,
        client_id: String,
        #[serde(default)]
        name: Option<String>,
    }
    let raw = super::storage::session_get_raw(SESSION_KEY)?;
    let session: Session = serde_json::from_str(&raw).ok()?;
    (session.issuer == auth.issuer && session.client_id == auth.client_id)
        .then(|| session.name.unwrap_or_default())
}

/// A sign-in action whose code is in the lazily loaded module.
type Action<T> = Pin<Box<dyn Future<Output = Result<T, SignInError>>>>;

/// The module could not be downloaded: as unreachable (the same advice: check the connection).
fn module_error(error: SplitLoaderError) -> SignInError {
    SignInError::Unreachable(format!("the sign-in code could not be downloaded: {error}"))
}

#[leptos::wasm_split::wasm_split(split_auth, wasm_split_path = ::leptos::wasm_split, fallible)]
fn sign_in_action(
    auth: Arc<AuthConfig>,
    timeout_ms: u32,
    locale: Locale,
    return_to: String,
) -> Result<Action<()>, SplitLoaderError> {
    Ok(Box::pin(async move {
        sign_in_now(&auth, timeout_ms, locale, &return_to).await
    }))
}

#[leptos::wasm_split::wasm_split(split_auth, wasm_split_path = ::leptos::wasm_split, fallible)]
fn complete_action(
    auth: Arc<AuthConfig>,
    timeout_ms: u32,
) -> Result<Action<SignedIn>, SplitLoaderError> {
    Ok(Box::pin(
        async move { complete_now(&auth, timeout_ms).await },
    ))
}

#[leptos::wasm_split::wasm_split(split_auth, wasm_split_path = ::leptos::wasm_split, fallible)]
fn access_token_action(
    auth: Arc<AuthConfig>,
    timeout_ms: u32,
    renew: bool,
) -> Result<Action<Option<String>>, SplitLoaderError> {
    Ok(Box::pin(async move {
        access_token_now(&auth, timeout_ms, renew).await
    }))
}

#[leptos::wasm_split::wasm_split(split_auth, wasm_split_path = ::leptos::wasm_split, fallible)]
fn sign_out_action(
    auth: Arc<AuthConfig>,
    timeout_ms: u32,
) -> Result<Action<bool>, SplitLoaderError> {
    Ok(Box::pin(
        async move { sign_out_now(&auth, timeout_ms).await },
    ))
}

/// Leaves for the provider's login page; after signing in the official comes back to
/// `return_to` (an app path). Returns only on failure (or once the browser is leaving).
pub async fn sign_in(
    auth: Arc<AuthConfig>,
    timeout_ms: u32,
    locale: Locale,
    return_to: String,
) -> Result<(), SignInError> {
    sign_in_action(auth, timeout_ms, locale, return_to)
        .await
        .map_err(module_error)?
        .await
}

/// Completes the sign-in on the callback page (this page's URL holds the provider's answer).
pub async fn complete(auth: Arc<AuthConfig>, timeout_ms: u32) -> Result<SignedIn, SignInError> {
    complete_action(auth, timeout_ms)
        .await
        .map_err(module_error)?
        .await
}

/// An access token for the API (renewed first if it has expired, or if `renew`); `None` when
/// nobody is signed in (then nothing is downloaded).
pub async fn access_token(
    auth: Arc<AuthConfig>,
    timeout_ms: u32,
    renew: bool,
) -> Result<Option<String>, SignInError> {
    if signed_in(&auth).is_none() {
        return Ok(None);
    }
    access_token_action(auth, timeout_ms, renew)
        .await
        .map_err(module_error)?
        .await
}

/// Revokes the tokens, forgets them and leaves for the provider's logout (which comes back to
/// the app's home page). `Ok(false)`: the provider has no logout endpoint, the official is
/// signed out here only.
pub async fn sign_out(auth: Arc<AuthConfig>, timeout_ms: u32) -> Result<bool, SignInError> {
    sign_out_action(auth, timeout_ms)
        .await
        .map_err(module_error)?
        .await
}

async fn sign_in_now(
    auth: &AuthConfig,
    timeout_ms: u32,
    locale: Locale,
    return_to: &str,
) -> Result<(), SignInError> {
    load().await?;
    call(
        "signIn",
        &[
            js_config(auth, timeout_ms, Some(locale)),
            JsValue::from_str(return_to),
        ],
    )
    .await
    .map(|_| ())
}

/// What a completed sign-in gives: who signed in and the app path to go back to.
#[derive(Clone, Debug, PartialEq)]
pub struct SignedIn {
    /// The official's name from the ID token (may be empty).
    pub name: String,
    /// The app path kept when the sign-in started (not yet checked: see `route::return_path`).
    pub return_to: String,
}

async fn complete_now(auth: &AuthConfig, timeout_ms: u32) -> Result<SignedIn, SignInError> {
    load().await?;
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let out = call(
        "complete",
        &[js_config(auth, timeout_ms, None), JsValue::from_str(&href)],
    )
    .await?;
    let field = |name: &str| {
        js_sys::Reflect::get(&out, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    Ok(SignedIn {
        name: field("name"),
        return_to: field("returnTo"),
    })
}

async fn access_token_now(
    auth: &AuthConfig,
    timeout_ms: u32,
    renew: bool,
) -> Result<Option<String>, SignInError> {
    load().await?;
    let token = call(
        "accessToken",
        &[js_config(auth, timeout_ms, None), JsValue::from_bool(renew)],
    )
    .await?;
    Ok(token.as_string())
}

async fn sign_out_now(auth: &AuthConfig, timeout_ms: u32) -> Result<bool, SignInError> {
    load().await?;
    let out = call(
        "signOut",
        &[
            js_config(auth, timeout_ms, None),
            JsValue::from_str(&dom::base_uri()),
        ],
    )
    .await?;
    Ok(out.as_bool().unwrap_or(false))
}
