//! Links built from data: only `http(s)` URLs are ever clickable (`https:` only where a
//! citizen is sent to do something: a journey's steps, a complaint), `tel:` and `sms:` carry
//! digits and `+` only, USSD codes digits, `*` and `#`, and map links are built from
//! validated coordinates. (The app's own paths are [`crate::route`]'s.)

use crate::i18n::format::ascii_digit;
use crate::model::LatLon;
use crate::route::{encode, Part};

/// What a URL from configuration or data is, once checked (see [`check_url`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlKind {
    /// `https://host…` or `http://host…`.
    Absolute,
    /// A path resolved against the app's own address (`api/v1`, `/api/v1`, `../v1`).
    Relative,
}

/// Why a URL is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlProblem {
    /// A scheme other than `http:`/`https:` (`javascript:`, `data:`, `file:`).
    Scheme,
    /// A user name or password before the host (`https://user:pw@host`, `https://gov.ir@evil`).
    Credentials,
    /// Characters the browser's URL parser removes or reinterprets (tab, newline, other control
    /// characters, spaces, `\`, which it reads as `/`), bidi controls, or `"`, `<`, `>`.
    Tricky,
    /// `//host…` (another host, whatever the page's), or an absolute URL without a host.
    Host,
}

/// Bidi controls and marks: they reorder how a URL is displayed (`…/exe.png` for `…gnp.exe`).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Checks a URL by the rules of the browser's URL parser (WHATWG URL), natively, so that what
/// it accepts resolves to what it looks like. The parser drops tab and newline anywhere and
/// spaces and control characters at either end, and reads `\` as `/` in `http(s)` URLs: so
/// `/\evil.example/api` and `/<TAB>/evil.example/api` are `//evil.example/api`, another host.
/// Such characters are refused outright rather than guessed at; so are credentials (they
/// would be sent, and shown). The browser build parses the result with `web_sys::Url` too
/// (`app::checked_base_url`).
pub fn check_url(raw: &str) -> Result<UrlKind, UrlProblem> {
    if raw.is_empty()
        || raw.chars().any(|c| {
            c.is_control()
                || c.is_whitespace()
                || is_bidi_control(c)
                || matches!(c, '\\' | '"' | '<' | '>' | '\u{FEFF}')
        })
    {
        return Err(UrlProblem::Tricky);
    }
    let scheme_end = raw.find(':').filter(|&i| {
        let scheme = &raw[..i];
        scheme
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic())
            && scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
    });
    let Some(end) = scheme_end else {
        // A relative reference: a path, never `//host`.
        return if raw.starts_with("//") {
            Err(UrlProblem::Host)
        } else {
            Ok(UrlKind::Relative)
        };
    };
    let scheme = raw[..end].to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return Err(UrlProblem::Scheme);
    }
    let Some(rest) = raw[end + 1..].strip_prefix("//") else {
        return Err(UrlProblem::Host);
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return Err(UrlProblem::Credentials);
    }
    let host = authority.rsplit_once(':').map_or(authority, |(h, _)| h);
    if host.is_empty() {
        return Err(UrlProblem::Host);
    }
    Ok(UrlKind::Absolute)
}

/// The URL when it is an absolute `https:` or `http:` URL that [`check_url`] accepts (no
/// control characters, a host; bidi controls and user info are let through for [`shown_url`]
/// to show as the host); `None` for `javascript:`, `data:`,
/// relative or malformed values.
pub fn safe_http_url(raw: &str) -> Option<String> {
    let url = raw.trim();
    // Bidi controls in data are not a parser trick (the browser percent-encodes them in a
    // path; a host with one does not parse): the link stays, shown as its host (`shown_url`).
    let plain: String = url.chars().filter(|c| !is_bidi_control(*c)).collect();
    // User info is the same: honest once shown as the host it goes to.
    let ok = match check_url(&plain) {
        Ok(kind) => kind == UrlKind::Absolute,
        Err(problem) => problem == UrlProblem::Credentials,
    };
    ok.then(|| url.to_string())
}

/// The host of an absolute `http(s)` URL, lower-cased, without user info or port: what a link
/// whose full text could mislead is shown as.
pub fn url_host(raw: &str) -> Option<String> {
    let rest = raw.trim().split_once("://")?.1;
    let authority = rest.split(['/', '?', '#', '\\']).next()?;
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = host.rsplit_once(':').map_or(host, |(h, _)| h);
    let host: String = host.chars().filter(|c| !is_bidi_control(*c)).collect();
    (!host.is_empty()).then(|| host.to_lowercase())
}

/// The text to show for a link from data: the URL itself, or its host when the URL would not
/// read as what it is: bidi controls (they reorder the text), user info (`https://gov.ir@evil/`
/// reads as gov.ir), or letters outside ASCII (look-alike hosts and paths).
pub fn shown_url(url: &str) -> String {
    let authority = url.split_once("://").map_or("", |(_, r)| {
        r.split(['/', '?', '#']).next().unwrap_or_default()
    });
    let misleading = authority.contains('@') || !url.is_ascii() || url.chars().any(is_bidi_control);
    match url_host(url) {
        Some(host) if misleading => host,
        _ => url.to_string(),
    }
}

