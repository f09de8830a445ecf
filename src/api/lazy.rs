//! The document requests `/` makes whose decoders are not part of the first download: the
//! offices decoder comes with the first province chosen (in the finder's module, whose pages
//! are the next step), the services decoder arrives beside `services.json`. (The index's
//! decoders come with the home page's first search: `pages::home::nationwide_request`.) Each is a split
//! point of the WebAssembly (see `app::lazy`); natively (tests) they are plain calls.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::wasm_split::SplitLoaderError;

use super::client::{Api, ApiResult};
use super::ApiError;
use crate::model::{OfficesDoc, ServicesDoc};

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
