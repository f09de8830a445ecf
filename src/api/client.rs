//! The browser transport: every request of the app goes through [`Api`].
//!
//! Each request has a time-out for a silent connection (from `config.json`), is retried with exponential back-off
//! when the failure is transient (honouring `Retry-After`), and is decoded into the contract's
//! types. Successful documents are kept in memory, so moving between pages does not refetch.

use std::any::Any;
use std::cell::Cell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use gloo_net::http::Request;
use leptos::prelude::{GetUntracked, RwSignal, Set};

use super::decode::{self, Decoded};
use super::error::{parse_retry_after, ApiError, DecodeError, SignInError};
use super::paths;
use crate::config::{AuthConfig, Document};
use crate::domain::index::shard_of;
use crate::model::{
    AgenciesDoc, CardPage, CodeHit, IdShard, IndexInfo, Licence, LicencesDoc, Meta, Office,
    OfficeRef, OfficesDoc, PlacesDoc, PopulationDoc, ServicesDoc, SummaryDoc, TermChunk,
    TermManifest, TileDoc, TileManifest,
};
use crate::platform::auth;
use crate::platform::slices;
use crate::platform::timer::sleep;

/// Automatic attempts for a transient failure before the error is shown (with a manual retry).
const MAX_ATTEMPTS: u32 = 3;

type Cached = Arc<dyn Any + Send + Sync>;

/// The typed API client. Cheap to clone; clones share the document cache.
#[derive(Clone)]
pub struct Api {
    inner: Arc<Inner>,
}

struct Inner {
    /// Absolute base URL of the API, without a trailing slash.
    base: String,
    timeout_ms: u32,
    cache: Mutex<HashMap<String, Cached>>,
    /// The index announced by `meta.json`, read once per dataset version (`Api::index`).
    index: Mutex<Option<(String, Option<IndexInfo>)>>,
    /// When documents come from the service worker's saved copies: the oldest copy's date.
    offline_copy: RwSignal<Option<DateTime<Utc>>>,
    /// Officials' sign-in, when `config.json` has `auth`: which documents carry the token.
    auth: Option<Arc<AuthConfig>>,
    /// The signed-in official's name (`Some("")` without one), `None` when nobody is.
    signed_in: RwSignal<Option<String>>,
}

/// What a nationwide search of the index found ([`Api::search`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IndexSearch {
    /// Places whose name matches, the best first.
    pub places: Vec<crate::model::Place>,
    /// Ids of services whose name or keywords match.
    pub services: Vec<String>,
    /// The first matching offices, as result cards.
    pub offices: Vec<crate::model::Card>,
    /// How many offices match in all.
    pub office_total: usize,
    /// For an office code: the offices with that code.
    pub codes: Vec<CodeHit>,
    /// Every word is too common for the index to narrow the offices («دفتر»): the offices
    /// are not listed; a place or another word is needed.
    pub too_common: bool,
}

/// Result of loading a document: the decoded document shared between pages.
pub type ApiResult<T> = Result<Arc<Decoded<T>>, ApiError>;

impl Api {
    /// A client for the API at `base` (absolute URL) with a per-request time-out.
    pub fn new(base: &str, timeout_ms: u32) -> Self {
        Api::with_auth(base, timeout_ms, None, None)
    }

    /// A client that sends the signed-in official's access token, as `Authorization: Bearer`,
    /// with the documents `auth` names and with any other document the API answers 401 to.
    /// The token goes only to this API: every request of this client is under `base`.
    /// `signed_in`: who is signed in in this tab at start-up (`platform::auth::signed_in`).
    pub fn with_auth(
        base: &str,
        timeout_ms: u32,
        auth: Option<Arc<AuthConfig>>,
        signed_in: Option<String>,
    ) -> Self {
        Api {
            inner: Arc::new(Inner {
                base: base.trim_end_matches('/').to_string(),
                timeout_ms,
                cache: Mutex::new(HashMap::new()),
                index: Mutex::new(None),
                offline_copy: RwSignal::new(None),
                signed_in: RwSignal::new(signed_in),
                auth,
            }),
        }
    }

    /// The absolute base URL (shown on the About page for operators).
    pub fn base(&self) -> &str {
        &self.inner.base
    }

