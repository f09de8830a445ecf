//! Licence status tags and warning flags, always as text with a plain explanation.

use leptos::prelude::*;

use crate::context::use_app;
use crate::domain::licence_flags::{Flag, EXPIRING_WITHIN_DAYS, STALE_AFTER_DAYS};
use crate::i18n::{format, labels, Locale};
use crate::model::LicenceStatus;

/// The CSS modifier of a flag's tag (`app-tag--dormant`, …).
pub fn flag_class(flag: &Flag) -> &'static str {
    match flag {
        Flag::Dormant { .. } => "app-tag app-tag--dormant",
        Flag::Stale { .. } => "app-tag app-tag--stale",
        Flag::Expiring { .. } => "app-tag app-tag--expiring",
        Flag::Inconsistent(_) => "app-tag app-tag--inconsistent",
    }
}

/// A licence status as a tag with its text.
#[component]
pub fn StatusTag(
    status: LicenceStatus,
    /// An `issued` history event that an activation followed: shown as "Issued".
    #[prop(optional)]
    activated_later: bool,
) -> impl IntoView {
    let app = use_app();
    let class = format!(
        "app-tag app-tag--{}",
        labels::css_key(status.is_known(), status.as_str())
    );
    let text = move || {
        let locale = app.locale.get();
        if activated_later && status == LicenceStatus::Issued {
            labels::licence_issued(locale).to_string()
        } else {
            labels::licence_status(locale, &status).to_string()
        }
    };
    view! { <span class=class data-testid="licence-status">{text}</span> }
}

/// Flags as short tags with their numbers ("Dormant: 12 days overdue"); the legend
/// ([`FlagLegend`]) explains them where the tags are listed.
#[component]
pub fn FlagTags(flags: Vec<Flag>) -> impl IntoView {
    let app = use_app();
    let tags = flags
        .into_iter()
        .map(|flag| {
            let text = move || flag.summary(app.locale.get());
            view! { <span class=flag_class(&flag) data-flag=flag_key(&flag)>{text}</span> }
        })
        .collect_view();
    view! { <span class="app-flag-tags">{tags}</span> }
}

/// Every flag with its title and a full-sentence explanation (the licence page).
#[component]
pub fn FlagExplanations(flags: Vec<Flag>, dormant_after_days: u32) -> impl IntoView {
    let app = use_app();
    let items = flags
        .into_iter()
        .map(|flag| {
            let title = move || flag.summary(app.locale.get());
            let why = move || flag.explanation(app.locale.get(), dormant_after_days);
            view! {
                <li class="app-flag" data-flag=flag_key(&flag)>
                    <span class=flag_class(&flag)>{title}</span>
                    <p class="app-flag__why">{why}</p>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="app-flag-list" data-testid="flag-explanations">{items}</ul> }
}

/// The machine key of a flag, for tests and styling.
pub fn flag_key(flag: &Flag) -> &'static str {
    match flag {
        Flag::Dormant { .. } => "dormant",
        Flag::Stale { .. } => "stale",
        Flag::Expiring { .. } => "expiring",
        Flag::Inconsistent(_) => "inconsistent",
    }
}

/// The general rule behind each kind of flag, in words.
pub fn flag_rules(locale: Locale, dormant_after_days: u32) -> [(&'static str, String, String); 4] {
    let d = |n: i64| format::days(locale, n);
    [
        (
            "dormant",
            locale.t("راکد", "Dormant").to_string(),
            match locale {
                Locale::Fa => format!(
                    "پروانه صادر شده ولی بیش از {} گذشته و هنوز هیچ دفتری با آن فعال نشده است. عدد، روزهای گذشته از این مهلت است.",
                    d(i64::from(dormant_after_days))
                ),
                Locale::En => format!(
                    "Issued more than {} ago and never activated: no office has opened under it. The number is how many days past that limit.",
                    d(i64::from(dormant_after_days))
                ),
            },
        ),
        (
            "stale",
            locale.t("بدون فعالیت اخیر", "No recent activity").to_string(),
            match locale {
                Locale::Fa => format!(
                    "پروانه فعال است ولی در نظارت برخط بیش از {} فعالیتی از آن ثبت نشده است.",
                    d(STALE_AFTER_DAYS)
                ),
                Locale::En => format!(
                    "Active, but online supervision has recorded no activity for more than {}.",
                    d(STALE_AFTER_DAYS)
                ),
            },
        ),
        (
            "expiring",
            locale.t("رو به انقضا", "Expiring soon").to_string(),
            match locale {
                Locale::Fa => format!(
                    "پروانهٔ فعالی که تا {} دیگر (یا امروز) منقضی می‌شود.",
                    d(EXPIRING_WITHIN_DAYS)
                ),
                Locale::En => format!(
                    "Active and expiring within {} (today included).",
                    d(EXPIRING_WITHIN_DAYS)
                ),
            },
        ),
        (
            "inconsistent",
            locale.t("داده‌های ناسازگار", "Inconsistent data").to_string(),
            locale
                .t(
                    "بخشی از داده‌های پروانه با بخش دیگر آن تناقض دارد، مثلاً «فعال» پس از تاریخ انقضا، دفتر متصل به پروانهٔ لغوشده یا فعال‌سازی پیش از صدور. داده همان‌گونه که منتشر شده نمایش داده می‌شود و اصلاح نمی‌شود.",
                    "The record contradicts itself, e.g. active past its expiry date, an office linked to a revoked licence, or activated before issue. It is shown as published, never corrected.",
                )
                .to_string(),
        ),
    ]
}

/// "What the flags mean": a disclosure with the rule of every flag.
#[component]
pub fn FlagLegend() -> impl IntoView {
    let app = use_app();
    let threshold = app.config.dormant_after_days;
    let items = move || {
        flag_rules(app.locale.get(), threshold)
            .into_iter()
            .map(|(key, title, rule)| {
                view! {
                    <dt><span class=format!("app-tag app-tag--{key}")>{title}</span></dt>
                    <dd>{rule}</dd>
                }
            })
            .collect_view()
    };
    view! {
        <details class="app-details app-flag-legend" data-testid="flag-legend">
            <summary>{move || app.locale.get().t("معنای هشدارها", "What the flags mean")}</summary>
            <dl class="app-flag-legend__list">{items}</dl>
        </details>
    }
}
