//! Dashboard aggregates for provincial working groups: office coverage per 100,000 people,
//! conversion of parallel networks to Pishkhan, and licence health.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::licence_flags;
use crate::model::{Licence, LicenceStatus, Office, OfficeKind, OfficeStatus, Province};

/// Identifier used by [`national_totals`] for the whole country.
pub const NATIONAL_ID: &str = "IR";

/// Aggregates of one province (or, from [`national_totals`], of the country).
#[derive(Clone, Debug, PartialEq)]
pub struct ProvinceStats {
    /// ISO 3166-2 code of the province, or [`NATIONAL_ID`].
    pub province_id: String,
    /// Population as published in `meta.json`.
    pub population: u64,
    /// Offices per kind; every known kind is present (possibly 0), unknown kinds are added
    /// as they occur.
    pub offices_by_kind: BTreeMap<OfficeKind, u32>,
    /// All offices, whatever their status.
    pub offices_total: u32,
    /// Offices with status `open`.
    pub open_offices: u32,
    /// Open offices per 100,000 people; 0 when the population is 0 (unknown).
    pub open_per_100k: f64,
    /// All licences, whatever their status.
    pub licences_total: u32,
    /// Licences per status; every known status is present (possibly 0).
    pub licences_by_status: BTreeMap<LicenceStatus, u32>,
    /// Licences flagged dormant (see `licence_flags::is_dormant`).
    pub dormant: u32,
    /// Licences with status `revoked`.
    pub revoked: u32,
    /// Conversion progress: share of offices of kind `pishkhan`, 0..=1; 0 with no offices.
    pub pishkhan_share: f64,
}

/// Open offices per 100,000 people; 0 when the population is 0.
fn per_100k(open: u32, population: u64) -> f64 {
    if population == 0 {
        0.0
    } else {
        f64::from(open) * 100_000.0 / population as f64
    }
}

/// Share of Pishkhan offices among all offices; 0 with no offices.
fn pishkhan_share(by_kind: &BTreeMap<OfficeKind, u32>, total: u32) -> f64 {
    if total == 0 {
        return 0.0;
    }
    f64::from(by_kind.get(&OfficeKind::Pishkhan).copied().unwrap_or(0)) / f64::from(total)
}

/// A map with every known key at 0.
fn zeroed<K: Ord + Clone>(known: &[K]) -> BTreeMap<K, u32> {
    known.iter().map(|k| (k.clone(), 0)).collect()
}

/// Adds one to a counter, saturating.
fn bump(n: &mut u32) {
    *n = n.saturating_add(1);
}

/// Aggregates for one province. Only offices and licences whose `province_id` equals the
/// province's id are counted, so national lists can be passed as they are.
pub fn province_stats(
    province: &Province,
    offices: &[Office],
    licences: &[Licence],
    today: NaiveDate,
    dormant_after_days: u32,
) -> ProvinceStats {
    let mut offices_by_kind = zeroed(OfficeKind::KNOWN);
    let (mut offices_total, mut open_offices) = (0u32, 0u32);
    for o in offices.iter().filter(|o| o.province_id == province.id) {
        bump(offices_by_kind.entry(o.kind.clone()).or_insert(0));
        bump(&mut offices_total);
        if o.status == OfficeStatus::Open {
            bump(&mut open_offices);
        }
    }

    let mut licences_by_status = zeroed(LicenceStatus::KNOWN);
    let (mut licences_total, mut dormant, mut revoked) = (0u32, 0u32, 0u32);
    for l in licences.iter().filter(|l| l.province_id == province.id) {
        bump(licences_by_status.entry(l.status.clone()).or_insert(0));
        bump(&mut licences_total);
        if licence_flags::is_dormant(l, today, dormant_after_days) {
            bump(&mut dormant);
        }
        if l.status == LicenceStatus::Revoked {
            bump(&mut revoked);
        }
    }

    ProvinceStats {
        province_id: province.id.clone(),
        population: province.population,
        open_per_100k: per_100k(open_offices, province.population),
        pishkhan_share: pishkhan_share(&offices_by_kind, offices_total),
        offices_by_kind,
        offices_total,
        open_offices,
        licences_total,
        licences_by_status,
        dormant,
        revoked,
    }
}