    /// Set when data shown is a copy saved on the device (offline): the oldest copy's time.
    pub fn offline_copy(&self) -> RwSignal<Option<DateTime<Utc>>> {
        self.inner.offline_copy
    }

    /// Who is signed in (their name; `Some("")` without one), `None` when nobody is. Set when a
    /// sign-in completes, cleared when the provider ends it.
    pub fn signed_in(&self) -> RwSignal<Option<String>> {
        self.inner.signed_in
    }

    /// `meta.json`.
    pub async fn meta(&self) -> ApiResult<Meta> {
        self.load(Document::Meta, paths::META.to_string(), decode::meta)
            .await
    }

    /// `agencies.json`.
    pub async fn agencies(&self) -> ApiResult<AgenciesDoc> {
        self.load(
            Document::Agencies,
            paths::AGENCIES.to_string(),
            decode::agencies,
        )
        .await
    }

    /// `services.json`.
    pub async fn services(&self) -> ApiResult<ServicesDoc> {
        self.load(
            Document::Services,
            paths::SERVICES.to_string(),
            decode::services,
        )
        .await
    }

    /// `provinces/{id}/offices.json`, decoded a slice at a time (`platform::slices`): a
    /// province of 20,000 offices never blocks the page.
    pub async fn offices(&self, province_id: &str) -> ApiResult<OfficesDoc> {
        let expected = province_id.to_string();
        self.load_sliced(
            Document::Offices,
            paths::offices(province_id),
            |text| async move { slices::run(decode::offices_sliced(&text, &expected)).await },
        )
        .await
    }

    /// `provinces/{id}/licences.json`.
    pub async fn licences(&self, province_id: &str) -> ApiResult<LicencesDoc> {
        let expected = province_id.to_string();
        self.load(Document::Licences, paths::licences(province_id), move |t| {
            decode::licences(t, &expected)
        })
        .await
    }

    // -----------------------------------------------------------------------------------
    // The index layer (optional). Callers get `info` from `Api::index`; on any error they fall
    // back to the province documents, as `office` does.

    /// The index `meta.json` announces, when this client may use it (`domain::index::usable`:
    /// a known format, built from this very dataset). Read once per dataset version.
    pub fn index(&self, meta: &Meta) -> Option<IndexInfo> {
        if let Ok(cached) = self.inner.index.lock() {
            if let Some((version, info)) = cached.as_ref() {
                if *version == meta.dataset_version {
                    return info.clone();
                }
            }
        }
        let info = decode::meta_index(meta)
            .filter(|i| crate::domain::index::usable_for(i, &meta.dataset_version));
        if let Ok(mut cached) = self.inner.index.lock() {
            *cached = Some((meta.dataset_version.clone(), info.clone()));
        }
        info
    }

    /// `index/tiles.json`.
    pub async fn tile_manifest(&self, info: &IndexInfo) -> ApiResult<TileManifest> {
        self.load(Document::Index, info.tiles.clone(), decode::tile_manifest)
            .await
    }

    /// One tile of offices.
    pub async fn tile(&self, info: &IndexInfo, tile: &str) -> ApiResult<TileDoc> {
        let expected = tile.to_string();
        self.load_sliced(
            Document::Index,
            paths::index_doc(&info.tile, tile),
            |text| {
                let expected = expected.clone();
                async move { slices::run(decode::tile_sliced(&text, &expected)).await }
            },
        )
        .await
    }

    /// Where an office's record is (its id shard), `None` when the index does not know it.
    pub async fn office_ref(
        &self,
        info: &IndexInfo,
        id: &str,
    ) -> Result<Option<OfficeRef>, ApiError> {
        let shard = shard_of(id, info.ids.shards);
        let doc: Arc<Decoded<IdShard>> = self
            .load(
                Document::Index,
                paths::index_doc(&info.ids.path, shard),
                decode::id_shard,
            )
            .await?;
        Ok(doc.doc.ids.get(id).cloned())
    }

    /// The offices with this code (its code shard); empty when none has it.
    pub async fn code_hits(&self, info: &IndexInfo, code: &str) -> Result<Vec<CodeHit>, ApiError> {
        let shard = shard_of(code, info.codes.shards);
        let doc = self
            .load(
                Document::Index,
                paths::index_doc(&info.codes.path, shard),
                decode::code_shard,
            )
            .await?;
        Ok(doc.doc.codes.get(code).cloned().unwrap_or_default())
    }

