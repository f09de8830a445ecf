//! Decoding API documents into the contract's types.
//!
//! The envelope of a document must be right; inside its list, each record is decoded on
//! its own, so one bad office is skipped and counted instead of sinking the other 2,000.

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::DecodeError;
use crate::model::{
    AgenciesDoc, Agency, CardPage, CodeShard, IdShard, Licence, LicenceShard, LicencesDoc, Meta,
    Office, OfficesDoc, Place, PlacesDoc, PopulatedPlace, PopulationDoc, Service, ServicesDoc,
    SummaryDoc, TermChunk, TermManifest, TileDoc, TileManifest, SCHEMA_VERSION,
};

/// A document with the records that could not be read.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded<T> {
    pub doc: T,
    /// Records left out, in document order.
    pub skipped: Vec<SkippedRecord>,
}

/// A record that was left out and why (for the console and the "n records could not be read" notice).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedRecord {
    /// Position in the document's list.
    pub index: usize,
    pub reason: String,
}

fn parse<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, DecodeError> {
    serde_json::from_str(text).map_err(|e| DecodeError::from_json(&e))
}

/// Decodes each raw record, validating it; failures are collected, not fatal.
fn records<T: DeserializeOwned>(
    raw: Vec<&RawValue>,
    validate: impl Fn(&T) -> Result<(), String>,
) -> (Vec<T>, Vec<SkippedRecord>) {
    unique_records(raw, validate, |_| None)
}

/// [`records`] whose `id` must be unique in the document: a later record with an id already
/// seen is left out and counted (the "n records could not be read" notice), the first kept,
/// so a duplicate can never shadow the record a link or a look-up means.
fn unique_records<T: DeserializeOwned>(
    raw: Vec<&RawValue>,
    validate: impl Fn(&T) -> Result<(), String>,
    id: impl Fn(&T) -> Option<&str>,
) -> (Vec<T>, Vec<SkippedRecord>) {
    let mut ok = Vec::with_capacity(raw.len());
    let mut skipped = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (index, value) in raw.into_iter().enumerate() {
        match serde_json::from_str::<T>(value.get()) {
            Ok(record) => match validate(&record) {
                Ok(()) => match id(&record) {
                    Some(key) if !seen.insert(key.to_string()) => skipped.push(SkippedRecord {
                        index,
                        reason: format!("duplicate id {key}: the first record is kept"),
                    }),
                    _ => ok.push(record),
                },
                Err(reason) => skipped.push(SkippedRecord { index, reason }),
            },
            Err(e) => skipped.push(SkippedRecord {
                index,
                reason: e.to_string(),
            }),
        }
    }
    (ok, skipped)
}

/// `meta.json`. Provinces are records; the closure list is small and must be wholly valid.
pub fn meta(text: &str) -> Result<Decoded<Meta>, DecodeError> {
    #[derive(Deserialize)]
    struct Envelope<'a> {
        schema_version: u32,
        dataset_version: String,
        #[serde(deserialize_with = "crate::model::dates::datetime")]
        generated_at: DateTime<Utc>,
        #[serde(borrow)]
        provinces: Vec<&'a RawValue>,
        #[serde(default)]
        closures: Vec<crate::model::ClosureOrder>,
        #[serde(default)]
        source: Option<crate::model::DataSource>,
        /// Read on its own: an index this client cannot read is ignored, never fatal.
        #[serde(default, borrow)]
        index: Option<&'a RawValue>,
    }
    let env: Envelope = parse(text)?;
    if env.schema_version != SCHEMA_VERSION {
        return Err(DecodeError::Schema(format!(
            "schema_version {} is not supported (this app reads version {SCHEMA_VERSION})",
            env.schema_version
        )));
    }
    let (provinces, skipped) = unique_records::<crate::model::Province>(
        env.provinces,
        |p| {
            if p.id.trim().is_empty() {
                Err("province id is empty".into())
            } else if !p.centroid.is_valid() {
                Err(format!("province {}: centroid out of range", p.id))
            } else {
                Ok(())
            }
        },
        |p| Some(p.id.as_str()),
    );
    Ok(Decoded {
        doc: Meta {
            schema_version: env.schema_version,
            dataset_version: env.dataset_version,
            generated_at: env.generated_at,
            provinces,
            closures: env.closures,
            source: env.source,
            // In the browser the index is read only where it is used (`Api::index`), so the
            // first-load module has no decoder for it; natively (the index tool, tests) at once.
            index: if cfg!(target_arch = "wasm32") {
                None
            } else {
                env.index
                    .and_then(|raw| serde_json::from_str(raw.get()).ok())
            },
            index_json: env.index.map(|raw| raw.get().to_string()),
        },
        skipped,
    })
}

