//! The office search index finds exactly what a scan of every office finds (issue 14: the
//! n-gram index must leave results unchanged). On the sample API (`PISHKHAN_GOLDEN_SAMPLE`, else
//! `public/api/v1` when a build made it; skipped with a note when there is none): every prefix
//! of a set of queries (Persian, Arabic letters, English, codes, several words), on every
//! province and on the whole country at once, against `Query::matches_compact` on each
//! office's fields.

use std::path::PathBuf;

use pishkhan::api::decode;
use pishkhan::domain::normalize::{fold_compact, Query};
use pishkhan::domain::search::{searched_fields, OfficeIndex};
use pishkhan::model::{Meta, Office};

const QUERIES: &[&str] = &[
    "كرج",
    "تهران خیابان",
    "10451",
    "پیشخوان ولیعصر",
    "karaj",
    "ولی عصر",
    "دفتر پیشخوان خدمات دولت",
    "خیابان آزادی کوچه",
    "Government Services Office",
    "۲۱۸۳۸",
    "IR",
    "ییی",
    "ناناپیدا",
];

fn sample_dir() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::var_os("PISHKHAN_GOLDEN_SAMPLE")
        .map(|d| root.join(d))
        .unwrap_or_else(|| root.join("public/api/v1"));
    if dir.join("meta.json").is_file() {
        Some(dir)
    } else {
        eprintln!("search: not checked: no {}", dir.display());
        None
    }
}

/// Each office's searched fields, folded and compacted.
fn keys(offices: &[Office]) -> Vec<Vec<String>> {
    offices
        .iter()
        .map(|o| searched_fields(o).iter().map(|f| fold_compact(f)).collect())
        .collect()
}

/// What a scan finds: the offices one of whose fields holds every word.
fn scan(keys: &[Vec<String>], query: &Query) -> Vec<usize> {
    (0..keys.len())
        .filter(|&i| query.words().all(|w| keys[i].iter().any(|k| k.contains(w))))
        .collect()
}

fn check(offices: &[Office], what: &str) -> usize {
    let index = OfficeIndex::new(offices);
    let keys = keys(offices);
    let mut found = 0;
    for q in QUERIES {
        let chars: Vec<char> = q.chars().collect();
        for end in 1..=chars.len() {
            let typed: String = chars[..end].iter().collect();
            let query = Query::new(&typed);
            let hits = index.matching(&query);
            assert_eq!(hits, scan(&keys, &query), "{what}: «{typed}»");
            found += hits.len();
        }
    }
    found
}

#[test]
fn the_index_finds_what_a_scan_finds_on_the_sample() {
    let Some(dir) = sample_dir() else { return };
    let read = |rel: &str| std::fs::read_to_string(dir.join(rel)).expect("readable");
    let meta: Meta = serde_json::from_str(&read("meta.json")).expect("meta");
    let mut all = Vec::new();
    for p in &meta.provinces {
        let text = read(&format!("provinces/{}/offices.json", p.id));
        let offices = decode::offices(&text, &p.id)
            .expect("the sample decodes")
            .doc
            .offices;
        check(&offices, &p.id);
        all.extend(offices);
    }
    // The whole country in one index: the commonest pairs' lists are dense there.
    let found = check(&all, "all provinces");
    assert!(found > all.len(), "the queries find offices ({found})");
}
