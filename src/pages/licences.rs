//! `/licences`: look up one licence by province and number, and the registry of the chosen
//! provinces with filters, sorting, text search, pages and CSV export. All registry state
//! lives in the query string, so a view can be bookmarked and shared.

use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::components::flag_badges::{FlagLegend, FlagTags, StatusTag};
use crate::components::page::{use_page_title, PageHeading};
use crate::components::province_load::{FailedProvinces, LoadProgress};
use crate::components::sort_icon::{SortIcon, SortState};
use crate::components::states::SkippedNotice;
use crate::context::use_app;
use crate::domain::collate;
use crate::domain::csv::licences_csv;
use crate::domain::normalize::fold;
use crate::domain::registry::{self, filter_sort, paginate, RegistryRow, PAGE_SIZE};
use crate::hooks::{use_province_docs, LoadFuture, ProvinceDocs};
use crate::i18n::{format, labels, Locale};
use crate::model::{Licence, LicenceKind, LicenceStatus};
use crate::platform::{clock, dom};
use crate::route::{RegistryState, Route, SortDir, SortKey, UrlState};

/// The registry and look-up page.
#[component]
pub fn LicencesPage() -> impl IntoView {
    let app = use_app();
    let lookup_failed = RwSignal::new(false);
    use_page_title(move || {
        let locale = app.locale.get();
        let base = locale.t("پروانه‌ها", "Licences");
        if lookup_failed.get() {
            format!("{} {base}", locale.t("خطا:", "Error:"))
        } else {
            base.to_string()
        }
    });
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    view! {
        <PageHeading>{t("پروانه‌های دفاتر", "Office licences")}</PageHeading>
        <p class="app-lead">{t(
            "پروانهٔ دفاتر پیشخوان و ICT روستایی را سازمان تنظیم مقررات و ارتباطات رادیویی صادر می‌کند. درستی پروانهٔ یک دفتر را بررسی کنید یا فهرست پروانه‌های استان‌ها را ببینید.",
            "Licences for Pishkhan and rural ICT offices are issued by the Communications Regulatory Authority. Check that an office's licence is real, or browse the licences of one or more provinces.",
        )}</p>
        <LookupForm failed=lookup_failed/>
        <Registry/>
    }
}

/// What is wrong with the look-up form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LookupError {
    /// Found by number alone only through the index (or the province it starts with).
    NoProvince,
    NoNumber,
    /// No licence has this number.
    NotFound,
    /// The look-up could not be done (network, data).
    Failed,
}

impl LookupError {
    /// The id of the field the error belongs to.
    fn field(self) -> &'static str {
        match self {
            LookupError::NoProvince => "lookup-province",
            LookupError::NoNumber | LookupError::NotFound | LookupError::Failed => "lookup-number",
        }
    }

    fn message(self, locale: Locale) -> &'static str {
        match self {
            LookupError::NoProvince => locale.t(
                "این شماره بدون استان پیدا نشد؛ استان پروانه را انتخاب کنید.",
                "This number could not be found without its province: choose the licence's province.",
            ),
            LookupError::NotFound => locale.t(
                "پروانه‌ای با این شماره در داده‌ها نیست.",
                "No licence with this number is in the data.",
            ),
            LookupError::Failed => locale.t(
                "جست‌وجوی پروانه ممکن نشد؛ اتصال را بررسی کنید و دوباره تلاش کنید.",
                "The licence could not be looked up: check the connection and try again.",
            ),
            LookupError::NoNumber => {
                locale.t("شمارهٔ پروانه را وارد کنید.", "Enter the licence number.")
            }
        }
    }
}

/// Province options from `meta.json`: (id, name in the locale), in the locale's alphabetical
/// order. Tracked.
fn province_options(locale: Locale) -> Vec<(String, String)> {
    let app = use_app();
    let mut list: Vec<(String, String)> = match app.meta.get() {
        Some(Ok(meta)) => meta
            .doc
            .provinces
            .iter()
            .map(|p| (p.id.clone(), p.name(locale).to_string()))
            .collect(),
        _ => Vec::new(),
    };
    collate::sort_by_name(&mut list, locale, |p| &p.1);
    list
}

