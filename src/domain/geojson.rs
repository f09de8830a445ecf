//! GeoJSON (RFC 7946) downloads for the working groups' GIS: one encoder, used by the gap view,
//! the finder's results and the registry. Points are `[lon, lat]`; records without a position
//! are left out (the CSV beside the download lists every record).

use std::fmt::Write;

use crate::model::{LatLon, Licence, Office};

/// A property value of a feature.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Prop<'a> {
    /// A string, or `null`.
    Text(Option<&'a str>),
    /// A number, or `null` (also for a number that is not finite).
    Number(Option<f64>),
}

/// `text` as a JSON string.
fn push_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A finite number as JSON (always with a decimal point: `50.0`), else `null`. Display, not
/// Debug: it never writes an exponent (`1e-7` is `0.0000001`), and the release build's `{:?}`
/// prints nothing (scripts/build.sh).
fn push_number(out: &mut String, n: Option<f64>) {
    match n.filter(|n| n.is_finite()) {
        Some(n) => {
            let start = out.len();
            let _ = write!(out, "{n}");
            if !out[start..].contains('.') {
                out.push_str(".0");
            }
        }
        None => out.push_str("null"),
    }
}

/// A FeatureCollection of Point features, each with its properties. Written by hand (no
/// `serde_json::Value`), so the finder's and the officials' modules share only this.
pub fn point_collection<'a>(
    points: impl IntoIterator<Item = (LatLon, Vec<(&'static str, Prop<'a>)>)>,
) -> String {
    let mut out = String::from(r#"{"type":"FeatureCollection","features":["#);
    for (i, (at, properties)) in points.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(r#"{"type":"Feature","geometry":{"type":"Point","coordinates":["#);
        push_number(&mut out, Some(at.lon));
        out.push(',');
        push_number(&mut out, Some(at.lat));
        out.push_str(r#"]},"properties":{"#);
        for (j, (key, value)) in properties.into_iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            push_string(&mut out, key);
            out.push(':');
            match value {
                Prop::Text(Some(t)) => push_string(&mut out, t),
                Prop::Text(None) => out.push_str("null"),
                Prop::Number(n) => push_number(&mut out, n),
            }
        }
        out.push_str("}}");
    }
    out.push_str("]}");
    out
}

/// Offices with a location, with their identity, kind, status and licence as properties.
pub fn offices_geojson<'a>(offices: impl IntoIterator<Item = &'a Office>) -> String {
    point_collection(offices.into_iter().filter_map(|o| {
        let at = o.location?;
        Some((
            at,
            vec![
                ("id", Prop::Text(Some(&o.id))),
                ("code", Prop::Text(Some(&o.code))),
                ("kind", Prop::Text(Some(o.kind.as_str()))),
                ("name_fa", Prop::Text(Some(&o.name_fa))),
                ("name_en", Prop::Text(Some(&o.name_en))),
                ("province_id", Prop::Text(Some(&o.province_id))),
                ("city_fa", Prop::Text(Some(&o.city_fa))),
                ("status", Prop::Text(Some(o.status.as_str()))),
                ("licence_number", Prop::Text(o.licence_number.as_deref())),
            ],
        ))
    }))
}

