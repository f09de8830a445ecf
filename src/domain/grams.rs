//! An n-gram index over folded, compacted text: for every character and every pair of
//! adjacent characters, the documents (offices) whose text holds it, ascending, and for a pair
//! where in the document it first occurs.
//!
//! A query word can only occur in a document that holds all of its characters' pairs, so the
//! intersection of those lists is a short list of candidates, in place of a scan of every
//! document's text (issue 14: a keystroke costs what it finds, not the size of the country). A
//! word of one or two characters is answered by its list alone. A longer one is confirmed in
//! each candidate, and the pair's first occurrence says where to look first: the word starts
//! there in nearly every document, so confirming is one comparison, and only the rest need a
//! substring search ([`Candidate::guess`]).
//!
//! Characters are numbered on a small alphabet ([`char_id`]): the folded text of the API is
//! Persian letters, ASCII digits and lowercase Latin letters, each with its own number; any
//! other character shares a number with others, so its lists are candidates, never answers.
//!
//! A list held by more than a third of the documents is kept as one slot per document (its
//! first occurrence, or [`ABSENT`]): no larger than the sorted form, and a document is looked up
//! in it at once, which is what the lists of the commonest pairs (in «پیشخوان», say) need.

/// Number of character ids ([`char_id`] is below it).
const IDS: usize = 128;
/// First id shared by characters outside the alphabet.
const SHARED: u8 = 85;
/// Slot of a document a dense list does not hold.
const ABSENT: u16 = u16::MAX;
/// Position of a first occurrence too far into a document to be kept.
const FAR: u16 = u16::MAX - 1;

/// The id of a folded character, and whether the id is the character's alone.
pub fn char_id(c: char) -> (u8, bool) {
    let cp = c as u32;
    match c {
        '0'..='9' => (1 + (cp - '0' as u32) as u8, true),
        'a'..='z' => (11 + (cp - 'a' as u32) as u8, true),
        '\u{0621}'..='\u{064A}' => (37 + (cp - 0x0621) as u8, true),
        'پ' => (79, true),
        'چ' => (80, true),
        'ژ' => (81, true),
        'ک' => (82, true),
        'گ' => (83, true),
        'ی' => (84, true),
        _ => (
            SHARED + (cp % (IDS as u32 - u32::from(SHARED))) as u8,
            false,
        ),
    }
}

/// The list of a single character.
fn single(a: u8) -> usize {
    usize::from(a)
}

/// The list of a pair of characters.
fn pair(a: u8, b: u8) -> usize {
    IDS + usize::from(a) * IDS + usize::from(b)
}

/// Document numbers are `u32`: half the memory of `usize` lists on 64-bit hosts, and four
/// billion documents is more than any province will hold.
pub type Doc = u32;

/// The documents holding one gram.
#[derive(Clone, Debug, PartialEq)]
enum Postings {
    /// Ascending documents, and the byte offset of the gram's first occurrence in each.
    Sparse { docs: Vec<Doc>, at: Vec<u16> },
    /// Per document, the first occurrence or [`ABSENT`]; `len` documents hold the gram.
    Dense { at: Vec<u16>, len: usize },
}

impl Default for Postings {
    fn default() -> Self {
        Postings::Sparse {
            docs: Vec::new(),
            at: Vec::new(),
        }
    }
}

impl Postings {
    fn len(&self) -> usize {
        match self {
            Postings::Sparse { docs, .. } => docs.len(),
            Postings::Dense { len, .. } => *len,
        }
    }
}

/// The posting lists: `IDS` lists of single characters, then `IDS × IDS` of pairs.
#[derive(Clone, Debug, Default)]
pub struct GramIndex {
    lists: Vec<Postings>,
    /// Per list, the last document added to it, so a document is listed once per gram
    /// without sorting its grams (`Doc::MAX`: none yet). Dropped by [`GramIndex::finish`].
    last: Vec<Doc>,
    docs: Doc,
}