/// Province + licence number → `/licences/:province/:number`, with GOV.UK-style errors: a
/// summary that takes focus and links to each field, and the message beside the field.
#[component]
fn LookupForm(failed: RwSignal<bool>) -> impl IntoView {
    let app = use_app();
    let navigate = use_navigate();
    let province = RwSignal::new(String::new());
    let number = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<LookupError>::new());
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    let error_for = move |field: &'static str| {
        move || {
            errors
                .get()
                .into_iter()
                .find(|e| e.field() == field)
                .map(|e| e.message(app.locale.get()))
        }
    };
    // Several licences with one number (in different provinces): choose one.
    let choices = RwSignal::new(Vec::<(String, String)>::new());
    // Scanning a licence's QR code with the camera, where the device can.
    let can_scan = crate::platform::scan::available();
    let scanning = RwSignal::new(false);
    let scan_note = RwSignal::new(None::<&'static str>);
    let video = NodeRef::<leptos::html::Video>::new();
    let scan_navigate = navigate.clone();
    let start_scan = move |_| {
        if scanning.get_untracked() {
            scanning.set(false);
            return;
        }
        scanning.set(true);
        scan_note.set(None);
        let navigate = scan_navigate.clone();
        request_animation_frame(move || {
            let Some(el) = video.get_untracked() else {
                return;
            };
            let el: web_sys::Element = el.into();
            leptos::task::spawn_local(async move {
                let stop = move || !scanning.try_get_untracked().unwrap_or(false);
                let result = crate::platform::scan::scan_qr(&el, stop).await;
                scanning.try_set(false);
                let locale = app.locale.get_untracked();
                match result.map(|text| registry::licence_in_url(&text)) {
                    Ok(Some((p, n))) => {
                        navigate(&Route::licence(&p, &n).path(), NavigateOptions::default())
                    }
                    Ok(None) => {
                        scan_note.try_set(Some(locale.t(
                            "این رمزینه نشانی صفحهٔ یک پروانه نیست.",
                            "That code is not the address of a licence page.",
                        )));
                    }
                    Err(crate::platform::scan::ScanError::Denied) => {
                        scan_note.try_set(Some(locale.t(
                            "دسترسی به دوربین داده نشد؛ شماره را وارد کنید.",
                            "The camera was not allowed: type the number instead.",
                        )));
                    }
                    Err(_) => {
                        scan_note.try_set(Some(locale.t(
                            "رمزینه‌ای دیده نشد؛ شماره را وارد کنید.",
                            "No code was seen: type the number instead.",
                        )));
                    }
                }
            });
        });
    };
    let show_errors = move |found: Vec<LookupError>| {
        errors.set(found);
        failed.set(true);
        request_animation_frame(|| dom::focus_id("lookup-errors"));
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        choices.set(Vec::new());
        let p = province.get_untracked();
        let raw = number.get_untracked();
        let normalised = registry::normalise_licence_number(&raw);
        // Numbers are opaque: only an empty one is refused (invisible marks alone count as
        // empty); any other is looked up.
        let Some(n) = normalised else {
            return show_errors(vec![LookupError::NoNumber]);
        };
        errors.set(Vec::new());
        failed.set(false);
        if !p.is_empty() {
            navigate(&Route::licence(&p, &n).path(), NavigateOptions::default());
            return;
        }
        // No province: find it by its number.
        let Some(Ok(meta)) = app.meta.get_untracked() else {
            return show_errors(vec![LookupError::Failed]);
        };
        let api = app.api.clone();
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match api.find_licence(&meta.doc, &n).await {
                Ok(Some(found)) => match found.as_slice() {
                    [] => show_errors(vec![LookupError::NotFound]),
                    [one] => navigate(
                        &Route::licence(&one.province_id, &one.number).path(),
                        NavigateOptions::default(),
                    ),
                    many => {
                        let list = many
                            .iter()
                            .map(|l| (l.province_id.clone(), l.number.clone()))
                            .collect();
                        choices.try_set(list);
                    }
                },
                Ok(None) => show_errors(vec![LookupError::NoProvince]),
                Err(e) => {
                    leptos::logging::warn!("licence look-up: {e}");
                    show_errors(vec![LookupError::Failed]);
                }
            }
        });
    };
    let summary = move || {
        let list = errors.get();
        (!list.is_empty()).then(|| {
            let locale = app.locale.get();
            let items = list
                .into_iter()
                .map(|e| {
                    view! {
                        <li><a href=format!("#{}", e.field())
                            on:click=move |ev| { ev.prevent_default(); dom::focus_id(e.field()); }>
                            {e.message(locale)}</a></li>
                    }
                })
                .collect_view();
            view! {
                <div class="app-error-summary" id="lookup-errors" tabindex="-1" role="alert"
                    aria-labelledby="lookup-errors-title" data-testid="error-summary">
                    <h3 id="lookup-errors-title" class="app-error-summary__title">{locale.t("مشکلی وجود دارد", "There is a problem")}</h3>
                    <ul class="app-error-summary__list">{items}</ul>
                </div>
            }
        })
    };
    let describedby = move |field: &'static str, hint: Option<&'static str>| {
        move || {
            let mut ids: Vec<String> = hint.map(str::to_string).into_iter().collect();
            if error_for(field)().is_some() {
                ids.push(format!("{field}-error"));
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let field_error = move |field: &'static str| {
        move || {
            error_for(field)().map(|msg| {
                view! {
                    <p class="app-field__error" id=format!("{field}-error")>
                        <span class="app-visually-hidden">{app.locale.get().t("خطا:", "Error:")}" "</span>
                        {msg}
                    </p>
                }
            })
        }
    };
    view! {
        <section class="app-licence-lookup" aria-labelledby="lookup-title">
            <h2 id="lookup-title">{t("بررسی یک پروانه", "Check a licence")}</h2>
            {summary}
            <form class="app-lookup-form" novalidate on:submit=on_submit data-testid="lookup-form">
                <div class="app-field">
                    <label class="app-field__label" for="lookup-province">{t("استان", "Province")}</label>
                    {field_error("lookup-province")}
                    <select id="lookup-province" class="app-select"
                        class:app-input--error=move || error_for("lookup-province")().is_some()
                        aria-invalid=move || error_for("lookup-province")().map(|_| "true")
                        aria-describedby=describedby("lookup-province", None)
                        prop:value=move || province.get()
                        on:change:target=move |ev| province.set(ev.target().value())>
                        <option value="">{t("هر استانی (با شمارهٔ پروانه پیدا می‌شود)", "Any province (found by its number)")}</option>
                        {move || province_options(app.locale.get()).into_iter().map(|(id, name)| {
                            let selected = province.get_untracked() == id;
                            view! { <option value=id selected=selected dir="auto">{name}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="app-field">
                    <label class="app-field__label" for="lookup-number">{t("شمارهٔ پروانه", "Licence number")}</label>
                    <p class="app-field__hint" id="lookup-number-hint">{t(
                        "روی تابلوی دفتر یا در صفحهٔ دفتر آمده است، مثلاً ۲۳-۱۴۰۲-۰۰۰۰۱۲. رقم فارسی یا انگلیسی فرقی ندارد.",
                        "It is on the office's sign or its page, for example 23-1402-000012.",
                    )}</p>
                    {field_error("lookup-number")}
                    <input id="lookup-number" class="app-input app-input--number" type="text" dir="ltr"
                        autocomplete="off" spellcheck="false"
                        class:app-input--error=move || error_for("lookup-number")().is_some()
                        aria-invalid=move || error_for("lookup-number")().map(|_| "true")
                        aria-describedby=describedby("lookup-number", Some("lookup-number-hint"))
                        prop:value=move || number.get()
                        on:input:target=move |ev| number.set(ev.target().value())/>
                </div>
                <button type="submit" class="app-button" data-testid="lookup-submit">{t("نمایش پروانه", "Show the licence")}</button>
            </form>
            {can_scan.then(|| view! {
                <div class="app-licence-scan">
                    <button type="button" class="app-button app-button--secondary" data-testid="scan-licence"
                        aria-pressed=move || if scanning.get() { "true" } else { "false" }
                        on:click=start_scan>
                        {move || if scanning.get() {
                            app.locale.get().t("توقف دوربین", "Stop the camera")
                        } else {
                            app.locale.get().t("خواندن رمزینهٔ QR پروانه با دوربین", "Scan the licence's QR code with the camera")
                        }}
                    </button>
                    <video node_ref=video class="app-licence-scan__video" playsinline=true
                        hidden=move || !scanning.get()
                        aria-label=move || app.locale.get().t("تصویر دوربین", "Camera view")></video>
                    <p role="status" data-testid="scan-status">{move || scan_note.get()}</p>
                </div>
            })}
            {move || {
                let list = choices.get();
                (!list.is_empty()).then(|| {
                    let locale = app.locale.get();
                    let meta = app.meta.get().and_then(Result::ok);
                    view! {
                        <p role="status">{locale.t("چند پروانه این شماره را دارند:", "Several licences have this number:")}</p>
                        <ul data-testid="lookup-choices">
                            {list.into_iter().map(|(p, n)| {
                                let name = meta.as_ref().and_then(|m| m.doc.province(&p).map(|x| x.name(locale).to_string())).unwrap_or_else(|| p.clone());
                                view! { <li><A href=Route::licence(&p, &n).href()>{format!("{n} — {name}")}</A></li> }
                            }).collect_view()}
                        </ul>
                    }
                })
            }}
        </section>
    }
}

/// The rows of one province's licences document.
#[derive(Debug)]
struct ProvinceRows {
    rows: Vec<RegistryRow>,
    skipped: usize,
}

/// All loaded rows, compared by identity so a new list always counts as a change.
#[derive(Clone, Default)]
struct Rows(Arc<Vec<RegistryRow>>);

impl PartialEq for Rows {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// Applies a change to the registry state and writes it to the URL (replacing the entry,
/// so typing does not fill the history).
fn edit(
    state: Memo<RegistryState>,
    apply: Callback<RegistryState>,
    change: impl FnOnce(&mut RegistryState),
) {
    let mut next = state.get_untracked();
    change(&mut next);
    apply.run(next);
}

/// The registry: provinces, filters, results table, pages, CSV.
#[component]
fn Registry() -> impl IntoView {
    let app = use_app();
    let query = use_query_map();
    let state = Memo::new(move |_| {
        query.with(|q| RegistryState::from_query(&|k| q.get_all(k).unwrap_or_default()))
    });
    let navigate = use_navigate();
    let apply = Callback::new(move |next: RegistryState| {
        let url = Route::Licences(next).path();
        navigate(
            &url,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    });

    let today = clock::now_iran().date();
    let threshold = app.config.dormant_after_days;
    let api = app.api.clone();
    let docs: ProvinceDocs<Arc<ProvinceRows>> = use_province_docs(move |id| {
        let api = api.clone();
        Box::pin(async move {
            let doc = api.licences(&id).await?;
            let rows = doc
                .doc
                .licences
                .iter()
                .map(|l| RegistryRow::new(l.clone(), today, threshold))
                .collect();
            Ok(Arc::new(ProvinceRows {
                rows,
                skipped: doc.skipped.len(),
            }))
        }) as LoadFuture<Arc<ProvinceRows>>
    });
    let provinces = Memo::new(move |_| state.with(|s| s.provinces.clone()));
    Effect::new(move |_| docs.set_ids(&provinces.get()));

    let rows = Memo::new(move |_| {
        let mut all = Vec::new();
        for (_, doc) in docs.loaded() {
            all.extend(doc.rows.iter().cloned());
        }
        Rows(Arc::new(all))
    });
    let skipped = move || docs.loaded().iter().map(|(_, d)| d.skipped).sum::<usize>();
    let hits = Memo::new(move |_| {
        let rows = rows.get();
        state.with(|s| filter_sort(&rows.0, s))
    });
    let page = Memo::new(move |_| paginate(hits.with(Vec::len), state.with(|s| s.page), PAGE_SIZE));
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);

    let export = move |_| {
        let locale = app.locale.get_untracked();
        let rows = rows.get_untracked();
        let chosen: Vec<&Licence> = hits.with_untracked(|h| {
            h.iter()
                .filter_map(|&i| rows.0.get(i))
                .map(|r| &r.licence)
                .collect()
        });
        let csv = licences_csv(locale, &chosen, today, threshold);
        let name = registry::csv_filename(&provinces.get_untracked(), today);
        if let Err(e) = dom::download_text(&name, "text/csv;charset=utf-8", &csv) {
            leptos::logging::warn!("CSV download failed: {e}");
        }
    };

    let count_text = move || {
        let locale = app.locale.get();
        let total = hits.with(Vec::len);
        let p = page.get();
        let (done, wanted) = docs.progress();
        if wanted == 0 {
            return locale
                .t(
                    "برای دیدن پروانه‌ها یک یا چند استان را انتخاب کنید.",
                    "Choose one or more provinces to see their licences.",
                )
                .to_string();
        }
        if total == 0 {
            return if done < wanted {
                locale.t("در حال بارگذاری…", "Loading…").to_string()
            } else {
                locale
                    .t(
                        "هیچ پروانه‌ای با این شرایط پیدا نشد.",
                        "No licences match these filters.",
                    )
                    .to_string()
            };
        }
        let (from, to) = (p.range.start + 1, p.range.end);
        match locale {
            Locale::Fa => format!(
                "{} پروانه پیدا شد؛ نمایش {} تا {}.",
                format::count(locale, total),
                format::count(locale, from),
                format::count(locale, to)
            ),
            Locale::En => format!(
                "{} licence{} found; showing {} to {}.",
                format::count(locale, total),
                if total == 1 { "" } else { "s" },
                format::count(locale, from),
                format::count(locale, to)
            ),
        }
    };

    let visible = move || {
        let rows = rows.get();
        let range = page.get().range;
        hits.with(|h| {
            h.get(range)
                .unwrap_or_default()
                .iter()
                .filter_map(|&i| rows.0.get(i).cloned())
                .collect::<Vec<_>>()
        })
    };

    view! {
        <section class="app-registry" aria-labelledby="registry-title">
            <h2 id="registry-title">{t("فهرست پروانه‌ها", "Licence registry")}</h2>
            <Filters state apply rows/>
            <LoadProgress progress=Signal::derive(move || docs.progress())/>
            <FailedProvinces failed=Signal::derive(move || docs.failed())
                on_retry=Callback::new(move |id: String| docs.retry(&id))
                on_retry_all=Callback::new(move |_| docs.retry_failed())/>
            {move || view! { <SkippedNotice count=skipped()/> }}
            <FlagLegend/>
            <div class="app-registry__summary">
                <p class="app-results-count" role="status" aria-live="polite" data-testid="result-count"
                    data-count=move || hits.with(Vec::len).to_string()>{count_text}</p>
                <button type="button" class="app-button app-button--secondary" data-testid="csv-export"
                    disabled=move || hits.with(Vec::is_empty)
                    on:click=export>
                    {t("دریافت فایل CSV همین فهرست", "Download this list as CSV")}
                </button>
            </div>
            <div class="app-table-wrap" hidden=move || hits.with(Vec::is_empty)>
                <table class="app-table app-registry__table" data-testid="registry-table">
                    <caption class="app-visually-hidden">{t("پروانه‌ها", "Licences")}</caption>
                    <thead>
                        <tr>
                            {SortKey::ALL.into_iter().map(|key| view! { <SortHeader key state apply/> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {move || visible().into_iter().map(|row| view! { <RegistryRowView row/> }).collect_view()}
                    </tbody>
                </table>
            </div>
            <Pagination state apply page/>
        </section>
    }
}

/// A column heading that sorts the table (a button; `aria-sort` on the sorted column).
#[component]
fn SortHeader(
    key: SortKey,
    state: Memo<RegistryState>,
    apply: Callback<RegistryState>,
) -> impl IntoView {
    let app = use_app();
    let sorted = move || state.with(|s| (s.sort == key).then_some(s.dir));
    view! {
        <th scope="col" aria-sort=move || sorted().map(SortDir::aria)>
            <button type="button" class="app-sort-button" data-sort=key.as_str()
                on:click=move |_| edit(state, apply, |s| {
                    if s.sort == key {
                        s.dir = s.dir.flipped();
                    } else {
                        s.sort = key;
                        s.dir = SortDir::Asc;
                    }
                    s.page = 1;
                })>
                {move || key.label(app.locale.get())}
                <SortIcon state=Signal::derive(move || match sorted() {
                    Some(SortDir::Asc) => SortState::Ascending,
                    Some(SortDir::Desc) => SortState::Descending,
                    None => SortState::Unsorted,
                })/>
            </button>
        </th>
    }
}

/// One licence in the registry table.
#[component]
fn RegistryRowView(row: RegistryRow) -> impl IntoView {
    let app = use_app();
    let l = row.licence;
    let href = Route::licence(&l.province_id, &l.number).href();
    let holder = move || match app.locale.get() {
        Locale::Fa => l.holder_fa.clone(),
        Locale::En => l
            .holder_en
            .clone()
            .filter(|h| !h.trim().is_empty())
            .unwrap_or_else(|| l.holder_fa.clone()),
    };
    let kind = l.kind.clone();
    let (issued, expires) = (l.issued_on, l.expires_on);
    let number = l.number.clone();
    let number_text = l.number.clone();
    view! {
        <tr data-number=number>
            <td><A href=href><bdi dir="ltr">{number_text.clone()}</bdi></A></td>
            <td><bdi>{holder}</bdi></td>
            <td>{move || labels::licence_kind(app.locale.get(), &kind)}</td>
            <td><bdi>{l.city_fa.clone()}</bdi></td>
            <td><StatusTag status=l.status.clone()/></td>
            <td class="app-table__num">{move || format::date_numeric(app.locale.get(), issued)}</td>
            <td class="app-table__num">{move || format::date_numeric(app.locale.get(), expires)}</td>
            <td><FlagTags flags=row.flags/></td>
        </tr>
    }
}

/// Previous / next page and "page 2 of 47".
#[component]
fn Pagination(
    state: Memo<RegistryState>,
    apply: Callback<RegistryState>,
    page: Memo<registry::Page>,
) -> impl IntoView {
    let app = use_app();
    let go = move |to: usize| edit(state, apply, |s| s.page = to);
    let label = move || {
        let locale = app.locale.get();
        let p = page.get();
        match locale {
            Locale::Fa => format!(
                "صفحهٔ {} از {}",
                format::count(locale, p.page),
                format::count(locale, p.pages)
            ),
            Locale::En => format!("Page {} of {}", p.page, p.pages),
        }
    };
    view! {
        <nav class="app-pagination" hidden=move || page.get().pages <= 1
            aria-label=move || app.locale.get().t("صفحه‌ها", "Pages")>
            <button type="button" class="app-button app-button--secondary" data-testid="page-prev"
                disabled=move || page.get().page <= 1
                on:click=move |_| go(page.get_untracked().page.saturating_sub(1))>
                {move || app.locale.get().t("صفحهٔ قبل", "Previous page")}
            </button>
            <span data-testid="page-label">{label}</span>
            <button type="button" class="app-button app-button--secondary" data-testid="page-next"
                disabled=move || { let p = page.get(); p.page >= p.pages }
                on:click=move |_| go(page.get_untracked().page + 1)>
                {move || app.locale.get().t("صفحهٔ بعد", "Next page")}
            </button>
        </nav>
    }
}

/// A date filter field: typed in Jalali (fa) or ISO (en); written to the URL once valid.
#[component]
fn DateFilter(
    id: &'static str,
    label: (&'static str, &'static str),
    value: Signal<Option<NaiveDate>>,
    on_date: Callback<Option<NaiveDate>>,
) -> impl IntoView {
    let app = use_app();
    let show = move |d: Option<NaiveDate>| {
        d.map(|d| format::date_numeric(app.locale.get_untracked(), d))
            .unwrap_or_default()
    };
    let raw = RwSignal::new(show(value.get_untracked()));
    let error = RwSignal::new(None::<format::DateInputError>);
    // A language switch rewrites the date in the other calendar.
    Effect::new(move |previous: Option<Locale>| {
        let locale = app.locale.get();
        if previous.is_some_and(|p| p != locale) {
            raw.set(show(value.get_untracked()));
            error.set(None);
        }
        locale
    });
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let describedby = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || match error.get() {
            Some(_) => format!("{hint_id} {error_id}"),
            None => hint_id.clone(),
        }
    };
    let parse = move |text: &str| format::parse_date_input(app.locale.get_untracked(), text);
    view! {
        <div class="app-field app-field--date">
            <label class="app-field__label" for=id>{move || app.locale.get().t(label.0, label.1)}</label>
            <p class="app-field__hint" id=hint_id>{move || app.locale.get().t("مثلاً ۱۴۰۳/۰۱/۰۱", "e.g. 2024-03-20")}</p>
            {move || error.get().map(|e| view! {
                <p class="app-field__error" id=error_id.clone()>
                    <span class="app-visually-hidden">{app.locale.get().t("خطا:", "Error:")}" "</span>
                    {e.message(app.locale.get())}
                </p>
            })}
            <input id=id class="app-input app-input--date" type="text" dir="ltr" autocomplete="off"
                class:app-input--error=move || error.get().is_some()
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=describedby
                prop:value=move || raw.get()
                on:input:target=move |ev| {
                    let text = ev.target().value();
                    raw.set(text.clone());
                    match parse(&text) {
                        Ok(d) => { error.set(None); on_date.run(Some(d)); }
                        Err(format::DateInputError::Empty) => { error.set(None); on_date.run(None); }
                        Err(_) => {}
                    }
                }
                on:change:target=move |ev| {
                    let text = ev.target().value();
                    match parse(&text) {
                        Ok(_) | Err(format::DateInputError::Empty) => error.set(None),
                        Err(e) => error.set(Some(e)),
                    }
                }/>
        </div>
    }
}

/// The filter form: provinces, status, kind, city, issue dates, flags and text search.
#[component]
fn Filters(
    state: Memo<RegistryState>,
    apply: Callback<RegistryState>,
    rows: Memo<Rows>,
) -> impl IntoView {
    let app = use_app();
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    let q_raw = RwSignal::new(state.get_untracked().q);
    let province_boxes = move || {
        let selected = state.with(|s| s.provinces.clone());
        province_options(app.locale.get())
            .into_iter()
            .map(|(id, name)| {
                let checked = selected.contains(&id);
                let box_id = format!("registry-province-{id}");
                let toggle_id = id.clone();
                view! {
                    <div class="app-checkbox">
                        <input type="checkbox" id=box_id.clone() value=id.clone() prop:checked=checked
                            data-testid=format!("province-{id}")
                            on:change=move |_| {
                                let id = toggle_id.clone();
                                edit(state, apply, move |s| {
                                    if let Some(pos) = s.provinces.iter().position(|p| *p == id) {
                                        s.provinces.remove(pos);
                                    } else {
                                        s.provinces.push(id);
                                    }
                                    s.page = 1;
                                })
                            }/>
                        <label for=box_id><bdi>{name}</bdi></label>
                    </div>
                }
            })
            .collect_view()
    };
    let status_options = move || {
        let locale = app.locale.get();
        let current = state.with(|s| s.status.clone());
        LicenceStatus::KNOWN
            .iter()
            .map(|s| {
                view! { <option value=s.as_str().to_string() selected=current.as_ref() == Some(s)>{labels::licence_status(locale, s)}</option> }
            })
            .collect_view()
    };
    let kind_options = move || {
        let locale = app.locale.get();
        let current = state.with(|s| s.kind.clone());
        LicenceKind::KNOWN
            .iter()
            .map(|k| {
                view! { <option value=k.as_str().to_string() selected=current.as_ref() == Some(k)>{labels::licence_kind(locale, k)}</option> }
            })
            .collect_view()
    };
    // One entry per city however the data spells it, recomputed when the rows change (not on
    // every keystroke of the search box).
    let cities = Memo::new(move |_| rows.with(|r| registry::cities(&r.0)));
    let city_options = move || {
        let locale = app.locale.get();
        let current = state.with(|s| s.city.as_deref().map(fold));
        let mut list = cities.get();
        // A city from the URL stays selectable while its province loads (no count yet).
        if let Some(c) = state.with(|s| s.city.clone()) {
            if !list
                .iter()
                .any(|(name, _)| current.as_deref() == Some(&fold(name)))
            {
                list.push((c, 0));
            }
        }
        list.into_iter()
            .map(|(c, n)| {
                // The URL may hold another spelling of the city shown: it folds the same.
                let selected = current.as_deref() == Some(&fold(&c));
                let label = if n > 0 {
                    format!("{c} ({})", format::count(locale, n))
                } else {
                    c.clone()
                };
                view! { <option value=c selected=selected dir="auto">{label}</option> }
            })
            .collect_view()
    };
    let flag_box = move |key: &'static str,
                         fa: &'static str,
                         en: &'static str,
                         get: fn(&RegistryState) -> bool,
                         set: fn(&mut RegistryState, bool)| {
        let box_id = format!("registry-flag-{key}");
        view! {
            <div class="app-checkbox">
                <input type="checkbox" id=box_id.clone() data-testid=format!("filter-{key}")
                    prop:checked=move || state.with(get)
                    on:change:target=move |ev| {
                        let on = ev.target().checked();
                        edit(state, apply, |s| { set(s, on); s.page = 1; })
                    }/>
                <label for=box_id>{move || app.locale.get().t(fa, en)}</label>
            </div>
        }
    };
    let from = Signal::derive(move || state.with(|s| s.from));
    let to = Signal::derive(move || state.with(|s| s.to));
    view! {
        <form class="app-registry__filters" role="search" novalidate
            aria-label=t("پالایش پروانه‌ها", "Filter licences")
            on:submit=|ev| ev.prevent_default()>
            <fieldset class="app-fieldset app-province-picker" data-testid="province-picker">
                <legend>{t("استان‌ها", "Provinces")}</legend>
                <p class="app-field__hint">{t(
                    "فقط دادهٔ استان‌های انتخاب‌شده بارگذاری می‌شود.",
                    "Only the chosen provinces' data is loaded.",
                )}</p>
                <div class="app-province-picker__list">{province_boxes}</div>
            </fieldset>
            <div class="app-registry__fields">
                <div class="app-field">
                    <label class="app-field__label" for="registry-q">{t("جست‌وجو", "Search")}</label>
                    <p class="app-field__hint" id="registry-q-hint">{t("نام دارنده، شمارهٔ پروانه یا شهر", "Holder's name, licence number or city")}</p>
                    <input id="registry-q" class="app-input" type="search" dir="auto" autocomplete="off"
                        aria-describedby="registry-q-hint" data-testid="filter-q"
                        prop:value=move || q_raw.get()
                        on:input:target=move |ev| {
                            let text = ev.target().value();
                            q_raw.set(text.clone());
                            edit(state, apply, |s| { s.q = text; s.page = 1; });
                        }/>
                </div>
                <div class="app-field">
                    <label class="app-field__label" for="registry-status">{t("وضعیت", "Status")}</label>
                    <select id="registry-status" class="app-select" data-testid="filter-status"
                        on:change:target=move |ev| {
                            let v = ev.target().value();
                            edit(state, apply, |s| {
                                s.status = (!v.is_empty()).then(|| LicenceStatus::parse(&v));
                                s.page = 1;
                            })
                        }>
                        <option value="" selected=move || state.with(|s| s.status.is_none())>{t("همه", "All")}</option>
                        {status_options}
                    </select>
                </div>
                <div class="app-field">
                    <label class="app-field__label" for="registry-kind">{t("نوع", "Kind")}</label>
                    <select id="registry-kind" class="app-select" data-testid="filter-kind"
                        on:change:target=move |ev| {
                            let v = ev.target().value();
                            edit(state, apply, |s| {
                                s.kind = (!v.is_empty()).then(|| LicenceKind::parse(&v));
                                s.page = 1;
                            })
                        }>
                        <option value="" selected=move || state.with(|s| s.kind.is_none())>{t("همه", "All")}</option>
                        {kind_options}
                    </select>
                </div>
                <div class="app-field">
                    <label class="app-field__label" for="registry-city">{t("شهر", "City")}</label>
                    <select id="registry-city" class="app-select" data-testid="filter-city"
                        on:change:target=move |ev| {
                            let v = ev.target().value();
                            edit(state, apply, |s| {
                                s.city = (!v.is_empty()).then_some(v);
                                s.page = 1;
                            })
                        }>
                        <option value="" selected=move || state.with(|s| s.city.is_none())>{t("همه", "All")}</option>
                        {city_options}
                    </select>
                </div>
                <DateFilter id="registry-from" label=("صادرشده از تاریخ", "Issued from") value=from
                    on_date=Callback::new(move |d| edit(state, apply, |s| { s.from = d; s.page = 1; }))/>
                <DateFilter id="registry-to" label=("صادرشده تا تاریخ", "Issued until") value=to
                    on_date=Callback::new(move |d| edit(state, apply, |s| { s.to = d; s.page = 1; }))/>
            </div>
            <fieldset class="app-fieldset app-registry__flags">
                <legend>{t("فقط پروانه‌های", "Only licences that are")}</legend>
                {flag_box("dormant", "راکد (صادرشده و فعال‌نشده)", "dormant (issued, never activated)", |s| s.dormant, |s, on| s.dormant = on)}
                {flag_box("stale", "بدون فعالیت اخیر", "without recent activity", |s| s.stale, |s, on| s.stale = on)}
                {flag_box("expiring", "رو به انقضا (تا ۹۰ روز)", "expiring within 90 days", |s| s.expiring, |s, on| s.expiring = on)}
                {flag_box("inconsistent", "دارای دادهٔ ناسازگار", "with inconsistent data", |s| s.inconsistent, |s, on| s.inconsistent = on)}
            </fieldset>
            <button type="button" class="app-button app-button--link" data-testid="clear-filters"
                hidden=move || !state.with(RegistryState::has_filters)
                on:click=move |_| {
                    q_raw.set(String::new());
                    edit(state, apply, |s| *s = s.cleared());
                }>
                {t("پاک کردن پالایه‌ها", "Clear filters")}
            </button>
        </form>
    }
}
