//! What a page shows while several province documents load (`hooks::use_province_docs`): the
//! progress ("2 of 3 provinces loaded") and the provinces that failed, each with its own retry.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::states::ErrorNotice;
use crate::context::use_app;
use crate::i18n::{format, Locale};
use crate::model::Meta;

/// A province's name in the locale, or its id when `meta.json` does not have it.
pub fn province_name(meta: Option<&Meta>, id: &str, locale: Locale) -> String {
    meta.and_then(|m| m.province(id))
        .map(|p| p.name(locale).to_string())
        .unwrap_or_else(|| id.to_string())
}

/// "2 of 3 provinces loaded" with a `<progress>` bar, announced politely. A `transient`
/// progress (the finder's) says nothing once everything has arrived; otherwise the line stays
/// as a record of what the figures cover ("31 of 31 provinces loaded").
#[component]
pub fn LoadProgress(
    /// (finished, total), tracked.
    #[prop(into)]
    progress: Signal<(usize, usize)>,
    /// Whether the line disappears when everything has arrived.
    #[prop(optional)]
    transient: bool,
) -> impl IntoView {
    let app = use_app();
    let text = move || {
        let (done, total) = progress.get();
        if transient && done >= total {
            return String::new();
        }
        let locale = app.locale.get();
        format::provinces_loaded(locale, done, total)
    };
    let hidden = move || {
        let (done, total) = progress.get();
        total == 0 || (transient && done >= total)
    };
    view! {
        <div class="app-progress" data-testid="load-progress"
            data-done=move || { let (d, t) = progress.get(); (d == t).to_string() }>
            <progress aria-hidden="true" hidden=hidden
                max=move || progress.get().1.max(1).to_string()
                value=move || progress.get().0.to_string()></progress>
            <span role="status" aria-live="polite">{text}</span>
        </div>
    }
}

/// The provinces whose documents failed, each with its reason and its own retry, and "Try all
/// again" when there are several. Nothing when none failed.
#[component]
pub fn FailedProvinces(
    /// The failed provinces and why, tracked.
    #[prop(into)]
    failed: Signal<Vec<(String, ApiError)>>,
    /// Retries one province.
    on_retry: Callback<String>,
    /// Retries every failed province.
    on_retry_all: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    move || {
        let failures = failed.get();
        (!failures.is_empty()).then(|| {
            let locale = app.locale.get();
            let meta = app.meta.get().and_then(Result::ok);
            let several = failures.len() > 1;
            let items = failures
                .into_iter()
                .map(|(id, error)| {
                    let name = province_name(meta.as_ref().map(|m| &m.doc), &id, locale);
                    let retry_id = id.clone();
                    view! {
                        <li class="app-province-error" data-testid="province-failed" data-province=id>
                            <p class="app-notice__title"><bdi>{name}</bdi></p>
                            <ErrorNotice error on_retry=move |_| on_retry.run(retry_id.clone())/>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="app-failed-provinces" aria-labelledby="failed-provinces-title" data-testid="failed-provinces">
                    <h2 id="failed-provinces-title">{locale.t(
                        "استان‌هایی که بارگذاری نشدند (بقیه نمایش داده می‌شود)",
                        "Provinces that did not load (the rest is shown)",
                    )}</h2>
                    {several.then(|| view! {
                        <button type="button" class="app-button app-button--secondary" on:click=move |_| on_retry_all.run(())>
                            {locale.t("تلاش دوباره برای همه", "Try all again")}
                        </button>
                    })}
                    <ul class="app-failed-provinces__list">{items}</ul>
                </section>
            }
        })
    }
}
