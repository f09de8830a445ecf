use chrono::{NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::common::open_enum;
use super::{Closure, LatLon, TimeOfDay};

open_enum! {
    /// The network an office belongs to; all but `Pishkhan` are parallel networks being converted.
    OfficeKind {
        Pishkhan = "pishkhan",
        RuralIct = "rural_ict",
        ECity = "e_city",
        SocialSecurity = "social_security",
        HealthInsurance = "health_insurance",
    }
}

open_enum! {
    /// Whether an office operates at all (its hours apply only when `Open`).
    OfficeStatus {
        Open = "open",
        TemporarilyClosed = "temporarily_closed",
        Closed = "closed",
    }
}

/// `GET {api}/provinces/{province_id}/offices.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OfficesDoc {
    pub province_id: String,
    #[serde(deserialize_with = "super::dates::datetime")]
    pub generated_at: chrono::DateTime<chrono::Utc>,
    pub offices: Vec<Office>,
}

/// A service counter office.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Office {
    pub id: String,
    /// The office number people see on the door.
    pub code: String,
    pub kind: OfficeKind,
    pub name_fa: String,
    pub name_en: String,
    pub province_id: String,
    pub city_fa: String,
    pub city_en: String,
    pub address_fa: String,
    #[serde(default)]
    pub postal_code: Option<String>,
    #[serde(default)]
    pub location: Option<LatLon>,
    #[serde(default)]
    pub phone: Option<String>,
    /// `None`: hours unknown.
    #[serde(default)]
    pub hours: Option<WeeklyHours>,
    #[serde(default)]
    pub closures: Vec<Closure>,
    #[serde(default)]
    pub services: Vec<String>,
    #[serde(default)]
    pub licence_number: Option<String>,
    /// The status of that licence when the data was published (optional, so a card can say
    /// "licence revoked" without loading the licence); absent: not published with the office.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence_status: Option<super::LicenceStatus>,
    pub status: OfficeStatus,
    #[serde(default)]
    pub accessibility: Accessibility,
    #[serde(deserialize_with = "super::dates::date")]
    pub updated_at: NaiveDate,
}

/// A test office: open, a Pishkhan office, with `id` as its code and name, in `province`, and
/// nothing else known. Tests set what they need with `Office { field, ..Office::for_test(…) }`.
#[cfg(test)]
impl Office {
    pub fn for_test(id: &str, province: &str) -> Office {
        Office {
            id: id.into(),
            code: id.into(),
            kind: OfficeKind::Pishkhan,
            name_fa: id.into(),
            name_en: id.into(),
            province_id: province.into(),
            city_fa: String::new(),
            city_en: String::new(),
            address_fa: String::new(),
            postal_code: None,
            location: None,
            phone: None,
            hours: None,
            closures: Vec::new(),
            services: Vec::new(),
            licence_number: None,
            licence_status: None,
            status: OfficeStatus::Open,
            accessibility: Accessibility::default(),
            updated_at: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default(),
        }
    }
}

impl Office {
    /// Whether the office offers the service with this id.
    pub fn offers(&self, service_id: &str) -> bool {
        self.services.iter().any(|s| s == service_id)
    }

    /// Contract rules serde cannot express.
    pub fn validate(&self) -> Result<(), String> {
        if self.id.trim().is_empty() {
            return Err("office id is empty".into());
        }
        if let Some(loc) = &self.location {
            if !loc.in_iran() {
                return Err(format!(
                    "office {}: location out of range (outside Iran)",
                    self.id
                ));
            }
        }
        if let Some(hours) = &self.hours {
            hours
                .validate()
                .map_err(|e| format!("office {}: {e}", self.id))?;
        }
        for c in &self.closures {
            if c.to < c.from {
                return Err(format!("office {}: closure ends before it starts", self.id));
            }
        }
        Ok(())
    }
}

/// Accessibility facts; `None` means not known.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Accessibility {
    #[serde(default)]
    pub wheelchair: Option<bool>,
}

/// One opening period within a day (never past midnight).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shift {
    pub open: TimeOfDay,
    pub close: TimeOfDay,
}

/// Weekly opening hours, the week starting Saturday. A day that is `None` (absent) is unknown;
/// `Some(vec![])` is closed that day.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WeeklyHours {
    #[serde(default)]
    pub sat: Option<Vec<Shift>>,
    #[serde(default)]
    pub sun: Option<Vec<Shift>>,
    #[serde(default)]
    pub mon: Option<Vec<Shift>>,
    #[serde(default)]
    pub tue: Option<Vec<Shift>>,
    #[serde(default)]
    pub wed: Option<Vec<Shift>>,
    #[serde(default)]
    pub thu: Option<Vec<Shift>>,
    #[serde(default)]
    pub fri: Option<Vec<Shift>>,
}

/// The days of the Iranian week, Saturday first.
pub const IRAN_WEEK: [Weekday; 7] = [
    Weekday::Sat,
    Weekday::Sun,
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
];

impl WeeklyHours {
    /// The shifts of one weekday; `None` when that day's hours are unknown.
    pub fn day(&self, day: Weekday) -> Option<&[Shift]> {
        match day {
            Weekday::Sat => self.sat.as_deref(),
            Weekday::Sun => self.sun.as_deref(),
            Weekday::Mon => self.mon.as_deref(),
            Weekday::Tue => self.tue.as_deref(),
            Weekday::Wed => self.wed.as_deref(),
            Weekday::Thu => self.thu.as_deref(),
            Weekday::Fri => self.fri.as_deref(),
        }
    }

    /// Each shift opens before it closes, and shifts of a day do not overlap.
    pub fn validate(&self) -> Result<(), String> {
        for day in IRAN_WEEK {
            if let Some(shifts) = self.day(day) {
                let mut last_close = None;
                for s in shifts {
                    if s.close <= s.open {
                        return Err(format!(
                            "{day}: shift {}–{} closes before it opens",
                            s.open, s.close
                        ));
                    }
                    if last_close.is_some_and(|c| s.open < c) {
                        return Err(format!("{day}: shifts overlap or are out of order"));
                    }
                    last_close = Some(s.close);
                }
            }
        }
        Ok(())
    }
}
