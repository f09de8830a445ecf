//! The service catalogue's pure logic (its URL state is [`CatalogueState`] in
//! [`crate::route`]): filters, grouping by agency, the
//! "trips you can save" note, the nearest offices offering a service and the documents
//! checklist. No DOM: the pages call these and only render.

use std::collections::HashSet;

use super::geo::haversine_km;
use super::normalize::Query;
use super::search::{rank_services, ServiceMatch};
use crate::model::{Agency, Channel, LatLon, Office, OfficeStatus, Service};
use crate::route::{CatalogueState, OTHER_AGENCY};

/// Radius for "the nearest offices offering this service", km.
pub const NEARBY_RADIUS_KM: f64 = 50.0;

/// How many nearby offices the service page lists.
pub const NEARBY_COUNT: usize = 3;

/// The agency of a service, when `agencies.json` has it.
pub fn agency_of<'a>(service: &Service, agencies: &'a [Agency]) -> Option<&'a Agency> {
    agencies.iter().find(|a| a.id == service.agency_id)
}

/// The group key of a service: its agency id when the agency is known, else [`OTHER_AGENCY`].
pub fn group_key<'a>(service: &'a Service, agencies: &[Agency]) -> &'a str {
    if agency_of(service, agencies).is_some() {
        &service.agency_id
    } else {
        OTHER_AGENCY
    }
}

/// The services to show for a state, as `(index into services, how it matched)`: search
/// ranking first (best match first, ties in data order), then the agency and channel filters.
pub fn filter_services(
    services: &[Service],
    agencies: &[Agency],
    state: &CatalogueState,
) -> Vec<(usize, ServiceMatch)> {
    let query = Query::new(&state.q);
    rank_services(services, &query)
        .into_iter()
        .filter(|&(i, _)| {
            services.get(i).is_some_and(|s| {
                state
                    .agency
                    .as_deref()
                    .is_none_or(|a| group_key(s, agencies) == a)
                    && state.channel.as_ref().is_none_or(|c| s.has_channel(c))
            })
        })
        .collect()
}

/// One agency's services in the catalogue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgencyGroup {
    /// The agency id, or [`OTHER_AGENCY`].
    pub key: String,
    /// Indices into the services, in the order given.
    pub services: Vec<usize>,
}

/// Groups the hits by agency: agencies in `agencies.json` order, [`OTHER_AGENCY`] last, empty
/// groups left out; services keep the order of `hits` inside their group.
pub fn group_by_agency(
    services: &[Service],
    agencies: &[Agency],
    hits: &[(usize, ServiceMatch)],
) -> Vec<AgencyGroup> {
    let mut groups: Vec<AgencyGroup> = agencies
        .iter()
        .map(|a| a.id.as_str())
        .chain(std::iter::once(OTHER_AGENCY))
        .map(|key| AgencyGroup {
            key: key.to_string(),
            services: Vec::new(),
        })
        .collect();
    for &(i, _) in hits {
        let Some(service) = services.get(i) else {
            continue;
        };
        let key = group_key(service, agencies);
        if let Some(group) = groups.iter_mut().find(|g| g.key == key) {
            group.services.push(i);
        }
    }
    groups.retain(|g| !g.services.is_empty());
    groups
}

/// The agencies (and [`OTHER_AGENCY`] if used) that have at least one service, for the
/// agency filter: `(key, agency when known)`, in `agencies.json` order.
pub fn agency_options<'a>(
    services: &[Service],
    agencies: &'a [Agency],
) -> Vec<(String, Option<&'a Agency>)> {
    let used: HashSet<&str> = services.iter().map(|s| group_key(s, agencies)).collect();
    let mut options: Vec<(String, Option<&Agency>)> = agencies
        .iter()
        .filter(|a| used.contains(a.id.as_str()))
        .map(|a| (a.id.clone(), Some(a)))
        .collect();
    if used.contains(OTHER_AGENCY) {
        options.push((OTHER_AGENCY.to_string(), None));
    }
    options
}

