//! Dashboard glue over `coverage`: the table's columns, their values and sorting, and the
//! coverage target. Provinces whose documents have not arrived yet still have a row, with the
//! summary counts `meta.json` already gives.

use std::cmp::Ordering;

use super::collate;
use super::coverage::{self, ProvinceStats};
use crate::i18n::Locale;
use crate::model::{LicenceStatus, OfficeKind, Province};
use crate::route::{FinderState, GapState, RegistryState, Route};

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
    /// Dormant licences per 100 licences: a rate, so large provinces do not always top.
    DormantPer100,
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
        out.extend([
            Column::Dormant,
            Column::DormantPer100,
            Column::PishkhanShare,
        ]);
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
            Column::DormantPer100 => "dormant-per100".into(),
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
            Column::DormantPer100 => s.map(|s| {
                if s.licences_total == 0 {
                    0.0
                } else {
                    f64::from(s.dormant) * 100.0 / f64::from(s.licences_total)
                }
            }),
            Column::PishkhanShare => s.map(|s| s.pishkhan_share),
        }
    }
}

impl Column {
    /// How soon the column shows: 1 always (a 360 px phone too), 2 from tablet width up,
    /// 3 only when the reader asks for every column. The rates and their counts come first;
    /// the break-downs by office kind and licence status are on demand.
    pub fn priority(&self) -> u8 {
        match self {
            Column::Province | Column::OpenPer100k | Column::DormantPer100 => 1,
            Column::Population
            | Column::Offices
            | Column::Open
            | Column::Licences
            | Column::Dormant
            | Column::PishkhanShare => 2,
            Column::OfficeKind(_) | Column::Status(_) => 3,
        }
    }

    /// The registry, finder or gap view behind a figure of `provinces` (one province's row,
    /// or every province for the national totals): population and offices per 100,000 → the
    /// places far from an office; office counts and the Pishkhan share → the finder (it lists
    /// every status); licence counts and dormant rates → the registry.
    pub fn link(&self, provinces: &[String]) -> Option<Route> {
        let registry = |change: &dyn Fn(&mut RegistryState)| {
            let mut state = RegistryState {
                provinces: provinces.to_vec(),
                ..RegistryState::default()
            };
            change(&mut state);
            Route::Licences(state)
        };
        let finder = |kind: Option<&OfficeKind>| {
            Route::Offices(FinderState {
                province: match provinces {
                    [one] => Some(one.clone()),
                    _ => None,
                },
                kind: kind.map(|k| k.as_str().to_string()),
                ..FinderState::default()
            })
        };
        let gaps = || {
            Route::Gaps(GapState {
                province: match provinces {
                    [one] => Some(one.clone()),
                    _ => None,
                },
                ..GapState::default()
            })
        };
        match self {
            Column::Offices | Column::Open | Column::PishkhanShare => Some(finder(None)),
            Column::OfficeKind(k) => Some(finder(Some(k))),
            Column::Population | Column::OpenPer100k => Some(gaps()),
            Column::Licences => Some(registry(&|_| {})),
            Column::Status(st) => Some(registry(&|s| s.status = Some(st.clone()))),
            Column::Dormant | Column::DormantPer100 => Some(registry(&|s| s.dormant = true)),
            Column::Province => None,
        }
    }
}

