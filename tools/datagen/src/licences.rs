//! Licences issued by the Communications Regulatory Authority: one for each pishkhan and rural
//! ICT office, plus the licences that never became an office (issued, revoked, expired).

use chrono::NaiveDate;
use pishkhan::model::{
    Grade, HistoryEntry, Inspection, Licence, LicenceKind, LicenceStatus, Office, OfficeKind,
    OfficeStatus,
};

use crate::calendar::{date, jalali_year, reference_date, shift, shift_months, LICENCE_MONTHS};
use crate::inputs::{City, ProvinceInput};
use crate::offices::{ARABIC_VARIANT_SHARE, CITY_POPULATION};
use crate::people::person;
use crate::persian::arabic_variant;
use crate::rng::Rng;

/// Licences issued but never activated, per licensed office (≈ 2,000 nationally).
const ISSUED_PER_OFFICE: f64 = 0.19;
/// Licences revoked for inactivity, per licensed office (≈ 500: the regulator's announced cancellation).
const REVOKED_PER_OFFICE: f64 = 0.047;
/// Old licences that expired and whose office is gone, per licensed office.
const EXPIRED_PER_OFFICE: f64 = 0.07;
/// Share of active licences issued so that they expire within 90 days (≈ 150 nationally).
const EXPIRING_SOON_SHARE: f64 = 0.0149;
/// The day most inactive licences were revoked, in one batch.
fn revocation_day() -> NaiveDate {
    date(2026, 6, 14)
}

/// A deliberately contradictory record, so the UI's "inconsistent" flag has something to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inconsistency {
    /// Status `active` although `expires_on` has passed.
    ActivePastExpiry,
    /// `activated_on` before `issued_on`.
    ActivatedBeforeIssued,
}

/// Which provinces carry the deliberately inconsistent records (five in all, at any scale).
pub const INCONSISTENT: &[(&str, Inconsistency)] = &[
    ("IR-23", Inconsistency::ActivePastExpiry),
    ("IR-23", Inconsistency::ActivatedBeforeIssued),
    ("IR-10", Inconsistency::ActivePastExpiry),
    ("IR-07", Inconsistency::ActivatedBeforeIssued),
    ("IR-09", Inconsistency::ActivePastExpiry),
];

/// A licence before its number is known, and the office it belongs to.
struct Draft {
    licence: Licence,
    office: Option<usize>,
}

/// What the licence generator needs to know about its province.
pub struct LicenceContext<'a> {
    pub province: &'a ProvinceInput,
    pub cities: &'a [City],
}

/// Generates the licences of one province and sets `licence_number` on its licensed offices.
pub fn generate(ctx: &LicenceContext<'_>, offices: &mut [Office], rng: &mut Rng) -> Vec<Licence> {
    let mut drafts: Vec<Draft> = offices
        .iter()
        .enumerate()
        .filter_map(|(i, office)| licence_kind(&office.kind).map(|kind| (i, office, kind)))
        .map(|(i, office, kind)| Draft {
            licence: for_office(ctx, office, kind, rng),
            office: Some(i),
        })
        .collect();
    make_inconsistent(ctx.province, &mut drafts, rng);
    let linked = drafts.len() as f64;
    for (share, status) in [
        (ISSUED_PER_OFFICE, LicenceStatus::Issued),
        (REVOKED_PER_OFFICE, LicenceStatus::Revoked),
        (EXPIRED_PER_OFFICE, LicenceStatus::Expired),
    ] {
        for _ in 0..(linked * share).round() as usize {
            drafts.push(Draft {
                licence: unlinked(ctx, &status, rng),
                office: None,
            });
        }
    }
    number(ctx.province, drafts, offices)
}

/// Only pishkhan and rural ICT offices hold a regulator's licence.
fn licence_kind(kind: &OfficeKind) -> Option<LicenceKind> {
    match kind {
        OfficeKind::Pishkhan => Some(LicenceKind::Pishkhan),
        OfficeKind::RuralIct => Some(LicenceKind::RuralIct),
        _ => None,
    }
}

