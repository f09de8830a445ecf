//! Human names of the contract's enumerations, in both languages. Unknown values show as "other".

use super::Locale;
use crate::model::{
    Channel, Grade, LicenceKind, LicenceStatus, OfficeKind, OfficeStatus, StepKind,
};

/// "Pishkhan office", "Rural ICT office", …
pub fn office_kind(locale: Locale, kind: &OfficeKind) -> &'static str {
    match kind {
        OfficeKind::Pishkhan => locale.t(
            "دفتر پیشخوان خدمات دولت",
            "Government services (Pishkhan) office",
        ),
        OfficeKind::RuralIct => locale.t("دفتر ICT روستایی", "Rural ICT office"),
        OfficeKind::ECity => locale.t("دفتر خدمات الکترونیک شهر", "E-city services office"),
        OfficeKind::SocialSecurity => {
            locale.t("کارگزاری تأمین اجتماعی", "Social Security service office")
        }
        OfficeKind::HealthInsurance => locale.t("دفتر بیمه سلامت", "Health Insurance office"),
        OfficeKind::Other(_) => locale.t("سایر دفاتر", "Other office"),
    }
}

/// Open / temporarily closed / closed (the office's operating status, not today's hours).
pub fn office_status(locale: Locale, status: &OfficeStatus) -> &'static str {
    match status {
        OfficeStatus::Open => locale.t("فعال", "Operating"),
        OfficeStatus::TemporarilyClosed => locale.t("موقتاً تعطیل", "Temporarily closed"),
        OfficeStatus::Closed => locale.t("تعطیل دائم", "Permanently closed"),
        OfficeStatus::Other(_) => locale.t("وضعیت نامشخص", "Other status"),
    }
}

/// Licence status; `issued` is what citizens and officials call "never activated".
pub fn licence_status(locale: Locale, status: &LicenceStatus) -> &'static str {
    match status {
        LicenceStatus::Issued => locale.t("صادرشده، فعال‌نشده", "Issued, never activated"),
        LicenceStatus::Active => locale.t("فعال", "Active"),
        LicenceStatus::Suspended => locale.t("تعلیق‌شده", "Suspended"),
        LicenceStatus::Revoked => locale.t("لغوشده", "Revoked"),
        LicenceStatus::Expired => locale.t("منقضی", "Expired"),
        LicenceStatus::Other(_) => locale.t("سایر", "Other"),
    }
}

/// An `issued` event of a licence's history that an activation followed: "Issued", not
/// "never activated".
pub fn licence_issued(locale: Locale) -> &'static str {
    locale.t("صادر شد", "Issued")
}

/// Pishkhan / rural ICT licence.
pub fn licence_kind(locale: Locale, kind: &LicenceKind) -> &'static str {
    match kind {
        LicenceKind::Pishkhan => locale.t("پیشخوان خدمات دولت", "Pishkhan"),
        LicenceKind::RuralIct => locale.t("ICT روستایی", "Rural ICT"),
        LicenceKind::Other(_) => locale.t("سایر", "Other"),
    }
}

/// Where a service is done.
pub fn channel(locale: Locale, channel: &Channel) -> &'static str {
    match channel {
        Channel::Pishkhan => locale.t("در دفاتر پیشخوان", "At a Pishkhan office"),
        Channel::Online => locale.t("برخط (اینترنتی)", "Online"),
        Channel::Agency => locale.t("فقط در خود دستگاه", "Only at the agency"),
        Channel::Other(_) => locale.t("سایر", "Other"),
    }
}

/// What a citizen does in a step of a service's journey.
pub fn step_kind(locale: Locale, kind: &StepKind) -> &'static str {
    match kind {
        StepKind::Online => locale.t("برخط", "Online"),
        StepKind::Office => locale.t("در دفتر پیشخوان", "At a Pishkhan office"),
        StepKind::Agency => locale.t("در ادارهٔ دستگاه", "At the agency"),
        StepKind::Wait => locale.t("انتظار", "Waiting"),
        StepKind::Collect => locale.t("تحویل", "Collecting"),
        StepKind::Other(_) => locale.t("سایر", "Other"),
    }
}

/// Inspection grade with its meaning.
pub fn grade(locale: Locale, grade: &Grade) -> &'static str {
    match grade {
        Grade::A => locale.t("الف (عالی)", "A (excellent)"),
        Grade::B => locale.t("ب (خوب)", "B (good)"),
        Grade::C => locale.t("ج (نیازمند بهبود)", "C (needs improvement)"),
        Grade::D => locale.t("د (ضعیف)", "D (poor)"),
        Grade::Other(_) => locale.t("نامشخص", "Unknown"),
    }
}

/// CSS modifier for a status tag: the wire value when known, else `other`.
pub fn css_key(known: bool, wire: &str) -> &str {
    if known {
        wire
    } else {
        "other"
    }
}
