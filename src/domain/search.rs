//! The search behind every search box: offices by name, code, city or address, and the
//! service catalogue ranked by where the query matched.
//!
//! Matching is [`Query`]'s: every query word must occur, separators ignored. Texts are folded
//! once (when the index is built); a keystroke intersects the offices' n-gram lists
//! ([`super::grams`]) and confirms the few candidates with a substring search.

use memchr::memmem;

use super::grams::{Doc, GramIndex, NO_GUESS};
use super::lookup::ServiceFit;
use super::normalize::{fold, fold_compact, Query};
use super::slices::{run_to_end, Budget, Sliced, Unlimited};
use crate::model::{Office, Service};

/// Separates fields inside a haystack: folded text never contains it, so a query word cannot
/// match across two fields or two offices.
const FIELD_SEP: char = '\n';

/// A precomputed search index over a slice of offices, in the slice's order.
///
/// Each office's searchable fields (Persian and English name, code, Persian and English
/// city, address) are folded and compacted once. Only the compact form is kept: query words
/// have no separators, so a word occurs in the folded text only if it occurs in the compact
/// text, and the compact text also lets «میشود» find «می شود».
#[derive(Clone, Debug, Default)]
pub struct OfficeIndex {
    /// All offices' compact haystacks, each ending with [`FIELD_SEP`], in one buffer so that
    /// the first word is found with a single scan and no per-office setup.
    text: String,
    /// Byte offset of the end of each office's haystack in `text`.
    ends: Vec<usize>,
    /// Which offices hold each character and each pair of characters of the haystacks.
    grams: GramIndex,
}

impl OfficeIndex {
    /// Builds the index; the indices it returns refer to `offices`.
    pub fn new(offices: &[Office]) -> Self {
        run_to_end(OfficeIndex::builder(offices))
    }

    /// The index of `offices` built a slice at a time ([`Sliced`]; in the browser
    /// `platform::slices::run`), so a province of 20,000 offices never blocks the page: the
    /// same index as [`OfficeIndex::new`].
    pub fn builder(offices: &[Office]) -> OfficeIndexBuilder<'_> {
        OfficeIndexBuilder {
            offices,
            index: OfficeIndex {
                text: String::new(),
                ends: Vec::with_capacity(offices.len()),
                grams: GramIndex::new(),
            },
        }
    }

    /// Adds one office's haystack.
    fn push(&mut self, o: &Office) {
        let start = self.text.len();
        for field in searched_fields(o) {
            let key = key(field);
            self.grams.add_field(&key, self.text.len() - start);
            self.text.push_str(&key);
            self.text.push(FIELD_SEP);
        }
        self.grams.end_doc();
        self.ends.push(self.text.len());
    }

    /// Number of offices indexed.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether no office is indexed.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Byte offset of office `i`'s haystack in `text`.
    fn start_of(&self, i: usize) -> usize {
        match i.checked_sub(1) {
            Some(prev) => self.ends.get(prev).copied().unwrap_or(0),
            None => 0,
        }
    }

    /// The compact haystack of office `i`, as bytes (no character-boundary checks).
    fn haystack_bytes(&self, i: usize) -> &[u8] {
        let start = self.start_of(i);
        let end = self.ends.get(i).copied().unwrap_or(start);
        self.text.as_bytes().get(start..end).unwrap_or_default()
    }

    /// Indices (into the slice the index was built from, ascending) of the offices matching
    /// the query; every office for an empty query.
    pub fn matching(&self, query: &Query) -> Vec<usize> {
        if query.is_empty() {
            return (0..self.len()).collect();
        }
        // The offices holding all the words' characters and pairs; the words those lists
        // cannot answer alone (three characters or more) are confirmed in each: where the
        // lists say the word starts, else by memchr's substring search (built once per query:
        // std's `str::find` has a SIMD path on x86_64 only, and in WebAssembly its generic
        // Two-Way search was slower than V8's `String.prototype.includes`; docs/performance.md).
        let words: Vec<&str> = query.words().collect();
        let lookup = self.grams.lookup(&words);
        let confirm: Vec<(&[u8], memmem::Finder<'_>)> = lookup
            .confirm()
            .map(|w| (w.as_bytes(), memmem::Finder::new(w)))
            .collect();
        let found = lookup.run();
        if confirm.is_empty() {
            return found.docs.into_iter().map(index_of).collect();
        }
        // Written by index, not pushed: with `opt-level = "z"` a push is a call.
        let text = self.text.as_bytes();
        let mut hits = vec![0; found.docs.len()];
        let mut n = 0;
        for (k, &doc) in found.docs.iter().enumerate() {
            let i = index_of(doc);
            let start = self.start_of(i);
            let mut all = true;
            for ((word, finder), guesses) in confirm.iter().zip(&found.guesses) {
                // Where the guess says: a match there cannot run into the next office, since
                // the haystack ends with a separator no word holds.
                let at = start.saturating_add(guesses.get(k).map_or(NO_GUESS, |&g| g) as usize);
                if text.get(at..at.saturating_add(word.len())) == Some(*word) {
                    continue;
                }
                if finder.find(self.haystack_bytes(i)).is_none() {
                    all = false;
                    break;
                }
            }
            if all {
                if let Some(slot) = hits.get_mut(n) {
                    *slot = i;
                }
                n += 1;
            }
        }
        hits.truncate(n);
        hits
    }
}

