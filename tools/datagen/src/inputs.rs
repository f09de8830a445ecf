//! The generator's inputs, compiled in from `tools/datagen/data/`: GeoNames cities (CC BY 4.0),
//! the 31 provinces, and the hand-written catalogue of agencies and services.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::catalogue::Catalogue;
use crate::persian::standard_place_name;
use crate::Error;

const PROVINCES_JSON: &str = include_str!("../data/provinces.json");
const CITIES_JSON: &str = include_str!("../data/cities.json");

/// Persian names for the few sizeable GeoNames places whose entry has no usable one.
const NAME_OVERRIDES: &[(&str, &str)] = &[
    ("Bāghestān", "باغستان"),
    ("Qaşr-e Qand", "قصرقند"),
    ("Dorcheh Pīāz", "درچه پیاز"),
    ("Pāsārgād", "پاسارگاد"),
];

/// Two GeoNames entries this close (km) with the same population or name are one place.
const DUPLICATE_KM: f64 = 5.0;

/// A province as listed in `data/provinces.json`.
#[derive(Clone, Debug, Deserialize)]
pub struct ProvinceInput {
    /// GeoNames admin1 code, the key cities refer to.
    pub admin1: String,
    /// ISO 3166-2 code, e.g. `IR-23`.
    pub iso: String,
    pub name_en: String,
    pub name_fa: String,
    pub capital_en: String,
    pub population_2016: u64,
    /// Fixed-line trunk prefix, e.g. `021`.
    pub area_code: String,
    /// Leading digits of the province's postal codes.
    pub postal_prefix: String,
}

impl ProvinceInput {
    /// The two digits of the ISO code (`IR-23` → `23`), used in licence numbers.
    pub fn digits(&self) -> &str {
        self.iso.trim_start_matches("IR-")
    }
}

#[derive(Deserialize)]
struct ProvincesFile {
    provinces: Vec<ProvinceInput>,
}

#[derive(Deserialize)]
struct CityRecord {
    name_en: String,
    names_fa: Vec<String>,
    lat: f64,
    lon: f64,
    population: u64,
    admin1: String,
}

#[derive(Deserialize)]
struct CitiesFile {
    cities: Vec<CityRecord>,
}

/// A city or town with its standard Persian name.
#[derive(Clone, Debug, PartialEq)]
pub struct City {
    pub name_en: String,
    pub name_fa: String,
    pub lat: f64,
    pub lon: f64,
    pub population: u64,
}

impl City {
    /// Great-circle distance in kilometres (equirectangular; fine at city scale).
    pub fn distance_km(&self, lat: f64, lon: f64) -> f64 {
        let dy = (self.lat - lat) * 111.32;
        let dx = (self.lon - lon) * 111.32 * self.lat.to_radians().cos();
        dx.hypot(dy)
    }
}

/// Everything the generator reads, parsed and cleaned.
#[derive(Clone, Debug)]
pub struct Inputs {
    /// All 31 provinces, sorted by ISO code.
    pub provinces: Vec<ProvinceInput>,
    /// Cities of each province (by ISO code), largest first.
    pub cities: BTreeMap<String, Vec<City>>,
    pub catalogue: Catalogue,
}

impl Inputs {
    /// Parses the compiled-in data files.
    pub fn load() -> Result<Self, Error> {
        let mut provinces = serde_json::from_str::<ProvincesFile>(PROVINCES_JSON)
            .map_err(|e| Error::input("data/provinces.json", e))?
            .provinces;
        provinces.sort_by(|a, b| a.iso.cmp(&b.iso));
        let records = serde_json::from_str::<CitiesFile>(CITIES_JSON)
            .map_err(|e| Error::input("data/cities.json", e))?
            .cities;
        let cities = group_cities(&provinces, records)?;
        Ok(Inputs {
            provinces,
            cities,
            catalogue: Catalogue::load()?,
        })
    }

    /// The cities of a province, largest first.
    pub fn cities_of(&self, iso: &str) -> &[City] {
        self.cities.get(iso).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// Names, de-duplicates and groups the GeoNames records by province.
fn group_cities(
    provinces: &[ProvinceInput],
    mut records: Vec<CityRecord>,
) -> Result<BTreeMap<String, Vec<City>>, Error> {
    // Largest first; the sort is stable so equal populations keep file order.
    records.sort_by_key(|r| std::cmp::Reverse(r.population));
    let iso_of: BTreeMap<&str, &str> = provinces
        .iter()
        .map(|p| (p.admin1.as_str(), p.iso.as_str()))
        .collect();
    let mut grouped: BTreeMap<String, Vec<City>> = BTreeMap::new();
    for record in records {
        let Some(iso) = iso_of.get(record.admin1.as_str()) else {
            return Err(Error::input(
                "data/cities.json",
                format!("unknown admin1 {:?}", record.admin1),
            ));
        };
        let Some(city) = to_city(record) else {
            continue;
        };
        let kept = grouped.entry((*iso).to_string()).or_default();
        let duplicate = kept.iter().any(|k| {
            k.distance_km(city.lat, city.lon) < DUPLICATE_KM
                && (k.population == city.population || k.name_fa == city.name_fa)
        });
        if !duplicate {
            kept.push(city);
        }
    }
    for province in provinces {
        if grouped.get(&province.iso).is_none_or(Vec::is_empty) {
            return Err(Error::input(
                "data/cities.json",
                format!("no city in province {}", province.iso),
            ));
        }
    }
    Ok(grouped)
}

/// A usable city: a Persian name (standard form or override) and a population.
fn to_city(record: CityRecord) -> Option<City> {
    if record.population == 0 || !(record.lat.is_finite() && record.lon.is_finite()) {
        return None;
    }
    let name_fa = standard_place_name(&record.name_en, &record.names_fa).or_else(|| {
        NAME_OVERRIDES
            .iter()
            .find(|(en, _)| *en == record.name_en)
            .map(|(_, fa)| (*fa).to_string())
    })?;
    Some(City {
        name_en: record.name_en,
        name_fa,
        lat: record.lat,
        lon: record.lon,
        population: record.population,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_all_provinces_with_cities() {
        let inputs = Inputs::load().expect("inputs load");
        assert_eq!(inputs.provinces.len(), 31);
        assert_eq!(inputs.cities.len(), 31);
        let alborz = inputs.cities_of("IR-30");
        assert_eq!(alborz[0].name_en, "Karaj");
        assert_eq!(alborz[0].name_fa, "کرج");
        let isfahan = inputs.cities_of("IR-10");
        assert_eq!(
            isfahan.iter().filter(|c| c.name_fa == "کاشان").count(),
            1,
            "GeoNames lists Kashan twice"
        );
    }
}
