//! "What changed since my last visit": a compact snapshot of a watched province (licence number
//! → status, office id → open or not) and the difference between two snapshots.
//!
//! Bounds, so the device's storage never grows without limit: at most [`MAX_WATCHED`]
//! provinces are watched, and a province with more than [`MAX_ENTRIES`] licences and offices
//! together is not snapshotted ([`SnapshotError::TooLarge`]). A snapshot is about 25 bytes
//! an entry, so the worst case is about 5 × 10,000 × 25 B ≈ 1.25 MB.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::licence_flags;
use crate::i18n::Locale;
use crate::model::{Licence, LicenceStatus, Office, OfficeStatus};

/// How many provinces one device watches at most.
pub const MAX_WATCHED: usize = 5;
/// How many licences and offices together one province's snapshot holds at most.
pub const MAX_ENTRIES: usize = 10_000;
/// The snapshot format's version; another version is unreadable (and replaced after the next
/// successful read).
pub const VERSION: u32 = 1;

/// One province as seen on one visit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// [`VERSION`].
    pub v: u32,
    /// The day (in Iran) it was taken.
    pub taken_on: NaiveDate,
    /// Licence number → one-letter status ([`licence_code`]).
    pub licences: BTreeMap<String, char>,
    /// Office id → whether it was open.
    pub offices: BTreeMap<String, bool>,
}

/// Why a snapshot cannot be taken or read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SnapshotError {
    /// More than [`MAX_ENTRIES`] licences and offices.
    TooLarge,
    /// The stored text is not a snapshot of this version.
    Unreadable,
}

/// A licence's state in one letter: `d` dormant, `i` issued (not yet dormant), `a` active,
/// `s` suspended, `r` revoked, `e` expired, `o` any other status.
pub fn licence_code(licence: &Licence, today: NaiveDate, dormant_after_days: u32) -> char {
    match licence.status {
        LicenceStatus::Issued if licence_flags::is_dormant(licence, today, dormant_after_days) => {
            'd'
        }
        LicenceStatus::Issued => 'i',
        LicenceStatus::Active => 'a',
        LicenceStatus::Suspended => 's',
        LicenceStatus::Revoked => 'r',
        LicenceStatus::Expired => 'e',
        LicenceStatus::Other(_) => 'o',
    }
}

/// The snapshot of a province's documents.
pub fn snapshot(
    licences: &[Licence],
    offices: &[Office],
    today: NaiveDate,
    dormant_after_days: u32,
) -> Result<Snapshot, SnapshotError> {
    if licences.len().saturating_add(offices.len()) > MAX_ENTRIES {
        return Err(SnapshotError::TooLarge);
    }
    Ok(Snapshot {
        v: VERSION,
        taken_on: today,
        licences: licences
            .iter()
            .map(|l| (l.number.clone(), licence_code(l, today, dormant_after_days)))
            .collect(),
        offices: offices
            .iter()
            .map(|o| (o.id.clone(), o.status == OfficeStatus::Open))
            .collect(),
    })
}

/// Reads a stored snapshot; anything else (not JSON, another version, too many entries) is
/// [`SnapshotError::Unreadable`].
pub fn decode(raw: &str) -> Result<Snapshot, SnapshotError> {
    let s: Snapshot = serde_json::from_str(raw).map_err(|_| SnapshotError::Unreadable)?;
    let ok = s.v == VERSION && s.licences.len().saturating_add(s.offices.len()) <= MAX_ENTRIES;
    ok.then_some(s).ok_or(SnapshotError::Unreadable)
}

/// The watched provinces as stored: ids of the form `IR-nn`, no duplicates, at most
/// [`MAX_WATCHED`] (the first ones kept); anything unreadable is an empty list.
pub fn decode_watched(raw: &str) -> Vec<String> {
    let list: Vec<String> = serde_json::from_str(raw).unwrap_or_default();
    let mut out: Vec<String> = Vec::new();
    for id in list {
        let valid = id
            .strip_prefix("IR-")
            .is_some_and(|n| n.len() == 2 && n.bytes().all(|b| b.is_ascii_digit()));
        if valid && !out.contains(&id) && out.len() < MAX_WATCHED {
            out.push(id);
        }
    }
    out
}

/// What happened to a licence or an office between two visits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChangeKind {
    /// A licence number not seen before.
    NewLicence,
    /// An issued licence passed the dormancy threshold.
    NewlyDormant,
    /// A licence became active (from issued, dormant or suspended).
    Activated,
    /// A licence was suspended.
    Suspended,
    /// A licence was revoked.
    Revoked,
    /// A licence expired.
    Expired,
    /// An office opened (new and open, or open again).
    OfficeOpened,
    /// An office closed (temporarily or for good) or left the data.
    OfficeClosed,
}

