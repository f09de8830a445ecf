//! Pishkhan (پیشخوان): the public web front-end for Iran's government service counter offices.
//!
//! Data flows one way: [`config`] → [`api`] (fetch, decode, validate into [`model`]) →
//! [`domain`] (pure functions) → `pages` / `components` (view).
//! `config`, `model`, `domain`, `i18n` and the decoding half of `api` are platform-neutral
//! and tested natively; the browser half (`app`, `pages`, `components`, `platform`,
//! `api::client`) is compiled only for `wasm32`.

pub mod api;
pub mod config;
pub mod domain;
pub mod i18n;
pub mod model;
pub mod route;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod bench;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod pages;
#[cfg(target_arch = "wasm32")]
pub mod platform;
