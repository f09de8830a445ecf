//! Building the index documents from a validated input. Everything is sorted (BTreeMap, sorted
//! vectors), so the same input gives the same bytes.

use std::collections::{BTreeMap, BTreeSet};

use pishkhan::domain::index::{
    child_bbox, encode_runs, fill, name_tokens, quadrant, shard_of, summarise, tokens,
    MAX_TILE_DEPTH,
};
use pishkhan::domain::normalize::fold;
use pishkhan::model::{
    BBox, Card, CardPage, CardPaging, CodeHit, CodeShard, IdShard, IndexInfo, LatLon, OfficeRef,
    Place, PlacesDoc, PopulatedPlace, PopulationDoc, Sharding, SummaryDoc, TermChunk, TermEntry,
    TermManifest, TileManifest, INDEX_FORMAT,
};
use serde::Serialize;

use crate::input::{Input, LicenceRecord, OfficeRecord};
use crate::{Document, Error, Params};

/// Paths of the index documents, relative to the API base.
pub mod layout {
    pub const PLACES: &str = "index/places.json";
    pub const SUMMARY: &str = "index/summary.json";
    pub const POPULATION: &str = "index/population.json";
    pub const TILES: &str = "index/tiles.json";
    pub const TILE: &str = "index/tiles/{}.json";
    pub const IDS: &str = "index/ids/{}.json";
    pub const CODES: &str = "index/codes/{}.json";
    pub const LICENCES: &str = "index/licences/{}.json";
    pub const TERMS: &str = "index/terms.json";
    pub const TERM_CHUNK: &str = "index/terms/{}.json";
    pub const CARDS: &str = "index/cards/{}.json";
}

fn json<T: Serialize>(path: String, value: &T) -> Result<Document, Error> {
    let bytes = serde_json::to_vec(value).map_err(|e| Error::at(&path, e))?;
    Ok(Document { path, bytes })
}

/// A gazetteer entry from `--places-population` (GeoNames-like: `cities1000` as trimmed in
/// `tools/datagen/data/cities.json`).
#[derive(Clone, Debug, serde::Deserialize)]
pub struct GazetteerCity {
    pub name_en: String,
    #[serde(default)]
    pub names_fa: Vec<String>,
    pub lat: f64,
    pub lon: f64,
    pub population: u64,
}

/// The office with its national ordinal, place and tile.
struct Entry<'a> {
    rec: &'a OfficeRecord,
    tile: Option<String>,
}

/// Most frequent value, ties to the smallest.
fn most_frequent(counts: &BTreeMap<String, u32>) -> String {
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(s, _)| s.clone())
        .unwrap_or_default()
}

/// Smallest power of two ≥ `n / per` (at least 1).
fn shard_count(n: usize, per: usize) -> u32 {
    let want = n.div_ceil(per.max(1)).max(1);
    u32::try_from(want.next_power_of_two()).unwrap_or(u32::MAX)
}

/// Splits `items` (indices of located offices) into the quadtree; appends to `tree`, leaves
/// to `leaves` as (tile id, items).
fn split(
    locs: &[LatLon],
    bbox: BBox,
    id: String,
    items: Vec<usize>,
    max: usize,
    tree: &mut String,
    leaves: &mut Vec<(String, Vec<usize>)>,
) {
    if items.is_empty() {
        tree.push('.');
        return;
    }
    if items.len() <= max || id.len() > MAX_TILE_DEPTH as usize {
        tree.push('*');
        leaves.push((id, items));
        return;
    }
    tree.push('x');
    let mut parts: [Vec<usize>; 4] = Default::default();
    for i in items {
        let q = locs.get(i).map_or(0, |p| quadrant(&bbox, *p));
        parts[usize::from(q)].push(i);
    }
    for (d, part) in parts.into_iter().enumerate() {
        let d = d as u8;
        split(
            locs,
            child_bbox(&bbox, d),
            format!("{id}{d}"),
            part,
            max,
            tree,
            leaves,
        );
    }
}

