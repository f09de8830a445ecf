//! Component tests in a real browser (wasm-bindgen-test, headless Chromium): real components
//! mounted into the document inside an `AppContext` like the app's, asserting the rendered DOM.
//!
//! ```sh
//! CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown -p pishkhan --test components
//! ```
//!
//! (`scripts/test.sh` runs it; `.cargo/config.toml` names `wasm-bindgen-test-runner` as the
//! runner.) Natively this file compiles to nothing.
#![cfg(target_arch = "wasm32")]

use std::sync::Arc;

use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

use pishkhan::api::client::Api;
use pishkhan::api::ApiError;
use pishkhan::components::combobox::{Combobox, Suggestion};
use pishkhan::components::fee::Fee;
use pishkhan::components::flag_badges::StatusTag;
use pishkhan::config::AppConfig;
use pishkhan::context::{AppContext, Notices};
use pishkhan::hooks::{use_province_docs, DocState, LoadFuture, ProvinceDocs, CONCURRENT_LOADS};
use pishkhan::i18n::Locale;
use pishkhan::model::LicenceStatus;

wasm_bindgen_test_configure!(run_in_browser);

/// An app context like the one `app::Shell` provides: parsed config, an API client (never
/// called here), the locale signal, a `meta` that resolves to an error, no notices, online.
/// Must run under the mount's owner (it creates a resource).
fn app_context(locale: RwSignal<Locale>) -> AppContext {
    let config = AppConfig::parse(
        r#"{ "api_base_url": "api/v1", "default_locale": "fa", "request_timeout_ms": 15000 }"#,
    )
    .expect("the test config parses");
    AppContext {
        config: Arc::new(config),
        api: Api::new("http://127.0.0.1:9/api/v1", 15_000),
        locale,
        meta: LocalResource::new(|| async {
            Err(ApiError::Network("no API in component tests".into()))
        }),
        notices: Notices(RwSignal::new(Vec::new())),
        online: RwSignal::new(true),
    }
}

/// A fresh `<div>` in `<body>` for one test to mount into.
fn fresh_root() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root.unchecked_into()
}

/// Mounts `view` (inside an app context with `locale`) into a fresh element; keep the handle
/// alive for the whole test (dropping it unmounts).
fn mount<N: IntoView + 'static>(
    locale: RwSignal<Locale>,
    view: impl FnOnce() -> N + 'static,
) -> (web_sys::HtmlElement, impl Sized) {
    let root = fresh_root();
    let handle = mount_to(root.clone(), move || {
        provide_context(app_context(locale));
        view()
    });
    (root, handle)
}

/// Lets the reactive system run: effects are scheduled on the microtask queue, so wait for a
/// macrotask (`setTimeout(0)`), after the executor's own tick.
async fn flush() {
    leptos::task::tick().await;
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn one(root: &web_sys::HtmlElement, selector: &str) -> web_sys::Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector:?} in {}", root.inner_html()))
}

fn text(root: &web_sys::HtmlElement, selector: &str) -> String {
    one(root, selector).text_content().unwrap_or_default()
}

// ---- Fee ----

#[wasm_bindgen_test]
async fn fee_zero_is_free_in_both_languages() {
    let locale = RwSignal::new(Locale::Fa);
    let (root, _handle) = mount(locale, || view! { <Fee fee_rials=Some(0)/> });
    flush().await;
    let fee = one(&root, ".app-fee");
    assert_eq!(fee.get_attribute("data-fee").as_deref(), Some("free"));
    assert_eq!(fee.text_content().unwrap().trim(), "رایگان");
    locale.set(Locale::En);
    flush().await;
    assert_eq!(text(&root, "[data-fee=free]").trim(), "Free");
}

#[wasm_bindgen_test]
async fn fee_none_is_not_published() {
    let locale = RwSignal::new(Locale::Fa);
    let (root, _handle) = mount(locale, || view! { <Fee fee_rials=None/> });
    flush().await;
    let fee = one(&root, ".app-fee");
    assert_eq!(
        fee.get_attribute("data-fee").as_deref(),
        Some("unpublished")
    );
    assert!(
        fee.text_content().unwrap().contains("هزینه اعلام نشده است"),
        "{}",
        root.inner_html()
    );
    assert!(root.query_selector("[data-fee=free]").unwrap().is_none());
    locale.set(Locale::En);
    flush().await;
    assert!(text(&root, "[data-fee=unpublished]").starts_with("Fee not published"));
}

