//! Coverage gaps by distance: which populated places are farther than a threshold from the
//! nearest open office (offering one service, when one is chosen), and how many people live
//! there.
//!
//! The scan is resumable ([`GapScan::step`]) so a page can spread a national scan (≈1,900
//! places × ≈12,000 offices) over several frames. Distances are great-circle
//! ([`geo::haversine_km`]); an office is skipped without the trigonometry when its latitude
//! alone puts it farther than the best so far.

use std::cmp::Ordering;

use super::collate;
use super::csv;
use super::geo;
use crate::i18n::Locale;
use crate::model::{BBox, LatLon, Office, OfficeStatus, Place, PopulatedPlace, Province};

/// Kilometres per degree of latitude on a sphere of 6,371 km (a little under the radius
/// `geo` uses, so always a lower bound of the distance between two points from their
/// latitudes alone).
const KM_PER_DEGREE: f64 = 6_371.0 * std::f64::consts::PI / 180.0;

/// A populated place as the gap view uses it.
#[derive(Clone, Debug, PartialEq)]
pub struct GapPlace {
    pub name_fa: String,
    pub name_en: String,
    pub province_id: String,
    pub location: LatLon,
    pub population: u64,
}

impl GapPlace {
    /// The name in the locale (the Persian one when the English is empty).
    pub fn name(&self, locale: Locale) -> &str {
        match locale {
            Locale::En if !self.name_en.trim().is_empty() => &self.name_en,
            _ => &self.name_fa,
        }
    }
}

impl From<&PopulatedPlace> for GapPlace {
    fn from(p: &PopulatedPlace) -> Self {
        GapPlace {
            name_fa: p.name_fa.clone(),
            name_en: p.name_en.clone(),
            province_id: p.province_id.clone(),
            location: p.location,
            population: p.population,
        }
    }
}

/// The places of `index/population.json`, or — without that document — the gazetteer's
/// places that have both a population and a centroid. Places without people or with a
/// position outside the globe are left out.
pub fn gap_places(population: Option<&[PopulatedPlace]>, places: &[Place]) -> Vec<GapPlace> {
    let list: Vec<GapPlace> = match population {
        Some(list) => list.iter().map(GapPlace::from).collect(),
        None => places
            .iter()
            .filter_map(|p| {
                Some(GapPlace {
                    name_fa: p.name_fa.clone(),
                    name_en: p.name_en.clone(),
                    province_id: p.province_id.clone(),
                    location: p.centroid?,
                    population: p.population?,
                })
            })
            .collect(),
    };
    list.into_iter()
        .filter(|p| p.population > 0 && valid(p.location))
        .collect()
}

/// Whether a position is a real point on the globe.
fn valid(p: LatLon) -> bool {
    p.lat.is_finite() && p.lon.is_finite() && p.lat.abs() <= 90.0 && p.lon.abs() <= 180.0
}

/// A lower bound of the distance between two boxes, in km (0 when they touch or overlap).
fn box_gap_km(a: &BBox, b: &BBox) -> f64 {
    let lat_gap = (b.min_lat - a.max_lat).max(a.min_lat - b.max_lat).max(0.0);
    let lon_gap = (b.min_lon - a.max_lon).max(a.min_lon - b.max_lon).max(0.0);
    // A degree of longitude is shortest at the latitude farthest from the equator.
    let widest = a
        .max_lat
        .abs()
        .max(a.min_lat.abs())
        .max(b.max_lat.abs())
        .max(b.min_lat.abs());
    let lon_km = lon_gap * KM_PER_DEGREE * widest.min(90.0).to_radians().cos();
    (lat_gap * KM_PER_DEGREE).max(lon_km)
}

/// The provinces whose offices can be the nearest to a place of `chosen` within `km`: the
/// province itself first, then every province whose box is within `km` of its box (or that
/// has no box, so nothing near is missed). The whole country for `None`.
pub fn provinces_to_load(provinces: &[Province], chosen: Option<&str>, km: f64) -> Vec<String> {
    let Some(id) = chosen else {
        return provinces.iter().map(|p| p.id.clone()).collect();
    };
    let own = provinces.iter().find(|p| p.id == id).and_then(|p| p.bbox);
    let mut out = vec![id.to_string()];
    for p in provinces.iter().filter(|p| p.id != id) {
        let near = match (own, p.bbox) {
            (Some(a), Some(b)) => box_gap_km(&a, &b) <= km,
            _ => true,
        };
        if near {
            out.push(p.id.clone());
        }
    }
    out
}