/// The table as CSV: the given headings (one per [`Column::all`]), a record per row in the
/// order given, then the national totals. Figures are plain numbers (rates to two decimals,
/// the Pishkhan share as a fraction); a figure not yet loaded is an empty cell.
pub fn table_csv(
    headings: &[String],
    rows: &[DashboardRow],
    national: &DashboardRow,
    locale: Locale,
) -> String {
    let columns = Column::all();
    let record = |row: &DashboardRow| -> Vec<String> {
        columns
            .iter()
            .map(|c| match c {
                Column::Province => row.province.name(locale).to_string(),
                Column::OpenPer100k | Column::DormantPer100 => {
                    c.value(row).map(|v| format!("{v:.2}")).unwrap_or_default()
                }
                Column::PishkhanShare => {
                    c.value(row).map(|v| format!("{v:.4}")).unwrap_or_default()
                }
                _ => c.value(row).map(|v| format!("{v:.0}")).unwrap_or_default(),
            })
            .collect()
    };
    let mut records: Vec<Vec<String>> = rows.iter().map(record).collect();
    records.push(record(national));
    let header: Vec<&str> = headings.iter().map(String::as_str).collect();
    super::csv::to_csv(&header, &records)
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
        assert_eq!(all.len(), 3 + 5 + 3 + 5 + 3);
    }

    #[test]
    fn figures_link_to_the_view_behind_them() {
        let one = ["IR-23".to_string()];
        assert_eq!(
            Column::Dormant.link(&one).map(|r| r.path()).as_deref(),
            Some("/licences?province=IR-23&dormant=1")
        );
        assert_eq!(
            Column::Status(LicenceStatus::Revoked)
                .link(&one)
                .map(|r| r.path())
                .as_deref(),
            Some("/licences?province=IR-23&status=revoked")
        );
        assert_eq!(
            Column::Licences.link(&one).map(|r| r.path()).as_deref(),
            Some("/licences?province=IR-23")
        );
        let kind = Column::OfficeKind(OfficeKind::RuralIct).link(&one);
        assert!(matches!(kind, Some(Route::Offices(ref f))
            if f.province.as_deref() == Some("IR-23") && f.kind.as_deref() == Some("rural_ict")));
        let both = ["IR-23".to_string(), "IR-30".to_string()];
        assert_eq!(
            Column::Dormant.link(&both).map(|r| r.path()).as_deref(),
            Some("/licences?province=IR-23,IR-30&dormant=1")
        );
        assert!(
            matches!(Column::Offices.link(&both), Some(Route::Offices(ref f)) if f.province.is_none())
        );
        assert_eq!(
            Column::Population.link(&one).map(|r| r.path()).as_deref(),
            Some("/dashboard/gaps?province=IR-23")
        );
        assert_eq!(
            Column::OpenPer100k.link(&both).map(|r| r.path()).as_deref(),
            Some("/dashboard/gaps"),
            "the national rate → the whole country's gaps"
        );
        assert_eq!(
            Column::DormantPer100.link(&one),
            Column::Dormant.link(&one),
            "a rate opens the list its count does"
        );
        assert!(
            matches!(Column::Open.link(&one), Some(Route::Offices(ref f))
            if f.province.as_deref() == Some("IR-23") && f.kind.is_none())
        );
        assert_eq!(Column::Province.link(&one), None);
        // Every figure but the province's name leads somewhere.
        for c in Column::all().into_iter().filter(|c| *c != Column::Province) {
            assert!(c.link(&one).is_some(), "{c:?}");
        }
    }

    #[test]
    fn priority_columns_are_the_rates_then_the_counts() {
        let phone: Vec<String> = Column::all()
            .iter()
            .filter(|c| c.priority() == 1)
            .map(Column::key)
            .collect();
        assert_eq!(phone, ["province", "per100k", "dormant-per100"]);
        let desktop = Column::all().iter().filter(|c| c.priority() <= 2).count();
        assert_eq!(desktop, 9, "nine columns fit 1280 px");
        assert!(Column::all()
            .iter()
            .filter(|c| c.priority() == 3)
            .all(|c| matches!(c, Column::OfficeKind(_) | Column::Status(_))));
    }

    #[test]
    fn the_table_as_csv() {
        let r = rows();
        let headings: Vec<String> = Column::all().iter().map(Column::key).collect();
        let csv = table_csv(&headings, &r[..2], &r[1], Locale::En);
        let lines: Vec<&str> = csv
            .trim_start_matches(super::super::csv::BOM)
            .lines()
            .collect();
        assert_eq!(lines.len(), 4);
        assert!(lines[0].starts_with("province,population,offices,kind-pishkhan"));
        // Not loaded: meta's counts, the rest empty.
        assert!(lines[1].starts_with("Alborz,1000,10,,"), "{}", lines[1]);
        assert_eq!(lines[1].split(',').count(), Column::all().len());
        assert!(lines[2].starts_with("bushehr,3000,0,0,"), "{}", lines[2]);
        assert!(lines[2].ends_with(",0.00,0.0000"), "{}", lines[2]);
    }

    #[test]
    fn dormant_rate_per_100_licences() {
        let p = province("IR-01", "A", 1_000, 0);
        let mut stats = province_stats(&p, &[], &[], today(), 180);
        let row = |stats: &ProvinceStats| DashboardRow {
            province: p.clone(),
            stats: Some(stats.clone()),
        };
        assert_eq!(Column::DormantPer100.value(&row(&stats)), Some(0.0));
        stats.licences_total = 40;
        stats.dormant = 3;
        assert_eq!(Column::DormantPer100.value(&row(&stats)), Some(7.5));
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
