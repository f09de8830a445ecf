//! The office finder's URL state: the `/offices` query string read and written back.
//!
//! Every value comes from a URL a person may have edited or shortened, so reading never
//! fails: a value that makes no sense is dropped and the rest of the state is kept.
//!
//! Privacy: a position goes into a URL only through [`format_near`], rounded to 3 decimals,
//! about 100 m, which is enough to rank offices and says less about where someone lives, and
//! only into the URL's fragment (`/offices?service=x#near=35.712,51.41`), which the browser
//! never sends to a server: not in the request line on a reload (access logs), not as a
//! `Referer`. [`FinderState::fragment`] is its one writer and [`FinderState::with_fragment`]
//! its one reader; an old link with `?near=` is still read ([`FinderState::near_in_query`]
//! says the page should move it to the fragment). A shared link carries the position only when
//! the person sharing chooses so ([`FinderState::shared`]).

use super::{is_url_id as is_id, last, UrlState};
use crate::i18n::format::to_ascii_digits;
use crate::model::LatLon;

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

impl UrlState for FinderState {
    fn from_query(get_all: &dyn Fn(&str) -> Vec<String>) -> FinderState {
        let mut state = FinderState::default();
        for id in get_all("service")
            .iter()
            .flat_map(|v| v.split(','))
            .map(str::trim)
        {
            if is_id(id) && !state.services.iter().any(|s| s == id) {
                state.services.push(id.to_string());
            }
        }
        let one = |key: &str| last(get_all, key).map(|v| v.trim().to_string());
        if let Some(q) = one("q") {
            state.q = q.chars().take(MAX_QUERY_CHARS).collect();
        }
        state.province = one("province").filter(|v| is_id(v));
        state.city = one("city").filter(|v| !v.is_empty() && v.chars().count() <= 80);
        state.open_now = one("open").is_some_and(|v| is_true(&v));
        state.kind = one("kind").filter(|v| is_id(v));
        state.wheelchair = one("wheelchair").is_some_and(|v| is_true(&v));
        state.near = one("near").and_then(|v| parse_near(&v));
        state.radius_km = one("radius").and_then(|v| parse_radius(&v));
        state
    }

    /// Keys in a fixed order; reading the query string back gives the same state (positions
    /// rounded).
    fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs: Vec<(&'static str, String)> = Vec::new();
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
        // The position itself is in the fragment ([`FinderState::fragment`]), never here.
        if let (Some(_), Some(r)) = (self.near, self.radius_km) {
            pairs.push(("radius", format_radius(r)));
        }
        pairs
    }
}

impl FinderState {
    /// The URL fragment (without `#`) that carries the position: `near=lat,lon`, rounded;
    /// empty without one.
    pub fn fragment(&self) -> String {
        self.near
            .map(|p| format!("near={}", format_near(p)))
            .unwrap_or_default()
    }

    /// The state with the position the URL's fragment gives (`#near=…`, with or without the
    /// `#`), which wins over an old link's `?near=`; a fragment without one leaves it as it is.
    pub fn with_fragment(mut self, fragment: &str) -> FinderState {
        let near = fragment
            .trim_start_matches('#')
            .rsplit('&')
            .filter_map(|kv| kv.strip_prefix("near="))
            .find_map(parse_near);
        if near.is_some() {
            self.near = near;
        }
        self
    }

    /// Whether a query string (without `?`) has the position in it, as links made before the
    /// fragment did: the page then moves it to the fragment (replacing the history entry).
    pub fn near_in_query(query: &str) -> bool {
        query
            .split('&')
            .any(|kv| kv == "near" || kv.starts_with("near="))
    }

    /// The state for a shared link: with the position only when `with_position` (what the
    /// person sharing chose) or when it is a place's centre (a city or village searched by
    /// name, not where someone is); without it, the radius goes too.
    pub fn shared(&self, with_position: bool) -> FinderState {
        if with_position || self.city.is_some() {
            return self.clone();
        }
        FinderState {
            near: None,
            radius_km: None,
            ..self.clone()
        }
    }

    /// The finder for one service, near a position when one is known.
    pub fn for_service(service_id: &str, near: Option<LatLon>) -> FinderState {
        FinderState {
            services: vec![service_id.to_string()],
            near: near.filter(LatLon::is_valid).map(round_position),
            ..FinderState::default()
        }
    }

    /// The same search filtered to the offices offering a service; the typed text that named
    /// the service is dropped.
    pub fn for_service_filter(&self, service_id: &str) -> FinderState {
        let mut next = FinderState {
            q: String::new(),
            ..self.clone()
        };
        if !next.services.iter().any(|s| s == service_id) {
            next.services.push(service_id.to_string());
        }
        next
    }

    /// The same search in one province: a province replaces a position (and its radius) and
    /// the city chosen in another province.
    pub fn in_province(&self, province: Option<String>) -> FinderState {
        let mut next = FinderState {
            city: None,
            ..self.clone()
        };
        if let Some(p) = province {
            next.province = Some(p);
            next.near = None;
            next.radius_km = None;
        } else {
            next.province = None;
        }
        next
    }

    /// The same search around a position (rounded for the URL): a position replaces a
    /// province and its city.
    pub fn near(&self, position: LatLon) -> FinderState {
        FinderState {
            near: Some(round_position(position)),
            province: None,
            city: None,
            ..self.clone()
        }
    }

