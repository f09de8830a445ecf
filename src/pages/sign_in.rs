//! `/auth/callback`: where the OpenID provider sends an official back. The sign-in is completed
//! here (the code exchanged, the ID token checked) and the official is taken back to exactly the
//! page they started from; a cancelled, forged or replayed answer is refused in words, nothing
//! is stored, and "Sign in again" is offered.

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::api::SignInError;
use crate::components::lazy_view::LazyPart;
use crate::components::page::{use_page_title, PageHeading};
use crate::components::sign_in::SignInButton;
use crate::components::states::Loading;
use crate::context::use_app;
use crate::i18n::messages;
use crate::platform::auth;
use crate::route::{return_path, Page};

#[leptos::wasm_split::wasm_split(split_auth, wasm_split_path = ::leptos::wasm_split, fallible)]
fn sign_in_page() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <SignInPage/> }.into_any())
}

/// The sign-in callback page, its code downloaded when the provider sends the official back.
#[component]
pub fn LazySignInPage() -> impl IntoView {
    view! { <LazyPart load=|| Box::pin(sign_in_page())/> }
}

/// The sign-in callback page.
#[component]
fn SignInPage() -> impl IntoView {
    let app = use_app();
    use_page_title(move || app.locale.get().t("ورود", "Signing in").to_string());
    let failed: RwSignal<Option<SignInError>> = RwSignal::new(None);
    let navigate = use_navigate();
    match app.config.auth.clone() {
        None => failed.set(Some(SignInError::Provider(
            "this deployment has no sign-in (config.json has no \"auth\")".into(),
        ))),
        Some(config) => {
            let timeout = app.config.request_timeout_ms;
            let signed_in = app.api.signed_in();
            leptos::task::spawn_local(async move {
                match auth::complete(std::sync::Arc::new(config), timeout).await {
                    Ok(done) => {
                        signed_in.set(Some(done.name));
                        let options = NavigateOptions {
                            replace: true,
                            ..NavigateOptions::default()
                        };
                        navigate(return_path(&done.return_to), options);
                    }
                    Err(e) => {
                        leptos::logging::warn!("sign-in refused: {}", e.describe());
                        failed.set(Some(e));
                    }
                }
            });
        }
    }
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    move || match failed.get() {
        None => view! {
            <PageHeading>{t("در حال ورود…", "Signing you in…")}</PageHeading>
            <Loading/>
        }
        .into_any(),
        Some(error) => {
            let texts = move || messages::sign_in_error(app.locale.get(), &error);
            let title = {
                let texts = texts.clone();
                move || texts().0
            };
            view! {
                <PageHeading>{title}</PageHeading>
                <div class="app-notice app-notice--error" role="alert" data-testid="sign-in-refused">
                    <p>{move || texts().1}</p>
                </div>
                <SignInButton/>
                <p><A href=Page::Home.href()>{t("بازگشت به صفحهٔ اصلی", "Back to the home page")}</A></p>
            }
            .into_any()
        }
    }
}
