//! Query side of the index layer (`docs/api.md`, "Index documents (optional)"), shared by the
//! builder (`tools/index`) and the app so that both agree on every key, token and tile.
//!
//! - [`usable`]: whether `meta.json` announces an index this client can use.
//! - [`fnv1a`], [`shard_of`], [`fill`]: which look-up shard a key lives in, and its path;
//!   [`licence_shard_path`]: the licence look-up shard of a licence number.
//! - [`tokens`], [`name_tokens`]: the tokeniser (over [`normalize::fold`], the one normaliser).
//! - [`TileTree`], [`Nearest`], [`nearest_tiles`], [`TileTree::within`]: which tiles to fetch.
//! - [`chunk_for_term`], [`chunks_for_prefix`], [`decode_runs`], [`intersect`]: text search.
//! - [`summarise`], [`summary_stats`]: the dashboard's figures from `index/summary.json`.

use std::collections::BTreeMap;
use std::ops::Range;

use chrono::NaiveDate;

use super::coverage::{self, ProvinceStats};
use super::geo::haversine_km;
use super::licence_flags::{EXPIRING_WITHIN_DAYS, STALE_AFTER_DAYS};
use super::normalize;
use crate::model::{
    BBox, DateCount, IndexInfo, LatLon, Licence, LicenceStatus, Meta, Office, OfficeStatus,
    Province, ProvinceSummary, TermManifest, TileManifest, INDEX_FORMAT,
};

// ---------------------------------------------------------------------------------------
// Usability and shards

/// The index announced by `meta.json`, when a client may use it: present, of a known format,
/// and built from this very dataset (`index.dataset_version == meta.dataset_version`).
/// Otherwise (`None`) the client reads the province documents.
pub fn usable(meta: &Meta) -> Option<&IndexInfo> {
    meta.index
        .as_ref()
        .filter(|i| usable_for(i, &meta.dataset_version))
}

/// Whether an index may be used with the dataset of this version: a known format, built from
/// that very dataset ([`usable`] for an index read on its own).
pub fn usable_for(info: &IndexInfo, dataset_version: &str) -> bool {
    info.format == INDEX_FORMAT && info.dataset_version == dataset_version
}

