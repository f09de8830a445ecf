//! Serde types of the optional index layer (`docs/api.md`, "Index documents (optional)").
//!
//! The index is a set of small static documents under `index/`, built from the v1 documents
//! by `tools/index` and announced by `meta.json` → `index`. A client uses it only when
//! [`crate::domain::index::usable`] says so, and otherwise reads the province documents.
//! Shared by the builder and the app; nothing here is platform-specific.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{BBox, LatLon, Licence, Office, OfficeKind};

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
    /// Licence number → the full licence records: [`LicenceShard`]. Optional so that an
    /// index built before it existed still decodes (the client then reads the province's
    /// `licences.json`); `pishkhan-index` always writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licences: Option<Sharding>,
    /// Populated places with their people, offices or not: [`PopulationDoc`]. Optional (an
    /// index built without a gazetteer has none); the coverage-gap view then uses the places
    /// of [`PlacesDoc`] that have a population.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<String>,
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

/// `index/population.json`: every populated place the builder's gazetteer knows, with or
/// without offices, for the coverage-gap view ("who is far from an office?").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PopulationDoc {
    #[serde(deserialize_with = "super::dates::datetime")]
    pub generated_at: DateTime<Utc>,
    /// Sorted by `province_id`, then `key`.
    pub places: Vec<PopulatedPlace>,
}

/// A populated place: where its people live and how many they are.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PopulatedPlace {
    /// `domain::normalize::fold` of the Persian name.
    pub key: String,
    pub name_fa: String,
    pub name_en: String,
    /// The place's province: that of the [`Place`] it is, or else of the nearest place with
    /// offices.
    pub province_id: String,
    /// The place's position: the centroid of its offices, or the gazetteer's point.
    pub location: LatLon,
    pub population: u64,
    /// Its offices (0 for a place without any).
    pub offices: u32,
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

/// `index/licences/{shard}.json`: licence number → the full records of the licences with
/// that number, in the record shape of `licences.json`'s items (copied verbatim from it),
/// sorted by `province_id` (a number may repeat across provinces).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LicenceShard {
    pub shard: u32,
    pub licences: BTreeMap<String, Vec<Licence>>,
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
///
/// In memory the date lists are absolute `[date, count]` pairs; on the wire they are day
/// numbers (see [`ProvinceSummary`] and `docs/api.md`, "Summary"): the document carries an
/// `epoch` date, and each list is `[first_day, count, delta, count, …]`, where `first_day`
/// counts days from the epoch and each `delta` the days since the previous date. The epoch is
/// the earliest date in the document (the dataset's day when there is none), so every number
/// is non-negative. Encoding sorts and merges each list, so any list survives a round trip
/// with the same counts per date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "wire::Summary", into = "wire::Summary")]
pub struct SummaryDoc {
    pub generated_at: DateTime<Utc>,
    /// Sorted by `province_id`, one per province of `meta.json`.
    pub provinces: Vec<ProvinceSummary>,
}

impl SummaryDoc {
    /// The entry of one province, if the summary has it.
    pub fn province(&self, province_id: &str) -> Option<&ProvinceSummary> {
        self.provinces.iter().find(|p| p.province_id == province_id)
    }
}

/// A date and how many licences have it.
pub type DateCount = (NaiveDate, u32);

/// One province's counts, plus the dates from which date-dependent figures follow.
/// (De)serialised only as part of [`SummaryDoc`], whose `epoch` the date lists need.
#[derive(Clone, Debug, PartialEq)]
pub struct ProvinceSummary {
    pub province_id: String,
    /// Offices per kind (kinds present only).
    pub offices_by_kind: BTreeMap<OfficeKind, u32>,
    /// Offices with status `open`.
    pub open_offices: u32,
    /// Licences per status (statuses present only).
    pub licences_by_status: BTreeMap<super::LicenceStatus, u32>,
    /// `issued_on` of licences with status `issued` and no activation date (dormancy
    /// candidates), as sorted `(date, count)` pairs.
    pub never_activated: Vec<DateCount>,
    /// `expires_on` of `active` licences, sorted pairs (expiring soon).
    pub active_expiry: Vec<DateCount>,
    /// Last activity (else activation, else issue) of `active` licences, sorted pairs (stale).
    pub active_last_activity: Vec<DateCount>,
}