/// The URL when [`safe_http_url`] accepts it and it is `https:`: where a citizen is sent to
/// act (a step of a journey, a complaint form), an unencrypted link is not offered.
pub fn safe_https_url(raw: &str) -> Option<String> {
    safe_http_url(raw).filter(|u| {
        u.get(..8)
            .is_some_and(|s| s.eq_ignore_ascii_case("https://"))
    })
}

/// The digits (and a leading `+`) of a phone number as data gives it, `None` when it holds
/// anything else or is too short or too long to be a number.
fn phone_digits(raw: &str) -> Option<String> {
    let mut out = String::new();
    for (i, c) in raw.trim().chars().enumerate() {
        if let Some(d) = ascii_digit(c) {
            out.push(d);
            continue;
        }
        match c {
            '+' if i == 0 => out.push('+'),
            ' ' | '-' | '(' | ')' | '.' => {}
            _ => return None,
        }
    }
    let digits = out.chars().filter(char::is_ascii_digit).count();
    (3..=15).contains(&digits).then_some(out)
}

/// An `sms:` URI to a number as data gives it, with a percent-encoded `body` when there is
/// a text; `None` when the number is not a phone number.
pub fn sms_href(number: &str, body: Option<&str>) -> Option<String> {
    let digits = phone_digits(number)?;
    Some(match body.map(str::trim).filter(|b| !b.is_empty()) {
        Some(text) => format!("sms:{digits}?body={}", encode(text, Part::Segment)),
        None => format!("sms:{digits}"),
    })
}

/// A USSD code (`*4040#`, Persian digits allowed) in its ASCII form and as a `tel:` link
/// (`#` percent-encoded, as RFC 3966 asks); `None` unless it is `*`, digits and `*`, `#`.
pub fn ussd(raw: &str) -> Option<(String, String)> {
    let code: String = raw
        .trim()
        .chars()
        .map(|c| ascii_digit(c).unwrap_or(c))
        .collect();
    let body = code.strip_prefix('*')?.strip_suffix('#')?;
    let ok = !body.is_empty()
        && body.bytes().all(|b| b.is_ascii_digit() || b == b'*')
        && body.bytes().next().is_some_and(|b| b.is_ascii_digit());
    ok.then(|| {
        let href = format!("tel:{}", code.replace('#', "%23"));
        (code, href)
    })
}

/// A `tel:` URI from a phone number as data gives it ("021-8812 3456", "+98 21 …", Persian
/// digits): digits and a leading `+` only; `None` when too short or too long to be a number.
pub fn tel_href(raw: &str) -> Option<String> {
    phone_digits(raw).map(|d| format!("tel:{d}"))
}

fn coord(x: f64) -> String {
    format!("{x:.6}")
}

/// Directions links for a location: (label key, URL). Empty for an invalid location.
pub struct MapLinks {
    pub neshan: String,
    pub balad: String,
    pub openstreetmap: String,
    pub geo: String,
}

/// Neshan, Balad, OpenStreetMap and a `geo:` URI for a location; `None` when it is invalid.
pub fn map_links(p: LatLon) -> Option<MapLinks> {
    if !p.is_valid() {
        return None;
    }
    let (lat, lon) = (coord(p.lat), coord(p.lon));
    Some(MapLinks {
        neshan: format!("https://nshn.ir/?lat={lat}&lng={lon}"),
        balad: format!("https://balad.ir/location?latitude={lat}&longitude={lon}"),
        openstreetmap: format!(
            "https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
        ),
        geo: format!("geo:{lat},{lon}"),
    })
}

/// The one "Directions" link of a location, where a list has room for one: Neshan's, the first
/// of [`map_links`] (it opens the Neshan app on a phone that has it, its website elsewhere, so it
/// is never a dead end the way `geo:` is on a desktop). `None` when the location is invalid.
pub fn directions_href(p: LatLon) -> Option<String> {
    map_links(p).map(|links| links.neshan)
}