impl ChangeKind {
    /// Every kind, in the order the changes are listed.
    pub const ALL: [ChangeKind; 8] = [
        ChangeKind::NewLicence,
        ChangeKind::NewlyDormant,
        ChangeKind::Activated,
        ChangeKind::Suspended,
        ChangeKind::Revoked,
        ChangeKind::Expired,
        ChangeKind::OfficeOpened,
        ChangeKind::OfficeClosed,
    ];

    /// A stable key for tests and attributes.
    pub fn key(self) -> &'static str {
        match self {
            ChangeKind::NewLicence => "new",
            ChangeKind::NewlyDormant => "dormant",
            ChangeKind::Activated => "activated",
            ChangeKind::Suspended => "suspended",
            ChangeKind::Revoked => "revoked",
            ChangeKind::Expired => "expired",
            ChangeKind::OfficeOpened => "opened",
            ChangeKind::OfficeClosed => "closed",
        }
    }

    /// The heading of the group.
    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            ChangeKind::NewLicence => locale.t("پروانهٔ تازه", "New licences"),
            ChangeKind::NewlyDormant => locale.t("تازه راکدشده", "Newly dormant"),
            ChangeKind::Activated => locale.t("فعال‌شده", "Activated"),
            ChangeKind::Suspended => locale.t("تعلیق‌شده", "Suspended"),
            ChangeKind::Revoked => locale.t("لغوشده", "Revoked"),
            ChangeKind::Expired => locale.t("منقضی‌شده", "Expired"),
            ChangeKind::OfficeOpened => locale.t("دفتر بازشده", "Offices opened"),
            ChangeKind::OfficeClosed => locale.t("دفتر بسته‌شده", "Offices closed"),
        }
    }

    /// Whether the record is an office (else a licence).
    pub fn is_office(self) -> bool {
        matches!(self, ChangeKind::OfficeOpened | ChangeKind::OfficeClosed)
    }
}

/// One change: what and which record (licence number or office id).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// What happened.
    pub kind: ChangeKind,
    /// The licence number or office id.
    pub id: String,
}

