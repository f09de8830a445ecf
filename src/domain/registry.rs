//! The licence registry: filter, sort and paginate licences (the URL state is
//! [`RegistryState`] in [`crate::route`]).
//!
//! Rows are prepared once per loaded document ([`RegistryRow::new`]: flags and a folded search
//! key), so filtering 3,000 licences on every keystroke is a plain scan.

use std::cmp::Ordering;

use chrono::NaiveDate;

use super::collate;
use super::licence_flags::{self, Flag};
use super::normalize::{compact, fold, Query};
use crate::i18n::format::to_ascii_digits;
use crate::locale::Locale;
use crate::model::Licence;
use crate::route::{RegistryState, SortDir, SortKey};

/// Rows per page of the registry table.
pub const PAGE_SIZE: usize = 50;

/// A licence prepared for the registry: its flags (for one "today") and search key.
#[derive(Clone, Debug, PartialEq)]
pub struct RegistryRow {
    /// The licence as published.
    pub licence: Licence,
    /// Its flags, computed with the `today` and threshold given to [`RegistryRow::new`].
    pub flags: Vec<Flag>,
    /// Folded, space-free holder names, number and city, joined by `|`.
    search_key: String,
    /// The Persian holder name's sort key ([`collate::key`]).
    holder_key: Vec<u32>,
    /// The city folded, for the city filter (all spellings of a city are one).
    city_key: String,
}

impl RegistryRow {
    /// Prepares a licence for filtering.
    pub fn new(licence: Licence, today: NaiveDate, dormant_after_days: u32) -> Self {
        let flags = licence_flags::flags(&licence, today, dormant_after_days);
        let parts = [
            licence.holder_fa.as_str(),
            licence.holder_en.as_deref().unwrap_or(""),
            licence.number.as_str(),
            licence.city_fa.as_str(),
        ];
        let search_key = parts
            .iter()
            .map(|p| compact(&fold(p)))
            .collect::<Vec<_>>()
            .join("|");
        let holder_key = collate::key(Locale::Fa, &licence.holder_fa);
        let city_key = fold(&licence.city_fa);
        RegistryRow {
            licence,
            flags,
            search_key,
            holder_key,
            city_key,
        }
    }

    /// Whether the row has a dormant flag.
    pub fn is_dormant(&self) -> bool {
        self.flags.iter().any(|f| matches!(f, Flag::Dormant { .. }))
    }

    /// Whether the row has a stale flag.
    pub fn is_stale(&self) -> bool {
        self.flags.iter().any(|f| matches!(f, Flag::Stale { .. }))
    }

    /// Whether the row has an expiring flag.
    pub fn is_expiring(&self) -> bool {
        self.flags
            .iter()
            .any(|f| matches!(f, Flag::Expiring { .. }))
    }

    /// Whether the row contradicts itself.
    pub fn is_inconsistent(&self) -> bool {
        self.flags
            .iter()
            .any(|f| matches!(f, Flag::Inconsistent(_)))
    }
}

impl RegistryState {
    /// Whether a licence passes every filter (not the province selection). `city_folded` is
    /// `fold` of the city filter, so that any spelling of the city matches («پاکدشت» finds
    /// «پاكدشت» too).
    pub fn matches(&self, row: &RegistryRow, query: &Query, city_folded: Option<&str>) -> bool {
        let l = &row.licence;
        self.status.as_ref().is_none_or(|s| *s == l.status)
            && self.kind.as_ref().is_none_or(|k| *k == l.kind)
            && city_folded.is_none_or(|c| c == row.city_key)
            && self.from.is_none_or(|d| l.issued_on >= d)
            && self.to.is_none_or(|d| l.issued_on <= d)
            && (!self.dormant || row.is_dormant())
            && (!self.stale || row.is_stale())
            && (!self.expiring || row.is_expiring())
            && (!self.inconsistent || row.is_inconsistent())
            && (query.is_empty() || query.matches_compact(&row.search_key))
    }
}

