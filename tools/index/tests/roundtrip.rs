//! On the sample: every office is reachable through each index, and the nearest-tile search
//! gives the same 10 nearest offices as a brute-force scan.

mod common;

use std::collections::BTreeMap;
use std::fs;

use pishkhan::api::{decode, paths};
use pishkhan::domain::geo::haversine_km;
use pishkhan::domain::index::{
    card_slot, chunk_for_term, chunks_for_prefix, decode_runs, fill, licence_shard_path,
    nearest_tiles, shard_of, tokens, usable, TileTree,
};
use pishkhan::domain::normalize::fold;
use pishkhan::model::{
    CardPage, CodeShard, IdShard, IndexInfo, LatLon, LicenceShard, Meta, Office, TermChunk,
    TermManifest, TileDoc, TileManifest,
};
use serde::Deserialize;
use serde_json::value::RawValue;

fn meta() -> (Meta, IndexInfo) {
    let text = fs::read_to_string(common::sample().join(paths::META)).expect("meta");
    let meta = decode::meta(&text).expect("meta decodes").doc;
    let info = usable(&meta).expect("index usable").clone();
    (meta, info)
}

fn offices(meta: &Meta) -> Vec<Office> {
    meta.provinces
        .iter()
        .flat_map(|p| {
            let text =
                fs::read_to_string(common::sample().join(paths::offices(&p.id))).expect("offices");
            let doc = decode::offices(&text, &p.id).expect("decodes");
            assert!(doc.skipped.is_empty());
            doc.doc.offices
        })
        .collect()
}

fn tiles(info: &IndexInfo) -> (TileTree, BTreeMap<String, Vec<Office>>) {
    let manifest: TileManifest = common::read(&info.tiles);
    let tree = TileTree::parse(&manifest).expect("tree parses");
    let docs = tree
        .leaves()
        .iter()
        .map(|l| {
            let doc: TileDoc = common::read(&fill(&info.tile, &l.id));
            assert_eq!(doc.tile, l.id);
            (l.id.clone(), doc.offices)
        })
        .collect();
    (tree, docs)
}

#[test]
fn every_located_office_is_in_its_tile() {
    let (meta, info) = meta();
    let all = offices(&meta);
    let (tree, docs) = tiles(&info);
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for (id, offices) in &docs {
        let leaf = tree.leaf(id).expect("leaf");
        assert!(!offices.is_empty(), "{id} is empty");
        assert!(offices.windows(2).all(|w| w[0].id < w[1].id), "{id} sorted");
        for o in offices {
            let loc = o.location.expect("located");
            let b = leaf.bbox;
            assert!(
                (b.min_lat..=b.max_lat).contains(&loc.lat)
                    && (b.min_lon..=b.max_lon).contains(&loc.lon),
                "{} outside {id}",
                o.id
            );
            assert!(seen.insert(&o.id, id).is_none(), "{} in two tiles", o.id);
        }
    }
    let mut located = 0;
    for o in &all {
        match o.location {
            Some(loc) => {
                located += 1;
                let tile = seen
                    .get(o.id.as_str())
                    .unwrap_or_else(|| panic!("{} in no tile", o.id));
                assert_eq!(tree.leaf_at(loc).map(|l| l.id.as_str()), Some(*tile));
                // The record in the tile is the record of the province document.
                let copy = docs[*tile].iter().find(|t| t.id == o.id).expect("in tile");
                assert_eq!(copy, o);
            }
            None => assert!(
                !seen.contains_key(o.id.as_str()),
                "{} has no location",
                o.id
            ),
        }
    }
    assert_eq!(seen.len(), located);
    assert!(located < all.len(), "the sample has unlocated offices");
}

