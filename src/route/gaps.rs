//! The coverage-gap view's URL state: where (a province or the country), how far, which
//! service.

use super::{last, UrlState};
use crate::i18n::format::to_ascii_digits;

/// The thresholds the view offers, in km.
pub const THRESHOLDS_KM: [u32; 4] = [5, 10, 30, 50];

/// The threshold shown when the URL names none.
pub const DEFAULT_THRESHOLD_KM: u32 = 30;

/// What `/dashboard/gaps` shows, as kept in the query string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GapState {
    /// One province (ISO 3166-2 id), or `None` for the whole country.
    pub province: Option<String>,
    /// The distance beyond which a place is a gap, one of [`THRESHOLDS_KM`].
    pub km: u32,
    /// Only offices offering this service (its id) count.
    pub service: Option<String>,
}

impl Default for GapState {
    fn default() -> Self {
        GapState {
            province: None,
            km: DEFAULT_THRESHOLD_KM,
            service: None,
        }
    }
}

impl UrlState for GapState {
    /// A value that cannot be understood is ignored (the default is used), never an error.
    fn from_query(get_all: &dyn Fn(&str) -> Vec<String>) -> Self {
        let get = |key: &str| last(get_all, key);
        let province = get("province").map(|p| p.trim().to_string()).filter(|p| {
            p.strip_prefix("IR-")
                .is_some_and(|n| n.len() == 2 && n.bytes().all(|b| b.is_ascii_digit()))
        });
        let km = get("km")
            .and_then(|k| to_ascii_digits(k.trim()).parse::<u32>().ok())
            .filter(|k| THRESHOLDS_KM.contains(k))
            .unwrap_or(DEFAULT_THRESHOLD_KM);
        let service = get("service")
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty() && s.len() <= 100);
        GapState {
            province,
            km,
            service,
        }
    }

    fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(p) = &self.province {
            out.push(("province", p.clone()));
        }
        if self.km != DEFAULT_THRESHOLD_KM {
            out.push(("km", self.km.to_string()));
        }
        if let Some(s) = &self.service {
            out.push(("service", s.clone()));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_bad_values() {
        let s = GapState {
            province: Some("IR-23".into()),
            km: 10,
            service: Some("smart-id-card".into()),
        };
        assert_eq!(
            s.query_string(),
            "province=IR-23&km=10&service=smart-id-card"
        );
        let pairs = s.to_pairs();
        let owned: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(GapState::from_pairs(owned), s);
        assert!(GapState::default().to_pairs().is_empty());
        let bad = GapState::from_pairs([("province", "tehran"), ("km", "7"), ("service", " ")]);
        assert_eq!(bad, GapState::default());
        assert_eq!(GapState::from_pairs([("km", "۵")]).km, 5);
        assert_eq!(GapState::from_pairs([("km", "50")]).km, 50);
    }
}