    /// `index/places.json`.
    pub async fn places(&self, info: &IndexInfo) -> ApiResult<PlacesDoc> {
        self.load(Document::Index, info.places.clone(), decode::places)
            .await
    }

    /// `index/population.json`, when the index has one (`Ok(None)` when it has not).
    pub async fn population(
        &self,
        info: &IndexInfo,
    ) -> Result<Option<Arc<Decoded<PopulationDoc>>>, ApiError> {
        match &info.population {
            Some(path) => self
                .load(Document::Index, path.clone(), decode::population)
                .await
                .map(Some),
            None => Ok(None),
        }
    }

    /// `index/summary.json`.
    pub async fn summary(&self, info: &IndexInfo) -> ApiResult<SummaryDoc> {
        self.load(Document::Index, info.summary.clone(), decode::summary)
            .await
    }

    /// `index/terms.json`.
    pub async fn term_manifest(&self, info: &IndexInfo) -> ApiResult<TermManifest> {
        self.load(Document::Index, info.terms.clone(), decode::term_manifest)
            .await
    }

    /// One chunk of the term index.
    pub async fn term_chunk(&self, info: &IndexInfo, chunk: usize) -> ApiResult<TermChunk> {
        self.load(
            Document::Index,
            paths::index_doc(&info.term_chunk, chunk),
            decode::term_chunk,
        )
        .await
    }

    /// One page of result cards.
    pub async fn card_page(&self, info: &IndexInfo, page: u32) -> ApiResult<CardPage> {
        self.load(
            Document::Index,
            paths::index_doc(&info.cards.path, page),
            decode::card_page,
        )
        .await
    }

    /// A nationwide search of the index for a typed text: the places, services and offices
    /// (as result cards, at most `max_offices`) whose names match every word, and for an
    /// office code the offices with that code. Fetches the term manifest, one or two term
    /// chunks, a card page or two, or one code shard: a few kilobytes.
    pub async fn search(
        &self,
        info: &IndexInfo,
        raw: &str,
        max_offices: usize,
    ) -> Result<IndexSearch, ApiError> {
        use crate::domain::index::card_slot;
        use crate::domain::index::tokens;
        use crate::domain::lookup::{chunks_needed, classify, resolve, QueryKind};
        let mut out = IndexSearch::default();
        if let QueryKind::OfficeCode(code) = classify(raw) {
            out.codes = self.code_hits(info, &code).await?;
        }
        let words = tokens(raw);
        if words.is_empty() {
            return Ok(out);
        }
        let manifest = self.term_manifest(info).await?;
        let mut chunks = Vec::new();
        for n in chunks_needed(&manifest.doc, &words) {
            chunks.push(self.term_chunk(info, n).await?);
        }
        let refs: Vec<&TermChunk> = chunks.iter().map(|c| &c.doc).collect();
        let resolved = resolve(&words, &refs);
        out.places = resolved.places;
        out.services = resolved.services;
        out.too_common = resolved.offices.is_none();
        if let Some(ordinals) = resolved.offices {
            out.office_total = ordinals.len();
            for ordinal in ordinals.into_iter().take(max_offices) {
                let (page, slot) = card_slot(ordinal, info.cards.page_size);
                let cards = self.card_page(info, page).await?;
                if let Some(card) = cards.doc.cards.get(slot) {
                    out.offices.push(card.clone());
                }
            }
        }
        Ok(out)
    }

    /// The licences numbered `number` in every province, from the index's licence look-up (one
    /// shard, a few kilobytes). `None` when `meta.json` has no such look-up or its shard could
    /// not be read: the caller then reads a province's licences document.
    async fn licence_lookup(&self, meta: &Meta, number: &str) -> Option<Vec<Licence>> {
        let path = self
            .index(meta)
            .and_then(|info| crate::domain::index::licence_shard_path(&info, number))?;
        match self
            .load(Document::Licences, path, decode::licence_shard)
            .await
        {
            Ok(doc) => Some(doc.doc.licences.get(number).cloned().unwrap_or_default()),
            Err(e) => {
                leptos::logging::warn!(
                    "licence look-up of {number} failed ({e}); reading its province"
                );
                None
            }
        }
    }

