//! The licence registry's URL state: selected provinces, filters, sort and page.

use chrono::NaiveDate;

use super::{last, UrlState};
use crate::domain::action::Act;
use crate::i18n::format::{parse_date_input, to_ascii_digits};
use crate::i18n::Locale;
use crate::model::{LicenceKind, LicenceStatus};

/// A sortable column of the registry table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SortKey {
    /// Licence number (the default).
    #[default]
    Number,
    /// Holder's name in Persian alphabetical order.
    Holder,
    /// Licence kind.
    Kind,
    /// City.
    City,
    /// Status.
    Status,
    /// Issue date.
    IssuedOn,
    /// Expiry date.
    ExpiresOn,
    /// Number of flags.
    Flags,
}

impl SortKey {
    /// Every column, in table order.
    pub const ALL: [SortKey; 8] = [
        SortKey::Number,
        SortKey::Holder,
        SortKey::Kind,
        SortKey::City,
        SortKey::Status,
        SortKey::IssuedOn,
        SortKey::ExpiresOn,
        SortKey::Flags,
    ];

    /// The URL form, e.g. `issued_on`.
    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Number => "number",
            SortKey::Holder => "holder",
            SortKey::Kind => "kind",
            SortKey::City => "city",
            SortKey::Status => "status",
            SortKey::IssuedOn => "issued_on",
            SortKey::ExpiresOn => "expires_on",
            SortKey::Flags => "flags",
        }
    }

    /// Parses the URL form; unknown text gives `None`.
    pub fn parse(raw: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    /// The column heading.
    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            SortKey::Number => locale.t("شماره پروانه", "Licence number"),
            SortKey::Holder => locale.t("دارنده", "Holder"),
            SortKey::Kind => locale.t("نوع", "Kind"),
            SortKey::City => locale.t("شهر", "City"),
            SortKey::Status => locale.t("وضعیت", "Status"),
            SortKey::IssuedOn => locale.t("تاریخ صدور", "Issued on"),
            SortKey::ExpiresOn => locale.t("تاریخ انقضا", "Expires on"),
            SortKey::Flags => locale.t("هشدارها", "Flags"),
        }
    }
}

/// Sort direction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SortDir {
    /// Smallest first (the default).
    #[default]
    Asc,
    /// Largest first.
    Desc,
}

impl SortDir {
    /// The URL form, `asc` or `desc`.
    pub fn as_str(self) -> &'static str {
        match self {
            SortDir::Asc => "asc",
            SortDir::Desc => "desc",
        }
    }

    /// The other direction.
    pub fn flipped(self) -> SortDir {
        match self {
            SortDir::Asc => SortDir::Desc,
            SortDir::Desc => SortDir::Asc,
        }
    }

    /// The `aria-sort` value of a sorted column.
    pub fn aria(self) -> &'static str {
        match self {
            SortDir::Asc => "ascending",
            SortDir::Desc => "descending",
        }
    }
}

/// Everything the registry view shows, as kept in the query string.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RegistryState {
    /// Selected provinces (ISO 3166-2 ids), in the order chosen, without duplicates.
    pub provinces: Vec<String>,
    /// Only this status.
    pub status: Option<LicenceStatus>,
    /// Only this kind.
    pub kind: Option<LicenceKind>,
    /// Only this city: `city_fa` compared folded, so any spelling of the city matches.
    pub city: Option<String>,
    /// Issued on or after this date.
    pub from: Option<NaiveDate>,
    /// Issued on or before this date.
    pub to: Option<NaiveDate>,
    /// Only dormant licences.
    pub dormant: bool,
    /// Only stale licences.
    pub stale: bool,
    /// Only licences expiring soon.
    pub expiring: bool,
    /// Only inconsistent records.
    pub inconsistent: bool,
    /// Only dormant licences in under-served (`encourage`) or well-served (`revoke`) cities
    /// ([`crate::domain::action`]).
    pub act: Option<Act>,
    /// Free text searched in holder, number and city.
    pub q: String,
    /// Sorted column.
    pub sort: SortKey,
    /// Sort direction.
    pub dir: SortDir,
    /// 1-based page number (clamped when the results are shorter).
    pub page: usize,
}

