//! `/offices`: the office finder. All search state is in the query string ([`FinderState`]).
//!
//! Only what the search needs is loaded: near a position, the index's tiles that can hold the
//! nearest offices (when the API has an index), else the provinces the radius reaches; in a
//! province, its document. With no place chosen the page asks for one
//! (near me, or province and city) instead of loading all 31 provinces.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::api::client::{Api, IndexSearch};
use crate::api::{ApiError, DecodeError, Decoded};
use crate::components::combobox::{Combobox, Suggestion, SERVICE_KEY};
use crate::components::dead_end::{DeadEndFacts, DeadEndNotice, Spelling};
use crate::components::map::{here_marker, office_marker_now, OfficeMap};
use crate::components::office_card::OfficeCard;
use crate::components::page::{use_page_title, PageHeading};
use crate::components::place_picker::PlaceChooser;
use crate::components::province_load::{FailedProvinces, LoadProgress};
use crate::components::share::ShareButton;
use crate::context::use_app;
use crate::domain::finder::{
    self, city_named, dead_end, earliest_opening, find, plan_tiles, DeadEnd, Filters,
    IndexedOffices, ListOrder, Situation,
};
use crate::domain::geo::provinces_within;
use crate::domain::hours::opening_state;
use crate::domain::index::{box_min_km, TileTree};
use crate::domain::lookup::{
    classify, intent, postal_district, similar_names, Evidence, Intent, QueryKind, ServiceFit,
};
use crate::domain::normalize::{fold, Query};
use crate::domain::search::{service_intent, OfficeIndex, ServiceKeys};
use crate::hooks::{
    use_answers, use_finder_state, use_province_docs, DocState, LoadFuture, ProvinceDocs,
};
use crate::i18n::{format, labels, Locale};
use crate::model::{Channel, ClosureOrder, IndexInfo, Office, OfficeKind, OfficesDoc, TileDoc};
use crate::platform::clock::use_iran_clock;
use crate::platform::{dom, storage};
use crate::route::{FinderState, Route, RADIUS_CHOICES_KM};

/// Results shown at first and added by each "show more" (a phone shows a handful on its first
/// screen; a keystroke that changes the whole list builds at most this many cards, about 1 ms
/// each on a desktop and 4 ms on a mid-range phone: 50 cost a task of over 50 ms).
const PAGE_SIZE: usize = 20;
/// How long typing pauses before the results follow the search box (ms): shorter than a
/// reader notices, longer than the gap between a typist's keys.
const SETTLE_MS: u32 = 120;
/// Suggestions of each kind in the search box.
const SUGGESTIONS_PER_KIND: usize = 5;
/// Results shown at first and added by each "show more" near a position through the index
/// (each more needs more tiles; a phone shows a handful on its first screen).
const TILE_PAGE_SIZE: usize = 20;
/// Tiles of the index fetched at the same time for "near me".
const PARALLEL_TILES: usize = 2;
/// Offices of a nationwide text search shown at first and added by each "show more" (each
/// needs its tile).
const NATIONWIDE_PAGE_SIZE: usize = 20;
/// Spelling suggestions after "nothing matched".
const SPELLING_SUGGESTIONS: usize = 4;

/// A nationwide text search through the index: what it found for `typed`, and the postal
/// district searched when no office has the typed postal code.
#[derive(Clone)]
struct TextSearch {
    found: Arc<IndexSearch>,
    district: Option<String>,
}

/// Searches the index for `typed` (at most `limit` offices); a postal code no office has is
/// searched again as its postal district.
async fn search_text(
    api: &Api,
    info: &IndexInfo,
    typed: &str,
    limit: usize,
) -> Result<TextSearch, ApiError> {
    let found = api.search(info, typed, limit).await?;
    if let (QueryKind::PostalCode(code), 0) = (classify(typed), found.office_total) {
        if let Some(district) = postal_district(&code) {
            let near = api.search(info, district, limit).await?;
            return Ok(TextSearch {
                found: Arc::new(near),
                district: Some(district.to_string()),
            });
        }
    }
    Ok(TextSearch {
        found: Arc::new(found),
        district: None,
    })
}

/// The offices of one loaded document: a province's, or a tile of the index.
#[derive(Clone)]
enum Source {
    Province(Arc<Decoded<OfficesDoc>>),
    Tile(Arc<Decoded<TileDoc>>),
}

impl Source {
    fn offices(&self) -> &[Office] {
        match self {
            Source::Province(d) => &d.doc.offices,
            Source::Tile(d) => &d.doc.offices,
        }
    }