/// Which trips a service can save, for the "trips you can save" note.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TripsSaved {
    /// Online: no trip at all (possibly besides a Pishkhan office for those who need help).
    AllTrips,
    /// At a Pishkhan office: the trip to the agency's own office is saved.
    AgencyTrip,
    /// Only at the agency: no trip can be saved.
    None,
}

/// The trips a service saves: online beats a Pishkhan office, which beats the agency only.
pub fn trips_saved(service: &Service) -> TripsSaved {
    if service.has_channel(&Channel::Online) {
        TripsSaved::AllTrips
    } else if service.has_channel(&Channel::Pishkhan) {
        TripsSaved::AgencyTrip
    } else {
        TripsSaved::None
    }
}

/// Whether the service page may send people to the office finder: only for services done
/// at Pishkhan offices (an agency-only service must not send anyone to a Pishkhan office).
pub fn sends_to_finder(service: &Service) -> bool {
    service.has_channel(&Channel::Pishkhan)
}

/// The location "near me" last found (`sessionStorage`, JSON `{"lat": …, "lon": …}`); `None`
/// when it is missing, unreadable or out of range.
pub fn parse_last_location(raw: &str) -> Option<LatLon> {
    serde_json::from_str::<LatLon>(raw)
        .ok()
        .filter(LatLon::is_valid)
}

/// The province part (`IR-23`) of an office id (`IR-23-00042`), when it has that shape.
pub fn office_province(office_id: &str) -> Option<&str> {
    let province = office_id.get(..5)?;
    let rest = office_id.get(5..)?;
    let digits = province.strip_prefix("IR-")?;
    let number = rest.strip_prefix('-')?;
    (digits.len() == 2
        && digits.bytes().all(|b| b.is_ascii_digit())
        && crate::route::is_url_id(number))
    .then_some(province)
}

/// An office offering the service, with its distance from the user.
#[derive(Clone, Debug, PartialEq)]
pub struct NearbyOffice<'a> {
    /// The office.
    pub office: &'a Office,
    /// Great-circle distance from the user, km.
    pub km: f64,
}

/// The `count` nearest operating offices within `radius_km` of `from` that offer the service,
/// nearest first (ties by office id, so the order is stable). Offices without a valid
/// location, or closed (temporarily or for good), are left out: nobody should be sent there.
pub fn nearest_offering<'a>(
    offices: impl IntoIterator<Item = &'a Office>,
    service_id: &str,
    from: LatLon,
    radius_km: f64,
    count: usize,
) -> Vec<NearbyOffice<'a>> {
    if !from.is_valid() {
        return Vec::new();
    }
    let mut hits: Vec<NearbyOffice<'a>> = offices
        .into_iter()
        .filter(|o| o.status == OfficeStatus::Open && o.offers(service_id))
        .filter_map(|o| {
            let loc = o.location.filter(LatLon::is_valid)?;
            let km = haversine_km(from, loc);
            (km <= radius_km).then_some(NearbyOffice { office: o, km })
        })
        .collect();
    hits.sort_by(|a, b| {
        a.km.total_cmp(&b.km)
            .then_with(|| a.office.id.cmp(&b.office.id))
    });
    hits.truncate(count);
    hits
}

/// How many operating offices of a province document offer the service.
pub fn count_offering<'a>(
    offices: impl IntoIterator<Item = &'a Office>,
    service_id: &str,
) -> usize {
    offices
        .into_iter()
        .filter(|o| o.status == OfficeStatus::Open && o.offers(service_id))
        .count()
}

/// Ids of the services that at least one operating office of the list offers (for the
/// catalogue's "no office in <province> offers this" note).
pub fn offered_services<'a>(offices: impl IntoIterator<Item = &'a Office>) -> HashSet<String> {
    offices
        .into_iter()
        .filter(|o| o.status == OfficeStatus::Open)
        .flat_map(|o| o.services.iter().cloned())
        .collect()
}

/// Whether the catalogue should say that no office (of the loaded province) offers the
/// service: only for services meant to be done at a Pishkhan office.
pub fn missing_from_offices(service: &Service, offered: &HashSet<String>) -> bool {
    sends_to_finder(service) && !offered.contains(&service.id)
}