/// The index announced by a decoded `meta.json` (kept as raw JSON by [`meta`]): `None` when
/// there is none or it cannot be read (an index this client cannot read is ignored).
pub fn meta_index(meta: &Meta) -> Option<crate::model::IndexInfo> {
    meta.index.clone().or_else(|| {
        meta.index_json
            .as_deref()
            .and_then(|json| serde_json::from_str(json).ok())
    })
}

/// `agencies.json`.
pub fn agencies(text: &str) -> Result<Decoded<AgenciesDoc>, DecodeError> {
    #[derive(Deserialize)]
    struct Envelope<'a> {
        #[serde(borrow)]
        agencies: Vec<&'a RawValue>,
    }
    let env: Envelope = parse(text)?;
    let (agencies, skipped) = records::<Agency>(env.agencies, |a| {
        if a.id.trim().is_empty() {
            Err("agency id is empty".into())
        } else {
            Ok(())
        }
    });
    Ok(Decoded {
        doc: AgenciesDoc { agencies },
        skipped,
    })
}

/// `services.json`.
pub fn services(text: &str) -> Result<Decoded<ServicesDoc>, DecodeError> {
    #[derive(Deserialize)]
    struct Envelope<'a> {
        #[serde(borrow)]
        services: Vec<&'a RawValue>,
    }
    let env: Envelope = parse(text)?;
    let (services, skipped) =
        unique_records::<Service>(env.services, Service::validate, |s| Some(s.id.as_str()));
    Ok(Decoded {
        doc: ServicesDoc { services },
        skipped,
    })
}

/// `provinces/{id}/offices.json`; `expected_province` guards against a document served for the wrong path.
pub fn offices(text: &str, expected_province: &str) -> Result<Decoded<OfficesDoc>, DecodeError> {
    #[derive(Deserialize)]
    struct Envelope<'a> {
        province_id: String,
        #[serde(deserialize_with = "crate::model::dates::datetime")]
        generated_at: DateTime<Utc>,
        #[serde(borrow)]
        offices: Vec<&'a RawValue>,
    }
    let env: Envelope = parse(text)?;
    check_province(&env.province_id, expected_province)?;
    let (offices, skipped) = unique_records::<Office>(
        env.offices,
        |o: &Office| {
            o.validate()?;
            if o.province_id != env.province_id {
                return Err(format!(
                    "office {} belongs to {}, not {}",
                    o.id, o.province_id, env.province_id
                ));
            }
            Ok(())
        },
        |o| Some(o.id.as_str()),
    );
    Ok(Decoded {
        doc: OfficesDoc {
            province_id: env.province_id,
            generated_at: env.generated_at,
            offices,
        },
        skipped,
    })
}

/// `provinces/{id}/licences.json`.
pub fn licences(text: &str, expected_province: &str) -> Result<Decoded<LicencesDoc>, DecodeError> {
    #[derive(Deserialize)]
    struct Envelope<'a> {
        province_id: String,
        #[serde(deserialize_with = "crate::model::dates::datetime")]
        generated_at: DateTime<Utc>,
        #[serde(borrow)]
        licences: Vec<&'a RawValue>,
    }
    let env: Envelope = parse(text)?;
    check_province(&env.province_id, expected_province)?;
    let (licences, skipped) = records::<Licence>(env.licences, Licence::validate);
    Ok(Decoded {
        doc: LicencesDoc {
            province_id: env.province_id,
            generated_at: env.generated_at,
            licences,
        },
        skipped,
    })
}

// ---------------------------------------------------------------------------------------
// Index documents (optional; `docs/api.md`, "Index documents"). A failure here is handled like
// any document's, and the caller falls back to the province documents.

