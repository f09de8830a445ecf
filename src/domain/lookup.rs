//! What a person typed into the one search box, and what the index's term chunks say about it:
//! places, services and offices nationwide, without loading any province.
//!
//! - [`classify`]: an office code, a postal code, or words.
//! - [`chunks_needed`]: which term chunks to fetch for the words (`domain::index::tokens`; the
//!   last one is a prefix: the person may still be typing it).
//! - [`resolve`]: from the fetched chunks, the places, services and office ordinals that match
//!   every word.

use std::collections::BTreeSet;

use super::index::{chunk_for_term, chunks_for_prefix, decode_runs, intersect};
use super::normalize::fold;
use crate::i18n::format::ascii_digit;
use crate::model::{Place, TermChunk, TermManifest};

/// Digits in an office code people copy from a receipt or the door (the sample's are five).
const CODE_DIGITS: std::ops::RangeInclusive<usize> = 3..=8;
/// Digits in an Iranian postal code.
const POSTAL_CODE_DIGITS: usize = 10;

/// What kind of query a text is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueryKind {
    /// Nothing to search for.
    Empty,
    /// Only digits (Persian, Arabic-Indic or ASCII; spaces and dashes ignored), as long as an
    /// office code: the code in ASCII digits.
    OfficeCode(String),
    /// Ten digits: a postal code, in ASCII digits.
    PostalCode(String),
    /// Words: a place, an office name, an address or a service.
    Words,
}

/// Classifies a typed text.
pub fn classify(raw: &str) -> QueryKind {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return QueryKind::Empty;
    }
    let mut digits = String::new();
    for c in trimmed.chars() {
        match ascii_digit(c) {
            Some(d) => digits.push(d),
            None if matches!(c, ' ' | '-' | '\u{200C}') => {}
            None => return QueryKind::Words,
        }
    }
    match digits.len() {
        POSTAL_CODE_DIGITS => QueryKind::PostalCode(digits),
        n if CODE_DIGITS.contains(&n) => QueryKind::OfficeCode(digits),
        0 => QueryKind::Empty,
        _ => QueryKind::Words,
    }
}

/// The term chunks to fetch for these tokens (the last as a prefix), sorted and distinct.
pub fn chunks_needed(manifest: &TermManifest, tokens: &[String]) -> Vec<usize> {
    let mut out = BTreeSet::new();
    let last = tokens.len().saturating_sub(1);
    for (i, token) in tokens.iter().enumerate() {
        if i == last {
            out.extend(chunks_for_prefix(manifest, token));
        } else if let Some(c) = chunk_for_term(manifest, token) {
            out.insert(c);
        }
    }
    out.into_iter().collect()
}

/// What the term index says about a query.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resolved {
    /// Places whose name matches, the exact name first, then by number of offices.
    pub places: Vec<Place>,
    /// Services whose name or keywords match.
    pub services: Vec<String>,
    /// Ordinals of the offices that have every (not too common) word, ascending; `None` when
    /// every word is too common to narrow the offices (then only places and services help).
    pub offices: Option<Vec<u32>>,
}

/// Longest list of prefix-matching terms merged for the last word (a very short prefix
/// matches thousands of terms; the first ones in term order are enough to suggest from).
const MAX_PREFIX_TERMS: usize = 64;

/// Resolves the tokens against the fetched chunks. A word the chunks do not hold matches
/// nothing (so the offices are empty), as an index that does not know a word says.
pub fn resolve(tokens: &[String], chunks: &[&TermChunk]) -> Resolved {
    let mut resolved = Resolved::default();
    if tokens.is_empty() {
        return resolved;
    }
    let last = tokens.len() - 1;
    let mut offices: Option<Vec<u32>> = None;
    let mut places: Vec<Place> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let entries: Vec<_> = chunks
            .iter()
            .flat_map(|c| c.terms.iter())
            .filter(|e| {
                if i == last {
                    e.t.starts_with(token.as_str())
                } else {
                    e.t == *token
                }
            })
            .take(MAX_PREFIX_TERMS)
            .collect();
        let mut ordinals: BTreeSet<u32> = BTreeSet::new();
        let mut too_common = false;
        for e in &entries {
            if e.o.is_empty() && e.n > 0 {
                too_common = true;
            }
            ordinals.extend(decode_runs(&e.o));
            for p in &e.p {
                if !places
                    .iter()
                    .any(|q| q.key == p.key && q.province_id == p.province_id)
                {
                    places.push(p.clone());
                }
            }
            for s in &e.s {
                if !resolved.services.contains(s) {
                    resolved.services.push(s.clone());
                }
            }
        }
        if too_common && ordinals.is_empty() {
            continue;
        }
        let ordinals: Vec<u32> = ordinals.into_iter().collect();
        offices = Some(match offices {
            None => ordinals,
            Some(before) => intersect(&before, &ordinals),
        });
    }
    // A place must match the whole query, not one word of it («تهران» in «تهران خیابان» is
    // a filter, not the answer): every token is a prefix of one of the place's tokens.
    places.retain(|p| {
        let names: Vec<String> = std::iter::once(p.name_fa.as_str())
            .chain(p.names_fa.iter().map(String::as_str))
            .chain(std::iter::once(p.name_en.as_str()))
            .flat_map(super::index::tokens)
            .chain(std::iter::once(p.key.clone()))
            .collect();
        tokens
            .iter()
            .all(|t| names.iter().any(|n| n.starts_with(t.as_str())))
    });
    let whole = fold(&tokens.join(" "));
    places.sort_by(|a, b| {
        let exact = |p: &Place| p.key == whole || fold(&p.name_en) == whole;
        exact(b)
            .cmp(&exact(a))
            .then(b.offices.cmp(&a.offices))
            .then(a.key.cmp(&b.key))
    });
    resolved.places = places;
    resolved.offices = offices;
    resolved
}