/// What changed from `old` to `new`, grouped by kind (in [`ChangeKind::ALL`] order), each
/// group by id. A licence whose status changed in another way (e.g. to an unknown status) or
/// that left the data is not listed.
pub fn diff(old: &Snapshot, new: &Snapshot) -> Vec<Change> {
    let mut out = Vec::new();
    for (number, &now) in &new.licences {
        let kind = match old.licences.get(number) {
            None => Some(ChangeKind::NewLicence),
            Some(&before) if before == now => None,
            Some(&before) => match now {
                'd' if before == 'i' => Some(ChangeKind::NewlyDormant),
                'a' => Some(ChangeKind::Activated),
                's' => Some(ChangeKind::Suspended),
                'r' => Some(ChangeKind::Revoked),
                'e' => Some(ChangeKind::Expired),
                _ => None,
            },
        };
        if let Some(kind) = kind {
            out.push(Change {
                kind,
                id: number.clone(),
            });
        }
    }
    for (id, &open) in &new.offices {
        let was_open = old.offices.get(id).copied().unwrap_or(false);
        if open && !was_open {
            out.push(Change {
                kind: ChangeKind::OfficeOpened,
                id: id.clone(),
            });
        } else if !open && was_open {
            out.push(Change {
                kind: ChangeKind::OfficeClosed,
                id: id.clone(),
            });
        }
    }
    for (id, &was_open) in &old.offices {
        if was_open && !new.offices.contains_key(id) {
            out.push(Change {
                kind: ChangeKind::OfficeClosed,
                id: id.clone(),
            });
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn snap(licences: &[(&str, char)], offices: &[(&str, bool)]) -> Snapshot {
        Snapshot {
            v: VERSION,
            taken_on: d(2026, 12, 1),
            licences: licences.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
            offices: offices.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        }
    }

    fn ids(changes: &[Change], kind: ChangeKind) -> Vec<&str> {
        changes
            .iter()
            .filter(|c| c.kind == kind)
            .map(|c| c.id.as_str())
            .collect()
    }

    #[test]
    fn the_diff_names_every_kind_of_change() {
        let old = snap(
            &[
                ("1", 'i'),
                ("2", 'i'),
                ("3", 'a'),
                ("4", 'a'),
                ("5", 'a'),
                ("6", 's'),
                ("7", 'a'),
                ("gone", 'a'),
            ],
            &[("o1", false), ("o2", true), ("o3", true), ("o4", true)],
        );
        let new = snap(
            &[
                ("1", 'd'),
                ("2", 'a'),
                ("3", 's'),
                ("4", 'r'),
                ("5", 'e'),
                ("6", 'a'),
                ("7", 'a'),
                ("9", 'i'),
            ],
            &[
                ("o1", true),
                ("o2", false),
                ("o3", true),
                ("o5", true),
                ("o6", false),
            ],
        );
        let c = diff(&old, &new);
        assert_eq!(ids(&c, ChangeKind::NewLicence), ["9"]);
        assert_eq!(ids(&c, ChangeKind::NewlyDormant), ["1"]);
        assert_eq!(ids(&c, ChangeKind::Activated), ["2", "6"]);
        assert_eq!(ids(&c, ChangeKind::Suspended), ["3"]);
        assert_eq!(ids(&c, ChangeKind::Revoked), ["4"]);
        assert_eq!(ids(&c, ChangeKind::Expired), ["5"]);
        // A new office that is not open is no change; one gone from the data closed.
        assert_eq!(ids(&c, ChangeKind::OfficeOpened), ["o1", "o5"]);
        assert_eq!(ids(&c, ChangeKind::OfficeClosed), ["o2", "o4"]);
        assert_eq!(c.len(), 11, "unchanged records are not listed: {c:?}");
        // Grouped in the listing order.
        let kinds: Vec<ChangeKind> = c.iter().map(|c| c.kind).collect();
        let mut sorted = kinds.clone();
        sorted.sort();
        assert_eq!(kinds, sorted);
        assert!(diff(&new, &new).is_empty());
    }

    #[test]
    fn dormant_is_only_news_once() {
        // Dormant again after being active is not "newly dormant" (it cannot be: the code
        // needs status issued), and dormant → dormant is no change.
        let c = diff(&snap(&[("1", 'd')], &[]), &snap(&[("1", 'd')], &[]));
        assert!(c.is_empty());
        let c = diff(&snap(&[("1", 'a')], &[]), &snap(&[("1", 'd')], &[]));
        assert!(
            c.is_empty(),
            "a change to an issued state is not one of the listed kinds"
        );
    }

    #[test]
    fn snapshots_are_bounded_and_checked_when_read() {
        let s = snap(&[("23-1", 'a')], &[("o1", true)]);
        let raw = serde_json::to_string(&s).expect("serialises");
        assert_eq!(decode(&raw), Ok(s.clone()));
        assert_eq!(decode("{not json"), Err(SnapshotError::Unreadable));
        let other = raw.replace("\"v\":1", "\"v\":2");
        assert_eq!(decode(&other), Err(SnapshotError::Unreadable));
        let too_many: Vec<(String, char)> =
            (0..=MAX_ENTRIES).map(|i| (i.to_string(), 'a')).collect();
        let big = Snapshot {
            licences: too_many.into_iter().collect(),
            ..s
        };
        let raw = serde_json::to_string(&big).expect("serialises");
        assert_eq!(decode(&raw), Err(SnapshotError::Unreadable));
        assert_eq!(
            snapshot(&[], &[], d(2026, 12, 1), 180).map(|s| s.licences.len()),
            Ok(0)
        );
    }

    #[test]
    fn the_watch_list_is_bounded_and_clean() {
        assert_eq!(
            decode_watched(
                r#"["IR-23","IR-23","tehran","IR-30","IR-1","IR-01","IR-02","IR-03","IR-04"]"#
            ),
            ["IR-23", "IR-30", "IR-01", "IR-02", "IR-03"]
        );
        assert!(decode_watched("nonsense").is_empty());
        assert!(decode_watched("{}").is_empty());
    }

    #[test]
    fn licence_codes_follow_status_and_dormancy() {
        let mut l: Licence = serde_json::from_value(serde_json::json!({
            "number": "23-1", "province_id": "IR-23", "holder_fa": "x", "kind": "pishkhan",
            "city_fa": "x", "issued_on": "2026-01-01", "expires_on": "2030-01-01", "status": "issued"
        }))
        .expect("test licence");
        let today = d(2026, 12, 1);
        assert_eq!(licence_code(&l, today, 180), 'd');
        assert_eq!(licence_code(&l, today, 365), 'i');
        l.status = LicenceStatus::Revoked;
        assert_eq!(licence_code(&l, today, 180), 'r');
        l.status = LicenceStatus::Other("frozen".into());
        assert_eq!(licence_code(&l, today, 180), 'o');
    }
}
