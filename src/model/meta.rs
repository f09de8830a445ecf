use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{BBox, LatLon};

/// `GET {api}/meta.json`: the dataset's provinces and the closure orders in force.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub schema_version: u32,
    pub dataset_version: String,
    #[serde(deserialize_with = "super::dates::datetime")]
    pub generated_at: DateTime<Utc>,
    pub provinces: Vec<Province>,
    #[serde(default)]
    pub closures: Vec<ClosureOrder>,
    /// Optional addition: where the data comes from and under which licence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<DataSource>,
    /// Optional addition: the index layer built from this dataset (`docs/api.md`, "Index
    /// documents"). Use it only when `domain::index::usable` says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<super::IndexInfo>,
    /// `index` as raw JSON, as `api::decode::meta` read it. In the browser that decoder leaves
    /// `index` empty and the app reads this only where the index is used (`Api::index`), so the
    /// first-load module does not carry its decoder. Never written.
    #[serde(skip)]
    pub index_json: Option<String>,
}

impl Meta {
    /// The province with this id, if the dataset has it.
    pub fn province(&self, id: &str) -> Option<&Province> {
        self.provinces.iter().find(|p| p.id == id)
    }
}

/// A province (ISO 3166-2:IR) with the summary figures of its documents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Province {
    /// ISO 3166-2 code, e.g. `IR-23`.
    pub id: String,
    pub name_fa: String,
    pub name_en: String,
    pub population: u64,
    pub centroid: LatLon,
    /// Bounding box of the province's offices; `None` when it has no located office.
    #[serde(default)]
    pub bbox: Option<BBox>,
    pub office_count: u32,
    pub licence_count: u32,
}

/// A national (`province_id == None`) or provincial closure order; dates inclusive.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClosureOrder {
    #[serde(default)]
    pub province_id: Option<String>,
    #[serde(deserialize_with = "super::dates::date")]
    pub from: NaiveDate,
    #[serde(deserialize_with = "super::dates::date")]
    pub to: NaiveDate,
    #[serde(default)]
    pub reason_fa: String,
    #[serde(default)]
    pub reason_en: String,
}

impl ClosureOrder {
    /// Whether the order applies to offices of this province.
    pub fn applies_to(&self, province_id: &str) -> bool {
        self.province_id.as_deref().is_none_or(|p| p == province_id)
    }
}

/// Optional addition to `meta.json`: provenance of the dataset.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DataSource {
    pub name_fa: String,
    pub name_en: String,
    #[serde(default)]
    pub url: Option<String>,
    /// Licence of the data, e.g. `CC BY 4.0`.
    #[serde(default)]
    pub licence: Option<String>,
}

/// `GET {api}/agencies.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgenciesDoc {
    pub agencies: Vec<Agency>,
}

/// A government agency whose services are delivered through the offices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Agency {
    pub id: String,
    pub name_fa: String,
    pub name_en: String,
    #[serde(default)]
    pub website: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
}