/// What the search box should do with a text on Enter, from what is known about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Intent {
    /// The one office with the typed code: open its page.
    Office,
    /// A place: its offices, nearest to its centre.
    Place,
    /// A service: the finder filtered to the offices offering it.
    Service,
    /// A postal code: the offices at it, or in its postal district.
    PostalCode,
    /// Offices whose name, code or address match, nationwide.
    Offices,
    /// Nothing matched: say so, with suggestions.
    Nothing,
}

/// How well a service matches a typed text ([`crate::domain::search::service_intent`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ServiceFit {
    /// The whole name or one whole keyword.
    Exact,
    /// Every word in its name (or the name starts with the text).
    Name,
}

/// What is known about a typed text when Enter is pressed; `None`: not known (no index).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Evidence {
    /// Offices that have the typed office code.
    pub code_hits: Option<usize>,
    /// A place's whole name is the text.
    pub exact_place: bool,
    /// Places whose name starts with the text.
    pub places: usize,
    /// The best-fitting service, if one fits.
    pub service: Option<ServiceFit>,
    /// Offices whose words match.
    pub offices: Option<usize>,
}

/// The obvious thing to do with `kind` given `e`, in this order: an office by its code, a
/// postal code, a place named in full, a service named in full, matching offices, a service
/// by its name's words, a place by a prefix; offices not known yet are searched for (the
/// finder reads the provinces); else nothing matched.
pub fn intent(kind: &QueryKind, e: &Evidence) -> Intent {
    match kind {
        QueryKind::Empty => Intent::Nothing,
        QueryKind::OfficeCode(_) => match (e.code_hits, e.offices) {
            (Some(1), _) => Intent::Office,
            (Some(0), Some(0)) => Intent::Nothing,
            _ => Intent::Offices,
        },
        QueryKind::PostalCode(_) => Intent::PostalCode,
        QueryKind::Words => {
            if e.exact_place {
                Intent::Place
            } else if e.service == Some(ServiceFit::Exact) {
                Intent::Service
            } else if e.offices.is_some_and(|n| n > 0) {
                Intent::Offices
            } else if e.service.is_some() {
                Intent::Service
            } else if e.places > 0 {
                Intent::Place
            } else if e.offices.is_none() {
                Intent::Offices
            } else {
                Intent::Nothing
            }
        }
    }
}

/// Digits of a postal code that name its postal district (the first five of ten): offices
/// "near" a postal code no office has are those of its district.
pub const POSTAL_DISTRICT_DIGITS: usize = 5;

/// The postal district of a ten-digit postal code (ASCII digits), e.g. `13145` of `1314567891`.
pub fn postal_district(code: &str) -> Option<&str> {
    (code.len() == POSTAL_CODE_DIGITS && code.bytes().all(|b| b.is_ascii_digit()))
        .then(|| code.get(..POSTAL_DISTRICT_DIGITS))
        .flatten()
}

/// Names close in spelling to `typed` (after folding and without spaces), the closest first,
/// at most `max`, for "nothing matched «…»; did you mean …?". A name within one edit per
/// three letters counts (one for short words); names equal to `typed` are not suggestions.
pub fn similar_names<'a>(
    typed: &str,
    names: impl IntoIterator<Item = &'a str>,
    max: usize,
) -> Vec<&'a str> {
    let want: Vec<char> = super::normalize::compact(&fold(typed)).chars().collect();
    if want.len() < 2 {
        return Vec::new();
    }
    let limit = (want.len() / 3).max(1);
    let mut found: Vec<(usize, &'a str, String)> = Vec::new();
    for name in names {
        let key = super::normalize::compact(&fold(name));
        if found.iter().any(|(_, _, k)| *k == key) {
            continue;
        }
        let have: Vec<char> = key.chars().collect();
        // A prefix of the name also counts (a word still being typed, «کرما» for «کرمانشاه»).
        let d = edit_distance(&want, &have, limit)
            .or_else(|| {
                have.get(..want.len().min(have.len()))
                    .and_then(|head| edit_distance(&want, head, limit))
                    .map(|d| d + 1)
            })
            .filter(|d| *d > 0 && *d <= limit);
        if let Some(d) = d {
            found.push((d, name, key));
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.cmp(&b.2)));
    found.into_iter().take(max).map(|(_, n, _)| n).collect()
}

