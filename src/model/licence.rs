use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::common::open_enum;

open_enum! {
    /// The kind of office a licence allows.
    LicenceKind {
        Pishkhan = "pishkhan",
        RuralIct = "rural_ict",
    }
}

open_enum! {
    /// Licence status as recorded by the regulator.
    LicenceStatus {
        /// Issued but never activated (no office opened yet).
        Issued = "issued",
        Active = "active",
        Suspended = "suspended",
        Revoked = "revoked",
        Expired = "expired",
    }
}

open_enum! {
    /// Inspection grade, A best.
    Grade {
        A = "A",
        B = "B",
        C = "C",
        D = "D",
    }
}

/// `GET {api}/provinces/{province_id}/licences.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LicencesDoc {
    pub province_id: String,
    #[serde(deserialize_with = "super::dates::datetime")]
    pub generated_at: chrono::DateTime<chrono::Utc>,
    pub licences: Vec<Licence>,
}

/// An office licence issued by the Communications Regulatory Authority.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Licence {
    pub number: String,
    pub province_id: String,
    pub holder_fa: String,
    #[serde(default)]
    pub holder_en: Option<String>,
    /// `None`: no office ever opened under this licence.
    #[serde(default)]
    pub office_id: Option<String>,
    pub kind: LicenceKind,
    pub city_fa: String,
    #[serde(deserialize_with = "super::dates::date")]
    pub issued_on: NaiveDate,
    #[serde(default, deserialize_with = "super::dates::option_date")]
    pub activated_on: Option<NaiveDate>,
    #[serde(deserialize_with = "super::dates::date")]
    pub expires_on: NaiveDate,
    pub status: LicenceStatus,
    #[serde(default, deserialize_with = "super::dates::option_date")]
    pub last_activity_on: Option<NaiveDate>,
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
    #[serde(default)]
    pub inspections: Vec<Inspection>,
}

impl Licence {
    /// Contract rules serde cannot express. Contradictions *between* dates are not errors
    /// here: they are surfaced by `domain::licence_flags` as "inconsistent", never fixed.
    pub fn validate(&self) -> Result<(), String> {
        if self.number.trim().is_empty() {
            return Err("licence number is empty".into());
        }
        Ok(())
    }
}

/// One status change of a licence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    #[serde(deserialize_with = "super::dates::date")]
    pub on: NaiveDate,
    pub status: LicenceStatus,
    #[serde(default)]
    pub note_fa: Option<String>,
    #[serde(default)]
    pub note_en: Option<String>,
}

/// An inspection result from online supervision or a visit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Inspection {
    #[serde(deserialize_with = "super::dates::date")]
    pub on: NaiveDate,
    pub grade: Grade,
    #[serde(default)]
    pub note_fa: Option<String>,
}
