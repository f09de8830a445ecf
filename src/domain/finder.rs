//! The office finder's results: the offices that match a query and filters, in the order
//! they are shown. Its URL state is [`FinderState`] in [`crate::route`].

use chrono::NaiveDateTime;

use super::geo::haversine_km;
use super::hours::{is_open_now, opening_state, NextOpening, OpeningState};
use super::normalize::{fold, Query};
use super::search::OfficeIndex;
use crate::model::{ClosureOrder, LatLon, Office};
use crate::route::FinderState;

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

/// The alphabetical order of every office in some documents (by city, then name, in a
/// language's order), computed once per load and language: sorting a keystroke's hits then
/// compares two numbers instead of building two collation keys per hit (which made each
/// keystroke on Tehran cost more than 50 ms).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ListOrder {
    /// For each document, each office's place in the order (unique across the documents).
    ranks: Vec<Vec<u32>>,
}

impl ListOrder {
    /// The order of the offices of `docs` (English names when `english`).
    pub fn new(docs: &[&[Office]], english: bool) -> ListOrder {
        let locale = if english {
            crate::locale::Locale::En
        } else {
            crate::locale::Locale::Fa
        };
        // A province has a few dozen cities: each city's key is built once.
        let mut city_keys: std::collections::HashMap<&str, Vec<u32>> = Default::default();
        // (document, office, (city key, name key))
        type Keyed = (usize, usize, (Vec<u32>, Vec<u32>));
        let mut all: Vec<Keyed> = Vec::new();
        for (d, offices) in docs.iter().enumerate() {
            for (i, o) in offices.iter().enumerate() {
                let (city, name) = sort_key(o, english);
                let city_key = city_keys
                    .entry(city)
                    .or_insert_with(|| super::collate::key(locale, city))
                    .clone();
                all.push((d, i, (city_key, super::collate::key(locale, name))));
            }
        }
        // Stable: offices that weigh the same keep the documents' order.
        all.sort_by(|a, b| a.2.cmp(&b.2));
        let mut ranks: Vec<Vec<u32>> = docs.iter().map(|o| vec![u32::MAX; o.len()]).collect();
        for (rank, (d, i, _)) in all.into_iter().enumerate() {
            if let Some(slot) = ranks.get_mut(d).and_then(|r| r.get_mut(i)) {
                *slot = u32::try_from(rank).unwrap_or(u32::MAX);
            }
        }
        ListOrder { ranks }
    }

    /// The place of office `office` of document `doc` (last when it is not in the order).
    pub fn rank(&self, doc: usize, office: usize) -> u32 {
        self.ranks
            .get(doc)
            .and_then(|r| r.get(office))
            .copied()
            .unwrap_or(u32::MAX)
    }
}

