//! Licences to act on: which dormant licences sit in cities that still need an office (the
//! holder should be encouraged to open) and which sit in cities already well served
//! (revocation candidates).
//!
//! The rule, per city of a province (cities compared folded, so «پاکدشت» and «پاكدشت» are one):
//! - a city with **no open office** is under-served;
//! - a city whose population is known (the index's `population.json`) is under-served when its
//!   open offices per 100,000 people are **below the target** (the configured
//!   `target_offices_per_100k`, else the national figure), and well served at or above it;
//! - a city with an open office and no known population counts as well served (it has an
//!   office; nothing says it needs another).
//!
//! Stale active licences are the registry's existing `stale` flag
//! ([`super::licence_flags::is_stale`]).

use std::collections::BTreeMap;

use super::normalize::fold;
use crate::i18n::Locale;
use crate::model::{Office, OfficeStatus, PopulatedPlace};

/// What to do about a dormant licence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Act {
    /// Its city is under-served: encourage the holder to open the office.
    Encourage,
    /// Its city is already well served: a candidate for revocation.
    Revoke,
}

impl Act {
    /// Both, in the order the page lists them.
    pub const ALL: [Act; 2] = [Act::Encourage, Act::Revoke];

    /// The URL form (`act=encourage`).
    pub fn as_str(self) -> &'static str {
        match self {
            Act::Encourage => "encourage",
            Act::Revoke => "revoke",
        }
    }

    /// Parses the URL form; anything else is `None`.
    pub fn parse(raw: &str) -> Option<Act> {
        Act::ALL.into_iter().find(|a| a.as_str() == raw.trim())
    }

    /// The service level of the cities this list is about.
    pub fn served(self) -> Served {
        match self {
            Act::Encourage => Served::Under,
            Act::Revoke => Served::Well,
        }
    }

    /// The list's title.
    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            Act::Encourage => locale.t(
                "راکد در شهر کم‌برخوردار: تشویق دارنده به راه‌اندازی دفتر",
                "Dormant in an under-served city: encourage the holder to open",
            ),
            Act::Revoke => locale.t(
                "راکد در شهر برخوردار: نامزد لغو",
                "Dormant in a well-served city: revocation candidates",
            ),
        }
    }
}

/// Whether a city has the offices it needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Served {
    /// No open office, or fewer open offices per 100,000 people than the target.
    Under,
    /// At or above the target, or an open office and no known population.
    Well,
}

/// A city's figures: open offices and, when the data has it, population.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CityFigures {
    /// Offices with status `open` in the city.
    pub open_offices: u32,
    /// The city's population, when the places data gives one.
    pub population: Option<u64>,
}

/// Every city of the loaded provinces with its figures, and the target they are judged by.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CityCoverage {
    /// (province id, folded city name) → figures.
    cities: BTreeMap<(String, String), CityFigures>,
    /// Open offices per 100,000 people a city needs; `None` (or not positive): only "no open
    /// office" makes a city under-served.
    target_per_100k: Option<f64>,
}

impl CityCoverage {
    /// Builds the figures from offices and populated places. Several places with one folded
    /// name in a province (a city and a village spelled alike) count as the largest of them.
    pub fn new(
        offices: &[Office],
        places: &[PopulatedPlace],
        target_per_100k: Option<f64>,
    ) -> Self {
        let mut cities: BTreeMap<(String, String), CityFigures> = BTreeMap::new();
        for o in offices.iter().filter(|o| o.status == OfficeStatus::Open) {
            let slot = cities
                .entry((o.province_id.clone(), fold(&o.city_fa)))
                .or_default();
            slot.open_offices = slot.open_offices.saturating_add(1);
        }
        for p in places {
            let slot = cities
                .entry((p.province_id.clone(), fold(&p.name_fa)))
                .or_default();
            slot.population = Some(slot.population.unwrap_or(0).max(p.population));
        }
        CityCoverage {
            cities,
            target_per_100k: target_per_100k.filter(|t| t.is_finite() && *t > 0.0),
        }
    }

    /// The figures of a city (zero offices, unknown population when it is not in the data).
    pub fn figures(&self, province_id: &str, city_fa: &str) -> CityFigures {
        self.cities
            .get(&(province_id.to_string(), fold(city_fa)))
            .copied()
            .unwrap_or_default()
    }

    /// Whether the city is under-served or well served (the rule in the module's comment).
    pub fn served(&self, province_id: &str, city_fa: &str) -> Served {
        served(self.figures(province_id, city_fa), self.target_per_100k)
    }
}

