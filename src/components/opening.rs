//! "Open now" in words: an office's [`OpeningState`] as a status tag and a sentence.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::domain::hours::{ClosedReason, NextOpening, OpeningState};
use crate::i18n::{format, Locale};

/// The tag text and its CSS modifier for an opening state.
pub fn opening_tag(locale: Locale, state: &OpeningState) -> (&'static str, &'static str) {
    match state {
        OpeningState::Open {
            closing_soon: true, ..
        } => (locale.t("به‌زودی می‌بندد", "Closing soon"), "soon"),
        OpeningState::Open { .. } => (locale.t("باز است", "Open now"), "open"),
        OpeningState::Closed { .. } => (locale.t("بسته است", "Closed"), "closed"),
        OpeningState::Unknown => (locale.t("ساعت کاری نامعلوم", "Hours unknown"), "unknown"),
    }
}

/// The sentence after the tag: until when it is open, why it is closed, when it opens.
pub fn opening_detail(locale: Locale, state: &OpeningState, today: NaiveDate) -> String {
    match state {
        OpeningState::Open { closes_at, .. } => format!(
            "{} {}",
            locale.t("تا ساعت", "Closes at"),
            format::time(locale, *closes_at)
        ),
        OpeningState::Closed { reason, next } => {
            let mut parts: Vec<String> = Vec::new();
            match reason {
                ClosedReason::OutsideHours => {}
                ClosedReason::ClosureOrder {
                    reason_fa,
                    reason_en,
                    until,
                }
                | ClosedReason::OfficeClosure {
                    reason_fa,
                    reason_en,
                    until,
                } => {
                    let why = locale.pick(reason_fa, reason_en);
                    let mut s = format!(
                        "{} {}",
                        locale.t("تعطیل تا", "Closed until"),
                        format::date(locale, *until)
                    );
                    if !why.is_empty() {
                        s.push_str(&format!(" ({why})"));
                    }
                    parts.push(s);
                }
                ClosedReason::NotOperating(status) => {
                    parts.push(crate::i18n::labels::office_status(locale, status).to_string())
                }
            }
            if let Some(next) = next {
                parts.push(format!(
                    "{} {}",
                    locale.t("باز می‌شود:", "Opens"),
                    next_opening_text(locale, *next, today)
                ));
            }
            parts.join(" · ")
        }
        OpeningState::Unknown => String::new(),
    }
}

/// When an office opens next, in words: "today at 16:00" or "Saturday 07:30".
pub fn next_opening_text(locale: Locale, next: NextOpening, today: NaiveDate) -> String {
    if next.date == today {
        format!(
            "{} {}",
            locale.t("امروز ساعت", "today at"),
            format::time(locale, next.at)
        )
    } else {
        use chrono::Datelike;
        format!(
            "{} {}",
            format::weekday_name(locale, next.date.weekday()),
            format::time(locale, next.at)
        )
    }
}

/// Tag + sentence, inline.
#[component]
pub fn OpeningBadge(locale: Locale, state: OpeningState, today: NaiveDate) -> impl IntoView {
    let (label, modifier) = opening_tag(locale, &state);
    let detail = opening_detail(locale, &state, today);
    view! {
        <span class="finder-opening" data-testid="opening" data-state=modifier>
            <span class=format!("app-tag app-tag--{modifier}")>{label}</span>
            {(!detail.is_empty()).then(|| view! { " " <span class="finder-opening__detail">{detail}</span> })}
        </span>
    }
}
