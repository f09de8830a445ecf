//! Paths of the v1 documents relative to the API base URL.

use crate::route::{encode, Part};

/// `meta.json`: provinces and closure orders.
pub const META: &str = "meta.json";
/// `agencies.json`.
pub const AGENCIES: &str = "agencies.json";
/// `services.json`.
pub const SERVICES: &str = "services.json";

/// `provinces/{id}/offices.json`.
pub fn offices(province_id: &str) -> String {
    format!(
        "provinces/{}/offices.json",
        encode(province_id, Part::Segment)
    )
}

/// `provinces/{id}/licences.json`.
pub fn licences(province_id: &str) -> String {
    format!(
        "provinces/{}/licences.json",
        encode(province_id, Part::Segment)
    )
}

/// An index document's path from its template in `meta.json` → `index` (`index/tiles/{}.json`)
/// and its key (a tile id, shard or chunk number), percent-encoded as a path segment.
pub fn index_doc(template: &str, key: impl std::fmt::Display) -> String {
    crate::domain::index::fill(template, encode(&key.to_string(), Part::Segment))
}

/// Joins a base URL and a relative document path with exactly one slash.
pub fn join(base: &str, path: &str) -> String {
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn province_ids_stay_inside_their_segment() {
        assert_eq!(offices("IR-23"), "provinces/IR-23/offices.json");
        assert_eq!(offices("../x"), "provinces/%2E%2E%2Fx/offices.json");
        assert_eq!(licences("a?b"), "provinces/a%3Fb/licences.json");
    }

    #[test]
    fn index_keys_stay_inside_their_segment() {
        assert_eq!(
            index_doc("index/tiles/{}.json", "t0123"),
            "index/tiles/t0123.json"
        );
        assert_eq!(index_doc("index/ids/{}.json", 7), "index/ids/7.json");
        assert_eq!(
            index_doc("index/tiles/{}.json", "../x"),
            "index/tiles/%2E%2E%2Fx.json"
        );
    }

    #[test]
    fn join_uses_one_slash() {
        assert_eq!(join("api/v1/", "/meta.json"), "api/v1/meta.json");
        assert_eq!(
            join("https://x.ir/v1", "meta.json"),
            "https://x.ir/v1/meta.json"
        );
    }
}
