//! Same input, same bytes; the command line writes, reports and skips when up to date.

mod common;

use std::fs;
use std::process::Command;

use pishkhan::api::decode;
use pishkhan::domain::index::usable;
use pishkhan_datagen::writer::is_fresh;
use pishkhan_datagen::Options;

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pishkhan-index"))
        .args(args)
        .output()
        .expect("binary runs")
}

#[test]
fn two_runs_write_identical_trees() {
    let input = common::temp_dir("input");
    common::write_sample(&input);
    let (a, b) = (common::temp_dir("a"), common::temp_dir("b"));
    let cities = common::cities_file();
    for out in [&a, &b] {
        let o = run(&[
            input.to_str().expect("utf-8"),
            "--out",
            out.to_str().expect("utf-8"),
            "--places-population",
            cities.to_str().expect("utf-8"),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let stdout = String::from_utf8_lossy(&o.stdout);
        assert!(
            stdout.contains("documents") && stdout.contains("largest index/"),
            "{stdout}"
        );
    }
    let (fa, fb) = (common::files(&a), common::files(&b));
    assert!(fa.len() > 100, "{} files", fa.len());
    assert_eq!(
        fa.iter().map(|f| &f.0).collect::<Vec<_>>(),
        fb.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for ((name, x), (_, y)) in fa.iter().zip(&fb) {
        assert!(x == y, "{name} differs between two runs");
    }
    // --out leaves the input alone.
    assert!(!input.join("index").exists());
    // Indexing an indexed folder again gives the same bytes (meta.json's old index replaced).
    let indexed = common::temp_dir("indexed");
    common::copy_tree(&input, &indexed);
    common::copy_tree(&a, &indexed);
    let c = common::temp_dir("c");
    let o = run(&[
        indexed.to_str().expect("utf-8"),
        "--out",
        c.to_str().expect("utf-8"),
        "--places-population",
        cities.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(common::files(&c), fa);
}

#[test]
fn meta_keeps_every_other_member_and_datagen_stays_fresh() {
    let dir = common::temp_dir("meta");
    common::write_sample(&dir);
    let before = fs::read_to_string(dir.join("meta.json")).expect("meta");
    common::index(&dir);
    let after = fs::read_to_string(dir.join("meta.json")).expect("meta");
    // Same text up to the final brace, then the index member.
    let stem = before.strip_suffix('}').expect("an object");
    assert!(after.starts_with(stem), "other members changed");
    assert!(after[stem.len()..].starts_with(",\"index\":{"));
    let meta = decode::meta(&after).expect("meta decodes");
    assert!(usable(&meta.doc).is_some());
    // datagen --if-stale still sees its own output as current.
    assert!(is_fresh(&dir, &Options::default().dataset_version()));
    // And pishkhan-index --if-stale skips.
    let o = run(&[dir.to_str().expect("utf-8"), "--if-stale"]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("up to date"));
    // An index from before the licence look-up (and the day-number summary) is stale.
    let mut old: serde_json::Value = serde_json::from_str(&after).expect("meta JSON");
    old["index"]
        .as_object_mut()
        .expect("index")
        .remove("licences");
    fs::write(dir.join("meta.json"), old.to_string()).expect("rewrite");
    assert!(!pishkhan_index::is_fresh(&dir));
    fs::write(dir.join("meta.json"), &after).expect("rewrite");
    assert!(pishkhan_index::is_fresh(&dir));
    // Datagen rewriting meta.json (no index) makes the index stale again.
    fs::write(dir.join("meta.json"), &before).expect("rewrite");
    assert!(!pishkhan_index::is_fresh(&dir));
    let o = run(&[dir.to_str().expect("utf-8"), "--if-stale"]);
    assert!(o.status.success());
    assert!(!String::from_utf8_lossy(&o.stdout).contains("up to date"));
    assert!(pishkhan_index::is_fresh(&dir));
}

#[test]
fn a_rebuild_leaves_no_stale_documents() {
    let dir = common::temp_dir("stale");
    common::write_sample(&dir);
    common::index(&dir);
    let junk = dir.join("index/tiles/t999.json");
    fs::write(&junk, "{}").expect("junk");
    common::index(&dir);
    assert!(!junk.exists(), "old index documents are removed");
}

#[test]
fn usage_errors_exit_non_zero() {
    assert!(!run(&[]).status.success());
    assert!(!run(&["a", "b"]).status.success());
    assert!(!run(&["--bogus"]).status.success());
    assert!(run(&["--help"]).status.success());
}
