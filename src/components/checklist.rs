//! The documents checklist of a service, remembered on this device.
//!
//! Ticks are stored in localStorage under `keys::CHECKLIST_PREFIX + service id` as a JSON
//! array of the ticked documents' texts (see [`Checklist`] for why texts and not positions).
//! An unreadable stored value is discarded with a device notice; nothing ticked removes the key.

use std::sync::Arc;

use leptos::prelude::*;

use crate::context::use_app;
use crate::domain::catalogue::Checklist;
use crate::i18n::{format, Locale, Text};
use crate::model::Service;
use crate::platform::storage::{self, keys, Stored};

/// The checklist, with a count of what is ticked and a note when remembered ticks no longer apply.
#[component]
pub fn DocumentsChecklist(service: Arc<Service>) -> impl IntoView {
    let app = use_app();
    let key = format!("{}{}", keys::CHECKLIST_PREFIX, service.id);
    let fresh = Checklist::for_service(&service);
    let (initial, dropped) = match storage::get_json::<Vec<String>>(&key) {
        Stored::Missing => (fresh, 0),
        Stored::Value(texts) => {
            let restored = fresh.restore(&texts);
            (restored.checklist, restored.dropped)
        }
        Stored::Discarded => {
            app.notices.push(Text::new(
                "فهرست مدارک ذخیره‌شدهٔ این خدمت خوانا نبود و پاک شد.",
                "The saved documents checklist of this service could not be read and was cleared.",
            ));
            (fresh, 0)
        }
    };
    // Ticks of documents no longer listed are pruned from the device at once, so the note
    // about them is shown on this visit only.
    if dropped > 0 {
        let stored = initial.to_stored();
        if stored.is_empty() {
            storage::remove(&key);
        } else {
            storage::set_json(&key, &stored);
        }
    }
    let checklist = RwSignal::new(initial);
    let save = move |list: &Checklist| {
        let stored = list.to_stored();
        let ok = if stored.is_empty() {
            storage::remove(&key);
            true
        } else {
            storage::set_json(&key, &stored)
        };
        if !ok {
            app.notices.push(Text::new(
                "تیک‌های فهرست مدارک روی این دستگاه ذخیره نشد.",
                "Your checklist ticks could not be saved on this device.",
            ));
        }
    };
    let service_docs = service.clone();
    let text_of = move |locale: Locale, i: usize| -> String {
        let fa = service_docs
            .documents_fa
            .get(i)
            .filter(|t| !t.trim().is_empty());
        let en = service_docs
            .documents_en
            .get(i)
            .filter(|t| !t.trim().is_empty());
        match locale {
            Locale::Fa => fa.or(en),
            Locale::En => en.or(fa),
        }
        .cloned()
        .unwrap_or_default()
    };
    let len = checklist.with_untracked(Checklist::len);
    if len == 0 {
        return view! {
            <p class="app-muted" data-testid="no-documents">{move || app.locale.get().t(
                "مدرکی برای این خدمت اعلام نشده است.",
                "No documents are listed for this service.")}</p>
        }
        .into_any();
    }
    let progress = move || {
        let locale = app.locale.get();
        let (done, total) = checklist.with(|c| (c.ticked_count(), c.len()));
        match locale {
            Locale::Fa => format!(
                "{} از {} مدرک آماده است.",
                format::count(locale, done),
                format::count(locale, total)
            ),
            Locale::En => format!("{done} of {total} documents ready."),
        }
    };
    view! {
        {(dropped > 0).then(|| view! {
            <p class="app-notice" data-testid="checklist-changed">{move || app.locale.get().t(
                "فهرست مدارک این خدمت از آخرین بازدید شما تغییر کرده است؛ تیک مدارکی که دیگر در فهرست نیستند برداشته شد.",
                "The document list of this service changed since your last visit; ticks of documents no longer listed were removed.")}</p>
        })}
        <ul class="app-checklist" data-testid="checklist">
            {(0..len).map(|i| {
                let text_of = text_of.clone();
                let save = save.clone();
                let id = format!("doc-{i}");
                let label_for = id.clone();
                view! {
                    <li>
                        <label class="app-checkbox" for=label_for>
                            <input type="checkbox" id=id data-testid="checklist-item"
                                prop:checked=move || checklist.with(|c| c.is_ticked(i))
                                on:change:target=move |ev| {
                                    let ticked = ev.target().checked();
                                    checklist.update(|c| c.set(i, ticked));
                                    checklist.with_untracked(|c| save(c));
                                }/>
                            <span>{move || text_of(app.locale.get(), i)}</span>
                        </label>
                    </li>
                }
            }).collect_view()}
        </ul>
        <p class="app-muted app-no-print" role="status" aria-live="polite" data-testid="checklist-progress">{progress}</p>
    }
    .into_any()
}
