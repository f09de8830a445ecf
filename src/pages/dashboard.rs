//! `/dashboard`: per-province and national figures for the provincial working groups —
//! offices by kind, coverage per 100,000 people, licences by status, dormant licences and
//! the conversion of the parallel networks — plus a coverage ranking against a target.
//!
//! `meta.json` already gives every province's office and licence counts, so the table is
//! there at once. The other columns come from the index's one summary document when the API
//! has one; otherwise the province documents (all 31 pairs, ~25 MB on the sample) arrive a
//! few at a time and fill them in, while the page stays usable.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::bar_chart::{Bar, BarChart};
use crate::components::page::{use_page_title, PageHeading};
use crate::components::province_load::{FailedProvinces, LoadProgress};
use crate::components::sort_icon::{SortIcon, SortState};
use crate::components::states::with_document;
use crate::components::watch::{WatchChanges, WatchToggle, Watched};
use crate::context::use_app;
use crate::domain::coverage::{self, ProvinceStats};
use crate::domain::dashboard::{coverage_target, sort_rows, table_csv, Column, DashboardRow};
use crate::domain::index::summary_stats;
use crate::hooks::{use_province_docs, LoadFuture, ProvinceDocs};
use crate::i18n::{format, labels, Locale};
use crate::model::Meta;
use crate::platform::{clock, dom};

/// The dashboard page.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let app = use_app();
    use_page_title(move || {
        app.locale
            .get()
            .t("داشبورد استانی", "Provincial dashboard")
            .to_string()
    });
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    view! {
        <PageHeading>{t("داشبورد استانی", "Provincial dashboard")}</PageHeading>
        <p class="app-lead">{t(
            "دفاتر، پوشش جمعیتی و وضعیت پروانه‌ها در هر استان و کل کشور، برای کارگروه‌های استانی.",
            "Offices, coverage and licence status for each province and the whole country, for the provincial working groups.",
        )}</p>
        <p class="app-dashboard__gaps-link">
            <A href=crate::route::Route::Gaps(crate::route::GapState::default()).href() attr:data-testid="gaps-link">
                {t("کجا مردم از دفتر دورند؟ مکان‌های دور از دفتر را ببینید", "Where are people far from an office? See the places far from an office")}
            </A>
        </p>
        {with_document(app.meta, |meta| view! { <Dashboard meta=Arc::new(meta.doc.clone())/> })}
    }
}