/// 32-bit FNV-1a of the key's UTF-8 bytes: the stable hash of the look-up shards.
pub fn fnv1a(key: &str) -> u32 {
    key.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// The shard (`0..shards`) of a look-up key (office id or code, as published); 0 when
/// `shards` is 0.
pub fn shard_of(key: &str, shards: u32) -> u32 {
    fnv1a(key).checked_rem(shards).unwrap_or(0)
}

/// A path template of `meta.json` → `index` with `{}` replaced by `value`.
pub fn fill(template: &str, value: impl std::fmt::Display) -> String {
    template.replacen("{}", &value.to_string(), 1)
}

/// The path of the licence look-up shard (`index/licences/{shard}.json`) that holds licence
/// `number` (as published); `None` when the index has no licence look-up (an index built
/// before it existed: read the province's `licences.json`) or announces zero shards.
pub fn licence_shard_path(info: &IndexInfo, number: &str) -> Option<String> {
    let s = info.licences.as_ref().filter(|s| s.shards > 0)?;
    Some(fill(&s.path, shard_of(number, s.shards)))
}

// ---------------------------------------------------------------------------------------
// Tokens

/// Shortest token indexed, in characters.
pub const MIN_TOKEN_CHARS: usize = 2;

/// The search tokens of a text: [`normalize::fold`], split at the spaces it leaves, tokens
/// of at least [`MIN_TOKEN_CHARS`] characters, distinct, in order of first occurrence. The
/// builder indexes these and a client looks its query words up the same way.
pub fn tokens(text: &str) -> Vec<String> {
    let folded = normalize::fold(text);
    let mut out: Vec<String> = Vec::new();
    for word in folded.split(' ') {
        if word.chars().count() >= MIN_TOKEN_CHARS && !out.iter().any(|w| w == word) {
            out.push(word.to_string());
        }
    }
    out
}

/// [`tokens`] of a name, plus the whole name without separators when it has several words,
/// so «اسلام‌شهر», «اسلام شهر» and «اسلامشهر» all find the place.
pub fn name_tokens(text: &str) -> Vec<String> {
    let mut out = tokens(text);
    let folded = normalize::fold(text);
    if folded.contains(' ') {
        let whole = normalize::compact(&folded);
        if !out.contains(&whole) {
            out.push(whole);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Tiles

/// Longest quadtree path: offices at one spot cannot be split further.
pub const MAX_TILE_DEPTH: u32 = 24;

/// Quadrant `d` (0 south-west, 1 south-east, 2 north-west, 3 north-east) of a box, split at
/// its middle latitude and longitude. The builder and the client both use this, so a tile id
/// determines its box exactly.
pub fn child_bbox(b: &BBox, d: u8) -> BBox {
    let mid_lat = (b.min_lat + b.max_lat) / 2.0;
    let mid_lon = (b.min_lon + b.max_lon) / 2.0;
    let (min_lat, max_lat) = if d & 2 == 0 {
        (b.min_lat, mid_lat)
    } else {
        (mid_lat, b.max_lat)
    };
    let (min_lon, max_lon) = if d & 1 == 0 {
        (b.min_lon, mid_lon)
    } else {
        (mid_lon, b.max_lon)
    };
    BBox {
        min_lat,
        min_lon,
        max_lat,
        max_lon,
    }
}

/// The quadrant of `b` a point belongs to: north when `lat ≥` the middle, east when `lon ≥`.
pub fn quadrant(b: &BBox, p: LatLon) -> u8 {
    let north = p.lat >= (b.min_lat + b.max_lat) / 2.0;
    let east = p.lon >= (b.min_lon + b.max_lon) / 2.0;
    (u8::from(north) << 1) | u8::from(east)
}

/// A leaf of the tile quadtree that has a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Leaf {
    /// Tile id, e.g. `t0312` (`t` then the quadrant digits from the root).
    pub id: String,
    pub bbox: BBox,
}

/// The tile quadtree of `index/tiles.json`, decoded.
#[derive(Clone, Debug, PartialEq)]
pub struct TileTree {
    root: BBox,
    leaves: Vec<Leaf>,
}

impl TileTree {
    /// Decodes the manifest's pre-order `tree` string; an error names what is wrong.
    pub fn parse(manifest: &TileManifest) -> Result<TileTree, String> {
        if !manifest.bbox.is_valid() {
            return Err("tiles.json: bbox is not a valid box".into());
        }
        let mut leaves = Vec::new();
        let mut chars = manifest.tree.bytes();
        // Stack of (id, bbox) still to read, the next node on top.
        let mut stack = vec![("t".to_string(), manifest.bbox)];
        while let Some((id, bbox)) = stack.pop() {
            match chars.next() {
                Some(b'x') => {
                    if id.len() > MAX_TILE_DEPTH as usize {
                        return Err(format!("tiles.json: tree deeper than {MAX_TILE_DEPTH}"));
                    }
                    for d in (0..4u8).rev() {
                        stack.push((format!("{id}{d}"), child_bbox(&bbox, d)));
                    }
                }
                Some(b'*') => leaves.push(Leaf { id, bbox }),
                Some(b'.') => {}
                Some(other) => {
                    return Err(format!(
                        "tiles.json: unexpected '{}' in tree",
                        char::from(other)
                    ))
                }
                None => return Err("tiles.json: tree ends early".into()),
            }
        }
        if chars.next().is_some() {
            return Err("tiles.json: tree has extra characters".into());
        }
        Ok(TileTree {
            root: manifest.bbox,
            leaves,
        })
    }

    /// The root box (the offices' bounding box).
    pub fn root(&self) -> &BBox {
        &self.root
    }

    /// The leaves with a document, in pre-order (= tile id order).
    pub fn leaves(&self) -> &[Leaf] {
        &self.leaves
    }

    /// The leaf with this id.
    pub fn leaf(&self, id: &str) -> Option<&Leaf> {
        self.leaves
            .binary_search_by(|l| l.id.as_str().cmp(id))
            .ok()
            .and_then(|i| self.leaves.get(i))
    }

    /// The id of the tile a point falls in, following [`quadrant`] from the root; `None`
    /// outside the root box or in an empty leaf.
    pub fn leaf_at(&self, p: LatLon) -> Option<&Leaf> {
        if !contains(&self.root, p) {
            return None;
        }
        let mut id = String::from("t");
        let mut bbox = self.root;
        loop {
            // Is `id` a leaf, an inner node (some leaf id starts with it) or empty?
            let i = self.leaves.partition_point(|l| l.id.as_str() < id.as_str());
            match self.leaves.get(i) {
                Some(l) if l.id == id => return Some(l),
                Some(l) if l.id.starts_with(id.as_str()) && id.len() <= MAX_TILE_DEPTH as usize => {
                    let d = quadrant(&bbox, p);
                    bbox = child_bbox(&bbox, d);
                    id.push(char::from(b'0' + d));
                }
                _ => return None,
            }
        }
    }

    /// Tiles that may hold an office within `radius_km` of `p`, nearest box first (ties by
    /// id). Empty for an invalid point or radius.
    pub fn within(&self, p: LatLon, radius_km: f64) -> Vec<&Leaf> {
        if !p.is_valid() || radius_km.is_nan() || radius_km < 0.0 {
            return Vec::new();
        }
        let mut hits: Vec<(f64, &Leaf)> = self
            .leaves
            .iter()
            .map(|l| (box_min_km(p, &l.bbox), l))
            .filter(|(d, _)| *d <= radius_km)
            .collect();
        hits.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
        hits.into_iter().map(|(_, l)| l).collect()
    }
}

/// Whether the box contains the point, edges included.
fn contains(b: &BBox, p: LatLon) -> bool {
    (b.min_lat..=b.max_lat).contains(&p.lat) && (b.min_lon..=b.max_lon).contains(&p.lon)
}

/// Great-circle distance in km from `p` to the nearest point of a latitude/longitude box, a
/// lower bound of the distance to anything inside it (0 inside). Unlike clamping the
/// coordinates, this finds the true nearest point on the box's meridian edges, so tile
/// pruning never drops a nearer office.
pub fn box_min_km(p: LatLon, b: &BBox) -> f64 {
    if (b.min_lon..=b.max_lon).contains(&p.lon) {
        let lat = p.lat.clamp(b.min_lat, b.max_lat);
        return haversine_km(p, LatLon { lat, lon: p.lon });
    }
    // Outside the longitude range: the nearest point is on the nearer meridian edge (a
    // parallel edge is nearest at its corner, which lies on a meridian edge too).
    let edge = |lon: f64| {
        let dlon = (p.lon - lon).to_radians();
        // Foot of the perpendicular from p onto the meridian, clamped to the edge.
        let foot = if dlon.cos() > 0.0 {
            (p.lat.to_radians().tan() / dlon.cos()).atan().to_degrees()
        } else {
            // More than 90° away: the nearest point is a pole-ward end.
            if p.lat >= 0.0 {
                90.0
            } else {
                -90.0
            }
        };
        haversine_km(
            p,
            LatLon {
                lat: foot.clamp(b.min_lat, b.max_lat),
                lon,
            },
        )
    };
    // A hair less, so rounding never makes the bound exceed a true distance.
    (edge(b.min_lon).min(edge(b.max_lon)) * (1.0 - 1e-9) - 1e-9).max(0.0)
}

/// "The k nearest offices to a point", one tile at a time: fetch [`Nearest::next_tile`],
/// report its offices' locations with [`Nearest::add`], repeat until `next_tile` is `None`.
/// Starts from the tile containing the point (its distance is 0) and widens in order of the
/// tiles' distance; stops when the k-th nearest office found is no farther than every
/// unfetched tile's nearest point, so the offices of the fetched tiles contain the k nearest.
#[derive(Clone, Debug)]
pub struct Nearest {
    k: usize,
    point: LatLon,
    /// Leaf indices by lower-bound distance, ascending.
    order: Vec<(f64, usize)>,
    next: usize,
    /// The k smallest distances found so far, ascending.
    best: Vec<f64>,
}

impl Nearest {
    /// A search for the `k` nearest offices to `p`; nothing to fetch for an invalid point or k = 0.
    pub fn new(tree: &TileTree, p: LatLon, k: usize) -> Nearest {
        let mut order: Vec<(f64, usize)> = if p.is_valid() && k > 0 {
            tree.leaves
                .iter()
                .enumerate()
                .map(|(i, l)| (box_min_km(p, &l.bbox), i))
                .collect()
        } else {
            Vec::new()
        };
        order.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        Nearest {
            k,
            point: p,
            order,
            next: 0,
            best: Vec::new(),
        }
    }

    /// The next tile to fetch, or `None` when the fetched tiles hold the k nearest offices.
    pub fn next_tile<'t>(&mut self, tree: &'t TileTree) -> Option<&'t Leaf> {
        let &(bound, i) = self.order.get(self.next)?;
        if self.best.len() >= self.k && self.best.last().is_some_and(|&kth| kth <= bound) {
            return None;
        }
        self.next += 1;
        tree.leaves.get(i)
    }

    /// Reports the locations of the offices of the tile last returned by `next_tile`.
    pub fn add(&mut self, locations: impl IntoIterator<Item = LatLon>) {
        for loc in locations {
            let d = haversine_km(self.point, loc);
            if d.is_nan() {
                continue;
            }
            if self.best.len() < self.k || self.best.last().is_some_and(|&kth| d < kth) {
                let at = self.best.partition_point(|&x| x <= d);
                self.best.insert(at, d);
                self.best.truncate(self.k);
            }
        }
    }

    /// Distance of the k-th nearest office found so far, if k have been found.
    pub fn kth_km(&self) -> Option<f64> {
        (self.best.len() >= self.k)
            .then(|| self.best.last().copied())
            .flatten()
    }
}

/// The tiles to fetch for the `k` nearest offices to `p`, in fetch order, with a synchronous
/// `locations_of(tile)` (a test, or a client that already has the tiles).
pub fn nearest_tiles<I: IntoIterator<Item = LatLon>>(
    tree: &TileTree,
    p: LatLon,
    k: usize,
    mut locations_of: impl FnMut(&Leaf) -> I,
) -> Vec<String> {
    let mut search = Nearest::new(tree, p, k);
    let mut out = Vec::new();
    while let Some(leaf) = search.next_tile(tree) {
        out.push(leaf.id.clone());
        search.add(locations_of(leaf));
    }
    out
}

// ---------------------------------------------------------------------------------------
// Text

/// The chunk (index into `manifest.chunks`) whose term range holds `term`, if any.
pub fn chunk_for_term(manifest: &TermManifest, term: &str) -> Option<usize> {
    let i = manifest
        .chunks
        .partition_point(|[_, last]| last.as_str() < term);
    manifest
        .chunks
        .get(i)
        .filter(|[first, _]| first.as_str() <= term)
        .map(|_| i)
}

/// The chunks that may hold terms starting with `prefix` (a contiguous range, usually one or
/// two chunks); all chunks for an empty prefix.
pub fn chunks_for_prefix(manifest: &TermManifest, prefix: &str) -> Range<usize> {
    let start = manifest
        .chunks
        .partition_point(|[_, last]| last.as_str() < prefix);
    // A chunk starting after every extension of `prefix` ends the range.
    let end = start
        + manifest.chunks[start..]
            .iter()
            .take_while(|[first, _]| first.as_str() <= prefix || first.starts_with(prefix))
            .count();
    start..end
}

/// Encodes sorted, distinct ordinals as runs `[gap, length, …]` (see `TermEntry::o`).
pub fn encode_runs(sorted: &[u32]) -> Vec<u32> {
    let mut out = Vec::new();
    let mut end = 0u32; // exclusive end of the previous run
    let mut i = 0;
    while let Some(&start) = sorted.get(i) {
        let mut len = 1u32;
        while sorted.get(i + len as usize) == Some(&(start + len)) {
            len += 1;
        }
        out.push(start.saturating_sub(end));
        out.push(len);
        end = start + len;
        i += len as usize;
    }
    out
}

/// Decodes runs `[gap, length, …]` into sorted ordinals (a trailing odd number is ignored).
pub fn decode_runs(runs: &[u32]) -> Vec<u32> {
    let mut out = Vec::new();
    let mut end = 0u32;
    for pair in runs.chunks_exact(2) {
        let start = end.saturating_add(pair[0]);
        end = start.saturating_add(pair[1]);
        out.extend(start..end);
    }
    out
}

/// The ordinals in both sorted lists.
pub fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
        match x.cmp(&y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(x);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// `(page, position in page)` of an office ordinal's card.
pub fn card_slot(ordinal: u32, page_size: u32) -> (u32, usize) {
    match ordinal.checked_div(page_size) {
        Some(page) => (page, (ordinal % page_size) as usize),
        None => (0, ordinal as usize),
    }
}

// ---------------------------------------------------------------------------------------
// Summary

/// Adds one to the count of `key`.
fn bump<K: Ord>(map: &mut BTreeMap<K, u32>, key: K) {
    let n = map.entry(key).or_insert(0);
    *n = n.saturating_add(1);
}

/// Sorted `[date, count]` pairs.
fn date_counts(dates: impl IntoIterator<Item = NaiveDate>) -> Vec<DateCount> {
    let mut map = BTreeMap::new();
    dates.into_iter().for_each(|d| bump(&mut map, d));
    map.into_iter().collect()
}

/// One province's entry of `index/summary.json`, from its full documents (records of other
/// provinces are left out, as `coverage::province_stats` does).
pub fn summarise<'a>(
    province_id: &str,
    offices: impl IntoIterator<Item = &'a Office>,
    licences: impl IntoIterator<Item = &'a Licence>,
) -> ProvinceSummary {
    let mut offices_by_kind = BTreeMap::new();
    let mut open_offices = 0u32;
    for o in offices.into_iter().filter(|o| o.province_id == province_id) {
        bump(&mut offices_by_kind, o.kind.clone());
        if o.status == OfficeStatus::Open {
            open_offices = open_offices.saturating_add(1);
        }
    }
    let mine: Vec<&Licence> = licences
        .into_iter()
        .filter(|l| l.province_id == province_id)
        .collect();
    let mut licences_by_status = BTreeMap::new();
    mine.iter()
        .for_each(|l| bump(&mut licences_by_status, l.status.clone()));
    let active = || mine.iter().filter(|l| l.status == LicenceStatus::Active);
    ProvinceSummary {
        province_id: province_id.to_string(),
        offices_by_kind,
        open_offices,
        licences_by_status,
        never_activated: date_counts(
            mine.iter()
                .filter(|l| l.status == LicenceStatus::Issued && l.activated_on.is_none())
                .map(|l| l.issued_on),
        ),
        active_expiry: date_counts(active().map(|l| l.expires_on)),
        active_last_activity: date_counts(
            active().map(|l| l.last_activity_on.or(l.activated_on).unwrap_or(l.issued_on)),
        ),
    }
}

/// Sum of the counts of the dates for which `keep` holds.
fn count_dates(dates: &[DateCount], keep: impl Fn(NaiveDate) -> bool) -> u32 {
    dates
        .iter()
        .filter(|(d, _)| keep(*d))
        .fold(0u32, |n, (_, c)| n.saturating_add(*c))
}

/// Sum of a map's counts.
fn sum_counts<K>(map: &BTreeMap<K, u32>) -> u32 {
    map.values().fold(0u32, |n, c| n.saturating_add(*c))
}

/// The same `ProvinceStats` as `coverage::province_stats` over the province's full
/// documents, for any `today` and dormancy threshold, from its summary entry.
pub fn summary_stats(
    summary: &ProvinceSummary,
    province: &Province,
    today: NaiveDate,
    dormant_after_days: u32,
) -> ProvinceStats {
    let counts = ProvinceStats {
        province_id: province.id.clone(),
        population: province.population,
        offices_by_kind: summary.offices_by_kind.clone(),
        offices_total: sum_counts(&summary.offices_by_kind),
        open_offices: summary.open_offices,
        open_per_100k: 0.0,
        licences_total: sum_counts(&summary.licences_by_status),
        licences_by_status: summary.licences_by_status.clone(),
        dormant: count_dates(&summary.never_activated, |issued| {
            today.signed_duration_since(issued).num_days() > i64::from(dormant_after_days)
        }),
        revoked: summary
            .licences_by_status
            .get(&LicenceStatus::Revoked)
            .copied()
            .unwrap_or(0),
        pishkhan_share: 0.0,
    };
    // The rates and the zero-filled maps come from `coverage`'s own arithmetic: the
    // "national" total of this one province is the province.
    let mut stats = coverage::national_totals(std::slice::from_ref(&counts));
    stats.province_id = counts.province_id;
    stats
}

/// Active licences expiring within `licence_flags::EXPIRING_WITHIN_DAYS` (as
/// `licence_flags::is_expiring` counts them).
pub fn summary_expiring(summary: &ProvinceSummary, today: NaiveDate) -> u32 {
    count_dates(&summary.active_expiry, |expires| {
        (0..=EXPIRING_WITHIN_DAYS).contains(&expires.signed_duration_since(today).num_days())
    })
}

/// Active licences without activity for more than `licence_flags::STALE_AFTER_DAYS` (as
/// `licence_flags::is_stale` counts them).
pub fn summary_stale(summary: &ProvinceSummary, today: NaiveDate) -> u32 {
    count_dates(&summary.active_last_activity, |since| {
        today.signed_duration_since(since).num_days() > STALE_AFTER_DAYS
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::licence_flags;
    use crate::model::{LicenceKind, OfficeKind};

    fn ll(lat: f64, lon: f64) -> LatLon {
        LatLon { lat, lon }
    }

    fn manifest(tree: &str) -> TileManifest {
        TileManifest {
            generated_at: chrono::DateTime::UNIX_EPOCH,
            bbox: BBox {
                min_lat: 30.0,
                min_lon: 50.0,
                max_lat: 34.0,
                max_lon: 54.0,
            },
            max_per_tile: 2,
            max_depth: MAX_TILE_DEPTH,
            tree: tree.into(),
        }
    }

    #[test]
    fn fnv1a_known_values() {
        // Reference values of 32-bit FNV-1a.
        assert_eq!(fnv1a(""), 0x811c_9dc5);
        assert_eq!(fnv1a("a"), 0xe40c_292c);
        assert_eq!(fnv1a("foobar"), 0xbf9c_f968);
        assert_eq!(shard_of("foobar", 16), 0xbf9c_f968 % 16);
        assert_eq!(shard_of("x", 0), 0);
        assert_eq!(fill("index/ids/{}.json", 7), "index/ids/7.json");
    }

    #[test]
    fn tokens_fold_variants_alike() {
        assert_eq!(
            tokens("دفتر پیشخوان كرج ۱۲"),
            ["دفتر", "پیشخوان", "کرج", "12"]
        );
        assert_eq!(tokens("كرج"), tokens("کرج"));
        assert_eq!(tokens("a b Karaj KARAJ"), ["karaj"]);
        assert!(tokens(" ، ").is_empty());
        assert_eq!(name_tokens("اسلام‌شهر"), ["اسلام", "شهر", "اسلامشهر"]);
        assert_eq!(name_tokens("کرج"), ["کرج"]);
    }

    #[test]
    fn usable_needs_same_version_and_format() {
        let info = IndexInfo {
            format: INDEX_FORMAT,
            dataset_version: "v1".into(),
            places: String::new(),
            summary: String::new(),
            tiles: String::new(),
            tile: String::new(),
            ids: crate::model::Sharding {
                path: String::new(),
                shards: 1,
            },
            codes: crate::model::Sharding {
                path: String::new(),
                shards: 1,
            },
            terms: String::new(),
            term_chunk: String::new(),
            cards: crate::model::CardPaging {
                path: String::new(),
                page_size: 1,
                pages: 1,
                offices: 1,
            },
            licences: None,
            population: None,
        };
        let mut meta = Meta {
            schema_version: 1,
            dataset_version: "v1".into(),
            generated_at: chrono::DateTime::UNIX_EPOCH,
            provinces: Vec::new(),
            closures: Vec::new(),
            source: None,
            index: None,
            index_json: None,
        };
        assert!(usable(&meta).is_none());
        meta.index = Some(info.clone());
        assert!(usable(&meta).is_some());
        meta.dataset_version = "v2".into();
        assert!(usable(&meta).is_none(), "stale index");
        meta.dataset_version = "v1".into();
        meta.index = Some(IndexInfo { format: 2, ..info });
        assert!(usable(&meta).is_none(), "unknown format");
    }

    #[test]
    fn licence_shard_path_hashes_the_number() -> Result<(), serde_json::Error> {
        // An index from before the licence look-up decodes, without one.
        let old = r#"{"format":1,"dataset_version":"v1","places":"p","summary":"s",
            "tiles":"t","tile":"t/{}","ids":{"path":"i/{}","shards":4},
            "codes":{"path":"c/{}","shards":4},"terms":"x","term_chunk":"x/{}",
            "cards":{"path":"k/{}","page_size":1,"pages":1,"offices":1}}"#;
        let mut info: IndexInfo = serde_json::from_str(old)?;
        assert_eq!(info.licences, None);
        assert_eq!(licence_shard_path(&info, "foobar"), None);
        // Not written back either: the old text is what an old builder wrote.
        assert!(!serde_json::to_string(&info)?.contains("licences"));
        info.licences = Some(crate::model::Sharding {
            path: "index/licences/{}.json".into(),
            shards: 16,
        });
        let expected = format!("index/licences/{}.json", 0xbf9c_f968_u32 % 16);
        assert_eq!(licence_shard_path(&info, "foobar"), Some(expected));
        let round: IndexInfo = serde_json::from_str(&serde_json::to_string(&info)?)?;
        assert_eq!(round, info);
        if let Some(s) = info.licences.as_mut() {
            s.shards = 0;
        }
        assert_eq!(licence_shard_path(&info, "foobar"), None);
        Ok(())
    }

    #[test]
    fn tree_parses_and_finds_leaves() -> Result<(), String> {
        // Root split; quadrant 0 split again (0: a leaf, 1: empty, 2 and 3 leaves); 1 leaf;
        // 2 empty; 3 leaf.
        let tree = TileTree::parse(&manifest("xx*.***.*"))?;
        let ids: Vec<&str> = tree.leaves().iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, ["t00", "t02", "t03", "t1", "t3"]);
        assert!(tree.leaf("t03").is_some() && tree.leaf("t01").is_none());
        assert_eq!(
            tree.leaf("t00").map(|l| l.bbox),
            Some(BBox {
                min_lat: 30.0,
                min_lon: 50.0,
                max_lat: 31.0,
                max_lon: 51.0
            })
        );
        assert_eq!(
            tree.leaf_at(ll(30.5, 50.5)).map(|l| l.id.as_str()),
            Some("t00")
        );
        assert_eq!(tree.leaf_at(ll(30.5, 51.5)), None, "empty leaf t01");
        assert_eq!(
            tree.leaf_at(ll(31.5, 51.5)).map(|l| l.id.as_str()),
            Some("t03")
        );
        assert_eq!(
            tree.leaf_at(ll(33.0, 53.0)).map(|l| l.id.as_str()),
            Some("t3")
        );
        assert_eq!(tree.leaf_at(ll(33.0, 51.0)), None, "empty t2");
        assert_eq!(tree.leaf_at(ll(29.0, 51.0)), None, "outside");
        // Middle lines belong to the north/east side.
        assert_eq!(
            tree.leaf_at(ll(32.0, 52.0)).map(|l| l.id.as_str()),
            Some("t3")
        );
        for bad in ["x**", "x****.", "*x", "q", ""] {
            assert!(TileTree::parse(&manifest(bad)).is_err(), "{bad:?}");
        }
        Ok(())
    }

    #[test]
    fn box_distance_is_a_lower_bound() {
        let b = BBox {
            min_lat: 35.0,
            min_lon: 51.0,
            max_lat: 36.0,
            max_lon: 52.0,
        };
        assert_eq!(box_min_km(ll(35.5, 51.5), &b), 0.0);
        let north = box_min_km(ll(37.0, 51.5), &b);
        assert!((north - 111.195).abs() < 0.01, "{north}");
        // Far west at the box's latitude: the true nearest point is pole-ward of the
        // clamped one, so the bound is below the clamped distance.
        let p = ll(35.5, 30.0);
        let clamped = haversine_km(p, ll(35.5, 51.0));
        assert!(box_min_km(p, &b) < clamped);
        // No point on the edges is nearer than the bound.
        for i in 0..=100 {
            let t = f64::from(i) / 100.0;
            for q in [
                ll(35.0 + t, 51.0),
                ll(35.0 + t, 52.0),
                ll(35.0, 51.0 + t),
                ll(36.0, 51.0 + t),
            ] {
                for p in [
                    ll(35.5, 30.0),
                    ll(10.0, 70.0),
                    ll(-20.0, 51.2),
                    ll(60.0, 140.0),
                ] {
                    assert!(
                        box_min_km(p, &b) <= haversine_km(p, q) + 1e-9,
                        "{p:?} {q:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn nearest_expands_until_the_kth_is_closer_than_the_rest() -> Result<(), String> {
        // Four leaves, two offices each.
        let tree = TileTree::parse(&manifest("x****"))?;
        let offices = |leaf: &Leaf| -> Vec<LatLon> {
            let b = leaf.bbox;
            vec![
                ll(b.min_lat + 0.1, b.min_lon + 0.1),
                ll(b.max_lat - 0.1, b.max_lon - 0.1),
            ]
        };
        // k = 1 deep inside t0: its own tile suffices.
        let near_corner = ll(30.2, 50.2);
        assert_eq!(nearest_tiles(&tree, near_corner, 1, offices), ["t0"]);
        // k = 3 needs more than one tile.
        let got = nearest_tiles(&tree, near_corner, 3, offices);
        assert_eq!(got.first().map(String::as_str), Some("t0"));
        assert!(got.len() >= 2);
        // More than there are: everything.
        assert_eq!(nearest_tiles(&tree, near_corner, 100, offices).len(), 4);
        assert!(nearest_tiles(&tree, ll(f64::NAN, 1.0), 3, offices).is_empty());
        assert!(nearest_tiles(&tree, near_corner, 0, offices).is_empty());
        // Radius search.
        let within: Vec<&str> = tree
            .within(ll(31.0, 51.0), 1.0)
            .iter()
            .map(|l| l.id.as_str())
            .collect();
        assert_eq!(within, ["t0"]);
        assert_eq!(tree.within(ll(32.0, 52.0), 0.0).len(), 4, "on the corner");
        assert!(tree.within(ll(32.0, 52.0), -1.0).is_empty());
        Ok(())
    }

    fn terms(chunks: &[(&str, &str)]) -> TermManifest {
        TermManifest {
            generated_at: chrono::DateTime::UNIX_EPOCH,
            chunks: chunks
                .iter()
                .map(|(a, b)| [a.to_string(), b.to_string()])
                .collect(),
            common_after: 10,
        }
    }

    #[test]
    fn term_chunks_for_words_and_prefixes() {
        let m = terms(&[("aa", "ka"), ("kab", "kar"), ("karaj", "kz"), ("la", "zz")]);
        assert_eq!(chunk_for_term(&m, "aa"), Some(0));
        assert_eq!(chunk_for_term(&m, "ba"), Some(0));
        assert_eq!(chunk_for_term(&m, "kaa"), None, "between chunks");
        assert_eq!(chunk_for_term(&m, "kar"), Some(1));
        assert_eq!(chunk_for_term(&m, "karaj"), Some(2));
        assert_eq!(chunk_for_term(&m, "kzz"), None, "between chunks");
        assert_eq!(chunk_for_term(&m, "a"), None);
        assert_eq!(chunk_for_term(&m, "zzz"), None);
        assert_eq!(chunks_for_prefix(&m, "kar"), 1..3);
        assert_eq!(chunks_for_prefix(&m, "ka"), 0..3);
        assert_eq!(chunks_for_prefix(&m, "karaj"), 2..3);
        assert_eq!(chunks_for_prefix(&m, "m"), 3..4);
        assert_eq!(chunks_for_prefix(&m, ""), 0..4);
        assert_eq!(chunks_for_prefix(&m, "zzz"), 4..4);
        assert_eq!(chunks_for_prefix(&m, "kza"), 3..3);
        assert_eq!(chunks_for_prefix(&m, "kz"), 2..3);
    }

    #[test]
    fn runs_round_trip() {
        for list in [
            vec![],
            vec![0],
            vec![5],
            vec![0, 1, 2, 7, 8, 20],
            vec![3, 4, 5, 6],
        ] {
            assert_eq!(decode_runs(&encode_runs(&list)), list, "{list:?}");
        }
        assert_eq!(encode_runs(&[0, 1, 2, 7, 8, 20]), [0, 3, 4, 2, 11, 1]);
        assert_eq!(intersect(&[1, 3, 5, 7], &[2, 3, 7, 9]), [3, 7]);
        assert_eq!(card_slot(300, 128), (2, 44));
        assert_eq!(card_slot(3, 0), (0, 3));
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    fn licence(status: LicenceStatus, issued: NaiveDate, activated: Option<NaiveDate>) -> Licence {
        Licence {
            number: "1".into(),
            province_id: "IR-30".into(),
            holder_fa: String::new(),
            holder_en: None,
            office_id: None,
            kind: LicenceKind::Pishkhan,
            city_fa: String::new(),
            issued_on: issued,
            activated_on: activated,
            expires_on: d(2026, 2, 1),
            status,
            last_activity_on: None,
            history: Vec::new(),
            inspections: Vec::new(),
        }
    }

    fn office(kind: OfficeKind, status: OfficeStatus, province: &str) -> Office {
        Office {
            code: "1".into(),
            kind,
            status,
            ..Office::for_test("o", province)
        }
    }

    #[test]
    fn summary_gives_the_same_stats_for_any_day_and_threshold() {
        let province = Province {
            id: "IR-30".into(),
            name_fa: String::new(),
            name_en: String::new(),
            population: 250_000,
            centroid: ll(35.8, 51.0),
            bbox: None,
            office_count: 0,
            licence_count: 0,
        };
        let offices = vec![
            office(OfficeKind::Pishkhan, OfficeStatus::Open, "IR-30"),
            office(OfficeKind::RuralIct, OfficeStatus::Closed, "IR-30"),
            office(
                OfficeKind::Other("kiosk".into()),
                OfficeStatus::Open,
                "IR-30",
            ),
            office(OfficeKind::Pishkhan, OfficeStatus::Open, "IR-23"),
        ];
        let licences = vec![
            licence(LicenceStatus::Issued, d(2025, 1, 1), None),
            licence(LicenceStatus::Issued, d(2025, 6, 1), None),
            licence(LicenceStatus::Issued, d(2025, 6, 1), Some(d(2025, 7, 1))),
            licence(LicenceStatus::Active, d(2021, 2, 1), Some(d(2021, 3, 1))),
            licence(LicenceStatus::Revoked, d(2020, 1, 1), None),
            licence(LicenceStatus::Other("frozen".into()), d(2020, 1, 1), None),
        ];
        let summary = summarise("IR-30", &offices, &licences);
        for today in [d(2025, 6, 1), d(2025, 12, 1), d(2026, 1, 15), d(2027, 1, 1)] {
            for threshold in [0, 30, 180, 365, 10_000] {
                assert_eq!(
                    summary_stats(&summary, &province, today, threshold),
                    coverage::province_stats(&province, &offices, &licences, today, threshold),
                    "{today} {threshold}"
                );
            }
            let count = |f: fn(&Licence, NaiveDate) -> bool| {
                licences.iter().filter(|l| f(l, today)).count() as u32
            };
            assert_eq!(
                summary_expiring(&summary, today),
                count(licence_flags::is_expiring)
            );
            assert_eq!(
                summary_stale(&summary, today),
                count(licence_flags::is_stale)
            );
        }
    }
}
