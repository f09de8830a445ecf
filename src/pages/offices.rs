//! `/offices`: the office finder. All search state is in the query string ([`FinderState`]).
//!
//! Only what the search needs is loaded: near a position, the index's tiles that can hold the
//! nearest offices (when the API has an index), else the provinces the radius reaches; in a
//! province, its document. With no place chosen the page asks for one
//! (near me, or province and city) instead of loading all 31 provinces.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::api::client::Api;
use crate::api::{ApiError, DecodeError, Decoded};
use crate::components::combobox::{Combobox, Suggestion, SERVICE_KEY};
use crate::components::map::{office_marker, OfficeMap};
use crate::components::office_card::OfficeCard;
use crate::components::page::{use_page_title, PageHeading};
use crate::components::place_picker::PlaceChooser;
use crate::components::province_load::{FailedProvinces, LoadProgress};
use crate::context::use_app;
use crate::domain::finder::{self, find, plan_tiles, Filters, IndexedOffices};
use crate::domain::geo::provinces_within;
use crate::domain::hours::opening_state;
use crate::domain::index::{box_min_km, TileTree};
use crate::domain::normalize::{fold, Query};
use crate::domain::search::{rank_services, OfficeIndex};
use crate::hooks::{use_province_docs, use_url_state, DocState, LoadFuture, ProvinceDocs};
use crate::i18n::{format, labels, Locale};
use crate::model::{ClosureOrder, Office, OfficeKind, OfficesDoc, TileDoc};
use crate::platform::clock::use_iran_clock;
use crate::platform::dom;
use crate::route::{FinderState, Route, RADIUS_CHOICES_KM};

/// Results shown at first and added by each "show more".
const PAGE_SIZE: usize = 50;
/// Suggestions of each kind in the search box.
const SUGGESTIONS_PER_KIND: usize = 5;
/// Results shown at first and added by each "show more" near a position through the index
/// (each more needs more tiles; a phone shows a handful on its first screen).
const TILE_PAGE_SIZE: usize = 20;
/// Tiles of the index fetched at the same time for "near me".
const PARALLEL_TILES: usize = 2;

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

