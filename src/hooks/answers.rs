//! Answers to a question that changes as a person types (the search box's text): each answer is
//! kept under the question it answers, so one arriving late, after a later question was already
//! answered, can never be shown for the wrong text. (A resource keeps whichever future finished
//! last, and a slow answer for «Te» then overwrites the quick one for «Teh».)

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;

/// Answers kept for the most recent questions.
const KEPT: usize = 12;

/// The answers so far, by question.
pub struct Answers<K: Send + Sync + 'static, V: Send + Sync + 'static> {
    store: RwSignal<Vec<(K, V)>>,
}

impl<K: Send + Sync + 'static, V: Send + Sync + 'static> Clone for Answers<K, V> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K: Send + Sync + 'static, V: Send + Sync + 'static> Copy for Answers<K, V> {}

impl<K: PartialEq + Send + Sync + 'static, V: Clone + Send + Sync + 'static> Answers<K, V> {
    /// The answer to `question`, once it has arrived. Tracked.
    pub fn get(self, question: &K) -> Option<V> {
        self.store.with(|s| {
            s.iter()
                .find(|(k, _)| k == question)
                .map(|(_, v)| v.clone())
        })
    }
}

/// Asks `fetch(question)` whenever `question()` names one not answered yet (`None`: nothing to
/// ask). A fetch answering `None` (it failed and said so elsewhere) stores nothing.
pub fn use_answers<K, V, F>(
    question: impl Fn() -> Option<K> + 'static,
    fetch: impl Fn(K) -> F + 'static,
) -> Answers<K, V>
where
    K: Clone + PartialEq + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
    F: Future<Output = Option<V>> + 'static,
{
    let store: RwSignal<Vec<(K, V)>> = RwSignal::new(Vec::new());
    Effect::new(move |_| {
        let Some(k) = question() else {
            return;
        };
        if store.with_untracked(|s| s.iter().any(|(x, _)| *x == k)) {
            return;
        }
        let answer = fetch(k.clone());
        spawn_local(async move {
            if let Some(v) = answer.await {
                // The page may have been left meanwhile: then there is nothing to update.
                store.try_update(|s| {
                    s.retain(|(x, _)| *x != k);
                    s.push((k, v));
                    if s.len() > KEPT {
                        s.remove(0);
                    }
                });
            }
        });
    });
    Answers { store }
}