/// A documents checklist and which documents are ticked.
///
/// Ticks are remembered by the document's text (the Persian text, or the English one where
/// the Persian is missing), not by its position: when the agency changes the list, a tick
/// stays on the same document even if it moved, ticks of documents no longer listed are
/// dropped (and counted, so the page can say so), and new documents start unticked. Storing
/// positions would silently move ticks onto other documents.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Checklist {
    /// Identity (stored text) of each document, in display order.
    ids: Vec<String>,
    ticked: Vec<bool>,
}

/// A checklist restored from the device.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RestoredChecklist {
    /// The checklist with the remembered ticks applied.
    pub checklist: Checklist,
    /// Remembered ticks of documents the service no longer lists (dropped).
    pub dropped: usize,
}

impl Checklist {
    /// The service's documents, none ticked.
    pub fn for_service(service: &Service) -> Self {
        let n = service.documents_fa.len().max(service.documents_en.len());
        let ids: Vec<String> = (0..n)
            .filter_map(|i| {
                service
                    .documents_fa
                    .get(i)
                    .filter(|t| !t.trim().is_empty())
                    .or_else(|| service.documents_en.get(i))
                    .map(|t| t.trim().to_string())
            })
            .collect();
        Checklist {
            ticked: vec![false; ids.len()],
            ids,
        }
    }

