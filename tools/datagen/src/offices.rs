//! Offices: how many per province and city, and each office's record.

use pishkhan::model::{
    Accessibility, Closure, LatLon, Office, OfficeKind, OfficeStatus, Shift, TimeOfDay, WeeklyHours,
};

use crate::address::{phone, postal_code, street_address};
use crate::calendar::{date, reference_date, shift};
use crate::catalogue::Catalogue;
use crate::inputs::{City, ProvinceInput};
use crate::persian::{arabic_variant, persian_digits};
use crate::rng::Rng;

/// Offices nationally at scale 1 (the seed article's "about 13,000").
pub const OFFICES_PER_SCALE: usize = 13_000;
/// Share of rural ICT offices, placed in small towns.
const RURAL_SHARE: f64 = 0.12;
/// Towns below this population get rural ICT offices; cities at or above it get at least one office.
pub const CITY_POPULATION: u64 = 20_000;
/// Urban office kinds and their weights (pishkhan ≈ 70 % of all offices once rural ones are added).
const URBAN_KINDS: [(OfficeKind, f64); 4] = [
    (OfficeKind::Pishkhan, 0.795),
    (OfficeKind::ECity, 0.091),
    (OfficeKind::SocialSecurity, 0.057),
    (OfficeKind::HealthInsurance, 0.057),
];
/// Share of records spelled with Arabic `ي`/`ك`, as real data is.
pub const ARABIC_VARIANT_SHARE: f64 = 0.30;

/// Splits `total` into parts proportional to `weights` (largest remainder, ties to the lower
/// index), first giving one to each index flagged in `at_least_one` while the total allows.
pub fn apportion(total: usize, weights: &[f64], at_least_one: &[bool]) -> Vec<usize> {
    let mut parts = vec![0usize; weights.len()];
    let mut left = total;
    for (part, _) in parts
        .iter_mut()
        .zip(at_least_one)
        .filter(|(_, flag)| **flag)
    {
        if left == 0 {
            break;
        }
        *part = 1;
        left -= 1;
    }
    let sum: f64 = weights.iter().sum();
    if left == 0 || sum <= 0.0 {
        return parts;
    }
    let quotas: Vec<f64> = weights.iter().map(|w| w / sum * left as f64).collect();
    let mut given = 0;
    for (part, quota) in parts.iter_mut().zip(&quotas) {
        *part += quota.floor() as usize;
        given += quota.floor() as usize;
    }
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| {
        (quotas[b].fract())
            .total_cmp(&quotas[a].fract())
            .then(a.cmp(&b))
    });
    for &i in order.iter().cycle().take(left - given) {
        parts[i] += 1;
    }
    parts
}

/// Where one office goes: a city, and whether it is a rural ICT office.
#[derive(Clone, Copy, Debug)]
struct Slot {
    city: usize,
    rural: bool,
}

/// Spreads a province's offices over its cities by population: every city of 20,000 or more
/// gets one, and about 12 % are rural ICT offices in the small towns.
fn slots(cities: &[City], count: usize) -> Vec<Slot> {
    let small: Vec<usize> = (0..cities.len())
        .filter(|&i| cities[i].population < CITY_POPULATION)
        .collect();
    let rural_count = if small.is_empty() {
        0
    } else {
        (count as f64 * RURAL_SHARE).round() as usize
    };
    let weights: Vec<f64> = cities.iter().map(|c| c.population as f64).collect();
    let big: Vec<bool> = cities
        .iter()
        .map(|c| c.population >= CITY_POPULATION)
        .collect();
    let urban = apportion(count - rural_count, &weights, &big);
    let small_weights: Vec<f64> = small
        .iter()
        .map(|&i| (cities[i].population as f64).sqrt())
        .collect();
    let rural = apportion(rural_count, &small_weights, &vec![false; small.len()]);
    let mut out = Vec::with_capacity(count);
    for (city, n) in urban.iter().enumerate() {
        out.extend(std::iter::repeat_n(Slot { city, rural: false }, *n));
        if let Some(k) = small.iter().position(|&s| s == city) {
            out.extend(std::iter::repeat_n(Slot { city, rural: true }, rural[k]));
        }
    }
    out
}

/// What the office generator needs to know about its province.
pub struct ProvinceContext<'a> {
    pub province: &'a ProvinceInput,
    pub cities: &'a [City],
    pub catalogue: &'a Catalogue,
}