/// The office index of a document of the gram index (which numbers offices in order).
fn index_of(doc: Doc) -> usize {
    usize::try_from(doc).unwrap_or(usize::MAX)
}

/// The fields of an office the search looks in, in haystack order.
pub fn searched_fields(o: &Office) -> [&str; 7] {
    [
        &o.name_fa,
        &o.name_en,
        &o.code,
        &o.city_fa,
        &o.city_en,
        &o.address_fa,
        o.postal_code.as_deref().unwrap_or(""),
    ]
}

/// An [`OfficeIndex`] being built, one office per unit of work ([`OfficeIndex::builder`]).
pub struct OfficeIndexBuilder<'a> {
    offices: &'a [Office],
    index: OfficeIndex,
}

impl Sliced for OfficeIndexBuilder<'_> {
    type Output = OfficeIndex;

    fn step(&mut self, budget: &mut dyn Budget) -> bool {
        while let Some(o) = self.offices.get(self.index.len()) {
            self.index.push(o);
            if budget.spent() {
                break;
            }
        }
        self.index.len() == self.offices.len()
    }

    fn finish(mut self) -> OfficeIndex {
        while !self.step(&mut Unlimited) {}
        self.index.grams.finish();
        self.index
    }
}

/// Where a service matched a query. Variants are ordered best first: `ExactName <
/// NamePrefix < … < Unfiltered`, so sorting ascending puts the best matches on top.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ServiceMatch {
    /// The query is the whole Persian or English name (separators ignored).
    ExactName,
    /// A name starts with the query.
    NamePrefix,
    /// Every query word occurs in the Persian or in the English name.
    Name,
    /// Every query word occurs in the names and keywords together.
    Keyword,
    /// Every query word occurs somewhere, summaries included.
    Summary,
    /// The query is empty: every service is listed, none is a better match.
    Unfiltered,
}

/// Folds and compacts a field for matching.
fn key(text: &str) -> String {
    fold_compact(text)
}

/// How a service (its folded fields, [`ServiceKeys`]) matches a non-empty query, if at all.
fn service_match(
    (names, with_keywords, everything): &([String; 2], String, String),
    query: &Query,
) -> Option<ServiceMatch> {
    let q = query.compact();
    if names.iter().any(|n| n == q) {
        return Some(ServiceMatch::ExactName);
    }
    if names.iter().any(|n| n.starts_with(q)) {
        return Some(ServiceMatch::NamePrefix);
    }
    if names.iter().any(|n| query.matches_compact(n)) {
        return Some(ServiceMatch::Name);
    }
    if query.matches_compact(with_keywords) {
        return Some(ServiceMatch::Keyword);
    }
    query
        .matches_compact(everything)
        .then_some(ServiceMatch::Summary)
}

