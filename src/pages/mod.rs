//! One module per route.

pub mod about;
pub mod config_error;
pub mod dashboard;
pub mod gaps;
pub mod home;
pub mod licence;
pub mod licences;
pub mod not_found;
pub mod office;
pub mod offices;
pub mod service;
pub mod services;
pub mod sign_in;
