//! Reading and validating a v1 API folder. Anything that breaks the contract is refused with
//! the file and the record named; identifiers are opaque and never refused for their shape.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use chrono::{DateTime, Utc};
use pishkhan::api::paths;
use pishkhan::model::{
    dates, ClosureOrder, DataSource, Licence, Meta, Office, Province, Service, SCHEMA_VERSION,
};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::Error;

/// One office: decoded, and its record exactly as published (copied into tiles).
#[derive(Debug)]
pub struct OfficeRecord {
    pub office: Office,
    pub raw: Box<RawValue>,
}

/// One licence: decoded, and its record exactly as published (copied into the licence
/// look-up).
#[derive(Debug)]
pub struct LicenceRecord {
    pub licence: Licence,
    pub raw: Box<RawValue>,
}

/// One province's documents.
#[derive(Debug)]
pub struct ProvinceInput {
    pub province: Province,
    pub offices: Vec<OfficeRecord>,
    pub licences: Vec<LicenceRecord>,
}

/// A whole v1 folder.
#[derive(Debug)]
pub struct Input {
    /// `meta.json` decoded (its own `index`, if any, left out).
    pub meta: Meta,
    /// `meta.json` as published, to be rewritten with only `index` changed.
    pub meta_text: String,
    pub services: Vec<Service>,
    /// In `meta.json` order.
    pub provinces: Vec<ProvinceInput>,
}

fn read(dir: &Path, rel: &str) -> Result<String, Error> {
    fs::read_to_string(dir.join(rel)).map_err(|e| Error::at(rel, format!("cannot read: {e}")))
}

fn parse<'a, T: Deserialize<'a>>(file: &str, text: &'a str) -> Result<T, Error> {
    serde_json::from_str(text).map_err(|e| Error::at(file, e))
}

/// ` (id "x")` for a record whose `key` field is a string, for error messages.
fn label(raw: &RawValue, key: &str) -> String {
    serde_json::from_str::<serde_json::Value>(raw.get())
        .ok()
        .and_then(|v| v.get(key).and_then(|k| k.as_str()).map(str::to_string))
        .map_or_else(String::new, |id| format!(" ({key} {id:?})"))
}

/// Decodes every record of a list, refusing at the first bad one.
fn records<T: DeserializeOwned>(
    file: &str,
    list: &str,
    key: &str,
    raw: &[&RawValue],
    check: impl Fn(&T) -> Result<(), String>,
) -> Result<Vec<T>, Error> {
    raw.iter()
        .enumerate()
        .map(|(i, r)| {
            serde_json::from_str::<T>(r.get())
                .map_err(|e| e.to_string())
                .and_then(|t| check(&t).map(|()| t))
                .map_err(|m| Error::at(file, format!("{list}[{i}]{}: {m}", label(r, key))))
        })
        .collect()
}

fn check_latlon(what: &str, lat: f64, lon: f64) -> Result<(), String> {
    if !(lat.is_finite() && (-90.0..=90.0).contains(&lat)) {
        return Err(format!("{what}.lat {lat} out of range"));
    }
    if !(lon.is_finite() && (-180.0..=180.0).contains(&lon)) {
        return Err(format!("{what}.lon {lon} out of range"));
    }
    Ok(())
}

fn check_office(o: &Office, province_id: &str) -> Result<(), String> {
    if o.id.trim().is_empty() {
        return Err("id is empty".into());
    }
    if o.province_id != province_id {
        return Err(format!(
            "province_id {:?} differs from the document's {province_id:?}",
            o.province_id
        ));
    }
    if let Some(loc) = &o.location {
        check_latlon("location", loc.lat, loc.lon)?;
    }
    if let Some(hours) = &o.hours {
        hours.validate().map_err(|e| format!("hours: {e}"))?;
    }
    for (j, c) in o.closures.iter().enumerate() {
        if c.to < c.from {
            return Err(format!("closures[{j}] ends before it starts"));
        }
    }
    Ok(())
}

fn check_licence(l: &Licence, province_id: &str) -> Result<(), String> {
    l.validate()?;
    if l.province_id != province_id {
        return Err(format!(
            "province_id {:?} differs from the document's {province_id:?}",
            l.province_id
        ));
    }
    Ok(())
}

#[derive(Deserialize)]
struct MetaEnvelope<'a> {
    schema_version: u32,
    dataset_version: String,
    #[serde(deserialize_with = "dates::datetime")]
    generated_at: DateTime<Utc>,
    #[serde(borrow)]
    provinces: Vec<&'a RawValue>,
    #[serde(default)]
    closures: Vec<ClosureOrder>,
    #[serde(default)]
    source: Option<DataSource>,
}

#[derive(Deserialize)]
struct ListEnvelope<'a> {
    province_id: String,
    #[serde(deserialize_with = "dates::datetime")]
    #[allow(dead_code)]
    generated_at: DateTime<Utc>,
    #[serde(default, borrow)]
    offices: Option<Vec<&'a RawValue>>,
    #[serde(default, borrow)]
    licences: Option<Vec<&'a RawValue>>,
}

