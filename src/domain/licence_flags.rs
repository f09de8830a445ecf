//! Warning flags computed from a licence's dates and status, each with a plain explanation.
//!
//! Flags describe the record as published. Contradictions in the data are surfaced as
//! [`Flag::Inconsistent`] and never corrected. All day counts are whole calendar days
//! between dates (`today` is the date in Iran, see `domain::iran_time`).

use chrono::NaiveDate;

use crate::i18n::format;
use crate::i18n::Locale;
use crate::model::{Licence, LicenceStatus};

/// An active licence with no recorded activity for more than this many days is stale.
pub const STALE_AFTER_DAYS: i64 = 30;
/// An active licence expiring within this many days (today included) is expiring.
pub const EXPIRING_WITHIN_DAYS: i64 = 90;
/// Suggested default for `dormant_after_days` when the configuration gives none.
pub const DEFAULT_DORMANT_AFTER_DAYS: u32 = 180;

/// A contradiction between a licence's fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Inconsistency {
    /// Status `active` although the expiry date has passed.
    ActivePastExpiry,
    /// Status `expired` although the expiry date has not passed yet.
    ExpiredBeforeExpiryDate,
    /// The activation date is before the issue date.
    ActivatedBeforeIssued,
    /// The expiry date is before the issue date.
    ExpiresBeforeIssued,
    /// An office is linked (`office_id`) to a revoked licence.
    OfficeLinkedToRevoked,
    /// Status `active` but no activation date.
    ActiveWithoutActivation,
    /// Status `issued` (never activated) but an activation date is recorded.
    IssuedButActivated,
    /// The last activity is before the activation date (or, without one, the issue date).
    ActivityBeforeActivation,
    /// The issue, activation or last-activity date is after today.
    DateInFuture,
}

impl Inconsistency {
    /// Every inconsistency, in the order [`inconsistencies`] reports them.
    pub const ALL: [Inconsistency; 9] = [
        Inconsistency::ActivePastExpiry,
        Inconsistency::ExpiredBeforeExpiryDate,
        Inconsistency::ActivatedBeforeIssued,
        Inconsistency::ExpiresBeforeIssued,
        Inconsistency::OfficeLinkedToRevoked,
        Inconsistency::ActiveWithoutActivation,
        Inconsistency::IssuedButActivated,
        Inconsistency::ActivityBeforeActivation,
        Inconsistency::DateInFuture,
    ];