/// Generates the offices of one province; `codes` are the national office numbers reserved for it.
pub fn generate(ctx: &ProvinceContext<'_>, codes: &[u32], rng: &mut Rng) -> Vec<Office> {
    slots(ctx.cities, codes.len())
        .into_iter()
        .zip(codes)
        .enumerate()
        .map(|(i, (slot, code))| office(ctx, i + 1, slot, *code, rng))
        .collect()
}

fn office(
    ctx: &ProvinceContext<'_>,
    serial: usize,
    slot: Slot,
    code: u32,
    rng: &mut Rng,
) -> Office {
    let city = &ctx.cities[slot.city];
    let kind = office_kind(slot, city, rng);
    let status = match rng.unit() {
        u if u < 0.93 => OfficeStatus::Open,
        u if u < 0.97 => OfficeStatus::TemporarilyClosed,
        _ => OfficeStatus::Closed,
    };
    let arabic = rng.chance(ARABIC_VARIANT_SHARE);
    let spell = |text: String| if arabic { arabic_variant(&text) } else { text };
    let (title_fa, title_en) = kind_titles(&kind);
    // Fields draw from `rng` in the order written: reordering them changes the dataset, so
    // bump GENERATOR_VERSION if you do.
    Office {
        id: format!("{}-{serial:05}", ctx.province.iso),
        code: code.to_string(),
        name_fa: spell(format!(
            "{title_fa} {} کد {}",
            city.name_fa,
            persian_digits(&code.to_string())
        )),
        name_en: format!("{} {title_en} {code}", city.name_en),
        province_id: ctx.province.iso.clone(),
        city_fa: spell(city.name_fa.clone()),
        city_en: city.name_en.clone(),
        address_fa: spell(street_address(rng, slot.rural)),
        postal_code: (!rng.chance(0.004)).then(|| postal_code(rng, ctx.province)),
        location: (!rng.chance(0.015)).then(|| scatter(city, slot.rural, rng)),
        phone: (!rng.chance(0.03)).then(|| phone(rng, ctx.province, city)),
        hours: (!rng.chance(0.02)).then(|| weekly_hours(&kind, rng)),
        closures: renovation(rng).into_iter().collect(),
        services: offered_services(ctx.catalogue, &kind, rng),
        licence_number: None,
        licence_status: None,
        status,
        accessibility: Accessibility {
            wheelchair: match rng.unit() {
                u if u < 0.35 => Some(true),
                u if u < 0.60 => Some(false),
                _ => None,
            },
        },
        updated_at: if rng.chance(0.7) {
            shift(reference_date(), -rng.between(0, 90))
        } else {
            shift(reference_date(), -rng.between(91, 540))
        },
        kind,
    }
}

/// Rural slots are rural ICT offices; parallel networks (social security, health insurance)
/// sit in real cities only.
fn office_kind(slot: Slot, city: &City, rng: &mut Rng) -> OfficeKind {
    if slot.rural {
        return OfficeKind::RuralIct;
    }
    let weights: Vec<f64> = URBAN_KINDS.iter().map(|(_, w)| *w).collect();
    let kind = URBAN_KINDS[rng.weighted(&weights)].0.clone();
    let parallel = matches!(
        kind,
        OfficeKind::SocialSecurity | OfficeKind::HealthInsurance
    );
    if parallel && city.population < CITY_POPULATION {
        OfficeKind::Pishkhan
    } else {
        kind
    }
}

/// The Persian and English titles of an office kind.
fn kind_titles(kind: &OfficeKind) -> (&'static str, &'static str) {
    match kind {
        OfficeKind::RuralIct => ("دفتر ICT روستایی", "Rural ICT Office"),
        OfficeKind::ECity => ("دفتر خدمات الکترونیک شهر", "E-City Services Office"),
        OfficeKind::SocialSecurity => ("کارگزاری تأمین اجتماعی", "Social Security Agency Office"),
        OfficeKind::HealthInsurance => ("دفتر بیمه سلامت", "Health Insurance Office"),
        _ => ("دفتر پیشخوان خدمات دولت", "Government Services Office"),
    }
}

