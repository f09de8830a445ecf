//! Shared fixtures: the sample dataset (datagen, scale 1, seed 42) with its index, written
//! once per test binary.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use pishkhan_datagen::inputs::Inputs;
use pishkhan_datagen::writer;
use pishkhan_datagen::{generate, Options};
use pishkhan_index::{build_all, load_gazetteer, write, Params};
use serde::de::DeserializeOwned;

/// A fresh directory under cargo's test temp dir, unique to this test binary.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("index-{}", env!("CARGO_CRATE_NAME")))
        .join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Writes the sample v1 dataset (no index) into `dir`.
pub fn write_sample(dir: &Path) {
    let inputs = Inputs::load().expect("inputs load");
    let dataset = generate(&inputs, &Options::default()).expect("dataset generates");
    writer::write(dir, &writer::render(&dataset).expect("renders")).expect("writes");
}

/// `tools/datagen/data/cities.json`.
pub fn cities_file() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../datagen/data/cities.json")
}

/// Builds the index of `dir` in place, as the command does.
pub fn index(dir: &Path) {
    let gazetteer = load_gazetteer(&cities_file()).expect("gazetteer");
    let docs = build_all(dir, &Params::default(), &gazetteer).expect("index builds");
    write(dir, &docs).expect("index writes");
}

/// The sample with its index, built once per test binary.
pub fn sample() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = temp_dir("sample");
        write_sample(&dir);
        index(&dir);
        dir
    })
}

/// A document of the indexed sample, decoded.
pub fn read<T: DeserializeOwned>(rel: &str) -> T {
    let path = sample().join(rel);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Every file under `dir`, relative path → bytes, sorted.
pub fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).expect("readable dir") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .expect("inside dir")
                    .to_string_lossy()
                    .into_owned();
                out.push((rel, fs::read(&path).expect("readable file")));
            }
        }
    }
    out.sort();
    out
}

/// Copies a directory tree.
pub fn copy_tree(from: &Path, to: &Path) {
    for (rel, bytes) in files(from) {
        let path = to.join(rel);
        fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
        fs::write(path, bytes).expect("copy");
    }
}