/// Numbers licences in order of issue (`23-1401-000123`: province, Jalali issue year, serial),
/// links them to their offices and returns them sorted by number.
fn number(
    province: &ProvinceInput,
    mut drafts: Vec<Draft>,
    offices: &mut [Office],
) -> Vec<Licence> {
    drafts.sort_by_key(|d| d.licence.issued_on); // stable: same-day licences keep creation order
    let mut licences: Vec<Licence> = drafts
        .into_iter()
        .enumerate()
        .map(|(i, mut draft)| {
            let year = jalali_year(draft.licence.issued_on);
            draft.licence.number = format!("{}-{year}-{:06}", province.digits(), i + 1);
            if let Some(office) = draft.office {
                offices[office].licence_number = Some(draft.licence.number.clone());
                offices[office].licence_status = Some(draft.licence.status.clone());
            }
            draft.licence
        })
        .collect();
    licences.sort_by(|a, b| a.number.cmp(&b.number));
    licences
}

fn entry(on: NaiveDate, status: LicenceStatus, note_fa: &str, note_en: &str) -> HistoryEntry {
    HistoryEntry {
        on,
        status,
        note_fa: Some(note_fa.into()),
        note_en: Some(note_en.into()),
    }
}

fn issued_entry(on: NaiveDate) -> HistoryEntry {
    entry(on, LicenceStatus::Issued, "صدور پروانه", "Licence issued")
}

fn activated_entry(on: NaiveDate) -> HistoryEntry {
    entry(
        on,
        LicenceStatus::Active,
        "آغاز فعالیت دفتر",
        "Office opened",
    )
}

/// A licence record with the fields every status shares.
fn base(
    ctx: &LicenceContext<'_>,
    kind: LicenceKind,
    city_fa: &str,
    issued_on: NaiveDate,
    rng: &mut Rng,
) -> Licence {
    let (holder_fa, holder_en) = person(rng);
    let arabic = rng.chance(ARABIC_VARIANT_SHARE);
    let spell = |text: &str| {
        if arabic {
            arabic_variant(text)
        } else {
            text.to_string()
        }
    };
    Licence {
        number: String::new(),
        province_id: ctx.province.iso.clone(),
        holder_fa: spell(&holder_fa),
        holder_en: (!rng.chance(0.2)).then_some(holder_en),
        office_id: None,
        kind,
        city_fa: spell(city_fa),
        issued_on,
        activated_on: None,
        expires_on: shift_months(issued_on, LICENCE_MONTHS),
        status: LicenceStatus::Issued,
        last_activity_on: None,
        history: vec![issued_entry(issued_on)],
        inspections: vec![],
    }
}

/// The licence of an existing office; its status follows the office's.
fn for_office(
    ctx: &LicenceContext<'_>,
    office: &Office,
    kind: LicenceKind,
    rng: &mut Rng,
) -> Licence {
    let city_fa = office.city_fa.replace('ي', "ی").replace('ك', "ک");
    let today = reference_date();
    let closed = office.status == OfficeStatus::Closed;
    let issued_on = if closed {
        shift(shift_months(today, -LICENCE_MONTHS), -rng.between(10, 900))
    } else if rng.chance(EXPIRING_SOON_SHARE) {
        shift_months(shift(today, rng.between(1, 90)), -LICENCE_MONTHS)
    } else {
        shift(today, -rng.between(30, 5 * 365 - 95))
    };
    let mut licence = base(ctx, kind, &city_fa, issued_on, rng);
    licence.office_id = Some(office.id.clone());
    let activated_on = shift(issued_on, rng.between(7, 120)).min(shift(today, -1));
    activate(&mut licence, activated_on);
    if closed {
        expire(&mut licence, rng);
    } else if office.status == OfficeStatus::TemporarilyClosed && rng.chance(0.7) {
        suspend(&mut licence, rng);
    } else {
        keep_active(&mut licence, rng);
    }
    licence
}

