//! Offices saved on this device: the stored list's entries, read one by one so that one bad
//! entry costs only itself, and kept whole enough (the office's record) to show its page offline.
//!
//! The stored form (version 1) is a JSON list of `{province_id, id, name_fa, name_en, office?,
//! saved_at?}`. Entries saved before the record was kept have only the first four fields: they
//! still list and link. Nothing the user made is lost by reading and writing it back: an entry
//! this version cannot read is kept as it is, so are fields it does not know and a record it
//! cannot read; a value of a newer version (`{"version": 2, …}`) is never written over
//! ([`StoreError::Newer`]). Every change is applied to the list as stored at that moment
//! ([`with`], [`without`] on a fresh [`decode`]), so two tabs add to each other's list.
//! (`components::saved_offices` reads and writes it; this module has no storage.)

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::i18n::Locale;
use crate::model::dates::parse_datetime;
use crate::model::Office;
use crate::route::Route;

/// An office remembered on this device: its names to list it, its ids to link to it, and (when
/// saved by this version) its record to show its page when the API cannot deliver it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SavedOffice {
    /// Province id of the office (its page's first path segment).
    pub province_id: String,
    /// Office id.
    pub id: String,
    /// Persian name at the time it was saved.
    pub name_fa: String,
    /// English name at the time it was saved.
    pub name_en: String,
    /// The office's record as the API gave it when saved; `None` for entries saved before
    /// records were kept, and for a stored record that can no longer be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub office: Option<Office>,
    /// When the record was saved (the "saved copy from …" date).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub saved_at: Option<DateTime<Utc>>,
    /// Fields this version does not know (written by a newer one) and a stored `office` or
    /// `saved_at` it could not read: written back as they were.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl SavedOffice {
    /// The entry for an office saved at `saved_at`, with its record.
    pub fn of(office: &Office, saved_at: DateTime<Utc>) -> SavedOffice {
        SavedOffice {
            province_id: office.province_id.clone(),
            id: office.id.clone(),
            name_fa: office.name_fa.clone(),
            name_en: office.name_en.clone(),
            office: Some(office.clone()),
            saved_at: Some(saved_at),
            extra: Map::new(),
        }
    }

    /// Whether this is the entry of the office `id` of province `province_id`.
    pub fn is(&self, province_id: &str, id: &str) -> bool {
        self.province_id == province_id && self.id == id
    }

    /// The office's name as it was saved.
    pub fn name(&self, locale: Locale) -> &str {
        locale.t(&self.name_fa, &self.name_en)
    }

    /// The office's page.
    pub fn route(&self) -> Route {
        Route::office(&self.province_id, &self.id)
    }
}

/// One stored entry as written; the record and the date are read separately, so that an
/// unreadable record costs only the offline copy, not the entry.
#[derive(Deserialize)]
struct StoredEntry<'a> {
    province_id: String,
    id: String,
    name_fa: String,
    name_en: String,
    #[serde(default, borrow)]
    office: Option<&'a RawValue>,
    #[serde(default, borrow)]
    saved_at: Option<&'a RawValue>,
}

/// The stored list, read entry by entry.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SavedList {
    /// The readable entries, in stored order.
    pub offices: Vec<SavedOffice>,
    /// Entries that could not be read at all, kept as they are (written back after the others).
    pub kept: Vec<Value>,
    /// How many entries could not be read (`kept.len()`).
    pub unreadable: usize,
    /// Entries listed without their record, because the stored record could not be read or is
    /// not this office's (the record itself is kept in `extra`).
    pub records_dropped: usize,
}

/// Why the stored value is not read as a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// Written by a newer version of the app (`{"version": n, …}` with n > 1): left untouched,
    /// never written over (a rollback must not wipe it).
    Newer(u64),
    /// Not a list at all (not JSON, or another shape): left untouched too.
    Unreadable,
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Newer(version) => write!(f, "written by a newer app (version {version})"),
            StoreError::Unreadable => f.write_str("not a list of offices"),
        }
    }
}

/// The stored format's version this app writes (a bare list).
pub const VERSION: u64 = 1;

const KNOWN: [&str; 6] = [
    "province_id",
    "id",
    "name_fa",
    "name_en",
    "office",
    "saved_at",
];

