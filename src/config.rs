//! Runtime configuration: `config.json`, fetched from the app's own base URL at start-up,
//! so one `dist/` can be pointed at different APIs without a rebuild.

use serde::Deserialize;
use thiserror::Error;

use crate::domain::links::{check_url, tel_href};
use crate::domain::report;
use crate::i18n::Locale;

/// Validated runtime configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct AppConfig {
    /// Absolute, or relative to the app's base URL; resolved by the browser side.
    pub api_base_url: String,
    pub default_locale: Locale,
    pub request_timeout_ms: u32,
    /// Tile URL template for the map (`{z}/{x}/{y}`); no map tiles when absent.
    pub map_tile_url: Option<String>,
    pub map_attribution: Option<String>,
    /// Days after issue before an unactivated licence counts as dormant.
    pub dormant_after_days: u32,
    /// Coverage target for the dashboard; `None` means the data's national average.
    pub target_offices_per_100k: Option<f64>,
    /// `complaints` and `feedback` as written: checked by [`AppConfig::reports`] (at start-up
    /// only when they are there, in a lazily loaded module, so the first download does not
    /// carry their rules).
    complaints_json: Option<String>,
    feedback_json: Option<String>,
    /// Officials' sign-in (OpenID Connect); `None`: no sign-in anywhere, every document public.
    /// Filled by [`AppConfig::check_auth`] (at start-up, in the lazily loaded sign-in module,
    /// so a deployment without `auth` never downloads its rules).
    pub auth: Option<AuthConfig>,
    /// `auth` as written, until [`AppConfig::check_auth`] reads it.
    auth_json: Option<String>,
}

/// The report channels of `config.json` ("Report a problem with this office", "Report wrong
/// information"), checked.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reports {
    /// The regulator's complaints channel.
    pub complaints: Option<Complaints>,
    /// Where wrong information is reported.
    pub feedback: Option<Feedback>,
}

/// `complaints` in `config.json`: at least one of a form (an `https:` URL template, see
/// `domain::report`), a phone number and an SMS number.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Complaints {
    pub url: Option<String>,
    pub phone: Option<String>,
    pub sms: Option<String>,
}

/// `feedback` in `config.json`: an e-mail address, an `https:` URL template, or both (the
/// form is offered first).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Feedback {
    pub email: Option<String>,
    pub url: Option<String>,
}

/// The `auth` object of `config.json`: the OpenID provider officials sign in with, and which
/// documents the API answers only with their access token.
#[derive(Clone, Debug, PartialEq)]
pub struct AuthConfig {
    /// The provider's issuer URL (its discovery document is `{issuer}/.well-known/openid-configuration`).
    pub issuer: String,
    /// The app's client id at the provider (a public client: no secret).
    pub client_id: String,
    /// The scopes asked for; always includes `openid`.
    pub scopes: Vec<String>,
    /// The documents requested with the access token (a 401 on any other asks for it too).
    pub documents: Vec<Document>,
}

/// The kinds of API document, as `auth.documents` names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Document {
    /// `meta.json`.
    Meta,
    /// `agencies.json`.
    Agencies,
    /// `services.json`.
    Services,
    /// `provinces/{id}/offices.json`.
    Offices,
    /// `provinces/{id}/licences.json` and the index's licence look-up shards.
    Licences,
    /// Every other document of the index layer.
    Index,
}

impl Document {
    /// The kind `config.json` names `name`.
    fn from_name(name: &str) -> Option<Document> {
        Some(match name {
            "meta" => Document::Meta,
            "agencies" => Document::Agencies,
            "services" => Document::Services,
            "offices" => Document::Offices,
            "licences" => Document::Licences,
            "index" => Document::Index,
            _ => return None,
        })
    }
}

impl AuthConfig {
    /// Whether the API answers this document only with an access token.
    pub fn needs_token(&self, doc: Document) -> bool {
        self.documents.contains(&doc)
    }

    /// The issuer's origin (`scheme://host[:port]`): what the CSP's `connect-src` must allow.
    pub fn issuer_origin(&self) -> &str {
        origin_of(&self.issuer)
    }
}

