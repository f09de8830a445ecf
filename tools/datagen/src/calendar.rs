//! The dataset's fixed "today" and the little calendar arithmetic the generator needs.

use chrono::{DateTime, Days, Months, NaiveDate, TimeZone, Utc};

/// The day the sample dataset describes; every relative date is counted from it.
pub fn reference_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or(NaiveDate::MIN)
}

/// `generated_at` of every document: fixed, never the wall clock, so output is reproducible.
pub fn generated_at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 8, 0, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// A date in `y-m-d` form; for the generator's own constants only.
pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// `days` days before (negative) or after `from`.
pub fn shift(from: NaiveDate, days: i64) -> NaiveDate {
    let step = Days::new(days.unsigned_abs());
    let shifted = if days >= 0 {
        from.checked_add_days(step)
    } else {
        from.checked_sub_days(step)
    };
    shifted.unwrap_or(from)
}

/// `months` calendar months after (positive) or before (negative) `from`.
pub fn shift_months(from: NaiveDate, months: i32) -> NaiveDate {
    let step = Months::new(months.unsigned_abs());
    let shifted = if months >= 0 {
        from.checked_add_months(step)
    } else {
        from.checked_sub_months(step)
    };
    shifted.unwrap_or(from)
}

/// Licences run five years from issue.
pub const LICENCE_MONTHS: i32 = 60;

/// The Jalali (Solar Hijri) year a Gregorian date falls in; licence numbers carry it.
/// The app's own calendar, so the generator and the UI can never disagree.
pub fn jalali_year(day: NaiveDate) -> i64 {
    i64::from(pishkhan::domain::jalali::to_jalali(day).year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jalali_years_turn_at_nowruz() {
        assert_eq!(jalali_year(date(2025, 3, 20)), 1403, "30 Esfand 1403");
        assert_eq!(jalali_year(date(2025, 3, 21)), 1404, "1 Farvardin 1404");
        assert_eq!(jalali_year(date(2024, 3, 19)), 1402);
        assert_eq!(jalali_year(date(2024, 3, 20)), 1403);
        assert_eq!(jalali_year(date(2026, 11, 20)), 1405);
        assert_eq!(jalali_year(date(2017, 1, 1)), 1395);
    }

    #[test]
    fn shifts() {
        assert_eq!(shift(date(2026, 11, 20), -20), date(2026, 10, 31));
        assert_eq!(
            shift_months(date(2026, 11, 20), -LICENCE_MONTHS),
            date(2021, 11, 20)
        );
    }
}
