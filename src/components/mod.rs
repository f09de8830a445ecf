//! Reusable view pieces shared by the pages.

pub mod bar_chart;
pub mod checklist;
pub mod fee;
pub mod flag_badges;
pub mod layout;
pub mod page;
pub mod province_docs;
pub mod service_card;
pub mod states;
