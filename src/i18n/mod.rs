//! Localisation: the two locales, digits, number and date formatting, bilingual messages.
//!
//! Strings live beside the code that shows them as `locale.t("فارسی", "English")` pairs, so
//! no message can exist in one language only.

pub mod format;

pub use crate::locale::Locale;

/// A text in both languages, kept whole so that what shows it follows a language switch
/// (a notice raised in Persian reads in English after the switch).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub fa: &'static str,
    pub en: &'static str,
}

impl Text {
    /// A text in both languages.
    pub const fn new(fa: &'static str, en: &'static str) -> Text {
        Text { fa, en }
    }

    /// The text in this locale.
    pub fn get(self, locale: Locale) -> &'static str {
        locale.t(self.fa, self.en)
    }
}

pub mod labels;
pub mod messages;