    /// The licence numbered `number` in one province's licences document.
    async fn licence_in_province(
        &self,
        province: &str,
        number: &str,
    ) -> Result<Option<Licence>, ApiError> {
        let doc = self.licences(province).await?;
        Ok(doc
            .doc
            .licences
            .iter()
            .find(|l| crate::domain::registry::same_number(&l.number, number))
            .cloned())
    }

    /// One licence, by the index's licence look-up when `meta.json` has one, else (or when the
    /// shard fails) from its province's licences document.
    /// `Ok(None)`: the data has no such licence in that province.
    pub async fn licence(
        &self,
        meta: &Meta,
        province: &str,
        number: &str,
    ) -> Result<Option<Licence>, ApiError> {
        // The index is keyed by the number as published; a number typed another way
        // (without dashes) is then looked for in its province's document.
        let indexed = self
            .licence_lookup(meta, number)
            .await
            .and_then(|list| list.into_iter().find(|l| l.province_id == province));
        match indexed {
            Some(found) => Ok(Some(found)),
            None => self.licence_in_province(province, number).await,
        }
    }

    /// The licences with this number in any province, for "check a licence" by its number
    /// alone: the index's licence look-up when `meta.json` has one; without it (or when the
    /// shard fails) the province its number starts with, if that is a province of the data
    /// (a hint only: numbers are opaque, so any other number needs its province chosen).
    /// `Ok(None)`: it cannot be found without a province.
    pub async fn find_licence(
        &self,
        meta: &Meta,
        number: &str,
    ) -> Result<Option<Vec<Licence>>, ApiError> {
        let indexed = self.licence_lookup(meta, number).await;
        if let Some(list) = indexed.as_ref().filter(|l| !l.is_empty()) {
            return Ok(Some(list.clone()));
        }
        let Some(province) = crate::domain::registry::province_hint(number, &meta.provinces) else {
            // With an index, a number it does not hold is not found; without one, the
            // province is needed.
            return Ok(indexed);
        };
        let found = self.licence_in_province(&province, number).await?;
        Ok(match (found, indexed) {
            (Some(l), _) => Some(vec![l]),
            // The index answered: the number is not in the data.
            (None, Some(_)) => Some(Vec::new()),
            (None, None) => None,
        })
    }

    /// One office, by the index when `meta.json` has a usable one (its id shard and its tile:
    /// a few kilobytes), else (or when an index document fails) from its province document.
    /// `Ok(None)`: the office is not in the data. With it: how many records of the document it
    /// was read from could not be read (for the "n records could not be read" notice).
    pub async fn office(
        &self,
        meta: &Meta,
        province: &str,
        id: &str,
    ) -> Result<(Option<Office>, usize), ApiError> {
        // A province the data does not have holds no office; a province it has whose
        // document answers 404 is a failure to retry, not an unknown office.
        if meta.province(province).is_none() {
            return Ok((None, 0));
        }
        if let Some(info) = self.index(meta) {
            match self.office_by_index(&info, id).await {
                Ok(Some((office, skipped))) => return Ok((Some(office), skipped)),
                // Not located (no tile) or unknown to the index: the province document says.
                Ok(None) => {}
                Err(e) => leptos::logging::warn!(
                    "index look-up of {id} failed ({e}); reading its province"
                ),
            }
        }
        let doc = self.offices(province).await?;
        Ok((
            doc.doc.offices.iter().find(|o| o.id == id).cloned(),
            doc.skipped.len(),
        ))
    }

    async fn office_by_index(
        &self,
        info: &IndexInfo,
        id: &str,
    ) -> Result<Option<(Office, usize)>, ApiError> {
        let Some(tile) = self.office_ref(info, id).await?.and_then(|r| r.tile) else {
            return Ok(None);
        };
        let doc = self.tile(info, &tile).await?;
        Ok(doc
            .doc
            .offices
            .iter()
            .find(|o| o.id == id)
            .map(|o| (o.clone(), doc.skipped.len())))
    }

