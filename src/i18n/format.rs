//! Locale-aware formatting of numbers, money, dates and times, and parsing of typed dates.
//!
//! Persian (`fa`) uses Persian digits ۰–۹, the Arabic thousands separator ٬ (U+066C) and
//! decimal separator ٫ (U+066B), and the Jalali calendar; English (`en`) uses ASCII digits,
//! `,` and `.`, and the Gregorian calendar. Everything here is deterministic (no browser
//! `Intl`), so it is tested natively.

use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday};

use super::Locale;
use crate::domain::jalali;
use crate::model::TimeOfDay;

/// Persian thousands separator (ARABIC THOUSANDS SEPARATOR).
pub const FA_THOUSANDS: char = '\u{066C}';
/// Persian decimal separator (ARABIC DECIMAL SEPARATOR).
pub const FA_DECIMAL: char = '\u{066B}';
/// Persian percent sign (ARABIC PERCENT SIGN).
pub const FA_PERCENT: char = '\u{066A}';
/// Minus sign for Persian text, as in CLDR `fa`: LEFT-TO-RIGHT MARK then MINUS SIGN, so the
/// sign stays on the left of the number inside right-to-left text.
pub const FA_MINUS: &str = "\u{200E}\u{2212}";
/// Shown instead of a number that is not finite (NaN or infinite).
pub const NOT_A_NUMBER: &str = "—";

/// Replaces ASCII digits by Persian digits in `fa`; returns the text unchanged in `en`.
pub fn digits(locale: Locale, s: &str) -> String {
    match locale {
        Locale::En => s.to_string(),
        Locale::Fa => s
            .chars()
            .map(|c| match c.to_digit(10) {
                Some(d) if c.is_ascii_digit() => char::from_u32(0x06F0 + d).unwrap_or(c),
                _ => c,
            })
            .collect(),
    }
}

/// The ASCII digit of a digit in any of the three scripts people type (ASCII, Persian ۰–۹,
/// Arabic-Indic ٠–٩); `None` for anything else. The one digit converter of the crate.
pub fn ascii_digit(c: char) -> Option<char> {
    let value = match u32::from(c) {
        u @ 0x30..=0x39 => u - 0x30,
        u @ 0x06F0..=0x06F9 => u - 0x06F0,
        u @ 0x0660..=0x0669 => u - 0x0660,
        _ => return None,
    };
    char::from_digit(value, 10)
}

/// Replaces Persian (۰–۹) and Arabic-Indic (٠–٩) digits by ASCII digits, for parsing what
/// users type. Other characters are kept.
pub fn to_ascii_digits(s: &str) -> String {
    s.chars().map(|c| ascii_digit(c).unwrap_or(c)).collect()
}

