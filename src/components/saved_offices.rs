//! "Save this office": offices remembered on this device (localStorage) with their record, so a
//! saved office's page can be shown when the API cannot deliver it (offline, a network error),
//! and listed on the home page with whether each is open now. The stored shape and its lenient
//! reading are [`crate::domain::saved`]'s.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::lazy_view::LazyPart;
use crate::components::office_actions::office_actions;
use crate::components::opening::OpeningBadge;
use crate::context::{use_app, Notices};
use crate::domain::hours::opening_state;
use crate::domain::saved::{self, SavedList, SavedOffice, StoreError};
use crate::i18n::Text;
use crate::model::Office;
use crate::platform::clock::{now_utc, use_iran_clock};
use crate::platform::storage::{self, keys};

const UNREADABLE_LIST: Text = Text::new(
    "فهرست دفترهای ذخیره‌شده روی این دستگاه خوانا نبود؛ دست‌نخورده ماند و تا وقتی خوانا نشود چیزی در آن ذخیره نمی‌شود.",
    "The list of saved offices on this device could not be read; it is left as it is, and nothing is saved into it until it can be read.",
);
const NEWER_LIST: Text = Text::new(
    "دفترهای ذخیره‌شده روی این دستگاه را نسخهٔ تازه‌تری از پیشخوان نوشته است؛ این نسخه آن‌ها را نمی‌خواند و دست‌نخورده نگه می‌دارد (چیزی در آن ذخیره نمی‌شود).",
    "The offices saved on this device were written by a newer version of Pishkhan; this version cannot read them and leaves them untouched (nothing is saved into them).",
);
const UNREADABLE_ENTRIES: Text = Text::new(
    "برخی از دفترهای ذخیره‌شده روی این دستگاه خوانا نبودند؛ نشان داده نمی‌شوند ولی روی دستگاه می‌مانند.",
    "Some saved offices on this device could not be read; they are not shown, but they stay on the device.",
);
const UNREADABLE_RECORDS: Text = Text::new(
    "نسخهٔ ذخیره‌شدهٔ برخی دفترها خوانا نبود؛ این دفترها در فهرست می‌مانند ولی بدون اینترنت نمایش داده نمی‌شوند.",
    "The saved copy of some offices could not be read; they stay in the list but cannot be shown offline.",
);
const NOT_SAVED: Text = Text::new(
    "این دفتر روی این دستگاه ذخیره نشد (شاید فضای ذخیره‌سازی مرورگر پر است).",
    "This office could not be saved on this device (the browser's storage may be full).",
);
const NOT_REMOVED: Text = Text::new(
    "این دفتر از ذخیره‌های این دستگاه حذف نشد.",
    "This office could not be removed from the offices saved on this device.",
);

/// The notice for a stored list that is left as it is.
fn store_notice(e: &StoreError) -> Text {
    match e {
        StoreError::Newer(_) => NEWER_LIST,
        StoreError::Unreadable => UNREADABLE_LIST,
    }
}

/// The offices saved on this device. Every change is applied to the list as the device holds it
/// at that moment (another tab may have changed it) and shown only when the write succeeded, so
/// "Saved" always means saved; a change made in another tab is shown here as it happens.
#[derive(Clone, Copy)]
pub struct SavedOffices {
    list: RwSignal<Vec<SavedOffice>>,
    notices: Notices,
}

impl SavedOffices {
    /// The saved offices (tracked).
    pub fn list(&self) -> Vec<SavedOffice> {
        self.list.get()
    }

    /// Whether the office is saved (tracked).
    pub fn contains(&self, province_id: &str, id: &str) -> bool {
        self.list.with(|l| l.iter().any(|s| s.is(province_id, id)))
    }

    /// The saved record of an office and when it was saved (untracked); `None` when it is not
    /// saved or was saved without its record.
    pub fn copy_of(&self, province_id: &str, id: &str) -> Option<(Office, Option<DateTime<Utc>>)> {
        self.list.with_untracked(|l| {
            let entry = l.iter().find(|s| s.is(province_id, id))?;
            Some((entry.office.clone()?, entry.saved_at))
        })
    }