/// An office that counts for the gaps: open, located and (when a service is chosen)
/// offering it.
#[derive(Clone, Debug, PartialEq)]
pub struct GapOffice {
    pub id: String,
    pub code: String,
    pub province_id: String,
    pub location: LatLon,
}

/// The offices that count: status `open`, a valid location, and `service` among their
/// services when one is given.
pub fn gap_offices<'a>(
    offices: impl IntoIterator<Item = &'a Office>,
    service: Option<&str>,
) -> Vec<GapOffice> {
    offices
        .into_iter()
        .filter(|o| o.status == OfficeStatus::Open)
        .filter(|o| service.is_none_or(|s| o.services.iter().any(|x| x == s)))
        .filter_map(|o| {
            let location = o.location.filter(|l| valid(*l))?;
            Some(GapOffice {
                id: o.id.clone(),
                code: o.code.clone(),
                province_id: o.province_id.clone(),
                location,
            })
        })
        .collect()
}

/// The nearest office to a point: (index into `offices`, km); `None` when there is none.
pub fn nearest_office(at: LatLon, offices: &[GapOffice]) -> Option<(usize, f64)> {
    let mut best: Option<(usize, f64)> = None;
    for (i, o) in offices.iter().enumerate() {
        let bound = (o.location.lat - at.lat).abs() * KM_PER_DEGREE;
        if best.is_some_and(|(_, km)| bound >= km) {
            continue;
        }
        let km = geo::haversine_km(at, o.location);
        if best.is_none_or(|(_, b)| km < b) {
            best = Some((i, km));
        }
    }
    best
}

/// A scan of the places' nearest offices, done a slice at a time.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GapScan {
    /// For each place scanned so far, in order: its nearest office and the distance.
    pub nearest: Vec<Option<(usize, f64)>>,
}

impl GapScan {
    /// Scans up to `max_places` more places; returns whether every place is done.
    pub fn step(&mut self, places: &[GapPlace], offices: &[GapOffice], max_places: usize) -> bool {
        let from = self.nearest.len();
        let to = from.saturating_add(max_places.max(1)).min(places.len());
        for p in places.get(from..to).unwrap_or_default() {
            self.nearest.push(nearest_office(p.location, offices));
        }
        self.is_done(places)
    }

    /// Whether every place has been scanned.
    pub fn is_done(&self, places: &[GapPlace]) -> bool {
        self.nearest.len() >= places.len()
    }
}

/// A place beyond the threshold.
#[derive(Clone, Debug, PartialEq)]
pub struct GapRow {
    /// Index into the places.
    pub place: usize,
    /// The nearest counting office (index into the offices) and its distance; `None` when
    /// no office counts at all.
    pub nearest: Option<(usize, f64)>,
}

/// The places beyond a threshold, ranked, with the totals.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GapReport {
    /// Places farther than the threshold: most people first, then the farthest, then by
    /// Persian name.
    pub rows: Vec<GapRow>,
    /// People in those places.
    pub population_beyond: u64,
    /// Places considered.
    pub places_total: usize,
    /// People in the places considered.
    pub population_total: u64,
}

/// The places of a finished scan farther than `threshold_km` (strictly) from every counting
/// office; a place with no counting office at all is beyond any threshold.
pub fn gap_report(places: &[GapPlace], scan: &GapScan, threshold_km: f64) -> GapReport {
    let mut rows: Vec<GapRow> = places
        .iter()
        .zip(&scan.nearest)
        .enumerate()
        .filter(|(_, (_, n))| n.is_none_or(|(_, km)| km > threshold_km))
        .map(|(i, (_, n))| GapRow {
            place: i,
            nearest: *n,
        })
        .collect();
    let distance = |r: &GapRow| r.nearest.map_or(f64::INFINITY, |(_, km)| km);
    rows.sort_by(|a, b| match (places.get(a.place), places.get(b.place)) {
        (Some(x), Some(y)) => y
            .population
            .cmp(&x.population)
            .then_with(|| distance(b).total_cmp(&distance(a)))
            .then_with(|| collate::cmp(Locale::Fa, &x.name_fa, &y.name_fa)),
        _ => Ordering::Equal,
    });
    let population = |i: usize| places.get(i).map_or(0, |p| p.population);
    GapReport {
        population_beyond: rows.iter().map(|r| population(r.place)).sum(),
        places_total: places.len(),
        population_total: places.iter().map(|p| p.population).sum(),
        rows,
    }
}

