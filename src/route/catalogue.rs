//! The service catalogue's URL state (`q`, `agency`, `channel`).

use super::{is_url_id as is_id_like, last, UrlState};
use crate::domain::normalize::Query;
use crate::model::{Agency, Channel};

/// Group and filter key of the services whose agency is not in `agencies.json`.
pub const OTHER_AGENCY: &str = "other";

/// Longest search text kept from a URL (longer text is cut, not rejected).
pub const MAX_QUERY_CHARS: usize = 200;

/// The catalogue's state, kept in the query string (`q`, `agency`, `channel`) so that reload,
/// back and a shared link show the same list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CatalogueState {
    /// The search text as typed (not trimmed, so typing a space does not lose it).
    pub q: String,
    /// Only services of this agency ([`OTHER_AGENCY`] for those whose agency is unknown).
    pub agency: Option<String>,
    /// Only services offered through this channel (a known channel only).
    pub channel: Option<Channel>,
}

impl CatalogueState {
    /// Reads the state from the raw query parameters. Values that cannot be meant seriously
    /// are ignored rather than shown as an error: an unknown channel, an agency id with
    /// characters ids never have. Control characters are removed from `q`, which is cut at
    /// [`MAX_QUERY_CHARS`].
    pub fn parse(q: Option<&str>, agency: Option<&str>, channel: Option<&str>) -> Self {
        let q = q
            .unwrap_or("")
            .chars()
            .filter(|c| !c.is_control())
            .take(MAX_QUERY_CHARS)
            .collect();
        let agency = agency
            .map(str::trim)
            .filter(|a| is_id_like(a))
            .map(str::to_string);
        let channel = channel
            .map(|c| Channel::parse(c.trim()))
            .filter(Channel::is_known);
        CatalogueState { q, agency, channel }
    }

    /// Drops an agency filter that names no agency of the dataset (nor [`OTHER_AGENCY`]).
    pub fn with_known_agency(mut self, agencies: &[Agency]) -> Self {
        if let Some(id) = &self.agency {
            if id != OTHER_AGENCY && !agencies.iter().any(|a| &a.id == id) {
                self.agency = None;
            }
        }
        self
    }

    /// Whether any filter or search is set.
    pub fn is_filtered(&self) -> bool {
        !Query::new(&self.q).is_empty() || self.agency.is_some() || self.channel.is_some()
    }
}

impl UrlState for CatalogueState {
    fn from_query(get_all: &dyn Fn(&str) -> Vec<String>) -> Self {
        CatalogueState::parse(
            last(get_all, "q").as_deref(),
            last(get_all, "agency").as_deref(),
            last(get_all, "channel").as_deref(),
        )
    }

    /// Always in the order `q`, `agency`, `channel`.
    fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if !self.q.is_empty() {
            pairs.push(("q", self.q.clone()));
        }
        if let Some(a) = &self.agency {
            pairs.push(("agency", a.clone()));
        }
        if let Some(c) = &self.channel {
            pairs.push(("channel", c.as_str().to_string()));
        }
        pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::route::Route;

    #[test]
    fn query_state_round_trips() {
        let s = CatalogueState::parse(Some("کارت ملی"), Some("sabteahval"), Some("pishkhan"));
        assert_eq!(s.channel, Some(Channel::Pishkhan));
        let qs = Route::Services(s.clone()).path();
        assert_eq!(
            qs,
            "/services?q=%DA%A9%D8%A7%D8%B1%D8%AA%20%D9%85%D9%84%DB%8C&agency=sabteahval&channel=pishkhan"
        );
        assert_eq!(CatalogueState::default().query_string(), "");
        assert_eq!(
            CatalogueState::parse(Some("a&b=c?"), None, None).query_string(),
            "q=a%26b%3Dc%3F"
        );
        assert!(s.is_filtered());
        assert!(!CatalogueState::parse(Some("  "), None, None).is_filtered());
        // Typed text is kept as typed, trailing space included.
        assert_eq!(
            CatalogueState::parse(Some("smart "), None, None).q,
            "smart "
        );
    }

    #[test]
    fn bad_query_values_are_ignored() {
        let s = CatalogueState::parse(Some("x\u{0000}y\ny"), Some("<script>"), Some("teleport"));
        assert_eq!(s.q, "xyy");
        assert_eq!(s.agency, None);
        assert_eq!(s.channel, None);
        assert_eq!(
            CatalogueState::parse(None, Some(""), Some("")),
            CatalogueState::default()
        );
        let long = "ک".repeat(500);
        assert_eq!(
            CatalogueState::parse(Some(&long), None, None)
                .q
                .chars()
                .count(),
            MAX_QUERY_CHARS
        );
        let agencies: Vec<Agency> = ["tamin", "sabteahval"]
            .iter()
            .map(|id| Agency {
                id: id.to_string(),
                name_fa: id.to_string(),
                name_en: id.to_string(),
                website: None,
                phone: None,
            })
            .collect();
        let unknown =
            CatalogueState::parse(None, Some("mars-agency"), None).with_known_agency(&agencies);
        assert_eq!(unknown.agency, None);
        let known = CatalogueState::parse(None, Some("tamin"), None).with_known_agency(&agencies);
        assert_eq!(known.agency.as_deref(), Some("tamin"));
        let other = CatalogueState::parse(None, Some("other"), None).with_known_agency(&agencies);
        assert_eq!(other.agency.as_deref(), Some(OTHER_AGENCY));
    }

    #[test]
    fn reads_the_last_value_of_a_key() {
        let s = CatalogueState::from_pairs([("channel", "online"), ("channel", "pishkhan")]);
        assert_eq!(s.channel, Some(Channel::Pishkhan));
    }
}
