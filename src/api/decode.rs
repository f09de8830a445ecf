//! Decoding API documents into the contract's types.
//!
//! The envelope of a document must be right; inside its list, each record is decoded on
//! its own, so one bad office is skipped and counted instead of sinking the other 2,000.

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::DecodeError;
use crate::domain::slices::{Budget, Sliced, Unlimited};
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
    let mut list = Records::with_capacity(raw.len());
    for value in raw {
        list.push(value.get(), &validate, &id);
    }
    (list.ok, list.skipped)
}

/// The records of a list read so far: the one place the rules for a record are applied (read
/// on its own, validated, its id unique), whether the list is read at once or in slices.
struct Records<T> {
    ok: Vec<T>,
    skipped: Vec<SkippedRecord>,
    seen: std::collections::HashSet<String>,
    /// Position of the next record in the document's list.
    next: usize,
}

impl<T: DeserializeOwned> Records<T> {
    fn with_capacity(n: usize) -> Self {
        Records {
            ok: Vec::with_capacity(n),
            skipped: Vec::new(),
            seen: std::collections::HashSet::new(),
            next: 0,
        }
    }

    /// Reads the next record of the list (its raw JSON text).
    fn push(
        &mut self,
        raw: &str,
        validate: &impl Fn(&T) -> Result<(), String>,
        id: &impl Fn(&T) -> Option<&str>,
    ) {
        let index = self.next;
        self.next += 1;
        match serde_json::from_str::<T>(raw) {
            Ok(record) => match validate(&record) {
                Ok(()) => match id(&record) {
                    Some(key) if !self.seen.insert(key.to_string()) => {
                        self.skipped.push(SkippedRecord {
                            index,
                            reason: format!("duplicate id {key}: the first record is kept"),
                        })
                    }
                    _ => self.ok.push(record),
                },
                Err(reason) => self.skipped.push(SkippedRecord { index, reason }),
            },
            Err(e) => self.skipped.push(SkippedRecord {
                index,
                reason: e.to_string(),
            }),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Reading a document's list of records a slice at a time (issue 14: a province of 20,000
// offices must not block the page while it is decoded). Only a well-formed document is read
// in slices; anything the scan does not expect sends the whole text to the one-shot decoder,
// whose error (line and column included) is then the answer, so the result is always the
// one-shot decoder's.

/// Where the scan of a document's list is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ScanState {
    /// Before the document's `{`.
    Object,
    /// Before a key of the top-level object (or its end).
    Key,
    /// Just after the list's `[`: a record or `]`.
    First,
    /// After a `,` in the list: a record.
    Next,
    /// The list has ended (the rest of the document is read with the envelope).
    End,
    /// Not what a well-formed document has here: the one-shot decoder decides.
    Failed,
}

/// Finds the top-level list `key` of a JSON object and hands out its elements' raw text, one
/// at a time. Other values are skipped (and read later, with the envelope).
struct ListScan<'a> {
    text: &'a str,
    key: &'static str,
    pos: usize,
    state: ScanState,
    /// Byte range of the list, `[` to `]` inclusive, once known.
    list: (usize, usize),
}

impl<'a> ListScan<'a> {
    fn new(text: &'a str, key: &'static str) -> Self {
        ListScan {
            text,
            key,
            pos: 0,
            state: ScanState::Object,
            list: (0, 0),
        }
    }

    fn skip_whitespace(&mut self) {
        let bytes = self.text.as_bytes();
        while bytes
            .get(self.pos)
            .is_some_and(|b| matches!(b, b' ' | b'\n' | b'\t' | b'\r'))
        {
            self.pos += 1;
        }
    }

    /// Skips whitespace and the byte `b` if it is next.
    fn eat(&mut self, b: u8) -> bool {
        self.skip_whitespace();
        if self.text.as_bytes().get(self.pos) == Some(&b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// The JSON value at the cursor (validated by serde_json, as the one-shot decoder does
    /// with each record), the cursor moved past it.
    fn value(&mut self) -> Option<&'a str> {
        let rest = self.text.get(self.pos..)?;
        let mut values = serde_json::Deserializer::from_str(rest).into_iter::<&'a RawValue>();
        let raw = values.next()?.ok()?;
        self.pos += values.byte_offset();
        Some(raw.get())
    }

    /// A key of the object: a string without escapes (a key with one is left to the one-shot
    /// decoder), the cursor moved past its `:`.
    fn key(&mut self) -> Option<&'a str> {
        if !self.eat(b'"') {
            return None;
        }
        let rest = self.text.get(self.pos..)?;
        let end = memchr::memchr2(b'"', b'\\', rest.as_bytes())?;
        if rest.as_bytes().get(end) != Some(&b'"') {
            return None;
        }
        let key = rest.get(..end)?;
        self.pos += end + 1;
        self.eat(b':').then_some(key)
    }

