//! The only place that talks to the API.
//!
//! [`decode`] and [`error`] are platform-neutral (tested natively); [`client`] is the browser
//! transport (fetch with time-out, abort, retries with back-off honouring `Retry-After`).

pub mod decode;
pub mod error;
pub mod paths;

#[cfg(target_arch = "wasm32")]
pub mod client;

pub use decode::{Decoded, SkippedRecord};
pub use error::{ApiError, DecodeError};