/// Inserts `sep` between groups of three in a string of ASCII digits.
fn group(ascii_digits: &str, sep: char) -> String {
    let len = ascii_digits.len();
    let mut out = String::with_capacity(len + len / 3 * sep.len_utf8());
    for (i, c) in ascii_digits.chars().enumerate() {
        if i > 0 && (len - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// The thousands separator of the locale.
fn thousands_sep(locale: Locale) -> char {
    locale.pick(FA_THOUSANDS, ',')
}

/// A non-negative integer with digit grouping: fa «۱۲٬۳۴۵», en "12,345".
pub fn integer(locale: Locale, n: u64) -> String {
    digits(locale, &group(&n.to_string(), thousands_sep(locale)))
}

/// A signed integer with digit grouping; negative numbers take `-` in en and [`FA_MINUS`]
/// in fa.
pub fn signed(locale: Locale, n: i64) -> String {
    let abs = integer(locale, n.unsigned_abs());
    if n < 0 {
        format!("{}{abs}", minus(locale))
    } else {
        abs
    }
}

/// A count of things (`usize`), grouped like [`integer`].
pub fn count(locale: Locale, n: usize) -> String {
    integer(locale, u64::try_from(n).unwrap_or(u64::MAX))
}

/// The English noun for a count: `one` for 1, `many` otherwise (Persian nouns do not change
/// with the count, so the Persian text is one form).
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// "n thing(s)" in the locale: «۳ دفتر», "3 offices", "1 office".
pub fn counted(locale: Locale, n: usize, fa: &str, en_one: &str, en_many: &str) -> String {
    let noun = match locale {
        Locale::Fa => fa,
        Locale::En => plural(n, en_one, en_many),
    };
    format!("{} {noun}", count(locale, n))
}

/// "2 of 3 provinces loaded" / «۲ از ۳ استان بارگذاری شد».
pub fn provinces_loaded(locale: Locale, done: usize, total: usize) -> String {
    match locale {
        Locale::Fa => format!(
            "{} از {} استان بارگذاری شد",
            count(locale, done),
            count(locale, total)
        ),
        Locale::En => format!(
            "{} of {} {} loaded",
            count(locale, done),
            count(locale, total),
            plural(total, "province", "provinces")
        ),
    }
}

/// The minus sign of the locale.
fn minus(locale: Locale) -> &'static str {
    locale.pick(FA_MINUS, "-")
}

/// A number with exactly `places` decimals (rounded half to even on the binary value, as
/// Rust's `{:.N}` does) and digit grouping: fa «۱۲٬۳۴۵٫۶۷», en "12,345.67". A value that
/// rounds to zero has no minus sign; NaN and infinities give [`NOT_A_NUMBER`].
pub fn decimal(locale: Locale, x: f64, places: usize) -> String {
    if !x.is_finite() {
        return NOT_A_NUMBER.to_string();
    }
    let plain = format!("{:.*}", places, x.abs());
    let (int_part, frac_part) = plain.split_once('.').unwrap_or((plain.as_str(), ""));
    let mut out = String::new();
    if x < 0.0 && plain.bytes().any(|b| matches!(b, b'1'..=b'9')) {
        out.push_str(minus(locale));
    }
    out.push_str(&group(int_part, thousands_sep(locale)));
    if !frac_part.is_empty() {
        out.push(locale.pick(FA_DECIMAL, '.'));
        out.push_str(frac_part);
    }
    digits(locale, &out)
}

/// A distance with one decimal and the unit: fa «۱٫۲ کیلومتر», en "1.2 km".
pub fn km(locale: Locale, km: f64) -> String {
    format!("{} {}", decimal(locale, km, 1), locale.t("کیلومتر", "km"))
}

/// A search radius: whole kilometres without decimals (fa «۲۵ کیلومتر», en "25 km"), others
/// with one ("2.5 km").
pub fn radius(locale: Locale, km_value: f64) -> String {
    if km_value.fract() == 0.0 && km_value.abs() < 1e6 {
        format!(
            "{} {}",
            integer(locale, km_value as u64),
            locale.t("کیلومتر", "km")
        )
    } else {
        km(locale, km_value)
    }
}

/// A share (0..1) as a percentage with `places` decimals: fa «۴۵٪», en "45%".
pub fn percent(locale: Locale, share: f64, places: usize) -> String {
    let n = decimal(locale, share * 100.0, places);
    if n == NOT_A_NUMBER {
        return n;
    }
    format!("{n}{}", locale.pick(FA_PERCENT, '%'))
}

/// A number of days: fa «۵ روز», en "5 days" / "1 day".
pub fn days(locale: Locale, n: i64) -> String {
    match locale {
        Locale::Fa => format!("{} روز", signed(locale, n)),
        Locale::En if n == 1 => "1 day".to_string(),
        Locale::En => format!("{} days", signed(locale, n)),
    }
}

/// A service fee ready to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeeText {
    /// The fee is zero.
    Free,
    /// The agency has not published the fee (`fee_rials` is `None`).
    NotPublished,
    /// The amount in rials (the official unit) and in tomans (what people say), each
    /// formatted with its unit word: fa «۲۵۰٬۰۰۰ ریال» / «۲۵٬۰۰۰ تومان», en "250,000 rials" /
    /// "25,000 tomans".
    Amount {
        /// E.g. «۲۵۰٬۰۰۰ ریال» or "250,000 rials".
        rials: String,
        /// E.g. «۲۵٬۰۰۰ تومان» or "25,000 tomans".
        tomans: String,
    },
}

/// Formats a fee. One toman is ten rials; when the rials are not a multiple of ten the
/// tomans keep exactly one decimal (12,345 rials → "1,234.5 tomans") rather than rounding,
/// so the two amounts always agree; otherwise tomans are whole.
pub fn fee(locale: Locale, fee_rials: Option<u64>) -> FeeText {
    match fee_rials {
        None => FeeText::NotPublished,
        Some(0) => FeeText::Free,
        Some(rials) => {
            let (whole, tenth) = (rials / 10, rials % 10);
            let mut toman_amount = integer(locale, whole);
            if tenth != 0 {
                toman_amount.push(locale.pick(FA_DECIMAL, '.'));
                toman_amount.push_str(&digits(locale, &tenth.to_string()));
            }
            let (rial_unit, toman_unit) = match locale {
                Locale::Fa => ("ریال", "تومان"),
                Locale::En => (
                    plural(
                        usize::try_from(rials).unwrap_or(usize::MAX),
                        "rial",
                        "rials",
                    ),
                    if rials == 10 { "toman" } else { "tomans" },
                ),
            };
            FeeText::Amount {
                rials: format!("{} {rial_unit}", integer(locale, rials)),
                tomans: format!("{toman_amount} {toman_unit}"),
            }
        }
    }
}

/// A one-line fee summary: fa «رایگان», «هزینه اعلام نشده است», «۲۵۰٬۰۰۰ ریال (۲۵٬۰۰۰
/// تومان)»; en "Free", "Fee not published", "250,000 rials (25,000 tomans)". The official
/// rial amount comes first, as printed on receipts.
pub fn fee_label(locale: Locale, fee_rials: Option<u64>) -> String {
    match fee(locale, fee_rials) {
        FeeText::Free => locale.t("رایگان", "Free").to_string(),
        FeeText::NotPublished => locale
            .t("هزینه اعلام نشده است", "Fee not published")
            .to_string(),
        FeeText::Amount { rials, tomans } => format!("{rials} ({tomans})"),
    }
}

/// Jalali month names, Farvardin first.
const JALALI_MONTHS: [&str; 12] = [
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
];

/// Abbreviated Gregorian month names, January first.
const GREGORIAN_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The Persian name of a Jalali month (1 = فروردین … 12 = اسفند); empty for other numbers.
pub fn jalali_month_name(month: u32) -> &'static str {
    month
        .checked_sub(1)
        .and_then(|i| JALALI_MONTHS.get(i as usize))
        .copied()
        .unwrap_or("")
}