    /// The same search at a place (a city or village): its offices, nearest to its centre,
    /// with no province step; by province and city when its centre is unknown. The typed
    /// text that found the place is dropped.
    pub fn at_place(&self, name: &str, province: &str, centre: Option<LatLon>) -> FinderState {
        let base = FinderState {
            q: String::new(),
            ..self.clone()
        };
        let mut next = match centre.filter(LatLon::is_valid) {
            Some(c) => base.near(c),
            None => base.in_province(Some(province.to_string())),
        };
        next.city = Some(name.to_string());
        next
    }

    /// How many filters narrow the search beyond the place and the text: city, radius, office
    /// type, open now, wheelchair (the "Filters (n)" button).
    pub fn filter_count(&self) -> usize {
        [
            self.city.is_some(),
            self.radius_km.is_some(),
            self.kind.is_some(),
            self.open_now,
            self.wheelchair,
        ]
        .into_iter()
        .filter(|on| *on)
        .count()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::route::Route;

    fn parse(qs: &str) -> FinderState {
        let pairs: Vec<(&str, &str)> = qs.split('&').filter_map(|kv| kv.split_once('=')).collect();
        FinderState::from_pairs(pairs)
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
        let qs = state.query_string();
        assert!(qs.starts_with("q=%D8%AF"), "{qs}");
        let decoded: Vec<(String, String)> = qs
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (k.to_string(), percent_decode(v)))
            .collect();
        assert!(!qs.contains("near") && !qs.contains("35.7"), "{qs}");
        let back = FinderState::from_pairs(decoded.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .with_fragment(&state.fragment());
        assert_eq!(back, state);
        assert_eq!(FinderState::default().query_string(), "");
        assert_eq!(Route::Offices(FinderState::default()).path(), "/offices");
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
    fn the_position_is_only_in_the_fragment() {
        let here = LatLon {
            lat: 35.712345,
            lon: 51.409876,
        };
        let state = FinderState {
            services: vec!["smart-id-card".into()],
            radius_km: Some(10.0),
            ..FinderState::default()
        }
        .near(here);
        let path = Route::Offices(state.clone()).path();
        assert_eq!(
            path,
            "/offices?service=smart-id-card&radius=10#near=35.712,51.41"
        );
        let (before_fragment, _) = path.split_once('#').unwrap();
        assert!(!before_fragment.contains("35.7"));
        // Read back from the query and the fragment.
        let back = parse("service=smart-id-card&radius=10").with_fragment("#near=35.712,51.41");
        assert_eq!(back, state);
        // An old link's `?near=` is read, and known to need moving; the fragment wins.
        let old = parse("near=30.1,50.2&service=smart-id-card");
        assert_eq!(
            old.near,
            Some(LatLon {
                lat: 30.1,
                lon: 50.2
            })
        );
        assert!(FinderState::near_in_query("service=x&near=30.1,50.2"));
        assert!(!FinderState::near_in_query("service=x&nearby=1"));
        assert_eq!(
            old.clone().with_fragment("near=35.712,51.41").near,
            state.near
        );
        assert_eq!(old.clone().with_fragment("").near, old.near);
        assert_eq!(old.clone().with_fragment("near=999,1").near, old.near);
        // A shared link carries it only when chosen, or when it is a place's centre.
        assert_eq!(state.shared(false).near, None);
        assert_eq!(state.shared(false).radius_km, None);
        assert_eq!(state.shared(true), state);
        let city = FinderState::default().at_place("قم", "IR-25", Some(here));
        assert_eq!(city.shared(false), city);
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
        assert_eq!(s.query_string(), "");
        assert_eq!(s.fragment(), "near=35.712,51.41");
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
    fn state_changes_keep_the_rest() {
        let near = parse("near=35.7,51.4&radius=10&service=a&city=x");
        let in_p = near.in_province(Some("IR-23".into()));
        assert_eq!(in_p.province.as_deref(), Some("IR-23"));
        assert!(in_p.near.is_none() && in_p.radius_km.is_none() && in_p.city.is_none());
        assert_eq!(in_p.services, ["a"]);
        let back = in_p.near(LatLon {
            lat: 35.71234,
            lon: 51.4,
        });
        assert_eq!(back.query_string(), "service=a");
        assert_eq!(back.fragment(), "near=35.712,51.4");
        let s = FinderState::for_service(
            "smart-id-card",
            Some(LatLon {
                lat: 35.6997,
                lon: 51.338,
            }),
        );
        assert_eq!(
            Route::Offices(s).path(),
            "/offices?service=smart-id-card#near=35.7,51.338"
        );
        let invalid = FinderState::for_service(
            "x",
            Some(LatLon {
                lat: 95.0,
                lon: 0.0,
            }),
        );
        assert_eq!(Route::Offices(invalid).path(), "/offices?service=x");
    }

    #[test]
    fn a_place_is_searched_around_its_centre_without_a_province() {
        let base = FinderState {
            q: "کرج".into(),
            province: Some("IR-23".into()),
            services: vec!["passport".into()],
            ..FinderState::default()
        };
        let centre = LatLon {
            lat: 35.83456,
            lon: 50.99123,
        };
        let s = base.at_place("کرج", "IR-30", Some(centre));
        assert_eq!(s.q, "");
        assert_eq!(s.province, None);
        assert_eq!(s.city.as_deref(), Some("کرج"));
        assert_eq!(s.services, ["passport"], "the rest of the search is kept");
        let near = s.near.expect("its centre");
        assert!(
            (near.lat - 35.835).abs() < 1e-9,
            "rounded for the URL: {near:?}"
        );
        let s = base.at_place("طالقان", "IR-30", None);
        assert_eq!(s.province.as_deref(), Some("IR-30"));
        assert_eq!(s.city.as_deref(), Some("طالقان"));
        assert_eq!(s.near, None);
    }
}
