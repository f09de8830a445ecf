//! Deterministic generator of the sample v1 API (`docs/api.md`).
//!
//! Everything is built as the contract's own types (`pishkhan::model`) and serialised through
//! them, so the data and the client cannot drift. The same [`Options`] always give
//! byte-identical output: one seeded PRNG stream per province, sorted iteration, and a fixed
//! "today" (2026-11-20) instead of the wall clock.

mod address;
pub mod calendar;
pub mod catalogue;
pub mod inputs;
pub mod licences;
mod meta;
pub mod offices;
mod people;
pub mod persian;
pub mod rng;
pub mod writer;

use pishkhan::model::{AgenciesDoc, LicencesDoc, Meta, OfficesDoc, ServicesDoc, SCHEMA_VERSION};

use crate::inputs::Inputs;
use crate::rng::Rng;

/// Version of the generator's output; bump it whenever the output changes, so that
/// `--if-stale` regenerates.
pub const GENERATOR_VERSION: &str = "1.2.0";
/// The default seed.
pub const DEFAULT_SEED: u64 = 42;

/// Errors of the generator, each naming what failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("bad input {file}: {message}")]
    Input { file: &'static str, message: String },
    #[error("cannot write {path}: {source}")]
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("cannot serialise {what}: {source}")]
    Json {
        what: String,
        source: serde_json::Error,
    },
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// An input file that could not be read or broke a rule.
    pub fn input(file: &'static str, message: impl std::fmt::Display) -> Self {
        Error::Input {
            file,
            message: message.to_string(),
        }
    }
}

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    pub seed: u64,
    /// Multiplies offices and licences (1 ≈ 13,000 offices, 10 ≈ 130,000).
    pub scale: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            seed: DEFAULT_SEED,
            scale: 1,
        }
    }
}

impl Options {
    /// `dataset_version` of the output, e.g. `sample-1.1.0-s42-x1`.
    pub fn dataset_version(&self) -> String {
        format!("sample-{GENERATOR_VERSION}-s{}-x{}", self.seed, self.scale)
    }
}

/// The two documents of one province.
#[derive(Clone, Debug, PartialEq)]
pub struct ProvinceDocs {
    pub offices: OfficesDoc,
    pub licences: LicencesDoc,
}

/// The whole dataset, as the contract's types.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    pub meta: Meta,
    pub agencies: AgenciesDoc,
    pub services: ServicesDoc,
    /// One entry per province, in the order of `meta.provinces`.
    pub provinces: Vec<ProvinceDocs>,
}

impl Dataset {
    /// Offices in all provinces.
    pub fn office_count(&self) -> usize {
        self.provinces.iter().map(|p| p.offices.offices.len()).sum()
    }

    /// Licences in all provinces.
    pub fn licence_count(&self) -> usize {
        self.provinces
            .iter()
            .map(|p| p.licences.licences.len())
            .sum()
    }
}

/// Office numbers (`code`) for each province: one national shuffled run from 10000, so numbers
/// are unique nationally and do not reveal the province.
fn office_codes(inputs: &Inputs, options: &Options) -> Vec<Vec<u32>> {
    let populations: Vec<f64> = inputs
        .provinces
        .iter()
        .map(|p| p.population_2016 as f64)
        .collect();
    let total = offices::OFFICES_PER_SCALE * options.scale as usize;
    let counts = offices::apportion(total, &populations, &vec![false; populations.len()]);
    let mut codes: Vec<u32> = (0..total as u32).map(|i| 10_000 + i).collect();
    Rng::derive(options.seed, "office-codes").shuffle(&mut codes);
    let mut rest = codes.as_slice();
    counts
        .iter()
        .map(|n| {
            let (mine, tail) = rest.split_at(*n);
            rest = tail;
            mine.to_vec()
        })
        .collect()
}

/// Builds the dataset.
pub fn generate(inputs: &Inputs, options: &Options) -> Result<Dataset, Error> {
    if options.scale == 0 {
        return Err(Error::Usage("--scale must be at least 1".into()));
    }
    let generated_at = calendar::generated_at();
    let codes = office_codes(inputs, options);
    let mut provinces = Vec::with_capacity(inputs.provinces.len());
    let mut summaries = Vec::with_capacity(inputs.provinces.len());
    for (province, codes) in inputs.provinces.iter().zip(&codes) {
        let cities = inputs.cities_of(&province.iso);
        let mut rng = Rng::derive(options.seed, &province.iso);
        let office_ctx = offices::ProvinceContext {
            province,
            cities,
            catalogue: &inputs.catalogue,
        };
        let mut office_list = offices::generate(&office_ctx, codes, &mut rng);
        let licence_ctx = licences::LicenceContext { province, cities };
        let licence_list = licences::generate(&licence_ctx, &mut office_list, &mut rng);
        summaries.push(meta::province_summary(
            province,
            cities,
            &office_list,
            &licence_list,
        ));
        provinces.push(ProvinceDocs {
            offices: OfficesDoc {
                province_id: province.iso.clone(),
                generated_at,
                offices: office_list,
            },
            licences: LicencesDoc {
                province_id: province.iso.clone(),
                generated_at,
                licences: licence_list,
            },
        });
    }
    Ok(Dataset {
        meta: Meta {
            schema_version: SCHEMA_VERSION,
            dataset_version: options.dataset_version(),
            generated_at,
            provinces: summaries,
            closures: meta::closure_orders(),
            source: Some(meta::data_source()),
            index: None,
            index_json: None,
        },
        agencies: AgenciesDoc {
            agencies: inputs.catalogue.agencies.clone(),
        },
        services: ServicesDoc {
            services: inputs.catalogue.services(),
        },
        provinces,
    })
}