fn province_docs(dir: &Path, province: Province) -> Result<ProvinceInput, Error> {
    let id = province.id.clone();
    let file = paths::offices(&id);
    let text = read(dir, &file)?;
    let env: ListEnvelope = parse(&file, &text)?;
    if env.province_id != id {
        return Err(Error::at(
            &file,
            format!("province_id {:?} is not {id:?}", env.province_id),
        ));
    }
    let raw = env
        .offices
        .ok_or_else(|| Error::at(&file, "missing field `offices`"))?;
    let decoded: Vec<Office> = records(&file, "offices", "id", &raw, |o| check_office(o, &id))?;
    let offices = decoded
        .into_iter()
        .zip(&raw)
        .map(|(office, r)| OfficeRecord {
            office,
            raw: (*r).to_owned(),
        })
        .collect();

    let file = paths::licences(&id);
    let text = read(dir, &file)?;
    let env: ListEnvelope = parse(&file, &text)?;
    if env.province_id != id {
        return Err(Error::at(
            &file,
            format!("province_id {:?} is not {id:?}", env.province_id),
        ));
    }
    let raw = env
        .licences
        .ok_or_else(|| Error::at(&file, "missing field `licences`"))?;
    let decoded: Vec<Licence> =
        records(&file, "licences", "number", &raw, |l| check_licence(l, &id))?;
    let licences = decoded
        .into_iter()
        .zip(&raw)
        .map(|(licence, r)| LicenceRecord {
            licence,
            raw: (*r).to_owned(),
        })
        .collect();
    Ok(ProvinceInput {
        province,
        offices,
        licences,
    })
}

/// Reads the provinces' documents on a few threads; results in `provinces` order, so the
/// first refusal reported is the same whatever the timing.
fn load_provinces(dir: &Path, provinces: Vec<Province>) -> Vec<Result<ProvinceInput, Error>> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let mut queues: Vec<Vec<(usize, Province)>> = (0..workers).map(|_| Vec::new()).collect();
    for (i, p) in provinces.into_iter().enumerate() {
        if let Some(q) = queues.get_mut(i % workers) {
            q.push((i, p));
        }
    }
    let mut done: Vec<(usize, Result<ProvinceInput, Error>)> = std::thread::scope(|s| {
        let handles: Vec<_> = queues
            .into_iter()
            .map(|q| {
                s.spawn(move || {
                    q.into_iter()
                        .map(|(i, p)| (i, province_docs(dir, p)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join().unwrap_or_else(|_| {
                    vec![(0, Err(Error::at(paths::META, "a reading thread failed")))]
                })
            })
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// Reads and validates `meta.json`, `services.json` and every province document it lists.
pub fn load(dir: &Path) -> Result<Input, Error> {
    let meta_text = read(dir, paths::META)?;
    let env: MetaEnvelope = parse(paths::META, &meta_text)?;
    if env.schema_version != SCHEMA_VERSION {
        return Err(Error::at(
            paths::META,
            format!(
                "schema_version {} is not supported (only {SCHEMA_VERSION})",
                env.schema_version
            ),
        ));
    }
    let mut seen = HashMap::new();
    let provinces: Vec<Province> = records(
        paths::META,
        "provinces",
        "id",
        &env.provinces,
        |p: &Province| {
            if p.id.trim().is_empty() {
                return Err("id is empty".into());
            }
            check_latlon("centroid", p.centroid.lat, p.centroid.lon)
        },
    )?;
    for (i, p) in provinces.iter().enumerate() {
        if let Some(first) = seen.insert(p.id.clone(), i) {
            return Err(Error::at(
                paths::META,
                format!(
                    "provinces[{i}] (id {:?}): same id as provinces[{first}]",
                    p.id
                ),
            ));
        }
    }
    let services_text = read(dir, paths::SERVICES)?;
    #[derive(Deserialize)]
    struct ServicesEnvelope<'a> {
        #[serde(borrow)]
        services: Vec<&'a RawValue>,
    }
    let s: ServicesEnvelope = parse(paths::SERVICES, &services_text)?;
    let services = records(
        paths::SERVICES,
        "services",
        "id",
        &s.services,
        Service::validate,
    )?;

    let mut inputs = Vec::with_capacity(provinces.len());
    // Office ids must be unique nationally: the id look-up maps each to one place.
    let mut ids: HashMap<String, (String, usize)> = HashMap::new();
    for p in load_provinces(dir, provinces) {
        let p = p?;
        let file = paths::offices(&p.province.id);
        for (i, o) in p.offices.iter().enumerate() {
            if let Some((other, j)) = ids.insert(o.office.id.clone(), (file.clone(), i)) {
                return Err(Error::at(
                    &file,
                    format!(
                        "offices[{i}] (id {:?}): id already used by {other} offices[{j}]",
                        o.office.id
                    ),
                ));
            }
        }
        inputs.push(p);
    }
    let meta = Meta {
        schema_version: env.schema_version,
        dataset_version: env.dataset_version,
        generated_at: env.generated_at,
        provinces: inputs.iter().map(|p| p.province.clone()).collect(),
        closures: env.closures,
        source: env.source,
        index: None,
        index_json: None,
    };
    Ok(Input {
        meta,
        meta_text,
        services,
        provinces: inputs,
    })
}
