//! The office finder's state and results: the `/offices` query string parsed and written
//! back, and the offices that match a query and filters, in the order they are shown.
//!
//! Every value comes from a URL a person may have edited or shortened, so parsing never
//! fails: a value that makes no sense is dropped and the rest of the state is kept.
//!
//! Privacy: a position goes into the URL (and into shared links) rounded to 3 decimals,
//! about 100 m, which is enough to rank offices and says less about where someone lives.

use chrono::NaiveDateTime;

use super::geo::haversine_km;
use super::hours::is_open_now;
use super::normalize::{fold, Query};
use super::search::OfficeIndex;
use crate::i18n::format::to_ascii_digits;
use crate::model::{ClosureOrder, LatLon, Office};

/// Search radius around a position when the URL does not give one.
pub const DEFAULT_RADIUS_KM: f64 = 25.0;
/// Largest radius accepted from a URL (larger values are clamped), so a typo cannot make
/// the finder load half the country.
pub const MAX_RADIUS_KM: f64 = 200.0;
/// Smallest radius accepted from a URL.
pub const MIN_RADIUS_KM: f64 = 1.0;
/// Radii offered in the radius picker.
pub const RADIUS_CHOICES_KM: [u32; 5] = [5, 10, 25, 50, 100];
/// Decimals of a position written to a URL (≈ 100 m).
pub const COORD_DECIMALS: usize = 3;
/// Longest free-text query kept from a URL.
const MAX_QUERY_CHARS: usize = 200;

/// Everything the finder shows, as carried by the `/offices` query string.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FinderState {
    /// Free text (`q`): office name, code, city or address.
    pub q: String,
    /// Service ids (`service`, repeatable or comma-separated), distinct, in order given.
    pub services: Vec<String>,
    /// Province id (`province`), e.g. `IR-23`; whether it exists is checked against `meta.json`.
    pub province: Option<String>,
    /// City name as in the data (`city`), Persian or English.
    pub city: Option<String>,
    /// Only offices open now (`open=1`).
    pub open_now: bool,
    /// Office kind wire value (`kind`).
    pub kind: Option<String>,
    /// Only offices with wheelchair access (`wheelchair=1`).
    pub wheelchair: bool,
    /// Search around this point (`near=lat,lon`).
    pub near: Option<LatLon>,
    /// Radius around `near` in km (`radius`); `None` means [`DEFAULT_RADIUS_KM`].
    pub radius_km: Option<f64>,
}