    /// The next record of the list, `None` when the list has ended or the scan failed.
    fn next_record(&mut self) -> Option<&'a str> {
        loop {
            let state = self.state;
            let next = match state {
                ScanState::Object if self.eat(b'{') => ScanState::Key,
                ScanState::Key => match self.key() {
                    Some(key) if key == self.key => {
                        self.skip_whitespace();
                        self.list.0 = self.pos;
                        if self.eat(b'[') {
                            ScanState::First
                        } else {
                            ScanState::Failed
                        }
                    }
                    Some(_) if self.value().is_some() && self.eat(b',') => ScanState::Key,
                    // The object ends (or is cut) before its list.
                    _ => ScanState::Failed,
                },
                ScanState::First if self.eat(b']') => {
                    self.list.1 = self.pos;
                    ScanState::End
                }
                ScanState::First | ScanState::Next => {
                    let Some(record) = self.value() else {
                        self.state = ScanState::Failed;
                        return None;
                    };
                    self.state = if self.eat(b',') {
                        ScanState::Next
                    } else if self.eat(b']') {
                        self.list.1 = self.pos;
                        ScanState::End
                    } else {
                        ScanState::Failed
                    };
                    return Some(record);
                }
                ScanState::End | ScanState::Failed => return None,
                ScanState::Object => ScanState::Failed,
            };
            self.state = next;
        }
    }

    /// The document with its list left empty (`[]`): the envelope, read by the one-shot
    /// decoder's own envelope type. `None` unless the list was read to its end.
    fn envelope(&self) -> Option<String> {
        if self.state != ScanState::End {
            return None;
        }
        let (start, end) = self.list;
        Some(format!(
            "{}[]{}",
            self.text.get(..start)?,
            self.text.get(end..)?
        ))
    }
}

/// The rule a record of a document read in slices must pass.
type Validate<'a, T> = Box<dyn Fn(&T) -> Result<(), String> + 'a>;

/// The envelope's reading of a document read in slices: `None` when it cannot be read (the
/// one-shot decoder then gives the error).
type Finish<'a, T, D> =
    Box<dyn FnOnce(&str, Records<T>) -> Option<Result<Decoded<D>, DecodeError>> + 'a>;

/// A document with one list of records (a province's offices, a tile), read a few records per
/// [`Sliced::step`]: the same result as its one-shot decoder ([`offices_sliced`],
/// [`tile_sliced`]). Each record is read, validated and checked for a duplicate id by the same
/// code as at once ([`Records`]).
pub struct SlicedList<'a, T, D> {
    scan: ListScan<'a>,
    records: Records<T>,
    validate: Validate<'a, T>,
    finish: Finish<'a, T, D>,
    /// The one-shot decoder, for a document the scan does not expect.
    whole: Box<dyn FnOnce() -> Result<Decoded<D>, DecodeError> + 'a>,
}

/// Every record type read in slices has an `id` that must be unique in its document.
trait Keyed {
    fn key(&self) -> &str;
}

impl Keyed for Office {
    fn key(&self) -> &str {
        &self.id
    }
}

impl<T: DeserializeOwned + Keyed, D> Sliced for SlicedList<'_, T, D> {
    type Output = Result<Decoded<D>, DecodeError>;

    fn step(&mut self, budget: &mut dyn Budget) -> bool {
        while let Some(raw) = self.scan.next_record() {
            self.records
                .push(raw, &self.validate, &|r: &T| Some(Keyed::key(r)));
            if budget.spent() {
                return false;
            }
        }
        true
    }

    fn finish(mut self) -> Self::Output {
        while !self.step(&mut Unlimited) {}
        match self.scan.envelope() {
            Some(envelope) => match (self.finish)(&envelope, self.records) {
                Some(result) => result,
                None => (self.whole)(),
            },
            None => (self.whole)(),
        }
    }
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

/// The envelope of `provinces/{id}/offices.json`.
#[derive(Deserialize)]
struct OfficesEnvelope<'a> {
    province_id: String,
    #[serde(deserialize_with = "crate::model::dates::datetime")]
    generated_at: DateTime<Utc>,
    #[serde(borrow)]
    offices: Vec<&'a RawValue>,
}

/// An office of a province's document must be valid and of that province.
fn office_of(o: &Office, province_id: &str) -> Result<(), String> {
    o.validate()?;
    if o.province_id != province_id {
        return Err(format!(
            "office {} belongs to {}, not {province_id}",
            o.id, o.province_id
        ));
    }
    Ok(())
}