    /// A stable machine key, e.g. `active_past_expiry`.
    pub fn key(self) -> &'static str {
        match self {
            Inconsistency::ActivePastExpiry => "active_past_expiry",
            Inconsistency::ExpiredBeforeExpiryDate => "expired_before_expiry_date",
            Inconsistency::ActivatedBeforeIssued => "activated_before_issued",
            Inconsistency::ExpiresBeforeIssued => "expires_before_issued",
            Inconsistency::OfficeLinkedToRevoked => "office_linked_to_revoked",
            Inconsistency::ActiveWithoutActivation => "active_without_activation",
            Inconsistency::IssuedButActivated => "issued_but_activated",
            Inconsistency::ActivityBeforeActivation => "activity_before_activation",
            Inconsistency::DateInFuture => "date_in_future",
        }
    }

    /// A short label, e.g. "active past expiry".
    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            Inconsistency::ActivePastExpiry => locale.t("فعال پس از انقضا", "active past expiry"),
            Inconsistency::ExpiredBeforeExpiryDate => {
                locale.t("منقضی پیش از تاریخ انقضا", "expired before its expiry date")
            }
            Inconsistency::ActivatedBeforeIssued => {
                locale.t("فعال‌سازی پیش از صدور", "activated before issue")
            }
            Inconsistency::ExpiresBeforeIssued => {
                locale.t("انقضا پیش از صدور", "expires before issue")
            }
            Inconsistency::OfficeLinkedToRevoked => locale.t(
                "دفتر متصل به پروانهٔ لغوشده",
                "office linked to a revoked licence",
            ),
            Inconsistency::ActiveWithoutActivation => locale.t(
                "فعال بدون تاریخ فعال‌سازی",
                "active without an activation date",
            ),
            Inconsistency::IssuedButActivated => locale.t(
                "فعال‌نشده با تاریخ فعال‌سازی",
                "not activated but has an activation date",
            ),
            Inconsistency::ActivityBeforeActivation => {
                locale.t("فعالیت پیش از فعال‌سازی", "activity before activation")
            }
            Inconsistency::DateInFuture => locale.t("تاریخ در آینده", "date in the future"),
        }
    }

    /// One sentence saying what contradicts what.
    pub fn sentence(self, locale: Locale) -> &'static str {
        match self {
            Inconsistency::ActivePastExpiry => locale.t(
                "وضعیت پروانه «فعال» ثبت شده، اما تاریخ انقضای آن گذشته است.",
                "The licence is recorded as active, but its expiry date has passed.",
            ),
            Inconsistency::ExpiredBeforeExpiryDate => locale.t(
                "وضعیت پروانه «منقضی» ثبت شده، اما تاریخ انقضای آن هنوز نرسیده است.",
                "The licence is recorded as expired, but its expiry date has not come yet.",
            ),
            Inconsistency::ActivatedBeforeIssued => locale.t(
                "تاریخ فعال‌سازی پیش از تاریخ صدور پروانه است.",
                "The activation date is before the date the licence was issued.",
            ),
            Inconsistency::ExpiresBeforeIssued => locale.t(
                "تاریخ انقضا پیش از تاریخ صدور پروانه است.",
                "The expiry date is before the date the licence was issued.",
            ),
            Inconsistency::OfficeLinkedToRevoked => locale.t(
                "پروانه لغو شده، اما هنوز دفتری به آن متصل است.",
                "The licence is revoked, but an office is still linked to it.",
            ),
            Inconsistency::ActiveWithoutActivation => locale.t(
                "وضعیت پروانه «فعال» ثبت شده، اما تاریخ فعال‌سازی ندارد.",
                "The licence is recorded as active, but has no activation date.",
            ),
            Inconsistency::IssuedButActivated => locale.t(
                "پروانه «صادرشده و فعال‌نشده» ثبت شده، اما تاریخ فعال‌سازی دارد.",
                "The licence is recorded as issued and never activated, but has an activation date.",
            ),
            Inconsistency::ActivityBeforeActivation => locale.t(
                "تاریخ آخرین فعالیت پیش از فعال‌سازی (یا صدور) پروانه است.",
                "The last activity is dated before the licence was activated (or issued).",
            ),
            Inconsistency::DateInFuture => locale.t(
                "تاریخ صدور، فعال‌سازی یا آخرین فعالیت پس از امروز است.",
                "The issue, activation or last-activity date is after today.",
            ),
        }
    }
}

/// A warning about one licence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Flag {
    /// Issued, never activated, and older than the dormancy threshold; `days_overdue` ≥ 1 is
    /// how many days past the threshold.
    Dormant {
        /// Days since issue minus the threshold.
        days_overdue: i64,
    },
    /// Active with no recorded activity for more than [`STALE_AFTER_DAYS`].
    Stale {
        /// Days since the last activity (or activation, or issue; see [`is_stale`]).
        days_since_activity: i64,
    },
    /// Active and expiring within [`EXPIRING_WITHIN_DAYS`]; 0 means it expires today.
    Expiring {
        /// Days from today to the expiry date.
        days_left: i64,
    },
    /// The record contradicts itself.
    Inconsistent(Inconsistency),
}

/// Whether an `issued` event of the history, dated `on`, was followed by an activation: a
/// later (or same-day, later-listed) `active` entry, or an activation date on or after it.
/// Such an event is the issue of the licence, not "never activated". `later` is the part
/// of the history after the event, oldest first.
pub fn issued_then_activated(
    licence: &Licence,
    on: NaiveDate,
    later: &[crate::model::HistoryEntry],
) -> bool {
    later.iter().any(|e| e.status == LicenceStatus::Active)
        || licence.activated_on.is_some_and(|a| a >= on)
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    to.signed_duration_since(from).num_days()
}

/// Days past the dormancy threshold when the licence is dormant.
fn dormant_overdue(licence: &Licence, today: NaiveDate, dormant_after_days: u32) -> Option<i64> {
    if licence.status != LicenceStatus::Issued || licence.activated_on.is_some() {
        return None;
    }
    let overdue = days_between(licence.issued_on, today) - i64::from(dormant_after_days);
    (overdue > 0).then_some(overdue)
}

