//! Reusable view pieces shared by the pages.

pub mod bar_chart;
pub mod flag_badges;
pub mod layout;
pub mod page;
pub mod province_docs;
pub mod states;