/// The dashboard once `meta.json` is there.
#[component]
fn Dashboard(meta: Arc<Meta>) -> impl IntoView {
    let app = use_app();
    let today = clock::now_iran().date();
    let threshold = app.config.dormant_after_days;
    let api = app.api.clone();
    let provinces = Arc::new(meta.provinces.clone());
    let lookup = provinces.clone();
    // With an index, one document holds every province's figures (index/summary.json);
    // without one, or when it fails, each province's two documents are read.
    let summary = LocalResource::new({
        let api = api.clone();
        let info = api.index(&meta);
        move || {
            let api = api.clone();
            let info = info.clone();
            async move {
                match info {
                    Some(info) => api.summary(&info).await.ok(),
                    None => None,
                }
            }
        }
    });
    // The provinces the summary does not hold (or all, without one) are read from their two
    // documents.
    let docs: ProvinceDocs<Arc<ProvinceStats>> = use_province_docs(move |id| {
        let api = api.clone();
        let province = lookup.iter().find(|p| p.id == id).cloned();
        Box::pin(async move {
            let offices = api.offices(&id).await?;
            let licences = api.licences(&id).await?;
            let province = province.ok_or_else(|| {
                crate::api::ApiError::Decode(crate::api::DecodeError::Schema(format!(
                    "province {id} is not in meta.json"
                )))
            })?;
            Ok(Arc::new(coverage::province_stats(
                &province,
                &offices.doc.offices,
                &licences.doc.licences,
                today,
                threshold,
            )))
        }) as LoadFuture<Arc<ProvinceStats>>
    });
    let ids: Vec<String> = provinces.iter().map(|p| p.id.clone()).collect();
    Effect::new({
        let provinces = provinces.clone();
        move |_| {
            // Once the summary has answered (or there is none), every province is wanted: those
            // it holds are in at once, in one update (one drawing of the page for all of them).
            let Some(summary) = summary.get() else {
                return;
            };
            docs.set_ids_with(&ids, |id| {
                let figures = summary.as_ref()?.doc.province(id)?;
                let province = provinces.iter().find(|p| p.id == id)?;
                Some(Arc::new(summary_stats(figures, province, today, threshold)))
            });
        }
    });

    let rows = {
        let provinces = provinces.clone();
        Memo::new(move |_| {
            let loaded = docs.loaded();
            provinces
                .iter()
                .map(|p| DashboardRow {
                    province: p.clone(),
                    stats: loaded
                        .iter()
                        .find(|(id, _)| *id == p.id)
                        .map(|(_, s)| (**s).clone()),
                })
                .collect::<Vec<_>>()
        })
    };
    let loaded_stats = Memo::new(move |_| {
        rows.with(|r| r.iter().filter_map(|r| r.stats.clone()).collect::<Vec<_>>())
    });
    let watched = Watched::load();
    let configured = app.config.target_offices_per_100k;
    let target = Memo::new(move |_| loaded_stats.with(|s| coverage_target(configured, s)));
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);

    view! {
        <LoadProgress progress=Signal::derive(move || docs.progress())/>
        <FailedProvinces failed=Signal::derive(move || docs.failed())
            on_retry=Callback::new(move |id: String| docs.retry(&id))
            on_retry_all=Callback::new(move |_| docs.retry_failed())/>
        <section aria-labelledby="dash-table-title">
            <h2 id="dash-table-title">{t("استان‌ها", "Provinces")}</h2>
            <p class="app-field__hint">{t(
                "تعداد دفاتر و پروانه‌ها از ابتدا نمایش داده می‌شود؛ ستون‌های دیگر با رسیدن دادهٔ هر استان پر می‌شوند. «…» یعنی هنوز نرسیده است.",
                "Office and licence counts show at once; the other columns fill in as each province's data arrives. \"…\" means not yet loaded.",
            )}</p>
            <p class="app-field__hint" data-testid="dormant-rule">{move || {
                let locale = app.locale.get();
                let limit = format::days(locale, i64::from(threshold));
                match locale {
                    Locale::Fa => format!("«پروانهٔ راکد» یعنی پروانه‌ای که صادر شده، هیچ‌گاه فعال نشده و بیش از {limit} از صدورش گذشته است. «سهم دفاتر پیشخوان» نشان می‌دهد چه بخشی از دفاتر شبکه‌های موازی (شهر الکترونیک، تأمین اجتماعی، بیمه سلامت، ICT روستایی) به پیشخوان تبدیل شده‌اند."),
                    Locale::En => format!("A dormant licence was issued, never activated, and issued more than {limit} ago. \"Share already Pishkhan\" shows how far the parallel networks (e-city, social security, health insurance, rural ICT offices) have been converted to Pishkhan offices."),
                }
            }}</p>
            <ProvinceTable rows loaded_stats/>
        </section>
        <ActLinks rows watched/>
        <WatchChanges watched/>
        <section aria-labelledby="dash-charts-title">
            <h2 id="dash-charts-title">{t("نمودارها", "Charts")}</h2>
            <p class="app-field__hint">{t(
                "همین اعداد در جدول بالا و جدول پوشش آمده است.",
                "The same figures are in the table above and the coverage table below.",
            )}</p>
            <Charts loaded_stats meta=provinces.clone() target/>
        </section>
        <CoverageView rows target configured=configured.is_some()/>
    }
}

/// A province's name in the locale.
fn name_of(p: &crate::model::Province, locale: Locale) -> String {
    p.name(locale).to_string()
}

/// A column's heading.
fn column_label(column: &Column, locale: Locale) -> String {
    match column {
        Column::Province => locale.t("استان", "Province").into(),
        Column::Population => locale.t("جمعیت", "Population").into(),
        Column::Offices => locale.t("همهٔ دفاتر", "All offices").into(),
        Column::OfficeKind(k) => format!(
            "{} {}",
            locale.t("دفاتر", "Offices:"),
            short_kind(k, locale)
        ),
        Column::Open => locale.t("دفاتر فعال", "Open offices").into(),
        Column::OpenPer100k => locale
            .t(
                "دفتر فعال در هر ۱۰۰ هزار نفر",
                "Open offices per 100,000 people",
            )
            .into(),
        Column::Licences => locale.t("همهٔ پروانه‌ها", "All licences").into(),
        Column::Status(s) => format!(
            "{} {}",
            locale.t("پروانهٔ", "Licences:"),
            labels::licence_status(locale, s)
        ),
        Column::Dormant => locale.t("پروانهٔ راکد", "Dormant licences").into(),
        Column::DormantPer100 => locale
            .t("پروانهٔ راکد در هر ۱۰۰ پروانه", "Dormant per 100 licences")
            .into(),
        Column::PishkhanShare => locale
            .t(
                "سهم دفاتر پیشخوان (پیشرفت تبدیل)",
                "Share already Pishkhan (conversion)",
            )
            .into(),
    }
}

