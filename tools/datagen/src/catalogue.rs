//! The catalogue of agencies and services (`data/agencies.json`, `data/services.json`), read
//! through the contract's own types, plus which office kinds offer each service.

use std::collections::{BTreeMap, BTreeSet};

use pishkhan::model::{AgenciesDoc, Agency, Channel, OfficeKind, Service};
use serde::Deserialize;

use crate::Error;

const AGENCIES_JSON: &str = include_str!("../data/agencies.json");
const SERVICES_JSON: &str = include_str!("../data/services.json");

/// A service of the catalogue and how likely each office kind is to offer it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct CatalogueService {
    #[serde(flatten)]
    pub service: Service,
    /// Office kind (wire form) → probability that an office of that kind offers the service.
    /// Generator-only: never written to `services.json`.
    #[serde(default)]
    pub offered_by: BTreeMap<String, f64>,
}

impl CatalogueService {
    /// Probability that an office of `kind` offers this service (0 when it never does).
    pub fn offer_probability(&self, kind: &OfficeKind) -> f64 {
        self.offered_by.get(kind.as_str()).copied().unwrap_or(0.0)
    }
}

#[derive(Deserialize)]
struct ServicesFile {
    services: Vec<CatalogueService>,
}

/// Agencies and services, in file order.
#[derive(Clone, Debug, PartialEq)]
pub struct Catalogue {
    pub agencies: Vec<Agency>,
    pub services: Vec<CatalogueService>,
}

impl Catalogue {
    /// Parses and checks the compiled-in catalogue.
    pub fn load() -> Result<Self, Error> {
        let agencies = serde_json::from_str::<AgenciesDoc>(AGENCIES_JSON)
            .map_err(|e| Error::input("data/agencies.json", e))?
            .agencies;
        let services = serde_json::from_str::<ServicesFile>(SERVICES_JSON)
            .map_err(|e| Error::input("data/services.json", e))?
            .services;
        let catalogue = Catalogue { agencies, services };
        catalogue
            .check()
            .map_err(|e| Error::input("data/services.json", e))?;
        Ok(catalogue)
    }

    /// The rules the generated data relies on.
    fn check(&self) -> Result<(), String> {
        let agency_ids: BTreeSet<&str> = self.agencies.iter().map(|a| a.id.as_str()).collect();
        let mut ids = BTreeSet::new();
        for entry in &self.services {
            let s = &entry.service;
            s.validate()?;
            if !ids.insert(s.id.as_str()) {
                return Err(format!("service {} is listed twice", s.id));
            }
            if !agency_ids.contains(s.agency_id.as_str()) {
                return Err(format!("service {}: unknown agency {}", s.id, s.agency_id));
            }
            if s.documents_fa.len() != s.documents_en.len() {
                return Err(format!(
                    "service {}: documents_fa and documents_en differ in length",
                    s.id
                ));
            }
            if !entry.offered_by.is_empty() && !s.has_channel(&Channel::Pishkhan) {
                return Err(format!(
                    "service {} is offered by offices but has no pishkhan channel",
                    s.id
                ));
            }
            for (kind, p) in &entry.offered_by {
                if !OfficeKind::parse(kind).is_known() || !(0.0..=1.0).contains(p) {
                    return Err(format!(
                        "service {}: bad offered_by entry {kind}: {p}",
                        s.id
                    ));
                }
            }
        }
        if !self
            .services
            .iter()
            .any(|e| e.service.has_channel(&Channel::Pishkhan) && e.offered_by.is_empty())
        {
            return Err("no pishkhan-channel service is left unoffered (the UI needs one)".into());
        }
        Ok(())
    }

    /// The services as the contract's types, in catalogue order.
    pub fn services(&self) -> Vec<Service> {
        self.services.iter().map(|e| e.service.clone()).collect()
    }
}
