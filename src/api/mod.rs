//! The only place that talks to the API.
//!
//! [`decode`] and [`error`] are platform-neutral (tested natively); [`client`] is the browser
//! transport (fetch with time-out, abort, retries with back-off honouring `Retry-After`);
//! [`lazy`] the requests whose decoders are downloaded on first use.

pub mod decode;
pub mod error;
pub mod paths;

#[cfg(target_arch = "wasm32")]
pub mod client;
#[cfg(target_arch = "wasm32")]
pub mod lazy;

pub use decode::{Decoded, SkippedRecord};
pub use error::{ApiError, DecodeError, SignInError};