/// The name of a weekday: fa شنبه … جمعه (ZWNJ in سه‌شنبه; یکشنبه and پنجشنبه joined, as
/// the Academy of Persian Language writes them), en "Saturday" … "Friday".
pub fn weekday_name(locale: Locale, day: Weekday) -> &'static str {
    let (fa, en) = match day {
        Weekday::Sat => ("شنبه", "Saturday"),
        Weekday::Sun => ("یکشنبه", "Sunday"),
        Weekday::Mon => ("دوشنبه", "Monday"),
        Weekday::Tue => ("سه\u{200C}شنبه", "Tuesday"),
        Weekday::Wed => ("چهارشنبه", "Wednesday"),
        Weekday::Thu => ("پنجشنبه", "Thursday"),
        Weekday::Fri => ("جمعه", "Friday"),
    };
    locale.t(fa, en)
}

/// A date for reading: fa Jalali «۸ آذر ۱۴۰۵», en Gregorian "29 Nov 2026".
pub fn date(locale: Locale, d: NaiveDate) -> String {
    match locale {
        Locale::Fa => {
            let j = jalali::to_jalali(d);
            digits(
                locale,
                &format!("{} {} {}", j.day, jalali_month_name(j.month), j.year),
            )
        }
        Locale::En => {
            let month = GREGORIAN_MONTHS
                .get(d.month0() as usize)
                .copied()
                .unwrap_or("");
            format!("{} {month} {}", d.day(), d.year())
        }
    }
}