/// Whether `raw` looks like a province id of the contract (`IR-` and two digits).
fn is_province_id(raw: &str) -> bool {
    raw.strip_prefix("IR-")
        .is_some_and(|n| n.len() == 2 && n.bytes().all(|b| b.is_ascii_digit()))
}

/// A date from the URL: Jalali `1403/01/01` or Gregorian `2024-03-20`, any digits.
fn parse_url_date(raw: &str) -> Option<NaiveDate> {
    parse_date_input(Locale::Fa, raw)
        .or_else(|_| parse_date_input(Locale::En, raw))
        .ok()
}

/// A date for the URL: Jalali with ASCII digits, `1403/01/01`.
fn url_date(d: NaiveDate) -> String {
    let j = crate::domain::jalali::to_jalali(d);
    format!("{:04}/{:02}/{:02}", j.year, j.month, j.day)
}

/// `1`/`true` → true; anything else false.
fn parse_bool(raw: Option<String>) -> bool {
    matches!(raw.as_deref(), Some("1" | "true"))
}

impl UrlState for RegistryState {
    /// Values that cannot be understood are ignored, never an error: a bad link still opens
    /// the registry.
    fn from_query(get_all: &dyn Fn(&str) -> Vec<String>) -> Self {
        let get = |key: &str| last(get_all, key);
        let mut provinces: Vec<String> = Vec::new();
        for id in get("province").unwrap_or_default().split(',') {
            let id = id.trim();
            if is_province_id(id) && !provinces.iter().any(|p| p == id) {
                provinces.push(id.to_string());
            }
        }
        let known_status = |raw: String| {
            let s = LicenceStatus::parse(raw.trim());
            s.is_known().then_some(s)
        };
        let known_kind = |raw: String| {
            let k = LicenceKind::parse(raw.trim());
            k.is_known().then_some(k)
        };
        let page = get("page")
            .and_then(|p| to_ascii_digits(p.trim()).parse::<usize>().ok())
            .filter(|p| *p >= 1)
            .unwrap_or(1);
        RegistryState {
            provinces,
            status: get("status").and_then(known_status),
            kind: get("kind").and_then(known_kind),
            city: get("city")
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty()),
            from: get("from").as_deref().and_then(parse_url_date),
            to: get("to").as_deref().and_then(parse_url_date),
            dormant: parse_bool(get("dormant")),
            stale: parse_bool(get("stale")),
            expiring: parse_bool(get("expiring")),
            inconsistent: parse_bool(get("inconsistent")),
            act: get("act").as_deref().and_then(Act::parse),
            q: get("q").unwrap_or_default(),
            sort: get("sort")
                .as_deref()
                .and_then(SortKey::parse)
                .unwrap_or_default(),
            dir: match get("dir").as_deref() {
                Some("desc") => SortDir::Desc,
                _ => SortDir::Asc,
            },
            page,
        }
    }

    fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out: Vec<(&'static str, String)> = Vec::new();
        if !self.provinces.is_empty() {
            out.push(("province", self.provinces.join(",")));
        }
        if let Some(s) = &self.status {
            out.push(("status", s.as_str().to_string()));
        }
        if let Some(k) = &self.kind {
            out.push(("kind", k.as_str().to_string()));
        }
        if let Some(c) = &self.city {
            out.push(("city", c.clone()));
        }
        if let Some(d) = self.from {
            out.push(("from", url_date(d)));
        }
        if let Some(d) = self.to {
            out.push(("to", url_date(d)));
        }
        for (key, on) in [
            ("dormant", self.dormant),
            ("stale", self.stale),
            ("expiring", self.expiring),
            ("inconsistent", self.inconsistent),
        ] {
            if on {
                out.push((key, "1".to_string()));
            }
        }
        if let Some(a) = self.act {
            out.push(("act", a.as_str().to_string()));
        }
        if !self.q.trim().is_empty() {
            out.push(("q", self.q.clone()));
        }
        if self.sort != SortKey::default() {
            out.push(("sort", self.sort.as_str().to_string()));
        }
        if self.dir != SortDir::default() {
            out.push(("dir", self.dir.as_str().to_string()));
        }
        if self.page > 1 {
            out.push(("page", self.page.to_string()));
        }
        out
    }
}

