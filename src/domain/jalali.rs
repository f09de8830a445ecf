//! The Solar Hijri (Jalali) calendar, as used officially in Iran.
//!
//! The official calendar is astronomical (the year starts on the day of the March equinox
//! as seen from Tehran). This module uses the "break years" algorithm of jalaali-js
//! (Borkowski's `jalCal`, <https://github.com/jalaali/jalaali-js>), which matches the
//! astronomical calendar for Jalali years −61 to 3177. The popular 2820-year (Birashk) cycle
//! is wrong for recent years (it puts 1 Farvardin 1404 on 2025-03-20) and is not used.
//!
//! Outside −61..=3177 the calendar is extrapolated with a plain 33-year cycle (8 leap years
//! per 33), so conversions never panic; those dates carry no astronomical meaning.

use chrono::{Datelike, NaiveDate};

/// A date of the Jalali calendar: month 1 (Farvardin) to 12 (Esfand), day from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct JalaliDate {
    /// Jalali year, e.g. 1405.
    pub year: i32,
    /// Month, 1 = Farvardin … 12 = Esfand.
    pub month: u32,
    /// Day of the month, from 1.
    pub day: u32,
}

/// Jalali years that start a new run of the 33-year rule (jalaali-js `breaks`).
const BREAKS: [i32; 20] = [
    -61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324,
    2394, 2456, 3178,
];

/// First Jalali year the break table covers.
const FIRST_YEAR: i32 = BREAKS[0];
/// First Jalali year past the break table.
const END_YEAR: i32 = BREAKS[BREAKS.len() - 1];
/// Days in 33 Jalali years: 25 common and 8 leap.
const DAYS_PER_33_YEARS: i64 = 33 * 365 + 8;

/// Result of `jalCal` for one year inside the table.
struct YearInfo {
    /// Years since the last leap year, 0 when this year is leap.
    leap: i32,
    /// Gregorian year in which the Jalali year starts.
    gy: i32,
    /// Day of March (Gregorian) of 1 Farvardin.
    march: i32,
}

/// jalaali-js `jalCal` for `FIRST_YEAR <= jy < END_YEAR`. JavaScript's `~~(a / b)` and
/// `a - ~~(a / b) * b` truncate towards zero, exactly like Rust's `/` and `%` on integers.
fn jal_cal(jy: i32) -> YearInfo {
    let gy = jy + 621;
    let mut leap_j = -14;
    let mut jp = BREAKS[0];
    let mut jump = 0;
    for &jm in &BREAKS[1..] {
        jump = jm - jp;
        if jy < jm {
            break;
        }
        leap_j += jump / 33 * 8 + (jump % 33) / 4;
        jp = jm;
    }
    let mut n = jy - jp;

    // Leap years from AD 621 to the start of this Jalali year, in both calendars.
    leap_j += n / 33 * 8 + (n % 33 + 3) / 4;
    if jump % 33 == 4 && jump - n == 4 {
        leap_j += 1;
    }
    let leap_g = gy / 4 - (gy / 100 + 1) * 3 / 4 - 150;
    let march = 20 + leap_j - leap_g;

    // Years since the last leap year.
    if jump - n < 6 {
        n = n - jump + (jump + 4) / 33 * 33;
    }
    let mut leap = ((n + 1) % 33 - 1) % 4;
    if leap == -1 {
        leap = 4;
    }
    YearInfo { leap, gy, march }
}

/// Days from 0001-01-01 (day 1, chrono's `num_days_from_ce`) of 1 Farvardin of a table year.
fn table_year_start(jy: i32) -> i64 {
    let info = jal_cal(jy);
    // 1 March always exists; `march` is a small day offset (19–22 in practice).
    let first_of_march =
        NaiveDate::from_ymd_opt(info.gy, 3, 1).map_or(0, |d| i64::from(d.num_days_from_ce()));
    first_of_march + i64::from(info.march) - 1
}

