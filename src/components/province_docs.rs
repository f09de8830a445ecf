//! Progressive loading of one document per province, a few at a time, with per-province
//! state (queued, loading, loaded, failed) so a page can show what has arrived, a progress
//! indicator and a retry for each failed province.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::app::use_app;
use crate::i18n::format;
use crate::model::Meta;

/// The future of one province's document.
pub type LoadFuture<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

/// Where one province's document is.
#[derive(Clone, Debug, PartialEq)]
pub enum DocState<T> {
    /// Waiting for a free slot.
    Queued,
    /// Being fetched.
    Loading,
    /// Arrived.
    Loaded(T),
    /// Failed (after the client's own retries); the user can retry.
    Failed(ApiError),
}

type Fetch<T> = Arc<dyn Fn(String) -> LoadFuture<T> + Send + Sync>;

/// Loads the documents of a list of provinces, at most `limit` at the same time.
pub struct ProvinceDocs<T: Send + Sync + 'static> {
    /// Each selected province with the state of its document, in selection order.
    pub states: RwSignal<Vec<(String, DocState<T>)>>,
    fetch: StoredValue<Fetch<T>>,
    limit: usize,
}

impl<T: Send + Sync + 'static> Clone for ProvinceDocs<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for ProvinceDocs<T> {}

impl<T: Clone + Send + Sync + 'static> ProvinceDocs<T> {
    /// A loader that runs `fetch(province_id)` for each province, `limit` at a time.
    pub fn new(
        limit: usize,
        fetch: impl Fn(String) -> LoadFuture<T> + Send + Sync + 'static,
    ) -> Self {
        ProvinceDocs {
            states: RwSignal::new(Vec::new()),
            fetch: StoredValue::new(Arc::new(fetch)),
            limit: limit.max(1),
        }
    }

    /// Sets the provinces wanted: new ones are queued, dropped ones forgotten, the rest kept.
    pub fn set_ids(self, ids: &[String]) {
        self.states.try_update(|states| {
            let mut old = std::mem::take(states);
            for id in ids {
                let state = match old.iter().position(|(i, _)| i == id) {
                    Some(pos) => old.swap_remove(pos).1,
                    None => DocState::Queued,
                };
                states.push((id.clone(), state));
            }
        });
        self.pump();
    }

    /// Queues a failed province again.
    pub fn retry(self, id: &str) {
        self.states.try_update(|states| {
            if let Some((_, s)) = states.iter_mut().find(|(i, _)| i == id) {
                *s = DocState::Queued;
            }
        });
        self.pump();
    }

    /// Queues every failed province again.
    pub fn retry_failed(self) {
        self.states.try_update(|states| {
            for (_, s) in states.iter_mut() {
                if matches!(s, DocState::Failed(_)) {
                    *s = DocState::Queued;
                }
            }
        });
        self.pump();
    }

    /// Starts queued loads while fewer than `limit` are running.
    fn pump(self) {
        let mut start = Vec::new();
        self.states.try_update(|states| {
            let mut busy = states
                .iter()
                .filter(|(_, s)| matches!(s, DocState::Loading))
                .count();
            for (id, s) in states.iter_mut() {
                if busy >= self.limit {
                    break;
                }
                if matches!(s, DocState::Queued) {
                    *s = DocState::Loading;
                    busy += 1;
                    start.push(id.clone());
                }
            }
        });
        let Some(fetch) = self.fetch.try_get_value() else {
            return;
        };
        for id in start {
            let future = fetch(id.clone());
            spawn_local(async move {
                let result = future.await;
                let still_here = self.states.try_update(|states| {
                    if let Some((_, s)) = states.iter_mut().find(|(i, _)| *i == id) {
                        if matches!(s, DocState::Loading) {
                            *s = match result {
                                Ok(doc) => DocState::Loaded(doc),
                                Err(e) => DocState::Failed(e),
                            };
                        }
                    }
                });
                // The page may have been left meanwhile: then there is nothing to continue.
                if still_here.is_some() {
                    self.pump();
                }
            });
        }
    }

    /// (finished, total): provinces loaded or failed, and provinces wanted. Tracked.
    pub fn progress(self) -> (usize, usize) {
        self.states.with(|states| {
            let done = states
                .iter()
                .filter(|(_, s)| matches!(s, DocState::Loaded(_) | DocState::Failed(_)))
                .count();
            (done, states.len())
        })
    }

    /// The loaded documents, in selection order. Tracked.
    pub fn loaded(self) -> Vec<(String, T)> {
        self.states.with(|states| {
            states
                .iter()
                .filter_map(|(id, s)| match s {
                    DocState::Loaded(doc) => Some((id.clone(), doc.clone())),
                    _ => None,
                })
                .collect()
        })
    }

    /// The failed provinces and why. Tracked.
    pub fn failed(self) -> Vec<(String, ApiError)> {
        self.states.with(|states| {
            states
                .iter()
                .filter_map(|(id, s)| match s {
                    DocState::Failed(e) => Some((id.clone(), e.clone())),
                    _ => None,
                })
                .collect()
        })
    }
}

/// A province's name in the locale, or its id when `meta.json` does not have it.
pub fn province_name(meta: Option<&Meta>, id: &str, locale: crate::i18n::Locale) -> String {
    meta.and_then(|m| m.province(id))
        .map(|p| locale.pick(p.name_fa.clone(), p.name_en.clone()))
        .unwrap_or_else(|| id.to_string())
}

/// "2 of 3 provinces loaded" with a `<progress>` bar, announced politely.
#[component]
pub fn LoadProgress(
    /// (finished, total), tracked.
    #[prop(into)]
    progress: Signal<(usize, usize)>,
) -> impl IntoView {
    let app = use_app();
    let text = move || {
        let (done, total) = progress.get();
        let locale = app.locale.get();
        match locale {
            crate::i18n::Locale::Fa => format!(
                "{} از {} استان بارگذاری شد",
                format::count(locale, done),
                format::count(locale, total)
            ),
            crate::i18n::Locale::En => format!(
                "{} of {} provinces loaded",
                format::count(locale, done),
                format::count(locale, total)
            ),
        }
    };
    view! {
        <div class="app-progress" data-testid="load-progress"
            hidden=move || progress.get().1 == 0
            data-done=move || { let (d, t) = progress.get(); (d == t).to_string() }>
            <progress aria-hidden="true"
                max=move || progress.get().1.max(1).to_string()
                value=move || progress.get().0.to_string()></progress>
            <span role="status" aria-live="polite">{text}</span>
        </div>
    }
}
