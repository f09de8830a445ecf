//! Persian text helpers: digits, the Arabic letter variants real data carries, and choosing
//! the standard Persian form of a place name among GeoNames' alternate names.

/// Writes ASCII digits as Persian digits (`۰`–`۹`), leaving everything else as is.
pub fn persian_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(0x06F0 + (c as u32 - '0' as u32)).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The Arabic-letter spelling many Iranian databases still hold: `ي` for `ی` and `ك` for `ک`.
pub fn arabic_variant(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'ی' => 'ي',
            'ک' => 'ك',
            other => other,
        })
        .collect()
}

/// Letters of Kurdish, Urdu or Arabic-only spellings that mark a GeoNames name as not Persian.
const FOREIGN_LETTERS: &str = "ہەێھۆڵڕےٹڈڑںۇۋۊېىأإةؤٱ";

/// Letters (and the space and ZWNJ) a standard Persian place name is written with.
const PERSIAN_LETTERS: &str = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیئءۀ \u{200c}";

/// Brings a candidate to standard Persian letters: Arabic kaf/yeh become Persian, diacritics go,
/// runs of spaces collapse. `None` when the name is not a plain Persian spelling.
fn standardise(candidate: &str) -> Option<String> {
    if candidate.chars().any(|c| FOREIGN_LETTERS.contains(c)) {
        return None;
    }
    let letters: String = candidate
        .chars()
        .filter(|c| !matches!(*c as u32, 0x064B..=0x065F | 0x0670))
        .map(|c| match c {
            'ك' => 'ک',
            'ي' => 'ی',
            other => other,
        })
        .collect();
    let name = letters.split_whitespace().collect::<Vec<_>>().join(" ");
    (!name.is_empty() && name.chars().all(|c| PERSIAN_LETTERS.contains(c))).then_some(name)
}

/// The consonant skeleton of a Persian name, in a shared code with [`latin_skeleton`].
/// Vowel letters (`ا و ی`) and `ع ء ئ` are left out: romanisations mark them inconsistently.
fn persian_skeleton(name: &str) -> Vec<u8> {
    name.chars()
        .filter_map(|c| {
            Some(match c {
                'ب' => b'B',
                'پ' => b'P',
                'ت' | 'ط' => b'T',
                'ث' | 'س' | 'ص' => b'S',
                'ج' => b'J',
                'چ' => b'C',
                'ح' | 'ه' | 'ۀ' => b'H',
                'خ' => b'X',
                'د' => b'D',
                'ذ' | 'ز' | 'ض' | 'ظ' => b'Z',
                'ر' => b'R',
                'ژ' => b'Y',
                'ش' => b'W',
                'غ' | 'ق' => b'Q',
                'ف' => b'F',
                'ک' => b'K',
                'گ' => b'G',
                'ل' => b'L',
                'م' => b'M',
                'ن' => b'N',
                _ => return None,
            })
        })
        .collect()
}

/// The consonant skeleton of a romanised (GeoNames) name; diacritics are dropped first.
fn latin_skeleton(name: &str) -> Vec<u8> {
    let letters: Vec<char> = name
        .chars()
        .map(fold_latin)
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < letters.len() {
        let pair = letters.get(i + 1).map(|next| (letters[i], *next));
        let digraph = match pair {
            Some(('k', 'h')) => Some(b'X'),
            Some(('s', 'h')) => Some(b'W'),
            Some(('c', 'h')) => Some(b'C'),
            Some(('z', 'h')) => Some(b'Y'),
            Some(('g', 'h')) => Some(b'Q'),
            _ => None,
        };
        if let Some(code) = digraph {
            out.push(code);
            i += 2;
            continue;
        }
        if let Some(code) = match letters[i] {
            'b' => Some(b'B'),
            'p' => Some(b'P'),
            't' => Some(b'T'),
            's' => Some(b'S'),
            'j' => Some(b'J'),
            'h' => Some(b'H'),
            'd' => Some(b'D'),
            'z' => Some(b'Z'),
            'r' => Some(b'R'),
            'f' => Some(b'F'),
            'q' => Some(b'Q'),
            'k' | 'c' => Some(b'K'),
            'g' => Some(b'G'),
            'l' => Some(b'L'),
            'm' => Some(b'M'),
            'n' => Some(b'N'),
            _ => None,
        } {
            out.push(code);
        }
        i += 1;
    }
    out
}

