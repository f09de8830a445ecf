//! Every generated index document validates against `docs/schemas/index-*.schema.json`, the
//! indexed `meta.json` still validates against `meta.schema.json`, and the schemas reject
//! broken documents.

mod common;

use std::fs;
use std::path::PathBuf;

use jsonschema::Validator;
use serde_json::{json, Value};

fn validator(name: &str) -> Validator {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/schemas")
        .join(format!("{name}.schema.json"));
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::meta::validate(&schema)
        .unwrap_or_else(|e| panic!("{name} is not a valid JSON Schema: {e}"));
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles")
}

fn errors(v: &Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .take(5)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// Which schema an index path is checked against.
fn schema_name(rel: &str) -> &'static str {
    match rel {
        "meta.json" => "meta",
        "index/places.json" => "index-places",
        "index/summary.json" => "index-summary",
        "index/population.json" => "index-population",
        "index/tiles.json" => "index-tiles",
        "index/terms.json" => "index-terms",
        p if p.starts_with("index/tiles/") => "index-tile",
        p if p.starts_with("index/ids/") => "index-ids",
        p if p.starts_with("index/codes/") => "index-codes",
        p if p.starts_with("index/licences/") => "index-licences",
        p if p.starts_with("index/terms/") => "index-term-chunk",
        p if p.starts_with("index/cards/") => "index-cards",
        other => panic!("no schema for {other}"),
    }
}

fn value(rel: &str) -> Value {
    common::read(rel)
}

#[test]
fn every_index_document_and_meta_validate() {
    let names = [
        "meta",
        "index-places",
        "index-population",
        "index-summary",
        "index-tiles",
        "index-terms",
        "index-tile",
        "index-ids",
        "index-codes",
        "index-licences",
        "index-term-chunk",
        "index-cards",
    ];
    let validators: Vec<(&str, Validator)> = names.iter().map(|n| (*n, validator(n))).collect();
    let mut checked = 0;
    for (rel, bytes) in common::files(common::sample()) {
        if rel != "meta.json" && !rel.starts_with("index/") {
            continue;
        }
        let name = schema_name(&rel);
        let (_, v) = validators
            .iter()
            .find(|(n, _)| *n == name)
            .expect("validator");
        let doc: Value = serde_json::from_slice(&bytes).expect("document is JSON");
        let errs = errors(v, &doc);
        assert!(errs.is_empty(), "{rel} fails {name}.schema.json: {errs:#?}");
        checked += 1;
    }
    assert!(checked > 1000, "{checked} documents checked");
    assert!(value("meta.json").get("index").is_some());
}

fn rejects(name: &str, doc: &Value, why: &str) {
    assert!(
        !validator(name).is_valid(doc),
        "{name}.schema.json accepts a document with {why}"
    );
}

#[test]
fn schemas_reject_broken_index_documents() {
    let mut meta = value("meta.json");
    meta["index"]
        .as_object_mut()
        .expect("index")
        .remove("dataset_version");
    rejects("meta", &meta, "an index without dataset_version");
    let mut meta = value("meta.json");
    meta["index"]["ids"]["shards"] = json!(0);
    rejects("meta", &meta, "zero shards");

    let mut tiles = value("index/tiles.json");
    tiles["tree"] = json!("x*?");
    rejects("index-tiles", &tiles, "a bad tree character");

    let manifest: pishkhan::model::TileManifest = common::read("index/tiles.json");
    let tree = pishkhan::domain::index::TileTree::parse(&manifest).expect("tree");
    let first = &tree.leaves()[0].id;
    let mut tile = value(&format!("index/tiles/{first}.json"));
    tile["offices"][0]["location"] = json!({"lat": 95, "lon": 51});
    rejects("index-tile", &tile, "a latitude out of range");

    let mut ids = value("index/ids/0.json");
    let key = ids["ids"]
        .as_object()
        .expect("ids")
        .keys()
        .next()
        .expect("one")
        .clone();
    ids["ids"][&key] = json!({"province_id": "IR-23"});
    rejects("index-ids", &ids, "a reference without tile");

    let mut chunk = value("index/terms/0.json");
    chunk["terms"][0]["o"] = json!([-1, 2]);
    rejects("index-term-chunk", &chunk, "a negative ordinal gap");

    let mut cards = value("index/cards/0.json");
    cards["cards"][0]
        .as_object_mut()
        .expect("card")
        .remove("name_fa");
    rejects("index-cards", &cards, "a card without name_fa");

    let mut summary = value("index/summary.json");
    summary["provinces"][0]["never_activated"] = json!([["2025-01-01", 1]]);
    rejects("index-summary", &summary, "dates instead of day numbers");
    let mut summary = value("index/summary.json");
    summary["provinces"][0]["active_expiry"] = json!([3, 1, -2, 1]);
    rejects("index-summary", &summary, "a negative day delta");
    let mut summary = value("index/summary.json");
    summary["epoch"] = json!("1405/01/01");
    rejects("index-summary", &summary, "a Jalali epoch");
    summary.as_object_mut().expect("summary").remove("epoch");
    rejects("index-summary", &summary, "no epoch");

    let mut meta = value("meta.json");
    meta["index"]["licences"]["shards"] = json!(0);
    rejects("meta", &meta, "zero licence shards");
    let mut meta = value("meta.json");
    meta["index"]
        .as_object_mut()
        .expect("index")
        .remove("licences");
    assert!(
        validator("meta").is_valid(&meta),
        "an index without licences (an older build) is valid"
    );

    let mut shard = value("index/licences/0.json");
    let number = shard["licences"]
        .as_object()
        .expect("licences")
        .keys()
        .next()
        .expect("one")
        .clone();
    shard["licences"][&number][0]["issued_on"] = json!("1401/02/03");
    rejects("index-licences", &shard, "a Jalali issue date");
    shard["licences"][&number] = json!([]);
    rejects("index-licences", &shard, "a number without a licence");

    let mut population = value("index/population.json");
    population["places"][0]["population"] = json!(0);
    rejects("index-population", &population, "a place without people");
    let mut places = value("index/places.json");
    places["places"][0]["offices"] = json!("many");
    rejects("index-places", &places, "a string count");
}
