//! Bilingual messages for typed errors: what went wrong, in words a citizen understands.

use super::Locale;
use crate::api::{ApiError, DecodeError};
use crate::config::ConfigError;

/// A title and a sentence for a page (or a part of one) whose code, a lazily loaded WebAssembly
/// module, did not download.
pub fn code_unavailable(locale: Locale, whole_page: bool) -> (&'static str, &'static str) {
    (
        if whole_page {
            locale.t("این صفحه بارگیری نشد", "This page could not be downloaded")
        } else {
            locale.t(
                "بخشی از این صفحه بارگیری نشد",
                "Part of this page could not be downloaded",
            )
        },
        locale.t(
            "بخشی از برنامه که این صفحه به آن نیاز دارد دریافت نشد. اتصال اینترنت خود را بررسی کنید و دوباره تلاش کنید. آنچه روی این دستگاه ذخیره کرده‌اید سالم است.",
            "Part of the app this page needs did not arrive. Check your internet connection and try again. What you saved on this device is safe.",
        ),
    )
}

/// A title and a sentence for a failed document request.
pub fn api_error(locale: Locale, err: &ApiError) -> (String, String) {
    let (title, body): (&str, String) = match err {
        ApiError::Network(_) => (
            locale.t("اتصال برقرار نشد", "Could not connect"),
            locale.t("اتصال اینترنت خود را بررسی کنید و دوباره تلاش کنید.", "Check your internet connection and try again.").into(),
        ),
        ApiError::Offline => (
            locale.t("در حالت آفلاین در دسترس نیست", "Not available offline"),
            locale
                .t(
                    "این داده پیش‌تر روی این دستگاه ذخیره نشده است. وقتی به اینترنت وصل شدید دوباره تلاش کنید.",
                    "This data has not been saved on this device before. Try again when you are online.",
                )
                .into(),
        ),
        ApiError::Timeout(ms) => (
            locale.t("پاسخ سرور بیش از حد طول کشید", "The server took too long to answer"),
            match locale {
                Locale::Fa => format!(
                    "پس از {} ثانیه پاسخی نرسید. شبکه ممکن است کند باشد؛ دوباره تلاش کنید.",
                    super::format::digits(locale, &(ms / 1000).to_string())
                ),
                Locale::En => format!("No answer after {} seconds. The network may be slow; try again.", ms / 1000),
            },
        ),
        ApiError::Http { status: 401 | 403, .. } => (
            locale.t("دسترسی مجاز نیست", "Access denied"),
            locale
                .t(
                    "این اطلاعات فقط برای کاربران مجاز است و ورود به سامانه لازم است.",
                    "This information is only for authorised users; sign-in is required.",
                )
                .into(),
        ),
        ApiError::Http { status: 404, .. } => (
            locale.t("پیدا نشد", "Not found"),
            locale.t("این داده روی سرور وجود ندارد.", "This data does not exist on the server.").into(),
        ),
        ApiError::Http { status: 429, .. } => (
            locale.t("درخواست‌ها بیش از حد است", "Too many requests"),
            locale.t("سرور شلوغ است. کمی بعد دوباره تلاش کنید.", "The server is busy. Try again in a moment.").into(),
        ),
        ApiError::Http { status, .. } => (
            locale.t("خطای سرور", "Server error"),
            match locale {
                Locale::Fa => format!(
                    "سرور با خطا پاسخ داد (کد {}). دوباره تلاش کنید.",
                    super::format::digits(locale, &status.to_string())
                ),
                Locale::En => format!("The server answered with an error (HTTP {status}). Try again."),
            },
        ),
        ApiError::Decode(DecodeError::Truncated { .. }) => (
            locale.t("داده ناقص رسید", "The data arrived incomplete"),
            locale.t("بخشی از داده نرسید. دوباره تلاش کنید.", "Part of the data did not arrive. Try again.").into(),
        ),
        ApiError::Decode(_) => (
            locale.t("داده قابل خواندن نیست", "The data could not be read"),
            locale
                .t(
                    "سرور داده‌ای فرستاد که با قالب مورد انتظار هم‌خوانی ندارد.",
                    "The server sent data that does not match the expected format.",
                )
                .into(),
        ),
    };
    (title.to_string(), body)
}

/// "n records could not be read" for a document with skipped records.
pub fn skipped_records(locale: Locale, n: usize) -> String {
    match locale {
        Locale::Fa => format!(
            "{} رکورد قابل خواندن نبود و نمایش داده نمی‌شود.",
            super::format::count(locale, n)
        ),
        Locale::En if n == 1 => "1 record could not be read and is not shown.".to_string(),
        Locale::En => format!("{n} records could not be read and are not shown."),
    }
}

/// The problem with `config.json` in both languages (the locale itself is unknown then).
pub fn config_error(err: &ConfigError) -> (String, String) {
    let fa = match err {
        ConfigError::Unreachable(_) => "فایل پیکربندی (config.json) در دسترس نیست.",
        ConfigError::NotJson(_) => "فایل پیکربندی (config.json) قالب JSON معتبری ندارد.",
        ConfigError::Invalid(_) => "فایل پیکربندی (config.json) نادرست است.",
    };
    (fa.to_string(), err.to_string())
}
