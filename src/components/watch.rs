//! "What changed since my last visit" for the provinces an official watches: the watch toggle
//! and the changes view (rules and bounds in `domain::watch`; kept in localStorage).
//!
//! Each visit reads the watched provinces' licences and offices, compares them with the
//! snapshot kept from the previous visit, lists the changes and keeps the new snapshot. A
//! province that fails to load keeps its old snapshot; an unreadable snapshot is reported and
//! replaced only once the new read has succeeded.

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::context::use_app;
use crate::domain::watch::{self, Change, ChangeKind, SnapshotError};
use crate::hooks::{use_province_docs, LoadFuture, ProvinceDocs};
use crate::i18n::{format, Locale};
use crate::platform::clock;
use crate::platform::storage::{self, keys};
use crate::route::Route;

/// At most this many records are listed per kind of change (the count says how many).
const LISTED_PER_KIND: usize = 50;

/// The watched provinces, shared by the toggle and the changes view.
#[derive(Clone, Copy)]
pub struct Watched(pub RwSignal<Vec<String>>);

impl Watched {
    /// The list as stored on the device.
    pub fn load() -> Self {
        let list = storage::get_raw(keys::WATCHED)
            .map(|raw| watch::decode_watched(&raw))
            .unwrap_or_default();
        Watched(RwSignal::new(list))
    }

    /// Starts or stops watching a province (no more than `MAX_WATCHED`).
    fn toggle(self, id: &str) {
        self.0.update(|list| {
            if let Some(pos) = list.iter().position(|p| p == id) {
                list.remove(pos);
                storage::remove(&format!("{}{id}", keys::SNAPSHOT_PREFIX));
            } else if list.len() < watch::MAX_WATCHED {
                list.push(id.to_string());
            }
        });
        self.store();
    }

    fn store(self) {
        let list = self.0.get_untracked();
        if !storage::set_json(keys::WATCHED, &list) {
            leptos::logging::warn!("the watch list could not be stored");
        }
    }
}

/// "Watch this province" / "Stop watching" for one province.
#[component]
pub fn WatchToggle(watched: Watched, #[prop(into)] province: Signal<String>) -> impl IntoView {
    let app = use_app();
    let on = move || watched.0.with(|l| l.contains(&province.get()));
    let full = move || !on() && watched.0.with(|l| l.len() >= watch::MAX_WATCHED);
    view! {
        <button type="button" class="app-button app-button--secondary" data-testid="watch-toggle"
            aria-pressed=move || on().to_string()
            disabled=full
            on:click=move |_| watched.toggle(&province.get_untracked())>
            {move || {
                let locale = app.locale.get();
                if on() {
                    locale.t("توقف پیگیری تغییرات این استان", "Stop watching this province").to_string()
                } else if full() {
                    match locale {
                        Locale::Fa => format!("حداکثر {} استان پیگیری می‌شود", format::count(locale, watch::MAX_WATCHED)),
                        Locale::En => format!("At most {} provinces can be watched", watch::MAX_WATCHED),
                    }
                } else {
                    locale.t("پیگیری تغییرات این استان", "Watch this province for changes").to_string()
                }
            }}
        </button>
    }
}

/// The outcome of comparing one watched province.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    /// First visit: the snapshot is kept, nothing to compare with.
    First,
    /// Compared with the snapshot taken on that day.
    Compared(chrono::NaiveDate, Vec<Change>),
    /// The stored snapshot could not be read; today's replaces it.
    Replaced,
    /// Too many records to keep a snapshot.
    TooLarge,
}

/// One province's two documents, reduced to a snapshot.
type Taken = Result<watch::Snapshot, SnapshotError>;

