//! "Open now": an office's weekly hours and closures evaluated in Iran local time.
//!
//! Unknown is never shown as closed: an office with no published hours, or no hours for
//! today, is [`OpeningState::Unknown`], so nobody skips a trip on our guess.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, Timelike};

use crate::model::{Closure, ClosureOrder, Office, OfficeStatus, Shift, TimeOfDay};

/// An open office closing within this many minutes is "closing soon".
pub const CLOSING_SOON_MINUTES: u16 = 30;

/// How many days ahead the next opening and upcoming closures are looked for.
pub const LOOKAHEAD_DAYS: u64 = 14;

/// When an office opens next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NextOpening {
    /// Iran local date.
    pub date: NaiveDate,
    /// Iran local time.
    pub at: TimeOfDay,
}

/// Why an office is closed now.
#[derive(Clone, Debug, PartialEq)]
pub enum ClosedReason {
    /// Outside the office's hours, or a day it does not open.
    OutsideHours,
    /// A national or provincial closure order covers today.
    ClosureOrder {
        /// Reason in Persian (may be empty).
        reason_fa: String,
        /// Reason in English (may be empty).
        reason_en: String,
        /// Last closed day of the order (inclusive).
        until: NaiveDate,
    },
    /// The office's own closure covers today.
    OfficeClosure {
        /// Reason in Persian (may be empty).
        reason_fa: String,
        /// Reason in English (may be empty).
        reason_en: String,
        /// Last closed day of the closure (inclusive).
        until: NaiveDate,
    },
    /// The office does not operate at all (temporarily or permanently closed).
    NotOperating(OfficeStatus),
}

/// Whether an office is open at a moment.
#[derive(Clone, Debug, PartialEq)]
pub enum OpeningState {
    /// Open; `closes_at` is the end of the current opening (back-to-back shifts joined).
    Open {
        /// Iran local time, today.
        closes_at: TimeOfDay,
        /// It closes within [`CLOSING_SOON_MINUTES`].
        closing_soon: bool,
    },
    /// Closed, with when it opens next if that is known within [`LOOKAHEAD_DAYS`].
    Closed {
        /// Why it is closed.
        reason: ClosedReason,
        /// `None` when not operating, or when an unknown day or the look-ahead limit comes
        /// before any known opening.
        next: Option<NextOpening>,
    },
    /// The office's hours for now are not known.
    Unknown,
}

/// Minutes after midnight of a local date-time (seconds dropped: opening at 08:00 means
/// open from 08:00:00, closing at 12:00 means closed from 12:00:00).
fn minute_of_day(now: NaiveDateTime) -> u16 {
    // hour ≤ 23 and minute ≤ 59, so the value is below 1440 and fits.
    (now.hour() * 60 + now.minute()) as u16
}

/// A closure covering a date, whichever source it comes from.
struct Covering<'a> {
    reason_fa: &'a str,
    reason_en: &'a str,
    until: NaiveDate,
    order: bool,
}

/// The closure covering `date`, if any: the one lasting longest, the office's own on a tie
/// (its reason is the more specific).
fn closure_on<'a>(
    office: &'a Office,
    orders: &'a [ClosureOrder],
    date: NaiveDate,
) -> Option<Covering<'a>> {
    let own = office
        .closures
        .iter()
        .filter(|c| c.from <= date && date <= c.to)
        .map(|c: &Closure| Covering {
            reason_fa: &c.reason_fa,
            reason_en: &c.reason_en,
            until: c.to,
            order: false,
        });
    let ordered = orders
        .iter()
        .filter(|o| o.applies_to(&office.province_id) && o.from <= date && date <= o.to)
        .map(|o| Covering {
            reason_fa: &o.reason_fa,
            reason_en: &o.reason_en,
            until: o.to,
            order: true,
        });
    own.chain(ordered)
        .fold(None, |best: Option<Covering<'a>>, c| match best {
            Some(b) if b.until >= c.until => Some(b),
            _ => Some(c),
        })
}

/// Shifts that make sense (opening before closing); decoding validates them, but a day's
/// evaluation must not go wrong on one bad record.
fn valid(shifts: &[Shift]) -> impl Iterator<Item = &Shift> {
    shifts.iter().filter(|s| s.open < s.close)
}