/// Every index document, and the `index` object for `meta.json`.
pub fn build(
    input: &Input,
    params: &Params,
    gazetteer: &[GazetteerCity],
) -> Result<(Vec<Document>, IndexInfo), Error> {
    let generated_at = input.meta.generated_at;
    let gazetteer = Gazetteer::new(gazetteer);
    let mut docs = Vec::new();

    // Offices in ordinal order: province, place key, id.
    let mut all: Vec<(&str, String, &OfficeRecord)> = input
        .provinces
        .iter()
        .flat_map(|p| p.offices.iter())
        .map(|r| (r.office.province_id.as_str(), fold(&r.office.city_fa), r))
        .collect();
    all.sort_by(|a, b| (a.0, &a.1, &a.2.office.id).cmp(&(b.0, &b.1, &b.2.office.id)));

    // ---- places
    struct PlaceAcc {
        names_fa: BTreeMap<String, u32>,
        names_en: BTreeMap<String, u32>,
        sum: (f64, f64, u32),
        place: Place,
    }
    let mut place_ids: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut accs: Vec<PlaceAcc> = Vec::new();
    for (province, key, rec) in &all {
        let k = (province.to_string(), key.clone());
        let idx = *place_ids.entry(k).or_insert_with(|| {
            accs.push(PlaceAcc {
                names_fa: BTreeMap::new(),
                names_en: BTreeMap::new(),
                sum: (0.0, 0.0, 0),
                place: Place {
                    key: key.clone(),
                    name_fa: String::new(),
                    names_fa: Vec::new(),
                    name_en: String::new(),
                    province_id: province.to_string(),
                    centroid: None,
                    offices: 0,
                    by_kind: BTreeMap::new(),
                    population: None,
                },
            });
            accs.len() - 1
        });
        if let Some(acc) = accs.get_mut(idx) {
            let o = &rec.office;
            *acc.names_fa.entry(o.city_fa.clone()).or_insert(0) += 1;
            *acc.names_en.entry(o.city_en.clone()).or_insert(0) += 1;
            if let Some(loc) = o.location {
                acc.sum = (acc.sum.0 + loc.lat, acc.sum.1 + loc.lon, acc.sum.2 + 1);
            }
            acc.place.offices += 1;
            *acc.place.by_kind.entry(o.kind.clone()).or_insert(0) += 1;
        }
    }
    // `all` is sorted by (province, key), so places are created in that order too.
    let places: Vec<Place> = accs
        .into_iter()
        .map(|acc| {
            let mut p = acc.place;
            p.name_fa = most_frequent(&acc.names_fa);
            p.names_fa = acc
                .names_fa
                .keys()
                .filter(|n| **n != p.name_fa)
                .cloned()
                .collect();
            p.name_en = most_frequent(&acc.names_en);
            if acc.sum.2 > 0 {
                let n = f64::from(acc.sum.2);
                // Rounded to ~10 m: enough for a centroid, and stable output.
                let round = |x: f64| (x / n * 1e4).round() / 1e4;
                p.centroid = Some(LatLon {
                    lat: round(acc.sum.0),
                    lon: round(acc.sum.1),
                });
            }
            p.population = gazetteer.population(&p);
            p
        })
        .collect();
    docs.push(json(
        layout::PLACES.into(),
        &PlacesDoc {
            generated_at,
            places: places.clone(),
        },
    )?);
    let population = (!gazetteer.cities.is_empty()).then(|| gazetteer.populated(&places));
    if let Some(list) = &population {
        docs.push(json(
            layout::POPULATION.into(),
            &PopulationDoc {
                generated_at,
                places: list.clone(),
            },
        )?);
    }

    // ---- tiles
    let located: Vec<usize> = (0..all.len())
        .filter(|&i| all[i].2.office.location.is_some())
        .collect();
    let locs: Vec<LatLon> = all
        .iter()
        .map(|e| {
            e.2.office.location.unwrap_or(LatLon {
                lat: f64::NAN,
                lon: f64::NAN,
            })
        })
        .collect();
    let mut tile_of: Vec<Option<String>> = vec![None; all.len()];
    let root = located
        .iter()
        .filter_map(|&i| locs.get(i))
        .fold(None::<BBox>, |b, p| {
            Some(match b {
                None => BBox {
                    min_lat: p.lat,
                    min_lon: p.lon,
                    max_lat: p.lat,
                    max_lon: p.lon,
                },
                Some(b) => BBox {
                    min_lat: b.min_lat.min(p.lat),
                    min_lon: b.min_lon.min(p.lon),
                    max_lat: b.max_lat.max(p.lat),
                    max_lon: b.max_lon.max(p.lon),
                },
            })
        });
    let root = root.unwrap_or(BBox {
        min_lat: 0.0,
        min_lon: 0.0,
        max_lat: 0.0,
        max_lon: 0.0,
    });
    let mut tree = String::new();
    let mut leaves = Vec::new();
    split(
        &locs,
        root,
        "t".into(),
        located,
        params.max_per_tile,
        &mut tree,
        &mut leaves,
    );
    let stamp = serde_json::to_string(&generated_at).map_err(|e| Error::at(layout::TILES, e))?;
    for (id, items) in &mut leaves {
        items.sort_by(|a, b| all[*a].2.office.id.cmp(&all[*b].2.office.id));
        let path = fill(layout::TILE, &*id);
        let mut text = format!(
            "{{\"tile\":{},\"generated_at\":{stamp},\"offices\":[",
            serde_json::to_string(id).map_err(|e| Error::at(&path, e))?
        );
        for (n, &i) in items.iter().enumerate() {
            if n > 0 {
                text.push(',');
            }
            text.push_str(all[i].2.raw.get());
            tile_of[i] = Some(id.clone());
        }
        text.push_str("]}");
        docs.push(Document {
            path,
            bytes: text.into_bytes(),
        });
    }
    docs.push(json(
        layout::TILES.into(),
        &TileManifest {
            generated_at,
            bbox: root,
            max_per_tile: u32::try_from(params.max_per_tile).unwrap_or(u32::MAX),
            max_depth: MAX_TILE_DEPTH,
            tree,
        },
    )?);

    let entries: Vec<Entry> = all
        .iter()
        .zip(tile_of)
        .map(|(e, tile)| Entry { rec: e.2, tile })
        .collect();

    // ---- id and code look-ups
    let id_shards = shard_count(entries.len(), params.ids_per_shard);
    let mut by_id: Vec<BTreeMap<String, OfficeRef>> = vec![BTreeMap::new(); id_shards as usize];
    let mut by_code: Vec<BTreeMap<String, Vec<CodeHit>>> =
        vec![BTreeMap::new(); id_shards as usize];
    for e in &entries {
        let o = &e.rec.office;
        if let Some(m) = by_id.get_mut(shard_of(&o.id, id_shards) as usize) {
            m.insert(
                o.id.clone(),
                OfficeRef {
                    province_id: o.province_id.clone(),
                    tile: e.tile.clone(),
                },
            );
        }
        if let Some(m) = by_code.get_mut(shard_of(&o.code, id_shards) as usize) {
            m.entry(o.code.clone()).or_default().push(CodeHit {
                id: o.id.clone(),
                province_id: o.province_id.clone(),
                tile: e.tile.clone(),
            });
        }
    }
    for (shard, ids) in by_id.into_iter().enumerate() {
        let shard = shard as u32;
        docs.push(json(fill(layout::IDS, shard), &IdShard { shard, ids })?);
    }
    for (shard, mut codes) in by_code.into_iter().enumerate() {
        let shard = shard as u32;
        codes
            .values_mut()
            .for_each(|hits| hits.sort_by(|a, b| a.id.cmp(&b.id)));
        docs.push(json(
            fill(layout::CODES, shard),
            &CodeShard { shard, codes },
        )?);
    }

    // ---- licence look-up: number → the licences' records, verbatim, by province id
    let mut licences: Vec<&LicenceRecord> = input
        .provinces
        .iter()
        .flat_map(|p| p.licences.iter())
        .collect();
    // Stable: records of one number in one province keep their document order.
    licences.sort_by(|a, b| {
        (&a.licence.number, &a.licence.province_id)
            .cmp(&(&b.licence.number, &b.licence.province_id))
    });
    let repeats = licences
        .windows(2)
        .filter(|w| w[0].licence.number == w[1].licence.number)
        .count();
    let numbers = licences.len() - repeats;
    let licence_shards = shard_count(numbers, params.licences_per_shard);
    let mut by_number: Vec<Vec<&LicenceRecord>> = vec![Vec::new(); licence_shards as usize];
    for rec in licences {
        if let Some(list) =
            by_number.get_mut(shard_of(&rec.licence.number, licence_shards) as usize)
        {
            list.push(rec);
        }
    }
    for (shard, recs) in by_number.into_iter().enumerate() {
        let path = fill(layout::LICENCES, shard);
        let mut text = format!("{{\"shard\":{shard},\"licences\":{{");
        let mut prev: Option<&str> = None;
        for rec in recs {
            let number = rec.licence.number.as_str();
            if prev == Some(number) {
                text.push(',');
            } else {
                if prev.is_some() {
                    text.push_str("],");
                }
                text.push_str(&serde_json::to_string(number).map_err(|e| Error::at(&path, e))?);
                text.push_str(":[");
                prev = Some(number);
            }
            text.push_str(rec.raw.get());
        }
        if prev.is_some() {
            text.push(']');
        }
        text.push_str("}}");
        docs.push(Document {
            path,
            bytes: text.into_bytes(),
        });
    }

    // ---- cards
    let page_size = params.cards_per_page.max(1);
    let mut pages = 0u32;
    for (page, chunk) in entries.chunks(page_size).enumerate() {
        let page = page as u32;
        pages += 1;
        let cards = chunk
            .iter()
            .map(|e| {
                let o = &e.rec.office;
                Card {
                    id: o.id.clone(),
                    province_id: o.province_id.clone(),
                    tile: e.tile.clone(),
                    code: o.code.clone(),
                    kind: o.kind.clone(),
                    name_fa: o.name_fa.clone(),
                    name_en: o.name_en.clone(),
                    city_fa: o.city_fa.clone(),
                    location: o.location,
                }
            })
            .collect();
        docs.push(json(
            fill(layout::CARDS, page),
            &CardPage {
                page,
                first: page * page_size as u32,
                cards,
            },
        )?);
    }

    // ---- terms
    let mut office_terms: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (ordinal, e) in entries.iter().enumerate() {
        let o = &e.rec.office;
        let mut mine: BTreeSet<String> = BTreeSet::new();
        mine.extend(tokens(&o.name_fa));
        mine.extend(tokens(&o.name_en));
        mine.extend(name_tokens(&o.city_fa));
        mine.extend(name_tokens(&o.city_en));
        mine.extend(tokens(&o.address_fa));
        mine.extend(name_tokens(&o.code));
        if let Some(pc) = &o.postal_code {
            mine.extend(name_tokens(pc));
        }
        for t in mine {
            office_terms.entry(t).or_default().push(ordinal as u32);
        }
    }
    let mut place_terms: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (i, p) in places.iter().enumerate() {
        let names = std::iter::once(&p.name_fa)
            .chain(&p.names_fa)
            .chain(std::iter::once(&p.name_en));
        for t in names.flat_map(|n| name_tokens(n)) {
            place_terms.entry(t).or_default().insert(i);
        }
    }
    let mut service_terms: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for s in &input.services {
        let texts = [&s.name_fa, &s.name_en].into_iter().chain(&s.keywords_fa);
        for t in texts.flat_map(|n| name_tokens(n)) {
            service_terms.entry(t).or_default().insert(s.id.clone());
        }
    }
    let all_terms: BTreeSet<&String> = office_terms
        .keys()
        .chain(place_terms.keys())
        .chain(service_terms.keys())
        .collect();
    let common_after =
        u32::try_from((entries.len() / params.common_divisor).max(params.common_min))
            .unwrap_or(u32::MAX);
    let mut chunks: Vec<[String; 2]> = Vec::new();
    let mut current: Vec<TermEntry> = Vec::new();
    let mut current_bytes = 0usize;
    let mut flush = |current: &mut Vec<TermEntry>, docs: &mut Vec<Document>| -> Result<(), Error> {
        if let (Some(first), Some(last)) = (current.first(), current.last()) {
            let chunk = chunks.len() as u32;
            chunks.push([first.t.clone(), last.t.clone()]);
            docs.push(json(
                fill(layout::TERM_CHUNK, chunk),
                &TermChunk {
                    chunk,
                    terms: std::mem::take(current),
                },
            )?);
        }
        Ok(())
    };
    for t in all_terms {
        let ords = office_terms.get(t).map_or(&[][..], |v| v.as_slice());
        let n = u32::try_from(ords.len()).unwrap_or(u32::MAX);
        let entry = TermEntry {
            t: t.clone(),
            n,
            o: if n > common_after {
                Vec::new()
            } else {
                encode_runs(ords)
            },
            p: place_terms
                .get(t)
                .map(|s| s.iter().filter_map(|&i| places.get(i).cloned()).collect())
                .unwrap_or_default(),
            s: service_terms
                .get(t)
                .map(|s| s.iter().cloned().collect())
                .unwrap_or_default(),
        };
        let size = serde_json::to_vec(&entry).map_or(0, |v| v.len()) + 1;
        if current_bytes + size > params.chunk_bytes && !current.is_empty() {
            flush(&mut current, &mut docs)?;
            current_bytes = 0;
        }
        current_bytes += size;
        current.push(entry);
    }
    flush(&mut current, &mut docs)?;
    docs.push(json(
        layout::TERMS.into(),
        &TermManifest {
            generated_at,
            chunks,
            common_after,
        },
    )?);

    // ---- summary
    let summary = SummaryDoc {
        generated_at,
        provinces: {
            let mut list: Vec<_> = input
                .provinces
                .iter()
                .map(|p| {
                    let offices = p.offices.iter().map(|r| &r.office);
                    let licences = p.licences.iter().map(|r| &r.licence);
                    summarise(&p.province.id, offices, licences)
                })
                .collect();
            list.sort_by(|a, b| a.province_id.cmp(&b.province_id));
            list
        },
    };
    docs.push(json(layout::SUMMARY.into(), &summary)?);

    docs.sort_by(|a, b| a.path.cmp(&b.path));
    let info = IndexInfo {
        format: INDEX_FORMAT,
        dataset_version: input.meta.dataset_version.clone(),
        places: layout::PLACES.into(),
        summary: layout::SUMMARY.into(),
        tiles: layout::TILES.into(),
        tile: layout::TILE.into(),
        ids: Sharding {
            path: layout::IDS.into(),
            shards: id_shards,
        },
        codes: Sharding {
            path: layout::CODES.into(),
            shards: id_shards,
        },
        terms: layout::TERMS.into(),
        term_chunk: layout::TERM_CHUNK.into(),
        cards: CardPaging {
            path: layout::CARDS.into(),
            page_size: page_size as u32,
            pages,
            offices: entries.len() as u32,
        },
        licences: Some(Sharding {
            path: layout::LICENCES.into(),
            shards: licence_shards,
        }),
        population: population.map(|_| layout::POPULATION.into()),
    };
    Ok((docs, info))
}

