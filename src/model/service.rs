use serde::{Deserialize, Serialize};

use super::common::open_enum;

open_enum! {
    /// Where a service can be done.
    Channel {
        /// At a Pishkhan (or rural ICT) office.
        Pishkhan = "pishkhan",
        /// Online, without a trip.
        Online = "online",
        /// Only at the agency's own offices (e.g. Police+10 for passports).
        Agency = "agency",
    }
}

open_enum! {
    /// What a citizen does in one step of a service's journey (`services[].steps[].kind`).
    StepKind {
        /// Something done online (a form, a payment, a booking).
        Online = "online",
        /// A visit to a Pishkhan (or rural ICT) office.
        Office = "office",
        /// A visit to the agency's own office.
        Agency = "agency",
        /// Waiting while the agency works (issuing, checking, posting).
        Wait = "wait",
        /// Collecting the result (a card, a certificate) or receiving it by post.
        Collect = "collect",
    }
}

/// An SMS a citizen can send for a step: to `number`, with `text` when the service wants one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepSms {
    pub number: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// One step of a service's journey, in the order the citizen takes them (optional addition
/// to the contract: `services[].steps`, docs/api.md).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub kind: StepKind,
    pub title_fa: String,
    pub title_en: String,
    #[serde(default)]
    pub detail_fa: String,
    #[serde(default)]
    pub detail_en: String,
    /// Where to do or follow this step online; only `https:` links are shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// A USSD code for the step, e.g. `*4040#`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ussd: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms: Option<StepSms>,
    /// `true` when this is where the citizen follows the request (with its tracking code).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub tracking: bool,
    /// Typical days the step takes; `0` = the same day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_days: Option<u32>,
}

impl Step {
    /// Contract rules serde cannot express: a step has a title in both languages.
    pub fn validate(&self) -> Result<(), String> {
        if self.title_fa.trim().is_empty() || self.title_en.trim().is_empty() {
            return Err(format!(
                "a {} step has no title in both languages",
                self.kind.as_str()
            ));
        }
        Ok(())
    }
}

/// `GET {api}/services.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServicesDoc {
    pub services: Vec<Service>,
}

/// A government e-service and what a citizen needs for it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Service {
    pub id: String,
    pub agency_id: String,
    pub name_fa: String,
    pub name_en: String,
    #[serde(default)]
    pub summary_fa: String,
    #[serde(default)]
    pub summary_en: String,
    /// Non-empty.
    pub channels: Vec<Channel>,
    #[serde(default)]
    pub documents_fa: Vec<String>,
    #[serde(default)]
    pub documents_en: Vec<String>,
    /// `Some(0)` is free; `None` means the fee is not published.
    #[serde(default)]
    pub fee_rials: Option<u64>,
    #[serde(default)]
    pub visits: Option<u32>,
    #[serde(default)]
    pub duration_days: Option<u32>,
    #[serde(default)]
    pub online_url: Option<String>,
    #[serde(default)]
    pub keywords_fa: Vec<String>,
    /// The journey, step by step (optional; absent or `[]` = no journey published).
    #[serde(default, skip_serializing_if = "Steps::is_empty")]
    pub steps: Steps,
}

/// A service's steps, read one at a time: a step that is not a well-formed [`Step`] (or fails
/// [`Step::validate`]) is left out and counted in `skipped`, so one bad step never costs the
/// citizen the service. A `steps` that is not a list (or `null`) reads as no steps. Written
/// back as the plain list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Steps {
    /// The readable steps, in published order.
    pub list: Vec<Step>,
    /// Steps that could not be read.
    pub skipped: usize,
}

impl Steps {
    /// Whether there is no readable step (and so no journey to show).
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

impl From<Vec<Step>> for Steps {
    fn from(list: Vec<Step>) -> Self {
        Steps { list, skipped: 0 }
    }
}

impl Serialize for Steps {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.list.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Steps {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = Option::<serde_json::Value>::deserialize(d)?;
        let Some(serde_json::Value::Array(items)) = raw else {
            return Ok(Steps::default());
        };
        let total = items.len();
        let list: Vec<Step> = items
            .into_iter()
            .filter_map(|v| serde_json::from_value::<Step>(v).ok())
            .filter(|s| s.validate().is_ok())
            .collect();
        Ok(Steps {
            skipped: total - list.len(),
            list,
        })
    }
}

/// The highest fee a record may state: 10^13 rials (a billion tomans, far above any counter
/// service's); a larger one is a bad record, never printed.
pub const MAX_FEE_RIALS: u64 = 10_000_000_000_000;

impl Service {
    /// Whether the service can be done through this channel.
    pub fn has_channel(&self, channel: &Channel) -> bool {
        self.channels.contains(channel)
    }

    /// Contract rules serde cannot express.
    pub fn validate(&self) -> Result<(), String> {
        if self.id.trim().is_empty() {
            return Err("service id is empty".into());
        }
        if self.channels.is_empty() {
            return Err(format!("service {}: channels is empty", self.id));
        }
        if self.fee_rials.is_some_and(|fee| fee > MAX_FEE_RIALS) {
            return Err(format!("service {}: fee out of range", self.id));
        }
        Ok(())
    }
}
