//! The contract's two date formats, read without chrono's general-purpose parser (which the
//! browser build would otherwise carry in its first download for these two fixed formats):
//!
//! - a calendar date, `YYYY-MM-DD` (ISO 8601, Gregorian);
//! - an instant, RFC 3339: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
//!
//! Use on fields with `#[serde(deserialize_with = "dates::date")]` and the like; serialising is
//! chrono's (same formats).

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::{Deserialize, Deserializer};

/// The decimal number in `digits` (ASCII digits only, at least one).
fn number(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() || digits.len() > 9 {
        return None;
    }
    digits.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// Reads `YYYY-MM-DD` at the start of `s`; the rest of `s` is returned.
fn date_prefix(s: &[u8]) -> Option<(NaiveDate, &[u8])> {
    if s.len() < 10 || s[4] != b'-' || s[7] != b'-' {
        return None;
    }
    let year = i32::try_from(number(&s[0..4])?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, number(&s[5..7])?, number(&s[8..10])?)?;
    Some((date, &s[10..]))
}

/// A calendar date `YYYY-MM-DD`, nothing before or after it.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    match date_prefix(s.as_bytes())? {
        (date, []) => Some(date),
        _ => None,
    }
}

/// An RFC 3339 instant (`T` or a space between date and time; `Z` or a ±HH:MM offset).
pub fn parse_datetime(s: &str) -> Option<DateTime<Utc>> {
    let (date, rest) = date_prefix(s.as_bytes())?;
    let (sep, rest) = rest.split_first()?;
    if !matches!(sep, b'T' | b't' | b' ') || rest.len() < 8 || rest[2] != b':' || rest[5] != b':' {
        return None;
    }
    let (hour, minute, mut second) = (
        number(&rest[0..2])?,
        number(&rest[3..5])?,
        number(&rest[6..8])?,
    );
    let mut rest = &rest[8..];
    let mut nanos = 0u32;
    if let Some((b'.', after)) = rest.split_first() {
        let len = after.iter().take_while(|b| b.is_ascii_digit()).count();
        if len == 0 {
            return None;
        }
        // Nanosecond precision; further digits are dropped.
        let kept = &after[..len.min(9)];
        nanos = number(kept)? * 10u32.pow(9 - kept.len() as u32);
        rest = &after[len..];
    }
    // A leap second (:60) is the last second of its minute, extended.
    if second == 60 {
        second = 59;
        nanos += 1_000_000_000;
    }
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?;
    let offset_s = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (h, m) = (number(&[*h1, *h2])?, number(&[*m1, *m2])?);
            if h > 23 || m > 59 {
                return None;
            }
            let seconds = i64::from(h * 3600 + m * 60);
            if *sign == b'-' {
                -seconds
            } else {
                seconds
            }
        }
        _ => return None,
    };
    let local = NaiveDateTime::new(date, time);
    Some(
        local
            .checked_sub_signed(Duration::seconds(offset_s))?
            .and_utc(),
    )
}

fn read<'de, D, T>(de: D, parse: fn(&str) -> Option<T>, expected: &str) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let raw = <std::borrow::Cow<'de, str>>::deserialize(de)?;
    parse(&raw).ok_or_else(|| {
        serde::de::Error::custom(format!("invalid date \"{raw}\", expected {expected}"))
    })
}

/// Serde: a required `YYYY-MM-DD`.
pub fn date<'de, D: Deserializer<'de>>(de: D) -> Result<NaiveDate, D::Error> {
    read(de, parse_date, "YYYY-MM-DD")
}

/// Serde: an optional (`null` or absent, with `#[serde(default)]`) `YYYY-MM-DD`.
pub fn option_date<'de, D: Deserializer<'de>>(de: D) -> Result<Option<NaiveDate>, D::Error> {
    match <Option<std::borrow::Cow<'de, str>>>::deserialize(de)? {
        None => Ok(None),
        Some(raw) => parse_date(&raw).map(Some).ok_or_else(|| {
            serde::de::Error::custom(format!("invalid date \"{raw}\", expected YYYY-MM-DD"))
        }),
    }
}