#[cfg(test)]
mod tests {
    #[test]
    fn urls_are_checked_as_the_browser_parses_them() {
        use super::{UrlKind::*, UrlProblem::*};
        for (raw, want) in [
            ("api/v1", Ok(Relative)),
            ("/api/v1", Ok(Relative)),
            ("../v1", Ok(Relative)),
            ("https://api.example.ir/pishkhan/v1", Ok(Absolute)),
            ("HTTP://127.0.0.1:8080/v1", Ok(Absolute)),
            // The parser reads `\` as `/` and drops tabs and newlines: another host.
            ("/\\evil.example/api", Err(Tricky)),
            ("/\t/evil.example/api", Err(Tricky)),
            ("/\n/evil.example/api", Err(Tricky)),
            ("https:\\\\evil.example", Err(Tricky)),
            (" api/v1", Err(Tricky)),
            ("api/v1\u{0}", Err(Tricky)),
            ("https://example.ir/\u{202E}gnp.exe", Err(Tricky)),
            ("//evil.example/api", Err(Host)),
            ("https://", Err(Host)),
            ("https://:443/x", Err(Host)),
            ("https:evil.example", Err(Host)),
            ("https://user:pw@api.example.ir/v1", Err(Credentials)),
            ("https://my.gov.ir@evil.example/", Err(Credentials)),
            ("javascript:alert(1)", Err(Scheme)),
            ("data:text/html,x", Err(Scheme)),
            ("file:///etc/passwd", Err(Scheme)),
            ("api:v1", Err(Scheme)),
            ("", Err(Tricky)),
        ] {
            assert_eq!(check_url(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn misleading_link_text_is_shown_as_its_host() {
        assert_eq!(
            shown_url("https://my.gov.ir/services"),
            "https://my.gov.ir/services"
        );
        assert_eq!(shown_url("https://my.gov.ir@evil.example/"), "evil.example");
        assert_eq!(
            shown_url("https://Evil.example:8443/x\u{202E}gnp.exe"),
            "evil.example"
        );
        assert_eq!(
            shown_url("https://xn--80ak6aa92e.com/"),
            "https://xn--80ak6aa92e.com/"
        );
        assert_eq!(shown_url("https://аpple.com/"), "аpple.com");
        assert_eq!(
            url_host("https://u:p@h.example:1/p"),
            Some("h.example".into())
        );
        assert_eq!(url_host("not a url"), None);
        // Such links stay links (their text is what changes).
        assert!(safe_http_url("https://my.gov.ir@evil.example/").is_some());
        assert!(safe_http_url("https://example.ir/\u{202E}gnp.exe").is_some());
        assert!(safe_http_url("https://example.ir/\\x").is_none());
    }

    use super::*;

    #[test]
    fn only_http_urls_are_clickable() {
        assert_eq!(
            safe_http_url(" https://my.gov.ir/x?a=1 ").as_deref(),
            Some("https://my.gov.ir/x?a=1")
        );
        assert!(safe_http_url("HTTP://example.ir").is_some());
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,x",
            "/relative",
            "https://",
            "https://a b",
            "vbscript:x",
            " javascript:https://x",
        ] {
            assert_eq!(safe_http_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn tel_links_hold_digits_and_plus_only() {
        assert_eq!(
            tel_href("021-8812 3456").as_deref(),
            Some("tel:02188123456")
        );
        assert_eq!(
            tel_href("+98 (21) 8812-3456").as_deref(),
            Some("tel:+982188123456")
        );
        assert_eq!(tel_href("۰۲۱-۸۸۱۲۳۴۵۶").as_deref(), Some("tel:02188123456"));
        assert_eq!(tel_href("021;javascript:alert(1)"), None);
        assert_eq!(tel_href("12"), None);
        assert_eq!(tel_href("1+2"), None);
    }

    #[test]
    fn steps_and_complaints_link_only_to_https() {
        assert_eq!(
            safe_https_url("https://my.gov.ir/a").as_deref(),
            Some("https://my.gov.ir/a")
        );
        assert_eq!(safe_https_url("http://my.gov.ir/a"), None);
        assert_eq!(safe_https_url("javascript:alert(1)"), None);
        assert_eq!(
            safe_https_url("HTTPS://x.ir").as_deref(),
            Some("HTTPS://x.ir")
        );
    }

    #[test]
    fn sms_and_ussd_links_hold_only_what_they_should() {
        assert_eq!(sms_href("۳۰۰۰ ۱۲۳", None).as_deref(), Some("sms:3000123"));
        assert_eq!(
            sms_href("3000123", Some("کد 12 & x")).as_deref(),
            Some("sms:3000123?body=%DA%A9%D8%AF%2012%20%26%20x")
        );
        assert_eq!(sms_href("3000;rm", Some("x")), None);
        assert_eq!(
            ussd("*4040#"),
            Some(("*4040#".to_string(), "tel:*4040%23".to_string()))
        );
        assert_eq!(ussd("*۶۶۱۶*۱#").map(|u| u.0).as_deref(), Some("*6616*1#"));
        for bad in ["4040#", "*4040", "*#", "**1#", "*40a0#", "*40#40#"] {
            assert_eq!(ussd(bad), None, "{bad}");
        }
    }

    #[test]
    fn map_links_use_the_documented_formats() {
        let m = map_links(LatLon {
            lat: 35.7,
            lon: 51.4,
        })
        .unwrap();
        assert_eq!(m.neshan, "https://nshn.ir/?lat=35.700000&lng=51.400000");
        assert_eq!(
            m.balad,
            "https://balad.ir/location?latitude=35.700000&longitude=51.400000"
        );
        assert!(m
            .openstreetmap
            .starts_with("https://www.openstreetmap.org/?mlat=35.700000&mlon=51.400000#map=17/"));
        assert_eq!(m.geo, "geo:35.700000,51.400000");
        assert_eq!(
            directions_href(LatLon {
                lat: 35.7,
                lon: 51.4
            })
            .as_deref(),
            Some(m.neshan.as_str())
        );
        assert_eq!(
            directions_href(LatLon {
                lat: f64::NAN,
                lon: 51.4
            }),
            None
        );
        assert!(map_links(LatLon {
            lat: 95.0,
            lon: 0.0
        })
        .is_none());
    }
}