/// A compact numeric date: fa Jalali «۱۴۰۵/۰۹/۰۸», en ISO "2026-11-29".
pub fn date_numeric(locale: Locale, d: NaiveDate) -> String {
    match locale {
        Locale::Fa => {
            let j = jalali::to_jalali(d);
            digits(
                locale,
                &format!("{:04}/{:02}/{:02}", j.year, j.month, j.day),
            )
        }
        Locale::En => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
    }
}

/// A time of day on the 24-hour clock: fa «۰۷:۳۰», en "07:30".
pub fn time(locale: Locale, t: TimeOfDay) -> String {
    digits(locale, &t.to_string())
}

/// Why a typed date was not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateInputError {
    /// Nothing was typed.
    Empty,
    /// Not three numbers (four-digit year, then month and day) separated by `/` or `-`.
    Format,
    /// The year is outside the range accepted for the locale's calendar (fa: Jalali
    /// 1200–1599, en: Gregorian 1800–2199), which usually means the other calendar was used.
    Year,
    /// The month is not 1–12.
    Month,
    /// The day does not exist in that month (e.g. 30 Esfand in a common year, 31 Nov).
    Day,
}

impl DateInputError {
    /// A short sentence saying what to fix.
    pub fn message(self, locale: Locale) -> &'static str {
        match self {
            DateInputError::Empty => locale.t("تاریخ را وارد کنید.", "Enter a date."),
            DateInputError::Format => locale.t(
                "تاریخ را به شکل سال/ماه/روز بنویسید، مثلاً ۱۴۰۵/۰۹/۰۸.",
                "Write the date as year-month-day, for example 2026-11-29.",
            ),
            DateInputError::Year => locale.t(
                "سال را به تقویم شمسی بنویسید، مثلاً ۱۴۰۵.",
                "Write the year in the Gregorian calendar, for example 2026.",
            ),
            DateInputError::Month => locale.t(
                "ماه باید عددی از ۱ تا ۱۲ باشد.",
                "The month must be from 1 to 12.",
            ),
            DateInputError::Day => locale.t(
                "این روز در آن ماه وجود ندارد.",
                "That day does not exist in that month.",
            ),
        }
    }
}

impl fmt::Display for DateInputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message(Locale::En))
    }
}

impl std::error::Error for DateInputError {}

