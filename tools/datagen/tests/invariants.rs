//! The sample dataset looks like the real network: counts, shares and cross-references.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use pishkhan::model::{Channel, Licence, LicenceStatus, Office, OfficeKind, OfficeStatus};
use pishkhan_datagen::calendar::{reference_date, shift, shift_months, LICENCE_MONTHS};
use pishkhan_datagen::inputs::Inputs;

fn offices() -> impl Iterator<Item = &'static Office> {
    common::dataset()
        .provinces
        .iter()
        .flat_map(|p| &p.offices.offices)
}

fn licences() -> impl Iterator<Item = &'static Licence> {
    common::dataset()
        .provinces
        .iter()
        .flat_map(|p| &p.licences.licences)
}

fn share(part: usize, whole: usize) -> f64 {
    part as f64 / whole as f64
}

fn assert_between(what: &str, value: f64, low: f64, high: f64) {
    assert!(
        (low..=high).contains(&value),
        "{what} = {value}, expected {low}..={high}"
    );
}

#[test]
fn totals_match_the_real_network() {
    let n = offices().count();
    assert_between("offices", n as f64, 11_700.0, 14_300.0);
    assert_between("licences", licences().count() as f64, 12_600.0, 15_400.0);
    let never_active = licences().filter(|l| {
        l.status == LicenceStatus::Issued && l.activated_on.is_none() && l.office_id.is_none()
    });
    assert!(never_active.count() >= 1_000);
    let recent = licences().filter(|l| {
        l.status == LicenceStatus::Issued && l.issued_on > shift(reference_date(), -180)
    });
    assert!(recent.count() >= 100, "some licences were issued recently");
    let inactive = licences().filter(|l| {
        l.status == LicenceStatus::Revoked
            && l.history
                .iter()
                .any(|h| h.note_en.as_deref() == Some("Revoked for inactivity"))
            && l.history
                .iter()
                .any(|h| h.note_fa.as_deref() == Some("لغو به دلیل عدم فعالیت"))
    });
    assert_between(
        "revoked for inactivity",
        inactive.count() as f64,
        450.0,
        560.0,
    );
    assert!(licences().any(|l| l.status == LicenceStatus::Suspended));
    assert!(licences().any(|l| l.status == LicenceStatus::Expired));
}

#[test]
fn shares_of_kinds_statuses_and_gaps() {
    let all: Vec<&Office> = offices().collect();
    let n = all.len();
    let count = |f: &dyn Fn(&Office) -> bool| all.iter().filter(|o| f(o)).count();
    assert_between(
        "pishkhan",
        share(count(&|o| o.kind == OfficeKind::Pishkhan), n),
        0.66,
        0.74,
    );
    assert_between(
        "rural_ict",
        share(count(&|o| o.kind == OfficeKind::RuralIct), n),
        0.10,
        0.14,
    );
    for kind in [
        OfficeKind::ECity,
        OfficeKind::SocialSecurity,
        OfficeKind::HealthInsurance,
    ] {
        assert!(count(&|o| o.kind == kind) > 300, "{kind} offices exist");
    }
    assert_between(
        "open",
        share(count(&|o| o.status == OfficeStatus::Open), n),
        0.91,
        0.95,
    );
    assert_between(
        "temporarily closed",
        share(count(&|o| o.status == OfficeStatus::TemporarilyClosed), n),
        0.03,
        0.05,
    );
    assert_between(
        "closed",
        share(count(&|o| o.status == OfficeStatus::Closed), n),
        0.02,
        0.04,
    );
    assert_between(
        "no location",
        share(count(&|o| o.location.is_none()), n),
        0.01,
        0.02,
    );
    assert_between(
        "no phone",
        share(count(&|o| o.phone.is_none()), n),
        0.02,
        0.04,
    );
    assert_between(
        "hours unknown",
        share(count(&|o| o.hours.is_none()), n),
        0.01,
        0.03,
    );
    assert!(
        count(&|o| o.postal_code.is_none()) > 0,
        "a few offices have no postal code"
    );
    assert_between(
        "renovation closures",
        share(count(&|o| !o.closures.is_empty()), n),
        0.005,
        0.015,
    );
    let afternoon = count(&|o| {
        o.hours
            .as_ref()
            .and_then(|h| h.sat.as_ref())
            .is_some_and(|s| s.len() == 2)
    });
    assert_between("afternoon shift", share(afternoon, n), 0.08, 0.16);
    let arabic = count(&|o| o.name_fa.contains('ي') || o.name_fa.contains('ك'));
    assert_between("Arabic letter variants", share(arabic, n), 0.26, 0.34);
}