#[wasm_bindgen_test]
async fn fee_amount_shows_rials_and_tomans_and_follows_the_locale() {
    let locale = RwSignal::new(Locale::Fa);
    let (root, _handle) = mount(locale, || view! { <Fee fee_rials=Some(250_000)/> });
    flush().await;
    assert_eq!(
        one(&root, ".app-fee").get_attribute("data-fee").as_deref(),
        Some("amount")
    );
    assert_eq!(text(&root, ".app-fee__rials"), "۲۵۰٬۰۰۰ ریال");
    assert_eq!(text(&root, ".app-fee__tomans"), "(۲۵٬۰۰۰ تومان)");

    locale.set(Locale::En);
    flush().await;
    assert_eq!(text(&root, ".app-fee__rials"), "250,000 rials");
    assert_eq!(text(&root, ".app-fee__tomans"), "(25,000 tomans)");

    locale.set(Locale::Fa);
    flush().await;
    assert_eq!(text(&root, ".app-fee__rials"), "۲۵۰٬۰۰۰ ریال");
}

// ---- StatusTag ----

#[wasm_bindgen_test]
async fn status_tag_known_status_has_its_class_and_text() {
    let locale = RwSignal::new(Locale::Fa);
    let (root, _handle) = mount(locale, || {
        view! {
            <StatusTag status=LicenceStatus::Revoked/>
            <StatusTag status=LicenceStatus::Active/>
        }
    });
    flush().await;
    let revoked = one(&root, ".app-tag--revoked");
    assert_eq!(
        revoked.get_attribute("class").as_deref(),
        Some("app-tag app-tag--revoked")
    );
    assert_eq!(revoked.text_content().unwrap(), "لغوشده");
    assert_eq!(text(&root, ".app-tag--active"), "فعال");
    locale.set(Locale::En);
    flush().await;
    assert_eq!(text(&root, ".app-tag--revoked"), "Revoked");
    assert_eq!(text(&root, ".app-tag--active"), "Active");
}

#[wasm_bindgen_test]
async fn status_tag_unknown_status_is_neutral_with_text() {
    let locale = RwSignal::new(Locale::Fa);
    let (root, _handle) = mount(locale, || {
        view! { <StatusTag status=LicenceStatus::Other("frozen".into())/> }
    });
    flush().await;
    let tag = one(&root, "[data-testid=licence-status]");
    // The neutral modifier, never the raw wire value as a class.
    assert_eq!(
        tag.get_attribute("class").as_deref(),
        Some("app-tag app-tag--other")
    );
    assert_eq!(tag.text_content().unwrap(), "سایر");
    locale.set(Locale::En);
    flush().await;
    assert_eq!(text(&root, "[data-testid=licence-status]"), "Other");
}

// ---- Combobox ----

fn key(input: &web_sys::Element, key: &str) -> web_sys::KeyboardEvent {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    input.dispatch_event(&event).unwrap();
    event
}

fn suggestion(key: &str, label: &str) -> Suggestion {
    Suggestion {
        key: key.into(),
        label: label.into(),
        hint: "خدمت".into(),
    }
}