/// Services matching the query as `(index into services, how it matched)`, best match
/// first and ties in input order. An empty query lists every service in input order as
/// [`ServiceMatch::Unfiltered`], so a catalogue page can use this for its unfiltered view.
/// (A page that ranks on every keystroke keeps a [`ServiceKeys`] instead.)
pub fn rank_services(services: &[Service], query: &Query) -> Vec<(usize, ServiceMatch)> {
    ServiceKeys::new(services).rank(query)
}

/// The services' fields folded once for matching, so ranking them on a keystroke folds
/// only the query.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ServiceKeys {
    /// Per service: its Persian and English names, then the names and keywords, then all
    /// of it with the summaries (each tier searches what the better ones did and more).
    keys: Vec<([String; 2], String, String)>,
}

impl ServiceKeys {
    /// The keys of these services, in their order.
    pub fn new(services: &[Service]) -> ServiceKeys {
        let keys = services
            .iter()
            .map(|service| {
                let names = [key(&service.name_fa), key(&service.name_en)];
                let mut hay = names.join("\n");
                for k in &service.keywords_fa {
                    hay.push(FIELD_SEP);
                    hay.push_str(&key(k));
                }
                let mut all = hay.clone();
                for s in [&service.summary_fa, &service.summary_en] {
                    all.push(FIELD_SEP);
                    all.push_str(&key(s));
                }
                (names, hay, all)
            })
            .collect();
        ServiceKeys { keys }
    }

    /// [`rank_services`] over the services these keys were made from.
    pub fn rank(&self, query: &Query) -> Vec<(usize, ServiceMatch)> {
        if query.is_empty() {
            return (0..self.keys.len())
                .map(|i| (i, ServiceMatch::Unfiltered))
                .collect();
        }
        let mut ranked: Vec<(usize, ServiceMatch)> = self
            .keys
            .iter()
            .enumerate()
            .filter_map(|(i, k)| service_match(k, query).map(|m| (i, m)))
            .collect();
        // Stable sort keeps input order among equal matches.
        ranked.sort_by_key(|&(_, m)| m);
        ranked
    }
}

/// The service a typed text most likely names, for the search box's Enter: its index and how
/// well it fits ([`ServiceFit::Exact`]: the whole name or a whole keyword; [`ServiceFit::Name`]:
/// the words are in its name). Keyword and summary matches are suggestions, not intents.
pub fn service_intent(services: &[Service], query: &Query) -> Option<(usize, ServiceFit)> {
    if query.is_empty() {
        return None;
    }
    let q = query.compact();
    if let Some(i) = services
        .iter()
        .position(|s| s.keywords_fa.iter().any(|k| key(k) == q))
    {
        // A whole name is a better answer than a keyword another service also has.
        if let Some((j, ServiceMatch::ExactName)) = rank_services(services, query).first() {
            return Some((*j, ServiceFit::Exact));
        }
        return Some((i, ServiceFit::Exact));
    }
    if let Some((i, ServiceMatch::ExactName)) = rank_services(services, query).first() {
        return Some((*i, ServiceFit::Exact));
    }
    // Every typed word starts a word of the name («کارت هوش», "smart card"); a letter or two
    // inside a word («x» in "tax") is not a service someone means.
    if query
        .folded()
        .chars()
        .filter(|c| !c.is_whitespace())
        .count()
        < MIN_INTENT_CHARS
    {
        return None;
    }
    let starts_words = |name: &str| {
        let folded = fold(name);
        let words: Vec<&str> = folded.split(' ').collect();
        query
            .words()
            .all(|q| words.iter().any(|w| w.starts_with(q)))
    };
    services
        .iter()
        .position(|s| starts_words(&s.name_fa) || starts_words(&s.name_en))
        .map(|i| (i, ServiceFit::Name))
}