    /// Applies the ticks remembered on the device (document texts).
    pub fn restore(mut self, stored: &[String]) -> RestoredChecklist {
        let mut dropped = 0;
        for text in stored {
            match self.ids.iter().position(|id| id == text.trim()) {
                Some(i) => {
                    if let Some(t) = self.ticked.get_mut(i) {
                        *t = true;
                    }
                }
                None => dropped += 1,
            }
        }
        RestoredChecklist {
            checklist: self,
            dropped,
        }
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the service lists no document.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The stored identity (text) of document `i`.
    pub fn id(&self, i: usize) -> Option<&str> {
        self.ids.get(i).map(String::as_str)
    }

    /// Whether document `i` is ticked (`false` for an index out of range).
    pub fn is_ticked(&self, i: usize) -> bool {
        self.ticked.get(i).copied().unwrap_or(false)
    }

    /// Ticks or unticks document `i`; an index out of range changes nothing.
    pub fn set(&mut self, i: usize, ticked: bool) {
        if let Some(t) = self.ticked.get_mut(i) {
            *t = ticked;
        }
    }

    /// Number of ticked documents.
    pub fn ticked_count(&self) -> usize {
        self.ticked.iter().filter(|&&t| t).count()
    }

    /// What to store on the device: the texts of the ticked documents, in list order (empty
    /// when nothing is ticked, so the page can remove the key instead).
    pub fn to_stored(&self) -> Vec<String> {
        self.ids
            .iter()
            .zip(&self.ticked)
            .filter(|(_, &t)| t)
            .map(|(id, _)| id.clone())
            .collect()
    }
}

/// The ticks a stored checklist value holds (its strings; entries this version cannot read
/// are skipped here and kept by [`ticks_with`]); `None` when it is not a JSON list at all.
pub fn stored_ticks(raw: &str) -> Option<Vec<String>> {
    let list: Vec<serde_json::Value> = serde_json::from_str(raw).ok()?;
    Some(
        list.into_iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
    )
}

/// The stored checklist value after document `text` is ticked or unticked, applied to the
/// value as stored now (`None`: nothing stored), so a tick made in another tab meanwhile stays,
/// and so does any entry this version cannot read. `None` when the stored value is not a list:
/// it is left untouched. An empty result means the key can be removed.
pub fn ticks_with(
    stored: Option<&str>,
    text: &str,
    ticked: bool,
) -> Option<Vec<serde_json::Value>> {
    let mut list: Vec<serde_json::Value> = match stored {
        None => Vec::new(),
        Some(raw) => serde_json::from_str(raw).ok()?,
    };
    list.retain(|v| v.as_str() != Some(text));
    if ticked {
        list.push(serde_json::Value::String(text.to_string()));
    }
    Some(list)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_tick_is_applied_to_the_checklist_as_stored_now() {
        // Tab A ticked "a"; tab B, which read nothing, ticks "b": both stay.
        let after_a = serde_json::to_string(&ticks_with(None, "a", true).unwrap()).unwrap();
        let after_b = ticks_with(Some(&after_a), "b", true).unwrap();
        assert_eq!(
            after_b,
            vec![serde_json::json!("a"), serde_json::json!("b")]
        );
        // Unticking removes only that one; entries this version cannot read are kept.
        let raw = r#"["a", {"v2": 1}, "b"]"#;
        let next = ticks_with(Some(raw), "a", false).unwrap();
        assert_eq!(
            next,
            vec![serde_json::json!({"v2": 1}), serde_json::json!("b")]
        );
        assert_eq!(
            stored_ticks(raw),
            Some(vec!["a".to_string(), "b".to_string()])
        );
        // Not a list: left untouched.
        assert_eq!(ticks_with(Some("{\"version\":2}"), "a", true), None);
        assert_eq!(stored_ticks("[1,"), None);
        assert_eq!(ticks_with(Some("[]"), "a", false), Some(vec![]));
    }

    use super::*;

    fn service(
        id: &str,
        agency: &str,
        name_fa: &str,
        name_en: &str,
        channels: &[Channel],
    ) -> Service {
        Service {
            id: id.into(),
            agency_id: agency.into(),
            name_fa: name_fa.into(),
            name_en: name_en.into(),
            summary_fa: String::new(),
            summary_en: String::new(),
            channels: channels.to_vec(),
            documents_fa: Vec::new(),
            documents_en: Vec::new(),
            fee_rials: None,
            visits: None,
            duration_days: None,
            online_url: None,
            keywords_fa: Vec::new(),
            steps: Default::default(),
        }
    }

    fn agency(id: &str) -> Agency {
        Agency {
            id: id.into(),
            name_fa: id.into(),
            name_en: id.into(),
            website: None,
            phone: None,
        }
    }

    fn catalogue() -> (Vec<Service>, Vec<Agency>) {
        let mut id_card = service(
            "smart-id-card",
            "sabteahval",
            "ثبت‌نام کارت هوشمند",
            "Smart national ID card registration",
            &[Channel::Pishkhan],
        );
        id_card.keywords_fa = vec!["کارت ملی".into(), "شماره ملی".into()];
        let mut birth = service(
            "birth-certificate-replacement",
            "sabteahval",
            "المثنی شناسنامه",
            "Replacement birth certificate",
            &[Channel::Pishkhan],
        );
        birth.summary_fa = "صدور المثنی؛ همراه داشتن کارت ملی لازم است.".into();
        let mut card = service(
            "card",
            "tamin",
            "کارت ملی",
            "National card",
            &[Channel::Online, Channel::Pishkhan],
        );
        card.summary_en = "Exact name match".into();
        let passport = service(
            "passport",
            "police",
            "گذرنامه",
            "Passport",
            &[Channel::Agency],
        );
        let orphan = service(
            "orphan",
            "nowhere",
            "خدمت بی‌دستگاه",
            "Orphan service",
            &[Channel::Online],
        );
        (
            vec![birth, id_card, card, passport, orphan],
            vec![agency("sabteahval"), agency("tamin"), agency("police")],
        )
    }

    fn ids(services: &[Service], hits: &[(usize, ServiceMatch)]) -> Vec<String> {
        hits.iter()
            .filter_map(|&(i, _)| services.get(i).map(|s| s.id.clone()))
            .collect()
    }

    fn state(q: &str) -> CatalogueState {
        CatalogueState::parse(Some(q), None, None)
    }

    #[test]
    fn ranking_exact_name_then_keyword_then_summary() {
        let (services, agencies) = catalogue();
        let hits = filter_services(&services, &agencies, &state("کارت ملی"));
        // «کارت ملی» is the whole name of `card`, a keyword of the ID card service and only in
        // the summary of the birth certificate.
        assert_eq!(
            ids(&services, &hits),
            ["card", "smart-id-card", "birth-certificate-replacement"]
        );
        let kinds: Vec<ServiceMatch> = hits.iter().map(|&(_, m)| m).collect();
        assert_eq!(
            kinds,
            [
                ServiceMatch::ExactName,
                ServiceMatch::Keyword,
                ServiceMatch::Summary
            ]
        );
    }

    #[test]
    fn arabic_letters_and_latin_find_the_id_card() {
        let (services, agencies) = catalogue();
        for q in ["كارت ملي", "كارت  ملي ", "smart id", "SMART ID", "کارت‌ملی"]
        {
            let hits = ids(&services, &filter_services(&services, &agencies, &state(q)));
            assert!(
                hits.iter().any(|id| id == "smart-id-card"),
                "{q:?}: {hits:?}"
            );
        }
        let hits = ids(
            &services,
            &filter_services(&services, &agencies, &state("smart id")),
        );
        assert_eq!(hits, ["smart-id-card"]);
    }

    #[test]
    fn filters_by_channel_and_agency() {
        let (services, agencies) = catalogue();
        let online = CatalogueState::parse(None, None, Some("online"));
        assert_eq!(
            ids(&services, &filter_services(&services, &agencies, &online)),
            ["card", "orphan"]
        );
        let agency_only = CatalogueState::parse(None, None, Some("agency"));
        assert_eq!(
            ids(
                &services,
                &filter_services(&services, &agencies, &agency_only)
            ),
            ["passport"]
        );
        let sabt = CatalogueState::parse(None, Some("sabteahval"), Some("pishkhan"));
        assert_eq!(
            ids(&services, &filter_services(&services, &agencies, &sabt)),
            ["birth-certificate-replacement", "smart-id-card"]
        );
        let other = CatalogueState::parse(None, Some(OTHER_AGENCY), None);
        assert_eq!(
            ids(&services, &filter_services(&services, &agencies, &other)),
            ["orphan"]
        );
        let none = CatalogueState::parse(Some("گذرنامه"), None, Some("online"));
        assert!(filter_services(&services, &agencies, &none).is_empty());
    }

    #[test]
    fn groups_follow_agency_order_with_other_last() {
        let (services, agencies) = catalogue();
        let hits = filter_services(&services, &agencies, &CatalogueState::default());
        let groups = group_by_agency(&services, &agencies, &hits);
        let keys: Vec<&str> = groups.iter().map(|g| g.key.as_str()).collect();
        assert_eq!(keys, ["sabteahval", "tamin", "police", OTHER_AGENCY]);
        assert_eq!(groups[0].services, [0, 1]);
        assert_eq!(groups[3].services, [4]);
        // Empty groups are left out.
        let hits = filter_services(&services, &agencies, &state("passport"));
        let groups = group_by_agency(&services, &agencies, &hits);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].key, "police");
        // Out-of-range hits are ignored, never a panic.
        assert!(group_by_agency(&services, &agencies, &[(99, ServiceMatch::Name)]).is_empty());
        let options: Vec<String> = agency_options(&services, &agencies)
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(options, ["sabteahval", "tamin", "police", OTHER_AGENCY]);
    }

    #[test]
    fn trips_and_finder_link() {
        let (services, _) = catalogue();
        let by_id = |id: &str| {
            services
                .iter()
                .find(|s| s.id == id)
                .cloned()
                .expect("test service")
        };
        assert_eq!(trips_saved(&by_id("card")), TripsSaved::AllTrips);
        assert_eq!(trips_saved(&by_id("smart-id-card")), TripsSaved::AgencyTrip);
        assert_eq!(trips_saved(&by_id("passport")), TripsSaved::None);
        assert!(sends_to_finder(&by_id("smart-id-card")));
        assert!(!sends_to_finder(&by_id("passport")));
        // The finder link itself is `FinderState::for_service` (route::finder's tests).
    }

    #[test]
    fn last_location_and_office_ids() {
        assert_eq!(
            parse_last_location(r#"{"lat":35.7,"lon":51.4}"#),
            Some(LatLon {
                lat: 35.7,
                lon: 51.4
            })
        );
        for bad in ["", "null", r#"{"lat":"35"}"#, r#"{"lat":95,"lon":0}"#, "{"] {
            assert_eq!(parse_last_location(bad), None, "{bad}");
        }
        assert_eq!(office_province("IR-23-00042"), Some("IR-23"));
        for bad in [
            "IR-2-00042",
            "IR-23",
            "IR-23-",
            "XX-23-00042",
            "IR-23-0/../x",
            "ایران",
            "",
        ] {
            assert_eq!(office_province(bad), None, "{bad}");
        }
    }

    fn office(id: &str, lat: f64, lon: f64, services: &[&str], status: OfficeStatus) -> Office {
        Office {
            location: Some(LatLon { lat, lon }),
            services: services.iter().map(|s| s.to_string()).collect(),
            status,
            ..Office::for_test(id, "IR-23")
        }
    }

    #[test]
    fn nearest_three_offering_the_service() {
        let here = LatLon {
            lat: 35.70,
            lon: 51.40,
        };
        let mut no_location = office("IR-23-00009", 0.0, 0.0, &["s"], OfficeStatus::Open);
        no_location.location = None;
        let offices = vec![
            office("IR-23-00001", 35.75, 51.40, &["s"], OfficeStatus::Open), // ~5.6 km
            office("IR-23-00002", 35.71, 51.40, &["s", "t"], OfficeStatus::Open), // ~1.1 km
            office("IR-23-00003", 35.701, 51.40, &["t"], OfficeStatus::Open), // does not offer
            office("IR-23-00004", 35.702, 51.40, &["s"], OfficeStatus::Closed),
            office(
                "IR-23-00005",
                35.703,
                51.40,
                &["s"],
                OfficeStatus::TemporarilyClosed,
            ),
            office("IR-23-00006", 35.80, 51.40, &["s"], OfficeStatus::Open), // ~11 km
            office("IR-23-00007", 35.90, 51.40, &["s"], OfficeStatus::Open), // ~22 km
            office("IR-23-00008", 37.00, 51.40, &["s"], OfficeStatus::Open), // ~145 km
            no_location,
        ];
        let near = nearest_offering(&offices, "s", here, NEARBY_RADIUS_KM, NEARBY_COUNT);
        let ids: Vec<&str> = near.iter().map(|n| n.office.id.as_str()).collect();
        assert_eq!(ids, ["IR-23-00002", "IR-23-00001", "IR-23-00006"]);
        assert!(near.windows(2).all(|w| w[0].km <= w[1].km));
        assert!((near[0].km - 1.112).abs() < 0.01);
        // Beyond the radius nothing is offered.
        assert!(nearest_offering(
            &offices,
            "s",
            LatLon {
                lat: 30.0,
                lon: 51.4
            },
            50.0,
            3
        )
        .is_empty());
        assert!(nearest_offering(
            &offices,
            "s",
            LatLon {
                lat: f64::NAN,
                lon: 0.0
            },
            50.0,
            3
        )
        .is_empty());
        assert_eq!(count_offering(&offices, "s"), 6);
        let offered = offered_services(&offices);
        assert!(offered.contains("s") && offered.contains("t"));
        let closed_only = vec![office(
            "IR-23-00010",
            35.7,
            51.4,
            &["u"],
            OfficeStatus::Closed,
        )];
        assert!(offered_services(&closed_only).is_empty());
        let mut pishkhan = service("u", "a", "u", "u", &[Channel::Pishkhan]);
        assert!(missing_from_offices(&pishkhan, &offered));
        pishkhan.id = "s".into();
        assert!(!missing_from_offices(&pishkhan, &offered));
        let agency_only = service("v", "a", "v", "v", &[Channel::Agency]);
        assert!(!missing_from_offices(&agency_only, &offered));
        assert_eq!(count_offering(&offices, "nobody"), 0);
    }

    #[test]
    fn service_fees_as_the_service_page_shows_them() {
        use crate::i18n::format::{fee, fee_label, FeeText};
        use crate::i18n::Locale::{En, Fa};
        // The national ID card fee of the sample data, in both languages.
        assert_eq!(
            fee(Fa, Some(1_450_000)),
            FeeText::Amount {
                rials: "۱٬۴۵۰٬۰۰۰ ریال".into(),
                tomans: "۱۴۵٬۰۰۰ تومان".into()
            }
        );
        assert_eq!(
            fee(En, Some(1_450_000)),
            FeeText::Amount {
                rials: "1,450,000 rials".into(),
                tomans: "145,000 tomans".into()
            }
        );
        // The passport fee: grouping across two separators.
        assert_eq!(
            fee_label(Fa, Some(4_000_000)),
            "۴٬۰۰۰٬۰۰۰ ریال (۴۰۰٬۰۰۰ تومان)"
        );
        // Free and unpublished are different things, in both languages.
        assert_ne!(fee_label(Fa, Some(0)), fee_label(Fa, None));
        assert_ne!(fee_label(En, Some(0)), fee_label(En, None));
        assert_eq!(fee(Fa, Some(0)), FeeText::Free);
        assert_eq!(fee(Fa, None), FeeText::NotPublished);
        // No ASCII digit leaks into the Persian text.
        if let FeeText::Amount { rials, tomans } = fee(Fa, Some(987_654_321)) {
            assert!(!rials
                .chars()
                .chain(tomans.chars())
                .any(|c| c.is_ascii_digit()));
        }
    }

    #[test]
    fn checklist_remembers_ticks_by_document_text() {
        let mut s = service("x", "a", "x", "x", &[Channel::Pishkhan]);
        s.documents_fa = vec!["شناسنامه".into(), "کارت ملی".into(), "عکس".into()];
        s.documents_en = vec!["Birth certificate".into(), "ID card".into(), "Photo".into()];
        let mut list = Checklist::for_service(&s);
        assert_eq!(list.len(), 3);
        assert_eq!(list.ticked_count(), 0);
        assert!(list.to_stored().is_empty());
        list.set(2, true);
        list.set(0, true);
        list.set(7, true); // out of range: nothing happens
        assert_eq!(list.to_stored(), ["شناسنامه", "عکس"]);
        assert!(list.is_ticked(2));
        assert!(!list.is_ticked(7));
        list.set(0, false);
        assert_eq!(list.to_stored(), ["عکس"]);

        // The agency reorders the list, drops «کارت ملی»-less entries and adds one.
        let stored = vec!["عکس".to_string(), "شناسنامه".to_string()];
        let mut changed = s.clone();
        changed.documents_fa = vec!["عکس".into(), "فرم درخواست".into(), "شناسنامه".into()];
        let restored = Checklist::for_service(&changed).restore(&stored);
        assert_eq!(restored.dropped, 0);
        assert!(restored.checklist.is_ticked(0));
        assert!(!restored.checklist.is_ticked(1));
        assert!(restored.checklist.is_ticked(2));

        let gone = vec!["کپی سند".to_string(), "عکس".to_string()];
        let restored = Checklist::for_service(&s).restore(&gone);
        assert_eq!(restored.dropped, 1);
        assert_eq!(restored.checklist.to_stored(), ["عکس"]);
    }

    #[test]
    fn checklist_falls_back_to_english_text() {
        let mut s = service("x", "a", "x", "x", &[Channel::Pishkhan]);
        s.documents_fa = vec!["شناسنامه".into(), " ".into()];
        s.documents_en = vec!["Birth certificate".into(), "Photo".into(), "Form".into()];
        let mut list = Checklist::for_service(&s);
        assert_eq!(list.len(), 3);
        list.set(1, true);
        list.set(2, true);
        assert_eq!(list.to_stored(), ["Photo", "Form"]);
        assert!(Checklist::for_service(&service("y", "a", "y", "y", &[])).is_empty());
    }
}
