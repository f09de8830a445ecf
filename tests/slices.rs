//! The documents read in slices (issue 14) are the documents read at once: every province's
//! offices document and every tile of the sample API (`PISHKHAN_GOLDEN_SAMPLE`, else
//! `public/api/v1` when a build made it; skipped with a note when there is none), decoded by
//! `api::decode::{offices_sliced, tile_sliced}` a few records per step and by the one-shot
//! decoders, and each province's search index built in slices and at once.
//! `PISHKHAN_SLICES_SAMPLE=bench-data/x10/api/v1` runs it on the ×10 benchmark data.

use std::path::PathBuf;

use pishkhan::api::decode;
use pishkhan::domain::normalize::Query;
use pishkhan::domain::search::OfficeIndex;
use pishkhan::domain::slices::{Sliced, Units};
use pishkhan::model::Meta;

fn sample_dir() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = ["PISHKHAN_SLICES_SAMPLE", "PISHKHAN_GOLDEN_SAMPLE"]
        .iter()
        .find_map(std::env::var_os)
        .map(|d| root.join(d))
        .unwrap_or_else(|| root.join("public/api/v1"));
    if dir.join("meta.json").is_file() {
        Some(dir)
    } else {
        eprintln!("slices: not checked: no {}", dir.display());
        None
    }
}

/// Runs a sliced job a few units per step; the number of steps it took.
fn in_steps<S: Sliced>(mut job: S, per_step: usize) -> (S::Output, usize) {
    let mut steps = 1;
    while !job.step(&mut Units(per_step)) {
        steps += 1;
    }
    (job.finish(), steps)
}

#[test]
fn sample_documents_read_in_slices_equal_the_documents_read_at_once() {
    let Some(dir) = sample_dir() else { return };
    let read = |rel: &str| std::fs::read_to_string(dir.join(rel)).expect("readable");
    let meta: Meta = serde_json::from_str(&read("meta.json")).expect("meta");
    assert!(!meta.provinces.is_empty());
    for p in &meta.provinces {
        let text = read(&format!("provinces/{}/offices.json", p.id));
        let at_once = decode::offices(&text, &p.id).expect("the sample decodes");
        let (sliced, steps) = in_steps(decode::offices_sliced(&text, &p.id), 64);
        assert_eq!(sliced.as_ref(), Ok(&at_once), "{}", p.id);
        assert!(
            steps >= at_once.doc.offices.len() / 64,
            "{}: {steps} steps",
            p.id
        );
        let offices = &at_once.doc.offices;
        let (index, _) = in_steps(OfficeIndex::builder(offices), 50);
        let whole = OfficeIndex::new(offices);
        assert_eq!(index.len(), offices.len());
        for q in ["", "پیشخوان", "تهران آزادی", "10", "office"] {
            let q = Query::new(q);
            assert_eq!(index.matching(&q), whole.matching(&q), "{}", p.id);
        }
    }
    let tiles = dir.join("index/tiles");
    if let Ok(entries) = std::fs::read_dir(&tiles) {
        for entry in entries.flatten().take(200) {
            let name = entry.file_name().to_string_lossy().to_string();
            let Some(id) = name.strip_suffix(".json") else {
                continue;
            };
            let text = std::fs::read_to_string(entry.path()).expect("readable");
            let (sliced, _) = in_steps(decode::tile_sliced(&text, id), 7);
            assert_eq!(sliced, decode::tile(&text, id), "{name}");
        }
    }
}
