//! Dashboard glue over `coverage`: the table's columns, their values and sorting, and the
//! coverage target. Provinces whose documents have not arrived yet still have a row, with the
//! summary counts `meta.json` already gives.

use std::cmp::Ordering;

use super::collate;
use super::coverage::{self, ProvinceStats};
use crate::i18n::Locale;
use crate::model::{LicenceStatus, OfficeKind, Province};

/// A province row: what `meta.json` says, and the full statistics once loaded.
#[derive(Clone, Debug, PartialEq)]
pub struct DashboardRow {
    /// The province from `meta.json`.
    pub province: Province,
    /// Aggregates from its documents, when they have arrived.
    pub stats: Option<ProvinceStats>,
}

/// A sortable column of the dashboard table.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    /// Province name (alphabetical in the locale).
    Province,
    /// Population.
    Population,
    /// All offices (from `meta.json` until loaded).
    Offices,
    /// Offices of one kind.
    OfficeKind(OfficeKind),
    /// Open offices.
    Open,
    /// Open offices per 100,000 people.
    OpenPer100k,
    /// All licences (from `meta.json` until loaded).
    Licences,
    /// Licences with one status.
    Status(LicenceStatus),
    /// Dormant licences.
    Dormant,
    /// Share of offices already of kind `pishkhan`.
    PishkhanShare,
}

impl Column {
    /// Every column, in table order.
    pub fn all() -> Vec<Column> {
        let mut out = vec![Column::Province, Column::Population, Column::Offices];
        out.extend(OfficeKind::KNOWN.iter().cloned().map(Column::OfficeKind));
        out.extend([Column::Open, Column::OpenPer100k, Column::Licences]);
        out.extend(LicenceStatus::KNOWN.iter().cloned().map(Column::Status));
        out.extend([Column::Dormant, Column::PishkhanShare]);
        out
    }

    /// A stable key for ids and tests, e.g. `kind-pishkhan`, `status-revoked`.
    pub fn key(&self) -> String {
        match self {
            Column::Province => "province".into(),
            Column::Population => "population".into(),
            Column::Offices => "offices".into(),
            Column::OfficeKind(k) => format!("kind-{}", k.as_str()),
            Column::Open => "open".into(),
            Column::OpenPer100k => "per100k".into(),
            Column::Licences => "licences".into(),
            Column::Status(s) => format!("status-{}", s.as_str()),
            Column::Dormant => "dormant".into(),
            Column::PishkhanShare => "pishkhan-share".into(),
        }
    }

    /// The column's number for a row; `None` while that figure is unknown.
    pub fn value(&self, row: &DashboardRow) -> Option<f64> {
        let s = row.stats.as_ref();
        match self {
            Column::Province => None,
            Column::Population => Some(row.province.population as f64),
            Column::Offices => Some(f64::from(
                s.map_or(row.province.office_count, |s| s.offices_total),
            )),
            Column::OfficeKind(k) => s.map(|s| f64::from(*s.offices_by_kind.get(k).unwrap_or(&0))),
            Column::Open => s.map(|s| f64::from(s.open_offices)),
            Column::OpenPer100k => s.map(|s| s.open_per_100k),
            Column::Licences => Some(f64::from(
                s.map_or(row.province.licence_count, |s| s.licences_total),
            )),
            Column::Status(st) => s.map(|s| f64::from(*s.licences_by_status.get(st).unwrap_or(&0))),
            Column::Dormant => s.map(|s| f64::from(s.dormant)),
            Column::PishkhanShare => s.map(|s| s.pishkhan_share),
        }
    }
}