/// A short name of an office kind for a column heading.
fn short_kind(kind: &crate::model::OfficeKind, locale: Locale) -> &'static str {
    use crate::model::OfficeKind;
    match kind {
        OfficeKind::Pishkhan => locale.t("پیشخوان", "Pishkhan"),
        OfficeKind::RuralIct => locale.t("ICT روستایی", "rural ICT"),
        OfficeKind::ECity => locale.t("شهر الکترونیک", "e-city"),
        OfficeKind::SocialSecurity => locale.t("تأمین اجتماعی", "social security"),
        OfficeKind::HealthInsurance => locale.t("بیمه سلامت", "health insurance"),
        OfficeKind::Other(_) => labels::office_kind(locale, kind),
    }
}

/// A column's value as text.
fn cell_text(column: &Column, value: Option<f64>, locale: Locale) -> String {
    let Some(v) = value else {
        return "…".to_string();
    };
    match column {
        Column::OpenPer100k => format::decimal(locale, v, 2),
        Column::DormantPer100 => format::decimal(locale, v, 1),
        Column::PishkhanShare => format::percent(locale, v, 1),
        // Counts: whole, non-negative numbers by construction.
        _ => format::integer(locale, v.max(0.0).round() as u64),
    }
}

/// The Pishkhan share with its counts, "62.1% (120/193)": converted offices of all offices.
fn with_conversion(
    column: &Column,
    text: String,
    stats: Option<&ProvinceStats>,
    locale: Locale,
) -> String {
    match (column, stats) {
        (Column::PishkhanShare, Some(s)) => {
            let converted = s
                .offices_by_kind
                .get(&crate::model::OfficeKind::Pishkhan)
                .copied()
                .unwrap_or(0);
            format!(
                "{text} ({}/{})",
                format::integer(locale, u64::from(converted)),
                format::integer(locale, u64::from(s.offices_total))
            )
        }
        _ => text,
    }
}

/// A figure, as a link to the registry or finder view behind it when there is one.
fn figure(text: String, link: Option<crate::route::Route>) -> AnyView {
    match link {
        Some(route) => {
            view! { <A href=route.href() attr:class="app-figure-link">{text}</A> }.into_any()
        }
        None => text.into_any(),
    }
}

