//! Links built from data: only `http(s)` URLs are ever clickable (`https:` only where a
//! citizen is sent to do something: a journey's steps, a complaint), `tel:` and `sms:` carry
//! digits and `+` only, USSD codes digits, `*` and `#`, and map links are built from
//! validated coordinates. (The app's own paths are [`crate::route`]'s.)

use crate::i18n::format::ascii_digit;
use crate::model::LatLon;
use crate::route::{encode, Part};

/// The URL when it is an absolute `https:` or `http:` URL without whitespace or control
/// characters; `None` for `javascript:`, `data:`, relative or malformed values.
pub fn safe_http_url(raw: &str) -> Option<String> {
    let url = raw.trim();
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))?;
    let host_ok = rest
        .split(['/', '?', '#'])
        .next()
        .is_some_and(|h| !h.is_empty());
    let clean = !url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'));
    (host_ok && clean).then(|| url.to_string())
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