/// The documents holding every gram of a query ([`Lookup::run`]), ascending, and per word
/// to confirm ([`Lookup::confirm`], in that order) where in each document it would start.
#[derive(Debug, Default, PartialEq)]
pub struct Candidates {
    pub docs: Vec<Doc>,
    /// Per word to confirm, per document of `docs`: the byte offset in the document's text
    /// where the word starts if its rarest pair's first occurrence is part of it, else
    /// [`NO_GUESS`].
    pub guesses: Vec<Vec<u32>>,
}

/// A guess of [`Candidates::guesses`] that is not known.
pub const NO_GUESS: u32 = u32::MAX;

/// A query's words looked up in a [`GramIndex`]: the lists every match is in, and the words
/// those lists cannot answer alone.
pub struct Lookup<'i, 'w> {
    postings: Vec<&'i Postings>,
    /// The words to confirm, each with the list (an index into `postings`) that anchors its
    /// guess and that pair's byte offset in the word.
    confirm: Vec<(&'w str, Option<(usize, usize)>)>,
}

impl GramIndex {
    /// An empty index, ready for [`GramIndex::add_field`].
    pub fn new() -> GramIndex {
        GramIndex {
            lists: vec![Postings::default(); IDS + IDS * IDS],
            last: vec![Doc::MAX; IDS + IDS * IDS],
            docs: 0,
        }
    }

    fn note(&mut self, list: usize, doc: Doc, at: usize) {
        if let (Some(last), Some(Postings::Sparse { docs, at: ats })) =
            (self.last.get_mut(list), self.lists.get_mut(list))
        {
            if *last != doc {
                *last = doc;
                docs.push(doc);
                ats.push(u16::try_from(at).unwrap_or(FAR).min(FAR));
            }
        }
    }

    /// Adds one field of the current document (the next one once [`GramIndex::end_doc`] is
    /// called), which starts `start` bytes into the document's text: its characters and
    /// adjacent pairs. Pairs never span two fields.
    pub fn add_field(&mut self, compact: &str, start: usize) {
        let doc = self.docs;
        let mut prev: Option<(u8, usize)> = None;
        for (i, c) in compact.char_indices() {
            let (id, _) = char_id(c);
            self.note(single(id), doc, start + i);
            if let Some((p, at)) = prev {
                self.note(pair(p, id), doc, start + at);
            }
            prev = Some((id, i));
        }
    }

    /// Ends the current document.
    pub fn end_doc(&mut self) {
        self.docs += 1;
    }

    /// Frees what building needed, and keeps each list in its smaller form.
    pub fn finish(&mut self) {
        self.last = Vec::new();
        let n = usize::try_from(self.docs).unwrap_or(usize::MAX);
        for list in &mut self.lists {
            let dense = match list {
                Postings::Sparse { docs, at } if docs.len() > n / 3 => {
                    let mut slots = vec![ABSENT; n];
                    for (&d, &a) in docs.iter().zip(at.iter()) {
                        if let Some(slot) = usize::try_from(d).ok().and_then(|d| slots.get_mut(d)) {
                            *slot = a;
                        }
                    }
                    Some(Postings::Dense {
                        at: slots,
                        len: docs.len(),
                    })
                }
                Postings::Sparse { docs, at } => {
                    docs.shrink_to_fit();
                    at.shrink_to_fit();
                    None
                }
                Postings::Dense { .. } => None,
            };
            if let Some(dense) = dense {
                *list = dense;
            }
        }
    }

    fn list(&self, i: usize) -> &Postings {
        const EMPTY: &Postings = &Postings::Sparse {
            docs: Vec::new(),
            at: Vec::new(),
        };
        self.lists.get(i).unwrap_or(EMPTY)
    }

