//! Pishkhan (پیشخوان): the public web front-end for Iran's government service counter offices.
//!
//! Data flows one way: [`config`] → [`api`] (fetch, decode, validate into [`model`]) →
//! [`domain`] (pure functions) → `pages` / `components` (view).
//! `config`, `model`, `domain`, `route`, `i18n` and the decoding half of `api` are
//! platform-neutral and tested natively; the browser half (`app`, `pages`, `components`,
//! `context`, `platform`, `api::client`, `api::lazy`) is compiled only for `wasm32`.
//!
//! Imports go one way: `app` (router, boot) → `pages` → `components` → `context`.
//! Nothing imports `app`.

pub mod api;
pub mod config;
pub mod domain;
pub mod i18n;
pub mod locale;
pub mod model;
pub mod route;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod bench;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod context;
#[cfg(target_arch = "wasm32")]
pub mod hooks;
#[cfg(target_arch = "wasm32")]
pub mod pages;
#[cfg(target_arch = "wasm32")]
pub mod platform;