/// Plain 33-year extrapolation from `anchor` (whose start is `anchor_start`): leap years are
/// those whose offset in the cycle is 3, 7, …, 31.
fn extrapolated_start(anchor: i32, anchor_start: i64, jy: i32) -> i64 {
    let offset = i64::from(jy) - i64::from(anchor);
    let (cycles, r) = (offset.div_euclid(33), offset.rem_euclid(33));
    anchor_start + cycles * DAYS_PER_33_YEARS + r * 365 + r / 4
}

/// Days from 0001-01-01 (day 1) of 1 Farvardin of `jy`.
fn year_start(jy: i32) -> i64 {
    if jy < FIRST_YEAR {
        extrapolated_start(FIRST_YEAR, table_year_start(FIRST_YEAR), jy)
    } else if jy >= END_YEAR {
        let last = END_YEAR - 1;
        let end_start = table_year_start(last) + 365 + i64::from(jal_cal(last).leap == 0);
        extrapolated_start(END_YEAR, end_start, jy)
    } else {
        table_year_start(jy)
    }
}

/// Whether the Jalali year has 366 days (Esfand has 30 days), e.g. 1399 and 1403.
pub fn is_leap(year: i32) -> bool {
    if (FIRST_YEAR..END_YEAR).contains(&year) {
        jal_cal(year).leap == 0
    } else {
        // Same rule as `extrapolated_start`; both anchors give the same answer here.
        let anchor = if year < FIRST_YEAR {
            FIRST_YEAR
        } else {
            END_YEAR
        };
        (i64::from(year) - i64::from(anchor)).rem_euclid(33) % 4 == 3
    }
}

/// Days in a Jalali month: 31 for months 1–6, 30 for 7–11, 29 or 30 for Esfand;
/// `None` for a month outside 1..=12.
pub fn month_length(year: i32, month: u32) -> Option<u32> {
    match month {
        1..=6 => Some(31),
        7..=11 => Some(30),
        12 if is_leap(year) => Some(30),
        12 => Some(29),
        _ => None,
    }
}

/// Days before the first of `month` (1..=12) within a Jalali year.
fn days_before_month(month: u32) -> i64 {
    let m = i64::from(month.clamp(1, 12));
    if m <= 7 {
        (m - 1) * 31
    } else {
        6 * 31 + (m - 7) * 30
    }
}

/// Converts a Gregorian date to the Jalali calendar.
pub fn to_jalali(d: NaiveDate) -> JalaliDate {
    let day_number = i64::from(d.num_days_from_ce());
    // 1 Farvardin falls in March of Gregorian year `jy + 621`; the loops only run far from
    // the table, where the extrapolated year drifts against the Gregorian one.
    let mut year = d.year() - 621;
    let mut start = year_start(year);
    while day_number < start {
        year -= 1;
        start = year_start(year);
    }
    loop {
        let next = year_start(year + 1);
        if day_number < next {
            break;
        }
        year += 1;
        start = next;
    }
    // 0..=365 by construction.
    let k = day_number - start;
    let (month, day) = if k < 186 {
        (1 + k / 31, k % 31 + 1)
    } else {
        (7 + (k - 186) / 30, (k - 186) % 30 + 1)
    };
    // Both fit in u32: month ≤ 12, day ≤ 31.
    JalaliDate {
        year,
        month: month as u32,
        day: day as u32,
    }
}

/// Converts a Jalali date to Gregorian; `None` when the date does not exist (month outside
/// 1..=12, day 0, 31 Mehr, 30 Esfand in a common year…) or is outside chrono's range.
pub fn from_jalali(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    let len = month_length(year, month)?;
    if day == 0 || day > len {
        return None;
    }
    let day_number = year_start(year) + days_before_month(month) + i64::from(day) - 1;
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(day_number).ok()?)
}

impl JalaliDate {
    /// The Gregorian date; `None` when this is not a valid Jalali date.
    pub fn to_gregorian(self) -> Option<NaiveDate> {
        from_jalali(self.year, self.month, self.day)
    }
}