fn activate(licence: &mut Licence, on: NaiveDate) {
    licence.activated_on = Some(on);
    licence.status = LicenceStatus::Active;
    licence.history.push(activated_entry(on));
}

/// An active licence: recent activity (5 % stale), now and then a past suspension, inspections.
fn keep_active(licence: &mut Licence, rng: &mut Rng) {
    let today = reference_date();
    let activated = licence.activated_on.unwrap_or(licence.issued_on);
    let last = if rng.chance(0.95) {
        shift(today, -rng.between(0, 30))
    } else {
        shift(today, -rng.between(31, 240))
    };
    licence.last_activity_on = Some(last.max(activated));
    let days_active = (today - activated).num_days();
    if days_active > 200 && rng.chance(0.03) {
        let from = shift(activated, rng.between(60, days_active - 100));
        let until = shift(from, rng.between(14, 60));
        licence.history.push(entry(
            from,
            LicenceStatus::Suspended,
            "تعلیق به دلیل دریافت وجه بیش از تعرفه",
            "Suspended for charging above the tariff",
        ));
        licence.history.push(entry(
            until,
            LicenceStatus::Active,
            "رفع تعلیق",
            "Suspension lifted",
        ));
    }
    licence.inspections = inspections(activated, today, rng);
}

/// A suspended licence of a temporarily closed office.
fn suspend(licence: &mut Licence, rng: &mut Rng) {
    let activated = licence.activated_on.unwrap_or(licence.issued_on);
    let on = shift(reference_date(), -rng.between(5, 120)).max(shift(activated, 1));
    licence.status = LicenceStatus::Suspended;
    licence.last_activity_on = Some(shift(on, -rng.between(0, 10)).max(activated));
    licence.inspections = inspections(activated, on, rng);
    if let Some(last) = licence.inspections.last_mut() {
        last.grade = Grade::D;
        last.note_fa = Some("تعطیلی دفتر بدون اطلاع قبلی".into());
    }
    licence.history.push(entry(
        on,
        LicenceStatus::Suspended,
        "تعلیق پروانه؛ دفتر موقتاً تعطیل است",
        "Suspended: office temporarily closed",
    ));
}

/// A licence that reached its expiry date without renewal.
fn expire(licence: &mut Licence, rng: &mut Rng) {
    let activated = licence.activated_on.unwrap_or(licence.issued_on);
    let expires = licence.expires_on;
    licence.status = LicenceStatus::Expired;
    licence.last_activity_on = Some(shift(expires, -rng.between(0, 60)).max(activated));
    licence.inspections = inspections(activated, expires, rng);
    licence.history.push(entry(
        expires,
        LicenceStatus::Expired,
        "پایان اعتبار پروانه",
        "Licence expired",
    ));
}

/// A licence with no office in the directory: issued and waiting, revoked, or long expired.
fn unlinked(ctx: &LicenceContext<'_>, status: &LicenceStatus, rng: &mut Rng) -> Licence {
    let rural = rng.chance(0.15);
    let kind = if rural {
        LicenceKind::RuralIct
    } else {
        LicenceKind::Pishkhan
    };
    let city = pick_city(ctx.cities, rural, rng);
    let today = reference_date();
    let issued_on = match status {
        LicenceStatus::Issued if rng.chance(0.2) => shift(today, -rng.between(10, 179)),
        LicenceStatus::Issued => shift(today, -rng.between(200, 900)),
        LicenceStatus::Revoked => shift(today, -rng.between(700, 1600)),
        _ => shift(shift_months(today, -LICENCE_MONTHS), -rng.between(30, 1400)),
    };
    let mut licence = base(ctx, kind, &city.name_fa, issued_on, rng);
    match status {
        LicenceStatus::Revoked => {
            let on = if rng.chance(0.7) {
                revocation_day()
            } else {
                shift(date(2025, 9, 1), rng.between(0, 420))
            };
            licence.status = LicenceStatus::Revoked;
            licence.history.push(entry(
                on.max(shift(issued_on, 365)),
                LicenceStatus::Revoked,
                "لغو به دلیل عدم فعالیت",
                "Revoked for inactivity",
            ));
        }
        LicenceStatus::Expired => {
            activate(&mut licence, shift(issued_on, rng.between(7, 120)));
            expire(&mut licence, rng);
        }
        _ => {}
    }
    licence
}

