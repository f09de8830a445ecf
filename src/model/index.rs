//! Serde types of the optional index layer (`docs/api.md`, "Index documents (optional)").
//!
//! The index is a set of small static documents under `index/`, built from the v1 documents
//! by `tools/index` and announced by `meta.json` → `index`. A client uses it only when
//! [`crate::domain::index::usable`] says so, and otherwise reads the province documents.
//! Shared by the builder and the app; nothing here is platform-specific.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{BBox, LatLon, Office, OfficeKind};

/// Index format this client understands (`meta.json` → `index.format`).
pub const INDEX_FORMAT: u32 = 1;

/// `meta.json` → `index`: what was built, from which dataset, and where it is.
/// Every path is relative to the API base; `{}` in a template is replaced by a shard number,
/// a chunk number, a card page number or a tile id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndexInfo {
    /// Index format version ([`INDEX_FORMAT`]).
    pub format: u32,
    /// The `dataset_version` of the documents the index was built from.
    pub dataset_version: String,
    /// Gazetteer: [`PlacesDoc`].
    pub places: String,
    /// Dashboard figures: [`SummaryDoc`].
    pub summary: String,
    /// Tile manifest: [`TileManifest`].
    pub tiles: String,
    /// Tile documents ([`TileDoc`]), `{}` = tile id.
    pub tile: String,
    /// Office id → province and tile: [`IdShard`].
    pub ids: Sharding,
    /// Office code → offices: [`CodeShard`].
    pub codes: Sharding,
    /// Term chunk manifest: [`TermManifest`].
    pub terms: String,
    /// Term chunks ([`TermChunk`]), `{}` = chunk number.
    pub term_chunk: String,
    /// Result cards ([`CardPage`]), `{}` = page number.
    pub cards: CardPaging,
}

/// A sharded look-up: key → shard `fnv1a(key) % shards`, document `path` with `{}` = shard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sharding {
    pub path: String,
    pub shards: u32,
}

/// Cards by office ordinal: ordinal `n` is card `n % page_size` of page `n / page_size`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardPaging {
    pub path: String,
    pub page_size: u32,
    pub pages: u32,
    /// Number of offices (ordinals run `0..offices`).
    pub offices: u32,
}

// ---------------------------------------------------------------------------------------
// Places

/// `index/places.json`: every city or village that has offices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlacesDoc {
    #[serde(deserialize_with = "super::dates::datetime")]
    pub generated_at: DateTime<Utc>,
    /// Sorted by `province_id`, then `key`; a place's number is its position here.
    pub places: Vec<Place>,
}

/// A city or village: one per (province, normalised Persian name).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// `domain::normalize::fold` of the Persian name: the search key.
    pub key: String,
    /// The most frequent spelling in the offices' `city_fa`.
    pub name_fa: String,
    /// Other spellings found (Arabic-letter variants …), sorted; omitted when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names_fa: Vec<String>,
    /// The most frequent `city_en`.
    pub name_en: String,
    pub province_id: String,
    /// Mean position of its located offices; `None` when none is located.
    #[serde(default)]
    pub centroid: Option<LatLon>,
    /// All its offices.
    pub offices: u32,
    /// Offices per kind (only kinds present).
    pub by_kind: BTreeMap<OfficeKind, u32>,
    /// Inhabitants, when the builder was given a gazetteer that knows the place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u64>,
}

// ---------------------------------------------------------------------------------------
// Tiles

/// `index/tiles.json`: the quadtree of located offices.
///
/// The root square is `bbox`; a node with key `t…d` (quadrant digits, `0` south-west, `1`
/// south-east, `2` north-west, `3` north-east) covers its parent's quadrant `d`, split at
/// the parent's middle latitude and longitude. `tree` lists the nodes in pre-order, one
/// character each: `x` split (its four children follow, quadrants 0–3), `*` leaf with a tile
/// document, `.` empty leaf (no document). Tiles' office counts are left out on purpose (at
/// ×10 they would cost a third of the "near me" budget; the query does not need them).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TileManifest {
    #[serde(deserialize_with = "super::dates::datetime")]
    pub generated_at: DateTime<Utc>,
    pub bbox: BBox,
    /// Largest number of offices in a leaf, except leaves at `max_depth`.
    pub max_per_tile: u32,
    pub max_depth: u32,
    pub tree: String,
}

/// `index/tiles/{tile}.json`: the full records of the offices in one leaf, sorted by id, in
/// the same record shape as `offices.json`'s items.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TileDoc {
    pub tile: String,
    #[serde(deserialize_with = "super::dates::datetime")]
    pub generated_at: DateTime<Utc>,
    pub offices: Vec<Office>,
}

// ---------------------------------------------------------------------------------------
// Look-ups

