//! Golden cases, shared with the browser tests: `tests/golden/cases.json` holds inputs and
//! expected outputs of the rules the app applies — great-circle distances, search folding,
//! licence flags, alphabetical order — and facts about the deterministic sample dataset that follow from them (the
//! nearest offices to a point, a search's result count, dormant and expiring licences, offices
//! open at a moment). This test checks every expectation against the app's own functions; the
//! Playwright specs (through `tests/e2e/golden.ts`) check that the pages show the same, instead of
//! re-implementing the rules in TypeScript.
//!
//! The sample facts are checked against the sample API in `PISHKHAN_GOLDEN_SAMPLE` (a directory,
//! `scripts/test.sh` sets it to `public/api/v1` after generating it) — required then — or else
//! against `public/api/v1` when it exists (it does after any build), and skipped with a note when
//! it does not. When the sample data or a rule changes on purpose, print the current values with
//! `PISHKHAN_GOLDEN_PRINT=1 cargo test --test golden -- --nocapture` and update the JSON.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use serde_json::{json, Value};

use pishkhan::domain::collate;
use pishkhan::domain::finder;
use pishkhan::domain::geo::haversine_km;
use pishkhan::domain::hours::is_open_now;
use pishkhan::domain::iran_time::iran_now;
use pishkhan::domain::licence_flags::{self, Flag};
use pishkhan::domain::normalize::{fold, Query};
use pishkhan::domain::registry::{self, filter_sort, RegistryRow};
use pishkhan::domain::search::OfficeIndex;
use pishkhan::locale::Locale;
use pishkhan::model::{LatLon, Licence, LicencesDoc, Meta, Office, OfficesDoc};
use pishkhan::route::{RegistryState, UrlState};

#[derive(Deserialize)]
struct Cases {
    haversine_km: Vec<DistanceCase>,
    fold: Vec<FoldCase>,
    licence_flags: LicenceFlagCases,
    sample: Sample,
}

#[derive(Deserialize)]
struct DistanceCase {
    name: String,
    a: LatLon,
    b: LatLon,
    km: f64,
    tolerance_km: f64,
}

#[derive(Deserialize)]
struct FoldCase {
    input: String,
    output: String,
}

#[derive(Deserialize)]
struct LicenceFlagCases {
    /// Fields every case's licence has unless it says otherwise (number, holder, …).
    base: Value,
    cases: Vec<LicenceFlagCase>,
}

#[derive(Deserialize)]
struct LicenceFlagCase {
    name: String,
    today: NaiveDate,
    dormant_after_days: u32,
    /// The case's own licence fields (status and dates), merged over `base`.
    licence: Value,
    dormant: bool,
    days_overdue: Option<i64>,
    expiring: bool,
    days_left: Option<i64>,
}

#[derive(Deserialize)]
struct Sample {
    today: NaiveDate,
    dormant_after_days: u32,
    near_me: NearMe,
    search: SearchFact,
    registry: RegistryFact,
    national_dormant: usize,
    open_now: OpenNowFact,
    collation: CollationFact,
}

/// Lists of names as the Persian UI shows them (`domain::collate`).
#[derive(Deserialize)]
struct CollationFact {
    /// Every province's Persian name, in Persian alphabetical order (the province choosers).
    provinces_fa: Vec<String>,
    /// Every province's English name, in the English UI's order.
    provinces_en: Vec<String>,
    /// The place chooser's city list of a province (`finder::cities`), Persian.
    cities: CityListFact,
    /// One city of the registry's city filter (`registry::cities`) spelled several ways.
    registry_city: RegistryCityFact,
}

#[derive(Deserialize)]
struct CityListFact {
    province: String,
    fa: Vec<String>,
}

#[derive(Deserialize)]
struct RegistryCityFact {
    province: String,
    /// The one entry the filter shows for the city, and its count (every spelling).
    name: String,
    count: usize,
    /// The spellings in the province's register, in code point order.
    spellings: Vec<String>,
}

#[derive(Deserialize)]
struct NearMe {
    origin: LatLon,
    radius_km: f64,
    nearest: Vec<Nearest>,
}

#[derive(Deserialize, PartialEq, Debug)]
struct Nearest {
    id: String,
    km: f64,
}

#[derive(Deserialize)]
struct SearchFact {
    province: String,
    query: String,
    count: usize,
}

