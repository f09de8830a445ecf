//! About: data source, dataset version and date, licence of the data, and the API in use.

use leptos::prelude::*;

use crate::components::page::{use_page_title, PageHeading};
use crate::components::states::with_document;
use crate::context::use_app;
use crate::i18n::format;

/// `/about`.
#[component]
pub fn AboutPage() -> impl IntoView {
    let app = use_app();
    let t = move |fa: &'static str, en: &'static str| move || app.locale.get().t(fa, en);
    use_page_title(move || app.locale.get().t("درباره", "About").to_string());
    let api_base = app.api.base().to_string();
    view! {
        <PageHeading>{t("دربارهٔ پیشخوان", "About Pishkhan")}</PageHeading>
        <p class="app-lead">{t(
            "پیشخوان نزدیک‌ترین دفتر باز پیشخوان خدمات دولت را برای خدمتی که لازم دارید پیدا می‌کند، می‌گوید چه مدارکی ببرید و چقدر هزینه دارد، و وضعیت پروانهٔ دفاتر را نشان می‌دهد.",
            "Pishkhan finds the nearest open government service office that offers what you need, tells you what to bring and what it costs, and shows the status of office licences.")}</p>
        <h2>{t("داده‌ها", "The data")}</h2>
        {with_document(app.meta, move |meta| {
            let meta = meta.doc.clone();
            let m2 = meta.clone();
            let province_count = meta.provinces.len();
            let office_total: u64 = meta.provinces.iter().map(|p| u64::from(p.office_count)).sum();
            view! {
                <dl class="app-summary" data-testid="about-dataset">
                    <dt>{t("نسخهٔ داده", "Dataset version")}</dt>
                    <dd><bdi>{meta.dataset_version.clone()}</bdi></dd>
                    <dt>{t("تاریخ تولید", "Generated on")}</dt>
                    <dd>{move || format::date(app.locale.get(), m2.generated_at.date_naive())}</dd>
                    <dt>{t("استان‌ها", "Provinces")}</dt>
                    <dd>{move || format::count(app.locale.get(), province_count)}</dd>
                    <dt>{t("دفاتر", "Offices")}</dt>
                    <dd>{move || format::integer(app.locale.get(), office_total)}</dd>
                    <dt>{t("منبع", "Source")}</dt>
                    <dd>{
                        let source = meta.source.clone();
                        move || match &source {
                            Some(s) => s.name(app.locale.get()).to_string(),
                            None => app.locale.get().t("اعلام نشده", "Not stated").to_string(),
                        }
                    }</dd>
                    <dt>{t("مجوز داده", "Data licence")}</dt>
                    <dd><bdi>{meta.source.as_ref().and_then(|s| s.licence.clone()).unwrap_or_else(|| "—".into())}</bdi></dd>
                </dl>
            }
        })}
        <p>{t(
            "نام و مختصات شهرها از GeoNames (geonames.org) با مجوز CC BY 4.0 است. دفاتر، پروانه‌ها و جزئیات نمونه ساختگی‌اند.",
            "City names and coordinates are from GeoNames (geonames.org), CC BY 4.0. Offices, licences and their details in the sample dataset are synthetic.")}</p>
        <h2>{t("برای اپراتورها", "For operators")}</h2>
        <p>{t("این نسخه از این API استفاده می‌کند:", "This deployment reads the API at:")}" "<code dir="ltr" class="app-api-base">{api_base}</code></p>
    }
}
