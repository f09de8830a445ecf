//! GeoJSON (RFC 7946) downloads for the working groups' GIS: one encoder, used by the gap view,
//! the finder's results and the registry. Points are `[lon, lat]`; records without a position
//! are left out (the CSV beside the download lists every record).

use serde_json::{json, Value};

use crate::model::{LatLon, Licence, Office};

/// A FeatureCollection of Point features, each with its properties.
pub fn point_collection(points: impl IntoIterator<Item = (LatLon, Value)>) -> String {
    let features: Vec<Value> = points
        .into_iter()
        .map(|(at, properties)| {
            json!({
                "type": "Feature",
                "geometry": { "type": "Point", "coordinates": [at.lon, at.lat] },
                "properties": properties,
            })
        })
        .collect();
    json!({ "type": "FeatureCollection", "features": features }).to_string()
}

/// Offices with a location, with their identity, kind, status and licence as properties.
pub fn offices_geojson<'a>(offices: impl IntoIterator<Item = &'a Office>) -> String {
    point_collection(offices.into_iter().filter_map(|o| {
        let at = o.location?;
        Some((
            at,
            json!({
                "id": o.id,
                "code": o.code,
                "kind": o.kind.as_str(),
                "name_fa": o.name_fa,
                "name_en": o.name_en,
                "province_id": o.province_id,
                "city_fa": o.city_fa,
                "status": o.status.as_str(),
                "licence_number": o.licence_number,
            }),
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
            json!({
                "number": l.number,
                "province_id": l.province_id,
                "holder_fa": l.holder_fa,
                "kind": l.kind.as_str(),
                "city_fa": l.city_fa,
                "status": l.status.as_str(),
                "issued_on": l.issued_on.to_string(),
                "office_id": l.office_id,
            }),
        ))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let at = |id: &str| (id == "o1").then_some(LatLon { lat: 34.0, lon: 50.0 });
        let geo: Value = serde_json::from_str(&licences_geojson(&list, at)).expect("json");
        let features = geo["features"].as_array().expect("features");
        assert_eq!(features.len(), 1);
        assert_eq!(features[0]["properties"]["number"], "25-1");
        assert_eq!(features[0]["geometry"]["coordinates"], json!([50.0, 34.0]));
        assert_eq!(point_collection([]), r#"{"features":[],"type":"FeatureCollection"}"#);
    }
}