/// Compares two rows by a column; ties broken by licence number so the order is total.
fn compare(a: &RegistryRow, b: &RegistryRow, key: SortKey) -> Ordering {
    let (x, y) = (&a.licence, &b.licence);
    let primary = match key {
        SortKey::Number => Ordering::Equal,
        SortKey::Holder => a.holder_key.cmp(&b.holder_key),
        SortKey::Kind => x.kind.as_str().cmp(y.kind.as_str()),
        SortKey::City => collate::cmp(Locale::Fa, &x.city_fa, &y.city_fa),
        SortKey::Status => x.status.as_str().cmp(y.status.as_str()),
        SortKey::IssuedOn => x.issued_on.cmp(&y.issued_on),
        SortKey::ExpiresOn => x.expires_on.cmp(&y.expires_on),
        SortKey::Flags => a.flags.len().cmp(&b.flags.len()),
    };
    primary.then_with(|| x.number.cmp(&y.number))
}

/// The rows passing the filters, sorted. Indices into `rows`.
pub fn filter_sort(rows: &[RegistryRow], state: &RegistryState) -> Vec<usize> {
    let query = Query::new(&state.q);
    let city = state.city.as_deref().map(fold);
    let mut hits: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| state.matches(r, &query, city.as_deref()))
        .map(|(i, _)| i)
        .collect();
    hits.sort_by(|&i, &j| match (rows.get(i), rows.get(j)) {
        (Some(a), Some(b)) => {
            let o = compare(a, b, state.sort);
            match state.dir {
                SortDir::Asc => o,
                SortDir::Desc => o.reverse(),
            }
        }
        _ => Ordering::Equal,
    });
    hits
}

/// One page of a result list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// The page shown, 1-based, clamped to `1..=pages`.
    pub page: usize,
    /// Number of pages (at least 1).
    pub pages: usize,
    /// Index range into the result list.
    pub range: std::ops::Range<usize>,
}

/// Which slice of `total` results page `requested` shows, `per_page` at a time.
pub fn paginate(total: usize, requested: usize, per_page: usize) -> Page {
    let per_page = per_page.max(1);
    let pages = total.div_ceil(per_page).max(1);
    let page = requested.clamp(1, pages);
    let start = (page - 1) * per_page;
    let end = (start + per_page).min(total);
    Page {
        page,
        pages,
        range: start.min(end)..end,
    }
}

/// The cities present in the rows with how many rows each has, in Persian alphabetical
/// order: one entry per city however it is spelled («پاکدشت», «پاكدشت»), shown in Persian
/// letters ([`collate::group_by_name`]).
pub fn cities(rows: &[RegistryRow]) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = collate::group_by_name(rows, |r| &r.licence.city_fa)
        .into_iter()
        .map(|g| (g.name.to_string(), g.count))
        .collect();
    collate::sort_by_name(&mut out, Locale::Fa, |c| &c.0);
    out
}

/// Normalises a typed licence number: Persian/Arabic digits to ASCII, spaces and bidi marks
/// removed, Persian dashes to `-`. `None` only when nothing is left: numbers are opaque (an
/// API's `L-INCONS` has no digit), so their shape is never checked; a number the data does
/// not have is "not found", not "not a number".
pub fn normalise_licence_number(raw: &str) -> Option<String> {
    let ascii = to_ascii_digits(raw);
    let cleaned: String = ascii
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{2066}'..='\u{2069}' | '\u{202A}'..='\u{202E}')
        })
        .map(|c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '_' | 'ـ' => '-',
            c => c,
        })
        .collect();
    (!cleaned.is_empty()).then_some(cleaned)
}

/// The province a licence number names by its first part (`23-1402-000012` → `IR-23`), when
/// that is a province of the data. A hint for finding a licence by its number alone, never a
/// check: numbers are opaque.
pub fn province_hint(number: &str, provinces: &[crate::model::Province]) -> Option<String> {
    let head = number.split('-').next()?;
    if head.is_empty() || !head.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let id = format!("IR-{head}");
    provinces.iter().any(|p| p.id == id).then_some(id)
}

