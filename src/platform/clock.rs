//! The current time, as the browser knows it, in UTC and in Iran.

use chrono::{DateTime, NaiveDateTime, Utc};
use leptos::prelude::*;

use crate::domain::iran_time;

/// Now, in UTC (falls back to the Unix epoch if the browser's clock is unusable).
pub fn now_utc() -> DateTime<Utc> {
    iran_time::from_unix_ms(js_sys::Date::now()).unwrap_or_default()
}

/// Now, in Iran local time (UTC+03:30).
pub fn now_iran() -> NaiveDateTime {
    iran_time::iran_now(now_utc())
}

/// A signal with Iran local time that ticks every 30 seconds, so "open now" stays true.
pub fn use_iran_clock() -> ReadSignal<NaiveDateTime> {
    let (now, set_now) = signal(now_iran());
    let handle = set_interval_with_handle(
        move || set_now.set(now_iran()),
        std::time::Duration::from_secs(30),
    );
    if let Ok(handle) = handle {
        on_cleanup(move || handle.clear());
    }
    now
}