/// Levenshtein distance of two strings with an adjacent swap counting as one edit, or `None`
/// when it exceeds `limit` (stops early).
fn edit_distance(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let width = b.len() + 1;
    let mut prev2: Vec<usize> = vec![0; width];
    let mut prev: Vec<usize> = (0..width).collect();
    let mut cur: Vec<usize> = vec![0; width];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let mut v = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            if i > 0 && j > 0 && a.get(i - 1) == Some(cb) && b.get(j - 1) == Some(ca) {
                v = v.min(prev2[j - 1] + 1);
            }
            cur[j + 1] = v;
            row_min = row_min.min(v);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.get(b.len()).copied().filter(|d| *d <= limit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::index::tokens;
    use crate::model::{OfficeKind, TermEntry};
    use std::collections::BTreeMap;

    #[test]
    fn codes_postal_codes_and_words() {
        assert_eq!(classify("  "), QueryKind::Empty);
        assert_eq!(classify("10451"), QueryKind::OfficeCode("10451".into()));
        assert_eq!(classify("۱۰۴۵۱"), QueryKind::OfficeCode("10451".into()));
        assert_eq!(classify("١٠٤٥١"), QueryKind::OfficeCode("10451".into()));
        assert_eq!(
            classify("۱۳۱۴۵-۶۷۸۹۱"),
            QueryKind::PostalCode("1314567891".into())
        );
        assert_eq!(classify("کرج"), QueryKind::Words);
        assert_eq!(classify("دفتر 10451"), QueryKind::Words);
        assert_eq!(classify("12"), QueryKind::Words, "too short for a code");
        assert_eq!(classify("-"), QueryKind::Empty);
    }

    fn place(key: &str, name_en: &str, offices: u32) -> Place {
        Place {
            key: key.into(),
            name_fa: key.into(),
            names_fa: vec![],
            name_en: name_en.into(),
            province_id: "IR-30".into(),
            centroid: None,
            offices,
            by_kind: BTreeMap::from([(OfficeKind::Pishkhan, offices)]),
            population: None,
        }
    }

    fn entry(t: &str, ordinals: &[u32], n: u32, p: Vec<Place>, s: &[&str]) -> TermEntry {
        TermEntry {
            t: t.into(),
            n,
            o: crate::domain::index::encode_runs(ordinals),
            p,
            s: s.iter().map(|x| x.to_string()).collect(),
        }
    }

    fn chunk(terms: Vec<TermEntry>) -> TermChunk {
        TermChunk { chunk: 0, terms }
    }

    #[test]
    fn a_city_resolves_to_its_place_and_offices() {
        let c = chunk(vec![
            entry("کرج", &[10, 11, 12], 3, vec![place("کرج", "Karaj", 3)], &[]),
            entry("کرمان", &[40], 1, vec![place("کرمان", "Kerman", 1)], &[]),
        ]);
        // «كرج» with an Arabic kaf folds to the same token.
        let r = resolve(&tokens("كرج"), &[&c]);
        assert_eq!(r.places.len(), 1);
        assert_eq!(r.places[0].name_en, "Karaj");
        assert_eq!(r.offices, Some(vec![10, 11, 12]));
        // A prefix while typing: both places, the one with more offices first.
        let r = resolve(&tokens("کر"), &[&c]);
        let names: Vec<&str> = r.places.iter().map(|p| p.name_en.as_str()).collect();
        assert_eq!(names, ["Karaj", "Kerman"]);
        assert_eq!(r.offices, Some(vec![10, 11, 12, 40]));
    }

    #[test]
    fn words_intersect_and_common_words_do_not_narrow() {
        let c = chunk(vec![
            entry("دفتر", &[], 900, vec![], &[]),
            entry("ولیعصر", &[3, 5, 8], 3, vec![], &[]),
            entry("کرج", &[5, 6], 2, vec![place("کرج", "Karaj", 2)], &[]),
            entry("گذرنامه", &[], 0, vec![], &["passport"]),
        ]);
        let r = resolve(&tokens("ولیعصر کرج"), &[&c]);
        assert_eq!(r.offices, Some(vec![5]));
        assert!(
            r.places.is_empty(),
            "Karaj matches one word only: a filter, not the answer"
        );
        let r = resolve(&tokens("دفتر ولیعصر"), &[&c]);
        assert_eq!(r.offices, Some(vec![3, 5, 8]));
        let r = resolve(&tokens("دفتر"), &[&c]);
        assert_eq!(r.offices, None, "only a too-common word");
        let r = resolve(&tokens("گذرنامه"), &[&c]);
        assert_eq!(r.services, ["passport"]);
        assert_eq!(r.offices, Some(vec![]));
        let r = resolve(&tokens("ناموجود"), &[&c]);
        assert_eq!(r.offices, Some(vec![]));
        assert!(r.places.is_empty());
    }

    #[test]
    fn chunks_for_every_word() {
        let manifest = TermManifest {
            generated_at: chrono::DateTime::UNIX_EPOCH,
            chunks: vec![
                ["a".into(), "f".into()],
                ["g".into(), "m".into()],
                ["n".into(), "z".into()],
            ],
            common_after: 200,
        };
        let needed = chunks_needed(&manifest, &["hello".into(), "b".into()]);
        assert_eq!(needed, [0, 1]);
        assert!(chunks_needed(&manifest, &[]).is_empty());
    }

    #[test]
    fn what_enter_does_for_each_kind_of_query() {
        let code = QueryKind::OfficeCode("10451".into());
        let known = |code_hits, offices| Evidence {
            code_hits: Some(code_hits),
            offices: Some(offices),
            ..Evidence::default()
        };
        assert_eq!(intent(&code, &known(1, 1)), Intent::Office);
        assert_eq!(
            intent(&code, &known(2, 2)),
            Intent::Offices,
            "two offices share it"
        );
        assert_eq!(intent(&code, &known(0, 0)), Intent::Nothing);
        assert_eq!(
            intent(&code, &known(0, 3)),
            Intent::Offices,
            "digits in addresses"
        );
        assert_eq!(
            intent(&code, &Evidence::default()),
            Intent::Offices,
            "no index: the finder reads the provinces"
        );
        let postal = QueryKind::PostalCode("1314567891".into());
        assert_eq!(intent(&postal, &Evidence::default()), Intent::PostalCode);
        let words = QueryKind::Words;
        let place = Evidence {
            exact_place: true,
            places: 1,
            offices: Some(40),
            service: Some(ServiceFit::Name),
            ..Evidence::default()
        };
        assert_eq!(
            intent(&words, &place),
            Intent::Place,
            "«کرج» is a place first"
        );
        let service = Evidence {
            service: Some(ServiceFit::Exact),
            offices: Some(2),
            ..Evidence::default()
        };
        assert_eq!(intent(&words, &service), Intent::Service, "«کارت ملی»");
        let name = Evidence {
            service: Some(ServiceFit::Name),
            offices: Some(2),
            ..Evidence::default()
        };
        assert_eq!(
            intent(&words, &name),
            Intent::Offices,
            "an office name wins"
        );
        let only_service = Evidence {
            service: Some(ServiceFit::Name),
            offices: Some(0),
            ..Evidence::default()
        };
        assert_eq!(
            intent(&words, &only_service),
            Intent::Service,
            "never no office found"
        );
        let prefix = Evidence {
            places: 2,
            offices: Some(0),
            ..Evidence::default()
        };
        assert_eq!(intent(&words, &prefix), Intent::Place);
        assert_eq!(intent(&words, &Evidence::default()), Intent::Offices);
        let nothing = Evidence {
            offices: Some(0),
            ..Evidence::default()
        };
        assert_eq!(intent(&words, &nothing), Intent::Nothing);
        assert_eq!(intent(&QueryKind::Empty, &place), Intent::Nothing);
    }

    #[test]
    fn postal_districts() {
        assert_eq!(postal_district("1314567891"), Some("13145"));
        assert_eq!(postal_district("13145"), None);
        assert_eq!(postal_district("13145678x1"), None);
    }

    #[test]
    fn spelling_variants_are_suggested() {
        let names = ["کرج", "کرمان", "کرمانشاه", "رشت", "مشهد", "کرج"];
        assert_eq!(similar_names("کرح", names, 3), ["کرج"], "one letter off");
        assert_eq!(similar_names("مشهذ", names, 3), ["مشهد"]);
        assert_eq!(
            similar_names("کرمنا", names, 3),
            ["کرمان"],
            "swapped letters"
        );
        assert_eq!(similar_names("رشتت", names, 3), ["رشت"]);
        assert!(
            similar_names("کرج", names, 3).is_empty(),
            "exact is not a suggestion"
        );
        assert!(similar_names("تبریز", names, 3).is_empty());
        assert!(
            similar_names("ک", names, 3).is_empty(),
            "too short to guess"
        );
        let karaj = similar_names("كرح", ["کرج", "كرج"], 3);
        assert_eq!(karaj.len(), 1, "spellings of one name are one suggestion");
    }
}