/// The offices matching `query` and `filters` across several documents: nearest first
/// when searching around a position, else in `order` (by city then name, [`ListOrder`],
/// made for the same documents).
pub fn find(
    docs: &[IndexedOffices<'_>],
    query: &Query,
    filters: &Filters<'_>,
    order: &ListOrder,
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
    if filters.within.is_some() {
        hits.sort_by(|a, b| {
            let da = a.distance_km.unwrap_or(f64::INFINITY);
            let db = b.distance_km.unwrap_or(f64::INFINITY);
            da.total_cmp(&db)
        });
    } else {
        // Stable, so offices missing from the order keep the documents' order.
        hits.sort_by_key(|h| order.rank(h.doc, h.office));
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

/// What "near me" over the index's tiles should do next ([`plan_tiles`]).
#[derive(Clone, Debug, PartialEq)]
pub struct TilePlan {
    /// Tiles to fetch now (nearest first), none when the shown results are settled.
    pub fetch: Vec<String>,
    /// How many of the hits (sorted by distance) are final: no unfetched tile can hold a
    /// nearer match, so they are shown and never reordered by what arrives later.
    pub settled: usize,
    /// Whether every tile within the radius is loaded (the count of matches is exact).
    pub complete: bool,
}

/// The next step of a nearest-first search over tiles: `candidates` are the tiles within the
/// radius with their nearest distance to the point, ascending (`TileTree::within`);
/// `loaded` says whether a tile has arrived; `hits_km` are the distances of the matching
/// offices in the loaded tiles, ascending; `wanted` is how many results should be shown.
/// Fetches at most `parallel` tiles at a time.
pub fn plan_tiles(
    candidates: &[(String, f64)],
    loaded: impl Fn(&str) -> bool,
    hits_km: &[f64],
    wanted: usize,
    parallel: usize,
) -> TilePlan {
    let first_missing = candidates.iter().position(|(id, _)| !loaded(id));
    let Some(first) = first_missing else {
        return TilePlan {
            fetch: Vec::new(),
            settled: hits_km.len(),
            complete: true,
        };
    };
    let bound = candidates[first].1;
    let settled = hits_km.partition_point(|d| *d <= bound);
    let fetch = if settled >= wanted {
        Vec::new()
    } else {
        candidates[first..]
            .iter()
            .filter(|(id, _)| !loaded(id))
            .take(parallel.max(1))
            .map(|(id, _)| id.clone())
            .collect()
    };
    TilePlan {
        fetch,
        settled,
        complete: false,
    }
}

/// The city a typed text names among some offices (its folded Persian or English name is the
/// text): its most frequent Persian spelling and the mean position of its located offices.
pub fn city_named<'a>(
    offices: impl Iterator<Item = &'a Office>,
    typed: &str,
) -> Option<(String, Option<LatLon>)> {
    let want = fold(typed.trim());
    if want.is_empty() {
        return None;
    }
    let mut spellings: Vec<(&str, usize)> = Vec::new();
    let (mut lat, mut lon, mut located) = (0.0, 0.0, 0usize);
    for o in offices.filter(|o| fold(&o.city_fa) == want || fold(&o.city_en) == want) {
        match spellings.iter_mut().find(|(s, _)| *s == o.city_fa) {
            Some((_, n)) => *n += 1,
            None => spellings.push((&o.city_fa, 1)),
        }
        if let Some(p) = o.location.filter(LatLon::is_valid) {
            lat += p.lat;
            lon += p.lon;
            located += 1;
        }
    }
    // Most offices first; the first seen on a tie.
    let name = spellings
        .iter()
        .rev()
        .max_by_key(|(_, n)| *n)?
        .0
        .to_string();
    let centre = (located > 0).then(|| LatLon {
        lat: lat / located as f64,
        lon: lon / located as f64,
    });
    Some((name, centre))
}

/// Of some offices, the one that opens first after `now` and when (for "nothing is open now;
/// the first opens …"); `None` when none has a known next opening.
pub fn earliest_opening<'a>(
    offices: impl Iterator<Item = &'a Office>,
    orders: &[ClosureOrder],
    now: NaiveDateTime,
) -> Option<(&'a Office, NextOpening)> {
    offices
        .filter_map(|o| match opening_state(o, orders, now) {
            OpeningState::Closed {
                next: Some(next), ..
            } => Some((o, next)),
            _ => None,
        })
        .min_by_key(|(_, n)| (n.date, n.at))
}

/// Why a search found no office, in the order a person needs to hear it ([`dead_end`]).
#[derive(Clone, Debug, PartialEq)]
pub enum DeadEnd {
    /// Some documents could not be loaded: we cannot say that nothing matches.
    LoadFailed,
    /// A chosen service is not done at these offices at all (e.g. passports, at Police+10).
    NotAtOffices(String),
    /// Offices match, but none is open now ("show all" lifts the filter).
    NothingOpen,
    /// Nothing within the radius; `wider`: the next radius to try, if any.
    OutOfRange {
        /// The next larger radius offered, in km.
        wider: Option<u32>,
    },
    /// The typed text matches nothing.
    NothingMatched,
    /// The other filters leave nothing.
    Filters,
}

/// What the finder knows when a search has no result.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Situation {
    /// A document of this search failed to load.
    pub failed: bool,
    /// The first chosen service that is not offered at offices, by id.
    pub not_at_offices: Option<String>,
    /// "Open now" is on and the same search without it has results.
    pub closed_now: bool,
    /// The search is around a position with this radius (km).
    pub radius_km: Option<f64>,
    /// Free text is part of the search.
    pub text: bool,
}

/// The dead end a search without results has reached (see [`DeadEnd`]); the radius steps are
/// `choices` (km, ascending).
pub fn dead_end(s: &Situation, choices: &[u32]) -> DeadEnd {
    if s.failed {
        return DeadEnd::LoadFailed;
    }
    if let Some(id) = &s.not_at_offices {
        return DeadEnd::NotAtOffices(id.clone());
    }
    if s.closed_now {
        return DeadEnd::NothingOpen;
    }
    if s.text {
        return DeadEnd::NothingMatched;
    }
    match s.radius_km {
        Some(r) => DeadEnd::OutOfRange {
            wider: choices.iter().copied().find(|c| f64::from(*c) > r + 0.05),
        },
        None => DeadEnd::Filters,
    }
}