/// A city for a licence without an office: weighted by population, small towns for rural ICT.
fn pick_city<'a>(cities: &'a [City], rural: bool, rng: &mut Rng) -> &'a City {
    let weights: Vec<f64> = cities
        .iter()
        .map(|c| match (rural, c.population < CITY_POPULATION) {
            (true, true) => 1.0,
            (true, false) => 0.0,
            (false, _) => c.population as f64,
        })
        .collect();
    if weights.iter().all(|w| *w == 0.0) {
        return &cities[cities.len() - 1];
    }
    &cities[rng.weighted(&weights)]
}

/// Inspections between activation (plus a month) and `until`, oldest first.
fn inspections(from: NaiveDate, until: NaiveDate, rng: &mut Rng) -> Vec<Inspection> {
    let first = shift(from, 30);
    let span = (until - first).num_days();
    if span <= 0 {
        return vec![];
    }
    let count = [0usize, 1, 2, 3][rng.weighted(&[0.25, 0.35, 0.25, 0.15])];
    let mut days: Vec<NaiveDate> = (0..count)
        .map(|_| shift(first, rng.between(0, span)))
        .collect();
    days.sort();
    days.into_iter().map(|on| inspection(on, rng)).collect()
}

fn inspection(on: NaiveDate, rng: &mut Rng) -> Inspection {
    let (grade, note) = match rng.weighted(&[0.40, 0.35, 0.18, 0.07]) {
        0 => (Grade::A, "رعایت کامل ضوابط و نصب تعرفه خدمات"),
        1 => (Grade::B, "نیاز به کاهش زمان انتظار مراجعان"),
        2 => (Grade::C, "کمبود تجهیزات و نصب نشدن تعرفه‌ها در معرض دید"),
        _ => (Grade::D, "تذکر کتبی؛ شکایات مکرر مراجعان"),
    };
    Inspection {
        on,
        grade,
        note_fa: (!rng.chance(0.2)).then(|| note.to_string()),
    }
}

/// Turns a few active licences of the listed provinces into contradictory records.
fn make_inconsistent(province: &ProvinceInput, drafts: &mut [Draft], rng: &mut Rng) {
    let flaws: Vec<Inconsistency> = INCONSISTENT
        .iter()
        .filter(|(iso, _)| *iso == province.iso)
        .map(|(_, flaw)| *flaw)
        .collect();
    if flaws.is_empty() {
        return;
    }
    let mut candidates: Vec<usize> = (0..drafts.len())
        .filter(|&i| {
            drafts[i].licence.status == LicenceStatus::Active
                && drafts[i].licence.history.len() == 2
        })
        .collect();
    rng.shuffle(&mut candidates);
    for (flaw, &i) in flaws.iter().zip(&candidates) {
        let licence = &mut drafts[i].licence;
        match flaw {
            Inconsistency::ActivePastExpiry => {
                let issued = shift(
                    shift_months(reference_date(), -LICENCE_MONTHS),
                    -rng.between(20, 200),
                );
                let activated = shift(issued, rng.between(7, 60));
                licence.issued_on = issued;
                licence.expires_on = shift_months(issued, LICENCE_MONTHS);
                licence.activated_on = Some(activated);
                licence.history = vec![issued_entry(issued), activated_entry(activated)];
            }
            Inconsistency::ActivatedBeforeIssued => {
                let activated = shift(licence.issued_on, -rng.between(5, 60));
                licence.activated_on = Some(activated);
                licence.history = vec![activated_entry(activated), issued_entry(licence.issued_on)];
            }
        }
    }
}
