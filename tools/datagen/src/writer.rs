//! Rendering the dataset to compact JSON documents and writing them out.

use std::fs;
use std::path::{Path, PathBuf};

use pishkhan::api::{decode, paths};
use serde::Serialize;

use crate::{Dataset, Error};

/// One document of the API: its path relative to the API root and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub path: String,
    pub bytes: Vec<u8>,
}

fn render_one<T: Serialize>(path: String, value: &T) -> Result<Document, Error> {
    let bytes = serde_json::to_vec(value).map_err(|source| Error::Json {
        what: path.clone(),
        source,
    })?;
    Ok(Document { path, bytes })
}

/// Every document of the dataset as compact JSON, `meta.json` last (it marks a complete write).
pub fn render(dataset: &Dataset) -> Result<Vec<Document>, Error> {
    let mut docs = vec![
        render_one(paths::AGENCIES.to_string(), &dataset.agencies)?,
        render_one(paths::SERVICES.to_string(), &dataset.services)?,
    ];
    for province in &dataset.provinces {
        docs.push(render_one(
            paths::offices(&province.offices.province_id),
            &province.offices,
        )?);
        docs.push(render_one(
            paths::licences(&province.licences.province_id),
            &province.licences,
        )?);
    }
    docs.push(render_one(paths::META.to_string(), &dataset.meta)?);
    Ok(docs)
}

/// Writes the documents under `dir`, in order; returns the bytes written.
pub fn write(dir: &Path, docs: &[Document]) -> Result<u64, Error> {
    let mut total = 0;
    for doc in docs {
        let path = dir.join(&doc.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|source| Error::Io {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        fs::write(&path, &doc.bytes).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        total += doc.bytes.len() as u64;
    }
    Ok(total)
}

/// Whether `dir` already holds a complete dataset of this `dataset_version`: its `meta.json`
/// says so and every document it implies exists.
pub fn is_fresh(dir: &Path, dataset_version: &str) -> bool {
    let Ok(text) = fs::read_to_string(dir.join(paths::META)) else {
        return false;
    };
    let Ok(meta) = decode::meta(&text) else {
        return false;
    };
    if meta.doc.dataset_version != dataset_version || !meta.skipped.is_empty() {
        return false;
    }
    let mut expected: Vec<PathBuf> = vec![dir.join(paths::AGENCIES), dir.join(paths::SERVICES)];
    for p in &meta.doc.provinces {
        expected.push(dir.join(paths::offices(&p.id)));
        expected.push(dir.join(paths::licences(&p.id)));
    }
    expected.iter().all(|p| p.is_file())
}
