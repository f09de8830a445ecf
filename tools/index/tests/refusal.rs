//! Broken input is refused with the file and the record named, and the command exits non-zero.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use pishkhan_index::{build_all, Params};
use serde_json::{json, Value};

/// A small valid v1 folder: the sample's meta, services and two provinces (IR-30, IR-20).
fn fixture(name: &str) -> PathBuf {
    let full = common::temp_dir(&format!("{name}-full"));
    common::write_sample(&full);
    let dir = common::temp_dir(name);
    let mut meta: Value = read(&full, "meta.json");
    let keep = ["IR-20", "IR-30"];
    meta["provinces"] = Value::Array(
        meta["provinces"]
            .as_array()
            .expect("provinces")
            .iter()
            .filter(|p| keep.contains(&p["id"].as_str().unwrap_or("")))
            .cloned()
            .collect(),
    );
    write(&dir, "meta.json", &meta);
    for rel in ["services.json", "agencies.json"] {
        fs::copy(full.join(rel), dir.join(rel)).expect("copy");
    }
    for id in keep {
        for doc in ["offices", "licences"] {
            let rel = format!("provinces/{id}/{doc}.json");
            fs::create_dir_all(dir.join(format!("provinces/{id}"))).expect("mkdir");
            fs::copy(full.join(&rel), dir.join(&rel)).expect("copy");
        }
    }
    let _ = fs::remove_dir_all(&full);
    dir
}

fn read(dir: &Path, rel: &str) -> Value {
    serde_json::from_str(&fs::read_to_string(dir.join(rel)).expect("readable")).expect("JSON")
}

fn write(dir: &Path, rel: &str, value: &Value) {
    fs::write(
        dir.join(rel),
        serde_json::to_vec(value).expect("serialises"),
    )
    .expect("writes");
}

fn refusal(dir: &Path) -> String {
    match build_all(dir, &Params::default(), &[]) {
        Ok(_) => panic!("{} was accepted", dir.display()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn the_fixture_is_accepted() {
    let dir = fixture("ok");
    let docs = build_all(&dir, &Params::default(), &[]).expect("valid input builds");
    assert!(docs.iter().any(|d| d.path == "meta.json"));
}

#[test]
fn a_record_breaking_the_contract_is_named() {
    let dir = fixture("lat");
    let rel = "provinces/IR-30/offices.json";
    let mut doc = read(&dir, rel);
    doc["offices"][17]["location"] = json!({"lat": 95, "lon": 51.0});
    doc["offices"][17]["id"] = json!("x");
    write(&dir, rel, &doc);
    assert_eq!(
        refusal(&dir),
        "provinces/IR-30/offices.json: offices[17] (id \"x\"): location.lat 95 out of range"
    );

    let dir = fixture("kind");
    let mut doc = read(&dir, rel);
    doc["offices"][3]
        .as_object_mut()
        .expect("object")
        .remove("name_fa");
    let id = doc["offices"][3]["id"].as_str().expect("id").to_string();
    write(&dir, rel, &doc);
    let msg = refusal(&dir);
    assert!(
        msg.starts_with(&format!(
            "{rel}: offices[3] (id \"{id}\"): missing field `name_fa`"
        )),
        "{msg}"
    );

    let dir = fixture("licence");
    let rel = "provinces/IR-20/licences.json";
    let mut doc = read(&dir, rel);
    doc["licences"][2]["issued_on"] = json!("1405/01/01");
    write(&dir, rel, &doc);
    let msg = refusal(&dir);
    assert!(
        msg.starts_with(&format!("{rel}: licences[2] (number ")),
        "{msg}"
    );
    assert!(msg.contains("1405/01/01"), "{msg}");

    let dir = fixture("dup");
    let rel = "provinces/IR-30/offices.json";
    let mut doc = read(&dir, rel);
    let first = doc["offices"][0]["id"].clone();
    doc["offices"][5]["id"] = first;
    write(&dir, rel, &doc);
    let msg = refusal(&dir);
    assert!(
        msg.contains("offices[5]") && msg.contains("already used"),
        "{msg}"
    );

    let dir = fixture("envelope");
    let mut doc = read(&dir, rel);
    doc["province_id"] = json!("IR-20");
    write(&dir, rel, &doc);
    assert!(refusal(&dir).starts_with(rel));
}

#[test]
fn opaque_identifiers_are_accepted() {
    let dir = fixture("opaque");
    let rel = "provinces/IR-30/offices.json";
    let mut doc = read(&dir, rel);
    doc["offices"][0]["id"] = json!("دفتر/۱ ?#x");
    doc["offices"][0]["code"] = json!("A-17/b");
    doc["offices"][1]["code"] = doc["offices"][2]["code"].clone();
    write(&dir, rel, &doc);
    build_all(&dir, &Params::default(), &[]).expect("odd but valid identifiers");
}

#[test]
fn bad_json_and_missing_documents_are_named() {
    let dir = fixture("json");
    fs::write(
        dir.join("provinces/IR-20/offices.json"),
        "{\"province_id\":",
    )
    .expect("w");
    let msg = refusal(&dir);
    assert!(msg.starts_with("provinces/IR-20/offices.json: "), "{msg}");

    let dir = fixture("missing");
    fs::remove_file(dir.join("provinces/IR-30/licences.json")).expect("rm");
    let msg = refusal(&dir);
    assert!(
        msg.starts_with("provinces/IR-30/licences.json: cannot read"),
        "{msg}"
    );

    let dir = fixture("meta");
    let mut meta = read(&dir, "meta.json");
    meta["schema_version"] = json!(2);
    write(&dir, "meta.json", &meta);
    assert!(refusal(&dir).starts_with("meta.json: schema_version 2"));

    let dir = fixture("services");
    let mut s = read(&dir, "services.json");
    s["services"][4]["channels"] = json!([]);
    write(&dir, "services.json", &s);
    let msg = refusal(&dir);
    assert!(msg.starts_with("services.json: services[4] (id "), "{msg}");
}

#[test]
fn the_command_exits_non_zero_naming_the_record() {
    let dir = fixture("cli");
    let rel = "provinces/IR-30/offices.json";
    let mut doc = read(&dir, rel);
    doc["offices"][17]["location"] = json!({"lat": 35.0, "lon": 200});
    write(&dir, rel, &doc);
    let out = Command::new(env!("CARGO_BIN_EXE_pishkhan-index"))
        .arg(&dir)
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("provinces/IR-30/offices.json: offices[17] (id ")
            && stderr.contains("location.lon 200 out of range"),
        "{stderr}"
    );
    assert!(!dir.join("index").exists(), "nothing written on refusal");
    // meta.json untouched.
    assert!(read(&dir, "meta.json").get("index").is_none());
}