/// City coordinates plus a random offset within a disc: 3 km × √(population in millions) for
/// city offices (0.3 km minimum, 8 km at most, so Tehran's offices spread over the city),
/// 1–4 km for rural ICT offices, which sit in villages around the town.
fn scatter(city: &City, rural: bool, rng: &mut Rng) -> LatLon {
    let max_km = if rural {
        1.0 + 3.0 * rng.unit()
    } else {
        (3.0 * (city.population as f64 / 1e6).sqrt()).clamp(0.3, 8.0)
    };
    let r = max_km * rng.unit().sqrt();
    let angle = std::f64::consts::TAU * rng.unit();
    let lat = city.lat + r * angle.cos() / 111.32;
    let lon = city.lon + r * angle.sin() / (111.32 * city.lat.to_radians().cos());
    LatLon {
        lat: round5(lat),
        lon: round5(lon),
    }
}

/// Rounds to 5 decimals (about a metre), which keeps the JSON short.
pub fn round5(x: f64) -> f64 {
    (x * 1e5).round() / 1e5
}

fn at(hour: u16, minute: u16) -> TimeOfDay {
    TimeOfDay::new(hour, minute).expect("generator time constants are valid")
}

fn period(open: (u16, u16), close: (u16, u16)) -> Shift {
    Shift {
        open: at(open.0, open.1),
        close: at(close.0, close.1),
    }
}

/// Opening hours: government offices keep 07:30–14:30 Saturday–Wednesday; counters 07:30–14:00
/// (or 08:00–15:00 / 08:00–14:00), a short or no Thursday, about 15 % with a 16:00–19:00 shift.
fn weekly_hours(kind: &OfficeKind, rng: &mut Rng) -> WeeklyHours {
    let government = matches!(
        kind,
        OfficeKind::SocialSecurity | OfficeKind::HealthInsurance
    );
    let (weekday, thursday) = if government {
        (vec![period((7, 30), (14, 30))], vec![])
    } else {
        let morning = match rng.unit() {
            u if u < 0.55 => period((7, 30), (14, 0)),
            u if u < 0.85 => period((8, 0), (15, 0)),
            _ => period((8, 0), (14, 0)),
        };
        let mut day = vec![morning];
        if *kind != OfficeKind::RuralIct && rng.chance(0.15) {
            day.push(period((16, 0), (19, 0)));
        }
        let thursday = if rng.chance(0.6) {
            vec![period((8, 0), (12, 0))]
        } else {
            vec![]
        };
        (day, thursday)
    };
    WeeklyHours {
        sat: Some(weekday.clone()),
        sun: Some(weekday.clone()),
        mon: Some(weekday.clone()),
        tue: Some(weekday.clone()),
        wed: Some(weekday),
        thu: Some(thursday),
        fri: Some(vec![]),
    }
}

/// About 1 % of offices close for renovation for a while between 15 November and 10 December 2026.
fn renovation(rng: &mut Rng) -> Option<Closure> {
    if !rng.chance(0.01) {
        return None;
    }
    let from = shift(date(2026, 11, 15), rng.between(0, 12));
    let to = shift(from, rng.between(4, 20)).min(date(2026, 12, 10));
    Some(Closure {
        from,
        to,
        reason_fa: "تعطیلی موقت برای بازسازی دفتر".into(),
        reason_en: "Closed for renovation".into(),
    })
}

/// The services an office of `kind` offers, drawn from the catalogue's per-kind probabilities.
fn offered_services(catalogue: &Catalogue, kind: &OfficeKind, rng: &mut Rng) -> Vec<String> {
    catalogue
        .services
        .iter()
        .filter(|s| {
            let p = s.offer_probability(kind);
            p > 0.0 && rng.chance(p)
        })
        .map(|s| s.service.id.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apportion_keeps_the_total_and_the_minimum() {
        let parts = apportion(10, &[100.0, 1.0, 1.0, 0.5], &[true, true, true, false]);
        assert_eq!(parts.iter().sum::<usize>(), 10);
        assert!(parts[..3].iter().all(|p| *p >= 1));
        assert_eq!(
            apportion(2, &[1.0, 1.0, 1.0], &[true, true, true]),
            vec![1, 1, 0]
        );
        assert_eq!(
            apportion(7, &[3.0, 1.0], &[false, false])
                .iter()
                .sum::<usize>(),
            7
        );
    }
}