/// The page for `/offices`.
#[component]
pub fn OfficesPage() -> impl IntoView {
    let app = use_app();
    let state = use_url_state::<FinderState>();
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

    // The search box text drives the results directly; the URL follows with `replace`.
    let text = RwSignal::new(state.get_untracked().q);
    Effect::new(move |_| {
        let q = state.get().q;
        if text.get_untracked() != q {
            text.set(q);
        }
    });
    Effect::new(move |first: Option<()>| {
        let t = text.get();
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
            let index = Arc::new(OfficeIndex::new(&doc.doc.offices));
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
            let index = Arc::new(OfficeIndex::new(&doc.doc.offices));
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
        if tile_mode.get() && !tiles.failed().is_empty() {
            leptos::logging::warn!("a tile failed; reading province documents");
            index_failed.set(true);
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
        let loader = if tile_mode.get() { tiles } else { docs };
        loader.loaded().into_iter().map(|(_, d)| d).collect()
    };
    let orders = Memo::new(move |_| meta().map(|m| m.doc.closures.clone()).unwrap_or_default());
    let results = Memo::new(move |_| {
        let s = state.get();
        let query = Query::new(&text.get());
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
            find(&slices, &query, &filters, english)
                .into_iter()
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
        text.track();
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
    let province_name = move |id: &str, locale: Locale| -> String {
        meta()
            .and_then(|m| m.doc.province(id).map(|p| p.name(locale).to_string()))
            .unwrap_or_else(|| id.to_string())
    };

    // Search box suggestions: services (add a filter), cities of the loaded provinces, offices.
    let suggestions = Signal::derive(move || {
        let raw = text.get();
        let query = Query::new(&raw);
        if query.is_empty() {
            return Vec::new();
        }
        let locale = app.locale.get();
        let s = state.get();
        let mut out = Vec::new();
        if let Some(Ok(doc)) = services.get() {
            for (i, _) in rank_services(&doc.doc.services, &query)
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
        {
            let loaded = active();
            let offices = loaded.iter().map(|(d, _)| d.offices().iter());
            let english = locale == Locale::En;
            for (fa, en) in finder::cities(offices.flatten(), english)
                .into_iter()
                .filter(|(fa, en)| query.matches(&fold(fa)) || query.matches(&fold(en)))
                .take(SUGGESTIONS_PER_KIND)
            {
                out.push(Suggestion {
                    key: format!("city:{fa}"),
                    label: locale.pick(fa, en),
                    hint: locale.t("شهر", "City").into(),
                });
            }
        }
        for row in results.get().iter().take(SUGGESTIONS_PER_KIND) {
            if let Some(o) = row.office() {
                out.push(Suggestion {
                    key: format!("office:{}", Route::office(&o.province_id, &o.id).path()),
                    label: o.name(locale).to_string(),
                    hint: format!("{} · {}", locale.t("دفتر", "Office"), o.city(locale)),
                });
            }
        }
        out
    });
    let on_select = Callback::new(move |sug: Suggestion| {
        let mut s = state.get_untracked();
        if let Some(id) = sug.key.strip_prefix(SERVICE_KEY) {
            // The typed text was what found the suggestion; the URL change clears the box.
            s.services.push(id.to_string());
            s.q.clear();
            go(s, false);
        } else if let Some(city) = sug.key.strip_prefix("city:") {
            s.city = Some(city.to_string());
            s.q.clear();
            go(s, false);
        } else if let Some(href) = sug.key.strip_prefix("office:") {
            let href = href.to_string();
            nav.with_value(|n| n(&href, NavigateOptions::default()));
        }
    });
    let on_submit = Callback::new(move |_: String| {
        request_animation_frame(|| dom::focus_id("result-count"));
    });

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
        } else {
            s.near.map(|_| {
                format!(
                    "{} {}",
                    locale.t(
                        "دفترهای نزدیک موقعیت شما، تا",
                        "Offices near your location, within"
                    ),
                    format::km(locale, s.radius())
                )
            })
        }
    };

    view! {
        <PageHeading>{move || app.locale.get().t("یافتن دفتر", "Find an office")}</PageHeading>
        {move || heading_scope().map(|t| view! { <p class="app-lead" data-testid="search-scope">{t}</p> })}
        {move || {
            let s = state.get();
            if unknown_province.get() {
                let locale = app.locale.get();
                view! {
                    <p class="app-notice app-notice--warning" data-testid="unknown-province">
                        {locale.t("این استان در داده‌ها نیست. استان دیگری انتخاب کنید.", "That province is not in the data. Choose another.")}
                    </p>
                    <PlaceChooser base=Signal::derive(move || FinderState { province: None, ..state.get() })/>
                }.into_any()
            } else if !s.has_place() {
                let locale = app.locale.get();
                view! {
                    <section class="finder-choose" data-testid="choose-place">
                        <h2>{locale.t("کجا جست‌وجو کنیم؟", "Where should we search?")}</h2>
                        <p>{locale.t(
                            "برای سرعت، فقط دفترهای نزدیک شما یا استانی که انتخاب می‌کنید بارگذاری می‌شود.",
                            "To keep this fast, we load only the offices near you or in the province you choose.",
                        )}</p>
                        {(!s.q.is_empty() || !s.services.is_empty()).then(|| {
                            let mut what: Vec<String> = s.services.iter().map(|id| service_name(id, locale)).collect();
                            if !s.q.is_empty() { what.push(format!("«{}»", s.q)); }
                            view! { <p data-testid="pending-search">{locale.t("جست‌وجوی شما: ", "Your search: ")}<bdi>{what.join(locale.t("، ", ", "))}</bdi></p> }
                        })}
                        <PlaceChooser base=Signal::derive(move || state.get())/>
                    </section>
                }.into_any()
            } else {
                ().into_any()
            }
        }}
        <Show when=move || state.with(|s| s.has_place()) && !unknown_province.get()>
            <section class="finder-filters" aria-label=move || app.locale.get().t("جست‌وجو و صافی‌ها", "Search and filters")>
                <Combobox id="finder-search"
                    label=Signal::derive(move || app.locale.get().t("نام، کد، شهر یا نشانی دفتر، یا نام خدمت", "Office name, code, city or address, or a service").to_string())
                    hint=Signal::derive(move || app.locale.get().t("نتیجه‌ها همزمان با تایپ به‌روز می‌شوند.", "Results update as you type.").to_string())
                    value=text suggestions on_select on_submit
                    button=Signal::derive(move || app.locale.get().t("جست‌وجو", "Search").to_string())/>
                <ServiceChips state go=Callback::new(move |s: FinderState| go(s, false)) service_name=Callback::new(move |(id, l): (String, Locale)| service_name(&id, l))/>
                <FilterControls state active=Signal::derive(active) go=Callback::new(move |s: FinderState| go(s, false))/>
            </section>
            <LoadProgress progress=Signal::derive(move || docs.progress()) transient=true/>
            <FailedProvinces failed=Signal::derive(move || docs.failed())
                on_retry=Callback::new(move |id: String| docs.retry(&id))
                on_retry_all=Callback::new(move |_| docs.retry_failed())/>
            <h2 class="app-visually-hidden">{move || app.locale.get().t("نتیجه‌ها", "Results")}</h2>
            <p id="result-count" class="finder-count" role="status" aria-live="polite" tabindex="-1" data-testid="result-count">
                {move || {
                    let locale = app.locale.get();
                    let n = showable.get();
                    let loading_tiles = tile_mode.get() && (tree.with(Option::is_none) || tiles.pending() || !plan.with(|p| p.fetch.is_empty()));
                    let pending = docs.pending() || docs.progress().1 < needed.with(Vec::len) || app.meta.get().is_none() || loading_tiles;
                    if n == 0 && pending {
                        String::new()
                    } else if n == 0 {
                        locale.t("هیچ دفتری با این جست‌وجو پیدا نشد.", "No office matches this search.").to_string()
                    } else if !complete.get() {
                        match locale {
                            Locale::Fa => format!("{} دفتر نزدیک‌تر", format::count(locale, n)),
                            Locale::En => format!("The {} nearest {}", format::count(locale, n), format::plural(n, "office", "offices")),
                        }
                    } else {
                        format!("{} {}", format::count(locale, n), locale.t("دفتر پیدا شد", format::plural(n, "office found", "offices found")))
                    }
                }}
            </p>
            <div class="finder-view-toggle" role="group" aria-label=move || app.locale.get().t("نمایش نتیجه‌ها", "Show results as")>
                <button type="button" class="app-button app-button--secondary" data-testid="view-list"
                    aria-pressed=move || if map_view.get() { "false" } else { "true" }
                    on:click=move |_| map_view.set(false)>{move || app.locale.get().t("فهرست", "List")}</button>
                <button type="button" class="app-button app-button--secondary" data-testid="view-map"
                    aria-pressed=move || if map_view.get() { "true" } else { "false" }
                    on:click=move |_| map_view.set(true)>{move || app.locale.get().t("نقشه", "Map")}</button>
            </div>
            <Show when=move || map_view.get()>
                <p class="app-muted">{move || app.locale.get().t(
                    "نقشه همان دفترهای فهرست را نشان می‌دهد (دفترهای بدون موقعیت ثبت‌شده روی نقشه نیستند).",
                    "The map shows the offices of the list (offices without a recorded location are not on it).",
                )}</p>
                <OfficeMap markers=Signal::derive(move || {
                    let locale = app.locale.get();
                    results.get().iter().take(visible.get().min(showable.get()))
                        .filter_map(|r| r.office().and_then(|o| office_marker(o, locale)))
                        .collect::<Vec<_>>()
                })/>
            </Show>
            <ol class="app-results finder-results" data-testid="results" hidden=move || map_view.get()>
                {move || {
                    let locale = app.locale.get();
                    let now = clock.get();
                    let today = now.date();
                    let orders = orders.get();
                    let asked: Vec<String> = state.get().services.iter().map(|id| service_name(id, locale)).collect();
                    results.get().into_iter().take(visible.get().min(showable.get())).enumerate().filter_map(|(position, row)| {
                        let office = row.office()?.clone();
                        let opening = opening_state(&office, &orders, now);
                        Some(view! {
                            <OfficeCard office position distance_km=row.distance_km opening today matched_services=asked.clone() locale/>
                        })
                    }).collect_view()
                }}
            </ol>
            {move || {
                let total = results.with(Vec::len);
                let shown = visible.get();
                // Near me through the index knows only what it has fetched: more may be there.
                let more_to_fetch = !complete.get() && showable.get() >= shown;
                (total > shown || more_to_fetch).then(|| {
                    let locale = app.locale.get();
                    let label = if complete.get() {
                        format!("{} ({} {})", locale.t("نمایش بیشتر", "Show more"), format::count(locale, total - shown), locale.t("دفتر دیگر", "more"))
                    } else {
                        locale.t("نمایش دفترهای بیشتر", "Show more offices").to_string()
                    };
                    view! {
                        <button type="button" class="app-button app-button--secondary finder-more" data-testid="show-more"
                            on:click=move |_| {
                                let first_new = visible.get_untracked();
                                visible.update(|v| *v += page_size());
                                request_animation_frame(move || dom::focus_id(&format!("result-{first_new}")));
                            }>{label}</button>
                    }
                })
            }}
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
                                <bdi>{name}</bdi>
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
    /// The documents the results come from.
    active: Signal<Vec<IndexedDoc>>,
    go: Callback<FinderState>,
) -> impl IntoView {
    let app = use_app();
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    let update = move |f: &dyn Fn(&mut FinderState)| {
        let mut s = state.get_untracked();
        f(&mut s);
        go.run(s);
    };
    let cities = move || {
        let english = app.locale.get() == Locale::En;
        let loaded = active.get();
        finder::cities(loaded.iter().flat_map(|(d, _)| d.offices().iter()), english)
    };
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
        list.sort_by(|a, b| a.1.cmp(&b.1));
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
                    {move || state.get().near.map(|_| view! {
                        <option value="" selected=move || state.get().province.is_none()>{app.locale.get().t("نزدیک موقعیت من", "Near my location")}</option>
                    })}
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
                        let current = state.get().city.map(|c| fold(&c));
                        cities().into_iter().map(|(fa, en)| {
                            let selected = current.as_deref() == Some(fold(&fa).as_str()) || current.as_deref() == Some(fold(&en).as_str());
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