    /// A document already in memory, without a request.
    pub fn cached<T: Send + Sync + 'static>(&self, path: &str) -> Option<Arc<Decoded<T>>> {
        let cache = self.inner.cache.lock().ok()?;
        cache.get(path).cloned()?.downcast::<Decoded<T>>().ok()
    }

    async fn load<T: Send + Sync + 'static>(
        &self,
        kind: Document,
        path: String,
        decode: impl Fn(&str) -> Result<Decoded<T>, DecodeError>,
    ) -> ApiResult<T> {
        if let Some(hit) = self.cached::<T>(&path) {
            return Ok(hit);
        }
        let text = self.fetch_retrying(kind, &path).await?;
        self.keep(path, decode(&text))
    }

    /// [`Api::load`] with a decoder that yields between slices of its work (a large
    /// document's, `platform::slices::run`).
    async fn load_sliced<T: Send + Sync + 'static, F>(
        &self,
        kind: Document,
        path: String,
        decode: impl FnOnce(String) -> F,
    ) -> ApiResult<T>
    where
        F: Future<Output = Result<Decoded<T>, DecodeError>>,
    {
        if let Some(hit) = self.cached::<T>(&path) {
            return Ok(hit);
        }
        let text = self.fetch_retrying(kind, &path).await?;
        self.keep(path, decode(text).await)
    }

    /// A decoded document kept in memory (its unreadable records logged), or why it could not
    /// be decoded. A decoding error is never retried: the same text decodes the same way.
    fn keep<T: Send + Sync + 'static>(
        &self,
        path: String,
        decoded: Result<Decoded<T>, DecodeError>,
    ) -> ApiResult<T> {
        match decoded {
            Ok(doc) => {
                if let Some(first) = doc.skipped.first() {
                    leptos::logging::warn!(
                        "{path}: {} record(s) could not be read; the first, record {}: {}",
                        doc.skipped.len(),
                        first.index,
                        first.reason
                    );
                }
                let doc = Arc::new(doc);
                if let Ok(mut cache) = self.inner.cache.lock() {
                    cache.insert(path, doc.clone() as Cached);
                }
                Ok(doc)
            }
            Err(e) => {
                let err = ApiError::from(e);
                leptos::logging::warn!("{path}: {err}");
                Err(err)
            }
        }
    }

    /// A document's text, a transient failure retried with back-off ([`MAX_ATTEMPTS`]).
    async fn fetch_retrying(&self, kind: Document, path: &str) -> Result<String, ApiError> {
        let url = paths::join(&self.inner.base, path);
        let mut attempt = 1;
        loop {
            match self.fetch_document(kind, &url).await {
                Ok(text) => return Ok(text),
                Err(err) if attempt < err.automatic_attempts(MAX_ATTEMPTS) => {
                    sleep(backoff_ms(&err, attempt)).await;
                    attempt += 1;
                }
                Err(err) => {
                    leptos::logging::warn!("{path}: {err}");
                    return Err(err);
                }
            }
        }
    }

    /// A document's text: [`Api::fetch_text`] without `auth`, else [`Api::fetch_authorised`],
    /// whose code is downloaded with the sign-in (`authorised_fetch`). Boxed, so that the
    /// request's code is written once instead of inside every document type's `load`.
    fn fetch_document(&self, kind: Document, url: &str) -> TextRequest {
        let api = self.clone();
        let url = url.to_string();
        Box::pin(async move {
            match &api.inner.auth {
                None => api.fetch_text(&url, None).await,
                Some(_) => match authorised_fetch(api.clone(), kind, url).await {
                    Ok(request) => request.await,
                    Err(e) => Err(ApiError::Network(e.to_string())),
                },
            }
        })
    }

    /// An access token for this request, when an official is signed in.
    async fn token(&self, renew: bool) -> Result<Option<String>, ApiError> {
        let Some(config) = &self.inner.auth else {
            return Ok(None);
        };
        let token = auth::access_token(config.clone(), self.inner.timeout_ms, renew).await;
        if matches!(token, Err(SignInError::Ended(_)) | Ok(None)) {
            self.inner.signed_in.set(None);
        }
        token.map_err(ApiError::SignIn)
    }

    /// Fetches a document's text, with the official's access token when the document needs one
    /// (`auth.documents`) or the API answers 401 without it. A token the API refuses (401) is
    /// renewed once; a 401 to the renewed one ends the sign-in; a 403 to a request with a token
    /// is [`ApiError::NoAccess`]. Without `auth`, exactly [`Api::fetch_text`].
    async fn fetch_authorised(&self, kind: Document, url: &str) -> Result<String, ApiError> {
        let Some(config) = &self.inner.auth else {
            return self.fetch_text(url, None).await;
        };
        let mut token = if config.needs_token(kind) {
            self.token(false).await?
        } else {
            None
        };
        let mut renewed = false;
        loop {
            match self.fetch_text(url, token.as_deref()).await {
                Err(ApiError::Http { status: 401, .. }) if !renewed => {
                    renewed = true;
                    // With a token: it expired or was revoked early; ask for a new one. Without:
                    // the API wants one this config did not expect; send it if there is one.
                    match self.token(token.is_some()).await? {
                        Some(fresh) => token = Some(fresh),
                        None => {
                            return Err(ApiError::Http {
                                status: 401,
                                retry_after_s: None,
                            })
                        }
                    }
                }
                Err(ApiError::Http { status: 401, .. }) if token.is_some() => {
                    self.inner.signed_in.set(None);
                    return Err(ApiError::SignIn(SignInError::Ended(
                        "the API refused a renewed token".into(),
                    )));
                }
                Err(ApiError::Http { status: 403, .. }) if token.is_some() => {
                    return Err(ApiError::NoAccess)
                }
                other => return other,
            }
        }
    }

    /// Fetches a document's text. The time-out is for a silent connection, not a slow one:
    /// it aborts the request only when nothing (neither the response nor a piece of its body)
    /// has arrived for `timeout_ms`, so a large document on a slow network keeps arriving.
    /// With a token: `Authorization: Bearer` (the service worker lets such a request through
    /// untouched, tools/sw.template.js; the API sends it `Cache-Control: no-store`, docs/deploy.md).
    async fn fetch_text(&self, url: &str, token: Option<&str>) -> Result<String, ApiError> {
        let timeout_ms = self.inner.timeout_ms;
        let controller = web_sys::AbortController::new()
            .map_err(|_| ApiError::Network("AbortController".into()))?;
        let watchdog = Watchdog::start(controller.clone(), timeout_ms);
        let classify = |e: String| {
            if watchdog.fired() {
                ApiError::Timeout(timeout_ms)
            } else {
                ApiError::Network(e)
            }
        };
        let result = async {
            let mut request = Request::get(url).abort_signal(Some(&controller.signal()));
            if let Some(token) = token {
                request = request.header("Authorization", &format!("Bearer {token}"));
            }
            let response = request.send().await.map_err(|e| classify(e.to_string()))?;
            watchdog.alive();
            let headers = response.headers();
            if headers.get("x-pishkhan-offline").is_some() {
                return Err(ApiError::Offline);
            }
            if let Some(saved) = headers
                .get("x-pishkhan-cached-at")
                .and_then(|v| crate::model::dates::parse_datetime(&v))
            {
                let signal = self.inner.offline_copy;
                if signal.get_untracked().is_none_or(|oldest| saved < oldest) {
                    signal.set(Some(saved));
                }
            }
            if !response.ok() {
                let retry_after_s = response
                    .headers()
                    .get("retry-after")
                    .and_then(|v| parse_retry_after(&v));
                return Err(ApiError::Http {
                    status: response.status(),
                    retry_after_s,
                });
            }
            // A body that stops before its end (shorter than its `Content-Length`: the
            // connection was cut after the headers) is a truncated document, not a network
            // failure to retry automatically: the same server most likely cuts it again.
            read_body(&response, || watchdog.alive())
                .await
                .map_err(|e| match classify(e) {
                    ApiError::Network(_) => {
                        ApiError::Decode(DecodeError::Truncated { line: 0, column: 0 })
                    }
                    other => other,
                })
        }
        .await;
        watchdog.stop();
        result
    }
}