/// The end of the opening containing minute `t`, joining back-to-back shifts
/// (08:00–12:00 and 12:00–16:00 close at 16:00); `None` when closed at `t`.
fn open_until(shifts: &[Shift], t: u16) -> Option<TimeOfDay> {
    let mut closes = valid(shifts)
        .find(|s| s.open.minutes() <= t && t < s.close.minutes())?
        .close;
    while let Some(next) = valid(shifts).find(|s| s.open == closes) {
        closes = next.close;
    }
    Some(closes)
}

/// The first known opening strictly after minute `after` of `today` (`None`: from the start
/// of today), skipping closure days and days without shifts, within [`LOOKAHEAD_DAYS`].
/// Stops at the first day whose hours are unknown.
fn next_opening(
    office: &Office,
    orders: &[ClosureOrder],
    today: NaiveDate,
    after: Option<u16>,
) -> Option<NextOpening> {
    let hours = office.hours.as_ref()?;
    for offset in 0..=LOOKAHEAD_DAYS {
        let date = today.checked_add_days(Days::new(offset))?;
        if closure_on(office, orders, date).is_some() {
            continue;
        }
        let shifts = hours.day(date.weekday())?;
        let bound = if offset == 0 { after } else { None };
        let first = valid(shifts)
            .map(|s| s.open)
            .filter(|o| bound.is_none_or(|b| o.minutes() > b))
            .min();
        if let Some(at) = first {
            return Some(NextOpening { date, at });
        }
    }
    None
}

/// Whether `office` is open at `now` (Iran local time), taking into account its status, its
/// own closures and the closure orders that apply to its province.
pub fn opening_state(office: &Office, orders: &[ClosureOrder], now: NaiveDateTime) -> OpeningState {
    let today = now.date();
    let t = minute_of_day(now);
    if office.status != OfficeStatus::Open {
        // Temporarily closed with a closure of its own covering today: the data says when it
        // reopens (the first opening after that closure).
        let next = (office.status == OfficeStatus::TemporarilyClosed)
            .then(|| closure_on(office, &[], today))
            .flatten()
            .and_then(|c| c.until.checked_add_days(Days::new(1)))
            .and_then(|reopens| next_opening(office, orders, reopens, None));
        return OpeningState::Closed {
            reason: ClosedReason::NotOperating(office.status.clone()),
            next,
        };
    }
    if let Some(c) = closure_on(office, orders, today) {
        let (reason_fa, reason_en, until) =
            (c.reason_fa.to_string(), c.reason_en.to_string(), c.until);
        let reason = if c.order {
            ClosedReason::ClosureOrder {
                reason_fa,
                reason_en,
                until,
            }
        } else {
            ClosedReason::OfficeClosure {
                reason_fa,
                reason_en,
                until,
            }
        };
        return OpeningState::Closed {
            reason,
            next: next_opening(office, orders, today, Some(t)),
        };
    }
    let Some(shifts) = office.hours.as_ref().and_then(|h| h.day(today.weekday())) else {
        return OpeningState::Unknown;
    };
    match open_until(shifts, t) {
        Some(closes_at) => OpeningState::Open {
            closes_at,
            closing_soon: closes_at.minutes().saturating_sub(t) <= CLOSING_SOON_MINUTES,
        },
        None => OpeningState::Closed {
            reason: ClosedReason::OutsideHours,
            next: next_opening(office, orders, today, Some(t)),
        },
    }
}

/// Whether the office is known to be open at `now` (Iran local time); `false` when unknown.
pub fn is_open_now(office: &Office, orders: &[ClosureOrder], now: NaiveDateTime) -> bool {
    matches!(
        opening_state(office, orders, now),
        OpeningState::Open { .. }
    )
}

/// Who ordered a closure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ClosureSource {
    /// A nationwide closure order.
    National,
    /// A closure order for the office's province.
    Provincial,
    /// The office's own closure.
    Office,
}

/// A closure in force or starting soon, for the notices on an office's page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActiveClosure<'a> {
    /// Who ordered it.
    pub source: ClosureSource,
    /// First closed day (inclusive).
    pub from: NaiveDate,
    /// Last closed day (inclusive).
    pub to: NaiveDate,
    /// Reason in Persian (may be empty).
    pub reason_fa: &'a str,
    /// Reason in English (may be empty).
    pub reason_en: &'a str,
}

impl ActiveClosure<'_> {
    /// Whether the closure covers `today` (otherwise it is upcoming).
    pub fn is_current(&self, today: NaiveDate) -> bool {
        self.from <= today && today <= self.to
    }
}

