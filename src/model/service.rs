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
}

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
        Ok(())
    }
}