/// Shortest text (letters, without spaces) that can name a service by its words.
const MIN_INTENT_CHARS: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Channel;

    fn office(code: &str, name_fa: &str, name_en: &str, city_fa: &str, address_fa: &str) -> Office {
        Office {
            code: code.into(),
            name_fa: name_fa.into(),
            name_en: name_en.into(),
            city_fa: city_fa.into(),
            address_fa: address_fa.into(),
            ..Office::for_test(code, "IR-30")
        }
    }

    fn offices() -> Vec<Office> {
        vec![
            office(
                "10451",
                "دفتر پیشخوان دولت کرج",
                "Karaj Pishkhan",
                "كرج",
                "خیابان آزادی، پلاک ۱۲",
            ),
            office(
                "20017",
                "پیشخوان مهرشهر",
                "Mehrshahr Office",
                "کرج",
                "بلوار ارم",
            ),
            office(
                "30002",
                "دفتر خدمات الکترونیک تهران",
                "Tehran e-services",
                "تهران",
                "میدان آزادی",
            ),
            office("40004", "پیشخوان گرگان", "Gorgan", "گرگان", "خیابان ولی‌عصر"),
        ]
    }

    fn find(q: &str) -> Vec<usize> {
        OfficeIndex::new(&offices()).matching(&Query::new(q))
    }

    #[test]
    fn office_search_by_each_field() {
        assert_eq!(find("كرج"), [0, 1]);
        assert_eq!(find("karaj"), [0]);
        assert_eq!(find("KARAJ"), [0]);
        assert_eq!(find("۱۰۴۵۱"), [0]);
        assert_eq!(find("20017"), [1]);
        assert_eq!(find("مهرشهر"), [1]);
        assert_eq!(find("e-services"), [2]);
        assert_eq!(find("آزادی"), [0, 2]);
        assert_eq!(find("ازادي"), [0, 2]);
        assert_eq!(find("ولیعصر"), [3]);
        assert_eq!(find("ولی عصر"), [3]);
    }

    #[test]
    fn office_search_needs_every_word() {
        assert_eq!(find("آزادی کرج"), [0]);
        assert_eq!(find("پیشخوان کرج"), [0, 1]);
        assert_eq!(find("آزادی گرگان"), Vec::<usize>::new());
        // گ and ک stay different.
        assert_eq!(find("گرج"), Vec::<usize>::new());
    }

    #[test]
    fn office_search_never_crosses_offices_or_fields() {
        // "eservices" ends office 2's English name; "تهران" starts its city. No match across.
        assert_eq!(find("eservicesتهران"), Vec::<usize>::new());
        // The end of office 0 and the start of office 1.
        assert_eq!(find("12پیشخوان"), Vec::<usize>::new());
    }

    #[test]
    fn office_search_empty_query_lists_all() {
        assert_eq!(find(""), [0, 1, 2, 3]);
        assert_eq!(find(" ، "), [0, 1, 2, 3]);
        let empty = OfficeIndex::new(&[]);
        assert!(empty.is_empty());
        assert_eq!(empty.matching(&Query::new("x")), Vec::<usize>::new());
        assert_eq!(empty.matching(&Query::new("")), Vec::<usize>::new());
    }

    #[test]
    fn office_search_repeated_word_in_one_office_counted_once() {
        let index = OfficeIndex::new(&offices());
        assert_eq!(index.len(), 4);
        // «کرج» occurs twice in office 0 (name and city) and must not spill into office 1.
        assert_eq!(index.matching(&Query::new("کرج دفتر")), [0]);
        assert_eq!(index.matching(&Query::new("پیشخوان")), [0, 1, 3]);
        assert_eq!(index.matching(&Query::new("ر")), [0, 1, 2, 3]);
    }

    #[test]
    fn office_search_at_national_scale() {
        // Speed is the benchmark's to measure (scripts/bench.sh); this checks the result at
        // 13,000 offices only.
        let base = offices();
        let many: Vec<Office> = (0..13_000).map(|i| base[i % base.len()].clone()).collect();
        let index = OfficeIndex::new(&many);
        let hits = index.matching(&Query::new("آزادی کرج"));
        assert_eq!(hits.len(), 3_250);
    }

    /// The index as it was built before it could be built in slices: one loop over every
    /// office (the reference the sliced builder must equal).
    fn one_loop(offices: &[Office]) -> (String, Vec<usize>) {
        let mut text = String::new();
        let mut ends = Vec::new();
        for o in offices {
            for field in searched_fields(o) {
                text.push_str(&crate::domain::normalize::compact(&fold(field)));
                text.push(FIELD_SEP);
            }
            ends.push(text.len());
        }
        (text, ends)
    }

    #[test]
    fn the_index_built_in_slices_is_the_index_built_at_once() {
        let base = offices();
        let mut many: Vec<Office> = (0..103).map(|i| base[i % base.len()].clone()).collect();
        many[5].postal_code = Some("۱۲۳۴۵۶۷۸۹۰".into());
        for per_slice in [1, 2, 7, 100, 103, 1000] {
            let mut builder = OfficeIndex::builder(&many);
            let mut steps = 0;
            loop {
                let before = builder.index.len();
                let done = builder.step(&mut crate::domain::slices::Units(per_slice));
                let added = builder.index.len() - before;
                steps += 1;
                assert!(
                    added >= 1 && added <= per_slice,
                    "{per_slice}: {added} in one step"
                );
                if done {
                    break;
                }
            }
            assert_eq!(steps, many.len().div_ceil(per_slice), "{per_slice}");
            let index = builder.finish();
            assert_eq!((index.text.clone(), index.ends.clone()), one_loop(&many));
            assert_eq!(
                index.matching(&Query::new("آزادی کرج")),
                OfficeIndex::new(&many).matching(&Query::new("آزادی کرج"))
            );
        }
        // Nothing to index: done at the first step; finishing early finishes the job.
        assert!(OfficeIndex::builder(&[]).step(&mut crate::domain::slices::Units(1)));
        let early = OfficeIndex::builder(&many).finish();
        assert_eq!((early.text, early.ends), one_loop(&many));
    }

    fn service(
        id: &str,
        name_fa: &str,
        name_en: &str,
        keywords: &[&str],
        summary_fa: &str,
    ) -> Service {
        Service {
            id: id.into(),
            agency_id: "a".into(),
            name_fa: name_fa.into(),
            name_en: name_en.into(),
            summary_fa: summary_fa.into(),
            summary_en: String::new(),
            channels: vec![Channel::Pishkhan],
            documents_fa: Vec::new(),
            documents_en: Vec::new(),
            fee_rials: None,
            visits: None,
            duration_days: None,
            online_url: None,
            keywords_fa: keywords.iter().map(|k| k.to_string()).collect(),
            steps: Default::default(),
        }
    }

    fn services() -> Vec<Service> {
        vec![
            service(
                "s0",
                "تعویض پلاک",
                "Plate change",
                &["پلاک خودرو"],
                "برای گذرنامه لازم نیست",
            ),
            service("s1", "گذرنامه", "Passport", &[], ""),
            service(
                "s2",
                "گواهینامه",
                "Driving licence",
                &["گذرنامه رانندگی"],
                "",
            ),
            service(
                "s3",
                "کارت هوشمند ملی",
                "Smart national ID card",
                &["کارت ملی", "شناسنامه"],
                "صدور و تمدید کارت",
            ),
            service("s4", "گذرنامه زیارتی", "Pilgrim passport", &[], ""),
            service(
                "s5",
                "سوء پیشینه",
                "Criminal record",
                &["عدم سوء پیشینه"],
                "گواهی برای گذرنامه",
            ),
        ]
    }

    #[test]
    fn a_text_names_a_service_only_when_it_fits_well() {
        let all = services();
        let intent = |q: &str| service_intent(&all, &Query::new(q));
        assert_eq!(
            intent("گذرنامه"),
            Some((1, ServiceFit::Exact)),
            "whole name"
        );
        assert_eq!(
            intent("کارت ملی"),
            Some((3, ServiceFit::Exact)),
            "whole keyword"
        );
        assert_eq!(
            intent("كارت ملي"),
            Some((3, ServiceFit::Exact)),
            "Arabic letters"
        );
        assert_eq!(intent("passport"), Some((1, ServiceFit::Exact)));
        assert_eq!(
            intent("کارت هوش"),
            Some((3, ServiceFit::Name)),
            "name prefix"
        );
        assert_eq!(intent("پیشینه"), Some((5, ServiceFit::Name)));
        assert_eq!(
            intent("تمدید"),
            None,
            "only in a summary: a suggestion, not an intent"
        );
        assert_eq!(intent("ولیعصر"), None);
        assert_eq!(intent("x"), None, "a letter inside a word is not a service");
        assert_eq!(intent("ssport"), None, "not the start of a word");
        assert_eq!(
            intent("driv"),
            Some((2, ServiceFit::Name)),
            "the start of a word"
        );
        assert_eq!(intent(""), None);
    }

    #[test]
    fn postal_codes_are_searchable() {
        let mut o = office("10451", "دفتر", "Office", "کرج", "خیابان");
        o.postal_code = Some("3134567891".into());
        let index = OfficeIndex::new(&[o]);
        assert_eq!(index.matching(&Query::new("۳۱۳۴۵۶۷۸۹۱")), [0]);
        assert_eq!(index.matching(&Query::new("31345")), [0], "its district");
    }

    fn rank(q: &str) -> Vec<(usize, ServiceMatch)> {
        rank_services(&services(), &Query::new(q))
    }

    #[test]
    fn services_ranked_exact_then_prefix_then_keyword_then_summary() {
        use ServiceMatch::*;
        assert_eq!(
            rank("گذرنامه"),
            [
                (1, ExactName),
                (4, NamePrefix),
                (2, Keyword),
                (0, Summary),
                (5, Summary)
            ]
        );
    }

    #[test]
    fn services_name_words_in_any_order() {
        assert_eq!(rank("ملی کارت"), [(3, ServiceMatch::Name)]);
        assert_eq!(
            rank("Passport"),
            [(1, ServiceMatch::ExactName), (4, ServiceMatch::Name)]
        );
    }

    #[test]
    fn services_found_through_variants_and_english() {
        let arabic = rank("كارت ملي");
        assert_eq!(arabic.first().map(|&(i, _)| i), Some(3));
        let smart = rank("smart id");
        assert_eq!(smart, [(3, ServiceMatch::Name)]);
        assert_eq!(
            rank("SMART NATIONAL ID CARD"),
            [(3, ServiceMatch::ExactName)]
        );
        assert_eq!(rank("کارت هوشمند"), [(3, ServiceMatch::NamePrefix)]);
        assert_eq!(rank("شناسنامه"), [(3, ServiceMatch::Keyword)]);
        // Split between the name and a keyword.
        assert_eq!(rank("هوشمند شناسنامه"), [(3, ServiceMatch::Keyword)]);
        assert_eq!(rank("تمدید"), [(3, ServiceMatch::Summary)]);
        assert_eq!(rank("سوپیشینه"), [(5, ServiceMatch::ExactName)]);
        assert_eq!(rank("سوء‌پیشینه"), [(5, ServiceMatch::ExactName)]);
        assert!(rank("ویزا").is_empty());
    }

    #[test]
    fn services_empty_query_lists_all_in_order() {
        let all = rank("");
        assert_eq!(all.len(), services().len());
        assert!(all
            .iter()
            .enumerate()
            .all(|(i, &(j, m))| i == j && m == ServiceMatch::Unfiltered));
    }

    #[test]
    fn service_match_order() {
        use ServiceMatch::*;
        let mut kinds = [Unfiltered, Summary, Keyword, Name, NamePrefix, ExactName];
        kinds.sort();
        assert_eq!(
            kinds,
            [ExactName, NamePrefix, Name, Keyword, Summary, Unfiltered]
        );
    }
}