/// Serde: a required RFC 3339 instant.
pub fn datetime<'de, D: Deserializer<'de>>(de: D) -> Result<DateTime<Utc>, D::Error> {
    read(de, parse_datetime, "an RFC 3339 date and time")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{SecondsFormat, TimeZone};

    #[test]
    fn dates_are_strict_iso() {
        assert_eq!(
            parse_date("2025-03-20"),
            NaiveDate::from_ymd_opt(2025, 3, 20)
        );
        assert_eq!(
            parse_date("2024-02-29"),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        for bad in [
            "2025-02-29",
            "2025-13-01",
            "2025-00-10",
            "2025-3-20",
            "2025/03/20",
            "2025-03-20T00:00:00Z",
            "",
            "۲۰۲۵-۰۳-۲۰",
            "+025-03-20",
            "2025-03-2x",
            " 2025-03-20",
        ] {
            assert_eq!(parse_date(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn instants_agree_with_chrono() {
        for s in [
            "2026-11-29T06:56:43Z",
            "2026-11-29T06:56:43.5Z",
            "2026-11-29T06:56:43.123456789Z",
            "2026-11-29t10:26:43+03:30",
            "2026-11-29 01:00:00-05:00",
            "2026-01-01T00:10:00+03:30",
            "2016-12-31T23:59:60Z",
        ] {
            let chrono_reading = s.parse::<DateTime<Utc>>().ok();
            assert!(chrono_reading.is_some(), "chrono rejects {s:?}");
            assert_eq!(parse_datetime(s), chrono_reading, "{s:?}");
        }
        assert_eq!(
            parse_datetime("2026-01-01T00:10:00+03:30")
                .map(|d| d.to_rfc3339_opts(SecondsFormat::Secs, true)),
            Some("2025-12-31T20:40:00Z".to_string())
        );
        assert_eq!(
            parse_datetime("2026-11-29T06:56:43.1234567891Z"),
            Utc.with_ymd_and_hms(2026, 11, 29, 6, 56, 43)
                .single()
                .map(|d| d + Duration::nanoseconds(123_456_789))
        );
    }

    #[test]
    fn bad_instants_are_rejected() {
        for bad in [
            "2026-11-29T06:56:43",
            "2026-11-29T06:56Z",
            "2026-11-29T24:00:00Z",
            "2026-11-29T06:60:00Z",
            "2026-11-29T06:56:43.Z",
            "2026-11-29T06:56:43+3:30",
            "2026-11-29T06:56:43+24:00",
            "2026-11-29T06:56:43Z ",
            "2026-11-29X06:56:43Z",
            "2026-02-30T06:56:43Z",
            "",
        ] {
            assert_eq!(parse_datetime(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn serde_fields_read_and_explain() -> Result<(), serde_json::Error> {
        #[derive(Deserialize, Debug)]
        struct Doc {
            #[serde(deserialize_with = "date")]
            on: NaiveDate,
            #[serde(default, deserialize_with = "option_date")]
            until: Option<NaiveDate>,
            #[serde(deserialize_with = "datetime")]
            at: DateTime<Utc>,
        }
        let doc: Doc = serde_json::from_str(
            r#"{"on":"2025-03-20","until":null,"at":"2026-11-29T06:56:43Z"}"#,
        )?;
        assert_eq!(Some(doc.on), NaiveDate::from_ymd_opt(2025, 3, 20));
        assert_eq!(doc.until, None);
        assert_eq!(Some(doc.at), parse_datetime("2026-11-29T06:56:43Z"));
        let absent: Doc =
            serde_json::from_str(r#"{"on":"2025-03-20","at":"2026-11-29T06:56:43Z"}"#)?;
        assert_eq!(absent.until, None);
        let err = serde_json::from_str::<Doc>(
            r#"{"on":"2025-03-20","until":"soon","at":"2026-11-29T06:56:43Z"}"#,
        )
        .unwrap_err();
        assert!(err.to_string().contains("invalid date \"soon\""), "{err}");
        let err = serde_json::from_str::<Doc>(r#"{"on":20250320,"at":"2026-11-29T06:56:43Z"}"#)
            .unwrap_err();
        assert!(err.is_data(), "{err}");
        Ok(())
    }
}