#[test]
fn every_office_is_found_by_id_and_by_code() {
    let (meta, info) = meta();
    let all = offices(&meta);
    let (tree, _) = tiles(&info);
    let mut id_shards: BTreeMap<u32, IdShard> = BTreeMap::new();
    let mut code_shards: BTreeMap<u32, CodeShard> = BTreeMap::new();
    for o in &all {
        let tile = o
            .location
            .and_then(|l| tree.leaf_at(l))
            .map(|l| l.id.clone());
        let s = shard_of(&o.id, info.ids.shards);
        let shard = id_shards
            .entry(s)
            .or_insert_with(|| common::read(&fill(&info.ids.path, s)));
        assert_eq!(shard.shard, s);
        let r = shard
            .ids
            .get(&o.id)
            .unwrap_or_else(|| panic!("{} not in id shard", o.id));
        assert_eq!((&r.province_id, &r.tile), (&o.province_id, &tile));
        let s = shard_of(&o.code, info.codes.shards);
        let shard = code_shards
            .entry(s)
            .or_insert_with(|| common::read(&fill(&info.codes.path, s)));
        let hits = shard.codes.get(&o.code).expect("code in shard");
        let hit = hits
            .iter()
            .find(|h| h.id == o.id)
            .expect("office among the hits");
        assert_eq!((&hit.province_id, &hit.tile), (&o.province_id, &tile));
    }
    let ids: usize = (0..info.ids.shards)
        .map(|s| {
            id_shards
                .entry(s)
                .or_insert_with(|| common::read(&fill(&info.ids.path, s)))
                .ids
                .len()
        })
        .sum();
    assert_eq!(ids, all.len(), "nothing else in the id shards");
}

/// Cards by ordinal, and ordinal by office id.
fn cards(info: &IndexInfo) -> (Vec<pishkhan::model::Card>, BTreeMap<String, u32>) {
    let mut cards = Vec::new();
    for page in 0..info.cards.pages {
        let doc: CardPage = common::read(&fill(&info.cards.path, page));
        assert_eq!(doc.first as usize, cards.len());
        cards.extend(doc.cards);
    }
    assert_eq!(cards.len(), info.cards.offices as usize);
    let by_id = cards
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.clone(), i as u32))
        .collect();
    (cards, by_id)
}

#[test]
fn name_tokens_find_every_office_and_cards_show_it() {
    let (meta, info) = meta();
    let all = offices(&meta);
    let (cards, ordinal) = cards(&info);
    let manifest: TermManifest = common::read(&info.terms);
    let mut chunks: BTreeMap<usize, TermChunk> = BTreeMap::new();
    let mut lookups = 0;
    for o in &all {
        let n = ordinal[&o.id];
        let (page, slot) = card_slot(n, info.cards.page_size);
        let card = &cards[(page * info.cards.page_size) as usize + slot];
        assert_eq!(
            (
                &card.name_fa,
                &card.code,
                &card.kind,
                &card.location,
                &card.province_id
            ),
            (&o.name_fa, &o.code, &o.kind, &o.location, &o.province_id)
        );
        let mut found_by_a_specific_word = false;
        let words = tokens(&format!("{} {} {}", o.name_fa, o.name_en, o.code));
        for t in &words {
            let c = chunk_for_term(&manifest, t).unwrap_or_else(|| panic!("{t:?} in no chunk"));
            let chunk = chunks
                .entry(c)
                .or_insert_with(|| common::read(&fill(&info.term_chunk, c)));
            let entry = chunk
                .terms
                .iter()
                .find(|e| &e.t == t)
                .unwrap_or_else(|| panic!("{t:?} not in chunk {c}"));
            lookups += 1;
            if entry.n > manifest.common_after {
                assert!(entry.o.is_empty(), "{t:?} is common");
                continue;
            }
            assert!(
                decode_runs(&entry.o).binary_search(&n).is_ok(),
                "{t:?} misses {}",
                o.id
            );
            found_by_a_specific_word = true;
        }
        assert!(
            found_by_a_specific_word,
            "{}: every name word is common",
            o.id
        );
    }
    assert!(lookups > all.len());
    // Chunks are in term order and every entry lies in its chunk's range.
    for (c, chunk) in &chunks {
        let [first, last] = &manifest.chunks[*c];
        assert_eq!(
            (first, last),
            (&chunk.terms[0].t, &chunk.terms[chunk.terms.len() - 1].t)
        );
        assert!(chunk.terms.windows(2).all(|w| w[0].t < w[1].t));
    }
}