/// Licences placed at their office (`office_id`), where `office_at` knows its location; a
/// licence without an office (dormant ones) has no position and is left out.
pub fn licences_geojson<'a>(
    licences: impl IntoIterator<Item = &'a Licence>,
    office_at: impl Fn(&str) -> Option<LatLon>,
) -> String {
    point_collection(licences.into_iter().filter_map(|l| {
        let at = office_at(l.office_id.as_deref()?)?;
        Some((
            at,
            vec![
                ("number", Prop::Text(Some(&l.number))),
                ("province_id", Prop::Text(Some(&l.province_id))),
                ("holder_fa", Prop::Text(Some(&l.holder_fa))),
                ("kind", Prop::Text(Some(l.kind.as_str()))),
                ("city_fa", Prop::Text(Some(&l.city_fa))),
                ("status", Prop::Text(Some(l.status.as_str()))),
                ("office_id", Prop::Text(l.office_id.as_deref())),
            ],
        ))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn office(id: &str, at: Option<(f64, f64)>) -> Office {
        let mut json = json!({
            "id": id, "code": format!("C{id}"), "kind": "e_city", "name_fa": "x", "name_en": "x",
            "province_id": "IR-25", "city_fa": "قم", "city_en": "Qom", "address_fa": "x",
            "status": "open", "updated_at": "2026-01-01", "licence_number": format!("25-{id}")
        });
        if let Some((lat, lon)) = at {
            json["location"] = json!({ "lat": lat, "lon": lon });
        }
        serde_json::from_value(json).expect("test office")
    }

    #[test]
    fn numbers_are_plain_json_numbers() {
        for (n, text) in [
            (Some(50.0), "50.0"),
            (Some(-0.5), "-0.5"),
            (Some(-0.0), "-0.0"),
            (Some(1e-7), "0.0000001"),
            (Some(1e21), "1000000000000000000000.0"),
            (Some(35.123456789), "35.123456789"),
            (Some(f64::NAN), "null"),
            (Some(f64::INFINITY), "null"),
            (None, "null"),
        ] {
            let mut out = String::new();
            push_number(&mut out, n);
            assert_eq!(out, text);
            assert!(serde_json::from_str::<Value>(&out).is_ok(), "{out} is JSON");
        }
    }

    #[test]
    fn offices_are_points_at_lon_lat_and_the_unlocated_are_left_out() {
        let list = [office("1", Some((34.6, 50.9))), office("2", None)];
        let geo: Value = serde_json::from_str(&offices_geojson(&list)).expect("json");
        assert_eq!(geo["type"], "FeatureCollection");
        let features = geo["features"].as_array().expect("features");
        assert_eq!(features.len(), 1);
        assert_eq!(features[0]["geometry"]["coordinates"], json!([50.9, 34.6]));
        assert_eq!(features[0]["properties"]["code"], "C1");
        assert_eq!(features[0]["properties"]["kind"], "e_city");
    }

    #[test]
    fn licences_sit_at_their_office() {
        let licence = |number: &str, office: Option<&str>| -> Licence {
            serde_json::from_value(json!({
                "number": number, "province_id": "IR-25", "holder_fa": "x", "kind": "pishkhan",
                "city_fa": "قم", "issued_on": "2024-01-01", "expires_on": "2029-01-01",
                "status": "active", "office_id": office
            }))
            .expect("test licence")
        };
        let list = [
            licence("25-1", Some("o1")),
            licence("25-2", None),
            licence("25-3", Some("unknown")),
        ];
        let at = |id: &str| {
            (id == "o1").then_some(LatLon {
                lat: 34.0,
                lon: 50.0,
            })
        };
        let geo: Value = serde_json::from_str(&licences_geojson(&list, at)).expect("json");
        let features = geo["features"].as_array().expect("features");
        assert_eq!(features.len(), 1);
        assert_eq!(features[0]["properties"]["number"], "25-1");
        assert_eq!(features[0]["geometry"]["coordinates"], json!([50.0, 34.0]));
        assert_eq!(
            point_collection(Vec::new()),
            r#"{"type":"FeatureCollection","features":[]}"#
        );
    }

    #[test]
    fn text_is_escaped_and_odd_numbers_are_null() {
        let geo = point_collection(vec![(
            LatLon {
                lat: 1.5,
                lon: -2.0,
            },
            vec![
                ("name", Prop::Text(Some("a \"q\" \\ \n «ی»"))),
                ("none", Prop::Text(None)),
                ("nan", Prop::Number(Some(f64::NAN))),
                ("n", Prop::Number(Some(5000.0))),
            ],
        )]);
        let v: Value = serde_json::from_str(&geo).expect("valid JSON");
        let p = &v["features"][0]["properties"];
        assert_eq!(p["name"], "a \"q\" \\ \n «ی»");
        assert_eq!(p["none"], Value::Null);
        assert_eq!(p["nan"], Value::Null);
        assert_eq!(p["n"], 5000.0);
        assert_eq!(
            v["features"][0]["geometry"]["coordinates"],
            json!([-2.0, 1.5])
        );
    }
}
