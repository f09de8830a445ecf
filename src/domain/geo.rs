//! Great-circle distances and "which provinces are near me".
//!
//! Offices are published per province, so finding offices near the user starts by choosing
//! which provinces' documents to load; the bounding box of each province's offices (from
//! `meta.json`) bounds the distance to any of its offices from below.

use crate::model::{BBox, LatLon, Province};

/// Mean earth radius (IUGG), km.
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Great-circle distance between two points in km (haversine formula on a sphere; error
/// under 0.5 % against the ellipsoid, well below what a "near me" list needs).
pub fn haversine_km(a: LatLon, b: LatLon) -> f64 {
    let (lat1, lat2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = lat2 - lat1;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    // Rounding can push h just past 1 for antipodal points, and asin would return NaN.
    2.0 * EARTH_RADIUS_KM * h.clamp(0.0, 1.0).sqrt().asin()
}

/// Distance in km from `p` to the nearest point of `b`; 0 when `p` is inside or on the edge.
/// The nearest point is found by clamping the coordinates, which is exact enough for boxes
/// the size of a province away from the poles and the antimeridian.
pub fn bbox_distance_km(p: LatLon, b: &BBox) -> f64 {
    let nearest = LatLon {
        lat: p
            .lat
            .clamp(b.min_lat.min(b.max_lat), b.max_lat.max(b.min_lat)),
        lon: p
            .lon
            .clamp(b.min_lon.min(b.max_lon), b.max_lon.max(b.min_lon)),
    };
    if nearest == p {
        return 0.0;
    }
    haversine_km(p, nearest)
}

/// The province's bounding box, if it has a usable one.
fn valid_bbox(province: &Province) -> Option<&BBox> {
    province.bbox.as_ref().filter(|b| b.is_valid())
}

/// Whether the box contains the point, edges included.
fn contains(b: &BBox, p: LatLon) -> bool {
    (b.min_lat..=b.max_lat).contains(&p.lat) && (b.min_lon..=b.max_lon).contains(&p.lon)
}

/// Relative area of a box: degrees², with longitude scaled by the cosine of the mid latitude
/// so that boxes at different latitudes compare fairly.
fn relative_area(b: &BBox) -> f64 {
    let mid_lat = ((b.min_lat + b.max_lat) / 2.0).to_radians();
    (b.max_lat - b.min_lat) * (b.max_lon - b.min_lon) * mid_lat.cos()
}

/// The province whose offices' box contains `p` (the smallest one when boxes overlap, as
/// they do around Tehran and Karaj), else the province with the nearest centroid; `None`
/// for an invalid point or when no province has usable coordinates.
pub fn nearest_province(provinces: &[Province], p: LatLon) -> Option<&Province> {
    if !p.is_valid() {
        return None;
    }
    containing_province(provinces, p).or_else(|| {
        provinces
            .iter()
            .filter(|pr| pr.centroid.is_valid())
            .map(|pr| (haversine_km(p, pr.centroid), pr))
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, pr)| pr)
    })
}

/// The province whose valid box contains `p`, the smallest if several do.
fn containing_province(provinces: &[Province], p: LatLon) -> Option<&Province> {
    if !p.is_valid() {
        return None;
    }
    provinces
        .iter()
        .filter_map(|pr| {
            valid_bbox(pr)
                .filter(|b| contains(b, p))
                .map(|b| (relative_area(b), pr))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, pr)| pr)
}

