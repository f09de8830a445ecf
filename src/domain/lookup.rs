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
}