/// A request for a document's text.
type TextRequest = Pin<Box<dyn Future<Output = Result<String, ApiError>>>>;

/// A document request with the official's token, its code in the lazily loaded sign-in module
/// (`split_auth`): a deployment without `auth` never downloads it.
#[leptos::wasm_split::wasm_split(split_auth, wasm_split_path = ::leptos::wasm_split, fallible)]
fn authorised_fetch(
    api: Api,
    kind: Document,
    url: String,
) -> Result<TextRequest, leptos::wasm_split::SplitLoaderError> {
    Ok(Box::pin(
        async move { api.fetch_authorised(kind, &url).await },
    ))
}

/// Aborts a request when nothing has arrived for the time-out (checked a few times per
/// time-out period; `alive` is called on every sign of progress).
struct Watchdog {
    state: Rc<WatchdogState>,
}

struct WatchdogState {
    last_activity_ms: Cell<f64>,
    fired: Cell<bool>,
    stopped: Cell<bool>,
}

impl Watchdog {
    fn start(controller: web_sys::AbortController, timeout_ms: u32) -> Watchdog {
        let state = Rc::new(WatchdogState {
            last_activity_ms: Cell::new(js_sys::Date::now()),
            fired: Cell::new(false),
            stopped: Cell::new(false),
        });
        let watched = state.clone();
        let check_every = (timeout_ms / 4).clamp(50, 1000);
        leptos::task::spawn_local(async move {
            loop {
                sleep(check_every).await;
                if watched.stopped.get() {
                    return;
                }
                if js_sys::Date::now() - watched.last_activity_ms.get() >= f64::from(timeout_ms) {
                    watched.fired.set(true);
                    controller.abort();
                    return;
                }
            }
        });
        Watchdog { state }
    }

