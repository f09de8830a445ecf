//! "Save this office": offices remembered on this device (localStorage), listed on the home page.

use leptos::prelude::*;
use leptos_router::components::A;
use serde::{Deserialize, Serialize};

use crate::components::lazy_view::LazyPart;
use crate::context::use_app;
use crate::i18n::Text;
use crate::model::Office;
use crate::platform::storage::{self, keys, Stored};
use crate::route::Route;

/// An office remembered on this device: enough to list it and link to its page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedOffice {
    /// Province id of the office (its page's first path segment).
    pub province_id: String,
    /// Office id.
    pub id: String,
    /// Persian name at the time it was saved.
    pub name_fa: String,
    /// English name at the time it was saved.
    pub name_en: String,
}

impl SavedOffice {
    /// The entry for an office.
    pub fn of(office: &Office) -> SavedOffice {
        SavedOffice {
            province_id: office.province_id.clone(),
            id: office.id.clone(),
            name_fa: office.name_fa.clone(),
            name_en: office.name_en.clone(),
        }
    }

    /// The office's name as it was saved.
    pub fn name(&self, locale: crate::i18n::Locale) -> &str {
        locale.t(&self.name_fa, &self.name_en)
    }

    /// The office's page.
    pub fn route(&self) -> Route {
        Route::office(&self.province_id, &self.id)
    }
}

/// The saved offices as a signal; every change is written back to the device. An unreadable
/// stored list is discarded and a notice says so.
pub fn use_saved_offices() -> RwSignal<Vec<SavedOffice>> {
    let app = use_app();
    let initial = match storage::get_json::<Vec<SavedOffice>>(keys::SAVED_OFFICES) {
        Stored::Value(list) => list,
        Stored::Missing => Vec::new(),
        Stored::Discarded => {
            app.notices.push(Text::new(
                "فهرست دفترهای ذخیره‌شده روی این دستگاه خوانا نبود و پاک شد.",
                "The list of saved offices on this device could not be read and was cleared.",
            ));
            Vec::new()
        }
    };
    let saved = RwSignal::new(initial);
    Effect::new(move |first: Option<()>| {
        let list = saved.get();
        // The first run only reads; writing back what was just read is pointless.
        if first.is_some() && !storage::set_json(keys::SAVED_OFFICES, &list) {
            app.notices.push(Text::new(
                "ذخیره روی این دستگاه ممکن نشد.",
                "This could not be saved on this device.",
            ));
        }
    });
    saved
}

/// The saved offices with a one-click remove each; nothing when the list is empty.
#[component]
pub fn SavedOfficesList() -> impl IntoView {
    let app = use_app();
    let saved = use_saved_offices();
    move || {
        let list = saved.get();
        let locale = app.locale.get();
        (!list.is_empty()).then(|| {
            view! {
                <section class="finder-saved" aria-labelledby="saved-heading" data-testid="saved-offices">
                    <h2 id="saved-heading">{locale.t("دفترهای ذخیره‌شده", "Saved offices")}</h2>
                    <ul class="finder-saved__list">
                        {list.into_iter().map(|s| {
                            let name = s.name(locale).to_string();
                            let href = s.route().href();
                            let key = (s.province_id.clone(), s.id.clone());
                            let label = format!("{} {}", locale.t("حذف", "Remove"), name);
                            view! {
                                <li class="finder-saved__item">
                                    <A href=href><bdi>{name}</bdi></A>
                                    <button type="button" class="app-button app-button--link" aria-label=label
                                        data-testid="saved-remove"
                                        on:click=move |_| saved.update(|l| l.retain(|x| (x.province_id.clone(), x.id.clone()) != key))>
                                        {locale.t("حذف", "Remove")}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

/// Save / unsave toggle for one office (`aria-pressed` tells the state).
#[component]
pub fn SaveOfficeButton(office: SavedOffice) -> impl IntoView {
    let app = use_app();
    let saved = use_saved_offices();
    let key = (office.province_id.clone(), office.id.clone());
    let is_saved = {
        let key = key.clone();
        move || saved.with(|l| l.iter().any(|x| x.province_id == key.0 && x.id == key.1))
    };
    let toggle = {
        let is_saved = is_saved.clone();
        move |_| {
            if is_saved() {
                saved.update(|l| l.retain(|x| !(x.province_id == key.0 && x.id == key.1)));
            } else {
                let office = office.clone();
                saved.update(|l| l.push(office));
            }
        }
    };
    let pressed = is_saved.clone();
    view! {
        <button type="button" class="app-button app-button--secondary" data-testid="save-office"
            aria-pressed=move || if pressed() { "true" } else { "false" }
            on:click=toggle>
            {move || {
                let locale = app.locale.get();
                if is_saved() {
                    locale.t("ذخیره شد (حذف از ذخیره‌ها)", "Saved (remove)")
                } else {
                    locale.t("ذخیرهٔ این دفتر", "Save this office")
                }
            }}
        </button>
    }
}

#[leptos::wasm_split::wasm_split(split_saved_offices, wasm_split_path = ::leptos::wasm_split, fallible)]
fn saved_offices_view() -> Result<AnyView, leptos::wasm_split::SplitLoaderError> {
    Ok(view! { <SavedOfficesList/> }.into_any())
}

/// The home page's list of offices saved on this device. Its code is downloaded only on a device
/// that has saved some, so a first visit does not pay for it.
#[component]
pub fn LazySavedOffices() -> impl IntoView {
    storage::get_raw(keys::SAVED_OFFICES).is_some().then(|| {
        view! { <LazyPart load=|| Box::pin(saved_offices_view())/> }
    })
}