/// The wire shape of `index/summary.json` (day numbers from an epoch).
mod wire {
    use std::collections::BTreeMap;

    use chrono::{DateTime, Days, NaiveDate, Utc};
    use serde::{Deserialize, Serialize};

    use super::{DateCount, ProvinceSummary, SummaryDoc};
    use crate::model::{LicenceStatus, OfficeKind};

    #[derive(Serialize, Deserialize)]
    pub struct Summary {
        #[serde(deserialize_with = "crate::model::dates::datetime")]
        generated_at: DateTime<Utc>,
        #[serde(deserialize_with = "crate::model::dates::date")]
        epoch: NaiveDate,
        provinces: Vec<Province>,
    }

    #[derive(Serialize, Deserialize)]
    struct Province {
        province_id: String,
        offices_by_kind: BTreeMap<OfficeKind, u32>,
        open_offices: u32,
        licences_by_status: BTreeMap<LicenceStatus, u32>,
        never_activated: Vec<u32>,
        active_expiry: Vec<u32>,
        active_last_activity: Vec<u32>,
    }

    /// `[first_day, count, delta, count, …]` of a list, merged and sorted; `epoch` must not
    /// be after any of its dates (a date before it is clamped to it).
    fn encode(epoch: NaiveDate, list: &[DateCount]) -> Vec<u32> {
        let mut merged: BTreeMap<NaiveDate, u32> = BTreeMap::new();
        for &(d, n) in list {
            let c = merged.entry(d.max(epoch)).or_insert(0);
            *c = c.saturating_add(n);
        }
        let mut out = Vec::with_capacity(merged.len() * 2);
        let mut prev = epoch;
        for (d, n) in merged {
            let delta = d.signed_duration_since(prev).num_days();
            out.push(u32::try_from(delta).unwrap_or(u32::MAX));
            out.push(n);
            prev = d;
        }
        out
    }

    /// The inverse of [`encode`]; refuses an odd length, a zero delta after the first date
    /// (dates are distinct and increasing) and dates out of range.
    fn decode(epoch: NaiveDate, days: &[u32], what: &str) -> Result<Vec<DateCount>, String> {
        if days.len() % 2 != 0 {
            return Err(format!("{what}: odd number of values"));
        }
        let mut out = Vec::with_capacity(days.len() / 2);
        let mut prev = epoch;
        for (i, pair) in days.chunks_exact(2).enumerate() {
            if i > 0 && pair[0] == 0 {
                return Err(format!("{what}: dates are not increasing"));
            }
            prev = prev
                .checked_add_days(Days::new(u64::from(pair[0])))
                .ok_or_else(|| format!("{what}: date out of range"))?;
            out.push((prev, pair[1]));
        }
        Ok(out)
    }

    impl From<SummaryDoc> for Summary {
        fn from(doc: SummaryDoc) -> Summary {
            let epoch = doc
                .provinces
                .iter()
                .flat_map(|p| {
                    [
                        &p.never_activated,
                        &p.active_expiry,
                        &p.active_last_activity,
                    ]
                    .into_iter()
                    .flatten()
                    .map(|(d, _)| *d)
                })
                .min()
                .unwrap_or(doc.generated_at.date_naive());
            let provinces = doc
                .provinces
                .into_iter()
                .map(|p| Province {
                    never_activated: encode(epoch, &p.never_activated),
                    active_expiry: encode(epoch, &p.active_expiry),
                    active_last_activity: encode(epoch, &p.active_last_activity),
                    province_id: p.province_id,
                    offices_by_kind: p.offices_by_kind,
                    open_offices: p.open_offices,
                    licences_by_status: p.licences_by_status,
                })
                .collect();
            Summary {
                generated_at: doc.generated_at,
                epoch,
                provinces,
            }
        }
    }