#[test]
fn karaj_resolves_to_a_place_without_any_province() {
    let (_, info) = meta();
    let manifest: TermManifest = common::read(&info.terms);
    for spelling in ["كرج", "کرج", "karaj", "KARAJ"] {
        let t = &tokens(spelling)[0];
        let c = chunk_for_term(&manifest, t).expect("chunk");
        let chunk: TermChunk = common::read(&fill(&info.term_chunk, c));
        let entry = chunk.terms.iter().find(|e| &e.t == t).expect("term");
        let karaj = entry
            .p
            .iter()
            .find(|p| p.province_id == "IR-30")
            .unwrap_or_else(|| panic!("{spelling}: no place in Alborz"));
        assert_eq!(karaj.key, fold("کرج"));
        assert_eq!(karaj.name_en, "Karaj");
        assert!(karaj.offices > 200 && karaj.population.is_some_and(|p| p > 1_000_000));
        assert!(entry.n >= karaj.offices);
    }
    // A prefix as it is typed: «کر» covers the chunk of «کرج».
    let c = chunk_for_term(&manifest, "کرج").expect("chunk");
    assert!(chunks_for_prefix(&manifest, "کر").contains(&c));
    assert!(chunks_for_prefix(&manifest, "کرج").contains(&c));
    // Service keywords map to services.
    let t = &tokens("گذرنامه")[0];
    let c = chunk_for_term(&manifest, t).expect("chunk");
    let chunk: TermChunk = common::read(&fill(&info.term_chunk, c));
    let entry = chunk.terms.iter().find(|e| &e.t == t).expect("term");
    assert!(!entry.s.is_empty(), "a service for {t}");
}

#[test]
fn nearest_tiles_give_the_brute_force_ten_nearest() {
    let (meta, info) = meta();
    let all = offices(&meta);
    let (tree, docs) = tiles(&info);
    let ten = |candidates: &mut dyn Iterator<Item = &Office>, p: LatLon| -> Vec<String> {
        let mut d: Vec<(f64, String)> = candidates
            .filter_map(|o| o.location.map(|l| (haversine_km(p, l), o.id.clone())))
            .collect();
        d.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        d.into_iter().take(10).map(|(_, id)| id).collect()
    };
    let points = [
        ("Tehran", 35.6892, 51.3890),
        ("Azadi", 35.6997, 51.3380),
        ("Karaj", 35.8327, 50.9916),
        ("rural Kurdistan", 35.9, 46.6),
        ("Lut desert", 30.5, 58.5),
        ("Istanbul, outside Iran", 41.01, 28.98),
        ("Null Island", 0.0, 0.0),
        ("Kabul", 34.53, 69.17),
    ];
    for (name, lat, lon) in points {
        let p = LatLon { lat, lon };
        let fetched = nearest_tiles(&tree, p, 10, |leaf| {
            docs[&leaf.id]
                .iter()
                .filter_map(|o| o.location)
                .collect::<Vec<_>>()
        });
        assert!(!fetched.is_empty(), "{name}");
        if let Some(home) = tree.leaf_at(p) {
            assert_eq!(fetched[0], home.id, "{name}: starts at its own tile");
        }
        let from_tiles = ten(&mut fetched.iter().flat_map(|t| docs[t].iter()), p);
        assert_eq!(from_tiles, ten(&mut all.iter(), p), "{name}");
        assert!(fetched.len() <= 12, "{name}: {} tiles", fetched.len());
        // Every tile within the 10th distance is in the radius search, and nothing farther.
        let kth = all
            .iter()
            .filter_map(|o| o.location)
            .map(|l| haversine_km(p, l))
            .fold(Vec::new(), |mut v, d| {
                v.push(d);
                v
            });
        let mut kth = kth;
        kth.sort_by(f64::total_cmp);
        let r = kth[9];
        let within: Vec<&str> = tree.within(p, r).iter().map(|l| l.id.as_str()).collect();
        for t in &fetched {
            assert!(
                within.contains(&t.as_str()) || r == 0.0,
                "{name}: {t} beyond r"
            );
        }
    }
}

/// A licence shard as published: number → the records' raw JSON text.
#[derive(Deserialize)]
struct RawLicenceShard {
    shard: u32,
    licences: BTreeMap<String, Vec<Box<RawValue>>>,
}