/// The sortable province table with the national totals in its footer.
#[component]
fn ProvinceTable(
    rows: Memo<Vec<DashboardRow>>,
    loaded_stats: Memo<Vec<ProvinceStats>>,
) -> impl IntoView {
    let app = use_app();
    let sort = RwSignal::new((Column::Province, false));
    let columns = Column::all();
    let sorted = move || {
        let (column, desc) = sort.get();
        let mut list = rows.get();
        sort_rows(&mut list, &column, desc, app.locale.get());
        list
    };
    let header = columns
        .iter()
        .cloned()
        .map(|column| {
            let c1 = column.clone();
            let c2 = column.clone();
            let c3 = column.clone();
            let sort_key = column.key();
            let aria = move || {
                let (c, desc) = sort.get();
                (c == c1).then_some(if desc { "descending" } else { "ascending" })
            };
            let arrow = Signal::derive(move || {
                let (c, desc) = sort.get();
                match (c == c2, desc) {
                    (true, false) => SortState::Ascending,
                    (true, true) => SortState::Descending,
                    _ => SortState::Unsorted,
                }
            });
            let priority = column.priority().to_string();
            view! {
                <th scope="col" aria-sort=aria data-priority=priority>
                    <button type="button" class="app-sort-button" data-sort=sort_key
                        on:click=move |_| sort.update(|(c, desc)| {
                            if *c == c3 { *desc = !*desc } else { *c = c3.clone(); *desc = c3 != Column::Province; }
                        })>
                        {move || column_label(&column, app.locale.get())}
                        <SortIcon state=arrow/>
                    </button>
                </th>
            }
        })
        .collect_view();
    let body_columns = columns.clone();
    let body = move || {
        let locale = app.locale.get();
        sorted()
            .into_iter()
            .map(|row| {
                let cells = body_columns
                    .iter()
                    .filter(|c| **c != Column::Province)
                    .map(|c| {
                        let v = c.value(&row);
                        let text = cell_text(c, v, locale);
                        let text = with_conversion(c, text, row.stats.as_ref(), locale);
                        let link = v.and_then(|_| c.link(std::slice::from_ref(&row.province.id)));
                        view! {
                            <td class="app-table__num" data-col=c.key() data-priority=c.priority().to_string()
                                data-value=v.map(|v| v.to_string())>{figure(text, link)}</td>
                        }
                    })
                    .collect_view();
                view! {
                    <tr data-province=row.province.id.clone() data-loaded=row.stats.is_some().to_string()>
                        <th scope="row"><bdi>{name_of(&row.province, locale)}</bdi></th>
                        {cells}
                    </tr>
                }
            })
            .collect_view()
    };
    let foot_columns = columns.clone();
    let total_rows = move || rows.with(Vec::len);
    let foot = move || {
        let locale = app.locale.get();
        let stats = loaded_stats.get();
        let national = coverage::national_totals(&stats);
        let row = DashboardRow {
            province: crate::model::Province {
                id: coverage::NATIONAL_ID.into(),
                name_fa: "ایران".into(),
                name_en: "Iran".into(),
                population: national.population,
                centroid: crate::model::LatLon { lat: 0.0, lon: 0.0 },
                bbox: None,
                office_count: 0,
                licence_count: 0,
            },
            stats: Some(national),
        };
        let label = match locale {
            Locale::Fa => format!(
                "کل کشور ({} از {} استان)",
                format::count(locale, stats.len()),
                format::count(locale, total_rows())
            ),
            Locale::En => format!("Iran ({} of {} provinces)", stats.len(), total_rows()),
        };
        let every: Vec<String> = rows.with(|r| r.iter().map(|r| r.province.id.clone()).collect());
        let cells = foot_columns
            .iter()
            .filter(|c| **c != Column::Province)
            .map(|c| {
                let v = c.value(&row);
                let text = cell_text(c, v, locale);
                let text = with_conversion(c, text, row.stats.as_ref(), locale);
                let link = v.and_then(|_| c.link(&every));
                view! {
                    <td class="app-table__num" data-testid=format!("total-{}", c.key())
                        data-priority=c.priority().to_string()
                        data-value=v.map(|v| v.to_string())>{figure(text, link)}</td>
                }
            })
            .collect_view();
        view! {
            <tr data-complete=(stats.len() == total_rows()).to_string() data-testid="national-totals">
                <th scope="row">{label}</th>
                {cells}
            </tr>
        }
    };
    let export = {
        let columns = Column::all();
        move |_| {
            let locale = app.locale.get_untracked();
            let (column, desc) = sort.get_untracked();
            let mut list = rows.get_untracked();
            sort_rows(&mut list, &column, desc, locale);
            let totals = coverage::national_totals(&loaded_stats.get_untracked());
            let national = DashboardRow {
                province: crate::model::Province {
                    id: coverage::NATIONAL_ID.into(),
                    name_fa: "ایران".into(),
                    name_en: "Iran".into(),
                    population: totals.population,
                    centroid: crate::model::LatLon { lat: 0.0, lon: 0.0 },
                    bbox: None,
                    office_count: 0,
                    licence_count: 0,
                },
                stats: Some(totals),
            };
            let headings: Vec<String> = columns.iter().map(|c| column_label(c, locale)).collect();
            let csv = table_csv(&headings, &list, &national, locale);
            let today = clock::now_iran().date();
            let name = format!("dashboard-{}.csv", today.format("%Y-%m-%d"));
            if let Err(e) = dom::download_text(&name, "text/csv;charset=utf-8", &csv) {
                leptos::logging::warn!("CSV download failed: {e}");
            }
        }
    };
    let all_columns = RwSignal::new(false);
    view! {
        <div class="app-button-row">
            <button type="button" class="app-button app-button--secondary" data-testid="dashboard-csv"
                on:click=export>{move || app.locale.get().t("دریافت جدول (CSV)", "Download the table (CSV)")}</button>
            <button type="button" class="app-button app-button--secondary" data-testid="dashboard-columns"
                aria-pressed=move || all_columns.get().to_string()
                aria-controls="dashboard-table"
                on:click=move |_| all_columns.update(|a| *a = !*a)>
                {move || if all_columns.get() {
                    app.locale.get().t("ستون‌های اصلی", "Main columns only")
                } else {
                    app.locale.get().t("همهٔ ستون‌ها (به تفکیک نوع دفتر و وضعیت پروانه)", "All columns (by office kind and licence status)")
                }}
            </button>
        </div>
        <div class="app-table-wrap app-dashboard__table-wrap" tabindex="0" role="region"
            aria-label=move || app.locale.get().t("جدول استان‌ها", "Provinces table")>
            <table class="app-table app-dashboard__table" id="dashboard-table" data-testid="dashboard-table"
                class:app-dashboard__table--all=move || all_columns.get()>
                <thead><tr>{header}</tr></thead>
                <tbody>{body}</tbody>
                <tfoot>{foot}</tfoot>
            </table>
        </div>
    }
}