    fn alive(&self) {
        self.state.last_activity_ms.set(js_sys::Date::now());
    }

    fn fired(&self) -> bool {
        self.state.fired.get()
    }

    fn stop(&self) {
        self.state.stopped.set(true);
    }
}

/// The body as text, read piece by piece so each piece counts as progress. Pieces already
/// arrived are read without a new task in between, so the reading yields every
/// [`slices::SLICE_MS`] (a 27 MB document is not one long task), and each piece is checked as
/// UTF-8 when it arrives (a character cut between two pieces waits for the next).
async fn read_body(
    response: &gloo_net::http::Response,
    on_progress: impl Fn(),
) -> Result<String, String> {
    use crate::domain::slices::Budget;
    use wasm_bindgen::JsCast;
    let Some(stream) = response.body() else {
        return Ok(String::new());
    };
    let reader: web_sys::ReadableStreamDefaultReader = stream
        .get_reader()
        .dyn_into()
        .map_err(|_| "no stream reader".to_string())?;
    let mut text = String::new();
    // Bytes of a character whose end has not arrived yet, then the newest piece.
    let mut bytes: Vec<u8> = Vec::new();
    let mut slice = slices::Deadline::slice();
    loop {
        if slice.spent() {
            // A timer, not `slices::yield_now`: this runs on `/`, whose module stays small.
            sleep(0).await;
            slice = slices::Deadline::slice();
        }
        let chunk = wasm_bindgen_futures::JsFuture::from(reader.read())
            .await
            .map_err(|e| crate::platform::js_text(&e))?;
        on_progress();
        let done = js_sys::Reflect::get(&chunk, &"done".into())
            .map(|v| v.is_truthy())
            .unwrap_or(true);
        if done {
            break;
        }
        if let Ok(value) = js_sys::Reflect::get(&chunk, &"value".into()) {
            if let Ok(array) = value.dyn_into::<js_sys::Uint8Array>() {
                let start = bytes.len();
                bytes.resize(start + array.length() as usize, 0);
                array.copy_to(&mut bytes[start..]);
                let valid = match std::str::from_utf8(&bytes) {
                    Ok(piece) => {
                        text.push_str(piece);
                        bytes.len()
                    }
                    // Only the last character is incomplete: it ends in the next piece.
                    Err(e) if e.error_len().is_none() => {
                        let whole = bytes.get(..e.valid_up_to()).unwrap_or_default();
                        text.push_str(std::str::from_utf8(whole).map_err(|e| e.to_string())?);
                        whole.len()
                    }
                    Err(e) => return Err(format!("the document is not UTF-8: {e}")),
                };
                bytes.drain(..valid);
            }
        }
    }
    if bytes.is_empty() {
        Ok(text)
    } else {
        Err("the document is not UTF-8: it ends inside a character".into())
    }
}

/// Exponential back-off (0.5 s, 1 s, …), or what the server asked for in `Retry-After` (capped).
fn backoff_ms(err: &ApiError, attempt: u32) -> u32 {
    match err {
        ApiError::Http {
            retry_after_s: Some(s),
            ..
        } => (*s).min(30) * 1000,
        _ => 500u32.saturating_mul(1 << attempt.saturating_sub(1).min(4)),
    }
}
