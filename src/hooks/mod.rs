//! Reactive hooks the pages share (`use_x` → what the page renders from): the URL state of a
//! page, the loader of several province documents, and answers kept by the question they
//! answer (the search box).

mod answers;
mod province_docs;
mod url_state;

pub use answers::{use_answers, Answers};
pub use province_docs::{use_province_docs, DocState, LoadFuture, ProvinceDocs, CONCURRENT_LOADS};
pub use url_state::{use_finder_state, use_url_state};