/// Closures of `office` (its own and the orders applying to its province) that cover
/// `today` or start within [`LOOKAHEAD_DAYS`] after it; sorted by start date, then end date,
/// then national, provincial, office.
pub fn active_closures<'a>(
    office: &'a Office,
    orders: &'a [ClosureOrder],
    today: NaiveDate,
) -> Vec<ActiveClosure<'a>> {
    let horizon = today
        .checked_add_days(Days::new(LOOKAHEAD_DAYS))
        .unwrap_or(NaiveDate::MAX);
    let own = office.closures.iter().map(|c| ActiveClosure {
        source: ClosureSource::Office,
        from: c.from,
        to: c.to,
        reason_fa: &c.reason_fa,
        reason_en: &c.reason_en,
    });
    let ordered = orders
        .iter()
        .filter(|o| o.applies_to(&office.province_id))
        .map(|o| ActiveClosure {
            source: if o.province_id.is_some() {
                ClosureSource::Provincial
            } else {
                ClosureSource::National
            },
            from: o.from,
            to: o.to,
            reason_fa: &o.reason_fa,
            reason_en: &o.reason_en,
        });
    let mut active: Vec<ActiveClosure<'a>> = own
        .chain(ordered)
        .filter(|c| c.from <= c.to && c.to >= today && c.from <= horizon)
        .collect();
    active.sort_by_key(|c| (c.from, c.to, c.source));
    active
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::WeeklyHours;
    use chrono::Weekday;

    fn tod(h: u16, m: u16) -> TimeOfDay {
        TimeOfDay::new(h, m).unwrap_or_else(|| panic!("bad time {h}:{m}"))
    }

    fn shift(o: (u16, u16), c: (u16, u16)) -> Shift {
        Shift {
            open: tod(o.0, o.1),
            close: tod(c.0, c.1),
        }
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_else(|| panic!("bad date"))
    }

    fn at(d: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
        d.and_hms_opt(h, m, 0).unwrap_or_else(|| panic!("bad time"))
    }

    // A week in Ordibehesht 1404 without public holidays: Saturday 3 May 2025 to Friday 9 May.
    fn sat() -> NaiveDate {
        date(2025, 5, 3)
    }
    fn thu() -> NaiveDate {
        date(2025, 5, 8)
    }
    fn fri() -> NaiveDate {
        date(2025, 5, 9)
    }
    fn next_sat() -> NaiveDate {
        date(2025, 5, 10)
    }

    fn hours() -> WeeklyHours {
        let full = Some(vec![shift((8, 0), (14, 0)), shift((16, 0), (19, 0))]);
        WeeklyHours {
            sat: full.clone(),
            sun: full.clone(),
            mon: full.clone(),
            tue: full.clone(),
            wed: full,
            thu: Some(vec![shift((8, 0), (12, 0))]),
            fri: Some(vec![]),
        }
    }

    fn office() -> Office {
        Office {
            code: "10451".into(),
            name_fa: "پیشخوان".into(),
            name_en: "Pishkhan".into(),
            city_fa: "کرج".into(),
            city_en: "Karaj".into(),
            hours: Some(hours()),
            ..Office::for_test("o1", "IR-30")
        }
    }

    fn order(province: Option<&str>, from: NaiveDate, to: NaiveDate, why: &str) -> ClosureOrder {
        ClosureOrder {
            province_id: province.map(String::from),
            from,
            to,
            reason_fa: why.into(),
            reason_en: format!("{why} (en)"),
        }
    }

    fn open(h: u16, m: u16) -> OpeningState {
        OpeningState::Open {
            closes_at: tod(h, m),
            closing_soon: false,
        }
    }

    fn closed(next: Option<(NaiveDate, u16, u16)>) -> OpeningState {
        OpeningState::Closed {
            reason: ClosedReason::OutsideHours,
            next: next.map(|(date, h, m)| NextOpening {
                date,
                at: tod(h, m),
            }),
        }
    }

    #[test]
    fn fixture_weekdays() {
        assert_eq!(sat().weekday(), Weekday::Sat);
        assert_eq!(thu().weekday(), Weekday::Thu);
        assert_eq!(fri().weekday(), Weekday::Fri);
        assert_eq!(next_sat().weekday(), Weekday::Sat);
    }

    #[test]
    fn saturday_morning_open() {
        assert_eq!(opening_state(&office(), &[], at(sat(), 9, 30)), open(14, 0));
        assert!(is_open_now(&office(), &[], at(sat(), 9, 30)));
    }

    #[test]
    fn exactly_at_open_and_close() {
        let o = office();
        assert_eq!(opening_state(&o, &[], at(sat(), 8, 0)), open(14, 0));
        assert_eq!(
            opening_state(&o, &[], at(sat(), 7, 59)),
            closed(Some((sat(), 8, 0)))
        );
        assert_eq!(opening_state(&o, &[], at(sat(), 13, 29)), open(14, 0));
        assert_eq!(
            opening_state(&o, &[], at(sat(), 13, 59)),
            OpeningState::Open {
                closes_at: tod(14, 0),
                closing_soon: true
            }
        );
        assert_eq!(
            opening_state(&o, &[], at(sat(), 14, 0)),
            closed(Some((sat(), 16, 0)))
        );
        let last_second = sat().and_hms_opt(13, 59, 59).unwrap_or_default();
        assert!(matches!(
            opening_state(&o, &[], last_second),
            OpeningState::Open { closes_at, closing_soon: true } if closes_at == tod(14, 0)
        ));
    }

    #[test]
    fn between_shifts_next_is_same_day() {
        assert_eq!(
            opening_state(&office(), &[], at(sat(), 15, 0)),
            closed(Some((sat(), 16, 0)))
        );
    }

    #[test]
    fn afternoon_second_shift() {
        assert_eq!(
            opening_state(&office(), &[], at(sat(), 17, 45)),
            open(19, 0)
        );
        // After the last shift: tomorrow morning.
        assert_eq!(
            opening_state(&office(), &[], at(sat(), 19, 0)),
            closed(Some((date(2025, 5, 4), 8, 0)))
        );
    }

    #[test]
    fn thursday_short_day() {
        assert_eq!(opening_state(&office(), &[], at(thu(), 11, 0)), open(12, 0));
        // Thursday afternoon: Friday closed, so Saturday.
        assert_eq!(
            opening_state(&office(), &[], at(thu(), 12, 0)),
            closed(Some((next_sat(), 8, 0)))
        );
    }

    #[test]
    fn friday_closed_next_saturday() {
        assert_eq!(
            opening_state(&office(), &[], at(fri(), 10, 0)),
            closed(Some((next_sat(), 8, 0)))
        );
        assert!(!is_open_now(&office(), &[], at(fri(), 10, 0)));
    }

    #[test]
    fn date_boundaries() {
        // Midnight starting Saturday: opens at 08:00 that day.
        assert_eq!(
            opening_state(&office(), &[], at(sat(), 0, 0)),
            closed(Some((sat(), 8, 0)))
        );
        // One minute before midnight on Friday.
        assert_eq!(
            opening_state(&office(), &[], at(fri(), 23, 59)),
            closed(Some((next_sat(), 8, 0)))
        );
    }

    #[test]
    fn back_to_back_shifts_close_at_the_end() {
        let mut o = office();
        let h = o.hours.get_or_insert_with(WeeklyHours::default);
        h.sat = Some(vec![shift((8, 0), (12, 0)), shift((12, 0), (16, 0))]);
        assert_eq!(opening_state(&o, &[], at(sat(), 9, 0)), open(16, 0));
        assert_eq!(opening_state(&o, &[], at(sat(), 12, 0)), open(16, 0));
    }

    #[test]
    fn open_until_midnight() {
        let mut o = office();
        let h = o.hours.get_or_insert_with(WeeklyHours::default);
        h.sat = Some(vec![shift((20, 0), (24, 0))]);
        assert_eq!(opening_state(&o, &[], at(sat(), 23, 0)), open(24, 0));
    }

    #[test]
    fn missing_hours_unknown() {
        let mut o = office();
        o.hours = None;
        assert_eq!(
            opening_state(&o, &[], at(sat(), 10, 0)),
            OpeningState::Unknown
        );
        assert!(!is_open_now(&o, &[], at(sat(), 10, 0)));
    }

    #[test]
    fn absent_day_unknown() {
        let mut o = office();
        let h = o.hours.get_or_insert_with(WeeklyHours::default);
        h.sat = None;
        assert_eq!(
            opening_state(&o, &[], at(sat(), 10, 0)),
            OpeningState::Unknown
        );
        // Friday (closed) with Saturday unknown: the next opening is not known.
        assert_eq!(opening_state(&o, &[], at(fri(), 10, 0)), closed(None));
        // Thursday afternoon stops at the unknown Saturday too.
        assert_eq!(opening_state(&o, &[], at(thu(), 13, 0)), closed(None));
    }

    #[test]
    fn never_opening_week() {
        let mut o = office();
        o.hours = Some(WeeklyHours {
            sat: Some(vec![]),
            sun: Some(vec![]),
            mon: Some(vec![]),
            tue: Some(vec![]),
            wed: Some(vec![]),
            thu: Some(vec![]),
            fri: Some(vec![]),
        });
        assert_eq!(opening_state(&o, &[], at(sat(), 10, 0)), closed(None));
    }

    #[test]
    fn closing_soon_in_the_last_half_hour() {
        let o = office();
        let soon = |h, m| match opening_state(&o, &[], at(sat(), h, m)) {
            OpeningState::Open { closing_soon, .. } => Some(closing_soon),
            _ => None,
        };
        let OpeningState::Open { closes_at, .. } = opening_state(&o, &[], at(sat(), 10, 0)) else {
            panic!("open on Saturday morning");
        };
        let (h, m) = (
            u32::from(closes_at.minutes() / 60),
            u32::from(closes_at.minutes() % 60),
        );
        let before = |mins: u32| {
            let total = h * 60 + m - mins;
            soon(total / 60, total % 60)
        };
        assert_eq!(before(31), Some(false));
        assert_eq!(before(30), Some(true));
        assert_eq!(before(1), Some(true));
        assert_eq!(soon(h, m), None, "closed at the closing minute");
    }

    #[test]
    fn temporarily_closed_with_a_closure_says_when_it_reopens() {
        let mut o = office();
        o.status = OfficeStatus::TemporarilyClosed;
        o.closures = vec![Closure {
            from: date(2025, 4, 20),
            to: date(2025, 5, 20),
            reason_fa: "بازسازی".into(),
            reason_en: "Renovation".into(),
        }];
        let OpeningState::Closed { reason, next } = opening_state(&o, &[], at(sat(), 10, 0)) else {
            panic!("temporarily closed is closed");
        };
        assert_eq!(
            reason,
            ClosedReason::NotOperating(OfficeStatus::TemporarilyClosed)
        );
        let next = next.unwrap_or_else(|| panic!("the closure's end is known"));
        assert!(next.date > date(2025, 5, 20), "after the closure: {next:?}");
        assert!(
            next.date <= date(2025, 5, 24),
            "its first working day: {next:?}"
        );
        // Closed for good: no reopening, whatever the closures say.
        o.status = OfficeStatus::Closed;
        assert!(matches!(
            opening_state(&o, &[], at(sat(), 10, 0)),
            OpeningState::Closed { next: None, .. }
        ));
    }

    #[test]
    fn temporarily_closed_never_open() {
        for status in [
            OfficeStatus::TemporarilyClosed,
            OfficeStatus::Closed,
            OfficeStatus::Other("x".into()),
        ] {
            let mut o = office();
            o.status = status.clone();
            assert_eq!(
                opening_state(&o, &[], at(sat(), 10, 0)),
                OpeningState::Closed {
                    reason: ClosedReason::NotOperating(status),
                    next: None
                }
            );
            o.hours = None;
            assert!(!is_open_now(&o, &[], at(sat(), 10, 0)));
        }
    }

    #[test]
    fn national_order_closes_every_office() {
        let sun = date(2025, 5, 4);
        let orders = [order(None, sat(), sun, "تعطیلی سراسری")];
        assert_eq!(
            opening_state(&office(), &orders, at(sat(), 10, 0)),
            OpeningState::Closed {
                reason: ClosedReason::ClosureOrder {
                    reason_fa: "تعطیلی سراسری".into(),
                    reason_en: "تعطیلی سراسری (en)".into(),
                    until: sun,
                },
                next: Some(NextOpening {
                    date: date(2025, 5, 5),
                    at: tod(8, 0)
                }),
            }
        );
        // The day after the order ends (inclusive dates) it is open again.
        assert!(is_open_now(&office(), &orders, at(date(2025, 5, 5), 10, 0)));
    }

    #[test]
    fn provincial_order_only_for_its_province() {
        let other = [order(Some("IR-23"), sat(), sat(), "آلودگی هوا")];
        assert!(is_open_now(&office(), &other, at(sat(), 10, 0)));
        let this = [order(Some("IR-30"), sat(), sat(), "آلودگی هوا")];
        assert!(matches!(
            opening_state(&office(), &this, at(sat(), 10, 0)),
            OpeningState::Closed {
                reason: ClosedReason::ClosureOrder { .. },
                ..
            }
        ));
    }

    #[test]
    fn closure_overrides_unknown_hours() {
        let mut o = office();
        o.hours = None;
        let orders = [order(None, sat(), sat(), "x")];
        assert!(matches!(
            opening_state(&o, &orders, at(sat(), 10, 0)),
            OpeningState::Closed {
                reason: ClosedReason::ClosureOrder { .. },
                next: None
            }
        ));
    }

    #[test]
    fn office_closure() {
        let mut o = office();
        o.closures.push(Closure {
            from: date(2025, 5, 5),
            to: date(2025, 5, 7),
            reason_fa: "تعمیرات".into(),
            reason_en: "Renovation".into(),
        });
        assert!(is_open_now(&o, &[], at(date(2025, 5, 4), 10, 0)));
        assert_eq!(
            opening_state(&o, &[], at(date(2025, 5, 5), 10, 0)),
            OpeningState::Closed {
                reason: ClosedReason::OfficeClosure {
                    reason_fa: "تعمیرات".into(),
                    reason_en: "Renovation".into(),
                    until: date(2025, 5, 7),
                },
                next: Some(NextOpening {
                    date: thu(),
                    at: tod(8, 0)
                }),
            }
        );
        // Sunday evening: the next two days are closed, so Thursday.
        assert_eq!(
            opening_state(&o, &[], at(date(2025, 5, 4), 20, 0)),
            closed(Some((thu(), 8, 0)))
        );
    }

    #[test]
    fn longest_covering_closure_reported() {
        let mut o = office();
        o.closures.push(Closure {
            from: sat(),
            to: date(2025, 5, 6),
            reason_fa: String::new(),
            reason_en: String::new(),
        });
        let orders = [order(None, sat(), sat(), "one day")];
        assert!(matches!(
            opening_state(&o, &orders, at(sat(), 10, 0)),
            OpeningState::Closed { reason: ClosedReason::OfficeClosure { until, .. }, .. } if until == date(2025, 5, 6)
        ));
    }

    #[test]
    fn next_opening_within_fourteen_days() {
        let orders = [order(None, date(2025, 5, 4), date(2025, 5, 30), "long")];
        // Saturday evening, then closed for weeks: nothing known within the look-ahead.
        assert_eq!(
            opening_state(&office(), &orders, at(sat(), 20, 0)),
            closed(None)
        );
        let shorter = [order(
            None,
            date(2025, 5, 4),
            date(2025, 5, 16),
            "two weeks",
        )];
        // Back on Saturday 17 May, exactly 14 days later.
        assert_eq!(
            opening_state(&office(), &shorter, at(sat(), 20, 0)),
            closed(Some((date(2025, 5, 17), 8, 0)))
        );
    }

    #[test]
    fn active_closures_current_and_upcoming() {
        let mut o = office();
        o.closures = vec![
            Closure {
                from: date(2025, 4, 1),
                to: date(2025, 4, 2),
                reason_fa: "past".into(),
                reason_en: String::new(),
            },
            Closure {
                from: date(2025, 5, 10),
                to: date(2025, 5, 11),
                reason_fa: "soon".into(),
                reason_en: String::new(),
            },
            Closure {
                from: date(2025, 6, 1),
                to: date(2025, 6, 2),
                reason_fa: "far".into(),
                reason_en: String::new(),
            },
        ];
        let orders = [
            order(None, date(2025, 5, 2), sat(), "national"),
            order(
                Some("IR-30"),
                date(2025, 5, 17),
                date(2025, 5, 17),
                "provincial",
            ),
            order(Some("IR-23"), sat(), sat(), "elsewhere"),
        ];
        let active = active_closures(&o, &orders, sat());
        let reasons: Vec<&str> = active.iter().map(|c| c.reason_fa).collect();
        assert_eq!(reasons, ["national", "soon", "provincial"]);
        assert_eq!(
            active.iter().map(|c| c.source).collect::<Vec<_>>(),
            [
                ClosureSource::National,
                ClosureSource::Office,
                ClosureSource::Provincial
            ]
        );
        assert!(active[0].is_current(sat()));
        assert!(!active[1].is_current(sat()));
    }
}
