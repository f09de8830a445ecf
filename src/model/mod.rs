//! Serde types of the v1 API contract (`docs/api.md`), with their validation.
//!
//! Required fields are plain types; fields the contract allows to be `null` are `Option`
//! with `#[serde(default)]`, so an absent optional field is accepted too. Unknown extra
//! fields are ignored. Enumerations keep unknown values as `Other(String)` so a new office
//! kind or licence status never sinks a whole document.

mod common;
pub mod dates;
mod index;
mod licence;
mod meta;
mod names;
mod office;
mod service;

pub use common::*;
pub use index::*;
pub use licence::*;
pub use meta::*;
pub use office::*;
pub use service::*;

/// Contract version this client understands (`meta.json` → `schema_version`).
pub const SCHEMA_VERSION: u32 = 1;