/// Days since activity when the licence is stale.
fn stale_days(licence: &Licence, today: NaiveDate) -> Option<i64> {
    if licence.status != LicenceStatus::Active {
        return None;
    }
    let since = licence
        .last_activity_on
        .or(licence.activated_on)
        .unwrap_or(licence.issued_on);
    let days = days_between(since, today);
    (days > STALE_AFTER_DAYS).then_some(days)
}

/// Days left when the licence is expiring.
fn expiring_days_left(licence: &Licence, today: NaiveDate) -> Option<i64> {
    if licence.status != LicenceStatus::Active {
        return None;
    }
    let left = days_between(today, licence.expires_on);
    (0..=EXPIRING_WITHIN_DAYS).contains(&left).then_some(left)
}

/// Dormant: status `issued` with no activation date, issued strictly more than
/// `dormant_after_days` days before `today` (threshold 180: 180 days → no, 181 → yes).
pub fn is_dormant(licence: &Licence, today: NaiveDate, dormant_after_days: u32) -> bool {
    dormant_overdue(licence, today, dormant_after_days).is_some()
}

/// Stale: status `active` and the last activity more than [`STALE_AFTER_DAYS`] days before
/// `today`. Without a last-activity date the activation date counts as the last activity
/// (and without that, the issue date), so an active licence that has never reported
/// activity becomes stale 31 days after activation.
pub fn is_stale(licence: &Licence, today: NaiveDate) -> bool {
    stale_days(licence, today).is_some()
}

/// Expiring: status `active` and `0 ≤ expires_on − today ≤` [`EXPIRING_WITHIN_DAYS`]; a
/// licence is still valid on its expiry date, so expiring today counts (0 days left).
pub fn is_expiring(licence: &Licence, today: NaiveDate) -> bool {
    expiring_days_left(licence, today).is_some()
}

/// The contradictions in a licence's fields, in [`Inconsistency::ALL`] order.
pub fn inconsistencies(licence: &Licence, today: NaiveDate) -> Vec<Inconsistency> {
    let l = licence;
    let active = l.status == LicenceStatus::Active;
    let checks = [
        (
            Inconsistency::ActivePastExpiry,
            active && l.expires_on < today,
        ),
        (
            Inconsistency::ExpiredBeforeExpiryDate,
            l.status == LicenceStatus::Expired && l.expires_on >= today,
        ),
        (
            Inconsistency::ActivatedBeforeIssued,
            l.activated_on.is_some_and(|a| a < l.issued_on),
        ),
        (
            Inconsistency::ExpiresBeforeIssued,
            l.expires_on < l.issued_on,
        ),
        (
            Inconsistency::OfficeLinkedToRevoked,
            l.status == LicenceStatus::Revoked && l.office_id.is_some(),
        ),
        (
            Inconsistency::ActiveWithoutActivation,
            active && l.activated_on.is_none(),
        ),
        (
            Inconsistency::IssuedButActivated,
            l.status == LicenceStatus::Issued && l.activated_on.is_some(),
        ),
        (
            Inconsistency::ActivityBeforeActivation,
            l.last_activity_on
                .is_some_and(|last| last < l.activated_on.unwrap_or(l.issued_on)),
        ),
        (
            Inconsistency::DateInFuture,
            l.issued_on > today
                || l.activated_on.is_some_and(|a| a > today)
                || l.last_activity_on.is_some_and(|a| a > today),
        ),
    ];
    checks
        .into_iter()
        .filter_map(|(which, found)| found.then_some(which))
        .collect()
}

/// Every flag of a licence: dormant, stale, expiring, then each inconsistency.
pub fn flags(licence: &Licence, today: NaiveDate, dormant_after_days: u32) -> Vec<Flag> {
    let mut out = Vec::new();
    if let Some(days_overdue) = dormant_overdue(licence, today, dormant_after_days) {
        out.push(Flag::Dormant { days_overdue });
    }
    if let Some(days_since_activity) = stale_days(licence, today) {
        out.push(Flag::Stale {
            days_since_activity,
        });
    }
    if let Some(days_left) = expiring_days_left(licence, today) {
        out.push(Flag::Expiring { days_left });
    }
    out.extend(
        inconsistencies(licence, today)
            .into_iter()
            .map(Flag::Inconsistent),
    );
    out
}