impl RegistryState {
    /// Whether any filter (other than the province selection) is set.
    pub fn has_filters(&self) -> bool {
        self.status.is_some()
            || self.kind.is_some()
            || self.city.is_some()
            || self.from.is_some()
            || self.to.is_some()
            || self.dormant
            || self.stale
            || self.expiring
            || self.inconsistent
            || self.act.is_some()
            || !self.q.trim().is_empty()
    }

    /// The same state with every filter cleared (provinces and sort kept, first page).
    pub fn cleared(&self) -> Self {
        RegistryState {
            provinces: self.provinces.clone(),
            sort: self.sort,
            dir: self.dir,
            ..RegistryState::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn query_round_trip() {
        let state = RegistryState {
            provinces: vec!["IR-23".into(), "IR-30".into()],
            status: Some(LicenceStatus::Issued),
            kind: Some(LicenceKind::RuralIct),
            city: Some("تهران".into()),
            from: Some(d(2024, 3, 20)),
            to: Some(d(2025, 3, 20)),
            dormant: true,
            stale: true,
            expiring: true,
            inconsistent: true,
            act: Some(Act::Revoke),
            q: "علی & co".into(),
            sort: SortKey::IssuedOn,
            dir: SortDir::Desc,
            page: 2,
        };
        let pairs = state.to_pairs();
        let owned: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert!(owned.contains(&("from", "1403/01/01")));
        assert!(owned.contains(&("to", "1403/12/30")));
        assert!(owned.contains(&("province", "IR-23,IR-30")));
        assert_eq!(RegistryState::from_pairs(owned), state);
        assert!(state
            .query_string()
            .starts_with("province=IR-23,IR-30&status=issued&kind=rural_ict&city=%D8%AA"));
        assert!(state
            .query_string()
            .contains("&q=%D8%B9%D9%84%DB%8C%20%26%20co&"));
        assert!(RegistryState::default().to_pairs().is_empty());
    }

    #[test]
    fn bad_query_values_are_ignored() {
        let s = RegistryState::from_pairs([
            ("province", "IR-23,,tehran,IR-23,IR-2,IR-300, IR-30"),
            ("status", "frozen"),
            ("kind", ""),
            ("city", "  "),
            ("from", "1403/13/01"),
            ("to", "yesterday"),
            ("dormant", "yes"),
            ("stale", "1"),
            ("act", "burn"),
            ("sort", "drop table"),
            ("dir", "sideways"),
            ("page", "-3"),
        ]);
        assert_eq!(s.provinces, ["IR-23", "IR-30"]);
        assert_eq!(s.status, None);
        assert_eq!(s.kind, None);
        assert_eq!(s.city, None);
        assert_eq!(s.from, None);
        assert_eq!(s.to, None);
        assert!(!s.dormant);
        assert!(s.stale);
        assert_eq!(s.act, None);
        assert_eq!(s.sort, SortKey::Number);
        assert_eq!(s.dir, SortDir::Asc);
        assert_eq!(s.page, 1);
        // Gregorian and Persian-digit dates are accepted too.
        let g = RegistryState::from_pairs([
            ("from", "2024-03-20"),
            ("to", "۱۴۰۳/۰۱/۰۲"),
            ("page", "۳"),
        ]);
        assert_eq!(g.from, Some(d(2024, 3, 20)));
        assert_eq!(g.to, Some(d(2024, 3, 21)));
        assert_eq!(g.page, 3);
        assert!(!g.has_filters() || g.from.is_some());
        assert!(!g.cleared().has_filters());
    }
}