/// The changes since the last visit in every watched province, with "clear".
#[component]
pub fn WatchChanges(watched: Watched) -> impl IntoView {
    let app = use_app();
    let today = clock::now_iran().date();
    let threshold = app.config.dormant_after_days;
    let api = app.api.clone();
    let docs: ProvinceDocs<Arc<Taken>> = use_province_docs(move |id| {
        let api = api.clone();
        Box::pin(async move {
            let licences = api.licences(&id).await?;
            let offices = api.offices(&id).await?;
            Ok(Arc::new(watch::snapshot(
                &licences.doc.licences,
                &offices.doc.offices,
                today,
                threshold,
            )))
        }) as LoadFuture<Arc<Taken>>
    });
    Effect::new(move |_| docs.set_ids(&watched.0.get()));
    let outcomes = RwSignal::new(BTreeMap::<String, Outcome>::new());
    // Compare each province once, when its documents arrive, and keep the new snapshot.
    Effect::new(move |_| {
        for (id, taken) in docs.loaded() {
            if outcomes.with_untracked(|o| o.contains_key(&id)) {
                continue;
            }
            let key = format!("{}{id}", keys::SNAPSHOT_PREFIX);
            let outcome = match taken.as_ref() {
                Err(_) => Outcome::TooLarge,
                Ok(now) => {
                    let before = storage::get_raw(&key).map(|raw| watch::decode(&raw));
                    if !storage::set_json(&key, now) {
                        leptos::logging::warn!("the snapshot of {id} could not be stored");
                    }
                    match before {
                        None => Outcome::First,
                        Some(Ok(old)) => Outcome::Compared(old.taken_on, watch::diff(&old, now)),
                        Some(Err(_)) => Outcome::Replaced,
                    }
                }
            };
            outcomes.update(|o| {
                o.insert(id, outcome);
            });
        }
    });
    let clear = move |_| {
        for id in watched.0.get_untracked() {
            storage::remove(&format!("{}{id}", keys::SNAPSHOT_PREFIX));
        }
        storage::remove(keys::WATCHED);
        watched.0.set(Vec::new());
        outcomes.set(BTreeMap::new());
    };
    let province_name = move |id: &str, locale: Locale| match app.meta.get() {
        Some(Ok(meta)) => meta
            .doc
            .province(id)
            .map(|p| p.name(locale).to_string())
            .unwrap_or_else(|| id.to_string()),
        _ => id.to_string(),
    };
    let body = move || {
        let locale = app.locale.get();
        let list = watched.0.get();
        if list.is_empty() {
            return view! {
                <p data-testid="watch-none">{locale.t(
                    "هنوز استانی را پیگیری نمی‌کنید. در بخش «برای اقدام» استان را انتخاب کنید و «پیگیری تغییرات این استان» را بزنید؛ در بازدید بعدی، تغییرات اینجا می‌آید.",
                    "You are not watching any province yet. Choose one under \"To act on\" and press \"Watch this province for changes\"; on your next visit its changes show here.",
                )}</p>
            }
            .into_any();
        }
        let failed = docs.failed();
        list.into_iter()
            .map(|id| {
                let name = province_name(&id, locale);
                let state = if failed.iter().any(|(f, _)| *f == id) {
                    view! { <p class="app-notice app-notice--warning" data-testid="watch-failed">{locale.t(
                        "دادهٔ این استان بارگذاری نشد، پس مقایسه ممکن نشد؛ تصویر قبلی نگه داشته شده است.",
                        "This province's data could not be loaded, so no comparison could be made; the previous snapshot is kept.",
                    )}</p> }.into_any()
                } else {
                    match outcomes.with(|o| o.get(&id).cloned()) {
                        None => view! { <p>{locale.t("در حال مقایسه…", "Comparing…")}</p> }.into_any(),
                        Some(Outcome::First) => view! { <p data-testid="watch-first">{locale.t(
                            "نخستین بازدید: وضعیت امروز نگه داشته شد؛ تغییرات در بازدید بعدی نمایش داده می‌شود.",
                            "First visit: today's state has been kept; the changes show on your next visit.",
                        )}</p> }.into_any(),
                        Some(Outcome::Replaced) => view! { <p class="app-notice app-notice--warning" data-testid="watch-unreadable">{locale.t(
                            "تصویر ذخیره‌شدهٔ قبلی خوانا نبود و با وضعیت امروز جایگزین شد؛ تغییرات در بازدید بعدی نمایش داده می‌شود.",
                            "The snapshot kept from your last visit could not be read; it has been replaced by today's, and the changes show on your next visit.",
                        )}</p> }.into_any(),
                        Some(Outcome::TooLarge) => view! { <p data-testid="watch-too-large">{locale.t(
                            "این استان برای نگهداری روی دستگاه بیش از حد بزرگ است.",
                            "This province has too many records to keep on the device.",
                        )}</p> }.into_any(),
                        Some(Outcome::Compared(since, changes)) => changes_view(&id, since, changes, locale),
                    }
                };
                view! {
                    <section class="app-watch__province" data-testid="watch-province" data-province=id.clone()>
                        <h3><bdi>{name}</bdi></h3>
                        {state}
                    </section>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section aria-labelledby="watch-title" data-testid="watch">
            <h2 id="watch-title">{move || app.locale.get().t("تغییرات از بازدید قبلی", "What changed since your last visit")}</h2>
            {body}
            // Rendered only while something is watched (a `hidden` button would still show:
            // `.app-button` sets its display).
            {move || (!watched.0.with(Vec::is_empty)).then(|| view! {
                <button type="button" class="app-button app-button--link" data-testid="watch-clear"
                    on:click=clear>
                    {move || app.locale.get().t("پاک کردن پیگیری و تصویرهای ذخیره‌شده", "Clear the watched provinces and their snapshots")}
                </button>
            })}
        </section>
    }
}

/// The changes of one province, grouped by kind, each record linking to its page.
fn changes_view(
    province: &str,
    since: chrono::NaiveDate,
    changes: Vec<Change>,
    locale: Locale,
) -> AnyView {
    let intro = match locale {
        Locale::Fa => format!("از {}:", format::date(locale, since)),
        Locale::En => format!("Since {}:", format::date(locale, since)),
    };
    if changes.is_empty() {
        return view! {
            <p data-testid="watch-nothing">{intro}" "{locale.t("تغییری نبوده است.", "nothing has changed.")}</p>
        }
        .into_any();
    }
    let groups = ChangeKind::ALL
        .into_iter()
        .filter_map(|kind| {
            let ids: Vec<String> = changes
                .iter()
                .filter(|c| c.kind == kind)
                .map(|c| c.id.clone())
                .collect();
            (!ids.is_empty()).then(|| {
                let total = ids.len();
                let items = ids
                    .into_iter()
                    .take(LISTED_PER_KIND)
                    .map(|id| {
                        let href = if kind.is_office() {
                            Route::office(province, &id).href()
                        } else {
                            Route::licence(province, &id).href()
                        };
                        view! { <li><A href=href><bdi dir="ltr">{id}</bdi></A></li> }
                    })
                    .collect_view();
                let more = (total > LISTED_PER_KIND).then(|| {
                    let rest = total - LISTED_PER_KIND;
                    match locale {
                        Locale::Fa => format!("و {} مورد دیگر", format::count(locale, rest)),
                        Locale::En => format!("and {rest} more"),
                    }
                });
                view! {
                    <div class="app-watch__group" data-change=kind.key() data-count=total.to_string()>
                        <h4>{format!("{} ({})", kind.label(locale), format::count(locale, total))}</h4>
                        <ul class="app-watch__list">{items}</ul>
                        {more.map(|m| view! { <p>{m}</p> })}
                    </div>
                }
            })
        })
        .collect_view();
    view! {
        <p>{intro}</p>
        {groups}
    }
    .into_any()
}
