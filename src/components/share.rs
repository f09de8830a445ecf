//! "Share" and "Copy": take a page's link or a text (an address) away from the app. Share uses
//! the device's share sheet where it has one, else copies the link; what happened is said in a
//! live region beside the button, in the current language, and a copy that failed shows the
//! text so it can be copied by hand (never a dead end).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::context::use_app;
use crate::i18n::Locale;
use crate::platform::{dom, share};

/// What the last click did, as the live region says it.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    /// Nothing to say (not clicked yet, or the share sheet was closed).
    Quiet,
    /// The share sheet took the link.
    Shared,
    /// No share sheet: the link was copied instead.
    LinkCopied,
    /// The text was copied.
    Copied,
    /// Neither worked: the text, to copy by hand.
    NotCopied(String),
}

impl Outcome {
    fn message(&self, locale: Locale) -> &'static str {
        match self {
            Outcome::Quiet => "",
            Outcome::Shared => locale.t("به اشتراک گذاشته شد.", "Shared."),
            Outcome::LinkCopied => locale.t("پیوند کپی شد.", "Link copied."),
            Outcome::Copied => locale.t("کپی شد.", "Copied."),
            Outcome::NotCopied(_) => locale.t(
                "کپی ممکن نشد. این را خودتان انتخاب و کپی کنید:",
                "Could not copy. Select this and copy it yourself:",
            ),
        }
    }
}

/// The live region after a button: empty until there is something to say (it is in the page
/// from the start, so screen readers announce what appears in it).
#[component]
fn OutcomeStatus(outcome: RwSignal<Outcome>, testid: &'static str) -> impl IntoView {
    let app = use_app();
    view! {
        <span class="app-share__status" role="status" data-testid=testid>
            {move || {
                let o = outcome.get();
                let text = match &o {
                    Outcome::NotCopied(text) => Some(text.clone()),
                    _ => None,
                };
                view! {
                    {o.message(app.locale.get())}
                    {text.map(|t| view! { " " <bdi class="app-share__text" dir="auto">{t}</bdi> })}
                }
            }}
        </span>
    }
}

/// Shares a link through the device's share sheet (Web Share) where there is one; elsewhere,
/// or when the sheet refuses, copies the link and says "Link copied" (or that it could not,
/// with the link to copy by hand). Closing the share sheet says nothing.
#[component]
pub fn ShareButton(
    /// The link: absolute, or an app path such as `Route::href()` (resolved against the
    /// document's base, so a sub-path deployment shares the right address).
    #[prop(into)]
    url: Signal<String>,
    /// What the share sheet calls it, e.g. the office's name.
    #[prop(into)]
    title: Signal<String>,
    /// The button's text; «اشتراک‌گذاری» / "Share" by default.
    #[prop(optional, into)]
    label: Option<Signal<String>>,
    /// The button's accessible name where the text alone is ambiguous (one per result in a
    /// list: "Share <office name>"). It should start with the visible text.
    #[prop(optional, into)]
    aria_label: Option<Signal<String>>,
) -> impl IntoView {
    let app = use_app();
    let outcome = RwSignal::new(Outcome::Quiet);
    let click = move |_| {
        let raw = url.get_untracked();
        let link = dom::resolve_url(&raw).unwrap_or(raw);
        let title = title.get_untracked();
        outcome.set(Outcome::Quiet);
        spawn_local(async move {
            let next = match share::share(&title, &link).await {
                share::Shared::Done => Outcome::Shared,
                share::Shared::Cancelled => Outcome::Quiet,
                share::Shared::Unavailable if share::copy_text(&link).await => Outcome::LinkCopied,
                share::Shared::Unavailable => Outcome::NotCopied(link),
            };
            // The page may have been left meanwhile.
            outcome.try_set(next);
        });
    };
    let text = move || match label {
        Some(l) => l.get(),
        None => app.locale.get().t("اشتراک‌گذاری", "Share").to_string(),
    };
    view! {
        <span class="app-share">
            <button type="button" class="app-button app-button--secondary" data-testid="share"
                aria-label=move || aria_label.map(|l| l.get())
                on:click=click>
                {text}
            </button>
            " "
            <OutcomeStatus outcome testid="share-status"/>
        </span>
    }
}

/// Copies a text (an address, a code) to the clipboard and says "Copied", or that it could
/// not, with the text to copy by hand.
#[component]
pub fn CopyButton(
    /// The text to copy.
    #[prop(into)]
    text: Signal<String>,
    /// The button's text, e.g. "Copy address".
    #[prop(into)]
    label: Signal<String>,
    /// The button's accessible name where the text alone is ambiguous; it should start with
    /// the visible text.
    #[prop(optional, into)]
    aria_label: Option<Signal<String>>,
) -> impl IntoView {
    let outcome = RwSignal::new(Outcome::Quiet);
    let click = move |_| {
        let text = text.get_untracked();
        outcome.set(Outcome::Quiet);
        spawn_local(async move {
            let next = if share::copy_text(&text).await {
                Outcome::Copied
            } else {
                Outcome::NotCopied(text)
            };
            outcome.try_set(next);
        });
    };
    view! {
        <span class="app-share">
            <button type="button" class="app-button app-button--secondary" data-testid="copy"
                aria-label=move || aria_label.map(|l| l.get())
                on:click=click>
                {move || label.get()}
            </button>
            " "
            <OutcomeStatus outcome testid="copy-status"/>
        </span>
    }
}