#[test]
fn identifiers_are_unique_and_well_formed() {
    let mut ids = BTreeSet::new();
    let mut codes = BTreeSet::new();
    for province in &common::dataset().provinces {
        for o in &province.offices.offices {
            assert_eq!(o.province_id, province.offices.province_id);
            let serial =
                o.id.strip_prefix(&format!("{}-", o.province_id))
                    .expect("id starts with the province");
            assert!(
                serial.len() == 5 && serial.bytes().all(|b| b.is_ascii_digit()),
                "{}",
                o.id
            );
            assert!(ids.insert(o.id.clone()), "duplicate id {}", o.id);
            assert!(
                o.code.len() == 5 && o.code.parse::<u32>().is_ok_and(|c| c >= 10_000),
                "{}",
                o.code
            );
            assert!(codes.insert(o.code.clone()), "duplicate code {}", o.code);
            if let Some(phone) = &o.phone {
                assert!(phone.len() == 12 && phone.as_bytes()[3] == b'-', "{phone}");
            }
            if let Some(postal) = &o.postal_code {
                assert!(
                    postal.len() == 10 && !postal[..5].contains(['0', '2']),
                    "{postal}"
                );
            }
        }
        let digits = &province.licences.province_id[3..];
        let mut numbers = BTreeSet::new();
        for l in &province.licences.licences {
            let parts: Vec<&str> = l.number.split('-').collect();
            assert!(
                parts.len() == 3
                    && parts[0] == digits
                    && parts[1].len() == 4
                    && parts[2].len() == 6,
                "{}",
                l.number
            );
            assert!(
                numbers.insert(l.number.clone()),
                "duplicate licence {}",
                l.number
            );
        }
    }
}

#[test]
fn karaj_and_every_sizeable_city_have_offices() {
    let karaj: Vec<&Office> = offices()
        .filter(|o| {
            o.province_id == "IR-30" && (o.name_fa.contains("كرج") || o.name_fa.contains("کرج"))
        })
        .collect();
    assert!(karaj.len() > 100, "Karaj has {} offices", karaj.len());
    assert!(karaj
        .iter()
        .any(|o| o.name_fa.starts_with("دفتر پیشخوان خدمات دولت کرج کد ")));
    let inputs = Inputs::load().expect("inputs");
    let present: BTreeSet<(&str, &str)> = offices()
        .map(|o| (o.province_id.as_str(), o.city_en.as_str()))
        .collect();
    for province in &inputs.provinces {
        for city in inputs
            .cities_of(&province.iso)
            .iter()
            .filter(|c| c.population >= 20_000)
        {
            assert!(
                present.contains(&(province.iso.as_str(), city.name_en.as_str())),
                "{} has no office",
                city.name_en
            );
        }
    }
}