    /// Saves the office with its record as of `as_of` (now, for a record fresh from the API;
    /// the copy's own date, for a saved copy saved again). `false`, with a notice, when the
    /// device did not take it; the list is then unchanged.
    pub fn save(&self, office: &Office, as_of: DateTime<Utc>) -> bool {
        let entry = SavedOffice::of(office, as_of);
        self.write(move |l| saved::with(l, entry), NOT_SAVED)
    }

    /// Removes the office. `false`, with a notice, when the device did not take the change.
    pub fn remove(&self, province_id: &str, id: &str) -> bool {
        self.write(|l| saved::without(l, province_id, id), NOT_REMOVED)
    }

    /// Renews the saved copy of an office with a record fresh from the API, when the office
    /// is saved and its copy differs (or is missing). Quiet: if the device refuses, the older
    /// copy stays, and it is still a copy.
    pub fn refresh(&self, office: &Office) {
        let stale = self.list.with_untracked(|l| {
            l.iter()
                .any(|s| s.is(&office.province_id, &office.id) && s.office.as_ref() != Some(office))
        });
        if stale {
            let entry = SavedOffice::of(office, now_utc());
            let _ = self.apply(|l| {
                if l.iter().any(|s| s.is(&entry.province_id, &entry.id)) {
                    saved::with(l, entry)
                } else {
                    l.to_vec()
                }
            });
        }
    }

    /// Applies `change` to the list as stored now and writes it. `Err(Some(notice))` when the
    /// stored value must not be written over, `Err(None)` when the device refused the write.
    fn apply(
        &self,
        change: impl FnOnce(&[SavedOffice]) -> Vec<SavedOffice>,
    ) -> Result<(), Option<Text>> {
        let stored = storage::get_raw(keys::SAVED_OFFICES);
        let (text, next) =
            saved::apply(stored.as_deref(), change).map_err(|e| Some(store_notice(&e)))?;
        if !storage::set_raw(keys::SAVED_OFFICES, &text) {
            return Err(None);
        }
        self.list.set(next);
        Ok(())
    }

    fn write(
        &self,
        change: impl FnOnce(&[SavedOffice]) -> Vec<SavedOffice>,
        failure: Text,
    ) -> bool {
        let result = self.apply(change);
        if let Err(why) = result {
            self.notices.push(why.unwrap_or(failure));
        }
        result.is_ok()
    }
}

/// The saved offices as stored on this device, following changes made in other tabs (the
/// `storage` event). Unreadable entries or records are kept on the device with a notice; a
/// list of a newer version or one that cannot be read at all is left untouched, with a notice.
pub fn use_saved_offices() -> SavedOffices {
    let app = use_app();
    let read = || match storage::get_raw(keys::SAVED_OFFICES) {
        None => Ok(SavedList::default()),
        Some(raw) => saved::decode(&raw),
    };
    let list = match read() {
        Ok(read) => {
            if read.unreadable > 0 {
                app.notices.push(UNREADABLE_ENTRIES);
            }
            if read.records_dropped > 0 {
                app.notices.push(UNREADABLE_RECORDS);
            }
            read.offices
        }
        Err(e) => {
            leptos::logging::warn!("{}: left as it is ({e})", keys::SAVED_OFFICES);
            app.notices.push(store_notice(&e));
            Vec::new()
        }
    };
    let list = RwSignal::new(list);
    let handle = window_event_listener(leptos::ev::storage, move |ev| {
        let ours = ev.key().is_none_or(|k| k == keys::SAVED_OFFICES);
        if ours {
            if let Ok(now) = read() {
                list.set(now.offices);
            }
        }
    });
    on_cleanup(move || handle.remove());
    SavedOffices {
        list,
        notices: app.notices,
    }
}