#[wasm_bindgen_test]
async fn combobox_keys_move_pick_close_and_submit() {
    let locale = RwSignal::new(Locale::Fa);
    let value = RwSignal::new("کارت".to_string());
    let selected = RwSignal::new(None::<Suggestion>);
    let submitted = RwSignal::new(None::<String>);
    let suggestions = vec![
        suggestion("service:smart-id-card", "کارت هوشمند ملی"),
        suggestion("service:fuel-card", "کارت سوخت"),
    ];
    let (root, _handle) = mount(locale, move || {
        view! {
            <Combobox id="t-search" label="جستجو".to_string() hint="نام خدمت".to_string()
                value suggestions
                on_select=Callback::new(move |s: Suggestion| selected.set(Some(s)))
                on_submit=Callback::new(move |text: String| submitted.set(Some(text)))
                button="جستجو".to_string()/>
        }
    });
    flush().await;
    let input = one(&root, "#t-search");
    let listbox = one(&root, "#t-search-listbox");
    assert_eq!(input.get_attribute("role").as_deref(), Some("combobox"));
    assert_eq!(
        input.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert_eq!(input.get_attribute("aria-activedescendant"), None);
    assert!(listbox.has_attribute("hidden"));
    assert_eq!(listbox.child_element_count(), 2);

    // ArrowDown opens the list on the first option.
    let event = key(&input, "ArrowDown");
    assert!(
        event.default_prevented(),
        "ArrowDown must not move the caret"
    );
    flush().await;
    assert_eq!(
        input.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert_eq!(
        input.get_attribute("aria-activedescendant").as_deref(),
        Some("t-search-opt-0")
    );
    assert!(!listbox.has_attribute("hidden"));
    assert_eq!(
        one(&root, "#t-search-opt-0")
            .get_attribute("aria-selected")
            .as_deref(),
        Some("true")
    );

    // ArrowDown again: the second.
    key(&input, "ArrowDown");
    flush().await;
    assert_eq!(
        input.get_attribute("aria-activedescendant").as_deref(),
        Some("t-search-opt-1")
    );
    assert_eq!(
        one(&root, "#t-search-opt-0")
            .get_attribute("aria-selected")
            .as_deref(),
        Some("false")
    );
    assert_eq!(
        one(&root, "#t-search-opt-1")
            .get_attribute("aria-selected")
            .as_deref(),
        Some("true")
    );

    // Enter picks the active suggestion and closes the list.
    let event = key(&input, "Enter");
    assert!(event.default_prevented());
    flush().await;
    assert_eq!(
        selected.get_untracked().map(|s| s.key),
        Some("service:fuel-card".to_string())
    );
    assert_eq!(submitted.get_untracked(), None, "a pick is not a submit");
    assert_eq!(
        input.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert_eq!(input.get_attribute("aria-activedescendant"), None);

    // Open again, then Escape closes the list.
    key(&input, "ArrowDown");
    flush().await;
    assert_eq!(
        input.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert_eq!(
        input.get_attribute("aria-activedescendant").as_deref(),
        Some("t-search-opt-0")
    );
    let event = key(&input, "Escape");
    assert!(
        event.default_prevented(),
        "Escape on an open list is handled"
    );
    flush().await;
    assert_eq!(
        input.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert_eq!(input.get_attribute("aria-activedescendant"), None);
    assert!(listbox.has_attribute("hidden"));

    // Enter with no active option submits the typed text.
    selected.set(None);
    value.set("کارت سوخت".to_string());
    flush().await;
    key(&input, "Enter");
    flush().await;
    assert_eq!(submitted.get_untracked().as_deref(), Some("کارت سوخت"));
    assert_eq!(selected.get_untracked(), None, "a submit is not a pick");
}

#[wasm_bindgen_test]
async fn combobox_enter_without_suggestions_submits() {
    let locale = RwSignal::new(Locale::En);
    let value = RwSignal::new("birth certificate".to_string());
    let submitted = RwSignal::new(None::<String>);
    let (root, _handle) = mount(locale, move || {
        view! {
            <Combobox id="t-empty" label="Search".to_string() hint="".to_string()
                value suggestions={Vec::<Suggestion>::new()}
                on_select=Callback::new(|_: Suggestion| panic!("nothing to pick"))
                on_submit=Callback::new(move |text: String| submitted.set(Some(text)))
                button="Search".to_string()/>
        }
    });
    flush().await;
    let input = one(&root, "#t-empty");
    key(&input, "ArrowDown");
    flush().await;
    assert_eq!(
        input.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert_eq!(input.get_attribute("aria-activedescendant"), None);
    key(&input, "Enter");
    flush().await;
    assert_eq!(
        submitted.get_untracked().as_deref(),
        Some("birth certificate")
    );
}

/// A loader whose fetches never finish: what it starts stays `Loading`, so a test sees what
/// `set_ids_with` itself decided. Must run under an owner.
fn pending_loader() -> ProvinceDocs<u32> {
    use_province_docs(|_| Box::pin(std::future::pending()) as LoadFuture<u32>)
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[wasm_bindgen_test]
fn province_docs_known_documents_are_loaded_at_once_and_the_rest_fetched() {
    assert_eq!(CONCURRENT_LOADS, 3, "the states below assume three slots");
    Owner::new().with(|| {
        let docs = pending_loader();
        let known = |id: &str| match id {
            "IR-01" => Some(1),
            "IR-03" => Some(3),
            _ => None,
        };
        let wanted = ids(&["IR-01", "IR-02", "IR-03", "IR-04", "IR-05", "IR-06"]);
        docs.set_ids_with(&wanted, known);
        assert_eq!(docs.loaded(), [("IR-01".into(), 1), ("IR-03".into(), 3)]);
        // Only the unknown ones take the three slots; the fourth waits.
        for id in ["IR-02", "IR-04", "IR-05"] {
            assert_eq!(docs.state_of(id), Some(DocState::Loading), "{id}");
        }
        assert_eq!(docs.state_of("IR-06"), Some(DocState::Queued));
        assert_eq!(docs.progress(), (2, 6));
        assert!(docs.pending());
    });
}

#[wasm_bindgen_test]
fn province_docs_every_document_known_means_nothing_to_fetch() {
    Owner::new().with(|| {
        let docs = pending_loader();
        docs.set_ids_with(&ids(&["IR-01", "IR-02"]), |id| Some(id.len() as u32));
        assert_eq!(docs.progress(), (2, 2));
        assert!(!docs.pending());
    });
}

#[wasm_bindgen_test]
fn province_docs_a_province_already_wanted_keeps_its_state() {
    Owner::new().with(|| {
        let docs = pending_loader();
        docs.set_ids(&ids(&["IR-01", "IR-02"]));
        assert_eq!(docs.state_of("IR-01"), Some(DocState::Loading));
        // Known now, but already being fetched: left as it is; a dropped one is forgotten.
        docs.set_ids_with(&ids(&["IR-01", "IR-03"]), |_| Some(7));
        assert_eq!(docs.state_of("IR-01"), Some(DocState::Loading));
        assert_eq!(docs.state_of("IR-02"), None);
        assert_eq!(docs.state_of("IR-03"), Some(DocState::Loaded(7)));
    });
}