#[test]
fn every_licence_is_found_by_number_with_its_record_verbatim() {
    let (meta, info) = meta();
    let sharding = info
        .licences
        .clone()
        .expect("the builder writes the licence look-up");
    assert!(sharding.shards.is_power_of_two());
    let mut shards: BTreeMap<String, (RawLicenceShard, LicenceShard)> = BTreeMap::new();
    let mut found = 0usize;
    for p in &meta.provinces {
        let rel = paths::licences(&p.id);
        let text = fs::read_to_string(common::sample().join(&rel)).expect("licences");
        #[derive(Deserialize)]
        struct Source<'a> {
            #[serde(borrow)]
            licences: Vec<&'a RawValue>,
        }
        let source: Source = serde_json::from_str(&text).expect("licences JSON");
        let decoded = decode::licences(&text, &p.id)
            .expect("decodes")
            .doc
            .licences;
        assert_eq!(source.licences.len(), decoded.len());
        for (raw, licence) in source.licences.iter().zip(&decoded) {
            let path = licence_shard_path(&info, &licence.number).expect("a shard path");
            let (raw_shard, shard) = shards.entry(path.clone()).or_insert_with(|| {
                let text = fs::read_to_string(common::sample().join(&path)).expect("shard");
                (
                    serde_json::from_str(&text).expect("shard JSON"),
                    serde_json::from_str(&text).expect("shard decodes"),
                )
            });
            assert_eq!(
                raw_shard.shard,
                shard_of(&licence.number, sharding.shards),
                "{path}"
            );
            let list = shard
                .licences
                .get(&licence.number)
                .expect("number in shard");
            let raws = raw_shard.licences.get(&licence.number).expect("number");
            let at = list
                .iter()
                .position(|l| l.province_id == p.id)
                .unwrap_or_else(|| panic!("{} of {} not in {path}", licence.number, p.id));
            assert_eq!(&list[at], licence, "{} decodes the same", licence.number);
            assert_eq!(
                raws[at].get(),
                raw.get(),
                "{} copied verbatim",
                licence.number
            );
            found += 1;
        }
    }
    assert!(found > 10_000, "{found} licences");
    // Every shard exists, holds only its own numbers, lists by province, and nothing else.
    let mut total = 0;
    for n in 0..sharding.shards {
        let path = fill(&sharding.path, n);
        let shard: LicenceShard = common::read(&path);
        assert_eq!(shard.shard, n);
        for (number, list) in &shard.licences {
            assert_eq!(shard_of(number, sharding.shards), n, "{number} in {path}");
            assert!(list
                .windows(2)
                .all(|w| w[0].province_id <= w[1].province_id));
            assert!(list.iter().all(|l| &l.number == number));
            total += list.len();
        }
    }
    assert_eq!(total, found, "no licence twice, none invented");
}

#[test]
fn a_number_used_in_two_provinces_lists_both_by_province() {
    let dir = common::temp_dir("repeated-number");
    common::write_sample(&dir);
    let read = |rel: &str| -> serde_json::Value {
        serde_json::from_str(&fs::read_to_string(dir.join(rel)).expect("doc")).expect("JSON")
    };
    let (tehran, alborz) = (paths::licences("IR-23"), paths::licences("IR-30"));
    let number = read(&tehran)["licences"][0]["number"].clone();
    // Alborz (IR-30) re-uses a Tehran (IR-23) number: both are listed, by province id.
    let mut doc = read(&alborz);
    doc["licences"][0]["number"] = number.clone();
    fs::write(dir.join(&alborz), doc.to_string()).expect("rewrite");
    common::index(&dir);
    let meta = decode::meta(&fs::read_to_string(dir.join(paths::META)).expect("meta"))
        .expect("meta decodes")
        .doc;
    let info = usable(&meta).expect("usable");
    let number = number.as_str().expect("a string");
    let path = licence_shard_path(info, number).expect("a licence look-up");
    let text = fs::read_to_string(dir.join(&path)).expect("shard");
    let raw: RawLicenceShard = serde_json::from_str(&text).expect("shard JSON");
    let list = raw.licences.get(number).expect("number in its shard");
    let provinces: Vec<String> = list.iter().map(|r| read_province(r.get())).collect();
    assert_eq!(provinces, ["IR-23", "IR-30"]);
    // The records themselves (byte-exactness is checked on the untouched sample above).
    let value = |text: &str| -> serde_json::Value { serde_json::from_str(text).expect("JSON") };
    assert_eq!(value(list[0].get()), read(&tehran)["licences"][0]);
    assert_eq!(value(list[1].get()), read(&alborz)["licences"][0]);
}

fn read_province(record: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(record).expect("record JSON");
    v["province_id"].as_str().expect("province_id").to_string()
}
