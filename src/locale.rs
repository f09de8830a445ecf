//! The UI language, a leaf of the import graph: the model's bilingual helpers
//! (`Office::name(locale)`) and i18n both use it.

/// The UI language. Persian first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Locale {
    #[default]
    Fa,
    En,
}

impl Locale {
    /// BCP 47 code for `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Locale::Fa => "fa",
            Locale::En => "en",
        }
    }

    /// Text direction for `<html dir>`.
    pub fn dir(self) -> &'static str {
        match self {
            Locale::Fa => "rtl",
            Locale::En => "ltr",
        }
    }

    pub fn from_code(code: &str) -> Option<Locale> {
        match code.trim() {
            "fa" => Some(Locale::Fa),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The other locale (for the language switch).
    pub fn other(self) -> Locale {
        match self {
            Locale::Fa => Locale::En,
            Locale::En => Locale::Fa,
        }
    }

    /// Picks the text for this locale.
    pub fn t<'a>(self, fa: &'a str, en: &'a str) -> &'a str {
        match self {
            Locale::Fa => fa,
            Locale::En => en,
        }
    }

    /// Picks between two owned values for this locale.
    pub fn pick<T>(self, fa: T, en: T) -> T {
        match self {
            Locale::Fa => fa,
            Locale::En => en,
        }
    }
}