impl Flag {
    /// A short title for a badge: "Dormant", "No recent activity", "Expiring soon",
    /// "Inconsistent data".
    pub fn title(&self, locale: Locale) -> String {
        match self {
            Flag::Dormant { .. } => locale.t("راکد", "Dormant"),
            Flag::Stale { .. } => locale.t("بدون فعالیت اخیر", "No recent activity"),
            Flag::Expiring { .. } => locale.t("رو به انقضا", "Expiring soon"),
            Flag::Inconsistent(_) => locale.t("داده‌های ناسازگار", "Inconsistent data"),
        }
        .to_string()
    }

    /// A one-line summary with the number, for lists and CSV: "Dormant: 12 days overdue",
    /// "Expires today", "Inconsistent: activated before issue".
    pub fn summary(&self, locale: Locale) -> String {
        match (self, locale) {
            (Flag::Dormant { days_overdue }, Locale::Fa) => {
                format!("راکد: {} پس از مهلت", format::days(locale, *days_overdue))
            }
            (Flag::Dormant { days_overdue }, Locale::En) => {
                format!("Dormant: {} overdue", format::days(locale, *days_overdue))
            }
            (
                Flag::Stale {
                    days_since_activity,
                },
                Locale::Fa,
            ) => {
                format!(
                    "بدون فعالیت در {} گذشته",
                    format::days(locale, *days_since_activity)
                )
            }
            (
                Flag::Stale {
                    days_since_activity,
                },
                Locale::En,
            ) => {
                format!(
                    "No activity for {}",
                    format::days(locale, *days_since_activity)
                )
            }
            (Flag::Expiring { days_left: 0 }, _) => {
                locale.t("امروز منقضی می‌شود", "Expires today").to_string()
            }
            (Flag::Expiring { days_left }, Locale::Fa) => {
                format!("{} تا انقضا", format::days(locale, *days_left))
            }
            (Flag::Expiring { days_left }, Locale::En) => {
                format!("Expires in {}", format::days(locale, *days_left))
            }
            (Flag::Inconsistent(which), Locale::Fa) => format!("ناسازگار: {}", which.label(locale)),
            (Flag::Inconsistent(which), Locale::En) => {
                format!("Inconsistent: {}", which.label(locale))
            }
        }
    }

    /// A plain explanation in full sentences, with the numbers in the locale's digits.
    /// `dormant_after_days` is the threshold the flags were computed with.
    pub fn explanation(&self, locale: Locale, dormant_after_days: u32) -> String {
        let threshold = format::days(locale, i64::from(dormant_after_days));
        match (self, locale) {
            (Flag::Dormant { days_overdue }, Locale::Fa) => format!(
                "این پروانه {} پیش صادر شده ولی هنوز هیچ دفتری با آن فعال نشده است؛ \
                 {} بیش از مهلت {} برای فعال‌سازی.",
                format::days(locale, i64::from(dormant_after_days) + days_overdue),
                format::days(locale, *days_overdue),
                threshold,
            ),
            (Flag::Dormant { days_overdue }, Locale::En) => format!(
                "This licence was issued {} ago but no office has been activated under it: \
                 {} past the {} allowed for activation.",
                format::days(locale, i64::from(dormant_after_days) + days_overdue),
                format::days(locale, *days_overdue),
                threshold,
            ),
            (
                Flag::Stale {
                    days_since_activity,
                },
                Locale::Fa,
            ) => format!(
                "این پروانه فعال است اما {} است که فعالیتی از آن ثبت نشده (بیش از {}).",
                format::days(locale, *days_since_activity),
                format::days(locale, STALE_AFTER_DAYS),
            ),
            (
                Flag::Stale {
                    days_since_activity,
                },
                Locale::En,
            ) => format!(
                "This licence is active but no activity has been recorded for {} (more than {}).",
                format::days(locale, *days_since_activity),
                format::days(locale, STALE_AFTER_DAYS),
            ),
            (Flag::Expiring { days_left: 0 }, _) => locale
                .t(
                    "اعتبار این پروانه امروز به پایان می‌رسد و باید تمدید شود.",
                    "This licence expires today and needs to be renewed.",
                )
                .to_string(),
            (Flag::Expiring { days_left }, Locale::Fa) => format!(
                "اعتبار این پروانه {} دیگر به پایان می‌رسد و باید تمدید شود.",
                format::days(locale, *days_left)
            ),
            (Flag::Expiring { days_left }, Locale::En) => format!(
                "This licence expires in {} and needs to be renewed.",
                format::days(locale, *days_left)
            ),
            (Flag::Inconsistent(which), _) => format!(
                "{} {}",
                which.sentence(locale),
                locale.t(
                    "داده همان‌گونه که منتشر شده نمایش داده می‌شود و اصلاح نشده است.",
                    "The record is shown as published; it has not been corrected.",
                )
            ),
        }
    }