/// `provinces/{id}/offices.json`; `expected_province` guards against a document served for the wrong path.
pub fn offices(text: &str, expected_province: &str) -> Result<Decoded<OfficesDoc>, DecodeError> {
    let env: OfficesEnvelope = parse(text)?;
    check_province(&env.province_id, expected_province)?;
    let (offices, skipped) = unique_records::<Office>(
        env.offices,
        |o: &Office| office_of(o, &env.province_id),
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

/// [`offices`] read a slice at a time (a few offices per [`Sliced::step`]): the same result.
pub fn offices_sliced<'a>(
    text: &'a str,
    expected_province: &'a str,
) -> SlicedList<'a, Office, OfficesDoc> {
    SlicedList {
        scan: ListScan::new(text, "offices"),
        records: Records::with_capacity(0),
        // Records are checked against the province asked for; a document of another province
        // is refused as a whole when its envelope is read, as by `offices`.
        validate: Box::new(move |o: &Office| office_of(o, expected_province)),
        finish: Box::new(move |envelope: &str, records: Records<Office>| {
            let env: OfficesEnvelope = serde_json::from_str(envelope).ok()?;
            if let Err(e) = check_province(&env.province_id, expected_province) {
                return Some(Err(e));
            }
            Some(Ok(Decoded {
                doc: OfficesDoc {
                    province_id: env.province_id,
                    generated_at: env.generated_at,
                    offices: records.ok,
                },
                skipped: records.skipped,
            }))
        }),
        whole: Box::new(move || offices(text, expected_province)),
    }
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

/// The envelope of `index/tiles/{tile}.json`.
#[derive(Deserialize)]
struct TileEnvelope<'a> {
    tile: String,
    #[serde(deserialize_with = "crate::model::dates::datetime")]
    generated_at: DateTime<Utc>,
    #[serde(borrow)]
    offices: Vec<&'a RawValue>,
}

fn check_tile(found: &str, expected: &str) -> Result<(), DecodeError> {
    if found == expected {
        Ok(())
    } else {
        Err(DecodeError::Schema(format!(
            "expected tile {expected}, got {found}"
        )))
    }
}

