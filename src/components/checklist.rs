//! The documents checklist of a service, remembered on this device.
//!
//! Ticks are stored in localStorage under `keys::CHECKLIST_PREFIX + service id` as a JSON
//! array of the ticked documents' texts (see [`Checklist`] for why texts and not positions).
//! Each tick is applied to the value as stored at that moment ([`ticks_with`]), so ticks made
//! in another tab stay, and a tick made there shows here as it happens (`storage` event).
//! A stored value that is not a list is left as it is, with a device notice; nothing ticked
//! removes the key.

use std::sync::Arc;

use leptos::prelude::*;

use crate::context::use_app;
use crate::domain::catalogue::{stored_ticks, ticks_with, Checklist};
use crate::i18n::{format, Locale, Text};
use crate::model::Service;
use crate::platform::storage::{self, keys};

const UNREADABLE: Text = Text::new(
    "فهرست مدارک ذخیره‌شدهٔ این خدمت خوانا نبود؛ دست‌نخورده ماند و تیک‌های تازه ذخیره نمی‌شوند.",
    "The saved documents checklist of this service could not be read; it is left as it is, and new ticks are not saved.",
);

/// The checklist, with a count of what is ticked and a note when remembered ticks no longer apply.
#[component]
pub fn DocumentsChecklist(service: Arc<Service>) -> impl IntoView {
    let app = use_app();
    let key = format!("{}{}", keys::CHECKLIST_PREFIX, service.id);
    let fresh = Checklist::for_service(&service);
    let (initial, dropped) = match storage::get_raw(&key).map(|raw| stored_ticks(&raw)) {
        None => (fresh.clone(), 0),
        Some(Some(texts)) => {
            let restored = fresh.clone().restore(&texts);
            (restored.checklist, restored.dropped)
        }
        Some(None) => {
            app.notices.push(UNREADABLE);
            (fresh.clone(), 0)
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
    // Ticks made in another tab.
    let handle = {
        let key = key.clone();
        window_event_listener(leptos::ev::storage, move |ev| {
            if ev.key().is_none_or(|k| k == key) {
                let texts = storage::get_raw(&key)
                    .map(|raw| stored_ticks(&raw))
                    .unwrap_or(Some(Vec::new()));
                if let Some(texts) = texts {
                    checklist.set(fresh.clone().restore(&texts).checklist);
                }
            }
        })
    };
    on_cleanup(move || handle.remove());
    let save = move |text: &str, ticked: bool| {
        let next = ticks_with(storage::get_raw(&key).as_deref(), text, ticked);
        let ok = match next {
            Some(list) if list.is_empty() => {
                storage::remove(&key);
                true
            }
            Some(list) => storage::set_json(&key, &list),
            None => false,
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
                                    if let Some(text) = checklist.with_untracked(|c| c.id(i).map(str::to_string)) {
                                        save(&text, ticked);
                                    }
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
