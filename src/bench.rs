//! Hooks for the benchmark (`scripts/bench.sh`): the page's own search, callable from the
//! benchmark script through `window.wasmBindings`, so search latency is measured inside the
//! page on the real code path, and memory use can be read.

use leptos::wasm_split::SplitLoaderError;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::decode;
use crate::domain::normalize::Query;
use crate::domain::search::OfficeIndex;
use crate::model::Office;

/// What the benchmark drives: the finder's decoding and search. It lives in a lazily loaded
/// module (like the finder itself), so the benchmark's hooks cost `/` nothing.
trait Bench {
    fn add_document(&mut self, province_id: &str, text: &str) -> Result<usize, String>;
    fn build(&mut self);
    fn len(&self) -> usize;
    fn search(&self, raw_query: &str) -> usize;
}

/// Offices loaded for a search benchmark, with the same index the finder builds.
#[derive(Default)]
struct OfficeBench {
    offices: Vec<Office>,
    index: OfficeIndex,
}

impl Bench for OfficeBench {
    fn add_document(&mut self, province_id: &str, text: &str) -> Result<usize, String> {
        let doc = decode::offices(text, province_id).map_err(|e| e.to_string())?;
        let n = doc.doc.offices.len();
        self.offices.extend(doc.doc.offices);
        Ok(n)
    }

    fn build(&mut self) {
        self.index = OfficeIndex::new(&self.offices);
    }

    fn len(&self) -> usize {
        self.index.len()
    }

    fn search(&self, raw_query: &str) -> usize {
        self.index.matching(&Query::new(raw_query)).len()
    }
}

#[leptos::wasm_split::wasm_split(split_bench, wasm_split_path = ::leptos::wasm_split, fallible)]
fn office_bench() -> Result<Box<dyn Bench>, SplitLoaderError> {
    Ok(Box::<OfficeBench>::default())
}

/// A search benchmark: `const bench = await wasmBindings.search_bench()`.
#[wasm_bindgen]
pub async fn search_bench() -> Result<SearchBench, JsError> {
    let inner = office_bench()
        .await
        .map_err(|e| JsError::new(&e.to_string()))?;
    Ok(SearchBench { inner })
}

/// Offices loaded for a search benchmark (from [`search_bench`]).
#[wasm_bindgen]
pub struct SearchBench {
    inner: Box<dyn Bench>,
}

#[wasm_bindgen]
impl SearchBench {
    /// Decodes one `offices.json` document (as the API client does) and adds its offices;
    /// returns how many were added.
    pub fn add_document(&mut self, province_id: &str, text: &str) -> Result<usize, JsError> {
        self.inner
            .add_document(province_id, text)
            .map_err(|e| JsError::new(&e))
    }

    /// Builds the search index over everything added.
    pub fn build(&mut self) {
        self.inner.build();
    }

    /// Number of offices indexed.
    pub fn len(&self) -> usize {
        self.inner.len()
    }

    /// Whether nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.inner.len() == 0
    }

    /// One keystroke: normalise the query and filter every office; returns the match count.
    pub fn search(&self, raw_query: &str) -> usize {
        self.inner.search(raw_query)
    }
}

/// Current size of the WebAssembly linear memory, in bytes.
#[wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .ok()
        .and_then(|m| m.buffer().dyn_into::<js_sys::ArrayBuffer>().ok())
        .map(|b| f64::from(b.byte_length()))
        .unwrap_or(0.0)
}