/// Folds the Latin letters with diacritics GeoNames uses to their base letter; combining marks
/// and other non-ASCII characters are dropped by the caller.
fn fold_latin(c: char) -> char {
    match c {
        'ā' | 'á' | 'à' | 'â' | 'Ā' | 'Á' => 'a',
        'ē' | 'é' | 'É' => 'e',
        'ī' | 'í' | 'Ī' | 'Í' => 'i',
        'ō' | 'ó' | 'Ō' => 'o',
        'ū' | 'ú' | 'Ū' => 'u',
        'ḩ' | 'ḥ' | 'Ḩ' | 'Ḥ' => 'h',
        'ş' | 'ṣ' | 'Ş' | 'Ṣ' => 's',
        'ţ' | 'ṭ' | 'Ţ' | 'Ṭ' => 't',
        'ẕ' | 'ẓ' | 'Ẕ' | 'Ẓ' => 'z',
        other => other,
    }
}

/// Length of the longest common subsequence of two skeletons.
fn common_subsequence(a: &[u8], b: &[u8]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Chooses the standard Persian name of a place among GeoNames' alternate names.
///
/// GeoNames lists old names, Kurdish, Urdu and Arabic spellings and admin-area names side by
/// side (Mashhad's first entry is «سناباد»). Candidates in foreign letters are dropped, the rest
/// are standardised and scored by how well their consonants match the romanised name;
/// ties go to a name that was already in Persian letters, then to list order.
pub fn standard_place_name(name_en: &str, names_fa: &[String]) -> Option<String> {
    let target = latin_skeleton(name_en);
    let mut best: Option<((i64, bool, i64), String)> = None;
    for (index, raw) in names_fa.iter().enumerate() {
        let Some(name) = standardise(raw) else {
            continue;
        };
        let skeleton = persian_skeleton(&name);
        let shared = common_subsequence(&target, &skeleton) as i64;
        let score = (
            2 * shared - target.len() as i64 - skeleton.len() as i64,
            &name == raw,
            -(index as i64),
        );
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, name));
        }
    }
    best.map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn digits_and_variants() {
        assert_eq!(persian_digits("کد 10451"), "کد ۱۰۴۵۱");
        assert_eq!(arabic_variant("کرج، خیابان"), "كرج، خيابان");
    }

    #[test]
    fn picks_the_standard_form() {
        assert_eq!(
            standard_place_name("Mashhad", &names(&["سناباد", "مشهد", "مشہد", "مەشھەد"]))
                .as_deref(),
            Some("مشهد")
        );
        assert_eq!(
            standard_place_name("Karaj", &names(&["قَصَبِهِ كَرَج", "كرج", "کرج", "کەرەج"])).as_deref(),
            Some("کرج")
        );
        assert_eq!(
            standard_place_name(
                "Isfahan",
                &names(&["أصفهان", "ئسفأھان", "ئەسفەھان", "اصفهان", "اصفہان"])
            )
            .as_deref(),
            Some("اصفهان")
        );
        assert_eq!(
            standard_place_name("Shahrud", &names(&["اِمامشَهر", "شارود", "شاهرود"])).as_deref(),
            Some("شاهرود")
        );
        assert_eq!(
            standard_place_name("Kashan", &names(&["كاشان"])).as_deref(),
            Some("کاشان")
        );
        assert_eq!(standard_place_name("Nowhere", &names(&["ئەسفەھان"])), None);
    }
}
