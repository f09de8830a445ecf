//! Bilingual messages for typed errors: what went wrong, in words a citizen understands.

use super::Locale;
use crate::api::{ApiError, DecodeError, SignInError};
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

/// A title and a sentence for a page (or part) whose code belongs to a build the server no longer
/// has (a new version was deployed while this tab was open).
pub fn new_version(locale: Locale) -> (&'static str, &'static str) {
    (
        locale.t("نسخهٔ تازه‌ای از پیشخوان آمده است", "A new version of Pishkhan is available"),
        locale.t(
            "این بخش از برنامه در نسخه‌ای بود که دیگر روی سرور نیست. صفحه را دوباره بارگذاری کنید تا نسخهٔ تازه باز شود. آنچه روی این دستگاه ذخیره کرده‌اید سالم است.",
            "This part of the app belonged to the version you opened earlier, which is no longer on the server. Reload to use the new version. What you saved on this device is safe.",
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
        ApiError::NoAccess => (
            locale.t("دسترسی به این استان ندارید", "No access to this province"),
            locale
                .t(
                    "حساب کاربری شما به اطلاعات این استان دسترسی ندارد. اگر به آن نیاز دارید، از مدیر سامانه بخواهید دسترسی شما را تغییر دهد.",
                    "Your account has no access to this province. If you need it, ask your administrator to change your access.",
                )
                .into(),
        ),
        // What a document request can meet: the renewal of the token failed. (The other kinds
        // come from signing in, whose messages are in `sign_in_error`, downloaded with it.)
        ApiError::SignIn(e) => {
            let (title, body) = renewal_error(locale, e);
            (title, body.into())
        }
    };
    (title.to_string(), body)
}

/// A renewal of the access token that failed: the sign-in ended, or the provider is unreachable.
fn renewal_error(locale: Locale, err: &SignInError) -> (&'static str, &'static str) {
    match err {
        SignInError::Ended(_) => (
            locale.t("نشست ورود شما پایان یافته است", "Your sign-in has ended"),
            locale.t(
                "برای دیدن این اطلاعات با «ورود» در بالای صفحه دوباره وارد شوید؛ پس از ورود به همین صفحه برمی‌گردید.",
                "To see this, sign in again with Sign in at the top of the page; you will come back to this page.",
            ),
        ),
        _ => (
            locale.t("سامانهٔ ورود در دسترس نیست", "The sign-in service cannot be reached"),
            locale.t(
                "اتصال به سامانهٔ ورود برقرار نشد. اتصال اینترنت خود را بررسی کنید و کمی بعد دوباره تلاش کنید.",
                "The app could not reach the sign-in service. Check your internet connection and try again in a moment.",
            ),
        ),
    }
}

/// A title and a sentence for a sign-in, or a renewal of its token, that failed.
pub fn sign_in_error(locale: Locale, err: &SignInError) -> (String, String) {
    let (title, body) = match err {
        SignInError::Unreachable(_) | SignInError::Ended(_) => renewal_error(locale, err),
        SignInError::Cancelled => (
            locale.t("ورود لغو شد", "Sign-in was cancelled"),
            locale.t(
                "وارد نشدید. هر وقت خواستید دوباره «ورود» را بزنید.",
                "You did not sign in. Choose Sign in again whenever you are ready.",
            ),
        ),
        SignInError::State(_) => (
            locale.t("پاسخ ورود پذیرفته نشد", "The sign-in response was refused"),
            locale.t(
                "این پاسخ متعلق به ورودی نیست که در این زبانه آغاز شده بود (ممکن است تکراری یا جعلی باشد). چیزی ذخیره نشد؛ دوباره وارد شوید.",
                "This response does not belong to a sign-in started in this tab (it may be replayed or forged). Nothing was stored; sign in again.",
            ),
        ),
        SignInError::Clock(_) => (
            locale.t("ساعت دستگاه درست نیست", "Your device's clock is wrong"),
            locale.t(
                "زمان ورود با ساعت این دستگاه نمی‌خواند. تاریخ، ساعت و منطقهٔ زمانی دستگاه را درست کنید و دوباره وارد شوید.",
                "The sign-in's times do not match this device's clock. Set the device's date, time and time zone correctly, then sign in again.",
            ),
        ),
        SignInError::Provider(_) => (
            locale.t("ورود انجام نشد", "Sign-in did not work"),
            locale.t(
                "سامانهٔ ورود پاسخ نادرستی داد. کمی بعد دوباره تلاش کنید؛ اگر تکرار شد با پشتیبانی تماس بگیرید.",
                "The sign-in service gave an unexpected answer. Try again later; if it keeps happening, contact support.",
            ),
        ),
    };
    (title.to_string(), body.to_string())
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
