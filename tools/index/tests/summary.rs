//! The dashboard figures from `index/summary.json` equal those from the 62 province documents.

mod common;

use std::fs;

use chrono::NaiveDate;
use pishkhan::api::{decode, paths};
use pishkhan::domain::coverage::{national_totals, province_stats};
use pishkhan::domain::index::{summary_expiring, summary_stale, summary_stats};
use pishkhan::domain::licence_flags::{is_expiring, is_stale};
use pishkhan::model::SummaryDoc;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

#[test]
fn summary_path_equals_full_document_path() {
    let dir = common::sample();
    let meta = decode::meta(&fs::read_to_string(dir.join(paths::META)).expect("meta"))
        .expect("decodes")
        .doc;
    let summary: SummaryDoc = common::read("index/summary.json");
    assert_eq!(summary.provinces.len(), meta.provinces.len());
    let docs: Vec<_> = meta
        .provinces
        .iter()
        .map(|p| {
            let read = |rel: String| fs::read_to_string(dir.join(rel)).expect("document");
            let offices = decode::offices(&read(paths::offices(&p.id)), &p.id).expect("offices");
            let licences =
                decode::licences(&read(paths::licences(&p.id)), &p.id).expect("licences");
            (offices.doc.offices, licences.doc.licences)
        })
        .collect();
    let days = [
        date(2026, 11, 20),
        date(2026, 12, 31),
        date(2025, 3, 1),
        date(2031, 6, 1),
    ];
    for today in days {
        for threshold in [0, 90, 180, 365, 2000] {
            let mut full = Vec::new();
            let mut fast = Vec::new();
            for (p, (offices, licences)) in meta.provinces.iter().zip(&docs) {
                let entry = summary
                    .provinces
                    .iter()
                    .find(|s| s.province_id == p.id)
                    .expect("province in summary");
                full.push(province_stats(p, offices, licences, today, threshold));
                fast.push(summary_stats(entry, p, today, threshold));
                assert_eq!(
                    summary_expiring(entry, today) as usize,
                    licences.iter().filter(|l| is_expiring(l, today)).count(),
                    "{} expiring {today}",
                    p.id
                );
                assert_eq!(
                    summary_stale(entry, today) as usize,
                    licences.iter().filter(|l| is_stale(l, today)).count(),
                    "{} stale {today}",
                    p.id
                );
            }
            assert_eq!(fast, full, "{today} {threshold}");
            assert_eq!(national_totals(&fast), national_totals(&full));
        }
    }
    // The figures are not trivially zero.
    let s = summary_stats(&summary.provinces[0], &meta.provinces[0], days[0], 180);
    assert!(s.dormant > 0 && s.open_offices > 0);
}
