//! The document requests `/` makes whose decoders are not part of the first download: the
//! offices decoder comes with the first province chosen (in the finder's module, whose pages
//! are the next step), the services decoder arrives beside `services.json`, the index's with
//! the first search. Each is a split
//! point of the WebAssembly (see `app::lazy`); natively (tests) they are plain calls.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::wasm_split::SplitLoaderError;

use super::client::{Api, ApiResult, IndexSearch};
use super::ApiError;
use super::Decoded;
use crate::model::{Meta, OfficesDoc, ServicesDoc};

/// A document request whose decoding code is in a lazily loaded module.
type LazyRequest<T> = Pin<Box<dyn Future<Output = ApiResult<T>>>>;

/// The failure to download a module, as the document request it was for.
fn module_error(error: SplitLoaderError) -> ApiError {
    ApiError::Network(error.to_string())
}

#[leptos::wasm_split::wasm_split(split_finder, wasm_split_path = ::leptos::wasm_split, fallible)]
fn offices_request(
    api: Api,
    province: Arc<str>,
) -> Result<LazyRequest<OfficesDoc>, SplitLoaderError> {
    Ok(Box::pin(async move { api.offices(&province).await }))
}

#[leptos::wasm_split::wasm_split(split_services_doc, wasm_split_path = ::leptos::wasm_split, fallible)]
fn services_request(api: Api) -> Result<LazyRequest<ServicesDoc>, SplitLoaderError> {
    Ok(Box::pin(async move { api.services().await }))
}

type SearchResult = Result<IndexSearch, ApiError>;

#[leptos::wasm_split::wasm_split(split_search, wasm_split_path = ::leptos::wasm_split, fallible)]
fn search_request(
    api: Api,
    meta: Arc<Decoded<Meta>>,
    text: Arc<str>,
    max_offices: usize,
) -> Result<Pin<Box<dyn Future<Output = SearchResult>>>, SplitLoaderError> {
    Ok(Box::pin(async move {
        match api.index(&meta.doc) {
            Some(info) => api.search(&info, &text, max_offices).await,
            None => Ok(IndexSearch::default()),
        }
    }))
}

/// [`Api::search`] for `/`, when `meta.json` has a usable index (else nothing is found): the
/// index's decoders arrive with the first search.
pub async fn search(
    api: &Api,
    meta: Arc<Decoded<Meta>>,
    text: &str,
    max_offices: usize,
) -> Result<IndexSearch, ApiError> {
    search_request(api.clone(), meta, Arc::from(text), max_offices)
        .await
        .map_err(module_error)?
        .await
}

/// [`Api::offices`] for `/`, with the decoder downloaded on first use.
pub async fn offices(api: &Api, province: &str) -> ApiResult<OfficesDoc> {
    offices_request(api.clone(), Arc::from(province))
        .await
        .map_err(module_error)?
        .await
}

/// [`Api::services`] for `/`, with the decoder downloaded beside the document.
pub async fn services(api: &Api) -> ApiResult<ServicesDoc> {
    services_request(api.clone())
        .await
        .map_err(module_error)?
        .await
}