    /// A class-name fragment for styling: `dormant`, `stale`, `expiring`, `inconsistent`.
    pub fn css_key(&self) -> &'static str {
        match self {
            Flag::Dormant { .. } => "dormant",
            Flag::Stale { .. } => "stale",
            Flag::Expiring { .. } => "expiring",
            Flag::Inconsistent(_) => "inconsistent",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LicenceKind;
    use Locale::{En, Fa};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    const TODAY: (i32, u32, u32) = (2025, 6, 1);

    fn today() -> NaiveDate {
        d(TODAY.0, TODAY.1, TODAY.2)
    }

    fn ago(days: i64) -> NaiveDate {
        today() - chrono::Duration::days(days)
    }

    fn ahead(days: i64) -> NaiveDate {
        today() + chrono::Duration::days(days)
    }

    #[test]
    fn an_issue_followed_by_an_activation_is_not_never_activated() {
        let entry = |on: NaiveDate, status: LicenceStatus| crate::model::HistoryEntry {
            on,
            status,
            note_fa: None,
            note_en: None,
        };
        // Issued, then activated in the history: the first event is the issue.
        let later = [entry(ago(700), LicenceStatus::Active)];
        let mut l = active();
        l.activated_on = None;
        assert!(issued_then_activated(&l, ago(800), &later));
        // No later entry, but an activation date on the very day of issue.
        l.activated_on = Some(ago(800));
        assert!(issued_then_activated(&l, ago(800), &[]));
        // An activation dated before the event does not follow it.
        l.activated_on = Some(ago(801));
        assert!(!issued_then_activated(&l, ago(800), &[]));
        // Issued and nothing after, or only a revocation: never activated.
        let never = issued(400);
        assert!(!issued_then_activated(&never, ago(400), &[]));
        assert!(!issued_then_activated(
            &never,
            ago(400),
            &[entry(ago(10), LicenceStatus::Revoked)]
        ));
    }

    /// A healthy active licence: no flags.
    fn active() -> Licence {
        Licence {
            number: "30-1234".into(),
            province_id: "IR-30".into(),
            holder_fa: "علی رضایی".into(),
            holder_en: Some("Ali Rezaei".into()),
            office_id: Some("o-1".into()),
            kind: LicenceKind::Pishkhan,
            city_fa: "کرج".into(),
            issued_on: ago(800),
            activated_on: Some(ago(700)),
            expires_on: ahead(400),
            status: LicenceStatus::Active,
            last_activity_on: Some(ago(3)),
            history: Vec::new(),
            inspections: Vec::new(),
        }
    }

    /// An issued, never activated licence.
    fn issued(days_ago: i64) -> Licence {
        Licence {
            office_id: None,
            issued_on: ago(days_ago),
            activated_on: None,
            status: LicenceStatus::Issued,
            last_activity_on: None,
            ..active()
        }
    }

    #[test]
    fn healthy_licence_has_no_flags() {
        assert_eq!(flags(&active(), today(), 180), []);
    }

    #[test]
    fn dormant_threshold_is_strict() {
        assert_eq!(flags(&issued(179), today(), 180), []);
        assert_eq!(flags(&issued(180), today(), 180), []);
        assert_eq!(
            flags(&issued(181), today(), 180),
            [Flag::Dormant { days_overdue: 1 }]
        );
        assert_eq!(
            flags(&issued(400), today(), 180),
            [Flag::Dormant { days_overdue: 220 }]
        );
        assert!(!is_dormant(&issued(180), today(), 180));
        assert!(is_dormant(&issued(181), today(), 180));
        assert!(is_dormant(&issued(1), today(), 0));
        assert!(!is_dormant(&issued(0), today(), 0));
    }

    #[test]
    fn dormant_needs_issued_status_and_no_activation() {
        let suspended = Licence {
            status: LicenceStatus::Suspended,
            ..issued(400)
        };
        assert!(!is_dormant(&suspended, today(), 180));
        let activated = Licence {
            activated_on: Some(ago(10)),
            ..issued(400)
        };
        assert!(!is_dormant(&activated, today(), 180));
        assert_eq!(
            flags(&activated, today(), 180),
            [Flag::Inconsistent(Inconsistency::IssuedButActivated)]
        );
    }

    #[test]
    fn stale_boundaries() {
        let at = |days| Licence {
            last_activity_on: Some(ago(days)),
            ..active()
        };
        assert!(!is_stale(&at(30), today()));
        assert!(is_stale(&at(31), today()));
        assert_eq!(
            flags(&at(31), today(), 180),
            [Flag::Stale {
                days_since_activity: 31
            }]
        );
        // Not active: never stale.
        let suspended = Licence {
            status: LicenceStatus::Suspended,
            ..at(300)
        };
        assert!(!is_stale(&suspended, today()));
    }

    #[test]
    fn stale_without_last_activity_counts_from_activation() {
        let recent = Licence {
            last_activity_on: None,
            activated_on: Some(ago(5)),
            ..active()
        };
        assert_eq!(flags(&recent, today(), 180), []);
        let old = Licence {
            last_activity_on: None,
            ..active()
        };
        assert_eq!(
            flags(&old, today(), 180),
            [Flag::Stale {
                days_since_activity: 700
            }]
        );
        // No activation date either: from issue, and the record is inconsistent.
        let bare = Licence {
            last_activity_on: None,
            activated_on: None,
            ..active()
        };
        assert_eq!(
            flags(&bare, today(), 180),
            [
                Flag::Stale {
                    days_since_activity: 800
                },
                Flag::Inconsistent(Inconsistency::ActiveWithoutActivation)
            ]
        );
    }

    #[test]
    fn expiring_boundaries() {
        let exp = |days| Licence {
            expires_on: ahead(days),
            ..active()
        };
        assert_eq!(flags(&exp(91), today(), 180), []);
        assert_eq!(
            flags(&exp(90), today(), 180),
            [Flag::Expiring { days_left: 90 }]
        );
        assert_eq!(
            flags(&exp(1), today(), 180),
            [Flag::Expiring { days_left: 1 }]
        );
        assert_eq!(
            flags(&exp(0), today(), 180),
            [Flag::Expiring { days_left: 0 }]
        );
        assert!(is_expiring(&exp(0), today()));
        // Expired yesterday but still "active": not expiring, inconsistent.
        assert!(!is_expiring(&exp(-1), today()));
        assert_eq!(
            flags(&exp(-1), today(), 180),
            [Flag::Inconsistent(Inconsistency::ActivePastExpiry)]
        );
        // Only active licences are expiring.
        let suspended = Licence {
            status: LicenceStatus::Suspended,
            ..exp(10)
        };
        assert!(!is_expiring(&suspended, today()));
    }

    #[test]
    fn expired_status() {
        let past = Licence {
            status: LicenceStatus::Expired,
            expires_on: ago(1),
            ..active()
        };
        assert_eq!(flags(&past, today(), 180), []);
        let early = Licence {
            status: LicenceStatus::Expired,
            expires_on: today(),
            ..active()
        };
        assert_eq!(
            flags(&early, today(), 180),
            [Flag::Inconsistent(Inconsistency::ExpiredBeforeExpiryDate)]
        );
    }

    #[test]
    fn each_inconsistency() {
        use Inconsistency::*;
        let inc = |l: &Licence| inconsistencies(l, today());
        assert_eq!(
            inc(&Licence {
                activated_on: Some(ago(801)),
                ..active()
            }),
            [ActivatedBeforeIssued]
        );
        assert_eq!(
            inc(&Licence {
                status: LicenceStatus::Expired,
                expires_on: ago(801),
                ..active()
            }),
            [ExpiresBeforeIssued]
        );
        let revoked = Licence {
            status: LicenceStatus::Revoked,
            ..active()
        };
        assert_eq!(inc(&revoked), [OfficeLinkedToRevoked]);
        assert_eq!(
            inc(&Licence {
                office_id: None,
                ..revoked
            }),
            []
        );
        assert_eq!(
            inc(&Licence {
                last_activity_on: Some(ago(701)),
                ..active()
            }),
            [ActivityBeforeActivation]
        );
        assert_eq!(
            inc(&Licence {
                last_activity_on: Some(ago(700)),
                ..active()
            }),
            []
        );
        assert_eq!(
            inc(&Licence {
                last_activity_on: Some(ago(500)),
                ..issued(400)
            }),
            [ActivityBeforeActivation]
        );
        assert_eq!(
            inc(&Licence {
                last_activity_on: Some(ahead(1)),
                ..active()
            }),
            [DateInFuture]
        );
        assert_eq!(
            inc(&Licence {
                last_activity_on: Some(today()),
                ..active()
            }),
            []
        );
        assert_eq!(inc(&issued(-1)), [DateInFuture]);
        assert_eq!(
            inc(&Licence {
                activated_on: Some(ahead(2)),
                last_activity_on: None,
                ..active()
            }),
            [DateInFuture]
        );
        // Several at once, in the documented order.
        let messy = Licence {
            status: LicenceStatus::Active,
            activated_on: None,
            expires_on: ago(900),
            ..active()
        };
        assert_eq!(
            inc(&messy),
            [
                ActivePastExpiry,
                ExpiresBeforeIssued,
                ActiveWithoutActivation
            ]
        );
    }

    #[test]
    fn unknown_status_has_no_flags() {
        let other = Licence {
            status: LicenceStatus::Other("frozen".into()),
            ..issued(1000)
        };
        assert_eq!(flags(&other, today(), 180), []);
    }

    #[test]
    fn titles_explanations_and_keys() {
        let dormant = Flag::Dormant { days_overdue: 1 };
        assert_eq!(dormant.title(Fa), "راکد");
        assert_eq!(dormant.title(En), "Dormant");
        assert_eq!(dormant.css_key(), "dormant");
        assert_eq!(dormant.summary(En), "Dormant: 1 day overdue");
        assert_eq!(
            dormant.explanation(En, 180),
            "This licence was issued 181 days ago but no office has been activated under it: \
             1 day past the 180 days allowed for activation."
        );
        assert_eq!(
            dormant.explanation(Fa, 180),
            "این پروانه ۱۸۱ روز پیش صادر شده ولی هنوز هیچ دفتری با آن فعال نشده است؛ \
             ۱ روز بیش از مهلت ۱۸۰ روز برای فعال‌سازی."
        );
        let stale = Flag::Stale {
            days_since_activity: 1_200,
        };
        assert_eq!(stale.css_key(), "stale");
        assert_eq!(stale.summary(Fa), "بدون فعالیت در ۱٬۲۰۰ روز گذشته");
        assert!(stale
            .explanation(En, 180)
            .contains("1,200 days (more than 30 days)"));
        let today_flag = Flag::Expiring { days_left: 0 };
        assert_eq!(today_flag.summary(En), "Expires today");
        assert_eq!(today_flag.summary(Fa), "امروز منقضی می‌شود");
        assert_eq!(today_flag.css_key(), "expiring");
        assert_eq!(
            Flag::Expiring { days_left: 12 }.summary(Fa),
            "۱۲ روز تا انقضا"
        );
        assert_eq!(
            Flag::Expiring { days_left: 12 }.explanation(En, 180),
            "This licence expires in 12 days and needs to be renewed."
        );
        for which in Inconsistency::ALL {
            let f = Flag::Inconsistent(which);
            assert_eq!(f.css_key(), "inconsistent");
            assert_eq!(f.title(En), "Inconsistent data");
            assert!(f
                .explanation(En, 180)
                .ends_with("it has not been corrected."));
            assert!(f.explanation(Fa, 180).starts_with(which.sentence(Fa)));
            assert!(!which.key().is_empty() && which.key().is_ascii());
        }
        assert_eq!(
            Flag::Inconsistent(Inconsistency::ActivatedBeforeIssued).summary(En),
            "Inconsistent: activated before issue"
        );
    }
}