#[test]
fn licences_and_offices_refer_to_each_other() {
    for province in &common::dataset().provinces {
        let by_number: BTreeMap<&str, &Licence> = province
            .licences
            .licences
            .iter()
            .map(|l| (l.number.as_str(), l))
            .collect();
        let office_ids: BTreeSet<&str> = province
            .offices
            .offices
            .iter()
            .map(|o| o.id.as_str())
            .collect();
        for o in &province.offices.offices {
            let licensed = matches!(o.kind, OfficeKind::Pishkhan | OfficeKind::RuralIct);
            assert_eq!(o.licence_number.is_some(), licensed, "{}", o.id);
            let Some(number) = &o.licence_number else {
                continue;
            };
            let l = by_number
                .get(number.as_str())
                .unwrap_or_else(|| panic!("{}: no licence {number}", o.id));
            assert_eq!(l.office_id.as_deref(), Some(o.id.as_str()));
            assert_eq!(l.kind.as_str(), o.kind.as_str());
            assert_eq!(
                o.licence_status.as_ref(),
                Some(&l.status),
                "{}: the office carries its licence's status",
                o.id
            );
            let expected: &[LicenceStatus] = match o.status {
                OfficeStatus::Open => &[LicenceStatus::Active],
                OfficeStatus::TemporarilyClosed => {
                    &[LicenceStatus::Active, LicenceStatus::Suspended]
                }
                _ => &[LicenceStatus::Expired],
            };
            assert!(
                expected.contains(&l.status),
                "{}: office {} but licence {}",
                o.id,
                o.status,
                l.status
            );
        }
        for l in &province.licences.licences {
            if let Some(id) = &l.office_id {
                assert!(
                    office_ids.contains(id.as_str()),
                    "{} refers to missing office {id}",
                    l.number
                );
            }
            assert_eq!(l.province_id, province.licences.province_id);
        }
    }
}

/// Deliberately inconsistent records (documented in docs/api.md).
fn is_inconsistent(l: &Licence) -> bool {
    let today = reference_date();
    (l.status == LicenceStatus::Active && l.expires_on < today)
        || l.activated_on.is_some_and(|a| a < l.issued_on)
}

#[test]
fn licence_histories_are_consistent_except_five() {
    let flawed: Vec<&Licence> = licences().filter(|l| is_inconsistent(l)).collect();
    assert_eq!(
        flawed.len(),
        5,
        "{:?}",
        flawed.iter().map(|l| &l.number).collect::<Vec<_>>()
    );
    let today = reference_date();
    for l in licences().filter(|l| !is_inconsistent(l)) {
        assert_eq!(
            l.expires_on,
            shift_months(l.issued_on, LICENCE_MONTHS),
            "{}",
            l.number
        );
        let days: Vec<NaiveDate> = l.history.iter().map(|h| h.on).collect();
        assert!(
            days.windows(2).all(|w| w[0] <= w[1]),
            "{}: history out of order",
            l.number
        );
        assert!(
            days.iter().all(|d| *d <= today),
            "{}: history in the future",
            l.number
        );
        assert_eq!(
            l.history.first().map(|h| &h.status),
            Some(&LicenceStatus::Issued),
            "{}",
            l.number
        );
        assert_eq!(
            l.history.last().map(|h| &h.status),
            Some(&l.status),
            "{}",
            l.number
        );
        assert!(
            l.inspections.windows(2).all(|w| w[0].on <= w[1].on),
            "{}",
            l.number
        );
        match l.status {
            LicenceStatus::Issued | LicenceStatus::Revoked => {
                assert!(
                    l.activated_on.is_none()
                        && l.last_activity_on.is_none()
                        && l.office_id.is_none(),
                    "{}",
                    l.number
                )
            }
            _ => assert!(
                l.activated_on.is_some() && l.last_activity_on.is_some(),
                "{}",
                l.number
            ),
        }
        if l.status == LicenceStatus::Active {
            assert!(l.expires_on > today, "{}", l.number);
        }
    }
}

#[test]
fn activity_and_expiry_of_active_licences() {
    let today = reference_date();
    let active: Vec<&Licence> = licences()
        .filter(|l| l.status == LicenceStatus::Active)
        .collect();
    let stale = active
        .iter()
        .filter(|l| l.last_activity_on.is_some_and(|d| d < shift(today, -30)))
        .count();
    assert_between(
        "stale active licences",
        share(stale, active.len()),
        0.03,
        0.07,
    );
    let expiring = active
        .iter()
        .filter(|l| l.expires_on > today && l.expires_on <= shift(today, 90))
        .count();
    assert_between(
        "active licences expiring within 90 days",
        expiring as f64,
        100.0,
        220.0,
    );
    assert!(licences()
        .flat_map(|l| &l.inspections)
        .any(|i| i.grade == pishkhan::model::Grade::D));
}

