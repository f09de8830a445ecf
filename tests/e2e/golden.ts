// The golden cases (tests/golden/cases.json), typed, for the browser tests. tests/golden.rs checks
// every expectation in the file against the app's own Rust functions; the specs check what the
// pages show against the same expectations, so no spec carries its own copy of a rule (distance,
// search folding, licence flags, opening hours, alphabetical order).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type LatLon = { lat: number; lon: number };

export type LicenceFlagCase = {
  name: string;
  today: string;
  dormant_after_days: number;
  /** The case's own fields; the rest come from `licence_flags.base`. */
  licence: Record<string, unknown> & { number: string };
  dormant: boolean;
  days_overdue: number | null;
  expiring: boolean;
  days_left: number | null;
};

export type Golden = {
  haversine_km: { name: string; a: LatLon; b: LatLon; km: number; tolerance_km: number }[];
  fold: { input: string; output: string }[];
  licence_flags: { base: Record<string, unknown>; cases: LicenceFlagCase[] };
  /** Facts of the deterministic sample dataset that follow from the rules. */
  sample: {
    today: string;
    dormant_after_days: number;
    /** The offices nearest to `origin` within `radius_km`, nearest first, over every province. */
    near_me: { origin: LatLon; radius_km: number; nearest: { id: string; km: number }[] };
    /** How many offices of `province` the finder's search for `query` finds. */
    search: { province: string; query: string; count: number };
    registry: {
      province: string;
      /** Dormant licences in the province's register. */
      dormant: number;
      /** The first dormant licence (in document order) that no office was ever opened under. */
      dormant_without_office: { number: string; days_overdue: number };
      /** A registry view (its query parameters): how many rows it lists and the first one. */
      view: Record<string, string>;
      view_count: number;
      view_first: string;
    };
    /** Dormant licences in the whole country. */
    national_dormant: number;
    /** Offices of `province` offering `service` that are open at `at`. */
    open_now: { province: string; service: string; at: string; count: number };
    /** Lists of names as the UI shows them (src/domain/collate.rs). */
    collation: {
      /** Every province's Persian name, in Persian alphabetical order. */
      provinces_fa: string[];
      /** Every province's English name, in the English UI's order. */
      provinces_en: string[];
      /** The place chooser's city list of `province` in the Persian UI. */
      cities: { province: string; fa: string[] };
      /** A city of `province`'s register spelled several ways (`spellings`): the registry's city
       * filter shows it once, as `name`, with `count` licences, and filtering by it lists them all. */
      registry_city: { province: string; name: string; count: number; spellings: string[] };
    };
  };
};

export const GOLDEN: Golden = JSON.parse(
  readFileSync(join(__dirname, '..', 'golden', 'cases.json'), 'utf8'),
) as Golden;

/** A licence record of a flag case, as the API would publish it. */
export function goldenLicence(c: LicenceFlagCase): Record<string, unknown> {
  return { ...GOLDEN.licence_flags.base, ...c.licence };
}