    fn same(&self, other: &Source) -> bool {
        match (self, other) {
            (Source::Province(a), Source::Province(b)) => Arc::ptr_eq(a, b),
            (Source::Tile(a), Source::Tile(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

/// One loaded document as the finder holds it: its offices and their search index.
type IndexedDoc = (Source, Arc<OfficeIndex>);

/// The alphabetical order of the offices of some loaded documents (`ListOrder`), with the
/// documents it was made for.
#[derive(Clone)]
struct Ordered {
    docs: Vec<Source>,
    english: bool,
    order: Arc<ListOrder>,
}

impl Ordered {
    fn new(loaded: &[IndexedDoc], english: bool) -> Ordered {
        let offices: Vec<&[Office]> = loaded.iter().map(|(d, _)| d.offices()).collect();
        Ordered {
            docs: loaded.iter().map(|(d, _)| d.clone()).collect(),
            english,
            order: Arc::new(ListOrder::new(&offices, english)),
        }
    }

    /// Whether this is the order of exactly these documents.
    fn is_for(&self, loaded: &[IndexedDoc], english: bool) -> bool {
        self.english == english
            && self.docs.len() == loaded.len()
            && self.docs.iter().zip(loaded).all(|(a, (b, _))| a.same(b))
    }
}

impl PartialEq for Ordered {
    fn eq(&self, other: &Self) -> bool {
        self.english == other.english
            && self.docs.len() == other.docs.len()
            && self.docs.iter().zip(&other.docs).all(|(a, b)| a.same(b))
    }
}

/// One office in the results (the document is shared, not copied).
#[derive(Clone)]
struct Row {
    doc: Source,
    office: usize,
    distance_km: Option<f64>,
}

impl Row {
    fn office(&self) -> Option<&Office> {
        self.doc.offices().get(self.office)
    }
}

impl PartialEq for Row {
    fn eq(&self, other: &Self) -> bool {
        self.doc.same(&other.doc)
            && self.office == other.office
            && self.distance_km == other.distance_km
    }
}

/// A result card in the list, keyed by its office and distance (an office is on the list
/// once; `#n` tells apart the same office in two loaded documents).
#[derive(Clone)]
struct Card {
    key: String,
    row: Row,
}

/// The cards for these rows, in their order.
fn shown_cards(rows: &[Row]) -> Vec<Card> {
    let mut seen = std::collections::HashSet::new();
    rows.iter()
        .filter_map(|row| {
            let o = row.office()?;
            let distance = row.distance_km.map(f64::to_bits).unwrap_or_default();
            let mut key = format!("{}\u{1f}{}\u{1f}{distance}", o.province_id, o.id);
            let base_len = key.len();
            let mut n = 1;
            while !seen.insert(key.clone()) {
                key.truncate(base_len);
                n += 1;
                key.push_str(&format!("#{n}"));
            }
            Some(Card {
                key,
                row: row.clone(),
            })
        })
        .collect()
}

/// The DOM id of an office's card link (focus moves there after "show more").
fn card_id(o: &Office) -> String {
    crate::components::office_card::card_id(&o.province_id, &o.id)
}

/// The offices a nationwide search named (`hits`: province, id, tile; best first) among the
/// loaded documents, with the filters applied: nearest first when "near me" found a position
/// in this tab, else in the index's order.
fn named_rows(
    loaded: &[IndexedDoc],
    slices: &[IndexedOffices<'_>],
    filters: &Filters<'_>,
    hits: &[(String, String, Option<String>)],
) -> Vec<Row> {
    let from = storage::last_location();
    let mut rows: Vec<(usize, Row)> = Vec::new();
    // In the index's order (below), so the alphabetical order is not needed.
    for h in find(slices, &Query::new(""), filters, &ListOrder::default()) {
        let Some((doc, _)) = loaded.get(h.doc) else {
            continue;
        };
        let Some(o) = doc.offices().get(h.office) else {
            continue;
        };
        let Some(rank) = hits
            .iter()
            .position(|(p, id, _)| *id == o.id && *p == o.province_id)
        else {
            continue;
        };
        if rows.iter().any(|(r, _)| *r == rank) {
            continue;
        }
        let distance_km = from
            .zip(o.location)
            .map(|(a, b)| crate::domain::geo::haversine_km(a, b));
        rows.push((
            rank,
            Row {
                doc: doc.clone(),
                office: h.office,
                distance_km,
            },
        ));
    }
    if from.is_some() {
        rows.sort_by(|a, b| {
            let da = a.1.distance_km.unwrap_or(f64::INFINITY);
            let db = b.1.distance_km.unwrap_or(f64::INFINITY);
            da.total_cmp(&db).then(a.0.cmp(&b.0))
        });
    } else {
        rows.sort_by_key(|(rank, _)| *rank);
    }
    rows.into_iter().map(|(_, r)| r).collect()
}

/// Loads the office page's module (`app::lazy`, `split_office`) and does nothing else: called
/// from here, so the code that fetches it is in the finder's module, not in the first load. (A
/// call, not the split's `preload`: a build in which nothing else of the module is reachable,
/// such as the component tests', would otherwise import a loader wasm-split does not write.)
#[leptos::wasm_split::wasm_split(split_office, wasm_split_path = ::leptos::wasm_split, fallible)]
fn office_page_module() -> Result<(), leptos::wasm_split::SplitLoaderError> {
    Ok(())
}

/// The page for `/offices`.
#[component]
pub fn OfficesPage() -> impl IntoView {
    let app = use_app();
    let state = use_finder_state();
    // Whether a shared link carries the position "near me" found (off unless chosen).
    let share_position = RwSignal::new(false);
    let nav = StoredValue::new_local(use_navigate());
    let go = move |s: FinderState, replace: bool| {
        nav.with_value(|n| {
            n(
                &Route::Offices(s).path(),
                NavigateOptions {
                    replace,
                    scroll: false,
                    ..Default::default()
                },
            )
        })
    };
    use_page_title(move || {
        app.locale
            .get()
            .t("یافتن دفتر", "Find an office")
            .to_string()
    });

    // The search box's text (`text`, every keystroke) and the text the results are for
    // (`settled`: the same once typing pauses for SETTLE_MS, at once when the box is emptied
    // or the URL sets it). The search, the list and the URL (`replace`) follow `settled`, so a
    // fast typist's keystrokes cost only the box and its quick suggestions, never a long task.
    let text = RwSignal::new(state.get_untracked().q);
    let settled = RwSignal::new(text.get_untracked());
    let typing = StoredValue::new(0u32);
    Effect::new(move |_| {
        let t = text.get();
        typing.update_value(|n| *n = n.wrapping_add(1));
        if t.trim().is_empty() || state.with_untracked(|s| s.q == t) {
            settled.set(t);
            return;
        }
        let mine = typing.get_value();
        spawn_local(async move {
            crate::platform::timer::sleep(SETTLE_MS).await;
            if typing.try_get_value() == Some(mine) {
                settled.try_set(t);
            }
        });
    });
    Effect::new(move |_| {
        let q = state.get().q;
        if text.get_untracked() != q {
            text.set(q);
        }
    });
    Effect::new(move |first: Option<()>| {
        let t = settled.get();
        if first.is_some() {
            let mut s = state.get_untracked();
            if s.q != t {
                s.q = t;
                go(s, true);
            }
        }
    });

    let clock = use_iran_clock();
    let api = StoredValue::new(app.api.clone());
    let docs: ProvinceDocs<IndexedDoc> = use_province_docs(move |id| {
        let api: Api = api.get_value();
        Box::pin(async move {
            let doc = api.offices(&id).await?;
            let index = Arc::new(
                crate::platform::slices::run(OfficeIndex::builder(&doc.doc.offices)).await,
            );
            Ok((Source::Province(doc), index))
        }) as LoadFuture<IndexedDoc>
    });

    let meta = move || app.meta.get().and_then(Result::ok);

    // "Near me" through the index (docs/api.md, "Index documents"): only the tiles that can
    // hold the nearest offices, nearest first. Any failure of an index document falls back to
    // the province documents, as an API without an index is read.
    let index_info = Memo::new(move |_| meta().and_then(|m| api.get_value().index(&m.doc)));
    let index_failed = RwSignal::new(false);
    let tile_mode = Memo::new(move |_| {
        let s = state.get();
        s.near.is_some()
            && s.province.is_none()
            && index_info.with(Option::is_some)
            && !index_failed.get()
    });
    // Free text and no place: a search of the whole country. Through the index: the term
    // index names the offices and their tiles are fetched; without one (or when it fails):
    // every province's document, with progress.
    let nationwide = Memo::new(move |_| {
        state.with(|s| !s.has_place()) && !settled.with(|t| t.trim().is_empty())
    });
    let nationwide_index = Memo::new(move |_| {
        nationwide.get() && index_info.with(Option::is_some) && !index_failed.get()
    });
    let text_limit = RwSignal::new(NATIONWIDE_PAGE_SIZE);
    Effect::new(move |_| {
        settled.track();
        text_limit.set(NATIONWIDE_PAGE_SIZE);
    });
    let text_search = use_answers(
        move || {
            nationwide_index
                .get()
                .then(|| (settled.get().trim().to_string(), text_limit.get()))
        },
        move |(typed, limit): (String, usize)| {
            let info = index_info.get_untracked();
            let api = api.get_value();
            async move {
                let info = info?;
                match search_text(&api, &info, &typed, limit).await {
                    Ok(found) => Some(found),
                    Err(e) => {
                        leptos::logging::warn!(
                            "index search failed ({e}); reading province documents"
                        );
                        index_failed.try_set(true);
                        None
                    }
                }
            }
        },
    );
    // What the index found for the text now in the box (not for an earlier keystroke).
    let text_found = move || -> Option<TextSearch> {
        let question = (settled.with(|t| t.trim().to_string()), text_limit.get());
        text_search.get(&question)
    };
    // The offices it names as (province, id, tile), best first: a typed code's, then the rest.
    let text_hits = Memo::new(move |_| -> Vec<(String, String, Option<String>)> {
        let Some(t) = text_found() else {
            return Vec::new();
        };
        let mut out: Vec<(String, String, Option<String>)> = Vec::new();
        let hits = t
            .found
            .codes
            .iter()
            .map(|h| (&h.province_id, &h.id, &h.tile));
        let cards = t
            .found
            .offices
            .iter()
            .map(|c| (&c.province_id, &c.id, &c.tile));
        for (p, id, tile) in hits.chain(cards) {
            if !out.iter().any(|(q, i, _)| q == p && i == id) {
                out.push((p.clone(), id.clone(), tile.clone()));
            }
        }
        out
    });
    let manifest = LocalResource::new(move || {
        let info = if tile_mode.get() {
            index_info.get()
        } else {
            None
        };
        let api = api.get_value();
        async move {
            match info {
                Some(info) => Some(api.tile_manifest(&info).await),
                None => None,
            }
        }
    });
    let tree: RwSignal<Option<Arc<TileTree>>> = RwSignal::new(None);
    Effect::new(move |_| match manifest.get() {
        Some(Some(Ok(m))) => match TileTree::parse(&m.doc) {
            Ok(t) => tree.set(Some(Arc::new(t))),
            Err(_) => index_failed.set(true),
        },
        Some(Some(Err(e))) => {
            leptos::logging::warn!("tile manifest failed ({e}); reading province documents");
            index_failed.set(true);
        }
        _ => {}
    });
    let tiles: ProvinceDocs<IndexedDoc> = use_province_docs(move |id| {
        let api: Api = api.get_value();
        let info = index_info.get_untracked();
        Box::pin(async move {
            let info =
                info.ok_or_else(|| ApiError::Decode(DecodeError::Schema("no index".into())))?;
            let doc = api.tile(&info, &id).await?;
            let index = Arc::new(
                crate::platform::slices::run(OfficeIndex::builder(&doc.doc.offices)).await,
            );
            Ok((Source::Tile(doc), index))
        }) as LoadFuture<IndexedDoc>
    });
    // The tiles within the radius, nearest first, with their nearest distance to the point.
    let candidates = Memo::new(move |_| {
        let s = state.get();
        match (tree.get(), s.near) {
            (Some(t), Some(p)) if tile_mode.get() => t
                .within(p, s.radius())
                .into_iter()
                .map(|leaf| (leaf.id.clone(), box_min_km(p, &leaf.bbox)))
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        }
    });
    Effect::new(move |_| {
        if (tile_mode.get() || nationwide_index.get()) && !tiles.failed().is_empty() {
            leptos::logging::warn!("a tile failed; reading province documents");
            index_failed.set(true);
        }
    });
    // A nationwide search through the index needs the tiles of the offices it names.
    Effect::new(move |_| {
        if nationwide_index.get() {
            let mut ids: Vec<String> = Vec::new();
            for tile in text_hits.with(|h| {
                h.iter()
                    .filter_map(|(_, _, t)| t.clone())
                    .collect::<Vec<_>>()
            }) {
                if !ids.contains(&tile) {
                    ids.push(tile);
                }
            }
            tiles.set_ids(&ids);
        }
    });

    let unknown_province = Memo::new(move |_| {
        let s = state.get();
        match (s.province, meta()) {
            (Some(p), Some(m)) => m.doc.province(&p).is_none(),
            _ => false,
        }
    });
    // The provinces this search needs, the user's own first.
    let needed = Memo::new(move |_| {
        let s = state.get();
        let Some(m) = meta() else {
            return Vec::new();
        };
        if tile_mode.get() {
            return Vec::new();
        }
        if nationwide_index.get() {
            // The offices the index names without a tile (no recorded location).
            let mut ids: Vec<String> = Vec::new();
            text_hits.with(|hits| {
                for (p, _, tile) in hits {
                    if tile.is_none() && !ids.contains(p) && m.doc.province(p).is_some() {
                        ids.push(p.clone());
                    }
                }
            });
            return ids;
        }
        if nationwide.get() {
            return m.doc.provinces.iter().map(|p| p.id.clone()).collect();
        }
        if let Some(p) = &s.province {
            return m
                .doc
                .province(p)
                .map(|pr| vec![pr.id.clone()])
                .unwrap_or_default();
        }
        match s.near {
            Some(p) => provinces_within(&m.doc.provinces, p, s.radius()),
            None => Vec::new(),
        }
    });
    Effect::new(move |_| docs.set_ids(&needed.get()));

    // The documents the results come from: the tiles near the point, or the provinces.
    let active = move || -> Vec<IndexedDoc> {
        let mut out: Vec<IndexedDoc> = Vec::new();
        if tile_mode.get() || nationwide_index.get() {
            out.extend(tiles.loaded().into_iter().map(|(_, d)| d));
        }
        if !tile_mode.get() {
            out.extend(docs.loaded().into_iter().map(|(_, d)| d));
        }
        out
    };
    let orders = Memo::new(move |_| meta().map(|m| m.doc.closures.clone()).unwrap_or_default());
    // The alphabetical order of the loaded offices: built once per load and language, read
    // only when a list is sorted by name (never for "near me").
    let list_order = Memo::new(move |_| Ordered::new(&active(), app.locale.get() == Locale::En));
    let order_of = move |loaded: &[IndexedDoc], english: bool| -> Arc<ListOrder> {
        let ordered = list_order.get();
        if ordered.is_for(loaded, english) {
            ordered.order
        } else {
            Ordered::new(loaded, english).order
        }
    };
    let results = Memo::new(move |_| {
        let s = state.get();
        let typed = settled.get();
        let query = Query::new(&typed);
        let english = app.locale.get() == Locale::En;
        let now = clock.get();
        let orders: Vec<ClosureOrder> = orders.get();
        {
            let loaded: Vec<IndexedDoc> = active();
            let slices: Vec<IndexedOffices<'_>> = loaded
                .iter()
                .map(|(d, i)| (d.offices(), i.as_ref()))
                .collect();
            let city = s.city.as_deref().map(fold);
            let filters = Filters::from_state(&s, city.as_deref(), Some((&orders, now)));
            if nationwide_index.get() {
                return text_hits.with(|hits| named_rows(&loaded, &slices, &filters, hits));
            }
            let order = if filters.within.is_some() {
                Arc::default()
            } else {
                order_of(&loaded, english)
            };
            let mut hits = find(&slices, &query, &filters, &order);
            // A postal code no office has: the offices of its postal district.
            if let (true, QueryKind::PostalCode(code)) = (hits.is_empty(), classify(&typed)) {
                if let Some(district) = postal_district(&code) {
                    hits = find(&slices, &Query::new(district), &filters, &order);
                }
            }
            hits.into_iter()
                .filter_map(|h| {
                    loaded.get(h.doc).map(|(d, _)| Row {
                        doc: d.clone(),
                        office: h.office,
                        distance_km: h.distance_km,
                    })
                })
                .collect::<Vec<Row>>()
        }
    });
    let visible = RwSignal::new(PAGE_SIZE);
    let map_view = RwSignal::new(false);
    // A new search starts at the first page (results arriving for the same search do not).
    let page_size = move || {
        if tile_mode.get() {
            TILE_PAGE_SIZE
        } else {
            PAGE_SIZE
        }
    };
    Effect::new(move |_| {
        state.track();
        settled.track();
        visible.set(page_size());
    });
    // Which tiles to fetch next, and how many results are final (never reordered later).
    let plan = Memo::new(move |_| {
        let cands = candidates.get();
        let hits: Vec<f64> = results.with(|r| r.iter().filter_map(|r| r.distance_km).collect());
        let loaded = |id: &str| matches!(tiles.state_of(id), Some(DocState::Loaded(_)));
        plan_tiles(&cands, loaded, &hits, visible.get(), PARALLEL_TILES)
    });
    let wanted_tiles = RwSignal::new(Vec::<String>::new());
    Effect::new(move |_| {
        // Another point or radius: start again from the tile under the point.
        state.with(|s| (s.near, s.radius_km));
        wanted_tiles.set(Vec::new());
    });
    Effect::new(move |_| {
        if !tile_mode.get() {
            return;
        }
        let fetch = plan.with(|p| p.fetch.clone());
        wanted_tiles.update(|w| {
            for id in fetch {
                if !w.contains(&id) {
                    w.push(id);
                }
            }
        });
        tiles.set_ids(&wanted_tiles.get_untracked());
    });
    // How many results may be shown: in tile mode only the settled ones.
    let showable = Memo::new(move |_| {
        let n = results.with(Vec::len);
        if tile_mode.get() {
            plan.with(|p| p.settled).min(n)
        } else {
            n
        }
    });
    let complete = Memo::new(move |_| !tile_mode.get() || plan.with(|p| p.complete));
    // Once the first results are on screen, an office's page is the likely next step: its code
    // downloads in the background (once), so opening a result does not wait for it.
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) || showable.get() == 0 {
            return done.unwrap_or(false);
        }
        leptos::task::spawn_local(async {
            // A failure is reported when the page is opened (its own load tries again).
            let _ = office_page_module().await;
        });
        true
    });

    let services = LocalResource::new(move || {
        let api = api.get_value();
        async move { api.services().await }
    });
    let service_name = move |id: &str, locale: Locale| -> String {
        match services.get() {
            Some(Ok(doc)) => doc
                .doc
                .services
                .iter()
                .find(|s| s.id == id)
                .map(|s| s.name(locale).to_string())
                .unwrap_or_else(|| id.to_string()),
            _ => id.to_string(),
        }
    };
    // The names of the services asked for, as every card lists them.
    let asked = Memo::new(move |_| {
        let locale = app.locale.get();
        state
            .with(|s| s.services.clone())
            .iter()
            .map(|id| service_name(id, locale))
            .collect::<Vec<String>>()
    });
    let province_name = move |id: &str, locale: Locale| -> String {
        meta()
            .and_then(|m| m.doc.province(id).map(|p| p.name(locale).to_string()))
            .unwrap_or_else(|| id.to_string())
    };

    // The cities of the loaded provinces with their search keys, folded once per document
    // load and language, not on every keystroke.
    let city_keys = Memo::new(move |_| {
        let english = app.locale.get() == Locale::En;
        let loaded = active();
        let offices = loaded.iter().flat_map(|(d, _)| d.offices().iter());
        finder::cities(offices, english)
            .into_iter()
            .map(|(fa, en)| {
                let (kfa, ken) = (fold(&fa), fold(&en));
                (fa, en, kfa, ken)
            })
            .collect::<Vec<_>>()
    });
    // Search box suggestions: services (add a filter), cities of the loaded provinces, offices.
    // The services' names and keywords folded once, not on every keystroke.
    let service_keys = Memo::new(move |_| match services.get() {
        Some(Ok(doc)) => ServiceKeys::new(&doc.doc.services),
        _ => ServiceKeys::default(),
    });
    // A memo: the box reads it in several places, and it is worked out once per change.
    let suggestions = Memo::new(move |_| {
        let raw = text.get();
        let query = Query::new(&raw);
        if query.is_empty() {
            return Vec::new();
        }
        let locale = app.locale.get();
        let s = state.get();
        let mut out = Vec::new();
        if let Some(Ok(doc)) = services.get() {
            for (i, _) in service_keys
                .with(|k| k.rank(&query))
                .into_iter()
                .filter(|(i, _)| {
                    doc.doc
                        .services
                        .get(*i)
                        .is_some_and(|sv| !s.services.contains(&sv.id))
                })
                .take(SUGGESTIONS_PER_KIND)
            {
                if let Some(sv) = doc.doc.services.get(i) {
                    out.push(Suggestion::service(
                        sv,
                        locale,
                        locale.t(
                            "خدمت: فقط دفترهایی که آن را ارائه می‌کنند",
                            "Service: only offices offering it",
                        ),
                    ));
                }
            }
        }
        if let Some(t) = text_found() {
            for (i, p) in t.found.places.iter().take(SUGGESTIONS_PER_KIND).enumerate() {
                out.push(Suggestion {
                    key: format!("place:{i}"),
                    label: locale.t(&p.name_fa, &p.name_en).to_string(),
                    hint: format!(
                        "{} {}",
                        locale.t("شهر در استان", "Place in"),
                        province_name(&p.province_id, locale)
                    ),
                });
            }
        }
        city_keys.with(|cities| {
            for (fa, en, _, _) in cities
                .iter()
                .filter(|(_, _, fa, en)| query.matches(fa) || query.matches(en))
                .take(SUGGESTIONS_PER_KIND)
            {
                out.push(Suggestion {
                    key: format!("city:{fa}"),
                    label: locale.pick(fa.clone(), en.clone()),
                    hint: locale.t("شهر", "City").into(),
                });
            }
        });
        results.with(|rows| {
            for o in rows
                .iter()
                .take(SUGGESTIONS_PER_KIND)
                .filter_map(Row::office)
            {
                out.push(Suggestion {
                    key: format!("office:{}", Route::office(&o.province_id, &o.id).path()),
                    label: o.name(locale).to_string(),
                    hint: format!("{} · {}", locale.t("دفتر", "Office"), o.city(locale)),
                });
            }
        });
        out
    });
    let on_select = Callback::new(move |sug: Suggestion| {
        let mut s = state.get_untracked();
        if let Some(id) = sug.key.strip_prefix(SERVICE_KEY) {
            // The typed text was what found the suggestion; the URL change clears the box.
            s.services.push(id.to_string());
            s.q.clear();
            go(s, false);
        } else if let Some(i) = sug.key.strip_prefix("place:") {
            let place = text_found().and_then(|t| {
                i.parse::<usize>()
                    .ok()
                    .and_then(|i| t.found.places.get(i).cloned())
            });
            if let Some(p) = place {
                go(s.at_place(&p.name_fa, &p.province_id, p.centroid), false);
            }
        } else if let Some(city) = sug.key.strip_prefix("city:") {
            s.city = Some(city.to_string());
            s.q.clear();
            go(s, false);
        } else if let Some(href) = sug.key.strip_prefix("office:") {
            let href = href.to_string();
            nav.with_value(|n| n(&href, NavigateOptions::default()));
        }
    });
    // Enter, or arriving with a text and no place (from the home page's box): do the obvious
    // thing once what the text is is known (domain::lookup::intent): an office code → that
    // office, a place → its offices around its centre, a service → the service filter;
    // otherwise the matching offices (or "nothing matched") stay on screen.
    // The text to resolve once the box holds it (the URL's text reaches the box a moment
    // after a navigation).
    let resolve_for: RwSignal<Option<String>> = RwSignal::new(state.with_untracked(|s| {
        (!s.has_place() && !s.q.trim().is_empty()).then(|| s.q.trim().to_string())
    }));
    let resolving = Memo::new(move |_| resolve_for.with(Option::is_some));
    // A text to resolve once a navigation has put it in the URL ("did you mean …?").
    let resolve_next = StoredValue::new(None::<String>);
    Effect::new(move |_| {
        let q = state.with(|s| s.q.trim().to_string());
        if resolve_next.with_value(|n| n.as_deref() == Some(q.as_str())) {
            resolve_next.set_value(None);
            resolve_for.set(Some(q));
        }
    });
    Effect::new(move |_| {
        let Some(wanted) = resolve_for.get() else {
            return;
        };
        let typed = text.get().trim().to_string();
        if typed != wanted {
            // Still arriving from the URL; or the person has typed something else since.
            if state.with(|s| s.q.trim() != wanted) {
                resolve_for.set(None);
            }
            return;
        }
        let kind = classify(&typed);
        // The services document answers "is it a service?" (a failed one answers "no").
        let Some(services_doc) = services.get() else {
            return;
        };
        let service = services_doc.as_ref().ok().and_then(|d| {
            service_intent(&d.doc.services, &Query::new(&typed))
                .and_then(|(i, fit)| d.doc.services.get(i).map(|sv| (sv.id.clone(), fit)))
        });
        let mut evidence = Evidence {
            service: service.as_ref().map(|(_, fit)| *fit),
            ..Evidence::default()
        };
        let s = state.get_untracked();
        let mut place: Option<FinderState> = None;
        let mut office: Option<String> = None;
        if s.has_place() {
            // A located search: a service named in full becomes the filter; the rest filters.
            let located =
                if results.with(Vec::is_empty) || evidence.service == Some(ServiceFit::Exact) {
                    Intent::Service
                } else {
                    Intent::Offices
                };
            resolve_for.set(None);
            if let (Intent::Service, Some((id, _))) = (located, service) {
                go(s.for_service_filter(&id), false);
            } else {
                request_animation_frame(|| dom::focus_id("result-count"));
            }
            return;
        } else if nationwide_index.get() {
            let Some(t) = text_found() else {
                return;
            };
            let whole = fold(&typed);
            let exact = t
                .found
                .places
                .iter()
                .find(|p| p.key == whole || fold(&p.name_en) == whole);
            evidence.code_hits =
                matches!(kind, QueryKind::OfficeCode(_)).then_some(t.found.codes.len());
            evidence.exact_place = exact.is_some();
            evidence.places = t.found.places.len();
            evidence.offices = Some(t.found.office_total.max(t.found.codes.len()));
            place = exact
                .or(t.found.places.first())
                .map(|p| s.at_place(&p.name_fa, &p.province_id, p.centroid));
            office = t
                .found
                .codes
                .first()
                .map(|h| Route::office_path(&h.province_id, &h.id));
        } else if nationwide.get() {
            // Every province's document: wait for all of them.
            let (done, total) = docs.progress();
            if docs.pending() || done < total || total == 0 {
                return;
            }
            let loaded = docs.loaded();
            let offices = || loaded.iter().flat_map(|(_, (d, _))| d.offices().iter());
            if let QueryKind::OfficeCode(code) = &kind {
                let with_code: Vec<&Office> = offices().filter(|o| o.code == *code).collect();
                evidence.code_hits = Some(with_code.len());
                office = with_code
                    .first()
                    .map(|o| Route::office_path(&o.province_id, &o.id));
            }
            if let Some((name, centre)) = city_named(offices(), &typed) {
                let province = offices()
                    .find(|o| o.city_fa == name)
                    .map(|o| o.province_id.clone())
                    .unwrap_or_default();
                evidence.exact_place = true;
                place = Some(s.at_place(&name, &province, centre));
            }
            evidence.offices = Some(results.with(Vec::len));
        } else {
            resolve_for.set(None);
            return;
        }
        resolve_for.set(None);
        match intent(&kind, &evidence) {
            Intent::Office => {
                if let Some(path) = office {
                    nav.with_value(|n| {
                        n(
                            &path,
                            NavigateOptions {
                                replace: true,
                                ..Default::default()
                            },
                        )
                    });
                }
            }
            Intent::Place => {
                if let Some(next) = place {
                    go(next, true);
                }
            }
            Intent::Service => {
                if let Some((id, _)) = service {
                    let mut next = s.for_service_filter(&id);
                    if !next.has_place() {
                        next.near = storage::last_location();
                    }
                    go(next, true);
                }
            }
            Intent::PostalCode | Intent::Offices | Intent::Nothing => {
                request_animation_frame(|| dom::focus_id("result-count"));
            }
        }
    });
    let on_submit = Callback::new(move |raw: String| {
        // Enter does not wait for the pause: the results and the URL follow at once.
        settled.set(text.get_untracked());
        resolve_for.set(Some(raw.trim().to_string()));
    });

    // More offices match a nationwide search than were asked of the index.
    let nationwide_more = Memo::new(move |_| {
        nationwide_index.get()
            && text_found().is_some_and(|t| t.found.office_total > t.found.offices.len())
    });
    // Whether the results of this search are still arriving.
    let loading = Memo::new(move |_| {
        let loading_tiles = tile_mode.get()
            && (tree.with(Option::is_none)
                || tiles.pending()
                || !plan.with(|p| p.fetch.is_empty()));
        let loading_text = nationwide_index.get()
            && (text_found().is_none()
                || text_hits.with(|h| {
                    h.iter().any(|(_, _, t)| {
                        t.as_ref().is_some_and(|t| {
                            !matches!(
                                tiles.state_of(t),
                                Some(DocState::Loaded(_) | DocState::Failed(_))
                            )
                        })
                    })
                }));
        resolving.get()
            || docs.pending()
            || docs.progress().1 < needed.with(Vec::len)
            || app.meta.get().is_none()
            || loading_tiles
            || loading_text
    });
    let no_result = Memo::new(move |_| showable.get() == 0 && !loading.get());

    let heading_scope = move || {
        let locale = app.locale.get();
        let s = state.get();
        if let Some(p) = &s.province {
            let mut t = format!(
                "{} {}",
                locale.t("دفترهای استان", "Offices in"),
                province_name(p, locale)
            );
            if let Some(c) = &s.city {
                t.push_str(&format!("{}{c}", locale.t("، شهر ", ", ")));
            }
            Some(t)
        } else if let (Some(_), Some(city)) = (s.near, &s.city) {
            Some(format!(
                "{} {city}{}",
                locale.t("دفترهای", "Offices in"),
                locale.t("، نزدیک‌ترین به مرکز شهر", ", nearest its centre first")
            ))
        } else if s.near.is_some() {
            Some(format!(
                "{} {}",
                locale.t(
                    "دفترهای نزدیک موقعیت شما، تا",
                    "Offices near your location, within"
                ),
                format::radius(locale, s.radius())
            ))
        } else if nationwide.get() {
            let typed = settled.get().trim().to_string();
            let district = match text_found() {
                Some(t) => t.district,
                // Without the index: the district when no office has the code itself.
                None => match classify(&typed) {
                    QueryKind::PostalCode(code) if !results.with(Vec::is_empty) => {
                        let exact = results.with(|r| {
                            r.iter().any(|row| {
                                row.office().is_some_and(|o| {
                                    o.postal_code.as_deref() == Some(code.as_str())
                                })
                            })
                        });
                        (!exact)
                            .then(|| postal_district(&code).map(str::to_string))
                            .flatten()
                    }
                    _ => None,
                },
            };
            Some(match district {
                Some(d) => format!(
                    "{} «{}»{} {}",
                    locale.t("هیچ دفتری کد پستی", "No office has postal code"),
                    format::digits(locale, &typed),
                    locale.t(
                        " را ندارد؛ دفترهای ناحیهٔ پستی",
                        "; offices in postal district"
                    ),
                    format::digits(locale, &d)
                ),
                None => format!(
                    "{} «{typed}» {}",
                    locale.t("دفترهای مطابق", "Offices matching"),
                    locale.t("در همهٔ کشور", "across the country")
                ),
            })
        } else {
            None
        }
    };
    // The chosen services that no Pishkhan or rural ICT office does (e.g. passports): worked
    // out once per change of the choice or the catalogue, read in four places.
    let not_at_offices_memo = Memo::new(move |_| -> Option<crate::model::Service> {
        let chosen = state.with(|s| s.services.clone());
        match services.get() {
            Some(Ok(doc)) => doc
                .doc
                .services
                .iter()
                .find(|sv| chosen.contains(&sv.id) && !sv.has_channel(&Channel::Pishkhan))
                .cloned(),
            _ => None,
        }
    });
    let not_at_offices = move || not_at_offices_memo.get();
    let filter_count = move || state.with(FinderState::filter_count);
    // The agencies document, for where a service not done at offices is done.
    let agencies = LocalResource::new(move || {
        let need = not_at_offices().is_some();
        let api = api.get_value();
        async move {
            if need {
                Some(api.agencies().await)
            } else {
                None
            }
        }
    });
    // The index's places, for spelling suggestions after "nothing matched".
    let places = LocalResource::new(move || {
        let info = index_info
            .get()
            .filter(|_| no_result.get() && !settled.with(|t| t.trim().is_empty()));
        let api = api.get_value();
        async move {
            match info {
                Some(info) => Some(api.places(&info).await),
                None => None,
            }
        }
    });
    let filters_open = RwSignal::new(false);

    // Why nothing was found, and the way on (domain::finder::dead_end).
    let dead_end_view = move || {
        let locale = app.locale.get();
        let s = state.get();
        let typed = settled.get().trim().to_string();
        let loaded = active();
        let slices: Vec<IndexedOffices<'_>> = loaded
            .iter()
            .map(|(d, i)| (d.offices(), i.as_ref()))
            .collect();
        let now = clock.get();
        let orders = orders.get();
        let city = s.city.as_deref().map(fold);
        // The same search at any hour, for "nothing is open now".
        let open_later: Vec<&Office> = if s.open_now {
            let any_hour = FinderState {
                open_now: false,
                ..s.clone()
            };
            let f = Filters::from_state(&any_hour, city.as_deref(), None);
            let order = order_of(&loaded, locale == Locale::En);
            find(&slices, &Query::new(&typed), &f, &order)
                .into_iter()
                .filter_map(|h| slices.get(h.doc).and_then(|(o, _)| o.get(h.office)))
                .collect()
        } else {
            Vec::new()
        };
        let situation = Situation {
            failed: !docs.failed().is_empty(),
            not_at_offices: not_at_offices().map(|sv| sv.id),
            closed_now: !open_later.is_empty(),
            radius_km: s.near.map(|_| s.radius()),
            text: !typed.is_empty(),
        };
        let kind = dead_end(&situation, &RADIUS_CHOICES_KM);
        let chosen: Vec<crate::model::Service> = match services.get() {
            Some(Ok(doc)) => doc
                .doc
                .services
                .iter()
                .filter(|sv| s.services.contains(&sv.id))
                .cloned()
                .collect(),
            _ => Vec::new(),
        };
        let not_at = matches!(kind, DeadEnd::NotAtOffices(_))
            .then(not_at_offices)
            .flatten()
            .map(|sv| {
                let agency = agencies.get().flatten().and_then(|r| r.ok()).and_then(|d| {
                    d.doc
                        .agencies
                        .iter()
                        .find(|a| a.id == sv.agency_id)
                        .map(|a| a.name(locale).to_string())
                });
                (sv, agency)
            });
        let first_open = earliest_opening(open_later.iter().copied(), &orders, now)
            .map(|(o, next)| (o.name(locale).to_string(), next));
        let spelling = if kind == DeadEnd::NothingMatched {
            let places_doc = places.get().flatten().and_then(Result::ok);
            // Each city of the loaded offices once (not once per office), and the index's places.
            let names: Vec<String> = city_keys.with(|cities| {
                let mut pool: Vec<&str> = cities
                    .iter()
                    .flat_map(|(fa, en, _, _)| [fa.as_str(), en.as_str()])
                    .collect();
                if let Some(p) = &places_doc {
                    for pl in &p.doc.places {
                        pool.push(&pl.name_fa);
                        pool.push(&pl.name_en);
                    }
                }
                similar_names(&typed, pool, SPELLING_SUGGESTIONS)
                    .into_iter()
                    .map(str::to_string)
                    .collect()
            });
            let services_like: Vec<(String, String)> = match services.get() {
                Some(Ok(doc)) => service_keys
                    .with(|k| k.rank(&Query::new(&typed)))
                    .into_iter()
                    .take(3)
                    .filter_map(|(i, _)| {
                        doc.doc
                            .services
                            .get(i)
                            .map(|sv| (sv.id.clone(), sv.name(locale).to_string()))
                    })
                    .collect(),
                _ => Vec::new(),
            };
            // The index names places (or finds the words too common to list offices).
            let found = text_found();
            let places = found
                .as_ref()
                .map(|t| t.found.places.clone())
                .unwrap_or_default()
                .into_iter()
                .take(SPELLING_SUGGESTIONS)
                .map(|p| {
                    let label = format!(
                        "{} ({})",
                        locale.t(&p.name_fa, &p.name_en),
                        province_name(&p.province_id, locale)
                    );
                    (s.at_place(&p.name_fa, &p.province_id, p.centroid), label)
                })
                .collect();
            Spelling {
                names,
                services: services_like,
                places,
                too_common: found.as_ref().is_some_and(|t| t.found.too_common),
            }
        } else {
            Spelling::default()
        };
        let facts = DeadEndFacts {
            kind,
            state: s,
            typed,
            chosen,
            not_at_offices: not_at,
            first_open,
            today: now.date(),
            spelling,
        };
        let search = Callback::new(move |next: FinderState| go(next, false));
        let respell = Callback::new(move |next: FinderState| {
            resolve_next.set_value(Some(next.q.clone()));
            go(next, false)
        });
        view! { <DeadEndNotice facts locale go=search respell/> }
    };

    view! {
        <PageHeading>{move || app.locale.get().t("یافتن دفتر", "Find an office")}</PageHeading>
        {move || heading_scope().map(|t| view! { <p class="app-lead" data-testid="search-scope">{t}</p> })}
        <Show when=move || unknown_province.get()>
            <p class="app-notice app-notice--warning" data-testid="unknown-province">
                {move || app.locale.get().t("این استان در داده‌ها نیست. استان دیگری انتخاب کنید.", "That province is not in the data. Choose another.")}
            </p>
            <PlaceChooser base=Signal::derive(move || FinderState { province: None, ..state.get() })/>
        </Show>
        <Show when=move || !unknown_province.get()>
            <section class="finder-filters" aria-label=move || app.locale.get().t("جست‌وجو و صافی‌ها", "Search and filters")>
                <Combobox id="finder-search"
                    label=Signal::derive(move || app.locale.get().t("شهر، دفتر، کد یا خدمت", "Place, office, code or service").to_string())
                    hint=Signal::derive(move || app.locale.get().t("نام یا نشانی دفتر، کد دفتر، کد پستی یا نام خدمت؛ نتیجه‌ها همزمان با تایپ به‌روز می‌شوند و بدون انتخاب جا، در همهٔ کشور.", "An office's name or address, its code, a postal code or a service; results update as you type, across the country when no place is chosen.").to_string())
                    value=text suggestions on_select on_submit
                    button=Signal::derive(move || app.locale.get().t("جست‌وجو", "Search").to_string())/>
                <ServiceChips state go=Callback::new(move |s: FinderState| go(s, false)) service_name=Callback::new(move |(id, l): (String, Locale)| service_name(&id, l))/>
            </section>
            {move || {
                let s = state.get();
                (!s.has_place() && !nationwide.get()).then(|| {
                    let locale = app.locale.get();
                    let away = not_at_offices();
                    view! {
                        <section class="finder-choose" data-testid="choose-place">
                            {away.map(|sv| {
                                let page = Route::service(&sv.id).href();
                                view! {
                                    <p class="app-notice app-notice--warning" data-testid="dead-end-not-at-offices">
                                        {format!("«{}» {}", sv.name(locale), locale.t("در دفترهای پیشخوان و ICT روستایی انجام نمی‌شود.", "is not done at Pishkhan or rural ICT offices."))}
                                        " "
                                        <leptos_router::components::A href=page>{locale.t("کجا و چگونه انجام می‌شود", "Where and how it is done")}</leptos_router::components::A>
                                    </p>
                                }
                            })}
                            <h2>{locale.t("کجا جست‌وجو کنیم؟", "Where should we search?")}</h2>
                            <p>{locale.t(
                                "نام شهر یا دفتر را بنویسید، یا دفترهای نزدیک خود یا یک استان را ببینید.",
                                "Type a place or an office above, or see the offices near you or in a province.",
                            )}</p>
                            {(!s.services.is_empty()).then(|| {
                                let what: Vec<String> = s.services.iter().map(|id| service_name(id, locale)).collect();
                                view! { <p data-testid="pending-search">{locale.t("جست‌وجوی شما: ", "Your search: ")}<bdi>{what.join(locale.t("، ", ", "))}</bdi></p> }
                            })}
                            <PlaceChooser base=Signal::derive(move || state.get())/>
                            <p class="finder-check-licence">
                                {locale.t("پروانهٔ یک دفتر را می‌خواهید بررسی کنید؟ ", "Want to check an office's licence? ")}
                                <leptos_router::components::A href=format!("{}#lookup-title", crate::route::Page::Licences.href())>
                                    {locale.t("بررسی یک پروانه با شماره‌اش", "Check a licence by its number")}
                                </leptos_router::components::A>
                            </p>
                        </section>
                    }
                })
            }}
        </Show>
        <Show when=move || (state.with(FinderState::has_place) || nationwide.get()) && !unknown_province.get()>
            <LoadProgress progress=Signal::derive(move || docs.progress()) transient=true/>
            <FailedProvinces failed=Signal::derive(move || docs.failed())
                on_retry=Callback::new(move |id: String| docs.retry(&id))
                on_retry_all=Callback::new(move |_| docs.retry_failed())/>
            <h2 class="app-visually-hidden">{move || app.locale.get().t("نتیجه‌ها", "Results")}</h2>
            <div class="finder-toolbar">
                <button type="button" class="app-button app-button--secondary finder-filters-toggle" data-testid="filters-toggle"
                    aria-controls="finder-filter-panel"
                    aria-expanded=move || if filters_open.get() { "true" } else { "false" }
                    on:click=move |_| filters_open.update(|o| *o = !*o)>
                    {move || {
                        let locale = app.locale.get();
                        match filter_count() {
                            0 => locale.t("صافی‌ها", "Filters").to_string(),
                            n => format!("{} ({})", locale.t("صافی‌ها", "Filters"), format::count(locale, n)),
                        }
                    }}
                </button>
            <Show when=move || !no_result.get()>
            <div class="finder-view-toggle" role="group" aria-label=move || app.locale.get().t("نمایش نتیجه‌ها", "Show results as")>
                <button type="button" class="app-button app-button--secondary" data-testid="view-list"
                    aria-pressed=move || if map_view.get() { "false" } else { "true" }
                    on:click=move |_| map_view.set(false)>{move || app.locale.get().t("فهرست", "List")}</button>
                <button type="button" class="app-button app-button--secondary" data-testid="view-map"
                    aria-pressed=move || if map_view.get() { "true" } else { "false" }
                    on:click=move |_| map_view.set(true)>{move || app.locale.get().t("نقشه", "Map")}</button>
                <ShareButton
                    url=Signal::derive(move || Route::Offices(state.get().shared(share_position.get())).href())
                    title=Signal::derive(move || heading_scope().unwrap_or_else(|| app.locale.get().t("یافتن دفتر", "Find an office").to_string()))
                    label=Signal::derive(move || app.locale.get().t("هم‌رسانی", "Share").to_string())
                    aria_label=Signal::derive(move || app.locale.get().t("هم‌رسانی فهرست", "Share the list").to_string())/>
                <button type="button" class="app-button app-button--secondary finder-print" data-testid="print-results"
                    on:click=move |_| dom::print()>{move || app.locale.get().t("چاپ فهرست", "Print the list")}</button>
                <button type="button" class="app-button app-button--secondary finder-geojson" data-testid="results-geojson"
                    on:click=move |_| {
                        let geo = results.with_untracked(|r| {
                            crate::domain::geojson::offices_geojson(r.iter().filter_map(|row| row.office()))
                        });
                        let name = format!("offices-{}.geojson", crate::platform::clock::now_iran().date().format("%Y-%m-%d"));
                        if let Err(e) = dom::download_text(&name, "application/geo+json", &geo) {
                            leptos::logging::warn!("GeoJSON download failed: {e}");
                        }
                    }>{move || app.locale.get().t("دریافت GeoJSON فهرست", "Download the list as GeoJSON")}</button>
            </div>
            </Show>
            </div>
            <div id="finder-filter-panel" class="finder-filter-panel" data-open=move || filters_open.get().then_some("")>
                <FilterControls state cities=city_keys go=Callback::new(move |s: FinderState| go(s, false))/>
            </div>
            // One live region: the count, or why nothing was found and the way on.
            <div id="result-count" class="finder-count" role="status" aria-live="polite" tabindex="-1" data-testid="result-count">
                <Show when=move || no_result.get()>{dead_end_view}</Show>
                {move || {
                    let locale = app.locale.get();
                    let n = showable.get();
                    if n == 0 {
                        String::new()
                    } else if nationwide_more.get() {
                        let total = text_found().map(|t| t.found.office_total).unwrap_or(n);
                        match locale {
                            Locale::Fa => format!("{} دفتر از {} دفتر مطابق", format::count(locale, n), format::count(locale, total)),
                            Locale::En => format!("{} of {} matching offices", format::count(locale, n), format::count(locale, total)),
                        }
                    } else if !complete.get() {
                        match locale {
                            Locale::Fa => format!("{} دفتر نزدیک‌تر", format::count(locale, n)),
                            Locale::En => format!("The {} nearest {}", format::count(locale, n), format::plural(n, "office", "offices")),
                        }
                    } else {
                        format!("{} {}", format::count(locale, n), locale.t("دفتر پیدا شد", format::plural(n, "office found", "offices found")))
                    }
                }}
            </div>
            <Show when=move || map_view.get()>
                <p class="app-muted">{move || app.locale.get().t(
                    "نقشه همان دفترهای فهرست را نشان می‌دهد (دفترهای بدون موقعیت ثبت‌شده روی نقشه نیستند).",
                    "The map shows the offices of the list (offices without a recorded location are not on it).",
                )}</p>
                <OfficeMap markers=Signal::derive(move || {
                    let locale = app.locale.get();
                    let now = clock.get();
                    let orders = orders.get();
                    let s = state.get();
                    // The searched position, unless it is a place's centre (the city is named).
                    let here = s.near.filter(|_| s.city.is_none()).and_then(|p| here_marker(p, locale));
                    results.with(|rows| here.into_iter().chain(rows.iter().take(visible.get().min(showable.get()))
                        .filter_map(|r| r.office().and_then(|o| office_marker_now(o, &opening_state(o, &orders, now), locale))))
                        .collect::<Vec<_>>())
                })/>
            </Show>
            <ol class="app-results finder-results" data-testid="results" hidden=move || map_view.get()>
                // Keyed: a keystroke builds only the cards that were not on the list before
                // (and moves the others); what every card shows from outside its office (the
                // language, the time, the services asked for) rebuilds the list when it changes.
                {move || {
                    let locale = app.locale.get();
                    let now = clock.get();
                    let orders = orders.get();
                    let asked = asked.get();
                    view! {
                        <For each=move || results.with(|r| shown_cards(&r[..visible.get().min(showable.get()).min(r.len())]))
                            key=|card: &Card| card.key.clone()
                            children=move |card: Card| {
                                let office = card.row.office()?.clone();
                                let opening = opening_state(&office, &orders, now);
                                Some(view! {
                                    <OfficeCard office distance_km=card.row.distance_km opening today=now.date() matched_services=asked.clone() locale/>
                                })
                            }/>
                    }
                }}
            </ol>
            {move || {
                let total = results.with(Vec::len);
                let shown = visible.get();
                // Near me through the index knows only what it has fetched: more may be there;
                // a nationwide search asked the index for its first offices only.
                let more_to_fetch = (!complete.get() && showable.get() >= shown) || nationwide_more.get();
                (total > shown || more_to_fetch).then(|| {
                    let locale = app.locale.get();
                    let label = if complete.get() && !nationwide_more.get() {
                        format!("{} ({} {})", locale.t("نمایش بیشتر", "Show more"), format::count(locale, total - shown), locale.t("دفتر دیگر", "more"))
                    } else {
                        locale.t("نمایش دفترهای بیشتر", "Show more offices").to_string()
                    };
                    view! {
                        <button type="button" class="app-button app-button--secondary finder-more" data-testid="show-more"
                            on:click=move |_| {
                                let first_new = visible.get_untracked().min(total);
                                if nationwide_more.get_untracked() && total <= visible.get_untracked() {
                                    text_limit.update(|l| *l += NATIONWIDE_PAGE_SIZE);
                                }
                                visible.update(|v| *v += page_size());
                                let first = results.with_untracked(|r| r.get(first_new).and_then(Row::office).map(card_id));
                                if let Some(id) = first {
                                    request_animation_frame(move || dom::focus_id(&id));
                                }
                            }>{label}</button>
                    }
                })
            }}
            // The position goes into a shared link only when the person sharing says so (a
            // place searched by name is its centre, not where they are: always shared). Under
            // the list, so the first result stays on a phone's first screen.
            {move || state.with(|s| s.near.is_some() && s.city.is_none()).then(|| view! {
                <p class="app-no-print">
                    <label class="app-checkbox" for="share-position">
                        <input type="checkbox" id="share-position" data-testid="share-position"
                            prop:checked=move || share_position.get()
                            on:change:target=move |ev| share_position.set(ev.target().checked())/>
                        <span>{move || app.locale.get().t("هم‌رسانی این فهرست با موقعیت من", "Share this list with my position")}</span>
                    </label>
                </p>
            })}
        </Show>
    }
}

/// The chosen services as removable tags.
#[component]
fn ServiceChips(
    state: Memo<FinderState>,
    go: Callback<FinderState>,
    service_name: Callback<(String, Locale), String>,
) -> impl IntoView {
    let app = use_app();
    move || {
        let s = state.get();
        let locale = app.locale.get();
        (!s.services.is_empty()).then(|| {
            view! {
                <ul class="finder-chips" aria-label=locale.t("خدمات انتخاب‌شده", "Chosen services") data-testid="service-chips">
                    {s.services.iter().map(|id| {
                        let name = service_name.run((id.clone(), locale));
                        let id = id.clone();
                        let label = format!("{} {}", locale.t("برداشتن صافی", "Remove filter"), name);
                        view! {
                            <li class="finder-chip">
                                // The service's page (documents, fee, steps) is one tap away.
                                <leptos_router::components::A href=Route::service(&id).href() attr:class="finder-chip__link"><bdi>{name}</bdi></leptos_router::components::A>
                                <button type="button" class="finder-chip__remove" aria-label=label
                                    on:click=move |_| {
                                        let mut s = state.get_untracked();
                                        s.services.retain(|x| *x != id);
                                        go.run(s);
                                    }>"×"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
        })
    }
}

/// Province, city, radius, kind, open now, wheelchair.
#[component]
fn FilterControls(
    state: Memo<FinderState>,
    /// The cities of the documents the results come from, in the UI language's order:
    /// (Persian name, English name, their search keys).
    cities: Memo<Vec<(String, String, String, String)>>,
    go: Callback<FinderState>,
) -> impl IntoView {
    let app = use_app();
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    let update = move |f: &dyn Fn(&mut FinderState)| {
        let mut s = state.get_untracked();
        f(&mut s);
        go.run(s);
    };
    // The chosen city's search key (the options are rebuilt only when the cities change).
    let current_city = Memo::new(move |_| state.with(|s| s.city.as_deref().map(fold)));
    let provinces = move || {
        let locale = app.locale.get();
        let mut list: Vec<(String, String)> = match app.meta.get() {
            Some(Ok(m)) => m
                .doc
                .provinces
                .iter()
                .map(|p| (p.id.clone(), p.name(locale).to_string()))
                .collect(),
            _ => Vec::new(),
        };
        crate::domain::collate::sort_by_name(&mut list, locale, |p| &p.1);
        list
    };
    view! {
        <div class="finder-filter-row">
            <div class="app-field">
                <label class="app-field__label" for="filter-province">{t("استان", "Province")}</label>
                <select id="filter-province" class="app-select" data-testid="filter-province"
                    on:change:target=move |ev| {
                        let v = ev.target().value();
                        update(&|s| {
                            s.city = None;
                            if v.is_empty() { s.province = None; } else { s.province = Some(v.clone()); s.near = None; s.radius_km = None; }
                        })
                    }>
                    <option value="" selected=move || state.get().province.is_none()>
                        {move || if state.with(|s| s.near.is_some()) {
                            app.locale.get().t("نزدیک موقعیت من", "Near my location")
                        } else {
                            app.locale.get().t("همهٔ کشور", "All of Iran")
                        }}
                    </option>
                    {move || provinces().into_iter().map(|(id, name)| {
                        let selected = { let id = id.clone(); move || state.get().province.as_deref() == Some(id.as_str()) };
                        view! { <option value=id selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="app-field">
                <label class="app-field__label" for="filter-city">{t("شهر", "City")}</label>
                <select id="filter-city" class="app-select" data-testid="filter-city"
                    on:change:target=move |ev| {
                        let v = ev.target().value();
                        update(&|s| s.city = (!v.is_empty()).then(|| v.clone()))
                    }>
                    <option value="" selected=move || state.get().city.is_none()>{t("همهٔ شهرها", "All cities")}</option>
                    {move || {
                        let english = app.locale.get() == Locale::En;
                        cities.get().into_iter().map(|(fa, en, kfa, ken)| {
                            let selected = move || current_city.with(|c| c.as_ref().is_some_and(|c| *c == kfa || *c == ken));
                            let label = if english { en } else { fa.clone() };
                            view! { <option value=fa selected=selected>{label}</option> }
                        }).collect_view()
                    }}
                </select>
            </div>
            {move || state.get().near.map(|_| view! {
                <div class="app-field">
                    <label class="app-field__label" for="filter-radius">{t("فاصله تا", "Within")}</label>
                    <select id="filter-radius" class="app-select" data-testid="filter-radius"
                        on:change:target=move |ev| {
                            let v = ev.target().value();
                            update(&|s| s.radius_km = v.parse::<f64>().ok())
                        }>
                        {move || {
                            let locale = app.locale.get();
                            let r = state.get().radius();
                            RADIUS_CHOICES_KM.iter().map(|km| {
                                let km = *km;
                                view! { <option value=km.to_string() selected=(f64::from(km) - r).abs() < 0.05>{format!("{} {}", format::integer(locale, u64::from(km)), locale.t("کیلومتر", "km"))}</option> }
                            }).collect_view()
                        }}
                    </select>
                </div>
            })}
            <div class="app-field">
                <label class="app-field__label" for="filter-kind">{t("نوع دفتر", "Office type")}</label>
                <select id="filter-kind" class="app-select" data-testid="filter-kind"
                    on:change:target=move |ev| {
                        let v = ev.target().value();
                        update(&|s| s.kind = (!v.is_empty()).then(|| v.clone()))
                    }>
                    <option value="" selected=move || state.get().kind.is_none()>{t("همه", "All")}</option>
                    {move || {
                        let locale = app.locale.get();
                        OfficeKind::KNOWN.iter().map(|k| {
                            let wire = k.as_str().to_string();
                            let selected = { let wire = wire.clone(); move || state.get().kind.as_deref() == Some(wire.as_str()) };
                            view! { <option value=wire selected=selected>{labels::office_kind(locale, k)}</option> }
                        }).collect_view()
                    }}
                </select>
            </div>
            <div class="finder-checks">
                <label class="app-checkbox">
                    <input type="checkbox" data-testid="filter-open" prop:checked=move || state.get().open_now
                        on:change:target=move |ev| { let on = ev.target().checked(); update(&|s| s.open_now = on) }/>
                    <span>{t("فقط دفترهای باز", "Open now only")}</span>
                </label>
                <label class="app-checkbox">
                    <input type="checkbox" data-testid="filter-wheelchair" prop:checked=move || state.get().wheelchair
                        on:change:target=move |ev| { let on = ev.target().checked(); update(&|s| s.wheelchair = on) }/>
                    <span>{t("دسترسی با ویلچر", "Wheelchair access")}</span>
                </label>
            </div>
        </div>
    }
}