/// `scheme://host[:port]` of an absolute URL (the whole string when it has no path).
fn origin_of(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    match url[after_scheme..].find(['/', '?', '#']) {
        Some(i) => &url[..after_scheme + i],
        None => url,
    }
}

/// Whether an issuer URL is acceptable: `https:`, or `http:` on this machine only (a provider
/// for tests or development); no query, fragment or user info.
fn is_valid_issuer(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = if let Some(rest) = lower.strip_prefix("https://") {
        rest
    } else if let Some(rest) = lower.strip_prefix("http://") {
        let host = rest.split(['/', ':']).next().unwrap_or_default();
        let loopback = matches!(host, "127.0.0.1" | "localhost") || rest.starts_with("[::1]");
        if !loopback {
            return false;
        }
        rest
    } else {
        return false;
    };
    let authority = rest.split('/').next().unwrap_or_default();
    !authority.is_empty()
        && !authority.contains('@')
        && !url.contains(['?', '#'])
        && !url.chars().any(char::is_whitespace)
}

/// Parses `auth` (its JSON text as written): `None` when absent or null.
fn parse_auth(text: Option<String>) -> Result<Option<AuthConfig>, ConfigError> {
    use serde_json::Value;
    let invalid = |m: &str| ConfigError::Invalid(m.to_string());
    let mut obj = match written(text) {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Object(o)) => o,
        Some(_) => return Err(invalid("\"auth\" must be an object")),
    };
    let issuer = opt_string(obj.remove("issuer"), "auth.issuer")?.unwrap_or_default();
    let issuer = issuer.trim().trim_end_matches('/').to_string();
    if !is_valid_issuer(&issuer) {
        return Err(invalid(
            "\"auth.issuer\" is required: an https URL (http only for 127.0.0.1 or localhost)",
        ));
    }
    let client_id = opt_string(obj.remove("client_id"), "auth.client_id")?
        .ok_or_else(|| invalid("\"auth.client_id\" is required"))?
        .trim()
        .to_string();
    // A list of words (strings without spaces), or absent.
    let words = |v: Option<Value>, problem: &str| -> Result<Option<Vec<String>>, ConfigError> {
        match v {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Array(items)) => items
                .into_iter()
                .map(|item| match item {
                    Value::String(s) if !s.is_empty() && !s.contains(char::is_whitespace) => Ok(s),
                    _ => Err(invalid(problem)),
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
            Some(_) => Err(invalid(problem)),
        }
    };
    let mut scopes = words(
        obj.remove("scopes"),
        "\"auth.scopes\" must be a list of words (strings without spaces)",
    )?
    .unwrap_or_else(|| vec!["openid".into(), "profile".into()]);
    if !scopes.iter().any(|s| s == "openid") {
        scopes.insert(0, "openid".into());
    }
    const DOCUMENTS: &str =
        "\"auth.documents\" must list some of: licences, offices, services, agencies, meta, index";
    let documents = match words(obj.remove("documents"), DOCUMENTS)? {
        None => vec![Document::Licences],
        Some(names) => names
            .iter()
            .map(|n| Document::from_name(n).ok_or_else(|| invalid(DOCUMENTS)))
            .collect::<Result<Vec<_>, _>>()?,
    };
    Ok(Some(AuthConfig {
        issuer,
        client_id,
        scopes,
        documents,
    }))
}

/// Default request time-out when `config.json` does not set one.
pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;
/// Default dormancy threshold (days).
pub const DEFAULT_DORMANT_AFTER_DAYS: u32 = 180;

/// What is wrong with `config.json`, precise enough for an operator to fix it.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum ConfigError {
    #[error("config.json could not be read: {0}")]
    Unreachable(String),
    #[error("config.json is not valid JSON: {0}")]
    NotJson(String),
    #[error("config.json: {0}")]
    Invalid(String),
}

