//! Pure domain logic: no DOM, no I/O, tested natively.

pub mod action;
pub mod catalogue;
pub mod collate;
pub mod coverage;
pub mod csv;
pub mod dashboard;
pub mod finder;
pub mod gaps;
pub mod geo;
pub mod geojson;
pub mod hours;
pub mod index;
pub mod iran_time;
pub mod jalali;
pub mod journey;
pub mod licence_flags;
pub mod links;
pub mod lookup;
pub mod normalize;
pub mod qr;
pub mod registry;
pub mod report;
pub mod saved;
pub mod search;
pub mod slices;
pub mod watch;
