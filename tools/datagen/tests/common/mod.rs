//! Shared fixtures: the default dataset, generated once per test binary.

#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use pishkhan_datagen::inputs::Inputs;
use pishkhan_datagen::writer::{render, Document};
use pishkhan_datagen::{generate, Dataset, Options};

/// The default (`--scale 1`, seed 42) dataset.
pub fn dataset() -> &'static Dataset {
    static DATASET: OnceLock<Dataset> = OnceLock::new();
    DATASET.get_or_init(|| {
        let inputs = Inputs::load().expect("inputs load");
        generate(&inputs, &Options::default()).expect("dataset generates")
    })
}

/// The default dataset rendered to documents.
pub fn documents() -> &'static [Document] {
    static DOCS: OnceLock<Vec<Document>> = OnceLock::new();
    DOCS.get_or_init(|| render(dataset()).expect("dataset renders"))
}

/// The text of the document at `path`.
pub fn text(path: &str) -> &'static str {
    let doc = documents()
        .iter()
        .find(|d| d.path == path)
        .unwrap_or_else(|| panic!("no document {path}"));
    std::str::from_utf8(&doc.bytes).expect("documents are UTF-8")
}

/// `docs/schemas/` of the workspace.
pub fn schema_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/schemas")
}

/// Which schema a document path is checked against.
pub fn schema_name(path: &str) -> &'static str {
    match path {
        "meta.json" => "meta",
        "agencies.json" => "agencies",
        "services.json" => "services",
        p if p.ends_with("/offices.json") => "offices",
        p if p.ends_with("/licences.json") => "licences",
        other => panic!("no schema for {other}"),
    }
}