impl FinderState {
    /// Reads the state from query pairs (keys not listed above are ignored; for keys that
    /// hold one value, the last one wins, as a person appending to a URL would expect).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> FinderState {
        let mut state = FinderState::default();
        for (key, value) in pairs {
            let value = value.trim();
            match key {
                "q" => state.q = value.chars().take(MAX_QUERY_CHARS).collect(),
                "service" => {
                    for id in value.split(',').map(str::trim) {
                        if is_id(id) && !state.services.iter().any(|s| s == id) {
                            state.services.push(id.to_string());
                        }
                    }
                }
                "province" => state.province = is_id(value).then(|| value.to_string()),
                "city" => {
                    state.city = (!value.is_empty() && value.chars().count() <= 80)
                        .then(|| value.to_string())
                }
                "open" => state.open_now = is_true(value),
                "kind" => state.kind = is_id(value).then(|| value.to_string()),
                "wheelchair" => state.wheelchair = is_true(value),
                "near" => state.near = parse_near(value),
                "radius" => state.radius_km = parse_radius(value),
                _ => {}
            }
        }
        state
    }

    /// The query string (without `?`), keys in a fixed order, values percent-encoded;
    /// empty when nothing is set. Reading it back gives the same state (positions rounded).
    pub fn to_query_string(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.q.trim().is_empty() {
            pairs.push(("q", self.q.clone()));
        }
        for s in &self.services {
            pairs.push(("service", s.clone()));
        }
        if let Some(p) = &self.province {
            pairs.push(("province", p.clone()));
        }
        if let Some(c) = &self.city {
            pairs.push(("city", c.clone()));
        }
        if self.open_now {
            pairs.push(("open", "1".into()));
        }
        if let Some(k) = &self.kind {
            pairs.push(("kind", k.clone()));
        }
        if self.wheelchair {
            pairs.push(("wheelchair", "1".into()));
        }
        if let Some(p) = self.near {
            pairs.push(("near", format_near(p)));
            if let Some(r) = self.radius_km {
                pairs.push(("radius", format_radius(r)));
            }
        }
        pairs
            .into_iter()
            .map(|(k, v)| format!("{k}={}", encode_component(&v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// `/offices` with this state.
    pub fn href(&self) -> String {
        let qs = self.to_query_string();
        if qs.is_empty() {
            "/offices".to_string()
        } else {
            format!("/offices?{qs}")
        }
    }

    /// The search radius in km.
    pub fn radius(&self) -> f64 {
        self.radius_km.unwrap_or(DEFAULT_RADIUS_KM)
    }

    /// Whether the state says where to search (a province or a position); without one the
    /// finder asks instead of loading every province.
    pub fn has_place(&self) -> bool {
        self.province.is_some() || self.near.is_some()
    }
}

/// An id as used in the data: ASCII letters, digits, `-` and `_`, 1–64 characters.
fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn is_true(s: &str) -> bool {
    matches!(s, "1" | "true" | "yes" | "on")
}

/// A finite number, Persian or Arabic-Indic digits accepted.
fn parse_number(s: &str) -> Option<f64> {
    let ascii = to_ascii_digits(s.trim()).replace('\u{066B}', ".");
    // Only plain decimal notation: no "inf", "NaN" or exponents from a URL.
    if ascii.is_empty()
        || !ascii
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-' || b == b'+')
    {
        return None;
    }
    ascii.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// `lat,lon` in range, rounded to [`COORD_DECIMALS`]; anything else is `None`.
pub fn parse_near(s: &str) -> Option<LatLon> {
    let (lat, lon) = s.split_once(',')?;
    let p = round_position(LatLon {
        lat: parse_number(lat)?,
        lon: parse_number(lon)?,
    });
    p.is_valid().then_some(p)
}

/// A radius in km, clamped to [`MIN_RADIUS_KM`]..=[`MAX_RADIUS_KM`].
fn parse_radius(s: &str) -> Option<f64> {
    parse_number(s)
        .filter(|r| *r > 0.0)
        .map(|r| r.clamp(MIN_RADIUS_KM, MAX_RADIUS_KM))
}

/// A position rounded to [`COORD_DECIMALS`] decimals (≈ 100 m).
pub fn round_position(p: LatLon) -> LatLon {
    let round = |x: f64| (x * 1000.0).round() / 1000.0;
    LatLon {
        lat: round(p.lat),
        lon: round(p.lon),
    }
}

/// `lat,lon` with [`COORD_DECIMALS`] decimals, trailing zeros dropped.
pub fn format_near(p: LatLon) -> String {
    let p = round_position(p);
    format!("{},{}", trim_number(p.lat), trim_number(p.lon))
}

/// `x` with at most [`COORD_DECIMALS`] decimals, trailing zeros dropped (`35.7`, `-0.001`, `0`).
/// Integer arithmetic on the value scaled by 10³, so the browser build needs no float formatter.
fn trim_number(x: f64) -> String {
    const SCALE: i64 = 1000; // 10^COORD_DECIMALS
    if !x.is_finite() {
        return "0".into();
    }
    let scaled = (x * SCALE as f64).round() as i64;
    let (whole, mut frac) = (
        scaled.unsigned_abs() / SCALE as u64,
        scaled.unsigned_abs() % SCALE as u64,
    );
    let mut out = String::new();
    if scaled < 0 {
        out.push('-');
    }
    out.push_str(&whole.to_string());
    if frac > 0 {
        let mut width = COORD_DECIMALS;
        while frac % 10 == 0 {
            frac /= 10;
            width -= 1;
        }
        out.push('.');
        out.push_str(&format!("{frac:0width$}"));
    }
    out
}

fn format_radius(r: f64) -> String {
    trim_number((r * 10.0).round() / 10.0)
}

/// Percent-encodes a query value (UTF-8; unreserved characters and `,` kept as they are).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b',') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The filters other than the free text, as the result list applies them.
#[derive(Clone, Copy, Debug)]
pub struct Filters<'a> {
    /// The office must offer every one of these services.
    pub services: &'a [String],
    /// Folded city name the office's Persian or English city must equal.
    pub city_folded: Option<&'a str>,
    /// Office kind wire value.
    pub kind: Option<&'a str>,
    /// Only offices known to have wheelchair access.
    pub wheelchair: bool,
    /// Only offices open at this Iran local time, under these closure orders.
    pub open_at: Option<(&'a [ClosureOrder], NaiveDateTime)>,
    /// Only offices within this many km of this point (offices without a location are left out).
    pub within: Option<(LatLon, f64)>,
}

impl<'a> Filters<'a> {
    /// Filters from the finder state; `city_folded` must be `fold(city)` kept alive by the caller.
    pub fn from_state(
        state: &'a FinderState,
        city_folded: Option<&'a str>,
        open_at: Option<(&'a [ClosureOrder], NaiveDateTime)>,
    ) -> Filters<'a> {
        Filters {
            services: &state.services,
            city_folded,
            kind: state.kind.as_deref(),
            wheelchair: state.wheelchair,
            open_at: if state.open_now { open_at } else { None },
            within: state.near.map(|p| (p, state.radius())),
        }
    }
}

/// One office in the results.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    /// Which of the documents passed to [`find`].
    pub doc: usize,
    /// Index of the office in that document.
    pub office: usize,
    /// Straight-line distance from the search position, when there is one.
    pub distance_km: Option<f64>,
}

/// One province's offices with their search index.
pub type IndexedOffices<'a> = (&'a [Office], &'a OfficeIndex);

/// The offices matching `query` and `filters` across several documents: nearest first
/// when searching around a position, else by city then name (English fields when `english`).
pub fn find(
    docs: &[IndexedOffices<'_>],
    query: &Query,
    filters: &Filters<'_>,
    english: bool,
) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (d, (offices, index)) in docs.iter().enumerate() {
        for i in index.matching(query) {
            let Some(office) = offices.get(i) else {
                continue;
            };
            if let Some(distance_km) = keep(office, filters) {
                hits.push(Hit {
                    doc: d,
                    office: i,
                    distance_km,
                });
            }
        }
    }
    let office_of = |h: &Hit| docs.get(h.doc).and_then(|(o, _)| o.get(h.office));
    if filters.within.is_some() {
        hits.sort_by(|a, b| {
            let da = a.distance_km.unwrap_or(f64::INFINITY);
            let db = b.distance_km.unwrap_or(f64::INFINITY);
            da.total_cmp(&db)
        });
    } else {
        hits.sort_by(|a, b| match (office_of(a), office_of(b)) {
            (Some(x), Some(y)) => sort_key(x, english).cmp(&sort_key(y, english)),
            _ => std::cmp::Ordering::Equal,
        });
    }
    hits
}

fn sort_key(o: &Office, english: bool) -> (&str, &str) {
    if english {
        (o.city_en.as_str(), o.name_en.as_str())
    } else {
        (o.city_fa.as_str(), o.name_fa.as_str())
    }
}

/// `None` when the office is filtered out, else its distance (if a position is searched).
fn keep(office: &Office, f: &Filters<'_>) -> Option<Option<f64>> {
    if !f.services.iter().all(|s| office.offers(s)) {
        return None;
    }
    if let Some(city) = f.city_folded {
        if fold(&office.city_fa) != city && fold(&office.city_en) != city {
            return None;
        }
    }
    if f.kind.is_some_and(|k| office.kind.as_str() != k) {
        return None;
    }
    if f.wheelchair && office.accessibility.wheelchair != Some(true) {
        return None;
    }
    let distance = match f.within {
        Some((p, radius)) => {
            let d = haversine_km(p, office.location?);
            if d.is_nan() || d > radius {
                return None;
            }
            Some(d)
        }
        None => None,
    };
    if let Some((orders, now)) = f.open_at {
        if !is_open_now(office, orders, now) {
            return None;
        }
    }
    Some(distance)
}

/// The distinct cities of some offices as `(fa, en)`, sorted by the name in the UI language.
pub fn cities<'a>(
    offices: impl Iterator<Item = &'a Office>,
    english: bool,
) -> Vec<(String, String)> {
    let mut seen = std::collections::BTreeMap::new();
    for o in offices {
        seen.entry(fold(&o.city_fa))
            .or_insert_with(|| (o.city_fa.clone(), o.city_en.clone()));
    }
    let mut list: Vec<(String, String)> = seen.into_values().collect();
    list.sort_by(|a, b| {
        if english {
            a.1.cmp(&b.1)
        } else {
            a.0.cmp(&b.0)
        }
    });
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Accessibility, OfficeKind, OfficeStatus, Shift, TimeOfDay, WeeklyHours};
    use chrono::NaiveDate;

    fn parse(qs: &str) -> FinderState {
        let pairs: Vec<(&str, &str)> = qs.split('&').filter_map(|kv| kv.split_once('=')).collect();
        FinderState::from_pairs(pairs)
    }

    fn office(id: &str, city: &str, name: &str, at: Option<(f64, f64)>) -> Office {
        let day = Some(vec![Shift {
            open: TimeOfDay::new(8, 0).expect("valid"),
            close: TimeOfDay::new(16, 0).expect("valid"),
        }]);
        Office {
            id: id.into(),
            code: format!("1{id}"),
            kind: OfficeKind::Pishkhan,
            name_fa: name.into(),
            name_en: name.into(),
            province_id: "IR-23".into(),
            city_fa: city.into(),
            city_en: city.into(),
            address_fa: String::new(),
            postal_code: None,
            location: at.map(|(lat, lon)| LatLon { lat, lon }),
            phone: None,
            hours: Some(WeeklyHours {
                sat: day.clone(),
                sun: day.clone(),
                mon: day.clone(),
                tue: day.clone(),
                wed: day,
                thu: Some(vec![]),
                fri: Some(vec![]),
            }),
            closures: vec![],
            services: vec!["smart-id-card".into()],
            licence_number: None,
            status: OfficeStatus::Open,
            accessibility: Accessibility::default(),
            updated_at: NaiveDate::from_ymd_opt(2026, 1, 1).expect("valid"),
        }
    }

    #[test]
    fn round_trip() {
        let state = FinderState {
            q: "دفتر ۱۲ & co".into(),
            services: vec!["smart-id-card".into(), "passport".into()],
            province: Some("IR-23".into()),
            city: Some("تهران".into()),
            open_now: true,
            kind: Some("rural_ict".into()),
            wheelchair: true,
            near: Some(LatLon {
                lat: 35.7,
                lon: 51.4,
            }),
            radius_km: Some(10.0),
        };
        let qs = state.to_query_string();
        assert!(qs.starts_with("q=%D8%AF"), "{qs}");
        let decoded: Vec<(String, String)> = qs
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (k.to_string(), percent_decode(v)))
            .collect();
        let back = FinderState::from_pairs(decoded.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert_eq!(back, state);
        assert_eq!(FinderState::default().to_query_string(), "");
        assert_eq!(FinderState::default().href(), "/offices");
    }

    fn percent_decode(s: &str) -> String {
        let bytes = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' && i + 2 < bytes.len() + 1 {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("hex");
                out.push(u8::from_str_radix(hex, 16).expect("hex"));
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).expect("utf8")
    }

    #[test]
    fn near_is_rounded_for_privacy() {
        let s = parse("near=35.712345,51.409876");
        assert_eq!(
            s.near,
            Some(LatLon {
                lat: 35.712,
                lon: 51.41
            })
        );
        assert_eq!(s.to_query_string(), "near=35.712,51.41");
        assert_eq!(
            format_near(LatLon {
                lat: -0.0001,
                lon: 51.0
            }),
            "0,51"
        );
        for (x, text) in [
            (-0.001, "-0.001"),
            (12.05, "12.05"),
            (-33.1, "-33.1"),
            (7.0, "7"),
            (0.0004, "0"),
            (59.9996, "60"),
            (f64::NAN, "0"),
        ] {
            assert_eq!(trim_number(x), text, "{x}");
        }
        assert_eq!(format_radius(2.25), "2.3");
    }

    #[test]
    fn bad_values_are_dropped_without_panic() {
        for qs in [
            "near=abc",
            "near=999,999",
            "near=35.7",
            "near=,",
            "near=NaN,NaN",
            "near=inf,1",
            "near=1e3,5",
            "radius=-5&near=35,51",
            "province=<script>",
            "service=a b,,%",
            "kind=",
            "open=maybe",
            "city=",
            "=x&&&q",
        ] {
            let s = parse(qs);
            assert_eq!(s.near.is_some(), qs == "radius=-5&near=35,51", "{qs}");
            assert!(s.province.is_none(), "{qs}");
            assert!(s.services.is_empty(), "{qs}");
            assert!(s.kind.is_none() && s.city.is_none() && !s.open_now, "{qs}");
            assert!(s.radius_km.is_none(), "{qs}");
        }
    }

    #[test]
    fn persian_digits_and_lists() {
        let s = parse("near=۳۵٫۷,۵۱٫۴&radius=۱۰۰۰&service=a,b&service=a&service=c&open=1");
        assert_eq!(
            s.near,
            Some(LatLon {
                lat: 35.7,
                lon: 51.4
            })
        );
        assert_eq!(s.radius_km, Some(MAX_RADIUS_KM));
        assert_eq!(s.services, vec!["a", "b", "c"]);
        assert!(s.open_now);
        assert!(s.has_place());
        assert!(!parse("q=x").has_place());
        assert!(parse("province=IR-99").has_place());
        assert_eq!(parse("radius=0.1").radius_km, Some(MIN_RADIUS_KM));
        assert_eq!(parse("").radius(), DEFAULT_RADIUS_KM);
    }

    #[test]
    fn nearest_first_within_radius() {
        let offices = vec![
            office("far", "a", "x", Some((35.9, 51.4))),
            office("near", "a", "y", Some((35.701, 51.401))),
            office("mid", "a", "z", Some((35.75, 51.4))),
            office("nowhere", "a", "w", None),
            office("out", "a", "v", Some((37.0, 51.4))),
        ];
        let index = OfficeIndex::new(&offices);
        let state = parse("near=35.7,51.4&radius=25");
        let f = Filters::from_state(&state, None, None);
        let hits = find(&[(&offices, &index)], &Query::new(""), &f, false);
        let ids: Vec<&str> = hits.iter().map(|h| offices[h.office].id.as_str()).collect();
        assert_eq!(ids, ["near", "mid", "far"]);
        let d = hits[1].distance_km.expect("distance");
        assert!((d - 5.56).abs() < 0.01, "{d}");
    }

    #[test]
    fn filters_and_city_name_order() {
        let mut closed = office("closed", "کرج", "ب", None);
        closed.status = OfficeStatus::TemporarilyClosed;
        let mut rural = office("rural", "کرج", "الف", None);
        rural.kind = OfficeKind::RuralIct;
        rural.accessibility.wheelchair = Some(true);
        let mut other_service = office("svc", "اراک", "ج", None);
        other_service.services = vec!["passport".into()];
        let offices = vec![closed, rural, other_service, office("b", "اراک", "د", None)];
        let index = OfficeIndex::new(&offices);
        let docs = [(offices.as_slice(), &index)];
        let ids = |hits: Vec<Hit>| -> Vec<String> {
            hits.iter().map(|h| offices[h.office].id.clone()).collect()
        };
        let all = parse("");
        let f = Filters::from_state(&all, None, None);
        assert_eq!(
            ids(find(&docs, &Query::new(""), &f, false)),
            ["svc", "b", "rural", "closed"]
        );
        let s = parse("service=smart-id-card&open=1");
        // Saturday 2026-11-28, 09:30 Iran time.
        let now = NaiveDate::from_ymd_opt(2026, 11, 28)
            .and_then(|d| d.and_hms_opt(9, 30, 0))
            .expect("valid");
        let f = Filters::from_state(&s, None, Some((&[], now)));
        assert_eq!(ids(find(&docs, &Query::new(""), &f, false)), ["b", "rural"]);
        let s = parse("wheelchair=1&kind=rural_ict");
        let f = Filters::from_state(&s, None, None);
        assert_eq!(ids(find(&docs, &Query::new(""), &f, false)), ["rural"]);
        let karaj = fold("كرج");
        let f = Filters::from_state(&all, Some(&karaj), None);
        assert_eq!(
            ids(find(&docs, &Query::new(""), &f, false)),
            ["rural", "closed"]
        );
        // Free text goes through the shared normalisation: Arabic kaf finds Persian kaf.
        assert_eq!(
            ids(find(
                &docs,
                &Query::new("كرج"),
                &Filters::from_state(&all, None, None),
                false
            )),
            ["rural", "closed"]
        );
        let city_list = cities(offices.iter(), false);
        assert_eq!(city_list.len(), 2);
        assert_eq!(city_list[0].0, "اراک");
    }
}
