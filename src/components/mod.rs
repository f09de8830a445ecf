//! Reusable view pieces shared by the pages.

pub mod combobox;
pub mod layout;
pub mod licence_panel;
pub mod map;
pub mod office_card;
pub mod opening;
pub mod page;
pub mod place_picker;
pub mod saved_offices;
pub mod states;