/// The CSV of a report: place, province, population, km to the nearest office, its code.
/// `province_name` turns a province id into its name.
pub fn gaps_csv(
    locale: Locale,
    report: &GapReport,
    places: &[GapPlace],
    offices: &[GapOffice],
    province_name: &dyn Fn(&str) -> String,
) -> String {
    let header = match locale {
        Locale::Fa => [
            "مکان",
            "استان",
            "جمعیت",
            "فاصله تا نزدیک‌ترین دفتر (کیلومتر)",
            "کد آن دفتر",
            "عرض جغرافیایی",
            "طول جغرافیایی",
        ],
        Locale::En => [
            "Place",
            "Province",
            "Population",
            "Distance to the nearest office (km)",
            "That office's code",
            "Latitude",
            "Longitude",
        ],
    };
    let rows: Vec<Vec<String>> = report
        .rows
        .iter()
        .filter_map(|r| {
            let p = places.get(r.place)?;
            let office = r.nearest.and_then(|(i, _)| offices.get(i));
            Some(vec![
                p.name(locale).to_string(),
                province_name(&p.province_id),
                p.population.to_string(),
                r.nearest
                    .map(|(_, km)| format!("{km:.1}"))
                    .unwrap_or_default(),
                office.map(|o| o.code.clone()).unwrap_or_default(),
                p.location.lat.to_string(),
                p.location.lon.to_string(),
            ])
        })
        .collect();
    csv::to_csv(&header, &rows)
}

