//! Every generated document validates against `docs/schemas/`, and the schemas are strict
//! enough to reject broken documents.

mod common;

use std::fs;

use jsonschema::Validator;
use serde_json::{json, Value};

fn validator(name: &str) -> Validator {
    let path = common::schema_dir().join(format!("{name}.schema.json"));
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::meta::validate(&schema)
        .unwrap_or_else(|e| panic!("{name} is not a valid JSON Schema: {e}"));
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles")
}

fn errors(validator: &Validator, doc: &Value) -> Vec<String> {
    validator
        .iter_errors(doc)
        .take(5)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn every_document_validates() {
    let names = ["meta", "agencies", "services", "offices", "licences"];
    let validators: Vec<(&str, Validator)> = names.iter().map(|n| (*n, validator(n))).collect();
    for doc in common::documents() {
        let name = common::schema_name(&doc.path);
        let (_, v) = validators
            .iter()
            .find(|(n, _)| *n == name)
            .expect("validator");
        let value: Value = serde_json::from_slice(&doc.bytes).expect("document is JSON");
        let errs = errors(v, &value);
        assert!(
            errs.is_empty(),
            "{} fails {name}.schema.json: {errs:#?}",
            doc.path
        );
    }
}

/// The first record of a document's list, to break in different ways.
fn sample(path: &str, list: &str) -> (Value, Value) {
    let doc: Value = serde_json::from_str(common::text(path)).expect("JSON");
    let record = doc[list][0].clone();
    (doc, record)
}

fn with_record(mut doc: Value, list: &str, record: Value) -> Value {
    doc[list] = json!([record]);
    doc
}

/// A way to break a record.
type Breakage = fn(&mut Value);

fn remove(value: &mut Value, key: &str) {
    value.as_object_mut().expect("an object").remove(key);
}

fn assert_rejects(name: &str, doc: &Value, why: &str) {
    assert!(
        !validator(name).is_valid(doc),
        "{name}.schema.json accepts a document with {why}"
    );
}

#[test]
fn schemas_accept_extra_fields() {
    let (doc, mut office) = sample("provinces/IR-23/offices.json", "offices");
    office["future_field"] = json!({"x": 1});
    assert!(validator("offices").is_valid(&with_record(doc, "offices", office)));
}

#[test]
fn office_schema_rejects_broken_offices() {
    let (doc, office) = sample("provinces/IR-23/offices.json", "offices");
    let broken: [(&str, Breakage); 10] = [
        ("no name_fa", |o| remove(o, "name_fa")),
        ("no status", |o| remove(o, "status")),
        ("a numeric code", |o| o["code"] = json!(10451)),
        ("an unknown kind", |o| o["kind"] = json!("kiosk")),
        ("a bad time", |o| {
            o["hours"] = json!({"sat": [{"open": "7:30", "close": "14:00"}]})
        }),
        ("a string location", |o| o["location"] = json!("35.7,51.4")),
        ("latitude out of range", |o| {
            o["location"] = json!({"lat": 135.7, "lon": 51.4})
        }),
        ("a bad date", |o| o["updated_at"] = json!("1405/08/29")),
        ("services not a list", |o| {
            o["services"] = json!("smart-id-card")
        }),
        ("a 9-digit postal code", |o| {
            o["postal_code"] = json!("131234567")
        }),
    ];
    for (why, breaks) in broken {
        let mut o = office.clone();
        breaks(&mut o);
        assert_rejects("offices", &with_record(doc.clone(), "offices", o), why);
    }
    let mut no_envelope = doc.clone();
    no_envelope
        .as_object_mut()
        .expect("object")
        .remove("province_id");
    assert_rejects("offices", &no_envelope, "no province_id");
}

#[test]
fn other_schemas_reject_broken_documents() {
    let (doc, licence) = sample("provinces/IR-23/licences.json", "licences");
    let mut l = licence.clone();
    l["status"] = json!(3);
    assert_rejects(
        "licences",
        &with_record(doc.clone(), "licences", l),
        "a numeric status",
    );
    let mut l = licence.clone();
    remove(&mut l, "issued_on");
    assert_rejects(
        "licences",
        &with_record(doc.clone(), "licences", l),
        "no issued_on",
    );
    let mut l = licence;
    l["inspections"] = json!([{"on": "2026-01-01", "grade": "E", "note_fa": null}]);
    assert_rejects("licences", &with_record(doc, "licences", l), "grade E");

    let (doc, service) = sample("services.json", "services");
    let mut s = service.clone();
    s["channels"] = json!([]);
    assert_rejects(
        "services",
        &with_record(doc.clone(), "services", s),
        "no channels",
    );
    let mut s = service.clone();
    s["fee_rials"] = json!("1,450,000");
    assert_rejects(
        "services",
        &with_record(doc.clone(), "services", s),
        "a string fee",
    );
    let mut s = service;
    remove(&mut s, "agency_id");
    assert_rejects("services", &with_record(doc, "services", s), "no agency_id");

    let (doc, agency) = sample("agencies.json", "agencies");
    let mut a = agency;
    a["name_en"] = json!(null);
    assert_rejects(
        "agencies",
        &with_record(doc, "agencies", a),
        "a null name_en",
    );

    let mut meta: Value = serde_json::from_str(common::text("meta.json")).expect("JSON");
    meta["schema_version"] = json!(2);
    assert_rejects("meta", &meta, "schema_version 2");
    let mut meta: Value = serde_json::from_str(common::text("meta.json")).expect("JSON");
    meta["provinces"][0]
        .as_object_mut()
        .expect("object")
        .remove("centroid");
    assert_rejects("meta", &meta, "a province without centroid");
    let mut meta: Value = serde_json::from_str(common::text("meta.json")).expect("JSON");
    meta["generated_at"] = json!("2026-11-20 08:00");
    assert_rejects("meta", &meta, "a non-RFC 3339 generated_at");
}
