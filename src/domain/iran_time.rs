//! Iran Standard Time: UTC+03:30 all year, since daylight saving was abolished in 2022.
//!
//! Opening hours and closure dates are in Iran local time whatever the device's time zone
//! (a user abroad checking an office in Tabriz), so the app converts the UTC clock here
//! instead of trusting the browser's zone.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};

/// Offset of Iran Standard Time from UTC, in seconds (+03:30).
pub const IRAN_OFFSET_SECS: i32 = 12_600;

/// The wall-clock time in Iran at the UTC instant `utc`.
pub fn iran_now(utc: DateTime<Utc>) -> NaiveDateTime {
    let naive = utc.naive_utc();
    // Only fails within hours of chrono's representable limits; the UTC time is the closest
    // answer there and nothing sensible is lost.
    naive
        .checked_add_signed(Duration::seconds(i64::from(IRAN_OFFSET_SECS)))
        .unwrap_or(naive)
}

/// Converts milliseconds since the Unix epoch (JavaScript `Date.now()`) to a UTC instant;
/// `None` for NaN, infinities and values outside chrono's range. Fractions of a millisecond
/// are truncated towards the past.
pub fn from_unix_ms(ms: f64) -> Option<DateTime<Utc>> {
    if !ms.is_finite() {
        return None;
    }
    let floored = ms.floor();
    // i64 covers ±292 million years; chrono's range is far smaller and is checked below.
    if floored.abs() > 9.0e15 {
        return None;
    }
    DateTime::from_timestamp_millis(floored as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone, Timelike};

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .expect("valid test time")
    }

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|date| date.and_hms_opt(h, min, 0))
            .expect("valid test time")
    }

    #[test]
    fn offset_is_three_and_a_half_hours() {
        assert_eq!(IRAN_OFFSET_SECS, 3 * 3600 + 30 * 60);
        assert_eq!(iran_now(utc(2025, 5, 3, 5, 0)), local(2025, 5, 3, 8, 30));
    }

    #[test]
    fn day_boundary() {
        assert_eq!(iran_now(utc(2025, 5, 2, 20, 29)), local(2025, 5, 2, 23, 59));
        assert_eq!(iran_now(utc(2025, 5, 2, 20, 30)), local(2025, 5, 3, 0, 0));
        // New year's eve and the end of Esfand 1403 (2025-03-20).
        assert_eq!(iran_now(utc(2024, 12, 31, 21, 0)), local(2025, 1, 1, 0, 30));
        assert_eq!(iran_now(utc(2025, 3, 20, 20, 30)), local(2025, 3, 21, 0, 0));
    }

    #[test]
    fn no_daylight_saving_in_summer() {
        // Before 2022 this would have been UTC+04:30.
        assert_eq!(iran_now(utc(2025, 7, 1, 12, 0)), local(2025, 7, 1, 15, 30));
    }

    #[test]
    fn unix_ms_from_the_browser() {
        assert_eq!(from_unix_ms(0.0), Some(utc(1970, 1, 1, 0, 0)));
        let t = from_unix_ms(1_746_250_200_000.0).expect("in range");
        assert_eq!(t, utc(2025, 5, 3, 5, 30));
        assert_eq!(iran_now(t), local(2025, 5, 3, 9, 0));
        let frac = from_unix_ms(1_746_250_200_999.9).expect("in range");
        assert_eq!(frac.timestamp_subsec_millis(), 999);
        assert_eq!(frac.second(), 0);
        assert_eq!(from_unix_ms(-1.5).map(|t| t.timestamp_millis()), Some(-2));
    }

    #[test]
    fn unix_ms_rejects_garbage() {
        assert_eq!(from_unix_ms(f64::NAN), None);
        assert_eq!(from_unix_ms(f64::INFINITY), None);
        assert_eq!(from_unix_ms(f64::NEG_INFINITY), None);
        assert_eq!(from_unix_ms(1e300), None);
        assert_eq!(from_unix_ms(-1e300), None);
    }

    #[test]
    fn extreme_instants_do_not_panic() {
        let _ = iran_now(DateTime::<Utc>::MAX_UTC);
        let _ = iran_now(DateTime::<Utc>::MIN_UTC);
    }
}