/// The GeoJSON (RFC 7946) of a report: one Point feature per place, `[lon, lat]`, with the
/// same facts as the CSV as properties.
pub fn gaps_geojson(report: &GapReport, places: &[GapPlace], offices: &[GapOffice]) -> String {
    use super::geojson::Prop;
    super::geojson::point_collection(report.rows.iter().filter_map(|r| {
        let p = places.get(r.place)?;
        let office = r.nearest.and_then(|(i, _)| offices.get(i));
        Some((
            p.location,
            vec![
                ("name_fa", Prop::Text(Some(&p.name_fa))),
                ("name_en", Prop::Text(Some(&p.name_en))),
                ("province_id", Prop::Text(Some(&p.province_id))),
                ("population", Prop::Number(Some(p.population as f64))),
                (
                    "nearest_km",
                    Prop::Number(r.nearest.map(|(_, km)| (km * 10.0).round() / 10.0)),
                ),
                (
                    "nearest_office_code",
                    Prop::Text(office.map(|o| o.code.as_str())),
                ),
                (
                    "nearest_office_id",
                    Prop::Text(office.map(|o| o.id.as_str())),
                ),
            ],
        ))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    use chrono::NaiveDate;
    use serde_json::{json, Value};

    /// Points on the equator: 1° of longitude is 6,371.0088 × π / 180 = 111.195 km there
    /// (the mean radius `geo` uses), so
    /// every distance below is a multiple of that and can be checked by hand.
    fn at(lon: f64) -> LatLon {
        LatLon { lat: 0.0, lon }
    }

    const DEG_KM: f64 = 111.195_080_233_532_92;

    fn place(name: &str, lon: f64, population: u64) -> GapPlace {
        GapPlace {
            name_fa: name.into(),
            name_en: name.into(),
            province_id: "IR-01".into(),
            location: at(lon),
            population,
        }
    }

    fn office(code: &str, lon: f64, status: OfficeStatus, services: &[&str]) -> Office {
        Office {
            code: code.into(),
            location: Some(at(lon)),
            services: services.iter().map(|s| s.to_string()).collect(),
            status,
            updated_at: NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"),
            ..Office::for_test(&format!("IR-01-{code}"), "IR-01")
        }
    }

    /// Places at 0°, 0.1°, 0.2°, 0.5° and 1° east; open offices at 0° (services a, b) and
    /// 1° (a); a closed one at 0.5° (a, b); one at 0.2° without location.
    fn sample() -> (Vec<GapPlace>, Vec<Office>) {
        let places = vec![
            place("الف", 0.0, 1000),
            place("ب", 0.1, 500),
            place("پ", 0.2, 500),
            place("ت", 0.5, 2000),
            place("ث", 1.0, 300),
        ];
        let mut unlocated = office("40", 0.2, OfficeStatus::Open, &["b"]);
        unlocated.location = None;
        let offices = vec![
            office("10", 0.0, OfficeStatus::Open, &["a", "b"]),
            office("20", 1.0, OfficeStatus::Open, &["a"]),
            office("30", 0.5, OfficeStatus::Closed, &["a", "b"]),
            unlocated,
        ];
        (places, offices)
    }

    fn scan(places: &[GapPlace], offices: &[GapOffice]) -> GapScan {
        let mut s = GapScan::default();
        // Two places per step: the scan is resumable and ends where it should.
        let mut steps = 0;
        while !s.step(places, offices, 2) {
            steps += 1;
        }
        assert_eq!(steps, places.len().div_ceil(2) - 1);
        s
    }

    fn names(report: &GapReport, places: &[GapPlace]) -> Vec<String> {
        report
            .rows
            .iter()
            .map(|r| places[r.place].name_fa.clone())
            .collect()
    }

    #[test]
    fn only_open_located_offices_offering_the_service_count() {
        let (_, offices) = sample();
        let codes = |s: Option<&str>| -> Vec<String> {
            gap_offices(&offices, s)
                .into_iter()
                .map(|o| o.code)
                .collect()
        };
        assert_eq!(codes(None), ["10", "20"]);
        assert_eq!(codes(Some("a")), ["10", "20"]);
        assert_eq!(codes(Some("b")), ["10"]);
        assert!(codes(Some("c")).is_empty());
    }

    #[test]
    fn without_a_service() {
        let (places, offices) = sample();
        let offices = gap_offices(&offices, None);
        let s = scan(&places, &offices);
        // By hand: 0, 11.1, 22.2, 55.6 (0.5° to either open office), 0 km.
        let km: Vec<f64> = s.nearest.iter().map(|n| n.expect("an office").1).collect();
        let expected = [0.0, 0.1 * DEG_KM, 0.2 * DEG_KM, 0.5 * DEG_KM, 0.0];
        for (got, want) in km.iter().zip(expected) {
            assert!((got - want).abs() < 1e-6, "{got} vs {want}");
        }
        // Nearest office: «ت» is equidistant; the first in the list wins.
        assert_eq!(s.nearest[3].map(|n| n.0), Some(0));
        assert_eq!(s.nearest[4].map(|n| n.0), Some(1));

        // Same population: the farther first («پ» 22 km before «ب» 11 km).
        let r5 = gap_report(&places, &s, 5.0);
        assert_eq!(names(&r5, &places), ["ت", "پ", "ب"]);
        assert_eq!(r5.population_beyond, 3000);
        assert_eq!(r5.places_total, 5);
        assert_eq!(r5.population_total, 4300);
        let r10 = gap_report(&places, &s, 10.0);
        assert_eq!(names(&r10, &places), ["ت", "پ", "ب"]);
        let r20 = gap_report(&places, &s, 20.0);
        assert_eq!(names(&r20, &places), ["ت", "پ"]);
        let r30 = gap_report(&places, &s, 30.0);
        assert_eq!(names(&r30, &places), ["ت"]);
        assert_eq!(r30.population_beyond, 2000);
        // 0.5° is 55.6 km: beyond 50, within 56.
        assert_eq!(names(&gap_report(&places, &s, 50.0), &places), ["ت"]);
        assert!(gap_report(&places, &s, 56.0).rows.is_empty());
        // Strictly farther: a place exactly at the threshold is not a gap.
        assert!(gap_report(&places, &s, 0.5 * DEG_KM).rows.is_empty());
    }

    #[test]
    fn with_a_service() {
        let (places, offices) = sample();
        // Only office 10 (at 0°) offers b: «ث» is 111 km away, «ت» 55.6 km.
        let offices = gap_offices(&offices, Some("b"));
        let s = scan(&places, &offices);
        let r30 = gap_report(&places, &s, 30.0);
        assert_eq!(names(&r30, &places), ["ت", "ث"]);
        assert_eq!(r30.population_beyond, 2300);
        let far = &r30.rows[1];
        assert_eq!(far.nearest.map(|n| n.0), Some(0));
        assert!((far.nearest.expect("office").1 - DEG_KM).abs() < 1e-6);
        assert_eq!(names(&gap_report(&places, &s, 100.0), &places), ["ث"]);

        // A service no office offers: every place is a gap, with no nearest office.
        let none = gap_offices(&sample().1, Some("c"));
        let s = scan(&places, &none);
        let r = gap_report(&places, &s, 50.0);
        assert_eq!(r.rows.len(), 5);
        assert!(r.rows.iter().all(|r| r.nearest.is_none()));
        assert_eq!(r.population_beyond, 4300);
    }

    #[test]
    fn places_from_either_document() {
        let populated = PopulatedPlace {
            key: "x".into(),
            name_fa: "ایکس".into(),
            name_en: "X".into(),
            province_id: "IR-01".into(),
            location: at(1.0),
            population: 10,
            offices: 0,
        };
        let mut nobody = populated.clone();
        nobody.population = 0;
        let mut nowhere = populated.clone();
        nowhere.location = LatLon {
            lat: f64::NAN,
            lon: 0.0,
        };
        let list = [populated, nobody, nowhere];
        assert_eq!(gap_places(Some(&list), &[]).len(), 1);
        assert!(gap_places(None, &[]).is_empty());
        assert!(gap_places(Some(&[]), &[]).is_empty());
    }

    #[test]
    fn csv_and_geojson_hold_the_rows() {
        let (places, offices) = sample();
        let offices = gap_offices(&offices, Some("b"));
        let s = scan(&places, &offices);
        let r = gap_report(&places, &s, 30.0);
        let csv = gaps_csv(Locale::En, &r, &places, &offices, &|id| format!("P {id}"));
        let lines: Vec<&str> = csv.trim_start_matches(csv::BOM).lines().collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[1], "ت,P IR-01,2000,55.6,10,0,0.5");
        assert_eq!(lines[2], "ث,P IR-01,300,111.2,10,0,1");
        let geo: Value = serde_json::from_str(&gaps_geojson(&r, &places, &offices)).expect("json");
        let features = geo["features"].as_array().expect("features");
        assert_eq!(features.len(), 2);
        assert_eq!(features[1]["geometry"]["coordinates"], json!([1.0, 0.0]));
        assert_eq!(features[1]["properties"]["nearest_km"], json!(111.2));
        assert_eq!(
            features[1]["properties"]["nearest_office_code"],
            json!("10")
        );
    }

    #[test]
    fn neighbours_within_reach_are_loaded() {
        let province = |id: &str, bbox: Option<(f64, f64, f64, f64)>| Province {
            id: id.into(),
            name_fa: id.into(),
            name_en: id.into(),
            population: 1,
            centroid: at(0.0),
            bbox: bbox.map(|(min_lat, min_lon, max_lat, max_lon)| BBox {
                min_lat,
                min_lon,
                max_lat,
                max_lon,
            }),
            office_count: 0,
            licence_count: 0,
        };
        let list = vec![
            province("IR-01", Some((0.0, 0.0, 1.0, 1.0))),
            // 0.4° east at the equator: 44.5 km away.
            province("IR-02", Some((0.0, 1.4, 1.0, 2.0))),
            // 0.5° north: 55.6 km away.
            province("IR-03", Some((1.5, 0.0, 2.0, 1.0))),
            province("IR-04", None),
        ];
        assert_eq!(
            provinces_to_load(&list, Some("IR-01"), 50.0),
            ["IR-01", "IR-02", "IR-04"]
        );
        assert_eq!(
            provinces_to_load(&list, Some("IR-01"), 30.0),
            ["IR-01", "IR-04"]
        );
        assert_eq!(provinces_to_load(&list, None, 5.0).len(), 4);
        // A province the list does not know: itself, and every other (no box to compare).
        assert_eq!(provinces_to_load(&list, Some("IR-99"), 5.0).len(), 5);
    }

    #[test]
    fn the_latitude_bound_never_skips_the_nearest() {
        // Offices north and east: the one due east is nearer than its latitude suggests.
        let offices = vec![
            GapOffice {
                id: "a".into(),
                code: "a".into(),
                province_id: "IR-01".into(),
                location: LatLon { lat: 0.3, lon: 0.0 },
            },
            GapOffice {
                id: "b".into(),
                code: "b".into(),
                province_id: "IR-01".into(),
                location: LatLon { lat: 0.0, lon: 0.2 },
            },
        ];
        assert_eq!(nearest_office(at(0.0), &offices).map(|n| n.0), Some(1));
        assert_eq!(nearest_office(at(0.0), &[]), None);
    }
}