/// Gazetteer cities by folded name (Persian names and the English one).
struct Gazetteer<'g> {
    cities: &'g [GazetteerCity],
    by_name: BTreeMap<String, Vec<&'g GazetteerCity>>,
}

/// A gazetteer city is the place of the same name whose centroid is within this distance.
const SAME_PLACE_KM: f64 = 30.0;

impl<'g> Gazetteer<'g> {
    fn new(cities: &'g [GazetteerCity]) -> Self {
        let mut by_name: BTreeMap<String, Vec<&GazetteerCity>> = BTreeMap::new();
        for c in cities {
            for n in Self::names(c) {
                by_name.entry(n).or_default().push(c);
            }
        }
        Gazetteer { cities, by_name }
    }

    /// A city's folded names, Persian and English.
    fn names(c: &GazetteerCity) -> BTreeSet<String> {
        let mut names: BTreeSet<String> = c.names_fa.iter().map(|n| fold(n)).collect();
        names.insert(fold(&c.name_en));
        names
    }

    /// Every populated place: the places with offices that have a population and a centroid,
    /// and the gazetteer's cities that are none of them (same rule as [`Self::population`]),
    /// each in the province of the nearest place with offices, named by its standard Persian
    /// name. Sorted by province, then key.
    fn populated(&self, places: &[Place]) -> Vec<PopulatedPlace> {
        let located: Vec<(&Place, LatLon)> = places
            .iter()
            .filter_map(|p| p.centroid.map(|c| (p, c)))
            .collect();
        let mut out: Vec<PopulatedPlace> = located
            .iter()
            .filter_map(|(p, c)| {
                Some(PopulatedPlace {
                    key: p.key.clone(),
                    name_fa: p.name_fa.clone(),
                    name_en: p.name_en.clone(),
                    province_id: p.province_id.clone(),
                    location: *c,
                    population: p.population?,
                    offices: p.offices,
                })
            })
            .collect();
        for city in self.cities {
            if city.population == 0 || !city.lat.is_finite() || !city.lon.is_finite() {
                continue;
            }
            let at = LatLon {
                lat: city.lat,
                lon: city.lon,
            };
            let names = Self::names(city);
            let distance = |c: LatLon| pishkhan::domain::geo::haversine_km(at, c);
            let is_a_place = located.iter().any(|(p, c)| {
                (names.contains(&p.key) || names.contains(&fold(&p.name_en)))
                    && distance(*c) <= SAME_PLACE_KM
            });
            if is_a_place {
                continue;
            }
            let Some((nearest, _)) = located
                .iter()
                .map(|(p, c)| (p, distance(*c)))
                .min_by(|a, b| a.1.total_cmp(&b.1))
            else {
                continue;
            };
            let name_fa =
                pishkhan_datagen::persian::standard_place_name(&city.name_en, &city.names_fa)
                    .unwrap_or_else(|| city.name_en.clone());
            out.push(PopulatedPlace {
                key: fold(&name_fa),
                name_fa,
                name_en: city.name_en.clone(),
                province_id: nearest.province_id.clone(),
                location: at,
                population: city.population,
                offices: 0,
            });
        }
        out.sort_by(|a, b| {
            (&a.province_id, &a.key, &a.name_en).cmp(&(&b.province_id, &b.key, &b.name_en))
        });
        out
    }

    /// The population of the city that is this place: same name (Persian or English,
    /// folded) and within 30 km of its centroid; the nearest if several.
    fn population(&self, place: &Place) -> Option<u64> {
        let centroid = place.centroid?;
        let en = fold(&place.name_en);
        let fa = self.by_name.get(&place.key).into_iter().flatten();
        fa.chain(self.by_name.get(&en).into_iter().flatten())
            .map(|c| {
                let d = pishkhan::domain::geo::haversine_km(
                    centroid,
                    LatLon {
                        lat: c.lat,
                        lon: c.lon,
                    },
                );
                (d, c.population)
            })
            .filter(|(d, _)| *d <= 30.0)
            .min_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
            .map(|(_, pop)| pop)
    }
}