/// A document read whole (small index documents whose parts make sense only together).
fn whole<T: DeserializeOwned>(text: &str) -> Result<Decoded<T>, DecodeError> {
    Ok(Decoded {
        doc: parse::<T>(text)?,
        skipped: Vec::new(),
    })
}

/// `index/tiles.json`; its tree is checked too, so a broken manifest is a decode error.
pub fn tile_manifest(text: &str) -> Result<Decoded<TileManifest>, DecodeError> {
    let d = whole::<TileManifest>(text)?;
    crate::domain::index::TileTree::parse(&d.doc).map_err(DecodeError::Schema)?;
    Ok(d)
}

/// `index/tiles/{tile}.json`: its offices decoded one by one, as a province document's.
pub fn tile(text: &str, expected_tile: &str) -> Result<Decoded<TileDoc>, DecodeError> {
    #[derive(Deserialize)]
    struct Envelope<'a> {
        tile: String,
        #[serde(deserialize_with = "crate::model::dates::datetime")]
        generated_at: DateTime<Utc>,
        #[serde(borrow)]
        offices: Vec<&'a RawValue>,
    }
    let env: Envelope = parse(text)?;
    if env.tile != expected_tile {
        return Err(DecodeError::Schema(format!(
            "expected tile {expected_tile}, got {}",
            env.tile
        )));
    }
    let (offices, skipped) =
        unique_records::<Office>(env.offices, Office::validate, |o| Some(o.id.as_str()));
    Ok(Decoded {
        doc: TileDoc {
            tile: env.tile,
            generated_at: env.generated_at,
            offices,
        },
        skipped,
    })
}

/// `index/ids/{shard}.json`.
pub fn id_shard(text: &str) -> Result<Decoded<IdShard>, DecodeError> {
    whole(text)
}

/// `index/licences/{shard}.json`: each licence record decoded on its own (a bad one is
/// skipped and counted, the rest of the shard kept).
pub fn licence_shard(text: &str) -> Result<Decoded<LicenceShard>, DecodeError> {
    #[derive(Deserialize)]
    struct Envelope<'a> {
        shard: u32,
        #[serde(borrow)]
        licences: std::collections::BTreeMap<String, Vec<&'a RawValue>>,
    }
    let env: Envelope = parse(text)?;
    let mut licences = std::collections::BTreeMap::new();
    let mut skipped = Vec::new();
    for (number, raw) in env.licences {
        let (records, bad) = records::<Licence>(raw, Licence::validate);
        skipped.extend(bad);
        licences.insert(number, records);
    }
    Ok(Decoded {
        doc: LicenceShard {
            shard: env.shard,
            licences,
        },
        skipped,
    })
}

/// `index/codes/{shard}.json`.
pub fn code_shard(text: &str) -> Result<Decoded<CodeShard>, DecodeError> {
    whole(text)
}

/// `index/places.json`: each place decoded on its own.
pub fn places(text: &str) -> Result<Decoded<PlacesDoc>, DecodeError> {
    #[derive(Deserialize)]
    struct Envelope<'a> {
        #[serde(deserialize_with = "crate::model::dates::datetime")]
        generated_at: DateTime<Utc>,
        #[serde(borrow)]
        places: Vec<&'a RawValue>,
    }
    let env: Envelope = parse(text)?;
    let (places, skipped) = records::<Place>(env.places, |p: &Place| {
        if p.key.is_empty() || p.name_fa.trim().is_empty() {
            Err("place without a name".into())
        } else {
            Ok(())
        }
    });
    Ok(Decoded {
        doc: PlacesDoc {
            generated_at: env.generated_at,
            places,
        },
        skipped,
    })
}

/// `index/population.json`: each place decoded on its own; a place without a name, people or
/// a real position is skipped.
pub fn population(text: &str) -> Result<Decoded<PopulationDoc>, DecodeError> {
    #[derive(Deserialize)]
    struct Envelope<'a> {
        #[serde(deserialize_with = "crate::model::dates::datetime")]
        generated_at: DateTime<Utc>,
        #[serde(borrow)]
        places: Vec<&'a RawValue>,
    }
    let env: Envelope = parse(text)?;
    let (places, skipped) = records::<PopulatedPlace>(env.places, |p: &PopulatedPlace| {
        let l = p.location;
        if p.name_fa.trim().is_empty() {
            Err("place without a name".into())
        } else if p.population == 0 {
            Err("place without people".into())
        } else if !(l.lat.is_finite()
            && l.lon.is_finite()
            && l.lat.abs() <= 90.0
            && l.lon.abs() <= 180.0)
        {
            Err("place outside the globe".into())
        } else {
            Ok(())
        }
    });
    Ok(Decoded {
        doc: PopulationDoc {
            generated_at: env.generated_at,
            places,
        },
        skipped,
    })
}