/// Reads the stored list. An entry that is not an entry is kept aside and counted; a record
/// that does not decode, fails the contract's validation or names another office is not used
/// (the entry stays, and so does the record as stored) and counted.
pub fn decode(raw: &str) -> Result<SavedList, StoreError> {
    let value: Value = serde_json::from_str(raw).map_err(|_| StoreError::Unreadable)?;
    let entries = match value {
        Value::Array(entries) => entries,
        Value::Object(o) => {
            return Err(match o.get("version").and_then(Value::as_u64) {
                Some(v) if v > VERSION => StoreError::Newer(v),
                _ => StoreError::Unreadable,
            })
        }
        _ => return Err(StoreError::Unreadable),
    };
    let mut list = SavedList::default();
    for entry in entries {
        let text = entry.to_string();
        let parsed = serde_json::from_str::<StoredEntry>(&text);
        let (Ok(e), Value::Object(fields)) = (parsed, &entry) else {
            list.unreadable += 1;
            list.kept.push(entry);
            continue;
        };
        let mut extra: Map<String, Value> = fields
            .iter()
            .filter(|(k, _)| !KNOWN.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let office = e.office.and_then(|r| {
            let record = serde_json::from_str::<Office>(r.get()).ok();
            let own = record
                .filter(|o| o.id == e.id && o.province_id == e.province_id && o.validate().is_ok());
            if own.is_none() {
                list.records_dropped += 1;
                if let Some(v) = fields.get("office").filter(|v| !v.is_null()) {
                    extra.insert("office".into(), v.clone());
                }
            }
            own
        });
        let saved_at = e
            .saved_at
            .and_then(|r| serde_json::from_str::<String>(r.get()).ok())
            .and_then(|s| parse_datetime(&s));
        if saved_at.is_none() {
            if let Some(v) = fields.get("saved_at").filter(|v| !v.is_null()) {
                extra.insert("saved_at".into(), v.clone());
            }
        }
        list.offices.push(SavedOffice {
            province_id: e.province_id,
            id: e.id,
            name_fa: e.name_fa,
            name_en: e.name_en,
            office,
            saved_at,
            extra,
        });
    }
    Ok(list)
}

/// The stored form of `offices` with the entries `kept` from the stored list after them.
pub fn encode(offices: &[SavedOffice], kept: &[Value]) -> String {
    let mut all: Vec<Value> = offices
        .iter()
        .filter_map(|o| serde_json::to_value(o).ok())
        .collect();
    all.extend(kept.iter().cloned());
    Value::Array(all).to_string()
}

/// The stored value after `change` is applied to the list as stored now (`stored`: the raw
/// value, `None` when there is none): the new stored text and the new list. `Err` when the
/// stored value must not be written over.
pub fn apply(
    stored: Option<&str>,
    change: impl FnOnce(&[SavedOffice]) -> Vec<SavedOffice>,
) -> Result<(String, Vec<SavedOffice>), StoreError> {
    let current = match stored {
        None => SavedList::default(),
        Some(raw) => decode(raw)?,
    };
    let next = change(&current.offices);
    Ok((encode(&next, &current.kept), next))
}

/// The list with `entry` in it: an entry of the same office is replaced where it stands, a new
/// one goes at the end.
pub fn with(list: &[SavedOffice], entry: SavedOffice) -> Vec<SavedOffice> {
    let mut next = list.to_vec();
    match next
        .iter_mut()
        .find(|s| s.is(&entry.province_id, &entry.id))
    {
        Some(slot) => {
            // What the old entry carried that this version does not know stays with it.
            let mut entry = entry;
            for (k, v) in &slot.extra {
                let replaced = (k == "office" && entry.office.is_some())
                    || (k == "saved_at" && entry.saved_at.is_some());
                if !replaced && !entry.extra.contains_key(k) {
                    entry.extra.insert(k.clone(), v.clone());
                }
            }
            *slot = entry;
        }
        None => next.push(entry),
    }
    next
}

/// The list without the office `id` of province `province_id`.
pub fn without(list: &[SavedOffice], province_id: &str, id: &str) -> Vec<SavedOffice> {
    list.iter()
        .filter(|s| !s.is(province_id, id))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const RECORD: &str = r#"{
        "id": "IR-23-00001", "code": "10001", "kind": "pishkhan",
        "name_fa": "دفتر یک", "name_en": "Office One", "province_id": "IR-23",
        "city_fa": "تهران", "city_en": "Tehran", "address_fa": "خیابان آزادی، پلاک ۱",
        "postal_code": "1234567890", "location": {"lat": 35.7, "lon": 51.4},
        "phone": "021-8812 3456",
        "hours": {"sat": [{"open": "08:00", "close": "16:00"}], "fri": []},
        "closures": [{"from": "2026-12-06", "to": "2026-12-07", "reason_fa": "آلودگی هوا"}],
        "services": ["smart-id-card"], "licence_number": "23-0001-000001",
        "status": "open", "accessibility": {"wheelchair": true}, "updated_at": "2026-11-01"
    }"#;

    fn record() -> Office {
        serde_json::from_str(RECORD).unwrap()
    }

    fn saved_at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 7, 30, 15).unwrap()
    }

    #[test]
    fn a_saved_entry_keeps_the_record_and_the_date_across_a_write_and_a_read() {
        let entry = SavedOffice::of(&record(), saved_at());
        let raw = serde_json::to_string(&vec![entry.clone()]).unwrap();
        let list = decode(&raw).unwrap();
        assert_eq!(list.offices, vec![entry]);
        assert_eq!((list.unreadable, list.records_dropped), (0, 0));
        let office = list.offices[0].office.as_ref().unwrap();
        assert_eq!(office.phone.as_deref(), Some("021-8812 3456"));
        assert_eq!(office.closures.len(), 1);
    }

    #[test]
    fn an_entry_saved_before_records_were_kept_still_lists_and_links() {
        let raw = r#"[{"province_id":"IR-23","id":"IR-23-00001","name_fa":"دفتر یک","name_en":"Office One"}]"#;
        let list = decode(raw).unwrap();
        let entry = &list.offices[0];
        assert_eq!(entry.office, None);
        assert_eq!(entry.saved_at, None);
        assert_eq!(entry.name(Locale::En), "Office One");
        assert_eq!(entry.route(), Route::office("IR-23", "IR-23-00001"));
        assert_eq!((list.unreadable, list.records_dropped), (0, 0));
        // Written back, it is the old shape: no `office`, no `saved_at` keys.
        assert_eq!(serde_json::to_string(&list.offices).unwrap(), raw);
    }

    #[test]
    fn one_unreadable_entry_is_left_out_and_the_rest_kept() {
        let good = serde_json::to_string(&SavedOffice::of(&record(), saved_at())).unwrap();
        let raw = format!(r#"[42, {good}, {{"id": "x"}}, "text"]"#);
        let list = decode(&raw).unwrap();
        assert_eq!(list.offices.len(), 1);
        assert_eq!(list.offices[0].id, "IR-23-00001");
        assert_eq!(list.unreadable, 3);
    }

    #[test]
    fn a_bad_record_costs_only_the_offline_copy() {
        let entry = |office: &str| {
            format!(
                r#"{{"province_id":"IR-23","id":"IR-23-00001","name_fa":"ف","name_en":"E","office":{office},"saved_at":"2026-12-01T07:30:15Z"}}"#
            )
        };
        let other = RECORD.replace("IR-23-00001", "IR-23-00002");
        let invalid = RECORD.replace(r#""lat": 35.7"#, r#""lat": 135.7"#);
        let raw = format!(
            "[{}, {}, {}, {}]",
            entry(r#"{"id": "IR-23-00001"}"#),
            entry(&other),
            entry(&invalid),
            entry("null")
        );
        let list = decode(&raw).unwrap();
        assert_eq!(list.offices.len(), 4);
        assert!(list.offices.iter().all(|s| s.office.is_none()));
        assert!(list.offices.iter().all(|s| s.saved_at == Some(saved_at())));
        // `null` is no record, not a bad one.
        assert_eq!(list.records_dropped, 3);
        assert_eq!(list.unreadable, 0);
    }

    #[test]
    fn an_unreadable_date_is_no_date() {
        let raw = r#"[{"province_id":"P","id":"I","name_fa":"ف","name_en":"E","saved_at":"yesterday"},
                      {"province_id":"P","id":"J","name_fa":"ف","name_en":"E","saved_at":7}]"#;
        let list = decode(raw).unwrap();
        assert_eq!(list.offices.len(), 2);
        assert!(list.offices.iter().all(|s| s.saved_at.is_none()));
    }

    #[test]
    fn unknown_fields_and_unreadable_entries_survive_a_write() {
        let raw = r#"[{"province_id":"IR-23","id":"A","name_fa":"ف","name_en":"E","pinned":true,"office":{"id":"A","v":2},"saved_at":"later"},
                      {"v2_entry":{"kind":"place"}}, 7]"#;
        let (text, next) = apply(Some(raw), |l| without(l, "IR-23", "nothing")).unwrap();
        assert_eq!(next.len(), 1);
        let back: Value = serde_json::from_str(&text).unwrap();
        let want: Value = serde_json::from_str(raw).unwrap();
        assert_eq!(back, want, "written back as it was");
        // Saved again, the entry keeps its unknown field and takes the new record and date.
        let fresh = SavedOffice::of(&record(), saved_at());
        let raw2 = raw.replace(r#""id":"A""#, r#""id":"IR-23-00001""#);
        let (text, _) = apply(Some(&raw2), |l| with(l, fresh.clone())).unwrap();
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back[0]["pinned"], Value::Bool(true));
        assert_eq!(back[0]["saved_at"], "2026-12-01T07:30:15Z");
        assert_eq!(back[0]["office"]["phone"], "021-8812 3456");
        assert_eq!(back[1], serde_json::json!({"v2_entry":{"kind":"place"}}));
        assert_eq!(back[2], 7);
    }

    #[test]
    fn a_newer_version_is_never_written_over() {
        let v2 = r#"{"version":2,"offices":[{"ref":"IR-23/A"}]}"#;
        assert_eq!(decode(v2), Err(StoreError::Newer(2)));
        let fresh = SavedOffice::of(&record(), saved_at());
        assert_eq!(
            apply(Some(v2), |l| with(l, fresh.clone())),
            Err(StoreError::Newer(2))
        );
        for raw in ["{not json", r#"{"version":1}"#, "null"] {
            assert_eq!(
                apply(Some(raw), |l| l.to_vec()),
                Err(StoreError::Unreadable),
                "{raw}"
            );
        }
    }

    #[test]
    fn two_tabs_saving_add_to_each_other() {
        let one = SavedOffice::of(&record(), saved_at());
        let mut other = record();
        other.id = "IR-23-00002".into();
        let two = SavedOffice::of(&other, saved_at());
        // Tab A saves 1; tab B, which read the list before, saves 2 on the list as stored now.
        let (after_a, _) = apply(None, |l| with(l, one.clone())).unwrap();
        let (after_b, list) = apply(Some(&after_a), |l| with(l, two.clone())).unwrap();
        assert_eq!(list, vec![one.clone(), two.clone()]);
        assert_eq!(decode(&after_b).unwrap().offices, vec![one, two]);
    }

    #[test]
    fn a_value_that_is_not_a_list_is_an_error() {
        for raw in ["{not json", "{}", "null", "\"x\"", "[1,"] {
            assert!(decode(raw).is_err(), "{raw}");
        }
        assert_eq!(decode("[]").unwrap(), SavedList::default());
    }

    #[test]
    fn saving_again_replaces_in_place_and_removing_leaves_the_others() {
        let old = |id: &str| SavedOffice {
            province_id: "IR-23".into(),
            id: id.into(),
            name_fa: "ف".into(),
            name_en: "E".into(),
            office: None,
            saved_at: None,
            extra: Map::new(),
        };
        let list = vec![old("IR-23-00009"), old("IR-23-00001"), old("IR-23-00003")];
        let fresh = SavedOffice::of(&record(), saved_at());
        let next = with(&list, fresh.clone());
        assert_eq!(next.len(), 3);
        assert_eq!(next[1], fresh);
        let added = with(&list[..1], fresh.clone());
        assert_eq!(added.len(), 2);
        assert_eq!(added[1], fresh);
        let rest = without(&next, "IR-23", "IR-23-00001");
        assert_eq!(rest, vec![old("IR-23-00009"), old("IR-23-00003")]);
        assert_eq!(without(&rest, "IR-25", "IR-23-00009").len(), 2);
    }
}