/// `index/tiles/{tile}.json`: its offices decoded one by one, as a province document's.
pub fn tile(text: &str, expected_tile: &str) -> Result<Decoded<TileDoc>, DecodeError> {
    let env: TileEnvelope = parse(text)?;
    check_tile(&env.tile, expected_tile)?;
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

/// [`tile`] read a slice at a time: the same result.
pub fn tile_sliced<'a>(text: &'a str, expected_tile: &'a str) -> SlicedList<'a, Office, TileDoc> {
    SlicedList {
        scan: ListScan::new(text, "offices"),
        records: Records::with_capacity(0),
        validate: Box::new(Office::validate),
        finish: Box::new(move |envelope: &str, records: Records<Office>| {
            let env: TileEnvelope = serde_json::from_str(envelope).ok()?;
            if let Err(e) = check_tile(&env.tile, expected_tile) {
                return Some(Err(e));
            }
            Some(Ok(Decoded {
                doc: TileDoc {
                    tile: env.tile,
                    generated_at: env.generated_at,
                    offices: records.ok,
                },
                skipped: records.skipped,
            }))
        }),
        whole: Box::new(move || tile(text, expected_tile)),
    }
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

    /// Decodes `text` in slices of `per_slice` records, checking each step reads at most that
    /// many records and at least one.
    fn in_slices<D>(
        mut job: SlicedList<'_, Office, D>,
        per_slice: usize,
    ) -> Result<Decoded<D>, DecodeError> {
        loop {
            let before = job.records.next;
            let done = job.step(&mut crate::domain::slices::Units(per_slice));
            let read = job.records.next - before;
            assert!(read <= per_slice, "{read} records in a step of {per_slice}");
            if done {
                return job.finish();
            }
            assert!(read >= 1, "a step that is not the last reads a record");
        }
    }

    /// Offices with every kind of record the rules know: good, unreadable, invalid, a
    /// duplicate, a number out of range, another province's; and strings holding brackets,
    /// commas, quotes and escapes.
    fn hostile_records() -> Vec<String> {
        let tricky = OFFICE
            .replace("IR-23-1", "IR-23-9")
            .replace(
                r#""name_en":"Office""#,
                r#""name_en":"a \"[b]\", {c}: \\ \u0041 ]}""#,
            )
            .replace(
                r#""future_field":{"x":1}"#,
                r#""future_field":[[[{"offices":[1,{}]}]],"]}"]"#,
            );
        vec![
            OFFICE.to_string(),
            OFFICE.replace(r#""code":"10451""#, r#""code":{"no":1}"#),
            OFFICE.replace(r#""close":"14:00""#, r#""close":"07:00""#),
            OFFICE.replace(r#""name_en":"Office""#, r#""name_en":"Impostor""#),
            OFFICE
                .replace("IR-23-1", "IR-23-3")
                .replace(r#""lat":35.7"#, r#""lat":1e400"#),
            OFFICE
                .replace("IR-23-1", "IR-23-4")
                .replace(r#""province_id":"IR-23""#, r#""province_id":"IR-10""#),
            tricky,
            "5".into(),
            r#"{"id":"IR-23-7"}"#.into(),
            OFFICE.replace("IR-23-1", "IR-23-2"),
        ]
    }

    /// Whether a document is read in slices, not handed to the one-shot decoder: its list is
    /// scanned to the end and its envelope reads.
    fn read_in_slices(text: &str) -> bool {
        let mut scan = ListScan::new(text, "offices");
        while scan.next_record().is_some() {}
        scan.envelope()
            .is_some_and(|e| serde_json::from_str::<OfficesEnvelope>(&e).is_ok())
    }

    /// Compares the sliced decoder with the one-shot one on `text`, at several slice sizes.
    fn same_as_at_once(text: &str) {
        let at_once = offices(text, "IR-23");
        for per_slice in [1, 3, 1000] {
            assert_eq!(
                in_slices(offices_sliced(text, "IR-23"), per_slice),
                at_once,
                "{per_slice} per slice: {text}"
            );
        }
        let tile_text = text.replacen(r#""province_id":"IR-23""#, r#""tile":"t01""#, 1);
        assert_eq!(
            in_slices(tile_sliced(&tile_text, "t01"), 2),
            tile(&tile_text, "t01"),
            "{tile_text}"
        );
    }

    #[test]
    fn a_document_read_in_slices_is_the_document_read_at_once() {
        let records = hostile_records();
        let refs: Vec<&str> = records.iter().map(String::as_str).collect();
        let good = doc(&refs);
        let d = in_slices(offices_sliced(&good, "IR-23"), 2).expect("decodes");
        // The fixture has what it says: kept, skipped (each rule) and the tricky strings.
        assert_eq!(d.doc.offices.len(), 3);
        assert_eq!(
            d.skipped.iter().map(|s| s.index).collect::<Vec<_>>(),
            [1, 2, 3, 4, 5, 7, 8]
        );
        assert!(d.doc.offices[1].name_en.contains("\"[b]\""));
        // The envelope in another order, with whitespace, unknown keys (one holding an
        // "offices" of its own) and the province after the list.
        let reordered = format!(
            " \n{{ \"x\" : {{\"offices\":[1,2]}} , \"generated_at\":\"2026-11-20T08:00:00Z\",\"offices\" :\n[ {} ,\t{} ] , \"province_id\":\"IR-23\", \"y\":[] }}\n",
            refs[0], refs[6]
        );
        for text in [good, doc(&[]), reordered] {
            assert!(read_in_slices(&text), "{text}");
            same_as_at_once(&text);
        }
    }

    #[test]
    fn a_broken_document_gives_the_same_error_in_slices() {
        let records = hostile_records();
        let refs: Vec<&str> = records.iter().map(String::as_str).collect();
        let good = doc(&refs[..3]);
        let head = r#"{"province_id":"IR-23","generated_at":"2026-11-20T08:00:00Z","#;
        for text in [
            String::new(),
            "[]".into(),
            "{}".into(),
            "<!doctype html>".into(),
            good.replacen("IR-23", "IR-10", 1),
            format!(r#"{head}"offices":5}}"#),
            format!(r#"{head}"offices":[{}, ]}}"#, refs[0]),
            format!(r#"{head}"offices":[{} {}]}}"#, refs[0], refs[1]),
            format!(r#"{head}"offices":[]}} trailing"#),
            format!(r#"{head}"offices":[],"offices":[]}}"#),
            format!(r#"{head}"offic\u0065s":[{}]}}"#, refs[0]),
            format!(r#"{head}"offic\u0065s":[],"offices":[]}}"#),
            format!(r#"{head}"offices":[{{"id":"x",}}]}}"#),
            format!(
                r#"{{"generated_at":"2026-11-20T08:00:00Z","offices":[{}]}}"#,
                refs[0]
            ),
            format!(r#"{head}"offices":[]"#),
        ] {
            same_as_at_once(&text);
        }
        // Cut at every character, and every ASCII character replaced by one that matters to
        // the scan.
        for (at, _) in good.char_indices() {
            same_as_at_once(&good[..at]);
        }
        let small = doc(&[r#"{"id":"a\"]","n":[1,{"b":"}"}]}"#, refs[0]]);
        for (at, c) in small.char_indices().filter(|(_, c)| c.is_ascii()) {
            for by in ["]", "[", "}", "{", ",", "\"", "\\", " ", ":", "x"] {
                let mut text = small.clone();
                text.replace_range(at..at + c.len_utf8(), by);
                same_as_at_once(&text);
            }
        }
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
