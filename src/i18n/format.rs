//! Locale-aware formatting of numbers and dates (filled in by the localisation core).