/// The country as the sum of the provinces, with `province_id` [`NATIONAL_ID`]. Rates
/// (per 100,000 and Pishkhan share) are recomputed from the sums, not averaged, so large
/// provinces weigh as much as their people and offices.
pub fn national_totals(stats: &[ProvinceStats]) -> ProvinceStats {
    let mut offices_by_kind = zeroed(OfficeKind::KNOWN);
    let mut licences_by_status = zeroed(LicenceStatus::KNOWN);
    let mut total = ProvinceStats {
        province_id: NATIONAL_ID.to_string(),
        population: 0,
        offices_by_kind: BTreeMap::new(),
        offices_total: 0,
        open_offices: 0,
        open_per_100k: 0.0,
        licences_total: 0,
        licences_by_status: BTreeMap::new(),
        dormant: 0,
        revoked: 0,
        pishkhan_share: 0.0,
    };
    for s in stats {
        total.population = total.population.saturating_add(s.population);
        total.offices_total = total.offices_total.saturating_add(s.offices_total);
        total.open_offices = total.open_offices.saturating_add(s.open_offices);
        total.licences_total = total.licences_total.saturating_add(s.licences_total);
        total.dormant = total.dormant.saturating_add(s.dormant);
        total.revoked = total.revoked.saturating_add(s.revoked);
        for (kind, n) in &s.offices_by_kind {
            let slot = offices_by_kind.entry(kind.clone()).or_insert(0);
            *slot = slot.saturating_add(*n);
        }
        for (status, n) in &s.licences_by_status {
            let slot = licences_by_status.entry(status.clone()).or_insert(0);
            *slot = slot.saturating_add(*n);
        }
    }
    total.open_per_100k = per_100k(total.open_offices, total.population);
    total.pishkhan_share = pishkhan_share(&offices_by_kind, total.offices_total);
    total.offices_by_kind = offices_by_kind;
    total.licences_by_status = licences_by_status;
    total
}

/// National open offices per 100,000 people: total open offices over total population,
/// i.e. weighted by population (not the mean of the provinces' rates).
pub fn national_average_per_100k(stats: &[ProvinceStats]) -> f64 {
    national_totals(stats).open_per_100k
}

/// How many more open offices the province needs to reach `target_per_100k`: the smallest
/// n with (open + n) per 100,000 ≥ target. 0 when the target is met, not a positive finite
/// number, or the population is 0.
pub fn offices_needed(stats: &ProvinceStats, target_per_100k: f64) -> u32 {
    if !(target_per_100k.is_finite() && target_per_100k > 0.0) {
        return 0;
    }
    let exact = target_per_100k * stats.population as f64 / 100_000.0;
    // A hair below to absorb binary rounding (1.1 × 1,000,000 / 100,000 = 11.000000000000002).
    let required = (exact - 1e-9 * exact.max(1.0)).ceil().max(0.0);
    let missing = required - f64::from(stats.open_offices);
    if missing <= 0.0 {
        0
    } else if missing >= f64::from(u32::MAX) {
        u32::MAX
    } else {
        // A whole number in 1..u32::MAX after the checks above.
        missing as u32
    }
}

