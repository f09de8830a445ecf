//! "Save this office": offices remembered on this device (localStorage), listed on the home page.

use leptos::prelude::*;
use leptos_router::components::A;
use serde::{Deserialize, Serialize};

use crate::app::use_app;
use crate::model::Office;
use crate::platform::storage::{self, keys, Stored};

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

    /// Link to the office's page.
    pub fn href(&self) -> String {
        office_href(&self.province_id, &self.id)
    }
}

/// `/offices/:province/:id`, path segments percent-encoded.
pub fn office_href(province_id: &str, id: &str) -> String {
    use crate::domain::finder::encode_component;
    format!(
        "/offices/{}/{}",
        encode_component(province_id),
        encode_component(id)
    )
}

/// The saved offices as a signal; every change is written back to the device. An unreadable
/// stored list is discarded and a notice says so.
pub fn use_saved_offices() -> RwSignal<Vec<SavedOffice>> {
    let app = use_app();
    let initial = match storage::get_json::<Vec<SavedOffice>>(keys::SAVED_OFFICES) {
        Stored::Value(list) => list,
        Stored::Missing => Vec::new(),
        Stored::Discarded => {
            let locale = app.locale.get_untracked();
            app.notices.update(|n| {
                n.push(
                    locale
                        .t(
                            "فهرست دفترهای ذخیره‌شده روی این دستگاه خوانا نبود و پاک شد.",
                            "The list of saved offices on this device could not be read and was cleared.",
                        )
                        .into(),
                )
            });
            Vec::new()
        }
    };
    let saved = RwSignal::new(initial);
    Effect::new(move |first: Option<()>| {
        let list = saved.get();
        // The first run only reads; writing back what was just read is pointless.
        if first.is_some() && !storage::set_json(keys::SAVED_OFFICES, &list) {
            let locale = app.locale.get_untracked();
            app.notices.update(|n| {
                n.push(
                    locale
                        .t(
                            "ذخیره روی این دستگاه ممکن نشد.",
                            "This could not be saved on this device.",
                        )
                        .into(),
                )
            });
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
                            let name = locale.pick(s.name_fa.clone(), s.name_en.clone());
                            let href = s.href();
                            let key = (s.province_id.clone(), s.id.clone());
                            let label = format!("{} {}", locale.t("حذف", "Remove"), name);
                            view! {
                                <li class="finder-saved__item">
                                    <A href=crate::platform::dom::app_href(href)><bdi>{name}</bdi></A>
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