    /// Looks up a query's words (folded, compact, non-empty).
    pub fn lookup<'i, 'w>(&'i self, words: &[&'w str]) -> Lookup<'i, 'w> {
        // The query's distinct lists, and per word to confirm the anchor of its guess.
        let mut lists: Vec<usize> = Vec::new();
        let mut confirm = Vec::new();
        for &word in words {
            let mut own = true;
            let mut prev: Option<(u8, usize)> = None;
            let mut grams: Vec<(usize, usize)> = Vec::new();
            for (i, c) in word.char_indices() {
                let (id, is_own) = char_id(c);
                own &= is_own;
                if let Some((p, at)) = prev {
                    grams.push((pair(p, id), at));
                }
                prev = Some((id, i));
            }
            let single_char = grams.is_empty();
            if single_char {
                if let Some((id, _)) = prev {
                    grams.push((single(id), 0));
                }
            }
            // One character, or two, each with its own id: the list is the answer. A longer
            // word is confirmed in each candidate, so its two rarest pairs are all it needs
            // looked up: the rest would reject few documents the confirmation would not.
            let exact = own && grams.len() == 1;
            if !exact {
                grams.sort_by_key(|&(gram, _)| self.list(gram).len());
                grams.truncate(2);
            }
            let mut anchor = None;
            for &(gram, at) in &grams {
                let slot = lists.iter().position(|&l| l == gram).unwrap_or_else(|| {
                    lists.push(gram);
                    lists.len() - 1
                });
                // The rarest pair anchors the guess (grams are rarest first).
                anchor = anchor.or(Some((slot, at)));
            }
            if !exact {
                confirm.push((word, anchor.filter(|_| !single_char)));
            }
        }
        Lookup {
            postings: lists.iter().map(|&l| self.list(l)).collect(),
            confirm,
        }
    }
}

impl<'w> Lookup<'_, 'w> {
    /// The words each candidate must be confirmed to hold, in the order of
    /// [`Candidates::guesses`].
    pub fn confirm(&self) -> impl Iterator<Item = &'w str> + '_ {
        self.confirm.iter().map(|&(w, _)| w)
    }

    /// The documents holding every gram, with the guesses for the words to confirm. Each
    /// step is one tight loop over the candidates left: the rarest list's documents, kept
    /// where the next rarest holds them, and so on.
    pub fn run(&self) -> Candidates {
        let mut order: Vec<usize> = (0..self.postings.len()).collect();
        order.sort_by_key(|&i| self.postings.get(i).map_or(0, |p| p.len()));
        let mut order = order
            .into_iter()
            .filter_map(|i| self.postings.get(i).copied());
        let mut docs = match order.next() {
            Some(Postings::Sparse { docs, .. }) => docs.clone(),
            Some(Postings::Dense { at, len }) => {
                // Written by index, not pushed: with `opt-level = "z"` a push is a call.
                let mut docs = vec![0; *len];
                let mut n = 0;
                for (d, &a) in (0..).zip(at.iter()) {
                    if a != ABSENT {
                        if let Some(slot) = docs.get_mut(n) {
                            *slot = d;
                        }
                        n += 1;
                    }
                }
                docs.truncate(n);
                docs
            }
            None => Vec::new(),
        };
        for list in order {
            keep_held(&mut docs, list);
        }
        let guesses = self
            .confirm
            .iter()
            .map(|&(_, anchor)| match anchor {
                Some((slot, offset)) => self
                    .postings
                    .get(slot)
                    .map(|&list| guesses(&docs, list, offset))
                    .unwrap_or_else(|| vec![NO_GUESS; docs.len()]),
                None => vec![NO_GUESS; docs.len()],
            })
            .collect();
        Candidates { docs, guesses }
    }
}

/// Keeps the documents of `docs` (ascending) that `list` holds.
fn keep_held(docs: &mut Vec<Doc>, list: &Postings) {
    let mut kept = 0;
    match list {
        Postings::Dense { at, .. } => {
            for r in 0..docs.len() {
                let d = docs[r];
                if at.get(d as usize).is_some_and(|&a| a != ABSENT) {
                    docs[kept] = d;
                    kept += 1;
                }
            }
        }
        Postings::Sparse { docs: held, .. } => {
            let mut from = 0;
            for r in 0..docs.len() {
                let d = docs[r];
                let (hit, step) = gallop(held.get(from..).unwrap_or(&[]), d);
                from += step;
                if hit {
                    docs[kept] = d;
                    kept += 1;
                }
            }
        }
    }
    docs.truncate(kept);
}

