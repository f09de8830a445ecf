//! Alphabetical order for lists of names: Persian order in the Persian UI, and one entry per
//! name however the data spells it.
//!
//! Unicode puts «پ», «چ», «ژ», «گ» after the Arabic letters and Arabic «ك» before «ل», so a
//! list sorted by code point ends with «پاکدشت» and «گرمسار» and starts «كرج» in the middle.
//! Here a name is first passed through [`fold`] (the search key: Arabic and Persian letter
//! variants alike, آ as ا, diacritics, tatweel and invisible marks gone, digits ASCII, Latin
//! lowercase without accents), then weighed letter by letter in the Persian alphabet
//! ا ب پ ت ث ج چ ح خ د ذ ر ز ژ س ش ص ض ط ظ ع غ ف ق ک گ ل م ن و ه ی. Spaces, ZWNJ and
//! punctuation weigh nothing, so «نظر آباد» and «نظرآباد» sit together. A run of digits
//! (Persian, Arabic-Indic or ASCII) weighs by its value and comes before any letter; Latin comes
//! after Persian in the Persian UI and before it in the English UI. Names that weigh the same
//! are ordered by their code points, so the order is total: two names compare equal only when
//! they are the same text.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::normalize::fold;
use crate::locale::Locale;

/// The Persian alphabet in dictionary order, as [`fold`] leaves it: each letter stands for its
/// variants (ا for آ أ إ, ک for ك, ی for ي ى ئ, ه for ة ۀ, و for ؤ).
const ALPHABET: &str = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی";

/// Where the letters of [`ALPHABET`] are in the Arabic block (U+0600–U+06FF): the letter's
/// position in the alphabet plus one, 0 for a code point that is not one of them. A look-up
/// instead of a walk through the alphabet for every letter of every name: sorting 20,000
/// offices by city and name weighs a million letters.
const LETTER_WEIGHTS: [u8; 256] = {
    let mut table = [0u8; 256];
    let bytes = ALPHABET.as_bytes();
    let (mut at, mut weight) = (0, 1);
    while at + 1 < bytes.len() {
        // Every letter of the alphabet is two bytes of UTF-8 in U+0600–U+06FF: 110110xx 10xxxxxx.
        let code = ((bytes[at] as usize & 0x1f) << 6) | (bytes[at + 1] as usize & 0x3f);
        table[code - 0x600] = weight;
        at += 2;
        weight += 1;
    }
    table
};

/// A letter's weight in the alphabet (its position plus one), `None` for any other character.
fn letter_weight(c: char) -> Option<u32> {
    let code = (c as usize).checked_sub(0x600)?;
    match LETTER_WEIGHTS.get(code) {
        Some(&w) if w > 0 => Some(u32::from(w)),
        _ => None,
    }
}

/// Weight classes, in the high bits of a weight: digits, the UI's own script, the other
/// script, everything else. The end of the weighed part is 0, below them all.
const DIGITS: u32 = 1 << 24;
const OWN_SCRIPT: u32 = 2 << 24;
const OTHER_SCRIPT: u32 = 3 << 24;
const OTHER: u32 = 4 << 24;

/// The sort key of a name in a locale's order: compare keys to compare names. The weights of
/// the folded name, then 0, then the code points of the name as given (the tie-break).
pub fn key(locale: Locale, name: &str) -> Vec<u32> {
    let (persian, latin) = match locale {
        Locale::Fa => (OWN_SCRIPT, OTHER_SCRIPT),
        Locale::En => (OTHER_SCRIPT, OWN_SCRIPT),
    };
    let folded = fold(name);
    let mut out = Vec::with_capacity(folded.len() + name.len() + 1);
    let mut digits = String::new();
    for c in folded.chars().chain([' ']) {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        if !digits.is_empty() {
            // By value: the number of digits without leading zeros first, then the digits.
            let value = digits.trim_start_matches('0');
            out.push(DIGITS | value.len() as u32);
            out.extend(value.bytes().map(|d| DIGITS | u32::from(d)));
            digits.clear();
        }
        match letter_weight(c) {
            Some(w) => out.push(persian | w),
            None if c == ' ' => {}
            None if c.is_ascii_lowercase() => out.push(latin | u32::from(c)),
            None => out.push(OTHER | u32::from(c)),
        }
    }
    out.push(0);
    out.extend(name.chars().map(u32::from));
    out
}

