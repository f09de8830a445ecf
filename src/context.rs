//! What every component reads: the app's context. A leaf of the import graph (it imports
//! only the API client, the configuration, the model and i18n), so components and pages
//! depend on it and on nothing above them; `app` provides it.

use std::sync::Arc;

use leptos::prelude::*;

use crate::api::client::{Api, ApiResult};
use crate::config::AppConfig;
use crate::i18n::{Locale, Text};
use crate::model::Meta;

/// Everything a page needs from the app, provided as context once the configuration is loaded.
#[derive(Clone)]
pub struct AppContext {
    pub config: Arc<AppConfig>,
    pub api: Api,
    /// The UI language; changing it re-renders every text and flips `<html dir>`.
    pub locale: RwSignal<Locale>,
    /// `meta.json`, loaded once at start (provinces, closure orders, dataset version).
    pub meta: LocalResource<ApiResult<Meta>>,
    /// Device-level notices (e.g. a stored value was unreadable and discarded), in both
    /// languages so they follow a language switch.
    pub notices: Notices,
    /// Whether the browser says it is online.
    pub online: RwSignal<bool>,
}

/// The device-level notices shown under the header until dismissed.
#[derive(Clone, Copy)]
pub struct Notices(pub RwSignal<Vec<Text>>);

impl Notices {
    /// Shows a notice (once, however often it is raised).
    pub fn push(self, text: Text) {
        self.0.update(|n| {
            if !n.contains(&text) {
                n.push(text);
            }
        });
    }
}

/// The app context. Every component below the app's shell has it.
pub fn use_app() -> AppContext {
    expect_context::<AppContext>()
}
