//! Reusable view pieces shared by the pages.

pub mod checklist;
pub mod fee;
pub mod layout;
pub mod page;
pub mod service_card;
pub mod states;