    impl TryFrom<Summary> for SummaryDoc {
        type Error = String;
        fn try_from(w: Summary) -> Result<SummaryDoc, String> {
            let epoch = w.epoch;
            let provinces = w
                .provinces
                .into_iter()
                .map(|p| {
                    let at = |field: &str| format!("{} {field}", p.province_id);
                    Ok(ProvinceSummary {
                        never_activated: decode(epoch, &p.never_activated, &at("never_activated"))?,
                        active_expiry: decode(epoch, &p.active_expiry, &at("active_expiry"))?,
                        active_last_activity: decode(
                            epoch,
                            &p.active_last_activity,
                            &at("active_last_activity"),
                        )?,
                        province_id: p.province_id,
                        offices_by_kind: p.offices_by_kind,
                        open_offices: p.open_offices,
                        licences_by_status: p.licences_by_status,
                    })
                })
                .collect::<Result<_, String>>()?;
            Ok(SummaryDoc {
                generated_at: w.generated_at,
                provinces,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    fn province(id: &str, never: Vec<DateCount>, expiry: Vec<DateCount>) -> ProvinceSummary {
        ProvinceSummary {
            province_id: id.into(),
            offices_by_kind: BTreeMap::from([(OfficeKind::Pishkhan, 3)]),
            open_offices: 2,
            licences_by_status: BTreeMap::from([(super::super::LicenceStatus::Active, 4)]),
            never_activated: never,
            active_expiry: expiry,
            active_last_activity: Vec::new(),
        }
    }

    #[test]
    fn summary_dates_are_day_deltas_from_the_epoch() -> Result<(), serde_json::Error> {
        let doc = SummaryDoc {
            generated_at: DateTime::UNIX_EPOCH,
            provinces: vec![
                province(
                    "IR-00",
                    vec![(d(2024, 6, 23), 1), (d(2024, 6, 25), 2)],
                    vec![(d(2026, 12, 22), 1)],
                ),
                province("IR-01", vec![(d(2024, 6, 20), 5)], Vec::new()),
            ],
        };
        let text = serde_json::to_string(&doc)?;
        assert!(text.starts_with(
            r#"{"generated_at":"1970-01-01T00:00:00Z","epoch":"2024-06-20","provinces":"#
        ));
        assert!(text.contains(r#""never_activated":[3,1,2,2],"active_expiry":[915,1]"#));
        assert!(text.contains(r#""never_activated":[0,5],"active_expiry":[]"#));
        assert_eq!(serde_json::from_str::<SummaryDoc>(&text)?, doc);

        // Unsorted or repeated dates are merged and sorted on the way out.
        let messy = SummaryDoc {
            provinces: vec![province(
                "IR-00",
                vec![
                    (d(2024, 6, 25), 2),
                    (d(2024, 6, 23), 1),
                    (d(2024, 6, 25), 1),
                ],
                Vec::new(),
            )],
            ..doc.clone()
        };
        let back: SummaryDoc = serde_json::from_str(&serde_json::to_string(&messy)?)?;
        assert_eq!(
            back.provinces[0].never_activated,
            [(d(2024, 6, 23), 1), (d(2024, 6, 25), 3)]
        );

        // No dates at all: the epoch is the dataset's day.
        let empty = SummaryDoc {
            provinces: vec![province("IR-00", Vec::new(), Vec::new())],
            ..doc
        };
        assert!(serde_json::to_string(&empty)?.contains(r#""epoch":"1970-01-01""#));
        Ok(())
    }

    #[test]
    fn summary_refuses_malformed_day_lists() {
        let with = |list: &str| {
            format!(
                r#"{{"generated_at":"2026-11-20T08:00:00Z","epoch":"2024-01-01","provinces":[
                {{"province_id":"IR-00","offices_by_kind":{{}},"open_offices":0,
                "licences_by_status":{{}},"never_activated":{list},"active_expiry":[],
                "active_last_activity":[]}}]}}"#
            )
        };
        assert!(serde_json::from_str::<SummaryDoc>(&with("[0,1,3,2]")).is_ok());
        for bad in [
            "[0,1,3]",
            "[0,1,0,2]",
            "[-1,1]",
            r#"[["2024-06-23",1]]"#,
            "[4000000000,1]",
        ] {
            assert!(
                serde_json::from_str::<SummaryDoc>(&with(bad)).is_err(),
                "{bad}"
            );
        }
        let bad_epoch = with("[]").replace("2024-01-01", "1403/01/01");
        assert!(serde_json::from_str::<SummaryDoc>(&bad_epoch).is_err());
    }
}