/// `config.json` as written. The scalars are read as [`Field`]s, so a wrong type gets an
/// error that names its key; the objects are kept as their JSON text for the checks that read
/// them later, in lazily loaded modules (no general JSON value type in the first download).
#[derive(Deserialize)]
struct RawConfig {
    api_base_url: Option<Field>,
    default_locale: Option<Field>,
    request_timeout_ms: Option<Field>,
    map_tile_url: Option<Field>,
    map_attribution: Option<Field>,
    dormant_after_days: Option<Field>,
    target_offices_per_100k: Option<Field>,
    complaints: Option<Box<serde_json::value::RawValue>>,
    feedback: Option<Box<serde_json::value::RawValue>>,
    auth: Option<Box<serde_json::value::RawValue>>,
}

/// A top-level value of `config.json` other than `null` (which is `None` around it), as far
/// as its check needs to know it.
#[derive(Debug, PartialEq)]
enum Field {
    Str(String),
    /// A whole number from 0 up.
    Whole(u64),
    /// Any other number.
    Number(f64),
    /// `true`, `false`, a list or an object.
    Other,
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
        struct FieldVisitor;
        impl<'de> Visitor<'de> for FieldVisitor {
            type Value = Field;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_str<E>(self, v: &str) -> Result<Field, E> {
                Ok(Field::Str(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Field, E> {
                Ok(Field::Str(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Field, E> {
                Ok(Field::Whole(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Field, E> {
                Ok(u64::try_from(v).map_or(Field::Number(v as f64), Field::Whole))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Field, E> {
                Ok(Field::Number(v))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Field, E> {
                Ok(Field::Other)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Field, A::Error> {
                IgnoredAny.visit_seq(seq).map(|_| Field::Other)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Field, A::Error> {
                IgnoredAny.visit_map(map).map(|_| Field::Other)
            }
        }
        d.deserialize_any(FieldVisitor)
    }
}

/// A string field: `None` when absent, `null` or blank.
fn field_string(v: Option<Field>, key: &str) -> Result<Option<String>, ConfigError> {
    match v {
        None => Ok(None),
        Some(Field::Str(s)) if s.trim().is_empty() => Ok(None),
        Some(Field::Str(s)) => Ok(Some(s)),
        Some(_) => Err(ConfigError::Invalid(format!("\"{key}\" must be a string"))),
    }
}

/// An object kept as its JSON text ([`RawConfig`]), read: `None` when absent or `null`.
fn written(text: Option<String>) -> Option<serde_json::Value> {
    // The text was read as one JSON value by `AppConfig::parse`, so it reads again.
    text.and_then(|t| serde_json::from_str(&t).ok())
}

/// The object at `key`, `None` when absent or `null`.
fn opt_object(
    v: Option<serde_json::Value>,
    key: &str,
) -> Result<Option<serde_json::Map<String, serde_json::Value>>, ConfigError> {
    match v {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::Object(m)) => Ok(Some(m)),
        Some(_) => Err(ConfigError::Invalid(format!("\"{key}\" must be an object"))),
    }
}

/// An `https:` URL template of `domain::report` at `key`.
fn opt_template(
    map: &mut serde_json::Map<String, serde_json::Value>,
    key: &str,
) -> Result<Option<String>, ConfigError> {
    let url = opt_string(map.remove(key.rsplit('.').next().unwrap_or(key)), key)?;
    if let Some(u) = &url {
        if !report::template_is_valid(u) {
            return Err(ConfigError::Invalid(format!(
                "\"{key}\" must be an https: URL whose only placeholders are {}",
                report::PLACEHOLDERS
                    .iter()
                    .map(|p| format!("{{{p}}}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
    }
    Ok(url)
}

/// A phone number at `key` that makes a `tel:`/`sms:` link.
fn opt_phone(
    map: &mut serde_json::Map<String, serde_json::Value>,
    key: &str,
) -> Result<Option<String>, ConfigError> {
    let phone = opt_string(map.remove(key.rsplit('.').next().unwrap_or(key)), key)?;
    if let Some(p) = &phone {
        if tel_href(p).is_none() {
            return Err(ConfigError::Invalid(format!(
                "\"{key}\" must be a phone number (digits, spaces, dashes, a leading +)"
            )));
        }
    }
    Ok(phone)
}

fn complaints(text: Option<String>) -> Result<Option<Complaints>, ConfigError> {
    let Some(mut map) = opt_object(written(text), "complaints")? else {
        return Ok(None);
    };
    let c = Complaints {
        url: opt_template(&mut map, "complaints.url")?,
        phone: opt_phone(&mut map, "complaints.phone")?,
        sms: opt_phone(&mut map, "complaints.sms")?,
    };
    Ok((c != Complaints::default()).then_some(c))
}

fn feedback(text: Option<String>) -> Result<Option<Feedback>, ConfigError> {
    let Some(mut map) = opt_object(written(text), "feedback")? else {
        return Ok(None);
    };
    let email = opt_string(map.remove("email"), "feedback.email")?;
    if let Some(e) = &email {
        if !report::is_email(e) {
            return Err(ConfigError::Invalid(
                "\"feedback.email\" must be one e-mail address".into(),
            ));
        }
    }
    let f = Feedback {
        email,
        url: opt_template(&mut map, "feedback.url")?,
    };
    Ok((f != Feedback::default()).then_some(f))
}

/// A string in an object that a lazily loaded check reads as JSON values: the same rule as a
/// top-level string ([`field_string`]).
fn opt_string(v: Option<serde_json::Value>, key: &str) -> Result<Option<String>, ConfigError> {
    use serde_json::Value;
    let field = match v {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(Field::Str(s)),
        Some(_) => Some(Field::Other),
    };
    field_string(field, key)
}

fn opt_u32(
    v: Option<Field>,
    key: &str,
    range: std::ops::RangeInclusive<u64>,
) -> Result<Option<u32>, ConfigError> {
    match v {
        None => Ok(None),
        Some(Field::Whole(x)) if range.contains(&x) => Ok(Some(x as u32)),
        Some(Field::Whole(_) | Field::Number(_)) => Err(ConfigError::Invalid(format!(
            "\"{key}\" must be a whole number from {} to {}",
            range.start(),
            range.end()
        ))),
        Some(_) => Err(ConfigError::Invalid(format!("\"{key}\" must be a number"))),
    }
}

/// Whether a URL may be used as-is for an API base or a tile template: `https:`/`http:`
/// absolute, or a relative path (resolved against the app's own base URL), checked by the
/// browser's rules ([`check_url`]: no credentials, backslash or control-character tricks).
fn is_safe_base(url: &str) -> bool {
    check_url(url).is_ok()
}

impl AppConfig {
    /// Parses and validates the text of `config.json`. Unknown keys are ignored.
    pub fn parse(text: &str) -> Result<AppConfig, ConfigError> {
        let raw: RawConfig = serde_json::from_str(text).map_err(|e| {
            if e.is_data() {
                ConfigError::Invalid("the top level must be a JSON object".into())
            } else {
                ConfigError::NotJson(e.to_string())
            }
        })?;
        let api_base_url = field_string(raw.api_base_url, "api_base_url")?
            .ok_or_else(|| ConfigError::Invalid("\"api_base_url\" is required".into()))?;
        if !is_safe_base(&api_base_url) {
            return Err(ConfigError::Invalid(
                "\"api_base_url\" must be an http(s) URL or a path relative to the app, with no user name or password, backslash, space or control character".into(),
            ));
        }
        let default_locale = match field_string(raw.default_locale, "default_locale")? {
            None => Locale::Fa,
            Some(code) => Locale::from_code(&code).ok_or_else(|| {
                ConfigError::Invalid(format!(
                    "\"default_locale\" must be \"fa\" or \"en\", not \"{code}\""
                ))
            })?,
        };
        let request_timeout_ms =
            opt_u32(raw.request_timeout_ms, "request_timeout_ms", 100..=300_000)?
                .unwrap_or(DEFAULT_TIMEOUT_MS);
        let map_tile_url = field_string(raw.map_tile_url, "map_tile_url")?;
        if let Some(url) = &map_tile_url {
            if !is_safe_base(url) {
                return Err(ConfigError::Invalid(
                    "\"map_tile_url\" must be an http(s) URL".into(),
                ));
            }
        }
        let map_attribution = field_string(raw.map_attribution, "map_attribution")?;
        let dormant_after_days = opt_u32(raw.dormant_after_days, "dormant_after_days", 1..=3650)?
            .unwrap_or(DEFAULT_DORMANT_AFTER_DAYS);
        let target_offices_per_100k = match raw.target_offices_per_100k {
            None => None,
            Some(Field::Whole(x)) if x > 0 && x < 10_000 => Some(x as f64),
            Some(Field::Number(x)) if x.is_finite() && x > 0.0 && x < 10_000.0 => Some(x),
            Some(Field::Whole(_) | Field::Number(_)) => {
                return Err(ConfigError::Invalid(
                    "\"target_offices_per_100k\" must be a positive number".into(),
                ))
            }
            Some(_) => {
                return Err(ConfigError::Invalid(
                    "\"target_offices_per_100k\" must be a number".into(),
                ))
            }
        };
        let present = |v: Option<Box<serde_json::value::RawValue>>| v.map(|v| v.get().to_owned());
        Ok(AppConfig {
            api_base_url,
            default_locale,
            request_timeout_ms,
            map_tile_url,
            map_attribution,
            dormant_after_days,
            target_offices_per_100k,
            complaints_json: present(raw.complaints),
            feedback_json: present(raw.feedback),
            auth: None,
            auth_json: present(raw.auth),
        })
    }

    /// Whether `auth` is configured (then [`AppConfig::check_auth`] reads it before the app
    /// starts).
    pub fn has_auth(&self) -> bool {
        self.auth_json.is_some()
    }

    /// Reads and checks `auth` into [`AppConfig::auth`]: an error names the key that is wrong.
    pub fn check_auth(mut self) -> Result<AppConfig, ConfigError> {
        self.auth = parse_auth(self.auth_json.take())?;
        Ok(self)
    }

    /// Whether `complaints` or `feedback` is configured (then [`AppConfig::reports`] checks them
    /// before the app starts).
    pub fn has_reports(&self) -> bool {
        self.complaints_json.is_some() || self.feedback_json.is_some()
    }

    /// The report channels, checked: an error names the key that is wrong.
    pub fn reports(&self) -> Result<Reports, ConfigError> {
        Ok(Reports {
            complaints: complaints(self.complaints_json.clone())?,
            feedback: feedback(self.feedback_json.clone())?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_config_gets_defaults() {
        let c = AppConfig::parse(r#"{"api_base_url":"api/v1","extra":true}"#).unwrap();
        assert_eq!(c.api_base_url, "api/v1");
        assert_eq!(c.default_locale, Locale::Fa);
        assert_eq!(c.request_timeout_ms, DEFAULT_TIMEOUT_MS);
        assert_eq!(c.dormant_after_days, 180);
        assert!(!c.has_reports());
        assert_eq!(c.reports().unwrap(), Reports::default());
    }

    #[test]
    fn complaints_and_feedback_channels() {
        let c = AppConfig::parse(
            r#"{"api_base_url":"api/v1",
                "complaints":{"url":"https://r.example.ir/c?office={office_code}&l={licence_number}","phone":"111","sms":"3000 111"},
                "feedback":{"email":"data@example.ir"}}"#,
        )
        .unwrap()
        .reports()
        .unwrap();
        assert_eq!(
            c.complaints,
            Some(Complaints {
                url: Some("https://r.example.ir/c?office={office_code}&l={licence_number}".into()),
                phone: Some("111".into()),
                sms: Some("3000 111".into()),
            })
        );
        assert_eq!(
            c.feedback,
            Some(Feedback {
                email: Some("data@example.ir".into()),
                url: None
            })
        );
        // Empty objects and empty strings configure nothing.
        let c =
            AppConfig::parse(r#"{"api_base_url":"api/v1","complaints":{"url":""},"feedback":{}}"#)
                .unwrap()
                .reports()
                .unwrap();
        assert_eq!((c.complaints, c.feedback), (None, None));
    }

    #[test]
    fn bad_complaint_and_feedback_channels_name_the_key() {
        let err = |t: &str| {
            AppConfig::parse(t)
                .and_then(|c| c.reports())
                .unwrap_err()
                .to_string()
        };
        assert!(err(r#"{"api_base_url":"a","complaints":"111"}"#)
            .contains("\"complaints\" must be an object"));
        assert!(err(
            r#"{"api_base_url":"a","complaints":{"url":"http://r.example.ir/{office_code}"}}"#
        )
        .contains("complaints.url"));
        assert!(err(
            r#"{"api_base_url":"a","complaints":{"url":"https://r.example.ir/{office}"}}"#
        )
        .contains("{office_code}"));
        assert!(
            err(r#"{"api_base_url":"a","complaints":{"phone":"call us"}}"#)
                .contains("complaints.phone")
        );
        assert!(
            err(r#"{"api_base_url":"a","complaints":{"sms":"javascript:1"}}"#)
                .contains("complaints.sms")
        );
        assert!(
            err(r#"{"api_base_url":"a","feedback":{"email":"a@b.ir?cc=c@d.ir"}}"#)
                .contains("feedback.email")
        );
        assert!(
            err(r#"{"api_base_url":"a","feedback":{"url":"mailto:a@b.ir"}}"#)
                .contains("feedback.url")
        );
    }

    #[test]
    fn base_url_tricks_and_credentials_are_refused_without_printing_them() {
        for base in [
            "/\\evil.example/api",
            "/\t/evil.example/api",
            "//evil.example/api",
            "https://user:secret@api.example.ir/v1",
            "https://api.example.ir@evil.example/v1",
            "javascript:alert(1)",
        ] {
            let text = serde_json::json!({ "api_base_url": base }).to_string();
            let err = AppConfig::parse(&text).unwrap_err().to_string();
            assert!(err.contains("api_base_url"), "{base:?}: {err}");
            assert!(!err.contains("secret") && !err.contains("evil"), "{err}");
        }
        for base in [
            "api/v1",
            "/api/v1",
            "https://api.example.ir/v1",
            "http://127.0.0.1:8600/v1",
        ] {
            let text = serde_json::json!({ "api_base_url": base }).to_string();
            assert_eq!(AppConfig::parse(&text).unwrap().api_base_url, base);
        }
    }

    #[test]
    fn full_config() {
        let c = AppConfig::parse(
            r#"{"api_base_url":"https://api.example.ir/pishkhan/v1","default_locale":"en","request_timeout_ms":5000,
                "dormant_after_days":90,"target_offices_per_100k":20}"#,
        )
        .unwrap();
        assert_eq!(c.default_locale, Locale::En);
        assert_eq!(c.request_timeout_ms, 5000);
        assert_eq!(c.dormant_after_days, 90);
        assert_eq!(c.target_offices_per_100k, Some(20.0));
    }

    #[test]
    fn errors_name_the_problem() {
        let err = |t: &str| AppConfig::parse(t).unwrap_err().to_string();
        assert!(err("{}").contains("api_base_url"));
        assert!(err("{nope").contains("not valid JSON"));
        assert!(err("[1]").contains("object"));
        assert!(err(r#"{"api_base_url":"api","default_locale":"de"}"#).contains("default_locale"));
        assert!(
            err(r#"{"api_base_url":"api","request_timeout_ms":-1}"#).contains("request_timeout_ms")
        );
        assert!(err(r#"{"api_base_url":"javascript:alert(1)"}"#).contains("api_base_url"));
        assert!(err(r#"{"api_base_url":"//evil.example/api"}"#).contains("api_base_url"));
        assert!(err(r#"{"api_base_url":42}"#).contains("string"));
        assert!(err(r#"{"api_base_url":["a"]}"#).contains("\"api_base_url\" must be a string"));
        assert!(err(r#"{"api_base_url":"a","request_timeout_ms":1500.5}"#)
            .contains("whole number from 100 to 300000"));
        assert!(err(r#"{"api_base_url":"a","request_timeout_ms":"5000"}"#)
            .contains("\"request_timeout_ms\" must be a number"));
        assert!(err(r#"{"api_base_url":"a","dormant_after_days":true}"#)
            .contains("\"dormant_after_days\" must be a number"));
        assert!(err(r#"{"api_base_url":"a","target_offices_per_100k":0}"#).contains("positive"));
        assert!(err(r#"{"api_base_url":"a","target_offices_per_100k":-2.5}"#).contains("positive"));
        assert!(err(r#"{"api_base_url":"a","target_offices_per_100k":{}}"#).contains("a number"));
        assert!(err(r#"{"api_base_url":"a","map_tile_url":{"z":1}}"#).contains("map_tile_url"));
        // null is the same as absent, for scalars and objects alike.
        let c = AppConfig::parse(
            r#"{"api_base_url":"a","request_timeout_ms":null,"target_offices_per_100k":null,"complaints":null,"feedback":null}"#,
        )
        .unwrap();
        assert_eq!(c.request_timeout_ms, DEFAULT_TIMEOUT_MS);
        assert_eq!(c.target_offices_per_100k, None);
        assert!(!c.has_reports());
        assert_eq!(
            AppConfig::parse(r#"{"api_base_url":"a","target_offices_per_100k":12.5}"#)
                .unwrap()
                .target_offices_per_100k,
            Some(12.5)
        );
    }

    #[test]
    fn no_auth_means_no_sign_in() {
        let c = AppConfig::parse(r#"{"api_base_url":"api/v1","auth":null}"#).unwrap();
        assert!(!c.has_auth());
        let c = c.check_auth().unwrap();
        assert_eq!(c.auth, None);
    }

    #[test]
    fn auth_defaults_and_origin() {
        let c = AppConfig::parse(
            r#"{"api_base_url":"api/v1","auth":{"issuer":"https://id.example.ir/realms/pishkhan/","client_id":"pishkhan","scopes":["profile","licences:read"]}}"#,
        )
        .unwrap();
        assert!(c.has_auth());
        assert_eq!(c.auth, None, "read only by check_auth");
        let auth = c.check_auth().unwrap().auth.unwrap();
        assert_eq!(auth.issuer, "https://id.example.ir/realms/pishkhan");
        assert_eq!(auth.issuer_origin(), "https://id.example.ir");
        assert_eq!(auth.scopes, ["openid", "profile", "licences:read"]);
        assert_eq!(auth.documents, [Document::Licences]);
        assert!(auth.needs_token(Document::Licences));
        assert!(!auth.needs_token(Document::Offices));
        let local = AppConfig::parse(
            r#"{"api_base_url":"api/v1","auth":{"issuer":"http://127.0.0.1:8299","client_id":"t","documents":["licences","index"]}}"#,
        )
        .and_then(AppConfig::check_auth)
        .unwrap()
        .auth
        .unwrap();
        assert_eq!(local.issuer_origin(), "http://127.0.0.1:8299");
        assert_eq!(local.scopes, ["openid", "profile"]);
        assert!(local.needs_token(Document::Index));
    }

    #[test]
    fn auth_errors_name_the_problem() {
        let err = |auth: &str| {
            AppConfig::parse(&format!(r#"{{"api_base_url":"api","auth":{auth}}}"#))
                .and_then(AppConfig::check_auth)
                .unwrap_err()
                .to_string()
        };
        assert!(err("true").contains("object"));
        assert!(err(r#"{"client_id":"x"}"#).contains("issuer"));
        assert!(err(r#"{"issuer":"https://id.example.ir"}"#).contains("client_id"));
        // Plain http is for a provider on this machine only.
        assert!(err(r#"{"issuer":"http://id.example.ir","client_id":"x"}"#).contains("https"));
        assert!(
            err(r#"{"issuer":"http://127.0.0.1.evil.example","client_id":"x"}"#).contains("https")
        );
        assert!(err(r#"{"issuer":"https://u@id.example.ir","client_id":"x"}"#).contains("https"));
        assert!(err(r#"{"issuer":"javascript:alert(1)","client_id":"x"}"#).contains("https"));
        assert!(
            err(r#"{"issuer":"https://id.example.ir","client_id":"x","scopes":"openid"}"#)
                .contains("list")
        );
        assert!(
            err(r#"{"issuer":"https://id.example.ir","client_id":"x","scopes":["a b"]}"#)
                .contains("words")
        );
        assert!(err(
            r#"{"issuer":"https://id.example.ir","client_id":"x","documents":["secrets"]}"#
        )
        .contains("licences, offices"));
    }
}