/// `index/summary.json` (read whole: its date lists are relative to the document's epoch).
pub fn summary(text: &str) -> Result<Decoded<SummaryDoc>, DecodeError> {
    whole(text)
}

/// `index/terms.json`.
pub fn term_manifest(text: &str) -> Result<Decoded<TermManifest>, DecodeError> {
    whole(text)
}

/// `index/terms/{n}.json`.
pub fn term_chunk(text: &str) -> Result<Decoded<TermChunk>, DecodeError> {
    whole(text)
}

/// `index/cards/{page}.json`.
pub fn card_page(text: &str) -> Result<Decoded<CardPage>, DecodeError> {
    whole(text)
}

fn check_province(found: &str, expected: &str) -> Result<(), DecodeError> {
    if found == expected {
        Ok(())
    } else {
        Err(DecodeError::Schema(format!(
            "expected the document of province {expected}, got {found}"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFFICE: &str = r#"{"id":"IR-23-1","code":"10451","kind":"pishkhan","name_fa":"دفتر","name_en":"Office",
        "province_id":"IR-23","city_fa":"تهران","city_en":"Tehran","address_fa":"خیابان",
        "postal_code":null,"location":{"lat":35.7,"lon":51.4},"phone":"021-1234",
        "hours":{"sat":[{"open":"07:30","close":"14:00"}],"fri":[]},"closures":[],"services":["a"],
        "licence_number":"L1","status":"open","accessibility":{"wheelchair":true},"updated_at":"2026-11-20",
        "future_field":{"x":1}}"#;

    fn doc(records: &[&str]) -> String {
        format!(
            r#"{{"province_id":"IR-23","generated_at":"2026-11-20T08:00:00Z","offices":[{}]}}"#,
            records.join(",")
        )
    }

    #[test]
    fn population_skips_places_without_people_or_position() {
        let text = r#"{"generated_at":"2026-11-20T08:00:00Z","places":[
            {"key":"a","name_fa":"الف","name_en":"A","province_id":"IR-01","location":{"lat":35,"lon":51},"population":10,"offices":0},
            {"key":"b","name_fa":"ب","name_en":"B","province_id":"IR-01","location":{"lat":35,"lon":51},"population":0,"offices":0},
            {"key":"c","name_fa":"پ","name_en":"C","province_id":"IR-01","location":{"lat":95,"lon":51},"population":5,"offices":1},
            {"key":"d","name_fa":"ت"}
        ]}"#;
        let d = population(text).expect("decodes");
        assert_eq!(d.doc.places.len(), 1);
        assert_eq!(d.doc.places[0].name_en, "A");
        let reasons: Vec<usize> = d.skipped.iter().map(|s| s.index).collect();
        assert_eq!(reasons, [1, 2, 3]);
        assert!(population("[]").is_err());
    }

    #[test]
    fn decodes_a_good_office_and_ignores_unknown_fields() -> Result<(), DecodeError> {
        let d = offices(&doc(&[OFFICE]), "IR-23")?;
        assert_eq!(d.skipped, vec![]);
        let o = &d.doc.offices[0];
        assert_eq!(o.code, "10451");
        let hours = o.hours.as_ref();
        assert_eq!(hours.and_then(|h| h.sat.as_ref()).map(Vec::len), Some(1));
        assert_eq!(hours.and_then(|h| h.fri.as_deref()), Some(&[][..]));
        assert!(hours.is_some(), "hours are given");
        assert_eq!(
            hours.and_then(|h| h.sun.as_ref()),
            None,
            "absent day is unknown, not closed"
        );
        Ok(())
    }

    #[test]
    fn one_bad_record_is_skipped_and_counted() {
        let bad_type = OFFICE.replace(r#""code":"10451""#, r#""code":{"no":1}"#);
        let missing = OFFICE.replace(r#""name_fa":"دفتر","#, "");
        let bad_hours = OFFICE.replace(r#""close":"14:00""#, r#""close":"07:00""#);
        let second = OFFICE.replace("IR-23-1", "IR-23-2");
        let d = offices(
            &doc(&[OFFICE, &bad_type, &missing, &bad_hours, &second]),
            "IR-23",
        )
        .unwrap();
        assert_eq!(d.doc.offices.len(), 2);
        assert_eq!(
            d.skipped.iter().map(|s| s.index).collect::<Vec<_>>(),
            vec![1, 2, 3]
        );
    }

    #[test]
    fn a_duplicate_id_is_reported_and_the_first_record_kept() {
        let shadow = OFFICE.replace(r#""name_en":"Office""#, r#""name_en":"Impostor""#);
        let d = offices(&doc(&[OFFICE, &shadow]), "IR-23").unwrap();
        assert_eq!(d.doc.offices.len(), 1);
        assert_eq!(d.doc.offices[0].name_en, "Office");
        assert_eq!(d.skipped.len(), 1);
        assert_eq!(d.skipped[0].index, 1);
        assert!(d.skipped[0].reason.contains("duplicate id IR-23-1"));
    }

    #[test]
    fn numbers_outside_a_sane_range_are_bad_records() {
        let abroad = OFFICE
            .replace("IR-23-1", "IR-23-2")
            .replace(r#""lat":35.7,"lon":51.4"#, r#""lat":48.85,"lon":2.35"#);
        let nowhere = OFFICE
            .replace("IR-23-1", "IR-23-3")
            .replace(r#""lat":35.7"#, r#""lat":1e400"#);
        let d = offices(&doc(&[OFFICE, &abroad, &nowhere]), "IR-23").unwrap();
        assert_eq!(d.doc.offices.len(), 1);
        assert_eq!(d.skipped.len(), 2);
        let service = |fee: &str, visits: &str| {
            format!(
                r#"{{"services":[{{"id":"s","agency_id":"a","name_fa":"خ","name_en":"S","channels":["pishkhan"],"fee_rials":{fee},"visits":{visits}}}]}}"#
            )
        };
        let ok = services(&service("10000000000000", "1")).unwrap();
        assert_eq!((ok.doc.services.len(), ok.skipped.len()), (1, 0));
        for (fee, visits) in [
            ("18446744073709551615", "1"),
            ("10000000000001", "1"),
            ("5", "-1"),
        ] {
            let d = services(&service(fee, visits)).unwrap();
            assert_eq!(
                (d.doc.services.len(), d.skipped.len()),
                (0, 1),
                "{fee} {visits}"
            );
        }
    }

    #[test]
    fn unknown_enum_values_become_other() {
        let o = OFFICE.replace(r#""kind":"pishkhan""#, r#""kind":"mobile_van""#);
        let d = offices(&doc(&[&o]), "IR-23").unwrap();
        assert_eq!(
            d.doc.offices[0].kind,
            crate::model::OfficeKind::Other("mobile_van".into())
        );
    }

    #[test]
    fn envelope_errors_are_typed() {
        assert!(matches!(
            offices("", "IR-23"),
            Err(DecodeError::Truncated { .. })
        ));
        assert!(matches!(
            offices(&doc(&[OFFICE])[..60], "IR-23"),
            Err(DecodeError::Truncated { .. })
        ));
        assert!(matches!(
            offices("<!doctype html>", "IR-23"),
            Err(DecodeError::BadJson { .. })
        ));
        assert!(matches!(
            offices(r#"{"offices":[]}"#, "IR-23"),
            Err(DecodeError::Schema(_))
        ));
        assert!(matches!(
            offices(&doc(&[OFFICE]), "IR-10"),
            Err(DecodeError::Schema(_))
        ));
        assert!(matches!(
            offices("[]", "IR-23"),
            Err(DecodeError::Schema(_))
        ));
    }

    #[test]
    fn empty_list_is_fine() {
        let d = offices(&doc(&[]), "IR-23").unwrap();
        assert!(d.doc.offices.is_empty() && d.skipped.is_empty());
    }

    #[test]
    fn meta_rejects_other_schema_versions() {
        let text = r#"{"schema_version":2,"dataset_version":"x","generated_at":"2026-11-20T08:00:00Z","provinces":[],"closures":[]}"#;
        assert!(matches!(meta(text), Err(DecodeError::Schema(_))));
    }

    #[test]
    fn services_need_channels() {
        let text = r#"{"services":[{"id":"a","agency_id":"x","name_fa":"ا","name_en":"A","channels":[]},
            {"id":"b","agency_id":"x","name_fa":"ب","name_en":"B","channels":["online"],"fee_rials":0},
            {"id":"c","agency_id":"x","name_fa":"ج","name_en":"C","channels":["pishkhan"],"fee_rials":null}]}"#;
        let d = services(text).unwrap();
        assert_eq!(d.doc.services.len(), 2);
        assert_eq!(d.doc.services[0].fee_rials, Some(0));
        assert_eq!(d.doc.services[1].fee_rials, None);
        assert_eq!(d.skipped.len(), 1);
    }

    #[test]
    fn meta_decoding_keeps_a_good_index_and_ignores_a_bad_one() -> Result<(), String> {
        let base = r#"{"schema_version":1,"dataset_version":"v1","generated_at":"2026-11-20T08:00:00Z","provinces":[],"closures":[]"#;
        let info = r#"{"format":1,"dataset_version":"v1","places":"p","summary":"s","tiles":"t","tile":"t/{}","ids":{"path":"i/{}","shards":2},"codes":{"path":"c/{}","shards":2},"terms":"x","term_chunk":"x/{}","cards":{"path":"k/{}","page_size":8,"pages":1,"offices":3}}"#;
        let read = |extra: &str| {
            meta(&format!("{base}{extra}}}"))
                .map(|d| {
                    let mut m = d.doc;
                    m.index = meta_index(&m);
                    m
                })
                .map_err(|e| format!("{e:?}"))
        };
        let with = read(&format!(",\"index\":{info}"))?;
        assert_eq!(
            crate::domain::index::usable(&with).map(|i| i.ids.shards),
            Some(2)
        );
        assert!(read("")?.index.is_none());
        for bad in [
            ",\"index\":5",
            ",\"index\":{\"format\":1}",
            ",\"index\":null",
        ] {
            assert!(read(bad)?.index.is_none(), "{bad}");
        }
        Ok(())
    }

    #[test]
    fn a_tile_keeps_its_good_offices_and_names_the_wrong_tile() -> Result<(), DecodeError> {
        let bad = OFFICE.replace(r#""code":"10451""#, r#""code":7"#);
        let text = format!(
            r#"{{"tile":"t01","generated_at":"2026-11-20T08:00:00Z","offices":[{OFFICE},{bad}]}}"#
        );
        let d = tile(&text, "t01")?;
        assert_eq!(d.doc.offices.len(), 1);
        assert_eq!(d.skipped.len(), 1);
        assert!(matches!(tile(&text, "t02"), Err(DecodeError::Schema(_))));
        Ok(())
    }

    #[test]
    fn a_broken_tile_tree_is_refused() {
        let manifest = |tree: &str| {
            format!(
                r#"{{"generated_at":"2026-11-20T08:00:00Z","bbox":{{"min_lat":25,"min_lon":44,"max_lat":40,"max_lon":64}},"max_per_tile":48,"max_depth":24,"tree":"{tree}"}}"#
            )
        };
        assert!(tile_manifest(&manifest("x*..*")).is_ok());
        assert!(
            tile_manifest(&manifest("x*")).is_err(),
            "a split needs four children"
        );
        assert!(tile_manifest("{").is_err());
    }

    #[test]
    fn a_bad_place_is_skipped() -> Result<(), DecodeError> {
        let good = r#"{"key":"کرج","name_fa":"کرج","name_en":"Karaj","province_id":"IR-30","centroid":{"lat":35.8,"lon":50.9},"offices":3,"by_kind":{"pishkhan":3}}"#;
        let text =
            format!(r#"{{"generated_at":"2026-11-20T08:00:00Z","places":[{good},{{"key":5}}]}}"#);
        let d = places(&text)?;
        assert_eq!(d.doc.places.len(), 1);
        assert_eq!(d.skipped.len(), 1);
        Ok(())
    }
}