/// Licences to act on, for one province: dormant licences to encourage or revoke, stale active
/// licences, and the parallel-network offices still to convert (with the progress), each a
/// link to the registry or finder view that lists them (with its CSV).
#[component]
fn ActLinks(rows: Memo<Vec<DashboardRow>>, watched: Watched) -> impl IntoView {
    use crate::domain::action::Act;
    use crate::model::OfficeKind;
    use crate::route::{FinderState, RegistryState, Route};
    let app = use_app();
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    let sorted = move |locale: Locale| {
        let mut list: Vec<(String, String)> = rows.with(|r| {
            r.iter()
                .map(|r| (r.province.id.clone(), name_of(&r.province, locale)))
                .collect()
        });
        crate::domain::collate::sort_by_name(&mut list, locale, |p| &p.1);
        list
    };
    let first = untrack(|| sorted(app.locale.get()).into_iter().next().map(|p| p.0));
    let chosen = RwSignal::new(first.unwrap_or_default());
    let options = move || {
        let list = sorted(app.locale.get());
        let current = chosen.get_untracked();
        list.into_iter()
            .map(|(id, name)| {
                let selected = id == current;
                view! { <option value=id selected=selected>{name}</option> }
            })
            .collect_view()
    };
    let registry = move |change: fn(&mut RegistryState)| {
        let mut state = RegistryState {
            provinces: vec![chosen.get()],
            ..RegistryState::default()
        };
        change(&mut state);
        Route::Licences(state).href()
    };
    let parallel = move || {
        let locale = app.locale.get();
        let id = chosen.get();
        let stats = rows.with(|r| {
            r.iter()
                .find(|r| r.province.id == id)
                .and_then(|r| r.stats.clone())
        });
        let Some(s) = stats else {
            return view! { <p>{locale.t("در حال بارگذاری…", "Loading…")}</p> }.into_any();
        };
        let converted = s
            .offices_by_kind
            .get(&OfficeKind::Pishkhan)
            .copied()
            .unwrap_or(0);
        let progress = match locale {
            Locale::Fa => format!(
                "{} از {} دفتر پیشخوان‌اند ({}).",
                format::integer(locale, u64::from(converted)),
                format::integer(locale, u64::from(s.offices_total)),
                format::percent(locale, s.pishkhan_share, 1)
            ),
            Locale::En => format!(
                "{} of {} offices are Pishkhan ({}).",
                format::integer(locale, u64::from(converted)),
                format::integer(locale, u64::from(s.offices_total)),
                format::percent(locale, s.pishkhan_share, 1)
            ),
        };
        let kinds = OfficeKind::KNOWN
            .iter()
            .filter(|k| **k != OfficeKind::Pishkhan)
            .map(|k| {
                let n = s.offices_by_kind.get(k).copied().unwrap_or(0);
                let href = Route::Offices(FinderState {
                    province: Some(id.clone()),
                    kind: Some(k.as_str().to_string()),
                    ..FinderState::default()
                })
                .href();
                view! {
                    <li><A href=href attr:data-testid=format!("convert-{}", k.as_str())>
                        {format!("{}: {}", short_kind(k, locale), format::integer(locale, u64::from(n)))}
                    </A></li>
                }
            })
            .collect_view();
        view! {
            <p data-testid="conversion-progress">{progress}</p>
            <ul class="app-dashboard__act-kinds">{kinds}</ul>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="dash-act-title" data-testid="act-links">
            <h2 id="dash-act-title">{t("برای اقدام", "To act on")}</h2>
            <div class="app-field">
                <label class="app-field__label" for="act-province">{t("استان", "Province")}</label>
                <select id="act-province" class="app-select" data-testid="act-province"
                    on:change:target=move |ev| chosen.set(ev.target().value())>
                    {options}
                </select>
            </div>
            <WatchToggle watched province=Signal::derive(move || chosen.get())/>
            <ul class="app-dashboard__act">
                {Act::ALL.into_iter().map(|act| view! {
                    <li><A href=move || registry(match act {
                            Act::Encourage => |s: &mut RegistryState| s.act = Some(Act::Encourage),
                            Act::Revoke => |s: &mut RegistryState| s.act = Some(Act::Revoke),
                        }) attr:data-testid=format!("act-{}", act.as_str())>
                        {move || act.label(app.locale.get())}
                    </A></li>
                }).collect_view()}
                <li><A href=move || registry(|s| { s.status = Some(crate::model::LicenceStatus::Active); s.stale = true; })
                    attr:data-testid="act-stale">
                    {move || {
                        let locale = app.locale.get();
                        let days = format::days(locale, crate::domain::licence_flags::STALE_AFTER_DAYS);
                        match locale {
                            Locale::Fa => format!("پروانه‌های فعال بدون فعالیت ثبت‌شده در {days} گذشته"),
                            Locale::En => format!("Active licences with no recorded activity in the last {days}"),
                        }
                    }}
                </A></li>
            </ul>
            <h3>{t("دفاتر شبکه‌های موازی که هنوز باید تبدیل شوند", "Parallel-network offices still to convert")}</h3>
            {parallel}
        </section>
    }
}

/// Three bar charts over the loaded provinces: coverage (with the target), conversion,
/// dormant licences.
#[component]
fn Charts(
    loaded_stats: Memo<Vec<ProvinceStats>>,
    meta: Arc<Vec<crate::model::Province>>,
    target: Memo<Option<f64>>,
) -> impl IntoView {
    let app = use_app();
    let rtl = Signal::derive(move || app.locale.get() == Locale::Fa);
    let name = {
        let meta = meta.clone();
        move |id: &str, locale: Locale| {
            meta.iter()
                .find(|p| p.id == id)
                .map(|p| name_of(p, locale))
                .unwrap_or_else(|| id.to_string())
        }
    };
    let bars = move |value: fn(&ProvinceStats) -> f64, text: fn(Locale, f64) -> String| {
        let name = name.clone();
        Signal::derive(move || {
            let locale = app.locale.get();
            let mut stats = loaded_stats.get();
            stats.sort_by(|a, b| value(b).total_cmp(&value(a)));
            stats
                .iter()
                .map(|s| Bar {
                    label: name(&s.province_id, locale),
                    value: value(s),
                    value_text: text(locale, value(s)),
                })
                .collect::<Vec<_>>()
        })
    };
    let per100k = bars(|s| s.open_per_100k, |l, v| format::decimal(l, v, 2));
    let share = bars(|s| s.pishkhan_share, |l, v| format::percent(l, v, 0));
    let dormant = bars(
        |s| f64::from(s.dormant),
        |l, v| format::integer(l, v.max(0.0) as u64),
    );
    let loaded = move || loaded_stats.with(Vec::len);
    let desc = move |fa: &'static str, en: &'static str| {
        Signal::derive(move || {
            let locale = app.locale.get();
            format!(
                "{} {}",
                locale.t(fa, en),
                match locale {
                    Locale::Fa => format!(
                        "{} استان بارگذاری‌شده، از بیشترین به کمترین. همین اعداد در جدول استان‌ها آمده است.",
                        format::count(locale, loaded())
                    ),
                    Locale::En => format!(
                        "{} loaded provinces, highest first. The same figures are in the provinces table.",
                        loaded()
                    ),
                }
            )
        })
    };
    let title = |fa: &'static str, en: &'static str| {
        Signal::derive(move || app.locale.get().t(fa, en).to_string())
    };
    view! {
        <div class="app-dashboard__charts" data-testid="dashboard-charts">
            <BarChart id="chart-coverage"
                title=title("دفاتر فعال در هر ۱۰۰ هزار نفر", "Open offices per 100,000 people")
                desc=desc("دفاتر فعال به ازای هر ۱۰۰ هزار نفر در", "Open offices per 100,000 people in")
                bars=per100k target=Signal::derive(move || target.get()) rtl/>
            <BarChart id="chart-conversion"
                title=title("پیشرفت تبدیل: سهم دفاتری که پیشخوان هستند", "Conversion progress: share of offices that are Pishkhan")
                desc=desc("سهم دفاتر پیشخوان از همهٔ دفاتر در", "Share of Pishkhan offices among all offices in")
                bars=share rtl bar_class="app-chart__bar--2"/>
            <BarChart id="chart-dormant"
                title=title("پروانه‌های راکد", "Dormant licences")
                desc=desc("تعداد پروانه‌های صادرشده و فعال‌نشده پس از مهلت در", "Licences issued and never activated past the limit in")
                bars=dormant rtl bar_class="app-chart__bar--3"/>
        </div>
    }
}

/// Provinces ranked from least to best covered, with the offices each needs to reach the target.
#[component]
fn CoverageView(
    rows: Memo<Vec<DashboardRow>>,
    target: Memo<Option<f64>>,
    configured: bool,
) -> impl IntoView {
    let app = use_app();
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    let explanation = move || {
        let locale = app.locale.get();
        match target.get() {
            None => locale
                .t(
                    "هدف پس از رسیدن دادهٔ نخستین استان محاسبه می‌شود.",
                    "The target is computed once the first province's data arrives.",
                )
                .to_string(),
            Some(v) => {
                let value = format::decimal(locale, v, 2);
                match (configured, locale) {
                    (true, Locale::Fa) => format!("هدف: {value} دفتر فعال در هر ۱۰۰ هزار نفر (تعیین‌شده در پیکربندی)."),
                    (true, Locale::En) => format!("Target: {value} open offices per 100,000 people (set in the configuration)."),
                    (false, Locale::Fa) => format!("هدف: {value} دفتر فعال در هر ۱۰۰ هزار نفر، یعنی میانگین کشوری استان‌های بارگذاری‌شده."),
                    (false, Locale::En) => format!("Target: {value} open offices per 100,000 people, the national average of the loaded provinces."),
                }
            }
        }
    };
    let body = move || {
        let locale = app.locale.get();
        let list = rows.get();
        let loaded: Vec<&DashboardRow> = list.iter().filter(|r| r.stats.is_some()).collect();
        let stats: Vec<ProvinceStats> = loaded.iter().filter_map(|r| r.stats.clone()).collect();
        let goal = target.get().unwrap_or(0.0);
        coverage::coverage_ranking(&stats, goal)
            .into_iter()
            .enumerate()
            .filter_map(|(rank, (i, per100k, needed))| {
                let row = loaded.get(i)?;
                let s = row.stats.as_ref()?;
                Some(view! {
                    <tr data-province=row.province.id.clone()>
                        <td class="app-table__num">{format::count(locale, rank + 1)}</td>
                        <th scope="row"><bdi>{name_of(&row.province, locale)}</bdi></th>
                        <td class="app-table__num">{format::integer(locale, u64::from(s.open_offices))}</td>
                        <td class="app-table__num">{format::decimal(locale, per100k, 2)}</td>
                        <td class="app-table__num" data-testid="offices-needed" data-value=needed.to_string()>
                            {if needed == 0 { locale.t("به هدف رسیده", "Target met").to_string() } else { format::integer(locale, u64::from(needed)) }}
                        </td>
                    </tr>
                })
            })
            .collect_view()
    };
    view! {
        <section aria-labelledby="dash-coverage-title" data-testid="coverage">
            <h2 id="dash-coverage-title">{t("پوشش: دفاتر لازم برای رسیدن به هدف", "Coverage: offices needed to reach the target")}</h2>
            <p data-testid="coverage-target">{explanation}</p>
            <div class="app-table-wrap">
                <table class="app-table">
                    <caption class="app-visually-hidden">{t("استان‌ها از کم‌پوشش‌ترین", "Provinces, least covered first")}</caption>
                    <thead><tr>
                        <th scope="col">{t("رتبه", "Rank")}</th>
                        <th scope="col">{t("استان", "Province")}</th>
                        <th scope="col">{t("دفاتر فعال", "Open offices")}</th>
                        <th scope="col">{t("در هر ۱۰۰ هزار نفر", "Per 100,000 people")}</th>
                        <th scope="col">{t("دفاتر بیشتری که لازم است", "More offices needed")}</th>
                    </tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </section>
    }
}