/// Compares two names in a locale's order (see the module documentation).
pub fn cmp(locale: Locale, a: &str, b: &str) -> Ordering {
    key(locale, a).cmp(&key(locale, b))
}

/// Sorts items by a name in a locale's order (the name in that locale's language); stable.
pub fn sort_by_name<T>(items: &mut [T], locale: Locale, name: impl Fn(&T) -> &str) {
    items.sort_by_cached_key(|item| key(locale, name(item)));
}

/// One entry of a list of names: the spelling shown for all the spellings that fold alike,
/// an item with that spelling, and how many items have any of them.
#[derive(Debug, PartialEq)]
pub struct NameGroup<'a, T> {
    /// The first item with the spelling shown.
    pub item: &'a T,
    /// The spelling shown: the one in Persian letters (fewest Arabic ك ي ى ة), then the most
    /// frequent, then the first in code point order.
    pub name: &'a str,
    /// Items with any spelling of the name.
    pub count: usize,
}

/// Arabic letters a Persian spelling of the name would not have.
fn arabic_letters(name: &str) -> usize {
    name.chars()
        .filter(|c| matches!(c, 'ك' | 'ي' | 'ى' | 'ة'))
        .count()
}

/// Groups items whose names are equal under [`fold`] («پاکدشت», «پاكدشت»), one entry per
/// name with the summed count, in no particular order: sort them with [`sort_by_name`].
pub fn group_by_name<'a, T>(
    items: impl IntoIterator<Item = &'a T>,
    name: impl Fn(&'a T) -> &'a str,
) -> Vec<NameGroup<'a, T>> {
    let mut groups: BTreeMap<String, Vec<NameGroup<'a, T>>> = BTreeMap::new();
    for item in items {
        let spelling = name(item);
        let spellings = groups.entry(fold(spelling)).or_default();
        match spellings.iter_mut().find(|g| g.name == spelling) {
            Some(g) => g.count += 1,
            None => spellings.push(NameGroup {
                item,
                name: spelling,
                count: 1,
            }),
        }
    }
    groups
        .into_values()
        .filter_map(|spellings| {
            let count = spellings.iter().map(|g| g.count).sum();
            let shown = spellings.into_iter().min_by(|a, b| {
                arabic_letters(a.name)
                    .cmp(&arabic_letters(b.name))
                    .then(b.count.cmp(&a.count))
                    .then_with(|| a.name.cmp(b.name))
            })?;
            Some(NameGroup { count, ..shown })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_letter_table_is_the_alphabet() {
        // Each letter weighs its position in the alphabet plus one, every other code point of
        // the Arabic block and around it nothing (the walk through the alphabet it replaces).
        for c in ('\u{0}'..='\u{0800}').chain(['\u{FB8F}', '\u{FEFF}', '\u{1F600}']) {
            let walked = ALPHABET.chars().position(|p| p == c).map(|i| i as u32 + 1);
            assert_eq!(letter_weight(c), walked, "{c:?}");
        }
        assert_eq!(ALPHABET.chars().count(), 32);
        assert_eq!(letter_weight('ی'), Some(32));
    }

    fn sorted(locale: Locale, names: &[&str]) -> Vec<String> {
        let mut out: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        sort_by_name(&mut out, locale, |s| s);
        out
    }

    fn fa(names: &[&str]) -> Vec<String> {
        sorted(Locale::Fa, names)
    }

    /// The weighed part of a name's key in the Persian order, without the tie-break.
    fn weights(name: &str) -> Vec<u32> {
        let mut k = key(Locale::Fa, name);
        let end = k.iter().position(|&w| w == 0);
        assert!(end.is_some(), "{name:?}: no end of the weighed part");
        k.truncate(end.unwrap_or(0));
        k
    }

    #[test]
    fn persian_letters_follow_their_arabic_neighbours() {
        for (before, after) in [
            ("ب", "پ"),
            ("پ", "ت"),
            ("ج", "چ"),
            ("چ", "ح"),
            ("ز", "ژ"),
            ("ژ", "س"),
            ("ک", "گ"),
            ("گ", "ل"),
            ("ه", "ی"),
            ("کرمان", "گرمسار"),
            ("بابل", "پاکدشت"),
            ("جهرم", "چابهار"),
            ("زنجان", "ژاوه‌رود"),
        ] {
            assert_eq!(
                cmp(Locale::Fa, before, after),
                Ordering::Less,
                "{before} < {after}"
            );
            assert_eq!(
                cmp(Locale::Fa, after, before),
                Ordering::Greater,
                "{after} > {before}"
            );
        }
    }

    #[test]
    fn whole_alphabet_in_order() {
        // Written out apart from the table, with the variants after their letter.
        let order =
            "ا آ أ إ ب پ ت ث ج چ ح خ د ذ ر ز ژ س ش ص ض ط ظ ع غ ف ق ک ك گ ل م ن و ؤ ه ة ی ي ى ئ";
        let letters: Vec<&str> = order.split(' ').collect();
        assert_eq!(letters.len(), 32 + 9);
        let mut shuffled = letters.clone();
        shuffled.reverse();
        shuffled.rotate_left(11);
        sort_by_name(&mut shuffled, Locale::Fa, |s| s);
        let got: Vec<Vec<u32>> = shuffled.iter().map(|s| weights(s)).collect();
        let want: Vec<Vec<u32>> = letters.iter().map(|s| weights(s)).collect();
        assert_eq!(got, want, "{shuffled:?}");
        // 32 distinct weights, rising.
        let mut distinct = want.clone();
        distinct.dedup();
        assert_eq!(distinct.len(), 32);
        assert!(distinct.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn alef_variants_weigh_as_alef() {
        assert_eq!(weights("آب"), weights("اب"));
        assert_eq!(weights("أب"), weights("اب"));
        assert_eq!(weights("إبراهیم"), weights("ابراهیم"));
        // Among the «ا» words, not after them: آبادان between اب… and ات…
        assert_eq!(
            fa(&["اتابک", "آبادان", "ابهر"]),
            ["آبادان", "ابهر", "اتابک"]
        );
        // The same letters, آ or ا: deterministic, آ (U+0622) first.
        assert_eq!(fa(&["ازادی", "آزادی"]), ["آزادی", "ازادی"]);
    }

    #[test]
    fn arabic_spelling_sorts_with_the_persian_one() {
        let (arabic, persian) = ("كرج", "کرج");
        // Equal weights: only the tie-break tells them apart.
        assert_eq!(weights(arabic), weights(persian));
        assert_eq!(weights(arabic).len(), 3);
        assert_ne!(cmp(Locale::Fa, arabic, persian), Ordering::Equal);
        // Next to each other, between «کاشان» and «کرمان», whatever the input order.
        let list = ["کرمان", "كرج", "کاشان", "کرج"];
        let got = fa(&list);
        assert_eq!(got[0], "کاشان");
        assert_eq!(got[3], "کرمان");
        for (x, y) in [
            ("پاكدشت", "پاکدشت"),
            ("شهريار", "شهریار"),
            ("مدرسة", "مدرسه"),
            ("مؤسسه", "موسسه"),
            ("رئیس", "رییس"),
            ("علىآباد", "علی‌آباد"),
        ] {
            assert_eq!(weights(x), weights(y), "{x} {y}");
        }
    }

    #[test]
    fn karaj_is_in_its_persian_place_among_alborz_cities() {
        let cities = ["کرج", "فردیس", "نظرآباد", "هشتگرد", "اشتهارد", "طالقان"];
        assert_eq!(
            fa(&cities),
            ["اشتهارد", "طالقان", "فردیس", "کرج", "نظرآباد", "هشتگرد"]
        );
        // With Arabic kaf it is still fourth, not among the «ق»/«ل» words.
        let arabic = [
            "كرج",
            "فردیس",
            "نظرآباد",
            "هشتگرد",
            "اشتهارد",
            "طالقان",
            "قزوین",
            "لار",
        ];
        assert_eq!(fa(&arabic)[4], "كرج");
    }

    #[test]
    fn the_provinces_in_persian_order() {
        let provinces = [
            "مرکزی",
            "گیلان",
            "مازندران",
            "آذربایجان شرقی",
            "آذربایجان غربی",
            "کرمانشاه",
            "خوزستان",
            "فارس",
            "کرمان",
            "خراسان رضوی",
            "اصفهان",
            "سیستان و بلوچستان",
            "کردستان",
            "همدان",
            "چهارمحال و بختیاری",
            "لرستان",
            "ایلام",
            "کهگیلویه و بویراحمد",
            "بوشهر",
            "زنجان",
            "سمنان",
            "یزد",
            "هرمزگان",
            "تهران",
            "اردبیل",
            "قم",
            "قزوین",
            "گلستان",
            "خراسان شمالی",
            "خراسان جنوبی",
            "البرز",
        ];
        assert_eq!(
            fa(&provinces),
            [
                "آذربایجان شرقی",
                "آذربایجان غربی",
                "اردبیل",
                "اصفهان",
                "البرز",
                "ایلام",
                "بوشهر",
                "تهران",
                "چهارمحال و بختیاری",
                "خراسان جنوبی",
                "خراسان رضوی",
                "خراسان شمالی",
                "خوزستان",
                "زنجان",
                "سمنان",
                "سیستان و بلوچستان",
                "فارس",
                "قزوین",
                "قم",
                "کردستان",
                "کرمان",
                "کرمانشاه",
                "کهگیلویه و بویراحمد",
                "گلستان",
                "گیلان",
                "لرستان",
                "مازندران",
                "مرکزی",
                "هرمزگان",
                "همدان",
                "یزد",
            ]
        );
    }

    #[test]
    fn spaces_zwnj_tatweel_and_diacritics_weigh_nothing() {
        let forms = ["اسلام‌شهر", "اسلامشهر", "اسلام شهر", "اسلامـشهر", "اِسلام‌شَهر"];
        for f in forms {
            assert_eq!(weights(f), weights("اسلامشهر"), "{f:?}");
        }
        // Still a total order: each form has its own place, the same one every time.
        let once = fa(&forms);
        let mut again: Vec<&str> = forms.to_vec();
        again.reverse();
        assert_eq!(fa(&again), once);
        for pair in once.windows(2) {
            assert_eq!(
                cmp(Locale::Fa, &pair[0], &pair[1]),
                Ordering::Less,
                "{pair:?}"
            );
        }
        // A shorter name before its longer continuation.
        assert_eq!(fa(&["کرمانشاه", "کرمان"]), ["کرمان", "کرمانشاه"]);
    }

    #[test]
    fn digits_first_by_value_in_any_script() {
        assert_eq!(
            fa(&["منطقه ۱۰", "منطقه 2", "منطقه ٣", "منطقه ۱", "منطقه الف"]),
            ["منطقه ۱", "منطقه 2", "منطقه ٣", "منطقه ۱۰", "منطقه الف"]
        );
        assert_eq!(
            fa(&["آبادان", "۱۲ فروردین", "2 بهمن"]),
            ["2 بهمن", "۱۲ فروردین", "آبادان"]
        );
        // Leading zeros do not change the value; the tie-break keeps them apart.
        assert_eq!(weights("07"), weights("7"));
        assert_ne!(key(Locale::Fa, "07"), key(Locale::Fa, "7"));
        assert_ne!(cmp(Locale::Fa, "۲", "2"), Ordering::Equal);
        assert_eq!(fa(&["10", "9", "0", "00"]), ["0", "00", "9", "10"]);
    }

    #[test]
    fn latin_after_persian_in_persian_and_before_it_in_english() {
        let mixed = ["Karaj", "tehran", "کرج", "۳ راه", "Ābādān", "تهران"];
        assert_eq!(
            fa(&mixed),
            ["۳ راه", "تهران", "کرج", "Ābādān", "Karaj", "tehran"]
        );
        assert_eq!(
            sorted(Locale::En, &mixed),
            ["۳ راه", "Ābādān", "Karaj", "tehran", "تهران", "کرج"]
        );
        // Case-insensitive: «bushehr» between «Alborz» and «Chaharmahal».
        assert_eq!(
            sorted(Locale::En, &["Chaharmahal", "bushehr", "Alborz"]),
            ["Alborz", "bushehr", "Chaharmahal"]
        );
        assert_ne!(cmp(Locale::En, "Karaj", "karaj"), Ordering::Equal);
    }

    #[test]
    fn other_characters_last_but_ordered() {
        // Veh (ڤ) is no Persian letter: after Latin, by code point.
        assert_eq!(fa(&["ڤ", "z", "ی"]), ["ی", "z", "ڤ"]);
        assert_eq!(fa(&["", "ا"]), ["", "ا"]);
    }

    #[test]
    fn the_order_is_total_and_consistent() {
        let names = [
            "کرج",
            "كرج",
            "کرج ",
            "گرج",
            "قرچک",
            "قرچك",
            "Karaj",
            "karaj",
            "۱",
            "1",
            "١",
            "",
            "نظر آباد",
            "نظرآباد",
            "آباد",
            "اباد",
        ];
        for a in names {
            assert_eq!(cmp(Locale::Fa, a, a), Ordering::Equal);
            for b in names {
                assert_eq!(
                    cmp(Locale::Fa, a, b),
                    cmp(Locale::Fa, b, a).reverse(),
                    "{a:?} {b:?}"
                );
                if a != b {
                    assert_ne!(cmp(Locale::Fa, a, b), Ordering::Equal, "{a:?} {b:?}");
                }
                for c in names {
                    if cmp(Locale::Fa, a, b).is_lt() && cmp(Locale::Fa, b, c).is_lt() {
                        assert!(cmp(Locale::Fa, a, c).is_lt(), "{a:?} {b:?} {c:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn sort_is_stable_for_items_with_the_same_name() {
        let mut items = vec![("کرج", 1), ("تهران", 2), ("کرج", 3), ("آبادان", 4)];
        sort_by_name(&mut items, Locale::Fa, |i| i.0);
        assert_eq!(items, [("آبادان", 4), ("تهران", 2), ("کرج", 1), ("کرج", 3)]);
    }

    #[test]
    fn one_entry_per_name_with_the_summed_count() {
        let cities = [
            "پاكدشت",
            "پاکدشت",
            "تهران",
            "پاکدشت",
            "پاكدشت",
            "پاکدشت",
            "شهريار",
            "شهريار",
            "شهريار",
            "شهریار",
            "ورامین",
        ];
        let mut groups = group_by_name(cities.iter(), |c| c);
        sort_by_name(&mut groups, Locale::Fa, |g| g.name);
        let got: Vec<(&str, usize)> = groups.iter().map(|g| (g.name, g.count)).collect();
        // The Persian spelling is shown even when the Arabic one is more frequent.
        assert_eq!(
            got,
            [("پاکدشت", 5), ("تهران", 1), ("شهریار", 4), ("ورامین", 1)]
        );
        // The item is one with the spelling shown.
        assert!(groups.iter().all(|g| *g.item == g.name));
    }

    #[test]
    fn the_most_frequent_spelling_when_none_is_arabic() {
        let names = ["نظر آباد", "نظرآباد", "نظر آباد", "نظر‌آباد"];
        let groups = group_by_name(names.iter(), |c| c);
        assert_eq!(
            groups.len(),
            2,
            "ZWNJ and space fold alike, no space is another name"
        );
        let shown: Vec<(&str, usize)> = groups.iter().map(|g| (g.name, g.count)).collect();
        assert!(shown.contains(&("نظر آباد", 3)), "{shown:?}");
        assert!(shown.contains(&("نظرآباد", 1)), "{shown:?}");
        // Equally frequent: the first in code point order, whatever the input order.
        let a = group_by_name(["كرمان", "كرمان "].iter(), |c| c);
        let b = group_by_name(["كرمان ", "كرمان"].iter(), |c| c);
        assert_eq!(a.len(), 1);
        assert_eq!((a[0].name, a[0].count), (b[0].name, b[0].count));
        assert!(group_by_name(std::iter::empty::<&&str>(), |c| c).is_empty());
    }
}