/// Parses a typed date. fa: Jalali year/month/day, e.g. `1405/09/08` or `۱۴۰۵-۹-۸`; en:
/// Gregorian ISO order, e.g. `2026-11-29`. Both accept Persian, Arabic-Indic and ASCII
/// digits, `/` or `-` separators, one- or two-digit month and day, and surrounding spaces
/// and bidi marks (pasted text often carries them). The year must have four digits.
pub fn parse_date_input(locale: Locale, raw: &str) -> Result<NaiveDate, DateInputError> {
    let cleaned: String = to_ascii_digits(raw)
        .chars()
        .filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{2066}'..='\u{2069}' | '\u{202A}'..='\u{202E}'))
        .collect();
    let s = cleaned.trim();
    if s.is_empty() {
        return Err(DateInputError::Empty);
    }
    let parts: Vec<&str> = s.split(['/', '-']).map(str::trim).collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(DateInputError::Format);
    };
    let numeric = |p: &str, lens: std::ops::RangeInclusive<usize>| {
        (lens.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let (Some(year), Some(month), Some(day)) =
        (numeric(y, 4..=4), numeric(m, 1..=2), numeric(d, 1..=2))
    else {
        return Err(DateInputError::Format);
    };
    let years = match locale {
        Locale::Fa => 1200..=1599,
        Locale::En => 1800..=2199,
    };
    if !years.contains(&year) {
        return Err(DateInputError::Year);
    }
    if !(1..=12).contains(&month) {
        return Err(DateInputError::Month);
    }
    // The year range above fits i32.
    let year = year as i32;
    let date = match locale {
        Locale::Fa => jalali::from_jalali(year, month, day),
        Locale::En => NaiveDate::from_ymd_opt(year, month, day),
    };
    date.ok_or(DateInputError::Day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_the_right_english_noun() {
        assert_eq!(
            counted(Locale::En, 1, "دفتر", "office", "offices"),
            "1 office"
        );
        assert_eq!(
            counted(Locale::En, 3, "دفتر", "office", "offices"),
            "3 offices"
        );
        assert_eq!(
            counted(Locale::Fa, 3, "دفتر", "office", "offices"),
            "۳ دفتر"
        );
        assert_eq!(
            provinces_loaded(Locale::En, 2, 2),
            "2 of 2 provinces loaded"
        );
        assert_eq!(provinces_loaded(Locale::En, 0, 1), "0 of 1 province loaded");
        assert_eq!(
            provinces_loaded(Locale::Fa, 1, 1),
            "۱ از ۱ استان بارگذاری شد"
        );
    }
    use Locale::{En, Fa};

    fn g(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn digit_conversion() {
        assert_eq!(digits(Fa, "0123456789"), "۰۱۲۳۴۵۶۷۸۹");
        assert_eq!(digits(Fa, "کد 404، ساعت 7:30"), "کد ۴۰۴، ساعت ۷:۳۰");
        assert_eq!(digits(En, "0123456789"), "0123456789");
        assert_eq!(to_ascii_digits("۰۱۲۳۴۵۶۷۸۹"), "0123456789");
        assert_eq!(to_ascii_digits("٠١٢٣٤٥٦٧٨٩"), "0123456789");
        assert_eq!(to_ascii_digits("پلاک ۱۲ و ٣٤ - 56"), "پلاک 12 و 34 - 56");
        assert_eq!(to_ascii_digits(&digits(Fa, "9876543210")), "9876543210");
    }

    #[test]
    fn integers_are_grouped() {
        assert_eq!(integer(Fa, 12_345), "۱۲٬۳۴۵");
        assert_eq!(integer(En, 12_345), "12,345");
        assert_eq!(integer(En, 0), "0");
        assert_eq!(integer(En, 999), "999");
        assert_eq!(integer(En, 1_000), "1,000");
        assert_eq!(integer(En, 100_000), "100,000");
        assert_eq!(integer(En, 1_234_567), "1,234,567");
        assert_eq!(integer(Fa, 1_234_567), "۱٬۲۳۴٬۵۶۷");
        assert_eq!(integer(En, u64::MAX), "18,446,744,073,709,551,615");
        assert_eq!(count(Fa, 31), "۳۱");
        assert_eq!(count(En, 13_000), "13,000");
        assert_eq!(signed(En, -1_500), "-1,500");
        assert_eq!(signed(Fa, -1_500), "\u{200E}\u{2212}۱٬۵۰۰");
        assert_eq!(signed(En, i64::MIN), "-9,223,372,036,854,775,808");
    }

    #[test]
    fn radii_without_needless_decimals() {
        assert_eq!(radius(En, 25.0), "25 km");
        assert_eq!(radius(Fa, 100.0), "۱۰۰ کیلومتر");
        assert_eq!(radius(En, 2.5), "2.5 km");
    }

    #[test]
    fn decimals() {
        assert_eq!(decimal(En, 12_345.678, 2), "12,345.68");
        assert_eq!(decimal(Fa, 12_345.678, 2), "۱۲٬۳۴۵٫۶۸");
        assert_eq!(decimal(En, 0.5, 0), "0");
        assert_eq!(decimal(En, 1.5, 0), "2");
        assert_eq!(decimal(En, 3.0, 0), "3");
        assert_eq!(decimal(En, -2.25, 1), "-2.2");
        assert_eq!(decimal(Fa, -2.5, 1), "\u{200E}\u{2212}۲٫۵");
        assert_eq!(decimal(En, -0.04, 1), "0.0");
        assert_eq!(decimal(En, 1_000_000.0, 3), "1,000,000.000");
        assert_eq!(decimal(En, f64::NAN, 1), NOT_A_NUMBER);
        assert_eq!(decimal(Fa, f64::INFINITY, 1), NOT_A_NUMBER);
        assert_eq!(km(Fa, 1.23), "۱٫۲ کیلومتر");
        assert_eq!(km(En, 1.23), "1.2 km");
        assert_eq!(km(En, 1_234.56), "1,234.6 km");
        assert_eq!(percent(Fa, 0.45, 0), "۴۵٪");
        assert_eq!(percent(En, 0.125, 1), "12.5%");
        assert_eq!(percent(En, f64::NAN, 1), NOT_A_NUMBER);
        assert_eq!(days(Fa, 12), "۱۲ روز");
        assert_eq!(days(En, 1), "1 day");
        assert_eq!(days(En, 0), "0 days");
        assert_eq!(days(En, 1_200), "1,200 days");
    }

    #[test]
    fn fees() {
        assert_eq!(fee(Fa, None), FeeText::NotPublished);
        assert_eq!(fee(En, Some(0)), FeeText::Free);
        assert_eq!(
            fee(Fa, Some(250_000)),
            FeeText::Amount {
                rials: "۲۵۰٬۰۰۰ ریال".into(),
                tomans: "۲۵٬۰۰۰ تومان".into()
            }
        );
        assert_eq!(
            fee(En, Some(250_000)),
            FeeText::Amount {
                rials: "250,000 rials".into(),
                tomans: "25,000 tomans".into()
            }
        );
        assert_eq!(
            fee(En, Some(12_345)),
            FeeText::Amount {
                rials: "12,345 rials".into(),
                tomans: "1,234.5 tomans".into()
            }
        );
        assert_eq!(
            fee(Fa, Some(12_345)),
            FeeText::Amount {
                rials: "۱۲٬۳۴۵ ریال".into(),
                tomans: "۱٬۲۳۴٫۵ تومان".into()
            }
        );
        assert_eq!(
            fee(En, Some(5)),
            FeeText::Amount {
                rials: "5 rials".into(),
                tomans: "0.5 tomans".into()
            }
        );
        assert_eq!(
            fee(En, Some(10)),
            FeeText::Amount {
                rials: "10 rials".into(),
                tomans: "1 toman".into()
            }
        );
        assert_eq!(
            fee(En, Some(1)),
            FeeText::Amount {
                rials: "1 rial".into(),
                tomans: "0.1 tomans".into()
            }
        );
        assert_eq!(fee_label(Fa, Some(0)), "رایگان");
        assert_eq!(fee_label(En, Some(0)), "Free");
        assert_eq!(fee_label(Fa, None), "هزینه اعلام نشده است");
        assert_eq!(fee_label(En, None), "Fee not published");
        assert_eq!(
            fee_label(Fa, Some(1_250_000)),
            "۱٬۲۵۰٬۰۰۰ ریال (۱۲۵٬۰۰۰ تومان)"
        );
        assert_eq!(
            fee_label(En, Some(1_250_000)),
            "1,250,000 rials (125,000 tomans)"
        );
    }

    #[test]
    fn dates() {
        let d = g(2026, 11, 29);
        assert_eq!(date(Fa, d), "۸ آذر ۱۴۰۵");
        assert_eq!(date(En, d), "29 Nov 2026");
        assert_eq!(date_numeric(Fa, d), "۱۴۰۵/۰۹/۰۸");
        assert_eq!(date_numeric(En, d), "2026-11-29");
        assert_eq!(date(Fa, g(2025, 3, 20)), "۳۰ اسفند ۱۴۰۳");
        assert_eq!(date(Fa, g(2025, 3, 21)), "۱ فروردین ۱۴۰۴");
        assert_eq!(date(En, g(2025, 3, 1)), "1 Mar 2025");
        assert_eq!(date_numeric(En, g(987, 1, 2)), "0987-01-02");
    }

    #[test]
    fn names() {
        assert_eq!(jalali_month_name(1), "فروردین");
        assert_eq!(jalali_month_name(9), "آذر");
        assert_eq!(jalali_month_name(12), "اسفند");
        assert_eq!(jalali_month_name(0), "");
        assert_eq!(jalali_month_name(13), "");
        let fa: Vec<&str> = crate::model::IRAN_WEEK
            .iter()
            .map(|&w| weekday_name(Fa, w))
            .collect();
        assert_eq!(
            fa,
            [
                "شنبه",
                "یکشنبه",
                "دوشنبه",
                "سه\u{200C}شنبه",
                "چهارشنبه",
                "پنجشنبه",
                "جمعه"
            ]
        );
        assert_eq!(weekday_name(En, Weekday::Sat), "Saturday");
        assert_eq!(weekday_name(En, Weekday::Fri), "Friday");
    }

    #[test]
    fn times() {
        let t = TimeOfDay::new(7, 30).expect("valid");
        assert_eq!(time(Fa, t), "۰۷:۳۰");
        assert_eq!(time(En, t), "07:30");
        assert_eq!(time(En, TimeOfDay::new(24, 0).expect("valid")), "24:00");
    }

    #[test]
    fn parse_jalali_input() {
        let d = g(2026, 11, 29);
        for raw in [
            "1405/09/08",
            "۱۴۰۵-۹-۸",
            "١٤٠٥/٠٩/٠٨",
            " 1405 / 9 / 08 ",
            "\u{200F}۱۴۰۵/۰۹/۰۸\u{200E}",
        ] {
            assert_eq!(parse_date_input(Fa, raw), Ok(d), "{raw:?}");
        }
        assert_eq!(parse_date_input(Fa, "1403/12/30"), Ok(g(2025, 3, 20)));
        assert_eq!(parse_date_input(Fa, "1404/12/30"), Err(DateInputError::Day));
        assert_eq!(parse_date_input(Fa, "1404/07/31"), Err(DateInputError::Day));
        assert_eq!(parse_date_input(Fa, "1404/07/00"), Err(DateInputError::Day));
        assert_eq!(
            parse_date_input(Fa, "1404/13/01"),
            Err(DateInputError::Month)
        );
        assert_eq!(
            parse_date_input(Fa, "1404/0/01"),
            Err(DateInputError::Month)
        );
        assert_eq!(
            parse_date_input(Fa, "2026-11-29"),
            Err(DateInputError::Year)
        );
        assert_eq!(parse_date_input(Fa, ""), Err(DateInputError::Empty));
        assert_eq!(parse_date_input(Fa, "   "), Err(DateInputError::Empty));
        for bad in [
            "1405/09",
            "1405/09/08/01",
            "05/09/08",
            "1405/009/08",
            "1405.09.08",
            "۱۴۰۵/ا/۸",
            "1405//08",
            "-1405/09/08",
        ] {
            assert_eq!(
                parse_date_input(Fa, bad),
                Err(DateInputError::Format),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn parse_gregorian_input() {
        assert_eq!(parse_date_input(En, "2026-11-29"), Ok(g(2026, 11, 29)));
        assert_eq!(parse_date_input(En, "2026/1/2"), Ok(g(2026, 1, 2)));
        assert_eq!(parse_date_input(En, "۲۰۲۶-۱۱-۲۹"), Ok(g(2026, 11, 29)));
        assert_eq!(parse_date_input(En, "2026-02-29"), Err(DateInputError::Day));
        assert_eq!(parse_date_input(En, "2028-02-29"), Ok(g(2028, 2, 29)));
        assert_eq!(
            parse_date_input(En, "1405-09-08"),
            Err(DateInputError::Year)
        );
        assert_eq!(
            parse_date_input(En, "29-11-2026"),
            Err(DateInputError::Format)
        );
        assert_eq!(
            parse_date_input(En, "2026-11-29T10:00"),
            Err(DateInputError::Format)
        );
    }

    #[test]
    fn date_error_messages() {
        for e in [
            DateInputError::Empty,
            DateInputError::Format,
            DateInputError::Year,
            DateInputError::Month,
            DateInputError::Day,
        ] {
            assert!(!e.message(Fa).is_empty());
            assert!(e.message(En).is_ascii());
            assert_ne!(e.message(Fa), e.message(En));
            assert_eq!(e.to_string(), e.message(En));
        }
    }
}