/// Per document of `docs` (each held by `list`), where a word whose pair `list` is, `offset`
/// bytes into the word, would start: the pair's first occurrence less the offset.
fn guesses(docs: &[Doc], list: &Postings, offset: usize) -> Vec<u32> {
    let offset = u32::try_from(offset).unwrap_or(NO_GUESS);
    let guess = |a: u16| {
        if a < FAR {
            u32::from(a).checked_sub(offset).unwrap_or(NO_GUESS)
        } else {
            NO_GUESS
        }
    };
    let mut out = vec![NO_GUESS; docs.len()];
    match list {
        Postings::Dense { at, .. } => {
            for (o, &d) in out.iter_mut().zip(docs) {
                *o = at.get(d as usize).map_or(NO_GUESS, |&a| guess(a));
            }
        }
        Postings::Sparse { docs: held, at } => {
            let mut from = 0;
            for (o, &d) in out.iter_mut().zip(docs) {
                let (hit, step) = gallop(held.get(from..).unwrap_or(&[]), d);
                from += step;
                if let (true, Some(&a)) = (hit, at.get(from)) {
                    *o = guess(a);
                }
            }
        }
    }
    out
}

/// Whether `target` is in the ascending `list`, and the position of the first element not
/// below it: an exponential then binary search, so a walk through a list in order costs the
/// log of each step rather than of the whole list.
fn gallop(list: &[Doc], target: Doc) -> (bool, usize) {
    let mut hi = 1;
    while list.get(hi - 1).is_some_and(|&d| d < target) {
        hi *= 2;
    }
    let lo = hi / 2;
    let hi = hi.min(list.len());
    let slice = list.get(lo.min(hi)..hi).unwrap_or(&[]);
    match slice.binary_search(&target) {
        Ok(i) => (true, lo + i),
        Err(i) => (false, lo + i),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(docs: &[&[&str]]) -> GramIndex {
        let mut g = GramIndex::new();
        for fields in docs {
            let mut start = 0;
            for f in *fields {
                g.add_field(f, start);
                start += f.len() + 1;
            }
            g.end_doc();
        }
        g.finish();
        g
    }

    /// The candidates of one word, whether they are the answer, and the guesses.
    fn candidates(g: &GramIndex, word: &str) -> (Vec<Doc>, bool, Vec<u32>) {
        let lookup = g.lookup(&[word]);
        let exact = lookup.confirm().next().is_none();
        let found = lookup.run();
        let guesses = found.guesses.first().cloned().unwrap_or_default();
        (found.docs, exact, guesses)
    }

    #[test]
    fn the_alphabet_has_one_id_per_letter() {
        let letters: Vec<char> = ('0'..='9')
            .chain('a'..='z')
            .chain('\u{0621}'..='\u{064A}')
            .chain(['پ', 'چ', 'ژ', 'ک', 'گ', 'ی'])
            .collect();
        assert!(letters.iter().all(|&c| char_id(c).1));
        let mut ids: Vec<u8> = letters.iter().map(|&c| char_id(c).0).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), letters.len());
        assert!(ids.iter().all(|&i| i > 0 && i < SHARED));
        for c in ['ß', 'Ж', '中', 'ە', '\u{10FFFF}'] {
            let (id, own) = char_id(c);
            assert!(!own && usize::from(id) < IDS && id >= SHARED, "{c}");
        }
    }

    #[test]
    fn short_words_are_answered_by_their_lists() {
        // Three documents, and a fourth where «ر» is rare enough to stay a sorted list.
        let g = index(&[&["کرج", "karaj"], &["تهران"], &["رج"], &["x"]]);
        assert_eq!(candidates(&g, "ر"), (vec![0, 1, 2], true, vec![]));
        assert_eq!(candidates(&g, "رج"), (vec![0, 2], true, vec![]));
        assert_eq!(candidates(&g, "ka"), (vec![0], true, vec![]));
        assert_eq!(candidates(&g, "q"), (vec![], true, vec![]));
        assert_eq!(candidates(&g, "جر"), (vec![], true, vec![]));
    }

    #[test]
    fn longer_words_are_candidates_with_a_guess_of_where_they_start() {
        // «کرج» starts at byte 0 of document 0; "raj" 2 bytes into "karaj", which starts
        // 7 bytes in (after «کرج» and a separator).
        let g = index(&[&["کرج", "karaj"], &["کر", "جا"], &["aj", "rajab"]]);
        let (docs, exact, guesses) = candidates(&g, "کرج");
        assert!(!exact);
        // Document 1 has «ر» and «ج» side by side only across two fields: not a candidate.
        assert_eq!((docs, guesses), (vec![0], vec![0]));
        let (docs, exact, guesses) = candidates(&g, "raj");
        assert!(!exact);
        assert_eq!(docs, vec![0, 2]);
        // The rarest pair anchors: "ra" and "aj" are both in 0 and 2; either gives the start.
        assert_eq!(guesses, vec![9, 3]);
    }

    #[test]
    fn a_guess_is_only_a_guess() {
        // "ab" first occurs at 0 and anchors (its list is no longer than "bc"'s), but "abc"
        // starts at 3: the guess is wrong, and the caller confirms with a search.
        let g = index(&[&["abxabc"]]);
        assert_eq!(candidates(&g, "abc"), (vec![0], false, vec![0]));
    }

    #[test]
    fn pairs_never_span_fields_and_docs_are_listed_once() {
        let g = index(&[&["ab", "cd"], &["abab"], &["zz"], &["zz"]]);
        assert_eq!(candidates(&g, "bc").0, Vec::<Doc>::new());
        assert_eq!(candidates(&g, "ab").0, vec![0, 1]);
        assert_eq!(g.list(pair(char_id('a').0, char_id('b').0)).len(), 2);
    }

    #[test]
    fn characters_outside_the_alphabet_give_candidates_only() {
        let g = index(&[&["中文"], &["ab"]]);
        let lookup = g.lookup(&["中"]);
        assert_eq!(lookup.confirm().collect::<Vec<_>>(), ["中"]);
        assert!(lookup.run().docs.contains(&0));
    }

    #[test]
    fn dense_and_sparse_lists_give_the_same_documents() {
        // "ab" in every document (dense), "cd" in a few (sparse).
        let docs: Vec<Vec<String>> = (0..60)
            .map(|i| {
                let mut f = vec![format!("ab{i}")];
                if i % 7 == 0 {
                    f.push("cd".into());
                }
                f
            })
            .collect();
        let mut g = GramIndex::new();
        for fields in &docs {
            let mut start = 0;
            for f in fields {
                g.add_field(f, start);
                start += f.len() + 1;
            }
            g.end_doc();
        }
        g.finish();
        assert!(matches!(
            g.list(pair(char_id('a').0, char_id('b').0)),
            Postings::Dense { .. }
        ));
        assert!(matches!(
            g.list(pair(char_id('c').0, char_id('d').0)),
            Postings::Sparse { .. }
        ));
        let want: Vec<Doc> = (0..60).filter(|i| i % 7 == 0).collect();
        let found = g.lookup(&["ab", "cd"]).run();
        assert_eq!(found.docs, want);
        assert_eq!(g.lookup(&["ab"]).run().docs, (0..60).collect::<Vec<Doc>>());
        let found = g.lookup(&["abc"]).run();
        assert_eq!(found.docs, Vec::<Doc>::new());
        // "b1" in «ab1» and «ab10»…«ab19».
        let found = g.lookup(&["b1"]).run();
        assert_eq!(
            found.docs,
            [1].into_iter().chain(10..20).collect::<Vec<Doc>>()
        );
    }

    #[test]
    fn far_positions_are_no_guess() {
        let long = "a".repeat(70_000) + "xy";
        let g = index(&[&[&long]]);
        let found = g.lookup(&["axy"]).run();
        assert_eq!(found.docs, vec![0]);
        assert_eq!(found.guesses, vec![vec![NO_GUESS]]);
    }

    #[test]
    fn galloping_finds_each_position() {
        let a: Vec<Doc> = (0..1000).step_by(3).collect();
        for t in [0, 1, 2, 3, 998, 999, 1000, 5000] {
            let (found, at) = gallop(&a, t);
            assert_eq!(found, a.contains(&t), "{t}");
            assert_eq!(at, a.partition_point(|&d| d < t), "{t}");
        }
        assert_eq!(gallop(&[], 3), (false, 0));
    }
}