/// The rule for one city's figures.
pub fn served(city: CityFigures, target_per_100k: Option<f64>) -> Served {
    if city.open_offices == 0 {
        return Served::Under;
    }
    match (city.population, target_per_100k) {
        (Some(pop), Some(target)) if pop > 0 => {
            let rate = f64::from(city.open_offices) * 100_000.0 / pop as f64;
            if rate < target {
                Served::Under
            } else {
                Served::Well
            }
        }
        _ => Served::Well,
    }
}

/// The fallback target when none is configured: the country's offices per 100,000 people from
/// `meta.json` (every office, whatever its status: the figure the registry has without loading
/// every province). `None` when the population is 0.
pub fn national_offices_per_100k(provinces: &[crate::model::Province]) -> Option<f64> {
    let people: u64 = provinces.iter().map(|p| p.population).sum();
    let offices: u64 = provinces.iter().map(|p| u64::from(p.office_count)).sum();
    (people > 0).then(|| offices as f64 * 100_000.0 / people as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LatLon;

    fn office(province: &str, city: &str, status: OfficeStatus) -> Office {
        let json = serde_json::json!({
            "id": format!("{province}-{city}"), "code": "1", "kind": "pishkhan",
            "name_fa": "x", "name_en": "x", "province_id": province, "city_fa": city,
            "city_en": "x", "address_fa": "x", "status": status.as_str(), "updated_at": "2026-01-01"
        });
        serde_json::from_value(json).expect("test office")
    }

    fn place(province: &str, name: &str, population: u64) -> PopulatedPlace {
        PopulatedPlace {
            key: name.into(),
            name_fa: name.into(),
            name_en: name.into(),
            province_id: province.into(),
            location: LatLon {
                lat: 35.0,
                lon: 51.0,
            },
            population,
            offices: 0,
        }
    }

    #[test]
    fn the_rule_at_its_boundaries() {
        let city = |open, population| CityFigures {
            open_offices: open,
            population,
        };
        // No open office: under-served whatever else is known.
        assert_eq!(served(city(0, None), None), Served::Under);
        assert_eq!(served(city(0, Some(10)), Some(1.0)), Served::Under);
        // 2 offices for 100,000 people = 2 per 100k: exactly at the target is well served.
        assert_eq!(served(city(2, Some(100_000)), Some(2.0)), Served::Well);
        assert_eq!(served(city(2, Some(100_001)), Some(2.0)), Served::Under);
        assert_eq!(served(city(2, Some(99_999)), Some(2.0)), Served::Well);
        // An office and no population (or no target, or population 0): well served.
        assert_eq!(served(city(1, None), Some(2.0)), Served::Well);
        assert_eq!(served(city(1, Some(1_000_000)), None), Served::Well);
        assert_eq!(served(city(1, Some(0)), Some(2.0)), Served::Well);
    }

    #[test]
    fn cities_are_per_province_and_folded() {
        let offices = vec![
            office("IR-23", "پاکدشت", OfficeStatus::Open),
            office("IR-23", "پاكدشت", OfficeStatus::Open),
            office("IR-23", "ورامین", OfficeStatus::Closed),
            office("IR-30", "ورامین", OfficeStatus::Open),
        ];
        let places = vec![
            place("IR-23", "پاکدشت", 50_000),
            place("IR-23", "پاكدشت", 1_000), // a village spelled alike: the largest counts
        ];
        let c = CityCoverage::new(&offices, &places, Some(3.0));
        assert_eq!(
            c.figures("IR-23", "پاکدشت"),
            CityFigures {
                open_offices: 2,
                population: Some(50_000)
            }
        );
        // 2 per 50,000 = 4 per 100k ≥ 3.
        assert_eq!(c.served("IR-23", "پاكدشت"), Served::Well);
        // A closed office does not count; another province's open one neither.
        assert_eq!(c.served("IR-23", "ورامین"), Served::Under);
        assert_eq!(c.served("IR-30", "ورامین"), Served::Well);
        assert_eq!(c.served("IR-23", "نامعلوم"), Served::Under);
        // A stricter target makes the same city under-served.
        assert_eq!(
            CityCoverage::new(&offices, &places, Some(4.5)).served("IR-23", "پاکدشت"),
            Served::Under
        );
        // A target that is not a positive number is no target.
        assert_eq!(
            CityCoverage::new(&offices, &places, Some(f64::NAN)).served("IR-23", "پاکدشت"),
            Served::Well
        );
    }

    #[test]
    fn act_round_trips_and_names_its_cities() {
        for a in Act::ALL {
            assert_eq!(Act::parse(a.as_str()), Some(a));
        }
        assert_eq!(Act::parse("delete"), None);
        assert_eq!(Act::Encourage.served(), Served::Under);
        assert_eq!(Act::Revoke.served(), Served::Well);
    }
}