#[test]
fn services_are_consistent_with_offices() {
    let data = common::dataset();
    let agencies: BTreeSet<&str> = data
        .agencies
        .agencies
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    assert!(data.services.services.len() >= 35);
    for s in &data.services.services {
        assert!(
            agencies.contains(s.agency_id.as_str()),
            "{}: unknown agency",
            s.id
        );
    }
    let by_id: BTreeMap<&str, _> = data
        .services
        .services
        .iter()
        .map(|s| (s.id.as_str(), s))
        .collect();
    let mut offered = BTreeSet::new();
    for o in offices() {
        assert!(!o.services.is_empty(), "{} offers nothing", o.id);
        for id in &o.services {
            let s = by_id
                .get(id.as_str())
                .unwrap_or_else(|| panic!("{}: unknown service {id}", o.id));
            assert!(
                s.has_channel(&Channel::Pishkhan),
                "{}: {id} is not delivered by offices",
                o.id
            );
            offered.insert(id.as_str());
        }
    }
    let unoffered: Vec<&str> = data
        .services
        .services
        .iter()
        .filter(|s| s.has_channel(&Channel::Pishkhan) && !offered.contains(s.id.as_str()))
        .map(|s| s.id.as_str())
        .collect();
    assert!(
        !unoffered.is_empty(),
        "some pishkhan-channel service is offered by no office"
    );
    for required in [
        "smart-id-card",
        "passport",
        "driving-licence",
        "justice-shares",
        "vehicle-scrappage",
    ] {
        assert!(
            by_id.contains_key(required),
            "{required} is in the catalogue"
        );
    }
    assert!(by_id["smart-id-card"]
        .keywords_fa
        .iter()
        .any(|k| k == "کارت ملی"));
    assert_eq!(by_id["passport"].channels, vec![Channel::Agency]);
    assert!(data
        .services
        .services
        .iter()
        .any(|s| s.channels == vec![Channel::Online]));
    assert!(data
        .services
        .services
        .iter()
        .any(|s| s.fee_rials == Some(0)));
    assert!(data.services.services.iter().any(|s| s.fee_rials.is_none()));
    let social: Vec<&Office> = offices()
        .filter(|o| o.kind == OfficeKind::SocialSecurity)
        .collect();
    let tamin = social
        .iter()
        .flat_map(|o| &o.services)
        .filter(|id| by_id[id.as_str()].agency_id == "tamin")
        .count();
    let all = social.iter().map(|o| o.services.len()).sum::<usize>();
    assert!(
        share(tamin, all) > 0.6,
        "social security offices mainly offer Social Security services"
    );
}

#[test]
fn meta_summarises_the_documents() {
    let data = common::dataset();
    assert_eq!(data.meta.provinces.len(), 31);
    let ids: BTreeSet<&str> = data.meta.provinces.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids.len(), 31);
    for (summary, docs) in data.meta.provinces.iter().zip(&data.provinces) {
        assert_eq!(summary.id, docs.offices.province_id);
        assert_eq!(summary.office_count as usize, docs.offices.offices.len());
        assert_eq!(summary.licence_count as usize, docs.licences.licences.len());
        assert!(summary.population > 500_000 && summary.centroid.is_valid());
        let bbox = summary.bbox.expect("every province has located offices");
        assert!(bbox.is_valid());
        for loc in docs.offices.offices.iter().filter_map(|o| o.location) {
            assert!(
                (bbox.min_lat..=bbox.max_lat).contains(&loc.lat)
                    && (bbox.min_lon..=bbox.max_lon).contains(&loc.lon)
            );
        }
    }
    assert!(
        data.meta.closures.iter().any(|c| c.province_id.is_none()),
        "a national closure"
    );
    assert!(
        data.meta.closures.iter().any(|c| c.province_id.is_some()),
        "a provincial closure"
    );
    assert!(data.meta.closures.iter().all(|c| c.from <= c.to));
    let source = data.meta.source.as_ref().expect("source");
    assert!(source.name_en.contains("GeoNames") && source.licence.as_deref() == Some("CC BY 4.0"));
    assert_eq!(data.meta.dataset_version, "sample-1.2.0-s42-x1");
    assert_eq!(
        data.meta.generated_at.to_rfc3339(),
        "2026-11-20T08:00:00+00:00"
    );
}
