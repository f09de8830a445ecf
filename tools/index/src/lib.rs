//! `pishkhan-index`: builds the optional index layer of a v1 API folder (`docs/api.md`,
//! "Index documents (optional)") — places, tiles, id, code and licence look-ups, term chunks,
//! cards and the dashboard summary — and announces it in `meta.json` → `index`.
//!
//! The query side (shards, tokens, tiles) is `pishkhan::domain::index`, shared with the app.
//! Output is deterministic: the same input folder gives byte-identical documents.

pub mod build;
pub mod input;

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use pishkhan::api::paths;
use pishkhan::model::{IndexInfo, INDEX_FORMAT};
use serde::de::{MapAccess, Visitor};
use serde::Deserializer;
use serde_json::value::RawValue;

pub use build::GazetteerCity;

/// A refusal or failure, naming the file (relative to the API folder) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub file: String,
    pub message: String,
}

impl Error {
    pub fn at(file: &str, message: impl fmt::Display) -> Error {
        Error {
            file: file.to_string(),
            message: message.to_string(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

impl std::error::Error for Error {}

/// One output document: path relative to the output folder, and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Sizes of the index documents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Params {
    /// A tile is split while it holds more offices than this.
    pub max_per_tile: usize,
    /// Look-up shards: a power of two, so that a shard holds at most about this many ids.
    pub ids_per_shard: usize,
    /// Licence look-up shards: a power of two, so that a shard holds at most about this many
    /// licence numbers. Smaller than `ids_per_shard`: a licence entry is its full record
    /// (~640 bytes), not a reference, and at 256 a shard (~140 KB) would be larger than
    /// half the provinces' whole `licences.json`.
    pub licences_per_shard: usize,
    /// Cards per card page.
    pub cards_per_page: usize,
    /// A term chunk is closed once it reaches about this many bytes.
    pub chunk_bytes: usize,
    /// A term in more than `max(offices / common_divisor, common_min)` offices keeps no
    /// office postings.
    pub common_divisor: usize,
    pub common_min: usize,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            max_per_tile: 48,
            ids_per_shard: 256,
            licences_per_shard: 64,
            cards_per_page: 96,
            chunk_bytes: 20_000,
            common_divisor: 20,
            common_min: 200,
        }
    }
}

/// What one build wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub documents: usize,
    pub bytes: u64,
    pub largest: (String, u64),
}

/// `meta.json`'s top-level members in document order, each as its raw JSON text.
struct Members(Vec<(String, Box<RawValue>)>);

impl<'de> serde::Deserialize<'de> for Members {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Members;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Box<RawValue>>()? {
                    out.push((k, v));
                }
                Ok(Members(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// `meta.json` with its `index` member set to `info`, every other member kept as it was
/// (same order, same text).
pub fn with_index(meta_text: &str, info: &IndexInfo) -> Result<Vec<u8>, Error> {
    let Members(members) =
        serde_json::from_str(meta_text).map_err(|e| Error::at(paths::META, e))?;
    let mut out = String::with_capacity(meta_text.len() + 512);
    out.push('{');
    for (k, v) in members.iter().filter(|(k, _)| k != "index") {
        if out.len() > 1 {
            out.push(',');
        }
        out.push_str(&serde_json::to_string(k).map_err(|e| Error::at(paths::META, e))?);
        out.push(':');
        out.push_str(v.get());
    }
    if out.len() > 1 {
        out.push(',');
    }
    out.push_str("\"index\":");
    out.push_str(&serde_json::to_string(info).map_err(|e| Error::at(paths::META, e))?);
    out.push('}');
    Ok(out.into_bytes())
}

/// Reads a `--places-population` gazetteer: `{"cities":[{name_en, names_fa, lat, lon,
/// population}]}`.
pub fn load_gazetteer(path: &Path) -> Result<Vec<GazetteerCity>, Error> {
    #[derive(serde::Deserialize)]
    struct Doc {
        cities: Vec<GazetteerCity>,
    }
    let name = path.display().to_string();
    let text = fs::read_to_string(path).map_err(|e| Error::at(&name, e))?;
    let doc: Doc = serde_json::from_str(&text).map_err(|e| Error::at(&name, e))?;
    Ok(doc.cities)
}

/// Builds every document of the index of `api_dir`, `meta.json` (with `index`) last.
pub fn build_all(
    api_dir: &Path,
    params: &Params,
    gazetteer: &[GazetteerCity],
) -> Result<Vec<Document>, Error> {
    let input = input::load(api_dir)?;
    let (mut docs, info) = build::build(&input, params, gazetteer)?;
    docs.push(Document {
        path: paths::META.into(),
        bytes: with_index(&input.meta_text, &info)?,
    });
    Ok(docs)
}

/// Writes the documents under `out`: the old `index/` folder is removed first (no stale
/// tiles), `meta.json` is written last.
pub fn write(out: &Path, docs: &[Document]) -> Result<Report, Error> {
    let io = |p: &Path, e: std::io::Error| Error::at(&p.display().to_string(), e);
    let index_dir = out.join("index");
    if index_dir.exists() {
        fs::remove_dir_all(&index_dir).map_err(|e| io(&index_dir, e))?;
    }
    let mut report = Report {
        documents: 0,
        bytes: 0,
        largest: (String::new(), 0),
    };
    for doc in docs {
        let path: PathBuf = out.join(&doc.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        fs::write(&path, &doc.bytes).map_err(|e| io(&path, e))?;
        let n = doc.bytes.len() as u64;
        report.documents += 1;
        report.bytes += n;
        if n > report.largest.1 && doc.path != paths::META {
            report.largest = (doc.path.clone(), n);
        }
    }
    Ok(report)
}

/// Whether `dir` already has an index of its current dataset: `meta.json` → `index` of a
/// known format with the same `dataset_version`, written by this builder (it has the licence
/// look-up, which came with the summary's day-number lists, so an index of format 1 from
/// before them is rebuilt), and its top-level documents present.
pub fn is_fresh(dir: &Path) -> bool {
    let Ok(text) = fs::read_to_string(dir.join(paths::META)) else {
        return false;
    };
    let Ok(meta) = pishkhan::api::decode::meta(&text) else {
        return false;
    };
    let Some(info) = pishkhan::domain::index::usable(&meta.doc) else {
        return false;
    };
    info.format == INDEX_FORMAT
        && info.licences.is_some()
        && [&info.places, &info.summary, &info.tiles, &info.terms]
            .iter()
            .all(|p| dir.join(p).is_file())
}