/// Ids of the provinces that may have an office within `radius_km` of `p`: those whose
/// offices' box is within the radius, or, for provinces without a box, whose centroid is.
/// The province containing `p` (as in [`nearest_province`], when a box contains it) comes
/// first, then nearest box first, ties broken by centroid distance. Empty for an invalid
/// point or radius.
pub fn provinces_within(provinces: &[Province], p: LatLon, radius_km: f64) -> Vec<String> {
    if !p.is_valid() || radius_km.is_nan() {
        return Vec::new();
    }
    let home = containing_province(provinces, p).map(|pr| pr.id.as_str());
    let mut hits: Vec<(bool, f64, f64, &str)> = provinces
        .iter()
        .filter_map(|pr| {
            let centroid_km = if pr.centroid.is_valid() {
                haversine_km(p, pr.centroid)
            } else {
                f64::INFINITY
            };
            let distance = valid_bbox(pr).map_or(centroid_km, |b| bbox_distance_km(p, b));
            (distance <= radius_km).then_some((
                home != Some(pr.id.as_str()),
                distance,
                centroid_km,
                pr.id.as_str(),
            ))
        })
        .collect();
    hits.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(a.1.total_cmp(&b.1))
            .then(a.2.total_cmp(&b.2))
    });
    hits.into_iter()
        .map(|(_, _, _, id)| id.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ll(lat: f64, lon: f64) -> LatLon {
        LatLon { lat, lon }
    }

    fn bbox(min_lat: f64, min_lon: f64, max_lat: f64, max_lon: f64) -> Option<BBox> {
        Some(BBox {
            min_lat,
            min_lon,
            max_lat,
            max_lon,
        })
    }

    fn province(id: &str, centroid: LatLon, bbox: Option<BBox>) -> Province {
        Province {
            id: id.into(),
            name_fa: String::new(),
            name_en: id.into(),
            population: 0,
            centroid,
            bbox,
            office_count: 0,
            licence_count: 0,
        }
    }

    /// Realistic boxes of where each province's offices are (towns at the extremes).
    fn provinces() -> Vec<Province> {
        vec![
            // Tehran: Shahriar/Safadasht in the west to Firuzkuh in the east.
            province("IR-23", ll(35.55, 51.55), bbox(35.20, 50.85, 35.95, 52.80)),
            // Alborz: Eshtehard, Taleqan, Karaj, Garmdareh.
            province("IR-30", ll(35.95, 50.75), bbox(35.72, 50.35, 36.25, 51.08)),
            province("IR-25", ll(34.65, 50.90), bbox(34.35, 50.45, 34.80, 51.05)),
            province("IR-21", ll(36.35, 52.35), bbox(36.10, 50.40, 36.85, 54.10)),
            province("IR-09", ll(35.80, 59.00), bbox(33.60, 56.90, 37.70, 61.20)),
            province("IR-14", ll(29.30, 53.00), bbox(27.30, 50.90, 31.50, 55.40)),
            // Semnan without located offices.
            province("IR-20", ll(35.58, 53.39), None),
        ]
    }

    const TEHRAN: LatLon = LatLon {
        lat: 35.6892,
        lon: 51.3890,
    };
    const AZADI: LatLon = LatLon {
        lat: 35.6997,
        lon: 51.3380,
    };
    const KARAJ: LatLon = LatLon {
        lat: 35.8327,
        lon: 50.9916,
    };

    #[test]
    fn known_distances() {
        // Reference values computed independently with the spherical law of cosines.
        assert!((haversine_km(AZADI, KARAJ) - 34.576).abs() < 0.01);
        let mashhad = ll(36.2605, 59.6168);
        assert!((haversine_km(TEHRAN, mashhad) - 742.892).abs() < 0.01);
        assert_eq!(haversine_km(KARAJ, AZADI), haversine_km(AZADI, KARAJ));
    }

    #[test]
    fn zero_and_antipodal() {
        assert_eq!(haversine_km(TEHRAN, TEHRAN), 0.0);
        let half = std::f64::consts::PI * EARTH_RADIUS_KM;
        assert!((haversine_km(ll(0.0, 0.0), ll(0.0, 180.0)) - half).abs() < 1e-6);
        assert!((haversine_km(TEHRAN, ll(-TEHRAN.lat, TEHRAN.lon - 180.0)) - half).abs() < 1e-6);
        assert!((haversine_km(ll(90.0, 0.0), ll(-90.0, 0.0)) - half).abs() < 1e-6);
        assert!((haversine_km(ll(0.0, 0.0), ll(0.0, 90.0)) - half / 2.0).abs() < 1e-6);
    }

    #[test]
    fn bbox_distance() {
        let b = BBox {
            min_lat: 35.0,
            min_lon: 51.0,
            max_lat: 36.0,
            max_lon: 52.0,
        };
        assert_eq!(bbox_distance_km(ll(35.5, 51.5), &b), 0.0);
        assert_eq!(bbox_distance_km(ll(36.0, 52.0), &b), 0.0);
        // Due north of the box: the distance along the meridian.
        let north = bbox_distance_km(ll(37.0, 51.5), &b);
        assert!((north - haversine_km(ll(37.0, 51.5), ll(36.0, 51.5))).abs() < 1e-9);
        assert!((north - 111.195).abs() < 0.01);
        // Off a corner: the distance to the corner.
        let corner = bbox_distance_km(ll(34.0, 50.0), &b);
        assert!((corner - haversine_km(ll(34.0, 50.0), ll(35.0, 51.0))).abs() < 1e-9);
    }

    #[test]
    fn tehran_20_km_reaches_only_tehran() {
        assert_eq!(provinces_within(&provinces(), TEHRAN, 20.0), ["IR-23"]);
    }

    #[test]
    fn tehran_60_km_reaches_alborz_but_not_everything() {
        let ids = provinces_within(&provinces(), TEHRAN, 60.0);
        assert_eq!(ids.first().map(String::as_str), Some("IR-23"));
        assert!(ids.iter().any(|id| id == "IR-30"));
        for far in ["IR-25", "IR-09", "IR-14", "IR-20"] {
            assert!(!ids.iter().any(|id| id == far), "{far} in {ids:?}");
        }
        // Nearest box first after the home province: Alborz (~28 km) before Mazandaran (~46 km).
        assert_eq!(ids, ["IR-23", "IR-30", "IR-21"]);
    }

    #[test]
    fn home_province_first_even_with_overlapping_boxes() {
        // Karaj lies in both the Tehran and the Alborz box; Alborz's is smaller.
        let ids = provinces_within(&provinces(), KARAJ, 25.0);
        assert_eq!(ids, ["IR-30", "IR-23"]);
        assert_eq!(
            nearest_province(&provinces(), KARAJ).map(|p| p.id.as_str()),
            Some("IR-30")
        );
        assert_eq!(
            nearest_province(&provinces(), TEHRAN).map(|p| p.id.as_str()),
            Some("IR-23")
        );
    }

    #[test]
    fn province_without_bbox_uses_centroid() {
        let garmsar = ll(35.22, 52.34);
        let near = provinces_within(&provinces(), garmsar, 50.0);
        assert!(!near.iter().any(|id| id == "IR-20"), "{near:?}");
        let far = provinces_within(&provinces(), garmsar, 110.0);
        assert!(far.iter().any(|id| id == "IR-20"), "{far:?}");
    }

    #[test]
    fn nearest_province_falls_back_to_centroid() {
        // In the desert between boxes: closest centroid is Semnan's.
        let desert = ll(34.9, 54.2);
        assert_eq!(
            nearest_province(&provinces(), desert).map(|p| p.id.as_str()),
            Some("IR-20")
        );
        assert!(nearest_province(&[], desert).is_none());
    }

    #[test]
    fn invalid_input_gives_nothing() {
        assert!(provinces_within(&provinces(), ll(f64::NAN, 51.0), 1000.0).is_empty());
        assert!(provinces_within(&provinces(), TEHRAN, f64::NAN).is_empty());
        assert!(provinces_within(&provinces(), TEHRAN, -1.0).is_empty());
        assert!(nearest_province(&provinces(), ll(91.0, 0.0)).is_none());
    }

    #[test]
    fn huge_radius_reaches_all_in_distance_order() {
        let ids = provinces_within(&provinces(), TEHRAN, 5000.0);
        assert_eq!(ids.len(), provinces().len());
        assert_eq!(ids[0], "IR-23");
    }
}
