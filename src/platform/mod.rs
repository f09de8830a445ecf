//! Thin wrappers over browser APIs (storage, time, DOM, timers, geolocation, share sheet and
//! clipboard, the camera's QR scanner, work done in slices that yield), so pages and components never touch `web_sys` for these directly and every
//! failure is a value.

pub mod auth;
pub mod clock;
pub mod dom;
pub mod geolocation;
pub mod leaflet;
pub mod network;
pub mod scan;
pub mod share;
pub mod slices;
pub mod storage;
pub mod timer;