/// Sorts rows by a column; unknown values last whatever the direction, ties by province id.
/// Province names sort in the locale's alphabetical order ([`collate`]).
pub fn sort_rows(rows: &mut [DashboardRow], column: &Column, descending: bool, locale: Locale) {
    rows.sort_by(|a, b| {
        let primary = if *column == Column::Province {
            let o = collate::cmp(locale, a.province.name(locale), b.province.name(locale));
            if descending {
                o.reverse()
            } else {
                o
            }
        } else {
            match (column.value(a), column.value(b)) {
                (Some(x), Some(y)) => {
                    let o = x.total_cmp(&y);
                    if descending {
                        o.reverse()
                    } else {
                        o
                    }
                }
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
        };
        primary.then_with(|| a.province.id.cmp(&b.province.id))
    });
}

/// The coverage target: the configured one when it is a positive number, else the national
/// average of the loaded provinces (`None` while nothing has loaded).
pub fn coverage_target(configured: Option<f64>, loaded: &[ProvinceStats]) -> Option<f64> {
    configured
        .filter(|t| t.is_finite() && *t > 0.0)
        .or_else(|| (!loaded.is_empty()).then(|| coverage::national_average_per_100k(loaded)))
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::coverage::province_stats;
    use crate::model::LatLon;

    fn province(id: &str, name_en: &str, population: u64, offices: u32) -> Province {
        Province {
            id: id.into(),
            name_fa: id.into(),
            name_en: name_en.into(),
            population,
            centroid: LatLon {
                lat: 35.0,
                lon: 51.0,
            },
            bbox: None,
            office_count: offices,
            licence_count: offices + 1,
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).expect("valid test date")
    }

    fn rows() -> Vec<DashboardRow> {
        let a = province("IR-01", "Alborz", 1_000, 10);
        let b = province("IR-02", "bushehr", 3_000, 5);
        let c = province("IR-03", "Chaharmahal", 2_000, 7);
        let stats_b = province_stats(&b, &[], &[], today(), 180);
        vec![
            DashboardRow {
                province: a,
                stats: None,
            },
            DashboardRow {
                province: b,
                stats: Some(stats_b),
            },
            DashboardRow {
                province: c,
                stats: None,
            },
        ]
    }

    fn ids(rows: &[DashboardRow]) -> Vec<&str> {
        rows.iter().map(|r| r.province.id.as_str()).collect()
    }

    #[test]
    fn meta_counts_until_loaded() {
        let r = rows();
        assert_eq!(Column::Offices.value(&r[0]), Some(10.0));
        assert_eq!(Column::Licences.value(&r[0]), Some(11.0));
        // Loaded: the documents' counts replace meta's (here: empty documents).
        assert_eq!(Column::Offices.value(&r[1]), Some(0.0));
        assert_eq!(Column::Open.value(&r[0]), None);
        assert_eq!(Column::Dormant.value(&r[1]), Some(0.0));
        assert_eq!(
            Column::Status(LicenceStatus::Revoked).value(&r[1]),
            Some(0.0)
        );
        assert_eq!(Column::Province.value(&r[1]), None);
    }

    #[test]
    fn sorting_puts_unknown_last_both_ways() {
        let mut r = rows();
        sort_rows(&mut r, &Column::Population, true, Locale::En);
        assert_eq!(ids(&r), ["IR-02", "IR-03", "IR-01"]);
        sort_rows(&mut r, &Column::Offices, false, Locale::En);
        assert_eq!(ids(&r), ["IR-02", "IR-03", "IR-01"]);
        sort_rows(&mut r, &Column::Open, false, Locale::En);
        assert_eq!(ids(&r), ["IR-02", "IR-01", "IR-03"]);
        sort_rows(&mut r, &Column::Open, true, Locale::En);
        assert_eq!(ids(&r), ["IR-02", "IR-01", "IR-03"]);
        sort_rows(&mut r, &Column::Province, false, Locale::En);
        assert_eq!(ids(&r), ["IR-01", "IR-02", "IR-03"]);
        sort_rows(&mut r, &Column::Province, true, Locale::En);
        assert_eq!(ids(&r), ["IR-03", "IR-02", "IR-01"]);
    }

    #[test]
    fn columns_have_distinct_keys() {
        let all = Column::all();
        let mut keys: Vec<String> = all.iter().map(Column::key).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), all.len());
        assert_eq!(all.len(), 3 + 5 + 3 + 5 + 2);
    }

    #[test]
    fn target_from_config_or_average() {
        let stats = vec![province_stats(
            &province("IR-01", "A", 200_000, 0),
            &[],
            &[],
            today(),
            180,
        )];
        assert_eq!(coverage_target(Some(3.5), &stats), Some(3.5));
        assert_eq!(coverage_target(Some(0.0), &stats), Some(0.0));
        assert_eq!(coverage_target(Some(f64::NAN), &[]), None);
        assert_eq!(coverage_target(None, &[]), None);
    }
}
