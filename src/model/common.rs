use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Defines a string enumeration of the contract that keeps unknown values as `Other(String)`.
macro_rules! open_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value this version of the app does not know; shown as "other".
            Other(String),
        }

        impl $name {
            /// Every known value, in contract order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            /// The wire form of this value.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $text,)+
                    $name::Other(raw) => raw.as_str(),
                }
            }

            /// Parses the wire form; unknown text becomes `Other`.
            pub fn parse(raw: &str) -> Self {
                match raw {
                    $($text => $name::$variant,)+
                    other => $name::Other(other.to_string()),
                }
            }

            /// Whether this is a value the contract defines.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                Ok($name::parse(&raw))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use open_enum;

/// A point on the earth, WGS 84 degrees.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

impl LatLon {
    /// Whether the coordinates are finite and inside the valid degree ranges.
    pub fn is_valid(&self) -> bool {
        self.lat.is_finite()
            && self.lon.is_finite()
            && (-90.0..=90.0).contains(&self.lat)
            && (-180.0..=180.0).contains(&self.lon)
    }

    /// Whether the point is in Iran's bounding box (with a margin of about 50 km): where an
    /// office or a place of this data can be. A point elsewhere is a bad record.
    pub fn in_iran(&self) -> bool {
        self.is_valid() && (24.0..=40.5).contains(&self.lat) && (43.5..=63.8).contains(&self.lon)
    }
}

/// A latitude/longitude bounding box.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BBox {
    pub min_lat: f64,
    pub min_lon: f64,
    pub max_lat: f64,
    pub max_lon: f64,
}

impl BBox {
    /// Whether the box is made of valid coordinates with min ≤ max.
    pub fn is_valid(&self) -> bool {
        LatLon {
            lat: self.min_lat,
            lon: self.min_lon,
        }
        .is_valid()
            && LatLon {
                lat: self.max_lat,
                lon: self.max_lon,
            }
            .is_valid()
            && self.min_lat <= self.max_lat
            && self.min_lon <= self.max_lon
    }
}

/// A time of day in Iran local time, stored as minutes after midnight; `HH:MM` on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay(u16);

impl TimeOfDay {
    /// Builds a time from hours and minutes; `None` when out of range (24:00 is allowed as end of day).
    pub fn new(hour: u16, minute: u16) -> Option<Self> {
        if minute < 60 && (hour < 24 || (hour == 24 && minute == 0)) {
            Some(TimeOfDay(hour * 60 + minute))
        } else {
            None
        }
    }

    /// Minutes after midnight.
    pub fn minutes(self) -> u16 {
        self.0
    }

    /// Builds a time from minutes after midnight (0..=1440).
    pub fn from_minutes(minutes: u16) -> Option<Self> {
        (minutes <= 24 * 60).then_some(TimeOfDay(minutes))
    }

    pub fn hour(self) -> u16 {
        self.0 / 60
    }

    pub fn minute(self) -> u16 {
        self.0 % 60
    }

    /// Parses strict `HH:MM`.
    pub fn parse(raw: &str) -> Option<Self> {
        let (h, m) = raw.split_once(':')?;
        if h.len() != 2 || m.len() != 2 || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        TimeOfDay::new(h.parse().ok()?, m.parse().ok()?)
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour(), self.minute())
    }
}

impl Serialize for TimeOfDay {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeOfDay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = std::borrow::Cow::<'de, str>::deserialize(d)?;
        TimeOfDay::parse(&raw).ok_or_else(|| {
            serde::de::Error::custom(format!("invalid time of day \"{raw}\", expected HH:MM"))
        })
    }
}

/// A closure period of one office (`Office.closures`), both dates inclusive.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Closure {
    #[serde(deserialize_with = "super::dates::date")]
    pub from: chrono::NaiveDate,
    #[serde(deserialize_with = "super::dates::date")]
    pub to: chrono::NaiveDate,
    #[serde(default)]
    pub reason_fa: String,
    #[serde(default)]
    pub reason_en: String,
}