/// The licence a scanned address names: `…/licences/{province}/{number}` (percent-decoded),
/// the public address the licence page's QR code carries. `None` for any other text.
pub fn licence_in_url(url: &str) -> Option<(String, String)> {
    let without_query = url.split(['?', '#']).next()?;
    let mut parts = without_query.rsplit('/');
    let number = decode_segment(parts.next()?)?;
    let province = decode_segment(parts.next()?)?;
    if parts.next()? != "licences" || number.is_empty() || province.is_empty() {
        return None;
    }
    Some((province, number))
}

/// A percent-encoded path segment, decoded (`None` when it is not valid UTF-8 or holds a `/`).
fn decode_segment(segment: &str) -> Option<String> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = segment.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok().filter(|s| !s.contains('/'))
}

/// The CSV file name for a view: `licences-IR-23-2026-11-29.csv` (several provinces joined).
pub fn csv_filename(provinces: &[String], today: NaiveDate) -> String {
    let which = if provinces.is_empty() {
        "all".to_string()
    } else {
        provinces.join("_")
    };
    use chrono::Datelike;
    format!(
        "licences-{which}-{:04}-{:02}-{:02}.csv",
        today.year(),
        today.month(),
        today.day()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scanned_address_names_its_licence() {
        assert_eq!(
            licence_in_url("https://pishkhan.example.ir/pishkhan/licences/IR-23/23-1402-000012"),
            Some(("IR-23".into(), "23-1402-000012".into()))
        );
        assert_eq!(
            licence_in_url("https://x.ir/licences/IR-23/A%2FB?x=1"),
            None,
            "an encoded slash cannot climb out of its segment"
        );
        assert_eq!(
            licence_in_url("https://x.ir/licences/IR-30/%DB%B2%DB%B3-1"),
            Some(("IR-30".into(), "۲۳-1".into()))
        );
        assert_eq!(
            licence_in_url("https://x.ir/offices/IR-23/IR-23-00001"),
            None
        );
        assert_eq!(licence_in_url("hello"), None);
        assert_eq!(licence_in_url("https://x.ir/licences/%ZZ/1"), None);
    }

    #[test]
    fn a_licence_number_hints_at_its_province() {
        let provinces: Vec<crate::model::Province> = ["IR-23", "IR-30"]
            .iter()
            .map(|id| crate::model::Province {
                id: id.to_string(),
                name_fa: String::new(),
                name_en: String::new(),
                population: 0,
                centroid: crate::model::LatLon {
                    lat: 35.0,
                    lon: 51.0,
                },
                bbox: None,
                office_count: 0,
                licence_count: 0,
            })
            .collect();
        assert_eq!(
            province_hint("23-1402-000012", &provinces).as_deref(),
            Some("IR-23")
        );
        assert_eq!(
            province_hint("30-1399-7", &provinces).as_deref(),
            Some("IR-30")
        );
        assert_eq!(
            province_hint("99-1402-000012", &provinces),
            None,
            "not a province of the data"
        );
        assert_eq!(province_hint("ABC-1", &provinces), None, "opaque: no hint");
        assert_eq!(province_hint("", &provinces), None);
    }
    use crate::model::HistoryEntry;
    use crate::model::{LicenceKind, LicenceStatus};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn today() -> NaiveDate {
        d(2026, 11, 29)
    }

    fn licence(number: &str, holder: &str, city: &str, status: LicenceStatus) -> Licence {
        Licence {
            number: number.into(),
            province_id: "IR-23".into(),
            holder_fa: holder.into(),
            holder_en: None,
            office_id: None,
            kind: LicenceKind::Pishkhan,
            city_fa: city.into(),
            issued_on: d(2024, 1, 1),
            activated_on: None,
            expires_on: d(2029, 1, 1),
            status,
            last_activity_on: None,
            history: Vec::<HistoryEntry>::new(),
            inspections: Vec::new(),
        }
    }

    fn rows() -> Vec<RegistryRow> {
        let mut a = licence(
            "23-1402-000003",
            "گلی رضایی",
            "تهران",
            LicenceStatus::Issued,
        );
        a.issued_on = d(2025, 1, 1); // dormant on 2026-11-29
        let mut b = licence("23-1400-000001", "کاظم علوی", "ري", LicenceStatus::Active);
        b.activated_on = Some(d(2024, 1, 10));
        b.last_activity_on = Some(d(2026, 11, 20));
        b.expires_on = d(2027, 1, 15); // expiring
        b.issued_on = d(2022, 6, 1);
        let mut c = licence(
            "23-1401-000002",
            "پروین احمدی",
            "تهران",
            LicenceStatus::Revoked,
        );
        c.kind = LicenceKind::RuralIct;
        c.office_id = Some("o1".into()); // inconsistent
        c.issued_on = d(2023, 3, 21);
        let mut e = licence(
            "23-1403-000004",
            "Ali Karimi",
            "ورامین",
            LicenceStatus::Issued,
        );
        e.issued_on = d(2026, 10, 1); // not yet dormant
        vec![a, b, c, e]
            .into_iter()
            .map(|l| RegistryRow::new(l, today(), 180))
            .collect()
    }

    fn numbers(rows: &[RegistryRow], idx: &[usize]) -> Vec<String> {
        idx.iter()
            .map(|&i| rows[i].licence.number.clone())
            .collect()
    }

    #[test]
    fn default_sort_is_by_number() {
        let r = rows();
        let hits = filter_sort(&r, &RegistryState::default());
        assert_eq!(
            numbers(&r, &hits),
            [
                "23-1400-000001",
                "23-1401-000002",
                "23-1402-000003",
                "23-1403-000004"
            ]
        );
    }

    #[test]
    fn filters_status_kind_city_and_flags() {
        let r = rows();
        let by = |s: RegistryState| numbers(&r, &filter_sort(&r, &s));
        let issued = RegistryState {
            status: Some(LicenceStatus::Issued),
            ..Default::default()
        };
        assert_eq!(by(issued), ["23-1402-000003", "23-1403-000004"]);
        let rural = RegistryState {
            kind: Some(LicenceKind::RuralIct),
            ..Default::default()
        };
        assert_eq!(by(rural), ["23-1401-000002"]);
        let tehran = RegistryState {
            city: Some("تهران".into()),
            ..Default::default()
        };
        assert_eq!(by(tehran), ["23-1401-000002", "23-1402-000003"]);
        let dormant = RegistryState {
            dormant: true,
            ..Default::default()
        };
        assert_eq!(by(dormant), ["23-1402-000003"]);
        let expiring = RegistryState {
            expiring: true,
            ..Default::default()
        };
        assert_eq!(by(expiring), ["23-1400-000001"]);
        let inconsistent = RegistryState {
            inconsistent: true,
            ..Default::default()
        };
        assert_eq!(by(inconsistent), ["23-1401-000002"]);
        let stale = RegistryState {
            stale: true,
            ..Default::default()
        };
        assert!(by(stale).is_empty());
        let both = RegistryState {
            dormant: true,
            status: Some(LicenceStatus::Active),
            ..Default::default()
        };
        assert!(by(both).is_empty());
    }

    #[test]
    fn date_range_is_inclusive() {
        let r = rows();
        let by = |s: RegistryState| numbers(&r, &filter_sort(&r, &s));
        let range = RegistryState {
            from: Some(d(2023, 3, 21)),
            to: Some(d(2025, 1, 1)),
            ..Default::default()
        };
        assert_eq!(by(range), ["23-1401-000002", "23-1402-000003"]);
        let after = RegistryState {
            from: Some(d(2025, 1, 2)),
            ..Default::default()
        };
        assert_eq!(by(after), ["23-1403-000004"]);
        let inverted = RegistryState {
            from: Some(d(2026, 1, 1)),
            to: Some(d(2020, 1, 1)),
            ..Default::default()
        };
        assert!(by(inverted).is_empty());
    }

    #[test]
    fn text_search_folds_letters_and_digits() {
        let r = rows();
        let by = |q: &str| {
            numbers(
                &r,
                &filter_sort(
                    &r,
                    &RegistryState {
                        q: q.into(),
                        ..Default::default()
                    },
                ),
            )
        };
        // Arabic yeh and kaf find Persian text.
        assert_eq!(by("كاظم علوي"), ["23-1400-000001"]);
        // The city «ري» written with Arabic yeh matches «ری».
        assert_eq!(by("ری"), ["23-1400-000001"]);
        // Persian digits find a number.
        assert_eq!(by("۱۴۰۳"), ["23-1403-000004"]);
        assert_eq!(by("23-1402-000003"), ["23-1402-000003"]);
        assert_eq!(by("karimi"), ["23-1403-000004"]);
        assert_eq!(by("تهران").len(), 2);
        assert!(by("نیست").is_empty());
        assert_eq!(by("  ").len(), 4);
    }

    #[test]
    fn sorts_by_every_column_both_ways() {
        let r = rows();
        for key in SortKey::ALL {
            let asc = filter_sort(
                &r,
                &RegistryState {
                    sort: key,
                    ..Default::default()
                },
            );
            let mut desc = filter_sort(
                &r,
                &RegistryState {
                    sort: key,
                    dir: SortDir::Desc,
                    ..Default::default()
                },
            );
            assert_eq!(asc.len(), 4, "{key:?}");
            desc.reverse();
            assert_eq!(asc, desc, "{key:?}: desc is asc reversed");
        }
        let issued = filter_sort(
            &r,
            &RegistryState {
                sort: SortKey::IssuedOn,
                dir: SortDir::Desc,
                ..Default::default()
            },
        );
        assert_eq!(numbers(&r, &issued)[0], "23-1403-000004");
        // Persian alphabetical order: پ before ک before گ; Latin after Persian.
        let holder = filter_sort(
            &r,
            &RegistryState {
                sort: SortKey::Holder,
                ..Default::default()
            },
        );
        let holders: Vec<&str> = holder
            .iter()
            .map(|&i| r[i].licence.holder_fa.as_str())
            .collect();
        assert_eq!(
            holders,
            ["پروین احمدی", "کاظم علوی", "گلی رضایی", "Ali Karimi"]
        );
    }

    #[test]
    fn pagination_clamps() {
        assert_eq!(
            paginate(0, 1, 50),
            Page {
                page: 1,
                pages: 1,
                range: 0..0
            }
        );
        assert_eq!(
            paginate(120, 2, 50),
            Page {
                page: 2,
                pages: 3,
                range: 50..100
            }
        );
        assert_eq!(paginate(120, 3, 50).range, 100..120);
        assert_eq!(paginate(120, 99, 50).page, 3);
        assert_eq!(paginate(120, 0, 50).page, 1);
        assert_eq!(paginate(100, 2, 50).range, 50..100);
        assert_eq!(paginate(100, 3, 50).pages, 2);
        assert_eq!(paginate(5, 1, 0).pages, 5);
    }

    #[test]
    fn licence_numbers_are_normalised() {
        assert_eq!(
            normalise_licence_number(" ۲۳-۱۴۰۲-۰۰۰۰۰۳ ").as_deref(),
            Some("23-1402-000003")
        );
        assert_eq!(
            normalise_licence_number("٢٣–١٤٠٢–٠٠٠٠٠٣").as_deref(),
            Some("23-1402-000003")
        );
        assert_eq!(
            normalise_licence_number("\u{200E}23 1402 000003").as_deref(),
            Some("231402000003")
        );
        assert_eq!(normalise_licence_number(""), None);
        assert_eq!(normalise_licence_number("   "), None);
        assert_eq!(normalise_licence_number("\u{200F} \u{2067}"), None);
        // Opaque: any other text is a number to look up (the API's own `L-INCONS` included).
        assert_eq!(
            normalise_licence_number("L-INCONS").as_deref(),
            Some("L-INCONS")
        );
        assert_eq!(
            normalise_licence_number("23/1402").as_deref(),
            Some("23/1402")
        );
    }

    #[test]
    fn city_list_and_filename() {
        let list = cities(&rows());
        assert_eq!(
            list,
            [("تهران".into(), 2), ("ري".into(), 1), ("ورامین".into(), 1)]
        );
        assert_eq!(
            csv_filename(&["IR-23".into()], today()),
            "licences-IR-23-2026-11-29.csv"
        );
        assert_eq!(
            csv_filename(&["IR-23".into(), "IR-30".into()], today()),
            "licences-IR-23_IR-30-2026-11-29.csv"
        );
    }

    #[test]
    fn a_city_spelled_two_ways_is_one_entry_and_one_filter() {
        let row = |number: &str, city: &str| {
            RegistryRow::new(
                licence(number, "x", city, LicenceStatus::Active),
                today(),
                180,
            )
        };
        let rows = vec![
            row("23-1400-000001", "پاکدشت"),
            row("23-1400-000002", "پاكدشت"),
            row("23-1400-000003", "گلستان"),
            row("23-1400-000004", "پاکدشت"),
            row("23-1400-000005", "کرج"),
            row("23-1400-000006", "باغستان"),
        ];
        // Persian order (پ after ب, ک before گ), one «پاکدشت» with both spellings counted.
        assert_eq!(
            cities(&rows),
            [
                ("باغستان".into(), 1),
                ("پاکدشت".into(), 3),
                ("کرج".into(), 1),
                ("گلستان".into(), 1)
            ]
        );
        // Either spelling in the URL filters both.
        for city in ["پاکدشت", "پاكدشت"] {
            let state = RegistryState {
                city: Some(city.into()),
                ..Default::default()
            };
            assert_eq!(
                numbers(&rows, &filter_sort(&rows, &state)),
                ["23-1400-000001", "23-1400-000002", "23-1400-000004"],
                "{city}"
            );
        }
        // The city column sorts in the same order, the spellings of a city next to each other
        // (the collation's tie-break, by code point, puts Arabic «ك» first), then by number.
        let by_city = RegistryState {
            sort: SortKey::City,
            ..Default::default()
        };
        let order: Vec<&str> = filter_sort(&rows, &by_city)
            .iter()
            .map(|&i| rows[i].licence.city_fa.as_str())
            .collect();
        assert_eq!(
            order,
            ["باغستان", "پاكدشت", "پاکدشت", "پاکدشت", "کرج", "گلستان"]
        );
    }

    #[test]
    fn flag_filters_at_their_boundaries() {
        let issued_days_ago = |n: i64| {
            let mut l = licence(&format!("23-1400-{n:06}"), "x", "y", LicenceStatus::Issued);
            l.issued_on = today() - chrono::Duration::days(n);
            RegistryRow::new(l, today(), 180)
        };
        assert!(!issued_days_ago(179).is_dormant());
        assert!(!issued_days_ago(180).is_dormant());
        assert!(issued_days_ago(181).is_dormant());
        // A configured threshold moves the boundary.
        let mut l = issued_days_ago(181).licence;
        l.issued_on = today() - chrono::Duration::days(31);
        assert!(RegistryRow::new(l.clone(), today(), 30).is_dormant());
        assert!(!RegistryRow::new(l, today(), 31).is_dormant());

        let active = |expires: NaiveDate, last: Option<NaiveDate>| {
            let mut l = licence("23-1400-999999", "x", "y", LicenceStatus::Active);
            l.activated_on = Some(d(2024, 1, 1));
            l.expires_on = expires;
            l.last_activity_on = last;
            RegistryRow::new(l, today(), 180)
        };
        // Expiring today counts; yesterday is inconsistent (active past expiry), not expiring.
        assert!(active(today(), Some(today())).is_expiring());
        assert!(active(today() + chrono::Duration::days(90), Some(today())).is_expiring());
        assert!(!active(today() + chrono::Duration::days(91), Some(today())).is_expiring());
        let past = active(today() - chrono::Duration::days(1), Some(today()));
        assert!(!past.is_expiring());
        assert!(past.is_inconsistent());
        // Stale: more than 30 days; a missing last-activity date counts from activation.
        assert!(!active(d(2030, 1, 1), Some(today() - chrono::Duration::days(30))).is_stale());
        assert!(active(d(2030, 1, 1), Some(today() - chrono::Duration::days(31))).is_stale());
        assert!(active(d(2030, 1, 1), None).is_stale());
        // Filters use the same flags.
        let rows = vec![issued_days_ago(180), issued_days_ago(181)];
        let dormant = RegistryState {
            dormant: true,
            ..Default::default()
        };
        assert_eq!(filter_sort(&rows, &dormant), [1]);
    }
}
