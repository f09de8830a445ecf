//! Officials' sign-in controls, shown only when `config.json` has `auth`: in the header, "Sign
//! in", or who is signed in and "Sign out" (a document that needs a sign-in says so and points
//! there); on a refused sign-in, "Sign in again".
//! Signing in leaves for the provider and comes back to this very page (route and query).
//! Their code is in a lazily loaded module (`split_auth`, with `platform::auth`'s actions),
//! downloaded only where `auth` is configured: the public app's first load does not carry it.

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

use super::lazy_view::LazyPart;

use crate::api::SignInError;
use crate::context::{use_app, AppContext};
use crate::i18n::messages;
use crate::platform::{auth, dom};
use crate::route::{app_path, return_path};

/// The page being shown, as an app path with its query (`/licences?province=IR-23`): where the
/// official comes back to after signing in.
fn current_page() -> String {
    let location = web_sys::window().map(|w| w.location());
    let path = location
        .as_ref()
        .and_then(|l| l.pathname().ok())
        .unwrap_or_default();
    let search = location
        .as_ref()
        .and_then(|l| l.search().ok())
        .unwrap_or_default();
    let base = dom::router_base_cached();
    let page = format!("{}{search}", app_path(&base, &path).unwrap_or("/"));
    return_path(&page).to_string()
}

/// Leaves for the provider's login page; a failure (the provider cannot be reached) is set in
/// `error`, and `busy` is true meanwhile.
fn start_sign_in(app: &AppContext, busy: RwSignal<bool>, error: RwSignal<Option<SignInError>>) {
    let Some(config) = app.config.auth.clone().map(std::sync::Arc::new) else {
        return;
    };
    let timeout = app.config.request_timeout_ms;
    let locale = app.locale.get_untracked();
    busy.set(true);
    error.set(None);
    leptos::task::spawn_local(async move {
        let outcome = auth::sign_in(config, timeout, locale, current_page()).await;
        busy.set(false);
        if let Err(e) = outcome {
            leptos::logging::warn!("sign-in: {}", e.describe());
            error.set(Some(e));
        }
    });
}

/// Why the last attempt failed, in words, where the button is.
#[component]
fn SignInProblem(error: RwSignal<Option<SignInError>>) -> impl IntoView {
    let app = use_app();
    move || {
        error.get().map(|e| {
            let (title, body) = messages::sign_in_error(app.locale.get(), &e);
            view! {
                <p class="app-sign-in__error" role="alert" data-testid="sign-in-error">
                    <strong>{title}</strong>" "{body}
                </p>
            }
        })
    }
}

#[leptos::wasm_split::wasm_split(split_auth, wasm_split_path = ::leptos::wasm_split, fallible)]
fn sign_in_button_view() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <SignInButtonNow/> }.into_any())
}

#[leptos::wasm_split::wasm_split(split_auth, wasm_split_path = ::leptos::wasm_split, fallible)]
fn account_control_view() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <AccountControlNow/> }.into_any())
}

/// "Sign in" (as an official) in a page's content. Nothing without `auth`.
#[component]
pub fn SignInButton() -> impl IntoView {
    let app = use_app();
    app.config
        .auth
        .is_some()
        .then(|| view! { <LazyPart load=|| Box::pin(sign_in_button_view())/> })
}

/// The header's account control: "Sign in", or the official's name and "Sign out". Nothing
/// without `auth`.
#[component]
pub fn AccountControl() -> impl IntoView {
    let app = use_app();
    app.config
        .auth
        .is_some()
        .then(|| view! { <LazyPart load=|| Box::pin(account_control_view())/> })
}

#[component]
fn SignInButtonNow() -> impl IntoView {
    let app = use_app();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None);
    app.config.auth.is_some().then(|| {
        let start = {
            let app = app.clone();
            move |_| start_sign_in(&app, busy, error)
        };
        view! {
            <div class="app-sign-in">
                <button type="button" class="app-button" data-testid="sign-in-here"
                    disabled=move || busy.get() on:click=start>
                    {move || app.locale.get().t("ورود مأموران", "Officials: sign in")}
                </button>
                <SignInProblem error/>
            </div>
        }
    })
}

#[component]
fn AccountControlNow() -> impl IntoView {
    let app = use_app();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None);
    let signed_in = app.api.signed_in();
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    let sign_out = {
        let app = app.clone();
        move |_| {
            let Some(config) = app.config.auth.clone().map(std::sync::Arc::new) else {
                return;
            };
            let timeout = app.config.request_timeout_ms;
            busy.set(true);
            leptos::task::spawn_local(async move {
                let leaving = auth::sign_out(config, timeout).await;
                busy.set(false);
                match leaving {
                    // The browser is on its way to the provider's logout.
                    Ok(true) => {}
                    // Signed out here (the provider has no logout, or its code did not load):
                    // a fresh start, so nothing read with the token stays in memory.
                    Ok(false) | Err(_) => {
                        signed_in.set(None);
                        if let Some(w) = web_sys::window() {
                            let _ = w.location().assign(&dom::base_uri());
                        }
                    }
                }
            });
        }
    };
    let sign_in = {
        let app = app.clone();
        move |_| start_sign_in(&app, busy, error)
    };
    app.config.auth.is_some().then(move || {
        view! {
            <div class="app-account" data-testid="account">
                {move || match signed_in.get() {
                    Some(name) => view! {
                        <span class="app-account__who" data-testid="signed-in-as">
                            {t("وارد شده: ", "Signed in: ")}<bdi>{name}</bdi>
                        </span>
                        <button type="button" class="app-button app-button--link" data-testid="sign-out"
                            disabled=move || busy.get() on:click=sign_out.clone()>
                            {t("خروج", "Sign out")}
                        </button>
                    }.into_any(),
                    None => view! {
                        <button type="button" class="app-button app-button--link" data-testid="sign-in"
                            disabled=move || busy.get() on:click=sign_in.clone()>
                            {t("ورود", "Sign in")}
                        </button>
                    }.into_any(),
                }}
                <SignInProblem error/>
            </div>
        }
    })
}