#[derive(Deserialize)]
struct RegistryFact {
    province: String,
    dormant: usize,
    dormant_without_office: DormantLicence,
    /// The query string of a registry view and what it lists.
    view: BTreeMap<String, String>,
    view_count: usize,
    view_first: String,
}

#[derive(Deserialize)]
struct DormantLicence {
    number: String,
    days_overdue: i64,
}

#[derive(Deserialize)]
struct OpenNowFact {
    province: String,
    service: String,
    at: DateTime<Utc>,
    count: usize,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn cases() -> Cases {
    let path = root().join("tests/golden/cases.json");
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn printing() -> bool {
    std::env::var_os("PISHKHAN_GOLDEN_PRINT").is_some()
}

#[test]
fn distances() {
    let cases = cases().haversine_km;
    assert!(cases.len() >= 5);
    let mut wrong = Vec::new();
    for c in cases {
        let km = haversine_km(c.a, c.b);
        if printing() {
            println!("haversine {}: {km}", c.name);
        }
        if (km - c.km).abs() > c.tolerance_km {
            wrong.push(format!(
                "{}: haversine_km = {km}, golden {} ± {}",
                c.name, c.km, c.tolerance_km
            ));
        }
        // Symmetric.
        if (haversine_km(c.b, c.a) - km).abs() > 1e-9 {
            wrong.push(format!("{}: not symmetric", c.name));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn folding() {
    let cases = cases().fold;
    assert!(cases.len() >= 10);
    let mut wrong = Vec::new();
    for c in cases {
        let got = fold(&c.input);
        if printing() {
            println!("fold {:?} → {got:?}", c.input);
        }
        if got != c.output {
            wrong.push(format!(
                "fold({:?}) = {got:?}, golden {:?}",
                c.input, c.output
            ));
        }
        // Folding is idempotent: the output is its own key.
        if fold(&got) != got {
            wrong.push(format!("fold(fold({:?})) != fold({:?})", c.input, c.input));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

fn merged(base: &Value, own: &Value) -> Value {
    let mut out = base.clone();
    if let (Some(out), Some(own)) = (out.as_object_mut(), own.as_object()) {
        for (k, v) in own {
            out.insert(k.clone(), v.clone());
        }
    }
    out
}

#[test]
fn licence_flags_cases() {
    let LicenceFlagCases { base, cases } = cases().licence_flags;
    assert!(cases.len() >= 10);
    let mut wrong = Vec::new();
    for c in cases {
        let licence: Licence = serde_json::from_value(merged(&base, &c.licence))
            .unwrap_or_else(|e| panic!("{}: not a licence: {e}", c.name));
        let flags = licence_flags::flags(&licence, c.today, c.dormant_after_days);
        let overdue = flags.iter().find_map(|f| match f {
            Flag::Dormant { days_overdue } => Some(*days_overdue),
            _ => None,
        });
        let left = flags.iter().find_map(|f| match f {
            Flag::Expiring { days_left } => Some(*days_left),
            _ => None,
        });
        let dormant = licence_flags::is_dormant(&licence, c.today, c.dormant_after_days);
        let expiring = licence_flags::is_expiring(&licence, c.today);
        if printing() {
            println!(
                "licence {}: dormant {dormant} {overdue:?}, expiring {expiring} {left:?}",
                c.name
            );
        }
        // The registry's row flags are the same rules.
        let row = RegistryRow::new(licence, c.today, c.dormant_after_days);
        let got = (
            dormant,
            overdue,
            expiring,
            left,
            row.is_dormant(),
            row.is_expiring(),
        );
        let want = (
            c.dormant,
            c.days_overdue,
            c.expiring,
            c.days_left,
            c.dormant,
            c.expiring,
        );
        if got != want {
            wrong.push(format!(
                "{}: (is_dormant, days_overdue, is_expiring, days_left, row dormant, row expiring) = {got:?}, golden {want:?}",
                c.name
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The sample API directory, or None (with a note) when it is not there and not required.
fn sample_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("PISHKHAN_GOLDEN_SAMPLE") {
        let dir = PathBuf::from(dir);
        assert!(
            dir.join("meta.json").is_file(),
            "PISHKHAN_GOLDEN_SAMPLE={}: no meta.json there (generate it: cargo run -p pishkhan-datagen -- --out {})",
            dir.display(),
            dir.display()
        );
        return Some(dir);
    }
    let dir = root().join("public/api/v1");
    if dir.join("meta.json").is_file() {
        return Some(dir);
    }
    eprintln!(
        "golden: sample facts not checked: no {} (scripts/test.sh generates it and requires the check)",
        dir.display()
    );
    None
}

fn read<T: serde::de::DeserializeOwned>(dir: &Path, rel: &str) -> T {
    let path = dir.join(rel);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

struct SampleData {
    meta: Meta,
    offices: BTreeMap<String, Vec<Office>>,
    licences: BTreeMap<String, Vec<Licence>>,
}

fn sample_data(dir: &Path) -> SampleData {
    let meta: Meta = read(dir, "meta.json");
    let mut offices = BTreeMap::new();
    let mut licences = BTreeMap::new();
    for p in &meta.provinces {
        let o: OfficesDoc = read(dir, &format!("provinces/{}/offices.json", p.id));
        let l: LicencesDoc = read(dir, &format!("provinces/{}/licences.json", p.id));
        offices.insert(p.id.clone(), o.offices);
        licences.insert(p.id.clone(), l.licences);
    }
    SampleData {
        meta,
        offices,
        licences,
    }
}

#[test]
fn sample_facts() {
    let Some(dir) = sample_dir() else { return };
    let data = sample_data(&dir);
    let s = cases().sample;
    let mut found = serde_json::Map::new();

    // Near me: every located office within the radius, nearest first (the finder's list).
    let mut near: Vec<(f64, &str)> = data
        .offices
        .values()
        .flatten()
        .filter_map(|o| {
            o.location
                .map(|l| (haversine_km(s.near_me.origin, l), o.id.as_str()))
        })
        .filter(|(km, _)| *km <= s.near_me.radius_km)
        .collect();
    near.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(b.1)));
    let nearest: Vec<Nearest> = near
        .iter()
        .take(s.near_me.nearest.len().max(10))
        .map(|(km, id)| Nearest {
            id: id.to_string(),
            km: *km,
        })
        .collect();
    found.insert(
        "near_me.nearest".into(),
        json!(nearest
            .iter()
            .map(|n| json!({"id": n.id, "km": n.km}))
            .collect::<Vec<_>>()),
    );

    // Search: the finder's office index over one province.
    let province_offices = &data.offices[&s.search.province];
    let count = OfficeIndex::new(province_offices)
        .matching(&Query::new(&s.search.query))
        .len();
    found.insert("search.count".into(), json!(count));

    // Registry: dormant licences, the first dormant one without an office, a filtered view.
    let rows: Vec<RegistryRow> = data.licences[&s.registry.province]
        .iter()
        .map(|l| RegistryRow::new(l.clone(), s.today, s.dormant_after_days))
        .collect();
    let dormant = rows.iter().filter(|r| r.is_dormant()).count();
    found.insert("registry.dormant".into(), json!(dormant));
    let lone = data.licences[&s.registry.province]
        .iter()
        .find(|l| {
            licence_flags::is_dormant(l, s.today, s.dormant_after_days) && l.office_id.is_none()
        })
        .expect("a dormant licence without an office");
    let overdue = licence_flags::flags(lone, s.today, s.dormant_after_days)
        .iter()
        .find_map(|f| match f {
            Flag::Dormant { days_overdue } => Some(*days_overdue),
            _ => None,
        });
    found.insert(
        "registry.dormant_without_office".into(),
        json!({"number": lone.number, "days_overdue": overdue}),
    );
    let state =
        RegistryState::from_query(&|k| s.registry.view.get(k).cloned().into_iter().collect());
    let view = filter_sort(&rows, &state);
    found.insert("registry.view_count".into(), json!(view.len()));
    let first = view.first().map(|&i| rows[i].licence.number.clone());
    found.insert("registry.view_first".into(), json!(first));

    // National dormant total (the dashboard).
    let national = data
        .licences
        .values()
        .flatten()
        .filter(|l| licence_flags::is_dormant(l, s.today, s.dormant_after_days))
        .count();
    found.insert("national_dormant".into(), json!(national));

    // Open now: offices of a province offering a service and open at a moment (the finder's filter).
    let now = iran_now(s.open_now.at);
    let open = data.offices[&s.open_now.province]
        .iter()
        .filter(|o| o.services.contains(&s.open_now.service))
        .filter(|o| is_open_now(o, &data.meta.closures, now))
        .count();
    found.insert("open_now.count".into(), json!(open));

    // Collation: the province choosers, a city list, the registry's city filter.
    let c = &s.collation;
    let mut provinces_fa: Vec<String> = data
        .meta
        .provinces
        .iter()
        .map(|p| p.name_fa.clone())
        .collect();
    collate::sort_by_name(&mut provinces_fa, Locale::Fa, |p| p);
    let mut provinces_en: Vec<String> = data
        .meta
        .provinces
        .iter()
        .map(|p| p.name_en.clone())
        .collect();
    collate::sort_by_name(&mut provinces_en, Locale::En, |p| p);
    let city_list: Vec<String> = finder::cities(data.offices[&c.cities.province].iter(), false)
        .into_iter()
        .map(|(fa, _)| fa)
        .collect();
    let city_rows: Vec<RegistryRow> = data.licences[&c.registry_city.province]
        .iter()
        .map(|l| RegistryRow::new(l.clone(), s.today, s.dormant_after_days))
        .collect();
    let wanted = fold(&c.registry_city.name);
    let entries: Vec<(String, usize)> = registry::cities(&city_rows)
        .into_iter()
        .filter(|(name, _)| fold(name) == wanted)
        .collect();
    let mut spellings: Vec<String> = city_rows
        .iter()
        .map(|r| r.licence.city_fa.clone())
        .filter(|name| fold(name) == wanted)
        .collect();
    spellings.sort();
    spellings.dedup();
    let filtered = filter_sort(
        &city_rows,
        &RegistryState {
            city: Some(c.registry_city.name.clone()),
            ..RegistryState::default()
        },
    )
    .len();
    found.insert("collation.provinces_fa".into(), json!(provinces_fa));
    found.insert("collation.provinces_en".into(), json!(provinces_en));
    found.insert("collation.cities.fa".into(), json!(city_list));
    found.insert(
        "collation.registry_city".into(),
        json!({"entries": entries, "spellings": spellings, "filtered": filtered}),
    );

    if printing() {
        println!(
            "sample facts: {}",
            serde_json::to_string_pretty(&found).unwrap_or_default()
        );
    }

    assert_eq!(
        nearest.len(),
        s.near_me.nearest.len(),
        "near_me: how many offices"
    );
    for (got, want) in nearest.iter().zip(&s.near_me.nearest) {
        assert_eq!(got.id, want.id, "near_me: order");
        assert!(
            (got.km - want.km).abs() < 1e-6,
            "near_me {}: {} km, golden {}",
            got.id,
            got.km,
            want.km
        );
    }
    assert_eq!(
        count, s.search.count,
        "search {:?} in {}",
        s.search.query, s.search.province
    );
    assert_eq!(dormant, s.registry.dormant, "registry: dormant licences");
    assert_eq!(
        lone.number, s.registry.dormant_without_office.number,
        "registry: dormant without office"
    );
    assert_eq!(
        overdue,
        Some(s.registry.dormant_without_office.days_overdue),
        "registry: days overdue"
    );
    assert_eq!(
        view.len(),
        s.registry.view_count,
        "registry view {:?}: count",
        s.registry.view
    );
    assert_eq!(
        first.as_deref(),
        Some(s.registry.view_first.as_str()),
        "registry view: first row"
    );
    assert_eq!(national, s.national_dormant, "national dormant total");
    assert_eq!(open, s.open_now.count, "open now");
    assert_eq!(
        provinces_fa, c.provinces_fa,
        "collation: provinces, Persian"
    );
    assert_eq!(
        provinces_en, c.provinces_en,
        "collation: provinces, English"
    );
    assert_eq!(
        city_list, c.cities.fa,
        "collation: cities of {}",
        c.cities.province
    );
    assert_eq!(
        entries,
        [(c.registry_city.name.clone(), c.registry_city.count)],
        "collation: the registry's city filter has one {:?}",
        c.registry_city.name
    );
    assert!(
        c.registry_city.spellings.len() > 1,
        "collation: the registry city must be spelled several ways"
    );
    assert_eq!(spellings, c.registry_city.spellings, "collation: spellings");
    assert_eq!(
        filtered, c.registry_city.count,
        "collation: filtering by the city"
    );
}