/// Provinces from least to best covered: `(index into stats, open per 100,000, offices
/// needed for the target)`. Ties keep input order; provinces with population 0 (coverage
/// unknown) come last.
pub fn coverage_ranking(stats: &[ProvinceStats], target_per_100k: f64) -> Vec<(usize, f64, u32)> {
    let mut ranked: Vec<(usize, f64, u32)> = stats
        .iter()
        .enumerate()
        .map(|(i, s)| (i, s.open_per_100k, offices_needed(s, target_per_100k)))
        .collect();
    // Stable sort: equal keys stay in input order.
    ranked.sort_by(|a, b| {
        let unknown = |i: usize| stats.get(i).is_some_and(|s| s.population == 0);
        unknown(a.0).cmp(&unknown(b.0)).then(a.1.total_cmp(&b.1))
    });
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LatLon, LicenceKind};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn province(id: &str, population: u64) -> Province {
        Province {
            id: id.into(),
            name_fa: String::new(),
            name_en: id.into(),
            population,
            centroid: LatLon {
                lat: 35.0,
                lon: 51.0,
            },
            bbox: None,
            office_count: 0,
            licence_count: 0,
        }
    }

    fn office(province_id: &str, kind: OfficeKind, status: OfficeStatus) -> Office {
        Office {
            code: "1".into(),
            kind,
            status,
            ..Office::for_test("o", province_id)
        }
    }

    fn licence(province_id: &str, status: LicenceStatus, issued_on: NaiveDate) -> Licence {
        Licence {
            number: "1".into(),
            province_id: province_id.into(),
            holder_fa: String::new(),
            holder_en: None,
            office_id: None,
            kind: LicenceKind::Pishkhan,
            city_fa: String::new(),
            issued_on,
            activated_on: None,
            expires_on: d(2030, 1, 1),
            status,
            last_activity_on: None,
            history: Vec::new(),
            inspections: Vec::new(),
        }
    }

    const TODAY: (i32, u32, u32) = (2025, 6, 1);

    fn today() -> NaiveDate {
        d(TODAY.0, TODAY.1, TODAY.2)
    }

    fn sample() -> (Vec<Province>, Vec<Office>, Vec<Licence>) {
        use OfficeKind::*;
        use OfficeStatus::{Closed, Open, TemporarilyClosed};
        let provinces = vec![province("IR-30", 200_000), province("IR-21", 1_000_000)];
        let offices = vec![
            office("IR-30", Pishkhan, Open),
            office("IR-30", Pishkhan, Open),
            office("IR-30", RuralIct, Open),
            office("IR-30", ECity, TemporarilyClosed),
            office("IR-30", OfficeKind::Other("kiosk".into()), Closed),
            office("IR-21", Pishkhan, Open),
            office("IR-21", SocialSecurity, Closed),
        ];
        let licences = vec![
            licence("IR-30", LicenceStatus::Issued, d(2024, 1, 1)),
            licence("IR-30", LicenceStatus::Issued, d(2025, 5, 1)),
            licence("IR-30", LicenceStatus::Revoked, d(2020, 1, 1)),
            licence("IR-30", LicenceStatus::Active, d(2020, 1, 1)),
            licence("IR-21", LicenceStatus::Issued, d(2023, 1, 1)),
            licence(
                "IR-21",
                LicenceStatus::Other("frozen".into()),
                d(2023, 1, 1),
            ),
        ];
        (provinces, offices, licences)
    }

    fn all_stats() -> Vec<ProvinceStats> {
        let (provinces, offices, licences) = sample();
        provinces
            .iter()
            .map(|p| province_stats(p, &offices, &licences, today(), 180))
            .collect()
    }

    #[test]
    fn one_province() {
        let s = &all_stats()[0];
        assert_eq!(s.province_id, "IR-30");
        assert_eq!(s.population, 200_000);
        assert_eq!(s.offices_total, 5);
        assert_eq!(s.open_offices, 3);
        assert!((s.open_per_100k - 1.5).abs() < 1e-12);
        assert_eq!(s.offices_by_kind.get(&OfficeKind::Pishkhan), Some(&2));
        assert_eq!(s.offices_by_kind.get(&OfficeKind::RuralIct), Some(&1));
        assert_eq!(s.offices_by_kind.get(&OfficeKind::ECity), Some(&1));
        assert_eq!(
            s.offices_by_kind.get(&OfficeKind::HealthInsurance),
            Some(&0)
        );
        assert_eq!(
            s.offices_by_kind.get(&OfficeKind::Other("kiosk".into())),
            Some(&1)
        );
        assert!((s.pishkhan_share - 0.4).abs() < 1e-12);
        assert_eq!(s.licences_total, 4);
        assert_eq!(s.licences_by_status.get(&LicenceStatus::Issued), Some(&2));
        assert_eq!(s.licences_by_status.get(&LicenceStatus::Expired), Some(&0));
        assert_eq!(s.dormant, 1);
        assert_eq!(s.revoked, 1);
    }

    #[test]
    fn empty_province() {
        let s = province_stats(&province("IR-20", 0), &[], &[], today(), 180);
        assert_eq!(s.offices_total, 0);
        assert_eq!(s.open_per_100k, 0.0);
        assert_eq!(s.pishkhan_share, 0.0);
        assert_eq!(s.offices_by_kind.len(), OfficeKind::KNOWN.len());
        assert_eq!(s.licences_by_status.len(), LicenceStatus::KNOWN.len());
        assert_eq!(offices_needed(&s, 2.0), 0);
    }

    #[test]
    fn national_rates_come_from_sums() {
        let stats = all_stats();
        let n = national_totals(&stats);
        assert_eq!(n.province_id, NATIONAL_ID);
        assert_eq!(n.population, 1_200_000);
        assert_eq!(n.offices_total, 7);
        assert_eq!(n.open_offices, 4);
        // 4 per 1.2 million, not the mean of 1.5 and 0.1 (0.8).
        assert!((n.open_per_100k - 4.0 / 12.0).abs() < 1e-12);
        assert!((national_average_per_100k(&stats) - 4.0 / 12.0).abs() < 1e-12);
        assert!((n.pishkhan_share - 3.0 / 7.0).abs() < 1e-12);
        assert_eq!(n.offices_by_kind.get(&OfficeKind::SocialSecurity), Some(&1));
        assert_eq!(
            n.offices_by_kind.get(&OfficeKind::Other("kiosk".into())),
            Some(&1)
        );
        assert_eq!(n.licences_total, 6);
        assert_eq!(n.licences_by_status.get(&LicenceStatus::Issued), Some(&3));
        assert_eq!(
            n.licences_by_status
                .get(&LicenceStatus::Other("frozen".into())),
            Some(&1)
        );
        assert_eq!(n.dormant, 2);
        assert_eq!(n.revoked, 1);
        assert_eq!(national_totals(&[]).open_per_100k, 0.0);
    }

    #[test]
    fn offices_needed_rounds_up() {
        let stats = all_stats();
        // IR-30: 3 open for 200,000 people.
        assert_eq!(offices_needed(&stats[0], 1.5), 0);
        assert_eq!(offices_needed(&stats[0], 1.0), 0);
        assert_eq!(offices_needed(&stats[0], 2.0), 1);
        assert_eq!(offices_needed(&stats[0], 1.6), 1);
        // IR-21: 1 open for 1,000,000; 1.1 per 100k needs exactly 11, not 12.
        assert_eq!(offices_needed(&stats[1], 1.1), 10);
        assert_eq!(offices_needed(&stats[1], 1.11), 11);
        assert_eq!(offices_needed(&stats[1], 0.0), 0);
        assert_eq!(offices_needed(&stats[1], -1.0), 0);
        assert_eq!(offices_needed(&stats[1], f64::NAN), 0);
        assert_eq!(offices_needed(&stats[1], f64::INFINITY), 0);
        assert_eq!(offices_needed(&stats[1], 1e300), u32::MAX);
    }

    #[test]
    fn ranking_lowest_first_unknown_last() {
        let mut stats = all_stats();
        let empty = province_stats(&province("IR-20", 0), &[], &[], today(), 180);
        stats.insert(0, empty);
        let ranked = coverage_ranking(&stats, 2.0);
        assert_eq!(ranked.len(), 3);
        assert_eq!(ranked[0].0, 2);
        assert!((ranked[0].1 - 0.1).abs() < 1e-12);
        assert_eq!(ranked[0].2, 19);
        assert_eq!(ranked[1], (1, 1.5, 1));
        assert_eq!(ranked[2], (0, 0.0, 0));
        assert!(coverage_ranking(&[], 2.0).is_empty());
    }
}
