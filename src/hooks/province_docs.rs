//! The one loader of several province documents: a few at a time ([`CONCURRENT_LOADS`]),
//! with per-province state (queued, loading, loaded, failed) so a page can show what has
//! arrived, the progress ("n of m", `components::province_load::LoadProgress`) and a retry for
//! each failed province (`components::province_load::FailedProvinces`). Used by the finder,
//! the service page, the registry and the dashboard.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;

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

/// Province documents fetched at the same time: enough to fill a slow connection, few enough
/// that the nearest province is not starved by the other thirty.
pub const CONCURRENT_LOADS: usize = 3;

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

/// A loader that runs `fetch(province_id)` for each province it is given,
/// [`CONCURRENT_LOADS`] at a time. Loads finishing after the page is left are dropped.
pub fn use_province_docs<T: Clone + Send + Sync + 'static>(
    fetch: impl Fn(String) -> LoadFuture<T> + Send + Sync + 'static,
) -> ProvinceDocs<T> {
    ProvinceDocs::new(CONCURRENT_LOADS, fetch)
}

impl<T: Clone + Send + Sync + 'static> ProvinceDocs<T> {
    /// A loader that runs `fetch(province_id)` for each province, `limit` at a time.
    fn new(limit: usize, fetch: impl Fn(String) -> LoadFuture<T> + Send + Sync + 'static) -> Self {
        ProvinceDocs {
            states: RwSignal::new(Vec::new()),
            fetch: StoredValue::new(Arc::new(fetch)),
            limit: limit.max(1),
        }
    }

    /// Sets the provinces wanted: new ones are queued, dropped ones forgotten, the rest kept.
    pub fn set_ids(self, ids: &[String]) {
        self.set_ids_with(ids, |_| None);
    }

    /// [`ProvinceDocs::set_ids`], where `known(id)` may already hold a new province's document
    /// (from a document that holds many provinces, such as the index's summary): those are
    /// loaded at once, in the same update, so the page is drawn once for all of them instead of
    /// once for each; the others are queued and fetched.
    pub fn set_ids_with(self, ids: &[String], known: impl Fn(&str) -> Option<T>) {
        self.states.try_update(|states| {
            let mut old = std::mem::take(states);
            for id in ids {
                let state = match old.iter().position(|(i, _)| i == id) {
                    Some(pos) => old.swap_remove(pos).1,
                    None => known(id).map_or(DocState::Queued, DocState::Loaded),
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

impl<T: Clone + Send + Sync + 'static> ProvinceDocs<T> {
    /// Whether any wanted province is still queued or loading. Tracked.
    pub fn pending(self) -> bool {
        self.states.with(|states| {
            states
                .iter()
                .any(|(_, s)| matches!(s, DocState::Queued | DocState::Loading))
        })
    }

    /// The state of one province's document, if it is wanted. Tracked.
    pub fn state_of(self, id: &str) -> Option<DocState<T>> {
        self.states
            .with(|states| states.iter().find(|(i, _)| i == id).map(|(_, s)| s.clone()))
    }
}
