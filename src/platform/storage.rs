//! localStorage and sessionStorage, raw. What is stored is read leniently and written back
//! whole by its owner (`domain::saved`, `domain::catalogue`'s checklist ticks): a value that
//! cannot be read is left as it is, never deleted, and reported.

use serde::Serialize;

/// Keys of everything the app stores on the device, in one place.
pub mod keys {
    /// The chosen UI language (`fa` / `en`).
    pub const LOCALE: &str = "pishkhan.locale";
    /// Saved offices: a list of `{province_id, id, name_fa, name_en, office?, saved_at?}`, the
    /// office's record and when it was saved, for its page offline (`domain::saved`; entries
    /// saved before the record was kept have only the first four).
    pub const SAVED_OFFICES: &str = "pishkhan.saved_offices";
    /// Prefix of per-service document checklists: `pishkhan.checklist.<service id>`.
    pub const CHECKLIST_PREFIX: &str = "pishkhan.checklist.";
    /// The provinces an official watches for "what changed since my last visit": a JSON list
    /// of province ids, at most `domain::watch::MAX_WATCHED`.
    pub const WATCHED: &str = "pishkhan.watched";
    /// Prefix of a watched province's snapshot, `pishkhan.snapshot.<province id>`
    /// (`domain::watch::Snapshot`, bounded by `domain::watch::MAX_ENTRIES`).
    pub const SNAPSHOT_PREFIX: &str = "pishkhan.snapshot.";
    /// The last location found by "near me" (`{lat, lon}`), in sessionStorage only: a
    /// position is personal, so it is not kept after the tab closes.
    pub const LAST_LOCATION: &str = "pishkhan.last_location";
}

/// The position "near me" found earlier in this tab (rounded), if any and readable.
pub fn last_location() -> Option<crate::model::LatLon> {
    session_get_raw(keys::LAST_LOCATION)
        .and_then(|raw| crate::domain::catalogue::parse_last_location(&raw))
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The tab's sessionStorage (for the last location).
pub fn session_get_raw(key: &str) -> Option<String> {
    web_sys::window()?
        .session_storage()
        .ok()
        .flatten()?
        .get_item(key)
        .ok()
        .flatten()
}

/// Writes to the tab's sessionStorage; `false` when unavailable.
pub fn session_set_raw(key: &str, value: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.session_storage().ok().flatten())
        .is_some_and(|s| s.set_item(key, value).is_ok())
}

/// Reads a raw string.
pub fn get_raw(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Writes a raw string; `false` when storage is unavailable or full.
pub fn set_raw(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

/// Removes a key.
pub fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// Writes a JSON value; `false` when it could not be stored.
pub fn set_json<T: Serialize>(key: &str, value: &T) -> bool {
    serde_json::to_string(value).is_ok_and(|raw| set_raw(key, &raw))
}