/// The distinct cities of some offices as `(fa, en)`, sorted by the name in the UI language
/// in its alphabetical order ([`super::collate`]). Spellings of a Persian name that fold alike
/// («پاکدشت», «پاكدشت») are one city, shown in Persian letters (the filter folds too).
pub fn cities<'a>(
    offices: impl Iterator<Item = &'a Office>,
    english: bool,
) -> Vec<(String, String)> {
    use super::collate::{group_by_name, sort_by_name};
    use crate::locale::Locale;
    let mut list: Vec<(String, String)> = group_by_name(offices, |o| &o.city_fa)
        .into_iter()
        .map(|g| (g.name.to_string(), g.item.city_en.clone()))
        .collect();
    if english {
        sort_by_name(&mut list, Locale::En, |c| &c.1);
    } else {
        sort_by_name(&mut list, Locale::Fa, |c| &c.0);
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::collate;
    use crate::locale::Locale;
    use crate::model::{OfficeKind, OfficeStatus, Shift, TimeOfDay, WeeklyHours};
    use crate::route::UrlState;
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
            code: format!("1{id}"),
            name_fa: name.into(),
            name_en: name.into(),
            city_fa: city.into(),
            city_en: city.into(),
            location: at.map(|(lat, lon)| LatLon { lat, lon }),
            hours: Some(WeeklyHours {
                sat: day.clone(),
                sun: day.clone(),
                mon: day.clone(),
                tue: day.clone(),
                wed: day,
                thu: Some(vec![]),
                fri: Some(vec![]),
            }),
            services: vec!["smart-id-card".into()],
            updated_at: NaiveDate::from_ymd_opt(2026, 1, 1).expect("valid"),
            ..Office::for_test(id, "IR-23")
        }
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
        let hits = find(
            &[(&offices, &index)],
            &Query::new(""),
            &f,
            &ListOrder::default(),
        );
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
        let order = ListOrder::new(&[&offices], false);
        let ids = |hits: Vec<Hit>| -> Vec<String> {
            hits.iter().map(|h| offices[h.office].id.clone()).collect()
        };
        let all = parse("");
        let f = Filters::from_state(&all, None, None);
        assert_eq!(
            ids(find(&docs, &Query::new(""), &f, &order)),
            ["svc", "b", "rural", "closed"]
        );
        let s = parse("service=smart-id-card&open=1");
        // Saturday 2026-11-28, 09:30 Iran time.
        let now = NaiveDate::from_ymd_opt(2026, 11, 28)
            .and_then(|d| d.and_hms_opt(9, 30, 0))
            .expect("valid");
        let f = Filters::from_state(&s, None, Some((&[], now)));
        assert_eq!(
            ids(find(&docs, &Query::new(""), &f, &order)),
            ["b", "rural"]
        );
        let s = parse("wheelchair=1&kind=rural_ict");
        let f = Filters::from_state(&s, None, None);
        assert_eq!(ids(find(&docs, &Query::new(""), &f, &order)), ["rural"]);
        let karaj = fold("كرج");
        let f = Filters::from_state(&all, Some(&karaj), None);
        assert_eq!(
            ids(find(&docs, &Query::new(""), &f, &order)),
            ["rural", "closed"]
        );
        // Free text goes through the shared normalisation: Arabic kaf finds Persian kaf.
        assert_eq!(
            ids(find(
                &docs,
                &Query::new("كرج"),
                &Filters::from_state(&all, None, None),
                &order
            )),
            ["rural", "closed"]
        );
        let city_list = cities(offices.iter(), false);
        assert_eq!(city_list.len(), 2);
        assert_eq!(city_list[0].0, "اراک");
    }

    #[test]
    fn list_order_is_the_collation_order_across_documents_in_both_languages() {
        let mut a = vec![
            office("a1", "کرج", "ب", None),
            office("a2", "اراک", "ی", None),
            office("a3", "گرمسار", "الف", None),
        ];
        a[1].city_en = "Arak".into();
        a[1].name_en = "Zand".into();
        let mut b = vec![
            office("b1", "كرج", "الف", None),
            office("b2", "پاکدشت", "پ", None),
            office("b3", "کرج", "ب", None),
        ];
        b[1].city_en = "Pakdasht".into();
        b[1].name_en = "Azadi".into();
        let docs: [&[Office]; 2] = [&a, &b];
        for english in [false, true] {
            let locale = if english { Locale::En } else { Locale::Fa };
            let order = ListOrder::new(&docs, english);
            let mut by_rank: Vec<(usize, usize)> =
                (0..2).flat_map(|d| (0..3).map(move |i| (d, i))).collect();
            by_rank.sort_by_key(|&(d, i)| order.rank(d, i));
            let mut by_key = by_rank.clone();
            by_key.sort_by_cached_key(|&(d, i)| {
                let (city, name) = sort_key(&docs[d][i], english);
                (collate::key(locale, city), collate::key(locale, name))
            });
            assert_eq!(by_rank, by_key, "english: {english}");
            // Every office has its own place.
            let mut ranks: Vec<u32> = by_rank.iter().map(|&(d, i)| order.rank(d, i)).collect();
            ranks.dedup();
            assert_eq!(ranks.len(), 6);
        }
        let fa = ListOrder::new(&docs, false);
        let ids: Vec<&str> = {
            let mut all: Vec<&Office> = a.iter().chain(b.iter()).collect();
            all.sort_by_key(|o| {
                let d = usize::from(o.id.starts_with('b'));
                let i = docs[d].iter().position(|x| x.id == o.id).unwrap_or(0);
                fa.rank(d, i)
            });
            all.iter().map(|o| o.id.as_str()).collect()
        };
        // Persian order: ا before پ before ک (Arabic kaf alike) before گ; within Karaj by name.
        assert_eq!(ids, ["a2", "b2", "b1", "a1", "b3", "a3"]);
        // An office outside the order goes last.
        assert_eq!(fa.rank(0, 9), u32::MAX);
        assert_eq!(fa.rank(5, 0), u32::MAX);
    }

    #[test]
    fn cities_one_per_name_in_the_ui_languages_order() {
        let mut offices = Vec::new();
        for (i, (fa, en)) in [
            ("كرج", "Karaj"),
            ("کرج", "Karaj"),
            ("هشتگرد", "Hashtgerd"),
            ("کرج", "Karaj"),
            ("اشتهارد", "Eshtehārd"),
            ("طالقان", "Ţāleqān"),
            ("گرمدره", "Garmdarreh"),
        ]
        .into_iter()
        .enumerate()
        {
            let mut o = office(&i.to_string(), fa, "x", None);
            o.city_en = en.into();
            offices.push(o);
        }
        let fa: Vec<String> = cities(offices.iter(), false)
            .into_iter()
            .map(|c| c.0)
            .collect();
        // One «کرج», in Persian letters, between «طالقان» and «گرمدره» (not after «هشتگرد»).
        assert_eq!(fa, ["اشتهارد", "طالقان", "کرج", "گرمدره", "هشتگرد"]);
        let en: Vec<String> = cities(offices.iter(), true)
            .into_iter()
            .map(|c| c.1)
            .collect();
        // English names, accents ignored: «Ţāleqān» under T, not after «Karaj» as by code point.
        assert_eq!(
            en,
            ["Eshtehārd", "Garmdarreh", "Hashtgerd", "Karaj", "Ţāleqān"]
        );
    }

    #[test]
    fn tile_plan_settles_only_what_no_unfetched_tile_can_beat() {
        let tiles: Vec<(String, f64)> = [("a", 0.0), ("b", 1.0), ("c", 3.0), ("d", 9.0)]
            .iter()
            .map(|(id, d)| (id.to_string(), *d))
            .collect();
        // Nothing loaded: fetch the nearest two.
        let p = plan_tiles(&tiles, |_| false, &[], 2, 2);
        assert_eq!(p.fetch, ["a", "b"]);
        assert_eq!((p.settled, p.complete), (0, false));
        // a and b loaded: hits at 0.5, 2.0 and 4.0 km; c may hold something at 3 km, so only
        // the first two are settled; two wanted → nothing more to fetch.
        let loaded = |id: &str| id == "a" || id == "b";
        let p = plan_tiles(&tiles, loaded, &[0.5, 2.0, 4.0], 2, 2);
        assert_eq!((p.settled, p.fetch.is_empty()), (2, true));
        // Three wanted: the third (4 km) is not settled until c arrives.
        let p = plan_tiles(&tiles, loaded, &[0.5, 2.0, 4.0], 3, 1);
        assert_eq!(p.fetch, ["c"]);
        assert_eq!(p.settled, 2);
        // Everything loaded: all settled, exact count.
        let p = plan_tiles(&tiles, |_| true, &[0.5, 2.0, 4.0, 9.5], 50, 2);
        assert_eq!((p.settled, p.complete, p.fetch.len()), (4, true, 0));
        // Tiles loaded out of order count from the first missing one.
        let p = plan_tiles(&tiles, |id| id != "b", &[0.5, 3.5], 5, 2);
        assert_eq!((p.settled, p.fetch.clone()), (1, vec!["b".to_string()]));
    }

    #[test]
    fn a_typed_city_is_found_with_its_centre() {
        let offices = [
            office("1", "کرج", "a", Some((35.80, 51.00))),
            office("2", "كرج", "b", Some((35.84, 51.04))),
            office("3", "کرج", "c", None),
            office("4", "فردیس", "d", Some((35.7, 50.9))),
        ];
        let (name, centre) = city_named(offices.iter(), " كرج ").expect("Karaj is there");
        assert_eq!(name, "کرج", "the most frequent spelling");
        let centre = centre.expect("two are located");
        assert!((centre.lat - 35.82).abs() < 1e-9 && (centre.lon - 51.02).abs() < 1e-9);
        assert!(
            city_named(offices.iter(), "کر").is_none(),
            "a prefix is not a city"
        );
        assert!(city_named(offices.iter(), "").is_none());
        let unlocated = [office("5", "طالقان", "e", None)];
        assert_eq!(
            city_named(unlocated.iter(), "طالقان"),
            Some(("طالقان".to_string(), None))
        );
    }

    #[test]
    fn the_first_to_open_is_named() {
        let mut late = office("late", "a", "late", None);
        let mut early = office("early", "a", "early", None);
        let unknown = {
            let mut o = office("unknown", "a", "unknown", None);
            o.hours = None;
            o
        };
        let shift = |h| {
            Some(vec![Shift {
                open: TimeOfDay::new(h, 0).expect("valid"),
                close: TimeOfDay::new(h + 4, 0).expect("valid"),
            }])
        };
        if let Some(h) = late.hours.as_mut() {
            h.sat = shift(10);
        }
        if let Some(h) = early.hours.as_mut() {
            h.sat = shift(7);
        }
        // Friday 9 May 2025, 22:00: every office is closed; Saturday 07:00 is first.
        let now = NaiveDate::from_ymd_opt(2025, 5, 9)
            .and_then(|d| d.and_hms_opt(22, 0, 0))
            .expect("valid");
        let all = [late, unknown, early];
        let (first, when) = earliest_opening(all.iter(), &[], now).expect("known hours");
        assert_eq!(first.id, "early");
        assert_eq!(when.at, TimeOfDay::new(7, 0).expect("valid"));
        assert_eq!(
            when.date,
            NaiveDate::from_ymd_opt(2025, 5, 10).expect("valid")
        );
        assert!(earliest_opening(all.iter().skip(1).take(1), &[], now).is_none());
    }

    #[test]
    fn dead_ends_in_order() {
        let steps = [5, 10, 25, 50, 100];
        let base = Situation::default();
        assert_eq!(dead_end(&base, &steps), DeadEnd::Filters);
        let near = Situation {
            radius_km: Some(10.0),
            ..base.clone()
        };
        assert_eq!(
            dead_end(&near, &steps),
            DeadEnd::OutOfRange { wider: Some(25) }
        );
        let widest = Situation {
            radius_km: Some(100.0),
            ..base.clone()
        };
        assert_eq!(
            dead_end(&widest, &steps),
            DeadEnd::OutOfRange { wider: None }
        );
        let text = Situation {
            text: true,
            ..near.clone()
        };
        assert_eq!(dead_end(&text, &steps), DeadEnd::NothingMatched);
        let closed = Situation {
            closed_now: true,
            ..text.clone()
        };
        assert_eq!(dead_end(&closed, &steps), DeadEnd::NothingOpen);
        let passport = Situation {
            not_at_offices: Some("passport".into()),
            ..closed.clone()
        };
        assert_eq!(
            dead_end(&passport, &steps),
            DeadEnd::NotAtOffices("passport".into())
        );
        let failed = Situation {
            failed: true,
            ..passport
        };
        assert_eq!(
            dead_end(&failed, &steps),
            DeadEnd::LoadFailed,
            "never 'no office'"
        );
    }
}