/// The saved offices, each with whether it is open now (from its saved record; closure orders
/// from `meta.json` when it has arrived), its city, its page, Directions and Call, and a
/// one-click remove; nothing when the list is empty. The section is `#saved-offices`, for a
/// link to it.
#[component]
pub fn SavedOfficesList() -> impl IntoView {
    let app = use_app();
    let saved = use_saved_offices();
    let clock = use_iran_clock();
    let meta = app.meta;
    let orders = move || match meta.get() {
        Some(Ok(m)) => m.doc.closures.clone(),
        _ => Vec::new(),
    };
    move || {
        let list = saved.list();
        let locale = app.locale.get();
        (!list.is_empty()).then(|| {
            view! {
                <section id="saved-offices" class="finder-saved" aria-labelledby="saved-heading" data-testid="saved-offices">
                    <h2 id="saved-heading">{locale.t("دفترهای ذخیره‌شده", "Saved offices")}</h2>
                    // The result cards' look (`app-results`, `app-card finder-card`): no new CSS
                    // in the first load.
                    <ul class="app-results">
                        {list.into_iter().map(|s| {
                            let name = s.name(locale).to_string();
                            let href = s.route().href();
                            let label = format!("{} {}", locale.t("حذف", "Remove"), name);
                            let (province_id, id) = (s.province_id.clone(), s.id.clone());
                            // Only the badge follows the clock: re-rendering the whole list every
                            // 30 seconds would take the focus off its buttons.
                            let details = s.office.map(|o| {
                                let city = o.city(locale).to_string();
                                let actions = office_actions(&o, locale);
                                let badge = move || {
                                    let now = clock.get();
                                    let state = opening_state(&o, &orders(), now);
                                    view! { <OpeningBadge locale state today=now.date()/> }
                                };
                                view! {
                                    <p class="finder-card__address" data-testid="saved-city"><bdi>{city}</bdi></p>
                                    <p>{badge}</p>
                                    {actions}
                                }
                            });
                            view! {
                                <li class="app-card finder-card" data-testid="saved-office" data-office-id=s.id.clone()>
                                    <h3 class="app-card__title"><A href=href><bdi>{name}</bdi></A></h3>
                                    {details}
                                    <p>
                                        <button type="button" class="app-button app-button--link" aria-label=label
                                            data-testid="saved-remove"
                                            on:click=move |_| { saved.remove(&province_id, &id); }>
                                            {locale.t("حذف", "Remove")}
                                        </button>
                                    </p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

/// Save / unsave toggle for one office (`aria-pressed` tells the state). The state is what the
/// device holds: a save the device refused leaves it at "Save this office", with a notice here
/// and under the header.
#[component]
pub fn SaveOfficeButton(
    /// The office, with the record to keep.
    office: Office,
    /// The saved offices (the page's one handle).
    saved: SavedOffices,
    /// When `office` is a saved copy: the date it was saved (a copy removed and saved again
    /// keeps its date); `None` for a record fresh from the API.
    copy_from: Option<DateTime<Utc>>,
) -> impl IntoView {
    let app = use_app();
    let office = StoredValue::new(office);
    let failed = RwSignal::new(None::<Text>);
    let is_saved = move || office.with_value(|o| saved.contains(&o.province_id, &o.id));
    let toggle = move |_| {
        let ok = office.with_value(|o| {
            if saved.contains(&o.province_id, &o.id) {
                saved.remove(&o.province_id, &o.id)
            } else {
                saved.save(o, copy_from.unwrap_or_else(now_utc))
            }
        });
        failed.set((!ok).then_some(if is_saved() { NOT_REMOVED } else { NOT_SAVED }));
    };
    view! {
        <span class="app-share">
            <button type="button" class="app-button app-button--secondary" data-testid="save-office"
                aria-pressed=move || if is_saved() { "true" } else { "false" }
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
            " "
            <span class="app-share__status" role="status" data-testid="save-status">
                {move || failed.get().map(|t| t.get(app.locale.get()))}
            </span>
        </span>
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
    storage::get_raw(keys::SAVED_OFFICES)
        .is_some_and(|raw| raw != "[]")
        .then(|| {
            view! { <LazyPart load=|| Box::pin(saved_offices_view())/> }
        })
}