impl From<NaiveDate> for JalaliDate {
    fn from(d: NaiveDate) -> Self {
        to_jalali(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn j(year: i32, month: u32, day: u32) -> JalaliDate {
        JalaliDate { year, month, day }
    }

    /// Year, month, day.
    type Ymd = (i32, u32, u32);

    /// (Gregorian, Jalali) pairs from jalaali-js `test.js` (github.com/jalaali/jalaali-js,
    /// the reference test suite of the algorithm used here, commit 41b5a5a):
    /// toJalaali / toGregorian / jalaaliToDateObject.
    const JALAALI_JS_PAIRS: [(Ymd, Ymd); 6] = [
        ((1981, 8, 17), (1360, 5, 26)),
        ((2013, 1, 10), (1391, 10, 21)),
        ((2014, 8, 4), (1393, 5, 13)),
        ((2021, 7, 21), (1400, 4, 30)),
        ((2021, 3, 10), (1399, 12, 20)),
        ((2018, 8, 4), (1397, 5, 13)),
    ];

    #[test]
    fn jalaali_js_conversions() {
        for ((gy, gm, gd), (jy, jm, jd)) in JALAALI_JS_PAIRS {
            assert_eq!(to_jalali(g(gy, gm, gd)), j(jy, jm, jd), "{gy}-{gm}-{gd}");
            assert_eq!(
                from_jalali(jy, jm, jd),
                Some(g(gy, gm, gd)),
                "{jy}/{jm}/{jd}"
            );
        }
    }

    #[test]
    fn jalaali_js_validity() {
        // isValidJalaaliDate, jalaali-js test.js.
        assert!(from_jalali(1393, 0, 1).is_none());
        assert!(from_jalali(1393, 13, 1).is_none());
        assert!(from_jalali(1393, 1, 0).is_none());
        assert!(from_jalali(1393, 1, 32).is_none());
        assert!(from_jalali(1393, 1, 31).is_some());
        assert!(from_jalali(1393, 11, 31).is_none());
        assert!(from_jalali(1393, 11, 30).is_some());
        assert!(from_jalali(1393, 12, 30).is_none());
        assert!(from_jalali(1393, 12, 29).is_some());
        assert!(from_jalali(1395, 12, 30).is_some());
        assert!(from_jalali(-61, 1, 1).is_some());
        assert!(from_jalali(3177, 12, 29).is_some());
    }

    #[test]
    fn jalaali_js_leap_and_month_length() {
        // isLeapJalaaliYear and jalaaliMonthLength, jalaali-js test.js.
        assert!(!is_leap(1393));
        assert!(!is_leap(1394));
        assert!(is_leap(1395));
        assert!(!is_leap(1396));
        for (y, m, len) in [
            (1393, 1, 31),
            (1393, 4, 31),
            (1393, 6, 31),
            (1393, 7, 30),
            (1393, 10, 30),
            (1393, 12, 29),
            (1394, 12, 29),
            (1395, 12, 30),
        ] {
            assert_eq!(month_length(y, m), Some(len), "{y}/{m}");
        }
        assert_eq!(month_length(1393, 0), None);
        assert_eq!(month_length(1393, 13), None);
    }

    #[test]
    fn nowruz_1404_is_astronomical_not_2820_cycle() {
        assert_eq!(from_jalali(1403, 12, 30), Some(g(2025, 3, 20)));
        assert_eq!(from_jalali(1404, 1, 1), Some(g(2025, 3, 21)));
        assert_eq!(to_jalali(g(2025, 3, 20)), j(1403, 12, 30));
        assert_eq!(to_jalali(g(2025, 3, 21)), j(1404, 1, 1));
        assert_eq!(from_jalali(1405, 9, 8), Some(g(2026, 11, 29)));
        assert_eq!(to_jalali(g(2026, 11, 29)), j(1405, 9, 8));
    }

    #[test]
    fn recent_leap_years() {
        for y in [1395, 1399, 1403, 1408] {
            assert!(is_leap(y), "{y}");
            assert_eq!(month_length(y, 12), Some(30));
        }
        for y in [1396, 1397, 1398, 1400, 1401, 1402, 1404, 1405, 1406, 1407] {
            assert!(!is_leap(y), "{y}");
            assert_eq!(month_length(y, 12), Some(29));
            assert_eq!(from_jalali(y, 12, 30), None, "30 Esfand {y}");
        }
    }

    #[test]
    fn month_boundaries() {
        assert_eq!(from_jalali(1404, 6, 31), Some(g(2025, 9, 22)));
        assert_eq!(from_jalali(1404, 7, 1), Some(g(2025, 9, 23)));
        assert_eq!(from_jalali(1404, 7, 31), None);
        assert_eq!(to_jalali(g(2025, 9, 23)), j(1404, 7, 1));
        assert_eq!(from_jalali(1404, 12, 29), Some(g(2026, 3, 20)));
        assert_eq!(from_jalali(1405, 1, 1), Some(g(2026, 3, 21)));
        // New Year's Day 2026 is 11 Dey 1404.
        assert_eq!(to_jalali(g(2026, 1, 1)), j(1404, 10, 11));
    }

    #[test]
    fn round_trip_every_day_1300_to_1500() {
        let mut expected = from_jalali(1300, 1, 1).expect("1300 is in range");
        assert_eq!(expected, g(1921, 3, 21));
        for year in 1300..=1500 {
            for month in 1..=12 {
                let len = month_length(year, month).expect("valid month");
                assert_eq!(from_jalali(year, month, len + 1), None);
                for day in 1..=len {
                    let date = from_jalali(year, month, day).expect("valid day");
                    // Consecutive Jalali days are consecutive Gregorian days.
                    assert_eq!(date, expected, "{year}/{month}/{day}");
                    assert_eq!(to_jalali(date), j(year, month, day));
                    expected = expected.succ_opt().expect("in range");
                }
            }
        }
        assert_eq!(to_jalali(expected), j(1501, 1, 1));
    }

    /// Independent check: the 33-year arithmetic rule as ICU implements it (leap when
    /// (25·y + 11) mod 33 < 8; year start 365·(y−1) + ⌊(8·y + 21)/33⌋) agrees with the
    /// astronomical calendar over this range (guides/persian.md).
    #[test]
    fn agrees_with_icu_33_year_rule_1300_to_1500() {
        let icu_first_day = |y: i64| 365 * (y - 1) + (8 * y + 21).div_euclid(33);
        let base = year_start(1404) - icu_first_day(1404);
        for y in 1300..=1500 {
            assert_eq!(
                is_leap(y),
                (25 * i64::from(y) + 11).rem_euclid(33) < 8,
                "leap {y}"
            );
            assert_eq!(
                year_start(y),
                base + icu_first_day(i64::from(y)),
                "start {y}"
            );
        }
    }

    #[test]
    fn extremes_do_not_panic_and_stay_consistent() {
        for d in [
            NaiveDate::MIN,
            NaiveDate::MAX,
            g(1, 1, 1),
            g(560, 3, 1),
            g(3799, 12, 31),
        ] {
            let jd = to_jalali(d);
            assert!((1..=12).contains(&jd.month) && jd.day >= 1);
            assert_eq!(jd.to_gregorian(), Some(d), "{d}");
        }
        // Across both ends of the break table.
        for (y, m, d) in [(-62, 12, 29), (-61, 1, 1), (3177, 12, 29), (3178, 1, 1)] {
            let date = from_jalali(y, m, d).expect("valid");
            assert_eq!(to_jalali(date), j(y, m, d));
        }
        assert_eq!(
            from_jalali(3177, 12, 29).and_then(|d| d.succ_opt()),
            from_jalali(3178, 1, 1)
        );
        let before = from_jalali(-62, 12, month_length(-62, 12).unwrap_or(29));
        assert_eq!(before.and_then(|d| d.succ_opt()), from_jalali(-61, 1, 1));
        assert_eq!(from_jalali(i32::MAX, 1, 1), None);
        assert_eq!(from_jalali(i32::MIN, 1, 1), None);
    }
}