/// Where an office's full record is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeRef {
    pub province_id: String,
    /// Tile id; `None` for an office without location (read its province document).
    #[serde(default)]
    pub tile: Option<String>,
}

/// `index/ids/{shard}.json`: office id → where it is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IdShard {
    pub shard: u32,
    pub ids: BTreeMap<String, OfficeRef>,
}

/// One office with a given code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeHit {
    pub id: String,
    pub province_id: String,
    #[serde(default)]
    pub tile: Option<String>,
}

/// `index/codes/{shard}.json`: office code → the offices with that code (sorted by id;
/// codes may repeat across provinces).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CodeShard {
    pub shard: u32,
    pub codes: BTreeMap<String, Vec<CodeHit>>,
}

// ---------------------------------------------------------------------------------------
// Text

/// `index/terms.json`: the term chunks, in term order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TermManifest {
    #[serde(deserialize_with = "super::dates::datetime")]
    pub generated_at: DateTime<Utc>,
    /// `[first, last]` term of each chunk, sorted; chunks do not overlap.
    pub chunks: Vec<[String; 2]>,
    /// A term in more than this many offices keeps no office postings (see [`TermEntry`]).
    pub common_after: u32,
}

/// `index/terms/{n}.json`: the entries of a range of terms.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TermChunk {
    pub chunk: u32,
    /// Sorted by `t` (byte order of the UTF-8 strings).
    pub terms: Vec<TermEntry>,
}

/// One normalised token and what it finds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TermEntry {
    /// The token (`domain::index::tokens`).
    pub t: String,
    /// Number of offices with this token.
    #[serde(default)]
    pub n: u32,
    /// Office ordinals (card numbers) as runs: `[gap, length, gap, length, …]`, where a run
    /// starts `gap` after the end of the previous one (the first gap is from 0). Empty when
    /// `n` > `common_after` (a too-common word: narrow with other words, places or services).
    /// Decode with `domain::index::decode_runs`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub o: Vec<u32>,
    /// Places whose name has this token (full records, so a place result needs nothing else).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub p: Vec<Place>,
    /// Ids of services whose name or keywords have this token; filter offices by service.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub s: Vec<String>,
}

/// `index/cards/{page}.json`: result lines, by office ordinal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CardPage {
    pub page: u32,
    /// Ordinal of the first card.
    pub first: u32,
    pub cards: Vec<Card>,
}

/// What a result line shows, and where the full record is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Card {
    pub id: String,
    pub province_id: String,
    #[serde(default)]
    pub tile: Option<String>,
    pub code: String,
    pub kind: OfficeKind,
    pub name_fa: String,
    pub name_en: String,
    pub city_fa: String,
    #[serde(default)]
    pub location: Option<LatLon>,
}

// ---------------------------------------------------------------------------------------
// Summary

/// `index/summary.json`: what the dashboard needs, for every province, in one document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SummaryDoc {
    #[serde(deserialize_with = "super::dates::datetime")]
    pub generated_at: DateTime<Utc>,
    /// Sorted by `province_id`, one per province of `meta.json`.
    pub provinces: Vec<ProvinceSummary>,
}

/// A date and how many licences have it.
pub type DateCount = (NaiveDate, u32);

/// One province's counts, plus the dates from which date-dependent figures follow.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProvinceSummary {
    pub province_id: String,
    /// Offices per kind (kinds present only).
    pub offices_by_kind: BTreeMap<OfficeKind, u32>,
    /// Offices with status `open`.
    pub open_offices: u32,
    /// Licences per status (statuses present only).
    pub licences_by_status: BTreeMap<super::LicenceStatus, u32>,
    /// `issued_on` of licences with status `issued` and no activation date (dormancy
    /// candidates), as sorted `[date, count]` pairs.
    #[serde(deserialize_with = "date_counts")]
    pub never_activated: Vec<DateCount>,
    /// `expires_on` of `active` licences, sorted `[date, count]` pairs (expiring soon).
    #[serde(deserialize_with = "date_counts")]
    pub active_expiry: Vec<DateCount>,
    /// Last activity (else activation, else issue) of `active` licences, sorted pairs (stale).
    #[serde(deserialize_with = "date_counts")]
    pub active_last_activity: Vec<DateCount>,
}

/// Serde: `[["YYYY-MM-DD", n], …]` read with the contract's strict date reader.
fn date_counts<'de, D: serde::Deserializer<'de>>(de: D) -> Result<Vec<DateCount>, D::Error> {
    let raw = <Vec<(std::borrow::Cow<'de, str>, u32)>>::deserialize(de)?;
    raw.into_iter()
        .map(|(date, n)| {
            super::dates::parse_date(&date)
                .map(|d| (d, n))
                .ok_or_else(|| {
                    serde::de::Error::custom(format!("invalid date {date:?}, expected YYYY-MM-DD"))
                })
        })
        .collect()
}
