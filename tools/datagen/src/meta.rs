//! `meta.json`: province summaries, national and provincial closure orders, provenance.

use pishkhan::model::{BBox, ClosureOrder, DataSource, LatLon, Licence, Office, Province};

use crate::calendar::date;
use crate::inputs::{City, ProvinceInput};
use crate::offices::round5;

/// A province's summary: census population, city-weighted centroid, office bounding box, counts.
pub fn province_summary(
    province: &ProvinceInput,
    cities: &[City],
    offices: &[Office],
    licences: &[Licence],
) -> Province {
    Province {
        id: province.iso.clone(),
        name_fa: province.name_fa.clone(),
        name_en: province.name_en.clone(),
        population: province.population_2016,
        centroid: centroid(cities),
        bbox: bbox(offices),
        office_count: offices.len() as u32,
        licence_count: licences.len() as u32,
    }
}

/// Population-weighted mean of the province's city coordinates.
fn centroid(cities: &[City]) -> LatLon {
    let total: f64 = cities.iter().map(|c| c.population as f64).sum();
    let (lat, lon) = cities.iter().fold((0.0, 0.0), |(lat, lon), c| {
        let w = c.population as f64 / total;
        (lat + c.lat * w, lon + c.lon * w)
    });
    LatLon {
        lat: round5(lat),
        lon: round5(lon),
    }
}

/// Bounding box of the located offices; `None` when no office has a location.
fn bbox(offices: &[Office]) -> Option<BBox> {
    offices
        .iter()
        .filter_map(|o| o.location)
        .fold(None, |acc, p| {
            Some(match acc {
                None => BBox {
                    min_lat: p.lat,
                    min_lon: p.lon,
                    max_lat: p.lat,
                    max_lon: p.lon,
                },
                Some(b) => BBox {
                    min_lat: b.min_lat.min(p.lat),
                    min_lon: b.min_lon.min(p.lon),
                    max_lat: b.max_lat.max(p.lat),
                    max_lon: b.max_lon.max(p.lon),
                },
            })
        })
}

/// Closure orders of the sample: a national public holiday and two provincial weather orders.
pub fn closure_orders() -> Vec<ClosureOrder> {
    vec![
        ClosureOrder {
            province_id: Some("IR-23".into()),
            from: date(2026, 12, 6),
            to: date(2026, 12, 8),
            reason_fa: "تعطیلی ادارات و دفاتر به دلیل آلودگی هوا".into(),
            reason_en: "Offices closed because of air pollution".into(),
        },
        ClosureOrder {
            province_id: Some("IR-24".into()),
            from: date(2026, 12, 14),
            to: date(2026, 12, 15),
            reason_fa: "تعطیلی به دلیل برودت هوا و بارش برف".into(),
            reason_en: "Closed because of extreme cold and snowfall".into(),
        },
        ClosureOrder {
            province_id: None,
            from: date(2026, 12, 23),
            to: date(2026, 12, 23),
            reason_fa: "تعطیل رسمی: ولادت امام علی (ع)".into(),
            reason_en: "Public holiday: birth of Imam Ali".into(),
        },
    ]
}

/// Where the data comes from: GeoNames places, everything else synthetic.
pub fn data_source() -> DataSource {
    DataSource {
        name_fa: "نمونه مصنوعی بر پایه شهرهای GeoNames".into(),
        name_en: "Synthetic sample built on GeoNames cities (CC BY 4.0)".into(),
        url: Some("https://www.geonames.org".into()),
        licence: Some("CC BY 4.0".into()),
    }
}
