//! Hooks for the benchmark (`scripts/bench.sh`): the page's own search, callable from the
//! benchmark script through `window.wasmBindings`, so search latency is measured inside the
//! page on the real code path, and memory use can be read.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::decode;
use crate::domain::normalize::Query;
use crate::domain::search::OfficeIndex;
use crate::model::Office;

/// Offices loaded for a search benchmark, with the same index the finder builds.
#[wasm_bindgen]
pub struct SearchBench {
    offices: Vec<Office>,
    index: OfficeIndex,
}

#[wasm_bindgen]
impl SearchBench {
    /// An empty benchmark.
    #[wasm_bindgen(constructor)]
    pub fn new() -> SearchBench {
        SearchBench {
            offices: Vec::new(),
            index: OfficeIndex::default(),
        }
    }

    /// Decodes one `offices.json` document (as the API client does) and adds its offices;
    /// returns how many were added.
    pub fn add_document(&mut self, province_id: &str, text: &str) -> Result<usize, JsError> {
        let doc = decode::offices(text, province_id).map_err(|e| JsError::new(&e.to_string()))?;
        let n = doc.doc.offices.len();
        self.offices.extend(doc.doc.offices);
        Ok(n)
    }

    /// Builds the search index over everything added.
    pub fn build(&mut self) {
        self.index = OfficeIndex::new(&self.offices);
    }

    /// Number of offices indexed.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// One keystroke: normalise the query and filter every office; returns the match count.
    pub fn search(&self, raw_query: &str) -> usize {
        self.index.matching(&Query::new(raw_query)).len()
    }
}

impl Default for SearchBench {
    fn default() -> Self {
        SearchBench::new()
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
