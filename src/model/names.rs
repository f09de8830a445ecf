//! The bilingual fields of the contract, read in one language: `office.name(locale)` instead
//! of picking between `name_fa` and `name_en` at each call. An English field that is missing
//! or blank falls back to the Persian one (the contract makes Persian the one always given).

use super::{Agency, Closure, ClosureOrder, DataSource, Licence, Office, Province, Service};
use crate::locale::Locale;

/// `en` when the locale is English and it has text, else `fa`.
fn pick<'a>(locale: Locale, fa: &'a str, en: &'a str) -> &'a str {
    match locale {
        Locale::En if !en.trim().is_empty() => en,
        _ => fa,
    }
}

impl Office {
    /// The office's name.
    pub fn name(&self, locale: Locale) -> &str {
        pick(locale, &self.name_fa, &self.name_en)
    }

    /// The office's city.
    pub fn city(&self, locale: Locale) -> &str {
        pick(locale, &self.city_fa, &self.city_en)
    }
}

impl Province {
    /// The province's name.
    pub fn name(&self, locale: Locale) -> &str {
        pick(locale, &self.name_fa, &self.name_en)
    }
}

impl Service {
    /// The service's name.
    pub fn name(&self, locale: Locale) -> &str {
        pick(locale, &self.name_fa, &self.name_en)
    }

    /// The service's one-paragraph summary.
    pub fn summary(&self, locale: Locale) -> &str {
        pick(locale, &self.summary_fa, &self.summary_en)
    }
}

impl Agency {
    /// The agency's name.
    pub fn name(&self, locale: Locale) -> &str {
        pick(locale, &self.name_fa, &self.name_en)
    }
}

impl DataSource {
    /// The source's name.
    pub fn name(&self, locale: Locale) -> &str {
        pick(locale, &self.name_fa, &self.name_en)
    }
}

impl ClosureOrder {
    /// Why offices are closed.
    pub fn reason(&self, locale: Locale) -> &str {
        pick(locale, &self.reason_fa, &self.reason_en)
    }
}

impl Closure {
    /// Why the office is closed.
    pub fn reason(&self, locale: Locale) -> &str {
        pick(locale, &self.reason_fa, &self.reason_en)
    }
}

impl Licence {
    /// The holder's name (`holder_en` may be `null`: then the Persian one).
    pub fn holder(&self, locale: Locale) -> &str {
        pick(
            locale,
            &self.holder_fa,
            self.holder_en.as_deref().unwrap_or_default(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_falls_back_to_persian_when_blank() {
        assert_eq!(pick(Locale::En, "تهران", "Tehran"), "Tehran");
        assert_eq!(pick(Locale::Fa, "تهران", "Tehran"), "تهران");
        assert_eq!(pick(Locale::En, "تهران", "  "), "تهران");
        assert_eq!(pick(Locale::En, "تهران", ""), "تهران");
    }
}
