//! Reusable view pieces shared by the pages.

pub mod bar_chart;
pub mod checklist;
pub mod combobox;
pub mod dead_end;
pub mod fee;
pub mod flag_badges;
pub mod layout;
pub mod lazy_view;
pub mod licence_panel;
pub mod map;
pub mod office_actions;
pub mod office_card;
pub mod opening;
pub mod page;
pub mod place_picker;
pub mod province_load;
pub mod saved_offices;
pub mod service_card;
pub mod share;
pub mod sign_in;
pub mod sort_icon;
pub mod states;
pub mod watch;
